// The results model every writer reads. Verdicts are decided by the
// evaluator and the aggregation; writers only present them.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "document.hpp"
#include "rule.hpp"

namespace wfof {

// One span of the original file that a matcher matched.
struct Evidence {
  std::string matcher;
  SourceSpan span;
  std::string text;             // original bytes of the span
  bool negated = false;         // the match sits under a negation cue
  std::string cue;              // that cue, when negated
  // Where the span is in DocumentResult::shown, when that is not the
  // file itself (a web page is shown without its markup); else absent.
  std::optional<std::pair<std::size_t, std::size_t>> shown;
};

struct RuleResult {
  std::string rule;
  std::string title;
  std::vector<std::string> items;
  Severity severity = Severity::medium;
  Verdict verdict = Verdict::gap;
  Basis basis = Basis::absence;
  int clause = -1;  // index of the deciding clause; -1 for `otherwise`
  std::string message;  // the rule's message, for gap and partial
  std::vector<Evidence> evidence;
  // The unit (sentence, item, ...) in which the deciding clause held, for
  // quoting the evidence in context; absent for a verdict by absence.
  std::optional<Evidence> context;
};

// An accepted gap or partial (check --waivers, waivers.hpp): the item keeps
// its verdict and is shown as waived, but does not count for --fail-on
// until the waiver expires.
struct Waiver {
  std::string reason, accepted_by;
  std::string expires;   // YYYY-MM-DD, the last day it holds
  bool expired = false;  // then the item counts again
};

struct ItemResult {
  std::string id;
  Verdict verdict = Verdict::gap;
  Basis basis = Basis::absence;
  std::vector<std::string> rules;  // rule ids, in id order
  // Shared and never changed once set: most items have none, and a run
  // keeps every document's items for the summaries, so an empty one costs
  // a pointer rather than a Waiver's room.
  std::shared_ptr<const Waiver> waiver;
  // Waived: a waiver that has not expired.
  bool waived() const { return waiver && !waiver->expired; }
};

struct VerdictCounts {
  std::size_t pass = 0, partial = 0, gap = 0;
  void add(Verdict v) { (v == Verdict::pass ? pass : v == Verdict::partial ? partial : gap)++; }
};

struct DocumentResult {
  std::string path;
  std::string sha256;
  std::optional<std::string> subject;
  std::optional<std::string> profile;
  std::vector<ItemResult> items;      // checklist order; covered items only
  std::vector<RuleResult> results;    // rule id order
  std::vector<std::pair<std::string, MetricValue>> metrics;  // checklist order
  VerdictCounts summary;
  std::vector<std::string> warnings;
  // Where each section of the document is, for reports that point at the
  // findings when a gap rests on absence.
  std::vector<std::pair<std::string, SourceSpan>> sections;
  // What reports show of the document, captured when it was checked so that
  // they can be rendered again from saved results (wfof report) without
  // reading the file: its format ("text", "HTML", "PDF") and the text a
  // reader sees (the file itself; a PDF's extracted text, which evidence
  // offsets refer to; a web page's text without markup, see Evidence::shown).
  std::string format = "text";
  std::string shown;
  // Seconds spent checking it, for JUnit's `time`; 0 when SOURCE_DATE_EPOCH
  // is set (reproducible reports) and in results read back from JSON,
  // which holds no timings.
  double seconds = 0;
};

// A document that could not be checked (empty, binary, not UTF-8, too
// large, unreadable): recorded in every report, which is still written for
// the others.
struct DocumentError {
  std::string path;
  std::size_t line = 0, column = 0;  // 0: the file as a whole
  std::string message;
  std::string code;  // the diagnostic's code ("E003"), if it has one
};

struct RunResult {
  std::string tool_version;
  std::string checklist_id;
  std::string checklist_title;
  std::vector<DocumentResult> documents;  // path order
  std::vector<std::string> uncovered_items;
  VerdictCounts summary;
  VerdictCounts waived;  // of summary, the items under a waiver that holds
  double seconds = 0;  // of all documents, see DocumentResult::seconds
  std::vector<DocumentError> errors;  // path order
};

}  // namespace wfof
