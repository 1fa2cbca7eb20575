#include <boost/test/unit_test.hpp>

#include "error.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

// Loads `yaml` as a rule file against the test checklist; returns every
// diagnostic as "line:col: CODE message".
std::vector<std::string> errors(const std::string& yaml) {
  try {
    load_rules_text("r.yaml", yaml, test::test_checklist());
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics())
      out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + std::string(code_info(d.code).id) + " " +
                    d.message);
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

// The messages themselves are golden cases (tests/diagnostics/); here: one
// load reports every problem of a file, in file order, each with its code.
BOOST_AUTO_TEST_CASE(every_problem_in_one_run) {
  BOOST_TEST(errors(with("    otherwise: gap", "    otherwise: maybe\n    colour: red")) ==
                 (std::vector<std::string>{"9:16: E015 'otherwise' must be pass, partial or gap",
                                           "10:5: E011 unknown key 'colour' in a rule"}),
             boost::test_tools::per_element());
}

// A warning alone does not stop the load; it is handed back.
BOOST_AUTO_TEST_CASE(warnings_do_not_stop_the_load) {
  std::vector<Diagnostic> warnings;
  auto rules = load_rules_text("r.yaml", with("      word: 'policy'", "      word: 'policy'\n      spare: 'x'"),
                               test::test_checklist(), &warnings);
  BOOST_TEST(rules.size() == 1u);
  BOOST_REQUIRE(warnings.size() == 1u);
  BOOST_TEST(warnings[0].str() == "r.yaml:7:7: warning[W003]: matcher 'spare' is defined but never used in a clause or metric");
}

BOOST_AUTO_TEST_CASE(project_rules_load_against_the_project_checklist) {
  auto rules = load_rules({test::source_path("rules")}, test::project_checklist());
  BOOST_TEST(rules.size() >= 12u);
  for (std::size_t i = 1; i < rules.size(); ++i) BOOST_TEST((rules[i - 1].id < rules[i].id));
}

BOOST_AUTO_TEST_SUITE_END()

