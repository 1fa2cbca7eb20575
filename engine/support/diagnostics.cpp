#include "diagnostics.hpp"

namespace wfof {

const std::vector<CodeInfo>& diagnostic_catalogue() {
  static const std::vector<CodeInfo> all = {
#define WFOF_DIAGNOSTIC(id, name, severity, summary, help) {Code::id, #id, name, DiagSeverity::severity, summary, help},
#include "diagnostics.def"
#undef WFOF_DIAGNOSTIC
  };
  return all;
}

const CodeInfo& code_info(Code c) { return diagnostic_catalogue()[static_cast<std::size_t>(c)]; }

std::string_view to_string(DiagSeverity s) { return s == DiagSeverity::warning ? "warning" : "error"; }

}  // namespace wfof
