#include "results_diff.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "error.hpp"
#include "json_locate.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

// How good a verdict is, for "improved" and "regressed".
int rank(Verdict v) { return v == Verdict::pass ? 2 : v == Verdict::partial ? 1 : 0; }

struct Doc {
  std::string path;
  std::optional<std::string> subject;
  std::vector<std::pair<std::string, Verdict>> items;
};

struct Results {
  std::string version, checklist_id, checklist_title;
  std::vector<Doc> documents;
};

[[noreturn]] void fail_at(const std::string& file, const std::vector<std::string>& pointer, const std::string& message) {
  auto [line, col] = locate_json_file(file, pointer);
  throw Error(Diagnostic{file, line, col, message, Code::E035});
}

// Reads what a diff needs of a results file: the checklist and each
// document's path, subject and item verdicts. Rule results (the bulk of a
// file: evidence) are dropped as they are parsed.
Results read_results(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(Diagnostic{file, 0, 0, std::string("cannot read results: ") + std::strerror(errno), Code::E001});
  json root;
  std::string doc_key;
  try {
    root = json::parse(in, [&](int depth, json::parse_event_t event, json& parsed) {
      if (depth == 3 && event == json::parse_event_t::key) doc_key = parsed.get<std::string>();
      if (depth == 3 && (event == json::parse_event_t::array_end || event == json::parse_event_t::object_end) &&
          (doc_key == "results" || doc_key == "sections" || doc_key == "metrics"))
        return false;
      return true;
    });
  } catch (const json::parse_error& e) {
    std::ifstream again(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') { ++line; col = 1; }
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    std::string what = e.what();
    throw Error(Diagnostic{file, line, col, "malformed JSON: " + what.substr(what.find(':') + 2), Code::E034});
  }
  if (!root.is_object() || !root.contains("schema") || root["schema"] != "wfof-results/1")
    fail_at(file, {"schema"}, "not wfof results (no \"schema\": \"wfof-results/1\")");
  Results r;
  auto text_at = [&](const json& obj, const char* key, const std::vector<std::string>& at) -> std::string {
    if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) {
      auto where = at;
      where.push_back(key);
      fail_at(file, where, "not wfof results: no string '" + where.front() + "." + key + "'");
    }
    return obj[key].get<std::string>();
  };
  r.version = text_at(root.value("tool", json::object()), "version", {"tool"});
  r.checklist_id = text_at(root.value("checklist", json::object()), "id", {"checklist"});
  r.checklist_title = root["checklist"].value("title", "");
  if (!root.contains("documents") || !root["documents"].is_array())
    fail_at(file, {"documents"}, "not wfof results: 'documents' is not a list");
  std::size_t di = 0;
  for (const auto& d : root["documents"]) {
    const std::string at = std::to_string(di++);
    Doc doc;
    if (!d.is_object() || !d.contains("path") || !d["path"].is_string())
      fail_at(file, {"documents", at}, "not wfof results: a document has no 'path'");
    doc.path = d["path"].get<std::string>();
    if (d.contains("subject") && d["subject"].is_string()) doc.subject = d["subject"].get<std::string>();
    if (!d.contains("items") || !d["items"].is_array())
      fail_at(file, {"documents", at, "items"}, "not wfof results: document " + doc.path + " has no list of 'items'");
    std::size_t ii = 0;
    for (const auto& item : d["items"]) {
      const std::string iat = std::to_string(ii++);
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
        fail_at(file, {"documents", at, "items", iat}, "not wfof results: an item of " + doc.path + " has no 'id'");
      const std::string v = item.value("verdict", "");
      Verdict verdict;
      if (v == "pass") verdict = Verdict::pass;
      else if (v == "partial") verdict = Verdict::partial;
      else if (v == "gap") verdict = Verdict::gap;
      else
        fail_at(file, {"documents", at, "items", iat, "verdict"},
                "not wfof results: item " + item["id"].get<std::string>() + " of " + doc.path +
                    " has verdict '" + v + "' (pass, partial or gap)");
      doc.items.emplace_back(item["id"].get<std::string>(), verdict);
    }
    r.documents.push_back(std::move(doc));
  }
  return r;
}

DocumentChange compare(const Doc* before, const Doc* after, const std::vector<std::string>& order) {
  DocumentChange dc;
  const Doc& any = after ? *after : *before;
  dc.subject = any.subject;
  dc.label = any.subject ? *any.subject : any.path;
  if (before) dc.old_path = before->path;
  if (after) dc.new_path = after->path;
  std::map<std::string, Verdict> was, is;
  if (before) was.insert(before->items.begin(), before->items.end());
  if (after) is.insert(after->items.begin(), after->items.end());
  for (const auto& id : order) {
    auto w = was.find(id), n = is.find(id);
    if (w == was.end() && n == is.end()) continue;
    ItemChange ic{id, Change::unchanged, std::nullopt, std::nullopt};
    if (w != was.end()) ic.before = w->second;
    if (n != is.end()) ic.after = n->second;
    if (!ic.before) ic.change = Change::added;
    else if (!ic.after) ic.change = Change::gone;
    else if (rank(*ic.after) > rank(*ic.before)) ic.change = Change::improved;
    else if (rank(*ic.after) < rank(*ic.before)) ic.change = Change::regressed;
    dc.items.push_back(std::move(ic));
  }
  return dc;
}

std::string paths(const DocumentChange& d) {
  if (d.old_path && d.new_path) return *d.old_path == *d.new_path ? *d.old_path : *d.old_path + " -> " + *d.new_path;
  return d.old_path ? *d.old_path : *d.new_path;
}

bool changed(const DocumentChange& d) {
  return std::any_of(d.items.begin(), d.items.end(), [](const ItemChange& i) { return i.change != Change::unchanged; });
}

std::size_t unchanged(const DocumentChange& d) {
  return static_cast<std::size_t>(
      std::count_if(d.items.begin(), d.items.end(), [](const ItemChange& i) { return i.change == Change::unchanged; }));
}

std::string verdicts(const ItemChange& i) {
  if (i.before && i.after) return std::string(to_string(*i.before)) + " -> " + to_string(*i.after);
  return to_string(i.after ? *i.after : *i.before);
}

std::string totals(const RunDiff& d) {
  return std::to_string(d.matched) + " documents in both, " + std::to_string(d.new_documents) + " new, " +
         std::to_string(d.gone_documents) + " gone; items: " + std::to_string(d.items.improved) + " improved, " +
         std::to_string(d.items.regressed) + " regressed, " + std::to_string(d.items.unchanged) + " unchanged, " +
         std::to_string(d.items.added) + " new, " + std::to_string(d.items.gone) + " gone";
}

// A Markdown table cell: pipes would end it, newlines the row.
std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

const char* to_string(Change c) {
  switch (c) {
    case Change::improved: return "improved";
    case Change::regressed: return "regressed";
    case Change::unchanged: return "unchanged";
    case Change::added: return "new";
    case Change::gone: return "gone";
  }
  return "?";
}

void ChangeCounts::add(Change c) {
  switch (c) {
    case Change::improved: ++improved; break;
    case Change::regressed: ++regressed; break;
    case Change::unchanged: ++unchanged; break;
    case Change::added: ++added; break;
    case Change::gone: ++gone; break;
  }
}

RunDiff diff_results(const std::string& old_file, const std::string& new_file) {
  Results before = read_results(old_file), after = read_results(new_file);
  if (before.checklist_id != after.checklist_id)
    fail_at(new_file, {"checklist", "id"},
            "checked against checklist '" + after.checklist_id + "', but " + old_file + " against '" +
                before.checklist_id + "': results of different checklists cannot be compared");
  RunDiff d{old_file, new_file, before.version, after.version, after.checklist_id, after.checklist_title, {}, 0, 0, 0, {}};

  // Items in the order the results list them (checklist order), those only
  // in the old results after.
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const Results* r : {&after, &before})
    for (const auto& doc : r->documents)
      for (const auto& [id, v] : doc.items)
        if (seen.insert(id).second) order.push_back(id);

  // A subject matches when it names one document on each side; a subject
  // two documents share (or none) falls back to the path.
  std::map<std::string, int> old_subjects, new_subjects;
  for (const auto& doc : before.documents) if (doc.subject) old_subjects[*doc.subject]++;
  for (const auto& doc : after.documents) if (doc.subject) new_subjects[*doc.subject]++;
  auto unique_subject = [&](const Doc& doc) {
    return doc.subject && old_subjects[*doc.subject] == 1 && new_subjects[*doc.subject] == 1;
  };
  std::vector<const Doc*> partner(after.documents.size(), nullptr);
  std::vector<char> taken(before.documents.size(), 0);
  for (std::size_t n = 0; n < after.documents.size(); ++n) {
    if (!unique_subject(after.documents[n])) continue;
    for (std::size_t o = 0; o < before.documents.size(); ++o)
      if (!taken[o] && before.documents[o].subject == after.documents[n].subject) {
        partner[n] = &before.documents[o];
        taken[o] = 1;
      }
  }
  for (std::size_t n = 0; n < after.documents.size(); ++n) {
    if (partner[n]) continue;
    for (std::size_t o = 0; o < before.documents.size(); ++o)
      if (!taken[o] && !unique_subject(before.documents[o]) && before.documents[o].path == after.documents[n].path) {
        partner[n] = &before.documents[o];
        taken[o] = 1;
        break;
      }
  }
  for (std::size_t n = 0; n < after.documents.size(); ++n) {
    d.documents.push_back(compare(partner[n], &after.documents[n], order));
    ++(partner[n] ? d.matched : d.new_documents);
  }
  for (std::size_t o = 0; o < before.documents.size(); ++o)
    if (!taken[o]) {
      d.documents.push_back(compare(&before.documents[o], nullptr, order));
      ++d.gone_documents;
    }
  std::stable_sort(d.documents.begin(), d.documents.end(), [](const DocumentChange& a, const DocumentChange& b) {
    if (a.label != b.label) return a.label < b.label;
    return paths(a) < paths(b);
  });
  for (const auto& doc : d.documents)
    for (const auto& i : doc.items) d.items.add(i.change);
  return d;
}

std::string write_diff_text(const RunDiff& d) {
  std::string out = "wfof diff " + d.old_file + " -> " + d.new_file + " (checklist " + d.checklist_id + ")\n";
  for (const auto& doc : d.documents) {
    // The paths, unless the label is the path and nothing is new or gone.
    const std::string where = paths(doc);
    std::string note = !doc.old_path ? "new" : !doc.new_path ? "gone" : "";
    if (where != doc.label) note += (note.empty() ? "" : ": ") + where;
    out += "\n" + doc.label + (note.empty() ? "" : " (" + note + ")") + "\n";
    for (const auto& i : doc.items) {
      if (i.change == Change::unchanged) continue;
      std::string word = to_string(i.change);
      word.resize(std::max<std::size_t>(word.size(), 10), ' ');
      std::string id = i.id;
      id.resize(std::max<std::size_t>(id.size(), 6), ' ');
      out += "  " + word + " " + id + " " + verdicts(i) + "\n";
    }
    if (std::size_t u = unchanged(doc)) out += "  unchanged  " + std::to_string(u) + (u == 1 ? " item\n" : " items\n");
  }
  out += "\n" + totals(d) + "\n";
  return out;
}

std::string write_diff_markdown(const RunDiff& d) {
  std::string out = "# Changes between two runs\n\n";
  out += "From `" + d.old_file + "` (wfof " + d.old_version + ") to `" + d.new_file + "` (wfof " + d.new_version +
         "), checklist " + d.checklist_id + (d.checklist_title.empty() ? "" : " (" + d.checklist_title + ")") + ".\n\n";
  out += "| document | improved | regressed | unchanged | new | gone |\n|---|---|---|---|---|---|\n";
  for (const auto& doc : d.documents) {
    ChangeCounts c;
    for (const auto& i : doc.items) c.add(i.change);
    std::string name = cell(doc.label);
    if (!doc.old_path) name += " (new)";
    else if (!doc.new_path) name += " (gone)";
    out += "| " + name + " | " + std::to_string(c.improved) + " | " + std::to_string(c.regressed) + " | " +
           std::to_string(c.unchanged) + " | " + std::to_string(c.added) + " | " + std::to_string(c.gone) + " |\n";
  }
  out += "| **all** | **" + std::to_string(d.items.improved) + "** | **" + std::to_string(d.items.regressed) +
         "** | **" + std::to_string(d.items.unchanged) + "** | **" + std::to_string(d.items.added) + "** | **" +
         std::to_string(d.items.gone) + "** |\n";
  for (const auto& doc : d.documents) {
    if (!changed(doc)) continue;
    out += "\n## " + doc.label + "\n\n";
    if (!doc.old_path) out += "New document: `" + *doc.new_path + "`.\n\n";
    else if (!doc.new_path) out += "Gone: `" + *doc.old_path + "` is not in the new results.\n\n";
    else if (*doc.old_path != *doc.new_path) out += "`" + *doc.old_path + "` → `" + *doc.new_path + "`\n\n";
    else out += "`" + *doc.new_path + "`\n\n";
    out += "| item | change | was | now |\n|---|---|---|---|\n";
    for (const auto& i : doc.items) {
      if (i.change == Change::unchanged) continue;
      out += "| " + cell(i.id) + " | " + to_string(i.change) + " | " + (i.before ? to_string(*i.before) : "—") +
             " | " + (i.after ? to_string(*i.after) : "—") + " |\n";
    }
    if (std::size_t u = unchanged(doc)) out += "\n" + std::to_string(u) + (u == 1 ? " item" : " items") + " unchanged.\n";
  }
  out += "\n" + totals(d) + ".\n";
  return out;
}

std::string write_diff_json(const RunDiff& d) {
  json root;
  root["schema"] = "wfof-diff/1";
  root["old"] = {{"path", d.old_file}, {"version", d.old_version}};
  root["new"] = {{"path", d.new_file}, {"version", d.new_version}};
  root["checklist"] = {{"id", d.checklist_id}, {"title", d.checklist_title}};
  json docs = json::array();
  for (const auto& doc : d.documents) {
    json items = json::array();
    for (const auto& i : doc.items)
      items.push_back({{"id", i.id},
                       {"change", to_string(i.change)},
                       {"old", i.before ? json(to_string(*i.before)) : json(nullptr)},
                       {"new", i.after ? json(to_string(*i.after)) : json(nullptr)}});
    docs.push_back({{"subject", doc.subject ? json(*doc.subject) : json(nullptr)},
                    {"status", !doc.old_path ? "new" : !doc.new_path ? "gone" : changed(doc) ? "changed" : "unchanged"},
                    {"old_path", doc.old_path ? json(*doc.old_path) : json(nullptr)},
                    {"new_path", doc.new_path ? json(*doc.new_path) : json(nullptr)},
                    {"items", items}});
  }
  root["documents"] = docs;
  root["summary"] = {{"documents", {{"matched", d.matched}, {"new", d.new_documents}, {"gone", d.gone_documents}}},
                     {"improved", d.items.improved},
                     {"regressed", d.items.regressed},
                     {"unchanged", d.items.unchanged},
                     {"new", d.items.added},
                     {"gone", d.items.gone}};
  return root.dump(2) + "\n";
}

}  // namespace wfof
