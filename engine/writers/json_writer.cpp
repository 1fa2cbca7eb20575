#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "report_stream.hpp"
#include "version.hpp"
#include "writer.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

// A document's entry is written straight into one buffer, laid out exactly
// as nlohmann's dump(2) lays it out (the frame, written once a run, still
// uses nlohmann): two spaces an indent level, "key": value, every
// non-empty array and object over several lines, "[]" and "{}" when empty,
// strings escaped as dump() escapes them (ensure_ascii off).
class Out {
 public:
  // Writes after what `s` holds; finish() gives `s` its length. Writes go
  // into the string's spare room through a pointer, grown by doubling:
  // one capacity check a piece (a run of plain text, a key), not a
  // std::string append a character.
  explicit Out(std::string& s) : s_(s), n_(s.size()) { s_.resize(std::max<std::size_t>(n_ + 4096, s_.capacity())); }
  void finish() { s_.resize(n_); }

  // The UTF-8 `v` as a JSON string. Invalid UTF-8 goes through nlohmann,
  // so that it fails exactly as dump() fails. One pass: most of what a
  // report quotes is plain ASCII, copied eight bytes a test.
  void str(std::string_view v) {
    const std::size_t start = n_;
    raw('"');
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    const auto* const end = p + v.size();
    const auto* run = p;  // start of the bytes not yet copied
    while (p < end) {
      if (end - p >= 8) {
        const std::uint64_t special = special8(p);
        if (special == 0) {
          p += 8;
          continue;
        }
        // Straight to the first byte with a rule of its own: in memory
        // order the lowest flag's byte, where the machine is little-endian.
        if constexpr (std::endian::native == std::endian::little) p += std::countr_zero(special) / 8;
      }
      const unsigned char c = *p;
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++p;
        continue;
      }
      if (c >= 0x80) {
        const std::size_t n = utf8_sequence(p, end);
        if (n == 0) {
          n_ = start;
          const std::string dumped = json(std::string(v)).dump();
          raw(dumped.data(), dumped.size());
          return;
        }
        p += n;
        continue;
      }
      raw(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
      run = ++p;
      switch (c) {
        case '"': raw("\\\"", 2); break;
        case '\\': raw("\\\\", 2); break;
        case '\b': raw("\\b", 2); break;
        case '\f': raw("\\f", 2); break;
        case '\n': raw("\\n", 2); break;
        case '\r': raw("\\r", 2); break;
        case '\t': raw("\\t", 2); break;
        default: {
          static const char hex[] = "0123456789abcdef";
          const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
          raw(u, 6);
        }
      }
    }
    raw(reinterpret_cast<const char*>(run), static_cast<std::size_t>(end - run));
    raw('"');
  }
  template <typename Int>
  void num(Int v) {
    char* at = room(24);
    auto [end, ec] = std::to_chars(at, at + 24, v);
    (void)ec;
    n_ += static_cast<std::size_t>(end - at);
  }
  void boolean(bool v) { v ? raw("true", 4) : raw("false", 5); }
  void null() { raw("null", 4); }

  // Containers: open(), then key() or item() before each member, close().
  // Entries nest a handful of levels deep, never near kDepth.
  void open(char c) {
    raw(c);
    first_[++depth_] = true;
  }
  void close(char c) {
    const bool empty = first_[depth_--];
    if (!empty) newline();
    raw(c);
  }
  void item() {
    if (!first_[depth_]) raw(',');
    first_[depth_] = false;
    newline();
  }
  void key(std::string_view k) {
    item();
    str(k);
    raw(": ", 2);
  }
  // A key written in the code: plain ASCII, nothing to escape.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    item();
    char* at = room(N + 3);
    at[0] = '"';
    std::memcpy(at + 1, k, N - 1);
    std::memcpy(at + N, "\": ", 3);
    n_ += N + 3;
  }
  void empty_array() { raw("[]", 2); }
  void empty_object() { raw("{}", 2); }

  void strings(const std::vector<std::string>& v) {
    if (v.empty()) return empty_array();
    open('[');
    for (const auto& x : v) item(), str(x);
    close(']');
  }

 private:
  // Room for `k` more bytes at the end of what is written.
  char* room(std::size_t k) {
    if (n_ + k > s_.size()) [[unlikely]] grow(k);
    return s_.data() + n_;
  }
  [[gnu::noinline]] void grow(std::size_t k) { s_.resize(std::max(n_ + k, 2 * s_.size())); }
  void raw(const char* p, std::size_t k) {
    std::memcpy(room(k), p, k);
    n_ += k;
  }
  void raw(char c) {
    *room(1) = c;
    ++n_;
  }
  void newline() {
    const std::size_t k = base_ + 2 * depth_;
    char* at = room(k + 1);
    at[0] = '\n';
    std::memset(at + 1, ' ', k);
    n_ += k + 1;
  }
  // The eight bytes at `p` that are not copied as they are (outside
  // ASCII, control, '"', '\\'), each flagged by its top bit; 0 when none.
  // The lowest flag is exact; those above it may be false (a borrow
  // carries up into the byte above a flagged one).
  static std::uint64_t special8(const unsigned char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto zero_byte = [&](std::uint64_t y) { return (y - ones) & ~y & highs; };  // some byte of y is 0
    return (x & highs) | ((x - 0x20 * ones) & ~x & highs) | zero_byte(x ^ ('"' * ones)) | zero_byte(x ^ ('\\' * ones));
  }
  // The length of the well-formed UTF-8 sequence at `p` (no overlong
  // forms, surrogates or code points past U+10FFFF, as nlohmann's decoder
  // accepts it), or 0 if it is not one.
  static std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = *p;
    int n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 2;
    else if (c == 0xED) n = 2, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) n = 2;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;
    else return 0;
    if (end - p <= n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (int k = 2; k <= n; ++k)
      if (p[k] < 0x80 || p[k] > 0xBF) return 0;
    return static_cast<std::size_t>(n) + 1;
  }

  static constexpr std::size_t kDepth = 16;
  std::string& s_;
  std::size_t n_;           // bytes of s_ written; the rest is room
  std::size_t base_ = 4;    // a document entry sits in "documents": [...] at 4 spaces
  std::size_t depth_ = 0;
  std::array<bool, kDepth> first_{};  // per open container: no member yet
};

void metric(Out& o, const MetricValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) o.num(std::get<std::int64_t>(v));
  else if (std::holds_alternative<std::string>(v)) o.str(std::get<std::string>(v));
  else o.null();
}

}  // namespace

ReportFrame json_frame(const RunResult& run, std::size_t documents) {
  json root;
  root["schema"] = "wfof-results/1";
  root["tool"] = {{"name", "wfof"}, {"version", run.tool_version}};
  root["checklist"] = {{"id", run.checklist_id}, {"title", run.checklist_title}};
  root["documents"] = json::array();
  root["coverage"] = {{"uncovered_items", run.uncovered_items}};
  // Documents that could not be checked: the others are still reported.
  root["errors"] = json::array();
  for (const auto& e : run.errors)
    root["errors"].push_back({{"path", e.path}, {"line", e.line}, {"column", e.column}, {"code", e.code}, {"message", e.message}});
  root["summary"] = {{"documents", documents},
                     {"pass", run.summary.pass},
                     {"partial", run.summary.partial},
                     {"gap", run.summary.gap}};
  return split_frame(root.dump(2) + "\n", {{"documents", 4}});
}

// About how long a document's entry is, so that it is written into one
// buffer, never grown and copied: per result and per span, its keys and
// indentation, and the text it quotes.
std::size_t entry_size(const DocumentResult& d) {
  std::size_t n = 2048 + 256 * d.items.size();
  for (const auto& r : d.results) {
    n += 640 + r.title.size() + r.message.size() + (r.context ? 320 + r.context->text.size() : 0);
    for (const auto& e : r.evidence) n += 320 + e.text.size() + e.matcher.size();
  }
  return n;
}

ReportEntries json_entries(const DocumentResult& d) {
  std::string s;
  s.reserve(entry_size(d));
  Out o(s);
  o.open('{');
  o.key("path"), o.str(d.path);
  o.key("sha256"), o.str(d.sha256);
  o.key("subject");
  d.subject ? o.str(*d.subject) : o.null();
  o.key("profile");
  d.profile ? o.str(*d.profile) : o.null();
  o.key("items");
  if (d.items.empty()) o.empty_array();
  else {
    o.open('[');
    for (const auto& i : d.items) {
      o.item(), o.open('{');
      o.key("id"), o.str(i.id);
      o.key("verdict"), o.str(to_string(i.verdict));
      o.key("basis"), o.str(to_string(i.basis));
      o.key("rules"), o.strings(i.rules);
      if (i.waiver) {  // only when waivers were given: results without them stay as they were
        o.key("waiver"), o.open('{');
        o.key("reason"), o.str(i.waiver->reason);
        o.key("accepted_by"), o.str(i.waiver->accepted_by);
        o.key("expires"), o.str(i.waiver->expires);
        o.key("expired"), o.boolean(i.waiver->expired);
        o.close('}');
      }
      o.close('}');
    }
    o.close(']');
  }
  o.key("results");
  if (d.results.empty()) o.empty_array();
  else {
    o.open('[');
    for (const auto& r : d.results) {
      o.item(), o.open('{');
      o.key("rule"), o.str(r.rule);
      o.key("title"), o.str(r.title);
      o.key("items"), o.strings(r.items);
      o.key("verdict"), o.str(to_string(r.verdict));
      o.key("basis"), o.str(to_string(r.basis));
      o.key("clause");
      r.clause < 0 ? o.null() : o.num(r.clause);
      o.key("severity"), o.str(to_string(r.severity));
      o.key("message"), o.str(r.message);
      o.key("evidence");
      if (r.evidence.empty()) o.empty_array();
      else {
        o.open('[');
        for (const auto& e : r.evidence) {
          o.item(), o.open('{');
          o.key("matcher"), o.str(e.matcher);
          o.key("start"), o.num(e.span.start);
          o.key("end"), o.num(e.span.end);
          o.key("line"), o.num(e.span.line);
          o.key("column"), o.num(e.span.column);
          o.key("end_line"), o.num(e.span.end_line);
          o.key("end_column"), o.num(e.span.end_column);
          o.key("text"), o.str(e.text);
          o.key("negated"), o.boolean(e.negated);
          if (!e.cue.empty()) o.key("cue"), o.str(e.cue);
          // A web page's evidence in the page's shown text (the document's "text").
          if (e.shown) {
            o.key("shown_start"), o.num(e.shown->first);
            o.key("shown_end"), o.num(e.shown->second);
          }
          // A PDF's evidence: offsets into its extracted text, lines by
          // page. Only then, so the results of text documents stay as they were.
          if (e.span.page) {
            o.key("page"), o.num(e.span.page);
            o.key("end_page"), o.num(e.span.end_page);
          }
          o.close('}');
        }
        o.close(']');
      }
      o.key("context");
      if (!r.context) o.null();
      else {
        o.open('{');
        o.key("unit"), o.str(r.context->matcher);
        o.key("start"), o.num(r.context->span.start);
        o.key("end"), o.num(r.context->span.end);
        o.key("line"), o.num(r.context->span.line);
        o.key("column"), o.num(r.context->span.column);
        if (r.context->span.page) o.key("page"), o.num(r.context->span.page);
        o.key("end_line"), o.num(r.context->span.end_line);
        o.key("end_column"), o.num(r.context->span.end_column);
        if (r.context->span.page) o.key("end_page"), o.num(r.context->span.end_page);
        o.key("text"), o.str(r.context->text);
        o.close('}');
      }
      o.close('}');
    }
    o.close(']');
  }
  o.key("metrics");
  if (d.metrics.empty()) o.empty_object();
  else {
    // An object keeps a key's first place and its last value, as
    // ordered_json's operator[] does.
    o.open('{');
    for (std::size_t k = 0; k < d.metrics.size(); ++k) {
      const auto& name = d.metrics[k].first;
      bool seen = false;
      for (std::size_t j = 0; j < k && !seen; ++j) seen = d.metrics[j].first == name;
      if (seen) continue;
      const MetricValue* v = &d.metrics[k].second;
      for (std::size_t j = k + 1; j < d.metrics.size(); ++j)
        if (d.metrics[j].first == name) v = &d.metrics[j].second;
      o.key(name), metric(o, *v);
    }
    o.close('}');
  }
  o.key("summary"), o.open('{');
  o.key("pass"), o.num(d.summary.pass);
  o.key("partial"), o.num(d.summary.partial);
  o.key("gap"), o.num(d.summary.gap);
  o.close('}');
  o.key("warnings"), o.strings(d.warnings);
  // Where each section is (reports point at them for a verdict by
  // absence), and what reports show of the document: captured at check
  // time so that every report can be rendered from these results alone.
  o.key("sections");
  if (d.sections.empty()) o.empty_array();
  else {
    o.open('[');
    for (const auto& [name, sp] : d.sections) {
      o.item(), o.open('{');
      o.key("name"), o.str(name);
      o.key("start"), o.num(sp.start);
      o.key("end"), o.num(sp.end);
      o.key("line"), o.num(sp.line);
      o.key("column"), o.num(sp.column);
      o.key("end_line"), o.num(sp.end_line);
      o.key("end_column"), o.num(sp.end_column);
      if (sp.page) {
        o.key("page"), o.num(sp.page);
        o.key("end_page"), o.num(sp.end_page);
      }
      o.close('}');
    }
    o.close(']');
  }
  o.key("format"), o.str(d.format);
  o.key("text"), o.str(d.shown);
  o.close('}');
  o.finish();
  return {{std::move(s)}};
}

std::string write_json(const RunResult& run, const ReportContext& ctx) {
  (void)ctx;
  return assemble_report(run.documents, json_frame(run, run.documents.size()),
                         [](const DocumentResult& d, std::size_t) { return json_entries(d); });
}

}  // namespace wfof

namespace wfof {
namespace {

class JsonWriter : public StreamedWriter {
 public:
  const WriterInfo& info() const override {
    static const WriterInfo i{"json", ".json", "results.json", true, "the results (wfof-results/1), the contract for tools",
                              true};
    return i;
  }
  ReportFrame frame(const RunResult& totals, std::size_t documents, const ReportContext&) const override {
    return json_frame(totals, documents);
  }
  ReportEntries entries(const DocumentResult& d, std::size_t, const RunResult&, const ReportContext&) const override {
    return json_entries(d);
  }
};

}  // namespace

const Writer& json_writer() {
  static const JsonWriter w;
  return w;
}

}  // namespace wfof
