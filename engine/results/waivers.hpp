// Waivers: accepted gaps and partials, modelled on InSpec's waiver files.
// A YAML list; each entry names a document (its path, relative to the
// waivers file) or a subject, a checklist item, the reason, who accepted it
// and the last day it holds:
//
//   - subject: Durham Constabulary
//     item: TR-1
//     reason: Training programme starts in April; see board minutes 2013-02.
//     accepted-by: Head of Professional Standards
//     expires: 2013-06-30
//
// A waived item keeps its verdict in every format but does not count for
// --fail-on; once expired it counts again and says so.
#pragma once
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checklist.hpp"
#include "results.hpp"

namespace wfof {

struct WaiverEntry {
  std::optional<std::string> document;  // as written
  std::optional<std::string> document_path;  // absolute, for matching
  std::optional<std::string> subject;
  std::string item;
  Waiver waiver;
  SourcePos pos;  // the entry, for warnings

  // "TR-1 of Durham Constabulary"
  std::string describe() const;
};

// "YYYY-MM-DD" (UTC) of a time in seconds since the epoch.
std::string utc_date(long long seconds);

class Waivers {
 public:
  // Loads and validates `path` against `checklist`; every problem (unknown
  // key, unknown item, an expiry that is not a date, a missing field, a
  // duplicate) is an Error at path:line:col. Entries expiring before
  // `today` (YYYY-MM-DD) are marked expired.
  Waivers(const std::string& path, const Checklist& checklist, const std::string& today);

  // Marks the document's waived items (called from any thread); an expired
  // waiver that matches adds a warning to the document.
  void apply(DocumentResult& d) const;

  // After the run: "path:line:col: warning: ..." for each waiver that
  // matched nothing and each expired one that matched.
  std::vector<std::string> warnings() const;

  const std::vector<WaiverEntry>& entries() const { return entries_; }

 private:
  std::vector<WaiverEntry> entries_;
  // Per entry: 0 nothing matched, 1 its document but the item is not a gap
  // or partial, 2 applied.
  std::unique_ptr<std::atomic<int>[]> state_;
};

// The waiver that covers a rule's finding in `d`: when every item the rule
// feeds that is a gap or partial is waived (and one is), the first such
// item's waiver; else null. For formats with a finding per rule (SARIF,
// GitHub annotations).
const Waiver* finding_waiver(const RuleResult& r, const DocumentResult& d);

// "waived until 2013-06-30 (accepted by X: reason)" or
// "waiver expired on 2013-06-30 (accepted by X: reason)".
std::string describe_waiver(const Waiver& w);

}  // namespace wfof
