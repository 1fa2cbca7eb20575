// Merging the JSON results of runs over parts of a corpus (`wfof check
// --shard K/N` in a CI matrix) into the JSON one run over the whole corpus
// would have written, byte for byte.
#pragma once
#include <string>
#include <vector>

#include "atomic_file.hpp"

namespace wfof {

// Reads the wfof-results/1 files at `paths` one document at a time (memory
// is bounded by the largest document, not the files), checks that they
// come from the same wfof version, checklist and rule coverage and share
// no document, and passes the merged JSON (documents in path order, totals
// summed) to `sink`. Throws wfof::Error naming the file, with line and
// column for malformed JSON.
void merge_results(const std::vector<std::string>& paths, const PieceSink& sink);

}  // namespace wfof
