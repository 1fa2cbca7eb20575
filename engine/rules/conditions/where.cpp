// `where: ["approved / applications >= 0.95"]`: comparisons over the
// figures of the chosen evidence; every one must hold. The evaluator tries
// choices of evidence (bounded) until one satisfies them.
#include "conditions/condition.hpp"

namespace wfof {
namespace {

class WherePart final : public ConditionPart {
 public:
  explicit WherePart(std::vector<Comparison> cmps) : cmps_(std::move(cmps)) {}
  bool possible(const UnitMatches&) const override { return true; }
  bool holds(const UnitMatches&, Candidates&) const override { return true; }
  bool accepts(const Expression::Lookup& look, std::vector<std::string>* trace) const override {
    for (const auto& cmp : cmps_) {
      auto r = cmp.evaluate(look);
      if (trace) {
        auto l = cmp.lhs.evaluate(look), rv = cmp.rhs.evaluate(look);
        trace->push_back("      where " + cmp.text + ": " + (l ? to_string(*l) : "?") + " vs " +
                         (rv ? to_string(*rv) : "?") + " -> " + (r ? (*r ? "true" : "false") : "no value"));
      }
      if (!r || !*r) return false;
    }
    return true;
  }
  std::string describe(const Rule&) const override { return ""; }  // its trace shows each comparison

 private:
  std::vector<Comparison> cmps_;
};

class WhereKind final : public ConditionKind {
 public:
  std::string_view key() const override { return "where"; }
  std::string_view summary() const override {
    return "comparisons over the captured figures of the evidence (\"approved / applications >= 0.95\")";
  }
  void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const override {
    std::vector<Comparison> cmps;
    for (const auto& text : ctx.y.string_list(value, "'where'")) {
      std::string err;
      std::size_t col = 0;
      auto cmp = Comparison::parse(text, err, col);
      if (!cmp) {
        ctx.y.error(Code::E024, value, "invalid comparison '" + text + "': " + err + " at column " + std::to_string(col + 1));
        continue;
      }
      for (const auto& ref : cmp->lhs.references()) check_capture(ctx, c, ref, value);
      for (const auto& ref : cmp->rhs.references()) check_capture(ctx, c, ref, value);
      cmps.push_back(std::move(*cmp));
    }
    if (!cmps.empty()) c.parts.push_back(std::make_shared<WherePart>(std::move(cmps)));
  }
};

}  // namespace

const ConditionKind& where_kind() {
  static const WhereKind kind;
  return kind;
}

}  // namespace wfof
