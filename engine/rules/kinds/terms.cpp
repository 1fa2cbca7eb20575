#include "kinds/terms.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace wfof {
namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string escape(std::string_view s) {
  // Only what is special to a regex: other tools given the same patterns
  // (the benchmark's ripgrep) refuse needless escapes such as "\\-".
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Words of grammar, not content: they take no inflection ("the" is not
// "thing", "not" is not "noted").
bool uninflected(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a",    "about", "after", "all",   "also",  "an",   "and",   "any",  "are",   "as",   "at",    "be",    "been",
      "being", "but",  "by",    "can",   "could", "did",  "do",    "does", "down",  "each", "every", "for",   "from",
      "had",  "has",   "have",  "he",    "her",   "his",  "if",    "in",   "into",  "is",   "it",    "its",   "may",
      "might", "more", "most",  "must",  "no",    "nor",  "not",   "now",  "of",    "off",  "on",    "one",   "or",
      "our",  "out",   "over",  "own",   "she",   "should", "so",  "some", "such",  "than", "that",  "the",   "their",
      "them", "then",  "there", "these", "they",  "this", "those", "to",   "too",   "under", "up",   "upon",  "was",
      "we",   "were",  "what",  "when",  "where", "which", "while", "who", "whom",  "whose", "will", "with",  "within",
      "without", "would", "yet", "you",  "your"};
  for (auto k : kWords)
    if (k == w) return true;
  return false;
}

// British and American spellings of one form, as a regex piece:
// -ise/-ize (and -isation), -our/-or, -ence/-ense.
std::string spelling(const std::string& form) {
  std::string out = escape(form);
  for (std::string_view suffix : {"isation", "isations", "ise", "ises", "ised", "ising", "iser", "isers"}) {
    if (form.size() > suffix.size() + 1 && form.ends_with(suffix)) {
      std::string stem = escape(form.substr(0, form.size() - suffix.size()));
      return stem + "i[sz]" + std::string(suffix.substr(2));
    }
  }
  for (std::string_view suffix : {"our", "ours", "oured", "ouring"}) {
    if (form.size() > suffix.size() + 2 && form.ends_with(suffix)) {
      std::string stem = escape(form.substr(0, form.size() - suffix.size()));
      return stem + "ou?" + std::string(suffix.substr(2));
    }
  }
  return out;
}

void expand(const std::string& term, const Lexicons& lexicons, std::vector<std::string>& out,
            std::vector<std::string>& stack, std::string& error) {
  if (term.empty()) return;
  // A phrase keeps its lexicon words ("@anti_corruption @team"): the
  // phrase builder expands them in place.
  if (term[0] != '@' || term.find(' ') != std::string::npos) {
    out.push_back(term);
    return;
  }
  std::string name = term.substr(1);
  auto it = lexicons.find(name);
  if (it == lexicons.end()) {
    error = "unknown lexicon '@" + name + "' (define it under 'lexicons')";
    return;
  }
  if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
    error = "lexicon '@" + name + "' refers to itself";
    return;
  }
  stack.push_back(name);
  for (const auto& t : it->second) {
    expand(t, lexicons, out, stack, error);
    if (!error.empty()) return;
  }
  stack.pop_back();
}

}  // namespace

std::vector<std::string> word_forms(std::string_view w) {
  std::string word(w);
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  if (word.ends_with("=")) return {word.substr(0, word.size() - 1)};
  std::vector<std::string> f{word};
  if (uninflected(word)) return f;
  const std::size_t n = word.size();
  if (n < 3 || !std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isalpha(c); })) return f;
  const char last = word[n - 1], before = word[n - 2];
  if (last == 'y' && !vowel(before)) {  // policy, apply
    std::string stem = word.substr(0, n - 1);
    f.insert(f.end(), {stem + "ies", stem + "ied", word + "ing"});
  } else if (last == 'e') {  // approve, issue
    std::string stem = word.substr(0, n - 1);
    f.insert(f.end(), {word + "s", word + "d", stem + "ing"});
  } else if (last == 's' || last == 'x' || last == 'z' || word.ends_with("sh") || word.ends_with("ch")) {
    f.insert(f.end(), {word + "es", word + "ed", word + "ing"});
  } else {
    f.insert(f.end(), {word + "s", word + "ed", word + "ing"});
    // refer -> referred, plan -> planned: a final consonant after one vowel.
    if (!vowel(last) && last != 'w' && last != 'x' && last != 'y' && vowel(before) && n >= 3 && !vowel(word[n - 3]))
      f.insert(f.end(), {word + last + "ed", word + last + "ing"});
  }
  return f;
}

namespace {

// The regex alternatives for `terms` (word forms, spellings, lexicons
// expanded; a lexicon word inside a phrase becomes a group of that
// lexicon's alternatives), longest first so that a phrase wins over its
// first word. `stack` holds the lexicons being expanded, against loops.
std::vector<std::string> alternatives(const std::vector<std::string>& terms, const Lexicons& lexicons,
                                      std::vector<std::string>& stack, std::string& error) {
  std::vector<std::string> flat;
  for (const auto& t : terms) {
    expand(t, lexicons, flat, stack, error);
    if (!error.empty()) return {};
  }
  std::set<std::string> unique;
  for (const auto& term : flat) {
    std::string piece;
    std::size_t i = 0;
    bool first = true;
    while (i < term.size()) {
      while (i < term.size() && term[i] == ' ') ++i;
      std::size_t e = term.find(' ', i);
      if (e == std::string::npos) e = term.size();
      if (e == i) break;
      std::string word = term.substr(i, e - i);
      std::string alt;
      if (word[0] == '@') {
        std::string name = word.substr(1);
        auto it = lexicons.find(name);
        if (it == lexicons.end()) error = "unknown lexicon '@" + name + "' (define it under 'lexicons')";
        else if (std::find(stack.begin(), stack.end(), name) != stack.end()) error = "lexicon '@" + name + "' refers to itself";
        if (!error.empty()) return {};
        stack.push_back(name);
        auto inner = alternatives(it->second, lexicons, stack, error);
        stack.pop_back();
        if (!error.empty()) return {};
        for (const auto& a : inner) alt += (alt.empty() ? "" : "|") + a;
      } else {
        for (const auto& form : word_forms(word)) alt += (alt.empty() ? "" : "|") + spelling(form);
      }
      // Inside a phrase the words may be joined by a space or a hyphen.
      if (!first) piece += "[ -]";
      piece += "(?:" + alt + ")";
      first = false;
      i = e;
    }
    if (!piece.empty()) unique.insert(piece);
  }
  std::vector<std::string> sorted(unique.begin(), unique.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return sorted;
}

}  // namespace

std::string terms_pattern(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error) {
  std::vector<std::string> stack;
  auto sorted = alternatives(terms, lexicons, stack, error);
  if (!error.empty()) return "";
  if (sorted.empty()) {
    error = "no terms";
    return "";
  }
  std::string out = "\\b(?:";
  for (std::size_t i = 0; i < sorted.size(); ++i) out += (i ? "|" : "") + sorted[i];
  return out + ")\\b";
}

}  // namespace wfof
