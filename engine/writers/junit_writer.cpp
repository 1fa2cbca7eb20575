// JUnit XML in the Apache Ant schema: a testsuite per document, a testcase
// per checklist item. The schema fixes the element order (properties,
// testcases, system-out, system-err) and the attributes, and gives a
// testcase no system-out: notes on partials go to the suite's.
#include <cstdio>
#include <ctime>

#include "waivers.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

// Escapes the five XML specials, keeps newlines in attributes (a parser
// would fold them to spaces) and replaces characters XML 1.0 forbids.
std::string xml(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out += c < 0x20 || c == 0x7F ? std::string("\xEF\xBF\xBD") : std::string(1, ch);
    }
  }
  return out;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml(value, true) + "\"";
}

// "YYYY-MM-DDTHH:MM:SS" in UTC: the schema allows no zone suffix.
std::string iso8601(long long t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  if (!::gmtime_r(&tt, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) return "1970-01-01T00:00:00";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string location(const std::string& path, const SourceSpan& s) {
  if (s.page) return path + ", " + position_text(s);  // a PDF: lines of its extracted text, by page
  return path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

const RuleResult* find_result(const DocumentResult& d, const std::string& rule) {
  for (const auto& r : d.results)
    if (r.rule == rule) return &r;
  return nullptr;
}

std::string criterion(const ChecklistItem* ci, Verdict v) {
  if (!ci) return {};
  auto it = ci->criteria.find(to_string(v));
  return it == ci->criteria.end() ? std::string() : it->second;
}

// The explanation of an item's verdict: the criterion, then each rule's
// verdict, reason and evidence.
std::string details(const ItemResult& item, const DocumentResult& d, const ReportContext& ctx) {
  const ChecklistItem* ci = ctx.checklist.item(item.id);
  std::string out = item.id + ": " + to_string(item.verdict);
  if (std::string c = criterion(ci, item.verdict); !c.empty()) out += "\nCriterion: " + c;
  for (const auto& rid : item.rules) {
    const RuleResult* r = find_result(d, rid);
    if (!r) continue;
    out += "\nRule " + r->rule + ": " + to_string(r->verdict);
    if (!r->message.empty() && r->verdict != Verdict::pass) out += ". " + r->message;
    if (r->evidence.empty()) out += "\n  No evidence found.";
    if (r->context) out += "\n  " + location(d.path, r->context->span) + " \"" + r->context->text + "\"";
    for (const auto& e : r->evidence)
      out += "\n  " + location(d.path, e.span) + " " + e.matcher + ": \"" + e.text + "\"" + (e.negated ? " (negated)" : "");
  }
  return out;
}

// The first reason given for a non-pass item, for the failure's message.
std::string reason(const ItemResult& item, const DocumentResult& d) {
  for (const auto& rid : item.rules)
    if (const RuleResult* r = find_result(d, rid); r && r->verdict != Verdict::pass && !r->message.empty())
      return r->message;
  return {};
}

std::string suite_name(const DocumentResult& d) { return d.subject ? *d.subject : d.path; }

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string testcase(const ItemResult& item, const DocumentResult& d, const ReportContext& ctx, std::size_t& failures,
                     std::size_t& skipped, std::string& notes) {
  const ChecklistItem* ci = ctx.checklist.item(item.id);
  // The classname is the document's name: dashboards split a classname at
  // its dots into packages, which a file path ("fixtures/real/x.md") is not.
  std::string out = "    <testcase" + attr("name", item.id + ": " + (ci ? ci->title : item.id)) + attr("classname", suite_name(d)) +
                    attr("time", "0");
  if (item.waived() && item.verdict != Verdict::pass) {
    // Accepted: visible, with its reason, but not a failure.
    ++skipped;
    return out + ">\n      <skipped" + attr("message", std::string(to_string(item.verdict)) + ", " + describe_waiver(*item.waiver)) +
           "/>\n    </testcase>\n";
  }
  const bool fails = item.verdict == Verdict::gap || (item.verdict == Verdict::partial && ctx.partial_fails);
  if (item.verdict == Verdict::partial && !fails) notes += details(item, d, ctx) + "\n\n";
  if (!fails) return out + "/>\n";
  ++failures;
  std::string message = std::string(to_string(item.verdict)) + ": " + reason(item, d);
  if (item.waiver) message += " (" + describe_waiver(*item.waiver) + ")";
  out += ">\n      <failure" + attr("message", message) + attr("type", to_string(item.verdict)) + ">" +
         xml(details(item, d, ctx), false) + "</failure>\n    </testcase>\n";
  return out;
}

std::string property(std::string_view name, std::string_view value) {
  return "      <property" + attr("name", name) + attr("value", value) + "/>\n";
}

std::string testsuite(const DocumentResult& d, std::size_t id, const RunResult& run, const ReportContext& ctx) {
  std::size_t failures = 0, skipped = 0;
  std::string notes, cases;
  for (const auto& item : d.items) cases += testcase(item, d, ctx, failures, skipped, notes);
  std::string out = "  <testsuite" + attr("name", suite_name(d)) + attr("tests", std::to_string(d.items.size())) +
                    attr("failures", std::to_string(failures)) + attr("errors", "0") + attr("skipped", std::to_string(skipped)) +
                    attr("timestamp", iso8601(ctx.timestamp)) + attr("hostname", ctx.hostname.empty() ? "localhost" : ctx.hostname) +
                    attr("time", seconds(d.seconds)) + attr("id", std::to_string(id)) + attr("package", "wfof") + ">\n";
  out += "    <properties>\n" + property("path", d.path) + property("sha256", d.sha256) +
         property("wfof.version", run.tool_version) + property("checklist", run.checklist_id);
  if (d.profile) out += property("profile", *d.profile);
  out += "    </properties>\n" + cases;
  out += "    <system-out>" + xml(notes.empty() ? notes : "Partial (not counted as failures):\n\n" + notes, false) + "</system-out>\n";
  out += "    <system-err></system-err>\n  </testsuite>\n";
  return out;
}

}  // namespace

ReportFrame junit_frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx) {
  const VerdictCounts& s = totals.summary;
  const std::size_t failures = (s.gap - totals.waived.gap) + (ctx.partial_fails ? s.partial - totals.waived.partial : 0);
  const std::size_t skipped = totals.waived.gap + totals.waived.partial;
  const std::size_t tests = s.pass + s.partial + s.gap + totals.errors.size();
  std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attr("name", "wfof") +
                     attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
                     attr("errors", std::to_string(totals.errors.size())) + attr("skipped", std::to_string(skipped)) +
                     attr("time", seconds(totals.seconds)) + ">\n";
  // A document that could not be checked: a suite with one errored case,
  // so a dashboard shows it rather than a shorter run.
  std::string tail;
  std::size_t id = documents;
  for (const auto& e : totals.errors) {
    tail += "  <testsuite" + attr("name", e.path) + attr("tests", "1") + attr("failures", "0") + attr("errors", "1") +
            attr("skipped", "0") + attr("timestamp", iso8601(ctx.timestamp)) +
            attr("hostname", ctx.hostname.empty() ? "localhost" : ctx.hostname) + attr("time", "0.000") +
            attr("id", std::to_string(id++)) + attr("package", "wfof") + ">\n";
    tail += "    <properties>\n" + property("path", e.path) + "    </properties>\n";
    tail += "    <testcase" + attr("name", "read " + e.path) + attr("classname", "unreadable documents") + attr("time", "0") + ">\n";
    tail += "      <error" + attr("message", e.message) + attr("type", "unreadable") + ">" + xml(error_line(e), false) +
            "</error>\n    </testcase>\n";
    tail += "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n";
  }
  return {{head, tail + "</testsuites>\n"}, {0}};
}

ReportEntries junit_entries(const DocumentResult& doc, std::size_t index, const RunResult& run, const ReportContext& ctx) {
  return {{testsuite(doc, index, run, ctx)}};
}

std::string write_junit(const RunResult& run, const ReportContext& ctx) {
  return assemble_report(run.documents, junit_frame(run, run.documents.size(), ctx),
                         [&](const DocumentResult& d, std::size_t i) { return junit_entries(d, i, run, ctx); });
}

}  // namespace wfof

namespace wfof {
namespace {

class JunitWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"junit", ".junit.xml", "results.junit.xml", true, "JUnit XML: a test suite per document, a test case per item"};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx) const override {
    return junit_frame(totals, documents, ctx);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t index, const RunResult& head, const ReportContext& ctx) const override {
    return junit_entries(d, index, head, ctx);
  }
};

}  // namespace

const Writer& junit_writer() {
  static const JunitWriter w;
  return w;
}

}  // namespace wfof
