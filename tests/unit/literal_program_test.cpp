// LiteralProgram (and the Searcher over it): which patterns it takes, and that it finds exactly what
// RE2 finds (the same leftmost-first match, \b reading the bytes around
// the range) by example and on every sentence of every fixture, for every
// pattern of the bundled rules it takes.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <re2/re2.h>

#include "../common/literal_matches.hpp"
#include "literal_program.hpp"
#include "searcher.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

using test::by_program;
using test::by_re2;

RE2 re2_of(const std::string& pattern, bool case_sensitive) {
  RE2::Options o;
  o.set_case_sensitive(case_sensitive);
  return RE2("(?m)" + pattern, o);
}

// Both answers for `pattern` in `text` (the whole of it).
void same(const std::string& pattern, std::string_view text, bool case_sensitive = false) {
  auto p = LiteralProgram::compile(pattern, case_sensitive);
  BOOST_REQUIRE_MESSAGE(p, "not taken: " << pattern);
  auto re = re2_of(pattern, case_sensitive);
  BOOST_REQUIRE(re.ok());
  auto got = by_program(*p, text, 0, text.size());
  BOOST_REQUIRE_MESSAGE(got, "asked for RE2: " << pattern << " in " << text);
  BOOST_TEST((*got == by_re2(re, text, 0, text.size())), pattern << " in: " << text);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literal_program)

BOOST_AUTO_TEST_CASE(takes_literal_text_and_refuses_the_rest) {
  for (const char* p : {"abc", "\\b(?:approve|approves|approved|approving)\\b", "organi[sz]e", "colou?r", "anti[ -]corruption",
                        "e\\.g\\.", "a(?:b|)c", "[a-c_]x", "(a)", "draft(ed|s)?", "a*", "a+", "a{2}", "\\d+",
                        "\\s", "[^a]", "\\bno (\\w+ ){0,3}board\\b", "[^.]{0,40}x", "a{2,}"})
    BOOST_TEST(LiteralProgram::compile(p, false).has_value(), p);
  for (const char* p : {"(?P<n>\\d+)", "(?P<n>a)", "(?i:a)", "a??", "a*?", "a{2}?", "a**", "(ab)*", "\\b+", "a{101}", "a{3,2}",
                        "a{", "(?:(?:a{10}){10}){11}", ".", "^a", "a$", "\\Ba", "\\W", "[^]a]", "(?i)a", "caf\xC3\xA9", "[[:alpha:]]", "a|(b"})
    BOOST_TEST(!LiteralProgram::compile(p, false).has_value(), p);
}

BOOST_AUTO_TEST_CASE(the_first_alternative_that_matches_wins_not_the_longest) {
  // RE2's leftmost-first: at the leftmost start, the order written decides.
  same("\\b(?:staff|staff training)\\b", "all staff training was done");
  same("\\b(?:staff training|staff)\\b", "all staff training was done");
  same("(?:a|ab)(?:c|bcd)", "abcd");
  same("\\b(?:x|x-y)\\b", "x-y x_y");  // a hyphen ends a word, '_' does not
  same("colou?r", "color colour COLOUR");
  same("\\bdraft(ed|s)?\\b", "drafts drafted draft");  // a numbered group is read as (?:...)
  // Repetition is greedy, and backtracks as RE2's leftmost-first does.
  same("\\b(applications?|requests?)\\b[^.]{0,20}\\bby\\b", "Requests are approved by the board. Applications by staff");
  same("\\bno (\\w+ ){0,3}(board|group)\\b", "no oversight board; no real working group; no a b c d group");
  same("a{2,3}b|a+c", "aaaab aac ab");
  same("\\d+ more", "12 more, 3 more 45more");
  same("x[^.]{0,5}y", "x.y xaby");
  // Outside ASCII a negated class would read a code point: the program asks RE2.
  auto wide = LiteralProgram::compile("x[^.]{0,5}y", false);
  BOOST_REQUIRE(wide);
  const std::string accented = "x\xC3\xA9y";
  std::size_t b = 0, e = 0;
  BOOST_TEST((wide->find(accented, 0, accented.size(), b, e) == LiteralProgram::Found::ask_re2));
  same("\\b(?:po|p|pol|poli|polic|police|policy|policies|q|r)\\b", "Police policy POLICIES p pol");  // dispatched
  // An alternative that matches nothing: the match starts where what
  // follows the alternation does (found by fuzz_literal).
  same("\\b(?:|staffs|staffed|staffing|a|b|c|d)[ -](?:training|trainings)\\b", "The staff-training and staffs training");
}

BOOST_AUTO_TEST_CASE(word_boundaries_read_the_bytes_around_the_range) {
  const std::string text = "reviewed review";
  auto p = LiteralProgram::compile("\\breview\\b", false);
  BOOST_REQUIRE(p);
  auto re = re2_of("\\breview\\b", false);
  for (std::size_t begin : {0u, 2u, 9u})
    for (std::size_t end : {6u, 8u, 15u}) {
      if (end < begin) continue;
      BOOST_TEST((*by_program(*p, text, begin, end) == by_re2(re, text, begin, end)), begin << ".." << end);
    }
}

BOOST_AUTO_TEST_CASE(case_folding_beyond_ascii_is_left_to_re2) {
  // The Kelvin sign folds to k and the long s to s: RE2 matches them, and
  // the program, which compares ASCII, says it cannot tell.
  auto p = LiteralProgram::compile("\\bkey\\b", false);
  BOOST_REQUIRE(p);
  std::size_t b = 0, e = 0;
  const std::string kelvin = "a \xE2\x84\xAA" "ey here";
  BOOST_TEST((p->find(kelvin, 0, kelvin.size(), b, e) == LiteralProgram::Found::ask_re2));
  const std::string plain = "a key here";
  BOOST_TEST((p->find(plain, 0, plain.size(), b, e) == LiteralProgram::Found::yes));
  BOOST_TEST(b == 2u);
  BOOST_TEST(e == 5u);
  // Case-sensitive: no folding, so nothing to ask.
  auto cs = LiteralProgram::compile("\\bkey\\b", true);
  BOOST_TEST((cs->find(kelvin, 0, kelvin.size(), b, e) == LiteralProgram::Found::no));
  same("\\bKey\\b", "key Key KEY", true);
}

// A Searcher asks the program when the pattern is literal text, RE2 when
// it is not or where the program cannot say.
BOOST_AUTO_TEST_CASE(a_searcher_answers_by_the_program_or_by_re2) {
  const Searcher literal("key", false), regex("(?P<n>\\d+) keys?", false);
  BOOST_TEST(literal.literal() != nullptr);
  BOOST_TEST(regex.literal() == nullptr);
  std::size_t b = 0, e = 0;
  const std::string kelvin = "a \xE2\x84\xAA" "ey";  // RE2 folds the Kelvin sign to k (no \\b: it is no word byte)
  BOOST_TEST(literal.find(kelvin, 0, kelvin.size(), b, e));
  BOOST_TEST(b == 2u);
  BOOST_TEST(e == kelvin.size());
  BOOST_TEST(literal.matches("KEYBOARD"));
  BOOST_TEST(!literal.matches("kez"));
  BOOST_TEST(regex.matches("12 keys"));
  BOOST_TEST(!regex.matches("twelve keys"));
}

// Every pattern of the bundled rules the program takes, on every sentence
// of every fixture (and across sentence ends, as a range inside the
// document, as the evaluator searches): the same matches as RE2.
BOOST_AUTO_TEST_CASE(finds_what_re2_finds_for_the_bundled_rules_in_the_fixtures) {
  auto rules = load_rules({test::source_path("rules")}, test::project_checklist());
  std::vector<std::pair<LiteralProgram, std::shared_ptr<const RE2>>> programs;
  std::set<std::pair<std::string, bool>> seen;
  for (const auto& r : rules)
    for (const auto& m : r.matchers)
      for (const auto& pattern : m.patterns) {
        if (!seen.insert({pattern, m.case_sensitive}).second) continue;
        auto p = LiteralProgram::compile(pattern, m.case_sensitive);
        if (!p) continue;
        std::string error;
        programs.emplace_back(std::move(*p), compile_pattern(pattern, m.case_sensitive, error));
        BOOST_REQUIRE_MESSAGE(programs.back().second, error);
      }
  BOOST_REQUIRE(programs.size() >= 40u);  // every terms pattern
  std::size_t searches = 0, found = 0, asked = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_path("fixtures"))) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".txt" && ext != ".md") || e.path().string().find("/bad/") != std::string::npos) continue;
    Document d = Document::load(e.path().string(), {});
    for (Range s : read_structure(d, test::project_checklist().profiles).units.sentences)
      for (const auto& [program, re] : programs) {
        ++searches;
        auto want = by_re2(*re, d.normalised(), s.begin, s.end);
        auto got = by_program(program, d.normalised(), s.begin, s.end);
        if (!got) {
          ++asked;
          continue;
        }
        found += want.size();
        BOOST_TEST((*got == want), e.path().filename().string() << ": " << d.text(s));
      }
  }
  BOOST_TEST(searches > 100000u);
  BOOST_TEST(found > 5000u);
  BOOST_TEST(asked * 1000 < searches);  // RE2 is asked only where folding could differ
  BOOST_TEST_MESSAGE(programs.size() << " programs, " << searches << " searches, " << found << " matches, " << asked
                                     << " left to RE2");
}

BOOST_AUTO_TEST_SUITE_END()
