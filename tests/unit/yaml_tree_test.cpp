// The YAML tree: what each kind of scalar reads as, positions (lines and
// columns 0-based, columns in code points, byte offsets), aliases, the
// first document only, and libyaml's errors with where they are.
#include <boost/test/unit_test.hpp>

#include "yaml_tree.hpp"

using namespace wfof;

namespace {

yaml::ParseError error_of(std::string_view text) {
  try {
    yaml::parse(text);
  } catch (const yaml::ParseError& e) {
    return e;
  }
  BOOST_FAIL("no error for: " << text);
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_tree)

BOOST_AUTO_TEST_CASE(plain_null_forms_are_null_and_quoted_ones_are_text) {
  auto root = yaml::parse("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\nf: true\n");
  BOOST_TEST(root.IsMap());
  BOOST_TEST(root.size() == 6u);
  BOOST_TEST(root["a"].IsNull());
  BOOST_TEST(root["b"].IsNull());
  BOOST_TEST(root["c"].IsNull());
  BOOST_TEST(root["d"].IsScalar());
  BOOST_TEST(root["d"].Scalar() == "null");
  BOOST_TEST(root["e"].IsScalar());
  BOOST_TEST(root["e"].Scalar() == "");
  BOOST_TEST(root["f"].Scalar() == "true");  // text: the loaders read booleans
  BOOST_TEST(!root["missing"].IsDefined());
  BOOST_TEST(root["missing"].Mark().is_null());
  BOOST_TEST(!root["a"]["x"].IsDefined());  // a lookup in a non-mapping
}

BOOST_AUTO_TEST_CASE(an_empty_text_is_a_null_document_without_a_position) {
  for (std::string_view text : {"", "# only a comment\n", "---\n"}) {
    auto root = yaml::parse(text);
    BOOST_TEST(root.IsDefined());
    BOOST_TEST(root.IsNull());
  }
  BOOST_TEST(yaml::parse("").Mark().is_null());
}

BOOST_AUTO_TEST_CASE(positions_count_code_points_and_bytes) {
  // "é" is two bytes, one column.
  auto root = yaml::parse("- x\n- {k: caf\xC3\xA9, v: 1}\n");
  BOOST_REQUIRE(root.IsSequence());
  const auto m = root[1]["v"].Mark();
  BOOST_TEST(m.line == 1);
  BOOST_TEST(m.column == 15);  // the value 1
  BOOST_TEST(m.pos == 4 + 16);
  std::vector<std::string> keys;
  for (const auto& kv : root[1]) keys.push_back(kv.first.Scalar());
  BOOST_TEST((keys == std::vector<std::string>{"k", "v"}));  // file order
}

BOOST_AUTO_TEST_CASE(an_alias_shares_its_anchor_and_only_the_first_document_is_read) {
  auto root = yaml::parse("a: &x [1, 2]\nb: *x\n---\nc: 3\n");
  BOOST_TEST(root["b"].IsSequence());
  BOOST_TEST(root["b"].size() == 2u);
  BOOST_TEST(root["b"].Mark().line == 0);  // where the anchor's node is
  BOOST_TEST(!root["c"].IsDefined());
}

BOOST_AUTO_TEST_CASE(errors_say_what_libyaml_says_where_it_stopped) {
  auto e = error_of("rules:\n  - id: [unclosed\n");
  BOOST_TEST(e.problem == "did not find expected ',' or ']'");
  BOOST_TEST(e.at.line == 2);
  BOOST_TEST(e.context == "while parsing a flow sequence");
  BOOST_TEST(e.context_at.line == 1);
  BOOST_TEST(e.context_at.column == 8);
  auto q = error_of("a: 'open\n");
  BOOST_TEST(q.context == "while scanning a quoted scalar");
  BOOST_TEST(q.context_at.pos == 3);
  auto u = error_of("a: *nowhere\n");
  BOOST_TEST(u.problem == "found undefined alias 'nowhere'");
}

BOOST_AUTO_TEST_SUITE_END()
