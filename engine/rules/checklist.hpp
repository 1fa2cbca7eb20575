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
#include <re2/set.h>

#include "rule.hpp"
#include "searcher.hpp"

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

// How to find a document's parts. Each section is looked for on its own,
// by any of its anchors, anywhere in the text; then the profile keeps the
// combination of candidates that respects the sections' order (the order
// they are listed in) and has the greatest total confidence, earliest
// first on a tie. A section that is not found is missing, and only that
// section: the others are still placed. See rules/README.md, "Document
// profiles".
struct Profile {
  struct Anchor {
    // Checked at load, compiled only if searched on its own: most are
    // read only by the anchor set.
    std::shared_ptr<const Searcher> pattern;
    double confidence = 1.0;  // how sure a match of this anchor is (0, 1]
  };
  // Where a section ends: at the next section's start; at the end of the
  // paragraph it starts in (a headline); or at the end of the last
  // paragraph, before the next section, in which one of its anchors
  // matches (boilerplate paragraphs, so that what follows is not theirs).
  enum class Extent { next, paragraph, paragraphs };
  struct SectionSpec {
    std::string name;
    std::vector<Anchor> anchors;
    Extent extent = Extent::next;
    bool at_match = false;   // begins at the match, not at the start of its line
    bool optional = false;   // missing without a warning
    bool follows = false;    // with no anchor found, begins where the section before it ends
    bool run_on = false;     // with no list, its sentences are its items
  };
  struct SubjectRule {
    std::string section;                  // search only in this section
    std::shared_ptr<const RE2> pattern;   // with a (?P<subject>...) group
    std::shared_ptr<const RE2> reject;    // a subject this matches is passed over
  };
  std::string id;
  std::shared_ptr<const RE2> detect;      // the profile applies when this matches
  std::string leading = "preamble";       // name of the text before the first section
  std::vector<SectionSpec> sections;      // in document order
  std::vector<SubjectRule> subject;       // tried in order
  // Every anchor of every section in one set, matched line by line: one
  // pass over the text finds every candidate (entry k is anchor_of[k]).
  std::shared_ptr<const RE2::Set> anchor_set;
  std::vector<std::pair<std::size_t, std::size_t>> anchor_of;  // (section, anchor)
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
  // How reports name the document's headline (checklist.report.headline):
  // its heading, and the item whose deciding evidence quotes it. Empty:
  // reports show no headline section.
  std::string headline_title, headline_item;
  std::string path;

  const ChecklistItem* item(const std::string& id) const;
};

}  // namespace wfof
