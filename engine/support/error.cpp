#include "error.hpp"

#include <algorithm>
#include <tuple>

namespace wfof {

std::string Diagnostic::str() const {
  const CodeInfo& info = code_info(code);
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(col > 0 ? col : 1);
  out += ": ";
  out += to_string(info.severity);
  out += "[";
  out += info.id;
  out += "]: " + message;
  if (related) {
    out += "\n  note: " + related->label + " at " + related->path;
    if (related->line > 0) out += ":" + std::to_string(related->line) + ":" + std::to_string(related->col > 0 ? related->col : 1);
  }
  // Only help about this occurrence (a suggestion) is printed; the
  // catalogue's general help is in the rule authors' guide.
  if (!help.empty()) out += "\n  help: " + help;
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.col) < std::tie(b.path, b.line, b.col);
  });
}

bool has_errors(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity() == DiagSeverity::error; });
}

static std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += "\n";
    s += d.str();
  }
  return s;
}

Error::Error(Diagnostic d) : Error(std::vector<Diagnostic>{std::move(d)}) {}
Error::Error(std::vector<Diagnostic> ds) : std::runtime_error(join(ds)), diags_(std::move(ds)) {}

}  // namespace wfof
