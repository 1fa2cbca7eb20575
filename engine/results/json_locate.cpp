#include "json_locate.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

namespace wfof {
namespace {

// A recursive-descent walk that follows `pointer` and skips everything else.
// It assumes well-formed JSON (the file was parsed before); on anything
// unexpected it stops, leaving the deepest position reached.
class Locator {
 public:
  Locator(std::string_view text, const std::vector<std::string>& pointer) : t_(text), ptr_(pointer) {}

  std::size_t find() {
    ws();
    follow(0);
    return best_;
  }

 private:
  void ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  bool string(std::string* out) {
    if (i_ >= t_.size() || t_[i_] != '"') return false;
    for (++i_; i_ < t_.size(); ++i_) {
      char c = t_[i_];
      if (c == '"') { ++i_; return true; }
      if (c == '\\' && i_ + 1 < t_.size()) {
        // Keys with escapes are compared by their raw text: wfof's keys have none.
        if (out) { out->push_back(c); out->push_back(t_[i_ + 1]); }
        ++i_;
        continue;
      }
      if (out) out->push_back(c);
    }
    return false;
  }
  bool skip() {
    ws();
    if (i_ >= t_.size()) return false;
    char c = t_[i_];
    if (c == '"') return string(nullptr);
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i_;
      ws();
      if (i_ < t_.size() && t_[i_] == close) { ++i_; return true; }
      while (true) {
        if (c == '{') {
          ws();
          if (!string(nullptr)) return false;
          ws();
          if (i_ >= t_.size() || t_[i_] != ':') return false;
          ++i_;
        }
        if (!skip()) return false;
        ws();
        if (i_ >= t_.size()) return false;
        if (t_[i_] == ',') { ++i_; continue; }
        if (t_[i_] == close) { ++i_; return true; }
        return false;
      }
    }
    while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '-' || t_[i_] == '+' || t_[i_] == '.')) ++i_;
    return true;
  }
  // At the value of ptr_[0, depth): record it, then descend or return.
  void follow(std::size_t depth) {
    best_ = i_;
    if (depth == ptr_.size() || i_ >= t_.size()) return;
    char c = t_[i_];
    if (c != '{' && c != '[') return;
    ++i_;
    ws();
    std::size_t index = 0;
    while (i_ < t_.size() && t_[i_] != '}' && t_[i_] != ']') {
      bool here;
      if (c == '{') {
        std::string key;
        if (!string(&key)) return;
        ws();
        if (i_ >= t_.size() || t_[i_] != ':') return;
        ++i_;
        here = key == ptr_[depth];
      } else {
        here = std::to_string(index++) == ptr_[depth];
      }
      ws();
      if (here) return follow(depth + 1);
      if (!skip()) return;
      ws();
      if (i_ < t_.size() && t_[i_] == ',') ++i_;
      ws();
    }
  }

  std::string_view t_;
  const std::vector<std::string>& ptr_;
  std::size_t i_ = 0, best_ = 0;
};

}  // namespace

std::pair<std::size_t, std::size_t> locate_json(std::string_view text, const std::vector<std::string>& pointer) {
  std::size_t at = Locator(text, pointer).find();
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; }
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return {line, col};
}

std::pair<std::size_t, std::size_t> locate_json_file(const std::string& path, const std::vector<std::string>& pointer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {1, 1};
  std::ostringstream ss;
  ss << in.rdbuf();
  return locate_json(ss.str(), pointer);
}

}  // namespace wfof
