// `pattern`: RE2 patterns (a string or a list of alternatives), with named
// captures read as numbers, and `totals` for "all but N" forms. The escape
// hatch when no kind at the level of the prose fits.
#include "kinds/registry.hpp"
#include "literal_program.hpp"

namespace wfof {
namespace {

class PatternKind : public MatcherKind {
 public:
  std::string_view key() const override { return "pattern"; }
  std::string_view summary() const override {
    return "RE2 patterns with named captures; the escape hatch when no other kind fits";
  }
  std::vector<std::string_view> options() const override { return {"totals", "case_sensitive"}; }

  void read(KindContext& ctx, const yaml::Node& node, Matcher& m) const override {
    yaml::Node patterns;
    bool case_sensitive = false;
    if (node.IsMap()) {
      patterns.reset(node["pattern"]);
      if (auto c = node["case_sensitive"])
        if (auto b = ctx.y.boolean(c, "'case_sensitive'")) case_sensitive = *b;
      if (auto t = node["totals"]) {
        if (ctx.y.is_map(t, "'totals'"))
          for (const auto& kv : t)
            if (auto v = ctx.y.scalar(kv.second, "a total")) m.totals[kv.first.Scalar()] = *v;
      }
    } else {
      patterns.reset(node);  // shorthand: name: 'regex' or name: [alternatives]
    }
    m.case_sensitive = case_sensitive;
    if (!patterns.IsDefined() || patterns.IsNull()) return;
    m.patterns = ctx.y.string_list(patterns, "'pattern'");
    if (m.patterns.empty()) ctx.y.error(Code::E014, patterns, "matcher '" + m.name + "' has no pattern");
    for (std::size_t i = 0; i < m.patterns.size(); ++i) {
      const yaml::Node at = patterns.IsSequence() ? patterns[i] : patterns;
      m.patterns[i] = ctx.expand(m.patterns[i], at);
      // Literal text is searched by its literal program, built when first
      // searched; RE2 would compile it here only to check its syntax.
      if (LiteralProgram::accepts(m.patterns[i])) {
        m.compiled.push_back(nullptr);
        m.lazy = true;
        continue;
      }
      m.compiled.push_back(ctx.compile(m.patterns[i], case_sensitive, at));
    }
    auto has = [&](const std::string& g) {
      for (const auto& re : m.compiled)
        if (re && re->NamedCapturingGroups().count(g)) return true;
      return false;
    };
    for (const auto& [cap, total] : m.totals)
      for (const auto& g : {cap, total})
        if (!has(g))
          ctx.y.error(Code::E025, node["totals"], "'totals' names capture '" + g + "', which no pattern of matcher '" + m.name + "' defines");
  }
};

}  // namespace

const MatcherKind& pattern_kind() {
  static const PatternKind k;
  return k;
}

}  // namespace wfof
