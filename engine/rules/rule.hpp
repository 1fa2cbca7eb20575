// The rule model: what a rule file says once loaded and checked. Rules are
// values; the patterns they hold are compiled once by the loader and shared.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <re2/re2.h>

#include "expression.hpp"
#include "negation.hpp"
#include "word_keys.hpp"

namespace wfof {

enum class Verdict { pass, partial, gap };
enum class Basis { evidence, absence };
enum class Polarity { any, affirmed, negated };
enum class UnitKind { clause, sentence, item, paragraph, section, document };
enum class Severity { low, medium, high, critical };

const char* to_string(Verdict v);
const char* to_string(Basis b);
const char* to_string(Polarity p);
const char* to_string(UnitKind u);
const char* to_string(Severity s);
// The words rule files use; nullopt for any other.
std::optional<Verdict> parse_verdict(const std::string& s);
std::optional<UnitKind> parse_unit(const std::string& s);

// Where something was written, for messages.
struct SourcePos {
  std::string file;
  std::size_t line = 0, col = 0;
};

class Computed;  // match.hpp

// A named matcher and the conditions on its matches. Every kind (kinds/)
// gives it patterns: for `pattern` and `terms` they are what is searched;
// for a computed kind (`quantity`) they are its prefilter, and `computed`
// finds the matches.
struct Matcher {
  std::string name;
  std::string kind = "pattern";
  std::vector<std::string> patterns;                   // as written (terms: as generated)
  std::vector<std::shared_ptr<const RE2>> compiled;    // one per pattern; null when `lazy`
  // Patterns valid by construction (terms) are left to the evaluator to
  // compile when a document first needs them: start-up stays small.
  bool lazy = false;
  std::vector<WordKeys> keys;                          // one per pattern, when the kind knows them (terms)
  std::shared_ptr<const Computed> computed;            // computed kinds only
  std::vector<std::string> roles;                      // captures a computed kind yields
  Polarity polarity = Polarity::any;
  bool case_sensitive = false;
  // Captures read relative to another capture of the same match:
  // {"approved": "applications"} makes "all but one" = applications - 1.
  std::map<std::string, std::string> totals;
  SourcePos pos;

  // Whether its matches can carry the named capture (a group of a
  // pattern, or a role of a computed kind).
  bool has_capture(const std::string& name) const;
};

class ConditionPart;  // conditions/condition.hpp

// Holds in some unit of kind `within` (clause, sentence, ...) when every
// part holds there: each part is what one condition kind (`all`, `any`,
// `none`, `where`, ...; see conditions/) read from its key.
struct Condition {
  UnitKind within = UnitKind::sentence;
  std::vector<std::shared_ptr<const ConditionPart>> parts;  // in registry order
  SourcePos pos;
};

// A message with {expression} placeholders over the captures of the
// matches that decided the verdict ("{approved} of {applications}
// ({approved * 100 / applications}%)").
struct Message {
  std::string text;                   // as written
  std::vector<std::string> literals;  // literals[i] comes before exprs[i]; one more than exprs
  std::vector<Expression> exprs;
  bool empty() const { return text.empty(); }
};

struct Clause {
  Verdict verdict = Verdict::gap;
  Condition condition;
  // Why this clause decides what it does. With none, the checklist item's
  // criterion for the verdict is the message: a clause never borrows the
  // words written for another verdict.
  Message message;
};

using MetricValue = std::variant<std::monostate, std::int64_t, std::string>;

// One way of reading a metric: when `when` holds, the metric is `label`, or
// the value of `value` over the captures of the matches that satisfied it.
struct MetricSource {
  Condition when;
  std::optional<Expression> value;
  std::optional<std::string> label;
};

struct Metric {
  std::string name;
  std::vector<MetricSource> sources;  // first that yields a value wins
  SourcePos pos;
};

// An inline example: `text` must get `expect` (and these metric values).
struct RuleTest {
  std::string text;
  Verdict expect = Verdict::pass;
  std::map<std::string, MetricValue> metrics;
  SourcePos pos;
};

struct Rule {
  std::string id;
  std::string title;
  std::vector<std::string> items;  // checklist item ids
  Severity severity = Severity::medium;
  std::vector<std::string> scope;  // section names; empty = whole document
  std::string message;  // the `otherwise` verdict's message (no placeholders: nothing matched)
  std::map<std::string, std::string> references;
  std::vector<Matcher> matchers;
  std::vector<Clause> clauses;
  Verdict otherwise = Verdict::gap;
  std::vector<Metric> metrics;
  std::vector<RuleTest> tests;
  NegationConfig negation;
  // Exhortation cues ("should", "must"): a match in a clause they govern is
  // advice, not a finding, and is never evidence.
  NegationConfig exhortation;
  SourcePos pos;

  const Matcher* matcher(const std::string& name) const;
};

}  // namespace wfof
