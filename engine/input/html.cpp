// Reading a web page: libxml2's HTML parser builds the tree (recovering
// from malformed markup as browsers do), and the text is what a browser
// shows of the body, laid out as the normaliser expects plain text.
//
// libxml2 records no byte offsets, so each text node is found again in the
// source: nodes come in source order (libxml2's HTML parser does not
// reorder content), and between two text nodes the source holds only
// markup, or whitespace the parser dropped. Matching a node's decoded text
// against the source decodes character references the same way, so every
// byte of the text knows the source bytes it came from.
// Built as the module wfof-html.so (module.hpp), loaded when a web page is
// first read.
#include "module.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>

namespace wfof::input {
namespace {

std::string library() { return std::string("libxml2 ") + LIBXML_DOTTED_VERSION; }

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// How an element is laid out.
enum class Layout { inline_, block, item, heading, line_break, cell, row, hidden };

Layout layout_of(std::string_view n, bool in_landmark) {
  static constexpr std::array<std::string_view, 11> kHidden = {
      "script", "style", "noscript", "template", "head", "nav", "svg", "math", "iframe", "object", "select"};
  static constexpr std::array<std::string_view, 32> kBlock = {
      "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
      "dl", "dt", "fieldset", "figcaption", "figure", "form", "hgroup", "hr", "main", "menu", "ol", "p",
      "pre", "section", "summary", "table", "ul", "caption", "legend", "header", "footer"};
  if (std::find(kHidden.begin(), kHidden.end(), n) != kHidden.end()) return Layout::hidden;
  // The page's banner and footer (site name, breadcrumbs, copyright) are
  // not the release; an <article>'s own <header> holds its headline. The
  // landmark rule of HTML-AAM: only a header or footer outside article,
  // aside, main, nav and section is the page's.
  if ((n == "header" || n == "footer") && !in_landmark) return Layout::hidden;
  if (n == "li") return Layout::item;
  if (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6') return Layout::heading;
  if (n == "br") return Layout::line_break;
  if (n == "td" || n == "th") return Layout::cell;
  if (n == "tr") return Layout::row;
  if (std::find(kBlock.begin(), kBlock.end(), n) != kBlock.end()) return Layout::block;
  return Layout::inline_;
}

class Reader {
 public:
  explicit Reader(std::string_view src) : src_(src) {}

  Extracted take() { return std::move(out_); }

  void walk(xmlNode* parent, bool hidden, bool raw, bool pre, bool in_landmark) {
    for (xmlNode* n = parent->children; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        std::string_view t = n->content ? reinterpret_cast<const char*>(n->content) : "";
        // Every text node is found in the source, shown or not, so the
        // source cursor passes scripts and styles with their '<' and '&'.
        locate(t, raw || n->type == XML_CDATA_SECTION_NODE);
        if (!hidden) emit_text(t, pre);
      } else if (n->type == XML_ELEMENT_NODE && n->name) {
        std::string name(reinterpret_cast<const char*>(n->name));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        Layout l = layout_of(name, in_landmark);
        bool child_hidden = hidden || l == Layout::hidden;
        if (!child_hidden) open(l);
        bool landmark = in_landmark || name == "article" || name == "aside" || name == "main" || name == "section";
        walk(n, child_hidden, name == "script" || name == "style", pre || name == "pre", landmark);
        if (!child_hidden) close(l);
      }
    }
  }

 private:
  // --- finding text in the source -------------------------------------

  // Source bytes of the next text node: a byte range per byte of `t`.
  void locate(std::string_view t, bool raw) {
    pos_b_.assign(t.size(), static_cast<std::uint32_t>(cur_));
    pos_e_.assign(t.size(), static_cast<std::uint32_t>(cur_));
    if (t.empty()) return;
    std::size_t p = cur_;
    // Skip markup and whitespace the parser dropped, trying at each step.
    for (int steps = 0; p < src_.size() && steps < 1 << 16; ++steps) {
      if (align(t, p, raw)) return;
      if (src_[p] == '<') {
        std::size_t after = skip_markup(p);
        if (after > p) {
          p = after;
          continue;
        }
      }
      if (!is_ws(src_[p])) break;
      ++p;
    }
    // Not found where expected (a parser repair moved it): search for it
    // further on; failing that, its bytes point at the cursor.
    std::size_t k = 0;
    while (k < t.size() && is_ws(t[k])) ++k;
    std::string_view probe = t.substr(k, 24);
    if (probe.empty() || probe.find('&') != std::string_view::npos) return;
    // A few tries only: a page repeating one phrase must not cost n^2.
    int tries = 0;
    for (std::size_t at = src_.find(probe, cur_); at != std::string_view::npos && tries < 16;
         at = src_.find(probe, at + 1), ++tries)
      if (align(t, at, raw, k)) return;  // the node's leading whitespace point at its text
    pos_b_.assign(t.size(), static_cast<std::uint32_t>(cur_));
    pos_e_.assign(t.size(), static_cast<std::uint32_t>(cur_));
  }

  // A tag, comment, doctype or processing instruction at src_[p] ('<'):
  // returns the offset after it, or p when '<' is literal text.
  std::size_t skip_markup(std::size_t p) const {
    std::string_view rest = src_.substr(p);
    if (rest.starts_with("<!--")) {
      std::size_t e = src_.find("-->", p + 4);
      return e == std::string_view::npos ? src_.size() : e + 3;
    }
    if (rest.size() < 2) return p;
    char c = rest[1];
    bool tag = std::isalpha(static_cast<unsigned char>(c)) || c == '/' || c == '!' || c == '?';
    if (!tag) return p;
    char quote = 0;
    for (std::size_t i = p + 1; i < src_.size(); ++i) {
      char ch = src_[i];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        // Quotes delimit attribute values only after '='.
        std::size_t b = i;
        while (b > p && is_ws(src_[b - 1])) --b;
        if (src_[b - 1] == '=') quote = ch;
      } else if (ch == '>') {
        return i + 1;
      }
    }
    return src_.size();
  }

  // A character reference at src_[q] ('&'): its decoded UTF-8 and length,
  // as libxml2 decodes it (named references need their ';').
  bool reference(std::size_t q, std::string& decoded, std::size_t& len) const {
    std::size_t i = q + 1;
    unsigned cp = 0;
    if (i < src_.size() && src_[i] == '#') {
      ++i;
      bool hex = i < src_.size() && (src_[i] == 'x' || src_[i] == 'X');
      if (hex) ++i;
      std::size_t d = i;
      while (i < src_.size() && (hex ? std::isxdigit(static_cast<unsigned char>(src_[i])) : std::isdigit(static_cast<unsigned char>(src_[i])))) {
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(src_[i])) ? src_[i] - '0' : (std::tolower(static_cast<unsigned char>(src_[i])) - 'a' + 10));
        if (cp > 0x10FFFF) return false;
        ++i;
      }
      if (i == d) return false;
      if (i < src_.size() && src_[i] == ';') ++i;
    } else {
      std::size_t b = i;
      while (i < src_.size() && i - b < 32 && std::isalnum(static_cast<unsigned char>(src_[i]))) ++i;
      if (i == b || i >= src_.size() || src_[i] != ';') return false;
      std::string name(src_.substr(b, i - b));
      const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
      if (!e) return false;
      cp = e->value;
      ++i;
    }
    decoded.clear();
    append_utf8(decoded, cp);
    len = i - q;
    return true;
  }

  // Whether `t` (from its byte `from` on) is the text of the source at
  // `p`; fills pos_b_/pos_e_ and moves the cursor past it when it is.
  bool align(std::string_view t, std::size_t p, bool raw, std::size_t from = 0) {
    std::size_t q = p;
    std::string decoded;
    for (std::size_t i = 0; i < from; ++i) set(i, p, p);
    for (std::size_t i = from; i < t.size();) {
      if (q >= src_.size()) return false;
      const char s = src_[q];
      std::size_t ref_len = 0;
      if (!raw && s == '&' && reference(q, decoded, ref_len) && t.compare(i, decoded.size(), decoded) == 0) {
        for (std::size_t k = 0; k < decoded.size(); ++k) set(i + k, q, q + ref_len);
        i += decoded.size();
        q += ref_len;
      } else if (s == '\r' && t[i] == '\n') {  // the parser reads CRLF and CR as LF
        std::size_t l = q + 1 < src_.size() && src_[q + 1] == '\n' ? 2 : 1;
        set(i, q, q + l);
        ++i;
        q += l;
      } else if (s == t[i]) {
        std::size_t l = utf8_len(static_cast<unsigned char>(s));
        if (t.compare(i, l, src_.substr(q, l)) != 0) return false;
        for (std::size_t k = 0; k < l; ++k) set(i + k, q, q + l);
        i += l;
        q += l;
      } else if (std::size_t after = raw || s != '<' ? q : skip_markup(q); after > q) {
        // A tag the parser ignored (a stray "</div>") sits inside the
        // text it joined on either side.
        q = after;
      } else {
        return false;
      }
    }
    cur_ = q;
    return true;
  }

  void set(std::size_t i, std::size_t b, std::size_t e) {
    pos_b_[i] = static_cast<std::uint32_t>(b);
    pos_e_[i] = static_cast<std::uint32_t>(e);
  }

  // --- laying out the text ---------------------------------------------

  void open(Layout l) {
    switch (l) {
      case Layout::block: need_newlines(2); break;
      case Layout::row: need_newlines(1); break;
      case Layout::line_break: need_newlines(1); break;
      case Layout::item: need_newlines(1); marker_ = "- "; break;
      case Layout::heading: need_newlines(2); marker_ = "# "; break;
      case Layout::cell: space_owed_ = true; space_b_ = space_e_ = static_cast<std::uint32_t>(cur_); break;
      default: break;
    }
  }
  void close(Layout l) {
    if (l == Layout::block || l == Layout::heading) need_newlines(2);
    if (l == Layout::item || l == Layout::row) need_newlines(1);
    if (l == Layout::item || l == Layout::heading) marker_.clear();  // an empty item or heading: nothing to mark
  }
  void need_newlines(int n) { newlines_ = std::max(newlines_, n); }

  void push(char c, std::uint32_t b, std::uint32_t e) {
    out_.text.push_back(c);
    out_.begin.push_back(b);
    out_.end.push_back(e);
  }

  // What is owed before the next visible character (whose source offset is
  // `at`): line breaks, a list or heading marker, a collapsed space.
  void settle(std::uint32_t at) {
    if (newlines_ > 0 && !out_.text.empty()) {
      // A line break stands where the text before it ended.
      std::uint32_t end = out_.end.back();
      int have = 0;
      for (auto it = out_.text.rbegin(); it != out_.text.rend() && *it == '\n'; ++it) ++have;
      for (int k = have; k < newlines_; ++k) push('\n', end, end);
      space_owed_ = false;
    }
    newlines_ = 0;
    if (!marker_.empty()) {  // stands where the item's text starts
      for (char c : marker_) push(c, at, at);
      marker_.clear();
      space_owed_ = false;
    }
    if (space_owed_) {
      if (!out_.text.empty() && out_.text.back() != '\n' && out_.text.back() != ' ') push(' ', space_b_, space_e_);
      space_owed_ = false;
    }
  }

  void emit_text(std::string_view t, bool pre) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (pre && c == '\n') {
        need_newlines(1);
        // Consecutive breaks in <pre> are blank lines: keep them.
        if (!out_.text.empty() && out_.text.back() == '\n') push('\n', pos_b_[i], pos_e_[i]);
        continue;
      }
      if (is_ws(c) && !(pre && c == ' ')) {
        if (!space_owed_) {
          space_b_ = pos_b_[i];
          space_e_ = pos_e_[i];
        }
        space_owed_ = true;
        continue;
      }
      settle(pos_b_[i]);
      push(c, pos_b_[i], pos_e_[i]);
    }
  }

  std::string_view src_;
  std::size_t cur_ = 0;  // source offset after the last text node found
  std::vector<std::uint32_t> pos_b_, pos_e_;  // per byte of the current node
  Extracted out_;
  int newlines_ = 0;
  std::string marker_;
  bool space_owed_ = false;
  std::uint32_t space_b_ = 0, space_e_ = 0;
};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

bool extract(std::string_view bytes, std::size_t, Extracted& result, ReadFailure& failure) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });  // once, before threads parse
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    failure = {"cannot read HTML: too large", Code::E002};
    return false;
  }
  // UTF-8 whatever the page declares: offsets are into the bytes as they
  // are (the Document has checked they are UTF-8). RECOVER reads broken
  // markup as browsers do; NONET never fetches anything.
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8",
                                                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                                          HTML_PARSE_NONET));
  if (!doc) {
    failure = {"cannot read HTML: the parser could not build a document", Code::E029};
    return false;
  }
  Reader r(bytes);
  r.walk(reinterpret_cast<xmlNode*>(doc.get()), false, false, false, false);
  Extracted out = r.take();
  while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) {
    out.text.pop_back();
    out.begin.pop_back();
    out.end.pop_back();
  }
  result = std::move(out);
  return true;
}

}  // namespace
}  // namespace wfof::input

extern "C" __attribute__((visibility("default"))) const wfof::input::ReaderModule* wfof_reader_module() {
  static const wfof::input::ReaderModule m{wfof::input::ReaderModule::kAbi, &wfof::input::library, &wfof::input::extract};
  return &m;
}
