#include <boost/test/unit_test.hpp>

#include "expression.hpp"
#include "negation.hpp"
#include "numbers.hpp"

using namespace wfof;

namespace {
std::optional<std::int64_t> num(std::string_view s, std::optional<std::int64_t> total = std::nullopt) {
  auto n = read_number(s);
  if (!n) return std::nullopt;
  return n->resolve(total);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(numbers)

BOOST_AUTO_TEST_CASE(digits_and_separators) {
  BOOST_TEST(*num("62") == 62);
  BOOST_TEST(*num("3,714") == 3714);
  BOOST_TEST(*num("1,000,000") == 1000000);
  BOOST_TEST(!num("3,71"));
  BOOST_TEST(!num("37,14,000"));
}

BOOST_AUTO_TEST_CASE(words_any_case) {
  BOOST_TEST(*num("one") == 1);
  BOOST_TEST(*num("Seven") == 7);
  BOOST_TEST(*num("NINETEEN") == 19);
  BOOST_TEST(*num("twenty-one") == 21);
  BOOST_TEST(*num("ninety nine") == 99);
  BOOST_TEST(*num("forty") == 40);
  BOOST_TEST(*num("a dozen") == 12);
  BOOST_TEST(*num("a hundred") == 100);
  BOOST_TEST(*num("one hundred") == 100);
  BOOST_TEST(*num("a") == 1);
  BOOST_TEST(!num("several"));
  BOOST_TEST(!num("seven eight"));
}

BOOST_AUTO_TEST_CASE(zero_words) {
  BOOST_TEST(*num("no") == 0);
  BOOST_TEST(*num("None") == 0);
  BOOST_TEST(*num("any") == 0);  // only ever captured from "did not ... any"
}

BOOST_AUTO_TEST_CASE(relative_to_a_total) {
  BOOST_TEST(*num("all but one", 84) == 83);
  BOOST_TEST(*num("all but one of which", 84) == 83);
  BOOST_TEST(*num("All but 3", 60) == 57);
  BOOST_TEST(*num("all", 40) == 40);
  BOOST_TEST(!num("all but one"));  // no total: no number
  BOOST_TEST(!num("all but five", 3));
}

BOOST_AUTO_TEST_CASE(ratio_comparison_is_exact_at_its_boundary) {
  std::string err;
  std::size_t col = 0;
  auto cmp = Comparison::parse("approved / applications <= 0.95", err, col);
  BOOST_REQUIRE(cmp.has_value());
  auto with = [&](std::int64_t a, std::int64_t n) {
    return *cmp->evaluate([&](const std::string& ref) -> std::optional<Rational> {
      if (ref == "approved") return Rational{a, 1};
      if (ref == "applications") return Rational{n, 1};
      return std::nullopt;
    });
  };
  BOOST_TEST(with(57, 60) == true);   // exactly 0.95
  BOOST_TEST(with(58, 60) == false);
  BOOST_TEST(with(56, 60) == true);
  BOOST_TEST(with(1900, 2000) == true);
  BOOST_TEST(with(1901, 2000) == false);
}

BOOST_AUTO_TEST_CASE(expression_errors_and_missing_values) {
  std::string err;
  std::size_t col = 0;
  BOOST_TEST(!Comparison::parse("a + > 3", err, col).has_value());
  BOOST_TEST(err == "expected a number or a capture name");
  BOOST_TEST(!Comparison::parse("a b", err, col).has_value());
  BOOST_TEST(err == "a comparison needs one of < <= > >= == !=");
  auto cmp = Comparison::parse("(a - b) * 100 > a * 5", err, col);
  BOOST_REQUIRE(cmp.has_value());
  auto none = [](const std::string&) -> std::optional<Rational> { return std::nullopt; };
  BOOST_TEST(!cmp->evaluate(none).has_value());
  auto e = Expression::parse("a / 0", err, col);
  BOOST_TEST(!e->evaluate([](const std::string&) -> std::optional<Rational> { return Rational{1, 1}; }).has_value());
}

BOOST_AUTO_TEST_CASE(number_words_of_the_readers_vocabulary) {
  for (const char* w : {"seven", "Forty-two", "nineteen", "hundred", "dozen", "single"}) BOOST_TEST(is_number_word(w), w);
  // Words the reader accepts in context, but that are not figures on their own.
  for (const char* w : {"once", "twice", "a", "an", "both", "second", "forty-", ""}) BOOST_TEST(!is_number_word(w), w);
  // Case and surrounding space as read_number takes them; words of a
  // number word's length and first letter that are none.
  for (const char* w : {"TWELVE", " Ninety-Nine ", "Eighteen", "fifty-five"}) BOOST_TEST(is_number_word(w), w);
  for (const char* w : {"seven5", "sevens", "spade", "Tweedle", "ninety nine", "Zeros", "hundreds", "\xC3\xA9ight"})
    BOOST_TEST(!is_number_word(w), w);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(negation)

namespace {
std::optional<std::string> cue(std::string_view sentence, std::string_view target) {
  auto r = find_negation(sentence, sentence.find(target), NegationConfig::defaults());
  if (!r) return std::nullopt;
  return r->cue;
}
}  // namespace

BOOST_AUTO_TEST_CASE(cues_before_the_match_in_the_same_clause) {
  BOOST_TEST(*cue("The research did not identify any cases of misconduct.", "cases") == "did not");
  BOOST_TEST(*cue("The force has not yet produced a policy.", "produced") == "has not");
  BOOST_TEST(*cue("Not everyone knew the detail.", "knew") == "not everyone");
  BOOST_TEST(*cue("It has yet to publish guidance.", "publish") == "yet to");
  BOOST_TEST(*cue("The unit works without a budget.", "budget") == "without");
}

BOOST_AUTO_TEST_CASE(cues_outside_the_clause_do_not_reach) {
  BOOST_TEST(!cue("The force did not hesitate; it published a policy.", "published"));
  BOOST_TEST(!cue("There is no doubt, but the force published a policy.", "published"));
  BOOST_TEST(!cue("The force published a policy, although it did not consult.", "published"));
  BOOST_TEST(*cue("The force has guidance, but does not monitor accounts.", "monitor") == "does not");
  // An aside that closes before the match: its cue belongs to it.
  BOOST_TEST(!cue("Guidance, which says what staff may not post online, was published in 2012.", "published"));
  BOOST_TEST(*cue("Guidance, which was drafted, was not published.", "published") == "not");
  // Beyond the word window.
  BOOST_TEST(!cue("No one in the team of ten officers and staff working here has ever published it.", "published"));
}

BOOST_AUTO_TEST_CASE(configurable_cues) {
  NegationConfig c;
  c.cues = {"declined to"};
  c.window_words = 8;
  std::string_view s = "The force declined to publish guidance.";
  auto r = find_negation(s, s.find("publish"), c);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->cue == "declined to");
  BOOST_TEST(!find_negation("The force did not publish it.", 18, c).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
