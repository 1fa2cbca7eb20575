#include "results_read.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "error.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

// As wfof merge reports them: a results file that is not results, or that
// does not fit with the others, at the file's start.
[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw Error(Diagnostic{path, 1, 1, message, Code::E035});
}

std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, col = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return {line, col};
}

// Field readers: a missing or mistyped field is an error naming it.
struct Reader {
  const std::string& path;

  const json& at(const json& o, const char* key) const {
    if (!o.is_object() || !o.contains(key)) fail(path, std::string("not wfof results: no '") + key + "'");
    return o[key];
  }
  std::string str(const json& o, const char* key) const {
    const json& v = at(o, key);
    if (!v.is_string()) fail(path, std::string("not wfof results: '") + key + "' is not a string");
    return v.get<std::string>();
  }
  std::string str_or(const json& o, const char* key, std::string dflt = {}) const {
    return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : dflt;
  }
  std::size_t num(const json& o, const char* key) const {
    const json& v = at(o, key);
    if (!v.is_number_unsigned()) fail(path, std::string("not wfof results: '") + key + "' is not a count");
    return v.get<std::size_t>();
  }
  std::size_t num_or(const json& o, const char* key) const {
    return o.is_object() && o.contains(key) && o[key].is_number_unsigned() ? o[key].get<std::size_t>() : 0;
  }
  std::vector<std::string> strings(const json& o, const char* key) const {
    std::vector<std::string> out;
    const json& v = at(o, key);
    if (!v.is_array()) fail(path, std::string("not wfof results: '") + key + "' is not a list");
    for (const auto& s : v) {
      if (!s.is_string()) fail(path, std::string("not wfof results: '") + key + "' holds a non-string");
      out.push_back(s.get<std::string>());
    }
    return out;
  }
  const json& array(const json& o, const char* key) const {
    const json& v = at(o, key);
    if (!v.is_array()) fail(path, std::string("not wfof results: '") + key + "' is not a list");
    return v;
  }
  template <class E>
  E named(const json& o, const char* key, std::initializer_list<E> all) const {
    const std::string s = str(o, key);
    for (E e : all)
      if (s == to_string(e)) return e;
    fail(path, "not wfof results: '" + std::string(key) + "' is '" + s + "'");
  }
  Verdict verdict(const json& o) const { return named(o, "verdict", {Verdict::pass, Verdict::partial, Verdict::gap}); }
  Basis basis(const json& o) const { return named(o, "basis", {Basis::evidence, Basis::absence}); }

  SourceSpan span(const json& o) const {
    SourceSpan s;
    s.start = num(o, "start");
    s.end = num(o, "end");
    s.line = num_or(o, "line");
    s.column = num_or(o, "column");
    s.end_line = num_or(o, "end_line");
    s.end_column = num_or(o, "end_column");
    s.page = num_or(o, "page");
    s.end_page = num_or(o, "end_page");
    return s;
  }

  DocumentResult document(const json& d) const {
    DocumentResult r;
    r.path = str(d, "path");
    r.sha256 = str_or(d, "sha256");
    if (d.contains("subject") && d["subject"].is_string()) r.subject = d["subject"].get<std::string>();
    if (d.contains("profile") && d["profile"].is_string()) r.profile = d["profile"].get<std::string>();
    for (const auto& i : array(d, "items")) {
      ItemResult item;
      item.id = str(i, "id");
      item.verdict = verdict(i);
      item.basis = basis(i);
      item.rules = strings(i, "rules");
      if (i.contains("waiver") && i["waiver"].is_object()) {
        const json& w = i["waiver"];
        item.waiver = std::make_shared<const Waiver>(Waiver{str_or(w, "reason"), str_or(w, "accepted_by"), str_or(w, "expires"),
                                                            w.contains("expired") && w["expired"].is_boolean() && w["expired"].get<bool>()});
      }
      r.items.push_back(std::move(item));
    }
    for (const auto& x : array(d, "results")) {
      RuleResult res;
      res.rule = str(x, "rule");
      res.title = str_or(x, "title");
      res.items = strings(x, "items");
      res.verdict = verdict(x);
      res.basis = basis(x);
      res.clause = x.contains("clause") && x["clause"].is_number_integer() ? x["clause"].get<int>() : -1;
      res.severity = named(x, "severity", {Severity::low, Severity::medium, Severity::high, Severity::critical});
      res.message = str_or(x, "message");
      for (const auto& e : array(x, "evidence")) {
        Evidence ev;
        ev.matcher = str_or(e, "matcher");
        ev.span = span(e);
        ev.text = str_or(e, "text");
        ev.negated = e.contains("negated") && e["negated"].is_boolean() && e["negated"].get<bool>();
        ev.cue = str_or(e, "cue");
        if (e.contains("shown_start")) ev.shown = std::pair(num(e, "shown_start"), num(e, "shown_end"));
        res.evidence.push_back(std::move(ev));
      }
      if (x.contains("context") && x["context"].is_object()) {
        const json& c = x["context"];
        Evidence ev;
        ev.matcher = str_or(c, "unit");
        ev.span = span(c);
        ev.text = str_or(c, "text");
        res.context = std::move(ev);
      }
      r.results.push_back(std::move(res));
    }
    const json& metrics = at(d, "metrics");
    if (!metrics.is_object()) fail(path, "not wfof results: 'metrics' is not an object");
    for (const auto& [name, v] : metrics.items()) {
      MetricValue m;
      if (v.is_number_integer()) m = v.get<std::int64_t>();
      else if (v.is_string()) m = v.get<std::string>();
      r.metrics.emplace_back(name, std::move(m));
    }
    const json& s = at(d, "summary");
    r.summary.pass = num(s, "pass");
    r.summary.partial = num(s, "partial");
    r.summary.gap = num(s, "gap");
    r.warnings = strings(d, "warnings");
    if (d.contains("sections") && d["sections"].is_array())
      for (const auto& sec : d["sections"]) r.sections.emplace_back(str(sec, "name"), span(sec));
    r.format = str_or(d, "format", "text");
    r.shown = str_or(d, "text");
    return r;
  }
};

}  // namespace

RunResult read_results(const std::vector<std::string>& paths) {
  if (paths.empty()) throw Error(Diagnostic{"wfof report", 0, 0, "no results files given", Code::E001});
  RunResult run;
  std::vector<std::string> from;  // the file each document came from
  std::string first;
  for (std::size_t f = 0; f < paths.size(); ++f) {
    const std::string& path = paths[f];
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Diagnostic{path, 0, 0, std::string("cannot read results: ") + std::strerror(errno), Code::E001});
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    json root;
    try {
      root = json::parse(text);
    } catch (const json::parse_error& e) {
      auto [line, col] = line_col(text, e.byte > 0 ? e.byte - 1 : 0);
      const std::string what = e.what();
      throw Error(Diagnostic{path, line, col, "malformed JSON: " + what.substr(what.find(':') + 2), Code::E034});
    }
    if (!root.is_object() || root.value("schema", "") != "wfof-results/1")
      fail(path, "not wfof results (no \"schema\": \"wfof-results/1\")");
    Reader r{path};
    const std::string version = r.str(r.at(root, "tool"), "version");
    const json& checklist = r.at(root, "checklist");
    const std::vector<std::string> uncovered = r.strings(r.at(root, "coverage"), "uncovered_items");
    if (f == 0) {
      first = path;
      run.tool_version = version;
      run.checklist_id = r.str(checklist, "id");
      run.checklist_title = r.str_or(checklist, "title");
      run.uncovered_items = uncovered;
    } else {
      if (version != run.tool_version) fail(path, "made by wfof " + version + ", but " + first + " by wfof " + run.tool_version);
      if (r.str(checklist, "id") != run.checklist_id)
        fail(path, "checked against checklist '" + r.str(checklist, "id") + "', but " + first + " against '" + run.checklist_id + "'");
      if (uncovered != run.uncovered_items)
        fail(path, "made with other rules than " + first + " (the checklist items no rule covers differ)");
    }
    const json& docs = r.array(root, "documents");
    const json& summary = r.at(root, "summary");
    if (r.num(summary, "documents") != docs.size())
      fail(path, "holds " + std::to_string(docs.size()) + " documents but its summary counts " +
                     std::to_string(r.num(summary, "documents")) + " (truncated or edited?)");
    for (const auto& d : docs) {
      run.documents.push_back(r.document(d));
      from.push_back(path);
    }
    run.summary.pass += r.num(summary, "pass");
    run.summary.partial += r.num(summary, "partial");
    run.summary.gap += r.num(summary, "gap");
    if (root.contains("errors"))
      for (const auto& e : r.array(root, "errors"))
        run.errors.push_back(DocumentError{r.str(e, "path"), r.num_or(e, "line"), r.num_or(e, "column"), r.str(e, "message"), r.str_or(e, "code")});
  }
  // Path order, as one run writes them.
  std::vector<std::size_t> order(run.documents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return run.documents[a].path < run.documents[b].path; });
  std::vector<DocumentResult> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && run.documents[order[k]].path == sorted.back().path)
      fail(from[order[k]], "document " + sorted.back().path + " is also in " + from[order[k - 1]]);
    sorted.push_back(std::move(run.documents[order[k]]));
  }
  run.documents = std::move(sorted);
  std::stable_sort(run.errors.begin(), run.errors.end(), [](const DocumentError& a, const DocumentError& b) { return a.path < b.path; });
  for (const auto& d : run.documents)
    for (const auto& i : d.items)
      if (i.waived()) run.waived.add(i.verdict);
  return run;
}

}  // namespace wfof
