// The report writers, on a run built from a small checklist, three rules and
// documents written to a temporary folder (the HTML writer reads them back).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "evaluator.hpp"
#include "sha256.hpp"
#include "support.hpp"
#include "shown.hpp"
#include "version.hpp"
#include "writer.hpp"

using namespace wfof;
namespace fs = std::filesystem;

namespace {

const char* kChecklist = R"(checklist:
  id: tiny
  title: "Tiny | checklist"
  default_scope: [findings]
  report:
    headline: {title: "The headline", item: OVR-1}
sections:
  - id: s
    title: S
    items:
      - id: A-1
        title: Policy <is> current
        criteria:
          pass: The policy has been updated.
          partial: The policy is under review.
          gap: No policy is mentioned.
      - id: B-1
        title: Training
        criteria:
          pass: Training is delivered.
          gap: Training is not mentioned.
      - id: OVR-1
        title: Headline judgement
        criteria:
          pass: The headline reports progress.
          gap: The headline reports no progress.
metrics:
  - {name: count, description: How many}
profiles:
  - id: tiny-profile
    detect: 'HMIC found'
    sections:
      - {name: headline, start: '\A'}
      - {name: findings, start: '^HMIC found'}
    subject:
      - {section: headline, pattern: '^(?P<subject>\w+ Police)'}
)";

const char* kRules = R"(rules:
  - id: a-policy
    title: The policy is current
    checklist: [A-1]
    severity: high
    message: The policy is not reported current.
    match:
      policy: 'policy'
      topic: 'policy on'
      done: {pattern: 'updated', polarity: affirmed}
      review: 'under review'
    verdicts:
      - pass: {all: [policy, done]}
      - partial: {all: [policy, topic, review]}
    otherwise: gap
  - id: b-training
    title: Training is delivered
    checklist: [B-1]
    severity: high
    message: "No training is reported (0% of staff)."
    match:
      training: 'training'
    verdicts:
      - pass: {all: [training]}
    otherwise: gap
  - id: c-headline
    title: Headline judgement
    checklist: [OVR-1]
    scope: [headline]
    message: The headline reports no progress.
    match:
      made: 'has made progress'
    verdicts:
      - pass: {any: [made], within: document}
    otherwise: gap
)";

const std::string kText =
    "Testshire Police has made progress\n"
    "\n"
    "HMIC found:\n"
    "\n"
    "- The policy on <script>alert(1)</script> & contacts is under review.\n"
    "- Nothing else was said.\n";

// A run over documents written to a fresh temporary folder.
struct Fixture {
  fs::path dir;
  Checklist checklist = load_checklist_text("tiny.yaml", kChecklist);
  std::unique_ptr<Evaluator> evaluator;
  RunResult run;

  Fixture() {
    dir = fs::temp_directory_path() /
          ("wfof-writers-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(dir);
    fs::create_directories(dir);
    evaluator = std::make_unique<Evaluator>(checklist, load_rules_text("rules.yaml", kRules, checklist));
    run.tool_version = "9.8.7-test";
    run.checklist_id = checklist.id;
    run.checklist_title = checklist.title;
    run.uncovered_items = evaluator->uncovered_items();
  }
  ~Fixture() { fs::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) {
    std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // Checks a document (written to disk under `name`) and adds it to the run.
  const DocumentResult& add(const std::string& name, const std::string& text) { return add_as(write(name, text), text); }

  // Checks `text` as the document at `path` (the file need not exist:
  // reports never read it) and adds it to the run.
  const DocumentResult& add_as(const std::string& path, const std::string& text) {
    Document doc = Document::from_bytes(path, text);
    run.documents.push_back(evaluator->check(doc));
    capture_shown(run.documents.back(), doc);
    for (const auto& item : run.documents.back().items) run.summary.add(item.verdict);
    return run.documents.back();
  }

  ReportContext ctx() const {
    ReportContext c{checklist, evaluator->rules()};
    c.timestamp = 1700000000;  // 2023-11-14T22:13:20Z
    c.hostname = "ci-host";
    return c;
  }
};

const RuleResult& result(const DocumentResult& d, const std::string& rule) {
  for (const auto& r : d.results)
    if (r.rule == rule) return r;
  throw std::runtime_error("no result for " + rule);
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(writers)

BOOST_AUTO_TEST_CASE(fixture_gives_a_pass_a_partial_and_a_gap_by_absence) {
  Fixture f;
  const auto& d = f.add("tiny.txt", kText);
  BOOST_TEST(result(d, "a-policy").verdict == Verdict::partial);
  BOOST_TEST(result(d, "b-training").verdict == Verdict::gap);
  BOOST_TEST(result(d, "b-training").basis == Basis::absence);
  BOOST_TEST(result(d, "c-headline").verdict == Verdict::pass);
  BOOST_REQUIRE(d.subject);
  BOOST_TEST(*d.subject == "Testshire Police");
}

BOOST_AUTO_TEST_CASE(sarif_results_rules_artifacts_and_locations) {
  Fixture f;
  const auto& d = f.add("tiny.txt", kText);
  auto ctx = f.ctx();
  auto sarif = nlohmann::json::parse(write_sarif(f.run, ctx));
  BOOST_TEST(sarif["version"] == "2.1.0");
  BOOST_TEST(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  BOOST_REQUIRE(sarif["runs"].size() == 1u);
  const auto& run = sarif["runs"][0];
  BOOST_TEST(run["tool"]["driver"]["version"] == "9.8.7-test");
  BOOST_TEST(run["tool"]["driver"]["informationUri"] == kHomepage);
  BOOST_TEST(run["automationDetails"]["id"] == "wfof/tiny/");
  BOOST_TEST(run["invocations"][0]["executionSuccessful"] == true);
  BOOST_TEST(!run["invocations"][0].contains("toolExecutionNotifications"));
  // Without --root, %SRCROOT% is the working directory, left unnamed.
  BOOST_TEST(!run["originalUriBaseIds"]["%SRCROOT%"].contains("uri"));
  // Artifacts relative to %SRCROOT%, which is the root given.
  ctx.root = f.dir.string();
  auto rooted = nlohmann::json::parse(write_sarif(f.run, ctx))["runs"][0];
  BOOST_TEST(rooted["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + f.dir.string() + "/");
  BOOST_TEST(rooted["artifacts"][0]["location"]["uri"] == "tiny.txt");
  BOOST_TEST(rooted["artifacts"][0]["location"]["uriBaseId"] == "%SRCROOT%");
  BOOST_TEST(rooted["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tiny.txt");
  // Outside the root: an absolute file URI, no base.
  ctx.root = (f.dir / "elsewhere").string();
  auto outside = nlohmann::json::parse(write_sarif(f.run, ctx))["runs"][0];
  BOOST_TEST(outside["artifacts"][0]["location"]["uri"] == "file://" + f.dir.string() + "/tiny.txt");
  BOOST_TEST(!outside["artifacts"][0]["location"].contains("uriBaseId"));
  const auto& rule0 = run["tool"]["driver"]["rules"][0];
  BOOST_TEST(rule0["helpUri"] == std::string(kHomepage) + "/rules/rules.yaml#a-policy");
  BOOST_TEST(rule0["help"]["markdown"] ==
             "The policy is not reported current.\n\n**A-1**: Policy \\<is> current\n\n- **pass**: The policy has been updated.\n"
             "- **partial**: The policy is under review.\n- **gap**: No policy is mentioned.");
  BOOST_TEST(run["columnKind"] == "unicodeCodePoints");
  BOOST_REQUIRE(run["tool"]["driver"]["rules"].size() == ctx.rules.size());
  BOOST_TEST(run["tool"]["driver"]["rules"][0]["id"] == "a-policy");
  BOOST_TEST(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "error");
  BOOST_TEST(run["tool"]["driver"]["rules"][2]["defaultConfiguration"]["level"] == "warning");  // medium
  BOOST_TEST(run["artifacts"][0]["hashes"]["sha-256"] == sha256_hex(kText));

  std::size_t findings = 0;
  for (const auto& r : d.results) findings += r.verdict != Verdict::pass && !r.items.empty();
  BOOST_REQUIRE(run["results"].size() == findings);
  BOOST_REQUIRE(findings == 2u);

  const auto& partial = run["results"][0];  // a-policy: rule id order
  BOOST_TEST(partial["ruleId"] == "a-policy");
  BOOST_TEST(partial["ruleIndex"] == 0);
  BOOST_TEST(partial["level"] == "warning");
  BOOST_TEST(partial["properties"]["verdict"] == "partial");
  BOOST_TEST(partial["properties"]["items"][0] == "A-1");
  const auto& ev = result(d, "a-policy").evidence;
  BOOST_REQUIRE(partial["locations"].size() == ev.size());
  const auto& region = partial["locations"][0]["physicalLocation"]["region"];
  BOOST_TEST(region["startLine"] == ev[0].span.line);
  BOOST_TEST(region["startColumn"] == ev[0].span.column);
  BOOST_TEST(region["byteOffset"] == ev[0].span.start);
  BOOST_TEST(region["byteLength"] == ev[0].span.end - ev[0].span.start);
  BOOST_TEST(partial["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0);

  // A gap by absence points at the findings section.
  const auto& gap = run["results"][1];
  BOOST_TEST(gap["ruleId"] == "b-training");
  BOOST_TEST(gap["level"] == "error");
  BOOST_TEST(gap["properties"]["basis"] == "absence");
  BOOST_TEST(gap["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
  BOOST_TEST(gap["message"]["text"].get<std::string>().find("B-1 gap") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sarif_fingerprints_survive_a_line_inserted_above) {
  std::string moved = kText;
  moved.insert(moved.find("- The policy"), "- A new first finding.\n");
  Fixture f;
  f.add("tiny.txt", kText);
  auto ra = nlohmann::json::parse(write_sarif(f.run, f.ctx()))["runs"][0]["results"];
  f.run.documents.clear();
  f.add("tiny.txt", moved);  // the same path, one line more above the evidence
  auto rb = nlohmann::json::parse(write_sarif(f.run, f.ctx()))["runs"][0]["results"];
  BOOST_REQUIRE(ra.size() == rb.size());
  BOOST_REQUIRE(ra.size() > 0u);
  for (std::size_t i = 0; i < ra.size(); ++i)
    BOOST_TEST(ra[i]["partialFingerprints"]["wfof/v1"] == rb[i]["partialFingerprints"]["wfof/v1"]);
  auto line = [](const nlohmann::json& r) { return r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(); };
  BOOST_TEST(line(rb[0]) == line(ra[0]) + 1);
}

// Determinism of every format (SARIF included) is tested across two
// processes, with different --jobs, in tests/e2e/run.sh: two calls in one
// process share every address and hash, so they could hardly differ.

BOOST_AUTO_TEST_CASE(html_is_self_contained_escaped_and_linked) {
  Fixture f;
  const auto& d = f.add("tiny.txt", kText);
  std::string html = write_html(f.run, f.ctx());
  BOOST_TEST(html.find("<script") == std::string::npos);  // escaped, and no script of its own
  BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; contacts") != std::string::npos);
  BOOST_TEST(html.find("http://") == std::string::npos);
  BOOST_TEST(html.find("https://") == std::string::npos);
  BOOST_TEST(html.find("<link") == std::string::npos);
  BOOST_TEST(html.find("<table id=\"matrix\">") != std::string::npos);
  BOOST_TEST(html.find("class=\"cell cell-partial\"") != std::string::npos);
  BOOST_TEST(html.find("class=\"cell cell-gap\"") != std::string::npos);
  BOOST_TEST(html.find("◐ partial") != std::string::npos);
  BOOST_TEST(html.find("Policy &lt;is&gt; current") != std::string::npos);

  // Every evidence link has its mark; marks never nest.
  std::regex href("href=\"#(ev-[0-9a-f]+-[0-9]+)\"");
  std::size_t links = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it, ++links)
    BOOST_TEST(html.find("<mark id=\"" + (*it)[1].str() + "\" class=\"evidence ev-") != std::string::npos);
  BOOST_TEST(links == result(d, "a-policy").evidence.size() + result(d, "c-headline").evidence.size());
  BOOST_TEST(count(html, "<mark ") == count(html, "</mark>"));
  for (std::size_t p = html.find("<mark "); p != std::string::npos; p = html.find("<mark ", p + 1))
    BOOST_TEST(html.find("<mark ", p + 1) > html.find("</mark>", p));
  // "policy" and "policy on" overlap: one mark holds both.
  BOOST_TEST(html.find("ev-partial\" title=\"A-1 a-policy: policy (partial); A-1 a-policy: topic (partial)") !=
             std::string::npos);
  BOOST_TEST(html.find(">policy on</mark>") != std::string::npos);
  // Anchors are named by the document's path (12 hex digits of its digest), not its place in the run.
  const std::string key = sha256_hex(d.path).substr(0, 12);
  BOOST_TEST(html.find("<mark id=\"ev-" + key + "-1\" class=\"evidence ev-pass\"") != std::string::npos);  // headline
  BOOST_TEST(html.find("<section class=\"document\" id=\"doc-" + key + "\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_without_the_text_shows_quotes) {
  Fixture f;
  f.add("tiny.txt", kText);
  f.run.documents[0].shown.clear();  // results without the document's text
  std::string html = write_html(f.run, f.ctx());
  BOOST_TEST(html.find("only the evidence quotes are shown") != std::string::npos);
  BOOST_TEST(html.find("<pre class=\"doc-text\">") == std::string::npos);
  BOOST_TEST(html.find("class=\"evidence ev-partial\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(github_commands_and_escaping) {
  Fixture f;
  const auto& d = f.add("tiny,doc:1.txt", kText);
  std::string gh = write_github(f.run, f.ctx());
  std::string file = d.path;
  for (std::size_t p; (p = file.find_first_of(",:")) != std::string::npos;)
    file.replace(p, 1, file[p] == ',' ? "%2C" : "%3A");
  BOOST_TEST(count(gh, "::error file=") == 1u);
  BOOST_TEST(count(gh, "::warning file=") == 1u);
  BOOST_TEST(gh.find("::error file=" + file + ",line=3,") != std::string::npos);
  BOOST_TEST(gh.find(",title=B-1 gap::No training is reported (0%25 of staff).") != std::string::npos);
  BOOST_TEST(gh.find("::warning file=" + file + ",line=5,col=3,") != std::string::npos);
  BOOST_TEST(gh.find(",title=A-1 partial::") != std::string::npos);
  BOOST_TEST(gh.find("%0A(rule a-policy)") != std::string::npos);
  // One line per command: no raw newline inside a message.
  BOOST_TEST(count(gh, "\n") == count(gh, "::error") + count(gh, "::warning") + count(gh, "::debug"));
  BOOST_TEST(gh.find("sha256=" + d.sha256) != std::string::npos);
}

// Every registered writer's whole output for a small run (three documents,
// one with no headline, one that could not be read, a waiver), byte for
// byte, against
// tests/golden/unit/. WFOF_UPDATE_GOLDEN=1 rewrites them
// (scripts/update-golden.sh does).
BOOST_AUTO_TEST_CASE(every_writer_matches_its_golden_file) {
  Fixture f;
  f.add_as("docs/tiny.txt", kText);
  f.add_as("docs/flat.txt", "Testshire Police report\n\nHMIC found:\n\n- The policy was updated.\n");  // no headline
  f.add_as("docs/other.md", "Otherton Police has made progress\n\nHMIC found:\n\n- Staff receive **training**. The policy was updated.\n");
  f.run.documents.back().items.front().waiver = std::make_shared<const Waiver>(Waiver{"Accepted | for now", "The board", "2099-01-01", false});
  f.run.waived.add(f.run.documents.back().items.front().verdict);
  f.run.errors.push_back(DocumentError{"docs/broken.txt", 0, 0, "document is not valid UTF-8 at byte offset 3"});
  auto ctx = f.ctx();
  ctx.document_reports = {{"docs/tiny.txt", "tiny.md"}, {"docs/flat.txt", "flat.md"}, {"docs/other.md", "other.md"}};
  const bool update = std::getenv("WFOF_UPDATE_GOLDEN") != nullptr;
  const fs::path dir = test::source_path("tests/golden/unit");
  if (update) fs::create_directories(dir);
  auto check = [&](const std::string& name, const std::string& got) {
    const fs::path file = dir / name;
    if (update) {
      std::ofstream(file, std::ios::binary) << got;
      return;
    }
    std::ifstream in(file, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "no golden file " << file << " (run scripts/update-golden.sh)");
    const std::string want((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(got == want, name << " differs from its golden file (if intended, run scripts/update-golden.sh)");
  };
  for (const Writer* w : wfof::writers()) check("run" + std::string(w->info().extension), w->write(f.run, ctx));
  const Writer* markdown = find_writer("markdown");
  for (const auto& d : f.run.documents) check(fs::path(d.path).stem().string() + ".document.md", markdown->write_document(f.run, d, ctx));
  ctx.partial_fails = true;
  check("run-partial-fails.junit.xml", find_writer("junit")->write(f.run, ctx));
  ctx.color = true;
  check("run-color.txt", find_writer("text")->write(f.run, ctx));
}

BOOST_AUTO_TEST_SUITE_END()
