// The engine modules behind diff and waivers: positions in JSON text, the
// waivers' dates, and which findings a waiver covers.
#include <boost/test/unit_test.hpp>

#include "json_locate.hpp"
#include "waivers.hpp"

using namespace wfof;

BOOST_AUTO_TEST_SUITE(json_locate_suite)

BOOST_AUTO_TEST_CASE(finds_values_by_key_and_index) {
  const std::string text = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}]},\n  \"d\": \"é\", \"e\": 2\n}\n";
  using P = std::pair<std::size_t, std::size_t>;
  BOOST_CHECK(locate_json(text, {}) == P(1, 1));
  BOOST_CHECK(locate_json(text, {"a"}) == P(2, 8));
  BOOST_CHECK(locate_json(text, {"a", "b", "1", "c"}) == P(2, 24));
  // Columns count code points: "é" is two bytes, one column.
  BOOST_CHECK(locate_json(text, {"e"}) == P(3, 18));
}

BOOST_AUTO_TEST_CASE(an_absent_value_gives_its_deepest_ancestor) {
  const std::string text = "{\"a\": {\"b\": 1}}";
  using P = std::pair<std::size_t, std::size_t>;
  BOOST_CHECK(locate_json(text, {"a", "zzz"}) == P(1, 7));
  BOOST_CHECK(locate_json(text, {"nope"}) == P(1, 1));
  // Strings with escaped quotes and brackets are skipped whole.
  BOOST_CHECK(locate_json("{\"s\": \"[\\\"}\", \"t\": 3}", {"t"}) == P(1, 20));
}

BOOST_AUTO_TEST_CASE(not_json_is_one_one) {
  BOOST_CHECK(locate_json("", {"a"}) == std::make_pair(std::size_t{1}, std::size_t{1}));
  BOOST_CHECK(locate_json("[[[", {"0", "0", "0", "0"}).first == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(waivers_suite)

BOOST_AUTO_TEST_CASE(utc_dates) {
  BOOST_CHECK_EQUAL(utc_date(0), "1970-01-01");
  BOOST_CHECK_EQUAL(utc_date(1369958400), "2013-05-31");
  BOOST_CHECK_EQUAL(utc_date(1369958399), "2013-05-30");
}

BOOST_AUTO_TEST_CASE(a_finding_is_waived_only_when_all_its_failing_items_are) {
  DocumentResult d;
  d.items = {ItemResult{"A", Verdict::gap, Basis::absence, {"r"}, std::make_shared<const Waiver>(Waiver{"why", "who", "2099-01-01", false})},
             ItemResult{"B", Verdict::pass, Basis::evidence, {"r"}},
             ItemResult{"C", Verdict::partial, Basis::evidence, {"r"}}};
  RuleResult r;
  r.items = {"A", "B"};
  const Waiver* w = finding_waiver(r, d);
  BOOST_REQUIRE(w);
  BOOST_CHECK_EQUAL(w->reason, "why");
  r.items = {"A", "C"};  // C fails and is not waived
  BOOST_CHECK(!finding_waiver(r, d));
  r.items = {"B"};  // nothing fails: nothing to waive
  BOOST_CHECK(!finding_waiver(r, d));
  d.items[0].waiver = std::make_shared<const Waiver>(Waiver{"why", "who", "2099-01-01", true});
  r.items = {"A"};
  BOOST_CHECK(!finding_waiver(r, d));
  BOOST_CHECK_EQUAL(describe_waiver(*d.items[0].waiver), "waiver expired on 2099-01-01 (accepted by who: why)");
}

BOOST_AUTO_TEST_SUITE_END()
