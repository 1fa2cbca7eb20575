// Positions in JSON text. nlohmann's DOM keeps none, so a tool that reads
// saved results and finds a problem in them (a different checklist, a
// document without a path) scans the text again for the position to
// report: errors are rare, and a second scan costs nothing until one occurs.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wfof {

// 1-based line and column (in code points) of the value at `pointer` (object
// keys and array indices, from the root) in `text`; of its deepest ancestor
// present when the value itself is absent; 1:1 when the text is not JSON.
std::pair<std::size_t, std::size_t> locate_json(std::string_view text, const std::vector<std::string>& pointer);

// The same for the JSON file at `path` (1:1 when it cannot be read).
std::pair<std::size_t, std::size_t> locate_json_file(const std::string& path, const std::vector<std::string>& pointer);

}  // namespace wfof
