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
  };
  explicit Combined(std::vector<Part> parts) : parts_(std::move(parts)) {
    for (const auto& p : parts_)
      name_ += (name_.empty() ? "" : " + ") + std::string(p.prefilter->name()) + " (" + std::to_string(p.slots.size()) + ")";
  }
  bool match(std::string_view text, std::vector<int>& matched) override {
    for (auto& p : parts_) {
      scratch_.clear();
      if (!p.prefilter->match(text, scratch_)) return false;
      for (int k : scratch_) matched.push_back(p.slots[static_cast<std::size_t>(k)]);
    }
    return true;
  }
  std::string_view name() const override { return name_; }

 private:
  std::vector<Part> parts_;
  std::vector<int> scratch_;
  std::string name_;
};

}  // namespace

std::unique_ptr<Prefilter> make_prefilter(const std::vector<PrefilterPattern>& patterns) {
  std::vector<Combined::Part> parts;
  auto subset = [&](const std::vector<std::size_t>& which) {
    std::vector<PrefilterPattern> out;
    for (std::size_t i : which) out.push_back(patterns[i]);
    return out;
  };
  auto slots = [](const std::vector<std::size_t>& which) { return std::vector<int>(which.begin(), which.end()); };
  std::vector<std::size_t> keyed, rest;
  for (std::size_t i = 0; i < patterns.size(); ++i) (patterns[i].keys.known() ? keyed : rest).push_back(i);
  if (!keyed.empty()) parts.push_back({make_word_prefilter(subset(keyed)), slots(keyed)});
  // WFOF_PREFILTER=re2 leaves every regex to RE2::Set, to compare on one build.
  const char* pick = std::getenv("WFOF_PREFILTER");
  const bool set_only = pick && std::string_view(pick) == "re2";
  if (!rest.empty() && !set_only) {
    AtomSplit split = make_atom_prefilter(subset(rest));
    std::vector<std::size_t> taken, left;
    for (std::size_t k : split.taken) taken.push_back(rest[k]);
    for (std::size_t k : split.left) left.push_back(rest[k]);
    if (split.prefilter) parts.push_back({std::move(split.prefilter), slots(taken)});
    rest = std::move(left);
  }
  if (!rest.empty()) {
    std::unique_ptr<Prefilter> regex = set_only ? nullptr : make_hyperscan_prefilter(subset(rest));
    if (!regex) regex = make_re2_prefilter(subset(rest));
    if (!regex) return nullptr;  // a regex no prefilter takes: search everything
    parts.push_back({std::move(regex), slots(rest)});
  }
  return std::make_unique<Combined>(std::move(parts));
}

}  // namespace wfof
