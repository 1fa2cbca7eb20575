// Minimal UTF-8 helpers: validation with the offset of the first bad byte,
// and decoding one code point at a time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wfof::utf8 {

// Returns the byte offset of the first byte that does not start or continue a
// valid UTF-8 sequence (overlongs, surrogates and > U+10FFFF are invalid), or
// nullopt when the whole input is valid.
std::optional<std::size_t> first_invalid(std::string_view s);

// Length in bytes of the sequence whose lead byte is `lead` (1 for ASCII and
// for stray continuation bytes, so callers always make progress).
inline std::size_t seq_len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Decodes the code point starting at s[i]; assumes valid UTF-8.
char32_t decode(std::string_view s, std::size_t i);

// Number of code points in s (counting lead bytes).
std::size_t count_code_points(std::string_view s);

}  // namespace wfof::utf8
