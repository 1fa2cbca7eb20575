// The structure stage by example: a text and the sections it must yield
// (names and original line ranges), the subject, and the warnings, for each
// layout of SPEC §4 "Reading unseen layouts" and each way it can fail.
#include <boost/test/unit_test.hpp>

#include "structure.hpp"
#include "support.hpp"

using namespace wfof;

namespace {

// "name first-last" per section with text, in document order.
std::vector<std::string> layout(const Document& d, const Structure& st) {
  std::vector<std::string> out;
  for (const auto& s : st.units.sections)
    if (auto [first, last] = d.text_lines(s.range); first > 0)
      out.push_back(s.name + " " + std::to_string(first) + "-" + std::to_string(last));
  return out;
}

struct Read {
  Document doc;
  Structure st;
  std::vector<std::string> sections;
};

Read read(const std::string& text) {
  Document d = Document::from_bytes("t.txt", text);
  Structure st = read_structure(d, test::project_checklist().profiles);
  auto secs = layout(d, st);
  return Read{std::move(d), std::move(st), std::move(secs)};
}

using V = std::vector<std::string>;

const char* kBackground =
    "In 2011, the Home Secretary asked HMIC to look at \"instances of undue influence\".\n\n"
    "While the resulting report, Without Fear or Favour, found no evidence that corruption was endemic, it did not "
    "issue a clean bill of health.\n\n"
    "In 2012 HMIC revisited all forces to track progress against these recommendations.\n\n";

const char* kEnd =
    "HM Inspector of Constabulary Jane Doe said:\n\n"
    "\"The force has made progress.\"\n\n"
    "The full report can be found at www.hmic.gov.uk\n\n"
    "Notes to editors\n\n"
    "1. In 2011, the Home Secretary asked HMIC to look at police relationships.\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(structure)

BOOST_AUTO_TEST_CASE(title_lines_before_the_headline_are_not_the_subject) {
  auto r = read(std::string("Press Release for Tarnside Police - Revisiting Police Relationships\n\n") +
                "Some improvements have been made by Tarnside Police in managing integrity\n\n" + kBackground +
                "In Tarnside Police, HMIC found:\n\n- The force has a gifts policy.\n\n" + kEnd);
  BOOST_TEST(r.sections == (V{"title 1-1", "headline 3-3", "background 5-9", "findings 11-13", "statement 15-17",
                              "link 19-19", "notes 21-23"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(r.st.subject.has_value());
  BOOST_TEST(*r.st.subject == "Tarnside Police");
  BOOST_TEST(r.st.subject_section == "headline");
  BOOST_TEST(r.st.warnings.empty());
}

BOOST_AUTO_TEST_CASE(subject_from_the_title_when_headline_and_intro_have_none) {
  auto r = read(std::string("HMIC - Her Majesty's Inspectorate of Constabulary\n\n") +
                "Press Release for Harrowmere Constabulary\n\n" +
                "Limited progress made in managing integrity issues\n\n" + kBackground +
                "Key findings\n\n- The force has a gifts policy.\n\n" + kEnd);
  BOOST_REQUIRE(r.st.subject.has_value());
  BOOST_TEST(*r.st.subject == "Harrowmere Constabulary");
  BOOST_TEST(r.st.subject_section == "title");
  BOOST_TEST(r.sections[1] == "headline 5-5");
}

BOOST_AUTO_TEST_CASE(notes_repeating_the_background_do_not_stretch_it) {
  // The notes' first note repeats the background's first words; the
  // background still ends before the findings, and the notes are notes.
  auto r = read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                "In Tarnside Police HMIC found:\n\n- A policy.\n\n" + kEnd);
  BOOST_TEST(r.sections == (V{"headline 1-1", "background 3-7", "findings 9-11", "statement 13-15", "link 17-17",
                              "notes 19-21"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_missing_section_loses_only_itself) {
  // No statement introduction and no quote: the statement is missing, and
  // the link and notes after it are still found.
  auto r = read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                "HMIC found that, in Tarnside Police:\n\n- A policy.\n\nThe full report can be found online.\n\n"
                "Editor's notes\n\n1. A note.\n");
  BOOST_TEST(r.sections == (V{"headline 1-1", "background 3-7", "findings 9-11", "link 13-13", "notes 15-17"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.st.warnings == (V{"section 'statement' not found (no anchor matched); the rest of the document was "
                                 "read without it"}),
             boost::test_tools::per_element());
  BOOST_TEST(*r.st.subject == "Tarnside Police");
}

BOOST_AUTO_TEST_CASE(findings_with_no_intro_follow_the_background) {
  auto r = read(std::string("Tarnside Police has made good progress\n\n") + kBackground +
                "- A policy.\n- A second policy.\n\n\"Quoted statement.\"\n\nNOTES TO EDITORS:\n\n1. A note.\n");
  BOOST_TEST(r.sections == (V{"headline 1-1", "background 3-7", "findings 9-10", "statement 12-12", "notes 14-16"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.st.placements[2].how == "no anchor matched; placed by position, after 'background'");
}

BOOST_AUTO_TEST_CASE(a_reprint_with_no_background_and_a_run_on_paragraph) {
  auto r = read(
      "Oxley Police has made improvements\n\nThe force has a policy. It trained all staff. It has a board.\n\n"
      "\"Quoted statement.\"\n\nNotes to editors\n\n1. In 2011, the Home Secretary asked HMIC.\n");
  BOOST_TEST(r.sections == (V{"headline 1-1", "findings 3-3", "statement 5-5", "notes 7-9"}),
             boost::test_tools::per_element());
  // Sentences of a run-on findings paragraph are its items.
  const Section* f = r.st.section("findings");
  std::size_t items = 0;
  for (const auto& i : r.st.units.items) items += f->range.contains(i);
  BOOST_TEST(items == 3u);
}

BOOST_AUTO_TEST_CASE(numbered_lettered_and_blank_line_separated_lists) {
  auto r = read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                "In Tarnside Police, HMIC found:\n\n1. One.\n\n2) Two.\n\n(a) Three.\n\nb) Four.\n\n" + kEnd);
  const Section* f = r.st.section("findings");
  std::vector<std::string> items;
  for (const auto& i : r.st.units.items)
    if (f->range.contains(i)) items.emplace_back(r.doc.text(i));
  BOOST_TEST(items == (V{"One.", "Two.", "Three.", "Four."}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(statement_and_notes_heading_variants) {
  for (const char* intro : {"The inspector commented:", "Jane Doe, HM Inspector, added:", "\"The force has"}) {
    for (const char* notes : {"Notes for editors", "Editor's notes:", "## Notes to Editors", "NOTES TO EDITORS:"}) {
      BOOST_TEST_CONTEXT(intro << " / " << notes) {
        auto r = read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                      "In Tarnside Police, HMIC found:\n\n- A policy.\n\n" + intro + " done well.\"\n\n" + notes +
                      "\n\n1. A note.\n");
        BOOST_TEST(r.sections == (V{"headline 1-1", "background 3-7", "findings 9-11", "statement 13-13", "notes 15-17"}),
                   boost::test_tools::per_element());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(hyphenation_at_a_line_break_is_joined_with_exact_offsets) {
  const std::string text = "The anti-\ncorruption unit and corrup-\ntion cases, re-\nviewed.\n";
  Document d = Document::from_bytes("t.txt", text);
  BOOST_TEST(d.normalised() == "The anti-corruption unit and corruption cases, reviewed.");
  // "corruption" maps back to "corrup-\ntion": its span starts at 'c' and ends after 'n'.
  auto at = d.normalised().find("corruption cases");
  auto span = d.to_source(Range{at, at + 10});
  BOOST_TEST(text.substr(span.start, span.end - span.start) == "corrup-\ntion");
  BOOST_TEST(span.line == 2u);
  BOOST_TEST(span.end_line == 3u);
}

BOOST_AUTO_TEST_CASE(page_furniture_is_neither_text_nor_a_break) {
  const std::string text =
      "Header line\n\nThe force has\n\nPage 2 of 3\n\ninvestigated two cases.\n\nHMIC 2012\n\nIt has a policy.\n\n"
      "- 3 -\n\nHeader line\n";
  Document d = Document::from_bytes("t.txt", text);
  BOOST_TEST(d.normalised() == "The force has investigated two cases.\n\nIt has a policy.");
  BOOST_TEST(d.furniture_lines() == (std::vector<std::size_t>{1, 5, 9, 13, 15}), boost::test_tools::per_element());
  // A phone number is not furniture.
  BOOST_TEST(Document::from_bytes("t.txt", "Call\n\n07836 217 729.\n").normalised() == "Call\n\n07836 217 729.");
}

BOOST_AUTO_TEST_CASE(a_truncated_copy_is_checked_with_a_warning) {
  auto r = read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                "In Tarnside Police, HMIC found:\n\n- The force has a policy.\n- Since 2011 the force has trained its");
  BOOST_TEST(r.st.truncated);
  BOOST_TEST(r.sections == (V{"headline 1-1", "background 3-7", "findings 9-12"}), boost::test_tools::per_element());
  BOOST_TEST(r.st.warnings.back() == "the text ends mid-sentence (a truncated copy?); it was checked with what it has");
  // A release ending in its link line is not truncated.
  BOOST_TEST(!read(std::string("Tarnside Police has made improvements\n\n") + kBackground +
                   "In Tarnside Police, HMIC found:\n\n- A policy.\n\nThe full report can be found at www.hmic.gov.uk")
                  .st.truncated);
}

BOOST_AUTO_TEST_CASE(a_document_with_no_profile_is_one_section) {
  auto r = read("Integrity memo\n\nThe force did many things.\n");
  BOOST_TEST(r.st.profile == nullptr);
  BOOST_TEST(r.sections == (V{"document 1-3"}), boost::test_tools::per_element());
  BOOST_TEST(r.st.warnings == (V{"no document profile fits; the whole text was checked as one section"}),
             boost::test_tools::per_element());
}

// Anchors the line-by-line set cannot answer are searched on their own:
// one on the text's start (\A) and one whose section begins at its match.
BOOST_AUTO_TEST_CASE(anchors_outside_the_set_are_searched_alone) {
  const Checklist c = load_checklist_text("c.yaml", R"(checklist: {id: c, title: C}
sections:
  - {id: s, title: S, items: [{id: A-1, title: A}]}
profiles:
  - id: p
    detect: 'HMIC'
    sections:
      - {name: top, start: '\AReport\b'}
      - {name: body, at: match, start: ['HMIC (found|noted)', 'never matches here']}
      - {name: end, start: '^Notes$'}
)");
  const Document d = Document::from_bytes("t.txt", "Report on Tarnside\n\nIntro. HMIC found things.\n\nNotes\n\nA note.\n");
  const Structure st = read_structure(d, c.profiles);
  V where;
  for (const auto& s : st.units.sections) where.push_back(s.name + " " + std::to_string(s.range.begin));
  BOOST_TEST(where == (V{"top 0", "body 27", "end 47"}), boost::test_tools::per_element());
  BOOST_TEST(c.profiles.front().anchor_of.size() == 3);  // '\A' is not in the set
}

BOOST_AUTO_TEST_SUITE_END()
