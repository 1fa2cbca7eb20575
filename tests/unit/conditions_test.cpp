// Condition kinds by example: each key of a condition (all, any, none,
// within, where), what it holds on, the evidence it offers, what explain
// shows of it, and its errors; and the registry, which the JSON Schema and
// the rule authors' guide must follow.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "conditions/condition.hpp"
#include "kinds/registry.hpp"
#include "support.hpp"

using namespace wfof;
using test::Run;
using test::rule;

namespace {

// The matchers named, as a rule's `match:` lines (a rule may define no
// matcher it does not use).
std::string matchers(std::initializer_list<std::string_view> names) {
  static const std::map<std::string_view, std::string> known = {
      {"policy", "      policy: {terms: [policy]}\n"},
      {"social", "      social: {terms: [social media, twitter]}\n"},
      {"draft", "      draft: {terms: [draft]}\n"},
      {"figures", "      figures: '(?P<approved>\\d+) of (?P<applications>\\d+)'\n"}};
  std::string out;
  for (auto n : names) out += known.at(n);
  return out;
}

std::string clause_line(const std::string& condition) { return "      - pass: " + condition + "\n"; }

// The explain line of clause 0 ("  clause 0 (pass): all [a], ... within sentence").
std::string explained(const Run& r) {
  for (const auto& l : r.trace)
    if (l.rfind("  clause 0 ", 0) == 0) return l;
  return "";
}

std::string load_errors(const std::string& yaml) {
  try {
    load_rules_text("r.yaml", yaml, test::test_checklist());
  } catch (const Error& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.str() + "\n";
    return out;
  }
  return "";
}

std::string read_file(const std::string& rel) {
  std::ifstream in(test::source_path(rel));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conditions)

BOOST_AUTO_TEST_CASE(all_needs_every_matcher_and_offers_each) {
  auto y = rule(matchers({"policy", "social"}), clause_line("{all: [policy, social]}"));
  Run both(y, "The policy covers Twitter.");
  BOOST_TEST(both.verdict() == Verdict::pass);
  BOOST_TEST(both.evidence() == (std::vector<std::string>{"policy", "Twitter"}), boost::test_tools::per_element());
  BOOST_TEST(explained(both) == "  clause 0 (pass): all [policy, social] within sentence");
  BOOST_TEST(Run(y, "The policy covers nothing else.").verdict() == Verdict::gap);
  // The shorthand: a single name is `all: [name]`.
  Run one(rule(matchers({"policy"}), clause_line("policy")), "A policy.");
  BOOST_TEST(one.verdict() == Verdict::pass);
  BOOST_TEST(explained(one) == "  clause 0 (pass): all [policy] within sentence");
}

BOOST_AUTO_TEST_CASE(any_needs_one_and_offers_those_that_match) {
  auto y = rule(matchers({"social", "draft"}), clause_line("{any: [social, draft]}"));
  Run r(y, "A draft on social media.");
  BOOST_TEST(r.verdict() == Verdict::pass);
  BOOST_TEST(r.evidence() == (std::vector<std::string>{"draft", "social media"}), boost::test_tools::per_element());
  Run only(y, "Twitter only.");
  BOOST_TEST(only.evidence() == (std::vector<std::string>{"Twitter"}), boost::test_tools::per_element());
  BOOST_TEST(Run(y, "A policy.").verdict() == Verdict::gap);
}

BOOST_AUTO_TEST_CASE(none_refuses_a_unit_and_offers_no_evidence) {
  auto y = rule(matchers({"policy", "draft"}), clause_line("{all: [policy], none: [draft]}"));
  Run r(y, "A draft policy. A policy.");
  BOOST_TEST(r.verdict() == Verdict::pass);
  BOOST_TEST(r.evidence() == (std::vector<std::string>{"policy"}), boost::test_tools::per_element());
  BOOST_TEST(r.out.result.evidence.front().span.start == 18u);  // the second sentence's, not the draft's
  BOOST_TEST(Run(y, "A draft policy.").verdict() == Verdict::gap);
  // A condition of `none` alone holds where nothing matches, on no evidence.
  Run absent(rule(matchers({"draft"}), clause_line("{none: [draft], within: document}")), "A policy.");
  BOOST_TEST(absent.verdict() == Verdict::pass);
  BOOST_TEST(absent.out.result.basis == Basis::absence);
  BOOST_TEST(explained(absent) == "  clause 0 (pass): none [draft] within document");
}

BOOST_AUTO_TEST_CASE(within_chooses_the_unit) {
  const std::string text = "The force has a policy. It covers Twitter.";
  BOOST_TEST(Run(rule(matchers({"policy", "social"}), clause_line("{all: [policy, social]}")), text).verdict() == Verdict::gap);
  Run para(rule(matchers({"policy", "social"}), clause_line("{all: [policy, social], within: paragraph}")), text);
  BOOST_TEST(para.verdict() == Verdict::pass);
  BOOST_TEST(explained(para) == "  clause 0 (pass): all [policy, social] within paragraph");
  BOOST_TEST(para.out.result.context->text == text);  // the unit it held in
  BOOST_TEST(Run(rule(matchers({"policy", "social"}), clause_line("{all: [policy, social], within: clause}")),
                 "A policy, although Twitter is not covered.").verdict() == Verdict::gap);
}

// Each part says which matchers it needs (all: every one; any: one of
// them; none: nothing), so that the evaluator visits only the units over a
// sentence where the most selective part may hold: the unit found is still
// the first, in text order, that visiting every unit would find.
BOOST_AUTO_TEST_CASE(parts_say_which_matchers_they_need) {
  auto y = rule(matchers({"policy", "social", "draft"}),
                clause_line("{all: [policy, social], none: [draft], within: paragraph}"));
  auto rules = load_rules_text("r.yaml", y, test::test_checklist());
  const auto& parts = rules.front().clauses.front().condition.parts;
  BOOST_REQUIRE(parts.size() == 2u);
  BOOST_TEST(parts[0]->triggers().every);
  BOOST_TEST(parts[0]->triggers().matchers == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
  BOOST_TEST(parts[1]->triggers().matchers.empty());
  auto any = load_rules_text("r.yaml", rule(matchers({"social", "draft"}), clause_line("{any: [social, draft]}")),
                             test::test_checklist());
  const Triggers t = any.front().clauses.front().condition.parts.front()->triggers();
  BOOST_TEST(!t.every);
  BOOST_TEST(t.matchers == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());

  const std::string text = "Twitter, and a draft policy.\n\nA policy is new. Staff use Twitter.\n\nA policy. Twitter.";
  Run r(y, text);
  BOOST_TEST(r.verdict() == Verdict::pass);
  BOOST_TEST(r.out.result.context->text == "A policy is new. Staff use Twitter.");
  BOOST_TEST(Run(y, "Twitter, and a draft policy.\n\nNothing else.").verdict() == Verdict::gap);
}

BOOST_AUTO_TEST_CASE(where_tries_choices_of_evidence_until_one_holds) {
  auto y = rule(matchers({"figures"}), clause_line("{all: [figures], where: 'approved * 100 >= applications * 95'}"));
  // The first figures fail the comparison; the second satisfy it.
  Run r(y, "Of the applications, 50 of 62 and later 59 of 60 were approved.");
  BOOST_TEST(r.verdict() == Verdict::pass);
  BOOST_TEST(r.evidence() == (std::vector<std::string>{"59 of 60"}), boost::test_tools::per_element());
  std::vector<std::string> wheres;
  for (const auto& l : r.trace)
    if (l.find("where ") != std::string::npos) wheres.push_back(l);
  BOOST_TEST(wheres == (std::vector<std::string>{"      where approved * 100 >= applications * 95: 5000 vs 5890 -> false",
                                                 "      where approved * 100 >= applications * 95: 5900 vs 5700 -> true"}),
             boost::test_tools::per_element());
  BOOST_TEST(Run(y, "Only 50 of 62 were approved.").verdict() == Verdict::gap);
}

BOOST_AUTO_TEST_CASE(errors_of_the_kinds_at_their_positions) {
  // One matcher each, so no other is reported unused; the clause is line 8.
  const std::string policy = "      policy: {terms: [policy]}\n";
  const std::string figures = "      figures: '(?P<approved>\\d+) of (?P<applications>\\d+)'\n";
  BOOST_TEST(load_errors(rule(policy, clause_line("{all: [policy, polcy]}"))) ==
             "r.yaml:8:30: error[E020]: undefined matcher 'polcy'\n  help: did you mean 'policy'?\n");
  BOOST_TEST(load_errors(rule(policy, clause_line("{all: [policy], within: page}"))) ==
             "r.yaml:8:39: error[E015]: 'within' must be clause, sentence, item, paragraph, section or document\n");
  BOOST_TEST(load_errors(rule(policy, clause_line("{all: [policy], where: 'approved > 1'}"))) ==
             "r.yaml:8:38: error[E025]: capture 'approved' is not defined by any matcher in this condition's 'all' or 'any'\n");
  BOOST_TEST(load_errors(rule(figures, clause_line("{all: [figures], where: 'approved >'}"))) ==
             "r.yaml:8:39: error[E024]: invalid comparison 'approved >': expected a number or a capture name at column 11\n");
  BOOST_TEST(load_errors(rule(figures, clause_line("{all: [figures], where: 'figures.refused > 1'}"))) ==
             "r.yaml:8:39: error[E025]: matcher 'figures' has no capture 'refused'\n");
  BOOST_TEST(load_errors(rule(policy, clause_line("{all: [policy], whenever: x}"))) ==
             "r.yaml:8:31: error[E011]: unknown key 'whenever' in a 'pass' clause\n");
  // `within` and `where` test no matches: a condition needs a kind that does.
  BOOST_TEST(load_errors(rule(policy, clause_line("{within: sentence}") + clause_line("policy"))) ==
             "r.yaml:8:15: error[E014]: a 'pass' clause needs at least one of 'all', 'any', 'none'\n");
}

BOOST_AUTO_TEST_CASE(the_registry_is_what_the_schema_and_the_guide_describe) {
  std::set<std::string> registered;
  for (const ConditionKind* k : condition_kinds()) {
    registered.insert(std::string(k->key()));
    BOOST_TEST(condition_kind(k->key()) == k);
  }
  BOOST_TEST(condition_kind("whenever") == nullptr);
  auto schema = nlohmann::json::parse(read_file("schemas/rule-file.schema.json"));
  std::set<std::string> in_schema;
  for (const auto& [key, _] : schema["definitions"]["condition"]["oneOf"][1]["properties"].items())
    if (key != "message") in_schema.insert(key);  // a clause's own key, read by the loader
  BOOST_TEST(in_schema == registered, boost::test_tools::per_element());
  const std::string guide = read_file("rules/README.md");
  for (const auto& key : registered) BOOST_TEST(guide.find("| `" + key + "` |") != std::string::npos, key);
  for (const MatcherKind* k : matcher_kinds())
    BOOST_TEST(guide.find("| `" + std::string(k->key()) + "` |") != std::string::npos, std::string(k->key()));
}

BOOST_AUTO_TEST_SUITE_END()
