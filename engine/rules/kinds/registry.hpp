// Matcher kinds: each is one unit (its own file) that reads its YAML form
// into a Matcher, registered in one place (registry.cpp). The loader finds
// a matcher's kind by the key it is written with (`pattern:`, `terms:`,
// `quantity:`); a bare string or list is a pattern. Adding a kind is one
// new file, one line in registry.cpp, its examples in tests/unit, and its
// entries in schemas/rule-file.schema.json and rules/README.md.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaml_tree.hpp"

#include "kinds/terms.hpp"
#include "rule.hpp"
#include "yaml_reader.hpp"

namespace wfof {

// What a kind may use while reading: the file (for errors at positions),
// the rule set's lexicons, fragment expansion and interned compilation.
struct KindContext {
  YamlReader& y;
  const Lexicons& lexicons;
  // Expands {{fragment}} references in a pattern written at `at`.
  std::function<std::string(const std::string& pattern, const yaml::Node& at)> expand;
  // Compiles a pattern (shared with identical ones); records an error at
  // `at` and returns null when RE2 rejects it.
  std::function<std::shared_ptr<const RE2>(const std::string& pattern, bool case_sensitive, const yaml::Node& at)> compile;
};

class MatcherKind {
 public:
  virtual ~MatcherKind() = default;
  // The key that selects the kind, and its one-line description.
  virtual std::string_view key() const = 0;
  virtual std::string_view summary() const = 0;
  // The other keys the kind accepts in a matcher's mapping (besides its
  // own key and the shared `polarity`).
  virtual std::vector<std::string_view> options() const = 0;
  // Reads `node` (the matcher's mapping, or the bare pattern for the
  // pattern kind) into `m`; errors go to ctx.y at their positions.
  virtual void read(KindContext& ctx, const yaml::Node& node, Matcher& m) const = 0;
};

// Every kind, in the order they are documented.
const std::vector<const MatcherKind*>& matcher_kinds();
const MatcherKind* matcher_kind(std::string_view key);

// The kinds themselves (one file each).
const MatcherKind& pattern_kind();
const MatcherKind& terms_kind();
const MatcherKind& quantity_kind();

// A list of terms (a string or a list of strings) at `at`, as one compiled
// pattern (with its text, for the prefilter). Errors are recorded at `at`,
// a lexicon's prefixed with `what` ("matcher 'jobs'", "role 'approved'");
// on any, the pattern is null.
struct CompiledTerms {
  std::string pattern;
  std::shared_ptr<const RE2> re;
  WordKeys keys;  // the words every match contains
};
// Terms are valid by construction, so `re` is left null (the evaluator
// compiles it if it ever needs it) unless the pattern is so large that
// compiling it could fail: then it is compiled, and checked, now.
CompiledTerms compile_terms(KindContext& ctx, const yaml::Node& at, const std::string& what);

}  // namespace wfof
