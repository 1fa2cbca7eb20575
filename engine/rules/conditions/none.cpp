// `none: [a, b]`: no named matcher matches in the unit. It offers no
// evidence: what is absent cannot be quoted.
#include "conditions/condition.hpp"

namespace wfof {
namespace {

class NonePart final : public ConditionPart {
 public:
  explicit NonePart(MatcherRefs refs) : refs_(std::move(refs)) {}
  // Absence is never ruled out by the prefilter: it can only confirm it.
  bool possible(const UnitMatches&) const override { return true; }
  bool holds(const UnitMatches& unit, Candidates&) const override {
    for (std::size_t m : refs_.index)
      if (unit.may_match(m) && !unit.hits(m).empty()) return false;
    return true;
  }
  std::string describe(const Rule&) const override { return describe_refs("none", refs_); }

 private:
  MatcherRefs refs_;
};

class NoneKind final : public ConditionKind {
 public:
  std::string_view key() const override { return "none"; }
  std::string_view summary() const override { return "none of these matchers matches in the unit"; }
  bool tests_matches() const override { return true; }
  void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const override {
    auto refs = read_matcher_refs(ctx, value, key());
    if (!refs.names.empty()) c.parts.push_back(std::make_shared<NonePart>(std::move(refs)));
  }
};

}  // namespace

const ConditionKind& none_kind() {
  static const NoneKind kind;
  return kind;
}

}  // namespace wfof
