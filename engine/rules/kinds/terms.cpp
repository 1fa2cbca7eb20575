#include "kinds/terms.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

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

// A form with a British and an American spelling: stem + `a` + rest or
// stem + `b` + rest, written `regex` in a pattern (-ise/-ize and -isation,
// -our/-or).
struct Variant {
  std::string stem, rest;
  std::string_view a, b, regex;
};

std::optional<Variant> variant(const std::string& form) {
  for (std::string_view suffix : {"isation", "isations", "ise", "ises", "ised", "ising", "iser", "isers"})
    if (form.size() > suffix.size() + 1 && form.ends_with(suffix))
      return Variant{form.substr(0, form.size() - suffix.size()), std::string(suffix.substr(2)), "is", "iz", "i[sz]"};
  for (std::string_view suffix : {"our", "ours", "oured", "ouring"})
    if (form.size() > suffix.size() + 2 && form.ends_with(suffix))
      return Variant{form.substr(0, form.size() - suffix.size()), std::string(suffix.substr(2)), "ou", "o", "ou?"};
  return std::nullopt;
}

// Both spellings of one form, as a regex piece.
std::string spelling(const std::string& form) {
  auto v = variant(form);
  return v ? escape(v->stem) + std::string(v->regex) + v->rest : escape(form);
}

// The whole words (WordKeys) that every text matching `form`, in either
// spelling, contains: the longest run of word characters of each
// spelling. None when a spelling has no run, or has a byte outside ASCII
// (which case folding may match with an ASCII letter, or the reverse).
std::optional<WordKeys::Slot> form_words(const std::string& form) {
  std::vector<std::string> spellings{form};
  if (auto v = variant(form)) spellings = {v->stem + std::string(v->a) + v->rest, v->stem + std::string(v->b) + v->rest};
  WordKeys::Slot out;
  for (const auto& sp : spellings) {
    std::string_view best;
    for (std::size_t i = 0; i < sp.size();) {
      if (static_cast<unsigned char>(sp[i]) >= 0x80) return std::nullopt;
      if (!word_byte(static_cast<unsigned char>(sp[i]))) { ++i; continue; }
      std::size_t e = i;
      while (e < sp.size() && word_byte(static_cast<unsigned char>(sp[e]))) ++e;
      if (e - i > best.size()) best = std::string_view(sp).substr(i, e - i);
      i = e;
    }
    if (best.empty()) return std::nullopt;
    std::string w(best);
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.push_back(std::move(w));
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

// One alternative of a terms pattern: its regex, and per word of the
// phrase the whole words a match of it contains (a word whose forms give
// none is left out; no slot at all means nothing is known).
struct Alternative {
  std::string regex;
  std::vector<WordKeys::Slot> slots;
};

// The alternatives for `terms` (word forms, spellings, lexicons expanded;
// a lexicon word inside a phrase becomes a group of that lexicon's
// alternatives), longest first so that a phrase wins over its first word.
// `stack` holds the lexicons being expanded, against loops.
std::vector<Alternative> alternatives(const std::vector<std::string>& terms, const Lexicons& lexicons,
                                      std::vector<std::string>& stack, std::string& error) {
  std::vector<std::string> flat;
  for (const auto& t : terms) {
    expand(t, lexicons, flat, stack, error);
    if (!error.empty()) return {};
  }
  std::map<std::string, std::vector<WordKeys::Slot>> unique;
  for (const auto& term : flat) {
    std::string piece;
    std::vector<WordKeys::Slot> slots;
    std::size_t i = 0;
    bool first = true;
    while (i < term.size()) {
      while (i < term.size() && term[i] == ' ') ++i;
      std::size_t e = term.find(' ', i);
      if (e == std::string::npos) e = term.size();
      if (e == i) break;
      std::string word = term.substr(i, e - i);
      std::string alt;
      std::optional<WordKeys::Slot> words = WordKeys::Slot{};
      auto add = [&](const std::optional<WordKeys::Slot>& w) {
        if (!w || !words) words.reset();
        else words->insert(words->end(), w->begin(), w->end());
      };
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
        for (const auto& a : inner) {
          alt += (alt.empty() ? "" : "|") + a.regex;
          // Each of the lexicon's terms has its first known word here.
          add(a.slots.empty() ? std::nullopt : std::optional(a.slots.front()));
        }
      } else {
        for (const auto& form : word_forms(word)) {
          alt += (alt.empty() ? "" : "|") + spelling(form);
          add(form_words(form));
        }
      }
      if (words && !words->empty()) {
        std::sort(words->begin(), words->end());
        words->erase(std::unique(words->begin(), words->end()), words->end());
        slots.push_back(std::move(*words));
      }
      // Inside a phrase the words may be joined by a space or a hyphen.
      if (!first) piece += "[ -]";
      piece += "(?:" + alt + ")";
      first = false;
      i = e;
    }
    if (!piece.empty()) unique.emplace(std::move(piece), std::move(slots));
  }
  std::vector<Alternative> sorted;
  for (auto& [regex, slots] : unique) sorted.push_back(Alternative{regex, std::move(slots)});
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Alternative& a, const Alternative& b) { return a.regex.size() > b.regex.size(); });
  return sorted;
}

}  // namespace

TermsPattern terms_compile(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error) {
  std::vector<std::string> stack;
  auto sorted = alternatives(terms, lexicons, stack, error);
  if (!error.empty()) return {};
  if (sorted.empty()) {
    error = "no terms";
    return {};
  }
  TermsPattern out;
  out.regex = "\\b(?:";
  bool known = true;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    out.regex += (i ? "|" : "") + sorted[i].regex;
    known = known && !sorted[i].slots.empty();
    out.keys.alternatives.push_back(std::move(sorted[i].slots));
  }
  out.regex += ")\\b";
  if (!known) out.keys = {};  // an alternative with no word known could match anywhere
  return out;
}

std::string terms_pattern(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error) {
  return terms_compile(terms, lexicons, error).regex;
}

}  // namespace wfof
