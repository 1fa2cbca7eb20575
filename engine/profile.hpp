// Applying a document profile: which profile fits a document, where its
// sections are, and who the subject is.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "checklist.hpp"
#include "document.hpp"

namespace wfof {

struct ProfileMatch {
  const Profile* profile = nullptr;  // null: no profile fits
  std::optional<std::string> subject;
  std::vector<std::string> warnings;
};

// Tries each profile in order; the first whose `detect` matches and whose
// required sections are all found segments `doc` into its sections. When
// none fits, the document stays one section ("document") and a warning says
// so; when the subject is not found, a warning says that too.
ProfileMatch apply_profiles(const std::vector<Profile>& profiles, Document& doc);

}  // namespace wfof
