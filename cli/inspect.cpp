// wfof validate, wfof list, wfof explain: commands for rule authors.
#include <iomanip>
#include <sstream>

#include "common.hpp"
#include "conditions/condition.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "kinds/registry.hpp"
#include "structure.hpp"

namespace wfof::cli {

int cmd_validate(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  po::options_description desc("validate options");
  add_rule_options(desc, ro);
  desc.add_options()("rule-files", po::value(&ro.rules)->composing(), "rule files or folders");
  po::positional_options_description pos;
  pos.add("rule-files", -1);
  po::variables_map vm;
  if (auto r = parse("validate", "[RULES...] [--checklist FILE]\n\nexamples:\n  wfof validate\n  wfof validate my-rules/ --checklist checklists/wfof-2011.yaml", argc, argv, desc, &pos, vm)) return *r;
  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  std::size_t tests = 0;
  for (const auto& r : loaded->rules) tests += r.tests.size();
  Evaluator ev(loaded->checklist, std::move(loaded->rules));
  // Every clause (and `otherwise`) should be reached by an inline test, so
  // that each verdict a rule can give, and its message, is shown by example.
  std::size_t untested = 0;
  for (const auto& rule : ev.rules()) {
    std::vector<bool> reached(rule.clauses.size() + 1, false);  // last: otherwise
    for (const auto& t : rule.tests) {
      Document doc = Document::from_bytes(t.pos.file, t.text);
      int c = ev.evaluate(rule, doc, whole_text(doc)).result.clause;
      reached[c < 0 ? rule.clauses.size() : static_cast<std::size_t>(c)] = true;
    }
    for (std::size_t i = 0; i <= rule.clauses.size(); ++i) {
      if (reached[i]) continue;
      ++untested;
      const SourcePos& at = i < rule.clauses.size() ? rule.clauses[i].condition.pos : rule.pos;
      std::cerr << Diagnostic{at.file, at.line, at.col,
                              (i < rule.clauses.size() ? "clause " + std::to_string(i) + " (" + to_string(rule.clauses[i].verdict) + ")"
                                                       : std::string("'otherwise' (") + to_string(rule.otherwise) + ")") +
                                  " of rule '" + rule.id + "' is reached by no inline test",
                              Code::W001}
                       .str()
                << "\n";
    }
  }
  std::cout << "ok: " << ev.rules().size() << " rules, " << tests << " inline tests, "
            << ev.checklist().items.size() << " checklist items (" << ev.uncovered_items().size()
            << " not covered by any rule)";
  if (untested) std::cout << "; " << untested << " clause(s) with no inline test";
  std::cout << "\n";
  return kOk;
}

int cmd_list(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::string what = "rules";
  po::options_description desc("list options");
  add_rule_options(desc, ro);
  desc.add_options()("what", po::value(&what), "rules | items | coverage | patterns | kinds");
  po::positional_options_description pos;
  pos.add("what", 1);
  po::variables_map vm;
  if (auto r = parse("list", "[rules|items|coverage|patterns|kinds] [options]\n\nexamples:\n  wfof list items\n  wfof list coverage\n  wfof list kinds", argc, argv, desc, &pos, vm)) return *r;
  if (what != "rules" && what != "items" && what != "coverage" && what != "patterns" && what != "kinds") {
    std::cerr << "wfof list: error: unknown list '" << what << "' (rules, items, coverage, patterns, kinds)\n";
    return kCannotCheck;
  }
  if (what == "kinds") {
    // The rule language's open sets, from their registries (no rules read).
    for (const MatcherKind* k : matcher_kinds())
      std::cout << "matcher   " << std::left << std::setw(10) << k->key() << " " << k->summary() << "\n";
    for (const ConditionKind* k : condition_kinds())
      std::cout << "condition " << std::left << std::setw(10) << k->key() << " " << k->summary() << "\n";
    return kOk;
  }
  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  Evaluator ev(loaded->checklist, std::move(loaded->rules));
  if (what == "patterns") {
    // Every pattern with fragments expanded, one per line (for other tools).
    for (const auto& r : ev.rules())
      for (const auto& m : r.matchers)
        for (const auto& p : m.patterns) std::cout << p << "\n";
  } else if (what == "rules") {
    for (const auto& r : ev.rules()) {
      std::string items;
      for (const auto& i : r.items) items += (items.empty() ? "" : ",") + i;
      std::cout << std::left << std::setw(28) << r.id << " " << std::setw(14) << items << " " << std::setw(8)
                << to_string(r.severity) << " " << r.title << "\n";
    }
  } else if (what == "items") {
    for (const auto& i : ev.checklist().items)
      std::cout << std::left << std::setw(8) << i.id << " " << std::setw(12) << i.section << " " << i.title << "\n";
  } else {
    auto uncovered = ev.uncovered_items();
    for (const auto& i : ev.checklist().items) {
      std::string rules;
      for (const auto& r : ev.rules())
        if (std::find(r.items.begin(), r.items.end(), i.id) != r.items.end()) rules += (rules.empty() ? "" : ", ") + r.id;
      std::cout << std::left << std::setw(8) << i.id << " " << (rules.empty() ? "UNCOVERED" : "covered  ") << " "
                << (rules.empty() ? i.title : rules) << "\n";
    }
    std::cout << (ev.checklist().items.size() - uncovered.size()) << " of " << ev.checklist().items.size()
              << " items covered\n";
  }
  return kOk;
}

int cmd_explain(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::string rule_id, file;
  po::options_description desc("explain options");
  add_rule_options(desc, ro);
  desc.add_options()("rule", po::value(&rule_id)->required(), "the rule to explain")(
      "file", po::value(&file)->required(), "the document");
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (auto r = parse("explain", "--rule ID FILE\n\nexamples:\n  wfof explain --rule self-assessment fixtures/real/durham.txt", argc, argv, desc, &pos, vm)) return *r;
  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  Evaluator ev(loaded->checklist, std::move(loaded->rules));
  const Rule* rule = ev.rule(rule_id);
  if (!rule) {
    std::cerr << "wfof explain: error: no rule '" << rule_id << "'\n";
    return kCannotCheck;
  }
  Document doc = Document::load(file);
  const Structure pm = read_structure(doc, ev.checklist().profiles);
  std::cout << "rule " << rule->id << ": " << rule->title << "\n";
  std::cout << "document " << file << ": profile " << (pm.profile ? pm.profile->id : "(none)") << ", subject "
            << (pm.subject ? *pm.subject : "(not found)") << "\n";
  for (const auto& w : doc.input_warnings()) std::cout << "  warning: " << w << "\n";
  for (const auto& w : pm.warnings) std::cout << "  warning: " << w << "\n";
  for (const auto& p : pm.placements)
    std::cout << "  placed " << p.name << ": " << (p.found ? p.how : "missing: " + p.how) << "\n";
  for (const auto& s : pm.units.sections) {
    auto span = doc.to_source(s.range);
    std::cout << "  section " << s.name << " " << span.line << ":" << span.column << "-" << span.end_line << ":"
              << span.end_column << "\n";
  }
  std::vector<std::string> trace;
  auto outcome = ev.evaluate(*rule, doc, pm, &trace);
  for (const auto& l : trace) std::cout << l << "\n";
  const auto& r = outcome.result;
  std::cout << "verdict: " << to_string(r.verdict) << " (basis " << to_string(r.basis) << ", "
            << (r.clause < 0 ? std::string("otherwise") : "clause " + std::to_string(r.clause)) << ")\n";
  for (const auto& e : r.evidence)
    std::cout << "  evidence " << e.matcher << " " << position_text(e.span) << " bytes " << e.span.start
              << "-" << e.span.end << " \"" << e.text << "\"\n";
  return kOk;
}

}  // namespace wfof::cli
