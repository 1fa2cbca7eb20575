#include "negation.hpp"

#include <algorithm>
#include <cctype>

namespace wfof {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || static_cast<unsigned char>(c) >= 0x80; }

// Case-insensitive search for `phrase` as whole words in text[from, to);
// returns the last occurrence's start.
std::optional<std::size_t> rfind_words(std::string_view text, std::size_t from, std::size_t to,
                                       std::string_view phrase) {
  if (phrase.empty() || to < from + phrase.size()) return std::nullopt;
  for (std::size_t i = to - phrase.size() + 1; i-- > from;) {
    bool eq = true;
    for (std::size_t k = 0; k < phrase.size() && eq; ++k)
      eq = std::tolower(static_cast<unsigned char>(text[i + k])) ==
           std::tolower(static_cast<unsigned char>(phrase[k]));
    if (!eq) continue;
    bool left = i == 0 || !word_char(text[i - 1]) || !word_char(phrase.front());
    std::size_t e = i + phrase.size();
    bool right = e >= text.size() || !word_char(text[e]) || !word_char(phrase.back());
    if (left && right) return i;
  }
  return std::nullopt;
}

}  // namespace

NegationConfig NegationConfig::defaults() {
  NegationConfig c;
  c.cues = {"not",      "no",        "never",     "n't",       "did not",  "does not",
            "has not",  "have not",  "had not",   "not everyone", "without", "failed to",
            "fails to", "yet to",    "none",      "nor",       "neither",  "cannot",
            "unable to", "lack of",  "lacks",     "absence of", "nobody",  "no one"};
  c.terminators = {"but", "however", "although", "though", "whereas", "except", "which", "who"};
  return c;
}

std::optional<NegationCue> find_negation(std::string_view text, std::size_t match_begin,
                                         const NegationConfig& config) {
  match_begin = std::min(match_begin, text.size());
  // Clause start: after the last hard punctuation or terminator word.
  std::size_t start = 0;
  for (std::size_t i = match_begin; i-- > 0;) {
    char c = text[i];
    if (c == ';' || c == ':' || c == '(' || c == ')' || c == '\n' ||
        (c == '-' && i > 0 && i + 1 < text.size() && text[i - 1] == ' ' && text[i + 1] == ' ')) {
      start = i + 1;
      break;
    }
  }
  for (const auto& t : config.terminators) {
    if (auto p = rfind_words(text, start, match_begin, t)) start = std::max(start, *p + t.size());
  }
  // Window: at most N words back from the match.
  std::size_t words = 0, w = match_begin;
  while (w > start) {
    std::size_t k = w;
    while (k > start && text[k - 1] == ' ') --k;
    std::size_t j = k;
    while (j > start && text[j - 1] != ' ') --j;
    if (j == k) break;
    if (++words > config.window_words) { start = k; break; }
    w = j;
  }
  std::optional<NegationCue> best;
  for (const auto& cue : config.cues) {
    if (auto p = rfind_words(text, start, match_begin, cue)) {
      // The cue nearest the match wins; of cues ending together, the longest
      // ("did not" over "not").
      std::size_t end = *p + cue.size();
      if (!best || end > best->end || (end == best->end && *p < best->begin)) best = NegationCue{*p, end, cue};
    }
  }
  return best;
}

}  // namespace wfof
