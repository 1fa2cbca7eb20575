// The one exception type of the engine: every user-facing failure carries the
// file, the position and a stable code from the diagnostics catalogue
// (diagnostics.def), so the CLI can print
// `path:line:col: error[E012]: message` without knowing where it came from.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "diagnostics.hpp"

namespace wfof {

// A second place a diagnostic points to ("first defined here").
struct RelatedPos {
  RelatedPos(std::string p, std::size_t l, std::size_t c, std::string what = "first defined here")
      : path(std::move(p)), line(l), col(c), label(std::move(what)) {}
  std::string path;
  std::size_t line = 0;
  std::size_t col = 0;
  std::string label = "first defined here";
};

// A problem found in an input file. line/col are 1-based. Every problem
// with a file's content has a position (a whole-file one is at 1:1); only a
// path that cannot be opened at all has none (line 0).
struct Diagnostic {
  Diagnostic() = default;
  Diagnostic(std::string p, std::size_t l, std::size_t c, std::string m, Code k = Code::E015,
             std::optional<RelatedPos> r = std::nullopt, std::string h = {})
      : path(std::move(p)), line(l), col(c), message(std::move(m)), code(k), related(std::move(r)), help(std::move(h)) {}
  std::string path;
  std::size_t line = 0;
  std::size_t col = 0;
  std::string message;
  Code code = Code::E015;
  std::optional<RelatedPos> related;  // the secondary position, if any
  std::string help;                   // help about this occurrence ("did you mean 'x'?"), if any

  DiagSeverity severity() const { return code_info(code).severity; }

  // Renders as `path:line:col: error[E012]: message` (`warning[W003]` for a
  // warning; `path: error[E001]: ...` without a position), followed by
  // `  note: LABEL at path:line:col` for a secondary position and
  // `  help: ...` for help about this occurrence.
  std::string str() const;
};

// Diagnostics in file order (path, line, column), stable for equal places.
void sort_diagnostics(std::vector<Diagnostic>& ds);

// Thrown when an input cannot be used. Holds one or more diagnostics so a
// loader can report every problem in a file in one run (warnings among
// them are reported too, but only errors cause the throw).
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  explicit Error(std::vector<Diagnostic> ds);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

// True if any of `ds` is an error (not only warnings).
bool has_errors(const std::vector<Diagnostic>& ds);

}  // namespace wfof
