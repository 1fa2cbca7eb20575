// `all: [a, b]`: every named matcher matches in the unit; each offers its
// matches as evidence.
#include "conditions/condition.hpp"

namespace wfof {
namespace {

class AllPart final : public ConditionPart {
 public:
  explicit AllPart(MatcherRefs refs) : refs_(std::move(refs)) {}
  bool possible(const UnitMatches& unit) const override {
    for (std::size_t m : refs_.index)
      if (!unit.may_match(m)) return false;
    return true;
  }
  Triggers triggers() const override { return {refs_.index, true}; }
  bool holds(const UnitMatches& unit, Candidates& out) const override {
    for (std::size_t m : refs_.index) {
      auto hits = unit.hits(m);
      if (hits.empty()) return false;
      out.emplace_back(m, std::move(hits));
    }
    return true;
  }
  bool defines(const Rule& rule, const std::string& capture) const override {
    return refs_define(rule, refs_, capture);
  }
  std::string describe(const Rule&) const override { return describe_refs("all", refs_); }

 private:
  MatcherRefs refs_;
};

class AllKind final : public ConditionKind {
 public:
  std::string_view key() const override { return "all"; }
  std::string_view summary() const override { return "every one of these matchers matches in the unit"; }
  bool tests_matches() const override { return true; }
  void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const override {
    auto refs = read_matcher_refs(ctx, value, key());
    if (!refs.names.empty()) c.parts.push_back(std::make_shared<AllPart>(std::move(refs)));
  }
};

}  // namespace

const ConditionKind& all_kind() {
  static const AllKind kind;
  return kind;
}

}  // namespace wfof
