// TEMPORARY: replaced by the real writers (markdown, html, sarif, junit, github).
#include "writers.hpp"
namespace wfof {
std::string write_markdown_document(const RunResult&, const DocumentResult&, const ReportContext&) { return {}; }
std::string write_markdown_summary(const RunResult&, const ReportContext&) { return {}; }
std::string write_html(const RunResult&, const ReportContext&) { return {}; }
std::string write_sarif(const RunResult&, const ReportContext&) { return {}; }
std::string write_junit(const RunResult&, const ReportContext&) { return {}; }
std::string write_github(const RunResult&, const ReportContext&) { return {}; }
}
