// Atoms: for patterns written as regexes (no words known), RE2's
// FilteredRE2 finds the strings every match must contain (its "atoms", an
// AND-OR tree of them per pattern); one Aho-Corasick pass over the
// lower-cased text finds the atoms present and the tree says which
// patterns may match. Cheaper than running every pattern's DFA at once in
// an RE2::Set, which the patterns with no usable atom still go to.
#include <re2/filtered_re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>

#include "prefilter/prefilter.hpp"

namespace wfof {
namespace {

// Every occurrence of a set of strings in one pass: Aho-Corasick as a
// full transition table over the bytes the strings use (upper-case ASCII
// read as lower case; every other byte one class).
class Strings {
 public:
  explicit Strings(const std::vector<std::string>& strings) {
    cls_.fill(0);
    for (const auto& s : strings)
      for (unsigned char c : s)
        if (!cls_[c]) cls_[c] = ++classes_;
    for (int c = 'A'; c <= 'Z'; ++c) cls_[c] = cls_[c + 32];
    ++classes_;  // class 0: a byte no string has
    // The trie, then the failure links breadth first, completing the table.
    goto_.assign(classes_, -1);
    out_.emplace_back();
    for (std::size_t i = 0; i < strings.size(); ++i) {
      std::int32_t s = 0;
      for (unsigned char c : strings[i]) {
        std::int32_t& next = goto_[static_cast<std::size_t>(s) * classes_ + cls_[c]];
        if (next < 0) {
          next = static_cast<std::int32_t>(out_.size());
          out_.emplace_back();
          goto_.resize(goto_.size() + classes_, -1);
        }
        s = goto_[static_cast<std::size_t>(s) * classes_ + cls_[c]];
      }
      out_[static_cast<std::size_t>(s)].push_back(static_cast<int>(i));
    }
    std::vector<std::int32_t> fail(out_.size(), 0);
    std::deque<std::int32_t> queue;
    for (std::size_t c = 0; c < classes_; ++c) {
      std::int32_t& next = goto_[c];
      if (next < 0) next = 0;
      else queue.push_back(next);
    }
    while (!queue.empty()) {
      const std::int32_t s = queue.front();
      queue.pop_front();
      const auto& inherited = out_[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)])];
      out_[static_cast<std::size_t>(s)].insert(out_[static_cast<std::size_t>(s)].end(), inherited.begin(), inherited.end());
      for (std::size_t c = 0; c < classes_; ++c) {
        std::int32_t& next = goto_[static_cast<std::size_t>(s) * classes_ + c];
        const std::int32_t via = goto_[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)]) * classes_ + c];
        if (next < 0) {
          next = via;
        } else {
          fail[static_cast<std::size_t>(next)] = via;
          queue.push_back(next);
        }
      }
    }
    for (const auto& o : out_) ends_.push_back(!o.empty());
  }

  // Calls f(index) for each string found in `text` (repeats included).
  template <typename F>
  void each(std::string_view text, F&& f) const {
    std::int32_t s = 0;
    for (unsigned char c : text) {
      s = goto_[static_cast<std::size_t>(s) * classes_ + cls_[c]];
      if (ends_[static_cast<std::size_t>(s)])
        for (int i : out_[static_cast<std::size_t>(s)]) f(i);
    }
  }

 private:
  std::array<std::uint8_t, 256> cls_{};
  std::size_t classes_ = 0;
  std::vector<std::int32_t> goto_;   // state * classes + class -> state
  std::vector<std::vector<int>> out_;  // per state: the strings ending there
  std::vector<std::uint8_t> ends_;     // per state: whether any does (the loop reads only this)
};

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

class Atoms final : public Prefilter {
 public:
  Atoms(std::unique_ptr<re2::FilteredRE2> filter, const std::vector<std::string>& atoms, std::vector<int> of_filter)
      : filter_(std::move(filter)), strings_(atoms), of_filter_(std::move(of_filter)), seen_(atoms.size(), 0) {}

  bool match(std::string_view text, std::vector<int>& matched) override {
    if (++stamp_ == 0) {
      std::fill(seen_.begin(), seen_.end(), 0);
      stamp_ = 1;
    }
    found_.clear();
    // Lower-casing ASCII does not see what case folding matches there: any may match.
    if (folds_to_ascii(text)) {
      for (int p : of_filter_)
        if (p >= 0) matched.push_back(p);
      return true;
    }
    strings_.each(text, [&](int i) {
      if (seen_[static_cast<std::size_t>(i)] == stamp_) return;
      seen_[static_cast<std::size_t>(i)] = stamp_;
      found_.push_back(i);
    });
    // With no atom found only the patterns no atom filters could match,
    // and those are not this prefilter's.
    if (found_.empty()) return true;
    // Sentences find the same few sets of atoms again and again: the
    // patterns a set lets through are remembered (RE2 walks its tree of
    // atoms, allocating, for each).
    std::sort(found_.begin(), found_.end());
    auto known = passed_.find(found_);
    if (known == passed_.end()) {
      filter_->AllPotentials(found_, &potential_);
      std::vector<int> ours;
      for (int r : potential_)
        if (const int p = of_filter_[static_cast<std::size_t>(r)]; p >= 0) ours.push_back(p);
      if (passed_.size() >= kRemembered) passed_.clear();  // bounded memory on any corpus
      known = passed_.emplace(found_, std::move(ours)).first;
    }
    matched.insert(matched.end(), known->second.begin(), known->second.end());
    return true;
  }
  std::string_view name() const override { return "atoms"; }

 private:
  std::unique_ptr<re2::FilteredRE2> filter_;
  Strings strings_;
  std::vector<int> of_filter_;  // the filter's regexp id -> our pattern index; -1: not ours (unfiltered)
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> seen_;  // per atom: the text it was last found in
  std::vector<int> found_, potential_;
  static constexpr std::size_t kRemembered = 4096;
  std::map<std::vector<int>, std::vector<int>> passed_;  // atoms found (sorted) -> our patterns they let through
};

}  // namespace

AtomSplit make_atom_prefilter(const std::vector<PrefilterPattern>& patterns) {
  AtomSplit out;
  // Atoms shorter than this make a pattern unfiltered (it goes to the Set).
  constexpr int kMinAtom = 3;
  auto filter = std::make_unique<re2::FilteredRE2>(kMinAtom);
  std::vector<int> of_filter;  // regexp id -> index in `patterns`
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    RE2::Options o;
    o.set_case_sensitive(patterns[i].case_sensitive);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    int id = -1;
    if (filter->Add("(?m)" + patterns[i].regex, o, &id) != RE2::NoError) {
      out.left.push_back(i);
      continue;
    }
    of_filter.push_back(static_cast<int>(i));
  }
  if (of_filter.empty()) return out;
  std::vector<std::string> atoms;
  filter->Compile(&atoms);
  // Patterns the atoms cannot filter pass with no atom at all; and atoms
  // outside ASCII would need Unicode case folding of the text: then none.
  std::vector<char> unfiltered(of_filter.size(), !std::all_of(atoms.begin(), atoms.end(), ascii));
  std::vector<int> always;
  filter->AllPotentials({}, &always);
  for (int r : always) unfiltered[static_cast<std::size_t>(r)] = 1;
  // The filter answers with its own ids, the unfiltered ones always among
  // them: map its ids to positions in `taken`, the unfiltered to -1.
  std::vector<int> to_taken(of_filter.size(), -1);
  for (std::size_t r = 0; r < of_filter.size(); ++r) {
    const auto i = static_cast<std::size_t>(of_filter[r]);
    if (unfiltered[r]) {
      out.left.push_back(i);
    } else {
      to_taken[r] = static_cast<int>(out.taken.size());
      out.taken.push_back(i);
    }
  }
  std::sort(out.left.begin(), out.left.end());
  if (out.taken.empty()) return out;
  out.prefilter = std::make_unique<Atoms>(std::move(filter), atoms, std::move(to_taken));
  return out;
}

}  // namespace wfof
