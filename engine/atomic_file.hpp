// Writing a report so that readers see either the old file or the whole new
// one: a temporary file beside it, then rename.
#pragma once
#include <string>
#include <string_view>

namespace wfof {

// Writes `content` to `path` atomically. SIGINT and SIGTERM are held back
// while the temporary file exists, so an interrupted run leaves neither a
// truncated report nor a temporary file. Throws wfof::Error naming the path.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace wfof
