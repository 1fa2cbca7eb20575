// Condition kinds: each key of a condition (`all`, `any`, `none`, `within`,
// `where`, ...) is one unit, in its own file, registered in one place
// (registry.cpp). A kind reads its key's value into the Condition, usually
// as a ConditionPart; the evaluator asks each part of a condition, unit by
// unit, whether it may hold (prefilter), whether it holds and what evidence
// it offers, and whether one choice of that evidence satisfies it. Adding a
// kind is one new file, one line in registry.cpp, its examples in
// tests/unit/conditions_test.cpp, and its entries in
// schemas/rule-file.schema.json and rules/README.md.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml_tree.hpp"

#include "expression.hpp"
#include "match.hpp"
#include "rule.hpp"
#include "yaml_reader.hpp"

namespace wfof {

// One unit of a document (a clause, sentence, item, ...) as a part sees it:
// its matchers' matches there, by index into the rule's matchers.
class UnitMatches {
 public:
  virtual ~UnitMatches() = default;
  // Whether matcher `m` may match in the unit, by the prefilter alone
  // (nothing is searched): false means it certainly does not.
  virtual bool may_match(std::size_t m) const = 0;
  // Matcher `m`'s matches in the unit that may be evidence (advice and
  // matches of the wrong polarity set aside), in text order.
  virtual std::vector<const Hit*> hits(std::size_t m) const = 0;
};

// The evidence a condition's parts offer in a unit: per matcher, the
// matches one of which will be chosen.
using Candidates = std::vector<std::pair<std::size_t, std::vector<const Hit*>>>;

// The matchers a part needs to be possible in a unit: `every` one of
// them, or (`every` false) one of them at least. Empty: none (the part is
// possible anywhere).
struct Triggers {
  std::vector<std::size_t> matchers;
  bool every = false;
};

class ConditionPart {
 public:
  virtual ~ConditionPart() = default;
  // False when the part cannot hold in the unit whatever a search finds
  // (the prefilter's answer); true when it may.
  virtual bool possible(const UnitMatches& unit) const = 0;
  // What possible() asks of the unit's matchers, so that the evaluator can
  // visit only the units where a part may hold instead of asking every
  // unit: possible() must be false wherever these may not match.
  virtual Triggers triggers() const { return {}; }
  // Whether the part holds in the unit as far as the presence of matches
  // goes; appends the matches it offers as evidence.
  virtual bool holds(const UnitMatches& unit, Candidates& out) const = 0;
  // Whether one choice of the evidence satisfies the part (a comparison
  // of its figures); `look` reads a capture of the chosen matches. Lines
  // for `explain` go to `trace` when it is set.
  virtual bool accepts(const Expression::Lookup& look, std::vector<std::string>* trace) const {
    (void)look;
    (void)trace;
    return true;
  }
  // Whether the evidence the part offers can define `capture`, so that a
  // comparison or a message may name it.
  virtual bool defines(const Rule& rule, const std::string& capture) const {
    (void)rule;
    (void)capture;
    return false;
  }
  // How `explain` shows the part ("all [policy, social]"); empty: not shown.
  virtual std::string describe(const Rule& rule) const = 0;
};

// What a kind may use while reading: the file (errors at positions), the
// rule so far (its matchers are read before its conditions), and the set
// of matcher names conditions use (for the unused-matcher check).
struct ConditionContext {
  YamlReader& y;
  const Rule& rule;
  std::set<std::string>& used;
  std::string_view what;  // "a 'pass' clause", "'when'": for messages
};

class ConditionKind {
 public:
  virtual ~ConditionKind() = default;
  // The key that selects the kind, and its one-line description.
  virtual std::string_view key() const = 0;
  virtual std::string_view summary() const = 0;
  // Whether the kind names matchers whose presence it tests: a condition
  // needs at least one such key.
  virtual bool tests_matches() const { return false; }
  // Reads `value` (the key's value) into `c`; errors go to ctx.y. Kinds are
  // read in registry order, so a kind may look at the parts before it.
  virtual void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const = 0;
};

// Every kind, in the order they are read and documented.
const std::vector<const ConditionKind*>& condition_kinds();
const ConditionKind* condition_kind(std::string_view key);

// The kinds themselves (one file each).
const ConditionKind& all_kind();
const ConditionKind& any_kind();
const ConditionKind& none_kind();
const ConditionKind& within_kind();
const ConditionKind& where_kind();

// Reads a condition: a mapping of kind keys (plus `extra` keys the caller
// reads itself, such as a clause's `message`), or a single matcher name as
// shorthand for `all: [name]`.
Condition read_condition(ConditionContext& ctx, const yaml::Node& n, std::initializer_list<std::string_view> extra = {});

// Whether some part of `c` defines `capture`.
bool defines(const Condition& c, const Rule& rule, const std::string& capture);

// Checks a capture named by a comparison, message or metric value read
// with condition `c`: `matcher.capture` must name a matcher of the rule
// with that capture; a bare name must be defined by some part of `c`.
// Errors are recorded at `at`.
void check_capture(ConditionContext& ctx, const Condition& c, const std::string& ref, const yaml::Node& at);

// For kinds that name matchers: the names at `at` (a name or a list),
// resolved to indices into ctx.rule's matchers; an undefined name is an
// error at its position, with the nearest defined name when one is close.
struct MatcherRefs {
  std::vector<std::string> names;
  std::vector<std::size_t> index;  // parallel to names; unresolved names are left out of neither (index = size())
};
MatcherRefs read_matcher_refs(ConditionContext& ctx, const yaml::Node& at, std::string_view key);
std::string describe_refs(std::string_view key, const MatcherRefs& refs);
// Whether some named matcher's matches can carry `capture`.
bool refs_define(const Rule& rule, const MatcherRefs& refs, const std::string& capture);

}  // namespace wfof
