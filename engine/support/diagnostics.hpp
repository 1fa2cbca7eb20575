// The diagnostics catalogue (diagnostics.def): a stable code per kind of
// problem, with its name, severity, summary and help. Diagnostic (error.hpp)
// carries a code; its severity and default help come from here.
#pragma once
#include <string_view>
#include <vector>

namespace wfof {

enum class Code : unsigned short {
#define WFOF_DIAGNOSTIC(id, name, severity, summary, help) id,
#include "diagnostics.def"
#undef WFOF_DIAGNOSTIC
};

enum class DiagSeverity { error, warning };

struct CodeInfo {
  Code code;
  std::string_view id;    // "E012"
  std::string_view name;  // "duplicate-rule-id"
  DiagSeverity severity;
  std::string_view summary;
  std::string_view help;
};

// Every code, in catalogue order (errors E001..., then warnings W001...).
const std::vector<CodeInfo>& diagnostic_catalogue();

// The catalogue entry of `c`.
const CodeInfo& code_info(Code c);

// "error" or "warning".
std::string_view to_string(DiagSeverity s);

}  // namespace wfof
