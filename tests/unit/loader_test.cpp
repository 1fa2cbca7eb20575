#include <boost/test/unit_test.hpp>

#include "error.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

// Loads `yaml` as a rule file against the test checklist; returns every
// diagnostic as "line:col: message".
std::vector<std::string> errors(const std::string& yaml) {
  try {
    load_rules_text("r.yaml", yaml, test::test_checklist());
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
    return out;
  }
  return {};
}

const char* kGood = R"(rules:
  - id: good
    title: A good rule
    checklist: [A-1]
    match:
      word: 'policy'
    verdicts:
      - pass: {all: [word]}
    otherwise: gap
)";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kGood;
  auto p = s.find(from);
  BOOST_REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader)

BOOST_AUTO_TEST_CASE(a_good_rule_loads) { BOOST_TEST(errors(kGood).empty()); }

BOOST_AUTO_TEST_CASE(malformed_yaml) {
  auto e = errors("rules:\n  - id: [unclosed\n");
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0].starts_with("3:1: malformed YAML:"));
}

BOOST_AUTO_TEST_CASE(tab_indentation_is_explained) {
  auto e = errors("rules:\n\t- id: x\n");
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0].find("YAML indentation must use spaces") != std::string::npos);
  BOOST_TEST(e[0].starts_with("2:"));
}

BOOST_AUTO_TEST_CASE(not_a_list_of_rules) {
  BOOST_TEST(errors("- id: x\n") ==
                 (std::vector<std::string>{"1:1: a rule file must be a mapping with a 'rules' list (or only 'fragments')"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors("rules: 3\n") == (std::vector<std::string>{"1:8: 'rules' must be a list of rules"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(misspelt_key_suggests_the_nearest) {
  BOOST_TEST(errors(with("    otherwise: gap", "    otherwize: gap")) ==
                 (std::vector<std::string>{"9:5: unknown key 'otherwize' in a rule; did you mean 'otherwise'?"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors(with("      word: 'policy'", "      word: {patern: 'policy'}")) ==
                 (std::vector<std::string>{"6:14: unknown key 'patern' in matcher 'word'; did you mean 'pattern'?",
                                           "6:13: matcher 'word' is missing the required key 'pattern'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(wrong_types) {
  BOOST_TEST(errors(with("    title: A good rule", "    title: [a, b]")) ==
                 (std::vector<std::string>{"3:12: 'title' of rule 'good' must be a string"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors(with("      - pass: {all: [word]}", "      - pass: {all: [word], within: chapter}")) ==
                 (std::vector<std::string>{"8:37: 'within' must be clause, sentence, item, paragraph, section or document"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(invalid_regexes_say_what_re2_rejects) {
  auto e = errors(with("'policy'", "'polic(y'"));
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0] == "6:13: invalid regex in matcher 'word': missing ): polic(y");
  e = errors(with("'policy'", "'policy(?!x)'"));
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0].find("RE2 does not support lookahead or lookbehind") != std::string::npos);
  e = errors(with("'policy'", "'(a)\\1'"));
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0].find("RE2 does not support backreferences") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_ids) {
  std::string two = std::string(kGood) + std::string(kGood).substr(std::string("rules:\n").size());
  BOOST_TEST(errors(two) == (std::vector<std::string>{"10:5: duplicate rule id 'good' (first defined at r.yaml:2)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unknown_checklist_item) {
  BOOST_TEST(errors(with("[A-1]", "[A-1, Z-9]")) ==
                 (std::vector<std::string>{"4:22: unknown checklist item 'Z-9' (not in test-checklist.yaml)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(undefined_and_unused_matchers) {
  BOOST_TEST(errors(with("{all: [word]}", "{all: [wrod]}")) ==
                 (std::vector<std::string>{"8:22: undefined matcher 'wrod'; did you mean 'word'?",
                                           "6:7: matcher 'word' is defined but never used in a clause or metric"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(scope_that_selects_nothing) {
  BOOST_TEST(errors(with("    checklist: [A-1]", "    checklist: [A-1]\n    scope: [findngs]")) ==
                 (std::vector<std::string>{"5:13: scope 'findngs' selects nothing: no profile in test-checklist.yaml defines a section of that name"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(comparisons_name_real_captures) {
  auto e = errors(with("{all: [word]}", "{all: [word], where: 'n > 1'}"));
  BOOST_TEST(e == (std::vector<std::string>{"8:36: capture 'n' is not defined by any matcher in this condition's 'all' or 'any'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_rule_set) {
  BOOST_TEST(errors("rules: []\n") == (std::vector<std::string>{"0:0: no rules defined"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_problem_in_one_run) {
  auto e = errors(with("    otherwise: gap", "    otherwise: maybe\n    colour: red"));
  BOOST_TEST(e.size() == 2u);
}

BOOST_AUTO_TEST_CASE(alias_bomb_is_refused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'i'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  auto e = errors(bomb);
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0] == "0:0: YAML expands to more than 1048576 nodes (alias bomb?)");
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused) {
  std::string deep = "rules: " + std::string(200, '[') + std::string(200, ']') + "\n";
  auto e = errors(deep);
  BOOST_REQUIRE(e.size() == 1u);
  BOOST_TEST(e[0].find("nested more than 64 levels deep") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(checklist_errors) {
  try {
    load_checklist_text("c.yaml", "checklist: {id: x, title: y, colour: z}\nsections: []\n");
    BOOST_FAIL("expected an error");
  } catch (const Error& e) {
    BOOST_TEST(e.diagnostics().size() == 1u);
    BOOST_TEST(e.diagnostics()[0].str() == "c.yaml:1:30: error: unknown key 'colour' in 'checklist'");
  }
}

BOOST_AUTO_TEST_CASE(project_rules_load_against_the_project_checklist) {
  auto rules = load_rules({test::source_path("rules")}, test::project_checklist());
  BOOST_TEST(rules.size() >= 12u);
  for (std::size_t i = 1; i < rules.size(); ++i) BOOST_TEST((rules[i - 1].id < rules[i].id));
}

BOOST_AUTO_TEST_SUITE_END()

// Each checking thread gets its own compiled patterns (RE2's caches are
// lock-protected); what one rule set shares, its copy shares too.
BOOST_AUTO_TEST_CASE(with_own_patterns_recompiles_and_keeps_sharing) {
  const char* two = R"(fragments:
  word: 'policy'
rules:
  - id: a
    title: A
    checklist: [A-1]
    match: {w: '{{word}}'}
    verdicts: [{pass: {all: [w]}}]
  - id: b
    title: B
    checklist: [A-1]
    match: {w: '{{word}}', v: 'other'}
    verdicts: [{pass: {all: [w, v]}}]
)";
  auto rules = load_rules_text("r.yaml", two, test::test_checklist());
  BOOST_REQUIRE_EQUAL(rules.size(), 2u);
  BOOST_REQUIRE(rules[0].matchers[0].compiled[0] == rules[1].matchers[0].compiled[0]);  // interned
  auto copy = with_own_patterns(rules);
  const RE2* w = copy[0].matchers[0].compiled[0].get();
  BOOST_TEST(w != rules[0].matchers[0].compiled[0].get());
  BOOST_TEST(w == copy[1].matchers[0].compiled[0].get());
  BOOST_TEST(w->pattern() == rules[0].matchers[0].compiled[0]->pattern());
  BOOST_TEST(copy[1].matchers[1].compiled[0].get() != rules[1].matchers[1].compiled[0].get());
  for (auto c : {&NegationConfig::cue_re, &NegationConfig::terminator_re}) {
    BOOST_TEST((copy[0].negation.*c).get() != (rules[0].negation.*c).get());
    BOOST_TEST((copy[0].negation.*c).get() == (copy[1].negation.*c).get());
  }
  BOOST_TEST(copy[0].exhortation.cue_re.get() != rules[0].exhortation.cue_re.get());

  const Checklist& cl = test::test_checklist();
  BOOST_REQUIRE(!cl.profiles.empty() && cl.profiles[0].detect);
  Checklist own = with_own_patterns(cl);
  BOOST_TEST(own.profiles[0].detect.get() != cl.profiles[0].detect.get());
  BOOST_TEST(own.profiles[0].detect->pattern() == cl.profiles[0].detect->pattern());
}
