// The commands of wfof, registered in one place (main.cpp): the dispatch,
// the top-level help, the shell completions and the man page all read it.
#pragma once
#include <string_view>
#include <vector>

namespace wfof::cli {

struct Command {
  std::string_view name;
  int (*run)(int argc, char** argv, const char* argv0);
  std::string_view synopsis;  // after the name, as in the top-level help
  std::string_view summary;
  bool hidden = false;        // not in the help (generators of the help's own kind)
};

const std::vector<Command>& commands();

int cmd_completion(int argc, char** argv, const char* argv0);
int cmd_man(int argc, char** argv, const char* argv0);
int cmd_config(int argc, char** argv, const char* argv0);

}  // namespace wfof::cli
