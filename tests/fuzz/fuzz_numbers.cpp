// libFuzzer target: the prose number reader (read_number, resolve) and the
// comparison/expression parser and evaluator, on the same input. Nothing
// may throw here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "expression.hpp"
#include "fuzz_support.hpp"
#include "numbers.hpp"

namespace {

std::int64_t read_i64(std::string_view s, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < 8; ++k) v = (v << 8) | (at + k < s.size() ? static_cast<unsigned char>(s[at + k]) : 0);
  return static_cast<std::int64_t>(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The number reader: any totals, including the extremes.
  if (auto n = wfof::read_number(text)) {
    FUZZ_CHECK(n->value >= 0);
    for (std::optional<std::int64_t> total :
         {std::optional<std::int64_t>{}, std::optional<std::int64_t>{0}, std::optional<std::int64_t>{7},
          std::optional<std::int64_t>{INT64_MAX}, std::optional<std::int64_t>{INT64_MIN},
          std::optional<std::int64_t>{read_i64(text, 0)}}) {
      auto v = n->resolve(total);
      if (n->kind == wfof::ProseNumber::Kind::absolute) FUZZ_CHECK(v && *v == n->value);
    }
  }

  // Comparisons and expressions. References resolve to values derived from
  // their names (some missing, some zero, some extreme).
  auto lookup = [](const std::string& name) -> std::optional<wfof::Rational> {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    switch (h % 8) {
      case 0: return std::nullopt;
      case 1: return wfof::Rational{0, 1};
      case 2: return wfof::Rational{INT64_MAX, 1};
      case 3: return wfof::Rational{-INT64_MAX, 1};
      case 4: return wfof::Rational{1, INT64_MAX};
      case 5: return wfof::Rational{static_cast<std::int64_t>(h >> 40), 1 + static_cast<std::int64_t>((h >> 8) & 0xFFFF)};
      default: return wfof::Rational{static_cast<std::int64_t>(h % 1000), 1};
    }
  };
  std::string error;
  std::size_t col = 0;
  if (auto cmp = wfof::Comparison::parse(text, error, col)) {
    FUZZ_CHECK(cmp->text == text);
    (void)cmp->evaluate(lookup);
    (void)cmp->lhs.references();
  } else {
    FUZZ_CHECK(!error.empty());
    FUZZ_CHECK(col <= text.size());
  }
  error.clear();
  col = 0;
  if (auto e = wfof::Expression::parse(text, error, col)) {
    (void)e->references();
    if (auto r = e->evaluate(lookup)) {
      FUZZ_CHECK(r->den > 0);
      (void)wfof::to_string(*r);
      (void)wfof::compare(*r, wfof::Rational{1, 1});
    }
  } else {
    FUZZ_CHECK(!error.empty());
    FUZZ_CHECK(col <= text.size());
  }
  return 0;
}
