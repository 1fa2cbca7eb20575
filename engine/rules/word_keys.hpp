// What any match of a pattern must contain, in words, when the kind that
// wrote the pattern knows it (terms do: they are words). The evaluator's
// word prefilter reads it to skip the text a pattern cannot match without
// running a regex; RE2 still decides every match.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wfof {

// A text can hold a match only if, for some alternative, each of its slots
// has one of its words in the text as a whole word: a maximal run of ASCII
// letters, digits and '_', compared in lower case. (A regex's \b is ASCII
// too, so a word the pattern spells out is such a run wherever it
// matches.) An empty list of alternatives says nothing is known.
struct WordKeys {
  using Slot = std::vector<std::string>;           // lower-case words, any one of which
  std::vector<std::vector<Slot>> alternatives;     // every slot of some alternative
  // Something is known only if every alternative has a slot: one with
  // none could match anywhere.
  bool known() const {
    if (alternatives.empty()) return false;
    for (const auto& a : alternatives)
      if (a.empty()) return false;
    return true;
  }
};

// A byte of a whole word as WordKeys mean it: an ASCII letter, digit or
// '_', as a regex's \b reads a word. Both sides use this one: the kind
// that writes the keys, the prefilters that read texts.
constexpr bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether `text` has a character that case folding matches with an ASCII
// letter (the Kelvin sign with k, the long s with s): there, words read as
// ASCII cannot tell what a case-insensitive pattern matches.
inline bool folds_to_ascii(std::string_view text) {
  return text.find("\xE2\x84\xAA") != std::string_view::npos || text.find("\xC5\xBF") != std::string_view::npos;
}

}  // namespace wfof
