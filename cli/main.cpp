// wfof: a thin shell over the engine. Each command lives in its own file.
#include <cstring>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "input/input.hpp"
#include "version.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"check", cmd_check, "[PATH...]", "check files and folders; write results and reports"},
      {"validate", cmd_validate, "[RULES...]", "load rules and checklist, report every problem"},
      {"test", cmd_test, "[RULES...]", "run the rules' inline tests and the fixtures' expectations"},
      {"explain", cmd_explain, "--rule ID FILE", "show, clause by clause, how a rule decided a document"},
      {"list", cmd_list, "[rules|items|coverage]", "list the rules, the checklist items, or uncovered items"},
      {"merge", cmd_merge, "RESULTS.json...", "merge the JSON results of shards (check --shard K/N)"},
      {"report", cmd_report, "RESULTS.json...", "render any format from saved JSON results (no document read again)"},
      {"inspect", cmd_inspect, "FILE", "show how a document's sections and subject were found"},
      {"diff", cmd_diff, "OLD.json NEW.json", "what improved, regressed, is new or gone between two runs"},
      {"config", cmd_config, "", "print the resolved configuration (.wfof.yaml) and where each value came from"},
      {"completion", cmd_completion, "bash|zsh", "print a shell completion script", true},
      {"man", cmd_man, "", "print the man page (roff)", true},
  };
  return table;
}

}  // namespace wfof::cli

namespace {

std::string usage() {
  std::string out = "usage: wfof <command> [options]\n\n"
                    "Checks findings documents against YAML compliance rules and a checklist.\n\ncommands:\n";
  for (const auto& c : wfof::cli::commands()) {
    if (c.hidden) continue;
    std::string head = "  " + std::string(c.name) + (c.synopsis.empty() ? "" : " " + std::string(c.synopsis));
    if (head.size() > 26) head += "\n" + std::string(27, ' ');
    else head.resize(27, ' ');
    out += head + std::string(c.summary) + "\n";
  }
  out += "\nRun 'wfof <command> --help' for a command's options.\n"
         "Exit codes: 0 checked, nothing at or above --fail-on; 1 findings at or above it;\n"
         "2 could not check (bad usage, bad rules or checklist, unreadable input).\n"
         "Reads: " + wfof::input::describe_formats() + ".\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace wfof::cli;
  if (argc < 2) {
    std::cerr << usage();
    return kCannotCheck;
  }
  std::string cmd = argv[1];
  if (cmd == "help" && argc > 2) {  // wfof help CMD: the command's own --help
    std::string name = argv[2], flag = "--help";
    char* args[] = {name.data(), flag.data(), nullptr};
    for (const auto& c : commands())
      if (c.name == name) return c.run(2, args, argv[0]);
    cmd = name;  // unknown: reported below, with the nearest command
  } else if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << usage();
    return kOk;
  }
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    // One line, the version second (scripts cut it out): then what this
    // build reads, since HTML and PDF support are optional at build time.
    std::cout << "wfof " << wfof::kVersion << " (reads " << wfof::input::describe_formats() << ")\n";
    return kOk;
  }
  std::vector<std::string_view> names;
  for (const auto& c : commands()) {
    names.push_back(c.name);
    if (c.name != cmd) continue;
    try {
      return c.run(argc - 1, argv + 1, argv[0]);
    } catch (const wfof::Error& e) {
      print_error(e);
      return kCannotCheck;
    } catch (const std::exception& e) {
      std::cerr << "wfof: error: " << e.what() << "\n";
      return kCannotCheck;
    }
  }
  std::cerr << "wfof: error: unknown command '" << cmd << "'";
  if (auto near = wfof::nearest(cmd, names); !near.empty()) std::cerr << "; did you mean '" << near << "'?";
  std::cerr << "\n" << usage();
  return kCannotCheck;
}
