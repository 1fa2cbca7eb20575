// libFuzzer target: a checklist file. Covers the YAML guards, the checklist
// loader (load_checklist_text: items, metrics, document profiles with their
// anchors, subject rules and regexes) and its diagnostics (each must
// render). A checklist that loads is then used as a checklist is used: its
// profiles are applied (read_structure) to a small fixed document, and
// every section must lie within it. Only wfof::Error may escape the loader.
//
// Left out for speed: inputs over 4 KB, and inputs with more than
// fuzz::kMaxAliases alias references (see there).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "document.hpp"
#include "fuzz_support.hpp"
#include "structure.hpp"

constexpr std::size_t kMaxInput = 4096;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (wfof::fuzz::yaml_alias_count(text) > wfof::fuzz::kMaxAliases) return 0;
  wfof::Checklist c;
  try {
    c = wfof::load_checklist_text("fuzz-checklist.yaml", text);
  } catch (const wfof::Error& e) {
    FUZZ_CHECK(!e.diagnostics().empty());
    for (const auto& d : e.diagnostics()) (void)d.str();
    return 0;
  }
  FUZZ_CHECK(c.path == "fuzz-checklist.yaml");
  // Run the loaded profiles over a document shaped like the ones they are
  // written for; every section they produce must lie within the text.
  static const wfof::Document base = wfof::Document::from_bytes(
      "fuzz-doc.txt",
      "Northshire Police\n\nIn 2012, HMIC revisited forces.\n\n"
      "In Northshire Police, HMIC found that:\n\n- the force has a gifts policy;\n- 3 of 4 staff were trained.\n\n"
      "HM Inspector Jane Doe said: \"Good.\"\n\nNotes to editors\n\n1. The full report is online.\n");
  const wfof::Document& doc = base;
  auto pm = wfof::read_structure(doc, c.profiles);
  const std::size_t n = doc.normalised().size();
  for (const auto& s : pm.units.sections) FUZZ_CHECK(s.range.begin <= s.range.end && s.range.end <= n);
  if (pm.profile) FUZZ_CHECK(pm.profile >= c.profiles.data() && pm.profile < c.profiles.data() + c.profiles.size());
  return 0;
}
