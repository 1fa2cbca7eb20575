// Shared helpers for the unit tests.
#pragma once
#include <ostream>
#include <string>

#include "checklist.hpp"
#include "document.hpp"
#include "loader.hpp"

namespace wfof {
// Printable verdicts for Boost.Test messages.
inline std::ostream& operator<<(std::ostream& o, Verdict v) { return o << to_string(v); }
inline std::ostream& operator<<(std::ostream& o, Basis b) { return o << to_string(b); }
}  // namespace wfof

namespace wfof::test {

inline std::string source_path(const std::string& rel) { return std::string(WFOF_SOURCE_DIR) + "/" + rel; }

inline const Checklist& project_checklist() {
  static const Checklist c = load_checklist(source_path("checklists/wfof-2011.yaml"));
  return c;
}

// A small checklist for engine tests: two items and a profile with
// headline / findings / notes sections.
inline const char* kTestChecklist = R"(checklist:
  id: test
  title: Test checklist
  default_scope: [findings]
sections:
  - id: s
    title: S
    items:
      - {id: A-1, title: Item A}
      - {id: B-1, title: Item B}
metrics:
  - {name: count}
  - {name: label}
profiles:
  - id: test-profile
    detect: 'we found:'
    sections:
      - {name: headline, start: '\A'}
      - {name: findings, start: '^we found:'}
      - {name: notes, start: '^notes'}
    subject:
      - {section: headline, pattern: '^(?P<subject>\w+ Police)'}
)";

inline const Checklist& test_checklist() {
  static const Checklist c = load_checklist_text("test-checklist.yaml", kTestChecklist);
  return c;
}

}  // namespace wfof::test
