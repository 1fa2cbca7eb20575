// Writing a report so that readers see either the old file or the whole new
// one: a temporary file beside it, then rename.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace wfof {

// Writes `content` to `path` atomically. SIGINT and SIGTERM are held back
// while the temporary file exists, so an interrupted run leaves neither a
// truncated report nor a temporary file. Throws wfof::Error naming the path.
void write_file_atomic(const std::string& path, std::string_view content);

// The same for content made in pieces: `produce` is called once and passes
// each piece, in order, to the sink it is given.
using PieceSink = std::function<void(std::string_view)>;
void write_file_atomic(const std::string& path, const std::function<void(const PieceSink&)>& produce);

// A report written over a whole run: an unnamed file (O_TMPFILE) in the
// directory of `path`, so that a run that stops before commit() leaves
// nothing behind however it stops, and readers of `path` see the old file
// until then.
class PendingFile {
 public:
  // Null when the directory cannot hold an unnamed file (a file system
  // without them, no such directory, no permission): then the report is
  // written whole at the end, with write_file_atomic (which says why).
  static std::unique_ptr<PendingFile> open(const std::string& path);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  // Appends `piece` (buffered: a run's many small pieces, such as the
  // separators between entries, go out in few system calls). Throws
  // wfof::Error naming the path.
  void write(std::string_view piece);
  // Gives the file its name, replacing `path` atomically. Throws
  // wfof::Error naming the path.
  void commit();

 private:
  PendingFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  void flush();
  std::string path_;
  int fd_;
  std::string buffer_;
};

}  // namespace wfof
