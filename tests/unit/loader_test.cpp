#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "error.hpp"
#include "loader.hpp"
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

// The load a check makes: the checklist read alongside the rule files, the
// files by several threads. The same rules, and for a broken rule set the
// same diagnostics in the same order, as one thread reading one after the
// other.
BOOST_AUTO_TEST_CASE(a_rule_set_loads_the_same_by_one_thread_or_several) {
  namespace fs = std::filesystem;
  const std::string checklist = test::source_path("checklists/wfof-2011.yaml");
  auto shape = [](const RuleSet& set) {
    std::vector<std::string> out{set.checklist.id + " " + std::to_string(set.checklist.items.size()) + " items, " +
                                 std::to_string(set.checklist.profiles.size()) + " profiles"};
    for (const auto& r : set.rules)
      for (const auto& m : r.matchers)
        for (const auto& p : m.patterns) out.push_back(r.id + "/" + m.name + ": " + p);
    return out;
  };
  const auto one = shape(load_rule_set(checklist, {test::source_path("rules")}, 1));
  BOOST_TEST(one.size() > 80u);
  BOOST_TEST(shape(load_rule_set(checklist, {test::source_path("rules")}, 4)) == one, boost::test_tools::per_element());

  const fs::path dir = fs::temp_directory_path() / ("wfof-loader-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto rule = [](const std::string& id, const std::string& item, const std::string& pattern) {
    return "rules:\n  - id: " + id + "\n    title: T\n    checklist: [" + item + "]\n    match:\n      word: '" + pattern +
           "'\n    verdicts:\n      - pass: {all: [word]}\n    otherwise: gap\n";
  };
  const std::vector<std::string> files = {
      rule("a", "SA-1", "(unclosed"),    rule("b", "NOPE", "policy"),   rule("b", "SA-1", "policy"),
      rule("c", "SA-1", "policy"),       rule("d", "SA-1", "(unclosed"), rule("e", "SA-1", "[z-a]"),
      "rules: [ {id: f, title: T, checklist: [SA-1], match: {word: 'x'}, verdicts: [{pass: {all: [word]}}], otherwise: gap, extra: 1} ]\n"};
  for (std::size_t i = 0; i < files.size(); ++i) std::ofstream(dir / ("r" + std::to_string(i) + ".yaml")) << files[i];
  auto diagnostics = [&](const std::string& with_checklist, unsigned threads) {
    std::vector<std::string> out;
    try {
      load_rule_set(with_checklist, {dir.string()}, threads);
    } catch (const Error& e) {
      for (const auto& d : e.diagnostics()) out.push_back(d.str());
    }
    return out;
  };
  const auto serial = diagnostics(checklist, 1);
  BOOST_TEST(serial.size() >= 6u);
  BOOST_TEST(diagnostics(checklist, 4) == serial, boost::test_tools::per_element());
  // A broken checklist: its errors alone, however the load is made.
  std::ofstream(dir / "checklist.yml") << "checklist: [\n";
  const auto bad = diagnostics((dir / "checklist.yml").string(), 1);
  BOOST_TEST(bad.size() == 1u);
  BOOST_TEST(diagnostics((dir / "checklist.yml").string(), 4) == bad, boost::test_tools::per_element());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

