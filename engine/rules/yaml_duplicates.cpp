#include "yaml_duplicates.hpp"

#include <map>
#include <string>

namespace wfof {

void check_duplicate_keys(YamlReader& r, const yaml::Node& n) {
  if (n.IsMap()) {
    std::map<std::string, yaml::Node> seen;
    for (const auto& kv : n) {
      if (kv.first.IsScalar()) {
        auto [it, fresh] = seen.emplace(kv.first.Scalar(), kv.first);
        if (!fresh) {
          r.error(Code::E008, kv.first, "duplicate key '" + kv.first.Scalar() + "'", r.pos(it->second));
        }
      }
      check_duplicate_keys(r, kv.second);
    }
  } else if (n.IsSequence()) {
    for (const auto& e : n) check_duplicate_keys(r, e);
  }
}

}  // namespace wfof
