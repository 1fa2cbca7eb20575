// The JSON writer renders each document's entry straight into a buffer:
// the bytes must be those nlohmann's dump(2) gives for the same entry built
// as a document (the writer before it streamed), whatever the strings hold.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "error.hpp"
#include "evaluator.hpp"
#include "report_stream.hpp"
#include "support.hpp"
#include "shown.hpp"
#include "writers.hpp"

using namespace wfof;
using json = nlohmann::ordered_json;

namespace {

// The entry as the nlohmann writer built it.
std::string reference(const DocumentResult& d) {
  auto metric_json = [](const MetricValue& v) -> json {
    if (std::holds_alternative<std::int64_t>(v)) return std::get<std::int64_t>(v);
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return nullptr;
  };
  json doc;
  doc["path"] = d.path;
  doc["sha256"] = d.sha256;
  doc["subject"] = d.subject ? json(*d.subject) : json(nullptr);
  doc["profile"] = d.profile ? json(*d.profile) : json(nullptr);
  json items = json::array();
  for (const auto& i : d.items) {
    json item = {{"id", i.id}, {"verdict", to_string(i.verdict)}, {"basis", to_string(i.basis)}, {"rules", i.rules}};
    if (i.waiver)
      item["waiver"] = {{"reason", i.waiver->reason}, {"accepted_by", i.waiver->accepted_by},
                        {"expires", i.waiver->expires}, {"expired", i.waiver->expired}};
    items.push_back(std::move(item));
  }
  doc["items"] = items;
  json results = json::array();
  for (const auto& r : d.results) {
    json ev = json::array();
    for (const auto& e : r.evidence) {
      json one{{"matcher", e.matcher}, {"start", e.span.start}, {"end", e.span.end}, {"line", e.span.line},
               {"column", e.span.column}, {"end_line", e.span.end_line}, {"end_column", e.span.end_column},
               {"text", e.text}, {"negated", e.negated}};
      if (!e.cue.empty()) one["cue"] = e.cue;
      if (e.shown) one["shown_start"] = e.shown->first, one["shown_end"] = e.shown->second;
      if (e.span.page) one["page"] = e.span.page, one["end_page"] = e.span.end_page;
      ev.push_back(std::move(one));
    }
    json context = nullptr;
    if (r.context) {
      context = {{"unit", r.context->matcher}, {"start", r.context->span.start}, {"end", r.context->span.end},
                 {"line", r.context->span.line}, {"column", r.context->span.column}};
      if (r.context->span.page) context["page"] = r.context->span.page;
      context["end_line"] = r.context->span.end_line;
      context["end_column"] = r.context->span.end_column;
      if (r.context->span.page) context["end_page"] = r.context->span.end_page;
      context["text"] = r.context->text;
    }
    results.push_back({{"rule", r.rule}, {"title", r.title}, {"items", r.items}, {"verdict", to_string(r.verdict)},
                       {"basis", to_string(r.basis)}, {"clause", r.clause < 0 ? json(nullptr) : json(r.clause)},
                       {"severity", to_string(r.severity)}, {"message", r.message}, {"evidence", ev},
                       {"context", context}});
  }
  doc["results"] = results;
  json metrics = json::object();
  for (const auto& [k, v] : d.metrics) metrics[k] = metric_json(v);
  doc["metrics"] = metrics;
  doc["summary"] = {{"pass", d.summary.pass}, {"partial", d.summary.partial}, {"gap", d.summary.gap}};
  doc["warnings"] = d.warnings;
  json sections = json::array();
  for (const auto& [name, sp] : d.sections) {
    json one{{"name", name}, {"start", sp.start}, {"end", sp.end}, {"line", sp.line}, {"column", sp.column},
             {"end_line", sp.end_line}, {"end_column", sp.end_column}};
    if (sp.page) one["page"] = sp.page, one["end_page"] = sp.end_page;
    sections.push_back(std::move(one));
  }
  doc["sections"] = sections;
  doc["format"] = d.format;
  doc["text"] = d.shown;
  return indent_lines(doc.dump(2), 4);
}

std::string streamed(const DocumentResult& d) {
  ReportEntries e = json_entries(d);
  BOOST_REQUIRE(e.size() == 1 && e[0].size() == 1);
  return e[0][0];
}

DocumentResult awkward() {
  DocumentResult d;
  d.path = "dir/\"odd\" \\name\t.txt";
  d.sha256 = std::string(64, 'a');
  d.subject = "Zoë \x01\x1f\x7f \xF0\x9F\x98\x80 / \b\f\r\n";
  ItemResult i;
  i.id = "SA-1";
  i.verdict = Verdict::partial;
  i.rules = {"r1", "r2"};
  i.waiver = std::make_shared<const Waiver>(Waiver{"because \"so\"", "Head of PSD", "2013-12-31", true});
  d.items.push_back(i);
  ItemResult j;
  j.id = "MED-1";
  d.items.push_back(j);  // no rules: an empty array
  RuleResult r;
  r.rule = "r1";
  r.items = {"SA-1"};
  r.clause = 3;
  r.message = "quote \" backslash \\ tab \t nul-ish \x02";
  Evidence e;
  e.matcher = "m";
  e.span = SourceSpan{10, 20, 2, 3, 2, 13};
  e.text = "“curly” — dash\r\n";
  e.negated = true;
  r.evidence = {e, e};
  r.context = e;
  d.results.push_back(r);
  RuleResult empty;
  empty.rule = "r2";
  d.results.push_back(empty);  // no items, no evidence, no context
  d.metrics = {{"n", std::int64_t{-42}}, {"s", std::string("x\ty")}, {"none", MetricValue{}}, {"n", std::int64_t{7}}};
  d.summary = {1, 2, 3};
  d.warnings = {"a \"warning\""};
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(awkward_strings_empty_arrays_waivers_and_repeated_metrics) {
  DocumentResult d = awkward();
  BOOST_TEST(streamed(d) == reference(d));
  DocumentResult bare;  // nothing at all: every array and object empty
  BOOST_TEST(streamed(bare) == reference(bare));
}

// The writer tests eight bytes at a time for text with nothing to escape:
// every character that needs care, at every offset of a word and across
// the edge of one, must come out as dump() writes it.
BOOST_AUTO_TEST_CASE(each_special_character_at_each_offset) {
  for (std::string special : {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", " ", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80"})
    for (std::size_t at = 0; at <= 40; ++at) {  // across several words of eight, and the tail
      DocumentResult d;
      d.subject = std::string("abcdefghijklmnopqrstuvwxyz0123456789ABCD").insert(at, special);
      BOOST_TEST(streamed(d) == reference(d), "at " << at);
    }
  // Two in one word: the writer skips to the first and reads on from it
  // (a borrow can flag a plain byte after a special one).
  for (std::string first : {"\"", "\x01", "\xC3\xA9"})
    for (std::string second : {"\n", "\\", "\x1f", "\xE2\x80\x94"})
      for (std::size_t a = 0; a <= 17; ++a)
        for (std::size_t b = a; b <= 17; ++b) {
          DocumentResult d;
          d.subject = std::string("abcdefghijklmnopqrstuvwxyz").insert(b, second).insert(a, first);
          BOOST_TEST(streamed(d) == reference(d), "at " << a << " and " << b);
        }
  for (std::size_t at = 0; at <= 17; ++at) {  // a broken sequence anywhere still fails as dump() fails
    DocumentResult d;
    d.subject = std::string("abcdefghijklmnopq").insert(at, "\xC3");
    BOOST_CHECK_THROW(streamed(d), json::type_error);
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_fails_as_dump_fails) {
  for (std::string bad : {std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"), std::string("ok \xFF")}) {
    DocumentResult d;
    d.path = bad;
    BOOST_CHECK_THROW(reference(d), json::type_error);
    BOOST_CHECK_THROW(streamed(d), json::type_error);
  }
}

BOOST_AUTO_TEST_CASE(every_fixture_document) {
  namespace fs = std::filesystem;
  auto loaded = load_rules({test::source_path("rules")}, test::project_checklist());
  Evaluator ev(test::project_checklist(), loaded);
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_path("fixtures"))) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".txt" && ext != ".md")) continue;
    DocumentResult d;
    try {
      Document doc = Document::load(entry.path().string());
      d = ev.check(doc);
      capture_shown(d, doc);
    } catch (const Error&) {
      continue;  // documents the checker refuses have no entry
    }
    BOOST_TEST(streamed(d) == reference(d), entry.path().string());
    ++n;
  }
  BOOST_TEST(n > 90u);
}

BOOST_AUTO_TEST_SUITE_END()
