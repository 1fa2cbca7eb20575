// Shared helpers for the libFuzzer targets: where the source tree is (for
// the project checklist and rules), and a check that aborts with a message
// so libFuzzer records the input as a crash.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "checklist.hpp"
#include "error.hpp"
#include "loader.hpp"

namespace wfof::fuzz {

// The source tree: $WFOF_SOURCE_DIR, else the first parent of the
// executable's folder (or of the working directory) holding
// checklists/wfof-2011.yaml.
inline std::filesystem::path source_dir() {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    auto has_checklist = [](const fs::path& p) {
      std::error_code ec;
      return fs::exists(p / "checklists" / "wfof-2011.yaml", ec);
    };
    if (const char* env = std::getenv("WFOF_SOURCE_DIR"); env && *env) {
      if (has_checklist(env)) return fs::path(env);
      std::fprintf(stderr, "WFOF_SOURCE_DIR=%s has no checklists/wfof-2011.yaml\n", env);
      std::abort();
    }
    std::error_code ec;
    for (fs::path start : {fs::read_symlink("/proc/self/exe", ec).parent_path(), fs::current_path(ec)})
      for (fs::path p = start; !p.empty(); p = p.parent_path()) {
        if (has_checklist(p)) return p;
        if (p == p.parent_path()) break;
      }
    std::fprintf(stderr, "cannot find the wfof source tree; set WFOF_SOURCE_DIR\n");
    std::abort();
  }();
  return dir;
}

inline const Checklist& project_checklist() {
  static const Checklist c = [] {
    try {
      return load_checklist((source_dir() / "checklists" / "wfof-2011.yaml").string());
    } catch (const Error& e) {
      std::fprintf(stderr, "cannot load the project checklist: %s\n", e.what());
      std::abort();
    }
  }();
  return c;
}

[[noreturn]] inline void fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
  std::abort();
}

}  // namespace wfof::fuzz

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) ::wfof::fuzz::fail(__FILE__, __LINE__, #cond); \
  } while (0)
