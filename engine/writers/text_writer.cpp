#include "waivers.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

const char* colour(Verdict v) {
  switch (v) {
    case Verdict::pass: return "\x1b[32m";
    case Verdict::partial: return "\x1b[33m";
    case Verdict::gap: return "\x1b[31m";
  }
  return "";
}

std::string brief(std::string_view s, std::size_t max = 100) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') { space = true; continue; }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

// "path:3:5", or for a paged document "path, page 2, line 3:5".
std::string location(const std::string& path, const SourceSpan& s) {
  if (s.page) return path + ", " + position_text(s);
  return path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

}  // namespace

std::string write_text_document(const DocumentResult& d, const ReportContext& ctx, bool color) {
  std::string out;
  const char* reset = color ? "\x1b[0m" : "";
  out += d.path;
  out += d.subject ? " (" + *d.subject + ")" : " (subject not found)";
  out += "\n";
  for (const auto& w : d.warnings) out += "  warning: " + w + "\n";
  for (const auto& item : d.items) {
    const ChecklistItem* ci = ctx.checklist.item(item.id);
    std::string label = to_string(item.verdict);
    label.resize(8, ' ');
    out += "  " + item.id + std::string(item.id.size() < 6 ? 6 - item.id.size() : 1, ' ');
    out += color ? std::string(colour(item.verdict)) + label + reset : label;
    out += ci ? ci->title : "";
    // The deciding evidence: first span of the first rule that set the item's verdict.
    const Evidence* ev = nullptr;
    std::string reason;
    for (const auto& rid : item.rules)
      for (const auto& r : d.results)
        if (r.rule == rid && !ev) {
          if (!r.evidence.empty() && (r.verdict == item.verdict || item.verdict == Verdict::partial))
            ev = r.context ? &*r.context : &r.evidence.front();
          else if (r.evidence.empty() && reason.empty() && r.verdict != Verdict::pass) reason = r.message;
        }
    // path:line:col first, so terminals and editors can open it.
    if (ev)
      out += "\n          " + location(d.path, ev->span) + ": \"" + brief(ev->text) + "\"";
    else if (!reason.empty())
      out += "\n          no evidence: " + brief(reason, 90);
    if (item.waiver) out += "\n          " + describe_waiver(*item.waiver);
    out += "\n";
  }
  out += "  " + std::to_string(d.summary.pass) + " pass, " + std::to_string(d.summary.partial) + " partial, " +
         std::to_string(d.summary.gap) + " gap\n\n";
  return out;
}

std::string write_text_summary(std::size_t documents, const VerdictCounts& counts, std::size_t uncovered) {
  std::string out = std::to_string(documents) + " document(s): " + std::to_string(counts.pass) + " pass, " +
                    std::to_string(counts.partial) + " partial, " + std::to_string(counts.gap) + " gap";
  if (uncovered > 0) out += "; " + std::to_string(uncovered) + " item(s) no rule covers";
  return out + "\n";
}

std::string write_text(const RunResult& run, const ReportContext& ctx, bool color) {
  std::string out;
  for (const auto& d : run.documents) out += write_text_document(d, ctx, color);
  return out + write_text_summary(run.documents.size(), run.summary, run.uncovered_items.size());
}

}  // namespace wfof

namespace wfof {
namespace {

class TextWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"text", ".txt", "results.txt", true, "one line per item per document, with the deciding evidence"};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext&) const override {
    return {{"", write_text_summary(documents, totals.summary, totals.uncovered_items.size())}, {0}};
  }
  ReportEntries entries(const DocumentResult& d, std::size_t, const RunResult&, const ReportContext& ctx) const override {
    return {{write_text_document(d, ctx, ctx.color)}};
  }
};

}  // namespace

const Writer& text_writer() {
  static const TextWriter w;
  return w;
}

}  // namespace wfof
