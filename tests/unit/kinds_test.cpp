// Matcher kinds by example: word forms and lexicons (terms), figures and
// their roles (quantity), and clause units. Each case is a text and what the
// kind must read in it.
#include <boost/test/unit_test.hpp>

#include <re2/re2.h>

#include "kinds/quantity.hpp"
#include "kinds/terms.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

bool matches(const std::vector<std::string>& terms, const Lexicons& lex, const std::string& text) {
  std::string error;
  std::string p = terms_pattern(terms, lex, error);
  BOOST_REQUIRE_MESSAGE(error.empty(), error);
  RE2::Options o;
  o.set_case_sensitive(false);
  RE2 re(p, o);
  BOOST_REQUIRE(re.ok());
  return RE2::PartialMatch(text, re);
}

std::shared_ptr<const Searcher> terms_re(const std::vector<std::string>& terms) {
  std::string error;
  return std::make_shared<const Searcher>(terms_pattern(terms, {}, error), false);
}

// The roles' values read in the last sentence of `text`, as "role=value ...".
std::string read(const std::string& text, bool exclude_national = false) {
  QuantitySpec spec;
  spec.roles = {{"applications", terms_re({"application", "request", "apply"})},
                {"approved", terms_re({"approve", "approval", "grant"})},
                {"refused", terms_re({"refuse", "reject", "turn down"})}};
  spec.total = "applications";
  spec.complements = {{"approved", "refused"}};
  if (exclude_national) spec.exclude = terms_re({"across England and Wales"});
  Quantity q(spec);
  Document d = Document::from_bytes("t.txt", text);
  Units u = d.whole();
  std::vector<Hit> hits;
  q.hits(d.normalised(), u.sentences, u.sentences.size() - 1, hits);
  std::string out;
  for (const auto& h : hits)
    for (const auto& [name, v] : h.values) out += (out.empty() ? "" : " ") + *name + "=" + to_string(v);
  return out;
}

std::vector<std::string> clauses(std::string_view s) {
  std::vector<std::string> out;
  for (Range r : split_clauses(s)) out.emplace_back(s.substr(r.begin, r.size()));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kinds)

BOOST_AUTO_TEST_CASE(word_forms_inflections_and_spellings) {
  BOOST_TEST(word_forms("approve") == (std::vector<std::string>{"approve", "approves", "approved", "approving"}),
             boost::test_tools::per_element());
  BOOST_TEST(word_forms("policy") == (std::vector<std::string>{"policy", "policies", "policied", "policying"}),
             boost::test_tools::per_element());
  BOOST_TEST(word_forms("us=") == (std::vector<std::string>{"us"}), boost::test_tools::per_element());
  // Words of grammar take no inflection: "lack the staff" is not "lack thing staff".
  BOOST_TEST(word_forms("the") == (std::vector<std::string>{"the"}), boost::test_tools::per_element());
  BOOST_TEST(word_forms("not") == (std::vector<std::string>{"not"}), boost::test_tools::per_element());
  std::string err;
  BOOST_TEST(terms_pattern({"e-learning"}, {}, err) == "\\b(?:(?:e-learning))\\b");  // no needless escapes
  const Lexicons none;
  BOOST_TEST(matches({"authorise"}, none, "Requests were authorized by the panel."));
  BOOST_TEST(matches({"behaviour"}, none, "inappropriate behavior online"));
  BOOST_TEST(matches({"refer"}, none, "the case was referred to the unit"));
  BOOST_TEST(matches({"second job"}, none, "second-job applications"));
  BOOST_TEST(!matches({"grant"}, none, "a grantee"));  // whole words only
}

BOOST_AUTO_TEST_CASE(lexicons_by_name_and_their_errors) {
  const Lexicons lex = {{"approve", {"approve", "grant", "@yes"}}, {"yes", {"sanction"}}, {"loop", {"@loop"}}};
  BOOST_TEST(matches({"@approve"}, lex, "The force sanctioned 40 requests."));
  std::string error;
  terms_pattern({"@missing"}, lex, error);
  BOOST_TEST(error == "unknown lexicon '@missing' (define it under 'lexicons')");
  error.clear();
  terms_pattern({"@loop"}, lex, error);
  BOOST_TEST(error == "lexicon '@loop' refers to itself");
}

BOOST_AUTO_TEST_CASE(lexicon_words_inside_a_phrase_combine_two_sets) {
  const Lexicons lex = {{"ac", {"anti-corruption", "counter corruption"}},
                        {"body", {"unit", "team", "working group"}},
                        {"more", {"more=", "extra="}},
                        {"self", {"@self unit"}}};
  BOOST_TEST(matches({"@ac @body"}, lex, "The counter-corruption teams have grown."));
  BOOST_TEST(matches({"@ac @body"}, lex, "an anti-corruption working group"));
  BOOST_TEST(!matches({"@ac @body"}, lex, "The anti-corruption policy."));
  BOOST_TEST(matches({"@more staff"}, lex, "two extra staff"));
  BOOST_TEST(!matches({"@more staff"}, lex, "two extras staff"));  // '=': the word itself only
  std::string error;
  terms_pattern({"@ac @nobody"}, lex, error);
  BOOST_TEST(error == "unknown lexicon '@nobody' (define it under 'lexicons')");
  error.clear();
  terms_pattern({"@self"}, lex, error);
  BOOST_TEST(error == "lexicon '@self' refers to itself");
}

// A lexicon is expanded once per list however many phrases hold it: the
// second phrase gets the same group, and a loop is still found through a
// lexicon already expanded.
BOOST_AUTO_TEST_CASE(a_lexicon_in_several_phrases_expands_alike) {
  const Lexicons lex = {{"ac", {"counter corruption", "acu="}}, {"pair", {"@ac team", "@ac @pair"}}};
  std::string error;
  const std::string ac = "(?:(?:counter|counters|countered|countering|counterred|counterring)[ -]"
                         "(?:corruption|corruptions|corruptioned|corruptioning)|(?:acu))";
  BOOST_TEST(terms_pattern({"@ac team", "@ac unit"}, lex, error) ==
             "\\b(?:" + ac + "[ -](?:unit|units|united|uniting|unitted|unitting)|" + ac +
                 "[ -](?:team|teams|teamed|teaming))\\b");
  BOOST_TEST(error.empty());
  terms_pattern({"@pair"}, lex, error);
  BOOST_TEST(error == "lexicon '@pair' refers to itself");
}

BOOST_AUTO_TEST_CASE(figures_take_the_role_of_their_clause_in_any_order) {
  BOOST_TEST(read("There have been 62 applications for second jobs, 59 of which have been approved.") ==
             "applications=62 approved=59");
  BOOST_TEST(read("45 approvals from 48 applications.") == "applications=48 approved=45");
  BOOST_TEST(read("The force approved 45 of the 48 requests.") == "applications=48 approved=45");
  BOOST_TEST(read("Forty-two people applied; six were turned down.") == "applications=42 approved=36 refused=6");
  BOOST_TEST(read("93% of the 120 applications were approved.") == "applications=120 approved=112");
  BOOST_TEST(read("Who approved 96 per cent of the 75 received?") == "applications=75 approved=72");
  BOOST_TEST(read("There were 51 requests and all but three were granted.") == "applications=51 approved=48");
}

BOOST_AUTO_TEST_CASE(quantifiers_are_shares_of_the_total_never_the_number_one) {
  BOOST_TEST(read("Thirty officers applied, and every one of them was approved.") == "applications=30 approved=30");
  BOOST_TEST(read("There were 40 requests; each one was granted.") == "applications=40 approved=40");
  BOOST_TEST(read("Of 40 requests, none was refused.") == "applications=40 approved=40 refused=0");
  // "no" counts only the noun right after it.
  BOOST_TEST(read("It has no process for approving them, and 12 applications.") == "applications=12");
  // A year is not a count; "once" is not a number.
  BOOST_TEST(read("Since 2011, once approved, 20 applications were reviewed.") == "applications=20");
}

BOOST_AUTO_TEST_CASE(a_share_takes_its_total_from_the_sentence_before) {
  BOOST_TEST(read("The force received 75 applications. Of these, 70 were approved.") == "applications=75 approved=70");
  BOOST_TEST(read("96 officers applied for business interests. The force granted 93 of these requests.") ==
             "applications=96 approved=93");
}

BOOST_AUTO_TEST_CASE(an_excluding_phrase_drops_the_figure_nearest_it) {
  BOOST_TEST(read("It received 30 applications, against 2,000 applications across England and Wales.", true) ==
             "applications=30");
}

BOOST_AUTO_TEST_CASE(clauses_split_at_contrasts_and_new_statements) {
  BOOST_TEST(clauses("The policy was updated, although staff are unaware of it.") ==
                 (std::vector<std::string>{"The policy was updated", "although staff are unaware of it."}),
             boost::test_tools::per_element());
  BOOST_TEST(clauses("The media policy has been updated, and the policy on second jobs is being reviewed.") ==
                 (std::vector<std::string>{"The media policy has been updated", "the policy on second jobs is being reviewed."}),
             boost::test_tools::per_element());
  // A list is not two statements; "all but" is not a contrast.
  BOOST_TEST(clauses("Policies on the media, gifts and hospitality, and the use of social media were updated.").size() == 1u);
  BOOST_TEST(clauses("All but two were approved; one was refused.") ==
                 (std::vector<std::string>{"All but two were approved", "one was refused."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
