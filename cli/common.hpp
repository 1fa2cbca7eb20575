// What every wfof command shares: finding the rules and checklist, loading
// them with errors printed as `path:line:col: error:`, and the exit codes.
#pragma once
#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>

#include "checklist.hpp"
#include "error.hpp"
#include "rule.hpp"

namespace wfof::cli {

namespace po = boost::program_options;

enum Exit { kOk = 0, kFindings = 1, kCannotCheck = 2 };

struct RuleOptions {
  std::vector<std::string> rules;
  std::string checklist;
  // Where resolve_defaults() found each: "command line", a .wfof.yaml
  // position, or which default.
  std::string rules_from, checklist_from;
  // Threads the load may use (check's --jobs; the cores available
  // otherwise): the checklist and the rule files are read in parallel.
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};

// Adds --rules and --checklist.
void add_rule_options(po::options_description& desc, RuleOptions& o);

// Fills in what the command line left out: from the project's .wfof.yaml,
// else the rules/ and checklists/wfof-2011.yaml relative to the working
// directory, else the installed data directory. Throws Error for a bad config.
void resolve_defaults(RuleOptions& o, const char* argv0);

struct Loaded {
  Checklist checklist;
  std::vector<Rule> rules;
};

// Loads checklist and rules; prints every diagnostic to stderr and returns
// nullopt on failure.
std::optional<Loaded> load(const RuleOptions& o);

void print_error(const Error& e);

// Parses a subcommand's options; prints help (returns 0) or a usage error
// (returns 2) itself. Returns nullopt when the command should go on. No
// option is guessed from a prefix; an unknown option's message names the
// nearest known one. `parsed`, when given, receives the options in the
// order they were given (for options that pair up, like -f and -o).
std::optional<int> parse(const std::string& command, const std::string& usage, int argc, char** argv,
                         po::options_description& desc, po::positional_options_description* pos,
                         po::variables_map& vm, po::parsed_options* parsed = nullptr);

// When set (by `wfof completion` and `wfof man`), parse() passes each
// command's usage, options and positional arguments here and returns 0
// instead of parsing: the generated completions and man page walk the same
// option definitions as --help.
using DescribeHook = void (*)(const std::string& command, const std::string& usage,
                              const po::options_description& desc, const po::positional_options_description* pos);
extern DescribeHook describe_hook;

// Document files under `paths`: files as given, folders searched
// recursively for .txt, .md, .html, .htm and .pdf (following symlinked folders, refusing
// loops), as ripgrep walks them: hidden files and folders skipped, and what
// .gitignore and .wfofignore exclude (the folder's own and, inside a git
// repository, its parents' up to the top). Sorted, without duplicates.
// Throws Error.
std::vector<std::string> collect_documents(const std::vector<std::string>& paths);

// Set by `wfof config`: cmd_check resolves its options, prints them with
// their sources, and stops before loading anything.
extern bool show_config_only;

int cmd_check(int argc, char** argv, const char* argv0);
int cmd_validate(int argc, char** argv, const char* argv0);
int cmd_test(int argc, char** argv, const char* argv0);
int cmd_explain(int argc, char** argv, const char* argv0);
int cmd_list(int argc, char** argv, const char* argv0);
int cmd_merge(int argc, char** argv, const char* argv0);
int cmd_report(int argc, char** argv, const char* argv0);
int cmd_inspect(int argc, char** argv, const char* argv0);
int cmd_diff(int argc, char** argv, const char* argv0);

}  // namespace wfof::cli
