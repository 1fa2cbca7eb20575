#include "structure.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace wfof {
namespace {

// One place a section could start.
struct Candidate {
  std::size_t start = 0;   // section start (line start, or the match)
  std::size_t match = 0;   // where the anchor matched
  double confidence = 0;
  std::size_t anchor = 0;  // index among the section's anchors
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.' || s.back() == ':')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

std::string excerpt(std::string_view t, std::size_t max = 60) {
  std::string s(t.substr(0, std::min(t.size(), t.find('\n'))));
  if (s.size() > max) s = s.substr(0, max) + "...";
  return "\"" + s + "\"";
}

bool has_text(std::string_view t) { return t.find_first_not_of(" \n") != std::string_view::npos; }

// Every place each section's anchors match. A section never starts inside
// a list item: a finding that quotes a phrase is not a heading. One pass of
// the profile's anchor set over the lines finds the candidates; only an
// anchor that begins at its match (or that no set could hold) is searched
// on its own.
std::vector<std::vector<Candidate>> candidates(const Document& doc, const Profile& p) {
  const std::string_view text = doc.normalised();
  std::vector<std::map<std::size_t, Candidate>> by_start(p.sections.size());
  auto add = [&](std::size_t i, std::size_t j, std::size_t b) {
    const auto& spec = p.sections[i];
    std::size_t line = doc.line_begin(b);
    if (doc.is_item_line(line) || by_start[i].size() >= 256) return;  // bounded work on pathological text
    std::size_t start = spec.at_match ? b : line;
    const double conf = spec.anchors[j].confidence;
    auto [it, fresh] = by_start[i].try_emplace(start, Candidate{start, b, conf, j});
    if (!fresh && it->second.confidence < conf) it->second = Candidate{start, b, conf, j};
  };
  auto search = [&](std::size_t i, std::size_t j, std::size_t from, std::size_t to) {
    const Searcher& anchor = *p.sections[i].anchors[j].pattern;
    std::size_t pos = from, b = 0, e = 0;
    while (pos <= to && anchor.find(text, pos, to, b, e)) {
      pos = e == b ? b + 1 : e;
      add(i, j, b);
    }
  };
  std::vector<std::vector<bool>> in_set(p.sections.size());
  for (std::size_t i = 0; i < p.sections.size(); ++i) in_set[i].assign(p.sections[i].anchors.size(), false);
  if (p.anchor_set)
    for (const auto& [i, j] : p.anchor_of) in_set[i][j] = true;
  for (std::size_t i = 0; i < p.sections.size(); ++i)
    for (std::size_t j = 0; j < p.sections[i].anchors.size(); ++j)
      if (!in_set[i][j]) search(i, j, 0, text.size());
  if (p.anchor_set) {
    std::vector<int> hit;
    for (std::size_t line = 0; line < text.size();) {
      std::size_t end = doc.line_end(line);
      hit.clear();
      // An item line can start no section (see add): not read at all.
      if (end > line && !doc.is_item_line(line) && p.anchor_set->Match(text.substr(line, end - line), &hit))
        for (int k : hit) {
          auto [i, j] = p.anchor_of[static_cast<std::size_t>(k)];
          if (p.sections[i].at_match) search(i, j, line, end);
          else add(i, j, line);
        }
      line = end + 1;
    }
  }
  std::vector<std::vector<Candidate>> out(p.sections.size());
  for (std::size_t i = 0; i < p.sections.size(); ++i)
    for (auto& [_, c] : by_start[i]) out[i].push_back(c);
  return out;
}

// The chain of candidates, one or none per section, with starts increasing
// in the profile's order, of greatest total confidence; on a tie, the
// earliest. Sections number a handful and candidates a few each, so a
// memoised search over (section, earliest allowed start) is small.
class Chooser {
 public:
  explicit Chooser(const std::vector<std::vector<Candidate>>& c) : c_(c) {}
  // Index of the chosen candidate per section, or -1.
  std::vector<int> choose() {
    std::vector<int> out(c_.size(), -1);
    std::size_t min = 0;
    for (std::size_t i = 0; i < c_.size(); ++i) {
      int k = best(i, min).pick;
      out[i] = k;
      if (k >= 0) min = c_[i][static_cast<std::size_t>(k)].start + 1;
    }
    return out;
  }

 private:
  struct Best {
    double score = 0;
    int pick = -1;
  };
  Best best(std::size_t i, std::size_t min) {
    if (i == c_.size()) return {};
    auto key = std::make_pair(i, min);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    Best b{-1, -1};
    for (std::size_t k = 0; k < c_[i].size(); ++k) {
      const Candidate& cand = c_[i][k];
      if (cand.start < min) continue;
      double s = cand.confidence + best(i + 1, cand.start + 1).score;
      if (s > b.score + 1e-9) b = {s, static_cast<int>(k)};
    }
    double skip = best(i + 1, min).score;
    if (skip > b.score + 1e-9) b = {skip, -1};
    memo_[key] = b;
    return b;
  }
  const std::vector<std::vector<Candidate>>& c_;
  std::map<std::pair<std::size_t, std::size_t>, Best> memo_;
};

// Whether the text stops mid-sentence: it ends in a letter, a comma or a
// hyphen, and its last word is not a web address or an e-mail address (a
// link line ends "www.hmic.gov.uk" with no full stop). The last line must
// also be long enough to be prose, not a signature or a heading.
bool ends_mid_sentence(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.remove_suffix(1);
  if (t.empty()) return false;
  auto last = static_cast<unsigned char>(t.back());
  if (!(std::isalpha(last) || last == ',' || last == ';' || last == '-')) return false;
  std::size_t nl = t.rfind('\n');
  std::string_view line = nl == std::string_view::npos ? t : t.substr(nl + 1);
  if (std::count(line.begin(), line.end(), ' ') < 4) return false;
  std::size_t sp = line.rfind(' ');
  std::string_view word = sp == std::string_view::npos ? line : line.substr(sp + 1);
  return word.find_first_of("./@") == std::string_view::npos;
}

std::string line_of(const Document& doc, std::size_t view_pos) {
  return std::to_string(doc.to_source(Range{view_pos, view_pos + 1}).line);
}

}  // namespace

const Section* Structure::section(std::string_view name) const {
  for (const auto& s : units.sections)
    if (s.name == name) return &s;
  return nullptr;
}

Structure whole_text(const Document& doc) {
  Structure st;
  st.units = doc.whole();
  return st;
}

Structure read_structure(const Document& doc, const std::vector<Profile>& profiles) {
  Structure st;
  const std::string_view text = doc.normalised();
  st.truncated = ends_mid_sentence(text);
  for (const auto& p : profiles) {
    if (!p.detect || !p.detect->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
    const std::size_t k = p.sections.size();
    std::vector<std::vector<Candidate>> cands = candidates(doc, p);
    std::vector<int> pick = Chooser(cands).choose();
    if (std::all_of(pick.begin(), pick.end(), [](int x) { return x < 0; })) continue;

    // Starts and ends of the sections found, in document (= profile) order.
    struct Placed {
      std::size_t spec;
      Range range;
      double confidence;
      std::string how;
    };
    std::vector<Placed> placed;
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < k; ++i)
      if (pick[i] >= 0) chosen.push_back(i);
    for (std::size_t c = 0; c < chosen.size(); ++c) {
      const std::size_t i = chosen[c];
      const auto& spec = p.sections[i];
      const Candidate& cand = cands[i][static_cast<std::size_t>(pick[i])];
      const std::size_t next = c + 1 < chosen.size() ? cands[chosen[c + 1]][static_cast<std::size_t>(pick[chosen[c + 1]])].start : text.size();
      std::size_t end = next;
      if (spec.extent == Profile::Extent::paragraph) {
        end = std::min(next, doc.line_end(cand.start) + 1);
      } else if (spec.extent == Profile::Extent::paragraphs) {
        std::size_t last = cand.match;
        for (const auto& other : cands[i])
          if (other.match >= cand.match && other.start < next) last = std::max(last, other.match);
        end = std::min(next, doc.line_end(last) + 1);
      }
      if (!has_text(text.substr(end, next - end))) end = next;
      std::string how = "anchor " + std::to_string(cand.anchor + 1) + " (confidence " +
                        std::to_string(cand.confidence).substr(0, 4) + ") matched at line " + line_of(doc, cand.match) +
                        ": " + excerpt(text.substr(cand.match));
      placed.push_back({i, Range{cand.start, std::min(end, text.size())}, cand.confidence, std::move(how)});
      // What lies between a bounded section and the next one found is the
      // next section of the profile when that one says it follows (the
      // findings with no intro line, after the boilerplate background).
      // Sections of the profile missing in between do not stop it (a
      // reprint with no background has its findings after the headline).
      const std::size_t upto = c + 1 < chosen.size() ? chosen[c + 1] : k;
      for (std::size_t f = i + 1; end < next && f < upto; ++f) {
        if (!p.sections[f].follows) continue;
        std::size_t b = end;
        while (b < next && text[b] == '\n') ++b;
        placed.push_back({f, Range{b, next}, 0.5,
                          "no anchor matched; placed by position, after '" + spec.name + "'"});
        break;
      }
    }

    // Sections cover the view: text before the first is the leading part,
    // text between a bounded section and the next is unassigned.
    std::vector<Section> sections;
    if (!placed.empty() && has_text(text.substr(0, placed.front().range.begin)))
      sections.push_back(Section{p.leading, Range{0, placed.front().range.begin}});
    for (std::size_t c = 0; c < placed.size(); ++c) {
      Range r = placed[c].range;
      if (sections.empty() && r.begin > 0) r.begin = 0;  // leading whitespace only
      sections.push_back(Section{p.sections[placed[c].spec].name, r});
      const std::size_t next = c + 1 < placed.size() ? placed[c + 1].range.begin : text.size();
      if (r.end < next) sections.push_back(Section{"unassigned", Range{r.end, next}});
    }
    std::vector<std::string> run_on;
    for (const auto& spec : p.sections)
      if (spec.run_on) run_on.push_back(spec.name);
    st.units = doc.segment(sections, run_on);
    st.profile = &p;

    for (std::size_t i = 0; i < k; ++i) {
      Placement pl;
      pl.name = p.sections[i].name;
      auto it = std::find_if(placed.begin(), placed.end(), [&](const Placed& x) { return x.spec == i; });
      if (it != placed.end()) {
        pl.found = true;
        pl.range = it->range;
        pl.confidence = it->confidence;
        pl.how = it->how;
      } else if (!cands[i].empty()) {
        pl.how = "anchors matched only out of order (line " + line_of(doc, cands[i].front().match) + ")";
      } else {
        pl.how = "no anchor matched";
      }
      if (!pl.found && !p.sections[i].optional)
        st.warnings.push_back("section '" + pl.name + "' not found (" + pl.how + "); the rest of the document was read without it");
      st.placements.push_back(std::move(pl));
    }

    for (const auto& rule : p.subject) {
      if (!rule.pattern) continue;
      const Section* s = st.section(rule.section);
      if (!s) continue;
      int group = rule.pattern->NamedCapturingGroups().at("subject");
      std::vector<re2::StringPiece> sub(static_cast<std::size_t>(group) + 1);
      std::size_t from = s->range.begin;
      while (from < s->range.end &&
             rule.pattern->Match(text, from, s->range.end, RE2::UNANCHORED, sub.data(), group + 1)) {
        from = static_cast<std::size_t>(sub[0].data() - text.data()) + std::max<std::size_t>(sub[0].size(), 1);
        auto t = trim(std::string(sub[static_cast<std::size_t>(group)]));
        if (t.empty() || (rule.reject && RE2::PartialMatch(t, *rule.reject))) continue;
        st.subject = t;
        st.subject_section = rule.section;
        break;
      }
      if (st.subject) break;
    }
    if (!st.subject) st.warnings.push_back("subject not found: the profile's subject patterns matched nothing");
    break;
  }
  if (!st.profile) {
    st.units = doc.whole();
    st.warnings.push_back("no document profile fits; the whole text was checked as one section");
  }
  if (st.truncated)
    st.warnings.push_back("the text ends mid-sentence (a truncated copy?); it was checked with what it has");
  return st;
}

}  // namespace wfof
