#include "yaml_tree.hpp"

#include <algorithm>
#include <map>

#include <yaml.h>

namespace wfof::yaml {

const std::string& Node::Scalar() const {
  static const std::string kEmpty;
  return data_ && data_->type == Type::scalar ? data_->scalar : kEmpty;
}

Node Node::operator[](std::string_view key) const {
  if (!IsMap()) return Node();
  for (const auto& [k, v] : data_->entries)
    if (k.IsScalar() && k.Scalar() == key) return v;
  return Node();
}

Node Node::operator[](std::size_t i) const {
  if (!IsSequence() || i >= data_->entries.size()) return Node();
  return data_->entries[i].first;
}

Node::Iterator Node::begin() const {
  return Iterator(IsSequence() || IsMap() ? data_.get() : nullptr, 0);
}

Node::Iterator Node::end() const {
  return Iterator(IsSequence() || IsMap() ? data_.get() : nullptr, IsSequence() || IsMap() ? data_->entries.size() : 0);
}

Entry Node::Iterator::operator*() const {
  const auto& [k, v] = data_->entries[i_];
  Entry e;
  if (data_->type == Type::sequence) e.reset(k);
  else e.first = k, e.second = v;
  return e;
}

// Builds the tree from libyaml's events.
class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {
    // libyaml counts lines at every YAML line break, and columns in code
    // points: the byte offset of a mark comes from both.
    // A byte order mark is read past, not counted as a column.
    starts_.push_back(text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      std::size_t next = 0;
      if (c == '\n') next = i + 1;
      else if (c == '\r') next = i + 1 < text.size() && text[i + 1] == '\n' ? i + 2 : i + 1;
      else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) next = i + 2;
      else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9))
        next = i + 3;
      if (next) {
        starts_.push_back(next);
        i = next - 1;
      }
    }
  }

  Mark mark(const yaml_mark_t& m) const {
    Mark out;
    out.line = static_cast<long>(m.line);
    out.column = static_cast<long>(m.column);
    std::size_t pos = m.line < starts_.size() ? starts_[m.line] : text_.size();
    for (std::size_t col = 0; col < m.column && pos < text_.size(); ++col) {
      const auto c = static_cast<unsigned char>(text_[pos]);
      pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    out.pos = static_cast<long>(std::min(pos, text_.size()));
    return out;
  }

  Node parse() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) throw ParseError{"out of memory", {}, {}, {}};
    struct Closer {
      yaml_parser_t* p;
      ~Closer() { yaml_parser_delete(p); }
    } closer{&parser};
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()), text_.size());
    // No document, or an empty one, is null (as `key:` with no value is).
    Node root(std::make_shared<const Node::Data>());
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) fail(parser);
      struct Deleter {
        yaml_event_t* e;
        ~Deleter() { yaml_event_delete(e); }
      } deleter{&event};
      switch (event.type) {
        case YAML_STREAM_END_EVENT: return root;
        case YAML_DOCUMENT_END_EVENT: return root;  // the first document only
        case YAML_SCALAR_EVENT: {
          auto d = std::make_shared<Node::Data>();
          d->mark = mark(event.start_mark);
          d->scalar.assign(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
          const bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
          const auto& s = d->scalar;
          d->type = plain && (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") ? Node::Type::null
                                                                                                : Node::Type::scalar;
          if (d->type == Node::Type::null) d->scalar.clear();
          add(Node(d), event.data.scalar.anchor, root);
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
          auto d = std::make_shared<Node::Data>();
          d->mark = mark(event.start_mark);
          const bool seq = event.type == YAML_SEQUENCE_START_EVENT;
          d->type = seq ? Node::Type::sequence : Node::Type::map;
          const yaml_char_t* anchor = seq ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
          open_.push_back(Open{d, anchor ? reinterpret_cast<const char*>(anchor) : "", {}, false});
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
          Open o = std::move(open_.back());
          open_.pop_back();
          const std::string anchor = o.anchor;
          add(Node(std::move(o.data)), nullptr, root);
          if (!anchor.empty()) anchors_[anchor] = last_;
          break;
        }
        case YAML_ALIAS_EVENT: {
          const std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
          auto it = anchors_.find(name);
          if (it == anchors_.end())
            throw ParseError{"found undefined alias '" + name + "'", mark(event.start_mark), {}, {}};
          add(it->second, nullptr, root);
          break;
        }
        default: break;
      }
    }
  }

 private:
  struct Open {
    std::shared_ptr<Node::Data> data;
    std::string anchor;
    Node key;       // a mapping's key waiting for its value
    bool has_key;
  };

  [[noreturn]] void fail(const yaml_parser_t& p) const {
    ParseError e;
    e.problem = p.problem ? p.problem : "cannot parse";
    e.at = mark(p.problem_mark);
    if (p.context) {
      e.context = p.context;
      e.context_at = mark(p.context_mark);
    }
    throw e;
  }

  // Adds a finished node to the open container, or makes it the root.
  void add(Node n, const yaml_char_t* anchor, Node& root) {
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = n;
    last_ = n;
    if (open_.empty()) {
      root = std::move(n);
      return;
    }
    Open& o = open_.back();
    if (o.data->type == Node::Type::sequence) {
      o.data->entries.emplace_back(std::move(n), Node());
    } else if (!o.has_key) {
      o.key = std::move(n);
      o.has_key = true;
    } else {
      o.data->entries.emplace_back(std::move(o.key), std::move(n));
      o.key = Node();
      o.has_key = false;
    }
  }

  std::string_view text_;
  std::vector<std::size_t> starts_;  // byte offset of each line
  std::vector<Open> open_;
  std::map<std::string, Node> anchors_;
  Node last_;
};

Node parse(std::string_view text) { return Builder(text).parse(); }

}  // namespace wfof::yaml
