// The output formats: each is a Writer, registered once in registry.cpp
// with its name, file extension, whether it can be written a document at a
// time, and a line for --help. Everything that offers formats (check
// --format, --report-dir, wfof report, the config file, completions) asks
// the registry, so a new format is one new file and one registration.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "writers.hpp"

namespace wfof {

struct WriterInfo {
  std::string_view name;         // as --format takes it, lower case
  std::string_view extension;    // of its file: ".json", ".junit.xml", ...
  // Its file in --report-dir (the Markdown summary is README.md, so a
  // code-hosting site shows it for the folder).
  std::string_view report_file;
  // Written a document at a time (frame() and entries()), so a run need
  // not hold every document's results; else only whole (write()).
  bool streamable = false;
  std::string_view description;  // one line, for --help
  // The frame's text before its first per-document array does not depend
  // on the run's totals (frame(totals) and frame(head) begin alike), so
  // that array can go to the report file as documents are checked, and
  // the report is written once rather than copied from a temporary file.
  bool fixed_head = false;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual const WriterInfo& info() const = 0;
  // The whole report for `run`.
  virtual std::string write(const RunResult& run, const ReportContext& ctx) const = 0;
  // Streamable writers: the report's frame for a run with `totals`, whose
  // documents are each document's summary_of() (`documents` of them; the
  // frame reads nothing else of a document)...
  virtual ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext& ctx) const;
  // ...and the entries of the document at `index`, for a run whose head
  // (version, checklist) is `head`. Called from any thread.
  virtual ReportEntries entries(const DocumentResult& doc, std::size_t index, const RunResult& head,
                                const ReportContext& ctx) const;
  // Writers that also give one report per document (--report-dir writes it
  // as the document's name plus the extension): that report.
  virtual bool per_document() const { return false; }
  virtual std::string write_document(const RunResult& run, const DocumentResult& doc, const ReportContext& ctx) const;
};

// What a frame may read of a document: its path, subject, counts, and the
// items that are not a pass (id, verdict, basis, waiver; not the rules),
// without its rule results, metrics, text, sections or warnings, so that a
// run keeps only this of each document in memory (under 1 KB), and only
// when a frame reads it (the Markdown summary's items with the most gaps).
// What a report shows of each document is its entries, rendered as it is
// checked.
DocumentResult summary_of(const DocumentResult& d);

// A streamable writer: write() assembles frame() and entries().
class StreamedWriter : public Writer {
 public:
  std::string write(const RunResult& run, const ReportContext& ctx) const override;
};

// Every format, in the order --help lists them.
const std::vector<const Writer*>& writers();

// The writer named `name`, compared without regard to case; nullptr if none.
const Writer* find_writer(std::string_view name);

// "text, json, ..." (for messages), and the names alone.
std::string writer_names(std::string_view separator = ", ");
std::vector<std::string_view> writer_name_list();

}  // namespace wfof
