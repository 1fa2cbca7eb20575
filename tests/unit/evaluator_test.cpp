#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <thread>

#include "evaluator.hpp"
#include "structure.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

using test::Run;
using test::rule;

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluator)

BOOST_AUTO_TEST_CASE(co_occurrence_within_a_sentence_not_across) {
  auto y = rule("      a: 'policy'\n      b: 'twitter'\n", "      - pass: {all: [a, b], within: sentence}\n");
  BOOST_TEST(Run(y, "The policy covers Twitter.").verdict() == Verdict::pass);
  BOOST_TEST(Run(y, "The force has a policy. It covers Twitter.").verdict() == Verdict::gap);
  auto para = rule("      a: 'policy'\n      b: 'twitter'\n", "      - pass: {all: [a, b], within: paragraph}\n");
  BOOST_TEST(Run(para, "The force has a policy. It covers Twitter.").verdict() == Verdict::pass);
  BOOST_TEST(Run(para, "The force has a policy.\n\nIt covers Twitter.").verdict() == Verdict::gap);
  auto item = rule("      a: 'policy'\n      b: 'twitter'\n", "      - pass: {all: [a, b], within: item}\n");
  BOOST_TEST(Run(item, "- a policy\n- on Twitter\n").verdict() == Verdict::gap);
  BOOST_TEST(Run(item, "- a policy on\n  Twitter use\n").verdict() == Verdict::pass);
}

BOOST_AUTO_TEST_CASE(any_and_none) {
  auto y = rule("      a: 'policy'\n      b: 'twitter'\n      c: 'facebook'\n      d: 'draft'\n",
                "      - pass: {all: [a], any: [b, c], none: [d]}\n");
  BOOST_TEST(Run(y, "A policy on Facebook.").verdict() == Verdict::pass);
  BOOST_TEST(Run(y, "A policy on nothing.").verdict() == Verdict::gap);
  BOOST_TEST(Run(y, "A draft policy on Facebook.").verdict() == Verdict::gap);
}

BOOST_AUTO_TEST_CASE(case_insensitive_by_default_and_alternatives) {
  auto y = rule("      a: ['self-assessment', 'health check']\n", "      - pass: {all: [a]}\n");
  BOOST_TEST(Run(y, "It ran a HEALTH CHECK.").verdict() == Verdict::pass);
  BOOST_TEST(Run(y, "A Self-Assessment was done.").verdict() == Verdict::pass);
  auto cs = rule("      a: {pattern: 'ACU', case_sensitive: true}\n", "      - pass: {all: [a]}\n");
  BOOST_TEST(Run(cs, "the acu").verdict() == Verdict::gap);
  BOOST_TEST(Run(cs, "the ACU").verdict() == Verdict::pass);
}

BOOST_AUTO_TEST_CASE(negation_inside_versus_outside_the_clause) {
  auto y = rule("      pub: {pattern: 'published', polarity: affirmed}\n      neg: {pattern: 'published', polarity: negated}\n",
                "      - gap: {all: [neg]}\n      - pass: {all: [pub]}\n");
  BOOST_TEST(Run(y, "The force has not published a policy.").out.result.clause == 0);
  BOOST_TEST(Run(y, "The force has published a policy.").out.result.clause == 1);
  // The cue is in another clause: the match is affirmed.
  BOOST_TEST(Run(y, "It did not consult; it published a policy.").out.result.clause == 1);
  BOOST_TEST(Run(y, "It has no doubts, but it published a policy.").out.result.clause == 1);
  auto r = Run(y, "The force has never published a policy.");
  BOOST_REQUIRE(!r.out.result.evidence.empty());
  BOOST_TEST(r.out.result.evidence[0].negated);
  BOOST_TEST(r.out.result.evidence[0].cue == "never");
}

BOOST_AUTO_TEST_CASE(configured_cues_replace_the_defaults) {
  std::string y = "negation:\n  cues: ['declined to']\n" +
                  rule("      neg: {pattern: 'publish', polarity: negated}\n", "      - gap: {all: [neg]}\n");
  BOOST_TEST(Run(y, "The force declined to publish it.").out.result.clause == 0);
  BOOST_TEST(Run(y, "The force did not publish it.").out.result.clause == -1);
}

BOOST_AUTO_TEST_CASE(exhortations_are_not_evidence) {
  auto y = rule("      pub: 'published a policy|policy is in place'\n", "      - pass: {all: [pub]}\n");
  BOOST_TEST(Run(y, "The force has published a policy.").verdict() == Verdict::pass);
  BOOST_TEST(Run(y, "The force should now, as a matter of urgency, make sure a new policy is in place.").verdict() ==
             Verdict::gap);
  BOOST_TEST(Run(y, "It must ensure that the policy is in place.").verdict() == Verdict::gap);
  // "how staff should ..." describes the policy's content; it is not advice.
  auto topic = rule("      sm: 'social networking'\n", "      - pass: {all: [sm]}\n");
  BOOST_TEST(Run(topic, "It published a policy on how staff should behave on social networking sites.").verdict() ==
             Verdict::pass);
  // Configurable, like negation; an ignored phrase neutralises a cue.
  std::string custom = "exhortation:\n  cues: ['is advised to']\nnegation:\n  ignore: ['without fear']\n" +
                       rule("      pub: {pattern: 'published', polarity: affirmed}\n", "      - pass: {all: [pub]}\n");
  BOOST_TEST(Run(custom, "The force is advised to ensure it has published it.").verdict() == Verdict::gap);
  BOOST_TEST(Run(custom, "The force should say it published it.").verdict() == Verdict::pass);
  BOOST_TEST(Run(custom, "Under Without Fear or Favour it published it.").verdict() == Verdict::pass);
}

BOOST_AUTO_TEST_CASE(numbers_words_and_all_but) {
  auto y = rule(
      "      fig:\n        pattern: '(?P<apps>{{number}}) applications, (?P<ok>all but {{number}}|all|{{number}}) of which were approved'\n"
      "        totals: {ok: apps}\n",
      "      - pass: {all: [fig], where: 'ok * 100 <= apps * 95'}\n      - partial: {all: [fig], where: 'ok < apps'}\n",
      "    metrics:\n      count: {when: fig, value: ok}\n");
  auto r = Run(y, "There were eighty-four applications, all but one of which were approved.");
  BOOST_TEST(r.verdict() == Verdict::partial);
  BOOST_TEST(std::get<std::int64_t>(r.metric("count")) == 83);
  r = Run(y, "There were 60 applications, 57 of which were approved.");
  BOOST_TEST(r.verdict() == Verdict::pass);  // exactly 95%
  r = Run(y, "There were 60 applications, 58 of which were approved.");
  BOOST_TEST(r.verdict() == Verdict::partial);
  r = Run(y, "There were 3,714 applications, all of which were approved.");
  BOOST_TEST(r.verdict() == Verdict::gap);
  BOOST_TEST(std::get<std::int64_t>(r.metric("count")) == 3714);
  BOOST_TEST(r.out.result.basis == Basis::absence);
}

BOOST_AUTO_TEST_CASE(zero_from_negated_any) {
  auto y = rule("      cases: '(?P<n>{{number}}) cases of misconduct'\n",
                "      - pass: {all: [cases], where: 'n == 0'}\n      - gap: {all: [cases], where: 'n >= 4'}\n",
                "    metrics:\n      count: {when: cases, value: n}\n");
  auto r = Run(y, "The research did not identify any cases of misconduct.");
  BOOST_TEST(r.verdict() == Verdict::pass);
  BOOST_TEST(std::get<std::int64_t>(r.metric("count")) == 0);
  BOOST_TEST(Run(y, "The research found Seven cases of misconduct.").verdict() == Verdict::gap);
  BOOST_TEST(std::holds_alternative<std::monostate>(Run(y, "Nothing to see.").metric("count")));
}

BOOST_AUTO_TEST_CASE(labels_and_first_clause_wins) {
  auto y = rule("      same: 'no change'\n      up: 'increase'\n",
                "      - partial: {all: [same]}\n      - pass: {all: [up]}\n",
                "    metrics:\n      label:\n        - {when: same, label: no change}\n        - {when: up, label: increase}\n");
  auto r = Run(y, "There was no change in staff, and no increase in budget.");
  BOOST_TEST(r.verdict() == Verdict::partial);
  BOOST_TEST(r.out.result.clause == 0);
  BOOST_TEST(std::get<std::string>(r.metric("label")) == "no change");
}

BOOST_AUTO_TEST_CASE(evidence_offsets_in_a_crlf_bom_markdown_file) {
  auto rules = load_rules_text("r.yaml",
                               rule("      a: 'good awareness'\n", "      - pass: {all: [a]}\n"), test::test_checklist());
  Evaluator ev(test::test_checklist(), rules);
  const std::string src = "\xEF\xBB\xBF# Kent Police has news\r\n\r\nwe found:\r\n\r\n* There was **good\r\n  awareness** of it.\r\n";
  Document d = Document::from_bytes("k.md", src);
  DocumentResult res = ev.check(d);
  BOOST_TEST(*res.profile == "test-profile");
  BOOST_TEST(*res.subject == "Kent Police");
  BOOST_REQUIRE(res.results.size() == 1u);
  const auto& r = res.results[0];
  BOOST_TEST(r.verdict == Verdict::pass);
  BOOST_REQUIRE(r.evidence.size() == 1u);
  const auto& e = r.evidence[0];
  BOOST_TEST(e.span.start == src.find("good"));
  BOOST_TEST(e.span.end == src.find("awareness") + 9);
  BOOST_TEST(e.text == "good\r\n  awareness");
  BOOST_TEST(e.span.line == 5u);
  BOOST_TEST(e.span.column == 15u);
  BOOST_TEST(e.span.end_line == 6u);
  BOOST_TEST(e.span.end_column == 12u);
}

BOOST_AUTO_TEST_CASE(scope_keeps_out_other_sections) {
  auto rules = load_rules_text("r.yaml", rule("      a: 'policy'\n", "      - pass: {all: [a]}\n"), test::test_checklist());
  Evaluator ev(test::test_checklist(), rules);
  Document in_notes = Document::from_bytes("n.txt", "Kent Police news\n\nwe found:\n\n- nothing\n\nnotes\n\n1. a policy\n");
  BOOST_TEST(ev.check(in_notes).results[0].verdict == Verdict::gap);
  Document in_findings = Document::from_bytes("f.txt", "Kent Police news\n\nwe found:\n\n- a policy\n\nnotes\n\n1. none\n");
  BOOST_TEST(ev.check(in_findings).results[0].verdict == Verdict::pass);
  // No profile: the whole text counts, with a warning.
  Document memo = Document::from_bytes("m.txt", "Memo: a policy exists.\n");
  auto res = ev.check(memo);
  BOOST_TEST(res.results[0].verdict == Verdict::pass);
  BOOST_TEST(!res.profile.has_value());
  BOOST_TEST(res.warnings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(items_aggregate_pass_gap_partial_and_uncovered) {
  auto yaml = std::string("rules:\n") +
              "  - {id: a, title: A, checklist: [A-1], match: {x: 'alpha'}, verdicts: [{pass: {all: [x]}}], otherwise: gap}\n"
              "  - {id: b, title: B, checklist: [A-1], match: {y: 'beta'}, verdicts: [{pass: {all: [y]}}], otherwise: gap}\n";
  auto rules = load_rules_text("r.yaml", yaml, test::test_checklist());
  Evaluator ev(test::test_checklist(), rules);
  BOOST_TEST(ev.uncovered_items() == (std::vector<std::string>{"B-1"}), boost::test_tools::per_element());
  auto item = [&](const char* text) {
    Document d = Document::from_bytes("t.txt", text);
    auto r = ev.check(d);
    BOOST_REQUIRE(r.items.size() == 1u);
    return r.items[0];
  };
  BOOST_TEST(item("alpha beta").verdict == Verdict::pass);
  BOOST_TEST(item("alpha").verdict == Verdict::partial);
  BOOST_TEST(item("gamma").verdict == Verdict::gap);
  BOOST_TEST(item("gamma").basis == Basis::absence);
  BOOST_TEST(item("alpha").basis == Basis::evidence);
}

BOOST_AUTO_TEST_CASE(explain_trace_names_matches_cues_and_comparisons) {
  auto y = rule("      cases: {pattern: '(?P<n>{{number}}) cases', polarity: any}\n",
                "      - pass: {all: [cases], where: 'n == 0'}\n");
  auto rules = load_rules_text("r.yaml", y, test::test_checklist());
  Evaluator ev(test::test_checklist(), rules);
  Document d = Document::from_bytes("t.txt", "HMIC did not find any cases.");
  std::vector<std::string> trace;
  ev.evaluate(ev.rules()[0], d, whole_text(d), &trace);
  std::string all;
  for (const auto& l : trace) all += l + "\n";
  BOOST_TEST(all.find("1:19 \"any cases\" negated by 'did not' at 1:6; n=\"any\" (0)") != std::string::npos);
  BOOST_TEST(all.find("where n == 0: 0 vs 0 -> true") != std::string::npos);
  BOOST_TEST(all.find("clause 0 (pass)") != std::string::npos);
}

// Evaluators for other threads share the compiled patterns: checking the
// fixtures on two threads at once gives what one evaluator gives alone.
BOOST_AUTO_TEST_CASE(an_evaluator_for_another_thread_shares_patterns_and_gives_the_same_results) {
  const Evaluator one(test::project_checklist(), load_rules({test::source_path("rules")}, test::project_checklist()));
  auto other = one.for_another_thread();
  BOOST_TEST(other->rules().front().matchers.front().compiled.front() == one.rules().front().matchers.front().compiled.front());
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("fixtures/real")))
    if (e.path().extension() == ".txt") paths.push_back(e.path().string());
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("fixtures/wordings")))
    if (e.path().extension() == ".txt") paths.push_back(e.path().string());
  BOOST_REQUIRE(paths.size() > 20u);
  auto summary = [](const DocumentResult& r) {
    std::string s;
    for (const auto& rr : r.results) s += rr.rule + ":" + to_string(rr.verdict) + ":" + rr.message + ";";
    return s;
  };
  std::vector<std::string> alone, a(paths.size()), b(paths.size());
  // Both threads check every document, the second in reverse order, while
  // the shared patterns are still cold; then one thread alone.
  std::thread t([&] {
    for (std::size_t i = paths.size(); i-- > 0;) b[i] = summary(other->check(Document::load(paths[i], {})));
  });
  for (std::size_t i = 0; i < paths.size(); ++i) a[i] = summary(one.check(Document::load(paths[i], {})));
  t.join();
  for (const auto& p : paths) alone.push_back(summary(one.check(Document::load(p, {}))));
  BOOST_TEST((a == alone));
  BOOST_TEST((b == alone));
}

BOOST_AUTO_TEST_SUITE_END()
