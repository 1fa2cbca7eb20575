#include <functional>
#include <set>

#include <cstdlib>

#include "loader.hpp"
#include "yaml_reader.hpp"

namespace wfof {
namespace {

// Every anchor of a profile in one set, matched line by line (see
// Profile::anchor_set), but an anchor on the text's start (\A), which no
// line holds. The set reads each anchor as it is added, which checks its
// syntax; an anchor it refuses, or that the set cannot hold, is compiled
// on its own, for its error (E018) or to be searched alone. Compiling
// each anchor to check it would compile it twice: most are never
// searched alone.
class AnchorSet {
 public:
  AnchorSet() {
    RE2::Options o;
    o.set_case_sensitive(false);  // as compile_pattern compiles profile patterns
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    set_ = std::make_shared<RE2::Set>(o, RE2::UNANCHORED);
  }

  // Adds anchor `j` of section `i` (written at `at`); false when it does
  // not compile (reported).
  bool add(YamlReader& y, const yaml::Node& at, std::size_t i, std::size_t j, Profile::Anchor& a) {
    const std::string& pattern = a.pattern->pattern();
    if (pattern.find("\\A") == std::string::npos && set_->Add("(?m)" + pattern, nullptr) >= 0) {
      of_.emplace_back(i, j);
      at_.push_back(at);
      return true;
    }
    return alone(y, at, a);
  }

  // Into `p`: the set, or when it cannot compile (past RE2's memory
  // budget) none, each anchor then compiled alone.
  void finish(YamlReader& y, Profile& p) {
    if (!of_.empty() && set_->Compile()) {
      p.anchor_set = std::move(set_);
      p.anchor_of = std::move(of_);
      return;
    }
    for (std::size_t k = 0; k < of_.size(); ++k) alone(y, at_[k], p.sections[of_[k].first].anchors[of_[k].second]);
  }

 private:
  static bool alone(YamlReader& y, const yaml::Node& at, Profile::Anchor& a) {
    std::string err;
    auto re = compile_pattern(a.pattern->pattern(), false, err);
    if (!re) {
      y.error(Code::E018, at, "invalid regex: " + err);
      return false;
    }
    a.pattern = std::make_shared<const Searcher>(a.pattern->pattern(), false, std::move(re));
    return true;
  }

  std::shared_ptr<RE2::Set> set_;
  std::vector<std::pair<std::size_t, std::size_t>> of_;  // (section, anchor) of each pattern in the set
  std::vector<yaml::Node> at_;                           // where each was written
};

// One anchor of the section `spec` (the profile's `section`th): a
// pattern, or {pattern, confidence}.
void read_anchor(YamlReader& y, const yaml::Node& n, Profile::SectionSpec& spec, std::size_t section, AnchorSet& set) {
  Profile::Anchor a;
  yaml::Node at;
  if (n.IsScalar()) {
    a.pattern = std::make_shared<const Searcher>(n.Scalar(), false);
    at.reset(n);
  } else if (y.is_map(n, "an anchor")) {
    y.check_keys(n, {"pattern", "confidence"}, "an anchor");
    if (auto pat = y.required_string(n, "pattern", "an anchor")) {
      a.pattern = std::make_shared<const Searcher>(*pat, false);
      at.reset(n["pattern"]);
    }
    if (auto c = n["confidence"]) {
      double v = 0;
      char* end = nullptr;
      if (c.IsScalar()) v = std::strtod(c.Scalar().c_str(), &end);
      if (!c.IsScalar() || c.Scalar().empty() || end != c.Scalar().c_str() + c.Scalar().size() || !(v > 0 && v <= 1))
        y.error(Code::E015, c, "'confidence' must be a number greater than 0 and at most 1");
      else
        a.confidence = v;
    }
  }
  if (a.pattern && set.add(y, at, section, spec.anchors.size(), a)) spec.anchors.push_back(std::move(a));
}

void read_profile(YamlReader& y, const yaml::Node& n, Checklist& c) {
  if (!y.is_map(n, "a profile")) return;
  y.check_keys(n, {"id", "detect", "leading", "sections", "subject"}, "a profile");
  Profile p;
  if (auto id = y.required_string(n, "id", "a profile")) p.id = *id;
  auto compile = [&](const yaml::Node& at, const std::string& pattern) -> std::shared_ptr<const RE2> {
    std::string err;
    auto re = compile_pattern(pattern, false, err);
    if (!re) y.error(Code::E018, at, "invalid regex: " + err);
    return re;
  };
  if (auto d = y.required_string(n, "detect", "profile '" + p.id + "'")) p.detect = compile(n["detect"], *d);
  if (auto l = y.optional_string(n, "leading", "profile '" + p.id + "'")) p.leading = *l;
  std::set<std::string> names{p.leading};
  AnchorSet anchors;
  if (auto s = n["sections"]; s && s.IsSequence()) {
    for (const auto& a : s) {
      if (!y.is_map(a, "a profile section")) continue;
      y.check_keys(a, {"name", "start", "extent", "at", "optional", "follows", "run_on"}, "a profile section");
      Profile::SectionSpec spec;
      auto name = y.required_string(a, "name", "a profile section");
      if (!name) continue;
      spec.name = *name;
      if (!names.insert(*name).second) y.error(Code::E023, a, "section '" + *name + "' is defined twice in this profile");
      if (auto st = a["start"]; !st) {
        y.error(Code::E014, a, "section '" + *name + "' needs 'start': an anchor pattern or a list of them");
      } else if (st.IsSequence()) {
        for (const auto& one : st) read_anchor(y, one, spec, p.sections.size(), anchors);
      } else {
        read_anchor(y, st, spec, p.sections.size(), anchors);
      }
      if (auto e = y.optional_string(a, "extent", "a profile section")) {
        if (*e == "next") spec.extent = Profile::Extent::next;
        else if (*e == "paragraph") spec.extent = Profile::Extent::paragraph;
        else if (*e == "paragraphs") spec.extent = Profile::Extent::paragraphs;
        else y.error(Code::E015, a["extent"], "'extent' must be next, paragraph or paragraphs" +
                                      [&] { auto m = nearest(*e, {"next", "paragraph", "paragraphs"});
                                            return m.empty() ? std::string() : " (did you mean '" + m + "'?)"; }());
      }
      if (auto at = y.optional_string(a, "at", "a profile section")) {
        if (*at == "match") spec.at_match = true;
        else if (*at != "line") y.error(Code::E015, a["at"], "'at' must be line or match");
      }
      if (auto o = a["optional"]) spec.optional = y.boolean(o, "'optional'").value_or(false);
      if (auto f = a["follows"]) spec.follows = y.boolean(f, "'follows'").value_or(false);
      if (auto r = a["run_on"]) spec.run_on = y.boolean(r, "'run_on'").value_or(false);
      p.sections.push_back(std::move(spec));
    }
  } else {
    y.error(Code::E014, n, "profile '" + p.id + "' needs a 'sections' list");
  }
  if (auto s = n["subject"]) {
    if (!s.IsSequence()) y.error(Code::E013, s, "'subject' must be a list");
    else
      for (const auto& rule : s) {
        if (!y.is_map(rule, "a subject rule")) continue;
        y.check_keys(rule, {"section", "pattern", "reject"}, "a subject rule");
        auto sec = y.required_string(rule, "section", "a subject rule");
        auto pat = y.required_string(rule, "pattern", "a subject rule");
        if (!sec || !pat) continue;
        if (!names.count(*sec)) y.error(Code::E027, rule["section"], "subject section '" + *sec + "' is not one of this profile's sections");
        auto re = compile(rule["pattern"], *pat);
        if (re && !re->NamedCapturingGroups().count("subject"))
          y.error(Code::E015, rule["pattern"], "a subject pattern needs a (?P<subject>...) group");
        std::shared_ptr<const RE2> reject;
        if (auto rj = y.optional_string(rule, "reject", "a subject rule")) reject = compile(rule["reject"], *rj);
        p.subject.push_back({*sec, re, reject});
      }
  }
  anchors.finish(y, p);
  c.profiles.push_back(std::move(p));
}

}  // namespace

Checklist load_checklist_text(const std::string& path, std::string_view text) {
  YamlReader y(path, text);
  Checklist c;
  c.path = path;
  const auto& root = y.root();
  if (!root.IsMap()) throw Error(Diagnostic{path, 1, 1, "a checklist file must be a mapping", Code::E013});
  y.check_keys(root, {"checklist", "sections", "metrics", "profiles"}, "the checklist file");
  if (auto h = root["checklist"]; h && y.is_map(h, "'checklist'")) {
    y.check_keys(h, {"id", "title", "source", "default_scope", "description", "report"}, "'checklist'");
    if (auto v = y.required_string(h, "id", "'checklist'")) c.id = *v;
    if (auto v = y.required_string(h, "title", "'checklist'")) c.title = *v;
    if (auto v = y.optional_string(h, "source", "'checklist'")) c.source = *v;
    if (auto d = h["default_scope"]) c.default_scope = y.string_list(d, "'default_scope'");
    // How reports name the document's parts (report writers hold no domain words).
    if (auto rep = h["report"]; rep && y.is_map(rep, "'report'")) {
      y.check_keys(rep, {"headline"}, "'report'");
      if (auto hl = rep["headline"]; hl && y.is_map(hl, "'headline'")) {
        y.check_keys(hl, {"title", "item"}, "'headline'");
        if (auto v = y.required_string(hl, "title", "'headline'")) c.headline_title = *v;
        if (auto v = y.required_string(hl, "item", "'headline'")) c.headline_item = *v;
      }
    }
  } else if (!h) {
    y.error(Code::E014, root, "the checklist file is missing the required key 'checklist'");
  }
  std::set<std::string> ids;
  if (auto secs = root["sections"]; secs && secs.IsSequence()) {
    for (const auto& s : secs) {
      if (!y.is_map(s, "a checklist section")) continue;
      y.check_keys(s, {"id", "title", "source", "items"}, "a checklist section");
      ChecklistSection sec;
      if (auto v = y.required_string(s, "id", "a checklist section")) sec.id = *v;
      if (auto v = y.required_string(s, "title", "a checklist section")) sec.title = *v;
      if (auto v = y.optional_string(s, "source", "a checklist section")) sec.source = *v;
      if (auto items = s["items"]) {
        if (!items.IsSequence()) y.error(Code::E013, items, "'items' must be a list");
        else
          for (const auto& it : items) {
            if (!y.is_map(it, "a checklist item")) continue;
            y.check_keys(it, {"id", "title", "criteria", "references"}, "a checklist item");
            ChecklistItem item;
            item.section = sec.id;
            if (auto v = y.required_string(it, "id", "a checklist item")) item.id = *v;
            if (auto v = y.required_string(it, "title", "a checklist item")) item.title = *v;
            if (!item.id.empty() && !ids.insert(item.id).second) y.error(Code::E023, it["id"], "duplicate checklist item id '" + item.id + "'");
            if (auto cr = it["criteria"]; cr && y.is_map(cr, "'criteria'")) {
              y.check_keys(cr, {"pass", "partial", "gap"}, "'criteria'");
              for (const auto& kv : cr)
                if (auto v = y.scalar(kv.second, "a criterion")) item.criteria[kv.first.Scalar()] = *v;
            }
            if (auto refs = it["references"]; refs && y.is_map(refs, "'references'"))
              for (const auto& kv : refs)
                if (auto v = y.scalar(kv.second, "a reference")) item.references[kv.first.Scalar()] = *v;
            c.items.push_back(std::move(item));
          }
      }
      c.sections.push_back(std::move(sec));
    }
  } else {
    y.error(Code::E014, root, "the checklist file needs a 'sections' list");
  }
  if (auto ms = root["metrics"]) {
    if (!ms.IsSequence()) y.error(Code::E013, ms, "'metrics' must be a list");
    else
      for (const auto& m : ms) {
        if (!y.is_map(m, "a metric")) continue;
        y.check_keys(m, {"name", "description"}, "a metric");
        MetricDecl d;
        if (auto v = y.required_string(m, "name", "a metric")) d.name = *v;
        if (auto v = y.optional_string(m, "description", "a metric")) d.description = *v;
        c.metrics.push_back(std::move(d));
      }
  }
  if (auto ps = root["profiles"]) {
    if (!ps.IsSequence()) y.error(Code::E013, ps, "'profiles' must be a list");
    else
      for (const auto& p : ps) read_profile(y, p, c);
  }
  if (!c.headline_item.empty() && !ids.count(c.headline_item))
    y.error(Code::E019, root["checklist"]["report"]["headline"]["item"], "the headline's item '" + c.headline_item + "' is not a checklist item");
  for (std::size_t i = 0; i < c.default_scope.size(); ++i) {
    bool found = c.default_scope[i] == "document";
    for (const auto& p : c.profiles)
      for (const auto& a : p.sections) found = found || a.name == c.default_scope[i];
    if (!found) y.error(Code::E027, root["checklist"]["default_scope"], "default scope '" + c.default_scope[i] + "' selects nothing: no profile defines that section");
  }
  if (!y.diagnostics().empty()) throw Error(std::move(y.diagnostics()));
  return c;
}

Checklist load_checklist(const std::string& path) { return load_checklist_text(path, read_yaml_file(path)); }

}  // namespace wfof
