// A parsed YAML document as an immutable tree with each node's position,
// read with libyaml's event parser. The part of the YAML data model the
// loaders need: scalars (with plain null, ~ and empty read as null),
// sequences, mappings in file order, anchors and aliases (an alias shares
// its anchor's node). yaml-cpp's reading interface, so that a loader
// reads like one; about ten times faster to build.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wfof::yaml {

// A position in the text, all 0-based: byte offset, line, column in code
// points. Null for a node that is not in the text (a missing key).
struct Mark {
  long pos = -1, line = -1, column = -1;
  bool is_null() const { return line < 0; }
};

class Node;
struct Entry;

class Node {
 public:
  enum class Type { undefined, null, scalar, sequence, map };

  // An undefined node: what looking up a missing key gives.
  Node() = default;

  bool IsDefined() const { return data_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  Type type() const { return data_ ? data_->type : Type::undefined; }
  bool IsNull() const { return type() == Type::null; }
  bool IsScalar() const { return type() == Type::scalar; }
  bool IsSequence() const { return type() == Type::sequence; }
  bool IsMap() const { return type() == Type::map; }
  // The text of a scalar ("" for any other node).
  const std::string& Scalar() const;
  yaml::Mark Mark() const { return data_ ? data_->mark : yaml::Mark{}; }
  // Entries of a sequence or mapping; 0 for any other node.
  std::size_t size() const { return data_ ? data_->entries.size() : 0; }

  // The value of the first entry of a mapping whose key is the scalar
  // `key`; undefined when there is none or this is not a mapping.
  Node operator[](std::string_view key) const;
  // Element `i` of a sequence; undefined past its end or when this is not one.
  Node operator[](std::size_t i) const;
  Node operator[](int i) const { return (*this)[static_cast<std::size_t>(i)]; }
  Node operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  Node operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }

  // Makes this node refer to `other` (nodes are handles).
  void reset(const Node& other = Node()) { data_ = other.data_; }

  // A sequence's elements (as nodes) or a mapping's entries (as .first and
  // .second), in file order; nothing for any other node.
  class Iterator;
  Iterator begin() const;
  Iterator end() const;

 private:
  friend class Builder;
  struct Data {
    Type type = Type::null;
    yaml::Mark mark;
    std::string scalar;
    // A sequence's elements (first only) or a mapping's keys and values.
    std::vector<std::pair<Node, Node>> entries;
  };
  explicit Node(std::shared_ptr<const Data> d) : data_(std::move(d)) {}
  std::shared_ptr<const Data> data_;
};

// What iterating a node gives: for a sequence the element itself, for a
// mapping an entry with its key (.first) and value (.second).
struct Entry : Node {
  Node first, second;
};

class Node::Iterator {
 public:
  Iterator(const Node::Data* d, std::size_t i) : data_(d), i_(i) {}
  Entry operator*() const;
  Iterator& operator++() {
    ++i_;
    return *this;
  }
  bool operator==(const Iterator& o) const { return i_ == o.i_ && data_ == o.data_; }
  bool operator!=(const Iterator& o) const { return !(*this == o); }

 private:
  const Node::Data* data_;
  std::size_t i_;
};

// A problem that stops the parse, at its position (0-based, as Mark),
// with libyaml's words for it and what it was reading then.
struct ParseError {
  std::string problem;
  yaml::Mark at;
  std::string context;     // e.g. "while parsing a flow sequence"; may be empty
  yaml::Mark context_at;   // where that started
};

// The first document of `text` (a null node, without a mark, for a text
// with none); throws ParseError.
Node parse(std::string_view text);

}  // namespace wfof::yaml
