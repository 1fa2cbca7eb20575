// GitHub Actions workflow commands: an ::error (gap) or ::warning (partial)
// per rule result, which the runner turns into annotations on the document.
#include "waivers.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

// Escaping as the runner unescapes: the message (data) part...
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

// ...and property values, where ':' and ',' would end the value.
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// The span an annotation marks: the unit the deciding clause held in, else
// the first evidence, else (a gap by absence) the section evidence counts
// from by default (the checklist's first default_scope section).
const SourceSpan* anchor(const RuleResult& r, const DocumentResult& d, const ReportContext& ctx) {
  if (r.context) return &r.context->span;
  if (!r.evidence.empty()) return &r.evidence.front().span;
  if (ctx.checklist.default_scope.empty()) return nullptr;
  for (const auto& [name, span] : d.sections)
    if (name == ctx.checklist.default_scope.front()) return &span;
  return nullptr;
}

std::string position(const SourceSpan* s) {
  if (s && s->page) return "";  // a PDF has no lines GitHub could show: annotate the file
  if (!s || s->line == 0) return ",line=1";
  std::string out = ",line=" + std::to_string(s->line);
  // Columns only make sense on a single line (GitHub ignores them otherwise).
  if (s->end_line == s->line)
    out += ",col=" + std::to_string(s->column) + ",endColumn=" + std::to_string(s->end_column);
  if (s->end_line >= s->line) out += ",endLine=" + std::to_string(s->end_line);
  return out;
}

std::string command(const RuleResult& r, const DocumentResult& d, const ReportContext& ctx) {
  // A waived finding is a notice: still annotated, never an error.
  const Waiver* waived = finding_waiver(r, d);
  std::string out = waived ? "::notice" : r.verdict == Verdict::gap ? "::error" : "::warning";
  out += " file=" + escape_property(d.path) + position(anchor(r, d, ctx));
  out += ",title=" + escape_property(join(r.items, " ") + " " + to_string(r.verdict));
  std::string message = r.message.empty() ? r.title : r.message;
  if (!r.evidence.empty()) message += "\nEvidence: \"" + (r.context ? r.context->text : r.evidence.front().text) + "\"";
  if (waived) message += "\n" + describe_waiver(*waived);
  message += "\n(rule " + r.rule + ")";
  return out + "::" + escape_data(message) + "\n";
}

}  // namespace

ReportFrame github_frame(const RunResult& totals, const ReportContext&) {
  // A document that could not be checked: an error on the file itself.
  std::string tail;
  for (const auto& e : totals.errors)
    tail += "::error file=" + escape_property(e.path) + (e.line ? ",line=" + std::to_string(e.line) + ",col=" + std::to_string(e.column ? e.column : 1) : std::string()) +
            ",title=" + escape_property("could not check") + "::" + escape_data(e.message) + "\n";
  return {{"", tail}, {0}};
}

ReportEntries github_entries(const DocumentResult& d, const RunResult& run, const ReportContext& ctx) {
  // Visible with step debug logging only: ties the annotations to the
  // exact bytes and tool version that produced them.
  std::string out = "::debug::wfof " + escape_data(run.tool_version) + " checked " + escape_data(d.path) + " sha256=" + d.sha256 + "\n";
  for (const auto& r : d.results)
    if (r.verdict != Verdict::pass && !r.items.empty()) out += command(r, d, ctx);
  return {{out}};
}

std::string write_github(const RunResult& run, const ReportContext& ctx) {
  return assemble_report(run.documents, github_frame(run, ctx),
                         [&](const DocumentResult& d, std::size_t) { return github_entries(d, run, ctx); });
}

}  // namespace wfof

namespace wfof {
namespace {

class GithubWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"github", ".github.txt", "", true, "GitHub Actions annotations (::error, ::warning) per gap and partial"};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t, const ReportContext& ctx) const override {
    return github_frame(totals, ctx);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t, const RunResult& head, const ReportContext& ctx) const override {
    return github_entries(d, head, ctx);
  }
};

}  // namespace

const Writer& github_writer() {
  static const GithubWriter w;
  return w;
}

}  // namespace wfof
