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

}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
  write_file_atomic(path, [&](const PieceSink& sink) { sink(content); });
}

void write_file_atomic(const std::string& path, const std::function<void(const PieceSink&)>& produce) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(Diagnostic{path, 0, 0, "cannot write report: is a directory", Code::E036});
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
  SignalHold hold;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(Diagnostic{path, 0, 0, std::string("cannot write report: ") + std::strerror(errno), Code::E036});
  try {
    produce([&](std::string_view piece) {
      std::size_t done = 0;
      while (done < piece.size()) {
        ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(Diagnostic{path, 0, 0, std::string("cannot write report: ") + std::strerror(errno), Code::E036});
        done += static_cast<std::size_t>(n);
      }
    });
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

}  // namespace wfof
