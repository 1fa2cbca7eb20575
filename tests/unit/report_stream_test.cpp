// The streamed JSON reports: a frame split around its per-document arrays,
// filled a document at a time, must give what nlohmann's dump(2) gives for
// the same report built whole.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "report_stream.hpp"

using namespace wfof;
using json = nlohmann::ordered_json;

namespace {

json report(const std::vector<json>& a, const std::vector<json>& b) {
  json root;
  root["head"] = {{"x", 1}, {"list", {1, 2}}};
  root["runs"] = json::array({json{{"first", json(a)}, {"mid", "text with \"first\": [] inside"}, {"second", json(b)}}});
  root["tail"] = {{"n", a.size() + b.size()}};
  return root;
}

// With `direct`, the first array goes straight to the output after the
// head of a frame made before any document (its totals still 0).
std::string streamed(const std::vector<std::vector<json>>& per_doc_a, const std::vector<std::vector<json>>& per_doc_b,
                     bool direct = false) {
  std::vector<json> all_a, all_b;
  for (const auto& d : per_doc_a) all_a.insert(all_a.end(), d.begin(), d.end());
  for (const auto& d : per_doc_b) all_b.insert(all_b.end(), d.begin(), d.end());
  // The frame is rendered with the arrays empty (and the totals it ends with).
  json framed = report({}, {});
  framed["tail"]["n"] = all_a.size() + all_b.size();
  ReportFrame frame = split_frame(framed.dump(2), {{"first", 8}, {"second", 8}});
  ReportStream stream(2);
  std::string out;
  if (direct) stream.stream_first(split_frame(report({}, {}).dump(2), {{"first", 8}, {"second", 8}}).parts[0],
                                  [&](std::string_view p) { out.append(p); });
  for (std::size_t i = 0; i < per_doc_a.size(); ++i) {
    ReportEntries e(2);
    for (const auto& x : per_doc_a[i]) e[0].push_back(indent_lines(x.dump(2), 8));
    for (const auto& x : per_doc_b[i]) e[1].push_back(indent_lines(x.dump(2), 8));
    stream.add(e, frame);
  }
  stream.write(frame, [&](std::string_view p) { out.append(p); });
  BOOST_TEST(out == report(all_a, all_b).dump(2));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(streamed_report_equals_the_whole_dump) {
  json obj = {{"k", "v\nw"}, {"nested", {{"deep", json::array({1, json::object(), json::array()})}}}};
  // Documents with entries in both arrays, in one, in none.
  streamed({{obj, 2}, {}, {"s"}}, {{}, {obj}, {3, 4}});
}

BOOST_AUTO_TEST_CASE(streamed_report_with_no_entries_keeps_empty_arrays) {
  std::string out = streamed({{}, {}}, {{}, {}});
  BOOST_TEST(out.find("\"first\": []") != std::string::npos);
  BOOST_TEST(out.find("\"second\": []") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(first_array_streamed_directly_gives_the_same_bytes) {
  json obj = {{"k", "v\nw"}, {"nested", {{"deep", json::array({1, json::object(), json::array()})}}}};
  BOOST_TEST(streamed({{obj, 2}, {}, {"s"}}, {{}, {obj}, {3, 4}}, true) == streamed({{obj, 2}, {}, {"s"}}, {{}, {obj}, {3, 4}}));
  BOOST_TEST(streamed({{}, {}}, {{1}, {}}, true) == streamed({{}, {}}, {{1}, {}}));  // none in the first array: "[]"
  BOOST_TEST(streamed({{}, {}}, {{}, {}}, true) == streamed({{}, {}}, {{}, {}}));
}

BOOST_AUTO_TEST_CASE(a_head_that_changed_after_streaming_is_a_writer_bug) {
  ReportFrame at_start = split_frame(json{{"n", 0}, {"first", json::array()}}.dump(2), {{"first", 4}});
  ReportFrame at_end = split_frame(json{{"n", 1}, {"first", json::array()}}.dump(2), {{"first", 4}});
  ReportStream stream(1);
  std::string out;
  stream.stream_first(at_start.parts[0], [&](std::string_view p) { out.append(p); });
  BOOST_CHECK_THROW(stream.write(at_end, [&](std::string_view p) { out.append(p); }), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_frame_without_the_named_array_is_a_writer_bug) {
  BOOST_CHECK_THROW(split_frame(json{{"a", 1}}.dump(2), {{"first", 4}}), std::logic_error);
}

BOOST_AUTO_TEST_CASE(plain_arrays_are_concatenated) {
  ReportFrame frame{{"<all>\n", "</all>\n"}, {0}};
  ReportStream stream(1);
  stream.add({{"  <a/>\n", "  <b/>\n"}}, frame);
  stream.add({{}}, frame);
  stream.add({{"  <c/>\n"}}, frame);
  std::string out;
  stream.write(frame, [&](std::string_view p) { out.append(p); });
  BOOST_TEST(out == "<all>\n  <a/>\n  <b/>\n  <c/>\n</all>\n");
  ReportStream empty(1);
  out.clear();
  empty.write(frame, [&](std::string_view p) { out.append(p); });
  BOOST_TEST(out == "<all>\n</all>\n");
}
