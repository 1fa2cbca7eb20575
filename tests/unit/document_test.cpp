#include <boost/test/unit_test.hpp>

#include "error.hpp"
#include "structure.hpp"
#include "utf8.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

struct Seed {
  const char* file;
  const char* subject;
  std::size_t bullets;
  const char* findings_start;  // first words of the findings section
  const char* statement_start;
};

const Seed kSeeds[] = {
    {"derbyshire.txt", "Derbyshire Constabulary", 9, "In Derbyshire Constabulary, HMIC found:", "HM Inspector of Constabulary for the Eastern Region"},
    {"durham.txt", "Durham Constabulary", 7, "In Durham Constabulary, HMIC found:", "HM Inspector of Constabulary for the Northern Region"},
    {"staffordshire.txt", "Staffordshire Police", 8, "In Staffordshire Police, HMIC found:", "HM Inspector of Constabulary for the Wales and Western Region"},
    {"hertfordshire.txt", "Hertfordshire Constabulary", 6, "In Hertfordshire, HMIC found:", "HM Inspector of Constabulary for the Eastern Region"},
    {"leicestershire.txt", "Leicestershire Police", 9, "In Leicestershire Police, HMIC found:", "HM Inspector of Constabulary for the Eastern Region"},
};

const Section* section(const Structure& d, const std::string& name) { return d.section(name); }

std::size_t items_in(const Structure& d, Range r) {
  std::size_t n = 0;
  for (const auto& i : d.units.items) n += r.contains(i);
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(document)

// Columns count code points eight bytes a step: every length and
// alignment, sequences of one to four bytes, against counting lead bytes.
BOOST_AUTO_TEST_CASE(code_points_counted_at_every_length_and_alignment) {
  const std::string text = "a\xC3\xA9" "b\xE2\x80\x99" "c\xF0\x9F\x98\x80" "de\xC2\xA3" "fghij\xE2\x80\x94" "klmnop\xF0\x9F\x91\x8D" "q";
  for (std::size_t from = 0; from < text.size(); ++from)
    for (std::size_t n = 0; from + n <= text.size(); ++n) {
      const std::string_view s = std::string_view(text).substr(from, n);
      std::size_t expected = 0;
      for (char c : s) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      BOOST_TEST_REQUIRE(utf8::count_code_points(s) == expected, "from " << from << " length " << n);
    }
}

// The first bad byte wherever it falls against the eight-byte ASCII steps:
// a stray continuation byte, a lead byte cut short, an overlong form, a
// surrogate; valid sequences around it pass.
BOOST_AUTO_TEST_CASE(first_invalid_byte_found_at_every_offset) {
  const std::string valid = "abcdefghijklmnopqrstuvwxyz\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80 0123456789ABCDEFGHIJ";
  BOOST_TEST(!utf8::first_invalid(valid).has_value());
  for (const std::string bad : {"\x80", "\xC3", "\xE2\x80", "\xC0\xAF", "\xED\xA0\x80", "\xFF"})
    for (std::size_t at = 0; at <= valid.size(); ++at) {
      if (at < valid.size() && (static_cast<unsigned char>(valid[at]) & 0xC0) == 0x80) continue;  // inside a character
      const std::string text = valid.substr(0, at) + bad + "xyz";
      const auto found = utf8::first_invalid(text);
      BOOST_TEST_REQUIRE(found.has_value(), "at " << at);
      BOOST_TEST_REQUIRE(*found == at, "at " << at);
    }
}

BOOST_AUTO_TEST_CASE(seed_sections_subjects_and_bullets) {
  for (const auto& seed : kSeeds) {
    BOOST_TEST_CONTEXT(seed.file) {
      Document d = Document::load(test::source_path(std::string("fixtures/real/") + seed.file));
      auto pm = read_structure(d, test::project_checklist().profiles);
      BOOST_REQUIRE(pm.profile != nullptr);
      BOOST_TEST(pm.profile->id == "hmic-2012-force-release");
      BOOST_REQUIRE(pm.subject.has_value());
      BOOST_TEST(*pm.subject == seed.subject);
      BOOST_TEST(pm.warnings.empty());
      std::vector<std::string> names;
      for (const auto& s : pm.units.sections) names.push_back(s.name);
      BOOST_TEST(names == (std::vector<std::string>{"headline", "background", "findings", "statement", "link", "notes"}),
                 boost::test_tools::per_element());
      const Section* findings = section(pm, "findings");
      const Section* statement = section(pm, "statement");
      const Section* link = section(pm, "link");
      const Section* notes = section(pm, "notes");
      BOOST_TEST(d.text(findings->range).starts_with(seed.findings_start));
      BOOST_TEST(d.text(statement->range).starts_with(seed.statement_start));
      BOOST_TEST(d.text(link->range).starts_with("The full report for"));
      BOOST_TEST(d.text(notes->range).starts_with("Notes to"));
      BOOST_TEST(d.text(section(pm, "headline")->range).find(seed.subject) != std::string_view::npos);
      BOOST_TEST(d.text(section(pm, "background")->range).starts_with("In 2011, the Home Secretary"));
      BOOST_TEST(items_in(pm, findings->range) == seed.bullets);
      // The statement ends where the link line starts, even on one line.
      BOOST_TEST(statement->range.end == link->range.begin);
    }
  }
}

BOOST_AUTO_TEST_CASE(statement_and_link_share_a_line) {
  Document d = Document::load(test::source_path("fixtures/real/staffordshire.txt"));
  auto pm = read_structure(d, test::project_checklist().profiles);
  const Section* statement = section(pm, "statement");
  BOOST_TEST(d.text(statement->range).ends_with("vital issues.\""));
  // No sentence crosses from the statement into the link line.
  for (const auto& s : pm.units.sentences) BOOST_TEST(!(s.begin < statement->range.end && s.end > statement->range.end));
}

BOOST_AUTO_TEST_CASE(sentence_splitter_hard_cases) {
  auto split = [](std::string_view t) {
    std::vector<std::string> out;
    for (auto r : split_sentences(t)) out.emplace_back(t.substr(r.begin, r.size()));
    return out;
  };
  BOOST_TEST(split("Reports are at www.hmic.gov.uk and e.g. the press office. It opens at 8:30am. Mr. J. Smith said so.") ==
                 (std::vector<std::string>{"Reports are at www.hmic.gov.uk and e.g. the press office.", "It opens at 8:30am.",
                                           "Mr. J. Smith said so."}),
             boost::test_tools::per_element());
  BOOST_TEST(split("He said \"it is done.\" Then he left.") ==
                 (std::vector<std::string>{"He said \"it is done.\"", "Then he left."}),
             boost::test_tools::per_element());
  BOOST_TEST(split("issues.\"The full report") == (std::vector<std::string>{"issues.\"", "The full report"}),
             boost::test_tools::per_element());
  BOOST_TEST(split("a bullet with no full stop") == (std::vector<std::string>{"a bullet with no full stop"}),
             boost::test_tools::per_element());
  BOOST_TEST(split("Costs fell 3.5 per cent. Staff rose.") ==
                 (std::vector<std::string>{"Costs fell 3.5 per cent.", "Staff rose."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bullets_without_full_stops_are_separate_sentences) {
  Document d = Document::from_bytes("t.md", "Intro line\n\n- first point\n- second point\n\xE2\x80\xA2 third\n1. fourth\n");
  BOOST_TEST(d.whole().items.size() == 4u);
  std::vector<std::string> s;
  for (auto r : d.whole().sentences) s.emplace_back(d.text(r));
  BOOST_TEST(s == (std::vector<std::string>{"Intro line", "first point", "second point", "third", "fourth"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(offsets_map_back_across_markdown_quotes_bullets_crlf_and_bom) {
  // BOM, CRLF, a U+F0B7 bullet, Markdown emphasis and a link, curly quotes.
  const std::string src =
      "\xEF\xBB\xBF## **Title**\r\n\r\n\xEF\x82\xB7\tThe *Without Fear* report\xE2\x80\x99s \xE2\x80\x9Chealth "
      "check\xE2\x80\x9D \xE2\x80\x93 see [the site](http://x.y).\r\n";
  Document d = Document::from_bytes("t.md", src);
  BOOST_TEST(d.normalised() == "Title\n\nThe Without Fear report's \"health check\" - see the site.");
  BOOST_TEST(d.whole().items.size() == 1u);
  auto find = [&](std::string_view needle) {
    auto p = d.normalised().find(needle);
    BOOST_REQUIRE(p != std::string_view::npos);
    return d.to_source(Range{p, p + needle.size()});
  };
  // Across removed emphasis: the original span keeps the markup inside.
  auto s = find("Without Fear report's");
  BOOST_TEST(d.source_text(s) == "Without Fear* report\xE2\x80\x99s");
  BOOST_TEST(s.line == 3u);
  BOOST_TEST(s.column == 8u);  // glyph, tab, "The ", '*': 'W' is the 8th code point
  BOOST_TEST(s.end_column == 30u);
  // Curly quotes folded to ASCII map back to the three-byte originals.
  auto q = find("\"health check\"");
  BOOST_TEST(d.source_text(q) == "\xE2\x80\x9Chealth check\xE2\x80\x9D");
  BOOST_TEST(q.start == src.find("\xE2\x80\x9C"));
  // A link's text maps to the text inside the brackets.
  auto l = find("the site");
  BOOST_TEST(d.source_text(l) == "the site");
  // The title after the BOM and heading markup: line 1, column 6 (BOM is not a column).
  auto t = find("Title");
  BOOST_TEST(t.start == 8u);  // BOM (3 bytes) and "## **"
  BOOST_TEST(t.line == 1u);
  BOOST_TEST(t.column == 6u);
}

BOOST_AUTO_TEST_CASE(cr_only_line_ends) {
  // A soft-wrapped line joins its paragraph; a blank line separates.
  Document d = Document::from_bytes("t.txt", "one\rtwo\r\rthree");
  BOOST_TEST(d.normalised() == "one two\n\nthree");
  BOOST_TEST(d.whole().paragraphs.size() == 2u);
  auto p = d.normalised().find("three");
  auto s = d.to_source(Range{p, p + 5});
  BOOST_TEST(s.line == 4u);
  BOOST_TEST(s.column == 1u);
  BOOST_TEST(s.start == 9u);
}

BOOST_AUTO_TEST_CASE(rejections_name_the_file_and_offset) {
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(message([] { Document::from_bytes("e.txt", ""); }) == "e.txt:1:1: error[E005]: document is empty");
  BOOST_TEST(message([] { Document::from_bytes("n.txt", std::string("ab\0cd", 5)); }) ==
             "n.txt:1:3: error[E004]: document contains a NUL byte at byte offset 2 (binary file?)");
  BOOST_TEST(message([] { Document::from_bytes("u.txt", "caf\xC3 ok"); }) ==
             "u.txt:1:4: error[E003]: document is not valid UTF-8 at byte offset 3");
  BOOST_TEST(message([] { Document::from_bytes("o.txt", "\xC0\xAF"); }) ==
             "o.txt:1:1: error[E003]: document is not valid UTF-8 at byte offset 0");
  BOOST_TEST(message([] { Document::from_bytes("w.txt", " \r\n\t\r\n"); }) == "w.txt:1:1: error[E005]: document has no text");
  BOOST_TEST(message([] { Document::load("/nonexistent/x.txt"); }) ==
             "/nonexistent/x.txt: error[E001]: cannot read document: no such file");
  BOOST_TEST(message([] { Document::load(WFOF_SOURCE_DIR); }) ==
             std::string(WFOF_SOURCE_DIR) + ": error[E001]: cannot read document: is a directory");
  LoadOptions small;
  small.max_bytes = 100;
  std::string p = test::source_path("fixtures/real/durham.txt");
  BOOST_TEST(message([&] { Document::load(p, small); }) ==
             p + ":1:1: error[E002]: document is 4963 bytes, over the limit of 100 bytes (--max-file-size)");
}

BOOST_AUTO_TEST_CASE(document_without_profile_is_one_section_with_a_warning) {
  Document d = Document::from_bytes("memo.txt", "Integrity memo\n\nThe force did many things.\n");
  auto pm = read_structure(d, test::project_checklist().profiles);
  BOOST_TEST(pm.profile == nullptr);
  BOOST_REQUIRE(pm.units.sections.size() == 1u);
  BOOST_TEST(pm.units.sections[0].name == "document");
  BOOST_TEST(pm.warnings.size() == 1u);
  BOOST_TEST(pm.warnings[0] == "no document profile fits; the whole text was checked as one section");
}

BOOST_AUTO_TEST_SUITE_END()
