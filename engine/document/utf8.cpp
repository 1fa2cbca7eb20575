#include "utf8.hpp"

#include <cstdint>
#include <cstring>

namespace wfof::utf8 {

std::optional<std::size_t> first_invalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes a step: most text is ASCII.
    std::uint64_t w;
    if (i + 8 <= n && (std::memcpy(&w, p + i, 8), (w & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    char32_t cp;
    if ((c >> 5) == 0x6) { len = 2; cp = c & 0x1F; }
    else if ((c >> 4) == 0xE) { len = 3; cp = c & 0x0F; }
    else if ((c >> 3) == 0x1E) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] >> 6) != 0x2) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

char32_t decode(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = seq_len(c);
  if (len == 1 || i + len > s.size()) return c;
  char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// Every byte but a continuation byte (10xxxxxx) starts a code point.
// Eight bytes a step: a line of a release is often a whole paragraph, and
// every evidence span's column is counted from its line's start.
std::size_t count_code_points(std::string_view s) {
  std::size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // A 1 in each byte that is a continuation byte, summed by a multiply
    // (no popcount instruction is assumed).
    const std::uint64_t ones = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
    continuation += static_cast<std::size_t>((ones * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++continuation;
  return s.size() - continuation;
}

}  // namespace wfof::utf8
