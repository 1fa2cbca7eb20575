#include "kinds/quantity.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "ascii.hpp"
#include "numbers.hpp"

namespace wfof {
namespace {

struct Token {
  std::size_t b = 0, e = 0;  // view offsets
  std::string low;           // lower-case text
  enum Kind { word, number, percent, punct } kind = word;
};

std::vector<Token> tokenize(std::string_view v, Range s) {
  std::vector<Token> out;
  out.reserve(s.size() / 4);
  std::size_t i = s.begin;
  auto alpha = [&](std::size_t k) { return k < s.end && ascii::is_alpha(v[k]); };
  auto digit = [&](std::size_t k) { return k < s.end && ascii::is_digit(v[k]); };
  while (i < s.end) {
    char c = v[i];
    Token t;
    t.b = i;
    if (alpha(i)) {
      std::size_t k = i;
      while (alpha(k) || ((v[k] == '-' || v[k] == '\'') && alpha(k + 1) && k > i)) ++k;
      t.e = k;
      t.kind = Token::word;
    } else if (digit(i)) {
      std::size_t k = i;
      while (digit(k) || ((v[k] == ',' || v[k] == '.') && digit(k + 1))) ++k;
      t.e = k;
      t.kind = Token::number;
    } else if (c == '%') {
      t.e = i + 1;
      t.kind = Token::percent;
    } else if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') {
      t.e = i + 1;
      t.kind = Token::punct;
    } else {
      ++i;
      continue;
    }
    t.low.resize(t.e - t.b);
    for (std::size_t k = t.b; k < t.e; ++k) t.low[k - t.b] = ascii::lower(v[k]);
    out.push_back(std::move(t));
    i = out.back().e;
  }
  return out;
}

enum class Share { absolute, percent, all, zero, all_but };

struct Figure {
  std::size_t first = 0, last = 0;  // token indices
  Share kind = Share::absolute;
  std::int64_t value = 0;
  // "no" counts only the noun right after it ("no applications were
  // refused"), never a word further on ("no process for approving them").
  bool noun_only = false;
};

bool negation_word(const std::string& w) {
  return w == "not" || w == "never" || w == "no" || w == "without" || w.ends_with("n't");
}

bool clause_break(const Token& t) {
  if (t.kind == Token::punct) return t.low == ";" || t.low == ":";
  return t.low == "but" || t.low == "although" || t.low == "though" || t.low == "whereas" || t.low == "however";
}

// Figures and quantifiers of a sentence's tokens.
std::vector<Figure> figures(const std::vector<Token>& ts) {
  std::vector<Figure> out;
  auto word = [&](std::size_t k, std::string_view w) { return k < ts.size() && ts[k].low == w; };
  auto negated_before = [&](std::size_t k) {
    for (std::size_t j = k; j-- > 0;) {
      if (clause_break(ts[j]) || ts[j].low == ",") return false;
      if (negation_word(ts[j].low)) return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < ts.size(); ++k) {
    const Token& t = ts[k];
    if (t.kind == Token::number) {
      std::string digits;
      for (char c : t.low)
        if (c != ',') digits += c;
      if (digits.find('.') != std::string::npos) continue;  // "3.5 per cent": not a count
      if (digits.size() > 12) continue;
      std::int64_t v = std::stoll(digits);
      // A year ("since September 2011") is not a count.
      if (digits.size() == 4 && t.low.find(',') == std::string::npos && v >= 1900 && v <= 2099) continue;
      Figure f{k, k, Share::absolute, v};
      if (k + 1 < ts.size() && ts[k + 1].kind == Token::percent) {
        f.kind = Share::percent;
        f.last = k + 1;
      } else if (word(k + 1, "per") && word(k + 2, "cent")) {
        f.kind = Share::percent;
        f.last = k + 2;
      } else if (word(k + 1, "percent")) {
        f.kind = Share::percent;
        f.last = k + 1;
      }
      out.push_back(f);
      k = f.last;
      continue;
    }
    if (t.kind != Token::word) continue;
    if (t.low == "all" && word(k + 1, "but")) {
      // "all but N": the number after is part of the quantifier.
      std::size_t n = k + 2;
      std::optional<ProseNumber> num;
      std::size_t end = n;
      if (n < ts.size()) {
        if (ts[n].kind == Token::number) {
          num = read_number(ts[n].low);
        } else {
          if (n + 1 < ts.size()) num = read_number(ts[n].low + " " + ts[n + 1].low), end = n + 1;
          if (!num) num = read_number(ts[n].low), end = n;
        }
      }
      if (num && num->kind == ProseNumber::Kind::absolute) {
        out.push_back(Figure{k, end, Share::all_but, num->value});
        k = end;
      }
      continue;
    }
    if ((t.low == "every" || t.low == "each") && word(k + 1, "one")) {
      out.push_back(Figure{k, k + 1, Share::all, 0});
      ++k;
      continue;
    }
    if (t.low == "all") {
      out.push_back(Figure{k, k, Share::all, 0});
      continue;
    }
    if (t.low == "none" || t.low == "nil" || t.low == "no") {
      out.push_back(Figure{k, k, Share::zero, 0, t.low == "no"});
      continue;
    }
    if (t.low == "not" && word(k + 1, "one")) {
      out.push_back(Figure{k, k + 1, Share::zero, 0});
      ++k;
      continue;
    }
    if (t.low == "any") {
      if (negated_before(k)) out.push_back(Figure{k, k, Share::zero, 0});
      continue;
    }
    // Number words: two words ("a dozen", "twenty one", "a single"), then one.
    if (t.low == "one" && k > 0 &&
        (ts[k - 1].low == "no" || ts[k - 1].low == "any" || ts[k - 1].low == "the" || ts[k - 1].low == "that" ||
         ts[k - 1].low == "this" || ts[k - 1].low == "every" || ts[k - 1].low == "each"))
      continue;
    if (k + 1 < ts.size() && ts[k + 1].kind == Token::word && is_number_word(ts[k + 1].low)) {
      if (auto n = read_number(t.low + " " + ts[k + 1].low); n && n->kind == ProseNumber::Kind::absolute) {
        Figure f{k, k + 1, Share::absolute, n->value};
        if (n->value == 1 && negated_before(k)) f.kind = Share::zero;  // "did not find a single case"
        out.push_back(f);
        ++k;
        continue;
      }
    }
    if (!is_number_word(t.low) || t.low == "zero") continue;
    if (auto n = read_number(t.low); n && n->kind == ProseNumber::Kind::absolute) {
      Figure f{k, k, Share::absolute, n->value};
      if (k > 0 && ts[k - 1].low == "a") f.first = k - 1;  // "a single"
      if (n->value == 1 && negated_before(f.first)) f.kind = Share::zero;  // "did not find a single case", "not one"
      out.push_back(f);
    }
  }
  return out;
}

struct Occurrence {
  std::size_t role = 0;
  std::size_t first = 0, last = 0;  // token indices
};

std::string words_between(std::size_t d) { return d == 0 ? "right" : std::to_string(d) + " word" + (d == 1 ? "" : "s"); }

// What one sentence says: each role's figure (token range and value, when
// known) and how it was decided.
struct Reading {
  struct Slot {
    bool set = false;
    Range range;
    std::optional<std::int64_t> value;
    Share kind = Share::absolute;
    std::int64_t raw = 0;
  };
  std::vector<Slot> slots;  // per role
  Range span{0, 0};
  std::string note;
};

}  // namespace

// Role names are resolved to indices once, not per sentence.
Quantity::Quantity(QuantitySpec spec) : spec_(std::move(spec)) {
  auto index = [&](const std::string& name) {
    for (std::size_t ri = 0; ri < spec_.roles.size(); ++ri)
      if (spec_.roles[ri].name == name) return static_cast<int>(ri);
    return -1;
  };
  total_ = index(spec_.total);
  for (const auto& [a, b] : spec_.complements)
    if (index(a) >= 0 && index(b) >= 0) complements_.emplace_back(index(a), index(b));
}

namespace {

// `total` is the index of the total role, or -1.
Reading read_sentence(const QuantitySpec& spec, int total, std::string_view v, Range s) {
  Reading r;
  r.slots.resize(spec.roles.size());
  const auto ts = tokenize(v, s);
  if (ts.empty()) return r;
  std::vector<std::size_t> clause(ts.size(), 0);
  // "all but N" is a quantifier, not a contrast.
  for (std::size_t k = 1; k < ts.size(); ++k)
    clause[k] = clause[k - 1] + (clause_break(ts[k - 1]) && !(k >= 2 && ts[k - 1].low == "but" && ts[k - 2].low == "all") ? 1 : 0);
  auto figs = figures(ts);
  if (spec.exclude && !figs.empty()) {
    // Each excluding phrase disqualifies the figure nearest to it.
    std::vector<char> drop(figs.size(), 0);
    std::size_t pos = s.begin, b = 0, e = 0;
    while (pos < s.end && spec.exclude->find(v, pos, s.end, b, e)) {
      pos = b + std::max<std::size_t>(e - b, 1);
      std::size_t at = 0;
      while (at < ts.size() && ts[at].e <= b) ++at;
      std::size_t best = 0, best_d = SIZE_MAX;
      for (std::size_t fi = 0; fi < figs.size(); ++fi) {
        std::size_t d = figs[fi].last < at ? at - figs[fi].last : figs[fi].first - at;
        if (d < best_d) best = fi, best_d = d;
      }
      drop[best] = 1;
    }
    std::vector<Figure> kept;
    for (std::size_t fi = 0; fi < figs.size(); ++fi)
      if (!drop[fi]) kept.push_back(figs[fi]);
    if (kept.size() != figs.size()) r.note = "a figure beside an excluding phrase was not read";
    figs = std::move(kept);
  }
  if (figs.empty()) return r;
  std::vector<Occurrence> occ;
  for (std::size_t ri = 0; ri < spec.roles.size(); ++ri) {
    const Searcher& words = *spec.roles[ri].words;
    std::size_t pos = s.begin, b = 0, e = 0;
    while (pos < s.end && words.find(v, pos, s.end, b, e)) {
      pos = e > b ? e : b + 1;
      Occurrence o{ri, ts.size(), 0};
      for (std::size_t k = 0; k < ts.size(); ++k) {
        if (ts[k].b >= b && ts[k].e <= e) {
          o.first = std::min(o.first, k);
          o.last = k;
        }
      }
      if (o.first < ts.size()) occ.push_back(o);
    }
  }
  if (occ.empty()) return r;

  struct Cand {
    std::size_t score, fig, occ;
    std::string why;
  };
  std::vector<Cand> cands;
  for (std::size_t fi = 0; fi < figs.size(); ++fi) {
    const Figure& f = figs[fi];
    const bool share = f.kind != Share::absolute;
    for (std::size_t oi = 0; oi < occ.size(); ++oi) {
      const Occurrence& o = occ[oi];
      if (share && static_cast<int>(o.role) == total) continue;  // a share is never the total itself
      if (clause[o.first] != clause[f.first]) continue;
      if (o.first > f.last) {
        std::size_t d = o.first - f.last - 1;
        // "93 of these requests": the noun after "of" is the total the
        // figure is a part of, never what it counts.
        bool of_between = false;
        for (std::size_t k = f.last + 1; k < o.first; ++k) of_between = of_between || ts[k].low == "of";
        if (of_between && static_cast<int>(o.role) == total) continue;
        if (f.noun_only && d > 1) continue;
        if (!share && d <= 3) cands.push_back({d, fi, oi, words_between(d) + " after it"});
        else if (d <= (share ? 12u : 8u)) cands.push_back({10 + d, fi, oi, words_between(d) + " after it"});
      } else if (o.last < f.first && !f.noun_only) {
        std::size_t d = f.first - o.last - 1;
        if (d <= (share ? 8u : 5u)) cands.push_back({20 + d, fi, oi, words_between(d) + " before it"});
      }
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.score < b.score; });
  std::vector<char> fig_used(figs.size(), 0), occ_used(occ.size(), 0);
  std::vector<int> fig_of_role(spec.roles.size(), -1);
  std::vector<std::size_t> occ_of_role(spec.roles.size(), 0);
  for (const auto& c : cands) {
    const std::size_t role = occ[c.occ].role;
    if (fig_used[c.fig] || occ_used[c.occ] || fig_of_role[role] >= 0) continue;
    fig_used[c.fig] = occ_used[c.occ] = 1;
    fig_of_role[role] = static_cast<int>(c.fig);
    occ_of_role[role] = c.occ;
    const Figure& f = figs[c.fig];
    std::string text(v.substr(ts[f.first].b, ts[f.last].e - ts[f.first].b));
    const Occurrence& o = occ[c.occ];
    std::string word(v.substr(ts[o.first].b, ts[o.last].e - ts[o.first].b));
    r.note += std::string(r.note.empty() ? "" : "; ") + std::string("'") + text + "' is " + spec.roles[role].name + " ('" + word +
              "' " + c.why + ")";
  }
  // "96 per cent of the 75 received", "approved 45 of the 48": with the
  // total's noun left out, the figure after a share's "of (the)" is the total.
  if (total >= 0 && fig_of_role[static_cast<std::size_t>(total)] < 0) {
    for (std::size_t ri = 0; ri < spec.roles.size(); ++ri) {
      if (fig_of_role[ri] < 0 || static_cast<int>(ri) == total) continue;
      const Figure& f = figs[static_cast<std::size_t>(fig_of_role[ri])];
      std::size_t k = f.last + 1;
      if (k >= ts.size() || ts[k].low != "of") continue;
      ++k;
      if (k < ts.size() && (ts[k].low == "the" || ts[k].low == "its" || ts[k].low == "these" || ts[k].low == "those")) ++k;
      for (std::size_t gi = 0; gi < figs.size(); ++gi) {
        if (fig_used[gi] || figs[gi].first != k || figs[gi].kind != Share::absolute) continue;
        fig_used[gi] = 1;
        fig_of_role[static_cast<std::size_t>(total)] = static_cast<int>(gi);
        occ_of_role[static_cast<std::size_t>(total)] = occ_of_role[ri];
        r.note += "; '" + std::string(v.substr(ts[k].b, ts[figs[gi].last].e - ts[k].b)) + "' is " + spec.total +
                  " (the whole that '" + std::string(v.substr(ts[f.first].b, ts[f.last].e - ts[f.first].b)) +
                  "' is a part of)";
        break;
      }
      break;
    }
  }
  for (std::size_t ri = 0; ri < spec.roles.size(); ++ri) {
    if (fig_of_role[ri] < 0) continue;
    const Figure& f = figs[static_cast<std::size_t>(fig_of_role[ri])];
    auto& slot = r.slots[ri];
    slot.set = true;
    slot.range = Range{ts[f.first].b, ts[f.last].e};
    slot.kind = f.kind;
    slot.raw = f.value;
    if (f.kind == Share::absolute) slot.value = f.value;
    if (f.kind == Share::zero) slot.value = 0;
    const Occurrence& o = occ[occ_of_role[ri]];
    Range both{std::min(ts[f.first].b, ts[o.first].b), std::max(ts[f.last].e, ts[o.last].e)};
    r.span = r.span.size() == 0 ? both : Range{std::min(r.span.begin, both.begin), std::max(r.span.end, both.end)};
  }
  return r;
}

// Shares resolved against the total.
void resolve(Reading& r, int total) {
  if (total < 0 || !r.slots[static_cast<std::size_t>(total)].value) return;
  const std::int64_t t = *r.slots[static_cast<std::size_t>(total)].value;
  for (auto& s : r.slots) {
    if (!s.set || s.value) continue;
    switch (s.kind) {
      case Share::percent: s.value = (t * s.raw + 50) / 100; break;  // to the nearest whole number
      case Share::all: s.value = t; break;
      case Share::all_but: if (s.raw <= t) s.value = t - s.raw; break;
      default: break;
    }
  }
}

}  // namespace

void Quantity::hits(std::string_view view, const std::vector<Range>& sentences, std::size_t i,
                    std::vector<Hit>& out) const {
  const int total = total_;
  Reading r = read_sentence(spec_, total, view, sentences[i]);
  if (r.span.size() == 0) return;
  // With shares but no total of its own, the sentence before may hold it
  // ("... 75 applications for second jobs. Of these, 70 were approved.").
  bool has_share = false;
  for (std::size_t ri = 0; ri < r.slots.size(); ++ri) has_share = has_share || (r.slots[ri].set && static_cast<int>(ri) != total);
  if (total >= 0 && !r.slots[static_cast<std::size_t>(total)].set && has_share && spec_.pair_sentences && i > 0) {
    Reading prev = read_sentence(spec_, total, view, sentences[i - 1]);
    const auto& pt = prev.slots[static_cast<std::size_t>(total)];
    bool prev_shares = false;
    for (std::size_t ri = 0; ri < prev.slots.size(); ++ri)
      prev_shares = prev_shares || (prev.slots[ri].set && static_cast<int>(ri) != total);
    if (pt.set && pt.value && !prev_shares) {
      r.slots[static_cast<std::size_t>(total)] = pt;
      r.span = Range{pt.range.begin, r.span.end};
      r.note = prev.note + " (the sentence before); " + r.note;
    }
  }
  resolve(r, total);
  for (const auto& [ia, ib] : complements_) {
    auto& sa = r.slots[static_cast<std::size_t>(ia)];
    const auto& sb = r.slots[static_cast<std::size_t>(ib)];
    if (sa.set || !sb.value || total < 0 || !r.slots[static_cast<std::size_t>(total)].value) continue;
    std::int64_t t = *r.slots[static_cast<std::size_t>(total)].value;
    if (*sb.value > t) continue;
    sa.set = true;
    sa.range = sb.range;
    sa.value = t - *sb.value;
    r.note += "; " + spec_.roles[static_cast<std::size_t>(ia)].name + " = " + spec_.total + " - " +
              spec_.roles[static_cast<std::size_t>(ib)].name + " = " + std::to_string(*sa.value);
  }
  Hit h;
  h.range = r.span;
  for (std::size_t ri = 0; ri < spec_.roles.size(); ++ri) {
    const auto& s = r.slots[ri];
    if (!s.set) continue;
    h.captures.emplace_back(&spec_.roles[ri].name, s.range);
    if (s.value) h.values.emplace_back(&spec_.roles[ri].name, Rational{*s.value, 1});
  }
  if (h.values.empty()) return;
  h.note = std::move(r.note);
  out.push_back(std::move(h));
}

}  // namespace wfof
