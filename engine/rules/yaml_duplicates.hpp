// Duplicate keys in YAML mappings. A lookup finds the first of two equal
// keys silently; YAML 1.2 forbids them, and a user's second `fail-on:` must not
// quietly win or lose.
#pragma once
#include "yaml_tree.hpp"

#include "yaml_reader.hpp"

namespace wfof {

// Records an error at each repeated key in `node` and every mapping under it.
void check_duplicate_keys(YamlReader& r, const yaml::Node& node);

}  // namespace wfof
