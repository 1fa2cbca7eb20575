// Markdown gap reports: one per document and a national summary. Written to
// be read on a code-hosting site as rendered Markdown, so everything quoted
// from a document or a rule is escaped and kept on one line.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "writer.hpp"

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

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

// Backslash-escapes what Markdown would read as markup in running text, and
// nothing else (a version "0.1.0" or a title stays as written): a `*`
// stays a star, a `<tag>` stays text, a `|` does not split a table cell,
// an `_` only where it could start or end emphasis. With `line_start`, the
// text begins a line, where a leading "#", ">", "-", "+", "=" or "12." /
// "12)" would start a heading, quote, list or underline; with `table`, it is
// in a table cell, where a `|` would end the cell (cell()).
std::string md(std::string_view s, bool line_start = false, bool table = false) {
  const std::string in = one_line(s);
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    bool markup = std::string_view("\\`*[]<").find(c) != std::string_view::npos || (table && c == '|');
    if (c == '_') markup = !(i > 0 && word_char(in[i - 1]) && i + 1 < in.size() && word_char(in[i + 1]));
    if (c == '~') markup = i + 1 < in.size() && in[i + 1] == '~';
    if (c == '!') markup = i + 1 < in.size() && in[i + 1] == '[';
    if (c == '&') markup = i + 1 < in.size() && (std::isalpha(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '#');
    if (markup) out += '\\';
    out += c;
  }
  if (line_start) {
    if (!out.empty() && std::string_view("#>-+=").find(out[0]) != std::string_view::npos) out.insert(0, 1, '\\');
    std::size_t digits = out.find_first_not_of("0123456789");
    if (digits > 0 && digits != std::string::npos && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, 1, '\\');
  }
  return out;
}

std::string cell(std::string_view s) { return md(s, false, true); }

// Text quoted from a document, as prose: the source's own Markdown (a
// heading's "#"s, "**" or "*" emphasis, a list item's bullet, code ticks, a
// link's brackets and address) is taken out rather than shown escaped, so
// the quote reads as the reader of the document read it; what is left is
// escaped as md() escapes it.
std::string prose(std::string_view s, bool line_start = false) {
  std::string text;
  std::size_t i = 0;
  bool at_line = true;
  while (i < s.size()) {
    const char c = s[i];
    if (at_line) {
      // A heading's hashes, a quote's ">", a list bullet at a line's start.
      std::size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      std::size_t k = j;
      while (k < s.size() && (s[k] == '#' || s[k] == '>')) ++k;
      if (k == j && k < s.size() && (s[k] == '-' || s[k] == '+' || s[k] == '*') && k + 1 < s.size() && s[k + 1] == ' ') ++k;
      if (k > j && (k == s.size() || s[k] == ' ')) {
        text.append(s.substr(i, j - i));
        i = k;
        while (i < s.size() && s[i] == ' ') ++i;
        at_line = false;
        continue;
      }
      at_line = false;
    }
    if (c == '\n' || c == '\r') {
      text += c;
      at_line = true;
      ++i;
      continue;
    }
    if (c == '*' || c == '`') { ++i; continue; }
    if (c == '_' && (i + 1 < s.size() && s[i + 1] == '_')) { i += 2; continue; }
    if (c == '_' && !(i > 0 && word_char(s[i - 1]) && i + 1 < s.size() && word_char(s[i + 1]))) { ++i; continue; }
    if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {
      // "[text](address)": keep the text.
      std::size_t close = s.find(')', i + 2);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    if (c == '[' || c == ']') { ++i; continue; }
    text += c;
    ++i;
  }
  return md(text, line_start);
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
  if (std::holds_alternative<std::string>(v)) return cell(std::get<std::string>(v));
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
    out += "> " + prose(r.context->text, true) + "\n>\n> — " + code(location(d.path, r.context->span)) + "\n\n";
  }
  for (const auto& e : r.evidence) {
    out += "- " + code(location(d.path, e.span)) + " " + code(e.matcher) + ": “" + prose(e.text) + "”";
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

// The full lines a span sits on, from the document's text as it was
// captured when it was checked, so the headline is quoted whole rather than
// as the few words that matched. None when the results hold no text. A web
// page's lines are markup, not prose: its evidence is quoted as is.
std::optional<std::string> whole_lines(const DocumentResult& d, const SourceSpan& s) {
  if (d.shown.empty() || d.format == "HTML") return std::nullopt;
  const std::string& bytes = d.shown;
  if (s.start > s.end || s.end > bytes.size()) return std::nullopt;
  std::size_t begin = bytes.rfind('\n', s.start == 0 ? 0 : s.start - 1);
  begin = begin == std::string::npos || s.start == 0 ? 0 : begin + 1;
  std::size_t end = bytes.find('\n', s.end);
  return bytes.substr(begin, (end == std::string::npos ? bytes.size() : end) - begin);
}

// The checklist names the headline and the item read from it
// (checklist.report.headline); without one, reports have no such section.
std::string headline(const DocumentResult& d, const ReportContext& ctx) {
  const std::string& item = ctx.checklist.headline_item;
  if (item.empty()) return {};
  std::string out = "## " + md(ctx.checklist.headline_title, true) + "\n\n";
  const RuleResult* r = nullptr;
  for (const auto& res : d.results)
    if (std::find(res.items.begin(), res.items.end(), item) != res.items.end()) { r = &res; break; }
  if (!r || r->evidence.empty()) return out + "Not found in this document (" + md(item) + ").\n\n";
  const Evidence& e = r->context ? *r->context : r->evidence.front();
  std::string quote = whole_lines(d, e.span).value_or(e.text);
  out += "> " + prose(quote, true) + "\n>\n> — " + code(location(d.path, e.span)) + "\n\n";
  out += "Read as **" + std::string(to_string(r->verdict)) + "** (" + md(item) + ").\n\n";
  return out;
}

std::string metrics_rows(const std::vector<std::pair<std::string, MetricValue>>& metrics, const Checklist& cl) {
  std::string out = "| Metric | Value | Meaning |\n| --- | --- | --- |\n";
  for (const auto& [name, value] : metrics) {
    std::string desc;
    for (const auto& m : cl.metrics)
      if (m.name == name) desc = m.description;
    out += "| " + code(name) + " | " + metric_text(value) + " | " + cell(desc) + " |\n";
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
  out += headline(d, ctx);
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

std::string matrix_head(const std::vector<std::string>& items) {
  std::string out = "| Document |";
  std::string rule = "| --- |";
  for (const auto& id : items) {
    out += " " + cell(id) + " |";
    rule += " --- |";
  }
  return out + " pass | partial | gap |\n" + rule + " ---: | ---: | ---: |\n";
}

// A document's row of the matrix, its name linking to its own report when
// the run writes one per document.
std::string matrix_row(const DocumentResult& d, const ReportContext& ctx, const std::vector<std::string>& items) {
  std::string name = cell(document_name(d));
  auto report = ctx.document_reports.find(d.path);
  std::string out = "| " + (report != ctx.document_reports.end() ? "[" + name + "](" + link_target(report->second) + ")" : name) + " |";
  for (const auto& id : items) {
    auto it = std::find_if(d.items.begin(), d.items.end(), [&](const ItemResult& r) { return r.id == id; });
    out += std::string(" ") + (it == d.items.end() ? "—" : to_string(it->verdict)) +
           (it != d.items.end() && it->waived() ? " (waived)" : "") + " |";
  }
  return out + " " + std::to_string(d.summary.pass) + " | " + std::to_string(d.summary.partial) + " | " +
         std::to_string(d.summary.gap) + " |\n";
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
    for (std::size_t i = 0; i < r.docs.size(); ++i) docs += (i ? ", " : "") + cell(r.docs[i]);
    out += "| " + cell(r.id) + " | " + (ci ? cell(ci->title) : std::string()) + " | " + std::to_string(r.c.gap) + " | " +
           std::to_string(r.c.partial) + " | " + docs + " |\n";
  }
  return out + "\n";
}

std::string metrics_head(const Checklist& cl) {
  if (cl.metrics.empty()) return "No metrics are defined.\n\n";
  std::string out = "| Document |", rule = "| --- |";
  for (const auto& m : cl.metrics) {
    out += " " + code(m.name) + " |";
    rule += " --- |";
  }
  return out + "\n" + rule + "\n";
}

// A document's row of the metrics table; none when there are no metrics.
std::vector<std::string> metrics_row(const DocumentResult& d, const Checklist& cl) {
  if (cl.metrics.empty()) return {};
  std::string out = "| " + cell(document_name(d)) + " |";
  for (const auto& m : cl.metrics) {
    auto it = std::find_if(d.metrics.begin(), d.metrics.end(), [&](const auto& kv) { return kv.first == m.name; });
    out += " " + (it == d.metrics.end() ? std::string("not found") : metric_text(it->second)) + " |";
  }
  return {out + "\n"};
}

std::string metrics_tail(const Checklist& cl) {
  if (cl.metrics.empty()) return {};
  std::string out = "\n";
  for (const auto& m : cl.metrics)
    if (!m.description.empty()) out += "- " + code(m.name) + ": " + md(m.description) + "\n";
  return out + "\n";
}

// The folder all documents share ("fixtures/real/"), empty if none.
std::string common_folder(const RunResult& run) {
  if (run.documents.empty()) return {};
  std::string prefix = run.documents.front().path;
  for (const auto& d : run.documents) {
    std::size_t n = 0;
    while (n < prefix.size() && n < d.path.size() && prefix[n] == d.path[n]) ++n;
    prefix.resize(n);
  }
  const std::size_t slash = prefix.rfind('/');
  return slash == std::string::npos ? std::string() : prefix.substr(0, slash + 1);
}

// The documents that could not be checked, as a visible notice (empty when
// every document was checked).
std::string errors_notice(const RunResult& run) {
  if (run.errors.empty()) return {};
  std::string out = "## Documents that could not be checked\n\n"
                    "> **Warning**\n> These documents are missing from every table below:\n>\n";
  for (const auto& e : run.errors) {
    std::string where = e.path + (e.line ? ":" + std::to_string(e.line) + ":" + std::to_string(e.column) : std::string());
    out += "> - " + code(where) + ": " + md(e.message) + "\n";
  }
  return out + "\n";
}

// The national summary around its two tables' rows (the matrix's and the
// metrics'), which are each document's entries (markdown_entries): the
// frame reads the run's totals, and of each document only its name and
// item verdicts (for the items with the most gaps).
ReportFrame markdown_frame(const RunResult& run, std::size_t documents, const ReportContext& ctx) {
  std::string out = "# " + md(run.checklist_title.empty() ? run.checklist_id : run.checklist_title) + ": national summary\n\n";
  out += "- Checklist: " + code(run.checklist_id) + "\n";
  out += "- Documents: " + std::to_string(documents);
  // What the summary is a summary of: the one folder every document is in.
  if (std::string folder = common_folder(run); !folder.empty()) out += ", all in " + code(folder);
  out += "\n";
  if (!run.errors.empty()) out += "- Could not be checked: " + std::to_string(run.errors.size()) + " (see below)\n";
  out += "- Checked by wfof " + md(run.tool_version) + "\n\n";
  out += errors_notice(run);
  out += "## Verdicts\n\n" + counts_table(run.summary) + "\n";
  auto items = matrix_items(run, documents, ctx.checklist);
  out += "## Documents × items\n\n";
  out += documents == 0 ? "No documents were checked.\n\n" : matrix_head(items);
  std::string between = documents == 0 ? "" : "\n";
  if (!items.empty()) {
    between += "Items:\n\n";
    for (const auto& id : items) {
      const ChecklistItem* ci = ctx.checklist.item(id);
      between += "- " + md(id) + ": " + (ci ? md(ci->title) : std::string()) + "\n";
    }
    between += "\n";
  }
  between += "## Items with the most gaps\n\n" + most_gaps(run, ctx, items);
  between += "## Metrics\n\n" + metrics_head(ctx.checklist);
  std::string after = metrics_tail(ctx.checklist) + "## Checklist items no rule covers\n\n";
  if (run.uncovered_items.empty()) after += "None: every item is assessed by at least one rule.\n";
  for (const auto& id : run.uncovered_items) {
    const ChecklistItem* ci = ctx.checklist.item(id);
    after += "- " + md(id) + (ci ? ": " + md(ci->title) : std::string()) + "\n";
  }
  return {{out, between, after}, {0, 0}};
}

ReportEntries markdown_entries(const DocumentResult& d, const RunResult& head, std::size_t documents, const ReportContext& ctx) {
  return {{matrix_row(d, ctx, matrix_items(head, documents, ctx.checklist))}, metrics_row(d, ctx.checklist)};
}

}  // namespace

std::string write_markdown_summary(const RunResult& run, const ReportContext& ctx) {
  const std::size_t n = run.documents.size();
  return assemble_report(run.documents, markdown_frame(run, n, ctx),
                         [&](const DocumentResult& d, std::size_t) { return markdown_entries(d, run, n, ctx); });
}

}  // namespace wfof

namespace wfof {
namespace {

class MarkdownWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"markdown", ".md", "README.md", true,
                              "gap reports: a national summary, and one per document with --report-dir"};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx) const override {
    return markdown_frame(totals, documents, ctx);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t, const RunResult& head, const ReportContext& ctx) const override {
    // Entries are rendered only for documents that were checked: at least one.
    return markdown_entries(d, head, 1, ctx);
  }
  bool per_document() const override { return true; }
  std::string write_document(const RunResult& run, const DocumentResult& d, const ReportContext& ctx) const override {
    return write_markdown_document(run, d, ctx);
  }
};

}  // namespace

const Writer& markdown_writer() {
  static const MarkdownWriter w;
  return w;
}

}  // namespace wfof
