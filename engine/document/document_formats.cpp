// Documents read from web pages and PDFs. The input stage (input/) gives
// the text a reader sees; it is normalised exactly as a plain-text release
// is (so Markdown-style bullets and headings, hyphenation across lines and
// page furniture are handled by the one normaliser), and the offset maps
// are composed so evidence still points into the file:
//   HTML: view -> extracted text -> HTML source bytes (original_ is the
//         HTML source; lines and columns are the source's);
//   PDF:  original_ is the extracted text itself (a PDF's bytes are no
//         place to point into), with the page each offset is on.
#include <algorithm>

#include "document.hpp"
#include "error.hpp"
#include "input/input.hpp"
#include "sha256.hpp"

namespace wfof {
namespace {

// Original offsets of line starts (LF, CRLF and CR end a line), as the
// normaliser counts them.
std::vector<std::size_t> line_starts_of(std::string_view s) {
  std::vector<std::size_t> out{0};
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    if (s[i] == '\n' || s[i] == '\r') out.push_back(i + 1);
  }
  return out;
}

}  // namespace

Document Document::from_file_bytes(std::string path, std::string bytes, std::size_t max_bytes) {
  if (bytes.empty()) throw Error(Diagnostic{path, 1, 1, "document is empty", Code::E005});
  input::Sniffed s = input::sniff(path, bytes);
  Document d = s.format == input::Format::html  ? from_html(std::move(path), std::move(bytes))
               : s.format == input::Format::pdf ? from_pdf(std::move(path), std::move(bytes), max_bytes)
                                                : from_bytes(std::move(path), std::move(bytes));
  if (!s.warning.empty()) d.input_warnings_.push_back(std::move(s.warning));
  return d;
}

Document Document::from_html(std::string path, std::string bytes) {
  validate(path, bytes);  // offsets are into these bytes: UTF-8, whatever the page declares
  input::Extracted ex = input::extract_html(path, bytes);
  Document d;
  d.path_ = std::move(path);
  d.original_ = std::move(bytes);
  d.format_ = "HTML";
  d.bom_ = d.original_.size() >= 3 && d.original_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (d.original_.size() > 0xFFFFFFF0u) throw Error(Diagnostic{d.path_, 1, 1, "document is too large for the offset map", Code::E002});
  d.normalise(ex.text, 0);
  // normalise() mapped the view into the extracted text: compose with the
  // extracted text's map into the source.
  d.end_map_.resize(d.map_.size());
  for (std::size_t i = 0; i < d.map_.size(); ++i) {
    const std::uint32_t k = d.map_[i];
    d.map_[i] = ex.begin[k];
    d.end_map_[i] = ex.end[k];
  }
  // Furniture lines were counted in the extracted text; name them by the
  // source lines they came from.
  const std::vector<std::size_t> extracted_lines = std::move(d.line_starts_);
  d.line_starts_ = line_starts_of(d.original_);
  for (std::size_t& l : d.furniture_)
    if (l >= 1 && l <= extracted_lines.size() && extracted_lines[l - 1] < ex.begin.size())
      l = d.line_column(ex.begin[extracted_lines[l - 1]]).first;
  if (d.view_.find_first_not_of(" \n") == std::string::npos)
    throw Error(Diagnostic{d.path_, 1, 1, "document has no text (an HTML page with nothing in its body)", Code::E005});
  return d;
}

Document Document::from_pdf(std::string path, std::string bytes, std::size_t max_bytes) {
  input::Extracted ex = input::extract_pdf(path, bytes, max_bytes);
  const std::string digest = sha256_hex(bytes);
  Document d = from_bytes(std::move(path), std::move(ex.text));
  d.format_ = "PDF";
  d.page_starts_ = std::move(ex.page_starts);
  d.file_sha256_ = digest;
  return d;
}

}  // namespace wfof
