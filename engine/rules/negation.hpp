// NegEx-style negation: is a match inside a sentence negated by a cue that
// comes before it in the same clause? ("did not identify any cases",
// "has not yet produced a policy", "not everyone knew").
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 { class RE2; }

namespace wfof {

struct NegationConfig {
  // Phrases that negate what follows them in the same clause, matched as
  // whole words, case-insensitively (stored lower-case).
  std::vector<std::string> cues;
  // Phrases that end a clause (lower-case): a cue before them does not reach past them.
  // Punctuation ; : ( ) and sentence ends always end a clause.
  std::vector<std::string> terminators;
  // How many words before the match a cue may be (NegEx uses about five).
  std::size_t window_words = 8;
  // RE2 patterns of phrases in which a cue does not count ("how staff
  // should behave" describes a policy; it does not advise the force).
  std::vector<std::string> ignore;

  // The cues and terminators as two RE2 alternations, built by compile()
  // so each clause is scanned once rather than once per phrase.
  std::shared_ptr<const re2::RE2> cue_re, terminator_re, ignore_re;

  // Lower-cases the phrases and builds the alternations; call after changing them.
  void compile();
  // Whether compile() has run since the cues were set (no cues: nothing to compile).
  bool compiled() const { return cue_re != nullptr || cues.empty(); }
  // The built-in settings, not compiled (a rule set usually changes them
  // first): compile() before use, or find_negation compiles a copy each call.
  static NegationConfig defaults();
  // The same machinery for exhortations: "should", "must", "needs to", ...
  // with a wider window (advice governs a longer stretch of a clause).
  static NegationConfig exhortation_defaults();
};

struct NegationCue {
  std::size_t begin = 0, end = 0;  // in the text passed to find_negation
  std::string cue;
};

// Looks for a cue in text[clause start .. match_begin), where the clause
// start is the last terminator before the match, at most
// `window_words` words back. `text` is the sentence holding the match.
// Cues inside a relative clause that closes before the match (", which may
// not ..., was published") do not count.
std::optional<NegationCue> find_negation(std::string_view text, std::size_t match_begin,
                                         const NegationConfig& config);

}  // namespace wfof
