#include "kinds/registry.hpp"

namespace wfof {

const std::vector<const MatcherKind*>& matcher_kinds() {
  static const std::vector<const MatcherKind*> kinds = {&pattern_kind(), &terms_kind(), &quantity_kind()};
  return kinds;
}

const MatcherKind* matcher_kind(std::string_view key) {
  for (const MatcherKind* k : matcher_kinds())
    if (k->key() == key) return k;
  return nullptr;
}

CompiledTerms compile_terms(KindContext& ctx, const yaml::Node& at, const std::string& what) {
  auto terms = ctx.y.string_list(at, "'terms'");
  if (terms.empty()) {
    ctx.y.error(Code::E015, at, "a list of terms must not be empty");
    return {};
  }
  std::string error;
  CompiledTerms out;
  auto compiled = terms_compile(terms, ctx.lexicons, error);
  out.pattern = std::move(compiled.regex);
  out.keys = std::move(compiled.keys);
  if (!error.empty()) {
    ctx.y.error(error.find("lexicon") != std::string::npos ? Code::E022 : Code::E015, at, what + ": " + error);
    return {};
  }
  // Words and their forms always make a valid pattern; only size could
  // fail it (RE2's memory budget), far beyond this.
  constexpr std::size_t kLarge = 64 * 1024;
  if (out.pattern.size() > kLarge) out.re = ctx.compile(out.pattern, false, at);
  return out;
}

}  // namespace wfof
