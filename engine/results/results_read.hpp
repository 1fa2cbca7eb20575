// Saved results (wfof-results/1) read back into the results model, so that
// any report can be rendered from them (wfof report) exactly as `check`
// rendered it.
#pragma once
#include <string>
#include <vector>

#include "results.hpp"

namespace wfof {

// Reads the results files at `paths` as one run: their documents in path
// order, totals and errors summed, as `wfof merge` would join them. Throws
// wfof::Error naming the file (with line and column for malformed JSON)
// for a file that is not wfof results, results of another wfof version,
// checklist or rule set, or a document in two files.
RunResult read_results(const std::vector<std::string>& paths);

}  // namespace wfof
