// wfof: a thin shell over the engine. Each command lives in its own file.
#include <cstring>
#include <iostream>

#include "common.hpp"
#include "version.hpp"

namespace {

const char* kUsage = R"(usage: wfof <command> [options]

Checks findings documents against YAML compliance rules and a checklist.

commands:
  check [PATH...]          check files and folders; write results and reports
  validate [RULES...]      load rules and checklist, report every problem
  test [RULES...]          run the rules' inline tests and the fixtures' expectations
  explain --rule ID FILE   show, clause by clause, how a rule decided a document
  list [rules|items|coverage]
                           list the rules, the checklist items, or uncovered items
  merge RESULTS.json...    merge the JSON results of shards (check --shard K/N)
  inspect FILE             show how a document's sections and subject were found

Run 'wfof <command> --help' for a command's options.
Exit codes: 0 checked, nothing at or above --fail-on; 1 findings at or above it;
2 could not check (bad usage, bad rules or checklist, unreadable input).
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace wfof::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kCannotCheck;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return kOk;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "wfof " << wfof::kVersion << "\n";
    return kOk;
  }
  try {
    if (cmd == "check") return cmd_check(argc - 1, argv + 1, argv[0]);
    if (cmd == "validate") return cmd_validate(argc - 1, argv + 1, argv[0]);
    if (cmd == "test") return cmd_test(argc - 1, argv + 1, argv[0]);
    if (cmd == "explain") return cmd_explain(argc - 1, argv + 1, argv[0]);
    if (cmd == "list") return cmd_list(argc - 1, argv + 1, argv[0]);
    if (cmd == "merge") return cmd_merge(argc - 1, argv + 1, argv[0]);
    if (cmd == "inspect") return cmd_inspect(argc - 1, argv + 1, argv[0]);
  } catch (const wfof::Error& e) {
    print_error(e);
    return kCannotCheck;
  } catch (const std::exception& e) {
    std::cerr << "wfof: error: " << e.what() << "\n";
    return kCannotCheck;
  }
  std::cerr << "wfof: error: unknown command '" << cmd << "'\n" << kUsage;
  return kCannotCheck;
}
