// Report writers. Each turns the one results model into one format; none
// re-derives a verdict. All return the whole output as a string so the
// caller can write it atomically; all but the Markdown and HTML summaries
// (which span the run) can also be written a document at a time, for runs
// too large to hold.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "checklist.hpp"
#include "report_stream.hpp"
#include "results.hpp"
#include "rule.hpp"

namespace wfof {

struct ReportContext {
  const Checklist& checklist;
  const std::vector<Rule>& rules;
  // Partials count as failures (JUnit) when --fail-on partial.
  bool partial_fails = false;
  // For formats that need a time: SOURCE_DATE_EPOCH when set, else now.
  long long timestamp = 0;
  std::string hostname = "localhost";
  // File name of each document's Markdown report, by the document's path,
  // for the national summary to link to; empty: no links.
  std::map<std::string, std::string> document_reports = {};
  // Text: colour the verdicts (only when the text goes to a terminal).
  bool color = false;
  // SARIF: the folder artifact URIs are relative to (%SRCROOT%), absolute;
  // empty: the working directory.
  std::string root = {};
};

// The columns of the national matrix, in checklist order: the items some
// rule assesses (not the run's uncovered items: every document checked
// has a verdict for each), none when no document was checked. Read from
// the run's head, not its documents, so that a document's row is rendered
// as it is checked, with no other document in memory.
std::vector<std::string> matrix_items(const RunResult& head, std::size_t documents, const Checklist& checklist);

// JSON results ("wfof-results/1"), the contract for tools.
std::string write_json(const RunResult& run, const ReportContext& ctx);
// The same a document at a time (see report_stream.hpp): the frame, from
// everything in `run` but its documents, for a run of `documents`; and one
// document's entry.
ReportFrame json_frame(const RunResult& run, std::size_t documents);
ReportEntries json_entries(const DocumentResult& doc);
// One line per item per document, with the deciding evidence quoted briefly.
std::string write_text(const RunResult& run, const ReportContext& ctx, bool color);
// The same in pieces, for streaming: one document's block, and the last line.
std::string write_text_document(const DocumentResult& doc, const ReportContext& ctx, bool color);
std::string write_text_summary(std::size_t documents, const VerdictCounts& counts, std::size_t uncovered);
// Markdown gap report for one document.
std::string write_markdown_document(const RunResult& run, const DocumentResult& doc, const ReportContext& ctx);
// Markdown national summary across all documents.
std::string write_markdown_summary(const RunResult& run, const ReportContext& ctx);
// Self-contained HTML report (matrix plus each document with highlighted evidence).
std::string write_html(const RunResult& run, const ReportContext& ctx);
// SARIF 2.1.0 log.
std::string write_sarif(const RunResult& run, const ReportContext& ctx);
// The same a document at a time: the frame, and the artifact and results
// entries of the document at `index` (its artifact index).
ReportFrame sarif_frame(const RunResult& run, const ReportContext& ctx);
ReportEntries sarif_entries(const DocumentResult& doc, std::size_t index, const ReportContext& ctx);
// JUnit XML: a testsuite per document, a testcase per item.
std::string write_junit(const RunResult& run, const ReportContext& ctx);
// The same a document at a time: the frame, and the testsuite of the
// document at `index` (its id), for a run with `run`'s version and checklist.
ReportFrame junit_frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx);
ReportEntries junit_entries(const DocumentResult& doc, std::size_t index, const RunResult& run, const ReportContext& ctx);
// GitHub Actions workflow commands (::error / ::warning) per gap and partial.
std::string write_github(const RunResult& run, const ReportContext& ctx);
// The same a document at a time.
ReportFrame github_frame(const RunResult& totals, const ReportContext& ctx);
ReportEntries github_entries(const DocumentResult& doc, const RunResult& run, const ReportContext& ctx);

// `path:line:col: error: message` (or `path: error: message`), as errors
// are printed on stderr.
std::string error_line(const DocumentError& e);

}  // namespace wfof
