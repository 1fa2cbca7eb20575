// `terms`: words and phrases at the level of the prose, matching their
// inflections and spelling variants, and lexicons by name ('@approve').
// They compile to one pattern, so they cost what a pattern costs and feed
// the prefilter the same way.
#include "kinds/registry.hpp"

namespace wfof {
namespace {

class TermsKind : public MatcherKind {
 public:
  std::string_view key() const override { return "terms"; }
  std::string_view summary() const override {
    return "words and phrases in any inflection and spelling, and lexicons by name (@name)";
  }
  std::vector<std::string_view> options() const override { return {}; }

  void read(KindContext& ctx, const yaml::Node& node, Matcher& m) const override {
    auto terms = compile_terms(ctx, node["terms"], "matcher '" + m.name + "'");
    if (terms.pattern.empty()) return;
    m.patterns.push_back(terms.pattern);
    m.compiled.push_back(terms.re);
    m.lazy = !terms.re;
    m.keys.push_back(std::move(terms.keys));
  }
};

}  // namespace

const MatcherKind& terms_kind() {
  static const TermsKind k;
  return k;
}

}  // namespace wfof
