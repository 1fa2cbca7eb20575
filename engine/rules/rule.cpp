#include "rule.hpp"

#include <algorithm>

#include "checklist.hpp"

namespace wfof {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::partial: return "partial";
    case Verdict::gap: return "gap";
  }
  return "?";
}
const char* to_string(Basis b) { return b == Basis::evidence ? "evidence" : "absence"; }
const char* to_string(Polarity p) {
  switch (p) {
    case Polarity::any: return "any";
    case Polarity::affirmed: return "affirmed";
    case Polarity::negated: return "negated";
  }
  return "?";
}
const char* to_string(UnitKind u) {
  switch (u) {
    case UnitKind::clause: return "clause";
    case UnitKind::sentence: return "sentence";
    case UnitKind::item: return "item";
    case UnitKind::paragraph: return "paragraph";
    case UnitKind::section: return "section";
    case UnitKind::document: return "document";
  }
  return "?";
}
const char* to_string(Severity s) {
  switch (s) {
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(const std::string& s) {
  if (s == "pass") return Verdict::pass;
  if (s == "partial") return Verdict::partial;
  if (s == "gap") return Verdict::gap;
  return std::nullopt;
}

std::optional<UnitKind> parse_unit(const std::string& s) {
  if (s == "sentence") return UnitKind::sentence;
  if (s == "item") return UnitKind::item;
  if (s == "paragraph") return UnitKind::paragraph;
  if (s == "section") return UnitKind::section;
  if (s == "clause") return UnitKind::clause;
  if (s == "document") return UnitKind::document;
  return std::nullopt;
}

bool Matcher::has_capture(const std::string& name) const {
  if (computed) return std::find(roles.begin(), roles.end(), name) != roles.end();
  for (const auto& re : compiled)
    if (re && re->NamedCapturingGroups().count(name)) return true;
  return false;
}

const Matcher* Rule::matcher(const std::string& name) const {
  for (const auto& m : matchers)
    if (m.name == name) return &m;
  return nullptr;
}

const ChecklistItem* Checklist::item(const std::string& item_id) const {
  for (const auto& i : items)
    if (i.id == item_id) return &i;
  return nullptr;
}

}  // namespace wfof
