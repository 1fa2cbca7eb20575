// wfof test: every rule's inline tests, then every fixture's expected
// verdicts and metrics. Exit 1 on any mismatch.
#include <filesystem>
#include <map>

#include "yaml_tree.hpp"

#include "common.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "input/input.hpp"
#include "structure.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {
namespace {

namespace fs = std::filesystem;

std::string show(const MetricValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
  if (std::holds_alternative<std::string>(v)) return "'" + std::get<std::string>(v) + "'";
  return "null";
}

MetricValue metric_from_yaml(const yaml::Node& n) {
  if (!n || n.IsNull()) return std::monostate{};
  const auto& s = n.Scalar();
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (!s.empty() && end && *end == '\0') return static_cast<std::int64_t>(v);
  return s;
}

std::string deciding(const DocumentResult& d, const std::string& item) {
  for (const auto& r : d.results) {
    if (std::find(r.items.begin(), r.items.end(), item) == r.items.end()) continue;
    std::string s = " [rule " + r.rule + ": " + to_string(r.verdict) + ", " +
                    (r.clause < 0 ? std::string("otherwise") : "clause " + std::to_string(r.clause));
    if (!r.evidence.empty()) {
      const auto& e = r.evidence.front();
      s += ", " + std::to_string(e.span.line) + ":" + std::to_string(e.span.column) + " \"" + e.text.substr(0, 80) + "\"";
    }
    return s + "]";
  }
  return "";
}

}  // namespace

int cmd_test(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::vector<std::string> fixtures;
  po::options_description desc("test options");
  add_rule_options(desc, ro);
  desc.add_options()("rule-files", po::value(&ro.rules)->composing(), "rule files or folders")(
      "fixtures", po::value(&fixtures)->composing(),
      "folders of documents with <name>.expected.yaml beside them (default: fixtures/)")(
      "no-fixtures", "run only the inline tests")("verbose,v", "list every test");
  po::positional_options_description pos;
  pos.add("rule-files", -1);
  po::variables_map vm;
  if (auto r = parse("test", "[RULES...] [--fixtures DIR]\n\nexamples:\n  wfof test\n  wfof test rules/media.yaml --fixtures fixtures/real", argc, argv, desc, &pos, vm)) return *r;
  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  Evaluator ev(loaded->checklist, std::move(loaded->rules));
  const bool verbose = vm.count("verbose") > 0;

  std::size_t inline_run = 0, inline_failed = 0;
  for (const auto& rule : ev.rules()) {
    for (std::size_t i = 0; i < rule.tests.size(); ++i) {
      const auto& t = rule.tests[i];
      ++inline_run;
      std::string where = t.pos.file + ":" + std::to_string(t.pos.line) + ":" + std::to_string(t.pos.col);
      Document doc = Document::from_bytes(where, t.text);
      auto out = ev.evaluate(rule, doc, whole_text(doc));
      std::vector<std::string> problems;
      if (out.result.verdict != t.expect)
        problems.push_back(std::string("expected ") + to_string(t.expect) + ", got " + to_string(out.result.verdict));
      for (const auto& [name, want] : t.metrics) {
        MetricValue got;
        for (const auto& [k, v] : out.metrics)
          if (k == name) got = v;
        if (got != want) problems.push_back("metric " + name + ": expected " + show(want) + ", got " + show(got));
      }
      if (!problems.empty()) {
        ++inline_failed;
        for (const auto& p : problems)
          std::cout << where << ": FAIL rule " << rule.id << " test " << i + 1 << ": " << p << "\n";
      } else if (verbose) {
        std::cout << where << ": ok rule " << rule.id << " test " << i + 1 << "\n";
      }
    }
  }
  std::cout << "inline tests: " << inline_run - inline_failed << " of " << inline_run << " passed\n";

  std::size_t fx_run = 0, fx_failed = 0, fx_skipped = 0, cells = 0, cells_failed = 0, known_hit = 0;
  if (!vm.count("no-fixtures")) {
    if (fixtures.empty() && fs::is_directory("fixtures")) fixtures.push_back("fixtures");
    std::vector<std::string> expected;
    for (const auto& dir : fixtures) {
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) throw Error(Diagnostic{dir, 0, 0, "fixtures: not a folder", Code::E001});
      for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().string().ends_with(".expected.yaml")) expected.push_back(it->path().string());
    }
    std::sort(expected.begin(), expected.end());
    for (const auto& exp_path : expected) {
      std::string stem = exp_path.substr(0, exp_path.size() - std::string(".expected.yaml").size());
      std::string doc_path;
      for (const char* ext : {".txt", ".md", ".html", ".htm", ".pdf"})
        if (doc_path.empty() && fs::exists(stem + ext)) doc_path = stem + ext;
      if (doc_path.empty())
        throw Error(Diagnostic{exp_path, 1, 1, "no document (.txt, .md, .html, .htm or .pdf) beside this expectation file", Code::E032});
      YamlReader y(exp_path);
      const auto& root = y.root();
      // An expectation that compares nothing is a bug in the fixture: an
      // unknown key, an unknown item or metric, a value that is not one.
      if (y.is_map(root, "an expectation file"))
        y.check_keys(root, {"subject", "profile", "sections", "truncated", "items", "metrics", "known_misses"},
                     "an expectation file");
      // Known misses: cells the rules are known to get wrong, each with the
      // reason. A known miss is reported, not failed; one that starts
      // matching fails, so the list cannot go stale (a strict xfail).
      std::map<std::string, std::string> known;
      if (auto km = root["known_misses"]; km && y.is_map(km, "'known_misses'"))
        for (const auto& kv : km) {
          const std::string k = kv.first.Scalar();
          const auto& decl = ev.checklist().metrics;
          bool metric = std::any_of(decl.begin(), decl.end(), [&](const MetricDecl& m) { return m.name == k; });
          if (!ev.checklist().item(k) && !metric) y.error(Code::E015, kv.first, "known miss '" + k + "' is not an item or a metric");
          if (auto why = y.scalar(kv.second, "a known miss's reason")) known[k] = *why;
        }
      static const std::vector<std::string> kVerdicts = {"pass", "partial", "gap"};
      if (auto items = root["items"]; items && y.is_map(items, "'items'"))
        for (const auto& kv : items) {
          if (!ev.checklist().item(kv.first.Scalar())) y.error(Code::E019, kv.first, "unknown checklist item '" + kv.first.Scalar() + "'");
          if (!kv.second.IsScalar() || std::find(kVerdicts.begin(), kVerdicts.end(), kv.second.Scalar()) == kVerdicts.end())
            y.error(Code::E015, kv.second, "a verdict must be pass, partial or gap");
        }
      if (auto ms = root["metrics"]; ms && y.is_map(ms, "'metrics'"))
        for (const auto& kv : ms) {
          const auto& decl = ev.checklist().metrics;
          if (std::none_of(decl.begin(), decl.end(), [&](const MetricDecl& m) { return m.name == kv.first.Scalar(); }))
            y.error(Code::E026, kv.first, "unknown metric '" + kv.first.Scalar() + "'");
        }
      if (auto secs = root["sections"]; secs && y.is_map(secs, "'sections'"))
        for (const auto& kv : secs)
          if (!kv.second.IsNull() && !(kv.second.IsSequence() && kv.second.size() == 2))
            y.error(Code::E013, kv.second, "a section's lines must be [first, last] or null");
      if (auto t = root["truncated"]) y.boolean(t, "'truncated'");
      if (!y.diagnostics().empty()) throw Error(y.diagnostics());

      // A build without libxml2 or Poppler cannot read these fixtures:
      // counted and said, not failed (its own tests must pass).
      if (auto f = input::sniff(doc_path, "").format; !input::supported(f)) {
        ++fx_skipped;
        if (verbose) std::cout << doc_path << ": skipped: this wfof reads no " << input::name(f) << "\n";
        continue;
      }
      Document doc = Document::load(doc_path);
      const Structure st = read_structure(doc, ev.checklist().profiles);
      DocumentResult res = ev.check(doc, st);
      ++fx_run;
      std::vector<std::string> problems;
      if (auto s = root["subject"]; s) {
        std::string want = s.IsNull() ? "" : s.Scalar();
        std::string got = res.subject.value_or("");
        if (want != got) problems.push_back("subject: expected '" + want + "', got '" + got + "'");
      }
      if (auto p = root["profile"]; p) {
        std::string want = p.IsNull() ? "" : p.Scalar();
        std::string got = res.profile.value_or("");
        if (want != got) problems.push_back("profile: expected '" + want + "', got '" + got + "'");
      }
      if (auto secs = root["sections"]) {
        for (const auto& kv : secs) {
          const std::string name = kv.first.Scalar();
          std::string want = kv.second.IsNull() ? "none"
                                                : kv.second[0].Scalar() + "-" + kv.second[1].Scalar();
          std::string got = "none";
          if (const Section* sec = st.section(name))
            if (auto [first, last] = doc.text_lines(sec->range); first > 0)
              got = std::to_string(first) + "-" + std::to_string(last);
          ++cells;
          if (want != got) {
            ++cells_failed;
            problems.push_back("section " + name + ": expected lines " + want + ", got " + got);
          }
        }
      }
      if (auto t = root["truncated"]) {
        ++cells;
        const bool want = t.Scalar() == "true" || t.Scalar() == "yes";  // checked above
        if (want != st.truncated) {
          ++cells_failed;
          problems.push_back(std::string("truncated: expected ") + (want ? "true" : "false") + ", got " +
                             (st.truncated ? "true" : "false"));
        }
      }
      if (auto items = root["items"]) {
        // The whole item set: every item the rules cover must be expected.
        for (const auto& r : res.items)
          if (!items[r.id]) problems.push_back(r.id + ": no expectation (got " + to_string(r.verdict) + ")");
        for (const auto& kv : items) {
          std::string id = kv.first.Scalar(), want = kv.second.Scalar();
          ++cells;
          auto it = std::find_if(res.items.begin(), res.items.end(), [&](const ItemResult& r) { return r.id == id; });
          std::string got = it == res.items.end() ? "uncovered" : to_string(it->verdict);
          if (known.count(id)) {
            if (got == want) problems.push_back(id + ": listed in known_misses but now matches (" + want + "); remove it");
            else {
              ++known_hit;
              std::cout << doc_path << ": known miss " << id << ": expected " << want << ", got " << got << " ("
                        << known[id] << ")\n";
            }
          } else if (got != want) {
            ++cells_failed;
            problems.push_back(id + ": expected " + want + ", got " + got + deciding(res, id));
          }
        }
      }
      if (auto ms = root["metrics"]) {
        for (const auto& [k, v] : res.metrics)
          if (!ms[k]) problems.push_back("metric " + k + ": no expectation (got " + show(v) + ")");
        for (const auto& kv : ms) {
          std::string name = kv.first.Scalar();
          MetricValue want = metric_from_yaml(kv.second), got;
          ++cells;
          for (const auto& [k, v] : res.metrics)
            if (k == name) got = v;
          if (known.count(name)) {
            if (got == want) problems.push_back("metric " + name + ": listed in known_misses but now matches; remove it");
            else {
              ++known_hit;
              std::cout << doc_path << ": known miss metric " << name << ": expected " << show(want) << ", got "
                        << show(got) << " (" << known[name] << ")\n";
            }
          } else if (got != want) {
            ++cells_failed;
            problems.push_back("metric " + name + ": expected " + show(want) + ", got " + show(got));
          }
        }
      }
      if (!problems.empty()) {
        ++fx_failed;
        for (const auto& p : problems) std::cout << doc_path << ": FAIL " << p << "\n";
      } else if (verbose) {
        std::cout << doc_path << ": ok\n";
      }
    }
    std::cout << "fixtures: " << fx_run - fx_failed << " of " << fx_run << " documents matched ("
              << cells - cells_failed - known_hit << " of " << cells << " expectations"
              << (known_hit ? ", " + std::to_string(known_hit) + " known misses" : std::string()) << ")";
    if (fx_skipped > 0) std::cout << "; " << fx_skipped << " skipped (formats this build does not read: see wfof --version)";
    std::cout << "\n";
  }
  return inline_failed + fx_failed > 0 ? kFindings : kOk;
}

}  // namespace wfof::cli
