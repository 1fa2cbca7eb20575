#include "evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <tuple>
#include <unordered_map>

#include "conditions/condition.hpp"
#include "error.hpp"
#include "searcher.hpp"
#include "match.hpp"
#include "numbers.hpp"
#include "prefilter/prefilter.hpp"
#include "structure.hpp"
#include "sha256.hpp"

namespace wfof {
namespace detail {

// A distinct pattern of the rule set (a Searcher: a literal program or
// RE2, each built when a document first needs it).
using PatternSlot = Searcher;

// What the evaluator resolves once per rule so that evaluating it on a
// document compares no names: each matcher's pattern slots (conditions
// name their matchers by index already).
struct RulePlan {
  std::size_t scope = 0;                        // index of the rule's scope among the distinct ones
  std::vector<std::vector<std::size_t>> slots;  // per matcher
};

}  // namespace detail
namespace {

using detail::RulePlan;

// A document with the units its structure gives it: what rules are
// evaluated over. The document stays as it was read; the units are the
// structure stage's.
struct Text {
  const Document& doc;
  const Units& units;
  std::string_view normalised() const { return doc.normalised(); }
  std::string_view text(Range r) const { return doc.text(r); }
  SourceSpan to_source(Range r) const { return doc.to_source(r); }
  std::string_view source_text(const SourceSpan& s) const { return doc.source_text(s); }
  const std::vector<Section>& sections() const { return units.sections; }
  const std::vector<Range>& items() const { return units.items; }
  const std::vector<Range>& paragraphs() const { return units.paragraphs; }
  const std::vector<Range>& sentences() const { return units.sentences; }
  const std::vector<Range>& clauses() const { return units.clauses; }
};


std::string quote(std::string_view s, std::size_t max = 90) {
  std::string out = "\"";
  if (s.size() > max) {
    out += std::string(s.substr(0, max));
    out += "...";
  } else {
    out += std::string(s);
  }
  return out + "\"";
}

// Ranges of the view that count as evidence for `rule`.
std::vector<Range> scope_ranges(const Rule& rule, const Text& doc, bool scoped) {
  std::vector<Range> out;
  if (!scoped || rule.scope.empty()) return {Range{0, doc.normalised().size()}};
  for (const auto& s : doc.sections())
    if (std::find(rule.scope.begin(), rule.scope.end(), s.name) != rule.scope.end() ||
        std::find(rule.scope.begin(), rule.scope.end(), "document") != rule.scope.end())
      out.push_back(s.range);
  return out;
}

bool in_ranges(const std::vector<Range>& rs, Range r) {
  return std::any_of(rs.begin(), rs.end(), [&](const Range& s) { return s.contains(r.begin); });
}

const Range* containing(const std::vector<Range>& units, std::size_t pos) {
  auto it = std::upper_bound(units.begin(), units.end(), pos, [](std::size_t p, const Range& r) { return p < r.begin; });
  if (it == units.begin()) return nullptr;
  --it;
  return it->contains(pos) ? &*it : nullptr;
}

// Indices [first, last) of the sentences that overlap `u`.
std::pair<std::size_t, std::size_t> sentences_over(const Text& doc, Range u) {
  const auto& s = doc.sentences();
  auto lo = std::upper_bound(s.begin(), s.end(), u.begin, [](std::size_t p, const Range& r) { return p < r.end; });
  auto hi = std::lower_bound(lo, s.end(), u.end, [](const Range& r, std::size_t p) { return r.begin < p; });
  return {static_cast<std::size_t>(lo - s.begin()), static_cast<std::size_t>(hi - s.begin())};
}

// Every match of `re` in `sentence`, with its named captures. A match never
// crosses a sentence; empty matches are never evidence.
void search(const RE2& re, std::string_view text, Range sentence, std::vector<Hit>& out) {
  const auto& names = re.NamedCapturingGroups();
  // Ask only for the groups that are named: with no submatches to report,
  // RE2 answers from its DFA alone, several times faster.
  int ngroups = 0;
  for (const auto& [name, idx] : names) ngroups = std::max(ngroups, idx);
  re2::StringPiece sub[16];
  std::vector<re2::StringPiece> many;
  re2::StringPiece* subs = sub;
  if (ngroups + 1 > 16) {
    many.resize(static_cast<std::size_t>(ngroups) + 1);
    subs = many.data();
  }
  std::size_t pos = sentence.begin;
  while (pos < sentence.end && re.Match(text, pos, sentence.end, RE2::UNANCHORED, subs, ngroups + 1)) {
    std::size_t b = static_cast<std::size_t>(subs[0].data() - text.data());
    std::size_t e = b + subs[0].size();
    pos = e > b ? e : b + 1;
    if (e == b) continue;
    Hit h{Range{b, e}, {}};
    for (const auto& [name, idx] : names) {
      const auto& g = subs[idx];
      if (g.data() == nullptr) continue;
      std::size_t gb = static_cast<std::size_t>(g.data() - text.data());
      h.captures.emplace_back(&name, Range{gb, gb + g.size()});
    }
    out.push_back(std::move(h));
  }
}

// The same for a pattern slot: one its literal program takes (it has no
// named captures) by its searcher, which asks RE2 only where the program
// cannot say.
void search(const detail::PatternSlot& slot, std::string_view text, Range sentence, std::vector<Hit>& out) {
  if (!slot.literal()) return search(slot.re(), text, sentence, out);
  std::size_t pos = sentence.begin, b = 0, e = 0;
  while (pos < sentence.end && slot.find(text, pos, sentence.end, b, e)) {
    pos = e > b ? e : b + 1;
    if (e > b) out.push_back(Hit{Range{b, e}, {}});
  }
}

// Per document: which sentences each pattern can match in (from the
// prefilter pass), and, filled in lazily, its matches there. A pattern
// is searched in a sentence only when some condition could hold in a unit
// holding that sentence, and at most once per document however many rules
// share it (rules share fragments; patterns are interned). Patterns are
// known by their slot: their index in the evaluator's pattern table.
class MatchCache {
 public:
  MatchCache(const Text& doc, const std::deque<detail::PatternSlot>& patterns)
      : doc_(doc), patterns_(patterns), entries_(patterns.size()) {}

  // Records that the prefilter says pattern `slot` may occur in sentence `i` (called in sentence order).
  void allow(std::size_t slot, std::size_t i) { entries_[slot].push_back(Entry{i, false, {}, -1}); }
  // Undoes allow(), for when the prefilter pass could not finish.
  void forget_allowed() {
    for (auto& e : entries_) e.clear();
  }
  // After this, patterns are searched only where allow()ed; before, everywhere.
  void prefiltered() { prefiltered_ = true; }

  // Whether pattern `slot` may match in sentences [first, last): cheap, no search.
  bool may_match(std::size_t slot, std::size_t first, std::size_t last) {
    const auto& es = entries(slot);
    if (es.empty()) return false;
    auto it = std::lower_bound(es.begin(), es.end(), first, [](const Entry& e, std::size_t i) { return e.sentence < i; });
    return it != es.end() && it->sentence < last;
  }

  // How many sentences pattern `slot` may match in, and which (appended,
  // in order): cheap, no search.
  std::size_t count(std::size_t slot) { return entries(slot).size(); }
  void sentences(std::size_t slot, std::vector<std::size_t>& out) {
    for (const Entry& e : entries(slot)) out.push_back(e.sentence);
  }

  // Calls f(hit) for every match of pattern `slot` in sentences
  // [first, last) whose start lies in `scope`, in text order.
  template <typename F>
  void each_hit(std::size_t slot, std::size_t first, std::size_t last, const std::vector<Range>& scope, F&& f) {
    auto& es = entries(slot);
    auto it = std::lower_bound(es.begin(), es.end(), first, [](const Entry& e, std::size_t i) { return e.sentence < i; });
    for (; it != es.end() && it->sentence < last; ++it) {
      const Range& s = doc_.sentences()[it->sentence];
      if (!in_ranges(scope, s)) continue;
      if (!it->searched) {
        search(patterns_[slot], doc_.normalised(), s, it->hits);
        it->searched = true;
      }
      for (const Hit& h : it->hits) f(h);
    }
  }

  // Whether pattern `slot` matches sentence `i` read on its own, as an
  // exact prefilter would say (memoised; one DFA pass, no positions). The
  // prefilters may say "may" wrongly; a computed kind is asked only where
  // its patterns do match.
  bool occurs(std::size_t slot, std::size_t i) {
    auto& es = entries(slot);
    auto it = std::lower_bound(es.begin(), es.end(), i, [](const Entry& e, std::size_t k) { return e.sentence < k; });
    if (it == es.end() || it->sentence != i) return false;
    if (it->occurs < 0) {
      const std::string_view s = doc_.text(doc_.sentences()[i]);
      it->occurs = patterns_[slot].matches(s);
    }
    return it->occurs > 0;
  }

  // The matches a computed kind finds in sentence `i` (memoised: rules
  // sharing a matcher's definition still compute it once per matcher).
  const std::vector<Hit>& computed(const Computed& kind, std::size_t i) {
    auto [it, fresh] = computed_.try_emplace({&kind, i});
    if (fresh) kind.hits(doc_.normalised(), doc_.sentences(), i, it->second);
    return it->second;
  }

  // The cue that negates a match at `pos` under `config`, if any (memoised).
  const std::optional<NegationCue>& cue(std::size_t pos, const NegationConfig& config) {
    static const std::optional<NegationCue> kNone;
    const Range* s = containing(doc_.sentences(), pos);
    if (!s || first_cue(static_cast<std::size_t>(s - doc_.sentences().data()), config) >= pos) return kNone;
    auto [it, fresh] = cues_.try_emplace(CueKey{pos, config.cue_re.get(), config.terminator_re.get(),
                                                config.ignore_re.get(), config.window_words});
    if (fresh) {
      it->second = find_negation(doc_.text(*s), pos - s->begin, config);
      if (it->second) {
        it->second->begin += s->begin;
        it->second->end += s->begin;
      }
    }
    return it->second;
  }

 private:
  // Where the leftmost cue phrase of `config` starts in sentence `i` (npos
  // if none does). A cue can negate only a match that starts after it, and
  // most sentences have no cue at all: then no search of a window is needed.
  std::size_t first_cue(std::size_t i, const NegationConfig& config) {
    if (!config.cue_re) return 0;  // not compiled: let find_negation decide
    // A rule set has a config or two (negation, exhortation): a short list.
    auto it = std::find_if(first_cue_.begin(), first_cue_.end(),
                           [&](const auto& c) { return c.first == config.cue_re.get(); });
    if (it == first_cue_.end())
      it = first_cue_.emplace(first_cue_.end(), config.cue_re.get(), std::vector<std::size_t>(doc_.sentences().size(), kUnknown));
    std::size_t& at = it->second[i];
    if (at == kUnknown) {
      at = std::string_view::npos;
      const Range& s = doc_.sentences()[i];
      re2::StringPiece m;
      if (config.cue_re->Match(doc_.normalised(), s.begin, s.end, RE2::UNANCHORED, &m, 1))
        at = static_cast<std::size_t>(m.data() - doc_.normalised().data());
    }
    return at;
  }
  static constexpr std::size_t kUnknown = std::string_view::npos - 1;

  struct Entry {
    std::size_t sentence;
    bool searched;
    std::vector<Hit> hits;
    std::int8_t occurs = -1;  // does the pattern match the sentence? (-1: not asked yet)
  };
  using CueKey = std::tuple<std::size_t, const void*, const void*, const void*, std::size_t>;
  struct CueHash {
    std::size_t operator()(const CueKey& k) const {
      std::size_t h = std::get<0>(k);
      for (const void* p : {std::get<1>(k), std::get<2>(k), std::get<3>(k)})
        h = h * 1000003u ^ std::hash<const void*>{}(p);
      return h * 31u + std::get<4>(k);
    }
  };

  // The sentences pattern `slot` is searched in. Never resized once in
  // use, so pointers to its hits stay valid.
  std::vector<Entry>& entries(std::size_t slot) {
    auto& es = entries_[slot];
    if (!prefiltered_ && es.empty())
      for (std::size_t i = 0; i < doc_.sentences().size(); ++i) es.push_back(Entry{i, false, {}, -1});
    return es;
  }

  const Text doc_;
  const std::deque<detail::PatternSlot>& patterns_;
  bool prefiltered_ = false;
  std::vector<std::vector<Entry>> entries_;  // by slot
  std::unordered_map<CueKey, std::optional<NegationCue>, CueHash> cues_;
  std::vector<std::pair<const void*, std::vector<std::size_t>>> first_cue_;  // per cue alternation, per sentence
  std::map<std::pair<const Computed*, std::size_t>, std::vector<Hit>> computed_;  // node-based: hits stay put
};

// Per-rule state while evaluating one document.
class RuleRun {
 public:
  RuleRun(const Rule& rule, const RulePlan& plan, const Text& doc, const std::vector<Range>& scope,
          bool scoped, MatchCache& cache, std::vector<std::string>* trace)
      : rule_(rule), plan_(plan), doc_(doc), scoped_(scoped), cache_(cache), trace_(trace), scope_(scope) {
    if (trace_) trace_matchers();
  }

  // Evidence chosen when a condition holds.
  struct Choice {
    Range unit;
    std::vector<std::pair<std::size_t, const Hit*>> hits;  // matcher index, hit
  };

  std::optional<Choice> satisfy(const Condition& c, const Expression* value = nullptr,
                                std::optional<Rational>* value_out = nullptr) const {
    // Most conditions of most rules name a matcher that occurs nowhere in
    // the document: the prefilter says so without looking at any unit.
    if (!possible(c, View(*this, Range{0, doc_.normalised().size()}))) return std::nullopt;
    const std::vector<Range>* src = nullptr;
    switch (c.within) {
      case UnitKind::clause: src = &doc_.clauses(); break;
      case UnitKind::sentence: src = &doc_.sentences(); break;
      case UnitKind::item: src = &doc_.items(); break;
      case UnitKind::paragraph: src = &doc_.paragraphs(); break;
      case UnitKind::section:
      case UnitKind::document:
        for (const Range& u : units(c.within))
          if (auto ch = satisfy_in(c, u, value, value_out)) return ch;
        return std::nullopt;
    }
    std::vector<std::size_t> where;
    if (!candidate_sentences(c, where)) {
      for (const Range& u : *src)
        if (in_ranges(scope_, u))
          if (auto ch = satisfy_in(c, u, value, value_out)) return ch;
      return std::nullopt;
    }
    // Only the units overlapping a sentence where the condition's most
    // selective part may hold: elsewhere possible() is false. Units are
    // sorted and do not overlap, so each is visited once, in order.
    const std::vector<Range>& us = *src;
    std::size_t k = 0;
    for (std::size_t i : where) {
      const Range& s = doc_.sentences()[i];
      k = static_cast<std::size_t>(std::partition_point(us.begin() + static_cast<std::ptrdiff_t>(k), us.end(),
                                                        [&](const Range& u) { return u.end <= s.begin; }) -
                                   us.begin());
      for (; k < us.size() && us[k].begin < s.end; ++k)
        if (in_ranges(scope_, us[k]))
          if (auto ch = satisfy_in(c, us[k], value, value_out)) return ch;
    }
    return std::nullopt;
  }

  Evidence evidence(std::size_t matcher, const Hit& h) const {
    Evidence e;
    e.matcher = rule_.matchers[matcher].name;
    e.span = doc_.to_source(h.range);
    e.text = std::string(doc_.source_text(e.span));
    if (const auto& cue = cache_.cue(h.range.begin, rule_.negation)) {
      e.negated = true;
      e.cue = cue->cue;
    }
    return e;
  }

  // The message with its placeholders filled from the deciding matches.
  // A value is shown as a whole number, or to one decimal place; a
  // placeholder with no value is left as written.
  std::string render(const Message& msg, const Choice& ch) const {
    std::string out;
    for (std::size_t i = 0; i < msg.exprs.size(); ++i) {
      out += msg.literals[i];
      auto v = msg.exprs[i].evaluate([&](const std::string& ref) { return lookup(ref, ch.hits); });
      if (!v) {
        out += "{" + msg.exprs[i].text() + "}";
      } else if (v->den == 1) {
        out += std::to_string(v->num);
      } else {
        // Tenths, rounded half away from zero (for display only).
        auto t = static_cast<std::int64_t>(std::llround(static_cast<long double>(v->num) * 10 / v->den));
        out += (t < 0 ? "-" : "") + std::to_string((t < 0 ? -t : t) / 10) + "." + std::to_string((t < 0 ? -t : t) % 10);
      }
    }
    return out + msg.literals.back();
  }

  // Appends make() to the trace; builds nothing when not tracing.
  template <typename F>
  void log(F&& make) const {
    if (trace_) trace_->push_back(make());
  }
  std::string where(Range r) const {
    auto s = doc_.to_source(r);
    return std::to_string(s.line) + ":" + std::to_string(s.column);
  }

 private:
  // Sections in scope, or the whole document (sentences, items and
  // paragraphs are walked in place by satisfy()).
  std::vector<Range> units(UnitKind k) const {
    if (k != UnitKind::section) return {Range{0, doc_.normalised().size()}};
    std::vector<Range> out;
    for (const auto& s : doc_.sections())
      if (in_ranges(scope_, Range{s.range.begin, s.range.begin + 1})) out.push_back(s.range);
    return out;
  }

  // The sentences (sorted, each once) where the part of `c` that needs the
  // fewest may hold, by its triggers and the prefilter; false when no part
  // needs any matcher (then every unit may hold).
  bool candidate_sentences(const Condition& c, std::vector<std::size_t>& out) const {
    auto count = [&](std::size_t m) {
      std::size_t n = 0;
      if (m < plan_.slots.size())
        for (std::size_t slot : plan_.slots[m]) n += cache_.count(slot);
      return n;
    };
    bool found = false;
    std::size_t best = 0;
    std::vector<std::size_t> chosen;  // matchers, one of which must may-match
    for (const auto& part : c.parts) {
      const Triggers t = part->triggers();
      if (t.matchers.empty()) continue;
      std::vector<std::size_t> ms;
      std::size_t n = 0;
      if (t.every) {  // each must: the one in the fewest sentences will do
        for (std::size_t m : t.matchers)
          if (const std::size_t k = count(m); ms.empty() || k < n) ms = {m}, n = k;
      } else {
        ms = t.matchers;
        for (std::size_t m : ms) n += count(m);
      }
      if (!found || n < best) best = n, chosen = std::move(ms), found = true;
    }
    if (!found) return false;
    std::size_t slots = 0;  // each slot's sentences come sorted; several need merging
    for (std::size_t m : chosen)
      if (m < plan_.slots.size())
        for (std::size_t slot : plan_.slots[m]) cache_.sentences(slot, out), ++slots;
    if (slots > 1) {
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return true;
  }

  // Whether a pattern of matcher `m` matches sentence `i` (exactly: a regex run if the prefilter says it may).
  bool occurs_in(std::size_t m, std::size_t i) const {
    if (m >= plan_.slots.size()) return false;
    for (std::size_t slot : plan_.slots[m])
      if (cache_.occurs(slot, i)) return true;
    return false;
  }

  // Whether matcher `m` may match in sentences [first, last), by the prefilter alone.
  bool may_match(std::size_t m, std::pair<std::size_t, std::size_t> sentences) const {
    if (m >= plan_.slots.size()) return false;
    for (std::size_t slot : plan_.slots[m])
      if (cache_.may_match(slot, sentences.first, sentences.second)) return true;
    return false;
  }

  // One unit as the condition parts see it.
  class View final : public UnitMatches {
   public:
    View(const RuleRun& run, Range u) : run_(run), unit_(u), span_(sentences_over(run.doc_, u)) {}
    bool may_match(std::size_t m) const override { return run_.may_match(m, span_); }
    std::vector<const Hit*> hits(std::size_t m) const override { return run_.hits_in(m, unit_); }

   private:
    const RuleRun& run_;
    Range unit_;
    std::pair<std::size_t, std::size_t> span_;
  };

  // Whether a condition may hold in the unit, by the prefilter alone (no search).
  static bool possible(const Condition& c, const View& v) {
    return std::all_of(c.parts.begin(), c.parts.end(), [&](const auto& p) { return p->possible(v); });
  }

  // The matches of matcher `m` inside unit `u` (and in scope), in text
  // order, one per start position (the longest). Matches governed by an
  // exhortation are dropped, and so are those of the wrong polarity.
  std::vector<const Hit*> hits_in(std::size_t m, Range u) const {
    std::vector<const Hit*> out;
    if (m >= rule_.matchers.size()) return out;
    const Matcher& matcher = rule_.matchers[m];
    auto span = sentences_over(doc_, u);
    auto keep = [&](const Hit& h) { return u.contains(h.range.begin) && set_aside(matcher, h) == SetAside::no; };
    if (matcher.computed) {
      // Its patterns are its prefilter; the kind computes the matches.
      for (std::size_t i = span.first; i < span.second; ++i) {
        if (!in_ranges(scope_, doc_.sentences()[i]) || !occurs_in(m, i)) continue;
        for (const Hit& h : cache_.computed(*matcher.computed, i))
          if (keep(h) && h.range.end <= u.end) out.push_back(&h);
      }
      return out;
    }
    for (std::size_t slot : plan_.slots[m]) {
      cache_.each_hit(slot, span.first, span.second, scope_, [&](const Hit& h) {
        if (keep(h)) out.push_back(&h);
      });
    }
    if (plan_.slots[m].size() > 1) {
      std::sort(out.begin(), out.end(), [](const Hit* a, const Hit* b) {
        return a->range.begin != b->range.begin ? a->range.begin < b->range.begin : a->range.end > b->range.end;
      });
      out.erase(std::unique(out.begin(), out.end(),
                            [](const Hit* a, const Hit* b) { return a->range.begin == b->range.begin; }),
                out.end());
    }
    out.erase(std::remove_if(out.begin(), out.end(), [&](const Hit* h) { return h->range.end > u.end; }), out.end());
    return out;
  }

  std::optional<Rational> lookup(const std::string& ref, const std::vector<std::pair<std::size_t, const Hit*>>& chosen) const {
    std::string mname, cap = ref;
    if (auto dot = ref.find('.'); dot != std::string::npos) {
      mname = ref.substr(0, dot);
      cap = ref.substr(dot + 1);
    }
    for (const auto& pick : chosen) {
      const Matcher& m = rule_.matchers[pick.first];
      const Hit* hit = pick.second;  // a plain variable: lambdas may capture it (clang < 16)
      if (!mname.empty() && m.name != mname) continue;
      if (m.computed) {  // values the kind computed, never the text read again
        for (const auto& [n, v] : hit->values)
          if (*n == cap) return v;
        continue;
      }
      auto text_of = [&](const std::string& name) -> std::optional<std::string_view> {
        for (const auto& [n, r] : hit->captures)
          if (*n == name) return doc_.text(r);
        return std::nullopt;
      };
      auto t = text_of(cap);
      if (!t) continue;
      auto n = read_number(*t);
      if (!n) return std::nullopt;
      std::optional<std::int64_t> total;
      if (n->kind == ProseNumber::Kind::all_but) {
        auto tn = m.totals.find(cap);
        if (tn == m.totals.end()) return std::nullopt;
        if (auto tt = text_of(tn->second))
          if (auto tv = read_number(*tt); tv && tv->kind == ProseNumber::Kind::absolute) total = tv->value;
      }
      auto v = n->resolve(total);
      if (!v) return std::nullopt;
      return Rational{*v, 1};
    }
    return std::nullopt;
  }

  std::optional<Choice> satisfy_in(const Condition& c, Range u, const Expression* value,
                                   std::optional<Rational>* value_out) const {
    View view(*this, u);
    if (!possible(c, view)) return std::nullopt;
    Candidates options;
    for (const auto& part : c.parts)
      if (!part->holds(view, options)) return std::nullopt;
    // Try combinations of hits (bounded) until the comparisons hold.
    std::vector<std::size_t> pick(options.size(), 0);
    constexpr int kMaxCombinations = 512;
    for (int tries = 0; tries < kMaxCombinations; ++tries) {
      Choice ch{u, {}};
      for (std::size_t i = 0; i < options.size(); ++i) ch.hits.emplace_back(options[i].first, options[i].second[pick[i]]);
      auto look = [&](const std::string& ref) { return lookup(ref, ch.hits); };
      bool ok = std::all_of(c.parts.begin(), c.parts.end(), [&](const auto& p) { return p->accepts(look, trace_); });
      if (ok && value) {
        auto v = value->evaluate(look);
        if (!v) ok = false;
        else if (value_out) *value_out = v;
      }
      if (ok) return ch;
      // Next combination.
      std::size_t i = 0;
      for (; i < pick.size(); ++i) {
        if (++pick[i] < options[i].second.size()) break;
        pick[i] = 0;
      }
      if (i == pick.size()) break;
    }
    return std::nullopt;
  }

  void trace_matchers() const {
    trace_->push_back("  scope: " + (scoped_ && !rule_.scope.empty() ? [&] {
          std::string s;
          for (const auto& n : rule_.scope) s += (s.empty() ? "" : ", ") + n;
          return s;
        }() : std::string("whole text")));
    for (std::size_t i = 0; i < rule_.matchers.size(); ++i) {
      const Matcher& m = rule_.matchers[i];
      auto hits = hits_in(i, Range{0, doc_.normalised().size()});
      std::string head = "  matcher " + m.name + " (" + m.kind + ", polarity " + to_string(m.polarity) + "): ";
      trace_->push_back(head + (hits.empty() ? std::string("no match in scope") : std::to_string(hits.size()) + " match(es)"));
      trace_dropped(i, hits);
      for (const Hit* h : hits) {
        std::string line = "    " + where(h->range) + " " + quote(doc_.text(h->range));
        const auto& cue = cache_.cue(h->range.begin, rule_.negation);
        line += cue ? " negated by '" + cue->cue + "' at " + where(Range{cue->begin, cue->end}) : " affirmed";
        for (const auto& [n, v] : h->values) line += "; " + *n + "=" + to_string(v);
        for (const auto& [n, r] : h->captures) {
          if (m.computed) break;
          line += "; " + *n + "=" + quote(doc_.text(r), 30);
          if (auto v = read_number(doc_.text(r)))
            line += v->kind == ProseNumber::Kind::absolute ? " (" + std::to_string(v->value) + ")"
                                                            : " (all but " + std::to_string(v->value) + ")";
        }
        trace_->push_back(line);
        if (!h->note.empty()) trace_->push_back("      read as: " + h->note);
      }
    }
  }

  // Why a match is not evidence for `matcher`: advice is never a finding,
  // and a matcher may want only affirmed or only negated matches.
  enum class SetAside { no, advice, polarity };
  SetAside set_aside(const Matcher& matcher, const Hit& h) const {
    if (cache_.cue(h.range.begin, rule_.exhortation)) return SetAside::advice;
    if (matcher.polarity != Polarity::any) {
      bool negated = cache_.cue(h.range.begin, rule_.negation).has_value();
      if ((matcher.polarity == Polarity::affirmed) == negated) return SetAside::polarity;
    }
    return SetAside::no;
  }

  // Matches in scope that hits_in() set aside, and why: advice (the
  // exhortation cue that governs it) or the wrong polarity (the cue).
  void trace_dropped(std::size_t m, const std::vector<const Hit*>& kept) const {
    const Matcher& matcher = rule_.matchers[m];
    std::vector<const Hit*> all;
    const std::size_t n = doc_.sentences().size();
    if (matcher.computed) {
      for (std::size_t i = 0; i < n; ++i)
        if (in_ranges(scope_, doc_.sentences()[i]) && occurs_in(m, i))
          for (const Hit& h : cache_.computed(*matcher.computed, i)) all.push_back(&h);
    } else {
      for (std::size_t slot : plan_.slots[m]) cache_.each_hit(slot, 0, n, scope_, [&](const Hit& h) { all.push_back(&h); });
    }
    for (const Hit* h : all) {
      if (std::find(kept.begin(), kept.end(), h) != kept.end()) continue;
      const SetAside why = set_aside(matcher, *h);
      if (why == SetAside::no) continue;  // a shorter match at the same place
      std::string line = "    " + where(h->range) + " " + quote(doc_.text(h->range)) + " dropped: ";
      if (why == SetAside::advice) {
        const auto& ex = cache_.cue(h->range.begin, rule_.exhortation);
        line += "an exhortation ('" + ex->cue + "' at " + where(Range{ex->begin, ex->end}) + ")";
      } else if (const auto& neg = cache_.cue(h->range.begin, rule_.negation)) {
        line += "negated by '" + neg->cue + "' at " + where(Range{neg->begin, neg->end}) + ", and the matcher wants " +
                to_string(matcher.polarity);
      } else {
        line += "affirmed, and the matcher wants negated";
      }
      trace_->push_back(line);
    }
  }

  const Rule& rule_;
  const RulePlan& plan_;
  const Text doc_;
  bool scoped_;
  MatchCache& cache_;
  std::vector<std::string>* trace_;
  const std::vector<Range>& scope_;  // ranges of the view the rule reads
};

std::string names(const Rule& rule, const Condition& c) {
  std::string s;
  for (const auto& part : c.parts) {
    std::string d = part->describe(rule);
    if (d.empty()) continue;
    if (!s.empty()) s += ", ";
    s += d;
  }
  return s + " within " + to_string(c.within);
}

// What a verdict says when its clause has no message of its own: the
// criterion for that verdict of the first checklist item the rule evidences.
std::string criterion(const Checklist& checklist, const Rule& rule, Verdict v) {
  for (const auto& id : rule.items)
    if (const ChecklistItem* item = checklist.item(id))
      if (auto it = item->criteria.find(to_string(v)); it != item->criteria.end()) return it->second;
  return "";
}

RuleOutcome run_rule(const Checklist& checklist, const Rule& rule, const RulePlan& plan, const Text& doc,
                     const std::vector<Range>& scope, bool scoped, MatchCache& cache, std::vector<std::string>* trace) {
  RuleOutcome out;
  RuleResult& r = out.result;
  r.rule = rule.id;
  r.title = rule.title;
  r.items = rule.items;
  r.severity = rule.severity;
  RuleRun run(rule, plan, doc, scope, scoped, cache, trace);
  bool decided = false;
  for (std::size_t i = 0; i < rule.clauses.size() && !decided; ++i) {
    const Clause& c = rule.clauses[i];
    run.log([&] { return "  clause " + std::to_string(i) + " (" + to_string(c.verdict) + "): " + names(rule, c.condition); });
    if (auto ch = run.satisfy(c.condition)) {
      r.verdict = c.verdict;
      r.clause = static_cast<int>(i);
      for (const auto& [m, h] : ch->hits) r.evidence.push_back(run.evidence(m, *h));
      std::sort(r.evidence.begin(), r.evidence.end(),
                [](const Evidence& a, const Evidence& b) { return a.span.start < b.span.start; });
      r.basis = r.evidence.empty() ? Basis::absence : Basis::evidence;
      if (!r.evidence.empty() && c.condition.within != UnitKind::document) {
        Evidence ctx;
        ctx.matcher = to_string(c.condition.within);
        ctx.span = doc.to_source(ch->unit);
        ctx.text = std::string(doc.source_text(ctx.span));
        r.context = std::move(ctx);
      }
      r.message = c.message.empty() ? criterion(checklist, rule, c.verdict) : run.render(c.message, *ch);
      run.log([&] { return "    holds in " + run.where(ch->unit) + " " + quote(doc.text(ch->unit)); });
      decided = true;
    } else {
      run.log([] { return std::string("    does not hold"); });
    }
  }
  if (!decided) {
    r.verdict = rule.otherwise;
    r.basis = Basis::absence;
    r.message = rule.message.empty() ? criterion(checklist, rule, rule.otherwise) : rule.message;
    run.log([&] { return "  otherwise: " + std::string(to_string(rule.otherwise)); });
  }
  run.log([&] { return "  message: " + r.message; });
  for (std::size_t mi = 0; mi < rule.metrics.size(); ++mi) {
    const Metric& m = rule.metrics[mi];
    MetricValue v;
    for (std::size_t si = 0; si < m.sources.size(); ++si) {
      const MetricSource& src = m.sources[si];
      std::optional<Rational> value;
      auto ch = run.satisfy(src.when, src.value ? &*src.value : nullptr, &value);
      if (!ch) continue;
      if (src.label) v = *src.label;
      else if (value && value->den == 1) v = value->num;
      else continue;
      break;
    }
    if (trace) {
      std::string shown = std::holds_alternative<std::monostate>(v) ? "null"
                          : std::holds_alternative<std::int64_t>(v) ? std::to_string(std::get<std::int64_t>(v))
                                                                    : std::get<std::string>(v);
      run.log([&] { return "  metric " + m.name + " = " + shown; });
    }
    out.metrics.emplace_back(m.name, std::move(v));
  }
  return out;
}

}  // namespace

// Every distinct pattern of every rule, by slot; shared by the
// evaluators of a run's threads.
struct Evaluator::Slots {
  std::deque<detail::PatternSlot> patterns;
};

struct Evaluator::Plan {
  std::shared_ptr<Slots> slots;
  const std::deque<detail::PatternSlot>& patterns() const { return slots->patterns; }
  std::unique_ptr<Prefilter> prefilter;  // the same patterns, slot = index; null if none would build
  std::vector<RulePlan> rules;       // parallel to rules_
  std::vector<const Rule*> scopes;   // a rule per distinct scope (RulePlan::scope)
};

Evaluator::Evaluator(Checklist checklist, std::vector<Rule> rules)
    : Evaluator(std::move(checklist), std::move(rules), nullptr) {}

std::unique_ptr<Evaluator> Evaluator::for_another_thread() const {
  return std::unique_ptr<Evaluator>(new Evaluator(checklist_, rules_, plan_->slots));
}

Evaluator::Evaluator(Checklist checklist, std::vector<Rule> rules, std::shared_ptr<Slots> shared)
    : checklist_(std::move(checklist)), rules_(std::move(rules)), plan_(std::make_unique<Plan>()) {
  // The same rules give the same slots: a sibling's are taken as they are.
  const bool own = !shared;
  plan_->slots = own ? std::make_shared<Slots>() : std::move(shared);
  std::size_t next_slot = 0;
  std::vector<PrefilterPattern> prefilter;
  std::map<std::pair<std::string, bool>, std::size_t> slot_of;  // by text and case, as the loader interns
  for (const auto& rule : rules_) {
    RulePlan rp;
    auto same = std::find_if(plan_->scopes.begin(), plan_->scopes.end(),
                             [&](const Rule* r) { return r->scope == rule.scope; });
    rp.scope = static_cast<std::size_t>(same - plan_->scopes.begin());
    if (same == plan_->scopes.end()) plan_->scopes.push_back(&rule);
    for (const auto& m : rule.matchers) {
      auto& slots = rp.slots.emplace_back();
      for (std::size_t i = 0; i < m.patterns.size(); ++i) {
        std::shared_ptr<const RE2> re = i < m.compiled.size() ? m.compiled[i] : nullptr;
        if (!re && !m.lazy) continue;  // did not compile: the loader said so
        auto [it, fresh] = slot_of.try_emplace(std::pair(m.patterns[i], m.case_sensitive), next_slot);
        slots.push_back(it->second);
        // A computed kind runs in a sentence when its patterns may match
        // there: its patterns keep the exact answer of the regex prefilter,
        // not the word index's broader one.
        WordKeys keys = m.computed || i >= m.keys.size() ? WordKeys{} : m.keys[i];
        if (!fresh) {
          if (!keys.known()) prefilter[it->second].keys = {};
          continue;
        }
        ++next_slot;
        if (own) plan_->slots->patterns.emplace_back(m.patterns[i], m.case_sensitive, std::move(re));
        prefilter.push_back({m.patterns[i], m.case_sensitive, std::move(keys)});
      }
    }
    plan_->rules.push_back(std::move(rp));
  }
  // The regexes' prefilter costs more to compile than searching one
  // release (about 5 KB) without it, and much less than a corpus without
  // it: a check of one file never builds it, a corpus does in its first
  // documents. (Waiting longer costs a large rule set dearly: with ten
  // times the rules, 64 KB cost 4% of a run.)
  constexpr std::size_t kRegexPrefilterAfter = 8 << 10;
  plan_->prefilter = make_prefilter(prefilter, kRegexPrefilterAfter);
}

Evaluator::~Evaluator() = default;

void Evaluator::build_patterns(std::stop_token stop) const {
  const auto& patterns = plan_->patterns();
  for (std::size_t i = patterns.size(); i-- > 0 && !stop.stop_requested();) {
    try {
      if (!patterns[i].literal()) (void)patterns[i].re();
    } catch (const Error&) {
      // Past RE2's memory budget: the search that needs it says so.
    }
  }
}

const Rule* Evaluator::rule(const std::string& id) const {
  for (const auto& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

RuleOutcome Evaluator::evaluate(const Rule& rule, const Document& doc, const Structure& structure,
                                std::vector<std::string>* trace) const {
  if (rules_.empty() || &rule < rules_.data() || &rule >= rules_.data() + rules_.size()) {
    Evaluator own(checklist_, {rule});  // not one of ours: plan it on its own
    return own.evaluate(own.rules().front(), doc, structure, trace);
  }
  auto k = static_cast<std::size_t>(&rule - rules_.data());
  const Text text{doc, structure.units};
  MatchCache cache(text, plan_->patterns());
  return run_rule(checklist_, rule, plan_->rules[k], text, scope_ranges(rule, text, structure.scoped()), structure.scoped(), cache,
                  trace);
}

std::string Evaluator::prefilter() const {
  return plan_->prefilter ? std::string(plan_->prefilter->name()) : "none (every pattern searched everywhere)";
}

std::vector<std::string> Evaluator::uncovered_items() const {
  std::vector<std::string> out;
  for (const auto& item : checklist_.items) {
    bool covered = std::any_of(rules_.begin(), rules_.end(), [&](const Rule& r) {
      return std::find(r.items.begin(), r.items.end(), item.id) != r.items.end();
    });
    if (!covered) out.push_back(item.id);
  }
  return out;
}

DocumentResult Evaluator::check(const Document& document, const Structure& structure, PhaseTimes* times) const {
  DocumentResult result;
  result.path = document.path();
  PhaseTimer digest(times, Phase::digest);
  result.sha256 = sha256_hex(document.original());
  digest.stop();
  if (structure.profile) result.profile = structure.profile->id;
  result.subject = structure.subject;
  result.warnings = structure.warnings;
  const Text doc{document, structure.units};
  for (const auto& s : doc.sections()) result.sections.emplace_back(s.name, doc.to_source(s.range));

  // One pass for every pattern of every rule, sentence by sentence, over
  // the text some rule's scope covers: afterwards each pattern is searched
  // only in the sentences where it occurs.
  const bool scoped = structure.scoped();
  std::vector<std::vector<Range>> scopes;  // per distinct scope
  for (const Rule* r : plan_->scopes) scopes.push_back(scope_ranges(*r, doc, scoped));
  MatchCache cache(doc, plan_->patterns());
  PhaseTimer prefiltering(times, Phase::prefilter);
  if (plan_->prefilter) {
    std::vector<Range> parts;
    for (const auto& scope : scopes)
      for (const Range& part : scope)
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
    bool failed = false;
    std::vector<int> matched;
    const auto& sentences = doc.sentences();
    for (std::size_t i = 0; i < sentences.size() && !failed; ++i) {
      if (!in_ranges(parts, sentences[i])) continue;
      matched.clear();
      if (plan_->prefilter->match(doc.text(sentences[i]), matched))
        for (int k : matched) cache.allow(static_cast<std::size_t>(k), i);
      else
        failed = true;  // out of memory: search everything
    }
    if (failed) cache.forget_allowed();
    else cache.prefiltered();
  }
  prefiltering.stop();
  PhaseTimer evaluating(times, Phase::evaluate);

  std::map<std::string, MetricValue> metrics;
  for (std::size_t k = 0; k < rules_.size(); ++k) {
    const RulePlan& rp = plan_->rules[k];
    auto outcome = run_rule(checklist_, rules_[k], rp, doc, scopes[rp.scope], scoped, cache, nullptr);
    result.results.push_back(std::move(outcome.result));
    for (auto& [k, v] : outcome.metrics) metrics[k] = std::move(v);
  }
  for (const auto& decl : checklist_.metrics) {
    auto it = metrics.find(decl.name);
    result.metrics.emplace_back(decl.name, it == metrics.end() ? MetricValue{} : it->second);
  }
  aggregate(checklist_, result);
  return result;
}

void aggregate(const Checklist& checklist, DocumentResult& result) {
  result.items.clear();
  result.summary = {};
  // Each item's rule results, in result order (one pass over the results).
  std::unordered_map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < checklist.items.size(); ++i) position.emplace(checklist.items[i].id, i);
  std::vector<std::vector<const RuleResult*>> by_item(checklist.items.size());
  for (const auto& rr : result.results)
    for (const auto& id : rr.items)
      if (auto it = position.find(id); it != position.end()) {
        auto& list = by_item[it->second];
        if (list.empty() || list.back() != &rr) list.push_back(&rr);
      }
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    if (by_item[i].empty()) continue;
    ItemResult ir;
    ir.id = checklist.items[i].id;
    bool all_pass = true, all_gap = true, evidence = false;
    for (const RuleResult* rr : by_item[i]) {
      ir.rules.push_back(rr->rule);
      all_pass = all_pass && rr->verdict == Verdict::pass;
      all_gap = all_gap && rr->verdict == Verdict::gap;
      evidence = evidence || rr->basis == Basis::evidence;
    }
    ir.verdict = all_pass ? Verdict::pass : all_gap ? Verdict::gap : Verdict::partial;
    ir.basis = evidence ? Basis::evidence : Basis::absence;
    result.summary.add(ir.verdict);
    result.items.push_back(std::move(ir));
  }
}

}  // namespace wfof
