// A findings document as the matcher sees it: the original bytes, a
// normalised view (Markdown markup removed, quotes/dashes folded, bullets
// recognised, whitespace collapsed), an offset map from the view back to the
// original bytes, and the units rules are scoped to (sections, items,
// paragraphs, sentences).
//
// All ranges held by a Document are half-open byte ranges of the normalised
// view; `to_source` turns one into a span of the original file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wfof {

// Half-open range [begin, end) in the normalised view.
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool contains(std::size_t pos) const { return pos >= begin && pos < end; }
  bool contains(Range r) const { return r.begin >= begin && r.end <= end; }
  std::size_t size() const { return end - begin; }
  bool operator==(const Range&) const = default;
};

// A span of the original file: half-open byte offsets, and 1-based line and
// column (columns count Unicode code points; a leading BOM is not a column).
// For a PDF the "file" is the text extracted from it: offsets are into that
// text, `page` is 1-based and lines count from the top of their page; 0
// means the document has no pages.
struct SourceSpan {
  std::size_t start = 0, end = 0;
  std::size_t line = 0, column = 0, end_line = 0, end_column = 0;
  std::size_t page = 0, end_page = 0;
};

// "3:5", or "page 2, line 3:5" for a paged document: how reports name a
// position.
std::string position_text(const SourceSpan& s);

// A named part of the document found by a profile (headline, findings, ...).
struct Section {
  std::string name;
  Range range;
};

// The units rules are scoped to, for one choice of sections: items,
// paragraphs and sentences never cross a section boundary. A value: the
// structure stage builds one per document; the document itself is never
// changed by it.
struct Units {
  std::vector<Section> sections;  // sorted, non-overlapping
  std::vector<Range> items, paragraphs, sentences;
  // Sentences cut where a contrast or a new statement begins (";", "but",
  // "although", "whereas", "however", ", and the ..."), so that each half
  // keeps its own polarity: "has updated its policy, although staff are
  // unaware of it" is two clauses.
  std::vector<Range> clauses;
};

struct LoadOptions {
  // Documents larger than this are refused with a clear error rather than
  // read: the offset map costs 4 bytes per byte of text.
  std::size_t max_bytes = 64u << 20;
};

class Document {
 public:
  // Reads and normalises the file at `path`. Throws wfof::Error (naming the
  // file, and the byte offset where there is one) for a missing or unreadable
  // path, a directory, an empty file, a file over the size limit, NUL bytes
  // or invalid UTF-8. HTML and PDF files (by content, else by extension)
  // are read as a browser or PDF viewer shows them (document_formats.cpp).
  static Document load(const std::string& path, const LoadOptions& options = {});

  // Same checks, for bytes already in memory; `path` is used in messages.
  // Always plain text (or Markdown).
  static Document from_bytes(std::string path, std::string bytes);
  // Any format: what load() does once it has the bytes. `max_bytes` also
  // bounds the text extracted from a PDF.
  static Document from_file_bytes(std::string path, std::string bytes, std::size_t max_bytes = LoadOptions{}.max_bytes);

  // "text", "HTML" or "PDF": what the file was read as.
  std::string_view format() const { return format_; }
  // Warnings about reading the file (content not matching its name), for
  // the results.
  const std::vector<std::string>& input_warnings() const { return input_warnings_; }
  // SHA-256 of the file's bytes when they are not original() (a PDF,
  // whose original() is its extracted text); else empty.
  const std::string& file_sha256() const { return file_sha256_; }

  const std::string& path() const { return path_; }
  std::string_view original() const { return original_; }
  std::string_view normalised() const { return view_; }
  bool has_bom() const { return bom_; }

  // Maps a range of the normalised view to the original bytes it came from,
  // with lines and columns. Removed markup inside the range stays inside.
  SourceSpan to_source(Range r) const;
  // The original lines of the first and the last character of text in `r`
  // (blank edges left out): what a reader calls a section's lines. {0, 0}
  // when `r` holds no text.
  std::pair<std::size_t, std::size_t> text_lines(Range r) const;
  // Line and column (1-based, code points) of an original byte offset; for
  // a PDF, the line on its page.
  std::pair<std::size_t, std::size_t> line_column(std::size_t offset) const;
  // 1-based page of an original offset; 0 for a document without pages.
  std::size_t page_of(std::size_t offset) const;
  // PDF: original offsets where each page starts; empty otherwise.
  const std::vector<std::size_t>& page_starts() const { return page_starts_; }
  std::string_view source_text(const SourceSpan& s) const {
    return std::string_view(original_).substr(s.start, s.end - s.start);
  }
  std::string_view text(Range r) const { return std::string_view(view_).substr(r.begin, r.size()); }

  // The document's units for these sections (sorted, non-overlapping).
  // Section starts are hard breaks for paragraphs, items and sentences; in
  // a section named in `run_on`, a paragraph that is not a list item has
  // each of its sentences taken as an item (findings written as one run-on
  // paragraph still have findings as units).
  Units segment(std::vector<Section> sections, const std::vector<std::string>& run_on = {}) const;
  // One section, "document", covering everything.
  Units whole() const;

  // Whether the view line starting at `pos` is a list item or a heading.
  bool is_item_line(std::size_t pos) const;
  bool is_heading_line(std::size_t pos) const;
  // View offset of the start of the line holding `pos`, and of its end
  // (the '\n' or the end of the view).
  std::size_t line_begin(std::size_t pos) const;
  std::size_t line_end(std::size_t pos) const;
  // Lines of the original dropped as page furniture ("Page 2 of 3", a
  // running header): 1-based line numbers, for explaining the structure.
  const std::vector<std::size_t>& furniture_lines() const { return furniture_; }

 private:
  Document() = default;
  // Normalises `src` (the original, or the text extracted from it) from
  // byte `from` on; map_ then maps into `src`.
  void normalise(std::string_view src, std::size_t from);
  static Document from_html(std::string path, std::string bytes);
  // The checks every document's bytes pass: not empty, no NUL, UTF-8.
  static void validate(const std::string& path, const std::string& bytes);
  static Document from_pdf(std::string path, std::string bytes, std::size_t max_bytes);

  std::string path_;
  std::string original_;
  bool bom_ = false;
  std::string view_;
  std::vector<std::uint32_t> map_;      // view byte -> original byte
  std::vector<std::size_t> line_starts_;  // original offsets of line starts
  std::vector<std::size_t> bullet_lines_;  // view offsets where an item starts
  std::vector<std::size_t> heading_lines_;  // view offsets of heading lines
  std::vector<std::size_t> furniture_;      // original line numbers dropped
  // Read from HTML: per view byte, where its source bytes end (map_ gives
  // where they start; a decoded "&rsquo;" spans more than its character).
  // Empty for text, where a character's own length says.
  std::vector<std::uint32_t> end_map_;
  std::vector<std::size_t> page_starts_;  // PDF: original offsets of pages
  std::string format_ = "text";
  std::vector<std::string> input_warnings_;
  std::string file_sha256_;  // set when the file is not original_ (PDF)
};

// Splits `text` (one paragraph or item) into sentence ranges relative to it.
// Knows abbreviations ("e.g.", "Mr."), initials, web addresses, times and
// quotes after the full stop; a text with no full stop is one sentence.
std::vector<Range> split_sentences(std::string_view text);

// Splits one sentence into clause ranges relative to it (see Units::clauses).
std::vector<Range> split_clauses(std::string_view sentence);

}  // namespace wfof
