// Terms: words and phrases written the way a reader would write them, which
// match their inflections and British/American spellings without the rule
// author listing them ("approve" matches approves, approved, approving;
// "policy" matches policies; "authorise" matches authorize). A term that
// starts with '@' names a lexicon: a set of synonyms defined once for the
// whole rule set. A lexicon word inside a phrase ("@anti_corruption @team")
// stands for any of its terms there, so a phrase can combine two sets.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "word_keys.hpp"

namespace wfof {

// Lexicons by name: each a list of terms (which may name other lexicons).
using Lexicons = std::map<std::string, std::vector<std::string>>;

// The forms a single lower-case word takes: itself, plural / third person,
// past, present participle, with the spelling variants above. A word
// written with a trailing '=' ("us=") stands for itself only.
std::vector<std::string> word_forms(std::string_view word);

// An RE2 pattern (no flags; the caller compiles it case-insensitively) that
// matches any of `terms`, each word of a phrase in any of its forms, words
// separated by a space or a hyphen, on word boundaries. Lexicon references
// are expanded from `lexicons`; an unknown or circular one is reported in
// `error` (and the result is empty).
std::string terms_pattern(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error);

// The same pattern with the words every match of it contains (for the
// word prefilter): per alternative, per word of the phrase, its forms as
// whole words (for a lexicon inside a phrase, a word of each of its terms).
struct TermsPattern {
  std::string regex;
  WordKeys keys;
};
TermsPattern terms_compile(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error);

}  // namespace wfof
