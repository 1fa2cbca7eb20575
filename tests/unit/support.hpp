// Shared helpers for the unit tests.
#pragma once
#include <ostream>
#include <string>

#include "checklist.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "structure.hpp"
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

// Evaluates the single rule in `yaml` on `text` with the test checklist,
// unscoped (as inline tests are).
struct Run {
  std::vector<Rule> rules;
  std::unique_ptr<Evaluator> ev;
  RuleOutcome out;
  std::vector<std::string> trace;
  Run(const std::string& yaml, const std::string& text) {
    rules = load_rules_text("r.yaml", yaml, test_checklist());
    ev = std::make_unique<Evaluator>(test_checklist(), rules);
    Document d = Document::from_bytes("t.txt", text);
    out = ev->evaluate(ev->rules().front(), d, whole_text(d), &trace);
  }
  Verdict verdict() const { return out.result.verdict; }
  MetricValue metric(const std::string& name) const {
    for (const auto& [k, v] : out.metrics)
      if (k == name) return v;
    return {};
  }
  // The quoted text of each piece of evidence, in text order.
  std::vector<std::string> evidence() const {
    std::vector<std::string> e;
    for (const auto& ev : out.result.evidence) e.push_back(ev.text);
    return e;
  }
};

// A rule file with one rule `r` for item A-1: its matchers, verdict
// clauses and any further keys, as indented YAML.
inline std::string rule(const std::string& match, const std::string& verdicts, const std::string& extra = "") {
  return "rules:\n  - id: r\n    title: R\n    checklist: [A-1]\n    match:\n" + match + "    verdicts:\n" + verdicts +
         "    otherwise: gap\n" + extra;
}

}  // namespace wfof::test
