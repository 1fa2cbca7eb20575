#include <nlohmann/json.hpp>

#include "report_stream.hpp"
#include "version.hpp"
#include "writers.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

json metric_json(const MetricValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return std::get<std::int64_t>(v);
  if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
  return nullptr;
}

json span_json(const Evidence& e) {
  json j{{"matcher", e.matcher},        {"start", e.span.start},       {"end", e.span.end},
         {"line", e.span.line},         {"column", e.span.column},     {"end_line", e.span.end_line},
         {"end_column", e.span.end_column}, {"text", e.text},          {"negated", e.negated}};
  // A PDF's evidence: offsets into its extracted text, lines by page. Only
  // then, so the results of text documents stay as they were.
  if (e.span.page) {
    j["page"] = e.span.page;
    j["end_page"] = e.span.end_page;
  }
  return j;
}

}  // namespace

ReportFrame json_frame(const RunResult& run, std::size_t documents) {
  json root;
  root["schema"] = "wfof-results/1";
  root["tool"] = {{"name", "wfof"}, {"version", run.tool_version}};
  root["checklist"] = {{"id", run.checklist_id}, {"title", run.checklist_title}};
  root["documents"] = json::array();
  root["coverage"] = {{"uncovered_items", run.uncovered_items}};
  root["summary"] = {{"documents", documents},
                     {"pass", run.summary.pass},
                     {"partial", run.summary.partial},
                     {"gap", run.summary.gap}};
  return split_frame(root.dump(2) + "\n", {{"documents", 4}});
}

ReportEntries json_entries(const DocumentResult& d) {
  json doc;
  doc["path"] = d.path;
  doc["sha256"] = d.sha256;
  doc["subject"] = d.subject ? json(*d.subject) : json(nullptr);
  doc["profile"] = d.profile ? json(*d.profile) : json(nullptr);
  json items = json::array();
  for (const auto& i : d.items) {
    json item = {{"id", i.id}, {"verdict", to_string(i.verdict)}, {"basis", to_string(i.basis)}, {"rules", i.rules}};
    if (i.waiver)  // only when waivers were given: results without them stay as they were
      item["waiver"] = {{"reason", i.waiver->reason},
                        {"accepted_by", i.waiver->accepted_by},
                        {"expires", i.waiver->expires},
                        {"expired", i.waiver->expired}};
    items.push_back(std::move(item));
  }
  doc["items"] = items;
  json results = json::array();
  for (const auto& r : d.results) {
    json ev = json::array();
    for (const auto& e : r.evidence) ev.push_back(span_json(e));
    json context = nullptr;
    if (r.context)
      context = {{"unit", r.context->matcher}, {"start", r.context->span.start}, {"end", r.context->span.end},
                 {"line", r.context->span.line}, {"column", r.context->span.column}};
    if (r.context && r.context->span.page) context["page"] = r.context->span.page;
    results.push_back({{"rule", r.rule},
                       {"items", r.items},
                       {"verdict", to_string(r.verdict)},
                       {"basis", to_string(r.basis)},
                       {"clause", r.clause < 0 ? json(nullptr) : json(r.clause)},
                       {"severity", to_string(r.severity)},
                       {"message", r.message},
                       {"evidence", ev},
                       {"context", context}});
  }
  doc["results"] = results;
  json metrics = json::object();
  for (const auto& [k, v] : d.metrics) metrics[k] = metric_json(v);
  doc["metrics"] = metrics;
  doc["summary"] = {{"pass", d.summary.pass}, {"partial", d.summary.partial}, {"gap", d.summary.gap}};
  doc["warnings"] = d.warnings;
  return {{indent_lines(doc.dump(2), 4)}};
}

std::string write_json(const RunResult& run, const ReportContext& ctx) {
  (void)ctx;
  return assemble_report(run.documents, json_frame(run, run.documents.size()),
                         [](const DocumentResult& d, std::size_t) { return json_entries(d); });
}

}  // namespace wfof
