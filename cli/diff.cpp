// wfof diff: what changed between two runs' JSON results (two inspection
// years, or a branch against its base), per document and item.
#include "atomic_file.hpp"
#include "common.hpp"
#include "results_diff.hpp"

namespace wfof::cli {

int cmd_diff(int argc, char** argv, const char*) {
  std::vector<std::string> inputs;
  std::string format = "text", output = "-", fail_on = "never";
  po::options_description desc("diff options");
  desc.add_options()
      ("results", po::value(&inputs)->composing(), "OLD.json NEW.json (wfof check -f json)")
      ("format,f", po::value(&format), "text|markdown|json (default text)")
      ("output,o", po::value(&output), "where to write the diff (default: stdout)")
      ("fail-on", po::value(&fail_on), "regression|never: exit 1 when any item regressed (default never)");
  po::positional_options_description pos;
  pos.add("results", -1);
  po::variables_map vm;
  if (auto r = parse("diff", "OLD.json NEW.json [options]\n\nexamples:\n  wfof diff 2012.json 2013.json\n"
                             "  wfof diff base.json head.json --format markdown -o changes.md --fail-on regression",
                     argc, argv, desc, &pos, vm))
    return *r;
  auto usage_error = [](const std::string& m) {
    std::cerr << "wfof diff: error: " << m << "\n";
    return kCannotCheck;
  };
  if (inputs.size() != 2) return usage_error("give two JSON results files, OLD and NEW (got " + std::to_string(inputs.size()) + ")");
  if (format != "text" && format != "markdown" && format != "json")
    return usage_error("unknown format '" + format + "' (text, markdown, json)");
  if (fail_on != "regression" && fail_on != "never") return usage_error("--fail-on must be regression or never");
  try {
    RunDiff d = diff_results(inputs[0], inputs[1]);
    std::string out = format == "json" ? write_diff_json(d) : format == "markdown" ? write_diff_markdown(d) : write_diff_text(d);
    if (output == "-") std::cout << out << std::flush;
    else write_file_atomic(output, out);
    return fail_on == "regression" && d.items.regressed > 0 ? kFindings : kOk;
  } catch (const Error& e) {
    print_error(e);
    return kCannotCheck;
  }
}

}  // namespace wfof::cli
