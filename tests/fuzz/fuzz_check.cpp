// libFuzzer target: a document checked as `wfof check` checks it, with the
// project checklist and rules (profiles, the RE2::Set prefilter, matching,
// negation, number captures, comparisons, metrics). Every section, evidence
// and context span must lie within the original bytes with start <= end.
// Only wfof::Error (from the document reader) may escape.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "document.hpp"
#include "evaluator.hpp"
#include "fuzz_support.hpp"

namespace {

const wfof::Evaluator& project_evaluator() {
  static const wfof::Evaluator ev = [] {
    try {
      return wfof::Evaluator(wfof::fuzz::project_checklist(),
                             wfof::load_rules({(wfof::fuzz::source_dir() / "rules").string()},
                                              wfof::fuzz::project_checklist()));
    } catch (const wfof::Error& e) {
      std::fprintf(stderr, "cannot load the project rules: %s\n", e.what());
      std::abort();
    }
  }();
  return ev;
}

void check_span(const wfof::Document& doc, const wfof::SourceSpan& s) {
  FUZZ_CHECK(s.start <= s.end);
  FUZZ_CHECK(s.end <= doc.original().size());
  FUZZ_CHECK(s.line >= 1 && s.column >= 1);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)project_evaluator();
  return 0;
}

// Findings documents are a few KB; larger inputs add time, not coverage.
constexpr std::size_t kMaxInput = 8192;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  std::optional<wfof::Document> doc;
  try {
    doc.emplace(wfof::Document::from_bytes("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size)));
  } catch (const wfof::Error&) {
    return 0;
  }
  const wfof::Evaluator& ev = project_evaluator();
  auto result = ev.check(*doc);
  FUZZ_CHECK(result.results.size() == ev.rules().size());
  for (const auto& [name, span] : result.sections) check_span(*doc, span);
  for (const auto& r : result.results) {
    for (const auto& e : r.evidence) {
      check_span(*doc, e.span);
      FUZZ_CHECK(e.text == doc->source_text(e.span));
    }
    if (r.context) check_span(*doc, r.context->span);
  }
  (void)ev.uncovered_items();
  return 0;
}
