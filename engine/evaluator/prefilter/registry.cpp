#include <cstdlib>

#include "prefilter/prefilter.hpp"

namespace wfof {

std::unique_ptr<Prefilter> make_prefilter(const std::vector<PrefilterPattern>& patterns) {
  // WFOF_PREFILTER=re2 picks the fallback, to compare the two on one build.
  const char* pick = std::getenv("WFOF_PREFILTER");
  if (!(pick && std::string_view(pick) == "re2"))
    if (auto p = make_hyperscan_prefilter(patterns)) return p;
  return make_re2_prefilter(patterns);
}

}  // namespace wfof
