#include "error.hpp"

namespace wfof {

std::string Diagnostic::str() const {
  std::string out = path;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (col > 0) out += ":" + std::to_string(col);
  }
  out += ": error: " + message;
  return out;
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
