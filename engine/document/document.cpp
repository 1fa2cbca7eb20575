#include "document.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <tuple>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.hpp"
#include "error.hpp"
#include "utf8.hpp"

namespace wfof {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_alnum(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// What an original character becomes in the normalised view.
enum class Fold { keep, drop, space, single_quote, double_quote, dash };

Fold fold_of(char32_t cp) {
  switch (cp) {
    case U'\u2018': case U'\u2019': case U'\u201A': case U'\u201B': case U'\u2032': case U'`':
      return Fold::single_quote;
    case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F': case U'\u2033': case U'\u00AB':
    case U'\u00BB':
      return Fold::double_quote;
    case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2015':
    case U'\u2212':
      return Fold::dash;
    case U'\u00A0': case U'\u2002': case U'\u2003': case U'\u2009': case U'\u202F': case U'\t':
      return Fold::space;
    case U'\u200B': case U'\u200C': case U'\u200D': case U'\uFEFF': case U'\u00AD':
      return Fold::drop;
    default:
      return Fold::keep;
  }
}

bool is_bullet_glyph(char32_t cp) {
  return cp == U'-' || cp == U'*' || cp == U'+' || cp == U'\u2022' || cp == U'\uF0B7' ||
         cp == U'\u25AA' || cp == U'\u25CF' || cp == U'\u2023' || cp == U'\u00B7' || cp == U'\u2013';
}

// ASCII that the inline pass copies unchanged: not a space, not markup
// ('*', '_', '[', '`'), not the start of a multi-byte character.
bool plain_ascii(unsigned char c) { return c > ' ' && c < 0x80 && c != '*' && c != '_' && c != '[' && c != '`'; }

enum class LineKind { plain, heading, bullet };
struct LineStart {
  LineKind kind = LineKind::plain;
  std::size_t content = 0;  // where the line's text starts, after any marker
};

bool space_at(std::string_view src, std::size_t k, std::size_t le) {
  if (k >= le) return false;
  auto c = static_cast<unsigned char>(src[k]);
  return is_space(c) || (c >= 0x80 && fold_of(utf8::decode(src, k)) == Fold::space);
}

// Recognises a Markdown heading marker, a bullet glyph or a list number
// ("1.", "2)") followed by whitespace at src[i] (the line's first non-space).
LineStart classify_line(std::string_view src, std::size_t i, std::size_t le) {
  std::size_t h = i;
  while (h < le && src[h] == '#' && h - i < 6) ++h;
  if (h > i && (h == le || is_space(static_cast<unsigned char>(src[h])))) return {LineKind::heading, h};
  char32_t cp = utf8::decode(src, i);
  std::size_t after = i + utf8::seq_len(static_cast<unsigned char>(src[i]));
  if (is_bullet_glyph(cp) && space_at(src, after, le) && !(cp == U'*' && after < le && src[after] == '*'))
    return {LineKind::bullet, after};
  std::size_t k = i;
  while (k < le && k - i < 3 && std::isdigit(static_cast<unsigned char>(src[k]))) ++k;
  if (k > i && k < le && (src[k] == '.' || src[k] == ')') && space_at(src, k + 1, le)) return {LineKind::bullet, k + 1};
  // "(a) ", "(iv) ", "a) ": lettered and roman-numbered lists.
  k = i + (src[i] == '(' ? 1 : 0);
  std::size_t letters = k;
  while (letters < le && letters - k < 4 && std::islower(static_cast<unsigned char>(src[letters]))) ++letters;
  if (letters > k && letters < le && src[letters] == ')' && (letters - k == 1 || src[i] == '(') &&
      space_at(src, letters + 1, le))
    return {LineKind::bullet, letters + 1};
  return {LineKind::plain, i};
}

// Page furniture a text extractor leaves inside the prose: page numbers
// ("Page 2 of 3", "- 2 -", "2/3", a bare number) and short lines with no
// lower-case word ("HMIC 2012"), and short lines repeated as running
// headers or footers. `line` is trimmed.
bool page_number_line(std::string_view line) {
  auto digits = [&](std::size_t& k) {
    std::size_t b = k;
    while (k < line.size() && std::isdigit(static_cast<unsigned char>(line[k]))) ++k;
    return k > b;
  };
  auto lit = [&](std::size_t& k, std::string_view w) {
    if (line.size() - k < w.size()) return false;
    for (std::size_t j = 0; j < w.size(); ++j)
      if (std::tolower(static_cast<unsigned char>(line[k + j])) != w[j]) return false;
    k += w.size();
    return true;
  };
  std::size_t k = 0;
  if (lit(k, "page ")) {
    if (!digits(k)) return false;
    if (k == line.size()) return true;
    return lit(k, " of ") && digits(k) && k == line.size();
  }
  k = 0;
  if (lit(k, "- ") || lit(k, "-")) {
    if (!digits(k)) return false;
    return (lit(k, " -") || lit(k, "-")) && k == line.size();
  }
  k = 0;
  if (!digits(k)) return false;
  if (k == line.size()) return true;
  if (lit(k, "/") || lit(k, " of ") || lit(k, " / ")) return digits(k) && k == line.size();
  return false;
}

bool shouting_line(std::string_view line) {
  // At most four words, none with a lower-case letter, at least one digit:
  // "HMIC 2012", "OFFICIAL 2/3".
  // A phone number ("07836 217 729.") has no letter and is not furniture.
  std::size_t words = 1;
  bool digit = false, upper = false;
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if (c == ' ') ++words;
    else if (std::islower(u) || u >= 0x80) return false;
    digit = digit || std::isdigit(u);
    upper = upper || std::isupper(u);
  }
  return digit && upper && words <= 4 && line.back() != '.';
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Prefixes whose hyphen is part of the word, kept when a word hyphenated at
// a line break is joined ("anti-<LF>corruption" is "anti-corruption",
// "corrup-<LF>tion" is "corruption").
bool keeps_hyphen(std::string_view fragment) {
  static constexpr std::array<std::string_view, 22> kKeep = {
      "anti", "counter", "self", "co", "non", "pre", "post", "well", "ill", "cross", "multi",
      "inter", "ex", "vice", "semi", "mid", "high", "low", "full", "part", "long", "short"};
  std::string lower;
  for (char c : fragment) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kKeep.begin(), kKeep.end(), lower) != kKeep.end();
}

}  // namespace

Document Document::load(const std::string& path, const LoadOptions& options) {
  // One open and one fstat: a corpus is tens of thousands of small files.
  // O_NONBLOCK so that a FIFO is refused rather than waited on.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR || e == ELOOP)
      throw Error(Diagnostic{path, 0, 0, "cannot read document: no such file", Code::E001});
    throw Error(Diagnostic{path, 0, 0, std::string("cannot read document: ") + std::strerror(e), Code::E001});
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw Error(Diagnostic{path, 0, 0, std::string("cannot read document: ") + std::strerror(errno), Code::E001});
  if (S_ISDIR(st.st_mode)) throw Error(Diagnostic{path, 0, 0, "cannot read document: is a directory", Code::E001});
  if (!S_ISREG(st.st_mode)) throw Error(Diagnostic{path, 0, 0, "cannot read document: not a regular file", Code::E001});
  auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > options.max_bytes)
    throw Error(Diagnostic{path, 1, 1,
                           "document is " + std::to_string(size) + " bytes, over the limit of " +
                               std::to_string(options.max_bytes) + " bytes (--max-file-size)", Code::E002});
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t r = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw Error(Diagnostic{path, 0, 0, std::string("cannot read document: ") + std::strerror(errno), Code::E001});
    if (r == 0) throw Error(Diagnostic{path, 0, 0, "cannot read document: short read", Code::E001});
    got += static_cast<std::size_t>(r);
  }
  return from_file_bytes(path, std::move(bytes), options.max_bytes);
}

void Document::validate(const std::string& path, const std::string& bytes) {
  if (bytes.empty()) throw Error(Diagnostic{path, 1, 1, "document is empty", Code::E005});
  // The line and column (in code points) of a bad byte, as for YAML files.
  auto at = [&](std::size_t offset, std::string message, Code code) {
    const std::size_t start = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t from = start == std::string::npos || offset == 0 ? 0 : start + 1;
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(from), '\n'));
    return Error(Diagnostic{path, line, utf8::count_code_points(std::string_view(bytes).substr(from, offset - from)) + 1,
                            std::move(message), code});
  };
  const auto bad = utf8::first_invalid(bytes);
  if (auto nul = bytes.find('\0'); nul != std::string::npos && (!bad || nul < *bad))
    throw at(nul, "document contains a NUL byte at byte offset " + std::to_string(nul) + " (binary file?)", Code::E004);
  if (bad) throw at(*bad, "document is not valid UTF-8 at byte offset " + std::to_string(*bad), Code::E003);
}

Document Document::from_bytes(std::string path, std::string bytes) {
  validate(path, bytes);
  Document d;
  d.path_ = std::move(path);
  d.original_ = std::move(bytes);
  d.bom_ = d.original_.size() >= 3 && d.original_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (d.original_.size() > 0xFFFFFFF0u)
    throw Error(Diagnostic{d.path_, 1, 1, "document is too large for the offset map", Code::E002});
  d.normalise(d.original_, d.bom_ ? 3 : 0);
  if (d.view_.find_first_not_of(" \n") == std::string::npos)
    throw Error(Diagnostic{d.path_, 1, 1, "document has no text", Code::E005});
  return d;
}

// Where the line that `from` is on ends: the next LF or CR. Most releases
// have no CR at all, so the next CR is looked for once and remembered, and
// each line's end is one memchr.
class LineEnds {
 public:
  explicit LineEnds(std::string_view s) : s_(s) {}
  std::size_t from(std::size_t p) {
    if (p >= s_.size()) return s_.size();
    if (!known_ || cr_ < p) cr_ = find('\r', p), known_ = true;
    return std::min(find('\n', p), cr_);
  }

 private:
  std::size_t find(char c, std::size_t p) const {
    const void* at = std::memchr(s_.data() + p, c, s_.size() - p);
    return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s_.data()) : s_.size();
  }
  std::string_view s_;
  std::size_t cr_ = 0;  // the next CR at or after the last lookup (size(): none)
  bool known_ = false;
};

// One pass over the original lines. Each output byte records the original
// byte it came from, so spans can be mapped back exactly.
void Document::normalise(std::string_view src, std::size_t from) {
  const std::size_t n = src.size();
  view_.clear();
  map_.clear();
  view_.reserve(n);
  map_.reserve(n);
  auto emit = [&](char c, std::size_t from) {
    view_.push_back(c);
    map_.push_back(static_cast<std::uint32_t>(from));
  };

  std::size_t pos = from;
  line_starts_.assign(1, 0);
  bool pending_blank = false;  // a blank line is owed before the next text
  bool last_was_heading = false;
  bool after_furniture = false;  // a furniture line was dropped since the last text

  // Furniture: page numbers and short upper-case lines by their form; other
  // short lines (six words at most, no full stop) when they occur twice or
  // more, as running headers and footers do. One cheap pass over the lines.
  std::vector<char> furniture;  // per original line
  {
    std::unordered_map<std::string_view, int> seen;
    std::vector<std::pair<std::size_t, std::string_view>> shorts;
    std::size_t p = pos, line = 0;
    LineEnds ends(src);
    while (p <= n) {
      const std::size_t e = ends.from(p);
      std::string_view t = trim_ws(src.substr(p, e - p));
      furniture.push_back(0);
      if (!t.empty() && t.size() <= 48) {
        LineStart ls = classify_line(src, static_cast<std::size_t>(t.data() - src.data()), e);
        if (page_number_line(t)) {
          furniture[line] = 1;  // "- 3 -" looks like a bullet but is a page number
        } else if (ls.kind == LineKind::plain) {
          if (shouting_line(t)) furniture[line] = 1;
          else if (std::count(t.begin(), t.end(), ' ') < 6 && t.back() != '.' && t.back() != ':' && t.back() != '"') {
            ++seen[t];
            shorts.emplace_back(line, t);
          }
        }
      }
      if (e >= n) break;
      p = e + ((src[e] == '\r' && e + 1 < n && src[e + 1] == '\n') ? 2 : 1);
      ++line;
    }
    for (const auto& [l, t] : shorts)
      if (seen[t] >= 2) furniture[l] = 1;
  }
  std::size_t line_no = 0;

  LineEnds ends(src);
  while (pos <= n) {
    // Find this line's end and the next line's start (LF, CRLF or CR).
    const std::size_t le = ends.from(pos);
    std::size_t next = le;
    if (next < n) next += (src[next] == '\r' && next + 1 < n && src[next + 1] == '\n') ? 2 : 1;
    const bool last = le >= n;

    std::size_t i = pos;
    // Leading whitespace (including folded spaces) is indentation.
    auto skip_ws = [&] {
      while (i < le) {
        auto c = static_cast<unsigned char>(src[i]);
        if (is_space(c)) { ++i; continue; }
        if (c >= 0x80) {
          Fold f = fold_of(utf8::decode(src, i));
          if (f == Fold::space || f == Fold::drop) { i += utf8::seq_len(c); continue; }
        }
        break;
      }
    };
    skip_ws();
    const bool dropped = line_no < furniture.size() && furniture[line_no];
    ++line_no;
    if (dropped) {
      furniture_.push_back(line_no);
      after_furniture = true;
    } else if (i >= le) {  // blank line
      if (!view_.empty()) pending_blank = true;
    } else {
      const LineStart ls = classify_line(src, i, le);
      const bool lower_start = ls.kind == LineKind::plain && std::islower(static_cast<unsigned char>(src[i]));
      // Text that runs on across dropped page furniture is one paragraph:
      // the blank lines around a page break are not a paragraph break when
      // the text before stops mid-sentence and the text after goes on in
      // lower case.
      if (after_furniture && pending_blank && lower_start && view_.size() >= 2) {
        char before = view_[view_.size() - 2];
        if (before != '.' && before != '!' && before != '?' && before != ':' && before != '"') pending_blank = false;
      }
      after_furniture = false;
      // A plain line that continues a paragraph is joined to it with a space
      // (a soft wrap); bullets, headings and lines after a heading start anew.
      const bool continuation = !pending_blank && !view_.empty() && !last_was_heading && ls.kind == LineKind::plain;
      if (pending_blank) { emit('\n', pos); pending_blank = false; }
      if (continuation) {
        // A word hyphenated across the line break is joined: the line
        // break goes, and the hyphen too unless the part before it is a
        // prefix that keeps one ("anti-").
        const std::size_t m = view_.size();
        if (lower_start && m >= 3 && view_[m - 2] == '-' && std::isalpha(static_cast<unsigned char>(view_[m - 3]))) {
          std::size_t w = m - 2;
          while (w > 0 && std::isalpha(static_cast<unsigned char>(view_[w - 1]))) --w;
          const bool keep = keeps_hyphen(std::string_view(view_).substr(w, m - 2 - w));
          view_.pop_back();
          map_.pop_back();
          if (!keep) {
            view_.pop_back();
            map_.pop_back();
          }
        } else {
          view_.back() = ' ';
        }
      }
      const std::size_t line_view_start = view_.size();
      const bool heading = ls.kind == LineKind::heading, bullet = ls.kind == LineKind::bullet;
      i = ls.content;
      skip_ws();
      if (bullet) bullet_lines_.push_back(line_view_start);
      if (heading) heading_lines_.push_back(line_view_start);
      last_was_heading = heading;

      // Inline content.
      bool space_owed = false;
      std::size_t space_from = i;
      std::size_t link_close = std::string_view::npos;  // position of "](" to skip to ')'
      std::size_t link_end = std::string_view::npos;
      while (i < le) {
        if (i == link_close) {  // skip "](url)"
          i = link_end + 1;
          link_close = link_end = std::string_view::npos;
          continue;
        }
        auto c = static_cast<unsigned char>(src[i]);
        std::size_t len = utf8::seq_len(c);
        if (is_space(c)) {
          if (!space_owed) space_from = i;
          space_owed = true;
          ++i;
          continue;
        }
        if (c == '*') { ++i; continue; }  // emphasis markers never carry meaning
        if (c == '_') {
          bool prev_word = i > pos && is_alnum(static_cast<unsigned char>(src[i - 1]));
          bool next_word = i + 1 < le && is_alnum(static_cast<unsigned char>(src[i + 1]));
          if (!(prev_word && next_word)) { ++i; continue; }
        }
        if (c == '[' && link_close == std::string_view::npos) {
          std::size_t close = src.find("](", i);
          if (close != std::string_view::npos && close < le) {
            std::size_t end = src.find(')', close + 2);
            if (end != std::string_view::npos && end < le) {
              link_close = close;
              link_end = end;
              ++i;
              continue;
            }
          }
        }
        if (c > ' ' && c < 0x80 && c != '`' && !space_owed) {
          // Most text is a run of plain ASCII that stays as it is: copy it
          // whole (up to the next character with a rule of its own).
          // A single space between plain characters is copied too (the
          // character after it decides; runs of spaces take the slow path).
          std::size_t k = i + 1;
          while (k < le && k != link_close) {
            if (plain_ascii(static_cast<unsigned char>(src[k]))) {
              ++k;
            } else if (src[k] == ' ' && k + 1 < le && k + 1 != link_close &&
                       plain_ascii(static_cast<unsigned char>(src[k + 1]))) {
              k += 2;
            } else {
              break;
            }
          }
          view_.append(src.data() + i, k - i);
          const std::size_t at = map_.size();
          map_.resize(at + (k - i));
          std::uint32_t* m = map_.data() + at;
          for (std::size_t j = 0; j < k - i; ++j) m[j] = static_cast<std::uint32_t>(i + j);
          i = k;
          continue;
        }
        Fold f = c < 0x80 ? (c == '`' ? Fold::single_quote : Fold::keep) : fold_of(utf8::decode(src, i));
        if (f == Fold::drop) { i += len; continue; }
        if (f == Fold::space) {
          if (!space_owed) space_from = i;
          space_owed = true;
          i += len;
          continue;
        }
        if (space_owed) {
          if (view_.size() > line_view_start) emit(' ', space_from);
          space_owed = false;
        }
        switch (f) {
          case Fold::single_quote: emit('\'', i); break;
          case Fold::double_quote: emit('"', i); break;
          case Fold::dash: emit('-', i); break;
          default:
            for (std::size_t k = 0; k < len; ++k) emit(src[i + k], i + k);
        }
        i += len;
      }
      if (view_.size() > line_view_start) emit('\n', le < n ? le : (n > 0 ? n - 1 : 0));
      else {
        // A line of markup only ("**", "#"): treat as blank.
        if (bullet) bullet_lines_.pop_back();
        if (heading) heading_lines_.pop_back();
        if (!view_.empty()) pending_blank = true;
      }
    }
    if (last) break;
    pos = next;
    line_starts_.push_back(pos);
  }
  while (!view_.empty() && view_.back() == '\n') {
    view_.pop_back();
    map_.pop_back();
  }
}

std::pair<std::size_t, std::size_t> Document::line_column(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  if (line == 1 && bom_ && offset >= 3) start = 3;
  std::size_t col = utf8::count_code_points(std::string_view(original_).substr(start, offset - start)) + 1;
  if (std::size_t p = page_of(offset); p > 0) {
    // Pages start at line starts: count lines from the page's first.
    auto first = std::upper_bound(line_starts_.begin(), line_starts_.end(), page_starts_[p - 1]);
    line -= static_cast<std::size_t>(first - line_starts_.begin()) - 1;
  }
  return {line, col};
}

std::size_t Document::page_of(std::size_t offset) const {
  if (page_starts_.empty()) return 0;
  auto it = std::upper_bound(page_starts_.begin(), page_starts_.end(), offset);
  return std::max<std::size_t>(1, static_cast<std::size_t>(it - page_starts_.begin()));
}

std::string position_text(const SourceSpan& s) {
  std::string lc = std::to_string(s.line) + ":" + std::to_string(s.column);
  return s.page ? "page " + std::to_string(s.page) + ", line " + lc : lc;
}

std::pair<std::size_t, std::size_t> Document::text_lines(Range r) const {
  const std::string_view v = view_;
  std::size_t b = r.begin, e = std::min(r.end, v.size());
  while (b < e && (v[b] == ' ' || v[b] == '\n')) ++b;
  while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\n')) --e;
  if (e <= b) return {0, 0};
  return {to_source(Range{b, b + 1}).line, to_source(Range{e - 1, e}).line};
}

SourceSpan Document::to_source(Range r) const {
  SourceSpan s;
  if (view_.empty()) return s;
  std::size_t b = std::min(r.begin, view_.size() - 1);
  std::size_t e = std::max(r.end, b + 1);
  e = std::min(e, view_.size());
  s.start = map_[b];
  std::size_t last = map_[e - 1];
  auto lead = static_cast<unsigned char>(original_[last]);
  s.end = !end_map_.empty() ? std::max<std::size_t>(end_map_[e - 1], s.start)
                            : last + ((lead & 0xC0) == 0x80 ? 1 : utf8::seq_len(lead));
  if (r.end <= r.begin) s.end = s.start;
  std::tie(s.line, s.column) = line_column(s.start);
  std::tie(s.end_line, s.end_column) = line_column(s.end);
  s.page = page_of(s.start);
  s.end_page = page_of(s.end);
  return s;
}

Units Document::whole() const { return segment({Section{"document", Range{0, view_.size()}}}); }

bool Document::is_item_line(std::size_t pos) const {
  return std::binary_search(bullet_lines_.begin(), bullet_lines_.end(), pos);
}
bool Document::is_heading_line(std::size_t pos) const {
  return std::binary_search(heading_lines_.begin(), heading_lines_.end(), pos);
}
std::size_t Document::line_begin(std::size_t pos) const {
  if (pos == 0 || view_.empty()) return 0;
  std::size_t nl = view_.rfind('\n', std::min(pos, view_.size()) - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}
std::size_t Document::line_end(std::size_t pos) const {
  std::size_t nl = view_.find('\n', pos);
  return nl == std::string::npos ? view_.size() : nl;
}

Units Document::segment(std::vector<Section> sections, const std::vector<std::string>& run_on) const {
  Units u;
  u.sections = std::move(sections);
  const std::string_view v = view_;

  // Hard breaks: section starts.
  std::vector<std::size_t> cuts;
  for (const auto& s : u.sections) cuts.push_back(s.range.begin);
  std::sort(cuts.begin(), cuts.end());

  auto is_bullet = [&](std::size_t off) { return is_item_line(off); };
  auto is_heading = [&](std::size_t off) { return is_heading_line(off); };

  // Blocks: paragraphs and items from lines.
  struct Block { Range r; bool item; };
  std::vector<Block> blocks;
  std::size_t pos = 0;
  Block cur{{0, 0}, false};
  bool open = false;
  auto close = [&](std::size_t end) {
    if (open) {
      cur.r.end = end;
      blocks.push_back(cur);
      open = false;
    }
  };
  while (pos < v.size()) {
    std::size_t le = v.find('\n', pos);
    if (le == std::string_view::npos) le = v.size();
    if (le == pos) {  // blank line
      close(pos > 0 ? pos - 1 : 0);
    } else {
      bool bullet = is_bullet(pos), heading = is_heading(pos);
      bool heading_prev = open && is_heading(cur.r.begin);
      if (bullet || heading || heading_prev || !open) {
        close(pos > 0 ? pos - 1 : 0);
        cur = Block{{pos, 0}, bullet};
        open = true;
      }
    }
    pos = le + 1;
  }
  close(v.size());

  // Cut blocks at section starts; the part after a cut is no longer an item.
  for (const auto& b : blocks) {
    std::size_t start = b.r.begin;
    bool item = b.item;
    auto it = std::upper_bound(cuts.begin(), cuts.end(), start);
    while (true) {
      std::size_t end = b.r.end;
      if (it != cuts.end() && *it < b.r.end) end = *it;
      Range piece{start, end};
      while (piece.end > piece.begin && (v[piece.end - 1] == ' ' || v[piece.end - 1] == '\n')) --piece.end;
      if (piece.size() > 0) {
        u.paragraphs.push_back(piece);
        if (item) u.items.push_back(piece);
        for (Range s : split_sentences(v.substr(piece.begin, piece.size())))
          u.sentences.push_back(Range{piece.begin + s.begin, piece.begin + s.end});
      }
      if (end == b.r.end) break;
      start = end;
      item = false;
      ++it;
    }
  }
  for (const Range& s : u.sentences)
    for (Range c : split_clauses(v.substr(s.begin, s.size()))) u.clauses.push_back(Range{s.begin + c.begin, s.begin + c.end});
  // Run-on sections: with no list item at all, each sentence is an item.
  for (const auto& sec : u.sections) {
    if (std::find(run_on.begin(), run_on.end(), sec.name) == run_on.end()) continue;
    bool has_items = std::any_of(u.items.begin(), u.items.end(), [&](const Range& r) { return sec.range.contains(r.begin); });
    if (has_items) continue;
    std::vector<Range> add;
    for (const Range& s : u.sentences)
      if (sec.range.contains(s.begin)) add.push_back(s);
    std::vector<Range> merged;
    std::merge(u.items.begin(), u.items.end(), add.begin(), add.end(), std::back_inserter(merged),
               [](const Range& a, const Range& b) { return a.begin < b.begin; });
    u.items = std::move(merged);
  }
  return u;
}

namespace {

bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 34> kAbbrev = {
      "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "eg", "ie", "no", "nos", "vs", "cf", "approx",
      "inc", "ltd", "co", "prof", "sgt", "insp", "supt", "ch", "det", "cllr", "rev", "hon", "gen",
      "col", "capt", "lt", "fig", "para", "ref", "jr"};
  char lower[8];  // no abbreviation is longer (asked at every full stop: no allocation)
  if (word.size() > sizeof lower) return false;
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  return std::find(kAbbrev.begin(), kAbbrev.end(), std::string_view(lower, word.size())) != kAbbrev.end();
}

}  // namespace

std::vector<Range> split_sentences(std::string_view t) {
  std::vector<Range> out;
  std::size_t start = 0;
  auto push = [&](std::size_t b, std::size_t e) {
    while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n')) --e;
    if (e > b) out.push_back(Range{b, e});
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t j = i + 1;
    while (j < t.size() && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) ++j;
    bool quoted = j > i + 1;
    if (j >= t.size()) { push(start, j); start = j; break; }
    bool boundary = false;
    if (t[j] == ' ' || t[j] == '\n') {
      std::size_t k = j;
      while (k < t.size() && (t[k] == ' ' || t[k] == '\n')) ++k;
      if (k >= t.size()) boundary = true;
      else {
        auto nc = static_cast<unsigned char>(t[k]);
        boundary = std::isupper(nc) || std::isdigit(nc) || nc == '"' || nc == '\'' || nc == '(' || nc >= 0x80;
      }
      if (boundary && c == '.') {
        // The word before the full stop: an abbreviation or an initial?
        std::size_t w = i;
        while (w > start && t[w - 1] != ' ' && t[w - 1] != '\n' && t[w - 1] != '(') --w;
        std::string_view word = t.substr(w, i - w);
        if (is_abbreviation(word)) boundary = false;
        else if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]))) boundary = false;
      }
    } else if (quoted && std::isupper(static_cast<unsigned char>(t[j]))) {
      boundary = true;  // 'issues."The full report' — closing quote then a new sentence
    }
    if (boundary) {
      push(start, j);
      start = j;
    }
  }
  push(start, t.size());
  return out;
}

std::vector<Range> split_clauses(std::string_view t) {
  std::vector<Range> out;
  // ASCII only, as the words looked for are (and without a call a byte).
  using ascii::lower;
  auto lower_at = [&](std::size_t i, std::string_view w) {
    if (i + w.size() > t.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (lower(t[i + k]) != w[k]) return false;
    return i + w.size() == t.size() || !std::isalpha(static_cast<unsigned char>(t[i + w.size()]));
  };
  std::size_t start = 0;
  auto cut = [&](std::size_t at, std::size_t next) {
    std::size_t b = start, e = at;
    while (b < e && (t[b] == ' ' || t[b] == ',')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == ',')) --e;
    if (e > b) out.push_back(Range{b, e});
    start = next;
  };
  const char* const d = t.data();
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n; ++i) {
    // Most bytes are neither: the test on a local pointer (the lambdas'
    // captures would make the compiler reload `t` every byte).
    const char c = d[i];
    if (c != ' ' && c != ';') continue;
    if (c == ';') { cut(i, i + 1); continue; }
    const std::size_t w = i + 1;
    if (i == 0 || w >= n) continue;
    const bool comma = t[i - 1] == ',';
    // A contrast always starts a clause; ", and" only when a new subject
    // follows (", and the policy on ..."), not inside a list ("gifts and
    // hospitality, and social media"). The word's first letter picks the
    // words it can be: most words are none of them.
    bool contrast = false, and_ = false;
    switch (lower(t[w])) {
      case 'a': contrast = lower_at(w, "although"); and_ = !contrast && comma && lower_at(w, "and"); break;
      case 'b': contrast = lower_at(w, "but"); break;
      case 'h': contrast = lower_at(w, "however"); break;
      case 't': contrast = lower_at(w, "though"); break;
      case 'w': contrast = lower_at(w, "whereas") || (comma && lower_at(w, "while")); break;
      default: continue;
    }
    if (contrast) {
      if (!(i >= 3 && lower_at(i - 3, "all"))) cut(i, w);  // not "all but N"
      continue;
    }
    if (and_) {
      // A new subject and a verb of its own: "..., and the policy on
      // second jobs is being reviewed"; not "..., and the use of social media".
      std::size_t d = w + 4;
      auto has_verb = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
          if (k == from || t[k - 1] == ' ')
            for (std::string_view aux : {"is", "are", "was", "were", "has", "have", "had", "will", "remains"})
              if (lower_at(k, aux)) return true;
        return false;
      };
      // ... and the part before is a statement of its own, with its verb.
      bool subject = has_verb(start, i);
      bool det = false;
      for (std::string_view x : {"the", "its", "their", "this", "these", "a", "an", "all", "staff", "officers"})
        det = det || lower_at(d, x);
      if (subject && det && has_verb(d, t.size())) cut(i, w + 3);
    }
  }
  cut(t.size(), t.size());
  return out;
}

}  // namespace wfof
