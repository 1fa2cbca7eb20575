// The checklist a rule set is assessed against (items with criteria, grouped
// in sections), the metrics documents yield, and the document profiles that
// find sections and the subject in a document. All of it is YAML data.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rule.hpp"

namespace wfof {

struct ChecklistItem {
  std::string id;
  std::string title;
  std::string section;  // id of the section it belongs to
  std::map<std::string, std::string> criteria;  // pass / partial / gap -> text
  std::map<std::string, std::string> references;
};

struct ChecklistSection {
  std::string id;
  std::string title;
  std::string source;
};

struct MetricDecl {
  std::string name;
  std::string description;
};

// How to find a document's parts. Sections are found in order: each
// anchor is searched after the previous section's start, and a section runs
// to the next one found.
struct Profile {
  struct Anchor {
    std::string section;
    std::shared_ptr<const RE2> start;
  };
  struct SubjectRule {
    std::string section;                  // search only in this section
    std::shared_ptr<const RE2> pattern;   // with a (?P<subject>...) group
  };
  std::string id;
  std::shared_ptr<const RE2> detect;      // the profile fits when this matches
  std::vector<std::string> required;      // ... and these sections are found
  std::vector<Anchor> anchors;
  std::vector<SubjectRule> subject;
};

struct Checklist {
  std::string id;
  std::string title;
  std::string source;
  std::vector<ChecklistSection> sections;
  std::vector<ChecklistItem> items;  // in checklist order
  std::vector<MetricDecl> metrics;
  std::vector<Profile> profiles;
  std::vector<std::string> default_scope;  // sections that count when a rule names none
  std::string path;

  const ChecklistItem* item(const std::string& id) const;
};

}  // namespace wfof
