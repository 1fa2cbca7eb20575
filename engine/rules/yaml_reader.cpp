#include "yaml_reader.hpp"

#include "utf8.hpp"
#include "yaml_duplicates.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wfof {
namespace {

constexpr std::size_t kMaxFileBytes = 8u << 20;
constexpr std::size_t kMaxNodes = 1u << 20;  // after alias expansion
constexpr std::size_t kMaxDepth = 64;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Deep flow nesting ([[[...) is refused before parsing, with the
// position where the limit is crossed (the loaders recurse per level).
void check_flow_depth(const std::string& path, std::string_view text) {
  std::size_t depth = 0, line = 1, col = 0;
  char quote = 0;
  for (char c : text) {
    ++col;
    if (c == '\n') { ++line; col = 0; quote = 0; continue; }
    if (quote) { if (c == quote) quote = 0; continue; }
    if (c == '\'' || c == '"') quote = c;
    else if (c == '#') quote = '\n';  // a comment runs to the end of the line
    else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth)
        throw Error(Diagnostic{path, line, col, "YAML nested more than " + std::to_string(kMaxDepth) + " levels deep",
                               Code::E009});
    } else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
}

yaml::Node parse(const std::string& path, std::string_view text) {
  check_flow_depth(path, text);
  try {
    return yaml::parse(text);
  } catch (const yaml::ParseError& e) {
    auto at = [](const yaml::Mark& m) {
      return std::pair<std::size_t, std::size_t>(m.is_null() ? 1 : static_cast<std::size_t>(m.line) + 1,
                                                 m.is_null() ? 1 : static_cast<std::size_t>(m.column) + 1);
    };
    // A quote left open runs to the end of the file: said at the quote.
    if (e.context == "while scanning a quoted scalar" && !e.context_at.is_null() &&
        static_cast<std::size_t>(e.context_at.pos) < text.size() && e.problem.find("end of stream") != std::string::npos) {
      const bool dq = text[static_cast<std::size_t>(e.context_at.pos)] == '"';
      auto [line, col] = at(e.context_at);
      throw Error(Diagnostic{path, line, col,
                             std::string("unterminated quoted scalar: no closing ") + (dq ? "double" : "single") + " quote",
                             Code::E007});
    }
    auto [line, col] = at(e.at);
    std::string msg = e.problem;
    if (!e.context.empty() && (e.context_at.line != e.at.line || e.context_at.column != e.at.column)) {
      auto [cl, cc] = at(e.context_at);
      msg += " (" + e.context + " started at " + std::to_string(cl) + ":" + std::to_string(cc) + ")";
    }
    if (text.find('\t') != std::string_view::npos && msg.find("tab") == std::string::npos)
      msg += " (the file contains tab characters; YAML indentation must use spaces)";
    throw Error(Diagnostic{path, line, col, "malformed YAML: " + msg, Code::E006});
  }
}

}  // namespace

std::string read_yaml_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A path that cannot be opened has no position; a file too large is a
  // problem with its content, at 1:1.
  if (!fs::exists(path, ec)) throw Error(Diagnostic{path, 0, 0, "cannot read: no such file", Code::E001});
  if (fs::is_directory(path, ec)) throw Error(Diagnostic{path, 0, 0, "cannot read: is a directory", Code::E001});
  auto size = fs::file_size(path, ec);
  if (ec) throw Error(Diagnostic{path, 0, 0, "cannot read: " + ec.message(), Code::E001});
  if (size > kMaxFileBytes)
    throw Error(Diagnostic{path, 1, 1, "file is " + std::to_string(size) + " bytes, over the limit of " +
                                           std::to_string(kMaxFileBytes) + " for a YAML file", Code::E002});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Diagnostic{path, 0, 0, "cannot read: permission denied or unreadable", Code::E001});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string nearest(std::string_view word, const std::vector<std::string_view>& allowed) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto a : allowed) {
    std::size_t d = edit_distance(word, a);
    if (d < best_d) { best_d = d; best = std::string(a); }
  }
  return best;
}

YamlReader::YamlReader(std::string path) : YamlReader(path, read_yaml_file(path)) {}

YamlReader::YamlReader(std::string path, std::string_view text) : path_(std::move(path)) {
  // The line and column (in code points) of byte `at`, from the text before
  // it, which is valid UTF-8.
  auto place = [&](std::size_t at) {
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < at; ++i)
      if (text[i] == '\n') ++line, start = i + 1;
    return std::pair(line, utf8::count_code_points(text.substr(start, at - start)) + 1);
  };
  // Invalid UTF-8 is refused at the bad byte before parsing (never echoed
  // as replacement characters).
  const auto bad = utf8::first_invalid(text);
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos && (!bad || nul < *bad)) {
    auto [line, col] = place(nul);
    throw Error(Diagnostic{path_, line, col, "not a YAML text file (contains a NUL byte)", Code::E004});
  }
  if (bad) {
    auto [line, col] = place(*bad);
    throw Error(Diagnostic{path_, line, col,
                           "not valid UTF-8 (byte 0x" + [&] {
                             static const char* hex = "0123456789abcdef";
                             auto c = static_cast<unsigned char>(text[*bad]);
                             return std::string{hex[c >> 4], hex[c & 15]};
                           }() + ")", Code::E003});
  }
  root_ = parse(path_, text);
  std::size_t count = 0;
  guard_size(root_, 0, count);
  // A key must not repeat.
  check_duplicate_keys(*this, root_);
}

// An alias shares its anchor's node, so an alias bomb is small in memory but
// explodes when walked; refuse it before any loader walks it.
void YamlReader::guard_size(const yaml::Node& n, std::size_t depth, std::size_t& count) {
  // The whole file is the problem: it is reported at 1:1.
  if (++count > kMaxNodes)
    throw Error(Diagnostic{path_, 1, 1, "YAML expands to more than " + std::to_string(kMaxNodes) +
                                            " nodes (alias bomb?)", Code::E010});
  if (depth > kMaxDepth) {
    auto p = pos(n);
    throw Error(Diagnostic{path_, p.line, p.col, "YAML nested more than " + std::to_string(kMaxDepth) + " levels deep",
                           Code::E009});
  }
  if (n.IsSequence()) {
    for (const auto& c : n) guard_size(c, depth + 1, count);
  } else if (n.IsMap()) {
    for (const auto& kv : n) {
      guard_size(kv.first, depth + 1, count);
      guard_size(kv.second, depth + 1, count);
    }
  }
}

SourcePos YamlReader::pos(const yaml::Node& n) const {
  auto m = n.Mark();
  if (m.is_null()) return {path_, 1, 1};
  return {path_, static_cast<std::size_t>(m.line) + 1, static_cast<std::size_t>(m.column) + 1};
}

void YamlReader::error(Code code, const yaml::Node& at, std::string message, std::string help) {
  auto p = pos(at);
  diags_.push_back(Diagnostic{path_, p.line, p.col, std::move(message), code, std::nullopt, std::move(help)});
}

void YamlReader::error(Code code, const yaml::Mark& m, std::string message, std::string help) {
  diags_.push_back(Diagnostic{path_, m.is_null() ? 1 : static_cast<std::size_t>(m.line) + 1,
                              m.is_null() ? 1 : static_cast<std::size_t>(m.column) + 1, std::move(message), code,
                              std::nullopt, std::move(help)});
}

void YamlReader::error(Code code, const yaml::Node& at, std::string message, const SourcePos& first) {
  auto p = pos(at);
  diags_.push_back(Diagnostic{path_, p.line, p.col, std::move(message), code,
                              RelatedPos{first.file, first.line, first.col}, {}});
}

bool YamlReader::check_keys(const yaml::Node& map, std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
  return check_keys(map, std::vector<std::string_view>(allowed), what);
}

bool YamlReader::check_keys(const yaml::Node& map, const std::vector<std::string_view>& allowed,
                            std::string_view what) {
  bool ok = true;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      error(Code::E013, kv.first, std::string("a key in ") + std::string(what) + " must be a plain name");
      ok = false;
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string near = nearest(key, allowed);
    error(Code::E011, kv.first, "unknown key '" + key + "' in " + std::string(what),
          near.empty() ? std::string() : "did you mean '" + near + "'?");
    ok = false;
  }
  return ok;
}

bool YamlReader::is_map(const yaml::Node& n, std::string_view what) {
  if (n.IsMap()) return true;
  error(Code::E013, n, std::string(what) + " must be a mapping");
  return false;
}

std::optional<std::string> YamlReader::scalar(const yaml::Node& n, std::string_view what) {
  if (n.IsScalar()) return n.Scalar();
  error(Code::E013, n, std::string(what) + " must be a string");
  return std::nullopt;
}

std::optional<std::string> YamlReader::required_string(const yaml::Node& map, const char* key,
                                                       std::string_view what) {
  auto n = map[key];
  if (!n) {
    error(Code::E014, map, std::string(what) + " is missing the required key '" + key + "'");
    return std::nullopt;
  }
  return scalar(n, std::string("'") + key + "' of " + std::string(what));
}

std::optional<std::string> YamlReader::optional_string(const yaml::Node& map, const char* key,
                                                       std::string_view what) {
  auto n = map[key];
  if (!n) return std::nullopt;
  return scalar(n, std::string("'") + key + "' of " + std::string(what));
}

std::vector<std::string> YamlReader::string_list(const yaml::Node& n, std::string_view what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& e : n) {
      if (e.IsScalar()) out.push_back(e.Scalar());
      else error(Code::E013, e, std::string(what) + " must be a list of strings");
    }
  } else {
    error(Code::E013, n, std::string(what) + " must be a string or a list of strings");
  }
  return out;
}

std::optional<bool> YamlReader::boolean(const yaml::Node& n, std::string_view what) {
  if (n.IsScalar()) {
    const auto& s = n.Scalar();
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
  }
  error(Code::E013, n, std::string(what) + " must be true or false");
  return std::nullopt;
}

std::optional<long long> YamlReader::integer(const yaml::Node& n, std::string_view what) {
  if (n.IsScalar()) {
    try {
      std::size_t used = 0;
      long long v = std::stoll(n.Scalar(), &used);
      if (used == n.Scalar().size()) return v;
    } catch (const std::exception&) {
    }
  }
  error(Code::E013, n, std::string(what) + " must be an integer");
  return std::nullopt;
}

}  // namespace wfof
