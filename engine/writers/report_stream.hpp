// Reports (results JSON, SARIF, JUnit, GitHub annotations) written a
// document at a time, so that a run over tens of thousands of documents
// holds none of them in memory.
// A report is a frame (all of it but its per-document arrays) and, for each
// document, its entries of those arrays. The entries wait in anonymous
// temporary files, which vanish with the process however it ends.
#pragma once
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace wfof {

// The text of a report around its per-document arrays.
struct ReportFrame {
  std::vector<std::string> parts;    // before array 0, between arrays, after the last
  // Per array: the spaces before each element of a JSON array (laid out as
  // nlohmann's dump(2) lays it out), or 0 for entries that are simply
  // concatenated (XML elements, lines).
  std::vector<std::size_t> indents;
};

// One document's entries for each array of a frame, each rendered at its
// array's indentation (without the leading spaces of its first line).
using ReportEntries = std::vector<std::vector<std::string>>;

// Splits a report rendered with every per-document array empty ("key": [])
// into a frame. `arrays` names each array by its key and the indentation
// of its elements, in the order they appear. Throws std::logic_error if a
// key is missing (a writer bug, not an input error).
ReportFrame split_frame(const std::string& text, const std::vector<std::pair<std::string, std::size_t>>& arrays);

// `text` (a dump(2) of one element) moved right by `indent` spaces, all
// lines but the first (the stream puts those spaces before it).
std::string indent_lines(const std::string& text, std::size_t indent);

class ReportStream {
 public:
  // A stream for a frame with `arrays` arrays. Throws wfof::Error when no
  // temporary file can be made.
  explicit ReportStream(std::size_t arrays);
  ~ReportStream();
  ReportStream(const ReportStream&) = delete;
  ReportStream& operator=(const ReportStream&) = delete;

  // Sends `head` (the frame's text before its first array) to `direct`
  // now, and the first array's entries as they are added, instead of
  // keeping them in a temporary file; write() then sends only the rest.
  // Call before add(), and only for a frame whose head does not change by
  // the end of the run (WriterInfo::fixed_head): write() throws
  // std::logic_error if it did.
  void stream_first(std::string head, std::function<void(std::string_view)> direct);
  // Appends one document's entries (in document order). Throws wfof::Error
  // when the temporary file (or the direct output) cannot be written.
  void add(const ReportEntries& entries, const ReportFrame& frame);

  // Passes the whole report, frame and arrays, to `sink` piece by piece:
  // exactly what nlohmann::json::dump(2) would give for the report built
  // in memory.
  void write(const ReportFrame& frame, const std::function<void(std::string_view)>& sink);

 private:
  struct Array {
    std::FILE* file = nullptr;
    std::size_t count = 0;
  };
  std::vector<Array> arrays_;
  std::function<void(std::string_view)> direct_;  // the first array's output, when streamed
  std::string head_;                              // what was sent to it before the array
};

// Texts set aside until the end of a run (each document's own report), in
// one anonymous temporary file, so that memory holds none of them.
class SpillFile {
 public:
  struct Piece {
    long offset = 0;
    std::size_t size = 0;
  };
  // Throws wfof::Error when no temporary file can be made.
  SpillFile();
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;
  // Sets `text` aside (any thread). Throws wfof::Error if it cannot be written.
  Piece put(std::string_view text);
  // The text of a piece put before. Throws wfof::Error if it cannot be read.
  std::string get(const Piece& piece);

 private:
  std::FILE* file_;
  std::mutex mutex_;
};

// The whole report in memory: `entries(doc, index)` gives each document's
// entries. Same bytes as streaming the documents one by one.
template <typename Documents, typename Entries>
std::string assemble_report(const Documents& docs, const ReportFrame& frame, Entries&& entries) {
  ReportStream stream(frame.indents.size());
  for (std::size_t i = 0; i < docs.size(); ++i) stream.add(entries(docs[i], i), frame);
  std::string out;
  stream.write(frame, [&](std::string_view piece) { out.append(piece); });
  return out;
}

}  // namespace wfof
