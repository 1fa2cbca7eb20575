// Writing a report so that readers see either the old file or the whole new
// one: a temporary file beside it, then rename.
#pragma once
#include <functional>
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

}  // namespace wfof
