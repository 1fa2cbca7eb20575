// Reading a PDF: Poppler's C++ API extracts each page's text. Physical
// layout keeps what the normaliser needs of the page: one line of text per
// printed line, a blank line where a paragraph ends, bullets and numbers at
// the start of their lines, running headers and "Page N of M" as lines of
// their own (the normaliser drops those as page furniture and joins words
// hyphenated at line ends). Releases are set in one column, which physical
// layout reads in order; Poppler's reading-order mode splits bullets from
// their text and loses the paragraph breaks.
// Built as the module wfof-pdf.so (module.hpp), loaded when a PDF is first
// read.
#include "module.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <memory>
#include <mutex>

namespace wfof::input {
namespace {

std::string library() { return "Poppler " + poppler::version_string(); }

// What stops the read, said once where it is found.
struct Stop {
  ReadFailure failure;
};

Extracted read(std::string_view bytes, std::size_t max_text) {
  // Poppler's global state (fonts, its error hook) is shared by every
  // document: one PDF at a time, and its complaints kept off stderr (the
  // error that matters is ours, naming the file).
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  auto fail = [](const std::string& why) { return Stop{{"cannot read PDF: " + why, Code::E029}}; };
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) throw fail("too large");
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    // Poppler says only "could not load"; an encrypted file is the common
    // case worth naming.
    if (bytes.find("/Encrypt") != std::string_view::npos) throw fail("it is encrypted and needs a password");
    throw fail("damaged, or not a PDF file");
  }
  if (doc->is_locked()) throw fail("it is encrypted and needs a password");
  Extracted out;
  const int pages = doc->pages();
  if (pages <= 0) throw fail("it has no pages");
  for (int i = 0; i < pages; ++i) {
    out.page_starts.push_back(out.text.size());
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) throw fail("page " + std::to_string(i + 1) + " is damaged");
    poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text(utf8.begin(), utf8.end());
    // A page ends with a form feed: the page break is kept in page_starts.
    // Other control characters (a NUL from a broken font map) are spaces.
    while (!text.empty() && (text.back() == '\f' || text.back() == '\n')) text.pop_back();
    for (char& c : text)
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') c = ' ';
    out.text += text;
    out.text += '\n';
    if (out.text.size() > max_text)
      throw Stop{{"the text of this PDF is over the limit of " + std::to_string(max_text) + " bytes by page " +
                      std::to_string(i + 1) + " of " + std::to_string(pages) + " (--max-file-size)",
                  Code::E002}};
  }
  bool any = false;
  for (char c : out.text) any = any || (c != ' ' && c != '\n' && c != '\t');
  if (!any)
    throw fail("it has no text to read (" + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
               " of images? a scan needs OCR first)");
  return out;
}

bool extract(std::string_view bytes, std::size_t max_text, Extracted& out, ReadFailure& failure) {
  try {
    out = read(bytes, max_text);
    return true;
  } catch (const Stop& s) {
    failure = s.failure;
    return false;
  }
}

}  // namespace
}  // namespace wfof::input

extern "C" __attribute__((visibility("default"))) const wfof::input::ReaderModule* wfof_reader_module() {
  static const wfof::input::ReaderModule m{wfof::input::ReaderModule::kAbi, &wfof::input::library, &wfof::input::extract};
  return &m;
}
