// Reading web pages and PDFs: content sniffing, the text a reader sees,
// and evidence ranges that map back into the file the user has. Tests of
// a format this build does not read only check that it says so.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

#include "error.hpp"
#include "input/input.hpp"
#include "support.hpp"

using namespace wfof;
using input::Format;

namespace {

std::string message(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return std::string(e.what());
  }
  return "no error";
}

// The view range of the first occurrence of `needle` in the normalised view.
Range find(const Document& d, std::string_view needle) {
  auto at = d.normalised().find(needle);
  BOOST_REQUIRE(at != std::string_view::npos);
  return Range{at, at + needle.size()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(sniffing_by_content_then_extension) {
  BOOST_TEST((input::sniff("a.txt", "Durham Constabulary has made").format == Format::text));
  BOOST_TEST(input::sniff("a.txt", "Durham").warning.empty());
  BOOST_TEST((input::sniff("a.html", "Just text").format == Format::html));
  BOOST_TEST(input::sniff("a.HTM", "<p>x</p>").warning.empty());
  BOOST_TEST((input::sniff("a.pdf", "anything").format == Format::pdf));
  auto html_as_txt = input::sniff("page.txt", "\xEF\xBB\xBF\n  <!DOCTYPE html><html>");
  BOOST_TEST((html_as_txt.format == Format::html));
  BOOST_TEST(html_as_txt.warning == "read as HTML: the content is HTML, although the name ends in .txt");
  auto pdf_as_md = input::sniff("dir.v2/release", "%PDF-1.4\n...");
  BOOST_TEST((pdf_as_md.format == Format::pdf));
  BOOST_TEST(pdf_as_md.warning == "read as PDF: the content is PDF (the name has no extension)");
  // Markdown may open with a comment or a bare '<': still text.
  BOOST_TEST((input::sniff("notes.md", "<!-- draft -->\n# Title").format == Format::text));
  BOOST_TEST((input::sniff("notes.md", "<pending> items").format == Format::text));
  BOOST_TEST((input::sniff("x.pdf", "<html><body>x").format == Format::html));
}

BOOST_AUTO_TEST_CASE(html_text_and_source_offsets) {
  const std::string src =
      "<!DOCTYPE html>\r\n<html><head><title>T</title><style>p{}</style></head><body>\r\n"
      "<nav><a href=/>Home</a></nav><header><p>Site name</p></header>\r\n"
      "<article><header><h1>Kent Police has made\r\n   good progress</h1></header>\r\n"
      "<p>In Kent, HMIC&nbsp;found:</p><ul><li>HMIC&rsquo;s research found <b>two</b> cases &amp; more.</li>\r\n"
      "<li>A policy <!-- c --> exists</li></ul><script>if (a < b && c) {}</script>"
      "<footer>Article footer</footer></article><footer>&copy; Crown</footer></body></html>\r\n";
  if (!input::supported(Format::html)) {
    BOOST_TEST(message([&] { Document::from_file_bytes("p.html", src); }) ==
               "p.html: error: cannot read HTML: this wfof was built without libxml2 (see wfof --version)");
    return;
  }
  Document d = Document::from_file_bytes("p.html", src);
  BOOST_TEST(d.format() == "HTML");
  BOOST_TEST(std::string(d.normalised()) ==
             "Kent Police has made good progress\n\nIn Kent, HMIC found:\n\n"
             "HMIC's research found two cases & more.\nA policy exists\n\nArticle footer");
  // The headline is a heading line, the list items are items.
  BOOST_TEST(d.is_heading_line(0));
  BOOST_TEST(d.is_item_line(find(d, "HMIC's research").begin));
  BOOST_TEST(!d.is_item_line(find(d, "In Kent").begin));
  // A span's source bytes include the entities and markup inside it.
  SourceSpan s = d.to_source(find(d, "HMIC's research found two cases & more."));
  BOOST_TEST(std::string(d.source_text(s)) == "HMIC&rsquo;s research found <b>two</b> cases &amp; more.");
  BOOST_TEST(s.line == 6);
  BOOST_TEST(s.column == 41);
  BOOST_TEST(s.page == 0u);
  // A span ending on an entity ends after it; one across a CRLF covers it.
  BOOST_TEST(std::string(d.source_text(d.to_source(find(d, "HMIC found")))) == "HMIC&nbsp;found");
  BOOST_TEST(std::string(d.source_text(d.to_source(find(d, "made good")))) == "made\r\n   good");
  BOOST_TEST(std::string(d.source_text(d.to_source(find(d, "A policy exists")))) == "A policy <!-- c --> exists");
}

BOOST_AUTO_TEST_CASE(html_that_reads_as_nothing) {
  if (!input::supported(Format::html)) return;
  BOOST_TEST(message([] { Document::from_file_bytes("e.html", "<html><body><script>x</script></body></html>"); }) ==
             "e.html:1:1: error[E005]: document has no text (an HTML page with nothing in its body)");
  BOOST_TEST(message([] { Document::from_file_bytes("u.html", "<p>caf\xC3 ok</p>"); }) ==
             "u.html:1:7: error[E003]: document is not valid UTF-8 at byte offset 6");
}

BOOST_AUTO_TEST_CASE(pdf_pages_lines_and_columns) {
  const std::string path = test::source_path("fixtures/pdf/durham.pdf");
  if (!input::supported(Format::pdf)) {
    BOOST_TEST(message([&] { Document::load(path); }) ==
               path + ": error: cannot read PDF: this wfof was built without Poppler (see wfof --version)");
    return;
  }
  Document d = Document::load(path);
  BOOST_TEST(d.format() == "PDF");
  BOOST_TEST(d.page_starts().size() == 2u);
  BOOST_TEST(d.file_sha256().size() == 64u);
  // Page furniture ("HMIC 2012", "Page 1 of 2") is dropped from the view.
  BOOST_TEST(d.normalised().find("Page 1 of 2") == std::string_view::npos);
  BOOST_TEST(d.normalised().find("HMIC 2012") == std::string_view::npos);
  // The statement runs on across the page break.
  Range across = find(d, "monitor and inspect progress in order");
  SourceSpan s = d.to_source(across);
  BOOST_TEST(s.page == 1u);
  BOOST_TEST(s.end_page == 2u);
  SourceSpan second = d.to_source(find(d, "Notes to editors"));
  BOOST_TEST(second.page == 2u);
  BOOST_TEST(second.line < 20u);  // counted from the top of page 2
  BOOST_TEST(std::string(d.source_text(second)) == "Notes to editors");
  BOOST_TEST(position_text(second) == "page 2, line " + std::to_string(second.line) + ":" + std::to_string(second.column));
}

BOOST_AUTO_TEST_CASE(pdfs_that_cannot_be_read) {
  if (!input::supported(Format::pdf)) return;
  BOOST_TEST(message([] { Document::from_file_bytes("d.pdf", "%PDF-1.4\n1 0 obj\n"); }) ==
             "d.pdf:1:1: error[E029]: cannot read PDF: damaged, or not a PDF file");
  const std::string img = test::source_path("fixtures/bad/documents/image-only.pdf");
  BOOST_TEST(message([&] { Document::load(img); }) ==
             img + ":1:1: error[E029]: cannot read PDF: it has no text to read (1 page of images? a scan needs OCR first)");
  const std::string enc = test::source_path("fixtures/bad/documents/encrypted.pdf");
  BOOST_TEST(message([&] { Document::load(enc); }) == enc + ":1:1: error[E029]: cannot read PDF: it is encrypted and needs a password");
}

BOOST_AUTO_TEST_CASE(formats_described) {
  std::string f = input::describe_formats();
  BOOST_TEST(f.starts_with("text, Markdown, "));
  BOOST_TEST((f.find("no HTML") == std::string::npos) == input::supported(Format::html));
  BOOST_TEST((f.find("no PDF") == std::string::npos) == input::supported(Format::pdf));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(formats_limits)

// A PDF's text can be far larger than the file: --max-file-size bounds it.
BOOST_AUTO_TEST_CASE(pdf_text_over_the_limit) {
  if (!input::supported(Format::pdf)) return;
  const std::string path = test::source_path("fixtures/pdf/durham.pdf");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(message([&] { Document::from_file_bytes(path, bytes, 2000); }) ==
             path + ":1:1: error[E002]: the text of this PDF is over the limit of 2000 bytes by page 1 of 2 (--max-file-size)");
}

BOOST_AUTO_TEST_SUITE_END()
