#include "results_merge.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "error.hpp"
#include "report_stream.hpp"
#include "results.hpp"
#include "writers.hpp"

namespace wfof {
namespace {

using json = nlohmann::ordered_json;

// 1-based line and column of byte `offset` in the file at `path`.
std::pair<std::size_t, std::size_t> line_col(const std::string& path, std::size_t offset) {
  std::ifstream in(path, std::ios::binary);
  std::size_t line = 1, col = 1;
  char c;
  for (std::size_t i = 0; i < offset && in.get(c); ++i) {
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// Results that do not fit are a problem with the file as a whole (at 1:1);
// a file that cannot be read or written has no position.
[[noreturn]] void fail(const std::string& path, const std::string& message, Code code = Code::E035) {
  const std::size_t at = code == Code::E035 ? 1 : 0;
  throw Error(Diagnostic{path, at, at, message, code});
}

// Where a merged document's text waits, and its path.
struct Stored {
  std::string path;
  std::size_t file = 0;  // which input
  long offset = 0;
  std::size_t size = 0;
};

// The documents' texts, in an anonymous temporary file.
class Store {
 public:
  Store() : f_(std::tmpfile()) {
    if (!f_) fail("(temporary file)", std::string("cannot create a temporary file: ") + std::strerror(errno), Code::E036);
  }
  ~Store() { std::fclose(f_); }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  std::pair<long, std::size_t> put(const std::string& text) {
    long at = std::ftell(f_);
    if (at < 0 || std::fwrite(text.data(), 1, text.size(), f_) != text.size())
      fail("(temporary file)", std::string("cannot write a temporary file: ") + std::strerror(errno), Code::E036);
    return {at, text.size()};
  }
  std::string get(long offset, std::size_t size) {
    std::string out(size, '\0');
    if (std::fseek(f_, offset, SEEK_SET) != 0 || std::fread(out.data(), 1, size, f_) != size)
      fail("(temporary file)", std::string("cannot read a temporary file: ") + std::strerror(errno), Code::E036);
    std::fseek(f_, 0, SEEK_END);
    return out;
  }

 private:
  std::FILE* f_;
};

std::size_t count(const json& summary, const char* key, const std::string& path) {
  if (!summary.is_object() || !summary.contains(key) || !summary[key].is_number_unsigned())
    fail(path, std::string("not wfof results: 'summary' has no count '") + key + "'");
  return summary[key].get<std::size_t>();
}

}  // namespace

void merge_results(const std::vector<std::string>& paths, const PieceSink& sink) {
  if (paths.empty()) throw Error(Diagnostic{"wfof merge", 0, 0, "no results files given", Code::E001});
  Store store;
  std::vector<Stored> docs;
  RunResult head;
  std::size_t documents = 0;
  std::string first;  // the file the others are compared with
  for (std::size_t f = 0; f < paths.size(); ++f) {
    const std::string& path = paths[f];
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot read results: ") + std::strerror(errno), Code::E001);
    std::string key;            // the top-level key being read
    std::size_t in_file = 0;    // documents read from this file
    json root;
    try {
      // Each document is taken out as soon as it is parsed, so the tree
      // never holds more than one.
      root = json::parse(in, [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) key = parsed.get<std::string>();
        if (depth == 2 && event == json::parse_event_t::object_end && key == "documents") {
          if (!parsed.contains("path") || !parsed["path"].is_string())
            fail(path, "not wfof results: a document has no 'path'");
          auto [offset, size] = store.put(indent_lines(parsed.dump(2), 4));
          docs.push_back(Stored{parsed["path"].get<std::string>(), f, offset, size});
          ++in_file;
          return false;
        }
        return true;
      });
    } catch (const json::parse_error& e) {
      auto [line, col] = line_col(path, e.byte > 0 ? e.byte - 1 : 0);
      throw Error(Diagnostic{path, line, col, "malformed JSON: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2),
                             Code::E034});
    }
    if (!root.is_object() || root.value("schema", "") != "wfof-results/1")
      fail(path, "not wfof results (no \"schema\": \"wfof-results/1\")");
    auto object = [&](const char* name) { return root.contains(name) && root[name].is_object() ? root[name] : json::object(); };
    const std::string version = object("tool").value("version", "");
    const std::string checklist = object("checklist").value("id", "");
    const json coverage = object("coverage");
    const json summary = object("summary");
    if (count(summary, "documents", path) != in_file)
      fail(path, "holds " + std::to_string(in_file) + " documents but its summary counts " +
                     std::to_string(count(summary, "documents", path)) + " (truncated or edited?)");
    if (f == 0) {
      first = path;
      head.tool_version = version;
      head.checklist_id = checklist;
      head.checklist_title = object("checklist").value("title", "");
      for (const auto& id : coverage.value("uncovered_items", json::array())) head.uncovered_items.push_back(id.get<std::string>());
    } else {
      if (version != head.tool_version)
        fail(path, "made by wfof " + version + ", but " + first + " by wfof " + head.tool_version);
      if (checklist != head.checklist_id)
        fail(path, "checked against checklist '" + checklist + "', but " + first + " against '" + head.checklist_id + "'");
      std::vector<std::string> uncovered;
      for (const auto& id : coverage.value("uncovered_items", json::array())) uncovered.push_back(id.get<std::string>());
      if (uncovered != head.uncovered_items)
        fail(path, "made with other rules than " + first + " (the checklist items no rule covers differ)");
    }
    // Documents a shard could not check stay recorded in the merged run.
    if (root.contains("errors") && root["errors"].is_array())
      for (const auto& e : root["errors"]) {
        if (!e.is_object() || !e.contains("path") || !e["path"].is_string() || !e.contains("message") || !e["message"].is_string())
          fail(path, "not wfof results: an entry of 'errors' has no 'path' or 'message'");
        auto n = [&](const char* k) { return e.contains(k) && e[k].is_number_unsigned() ? e[k].get<std::size_t>() : std::size_t(0); };
        head.errors.push_back(DocumentError{e["path"].get<std::string>(), n("line"), n("column"), e["message"].get<std::string>(),
                                            e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : std::string()});
      }
    head.summary.pass += count(summary, "pass", path);
    head.summary.partial += count(summary, "partial", path);
    head.summary.gap += count(summary, "gap", path);
    documents += in_file;
  }
  std::stable_sort(docs.begin(), docs.end(), [](const Stored& a, const Stored& b) { return a.path < b.path; });
  for (std::size_t i = 1; i < docs.size(); ++i)
    if (docs[i].path == docs[i - 1].path)
      fail(paths[docs[i].file], "document " + docs[i].path + " is also in " + paths[docs[i - 1].file] +
                                    (paths[docs[i].file] == paths[docs[i - 1].file] ? " (the same file given twice?)" : ""));
  std::stable_sort(head.errors.begin(), head.errors.end(), [](const DocumentError& a, const DocumentError& b) { return a.path < b.path; });
  ReportFrame frame = json_frame(head, documents);
  ReportStream stream(1);
  for (const auto& d : docs) stream.add({{store.get(d.offset, d.size)}}, frame);
  stream.write(frame, sink);
}

}  // namespace wfof
