// Which format a file is: by content first, since releases are saved and
// renamed carelessly ("page.html" saved as .txt, a PDF without .pdf), then
// by extension.
#include <algorithm>
#include <array>
#include <cctype>

#include "input.hpp"
#include "readers.hpp"

namespace wfof::input {
namespace {

std::string extension_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

Format by_extension(const std::string& ext) {
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::html;
  if (ext == ".pdf") return Format::pdf;
  return Format::text;
}

// WHATWG MIME sniffing's "HTML" patterns (the tags a page starts with),
// after a BOM and whitespace, each followed by a space or '>'. "<!--" is
// left out: Markdown files open with comments too.
bool looks_like_html(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  while (!b.empty() && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r' || b[0] == '\f')) b.remove_prefix(1);
  static constexpr std::array<std::string_view, 17> kTags = {
      "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table",
      "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<meta"};
  for (std::string_view tag : kTags) {
    if (b.size() <= tag.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < tag.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(b[i])) == tag[i];
    if (same && (b[tag.size()] == ' ' || b[tag.size()] == '>' || b[tag.size()] == '\n' || b[tag.size()] == '\t'))
      return true;
  }
  return false;
}

// PDF readers accept the header anywhere in the first 1024 bytes.
bool looks_like_pdf(std::string_view b) { return b.substr(0, 1024).find("%PDF-") != std::string_view::npos; }

}  // namespace

std::string_view name(Format f) {
  switch (f) {
    case Format::text: return "text";
    case Format::html: return "HTML";
    case Format::pdf: return "PDF";
  }
  return "text";
}

Sniffed sniff(const std::string& path, std::string_view bytes) {
  const std::string ext = extension_of(path);
  const Format by_name = by_extension(ext);
  Format by_content = looks_like_pdf(bytes) ? Format::pdf : looks_like_html(bytes) ? Format::html : by_name;
  Sniffed s{by_content, ""};
  if (by_content != by_name && path != "-")
    s.warning = "read as " + std::string(name(by_content)) + ": the content is " + std::string(name(by_content)) +
                (ext.empty() ? std::string(" (the name has no extension)") : ", although the name ends in " + ext);
  return s;
}

bool supported(Format f) {
  switch (f) {
    case Format::text: return true;
    case Format::html: return !html_library().empty();
    case Format::pdf: return !pdf_library().empty();
  }
  return false;
}

std::string describe_formats() {
  std::string out = "text, Markdown";
  out += html_library().empty() ? ", no HTML (built without libxml2)" : ", HTML (" + html_library() + ")";
  out += pdf_library().empty() ? ", no PDF (built without Poppler)" : ", PDF (" + pdf_library() + ")";
  return out;
}

}  // namespace wfof::input
