// SHA-256 of a byte string, as lowercase hex: reports carry each input's
// digest so a result can be tied to the exact bytes it judged.
#pragma once
#include <string>
#include <string_view>

namespace wfof {
std::string sha256_hex(std::string_view data);
}
