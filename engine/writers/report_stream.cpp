#include "report_stream.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "error.hpp"

namespace wfof {
namespace {

[[noreturn]] void fail(const char* what) {
  throw Error(Diagnostic{"(temporary file)", 0, 0, std::string(what) + ": " + std::strerror(errno), Code::E036});
}

}  // namespace

ReportFrame split_frame(const std::string& text, const std::vector<std::pair<std::string, std::size_t>>& arrays) {
  ReportFrame f;
  std::size_t from = 0;
  for (const auto& [key, indent] : arrays) {
    const std::string marker = "\n" + std::string(indent - 2, ' ') + "\"" + key + "\": ";
    std::size_t at = text.find(marker + "[]", from);
    if (at == std::string::npos) throw std::logic_error("report frame has no empty array '" + key + "'");
    at += marker.size();
    f.parts.push_back(text.substr(from, at - from));
    f.indents.push_back(indent);
    from = at + 2;
  }
  f.parts.push_back(text.substr(from));
  return f;
}

std::string indent_lines(const std::string& text, std::size_t indent) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
  return out;
}

ReportStream::ReportStream(std::size_t arrays) : arrays_(arrays) {
  for (auto& a : arrays_)
    if ((a.file = std::tmpfile())) {
      std::setvbuf(a.file, nullptr, _IOFBF, 1 << 20);  // few, large writes
    } else {
      int err = errno;
      for (auto& b : arrays_)
        if (b.file) std::fclose(b.file);
      errno = err;
      fail("cannot create a temporary file for the report");
    }
}

ReportStream::~ReportStream() {
  for (auto& a : arrays_)
    if (a.file) std::fclose(a.file);
}

void ReportStream::stream_first(std::string head, std::function<void(std::string_view)> direct) {
  head_ = std::move(head);
  direct_ = std::move(direct);
  direct_(head_);
}

void ReportStream::add(const ReportEntries& entries, const ReportFrame& frame) {
  for (std::size_t k = 0; k < arrays_.size() && k < entries.size(); ++k) {
    Array& a = arrays_[k];
    const std::string indent(frame.indents[k], ' ');
    if (k == 0 && direct_) {
      // As write() would send it: the bracket before the first entry.
      for (const auto& e : entries[k]) {
        if (frame.indents[k] > 0) direct_((a.count ? ",\n" : "[\n") + indent);
        direct_(e);
        ++a.count;
      }
      continue;
    }
    for (const auto& e : entries[k]) {
      // dump(2) puts each element on its own line, commas after all but the last.
      std::string piece = frame.indents[k] == 0 ? "" : (a.count ? ",\n" : "") + indent;
      if (std::fwrite(piece.data(), 1, piece.size(), a.file) != piece.size() ||
          std::fwrite(e.data(), 1, e.size(), a.file) != e.size())
        fail("cannot write the report's temporary file");
      ++a.count;
    }
  }
}

void ReportStream::write(const ReportFrame& frame, const std::function<void(std::string_view)>& sink) {
  std::vector<char> buf(1 << 16);
  for (std::size_t k = 0; k < arrays_.size(); ++k) {
    Array& a = arrays_[k];
    const bool json = frame.indents[k] > 0;
    if (k == 0 && direct_) {  // head and entries sent already
      if (frame.parts[0] != head_) throw std::logic_error("a report's head changed during the run (fixed_head)");
      if (json) sink(a.count == 0 ? std::string("[]") : "\n" + std::string(frame.indents[k] - 2, ' ') + "]");
      continue;
    }
    sink(frame.parts[k]);
    if (a.count == 0) {
      if (json) sink("[]");
      continue;
    }
    if (json) sink("[\n");
    if (std::fflush(a.file) != 0) fail("cannot write the report's temporary file");
    std::rewind(a.file);
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), a.file)) > 0) sink(std::string_view(buf.data(), n));
    if (std::ferror(a.file)) fail("cannot read back the report's temporary file");
    std::fseek(a.file, 0, SEEK_END);  // later adds append
    if (json) sink("\n" + std::string(frame.indents[k] - 2, ' ') + "]");
  }
  sink(frame.parts[arrays_.size()]);
}

SpillFile::SpillFile() : file_(std::tmpfile()) {
  if (!file_) fail("cannot create a temporary file for the reports");
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

SpillFile::~SpillFile() { std::fclose(file_); }

SpillFile::Piece SpillFile::put(std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("cannot write the reports' temporary file");
  const long at = std::ftell(file_);
  if (at < 0 || std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("cannot write the reports' temporary file");
  return {at, text.size()};
}

std::string SpillFile::get(const Piece& piece) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out(piece.size, '\0');
  if (std::fflush(file_) != 0 || std::fseek(file_, piece.offset, SEEK_SET) != 0 ||
      std::fread(out.data(), 1, piece.size, file_) != piece.size)
    fail("cannot read back the reports' temporary file");
  return out;
}

}  // namespace wfof
