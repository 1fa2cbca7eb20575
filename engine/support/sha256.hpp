// SHA-256 of a byte string, as lowercase hex: reports carry each input's
// digest so a result can be tied to the exact bytes it judged.
#pragma once
#include <string>
#include <string_view>

namespace wfof {

// By the CPU's SHA instructions where it has them (x86-64 SHA-NI: 1.2 GB/s,
// four times the portable code, which costs a corpus run as much as
// normalising), portably elsewhere. No library: OpenSSL's first digest
// spent a millisecond setting itself up, 5% of a one-file run.
std::string sha256_hex(std::string_view data);

namespace detail {
// The portable code alone, whatever the CPU: for tests, to compare both.
std::string sha256_hex_portable(std::string_view data);
}  // namespace detail

}  // namespace wfof
