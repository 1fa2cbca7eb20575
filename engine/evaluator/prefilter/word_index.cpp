// The word index: a pattern whose words are known (WordKeys) may match in a
// text only if the text has, for some alternative, a word of each slot. The
// words of the text are looked up in one hash table of every key word, so
// a sentence costs one pass over its bytes whatever the number of
// patterns, and nothing is compiled but the table (start-up stays small).
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "prefilter/prefilter.hpp"

namespace wfof {
namespace {

// FNV-1a, fed a byte at a time as the words are read.
constexpr std::uint64_t kFnvBasis = 1469598103934665603ull, kFnvPrime = 1099511628211ull;
std::uint64_t fnv(std::string_view s) {
  std::uint64_t h = kFnvBasis;
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h;
}

class WordIndex final : public Prefilter {
 public:
  explicit WordIndex(const std::vector<PrefilterPattern>& patterns) : patterns_(patterns.size()) {
    for (std::size_t p = 0; p < patterns.size(); ++p)
      for (const auto& alternative : patterns[p].keys.alternatives) {
        Alternative a{static_cast<int>(p), {}};
        for (const auto& slot : alternative) {
          auto& ids = a.slots.emplace_back();
          for (const auto& w : slot) ids.push_back(id(w));
        }
        // The slot whose words are longest triggers the check: long words
        // are the rare ones ("corruption", not "has").
        auto rarest = std::max_element(a.slots.begin(), a.slots.end(), [&](const auto& x, const auto& y) {
          return shortest(x) < shortest(y);
        });
        std::iter_swap(a.slots.begin(), rarest);
        for (std::uint32_t w : a.slots.front()) triggers_[w].push_back(static_cast<std::uint32_t>(alternatives_.size()));
        alternatives_.push_back(std::move(a));
      }
    seen_.assign(words_.size(), 0);
    matched_.assign(patterns.size(), 0);
    // Open addressing, at most half full: a word of the text that is no
    // key (most are) is usually told by one probe.
    std::size_t cap = 16;
    while (cap < 2 * words_.size()) cap *= 2;
    mask_ = cap - 1;
    table_.assign(cap, Slot{});
    for (std::size_t w = 0; w < words_.size(); ++w) {
      const std::uint64_t h = fnv(words_[w]);
      std::size_t at = h & mask_;
      while (table_[at].id) at = (at + 1) & mask_;
      table_[at] = Slot{h, static_cast<std::uint32_t>(w + 1)};
      longest_ = std::max(longest_, words_[w].size());
    }
    word_.resize(longest_);
  }

  bool match(std::string_view text, std::vector<int>& matched) override {
    if (++stamp_ == 0) {  // wrapped: forget every old stamp
      std::fill(seen_.begin(), seen_.end(), 0);
      std::fill(matched_.begin(), matched_.end(), 0);
      stamp_ = 1;
    }
    present_.clear();
    // A text with the Kelvin sign or the long s may match any pattern.
    if (folds_to_ascii(text)) {
      for (std::size_t p = 0; p < patterns_; ++p) matched.push_back(static_cast<int>(p));
      return true;
    }
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
      if (!word_byte(s[i])) {
        ++i;
        continue;
      }
      std::size_t e = i;
      std::uint64_t h = kFnvBasis;
      for (; e < n && word_byte(s[e]); ++e) {
        const unsigned char c = s[e] >= 'A' && s[e] <= 'Z' ? static_cast<unsigned char>(s[e] + 32) : s[e];
        if (e - i < longest_) word_[e - i] = static_cast<char>(c);
        h = (h ^ c) * kFnvPrime;
      }
      const std::size_t len = e - i;
      i = e;
      if (len > longest_) continue;  // longer than any key word
      const std::string_view word(word_.data(), len);
      std::uint32_t id = 0;
      for (std::size_t at = h & mask_; table_[at].id; at = (at + 1) & mask_)
        if (table_[at].hash == h && words_[table_[at].id - 1] == word) {
          id = table_[at].id;
          break;
        }
      if (!id || seen_[id - 1] == stamp_) continue;
      seen_[id - 1] = stamp_;
      present_.push_back(id - 1);
    }
    for (std::uint32_t w : present_) {
      auto t = triggers_.find(w);
      if (t == triggers_.end()) continue;
      for (std::uint32_t ai : t->second) {
        const Alternative& a = alternatives_[ai];
        if (matched_[a.pattern] == stamp_) continue;
        bool all = std::all_of(a.slots.begin() + 1, a.slots.end(), [&](const auto& slot) {
          return std::any_of(slot.begin(), slot.end(), [&](std::uint32_t x) { return seen_[x] == stamp_; });
        });
        if (!all) continue;
        matched_[a.pattern] = stamp_;
        matched.push_back(a.pattern);
      }
    }
    return true;
  }
  std::string_view name() const override { return "word index"; }

 private:
  struct Alternative {
    int pattern;
    std::vector<std::vector<std::uint32_t>> slots;  // the first triggers the check
  };

  std::uint32_t id(const std::string& w) {
    auto [it, fresh] = ids_.try_emplace(w, static_cast<std::uint32_t>(words_.size()));
    if (fresh) words_.push_back(w);
    return it->second;
  }
  std::size_t shortest(const std::vector<std::uint32_t>& slot) const {
    std::size_t m = std::string::npos;
    for (std::uint32_t w : slot) m = std::min(m, words_[w].size());
    return m;
  }

  std::size_t patterns_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // while building
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = 0;  // word id + 1; 0: empty
  };
  std::vector<Slot> table_;  // the key words by hash, for reading texts
  std::size_t mask_ = 0, longest_ = 0;
  std::vector<std::string> words_;  // by id
  std::vector<Alternative> alternatives_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> triggers_;  // word -> alternatives it triggers
  // Scratch, per text: stamps say "seen in this text" without clearing.
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> seen_;     // by word
  std::vector<std::uint32_t> matched_;  // by pattern
  std::vector<std::uint32_t> present_;
  std::string word_;  // the word being read, lower-cased (longest_ bytes at most)
};

}  // namespace

std::unique_ptr<Prefilter> make_word_prefilter(const std::vector<PrefilterPattern>& patterns) {
  return std::make_unique<WordIndex>(patterns);
}

}  // namespace wfof
