// The evaluator: rules planned once, then applied to documents. One
// prefilter pass over the sentences some rule reads (prefilter/: a word
// index, and for regexes atoms and RE2::Set, compiled once enough text has
// been read) finds which patterns may occur in which sentence; a condition
// is tried only in the units over a sentence where its most selective part
// may hold, a pattern is searched in a sentence only when a condition
// could hold in a unit holding it (every `all` matcher, some `any`
// matcher, may match there), and at most once per document however many
// rules share it.
#pragma once
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "checklist.hpp"
#include "phase_timer.hpp"
#include "document.hpp"
#include "results.hpp"
#include "rule.hpp"
#include "structure.hpp"

namespace re2 { class RE2; }

namespace wfof {

// The outcome of one rule on one document, with the metric values it read.
struct RuleOutcome {
  RuleResult result;
  std::vector<std::pair<std::string, MetricValue>> metrics;
};

class Evaluator {
 public:
  // Takes the loaded, validated rules (sorted by id) and the checklist.
  Evaluator(Checklist checklist, std::vector<Rule> rules);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Another evaluator of the same rules and checklist, for another thread:
  // it shares the compiled patterns (RE2 is thread-safe, and so is its
  // automata cache; a literal program is immutable once built), so nothing
  // is compiled twice and automata warm once, and has its own prefilter.
  std::unique_ptr<Evaluator> for_another_thread() const;

  const std::vector<Rule>& rules() const { return rules_; }
  const Checklist& checklist() const { return checklist_; }
  const Rule* rule(const std::string& id) const;

  // Evaluates every rule on a document read into `structure` (by
  // read_structure, over this checklist's profiles), aggregates items and
  // collects metrics. Not to be called from two threads at once: the
  // prefilter keeps scratch space and builds its regex part as text is
  // read (a run has an evaluator a thread). With `times`, adds the time
  // spent on the digest, the prefilter pass and the rules to their phases.
  DocumentResult check(const Document& doc, const Structure& structure, PhaseTimes* times = nullptr) const;
  // The same, reading the structure first.
  DocumentResult check(const Document& doc) const { return check(doc, read_structure(doc, checklist_.profiles)); }

  // Evaluates one rule (one of rules(); any other rule is planned on its
  // own first) on a document with this structure. With no profile in it,
  // scope is ignored (the whole text counts), as for inline tests and
  // documents no profile fits. When `trace` is given, appends a line per
  // step: each clause, each matcher's matches, negation decisions, captures
  // and comparison values.
  RuleOutcome evaluate(const Rule& rule, const Document& doc, const Structure& structure,
                       std::vector<std::string>* trace = nullptr) const;

  // Builds every pattern's matcher now (its literal program, or RE2),
  // last pattern first, until `stop` is requested, rather than at its
  // first search: for a core a short run would leave idle while check()
  // runs on another, which then finds most of them built. Safe to run
  // alongside check() (each is built once, whoever asks first).
  void build_patterns(std::stop_token stop) const;

  // What the prefilter pass is made of, and for how many patterns each
  // part ("word index (52) + atoms (16) + RE2::Set (4)"), for --profile.
  std::string prefilter() const;

  // Items no rule evidences, in checklist order.
  std::vector<std::string> uncovered_items() const;

 private:
  struct Plan;  // pattern slots, the prefilter over them, per-rule resolution
  struct Slots;
  Evaluator(Checklist checklist, std::vector<Rule> rules, std::shared_ptr<Slots> shared);
  Checklist checklist_;
  std::vector<Rule> rules_;
  std::unique_ptr<Plan> plan_;
};

// Combines rule verdicts per checklist item (all pass: pass; all gap: gap;
// otherwise partial), in checklist order, and counts them.
void aggregate(const Checklist& checklist, DocumentResult& result);

}  // namespace wfof
