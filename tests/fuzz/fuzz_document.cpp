// libFuzzer target: the document reader and segmenter. Reads the input with
// Document::from_bytes, applies the project checklist's profiles (which
// re-segments it), and checks every unit: ranges lie within the normalised
// view, and to_source() of each maps into the original bytes with
// start <= end. Only wfof::Error may escape from_bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>

#include "document.hpp"
#include "fuzz_support.hpp"
#include "structure.hpp"

namespace {

void check_range(const wfof::Document& doc, wfof::Range r) {
  const std::size_t n = doc.normalised().size();
  FUZZ_CHECK(r.begin <= r.end);
  FUZZ_CHECK(r.end <= n);
  (void)doc.text(r);
  const wfof::SourceSpan s = doc.to_source(r);
  FUZZ_CHECK(s.start <= s.end);
  FUZZ_CHECK(s.end <= doc.original().size());
  FUZZ_CHECK(s.line >= 1 && s.column >= 1 && s.end_line >= s.line);
  (void)doc.source_text(s);
}

void check_units(const wfof::Document& doc, const wfof::Units& units) {
  const std::size_t n = doc.normalised().size();
  std::size_t prev_end = 0;
  for (const auto& s : units.sections) {
    check_range(doc, s.range);
    FUZZ_CHECK(s.range.begin >= prev_end);  // sorted, non-overlapping
    prev_end = s.range.end;
  }
  // Items are sorted too (the evaluator searches them).
  for (std::size_t i = 1; i < units.items.size(); ++i) FUZZ_CHECK(units.items[i - 1].begin < units.items[i].begin);
  for (const auto& v : {&units.items, &units.paragraphs, &units.sentences})
    for (const auto& r : *v) {
      check_range(doc, r);
      FUZZ_CHECK(r.size() > 0);
    }
  // Items and sentences lie within some paragraph.
  for (const auto& v : {&units.items, &units.sentences})
    for (const auto& r : *v) {
      const auto& ps = units.paragraphs;  // in text order
      auto it = std::upper_bound(ps.begin(), ps.end(), r.begin,
                                 [](std::size_t b, const wfof::Range& p) { return b < p.begin; });
      FUZZ_CHECK(it != ps.begin() && std::prev(it)->contains(r));
    }
  // Single positions, the empty range at the end, and a range past it.
  for (std::size_t p = 0; p < n; p += 1 + n / 64) check_range(doc, wfof::Range{p, p + 1});
  check_range(doc, wfof::Range{n, n});
  (void)doc.to_source(wfof::Range{n, n + 10});
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)wfof::fuzz::project_checklist();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::optional<wfof::Document> doc;
  try {
    doc.emplace(wfof::Document::from_bytes("fuzz.txt", bytes));
  } catch (const wfof::Error& e) {
    FUZZ_CHECK(!e.diagnostics().empty());
    return 0;
  }
  FUZZ_CHECK(doc->original() == bytes);
  check_units(*doc, doc->whole());
  auto pm = wfof::read_structure(*doc, wfof::fuzz::project_checklist().profiles);
  if (pm.subject) FUZZ_CHECK(!pm.subject->empty());
  check_units(*doc, pm.units);
  return 0;
}
