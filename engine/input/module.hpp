// A reader module: the shared object (wfof-html.so, wfof-pdf.so) that reads
// one format with its library. The engine loads it only when it first reads
// a file of that format, so that libxml2, Poppler and the thirty libraries
// under them cost nothing to a run that reads none (about 4 ms of every
// start-up, a third of checking one text file, was loading them).
// Nothing but these plain values crosses between the module and the
// engine: no exception, no engine symbol.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "diagnostics.hpp"
#include "input.hpp"

namespace wfof::input {

// Why a file could not be read: the message (without the path) and its code.
struct ReadFailure {
  std::string message;
  Code code = Code::E029;
};

struct ReaderModule {
  // The layout of this struct; a module built for another is not used.
  static constexpr int kAbi = 1;
  int abi = kAbi;
  // "libxml2 2.9.14", "Poppler 22.12.0".
  std::string (*library)() = nullptr;
  // Reads `bytes` (for PDF, stopping past `max_text` bytes of text): true
  // with `out` filled, or false with `failure` said.
  bool (*extract)(std::string_view bytes, std::size_t max_text, Extracted& out, ReadFailure& failure) = nullptr;
};

}  // namespace wfof::input

// What each module exports (by this name, with C linkage, so dlsym finds it).
extern "C" const wfof::input::ReaderModule* wfof_reader_module();
