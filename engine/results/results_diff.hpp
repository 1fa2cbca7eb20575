// What changed between two runs' JSON results (wfof-results/1): two
// inspection years, or a branch against its base. Documents are matched by
// subject (the force), then by path; per matched document and item, the
// verdict improved, regressed or stayed; items and documents only in one
// run are new or gone.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "rule.hpp"

namespace wfof {

enum class Change { improved, regressed, unchanged, added, gone };
const char* to_string(Change c);  // "improved", ..., "new", "gone"

struct ItemChange {
  std::string id;
  Change change = Change::unchanged;
  std::optional<Verdict> before, after;  // absent for a new / gone item
};

struct DocumentChange {
  std::string label;  // the subject, or the path when there is none
  std::optional<std::string> subject;
  std::optional<std::string> old_path, new_path;  // absent: the document is new / gone
  std::vector<ItemChange> items;  // in checklist order (as the results list them)
};

struct ChangeCounts {
  std::size_t improved = 0, regressed = 0, unchanged = 0, added = 0, gone = 0;
  void add(Change c);
};

struct RunDiff {
  std::string old_file, new_file;
  std::string old_version, new_version;
  std::string checklist_id, checklist_title;
  std::vector<DocumentChange> documents;  // by label, then path
  std::size_t matched = 0, new_documents = 0, gone_documents = 0;
  ChangeCounts items;
};

// Reads both results files and compares them. Throws wfof::Error, at
// path:line:col, for a file that is not wfof results or for results made
// against different checklists (reported in the NEW file, at its checklist id).
RunDiff diff_results(const std::string& old_file, const std::string& new_file);

// The diff as text (changed items per document, unchanged ones counted),
// as Markdown (a summary table, then a table per changed document), and as
// JSON ("wfof-diff/1", schemas/diff.schema.json: every item).
std::string write_diff_text(const RunDiff& d);
std::string write_diff_markdown(const RunDiff& d);
std::string write_diff_json(const RunDiff& d);

}  // namespace wfof
