// Loading rule files and the checklist from YAML, with validation. Every
// problem becomes a `file:line:col` diagnostic; all problems of a load are
// reported together in one wfof::Error.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "checklist.hpp"
#include "error.hpp"
#include "rule.hpp"

namespace wfof {

// Loads a checklist file (items, sections, metrics, profiles).
Checklist load_checklist(const std::string& path);
Checklist load_checklist_text(const std::string& path, std::string_view text);

// Loads every rule file named by `paths` (files, or folders searched
// recursively for *.yaml / *.yml, in path order) and validates the rules
// against `checklist`: item ids, metric names, scope sections, duplicate ids.
// An empty result is an error. Warnings (W003 matcher-never-used) do not
// stop the load: they are appended to `warnings` when given (and dropped
// otherwise); with any error, they come in the Error with the errors.
std::vector<Rule> load_rules(const std::vector<std::string>& paths, const Checklist& checklist,
                             std::vector<Diagnostic>* warnings = nullptr);

// A checklist and the rules validated against it.
struct RuleSet {
  Checklist checklist;
  std::vector<Rule> rules;
};
// load_checklist(checklist) and load_rules(paths, ...) in one: with
// `threads` > 1, the checklist is read while the rule files are parsed,
// and the files by up to `threads` threads. The same result, diagnostics
// and errors as the two calls one after the other.
RuleSet load_rule_set(const std::string& checklist, const std::vector<std::string>& paths, unsigned threads,
                      std::vector<Diagnostic>* warnings = nullptr);

// The same for one rule file's text (for tests and tools).
std::vector<Rule> load_rules_text(const std::string& path, std::string_view text, const Checklist& checklist,
                                  std::vector<Diagnostic>* warnings = nullptr);

// Compiles a user pattern as rule patterns are compiled (case-insensitive
// unless `case_sensitive`, ^ and $ at line ends). On failure returns null and
// sets `error` to a message that says what RE2 rejected.
std::shared_ptr<const RE2> compile_pattern(const std::string& pattern, bool case_sensitive, std::string& error);

}  // namespace wfof
