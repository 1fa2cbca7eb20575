// Reads a number written in prose: "62", "3,714", "seven", "twenty-one",
// "a dozen", "no", "none", "all but one", "all". Relative forms ("all",
// "all but N") need a total to become a number.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace wfof {

struct ProseNumber {
  enum class Kind { absolute, all_but };  // all_but: total - value ("all" is all_but 0)
  Kind kind = Kind::absolute;
  std::int64_t value = 0;

  // The number this denotes given `total` (ignored for absolute numbers).
  std::optional<std::int64_t> resolve(std::optional<std::int64_t> total) const;
};

// Parses `text` (any case, surrounding spaces ignored). Returns nullopt when
// the text is not a number this reader knows. "any" reads as 0: it only
// appears in negated phrasing ("did not identify any").
std::optional<ProseNumber> read_number(std::string_view text);

// Whether `word` is a number word of the reader's vocabulary ("seven",
// "forty-two", "hundred", "dozen", "single"), for callers that must tell a
// figure from a word the reader also accepts in context ("once", "a").
bool is_number_word(std::string_view word);

}  // namespace wfof
