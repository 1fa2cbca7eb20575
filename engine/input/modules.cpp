// Finding and loading the reader modules (module.hpp): next to the program
// (a build folder) or in ../lib/wfof beside its bin/ (an install). A build
// configured without a library has no module for it, and says so.
#include <dlfcn.h>

#include <filesystem>
#include <mutex>

#include "error.hpp"
#include "module.hpp"
#include "readers.hpp"

#ifndef WFOF_HAVE_LIBXML2
#define WFOF_HAVE_LIBXML2 0
#endif
#ifndef WFOF_HAVE_POPPLER
#define WFOF_HAVE_POPPLER 0
#endif

namespace wfof::input {
namespace {

// The module in `file` ("wfof-html.so"), if this build made it and it is
// where it belongs; asked once per format (the callers keep the answer).
const ReaderModule* load(const char* file_name, bool built) {
  if (!built) return nullptr;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) return nullptr;
  for (const fs::path& dir : {exe.parent_path(), exe.parent_path().parent_path() / "lib" / "wfof"}) {
    const fs::path file = dir / file_name;
    if (!fs::exists(file, ec)) continue;
    // Never closed: its functions are used until the program ends.
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) continue;
    using Entry = const ReaderModule* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "wfof_reader_module"));
    const ReaderModule* m = entry ? entry() : nullptr;
    if (m && m->abi == ReaderModule::kAbi) return m;
  }
  return nullptr;
}

const ReaderModule* html() {
  static const ReaderModule* m = load("wfof-html.so", WFOF_HAVE_LIBXML2);
  return m;
}

const ReaderModule* pdf() {
  static const ReaderModule* m = load("wfof-pdf.so", WFOF_HAVE_POPPLER);
  return m;
}

// Why `format` cannot be read: the build lacked the library, or the
// module is not where it was installed.
std::string missing(const char* format, const char* file, bool built, const char* library) {
  if (!built) return std::string("cannot read ") + format + ": this wfof was built without " + library + " (see wfof --version)";
  return std::string("cannot read ") + format + ": " + file + " (" + library +
         ") is neither beside this wfof nor in ../lib/wfof (see wfof --version)";
}

Extracted run(const ReaderModule& m, const std::string& path, std::string_view bytes, std::size_t max_text) {
  Extracted out;
  ReadFailure failure;
  if (!m.extract(bytes, max_text, out, failure)) throw Error(Diagnostic{path, 1, 1, failure.message, failure.code});
  return out;
}

}  // namespace

std::string html_library() { return html() ? html()->library() : ""; }
std::string pdf_library() { return pdf() ? pdf()->library() : ""; }

Extracted extract_html(const std::string& path, std::string_view bytes) {
  if (const ReaderModule* m = html()) return run(*m, path, bytes, std::size_t(-1));
  throw Error(Diagnostic{path, 1, 1, missing("HTML", "wfof-html.so", WFOF_HAVE_LIBXML2, "libxml2"), Code::E029});
}

Extracted extract_pdf(const std::string& path, std::string_view bytes, std::size_t max_text) {
  if (const ReaderModule* m = pdf()) return run(*m, path, bytes, max_text);
  throw Error(Diagnostic{path, 1, 1, missing("PDF", "wfof-pdf.so", WFOF_HAVE_POPPLER, "Poppler"), Code::E029});
}

}  // namespace wfof::input
