// `any: [a, b]`: at least one of the named matchers matches in the unit;
// those that do offer their matches as evidence.
#include "conditions/condition.hpp"

namespace wfof {
namespace {

class AnyPart final : public ConditionPart {
 public:
  explicit AnyPart(MatcherRefs refs) : refs_(std::move(refs)) {}
  bool possible(const UnitMatches& unit) const override {
    for (std::size_t m : refs_.index)
      if (unit.may_match(m)) return true;
    return false;
  }
  Triggers triggers() const override { return {refs_.index, false}; }
  bool holds(const UnitMatches& unit, Candidates& out) const override {
    bool some = false;
    for (std::size_t m : refs_.index) {
      auto hits = unit.hits(m);
      if (hits.empty()) continue;
      some = true;
      out.emplace_back(m, std::move(hits));
    }
    return some;
  }
  bool defines(const Rule& rule, const std::string& capture) const override {
    return refs_define(rule, refs_, capture);
  }
  std::string describe(const Rule&) const override { return describe_refs("any", refs_); }

 private:
  MatcherRefs refs_;
};

class AnyKind final : public ConditionKind {
 public:
  std::string_view key() const override { return "any"; }
  std::string_view summary() const override { return "at least one of these matchers matches in the unit"; }
  bool tests_matches() const override { return true; }
  void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const override {
    auto refs = read_matcher_refs(ctx, value, key());
    if (!refs.names.empty()) c.parts.push_back(std::make_shared<AnyPart>(std::move(refs)));
  }
};

}  // namespace

const ConditionKind& any_kind() {
  static const AnyKind kind;
  return kind;
}

}  // namespace wfof
