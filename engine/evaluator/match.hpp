// One match of a matcher in a document's normalised view, as every matcher
// kind reports it, and the interface of the kinds whose matches are
// computed rather than searched for with a pattern (see kinds/).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document.hpp"
#include "expression.hpp"

namespace wfof {

// A match. Capture names point into the matcher that made the match
// (which outlives every document).
struct Hit {
  Range range;
  std::vector<std::pair<const std::string*, Range>> captures;  // named groups (or roles) that took part
  // Values the matcher computed for some captures (a figure read as a
  // share of a total, a quantifier): they take precedence over reading the
  // captured text as a number.
  std::vector<std::pair<const std::string*, Rational>> values;
  std::string note;  // why, for `explain`: how the values were read
};

// A matcher kind that computes its matches from a sentence (and the one
// before it) instead of searching one pattern. Its patterns, kept on the
// Matcher, are its prefilter: it is asked about a sentence only when one of
// them occurs there, so it costs nothing where its words are absent.
class Computed {
 public:
  virtual ~Computed() = default;
  // Appends the matches found in sentences[i] of `view` (reading
  // sentences[i - 1] too when the kind pairs adjacent sentences).
  virtual void hits(std::string_view view, const std::vector<Range>& sentences, std::size_t i,
                    std::vector<Hit>& out) const = 0;
};

}  // namespace wfof
