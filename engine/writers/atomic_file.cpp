#include "atomic_file.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

#include "error.hpp"

namespace wfof {
namespace {

// Blocks SIGINT/SIGTERM for its lifetime; a signal that arrives meanwhile is
// delivered when the block ends, after the rename.
class SignalHold {
 public:
  SignalHold() {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &s, &old_);
  }
  ~SignalHold() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

void write_all(int fd, std::string_view piece, const std::string& path) {
  std::size_t done = 0;
  while (done < piece.size()) {
    ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(Diagnostic{path, 0, 0, std::string("cannot write report: ") + std::strerror(errno), Code::E036});
    done += static_cast<std::size_t>(n);
  }
}

std::string temporary_name(const std::string& path) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  return (dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
  write_file_atomic(path, [&](const PieceSink& sink) { sink(content); });
}

void write_file_atomic(const std::string& path, const std::function<void(const PieceSink&)>& produce) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(Diagnostic{path, 0, 0, "cannot write report: is a directory", Code::E036});
  std::string tmp = temporary_name(path);
  SignalHold hold;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(Diagnostic{path, 0, 0, std::string("cannot write report: ") + std::strerror(errno), Code::E036});
  try {
    produce([&](std::string_view piece) { write_all(fd, piece, path); });
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(Diagnostic{path, 0, 0, std::string("cannot write report: ") + std::strerror(err), Code::E036});
  }
}

std::unique_ptr<PendingFile> PendingFile::open(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return nullptr;
  fs::path dir = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0) return nullptr;
  return std::unique_ptr<PendingFile>(new PendingFile(path, fd));
}

PendingFile::~PendingFile() { ::close(fd_); }

void PendingFile::write(std::string_view piece) {
  constexpr std::size_t kBuffer = 1 << 18;
  if (buffer_.size() + piece.size() > kBuffer) flush();
  if (piece.size() >= kBuffer) write_all(fd_, piece, path_);
  else buffer_.append(piece);
}

void PendingFile::flush() {
  write_all(fd_, buffer_, path_);
  buffer_.clear();
}

void PendingFile::commit() {
  flush();
  const std::string tmp = temporary_name(path_);
  SignalHold hold;
  ::unlink(tmp.c_str());
  const std::string self = "/proc/self/fd/" + std::to_string(fd_);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
    // No /proc to name it through: copy it out instead.
    write_file_atomic(path_, [&](const PieceSink& sink) {
      char buf[1 << 16];
      for (off_t at = 0;;) {
        ssize_t n = ::pread(fd_, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(Diagnostic{path_, 0, 0, std::string("cannot write report: ") + std::strerror(errno), Code::E036});
        if (n == 0) break;
        sink(std::string_view(buf, static_cast<std::size_t>(n)));
        at += n;
      }
    });
    return;
  }
  if (::rename(tmp.c_str(), path_.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(Diagnostic{path_, 0, 0, std::string("cannot write report: ") + std::strerror(err), Code::E036});
  }
}

}  // namespace wfof
