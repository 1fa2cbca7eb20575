// Markdown gap reports: one per document and a national summary. Written to
// be read on a code-hosting site as rendered Markdown, so everything quoted
// from a document or a rule is escaped and kept on one line.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "input/input.hpp"
#include "writers.hpp"

namespace wfof {
namespace {

// Runs of whitespace (newlines included) become one space: a quote must not
// break a list item, a blockquote or a table row.
std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Backslash-escapes what Markdown would read as markup, so quoted document
// text and rule messages show as written (a `*` stays a star, a `<tag>` stays
// text, a `|` does not split a table cell).
std::string md(std::string_view s) {
  std::string out;
  for (char c : one_line(s)) {
    if (std::string_view("\\`*_[]<>|#~!&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  // A leading dash, plus or equals sign would start a list or an underline,
  // and "12." or "12)" a numbered list.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, 1, '\\');
  std::size_t digits = out.find_first_not_of("0123456789");
  if (digits > 0 && digits != std::string::npos && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, 1, '\\');
  return out;
}

// Inline code cannot hold a backslash escape; a backtick inside it is
// replaced instead (paths and ids practically never have one).
std::string code(std::string_view s) {
  std::string out = one_line(s);
  std::replace(out.begin(), out.end(), '`', '\'');
  if (out.empty()) return "` `";
  return "`" + out + "`";
}

std::string location(const std::string& path, const SourceSpan& s) {
  if (s.page) return path + ", " + position_text(s);  // "x.pdf, page 2, line 3:5"
  return path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

// Link targets: the report names are file names, but a space or a
// parenthesis would end a Markdown link.
std::string link_target(std::string_view name) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '%' || c >= 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string metric_text(const MetricValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
  if (std::holds_alternative<std::string>(v)) return md(std::get<std::string>(v));
  return "not found";
}

std::string document_name(const DocumentResult& d) { return d.subject ? *d.subject : d.path; }

const RuleResult* find_result(const DocumentResult& d, const std::string& rule) {
  for (const auto& r : d.results)
    if (r.rule == rule) return &r;
  return nullptr;
}

const Rule* find_rule(const ReportContext& ctx, const std::string& id) {
  for (const auto& r : ctx.rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::string criterion(const ChecklistItem* item, Verdict v) {
  if (!item) return {};
  auto it = item->criteria.find(to_string(v));
  return it == item->criteria.end() ? std::string() : it->second;
}

std::string counts_table(const VerdictCounts& c) {
  return "| Verdict | Items |\n| --- | ---: |\n| pass | " + std::to_string(c.pass) + " |\n| partial | " +
         std::to_string(c.partial) + " |\n| gap | " + std::to_string(c.gap) + " |\n";
}

// The sections a rule looked in, for saying where nothing was found.
std::string searched_where(const Rule* rule, const DocumentResult& d) {
  if (!rule || rule->scope.empty() ||
      std::find(rule->scope.begin(), rule->scope.end(), "document") != rule->scope.end())
    return "the whole document";
  std::string out;
  for (std::size_t i = 0; i < rule->scope.size(); ++i) {
    const std::string& name = rule->scope[i];
    if (i) out += i + 1 == rule->scope.size() ? " and " : ", ";
    out += "the " + md(name) + " section";
    auto it = std::find_if(d.sections.begin(), d.sections.end(), [&](const auto& s) { return s.first == name; });
    if (it == d.sections.end()) out += " (not found in this document)";
    else if (it->second.page)
      out += " (page " + std::to_string(it->second.page) + ", line " + std::to_string(it->second.line) + " – page " +
             std::to_string(it->second.end_page) + ", line " + std::to_string(it->second.end_line) + ")";
    else out += " (lines " + std::to_string(it->second.line) + "–" + std::to_string(it->second.end_line) + ")";
  }
  return out;
}

std::string matcher_names(const Rule* rule) {
  if (!rule || rule->matchers.empty()) return {};
  std::string out;
  for (std::size_t i = 0; i < rule->matchers.size(); ++i) out += (i ? ", " : "") + code(rule->matchers[i].name);
  return out;
}

// The evidence of one rule result: the unit in which the deciding clause held
// as a blockquote, then each matched span with its position.
std::string evidence_block(const RuleResult& r, const DocumentResult& d, const ReportContext& ctx) {
  std::string out;
  if (r.evidence.empty()) {
    const Rule* rule = find_rule(ctx, r.rule);
    out += "Nothing was found that meets the rule: searched " + searched_where(rule, d);
    if (std::string m = matcher_names(rule); !m.empty()) out += " for " + m;
    out += "; no passage met any of its conditions.\n\n";
    return out;
  }
  if (r.context) {
    out += "> " + md(r.context->text) + "\n>\n> — " + code(location(d.path, r.context->span)) + "\n\n";
  }
  for (const auto& e : r.evidence) {
    out += "- " + code(location(d.path, e.span)) + " " + code(e.matcher) + ": “" + md(e.text) + "”";
    if (e.negated) out += " (negated" + (e.cue.empty() ? std::string() : " by “" + md(e.cue) + "”") + ")";
    out += "\n";
  }
  return out + "\n";
}

std::string rule_line(const RuleResult& r) {
  std::string out = "Rule " + code(r.rule) + " (" + md(r.title) + "): **" + to_string(r.verdict) + "**";
  out += r.basis == Basis::absence ? ", by absence of evidence." : ", on the evidence below.";
  if (!r.message.empty() && r.verdict != Verdict::pass) out += " Why: " + md(r.message);
  return out + "\n\n";
}

std::string item_section(const ItemResult& item, const DocumentResult& d, const ReportContext& ctx) {
  const ChecklistItem* ci = ctx.checklist.item(item.id);
  std::string out = "### " + md(item.id) + " — " + (ci ? md(ci->title) : std::string("(not in the checklist)")) + "\n\n";
  out += "Verdict: **" + std::string(to_string(item.verdict)) + "**";
  if (std::string c = criterion(ci, item.verdict); !c.empty()) out += ". Criterion for " + std::string(to_string(item.verdict)) + ": " + md(c);
  out += "\n\n";
  if (const auto& w = item.waiver)
    out += std::string(w->expired ? "**Waiver expired on " : "**Waived until ") + w->expires + "**: accepted by " +
           md(w->accepted_by) + " — " + md(w->reason) + (w->expired ? " It counts again." : "") + "\n\n";
  for (const auto& rid : item.rules) {
    const RuleResult* r = find_result(d, rid);
    if (!r) continue;
    out += rule_line(*r);
    out += evidence_block(*r, d, ctx);
  }
  return out;
}

// The full lines a span sits on, read again from the document, so the
// headline is quoted whole rather than as the few words that matched. None
// when the file is gone or has changed since it was checked.
// A web page's lines are markup, not prose: its evidence is quoted as is.
std::optional<std::string> whole_lines(const DocumentResult& d, const SourceSpan& s) {
  auto read = input::reread(d.path, d.sha256);
  if (!read || read->format == input::Format::html) return std::nullopt;
  const std::string& bytes = read->text;
  if (s.start > s.end || s.end > bytes.size()) return std::nullopt;
  std::size_t begin = bytes.rfind('\n', s.start == 0 ? 0 : s.start - 1);
  begin = begin == std::string::npos || s.start == 0 ? 0 : begin + 1;
  std::size_t end = bytes.find('\n', s.end);
  return bytes.substr(begin, (end == std::string::npos ? bytes.size() : end) - begin);
}

std::string headline(const DocumentResult& d) {
  std::string out = "## HMIC's headline judgement\n\n";
  const RuleResult* r = nullptr;
  for (const auto& res : d.results)
    if (std::find(res.items.begin(), res.items.end(), "OVR-1") != res.items.end()) { r = &res; break; }
  if (!r || r->evidence.empty()) return out + "Not found: no headline judgement was recognised in this document.\n\n";
  const Evidence& e = r->context ? *r->context : r->evidence.front();
  std::string quote = whole_lines(d, e.span).value_or(e.text);
  out += "> " + md(quote) + "\n>\n> — " + code(location(d.path, e.span)) + "\n\n";
  out += "Read as **" + std::string(to_string(r->verdict)) + "** (OVR-1).\n\n";
  return out;
}

std::string metrics_rows(const std::vector<std::pair<std::string, MetricValue>>& metrics, const Checklist& cl) {
  std::string out = "| Metric | Value | Meaning |\n| --- | --- | --- |\n";
  for (const auto& [name, value] : metrics) {
    std::string desc;
    for (const auto& m : cl.metrics)
      if (m.name == name) desc = m.description;
    out += "| " + code(name) + " | " + metric_text(value) + " | " + md(desc) + " |\n";
  }
  return out;
}

std::string items_with(const DocumentResult& d, const ReportContext& ctx, bool passed) {
  std::string out;
  for (const auto& item : d.items)
    if ((item.verdict == Verdict::pass) == passed) out += item_section(item, d, ctx);
  return out;
}

}  // namespace

std::string write_markdown_document(const RunResult& run, const DocumentResult& d, const ReportContext& ctx) {
  std::string out = "# " + md(document_name(d)) + ": gap report\n\n";
  out += "- Document: " + code(d.path) + "\n";
  out += "- SHA-256: " + code(d.sha256) + "\n";
  out += "- Subject: " + (d.subject ? md(*d.subject) : std::string("not found")) + "\n";
  out += "- Profile: " + (d.profile ? code(*d.profile) : std::string("none fitted (the whole text was searched)")) + "\n";
  out += "- Checklist: " + code(run.checklist_id) + " — " + md(run.checklist_title) + "\n";
  out += "- Checked by wfof " + md(run.tool_version) + "\n\n";
  out += headline(d);
  out += "## Verdicts\n\n" + counts_table(d.summary) + "\n";
  if (!d.warnings.empty()) {
    out += "## Warnings\n\n";
    for (const auto& w : d.warnings) out += "- " + md(w) + "\n";
    out += "\n";
  }
  std::string gaps = items_with(d, ctx, false);
  out += "## Gaps and partials\n\n" + (gaps.empty() ? std::string("None.\n\n") : gaps);
  std::string passed = items_with(d, ctx, true);
  out += "## What passed\n\n" + (passed.empty() ? std::string("Nothing.\n\n") : passed);
  out += "## Metrics\n\n";
  out += d.metrics.empty() ? std::string("No metrics are defined.\n") : metrics_rows(d.metrics, ctx.checklist);
  return out;
}

namespace {

std::string matrix(const RunResult& run, const ReportContext& ctx, const std::vector<std::string>& items) {
  std::string out = "| Document |";
  std::string rule = "| --- |";
  for (const auto& id : items) {
    out += " " + md(id) + " |";
    rule += " --- |";
  }
  out += " pass | partial | gap |\n" + rule + " ---: | ---: | ---: |\n";
  const bool links = ctx.document_reports.size() == run.documents.size();
  for (std::size_t i = 0; i < run.documents.size(); ++i) {
    const auto& d = run.documents[i];
    std::string name = md(document_name(d));
    out += "| " + (links ? "[" + name + "](" + link_target(ctx.document_reports[i]) + ")" : name) + " |";
    for (const auto& id : items) {
      auto it = std::find_if(d.items.begin(), d.items.end(), [&](const ItemResult& r) { return r.id == id; });
      out += std::string(" ") + (it == d.items.end() ? "—" : to_string(it->verdict)) +
             (it != d.items.end() && it->waived() ? " (waived)" : "") + " |";
    }
    out += " " + std::to_string(d.summary.pass) + " | " + std::to_string(d.summary.partial) + " | " +
           std::to_string(d.summary.gap) + " |\n";
  }
  return out;
}

std::string most_gaps(const RunResult& run, const ReportContext& ctx, const std::vector<std::string>& items) {
  struct Row {
    std::string id;
    VerdictCounts c;
    std::vector<std::string> docs;
  };
  std::vector<Row> rows;
  for (const auto& id : items) {
    Row row{id, {}, {}};
    for (const auto& d : run.documents)
      for (const auto& i : d.items)
        if (i.id == id) {
          row.c.add(i.verdict);
          if (i.verdict == Verdict::gap) row.docs.push_back(document_name(d));
        }
    if (row.c.gap > 0) rows.push_back(std::move(row));
  }
  if (rows.empty()) return "No item is a gap in any document.\n\n";
  // Most gaps first, then most partials; ties keep checklist order.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.c.gap != b.c.gap ? a.c.gap > b.c.gap : a.c.partial > b.c.partial;
  });
  std::string out = "| Item | Title | Gaps | Partials | Documents with a gap |\n| --- | --- | ---: | ---: | --- |\n";
  for (const auto& r : rows) {
    const ChecklistItem* ci = ctx.checklist.item(r.id);
    std::string docs;
    for (std::size_t i = 0; i < r.docs.size(); ++i) docs += (i ? ", " : "") + md(r.docs[i]);
    out += "| " + md(r.id) + " | " + (ci ? md(ci->title) : std::string()) + " | " + std::to_string(r.c.gap) + " | " +
           std::to_string(r.c.partial) + " | " + docs + " |\n";
  }
  return out + "\n";
}

std::string metrics_matrix(const RunResult& run, const Checklist& cl) {
  if (cl.metrics.empty()) return "No metrics are defined.\n\n";
  std::string out = "| Document |", rule = "| --- |";
  for (const auto& m : cl.metrics) {
    out += " " + code(m.name) + " |";
    rule += " --- |";
  }
  out += "\n" + rule + "\n";
  for (const auto& d : run.documents) {
    out += "| " + md(document_name(d)) + " |";
    for (const auto& m : cl.metrics) {
      auto it = std::find_if(d.metrics.begin(), d.metrics.end(), [&](const auto& kv) { return kv.first == m.name; });
      out += " " + (it == d.metrics.end() ? std::string("not found") : metric_text(it->second)) + " |";
    }
    out += "\n";
  }
  out += "\n";
  for (const auto& m : cl.metrics)
    if (!m.description.empty()) out += "- " + code(m.name) + ": " + md(m.description) + "\n";
  return out + "\n";
}

}  // namespace

std::string write_markdown_summary(const RunResult& run, const ReportContext& ctx) {
  std::string out = "# " + md(run.checklist_title.empty() ? run.checklist_id : run.checklist_title) + ": national summary\n\n";
  out += "- Checklist: " + code(run.checklist_id) + "\n";
  out += "- Documents: " + std::to_string(run.documents.size()) + "\n";
  out += "- Checked by wfof " + md(run.tool_version) + "\n\n";
  out += "## Verdicts\n\n" + counts_table(run.summary) + "\n";
  auto items = matrix_items(run, ctx.checklist);
  out += "## Documents × items\n\n";
  out += run.documents.empty() ? "No documents were checked.\n\n" : matrix(run, ctx, items) + "\n";
  if (!items.empty()) {
    out += "Items:\n\n";
    for (const auto& id : items) {
      const ChecklistItem* ci = ctx.checklist.item(id);
      out += "- " + md(id) + ": " + (ci ? md(ci->title) : std::string()) + "\n";
    }
    out += "\n";
  }
  out += "## Items with the most gaps\n\n" + most_gaps(run, ctx, items);
  out += "## Metrics\n\n" + metrics_matrix(run, ctx.checklist);
  out += "## Checklist items no rule covers\n\n";
  if (run.uncovered_items.empty()) out += "None: every item is assessed by at least one rule.\n";
  for (const auto& id : run.uncovered_items) {
    const ChecklistItem* ci = ctx.checklist.item(id);
    out += "- " + md(id) + (ci ? ": " + md(ci->title) : std::string()) + "\n";
  }
  return out;
}

}  // namespace wfof
