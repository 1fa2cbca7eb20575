// Reading a document's structure: the stage between the document and the
// evaluator. Given the normalised document and the checklist's profiles,
// it decides which profile applies, where each of its sections is, and who
// the subject is, and returns all of that as a value (the document itself
// is never changed). Every decision is recorded, so that `wfof inspect`
// can show a checklist author why a line fell where it did.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "checklist.hpp"
#include "document.hpp"

namespace wfof {

// How one section of the profile was placed (or not).
struct Placement {
  std::string name;
  bool found = false;
  Range range;              // when found
  double confidence = 0;    // of the anchor that placed it; lower for a section placed by position
  std::string how;          // in words: which anchor matched, or why the section is missing
};

struct Structure {
  const Profile* profile = nullptr;  // null: no profile applies
  Units units;                       // sections (covering the whole view), items, paragraphs, sentences
  std::optional<std::string> subject;
  std::string subject_section;       // where the subject was read
  std::vector<Placement> placements;  // every section of the profile, in profile order
  bool truncated = false;            // the text stops mid-sentence
  std::vector<std::string> warnings;

  // Rules' scopes apply only when a profile does; otherwise the whole text
  // is evidence.
  bool scoped() const { return profile != nullptr; }
  const Section* section(std::string_view name) const;
};

// Tries each profile in order; the first whose `detect` matches applies,
// with whatever sections it finds (a missing section is a warning naming
// it, unless the profile marks it optional). With no profile, the whole
// text is one section ("document") and a warning says so.
Structure read_structure(const Document& doc, const std::vector<Profile>& profiles);

// The whole text as one section, no profile: for inline rule tests.
Structure whole_text(const Document& doc);

}  // namespace wfof
