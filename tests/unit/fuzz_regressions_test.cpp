// Inputs the fuzz targets (tests/fuzz/, scripts/fuzz.sh) found to crash,
// hang or trip a sanitizer, each kept as a test so the fix stays fixed.
#include <boost/test/unit_test.hpp>

#include <string>

#include "expression.hpp"
#include "support.hpp"

using namespace wfof;

BOOST_AUTO_TEST_SUITE(fuzz_regressions)

// fuzz_numbers: zeros after a decimal point grew the denominator past
// int64 (signed overflow; at 10^64 it wraps to 0 and an empty optional was
// dereferenced). Too many decimal places is now a parse error.
BOOST_AUTO_TEST_CASE(decimal_with_many_places) {
  std::string err;
  std::size_t col = 0;
  BOOST_TEST(!Expression::parse("0.0000092233720368547758070002*0000", err, col).has_value());
  BOOST_TEST(err == "too many decimal places");
  err.clear();
  BOOST_TEST(!Expression::parse("0." + std::string(70, '0') + "1", err, col).has_value());
  err.clear();
  BOOST_TEST(!Comparison::parse("n < 0.00000000000000000001", err, col).has_value());
  BOOST_TEST(!err.empty());
  // As many places as fit still parse, exactly.
  err.clear();
  auto e = Expression::parse("0.000000000000001", err, col);
  BOOST_REQUIRE(e.has_value());
  auto v = e->evaluate([](const std::string&) { return std::nullopt; });
  BOOST_REQUIRE(v.has_value());
  BOOST_TEST(v->num == 1);
  BOOST_TEST(v->den == 1'000'000'000'000'000LL);
}

BOOST_AUTO_TEST_SUITE_END()
