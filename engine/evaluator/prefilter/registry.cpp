#include <cstdlib>

#include "prefilter/prefilter.hpp"

namespace wfof {
namespace {

// Each part answers for some of the patterns in its own numbering, mapped
// back here to the caller's.
class Combined final : public Prefilter {
 public:
  struct Part {
    std::unique_ptr<Prefilter> prefilter;
    std::vector<int> slots;  // its index -> the caller's
    // Whether its name is followed by how many patterns it takes: not for
    // a part made of parts (the regexes'), whose name counts its own.
    bool counted = true;
  };
  explicit Combined(std::vector<Part> parts) : parts_(std::move(parts)) {}
  bool match(std::string_view text, std::vector<int>& matched) override {
    for (auto& p : parts_) {
      scratch_.clear();
      if (!p.prefilter->match(text, scratch_)) return false;
      for (int k : scratch_) matched.push_back(p.slots[static_cast<std::size_t>(k)]);
    }
    return true;
  }
  // Named when asked: a deferred part says what it became.
  std::string_view name() const override {
    name_.clear();
    for (const auto& p : parts_) {
      name_ += (name_.empty() ? "" : " + ") + std::string(p.prefilter->name());
      if (p.counted) name_ += " (" + std::to_string(p.slots.size()) + ")";
    }
    return name_;
  }

 private:
  std::vector<Part> parts_;
  std::vector<int> scratch_;
  mutable std::string name_;
};

// The patterns at positions `which`, and those positions as slots.
std::vector<PrefilterPattern> subset(const std::vector<PrefilterPattern>& patterns, const std::vector<std::size_t>& which) {
  std::vector<PrefilterPattern> out;
  for (std::size_t i : which) out.push_back(patterns[i]);
  return out;
}
std::vector<int> slots(const std::vector<std::size_t>& which) { return std::vector<int>(which.begin(), which.end()); }

// The regexes' part: atoms for those with required strings, then
// Hyperscan or RE2::Set for the rest (null: some regex no prefilter takes).
std::unique_ptr<Prefilter> make_regex_part(const std::vector<PrefilterPattern>& patterns) {
  std::vector<Combined::Part> parts;
  std::vector<std::size_t> rest(patterns.size());
  for (std::size_t i = 0; i < rest.size(); ++i) rest[i] = i;
  // WFOF_PREFILTER=re2 leaves every regex to RE2::Set, to compare on one build.
  const char* pick = std::getenv("WFOF_PREFILTER");
  const bool set_only = pick && std::string_view(pick) == "re2";
  if (!set_only) {
    AtomSplit split = make_atom_prefilter(patterns);
    if (split.prefilter) parts.push_back({std::move(split.prefilter), slots(split.taken)});
    rest = std::move(split.left);
  }
  if (!rest.empty()) {
    std::unique_ptr<Prefilter> regex = set_only ? nullptr : make_hyperscan_prefilter(subset(patterns, rest));
    if (!regex) regex = make_re2_prefilter(subset(patterns, rest));
    if (!regex) return nullptr;
    parts.push_back({std::move(regex), slots(rest)});
  }
  return std::make_unique<Combined>(std::move(parts));
}

// The regex part, built once `after` bytes of text have been read; before
// that (or when it cannot be built) every regex may match. Its name counts
// its patterns, or is what it built (which counts its own).
class Deferred final : public Prefilter {
 public:
  Deferred(std::vector<PrefilterPattern> patterns, std::size_t after)
      : patterns_(std::move(patterns)), after_(after), count_(" (" + std::to_string(patterns_.size()) + ")") {}
  bool match(std::string_view text, std::vector<int>& matched) override {
    if (!built_) {
      read_ += text.size();
      if (read_ < after_) return every(matched);
      built_ = true;
      inner_ = make_regex_part(patterns_);
    }
    return inner_ ? inner_->match(text, matched) : every(matched);
  }
  std::string_view name() const override {
    if (inner_) return inner_->name();
    name_ = (built_ ? "none" : "regexes, not yet built") + count_;
    return name_;
  }

 private:
  bool every(std::vector<int>& matched) const {
    for (std::size_t i = 0; i < patterns_.size(); ++i) matched.push_back(static_cast<int>(i));
    return true;
  }
  std::vector<PrefilterPattern> patterns_;
  std::size_t after_, read_ = 0;
  std::string count_;
  mutable std::string name_;
  bool built_ = false;
  std::unique_ptr<Prefilter> inner_;
};

}  // namespace

std::unique_ptr<Prefilter> make_prefilter(const std::vector<PrefilterPattern>& patterns, std::size_t regexes_after) {
  std::vector<Combined::Part> parts;
  std::vector<std::size_t> keyed, rest;
  for (std::size_t i = 0; i < patterns.size(); ++i) (patterns[i].keys.known() ? keyed : rest).push_back(i);
  if (!keyed.empty()) parts.push_back({make_word_prefilter(subset(patterns, keyed)), slots(keyed)});
  if (!rest.empty()) {
    std::unique_ptr<Prefilter> regex = regexes_after > 0 ? std::make_unique<Deferred>(subset(patterns, rest), regexes_after)
                                                         : make_regex_part(subset(patterns, rest));
    if (!regex) return nullptr;  // a regex no prefilter takes: search everything
    parts.push_back({std::move(regex), slots(rest), false});
  }
  return std::make_unique<Combined>(std::move(parts));
}

}  // namespace wfof
