// `quantity`: figures with the roles they play in their clause (see
// quantity.hpp). Written as
//   quantity:
//     total: applications
//     roles: {applications: ['@application'], approved: ['@approve'], refused: ['@refuse']}
//     complements: {approved: refused}
//     pair_sentences: true
// Each role's terms are also the kind's prefilter.
#include "kinds/quantity.hpp"
#include "kinds/registry.hpp"

namespace wfof {
namespace {

class QuantityKind : public MatcherKind {
 public:
  std::string_view key() const override { return "quantity"; }
  std::string_view summary() const override {
    return "a figure and the role it plays in its clause (counts, shares of a total, quantifiers, complements)";
  }
  std::vector<std::string_view> options() const override { return {}; }

  void read(KindContext& ctx, const yaml::Node& node, Matcher& m) const override {
    const yaml::Node q = node["quantity"];
    if (!ctx.y.is_map(q, "'quantity'")) return;
    ctx.y.check_keys(q, {"roles", "total", "complements", "pair_sentences", "exclude"}, "'quantity'");
    QuantitySpec spec;
    if (auto roles = q["roles"]; roles && ctx.y.is_map(roles, "'roles'")) {
      for (const auto& kv : roles) {
        // Terms are valid by construction: searched (and compiled) when
        // a document first needs them, as a terms matcher's are.
        auto terms = compile_terms(ctx, kv.second, "role '" + kv.first.Scalar() + "'");
        if (terms.pattern.empty()) continue;
        spec.roles.push_back({kv.first.Scalar(), std::make_shared<const Searcher>(terms.pattern, false, terms.re)});
        m.patterns.push_back(terms.pattern);
        m.compiled.push_back(terms.re);
        m.lazy = true;
        m.roles.push_back(kv.first.Scalar());
      }
    } else if (!q["roles"]) {
      ctx.y.error(Code::E014, q, "'quantity' needs 'roles': each role's name and its terms");
    }
    auto is_role = [&](const std::string& r) { return std::find(m.roles.begin(), m.roles.end(), r) != m.roles.end(); };
    if (auto t = ctx.y.optional_string(q, "total", "'quantity'")) {
      spec.total = *t;
      if (!is_role(*t)) ctx.y.error(Code::E025, q["total"], "'total' names '" + *t + "', which is not one of the roles");
    }
    if (auto c = q["complements"]; c && ctx.y.is_map(c, "'complements'")) {
      for (const auto& kv : c) {
        auto b = ctx.y.scalar(kv.second, "a complement");
        if (!b) continue;
        for (const auto& r : {kv.first.Scalar(), *b})
          if (!is_role(r)) ctx.y.error(Code::E025, kv.first, "'complements' names '" + r + "', which is not one of the roles");
        if (spec.total.empty()) ctx.y.error(Code::E014, kv.first, "'complements' needs a 'total'");
        spec.complements.emplace_back(kv.first.Scalar(), *b);
      }
    }
    if (auto x = q["exclude"])
      if (auto terms = compile_terms(ctx, x, "'exclude'"); !terms.pattern.empty())
        spec.exclude = std::make_shared<const Searcher>(terms.pattern, false, terms.re);
    if (auto p = q["pair_sentences"]) spec.pair_sentences = ctx.y.boolean(p, "'pair_sentences'").value_or(true);
    m.computed = std::make_shared<Quantity>(std::move(spec));
  }
};

}  // namespace

const MatcherKind& quantity_kind() {
  static const QuantityKind k;
  return k;
}

}  // namespace wfof
