// Character classes of the C locale, inline. The standard <cctype> calls
// are a library call a byte, and the readers that use these look at every
// byte of a document or a sentence; a byte of 0x80 or more is never a
// letter, digit or space here, as in the C locale.
#pragma once

namespace wfof::ascii {

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
// isspace: space, \t \n \v \f \r.
constexpr bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace wfof::ascii
