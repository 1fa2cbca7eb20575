// wfof report: any format rendered from saved JSON results (one run's, or
// shards' as `wfof merge` joins them), with no document read again: the
// results hold everything the reports quote.
#include <filesystem>

#include "atomic_file.hpp"
#include "formats.hpp"
#include "results_read.hpp"
#include "version.hpp"

namespace wfof::cli {

int cmd_report(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::vector<std::string> inputs, format_args, output_args, formats, outputs;
  std::string report_dir, fail_on = "gap", color = "auto", root;
  po::options_description desc("report options");
  add_rule_options(desc, ro);
  desc.add_options()
      ("results", po::value(&inputs)->composing(), "JSON results files (wfof check -f json; shards are joined as wfof merge joins them)")
      ("format,f", po::value(&format_args)->composing(), format_help().c_str())
      ("output,o", po::value(&output_args)->composing(), "output file for the --format just before it (default: stdout)")
      ("report-dir", po::value(&report_dir), "write every format into DIR (per-document Markdown too)")
      ("fail-on", po::value(&fail_on), "as for check: with 'partial', JUnit counts partials as failures")
      ("root", po::value(&root), "the folder SARIF artifact URIs are relative to (%SRCROOT%; default: the working directory)")
      ("color", po::value(&color), "auto|always|never (text; auto: only on a terminal, never with a non-empty NO_COLOR)");
  po::positional_options_description pos;
  pos.add("results", -1);
  po::variables_map vm;
  po::parsed_options parsed(&desc);
  const std::string usage =
      "RESULTS.json... (--format FORMAT [-o FILE])... | --report-dir DIR\n\n"
      "Renders reports from saved results, byte for byte as 'wfof check' writes them,\n"
      "with the same --rules and --checklist (for item titles and criteria).\n\n"
      "examples:\n  wfof report results.json -f markdown -o summary.md\n"
      "  wfof report shard-*.json -f sarif=results.sarif -f junit=results.xml\n"
      "  wfof report results.json --report-dir reports\n\n" + formats_list();
  if (auto r = parse("report", usage, argc, argv, desc, &pos, vm, &parsed)) return *r;
  auto usage_error = [&](const std::string& m) {
    std::cerr << "wfof report: error: " << m << "\n";
    return kCannotCheck;
  };
  if (inputs.empty()) return usage_error("give the JSON results files to render (wfof check -f json=results.json)");
  if (auto bad = formats_in_order(parsed, formats, outputs)) return usage_error(*bad);
  if (formats.empty() && report_dir.empty()) return usage_error("give a --format (" + writer_names() + ") or --report-dir");
  std::vector<const Writer*> writers_of;
  if (auto bad = resolve_writers(formats, writers_of)) return usage_error(*bad);
  if (fail_on != "gap" && fail_on != "partial" && fail_on != "never") return usage_error("--fail-on must be gap, partial or never");
  if (color != "auto" && color != "always" && color != "never") return usage_error("--color must be auto, always or never");
  int to_stdout = 0;
  for (const auto& o : outputs) to_stdout += o == "-";
  if (to_stdout > 1) return usage_error("only one format can go to stdout; give --output for the others");

  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  RunResult run;
  try {
    run = read_results(inputs);
  } catch (const Error& e) {
    print_error(e);
    return kCannotCheck;
  }
  if (run.checklist_id != loaded->checklist.id) {
    std::cerr << inputs.front() << ": error: results of checklist '" << run.checklist_id << "', but --checklist "
              << ro.checklist << " is '" << loaded->checklist.id << "'\n";
    return kCannotCheck;
  }
  ReportContext ctx{loaded->checklist, loaded->rules};
  ctx.partial_fails = fail_on == "partial";
  set_report_time(ctx);
  if (!root.empty()) {
    std::error_code ec;
    ctx.root = std::filesystem::absolute(root, ec).lexically_normal().string();
  }
  const char* no_color = std::getenv("NO_COLOR");
  const bool use_color = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) && !(no_color && *no_color));
  std::vector<std::pair<std::string, std::string>> files_out;
  std::string out;
  if (!report_dir.empty()) report_dir_files(run, ctx, report_dir, files_out);
  for (std::size_t k = 0; k < formats.size(); ++k) {
    ReportContext c = ctx;
    c.color = use_color && outputs[k] == "-";
    std::string content = writers_of[k]->write(run, c);
    if (outputs[k] == "-") out = std::move(content);
    else files_out.emplace_back(outputs[k], std::move(content));
  }
  for (const auto& [path, content] : files_out) write_file_atomic(path, content);
  std::cout << out << std::flush;
  // The same exit code as the run: could not check when a document could not be read.
  return run.errors.empty() ? kOk : kCannotCheck;
}

}  // namespace wfof::cli
