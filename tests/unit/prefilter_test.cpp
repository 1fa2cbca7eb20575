// The prefilters: the words terms say every match contains (WordKeys) and
// the index that reads them, and the atoms of regexes, by example; and the
// whole pass as the evaluator builds it, which may say "may match" wrongly
// but must never miss a match: checked against RE2 on every sentence of
// every fixture, for every pattern of the bundled rules.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <re2/re2.h>

#include "kinds/terms.hpp"
#include "prefilter/prefilter.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

using Slots = std::vector<WordKeys::Slot>;

WordKeys keys(const std::vector<std::string>& terms, const Lexicons& lex = {}) {
  std::string error;
  auto t = terms_compile(terms, lex, error);
  BOOST_REQUIRE_MESSAGE(error.empty(), error);
  return t.keys;
}

// Which of the patterns (given by their keys) the index says may match in `text`.
std::vector<int> may_match(const std::vector<WordKeys>& ks, std::string_view text) {
  std::vector<PrefilterPattern> ps;
  for (const auto& k : ks) ps.push_back({"unused", false, k});
  auto index = make_word_prefilter(ps);
  std::vector<int> out;
  BOOST_REQUIRE(index->match(text, out));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(prefilter)

BOOST_AUTO_TEST_CASE(a_phrase_has_a_slot_per_word_with_its_forms) {
  auto k = keys({"staff training"});
  BOOST_REQUIRE(k.alternatives.size() == 1u);
  BOOST_TEST((k.alternatives[0] ==
              Slots{{"staff", "staffed", "staffing", "staffs"}, {"training", "traininged", "traininging", "trainings"}}));
}

BOOST_AUTO_TEST_CASE(both_spellings_and_the_longest_run_of_a_hyphenated_word) {
  auto k = keys({"organise", "e-learning"});
  BOOST_REQUIRE(k.alternatives.size() == 2u);  // longest regex first: organise's
  BOOST_TEST((k.alternatives[0] == Slots{{"organise", "organised", "organises", "organising", "organize", "organized",
                                          "organizes", "organizing"}}));
  BOOST_TEST((k.alternatives[1] == Slots{{"learning"}}));
}

BOOST_AUTO_TEST_CASE(a_lexicon_inside_a_phrase_gives_a_first_word_of_each_term) {
  Lexicons lex{{"unit", {"unit=", "anti corruption team="}}};
  auto k = keys({"the @unit"}, lex);
  BOOST_REQUIRE(k.alternatives.size() == 1u);
  BOOST_TEST((k.alternatives[0] == Slots{{"the"}, {"anti", "antied", "antiing", "antis", "unit"}}));
}

BOOST_AUTO_TEST_CASE(a_word_outside_ascii_is_not_a_key) {
  auto k = keys({"café policy"});
  BOOST_REQUIRE(k.alternatives.size() == 1u);
  BOOST_TEST((k.alternatives[0] == Slots{{"policied", "policies", "policy", "policying"}}));
  BOOST_TEST(!keys({"café"}).known());  // no word known: it could match anywhere
}

BOOST_AUTO_TEST_CASE(an_alternative_with_no_slot_makes_nothing_known) {
  WordKeys k;
  k.alternatives = {{{"policy"}}, {}};
  BOOST_TEST(!k.known());
  k.alternatives.pop_back();
  BOOST_TEST(k.known());
}

BOOST_AUTO_TEST_CASE(the_index_wants_a_word_of_every_slot_of_some_alternative) {
  std::vector<WordKeys> ks{keys({"staff training", "vetting"}), keys({"policy"})};
  BOOST_TEST((may_match(ks, "Staff received training.") == std::vector<int>{0}));
  BOOST_TEST((may_match(ks, "Staff in training; the policies changed.") == std::vector<int>{0, 1}));
  BOOST_TEST((may_match(ks, "Staff were told.") == std::vector<int>{}));
  BOOST_TEST((may_match(ks, "VETTING_ is not vetting") == std::vector<int>{0}));
  BOOST_TEST((may_match(ks, "revetting, policyholders") == std::vector<int>{}));  // whole words only
}

BOOST_AUTO_TEST_CASE(kelvin_sign_and_long_s_fold_to_ascii_so_any_pattern_may_match) {
  std::vector<WordKeys> ks{keys({"staff"}), keys({"kit"})};
  BOOST_TEST((may_match(ks, "the \xC5\xBFtaff") == std::vector<int>{0, 1}));   // U+017F
  BOOST_TEST((may_match(ks, "a \xE2\x84\xAAit") == std::vector<int>{0, 1}));    // U+212A
  RE2::Options o;
  o.set_case_sensitive(false);
  BOOST_TEST(RE2::PartialMatch("x\xC5\xBFtaff", RE2(terms_pattern({"staff"}, {}, *std::make_unique<std::string>()), o)));
}

// Atoms: a regex's required strings (three letters or more), found in one
// pass, say which patterns may match; a regex with none is left to the Set.
BOOST_AUTO_TEST_CASE(atoms_filter_regexes_with_required_strings_and_leave_the_rest) {
  std::vector<PrefilterPattern> ps{{R"(\b(record|report)(s|ed|ing)? (\w+ ){0,4}(meetings?|contacts?)\b)", false, {}},
                                   {R"(\d+%)", false, {}},
                                   {R"(\bvetting\b)", true, {}}};
  AtomSplit split = make_atom_prefilter(ps);
  BOOST_TEST((split.taken == std::vector<std::size_t>{0, 2}));
  BOOST_TEST((split.left == std::vector<std::size_t>{1}));
  BOOST_REQUIRE(split.prefilter);
  auto may = [&](std::string_view text) {
    std::vector<int> out;
    BOOST_REQUIRE(split.prefilter->match(text, out));
    std::sort(out.begin(), out.end());
    return out;
  };
  BOOST_TEST((may("They RECORDED all their MEETINGS.") == std::vector<int>{0}));  // positions in `taken`
  BOOST_TEST((may("Reports of contacts; vetting.") == std::vector<int>{0, 1}));
  BOOST_TEST((may("They noted meetings.") == std::vector<int>{}));
  BOOST_TEST((may("Vetting") == std::vector<int>{1}));  // case-sensitive, but the atoms are not: may, not does
  BOOST_TEST((may("recor\xE2\x84\xAA meetings") == std::vector<int>{0, 1}));  // the Kelvin sign: anything may
  // A set of atoms found again (in any order) gets the answer it got before.
  BOOST_TEST((may("MEETINGS they RECORDED.") == std::vector<int>{0}));
  BOOST_TEST((may("They noted meetings.") == std::vector<int>{}));
  BOOST_TEST((may("vetting: contacts reported") == std::vector<int>{0, 1}));
  BOOST_TEST((may("Vetting") == std::vector<int>{1}));
}

// The regexes' part is compiled only once enough text has been read:
// until then every regex may match (the word index still answers
// exactly); from then on, the atoms do. The name says which it is.
BOOST_AUTO_TEST_CASE(the_regex_part_is_built_once_enough_text_was_read) {
  std::vector<PrefilterPattern> ps{{"unused", false, keys({"vetting"})},
                                   {R"(\b(record|report)(s|ed|ing)? (\w+ ){0,4}(meetings?|contacts?)\b)", false, {}},
                                   {R"(\d+%)", false, {}}};
  auto prefilter = make_prefilter(ps, 40);
  auto may = [&](std::string_view text) {
    std::vector<int> out;
    BOOST_REQUIRE(prefilter->match(text, out));
    std::sort(out.begin(), out.end());
    return out;
  };
  BOOST_TEST(prefilter->name() == "word index (1) + regexes, not yet built (2)");
  BOOST_TEST((may("They noted meetings.") == std::vector<int>{1, 2}));  // 20 bytes read: any regex may
  BOOST_TEST((may("Vetting noted.") == std::vector<int>{0, 1, 2}));     // 34
  BOOST_TEST((may("Vetting was thorough.") == std::vector<int>{0}));    // 55: built, and it answers
  BOOST_TEST((may("They noted meetings.") == std::vector<int>{}));
  BOOST_TEST((may("They recorded 40% of contacts.") == std::vector<int>{1, 2}));
  BOOST_TEST(prefilter->name() == "word index (1) + atoms (1) + RE2::Set (1)");
}

// Soundness on real text: wherever a pattern of the bundled rules matches
// a sentence (RE2 on the sentence alone, as the prefilter pass gives it),
// the prefilter the evaluator builds (word index, atoms, Set) says it may.
BOOST_AUTO_TEST_CASE(never_misses_a_match_of_the_bundled_rules_in_the_fixtures) {
  auto rules = load_rules({test::source_path("rules")}, test::project_checklist());
  std::vector<PrefilterPattern> ps;
  std::vector<std::shared_ptr<const RE2>> res;
  std::set<std::pair<std::string, bool>> seen;
  std::size_t keyed = 0;
  for (const auto& r : rules)
    for (const auto& m : r.matchers)
      for (std::size_t i = 0; i < m.patterns.size(); ++i) {
        if (!seen.insert({m.patterns[i], m.case_sensitive}).second) continue;
        WordKeys k = !m.computed && i < m.keys.size() ? m.keys[i] : WordKeys{};  // as the evaluator does
        keyed += k.known();
        ps.push_back({m.patterns[i], m.case_sensitive, k});
        std::string error;  // terms are left to the evaluator to compile: compile them here
        res.push_back(compile_pattern(m.patterns[i], m.case_sensitive, error));
        BOOST_REQUIRE_MESSAGE(res.back(), error);
      }
  BOOST_REQUIRE(keyed >= 40u);
  BOOST_REQUIRE(ps.size() - keyed >= 20u);
  auto prefilter = make_prefilter(ps);
  BOOST_REQUIRE(prefilter);
  std::size_t sentences = 0, matches = 0, said = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_path("fixtures"))) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".txt" && ext != ".md") || e.path().string().find("/bad/") != std::string::npos) continue;
    Document d = Document::load(e.path().string(), {});
    for (Range s : read_structure(d, test::project_checklist().profiles).units.sentences) {
      std::vector<int> out;
      BOOST_REQUIRE(prefilter->match(d.text(s), out));
      ++sentences;
      said += out.size();
      for (std::size_t p = 0; p < res.size(); ++p) {
        re2::StringPiece text(d.text(s).data(), d.text(s).size());
        if (!res[p]->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
        ++matches;
        BOOST_TEST((std::find(out.begin(), out.end(), static_cast<int>(p)) != out.end()),
                   e.path().filename().string() << ": missed " << ps[p].regex.substr(0, 60) << " in: " << d.text(s));
      }
    }
  }
  BOOST_TEST(sentences > 3000u);
  BOOST_TEST(matches > 1000u);
  BOOST_TEST_MESSAGE(prefilter->name() << ": " << said << " may-match answers for " << matches << " matches in "
                                       << sentences << " sentences");
}

BOOST_AUTO_TEST_SUITE_END()
