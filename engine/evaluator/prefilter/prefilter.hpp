// The one-pass prefilter: for a piece of text (a sentence), which of every
// rule's patterns may match there. It only narrows the search: RE2 still
// decides every match and capture, so a prefilter may say "may match"
// wrongly, but must never miss a pattern that matches. Implementations
// (one file each): the word index for patterns whose words are known
// (terms), atoms for regexes with required strings, and for the rest
// Hyperscan where the build has it, RE2::Set otherwise; make_prefilter()
// combines them.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "word_keys.hpp"

namespace wfof {

struct PrefilterPattern {
  std::string regex;  // RE2 syntax, as the rule's matcher compiles it
  bool case_sensitive = false;
  WordKeys keys;  // the words every match contains, when known
};

class Prefilter {
 public:
  virtual ~Prefilter() = default;
  // Appends to `matched` the index of every pattern that may match in
  // `text` (in no particular order, each once). Returns false when it could
  // not tell (out of memory): then every pattern must be searched. Not
  // thread-safe: each thread has its own prefilter (it holds scratch space).
  virtual bool match(std::string_view text, std::vector<int>& matched) = 0;
  // What it is, for --profile.
  virtual std::string_view name() const = 0;
};

// The fastest prefilter this build has for `patterns`, or null when none
// could be built (then every pattern is searched everywhere).
//
// Compiling the regex part (atoms, then RE2::Set or Hyperscan) costs more
// than searching a few documents without it: with `regexes_after` > 0 it
// is built only once the prefilter has read that many bytes of text, and
// until then every regex may match everywhere (always a sound answer). A
// run over one small file never builds it; a corpus builds it in its
// first few documents. The word index, cheap to build, answers at once.
std::unique_ptr<Prefilter> make_prefilter(const std::vector<PrefilterPattern>& patterns, std::size_t regexes_after = 0);

// The word index: looks the words of the text up among the patterns' keys
// (every pattern must have keys known), no regex run; "may match" when
// some alternative has a word of each slot.
std::unique_ptr<Prefilter> make_word_prefilter(const std::vector<PrefilterPattern>& patterns);
// The atoms prefilter (RE2's FilteredRE2 and one Aho-Corasick pass) for
// the patterns whose matches must contain some string of three letters or
// more (`taken`, indices into `patterns`; it answers in positions of
// `taken`), and the patterns left for a regex prefilter.
struct AtomSplit {
  std::unique_ptr<Prefilter> prefilter;  // null when it takes none
  std::vector<std::size_t> taken, left;
};
AtomSplit make_atom_prefilter(const std::vector<PrefilterPattern>& patterns);
// The RE2::Set prefilter, the fallback (and what a build without
// Hyperscan uses).
std::unique_ptr<Prefilter> make_re2_prefilter(const std::vector<PrefilterPattern>& patterns);
// The Hyperscan prefilter; null when the build has no Hyperscan or the
// patterns do not compile.
std::unique_ptr<Prefilter> make_hyperscan_prefilter(const std::vector<PrefilterPattern>& patterns);

}  // namespace wfof
