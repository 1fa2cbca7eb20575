// `within: sentence`: the unit a condition must hold in (default: sentence).
// It adds no part: it chooses which units the parts are asked about.
#include "conditions/condition.hpp"

namespace wfof {
namespace {

class WithinKind final : public ConditionKind {
 public:
  std::string_view key() const override { return "within"; }
  std::string_view summary() const override {
    return "the unit the condition holds in: clause, sentence (default), item, paragraph, section or document";
  }
  void read(ConditionContext& ctx, const yaml::Node& value, Condition& c) const override {
    auto s = ctx.y.scalar(value, "'within'");
    if (!s) return;
    if (auto u = parse_unit(*s)) c.within = *u;
    else ctx.y.error(Code::E015, value, "'within' must be clause, sentence, item, paragraph, section or document");
  }
};

}  // namespace

const ConditionKind& within_kind() {
  static const WithinKind kind;
  return kind;
}

}  // namespace wfof
