// Inputs the fuzz targets (tests/fuzz/, scripts/fuzz.sh) found to crash,
// hang or trip a sanitizer, each kept as a test so the fix stays fixed.
#include <boost/test/unit_test.hpp>

#include <string>

#include "error.hpp"
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

// fuzz_rules: a list or mapping as a key under 'references' made the YAML
// library throw its own exception out of the loader (only wfof::Error may
// leave it). It is now a diagnostic at the key.
BOOST_AUTO_TEST_CASE(reference_with_a_list_key) {
  const std::string yaml = R"(rules:
  - id: x
    title: X
    checklist: [A-1]
    references: {[a, b]: c, ok: fine}
    match: {a: 'x'}
    verdicts: [{pass: {all: [a]}}]
)";
  std::vector<std::string> got;
  try {
    load_rules_text("r.yaml", yaml, test::test_checklist());
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) got.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  }
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0] == "5:18: a reference name must be a string");
  // A mapping key too.
  std::string map_key = yaml;
  map_key.replace(map_key.find("[a, b]"), 6, "{a: b}");
  BOOST_CHECK_THROW(load_rules_text("r.yaml", map_key, test::test_checklist()), Error);
}

BOOST_AUTO_TEST_SUITE_END()
