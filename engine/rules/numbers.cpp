#include "numbers.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ascii.hpp"

namespace wfof {
namespace {

std::string lower_words(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ascii::is_space(ch) || ch == '-') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ascii::lower(ch);
  }
  return out;
}

constexpr std::array<std::pair<std::string_view, int>, 20> kUnits = {{
    {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}}};
constexpr std::array<std::pair<std::string_view, int>, 8> kTens = {{
    {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60},
    {"seventy", 70}, {"eighty", 80}, {"ninety", 90}}};

// The first letters number words of each length start with (a bit per
// letter), so that is_number_word turns most words away before a table
// search: it runs for every word a quantity reads.
constexpr std::array<std::uint32_t, 17> kFirstLetters = [] {
  std::array<std::uint32_t, 17> m{};
  auto add = [&](std::string_view w) { m[w.size()] |= 1u << (w[0] - 'a'); };
  for (const auto& [w, _] : kUnits) add(w);
  for (const auto& [w, _] : kTens) add(w);
  for (std::string_view w : {"hundred", "dozen", "single"}) add(w);
  return m;
}();

std::optional<int> lookup(std::string_view w, const auto& table) {
  for (const auto& [k, v] : table)
    if (k == w) return v;
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Digits with optional thousands separators: "3,714", "62", "1 000" is not accepted.
std::optional<std::int64_t> read_digits(std::string_view s) {
  if (s.empty() || !ascii::is_digit(s[0])) return std::nullopt;
  std::int64_t v = 0;
  std::size_t group = 0;
  bool comma_seen = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ',') {
      if ((comma_seen && group != 3) || group == 0 || (!comma_seen && group > 3)) return std::nullopt;
      comma_seen = true;
      group = 0;
      continue;
    }
    if (!ascii::is_digit(c)) return std::nullopt;
    if (v > 100'000'000'000LL) return std::nullopt;
    v = v * 10 + (c - '0');
    ++group;
  }
  if (comma_seen && group != 3) return std::nullopt;
  return v;
}

// "seven", "twenty one", "a dozen", "a hundred", "one hundred and five", "ninety-nine"
std::optional<std::int64_t> read_words(const std::vector<std::string_view>& w) {
  if (w.empty()) return std::nullopt;
  if (w.size() == 1) {
    if (auto d = read_digits(w[0])) return d;
    if (w[0] == "no" || w[0] == "none" || w[0] == "nil" || w[0] == "any" || w[0] == "zero") return 0;
    if (w[0] == "a" || w[0] == "an" || w[0] == "single" || w[0] == "once") return 1;
    if (w[0] == "twice" || w[0] == "both") return 2;
    if (w[0] == "dozen") return 12;
    if (w[0] == "hundred") return 100;
  }
  std::size_t i = 0;
  std::int64_t total = 0;
  if (w[0] == "a" || w[0] == "an" || w[0] == "one" || w[0] == "single") {
    if (w.size() >= 2 && w[1] == "dozen") return w.size() == 2 ? std::optional<std::int64_t>(12) : std::nullopt;
    if (w.size() >= 2 && w[1] == "hundred") { total = 100; i = 2; if (i < w.size() && w[i] == "and") ++i; if (i == w.size()) return 100; }
    else if (w[0] != "one") return std::nullopt;
  }
  std::int64_t part = 0;
  bool any = false;
  for (; i < w.size(); ++i) {
    if (auto t = lookup(w[i], kTens)) {
      if (part != 0) return std::nullopt;
      part = *t;
      any = true;
      if (i + 1 < w.size()) {
        if (auto u = lookup(w[i + 1], kUnits); u && *u > 0 && *u < 10) { part += *u; ++i; }
      }
    } else if (auto u = lookup(w[i], kUnits)) {
      if (part != 0 && i + 1 < w.size() && w[i + 1] == "hundred") return std::nullopt;
      if (part != 0) return std::nullopt;
      part = *u;
      any = true;
      if (i + 1 < w.size() && w[i + 1] == "hundred") {
        if (total != 0) return std::nullopt;
        total = part * 100;
        part = 0;
        i += 1;
        if (i + 1 < w.size() && w[i + 1] == "and") ++i;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!any && total == 0) return std::nullopt;
  return total + part;
}

}  // namespace

bool is_number_word(std::string_view word) {
  if (word.empty()) return false;
  std::size_t i = 0;
  while (i <= word.size()) {
    std::size_t e = word.find('-', i);
    if (e == std::string_view::npos) e = word.size();
    // The part as lower_words() reads it (trimmed, lower case), without
    // a string: this runs for every word a quantity looks at. A space
    // left inside, or a part longer than any number word, is none.
    std::string_view raw = word.substr(i, e - i);
    while (!raw.empty() && ascii::is_space(raw.front())) raw.remove_prefix(1);
    while (!raw.empty() && ascii::is_space(raw.back())) raw.remove_suffix(1);
    if (raw.empty() || raw.size() >= kFirstLetters.size()) return false;
    const char first = ascii::lower(raw[0]);
    if (first < 'a' || first > 'z' || !(kFirstLetters[raw.size()] >> (first - 'a') & 1u)) return false;
    char buf[16];
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (ascii::is_space(raw[k])) return false;
      buf[k] = ascii::lower(raw[k]);
    }
    const std::string_view part(buf, raw.size());
    if (!lookup(part, kUnits) && !lookup(part, kTens) && part != "hundred" && part != "dozen" && part != "single")
      return false;
    i = e + 1;
  }
  return true;
}

std::optional<std::int64_t> ProseNumber::resolve(std::optional<std::int64_t> total) const {
  if (kind == Kind::absolute) return value;
  if (!total || value > *total) return std::nullopt;
  return *total - value;
}

std::optional<ProseNumber> read_number(std::string_view text) {
  std::string s = lower_words(text);
  // Digits keep their commas; lower_words keeps them as characters.
  auto words = split(s);
  if (words.empty()) return std::nullopt;
  // "all", "all of them", "every one": the whole total.
  if (words[0] == "all" || words[0] == "every") {
    if (words.size() >= 3 && words[0] == "all" && words[1] == "but") {
      std::vector<std::string_view> rest(words.begin() + 2, words.end());
      while (!rest.empty() && (rest.back() == "of" || rest.back() == "which" || rest.back() == "them")) rest.pop_back();
      if (auto v = read_words(rest)) return ProseNumber{ProseNumber::Kind::all_but, *v};
      return std::nullopt;
    }
    return ProseNumber{ProseNumber::Kind::all_but, 0};
  }
  if (words.size() >= 2 && words[0] == "only") words.erase(words.begin());
  if (auto v = read_words(words)) return ProseNumber{ProseNumber::Kind::absolute, *v};
  return std::nullopt;
}

}  // namespace wfof
