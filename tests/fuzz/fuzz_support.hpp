// Shared helpers for the libFuzzer targets: where the source tree is (for
// the project checklist and rules), and a check that aborts with a message
// so libFuzzer records the input as a crash.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

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

// The YAML alias references (`*name` where a node starts) in text, counted
// roughly from the bytes: a '*' at the start of the text or after a blank or
// a flow indicator, followed by a name character. A regex such as `a\s*b`
// is not counted; a plain scalar "a *b" is (harmlessly).
inline std::size_t yaml_alias_count(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '*') continue;
    const char before = i ? text[i - 1] : ' ';
    const char after = text[i + 1];
    if ((before == ' ' || before == '\t' || before == '\n' || before == '[' || before == '{' || before == ',') &&
        after != ' ' && after != '\t' && after != '\n' && after != '\r')
      ++n;
  }
  return n;
}

// The loaders refuse a YAML file that expands past 2^20 nodes (an alias
// bomb) only after walking that far, about a second per input under ASan;
// a fuzzer that finds one spends most of its time re-running its mutants.
// With at most this many alias references a 4 KB file expands to a few
// thousand nodes, so aliases, anchors and merge keys are still fuzzed; the
// alias-bomb refusal itself has its golden test (tests/diagnostics/E010-yaml-too-large).
constexpr std::size_t kMaxAliases = 6;

[[noreturn]] inline void fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
  std::abort();
}

}  // namespace wfof::fuzz

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) ::wfof::fuzz::fail(__FILE__, __LINE__, #cond); \
  } while (0)
