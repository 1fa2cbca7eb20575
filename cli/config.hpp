// The project configuration, .wfof.yaml: found upwards from the working
// directory (as .vale.ini or ruff.toml are), validated like a rule file,
// and applied under the command line: an option given there wins, then the
// config, then the built-in default. Every resolved value remembers where
// it came from, for `wfof config`.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "error.hpp"

namespace wfof::cli {

inline constexpr const char* kConfigName = ".wfof.yaml";

template <class T>
struct Configured {
  T value{};
  std::string where;  // "path:line:col" of the value in the config file
};

struct ProjectConfig {
  std::string path;  // the file, relative to the working directory
  // Paths in the file are relative to its folder; here they are already
  // relative to the working directory.
  std::optional<Configured<std::vector<std::string>>> paths, rules;
  std::optional<Configured<std::string>> checklist, fail_on, report_dir, waivers;
  // (format, output): output "-" is stdout.
  std::optional<Configured<std::vector<std::pair<std::string, std::string>>>> formats;
};

// Which file to use: `--config FILE`, or none with `--no-config`; by
// default the nearest .wfof.yaml from the working directory upwards.
// Set once, before the first project_config() call.
void choose_config(std::optional<std::string> file, bool none);

// The project's configuration (read and validated on first use), or
// nullptr when there is none. Throws Error with every problem found in it.
const ProjectConfig* project_config();

}  // namespace wfof::cli
