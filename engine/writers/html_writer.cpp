// The HTML report: one self-contained file (inline style, no script, no
// network) with the national matrix and, per document, its verdicts linked
// to the evidence highlighted in the document's own text.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "sha256.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The word and symbol of a verdict, so the matrix reads without colour.
std::string label(Verdict v) {
  switch (v) {
    case Verdict::pass: return "✔ pass";
    case Verdict::partial: return "◐ partial";
    case Verdict::gap: return "✘ gap";
  }
  return "";
}

int rank(Verdict v) { return v == Verdict::gap ? 2 : v == Verdict::partial ? 1 : 0; }

std::string document_name(const DocumentResult& d) { return d.subject ? *d.subject : d.path; }

// A document's anchors are named by its path, not its place in the run, so
// that each document's section can be rendered on its own (and in any
// thread) before the run is complete.
std::string doc_key(const DocumentResult& d) { return sha256_hex(d.path).substr(0, 12); }
std::string doc_id(const std::string& key) { return "doc-" + key; }
std::string item_anchor(const std::string& doc, std::size_t item) { return doc_id(doc) + "-item-" + std::to_string(item + 1); }
std::string mark_id(const std::string& doc, std::size_t mark) { return "ev-" + doc + "-" + std::to_string(mark + 1); }

std::string pos(const SourceSpan& s) { return position_text(s); }

// A highlighted region of a document: one or more evidence spans merged
// because they overlap (a <mark> cannot nest in another).
struct Mark {
  std::size_t start = 0, end = 0;
  Verdict verdict = Verdict::pass;  // the worst verdict among its spans
  std::vector<std::string> notes;   // "ITEM rule: matcher (verdict)" per span
  std::string text;                 // the first span's quote, for the fallback list
  SourceSpan span;                  // the first span's position
  // Where it is in the shown text, when that is not the file (a web page).
  std::optional<std::pair<std::size_t, std::size_t>> shown;
};

// The marks of a document, and for each evidence span (by result and
// evidence index) the mark that shows it.
struct Highlights {
  std::vector<Mark> marks;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> mark_of;
};

// With `merge_overlaps`, overlapping spans share a mark (the text is shown
// once); without it (no text to show), only identical spans do.
Highlights highlights(const DocumentResult& d, std::size_t text_size, bool merge_overlaps) {
  struct Entry {
    std::size_t start, end, result, evidence;
  };
  std::vector<Entry> entries;
  for (std::size_t r = 0; r < d.results.size(); ++r)
    for (std::size_t e = 0; e < d.results[r].evidence.size(); ++e) {
      const SourceSpan& s = d.results[r].evidence[e].span;
      if (s.start <= s.end && s.end <= text_size) entries.push_back({s.start, s.end, r, e});
    }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  Highlights h;
  for (const auto& en : entries) {
    const RuleResult& r = d.results[en.result];
    const Evidence& ev = r.evidence[en.evidence];
    bool joins = !h.marks.empty() && (merge_overlaps ? en.start < h.marks.back().end || en.start == h.marks.back().start
                                                     : en.start == h.marks.back().start && en.end == h.marks.back().end);
    if (!joins) h.marks.push_back(Mark{en.start, en.end, r.verdict, {}, ev.text, ev.span, ev.shown});
    Mark& m = h.marks.back();
    m.end = std::max(m.end, en.end);
    if (m.shown && ev.shown) m.shown->second = std::max(m.shown->second, ev.shown->second);
    if (rank(r.verdict) > rank(m.verdict)) m.verdict = r.verdict;
    std::string items;
    for (const auto& i : r.items) items += i + " ";
    m.notes.push_back(items + r.rule + ": " + ev.matcher + " (" + to_string(r.verdict) + (ev.negated ? ", negated" : "") + ")");
    h.mark_of[{en.result, en.evidence}] = h.marks.size() - 1;
  }
  return h;
}

std::string mark_open(const std::string& doc, std::size_t n, const Mark& m) {
  std::string title;
  for (std::size_t i = 0; i < m.notes.size(); ++i) title += (i ? "; " : "") + m.notes[i];
  return "<mark id=\"" + mark_id(doc, n) + "\" class=\"evidence ev-" + to_string(m.verdict) + "\" title=\"" + esc(title) + "\">";
}

// A web page's evidence is in its source, but the page is shown as it
// reads (no markup): each mark moves to the shown text its source bytes
// became (captured at check time, Evidence::shown).
Highlights in_shown(Highlights h) {
  for (Mark& m : h.marks)
    if (m.shown) {
      m.start = m.shown->first;
      m.end = std::max(m.shown->first, m.shown->second);
    }
  return h;
}

std::string text_with_marks(std::string_view text, const std::string& doc, const Highlights& h) {
  std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a BOM is not text
  std::string out = "<pre class=\"doc-text\">";
  for (std::size_t n = 0; n < h.marks.size(); ++n) {
    const Mark& m = h.marks[n];
    std::size_t start = std::max(m.start, pos);
    out += esc(text.substr(pos, start - pos));
    out += mark_open(doc, n, m) + esc(text.substr(start, std::max(m.end, start) - start)) + "</mark>";
    pos = std::max(m.end, start);
  }
  out += esc(text.substr(pos));
  return out + "</pre>\n";
}

std::string quotes_only(const std::string& doc, const Highlights& h) {
  std::string out = "<p class=\"note\">These results hold no text of the document, "
                    "so only the evidence quotes are shown.</p>\n<ul class=\"quotes\">\n";
  for (std::size_t n = 0; n < h.marks.size(); ++n)
    out += "<li><span class=\"pos\">" + pos(h.marks[n].span) + "</span> " + mark_open(doc, n, h.marks[n]) +
           esc(h.marks[n].text) + "</mark></li>\n";
  return out + "</ul>\n";
}

const RuleResult* find_result(const DocumentResult& d, const std::string& rule, std::size_t& index) {
  for (index = 0; index < d.results.size(); ++index)
    if (d.results[index].rule == rule) return &d.results[index];
  return nullptr;
}

const Rule* find_rule(const ReportContext& ctx, const std::string& id) {
  for (const auto& r : ctx.rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::string scope_text(const Rule* rule) {
  if (!rule || rule->scope.empty()) return "the whole document";
  std::string out;
  for (std::size_t i = 0; i < rule->scope.size(); ++i) out += (i ? ", " : "") + rule->scope[i];
  return "the " + out + " section" + (rule->scope.size() > 1 ? "s" : "");
}

std::string rule_entry(const RuleResult& r, std::size_t ri, const std::string& doc, const Highlights& h, const ReportContext& ctx) {
  std::string out = "<li><code>" + esc(r.rule) + "</code> <span class=\"key key-" + to_string(r.verdict) + "\">" +
                    label(r.verdict) + "</span>";
  if (!r.message.empty() && r.verdict != Verdict::pass) out += " " + esc(r.message);
  if (r.evidence.empty()) {
    out += " <span class=\"absence\">Nothing found in " + esc(scope_text(find_rule(ctx, r.rule))) + ".</span>";
  } else {
    out += " Evidence:";
    for (std::size_t e = 0; e < r.evidence.size(); ++e) {
      auto it = h.mark_of.find({ri, e});
      const Evidence& ev = r.evidence[e];
      std::string quote = esc(pos(ev.span)) + " “" + esc(ev.text) + "”";
      if (it == h.mark_of.end()) out += " <span class=\"ev-link\">" + quote + "</span>";
      else out += " <a class=\"ev-link\" href=\"#" + mark_id(doc, it->second) + "\">" + quote + "</a>";
    }
  }
  return out + "</li>\n";
}

std::string verdict_list(const DocumentResult& d, const std::string& doc, const Highlights& h, const ReportContext& ctx) {
  std::string out = "<ol class=\"verdicts\">\n";
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const ItemResult& item = d.items[i];
    const ChecklistItem* ci = ctx.checklist.item(item.id);
    out += "<li id=\"" + item_anchor(doc, i) + "\" class=\"verdict verdict-" + to_string(item.verdict) + "\">";
    out += "<span class=\"key key-" + std::string(to_string(item.verdict)) + "\">" + label(item.verdict) + "</span> ";
    out += "<strong>" + esc(item.id) + "</strong> " + (ci ? esc(ci->title) : std::string());
    if (ci)
      if (auto c = ci->criteria.find(to_string(item.verdict)); c != ci->criteria.end())
        out += "<p class=\"criterion\">Criterion for " + std::string(to_string(item.verdict)) + ": " + esc(c->second) + "</p>";
    if (const auto& w = item.waiver)
      out += std::string("<p class=\"waiver\"><strong>") + (w->expired ? "Waiver expired on " : "Waived until ") + esc(w->expires) +
             "</strong>: accepted by " + esc(w->accepted_by) + " — " + esc(w->reason) + (w->expired ? " It counts again." : "") + "</p>";
    out += "<ul class=\"rules\">\n";
    for (const auto& rid : item.rules) {
      std::size_t ri = 0;
      if (const RuleResult* r = find_result(d, rid, ri)) out += rule_entry(*r, ri, doc, h, ctx);
    }
    out += "</ul></li>\n";
  }
  return out + "</ol>\n";
}

std::string counts(const VerdictCounts& c) {
  return std::to_string(c.pass) + " pass · " + std::to_string(c.partial) + " partial · " + std::to_string(c.gap) + " gap";
}

std::string document_section(const DocumentResult& d, const ReportContext& ctx) {
  const std::string doc = doc_key(d);
  // The text as captured at check time: the file (or a PDF's text), which
  // evidence offsets refer to, or a web page's shown text.
  const bool text = !d.shown.empty();
  const bool page = d.format == "HTML";
  Highlights h = highlights(d, text && !page ? d.shown.size() : static_cast<std::size_t>(-1), text);
  std::string out = "<section class=\"document\" id=\"" + doc_id(doc) + "\">\n<h2>" + esc(document_name(d)) + "</h2>\n";
  out += "<dl class=\"facts\"><dt>File</dt><dd><code>" + esc(d.path) + "</code></dd><dt>SHA-256</dt><dd><code>" +
         esc(d.sha256) + "</code></dd><dt>Profile</dt><dd>" + (d.profile ? esc(*d.profile) : std::string("none fitted")) +
         "</dd><dt>Verdicts</dt><dd class=\"counts\">" + counts(d.summary) + "</dd></dl>\n";
  for (const auto& w : d.warnings) out += "<p class=\"warning\">Warning: " + esc(w) + "</p>\n";
  out += "<h3>Verdicts</h3>\n" + verdict_list(d, doc, h, ctx);
  out += "<h3>Text</h3>\n";
  if (!text) out += quotes_only(doc, h);
  else if (page) out += text_with_marks(d.shown, doc, in_shown(h));
  else out += text_with_marks(d.shown, doc, h);
  return out + "</section>\n";
}

// The national matrix up to its first row. In a scroll container, with the
// document column and the header row sticky and the totals next to the
// names: readable at any width.
std::string matrix_head(const std::vector<std::string>& items, const ReportContext& ctx) {
  std::string out = "<div class=\"scroll\" role=\"region\" aria-labelledby=\"matrix-caption\" tabindex=\"0\">\n"
                    "<table id=\"matrix\">\n<caption id=\"matrix-caption\">Verdict per document and checklist item</caption>\n"
                    "<thead><tr><th scope=\"col\">Document</th><th scope=\"col\" class=\"count\">Pass</th>"
                    "<th scope=\"col\" class=\"count\">Partial</th><th scope=\"col\" class=\"count\">Gap</th>";
  for (const auto& id : items) {
    const ChecklistItem* ci = ctx.checklist.item(id);
    out += "<th scope=\"col\"><abbr title=\"" + esc(ci ? ci->title : id) + "\">" + esc(id) + "</abbr></th>";
  }
  return out + "</tr></thead>\n<tbody>\n";
}
constexpr const char* kTableEnd = "</tbody>\n</table>\n</div>\n";

// A document's row of the matrix.
std::string matrix_row(const DocumentResult& d, const std::vector<std::string>& items) {
  std::string out = "<tr><th scope=\"row\"><a href=\"#" + doc_id(doc_key(d)) + "\">" + esc(document_name(d)) + "</a></th>";
  out += "<td class=\"count\">" + std::to_string(d.summary.pass) + "</td><td class=\"count\">" +
         std::to_string(d.summary.partial) + "</td><td class=\"count\">" + std::to_string(d.summary.gap) + "</td>";
  for (const auto& id : items) {
    auto it = std::find_if(d.items.begin(), d.items.end(), [&](const ItemResult& r) { return r.id == id; });
    if (it == d.items.end()) {
      out += "<td class=\"cell cell-none\">— n/a</td>";
      continue;
    }
    std::string v = to_string(it->verdict);
    out += "<td class=\"cell cell-" + v + "\"><a href=\"#" + item_anchor(doc_key(d), static_cast<std::size_t>(it - d.items.begin())) +
           "\">" + label(it->verdict) + (it->waived() ? " (waived)" : "") + "</a></td>";
  }
  return out + "</tr>\n";
}

std::string metric_text(const MetricValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
  if (std::holds_alternative<std::string>(v)) return esc(std::get<std::string>(v));
  return "<span class=\"none\">not found</span>";
}

// The metrics table up to its first row (or the note that there is none).
std::string metrics_head(const Checklist& cl) {
  if (cl.metrics.empty()) return "<p>No metrics are defined.</p>\n";
  std::string out = "<div class=\"scroll\" role=\"region\" aria-label=\"Metrics\" tabindex=\"0\">\n<table id=\"metrics\">\n<thead><tr><th scope=\"col\">Document</th>";
  for (const auto& m : cl.metrics)
    out += "<th scope=\"col\"><abbr title=\"" + esc(m.description) + "\">" + esc(m.name) + "</abbr></th>";
  return out + "</tr></thead>\n<tbody>\n";
}

// A document's row of the metrics table; none when there are no metrics.
std::vector<std::string> metrics_row(const DocumentResult& d, const Checklist& cl) {
  if (cl.metrics.empty()) return {};
  std::string out = "<tr><th scope=\"row\"><a href=\"#" + doc_id(doc_key(d)) + "\">" + esc(document_name(d)) + "</a></th>";
  for (const auto& m : cl.metrics) {
    auto it = std::find_if(d.metrics.begin(), d.metrics.end(), [&](const auto& kv) { return kv.first == m.name; });
    out += "<td>" + (it == d.metrics.end() ? metric_text(std::monostate{}) : metric_text(it->second)) + "</td>";
  }
  return {out + "</tr>\n"};
}

constexpr const char* kStyle = R"(
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:100rem;padding:1rem 2rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}caption{text-align:left;font-weight:600;padding:.3rem 0}td.count{text-align:right}
.cell{white-space:nowrap}.cell a{color:inherit;text-decoration:none;display:block}
.cell-pass,.key-pass{background:#d7f5dd;color:#0f5323}.cell-partial,.key-partial{background:#fff1bf;color:#6b4a00}
.cell-gap,.key-gap{background:#fdd8d8;color:#86181d}.cell-none{color:#57606a}
.key{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-weight:600;white-space:nowrap}
.legend{list-style:none;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}
mark.evidence{border-radius:.2rem;padding:0 .1rem;color:inherit}mark.ev-pass{background:#b4f0c2}
mark.ev-partial{background:#ffe08a}mark.ev-gap{background:#ffb8b8}mark.evidence:target{outline:3px solid #0969da}
pre.doc-text{white-space:pre-wrap;word-wrap:break-word;background:#f6f8fa;border:1px solid #d0d7de;padding:1rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace}
.verdicts>li{margin:.6rem 0}.rules{margin:.2rem 0}.criterion{margin:.2rem 0;color:#57606a}
.facts{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
.warning{color:#86181d}.absence{font-style:italic}.pos{font-family:ui-monospace,monospace;color:#57606a}
.scroll{overflow:auto;max-width:100%;max-height:85vh;margin:1rem 0;border:1px solid #d0d7de}.scroll table{margin:0}
.scroll thead th{position:sticky;top:0;z-index:2}.scroll tbody th{position:sticky;left:0;z-index:1;background:#fff}
.scroll thead th:first-child{left:0;z-index:3}caption{position:sticky;left:0}
.facts dd code{word-break:break-all}.errors{border:2px solid #86181d;background:#fff5f5;padding:.5rem 1rem}
@media (max-width:40rem){body{padding:.5rem}.scroll tbody th{max-width:9rem;white-space:normal}}
@media print{a{color:inherit;text-decoration:none}section.document{break-before:page}}
)";

std::string legend() {
  return "<ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"key key-pass\">✔ pass</span> criterion met</li>"
         "<li><span class=\"key key-partial\">◐ partial</span> partly met or in progress</li>"
         "<li><span class=\"key key-gap\">✘ gap</span> not met, or not reported</li>"
         "<li><span class=\"cell-none\">— n/a</span> no rule assessed it</li></ul>\n";
}

// The page around the documents: everything up to the matrix's first row
// (from the run's totals), then its rows, the metrics table's, each
// document's section, each of the three an array of entries rendered a
// document at a time (html_entries), so that no document waits in memory.
ReportFrame html_frame(const RunResult& run, std::size_t documents, const ReportContext& ctx) {
  std::string title = (run.checklist_title.empty() ? run.checklist_id : run.checklist_title);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Forbids every fetch: the report must work offline and leak nothing.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"wfof " + esc(run.tool_version) + "\">\n";
  out += "<title>" + esc(title) + ": wfof report</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + esc(title) + "</h1>\n<p>Checklist <code>" + esc(run.checklist_id) + "</code>, " +
         std::to_string(documents) + " document(s): " + counts(run.summary) + ". Checked by wfof " +
         esc(run.tool_version) + ".</p></header>\n";
  if (!run.errors.empty()) {
    // Visible first: the tables below lack these documents.
    out += "<section class=\"errors\" id=\"errors\" role=\"alert\">\n<h2>Documents that could not be checked</h2>\n"
           "<p>These documents are missing from every table below:</p>\n<ul>\n";
    for (const auto& e : run.errors)
      out += "<li><code>" + esc(e.path + (e.line ? ":" + std::to_string(e.line) + ":" + std::to_string(e.column) : std::string())) +
             "</code>: " + esc(e.message) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  out += "<section id=\"national\">\n<h2>National matrix</h2>\n" + legend() + matrix_head(matrix_items(run, documents, ctx.checklist), ctx);
  std::string between = std::string(kTableEnd) + "<h2>Metrics</h2>\n" + metrics_head(ctx.checklist);
  std::string after = ctx.checklist.metrics.empty() ? std::string() : std::string(kTableEnd);
  after += "<h2>Checklist items no rule covers</h2>\n";
  if (run.uncovered_items.empty()) after += "<p>None.</p>\n";
  else {
    after += "<ul id=\"uncovered\">\n";
    for (const auto& id : run.uncovered_items) {
      const ChecklistItem* ci = ctx.checklist.item(id);
      after += "<li><strong>" + esc(id) + "</strong> " + (ci ? esc(ci->title) : std::string()) + "</li>\n";
    }
    after += "</ul>\n";
  }
  after += "</section>\n";
  return {{out, between, after, "<footer><p>wfof " + esc(run.tool_version) + "</p></footer>\n</body>\n</html>\n"}, {0, 0, 0}};
}

// A document's row of the matrix, of the metrics table, and its section.
ReportEntries html_entries(const DocumentResult& d, const RunResult& head, std::size_t documents, const ReportContext& ctx) {
  return {{matrix_row(d, matrix_items(head, documents, ctx.checklist))}, metrics_row(d, ctx.checklist), {document_section(d, ctx)}};
}

}  // namespace

std::string write_html(const RunResult& run, const ReportContext& ctx) {
  const std::size_t n = run.documents.size();
  return assemble_report(run.documents, html_frame(run, n, ctx),
                         [&](const DocumentResult& d, std::size_t) { return html_entries(d, run, n, ctx); });
}

}  // namespace wfof

namespace wfof {
namespace {

class HtmlWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"html", ".html", "report.html", true,
                              "one self-contained page: the national matrix, and each document with its evidence highlighted"};
    return i;
  }
  // The frame reads the run's totals only, never a document: each
  // document's rows and section are its entries.
  ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx) const override {
    return html_frame(totals, documents, ctx);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t, const RunResult& head, const ReportContext& ctx) const override {
    // Entries are rendered only for documents that were checked: at least one.
    return html_entries(d, head, 1, ctx);
  }
};

}  // namespace

const Writer& html_writer() {
  static const HtmlWriter w;
  return w;
}

}  // namespace wfof
