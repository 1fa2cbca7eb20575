// libFuzzer target: LiteralProgram against RE2. The input is a pattern, a
// newline, then a text; when the program takes the pattern (with and
// without case folding) every match it finds in every range of the text
// must be RE2's, unless it says to ask RE2.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "../common/literal_matches.hpp"
#include "fuzz_support.hpp"
#include "literal_program.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  if (nl == std::string_view::npos || nl > 512) return 0;
  const std::string pattern(input.substr(0, nl));
  const std::string_view text = input.substr(nl + 1);
  for (bool case_sensitive : {false, true}) {
    auto program = wfof::LiteralProgram::compile(pattern, case_sensitive);
    if (!program) continue;
    RE2::Options o;
    o.set_case_sensitive(case_sensitive);
    o.set_log_errors(false);
    RE2 re("(?m)" + pattern, o);
    // The program takes only what RE2 reads the same way.
    FUZZ_CHECK(re.ok());
    // The whole text, and a range inside it (so \b reads bytes outside).
    const std::size_t cut = text.empty() ? 0 : static_cast<unsigned char>(text[0]) % (text.size() + 1);
    for (auto [b, e] : {std::pair<std::size_t, std::size_t>{0, text.size()}, {cut / 2, cut}, {cut, text.size()}}) {
      auto got = wfof::test::by_program(*program, text, b, e);
      if (!got) continue;
      FUZZ_CHECK(*got == wfof::test::by_re2(re, text, b, e));
    }
  }
  return 0;
}
