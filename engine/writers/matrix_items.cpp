#include <algorithm>

#include "writers.hpp"

namespace wfof {

std::vector<std::string> matrix_items(const RunResult& head, std::size_t documents, const Checklist& checklist) {
  std::vector<std::string> out;
  if (documents == 0) return out;
  for (const auto& item : checklist.items)
    if (std::find(head.uncovered_items.begin(), head.uncovered_items.end(), item.id) == head.uncovered_items.end())
      out.push_back(item.id);
  return out;
}

}  // namespace wfof
