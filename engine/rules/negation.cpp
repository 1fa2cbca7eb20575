#include "negation.hpp"

#include "document.hpp"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>

namespace wfof {
namespace {

// `\b(a|b|...)\b` over the phrases, longest first so that at one position
// "not everyone" wins over "not".
std::shared_ptr<const re2::RE2> alternation(std::vector<std::string> phrases) {
  if (phrases.empty()) return nullptr;
  std::sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string p;
  for (const auto& ph : phrases) p += (p.empty() ? "" : "|") + re2::RE2::QuoteMeta(ph);
  re2::RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  // Phrases like "n't" do not start at a word boundary: test boundaries per match instead.
  return std::make_shared<re2::RE2>("(" + p + ")", o);
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || static_cast<unsigned char>(c) >= 0x80; }

// Whole-word occurrences of the alternation in text[from, to), each as (begin, end).
template <typename F>
void each_word_match(const re2::RE2& re, std::string_view text, std::size_t from, std::size_t to, F&& f) {
  re2::StringPiece m;
  std::size_t pos = from;
  while (pos < to && re.Match(text, pos, to, re2::RE2::UNANCHORED, &m, 1)) {
    std::size_t b = static_cast<std::size_t>(m.data() - text.data()), e = b + m.size();
    bool left = b == 0 || !word_char(text[b - 1]) || !word_char(text[b]);
    bool right = e >= text.size() || !word_char(text[e]) || !word_char(text[e - 1]);
    if (left && right && e > b) f(b, e);
    pos = b + 1;
  }
}

}  // namespace

void NegationConfig::compile() {
  for (auto* list : {&cues, &terminators})
    for (auto& phrase : *list)
      for (char& c : phrase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  cue_re = alternation(cues);
  terminator_re = alternation(terminators);
  ignore_re.reset();
  if (!ignore.empty()) {
    std::string p;
    for (const auto& i : ignore) p += (p.empty() ? "(?:" : "|(?:") + i + ")";
    re2::RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    auto re = std::make_shared<re2::RE2>(p, o);
    if (re->ok()) ignore_re = re;
  }
}

NegationConfig NegationConfig::exhortation_defaults() {
  NegationConfig c;
  c.cues = {"should", "must", "ought to", "needs to", "need to", "is urged to", "are urged to",
            "is encouraged to", "is recommended to", "would benefit from"};
  c.ignore = {R"(\b(how|what|when|where|whether|who|which)\b[^.,;]{0,60}?\b(should|must|ought to|needs? to)\b)"};
  c.terminators = {"but", "however", "although", "though", "whereas", "which", "who"};
  c.window_words = 15;
  return c;
}

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
  if (!config.cue_re) {
    NegationConfig compiled = config;
    compiled.compile();
    return compiled.cue_re ? find_negation(text, match_begin, compiled) : std::nullopt;
  }
  match_begin = std::min(match_begin, text.size());
  // Window: at most N words back from the match, and never past hard
  // clause punctuation.
  std::size_t start = match_begin, words = 0;
  while (start > 0) {
    char c = text[start - 1];
    if (c == ';' || c == ':' || c == '(' || c == ')' || c == '\n' ||
        (c == '-' && start >= 2 && start < text.size() && text[start - 2] == ' ' && text[start] == ' '))
      break;
    if (c == ' ' && start < match_begin && text[start] != ' ' && ++words >= config.window_words) break;
    --start;
  }
  // Relative clauses closed before the match (", which ... ," or ", who ... ,")
  // are asides: neither their cues nor their "which" count.
  std::vector<Range> skipped;
  // (searched from the sentence start: the aside may open before the window).
  for (std::size_t p = text.find(", wh"); p != std::string_view::npos && p < match_begin;
       p = text.find(", wh", p + 1)) {
    std::size_t close = text.find(',', p + 2);
    if (close != std::string_view::npos && close < match_begin) skipped.push_back(Range{p, close});
  }
  // Phrases in which a cue does not count.
  if (config.ignore_re) {
    // From the sentence start: a phrase that began before the window ("how
    // officers ... should") still covers its cue inside it.
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < match_begin && config.ignore_re->Match(text, pos, match_begin, re2::RE2::UNANCHORED, &m, 1)) {
      std::size_t b = static_cast<std::size_t>(m.data() - text.data());
      skipped.push_back(Range{b, b + m.size()});
      pos = b + std::max<std::size_t>(1, m.size());
    }
  }
  auto in_skipped = [&](std::size_t b) {
    return std::any_of(skipped.begin(), skipped.end(), [&](const Range& r) { return r.contains(b); });
  };
  // A terminator ("but", "which") starts a new clause.
  if (config.terminator_re)
    each_word_match(*config.terminator_re, text, start, match_begin, [&](std::size_t b, std::size_t e) {
      if (!in_skipped(b)) start = e;
    });
  std::optional<NegationCue> best;
  each_word_match(*config.cue_re, text, start, match_begin, [&](std::size_t b, std::size_t e) {
    if (in_skipped(b)) return;
    // The cue nearest the match wins; of cues ending together, the longest
    // ("did not" over "not").
    if (!best || e > best->end || (e == best->end && b < best->begin)) {
      std::string cue(text.substr(b, e - b));
      for (char& ch : cue) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      best = NegationCue{b, e, cue};
    }
  });
  return best;
}

}  // namespace wfof
