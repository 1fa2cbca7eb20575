#include <algorithm>

#include "writers.hpp"

namespace wfof {

std::vector<std::string> matrix_items(const RunResult& run, const Checklist& checklist) {
  std::vector<std::string> out;
  for (const auto& item : checklist.items)
    for (const auto& d : run.documents)
      if (std::any_of(d.items.begin(), d.items.end(), [&](const ItemResult& i) { return i.id == item.id; })) {
        out.push_back(item.id);
        break;
      }
  return out;
}

}  // namespace wfof
