// libFuzzer target: reading a web page. Any bytes are read as HTML
// (libxml2 recovers from anything); every unit's to_source() must lie in
// the source, start <= end, and the span's bytes must be there to quote.
// Only wfof::Error may escape. Without libxml2 in the build, every input is
// that error.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "document.hpp"
#include "fuzz_support.hpp"
#include "structure.hpp"

namespace {

void check_range(const wfof::Document& doc, wfof::Range r) {
  const wfof::SourceSpan s = doc.to_source(r);
  FUZZ_CHECK(s.start <= s.end);
  FUZZ_CHECK(s.end <= doc.original().size());
  FUZZ_CHECK(s.line >= 1 && s.column >= 1 && s.end_line >= s.line);
  (void)doc.source_text(s);
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
    doc.emplace(wfof::Document::from_file_bytes("fuzz.html", bytes));
  } catch (const wfof::Error& e) {
    FUZZ_CHECK(!e.diagnostics().empty());
    return 0;
  }
  const std::size_t n = doc->normalised().size();
  for (std::size_t p = 0; p < n; p += 1 + n / 64) check_range(*doc, wfof::Range{p, p + 1});
  auto pm = wfof::read_structure(*doc, wfof::fuzz::project_checklist().profiles);
  for (const auto& v : {&pm.units.items, &pm.units.paragraphs, &pm.units.sentences})
    for (const auto& r : *v) check_range(*doc, r);
  return 0;
}
