#include <algorithm>
#include <stdexcept>

#include "error.hpp"
#include "writer.hpp"

namespace wfof {

// Each format's writer, defined in its own file.
const Writer& text_writer();
const Writer& json_writer();
const Writer& markdown_writer();
const Writer& html_writer();
const Writer& sarif_writer();
const Writer& junit_writer();
const Writer& github_writer();

const std::vector<const Writer*>& writers() {
  static const std::vector<const Writer*> all = {
      &text_writer(), &json_writer(), &markdown_writer(), &html_writer(),
      &sarif_writer(), &junit_writer(), &github_writer(),
  };
  return all;
}

const Writer* find_writer(std::string_view name) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  const std::string want = lower(name);
  for (const Writer* w : writers())
    if (w->info().name == want) return w;
  return nullptr;
}

std::string writer_names(std::string_view separator) {
  std::string out;
  for (const Writer* w : writers()) out += (out.empty() ? "" : std::string(separator)) + std::string(w->info().name);
  return out;
}

std::vector<std::string_view> writer_name_list() {
  std::vector<std::string_view> out;
  for (const Writer* w : writers()) out.push_back(w->info().name);
  return out;
}

ReportFrame Writer::frame(const RunResult&, std::size_t, const ReportContext&) const {
  throw std::logic_error(std::string(info().name) + " cannot be written a document at a time");
}
ReportEntries Writer::entries(const DocumentResult&, std::size_t, const RunResult&, const ReportContext&) const {
  throw std::logic_error(std::string(info().name) + " cannot be written a document at a time");
}
std::string Writer::write_document(const RunResult&, const DocumentResult&, const ReportContext&) const {
  throw std::logic_error(std::string(info().name) + " has no per-document report");
}

std::string error_line(const DocumentError& e) {
  std::string out = e.path;
  if (e.line > 0) out += ":" + std::to_string(e.line) + ":" + std::to_string(e.column > 0 ? e.column : 1);
  return out + ": error" + (e.code.empty() ? std::string() : "[" + e.code + "]") + ": " + e.message;
}

DocumentResult summary_of(const DocumentResult& d) {
  DocumentResult s;
  s.items.reserve(static_cast<std::size_t>(
      std::count_if(d.items.begin(), d.items.end(), [](const ItemResult& i) { return i.verdict != Verdict::pass; })));
  s.path = d.path;
  s.subject = d.subject;
  for (const auto& i : d.items)
    if (i.verdict != Verdict::pass) s.items.push_back(ItemResult{i.id, i.verdict, i.basis, {}, i.waiver});
  s.summary = d.summary;
  return s;
}

std::string StreamedWriter::write(const RunResult& run, const ReportContext& ctx) const {
  // The frame sees what it would see in a streamed run: summaries only.
  RunResult totals = run;
  totals.documents.clear();
  for (const auto& d : run.documents) totals.documents.push_back(summary_of(d));
  return assemble_report(run.documents, frame(totals, run.documents.size(), ctx),
                         [&](const DocumentResult& d, std::size_t i) { return entries(d, i, run, ctx); });
}

}  // namespace wfof
