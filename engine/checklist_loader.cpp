#include <set>

#include "loader.hpp"
#include "yaml_reader.hpp"

namespace wfof {
namespace {

void read_profile(YamlReader& y, const YAML::Node& n, Checklist& c) {
  if (!y.is_map(n, "a profile")) return;
  y.check_keys(n, {"id", "detect", "required", "sections", "subject"}, "a profile");
  Profile p;
  if (auto id = y.required_string(n, "id", "a profile")) p.id = *id;
  auto compile = [&](const YAML::Node& at, const std::string& pattern) -> std::shared_ptr<const RE2> {
    std::string err;
    auto re = compile_pattern(pattern, false, err);
    if (!re) y.error(at, "invalid regex: " + err);
    return re;
  };
  if (auto d = y.required_string(n, "detect", "profile '" + p.id + "'")) p.detect = compile(n["detect"], *d);
  std::set<std::string> names;
  if (auto s = n["sections"]; s && s.IsSequence()) {
    for (const auto& a : s) {
      if (!y.is_map(a, "a profile section")) continue;
      y.check_keys(a, {"name", "start"}, "a profile section");
      auto name = y.required_string(a, "name", "a profile section");
      auto start = y.required_string(a, "start", "a profile section");
      if (name && start) {
        if (!names.insert(*name).second) y.error(a, "section '" + *name + "' is defined twice in this profile");
        p.anchors.push_back({*name, compile(a["start"], *start)});
      }
    }
  } else {
    y.error(n, "profile '" + p.id + "' needs a 'sections' list");
  }
  if (auto r = n["required"]) {
    p.required = y.string_list(r, "'required'");
    for (const auto& name : p.required)
      if (!names.count(name)) y.error(r, "required section '" + name + "' is not one of this profile's sections");
  }
  if (auto s = n["subject"]) {
    if (!s.IsSequence()) y.error(s, "'subject' must be a list");
    else
      for (const auto& rule : s) {
        if (!y.is_map(rule, "a subject rule")) continue;
        y.check_keys(rule, {"section", "pattern"}, "a subject rule");
        auto sec = y.required_string(rule, "section", "a subject rule");
        auto pat = y.required_string(rule, "pattern", "a subject rule");
        if (!sec || !pat) continue;
        if (!names.count(*sec)) y.error(rule["section"], "subject section '" + *sec + "' is not one of this profile's sections");
        auto re = compile(rule["pattern"], *pat);
        if (re && !re->NamedCapturingGroups().count("subject"))
          y.error(rule["pattern"], "a subject pattern needs a (?P<subject>...) group");
        p.subject.push_back({*sec, re});
      }
  }
  c.profiles.push_back(std::move(p));
}

}  // namespace

Checklist load_checklist_text(const std::string& path, std::string_view text) {
  YamlReader y(path, text);
  Checklist c;
  c.path = path;
  const auto& root = y.root();
  if (!root.IsMap()) throw Error(Diagnostic{path, 1, 1, "a checklist file must be a mapping"});
  y.check_keys(root, {"checklist", "sections", "metrics", "profiles"}, "the checklist file");
  if (auto h = root["checklist"]; h && y.is_map(h, "'checklist'")) {
    y.check_keys(h, {"id", "title", "source", "default_scope", "description"}, "'checklist'");
    if (auto v = y.required_string(h, "id", "'checklist'")) c.id = *v;
    if (auto v = y.required_string(h, "title", "'checklist'")) c.title = *v;
    if (auto v = y.optional_string(h, "source", "'checklist'")) c.source = *v;
    if (auto d = h["default_scope"]) c.default_scope = y.string_list(d, "'default_scope'");
  } else if (!h) {
    y.error(root, "the checklist file is missing the required key 'checklist'");
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
        if (!items.IsSequence()) y.error(items, "'items' must be a list");
        else
          for (const auto& it : items) {
            if (!y.is_map(it, "a checklist item")) continue;
            y.check_keys(it, {"id", "title", "criteria", "references"}, "a checklist item");
            ChecklistItem item;
            item.section = sec.id;
            if (auto v = y.required_string(it, "id", "a checklist item")) item.id = *v;
            if (auto v = y.required_string(it, "title", "a checklist item")) item.title = *v;
            if (!item.id.empty() && !ids.insert(item.id).second) y.error(it["id"], "duplicate checklist item id '" + item.id + "'");
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
    y.error(root, "the checklist file needs a 'sections' list");
  }
  if (auto ms = root["metrics"]) {
    if (!ms.IsSequence()) y.error(ms, "'metrics' must be a list");
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
    if (!ps.IsSequence()) y.error(ps, "'profiles' must be a list");
    else
      for (const auto& p : ps) read_profile(y, p, c);
  }
  for (std::size_t i = 0; i < c.default_scope.size(); ++i) {
    bool found = c.default_scope[i] == "document";
    for (const auto& p : c.profiles)
      for (const auto& a : p.anchors) found = found || a.section == c.default_scope[i];
    if (!found) y.error(root["checklist"]["default_scope"], "default scope '" + c.default_scope[i] + "' selects nothing: no profile defines that section");
  }
  if (!y.diagnostics().empty()) throw Error(std::move(y.diagnostics()));
  return c;
}

Checklist load_checklist(const std::string& path) { return load_checklist_text(path, read_yaml_file(path)); }

}  // namespace wfof
