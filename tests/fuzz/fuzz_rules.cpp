// libFuzzer target: the rule loader (load_rules_text) against the project
// checklist. Rules that load are then used as `wfof test` uses them: each
// inline test's text is evaluated by its rule, with a trace. Only
// wfof::Error may escape the loader and the document reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document.hpp"
#include "evaluator.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)wfof::fuzz::project_checklist();
  return 0;
}

// Rule files worth fuzzing are small; a large input only repeats what a
// small one reaches, at a hundredth of the speed (scripts/fuzz.sh also
// passes -max_len).
constexpr std::size_t kMaxInput = 4096;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const wfof::Checklist& checklist = wfof::fuzz::project_checklist();
  std::vector<wfof::Rule> rules;
  try {
    rules = wfof::load_rules_text("fuzz-rules.yaml", text, checklist);
  } catch (const wfof::Error& e) {
    FUZZ_CHECK(!e.diagnostics().empty());
    for (const auto& d : e.diagnostics()) (void)d.str();
    return 0;
  }
  FUZZ_CHECK(!rules.empty());
  wfof::Evaluator ev(checklist, std::move(rules));
  for (const auto& rule : ev.rules()) {
    for (const auto& t : rule.tests) {
      try {
        wfof::Document doc = wfof::Document::from_bytes("fuzz-test", t.text);
        std::vector<std::string> trace;
        auto out = ev.evaluate(rule, doc, wfof::whole_text(doc), &trace);
        for (const auto& e : out.result.evidence) {
          FUZZ_CHECK(e.span.start <= e.span.end && e.span.end <= doc.original().size());
        }
      } catch (const wfof::Error&) {
        // An empty or blank test text: the document reader refuses it.
      }
    }
  }
  return 0;
}
