#include "kinds/terms.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace wfof {
namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void append_escaped(std::string& out, std::string_view s) {
  // Only what is special to a regex: other tools given the same patterns
  // (the benchmark's ripgrep) refuse needless escapes such as "\\-".
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
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
// -our/-or). Views into the form and static text.
struct Variant {
  std::string_view stem, rest, a, b, regex;
};

std::optional<Variant> variant(std::string_view form) {
  for (std::string_view suffix : {"isation", "isations", "ise", "ises", "ised", "ising", "iser", "isers"})
    if (form.size() > suffix.size() + 1 && form.ends_with(suffix))
      return Variant{form.substr(0, form.size() - suffix.size()), suffix.substr(2), "is", "iz", "i[sz]"};
  for (std::string_view suffix : {"our", "ours", "oured", "ouring"})
    if (form.size() > suffix.size() + 2 && form.ends_with(suffix))
      return Variant{form.substr(0, form.size() - suffix.size()), suffix.substr(2), "ou", "o", "ou?"};
  return std::nullopt;
}

// The longest run of word characters in `sp`; empty when there is none
// or `sp` has a byte outside ASCII (which case folding may match with an
// ASCII letter, or the reverse): then no word is known.
std::string_view longest_word(std::string_view sp) {
  std::string_view best;
  for (std::size_t i = 0; i < sp.size();) {
    if (static_cast<unsigned char>(sp[i]) >= 0x80) return {};
    if (!word_byte(static_cast<unsigned char>(sp[i]))) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < sp.size() && word_byte(static_cast<unsigned char>(sp[e]))) ++e;
    if (e - i > best.size()) best = sp.substr(i, e - i);
    i = e;
  }
  return best;
}

// One form, in both its spellings: its regex piece appended to `regex`;
// the whole words every text matching it contains (the longest run of
// word characters of each spelling, lower case) appended to `words`, or
// `words` reset when a spelling has none.
void add_form(std::string_view form, std::string& regex, std::optional<WordKeys::Slot>& words) {
  const auto v = variant(form);
  if (v) {
    append_escaped(regex, v->stem);
    regex += v->regex;
    regex += v->rest;
  } else {
    append_escaped(regex, form);
  }
  if (!words) return;
  auto add = [&](std::string_view spelt) {
    const std::string_view best = longest_word(spelt);
    if (best.empty()) return false;
    std::string& w = words->emplace_back(best);
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return true;
  };
  const bool known = v ? add(std::string(v->stem).append(v->a).append(v->rest)) &&
                             add(std::string(v->stem).append(v->b).append(v->rest))
                       : add(form);
  if (!known) words.reset();
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

// The alternatives for a list of terms (word forms, spellings, lexicons
// expanded; a lexicon word inside a phrase becomes a group of that
// lexicon's alternatives), longest first so that a phrase wins over its
// first word. One per terms list: it remembers the group each lexicon
// makes inside a phrase, which phrases repeat ("@acu @team", "@acu
// @staff").
class Alternatives {
 public:
  Alternatives(const Lexicons& lexicons, std::string& error) : lexicons_(lexicons), error_(error) {}

  std::vector<Alternative> of(const std::vector<std::string>& terms) {
    std::vector<std::string> flat;
    for (const auto& t : terms) {
      expand(t, lexicons_, flat, stack_, error_);
      if (!error_.empty()) return {};
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
        const Group* g = group(std::string_view(term).substr(i, e - i));
        if (!g) return {};
        if (g->words && !g->words->empty()) slots.push_back(*g->words);
        // Inside a phrase the words may be joined by a space or a hyphen.
        if (!first) piece += "[ -]";
        piece += "(?:";
        piece += g->regex;
        piece += ')';
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

 private:
  // One word of a phrase as a group: its alternatives, and the whole
  // words (sorted, once each) one of which any match contains; none when
  // some alternative has none.
  struct Group {
    std::string regex;
    std::optional<WordKeys::Slot> words = WordKeys::Slot{};
  };

  // The group for `word` (a plain word's lives until the next call); null
  // (and error_ set) for an unknown or circular lexicon.
  const Group* group(std::string_view word) {
    if (word[0] != '@') {
      scratch_ = Group{};
      for (const auto& form : word_forms(word)) {
        if (!scratch_.regex.empty()) scratch_.regex += '|';
        add_form(form, scratch_.regex, scratch_.words);
      }
      finish(scratch_);
      return &scratch_;
    }
    std::string name(word.substr(1));
    // A lexicon that expanded once expands the same way again, loops
    // included: had it reached a lexicon being expanded now, that one
    // would have reached it back, a loop found the first time.
    if (auto it = memo_.find(name); it != memo_.end()) return &it->second;
    auto it = lexicons_.find(name);
    if (it == lexicons_.end()) error_ = "unknown lexicon '@" + name + "' (define it under 'lexicons')";
    else if (std::find(stack_.begin(), stack_.end(), name) != stack_.end()) error_ = "lexicon '@" + name + "' refers to itself";
    if (!error_.empty()) return nullptr;
    stack_.push_back(name);
    const auto inner = of(it->second);
    stack_.pop_back();
    if (!error_.empty()) return nullptr;
    Group g;
    for (const auto& a : inner) {
      if (!g.regex.empty()) g.regex += '|';
      g.regex += a.regex;
      // Each of the lexicon's terms has its first known word here.
      if (a.slots.empty()) g.words.reset();
      else if (g.words) g.words->insert(g.words->end(), a.slots.front().begin(), a.slots.front().end());
    }
    finish(g);
    return &memo_.emplace(std::move(name), std::move(g)).first->second;
  }

  static void finish(Group& g) {
    if (!g.words) return;
    std::sort(g.words->begin(), g.words->end());
    g.words->erase(std::unique(g.words->begin(), g.words->end()), g.words->end());
  }

  const Lexicons& lexicons_;
  std::string& error_;
  std::vector<std::string> stack_;  // the lexicons being expanded, against loops
  std::map<std::string, Group> memo_;
  Group scratch_;
};

}  // namespace

TermsPattern terms_compile(const std::vector<std::string>& terms, const Lexicons& lexicons, std::string& error) {
  auto sorted = Alternatives(lexicons, error).of(terms);
  if (!error.empty()) return {};
  if (sorted.empty()) {
    error = "no terms";
    return {};
  }
  TermsPattern out;
  out.regex = "\\b(?:";
  bool known = true;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i) out.regex += '|';
    out.regex += sorted[i].regex;
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
