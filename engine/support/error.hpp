// The one exception type of the engine: every user-facing failure carries the
// file and, where there is one, the position, so the CLI can print
// `path:line:col: error: message` without knowing where it came from.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace wfof {

// A problem found in an input file. line/col are 1-based; 0 means unknown.
// byte_offset is set for document errors where a line is meaningless
// (binary data, bad UTF-8).
struct Diagnostic {
  std::string path;
  std::size_t line = 0;
  std::size_t col = 0;
  std::string message;

  // Renders as `path:line:col: error: message` (or `path: error: message`).
  std::string str() const;
};

// Thrown when an input cannot be used. Holds one or more diagnostics so a
// loader can report every problem in a file in one run.
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  explicit Error(std::vector<Diagnostic> ds);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

}  // namespace wfof
