// SARIF 2.1.0: one run, the rules as reportingDescriptors, one result per
// gap or partial with the evidence as regions of the document.
#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sha256.hpp"
#include "version.hpp"
#include "waivers.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

std::string level_of(Severity s) {
  switch (s) {
    case Severity::critical:
    case Severity::high: return "error";
    case Severity::medium: return "warning";
    case Severity::low: return "note";
  }
  return "warning";
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// SARIF messages are sentences; the validator asks for the full stop.
std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

std::string percent_encode(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The folder artifact URIs are relative to: --root, else the working directory.
std::filesystem::path root_of(const ReportContext& ctx) {
  std::error_code ec;
  std::filesystem::path root = ctx.root.empty() ? std::filesystem::current_path(ec) : std::filesystem::path(ctx.root);
  return std::filesystem::absolute(root, ec).lexically_normal();
}

// The root as a file URI ending in '/', for originalUriBaseIds.
std::string root_uri(const ReportContext& ctx) {
  std::string r = root_of(ctx).string();
  if (r.empty() || r.back() != '/') r += '/';
  return "file://" + percent_encode(r);
}

// A document's artifact location: relative to %SRCROOT% when it lies under
// the root (code-scanning services then place it in the repository), else
// an absolute file URI.
struct Uri {
  std::string uri;
  bool relative = false;
};
Uri to_uri(const std::string& path, const ReportContext& ctx) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec).lexically_normal();
  const fs::path rel = abs.lexically_relative(root_of(ctx));
  if (!rel.empty() && *rel.begin() != ".." && !rel.is_absolute()) return {percent_encode(rel.generic_string()), true};
  return {"file://" + percent_encode(abs.generic_string()), false};
}

json artifact_location(const std::string& path, const ReportContext& ctx, std::optional<std::size_t> index) {
  const Uri u = to_uri(path, ctx);
  json l = {{"uri", u.uri}};
  if (u.relative) l["uriBaseId"] = "%SRCROOT%";
  if (index) l["index"] = *index;
  return l;
}

// Markdown of the tool's own text (criteria, titles): only what Markdown
// would read as markup is escaped.
std::string md(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string help_markdown(const Rule& rule, const Checklist& cl) {
  std::string out = md(rule.message.empty() ? rule.title : rule.message);
  for (const auto& id : rule.items) {
    const ChecklistItem* ci = cl.item(id);
    if (!ci) continue;
    out += "\n\n**" + md(id) + "**: " + md(ci->title) + "\n";
    for (const char* v : {"pass", "partial", "gap"})
      if (auto it = ci->criteria.find(v); it != ci->criteria.end()) out += "\n- **" + std::string(v) + "**: " + md(it->second);
  }
  return out;
}

// The rule's documentation: its file in the rules folder, at its id.
std::string help_uri(const Rule& rule) {
  std::string file = std::filesystem::path(rule.pos.file).filename().string();
  std::string anchor = rule.id;
  std::transform(anchor.begin(), anchor.end(), anchor.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::string(kHomepage) + "/rules/" + percent_encode(file.empty() ? std::string("README.md") : file) + "#" + percent_encode(anchor);
}

std::string help_text(const Rule& rule, const Checklist& cl) {
  std::string out = rule.message.empty() ? rule.title : rule.message;
  for (const auto& id : rule.items) {
    const ChecklistItem* ci = cl.item(id);
    if (!ci) continue;
    out += "\n\n" + id + ": " + ci->title;
    for (const char* v : {"pass", "partial", "gap"})
      if (auto it = ci->criteria.find(v); it != ci->criteria.end()) out += "\n- " + std::string(v) + ": " + it->second;
  }
  return out;
}

json descriptor(const Rule& rule, const Checklist& cl) {
  std::string items = join(rule.items, ", ");
  json d;
  d["id"] = rule.id;
  d["name"] = rule.title;
  d["shortDescription"] = {{"text", sentence(rule.title)}};
  d["fullDescription"] = {{"text", sentence(rule.title + (items.empty() ? "" : " (checklist items: " + items + ")"))}};
  d["helpUri"] = help_uri(rule);
  d["help"] = {{"text", help_text(rule, cl)}, {"markdown", help_markdown(rule, cl)}};
  d["defaultConfiguration"] = {{"level", level_of(rule.severity)}};
  d["properties"] = {{"items", rule.items}, {"severity", to_string(rule.severity)}};
  return d;
}

json region(const SourceSpan& s, const std::string* snippet) {
  json r;
  if (s.line > 0) {
    r["startLine"] = s.line;
    r["startColumn"] = std::max<std::size_t>(s.column, 1);
    r["endLine"] = std::max(s.end_line, s.line);
    r["endColumn"] = std::max<std::size_t>(s.end_column, 1);
  }
  r["byteOffset"] = s.start;
  r["byteLength"] = s.end >= s.start ? s.end - s.start : 0;
  if (snippet) r["snippet"] = {{"text", *snippet}};
  // A PDF: lines and offsets are of its extracted text, which SARIF cannot
  // name; the page tells a reader where to look.
  if (s.page) r["properties"] = {{"page", s.page}, {"endPage", s.end_page}};
  return r;
}

json location(const json& artifact, json region) {
  return {{"physicalLocation", {{"artifactLocation", artifact}, {"region", std::move(region)}}}};
}

// Where a result points: its evidence, or for a verdict by absence the
// section evidence counts from by default (the checklist's first
// default_scope section: where the evidence would have been), else the top.
json locations(const RuleResult& r, const DocumentResult& d, std::size_t artifact, const ReportContext& ctx) {
  const json where = artifact_location(d.path, ctx, artifact);
  json out = json::array();
  for (const auto& e : r.evidence) out.push_back(location(where, region(e.span, &e.text)));
  if (!out.empty()) return out;
  const std::string section = ctx.checklist.default_scope.empty() ? std::string() : ctx.checklist.default_scope.front();
  auto it = std::find_if(d.sections.begin(), d.sections.end(), [&](const auto& s) { return s.first == section; });
  out.push_back(location(where, it != d.sections.end() ? region(it->second, nullptr) : json{{"startLine", 1}}));
  return out;
}

// Stable across edits that move the text: rule, document and items only.
std::string fingerprint(const RuleResult& r, const DocumentResult& d) {
  return sha256_hex(r.rule + "\n" + d.path + "\n" + join(r.items, ","));
}

json result(const RuleResult& r, const DocumentResult& d, std::size_t artifact, const ReportContext& ctx) {
  json res;
  res["ruleId"] = r.rule;
  auto it = std::find_if(ctx.rules.begin(), ctx.rules.end(), [&](const Rule& x) { return x.id == r.rule; });
  if (it != ctx.rules.end()) res["ruleIndex"] = it - ctx.rules.begin();
  res["level"] = r.verdict == Verdict::partial ? "warning" : level_of(r.severity);
  std::string why = r.message.empty() ? r.title : r.message;
  res["message"] = {{"text", sentence(join(r.items, ", ") + " " + to_string(r.verdict) + ": " + why)}};
  res["locations"] = locations(r, d, artifact, ctx);
  res["partialFingerprints"] = {{"wfof/v1", fingerprint(r, d)}};
  res["properties"] = {{"items", r.items}, {"verdict", to_string(r.verdict)}, {"basis", to_string(r.basis)}};
  // An accepted finding stays in the log, suppressed (code scanning shows it
  // as dismissed, with the justification).
  if (const Waiver* w = finding_waiver(r, d))
    res["suppressions"] = json::array({{{"kind", "external"}, {"status", "accepted"},
                                        {"justification", describe_waiver(*w)}}});
  return res;
}

}  // namespace

ReportFrame sarif_frame(const RunResult& run, const ReportContext& ctx) {
  json rules = json::array();
  for (const auto& r : ctx.rules) rules.push_back(descriptor(r, ctx.checklist));
  json driver;
  driver["name"] = "wfof";
  driver["informationUri"] = kHomepage;
  driver["version"] = run.tool_version;
  driver["semanticVersion"] = run.tool_version;
  driver["rules"] = rules;
  json sarif_run;
  sarif_run["tool"] = {{"driver", driver}};
  // Did every document get checked? One that could not be is a
  // notification on the file; the log still holds the others' results.
  json invocation;
  invocation["executionSuccessful"] = run.errors.empty();
  if (!run.errors.empty()) {
    json notes = json::array();
    for (const auto& e : run.errors) {
      json loc = {{"physicalLocation", {{"artifactLocation", artifact_location(e.path, ctx, std::nullopt)}}}};
      if (e.line) loc["physicalLocation"]["region"] = {{"startLine", e.line}, {"startColumn", std::max<std::size_t>(e.column, 1)}};
      notes.push_back({{"level", "error"}, {"message", {{"text", sentence(e.message)}}}, {"locations", json::array({loc})}});
    }
    invocation["toolExecutionNotifications"] = notes;
  }
  sarif_run["invocations"] = json::array({invocation});
  // One analysis per checklist: code scanning keeps runs of other
  // checklists apart by this category.
  sarif_run["automationDetails"] = {{"id", "wfof/" + run.checklist_id + "/"}};
  // With --root, where %SRCROOT% is; without, it is the working directory,
  // left for the consumer to resolve (a code-scanning upload resolves it to
  // the checkout), so that the log is the same on every machine.
  sarif_run["originalUriBaseIds"] = {{"%SRCROOT%", ctx.root.empty()
      ? json{{"description", {{"text", "The working directory wfof ran in."}}}}
      : json{{"uri", root_uri(ctx)}}}};
  sarif_run["artifacts"] = json::array();
  sarif_run["results"] = json::array();
  sarif_run["columnKind"] = "unicodeCodePoints";
  sarif_run["properties"] = {{"checklist", {{"id", run.checklist_id}, {"title", run.checklist_title}}}};
  json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = json::array({sarif_run});
  return split_frame(root.dump(2) + "\n", {{"artifacts", 8}, {"results", 8}});
}

ReportEntries sarif_entries(const DocumentResult& d, std::size_t index, const ReportContext& ctx) {
  ReportEntries out(2);
  json artifact = {{"location", artifact_location(d.path, ctx, std::nullopt)}, {"hashes", {{"sha-256", d.sha256}}}};
  out[0].push_back(indent_lines(artifact.dump(2), 8));
  // A rule that feeds no checklist item (metrics only) is no finding.
  for (const auto& r : d.results)
    if (r.verdict != Verdict::pass && !r.items.empty()) out[1].push_back(indent_lines(result(r, d, index, ctx).dump(2), 8));
  return out;
}

std::string write_sarif(const RunResult& run, const ReportContext& ctx) {
  return assemble_report(run.documents, sarif_frame(run, ctx),
                         [&](const DocumentResult& d, std::size_t i) { return sarif_entries(d, i, ctx); });
}

}  // namespace wfof

namespace wfof {
namespace {

class SarifWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"sarif", ".sarif", "results.sarif", true, "SARIF 2.1.0, for code-scanning services"};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t, const ReportContext& ctx) const override {
    return sarif_frame(totals, ctx);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t index, const RunResult&, const ReportContext& ctx) const override {
    return sarif_entries(d, index, ctx);
  }
};

}  // namespace

const Writer& sarif_writer() {
  static const SarifWriter w;
  return w;
}

}  // namespace wfof
