// Checked access to YAML: every read that fails records a diagnostic at the
// node's position (file:line:col) and carries on, so a loader can report
// every problem in a file in one run.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml_tree.hpp"

#include "error.hpp"
#include "rule.hpp"

namespace wfof {

class YamlReader {
 public:
  // Parses `path` (throws Error for an unreadable file, malformed YAML, or a
  // document that expands past a size bound, e.g. an alias bomb).
  explicit YamlReader(std::string path);
  YamlReader(std::string path, std::string_view text);  // for tests and inline use

  const yaml::Node& root() const { return root_; }
  const std::string& path() const { return path_; }

  // Records a diagnostic with catalogue code `code` at `at` (a node without
  // a mark, such as an empty file's root, is at 1:1); `help`, when given,
  // replaces the catalogue's help (e.g. "did you mean 'x'?").
  void error(Code code, const yaml::Node& at, std::string message, std::string help = {});
  void error(Code code, const yaml::Mark& at, std::string message, std::string help = {});
  // The same with a secondary position ("first defined here").
  void error(Code code, const yaml::Node& at, std::string message, const SourcePos& first);
  // Without a code (for code written before the catalogue): invalid-value.
  [[deprecated("give the diagnostic a code from diagnostics.def")]] void error(const yaml::Node& at, std::string message) {
    error(Code::E015, at, std::move(message), std::string());
  }
  // The node's position; 1:1 for a node without a mark.
  SourcePos pos(const yaml::Node& n) const;

  // Records an error for each key of `map` not in `allowed`, suggesting the
  // nearest allowed key when one is close. Returns false if any was unknown.
  bool check_keys(const yaml::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what);
  bool check_keys(const yaml::Node& map, const std::vector<std::string_view>& allowed, std::string_view what);

  bool is_map(const yaml::Node& n, std::string_view what);
  std::optional<std::string> scalar(const yaml::Node& n, std::string_view what);
  std::optional<std::string> required_string(const yaml::Node& map, const char* key, std::string_view what);
  std::optional<std::string> optional_string(const yaml::Node& map, const char* key, std::string_view what);
  // A string or a list of strings.
  std::vector<std::string> string_list(const yaml::Node& n, std::string_view what);
  std::optional<bool> boolean(const yaml::Node& n, std::string_view what);
  std::optional<long long> integer(const yaml::Node& n, std::string_view what);

  std::vector<Diagnostic>& diagnostics() { return diags_; }

 private:
  void guard_size(const yaml::Node& n, std::size_t depth, std::size_t& count);
  std::string path_;
  yaml::Node root_;
  std::vector<Diagnostic> diags_;
};

// Reads a YAML file's text, refusing missing files, folders and files over
// the size bound, with messages naming the file.
std::string read_yaml_file(const std::string& path);

// The allowed word nearest to `word` (edit distance), or "" if none is close.
std::string nearest(std::string_view word, const std::vector<std::string_view>& allowed);
inline std::string nearest(std::string_view word, std::initializer_list<std::string_view> allowed) {
  return nearest(word, std::vector<std::string_view>(allowed));
}

}  // namespace wfof
