// wfof merge: the JSON results of shards (check --shard K/N) as one run's.
#include "atomic_file.hpp"
#include "common.hpp"
#include "results_merge.hpp"

namespace wfof::cli {

int cmd_merge(int argc, char** argv, const char*) {
  std::vector<std::string> inputs;
  std::string output = "-";
  po::options_description desc("merge options");
  desc.add_options()
      ("results", po::value(&inputs)->composing(), "JSON results files (wfof check -f json) to merge")
      ("output,o", po::value(&output), "where to write the merged JSON (default: stdout)");
  po::positional_options_description pos;
  pos.add("results", -1);
  po::variables_map vm;
  if (auto r = parse("merge", "RESULTS.json... [-o FILE]\n\nexamples:\n  wfof merge shard-1.json shard-2.json -o results.json", argc, argv, desc, &pos, vm)) return *r;
  if (inputs.empty()) {
    std::cerr << "wfof merge: error: give the JSON results files to merge\n";
    return kCannotCheck;
  }
  try {
    if (output == "-") {
      // Every file is read and checked before the first byte goes out.
      merge_results(inputs, [](std::string_view piece) { std::cout << piece; });
      std::cout << std::flush;
    } else {
      write_file_atomic(output, [&](const PieceSink& sink) { merge_results(inputs, sink); });
    }
  } catch (const Error& e) {
    print_error(e);
    return kCannotCheck;
  }
  return kOk;
}

}  // namespace wfof::cli
