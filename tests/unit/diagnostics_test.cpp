#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "error.hpp"
#include "support.hpp"

using namespace wfof;

BOOST_AUTO_TEST_SUITE(diagnostics)

// Every code of the catalogue has a golden case (tests/diagnostics/<code>-<name>...)
// with its expected output, and a row in the rule authors' guide; codes and
// names are unique.
BOOST_AUTO_TEST_CASE(every_code_has_a_golden_case_and_a_guide_entry) {
  namespace fs = std::filesystem;
  std::set<std::string> dirs;
  for (const auto& e : fs::directory_iterator(test::source_path("tests/diagnostics")))
    if (e.is_directory()) dirs.insert(e.path().filename().string());
  std::ifstream in(test::source_path("rules/README.md"));
  std::stringstream guide;
  guide << in.rdbuf();
  std::set<std::string_view> ids, names;
  for (const CodeInfo& c : diagnostic_catalogue()) {
    BOOST_TEST(ids.insert(c.id).second, "code " << c.id << " twice");
    BOOST_TEST(names.insert(c.name).second, "name " << c.name << " twice");
    const std::string stem = std::string(c.id) + "-" + std::string(c.name);
    auto it = dirs.lower_bound(stem);
    const bool has_case = it != dirs.end() && it->starts_with(stem) &&
                          fs::exists(test::source_path("tests/diagnostics/" + *it + "/expected"));
    BOOST_TEST(has_case, "no golden case tests/diagnostics/" << stem << "*/expected");
    const std::string row = "| " + std::string(c.id) + " | `" + std::string(c.name) + "` | " +
                            std::string(to_string(c.severity)) + " | " + std::string(c.summary) + " | " +
                            std::string(c.help) + " |";
    BOOST_TEST(guide.str().find(row) != std::string::npos, "rules/README.md lacks the row: " << row);
  }
  // ... and no golden case is named after a code that does not exist.
  for (const auto& d : dirs) {
    const bool known = std::any_of(diagnostic_catalogue().begin(), diagnostic_catalogue().end(), [&](const CodeInfo& c) {
      return d.starts_with(std::string(c.id) + "-" + std::string(c.name));
    });
    BOOST_TEST(known, "tests/diagnostics/" << d << " names no catalogue entry");
  }
}

BOOST_AUTO_TEST_CASE(rendering) {
  BOOST_TEST(Diagnostic("r.yaml", 7, 5, "duplicate rule id 'x'", Code::E012, RelatedPos{"a.yaml", 2, 5}).str() ==
             "r.yaml:7:5: error[E012]: duplicate rule id 'x'\n  note: first defined here at a.yaml:2:5");
  BOOST_TEST(Diagnostic("r.yaml", 6, 7, "unused", Code::W003, std::nullopt, "remove it").str() ==
             "r.yaml:6:7: warning[W003]: unused\n  help: remove it");
  BOOST_TEST(Diagnostic("gone.yaml", 0, 0, "cannot read: no such file", Code::E001).str() ==
             "gone.yaml: error[E001]: cannot read: no such file");
}

BOOST_AUTO_TEST_SUITE_END()
