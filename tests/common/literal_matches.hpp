// Every match of a pattern in text[begin, end) as the evaluator collects
// them (empty matches skipped, the next search from the end of the last),
// by RE2 and by a LiteralProgram: what the unit test and fuzz_literal
// compare.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "literal_program.hpp"

namespace wfof::test {

using Matches = std::vector<std::pair<std::size_t, std::size_t>>;

inline Matches by_re2(const RE2& re, std::string_view text, std::size_t begin, std::size_t end) {
  Matches out;
  re2::StringPiece m;
  std::size_t pos = begin;
  while (pos < end && re.Match(re2::StringPiece(text.data(), text.size()), pos, end, RE2::UNANCHORED, &m, 1)) {
    const auto b = static_cast<std::size_t>(m.data() - text.data()), e = b + m.size();
    pos = e > b ? e : b + 1;
    if (e > b) out.emplace_back(b, e);
  }
  return out;
}

// Nullopt when the program asks for RE2.
inline std::optional<Matches> by_program(const LiteralProgram& p, std::string_view text, std::size_t begin,
                                         std::size_t end) {
  Matches out;
  std::size_t pos = begin, b = 0, e = 0;
  while (pos < end) {
    const auto found = p.find(text, pos, end, b, e);
    if (found == LiteralProgram::Found::ask_re2) return std::nullopt;
    if (found == LiteralProgram::Found::no) break;
    pos = e > b ? e : b + 1;
    if (e > b) out.emplace_back(b, e);
  }
  return out;
}

}  // namespace wfof::test
