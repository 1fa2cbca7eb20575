// Quantities: figures read with the role they play in their clause,
// whatever the order of the words. A rule names the roles and their words
// (terms or lexicons); each figure of a sentence (digits, number words,
// percentages, and quantifiers relative to a total: "all", "each one",
// "every one of them", "none", "all but N") takes the role whose word is
// nearest it: the noun it counts right after it ("62 applications"), else
// a verb it is the subject of ("59 of which were approved"), else a word
// before it ("approved 45 of the 48"). A percentage or a quantifier is a
// share of the total role; a complement role gives another by subtraction
// (approvals from refusals); with no total in its sentence, a figure takes
// the total of the sentence before.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "match.hpp"
#include "searcher.hpp"

namespace wfof {

struct QuantitySpec {
  struct Role {
    std::string name;
    std::shared_ptr<const Searcher> words;  // its terms
  };
  std::vector<Role> roles;
  std::string total;  // the role the others are shares of ("" for none)
  // role -> role: the first is the total minus the second
  // (approved: refused). Read only when the first has no figure of its own.
  std::vector<std::pair<std::string, std::string>> complements;
  bool pair_sentences = true;  // a share may take its total from the sentence before
  // Words that disqualify the figure nearest them ("across England and
  // Wales": a national figure beside the force's own is not the force's).
  std::shared_ptr<const Searcher> exclude;
};

class Quantity : public Computed {
 public:
  explicit Quantity(QuantitySpec spec);
  void hits(std::string_view view, const std::vector<Range>& sentences, std::size_t i,
            std::vector<Hit>& out) const override;
  const QuantitySpec& spec() const { return spec_; }

 private:
  QuantitySpec spec_;
  int total_ = -1;                               // index of the total role
  std::vector<std::pair<int, int>> complements_;  // role indices: first = total - second
};

}  // namespace wfof
