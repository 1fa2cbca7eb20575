// A pattern as the engine searches it: by its literal program when the
// program takes it (every terms pattern, and most regexes), by RE2
// otherwise or where the program cannot be sure; each built the first
// time a search needs it, so a run compiles only what it searches.
// Thread-safe: threads share them.
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "literal_program.hpp"

namespace wfof {

class Searcher {
 public:
  // `compiled`: the pattern's RE2 when the loader compiled it (to check
  // it); otherwise it is compiled when first needed.
  Searcher(std::string pattern, bool case_sensitive, std::shared_ptr<const RE2> compiled = nullptr)
      : pattern_(std::move(pattern)), case_sensitive_(case_sensitive), re_(std::move(compiled)) {}
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  const std::string& pattern() const { return pattern_; }
  bool case_sensitive() const { return case_sensitive_; }

  // The leftmost-first match in text[begin, end), \b reading the bytes
  // around the range, as RE2::Match(text, begin, end, UNANCHORED) finds it.
  bool find(std::string_view text, std::size_t begin, std::size_t end, std::size_t& match_begin,
            std::size_t& match_end) const;
  // Whether the pattern matches `text` read on its own.
  bool matches(std::string_view text) const;

  // RE2, compiled now if it was not. Throws Error (E018) if it cannot be:
  // only a generated pattern past RE2's memory budget could fail here.
  const RE2& re() const;
  // Null when LiteralProgram::compile() does not take the pattern.
  const LiteralProgram* literal() const;

 private:
  std::string pattern_;
  bool case_sensitive_;
  mutable std::shared_ptr<const RE2> re_;
  mutable std::once_flag re_once_;
  mutable std::optional<LiteralProgram> literal_;
  mutable std::once_flag literal_once_;
};

}  // namespace wfof
