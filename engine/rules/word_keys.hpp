// What any match of a pattern must contain, in words, when the kind that
// wrote the pattern knows it (terms do: they are words). The evaluator's
// word prefilter reads it to skip the text a pattern cannot match without
// running a regex; RE2 still decides every match.
#pragma once
#include <string>
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

}  // namespace wfof
