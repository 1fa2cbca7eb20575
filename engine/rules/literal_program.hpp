// A pattern made of literal text (alternations of words and phrases, as
// the terms kind writes them) or of the little more rules write with it
// (classes, \w, bounded repetition), matched without an automaton: RE2's
// DFA walks a large automaton byte by byte, cold in memory for each of
// some sixty terms patterns; this walks only the word starts whose first
// letter begins some alternative, trying those alternatives in order, a
// backtracking program. It gives exactly RE2's answer (leftmost-first:
// the leftmost start, and there the first alternative, in the order
// written, with which the rest of the pattern matches; repetition greedy)
// for the patterns it accepts, and says when it cannot.
#pragma once
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace wfof {

class LiteralProgram {
 public:
  // The program for `pattern` (RE2 syntax, compiled with or without case
  // folding) if it uses only: ASCII characters, escaped punctuation,
  // groups (?:...) and numbered groups (...), read alike (the program
  // reports no submatches), alternation, classes of ASCII characters and
  // ranges ([ -], [sz]) and their negations ([^.]), \w \d \s, \b, and
  // after any atom one greedy '?', '{m}', '{m,}' or '{m,n}' (at most 100),
  // or after a class '*' or '+'. Anything else (named groups, lazy or
  // unbounded repetition of a group, '.', ^ and $, flags, non-ASCII)
  // gives nullopt: RE2 is then the only matcher.
  static std::optional<LiteralProgram> compile(std::string_view pattern, bool case_sensitive);
  // Whether compile() takes `pattern`, without building the program. What
  // it takes is valid RE2 syntax, so a loader need not ask RE2 to check it.
  static bool accepts(std::string_view pattern);

  enum class Found { yes, no, ask_re2 };
  // The leftmost-first match of the pattern in text[begin, end), as
  // RE2::Match(text, begin, end, UNANCHORED) finds it (\b reads the bytes
  // on either side of the range): yes (and `match` is set), no, or
  // ask_re2 when this program cannot be sure of RE2's answer there: a
  // character that case folding matches with an ASCII letter (the Kelvin
  // sign with k), a character outside ASCII where a negated class would
  // read it, or a search that backtracked past a bound.
  Found find(std::string_view text, std::size_t begin, std::size_t end, std::size_t& match_begin,
             std::size_t& match_end) const;

 private:
  // A backtracking program: instructions run in order from a start; a
  // split (and a dispatch's later targets) are tried only when the
  // preferred path fails, which is leftmost-first.
  enum class Op : std::uint8_t { literal, klass, split, jump, word_boundary, dispatch, match };
  struct Inst {
    Op op;
    // literal: offset and length in text_; klass: class index; split:
    // preferred, other; jump: target; dispatch: table index.
    std::uint32_t x = 0, y = 0;
  };
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // An alternative of an alternation: where it starts, and the (folded)
  // text every match of it starts with, in text_.
  struct Target {
    std::uint32_t pc, prefix, length;
    std::uint32_t index;  // in the alternation: the order to try them in
    std::uint32_t skip;   // bytes already matched when the alternative is taken at pc (by its word)
  };
  // For an alternation: the alternatives that start with a whole word, by
  // that word (folded); per folded first byte (256: the end of the range),
  // the others that can start with it. Each list in the order written.
  struct Dispatch {
    std::unordered_map<std::string, std::vector<Target>, WordHash, std::equal_to<>> by_word;
    std::size_t longest = 0;             // the longest word in by_word (at most 64)
    std::vector<std::uint32_t> offsets;  // 258 entries into targets
    std::vector<Target> targets;
  };

  LiteralProgram() = default;
  class Builder;
  bool run(std::string_view text, std::size_t start, std::size_t end, std::size_t& match_end, std::size_t& budget) const;
  // Whether text[pos, end) starts with text_[offset, offset + length), folded.
  bool same(std::string_view text, std::size_t pos, std::size_t end, std::uint32_t offset, std::uint32_t length) const;

  std::vector<Inst> insts_;
  std::string text_;                      // literals and prefixes, folded
  std::vector<std::bitset<256>> classes_;  // over raw bytes (both cases when folding)
  std::vector<Dispatch> dispatches_;
  std::vector<bool> pairs_;  // 256 x 256: first two (folded) bytes a match can start with; empty: any
  std::bitset<256> short_;   // first bytes of a match one byte long
  std::vector<bool> first_;   // 257 entries: folded bytes a match can start with (256: the end)
  std::uint8_t fold_[256]{};  // the byte as compared: ASCII lower case when folding
  bool folding_ = false;
  bool word_start_ = false;  // matches start only where a word does
};

}  // namespace wfof
