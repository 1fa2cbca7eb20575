#include <cstdlib>

#include "prefilter/prefilter.hpp"

namespace wfof {
namespace {

// Patterns whose words are known go to the word index, the others to the
// regex prefilter; each answers in its own numbering, mapped back here.
class Combined final : public Prefilter {
 public:
  Combined(std::unique_ptr<Prefilter> words, std::vector<int> word_slots, std::unique_ptr<Prefilter> regex,
           std::vector<int> regex_slots)
      : words_(std::move(words)), regex_(std::move(regex)), word_slots_(std::move(word_slots)), regex_slots_(std::move(regex_slots)) {
    name_ = std::string(words_ ? words_->name() : "") + (words_ && regex_ ? " + " : "") + std::string(regex_ ? regex_->name() : "");
  }
  bool match(std::string_view text, std::vector<int>& matched) override {
    return part(words_.get(), word_slots_, text, matched) && part(regex_.get(), regex_slots_, text, matched);
  }
  std::string_view name() const override { return name_; }

 private:
  bool part(Prefilter* p, const std::vector<int>& slots, std::string_view text, std::vector<int>& matched) {
    if (!p) return true;
    scratch_.clear();
    if (!p->match(text, scratch_)) return false;
    for (int k : scratch_) matched.push_back(slots[static_cast<std::size_t>(k)]);
    return true;
  }
  std::unique_ptr<Prefilter> words_, regex_;
  std::vector<int> word_slots_, regex_slots_;  // own index -> caller's
  std::vector<int> scratch_;
  std::string name_;
};

}  // namespace

std::unique_ptr<Prefilter> make_prefilter(const std::vector<PrefilterPattern>& patterns) {
  std::vector<PrefilterPattern> keyed, rest;
  std::vector<int> keyed_slots, rest_slots;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const bool known = patterns[i].keys.known();
    (known ? keyed : rest).push_back(patterns[i]);
    (known ? keyed_slots : rest_slots).push_back(static_cast<int>(i));
  }
  std::unique_ptr<Prefilter> words = keyed.empty() ? nullptr : make_word_prefilter(keyed);
  std::unique_ptr<Prefilter> regex;
  if (!rest.empty()) {
    // WFOF_PREFILTER=re2 picks the fallback, to compare the two on one build.
    const char* pick = std::getenv("WFOF_PREFILTER");
    if (!(pick && std::string_view(pick) == "re2")) regex = make_hyperscan_prefilter(rest);
    if (!regex) regex = make_re2_prefilter(rest);
    if (!regex) return nullptr;  // a regex no prefilter takes: search everything
  }
  return std::make_unique<Combined>(std::move(words), std::move(keyed_slots), std::move(regex), std::move(rest_slots));
}

}  // namespace wfof
