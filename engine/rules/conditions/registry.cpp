#include "conditions/condition.hpp"

namespace wfof {

const std::vector<const ConditionKind*>& condition_kinds() {
  static const std::vector<const ConditionKind*> kinds = {&all_kind(), &any_kind(), &none_kind(), &within_kind(),
                                                          &where_kind()};
  return kinds;
}

const ConditionKind* condition_kind(std::string_view key) {
  for (const ConditionKind* k : condition_kinds())
    if (k->key() == key) return k;
  return nullptr;
}

Condition read_condition(ConditionContext& ctx, const yaml::Node& n, std::initializer_list<std::string_view> extra) {
  Condition c;
  c.pos = ctx.y.pos(n);
  if (n.IsScalar()) {  // shorthand: a single matcher name
    all_kind().read(ctx, n, c);
    return c;
  }
  if (!ctx.y.is_map(n, ctx.what)) return c;
  std::vector<std::string_view> keys, testing;
  for (const ConditionKind* k : condition_kinds()) {
    keys.push_back(k->key());
    if (k->tests_matches()) testing.push_back(k->key());
  }
  keys.insert(keys.end(), extra.begin(), extra.end());
  ctx.y.check_keys(n, keys, ctx.what);
  // The kinds that test matches first, so that a condition testing none is
  // reported before what the others make of it.
  bool tested = false;
  for (bool testing_pass : {true, false}) {
    for (const ConditionKind* k : condition_kinds()) {
      if (k->tests_matches() != testing_pass) continue;
      auto v = n[std::string(k->key())];
      if (!v) continue;
      std::size_t before = c.parts.size();
      k->read(ctx, v, c);
      tested = tested || (testing_pass && c.parts.size() > before);
    }
    if (testing_pass && !tested) {
      std::string list;
      for (std::size_t i = 0; i < testing.size(); ++i)
        list += std::string(i == 0 ? "" : i + 1 == testing.size() ? ", " : ", ") + "'" + std::string(testing[i]) + "'";
      ctx.y.error(Code::E014, n, std::string(ctx.what) + " needs at least one of " + list);
    }
  }
  return c;
}

bool defines(const Condition& c, const Rule& rule, const std::string& capture) {
  for (const auto& p : c.parts)
    if (p->defines(rule, capture)) return true;
  return false;
}

void check_capture(ConditionContext& ctx, const Condition& c, const std::string& ref, const yaml::Node& at) {
  if (auto dot = ref.find('.'); dot != std::string::npos) {
    std::string mname = ref.substr(0, dot), cap = ref.substr(dot + 1);
    const Matcher* m = ctx.rule.matcher(mname);
    if (!m) ctx.y.error(Code::E020, at, "comparison names undefined matcher '" + mname + "'");
    else if (!m->has_capture(cap)) ctx.y.error(Code::E025, at, "matcher '" + mname + "' has no capture '" + cap + "'");
    return;
  }
  if (!defines(c, ctx.rule, ref))
    ctx.y.error(Code::E025, at, "capture '" + ref + "' is not defined by any matcher in this condition's 'all' or 'any'");
}

MatcherRefs read_matcher_refs(ConditionContext& ctx, const yaml::Node& at, std::string_view key) {
  MatcherRefs refs;
  refs.names = ctx.y.string_list(at, "'" + std::string(key) + "'");
  std::vector<std::string_view> known;
  for (const auto& m : ctx.rule.matchers) known.push_back(m.name);
  for (std::size_t i = 0; i < refs.names.size(); ++i) {
    const std::string& name = refs.names[i];
    ctx.used.insert(name);
    std::size_t k = 0;
    while (k < ctx.rule.matchers.size() && ctx.rule.matchers[k].name != name) ++k;
    refs.index.push_back(k);  // an unknown name matches nothing (and is an error)
    if (k < ctx.rule.matchers.size()) continue;
    std::string near = nearest(name, known);
    ctx.y.error(Code::E020, at.IsSequence() ? at[i] : at, "undefined matcher '" + name + "'",
                near.empty() ? std::string() : "did you mean '" + near + "'?");
  }
  return refs;
}

bool refs_define(const Rule& rule, const MatcherRefs& refs, const std::string& capture) {
  for (std::size_t m : refs.index)
    if (m < rule.matchers.size() && rule.matchers[m].has_capture(capture)) return true;
  return false;
}

std::string describe_refs(std::string_view key, const MatcherRefs& refs) {
  std::string s = std::string(key) + " [";
  for (std::size_t i = 0; i < refs.names.size(); ++i) s += (i ? ", " : "") + refs.names[i];
  return s + "]";
}

}  // namespace wfof
