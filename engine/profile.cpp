#include "profile.hpp"

#include <algorithm>

namespace wfof {
namespace {

std::optional<Range> find(const RE2& re, std::string_view text, std::size_t from, std::size_t to) {
  re2::StringPiece m;
  if (from > to || !re.Match(text, from, to, RE2::UNANCHORED, &m, 1)) return std::nullopt;
  std::size_t b = static_cast<std::size_t>(m.data() - text.data());
  return Range{b, b + m.size()};
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.' || s.back() == ':')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

}  // namespace

ProfileMatch apply_profiles(const std::vector<Profile>& profiles, Document& doc) {
  ProfileMatch result;
  const std::string_view text = doc.normalised();
  for (const auto& p : profiles) {
    if (!p.detect || !find(*p.detect, text, 0, text.size())) continue;
    std::vector<Section> found;
    std::size_t from = 0;
    for (const auto& a : p.anchors) {
      if (!a.start) continue;
      auto r = find(*a.start, text, from, text.size());
      if (!r) continue;
      found.push_back(Section{a.section, Range{r->begin, text.size()}});
      from = r->begin + 1;
    }
    bool complete = std::all_of(p.required.begin(), p.required.end(), [&](const std::string& name) {
      return std::any_of(found.begin(), found.end(), [&](const Section& s) { return s.name == name; });
    });
    if (!complete || found.empty()) continue;
    std::stable_sort(found.begin(), found.end(), [](const Section& a, const Section& b) { return a.range.begin < b.range.begin; });
    if (found.front().range.begin > 0) found.insert(found.begin(), Section{"preamble", Range{0, found.front().range.begin}});
    for (std::size_t i = 0; i + 1 < found.size(); ++i) found[i].range.end = found[i + 1].range.begin;
    doc.segment(found);
    result.profile = &p;
    for (const auto& rule : p.subject) {
      if (!rule.pattern) continue;
      for (const auto& s : doc.sections()) {
        if (s.name != rule.section) continue;
        int group = rule.pattern->NamedCapturingGroups().at("subject");
        std::vector<re2::StringPiece> sub(static_cast<std::size_t>(group) + 1);
        if (rule.pattern->Match(text, s.range.begin, s.range.end, RE2::UNANCHORED, sub.data(), group + 1) &&
            !sub[static_cast<std::size_t>(group)].empty()) {
          auto t = trim(std::string(sub[static_cast<std::size_t>(group)]));
          if (!t.empty()) { result.subject = t; break; }
        }
      }
      if (result.subject) break;
    }
    if (!result.subject) result.warnings.push_back("subject not found: the profile's subject patterns matched nothing");
    return result;
  }
  result.warnings.push_back("no document profile fits; the whole text was checked as one section");
  return result;
}

}  // namespace wfof
