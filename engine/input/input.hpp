// The input stage: turns a file as published (a web page, a PDF) into the
// text a reader sees, with where each byte of that text came from, so the
// Document normalises it like any plain-text release and evidence still
// points into the file the user has.
//
// Reading HTML needs libxml2 and reading PDF needs Poppler; both are
// optional at build time (`supported()` says which this build has).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfof::input {

enum class Format { text, html, pdf };

std::string_view name(Format f);  // "text", "HTML", "PDF"

// The format the bytes are, by their content: a PDF header, an HTML
// document's first tag; otherwise by the file's extension (.html, .htm,
// .pdf), else text.
struct Sniffed {
  Format format = Format::text;
  // Set when the content contradicts the extension (HTML saved as .txt, a
  // PDF renamed): the warning the results carry.
  std::string warning;
};
Sniffed sniff(const std::string& path, std::string_view bytes);

// Whether this build can read the format, and, for --version and --help,
// what it reads with: "HTML (libxml2 2.9.14)", "PDF (Poppler 22.12.0)", or
// "no HTML (built without libxml2)".
bool supported(Format f);
std::string describe_formats();

// Text extracted from a file. `text` is UTF-8 with '\n' line ends; list
// items are lines starting "- ", headings lines starting "# " (the markers
// the normaliser already knows), paragraphs are separated by blank lines.
struct Extracted {
  std::string text;
  // HTML: per byte of `text`, the half-open range of source bytes it came
  // from (a character of a text node: its own bytes; a decoded entity: the
  // whole "&rsquo;"; a line break or marker the reader adds: the tag, or
  // the position, it stands for). Empty for PDF, whose offsets are the
  // extracted text's own.
  std::vector<std::uint32_t> begin, end;
  // PDF: offset in `text` where each page starts (the first is 0).
  std::vector<std::size_t> page_starts;
};

// Both throw wfof::Error naming `path` when the input cannot be read
// (for PDF: damaged, encrypted, or with no text layer), or when this build
// lacks the library for it.
Extracted extract_html(const std::string& path, std::string_view bytes);
// A PDF's text can be far larger than the file (compressed streams): past
// `max_text` bytes extraction stops with an error (--max-file-size).
Extracted extract_pdf(const std::string& path, std::string_view bytes, std::size_t max_text = std::size_t(-1));

}  // namespace wfof::input

