#include "literal_program.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <set>
#include <string>
#include <unordered_map>

#include "ascii.hpp"
#include "word_keys.hpp"

namespace wfof {
namespace {

// The pattern read into a tree: a sequence of atoms, each a set of bytes,
// a group of alternatives, or \b; any may be optional.
struct Seq;
struct Atom {
  enum class Kind { bytes, group, boundary } kind = Kind::bytes;
  std::bitset<256> bytes;  // raw bytes, both cases when folding
  std::vector<Seq> alternatives;
  bool optional = false;
  // A negated class: it matches any code point outside the class, which
  // takes more than one byte outside ASCII (run() then asks RE2).
  bool wide = false;
  // x*, x+, x{m,n}: at least `min` and at most `max` times, greedy
  // (`optional` is x?, kept apart).
  bool repeated = false;
  std::uint32_t min = 1, max = 1;
  // The product of the counts of the repetitions nested here (RE2
  // refuses more than 1000, which a program takes as RE2 does).
  std::uint32_t nesting = 1;
  // The (folded) byte a bytes atom matches when it is one byte, or one
  // letter in either case when folding; -1 otherwise. Set by the reader.
  int one = -1;
};
struct Seq {
  std::vector<Atom> atoms;
};

// The most copies of a repeated atom a program spells out; an unbounded
// repetition's upper end.
constexpr std::uint32_t kMaxRepeat = 100, kMany = UINT32_MAX;

bool ascii_punct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && !word_byte(u);
}

using ascii::lower;
using ascii::upper;

// A recursive-descent reader of the accepted subset; fails on anything else.
class Reader {
 public:
  Reader(std::string_view p, bool folding) : p_(p), folding_(folding) {}

  std::optional<Seq> whole() {
    std::vector<Seq> alts;
    if (!alternation(alts) || i_ != p_.size()) return std::nullopt;
    if (alts.size() == 1) return std::move(alts.front());
    Seq s;
    Atom g;
    g.kind = Atom::Kind::group;
    g.alternatives = std::move(alts);
    s.atoms.push_back(std::move(g));
    return s;
  }

 private:
  bool alternation(std::vector<Seq>& out) {
    // Deep nesting is refused rather than risked on the call stack.
    if (++depth_ > 64) return false;
    for (;;) {
      Seq s;
      if (!sequence(s)) return false;
      out.push_back(std::move(s));
      if (i_ < p_.size() && p_[i_] == '|') {
        ++i_;
        continue;
      }
      --depth_;
      return true;
    }
  }

  bool sequence(Seq& s) {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      Atom a;
      if (!atom(a)) return false;
      if (i_ < p_.size() && p_[i_] == '?') {
        ++i_;
        a.optional = true;
      } else if (i_ < p_.size() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '{')) {
        if (!repetition(a)) return false;
      }
      // A second repetition, or a lazy one ('??', '*?'), is refused.
      if (i_ < p_.size() && std::string_view("*+?{").find(p_[i_]) != std::string_view::npos) return false;
      s.atoms.push_back(std::move(a));
    }
    return true;
  }

  // x*, x+, x{m}, x{m,}, x{m,n} after `a`, greedy. An unbounded one only
  // of a byte class, which never matches nothing (a loop on an empty
  // match would not end); at most kMaxRepeat copies spelt out.
  bool repetition(Atom& a) {
    if (a.kind == Atom::Kind::boundary) return false;
    const char c = p_[i_++];
    std::uint32_t lo = c == '+' ? 1 : 0, hi = kMany;
    if (c == '{') {
      if (!number(lo)) return false;  // RE2 reads a '{' that starts no repetition as itself
      hi = lo;
      if (i_ < p_.size() && p_[i_] == ',') {
        ++i_;
        hi = kMany;
        if (i_ < p_.size() && p_[i_] != '}' && !number(hi)) return false;
      }
      if (i_ >= p_.size() || p_[i_] != '}' || hi < lo) return false;
      ++i_;
    }
    if (lo > kMaxRepeat || (hi != kMany && hi > kMaxRepeat)) return false;
    if (hi == kMany && a.kind != Atom::Kind::bytes) return false;
    // As RE2 counts: the upper count, or the lower of an unbounded one.
    if (const std::uint32_t count = hi == kMany ? lo : hi; count > 0) a.nesting *= count;
    if (a.nesting > 1000) return false;
    a.repeated = true;
    a.min = lo;
    a.max = hi;
    return true;
  }

  bool number(std::uint32_t& n) {
    const std::size_t from = i_;
    n = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9' && i_ - from < 4) n = n * 10 + static_cast<std::uint32_t>(p_[i_++] - '0');
    return i_ > from && (i_ >= p_.size() || p_[i_] < '0' || p_[i_] > '9');
  }

  void add(Atom& a, char c) {
    a.bytes[static_cast<unsigned char>(c)] = true;
    if (folding_) {
      a.bytes[static_cast<unsigned char>(lower(c))] = true;
      a.bytes[static_cast<unsigned char>(upper(c))] = true;
    }
  }

  // An atom, with `one` set for a bytes atom (see Atom).
  bool atom(Atom& a) {
    if (!read_atom(a)) return false;
    if (a.kind != Atom::Kind::bytes || a.one >= 0) return true;
    // How many bytes, up to three (bitset::count() is a library call
    // without a popcount instruction to build for).
    std::size_t n = 0;
    for (std::size_t b = a.bytes._Find_first(); b < 256 && n < 3; b = a.bytes._Find_next(b)) ++n;
    if (n == 0 || n > 2) return true;
    const char c = static_cast<char>(a.bytes._Find_first());  // the upper case of a letter: it sorts first
    if (n == 1) a.one = static_cast<unsigned char>(folding_ ? lower(c) : c);
    else if (folding_ && lower(c) != c && a.bytes[static_cast<unsigned char>(lower(c))]) a.one = static_cast<unsigned char>(lower(c));
    return true;
  }

  bool read_atom(Atom& a) {
    const char c = p_[i_++];
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    switch (c) {
      case '(': {
        // A numbered capture is read as a plain group: which match is
        // leftmost-first does not depend on what is captured, and the
        // engine asks RE2 only for named groups, which are refused here
        // with the other '(?' forms (flags, lookaround).
        if (p_.substr(i_, 2) == "?:") i_ += 2;
        else if (i_ < p_.size() && p_[i_] == '?') return false;
        a.kind = Atom::Kind::group;
        if (!alternation(a.alternatives)) return false;
        for (const Seq& alt : a.alternatives)
          for (const Atom& in : alt.atoms) a.nesting = std::max(a.nesting, in.nesting);
        if (i_ >= p_.size() || p_[i_] != ')') return false;
        ++i_;
        return true;
      }
      case '[': return klass(a);
      case '\\': {
        if (i_ >= p_.size()) return false;
        const char e = p_[i_++];
        if (e == 'b') {
          a.kind = Atom::Kind::boundary;
          return true;
        }
        if (e == 'w' || e == 'd' || e == 's') {  // RE2's are ASCII: [0-9A-Za-z_], [0-9], [\t\n\f\r ]
          for (int b = 0; b < 128; ++b) {
            const bool digit = b >= '0' && b <= '9';
            const bool in = e == 'd' ? digit
                            : e == 's' ? (b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ')
                                       : digit || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
            if (in) a.bytes[static_cast<std::size_t>(b)] = true;
          }
          return true;
        }
        if (!ascii_punct(e)) return false;  // \B, \W, \x41, \pL, ...
        literal(a, e);
        return true;
      }
      case '.': case '*': case '+': case '?': case ')': case '|': case ']': case '{': case '}': case '^': case '$':
        return false;
      default:
        literal(a, c);
        return true;
    }
  }

  // The one character `c` (the common case, so `one` is set here rather
  // than by counting the bytes).
  void literal(Atom& a, char c) {
    add(a, c);
    a.one = static_cast<unsigned char>(folding_ ? lower(c) : c);
  }

  bool klass(Atom& a) {
    const bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    if (i_ < p_.size() && (p_[i_] == '^' || p_[i_] == ']')) return false;
    bool any = false;
    while (i_ < p_.size() && p_[i_] != ']') {
      char lo = 0;
      if (!class_char(lo)) return false;
      char hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        if (!class_char(hi) || hi < lo) return false;
      }
      for (int c = lo; c <= hi; ++c) add(a, static_cast<char>(c));
      any = true;
    }
    if (i_ >= p_.size() || !any) return false;
    ++i_;  // ']'
    if (negated) {  // every other byte, both cases of a letter left out (add() put both in)
      a.bytes.flip();
      a.wide = true;
    }
    return true;
  }

  bool class_char(char& c) {
    c = p_[i_++];
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    if (c == '[') return false;  // [:alpha:] and the like
    if (c != '\\') return true;
    if (i_ >= p_.size()) return false;
    c = p_[i_++];
    return ascii_punct(c);
  }

  std::string_view p_;
  bool folding_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

// The first (folded) bytes of what `s` matches; [256]: `s` may match the
// empty string, so the next thing decides.
using First = std::bitset<257>;

// One byte, or one letter in either case when folding: compared as text.
std::optional<unsigned char> single(const Atom& a) {
  if (a.kind != Atom::Kind::bytes || a.optional || a.repeated || a.one < 0) return std::nullopt;
  return static_cast<unsigned char>(a.one);
}

// The bytes of words, as \b reads them.
std::bitset<256> word_bytes() {
  std::bitset<256> w;
  for (int c = 0; c < 256; ++c) w[c] = word_byte(static_cast<unsigned char>(c));
  return w;
}

}  // namespace

class LiteralProgram::Builder {
 public:
  explicit Builder(LiteralProgram& p) : p_(p) {}

  First first(const Seq& s) const {
    if (auto it = firsts_.find(&s); it != firsts_.end()) return it->second;
    First f{};
    bool nullable = true;
    for (const Atom& a : s.atoms)
      if (!add_first(a, f)) {
        nullable = false;
        break;
      }
    f[256] = nullable;
    firsts_.emplace(&s, f);
    return f;
  }

  // Adds the first bytes of `a` to `f` (but not [256]); whether `a` may
  // match nothing.
  bool add_first(const Atom& a, First& f) const {
    bool nullable = a.optional || (a.repeated && a.min == 0);
    switch (a.kind) {
      case Atom::Kind::boundary: nullable = true; break;
      case Atom::Kind::bytes:
        for (std::size_t b = a.bytes._Find_first(); b < 256; b = a.bytes._Find_next(b)) f[p_.fold_[b]] = true;
        break;
      case Atom::Kind::group:
        for (const Seq& alt : a.alternatives) {
          First g = first(alt);
          nullable = nullable || g[256];
          g[256] = false;
          f |= g;
        }
        break;
    }
    return nullable;
  }

  // The (folded) texts a match of `s` can start with, cut to two bytes
  // (shorter only for a match that short). `unknown` is set when a
  // repetition comes within the first two bytes: then they are not listed.
  std::set<std::string> starts(const Seq& s, bool& unknown) const {
    std::set<std::string> cur{""};
    for (const Atom& a : s.atoms) {
      if (a.kind == Atom::Kind::boundary) continue;
      if (a.repeated) {
        unknown = true;
        return cur;
      }
      std::set<std::string> piece;
      if (a.kind == Atom::Kind::bytes) {
        for (int c = 0; c < 256; ++c)
          if (a.bytes[c]) piece.insert(std::string(1, static_cast<char>(p_.fold_[c])));
      } else {
        for (const Seq& alt : a.alternatives) piece.merge(starts(alt, unknown));
      }
      if (a.optional) piece.insert("");
      std::set<std::string> next;
      bool open = false;
      for (const auto& c : cur) {
        if (c.size() == 2) {
          next.insert(c);
          continue;
        }
        for (const auto& q : piece) {
          std::string t = (c + q).substr(0, 2);
          open = open || t.size() < 2;
          next.insert(std::move(t));
        }
      }
      cur = std::move(next);
      if (!open) break;
    }
    return cur;
  }

  // The (folded) text every match of `s` starts with.
  std::string prefix(const Seq& s) const {
    std::string out;
    for (const Atom& a : s.atoms) {
      if (a.kind == Atom::Kind::boundary) continue;
      if (auto c = single(a)) {
        out += static_cast<char>(*c);
        continue;
      }
      if (a.kind == Atom::Kind::group && !a.optional && !a.repeated && !a.alternatives.empty()) {
        std::string common = prefix(a.alternatives.front());
        for (std::size_t k = 1; k < a.alternatives.size() && !common.empty(); ++k) {
          const std::string other = prefix(a.alternatives[k]);
          std::size_t n = 0;
          while (n < common.size() && n < other.size() && common[n] == other[n]) ++n;
          common.resize(n);
        }
        out += common;
      }
      break;
    }
    return out;
  }

  // `follow`: whatever comes after `s` starts with a byte outside words.
  // Returns where the code for atoms [cut, end) starts (no instruction
  // spans atoms on both sides of `cut`).
  std::uint32_t seq(const Seq& s, bool follow, std::size_t cut = 0) {
    auto here = [&] { return static_cast<std::uint32_t>(p_.insts_.size()); };
    std::uint32_t at_cut = here();
    for (std::size_t i = 0; i < s.atoms.size();) {
      if (i == cut) at_cut = here();
      // A run of single bytes is one instruction.
      if (single(s.atoms[i])) {
        const auto offset = static_cast<std::uint32_t>(p_.text_.size());
        do {
          p_.text_ += static_cast<char>(*single(s.atoms[i]));
          ++i;
        } while (i < s.atoms.size() && i != cut && single(s.atoms[i]));
        emit({Op::literal, offset, static_cast<std::uint32_t>(p_.text_.size() - offset)});
        continue;
      }
      const Atom& a = s.atoms[i++];
      if (a.repeated) {
        repeat(a);
        continue;
      }
      std::size_t split = 0;
      if (a.optional) {  // greedy: the atom first
        split = emit({Op::split});
        p_.insts_[split].x = here();
      }
      atom(a, i < s.atoms.size() ? starts_outside_words(s.atoms[i]) : follow);
      if (a.optional) p_.insts_[split].y = here();
    }
    if (cut >= s.atoms.size()) at_cut = here();
    return at_cut;
  }

 private:
  std::size_t emit(Inst i) {
    p_.insts_.push_back(i);
    return p_.insts_.size() - 1;
  }

  // Whether what `a` matches starts with a byte outside words, or (\b)
  // cannot follow a word's last byte unless one does.
  bool starts_outside_words(const Atom& a) const {
    if (a.optional || (a.repeated && a.min == 0)) return false;
    if (a.kind == Atom::Kind::boundary) return true;
    // Folding maps letters to letters: the raw bytes tell.
    if (a.kind == Atom::Kind::bytes) return (a.bytes & words_).none();
    if (auto it = outside_.find(&a); it != outside_.end()) return it->second;
    First f{};
    bool outside = !add_first(a, f);
    for (int c = 0; c < 256 && outside; ++c)
      if (f[c] && word_byte(static_cast<unsigned char>(c))) outside = false;
    outside_.emplace(&a, outside);
    return outside;
  }

  // Every (folded) text `a` can match, when it is bytes, a small class
  // or a group of those; false past `cap` texts.
  bool expand(const Atom& a, std::vector<std::string>& out, std::size_t cap) const {
    out.clear();
    if (a.kind == Atom::Kind::boundary || a.repeated) return false;
    if (a.kind == Atom::Kind::bytes) {
      for (std::size_t c = a.bytes._Find_first(); c < 256; c = a.bytes._Find_next(c)) {
        const std::string f(1, static_cast<char>(p_.fold_[c]));
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
      }
    } else {
      for (const Seq& alt : a.alternatives) {
        std::vector<std::string> texts{""}, piece, next;
        for (const Atom& inner : alt.atoms) {
          if (!expand(inner, piece, cap) || texts.size() * piece.size() > cap) return false;
          next.clear();
          for (const auto& t : texts)
            for (const auto& q : piece) next.push_back(t + q);
          texts.swap(next);
        }
        out.insert(out.end(), texts.begin(), texts.end());
        if (out.size() > cap) return false;
      }
    }
    if (a.optional) out.push_back("");
    return true;
  }

  // The whole words every match of `s` starts with, when `s` starts with
  // bytes of words only and what comes next starts outside words (so the
  // text's word there must be one of them); empty when not known.
  // `to_out`: the atoms that match the word ([0, to_out)). (A leading \b
  // is left to the code: the word is looked up as it is.)
  std::vector<std::string> first_words(const Seq& s, bool follow, std::size_t& to_out) const {
    constexpr std::size_t kCap = 256;
    std::vector<std::string> best, words{""}, piece, next;
    auto wordy = [](const std::string& w) {
      return w.size() <= kLongestWord &&
             std::all_of(w.begin(), w.end(), [](char c) { return word_byte(static_cast<unsigned char>(c)); });
    };
    for (std::size_t to = 1; to <= s.atoms.size(); ++to) {
      if (const auto c = single(s.atoms[to - 1])) {
        // One byte (most are): each word grows by it; the words so far
        // are words, so only it and the length need checking.
        if (!word_byte(*c) ||
            std::any_of(words.begin(), words.end(), [](const std::string& w) { return w.size() >= kLongestWord; }))
          break;
        for (auto& w : words) w += static_cast<char>(*c);
      } else {
        if (!expand(s.atoms[to - 1], piece, kCap) || words.size() * piece.size() > kCap) break;
        next.clear();
        for (const auto& w : words)
          for (const auto& q : piece) next.push_back(w + q);
        words.swap(next);
        if (!std::all_of(words.begin(), words.end(), wordy)) break;
      }
      const bool whole = to < s.atoms.size() ? starts_outside_words(s.atoms[to]) : follow;
      if (whole && std::none_of(words.begin(), words.end(), [](const std::string& w) { return w.empty(); })) {
        best = words;
        to_out = to;
      }
    }
    std::sort(best.begin(), best.end());
    best.erase(std::unique(best.begin(), best.end()), best.end());
    return best;
  }

  void atom(const Atom& a, bool follow) {
    switch (a.kind) {
      case Atom::Kind::boundary: emit({Op::word_boundary}); return;
      case Atom::Kind::bytes:
        p_.classes_.push_back(a.bytes);
        emit({Op::klass, static_cast<std::uint32_t>(p_.classes_.size() - 1), a.wide ? 1u : 0u});
        return;
      case Atom::Kind::group: group(a.alternatives, follow); return;
    }
  }

  // x{min,max} as RE2 spells it out: `min` copies, then the optional ones,
  // each tried only after the one before matched (x(x(x)?)?); x* and x+
  // end in a loop. Greedy: another copy before what follows. What follows
  // a copy is not known here (another copy, or the rest): none is told.
  void repeat(const Atom& a) {
    for (std::uint32_t k = 0; k < a.min; ++k) atom(a, false);
    if (a.max == kMany) {
      const std::size_t loop = emit({Op::split});
      p_.insts_[loop].x = static_cast<std::uint32_t>(p_.insts_.size());
      atom(a, false);
      emit({Op::jump, static_cast<std::uint32_t>(loop)});
      p_.insts_[loop].y = static_cast<std::uint32_t>(p_.insts_.size());
      return;
    }
    std::vector<std::size_t> splits;
    for (std::uint32_t k = a.min; k < a.max; ++k) {
      splits.push_back(emit({Op::split}));
      p_.insts_[splits.back()].x = static_cast<std::uint32_t>(p_.insts_.size());
      atom(a, false);
    }
    for (std::size_t at : splits) p_.insts_[at].y = static_cast<std::uint32_t>(p_.insts_.size());
  }

  // Alternatives are tried in the order written. Many (a lexicon's
  // terms) are reached through a table: by the word the text has there
  // for those that start with a whole word, by the first byte and the
  // text they start with for the rest; a few, through splits.
  void group(const std::vector<Seq>& alts, bool follow) {
    if (alts.size() == 1) {
      seq(alts.front(), follow);
      return;
    }
    std::vector<std::size_t> jumps;
    // Only the outermost alternation is tried at every word; the others
    // only after some text matched, where a few splits cost less than
    // building their tables.
    const bool outermost = !in_group_;
    in_group_ = true;
    if (outermost && alts.size() >= kDispatchFrom) {
      const std::size_t at = emit({Op::dispatch, static_cast<std::uint32_t>(p_.dispatches_.size())});
      p_.dispatches_.emplace_back();
      std::vector<Target> targets;
      std::vector<std::vector<std::string>> words;
      std::vector<std::uint32_t> after_word;
      std::vector<std::pair<std::size_t, First>> others;  // those without a word: by first byte
      for (std::size_t k = 0; k < alts.size(); ++k) {
        const Seq& s = alts[k];
        std::size_t to = 0;
        words.push_back(first_words(s, follow, to));
        Target t{static_cast<std::uint32_t>(p_.insts_.size()), 0, 0, static_cast<std::uint32_t>(k), 0};
        if (words.back().empty()) {
          const std::string pre = prefix(s);
          t.prefix = static_cast<std::uint32_t>(p_.text_.size());
          t.length = static_cast<std::uint32_t>(pre.size());
          p_.text_ += pre;
          others.emplace_back(k, first(s));
        }
        targets.push_back(t);
        after_word.push_back(seq(s, follow, to));
        jumps.push_back(emit({Op::jump}));
      }
      Dispatch& d = p_.dispatches_[p_.insts_[at].x];
      for (std::size_t k = 0; k < alts.size(); ++k)
        for (const auto& w : words[k]) {
          // Its match starts with the word: what matches it is done, and
          // the rest of the alternative follows the word.
          auto& list = d.by_word[w];
          Target past = targets[k];
          past.pc = after_word[k];
          past.skip = static_cast<std::uint32_t>(w.size());
          list.push_back(past);
          d.longest = std::max(d.longest, w.size());
        }
      // The rest: per first byte, those that can start with it (one that
      // can match nothing, with every byte), in order.
      auto starts_with = [](const First& f, int b) { return f[b] || f[256]; };
      d.offsets.assign(258, 0);
      for (const auto& [k, f] : others)
        for (int b = 0; b <= 256; ++b) d.offsets[b + 1] += starts_with(f, b);
      for (int b = 0; b <= 256; ++b) d.offsets[b + 1] += d.offsets[b];
      d.targets.resize(d.offsets[257]);
      std::vector<std::uint32_t> fill(d.offsets.begin(), d.offsets.end() - 1);
      for (const auto& [k, f] : others)
        for (int b = 0; b <= 256; ++b)
          if (starts_with(f, b)) d.targets[fill[b]++] = targets[k];
    } else {
      for (std::size_t k = 0; k < alts.size(); ++k) {
        std::size_t split = 0;
        if (k + 1 < alts.size()) {
          split = emit({Op::split});
          p_.insts_[split].x = static_cast<std::uint32_t>(p_.insts_.size());
        }
        seq(alts[k], follow);
        jumps.push_back(emit({Op::jump}));
        if (k + 1 < alts.size()) p_.insts_[split].y = static_cast<std::uint32_t>(p_.insts_.size());
      }
    }
    for (std::size_t j : jumps) p_.insts_[j].x = static_cast<std::uint32_t>(p_.insts_.size());
    in_group_ = !outermost;
  }

  // Memoised: the tree does not change while it is built.
  mutable std::unordered_map<const Seq*, First> firsts_;
  mutable std::unordered_map<const Atom*, bool> outside_;
  const std::bitset<256> words_ = word_bytes();
  bool in_group_ = false;
  static constexpr std::size_t kDispatchFrom = 8;
  static constexpr std::size_t kLongestWord = 64;  // run()'s buffer
  LiteralProgram& p_;
};

bool LiteralProgram::accepts(std::string_view pattern) { return Reader(pattern, false).whole().has_value(); }

std::optional<LiteralProgram> LiteralProgram::compile(std::string_view pattern, bool case_sensitive) {
  LiteralProgram p;
  p.folding_ = !case_sensitive;
  for (int b = 0; b < 256; ++b)
    p.fold_[b] = static_cast<std::uint8_t>(p.folding_ ? lower(static_cast<char>(b)) : static_cast<char>(b));
  auto tree = Reader(pattern, p.folding_).whole();
  if (!tree) return std::nullopt;
  Builder b(p);
  const First f = b.first(*tree);
  p.first_.resize(257);
  for (std::size_t c = 0; c < 257; ++c) p.first_[c] = f[c];
  // A pattern that starts with \b and then a word byte can start only
  // where a word does.
  bool word_only = !f[256];
  for (int c = 0; c < 256 && word_only; ++c) word_only = !f[c] || word_byte(static_cast<unsigned char>(c));
  p.word_start_ = word_only && !tree->atoms.empty() && tree->atoms.front().kind == Atom::Kind::boundary &&
                  !tree->atoms.front().optional;
  // The first two bytes of a match, as a table: most words start with a
  // pair no match starts with.
  if (!f[256]) {
    std::vector<std::string> texts;  // what a match can start with, to two bytes
    bool unknown = false;
    // An alternation after \b (as terms are written): each alternative's
    // own text where it has two bytes of it, which is cheap.
    const auto& atoms = tree->atoms;
    const bool alternation = !atoms.empty() && atoms[0].kind == Atom::Kind::boundary && !atoms[0].optional &&
                             atoms.size() >= 2 && atoms[1].kind == Atom::Kind::group && !atoms[1].optional &&
                             !atoms[1].repeated;
    if (alternation) {
      for (const Seq& alt : atoms[1].alternatives) {
        const std::string pre = b.prefix(alt);
        if (pre.size() >= 2) {
          texts.push_back(pre);
          continue;
        }
        // Shorter: what follows the alternation may give the second byte.
        Seq rest = alt;
        rest.atoms.insert(rest.atoms.end(), atoms.begin() + 2, atoms.end());
        const std::set<std::string> more = b.starts(rest, unknown);
        texts.insert(texts.end(), more.begin(), more.end());
      }
    } else {
      const std::set<std::string> all = b.starts(*tree, unknown);
      texts.assign(all.begin(), all.end());
    }
    if (!unknown) {
      p.pairs_.assign(256 * 256, false);
      for (const auto& t : texts) {
        if (t.empty()) continue;  // none: the pattern cannot match the empty string
        const auto b0 = static_cast<unsigned char>(t[0]);
        if (t.size() == 1) p.short_[b0] = true;
        else p.pairs_[b0 * 256 + static_cast<unsigned char>(t[1])] = true;
      }
    }
  }
  b.seq(*tree, false);
  p.insts_.push_back({Op::match});
  return p;
}

bool LiteralProgram::same(std::string_view text, std::size_t pos, std::size_t end, std::uint32_t offset,
                          std::uint32_t length) const {
  if (end - pos < length) return false;
  const char* t = text.data() + pos;
  const char* want = text_.data() + offset;
  for (std::uint32_t k = 0; k < length; ++k)
    if (fold_[static_cast<unsigned char>(t[k])] != static_cast<unsigned char>(want[k])) return false;
  return true;
}

bool LiteralProgram::run(std::string_view text, std::size_t start, std::size_t end, std::size_t& match_end,
                         std::size_t& budget) const {
  struct Thread {
    std::uint32_t pc;
    std::size_t pos;
  };
  // Depth-first, the preferred path first: the first match reached is
  // the leftmost-first one. The stack holds the paths not yet tried.
  constexpr std::size_t kStack = 512;
  Thread stack[kStack];
  std::size_t top = 0;
  stack[top++] = {0, start};
  auto word = [&](std::size_t i) { return i < text.size() && word_byte(static_cast<unsigned char>(text[i])); };
  while (top > 0) {
    auto [pc, pos] = stack[--top];
    for (;;) {
      if (budget == 0) return false;
      --budget;
      const Inst& in = insts_[pc];
      bool ok = true;
      switch (in.op) {
        case Op::literal:
          ok = same(text, pos, end, in.x, in.y);
          ++pc, pos += in.y;
          break;
        case Op::klass:
          // A negated class (y) reads a code point outside ASCII as one
          // character, as RE2 does: this program, reading bytes, asks RE2.
          if (in.y && pos < end && static_cast<unsigned char>(text[pos]) >= 0x80) return budget = 0, false;
          ok = pos < end && classes_[in.x][static_cast<unsigned char>(text[pos])];
          ++pc, ++pos;
          break;
        case Op::split:
          if (top == kStack) return budget = 0, false;
          stack[top++] = {in.y, pos};
          pc = in.x;
          break;
        case Op::jump: pc = in.x; break;
        case Op::word_boundary:
          ok = (pos > 0 && word(pos - 1)) != word(pos);
          ++pc;
          break;
        case Op::dispatch: {
          const Dispatch& d = dispatches_[in.x];
          // The alternatives keyed by the word that starts here (the text's
          // whole word, which may run past the range: then none can match)
          // and the others whose text is here, in the order written: the
          // first is taken now, the rest kept, last on the stack first.
          const std::vector<Target>* keyed = nullptr;
          if (!d.by_word.empty()) {
            std::size_t q = pos;
            while (q < text.size() && q - pos <= d.longest && word(q)) ++q;
            if (q > pos && q <= end && q - pos <= d.longest) {
              char folded[64];
              const std::size_t n = q - pos;
              for (std::size_t k = 0; k < n; ++k) folded[k] = static_cast<char>(fold_[static_cast<unsigned char>(text[pos + k])]);
              if (auto it = d.by_word.find(std::string_view(folded, n)); it != d.by_word.end()) keyed = &it->second;
            }
          }
          const unsigned key = pos < end ? fold_[static_cast<unsigned char>(text[pos])] : 256u;
          const Target* o = d.targets.data() + d.offsets[key];
          const Target* o_end = d.targets.data() + d.offsets[key + 1];
          const Target* w = keyed ? keyed->data() : nullptr;
          const Target* w_end = keyed ? w + keyed->size() : nullptr;
          const std::size_t mark = top;
          bool any = false;
          Target first{};
          while (o != o_end || w != w_end) {
            const Target* t;
            if (w != w_end && (o == o_end || w->index < o->index)) {
              t = w++;
            } else {
              t = o++;
              if (!same(text, pos, end, t->prefix, t->length)) continue;
            }
            if (!any) {
              first = *t;
              any = true;
              continue;
            }
            if (top == kStack) return budget = 0, false;
            stack[top++] = {t->pc, pos + t->skip};
          }
          std::reverse(stack + mark, stack + top);
          ok = any;
          pc = first.pc;
          pos += first.skip;
          break;
        }
        case Op::match: match_end = pos; return true;
      }
      if (!ok) break;
    }
  }
  return false;
}

LiteralProgram::Found LiteralProgram::find(std::string_view text, std::size_t begin, std::size_t end,
                                           std::size_t& match_begin, std::size_t& match_end) const {
  if (folding_ && folds_to_ascii(text.substr(begin, end - begin))) return Found::ask_re2;
  // Enough for any search over a sentence of these patterns many times
  // over; past it, RE2 (which has no such worst case) answers.
  std::size_t budget = 1u << 20;
  auto word = [&](std::size_t i) { return word_byte(static_cast<unsigned char>(text[i])); };
  // Whether a match may start at p (cheap tables first), and if one does.
  auto at = [&](std::size_t p, std::size_t& e) {
    const unsigned key = p < end ? fold_[static_cast<unsigned char>(text[p])] : 256u;
    if (!first_[key] && !first_[256]) return false;
    if (!pairs_.empty() && !short_[key] &&
        (p + 1 >= end || !pairs_[key * 256 + fold_[static_cast<unsigned char>(text[p + 1])]]))
      return false;
    return run(text, p, end, e, budget);
  };
  std::size_t e = 0;
  if (word_start_) {
    // Only where a word starts: past the rest of each word at once.
    std::size_t p = begin;
    if (p > 0 && p < end && word(p - 1))
      while (p < end && word(p)) ++p;
    while (p < end) {
      if (!word(p)) {
        ++p;
        continue;
      }
      if (at(p, e)) {
        match_begin = p;
        match_end = e;
        return Found::yes;
      }
      if (budget == 0) return Found::ask_re2;
      while (++p < end && word(p)) {}
    }
    return Found::no;
  }
  for (std::size_t p = begin; p <= end; ++p) {
    if (at(p, e)) {
      match_begin = p;
      match_end = e;
      return Found::yes;
    }
    if (budget == 0) return Found::ask_re2;
  }
  return Found::no;
}

}  // namespace wfof
