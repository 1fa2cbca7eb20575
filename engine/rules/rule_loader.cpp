#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "conditions/condition.hpp"
#include "kinds/registry.hpp"
#include "loader.hpp"
#include "yaml_reader.hpp"

namespace wfof {
namespace {

// Whether RE2 can read `pattern` (parsed, not compiled: a set reads a
// pattern as it is added).
bool parses(const std::string& pattern) {
  RE2::Options o;
  o.set_log_errors(false);
  return RE2::Set(o, RE2::UNANCHORED).Add("(?m)" + pattern, nullptr) >= 0;
}

namespace fs = std::filesystem;

// Numbers as the number reader reads them: digits with separators, words up
// to ninety-nine, "a dozen", "a hundred", and the zero words.
constexpr const char* kNumberFragment =
    R"(\b(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a dozen|a hundred|one hundred|a single|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|no|none|any|an|a)\b)";

// The compiled patterns of a rule set by case and text, shared by every
// file, whichever thread reads it. Compiled outside the lock: two threads
// that want the same new pattern at once may both compile it, and the
// first to add it wins (the same RE2 either way).
class Interned {
 public:
  std::shared_ptr<const RE2> find(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : it->second;
  }
  std::shared_ptr<const RE2> add(const std::string& key, std::shared_ptr<const RE2> re) {
    std::lock_guard<std::mutex> lock(mutex_);
    return by_key_.try_emplace(key, std::move(re)).first->second;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const RE2>> by_key_;
};

// Everything one rule file needs while it is read.
class RuleFileLoader {
 public:
  // `fragments` are the pattern pieces of the whole rule set; `interned`
  // its compiled patterns, shared by every file.
  // `negation` and `exhortation`: the rule set's settings (defaults, or
  // what read_set_settings found), each file's starting point.
  RuleFileLoader(YamlReader& y, const Checklist& c, const std::map<std::string, std::string>& fragments,
                 const Lexicons& lexicons, Interned& interned,
                 NegationConfig negation = {}, NegationConfig exhortation = {})
      : set_negation(std::move(negation)), set_exhortation(std::move(exhortation)), y_(y), checklist_(c),
        fragments_(fragments), lexicons_(lexicons), interned_(interned) {}

  // A file without rules holds settings for the whole rule set: its
  // `negation` and `exhortation` become every file's starting point.
  void read_set_settings(NegationConfig& negation, NegationConfig& exhortation) {
    const auto& root = y_.root();
    if (!root.IsMap() || root["rules"]) return;
    if (auto n = root["negation"]) read_negation(n, negation, "'negation'");
    if (auto n = root["exhortation"]) read_negation(n, exhortation, "'exhortation'");
  }
  // Given, not compiled here: a loader per file would compile the
  // defaults' cues again each time.
  NegationConfig set_negation, set_exhortation;

  std::vector<Rule> load() {
    std::vector<Rule> rules;
    const auto& root = y_.root();
    if (!root.IsMap() || !(root["rules"] || root["fragments"] || root["lexicons"])) {
      y_.error(Code::E017, root, "a rule file must be a mapping with a 'rules' list (or only 'fragments')");
      return rules;
    }
    y_.check_keys(root, {"rules", "negation", "exhortation", "fragments", "lexicons"}, "the rule file");
    if (!root["rules"]) return rules;
    NegationConfig negation = set_negation;
    if (auto n = root["negation"]) read_negation(n, negation, "'negation'");
    NegationConfig exhortation = set_exhortation;
    if (auto n = root["exhortation"]) read_negation(n, exhortation, "'exhortation'");
    // Given uncompiled (the defaults of a single file) and not changed here.
    if (!negation.compiled()) negation.compile();
    if (!exhortation.compiled()) exhortation.compile();
    const auto& list = root["rules"];
    if (!list.IsSequence()) {
      y_.error(Code::E013, list, "'rules' must be a list of rules");
      return rules;
    }
    for (const auto& node : list) {
      if (!y_.is_map(node, "a rule")) continue;
      Rule r = read_rule(node);
      r.negation = negation;
      r.exhortation = exhortation;
      rules.push_back(std::move(r));
    }
    return rules;
  }

 private:
  // Replaces {{name}} with its fragment; records an error for an unknown one.
  std::string expand(const std::string& pattern, const yaml::Node& at) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
      std::size_t open = pattern.find("{{", i);
      if (open == std::string::npos) { out += pattern.substr(i); break; }
      std::size_t close = pattern.find("}}", open + 2);
      if (close == std::string::npos) { out += pattern.substr(i); break; }
      out += pattern.substr(i, open - i);
      std::string name = pattern.substr(open + 2, close - open - 2);
      auto it = fragments_.find(name);
      if (it != fragments_.end()) out += "(?:" + it->second + ")";
      else if (name == "number") out += "(?:" + std::string(kNumberFragment) + ")";
      else y_.error(Code::E021, at, "unknown fragment '{{" + name + "}}' (define it under 'fragments')");
      i = close + 2;
    }
    return out;
  }

  void read_negation(const yaml::Node& n, NegationConfig& cfg, const std::string& what) {
    if (!y_.is_map(n, what)) return;
    y_.check_keys(n, {"cues", "add_cues", "terminators", "ignore", "window"}, what);
    if (n["ignore"]) {
      for (auto& i : y_.string_list(n["ignore"], "'ignore'")) {
        // compile() joins them into one regex: each is checked alone here,
        // by parsing it, and compiled only for the error when it fails.
        std::string err;
        if (!parses(i) && !compile_pattern(i, false, err))
          y_.error(Code::E018, n["ignore"], "invalid regex in 'ignore': " + err);
        cfg.ignore.push_back(std::move(i));
      }
    }
    if (n["cues"]) cfg.cues = y_.string_list(n["cues"], "'cues'");
    if (n["add_cues"])
      for (auto& c : y_.string_list(n["add_cues"], "'add_cues'")) cfg.cues.push_back(c);
    if (n["terminators"]) cfg.terminators = y_.string_list(n["terminators"], "'terminators'");
    if (n["window"])
      if (auto w = y_.integer(n["window"], "'window'")) {
        if (*w < 1 || *w > 100) y_.error(Code::E015, n["window"], "'window' must be between 1 and 100 words");
        else cfg.window_words = static_cast<std::size_t>(*w);
      }
    cfg.compile();
  }

  Rule read_rule(const yaml::Node& node) {
    Rule r;
    r.pos = y_.pos(node);
    y_.check_keys(node, {"id", "title", "checklist", "severity", "scope", "message", "references", "match",
                         "verdicts", "otherwise", "metrics", "tests", "description"},
                  "a rule");
    if (auto id = y_.required_string(node, "id", "a rule")) r.id = *id;
    std::string what = r.id.empty() ? "rule" : "rule '" + r.id + "'";
    if (auto t = y_.required_string(node, "title", what)) r.title = *t;
    if (auto c = node["checklist"]) {
      r.items = y_.string_list(c, "'checklist'");
      for (std::size_t i = 0; i < r.items.size(); ++i)
        if (!checklist_.item(r.items[i]))
          y_.error(Code::E019, c.IsSequence() ? c[i] : c, "unknown checklist item '" + r.items[i] + "' (not in " +
                                                  checklist_.path + ")");
    } else {
      y_.error(Code::E014, node, what + " is missing the required key 'checklist'");
    }
    if (auto s = node["severity"]) {
      if (auto v = y_.scalar(s, "'severity'")) {
        static const std::map<std::string, Severity> kSev = {
            {"low", Severity::low}, {"medium", Severity::medium}, {"high", Severity::high}, {"critical", Severity::critical}};
        if (auto it = kSev.find(*v); it != kSev.end()) r.severity = it->second;
        else y_.error(Code::E015, s, "'severity' must be one of low, medium, high, critical");
      }
    }
    if (auto s = node["scope"]) {
      r.scope = y_.string_list(s, "'scope'");
      for (std::size_t i = 0; i < r.scope.size(); ++i) check_section(r.scope[i], s.IsSequence() ? s[i] : s);
    } else {
      r.scope = checklist_.default_scope;
    }
    if (auto m = y_.optional_string(node, "message", what)) r.message = *m;
    if (auto refs = node["references"]) {
      if (y_.is_map(refs, "'references'"))
        for (const auto& kv : refs) {
          // A list or mapping key ({[a, b]: c}) has no name.
          if (kv.first.IsSequence() || kv.first.IsMap()) {
            y_.error(Code::E013, kv.first, "a reference name must be a string");
            continue;
          }
          if (auto v = y_.scalar(kv.second, "a reference")) r.references[kv.first.IsNull() ? "null" : kv.first.Scalar()] = *v;
        }
    }
    if (auto m = node["match"]) {
      if (y_.is_map(m, "'match'"))
        for (const auto& kv : m) r.matchers.push_back(read_matcher(kv.first, kv.second));
    } else {
      y_.error(Code::E014, node, what + " is missing the required key 'match'");
    }
    if (auto v = node["verdicts"]) {
      if (!v.IsSequence()) y_.error(Code::E013, v, "'verdicts' must be a list of clauses");
      else
        for (const auto& c : v) read_clause(c, r);
    } else {
      y_.error(Code::E014, node, what + " is missing the required key 'verdicts'");
    }
    if (auto o = node["otherwise"]) {
      if (auto s = y_.scalar(o, "'otherwise'")) {
        if (auto v = parse_verdict(*s)) r.otherwise = *v;
        else y_.error(Code::E015, o, "'otherwise' must be pass, partial or gap");
      }
    }
    if (auto ms = node["metrics"]) {
      if (y_.is_map(ms, "'metrics'"))
        for (const auto& kv : ms) read_metric(kv.first, kv.second, r);
    }
    if (auto ts = node["tests"]) {
      if (!ts.IsSequence()) y_.error(Code::E013, ts, "'tests' must be a list");
      else
        for (const auto& t : ts) read_test(t, r);
    }
    check_matcher_use(node, r);
    return r;
  }

  void check_section(const std::string& name, const yaml::Node& at) {
    if (name == "document") return;
    for (const auto& p : checklist_.profiles) {
      if (p.leading == name) return;
      for (const auto& a : p.sections)
        if (a.name == name) return;
    }
    y_.error(Code::E027, at, "scope '" + name + "' selects nothing: no profile in " + checklist_.path +
                     " defines a section of that name");
  }

  Matcher read_matcher(const yaml::Node& key, const yaml::Node& node) {
    Matcher m;
    m.name = key.Scalar();
    m.pos = y_.pos(key);
    KindContext ctx{y_, lexicons_,
                    [this](const std::string& p, const yaml::Node& at) { return expand(p, at); },
                    [this, &m](const std::string& p, bool cs, const yaml::Node& at) {
                      // Identical patterns (shared fragments, lexicons) share one
                      // compiled RE2, so the evaluator matches each once per document.
                      const std::string key = (cs ? "s:" : "i:") + p;
                      if (auto re = interned_.find(key)) return re;
                      std::string err;
                      auto re = compile_pattern(p, cs, err);
                      if (!re) {
                        y_.error(Code::E018, at, "invalid regex in matcher '" + m.name + "': " + err);
                        return re;
                      }
                      return interned_.add(key, std::move(re));
                    }};
    if (node.IsScalar() || node.IsSequence()) {
      pattern_kind().read(ctx, node, m);
      return m;
    }
    if (!node.IsMap()) {
      y_.error(Code::E013, node, "matcher '" + m.name + "' must be a pattern, a list of patterns, or a mapping");
      return m;
    }
    // The kind is the key it is written with.
    const MatcherKind* kind = nullptr;
    std::vector<std::string> keys;
    for (const MatcherKind* k : matcher_kinds()) {
      keys.emplace_back(k->key());
      if (node[std::string(k->key())]) {
        if (kind) y_.error(Code::E016, node, "matcher '" + m.name + "' has both '" + std::string(kind->key()) + "' and '" +
                                     std::string(k->key()) + "': give one kind");
        else kind = k;
      }
    }
    if (!kind) {
      // Most likely a misspelt 'pattern': check the keys as for a pattern.
      std::vector<std::string> known = keys;
      known.emplace_back("polarity");
      for (auto o : pattern_kind().options()) known.emplace_back(o);
      y_.check_keys(node, std::vector<std::string_view>(known.begin(), known.end()), "matcher '" + m.name + "'");
      y_.error(Code::E014, node, "matcher '" + m.name + "' is missing the required key 'pattern'");
      return m;
    }
    m.kind = std::string(kind->key());
    std::vector<std::string> allowed_s = {std::string(kind->key()), "polarity"};
    for (auto o : kind->options()) allowed_s.emplace_back(o);
    y_.check_keys(node, std::vector<std::string_view>(allowed_s.begin(), allowed_s.end()), "matcher '" + m.name + "'");
    if (auto p = node["polarity"]) {
      if (auto sv = y_.scalar(p, "'polarity'")) {
        if (*sv == "affirmed") m.polarity = Polarity::affirmed;
        else if (*sv == "negated") m.polarity = Polarity::negated;
        else if (*sv == "any") m.polarity = Polarity::any;
        else y_.error(Code::E015, p, "'polarity' must be affirmed, negated or any");
      }
    }
    kind->read(ctx, node, m);
    return m;
  }

  // A condition read in this rule, by the condition kinds (conditions/).
  Condition read_condition(const yaml::Node& n, const Rule& r, std::string_view what, bool clause = false) {
    ConditionContext ctx{y_, r, used_, what};
    if (clause) return wfof::read_condition(ctx, n, {"message"});
    return wfof::read_condition(ctx, n);
  }

  void check_ref(const std::string& ref, const Condition& c, const Rule& r, const yaml::Node& at) {
    ConditionContext ctx{y_, r, used_, ""};
    check_capture(ctx, c, ref, at);
  }

  void read_clause(const yaml::Node& n, Rule& r) {
    if (!n.IsMap() || n.size() != 1) {
      y_.error(Code::E013, n, "a verdict clause must be a mapping with one key: pass, partial or gap");
      return;
    }
    auto kv = *n.begin();
    std::string key = kv.first.Scalar();
    auto v = parse_verdict(key);
    if (!v) {
      std::string near = nearest(key, {"pass", "partial", "gap"});
      y_.error(Code::E015, kv.first, "unknown verdict '" + key + "' (a clause is pass, partial or gap)",
               near.empty() ? std::string() : "did you mean '" + near + "'?");
      return;
    }
    Clause clause{*v, read_condition(kv.second, r, "a '" + key + "' clause", true), {}};
    if (kv.second.IsMap())
      if (auto m = kv.second["message"])
        if (auto text = y_.scalar(m, "'message'")) clause.message = read_message(*text, m, clause.condition, r);
    r.clauses.push_back(std::move(clause));
  }

  // Splits a message at its {expression} placeholders; each expression
  // must parse and name captures the clause's matchers define.
  Message read_message(const std::string& text, const yaml::Node& at, const Condition& c, const Rule& r) {
    Message msg;
    msg.text = text;
    std::string lit;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '{') {
        lit += text[i];
        continue;
      }
      std::size_t close = text.find('}', i);
      if (close == std::string::npos) {
        y_.error(Code::E024, at, "message has a '{' with no closing '}'");
        return msg;
      }
      std::string err;
      std::size_t col = 0;
      auto e = Expression::parse(text.substr(i + 1, close - i - 1), err, col);
      if (!e) {
        y_.error(Code::E024, at, "invalid expression in message '{" + text.substr(i + 1, close - i - 1) + "}': " + err);
      } else {
        for (const auto& ref : e->references()) check_ref(ref, c, r, at);
        msg.literals.push_back(std::move(lit));
        lit.clear();
        msg.exprs.push_back(std::move(*e));
      }
      i = close;
    }
    msg.literals.push_back(std::move(lit));
    return msg;
  }

  void read_metric(const yaml::Node& key, const yaml::Node& n, Rule& r) {
    Metric m;
    m.name = key.Scalar();
    m.pos = y_.pos(key);
    bool declared = std::any_of(checklist_.metrics.begin(), checklist_.metrics.end(),
                                [&](const MetricDecl& d) { return d.name == m.name; });
    if (!declared) y_.error(Code::E026, key, "metric '" + m.name + "' is not declared in the checklist's 'metrics'");
    auto read_source = [&](const yaml::Node& s) {
      if (!y_.is_map(s, "a metric source")) return;
      y_.check_keys(s, {"when", "value", "label"}, "a metric source");
      MetricSource src;
      if (s["when"]) src.when = read_condition(s["when"], r, "'when'");
      else y_.error(Code::E014, s, "a metric source is missing the required key 'when'");
      if (s["value"] && s["label"]) y_.error(Code::E016, s, "a metric source has either 'value' or 'label', not both");
      if (auto v = s["value"]) {
        if (auto text = y_.scalar(v, "'value'")) {
          std::string err;
          std::size_t col = 0;
          auto e = Expression::parse(*text, err, col);
          if (!e) y_.error(Code::E024, v, "invalid expression '" + *text + "': " + err);
          else {
            for (const auto& ref : e->references()) check_ref(ref, src.when, r, v);
            src.value = std::move(*e);
          }
        }
      } else if (auto l = s["label"]) {
        src.label = y_.scalar(l, "'label'");
      } else {
        y_.error(Code::E014, s, "a metric source needs 'value' or 'label'");
      }
      m.sources.push_back(std::move(src));
    };
    if (n.IsSequence()) for (const auto& s : n) read_source(s);
    else read_source(n);
    r.metrics.push_back(std::move(m));
  }

  void read_test(const yaml::Node& n, Rule& r) {
    if (!y_.is_map(n, "a test")) return;
    y_.check_keys(n, {"text", "expect", "metrics"}, "a test");
    RuleTest t;
    t.pos = y_.pos(n);
    if (auto s = y_.required_string(n, "text", "a test")) t.text = *s;
    if (auto e = y_.required_string(n, "expect", "a test")) {
      if (auto v = parse_verdict(*e)) t.expect = *v;
      else y_.error(Code::E015, n["expect"], "'expect' must be pass, partial or gap");
    }
    if (auto ms = n["metrics"]) {
      if (y_.is_map(ms, "'metrics'"))
        for (const auto& kv : ms) {
          std::string name = kv.first.Scalar();
          if (std::none_of(r.metrics.begin(), r.metrics.end(), [&](const Metric& m) { return m.name == name; }))
            y_.error(Code::E026, kv.first, "test expects metric '" + name + "', which this rule does not define");
          if (kv.second.IsNull()) t.metrics[name] = std::monostate{};
          else if (kv.second.IsScalar()) {
            const auto& s = kv.second.Scalar();
            char* end = nullptr;
            long long v = std::strtoll(s.c_str(), &end, 10);
            if (!s.empty() && end && *end == '\0') t.metrics[name] = static_cast<std::int64_t>(v);
            else t.metrics[name] = s;
          } else y_.error(Code::E013, kv.second, "a metric value must be a number, a label or null");
        }
    }
    r.tests.push_back(std::move(t));
  }

  void check_matcher_use(const yaml::Node& node, const Rule& r) {
    for (const auto& m : r.matchers)
      if (!used_.count(m.name))
        y_.error(Code::W003, node["match"][m.name] ? find_key(node["match"], m.name) : node,
                 "matcher '" + m.name + "' is defined but never used in a clause or metric");
    used_.clear();
  }

  static yaml::Node find_key(const yaml::Node& map, const std::string& key) {
    for (const auto& kv : map)
      if (kv.first.Scalar() == key) return kv.first;
    return map;
  }

  YamlReader& y_;
  const Checklist& checklist_;
  std::set<std::string> used_;
  const std::map<std::string, std::string>& fragments_;
  const Lexicons& lexicons_;
  Interned& interned_;
};

// Named pattern pieces, used in patterns as {{name}}, shared by every file
// of a rule set; the engine knows {{number}} (what the number reader reads)
// without being told.
void read_fragments(YamlReader& y, std::map<std::string, std::string>& out) {
  const auto& root = y.root();
  if (!root.IsMap() || !root["fragments"]) return;
  const auto& n = root["fragments"];
  if (!y.is_map(n, "'fragments'")) return;
  for (const auto& kv : n) {
    auto v = y.scalar(kv.second, "a fragment");
    if (!v) continue;
    if (!out.emplace(kv.first.Scalar(), *v).second)
      y.error(Code::E023, kv.first, "fragment '" + kv.first.Scalar() + "' is defined twice in this rule set");
  }
}

// Lexicons: named sets of terms, used in `terms` and `quantity` matchers
// as '@name', shared by every file of a rule set.
void read_lexicons(YamlReader& y, Lexicons& out) {
  const auto& root = y.root();
  if (!root.IsMap() || !root["lexicons"]) return;
  const auto& n = root["lexicons"];
  if (!y.is_map(n, "'lexicons'")) return;
  for (const auto& kv : n) {
    auto terms = y.string_list(kv.second, "a lexicon");
    if (terms.empty()) y.error(Code::E015, kv.second, "lexicon '" + kv.first.Scalar() + "' has no terms");
    if (!out.emplace(kv.first.Scalar(), terms).second)
      y.error(Code::E023, kv.first, "lexicon '" + kv.first.Scalar() + "' is defined twice in this rule set");
  }
}

std::vector<std::string> rule_files(const std::vector<std::string>& paths, std::vector<Diagnostic>& diags) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        auto ext = it->path().extension();
        if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) found.push_back(it->path().string());
      }
      if (ec) diags.push_back({p, 0, 0, "cannot read rules folder: " + ec.message(), Code::E001});
      if (found.empty() && !ec) diags.push_back({p, 0, 0, "no rule files (*.yaml) in this folder", Code::E028});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      diags.push_back({p, 0, 0, "cannot read rules: no such file or folder", Code::E001});
    }
  }
  return files;
}

void check_across(std::vector<Rule>& rules, std::vector<Diagnostic>& diags) {
  std::map<std::string, const Rule*> ids;
  std::map<std::string, std::pair<const Rule*, SourcePos>> metrics;
  for (const auto& r : rules) {
    if (r.id.empty()) continue;
    auto [it, fresh] = ids.emplace(r.id, &r);
    if (!fresh)
      diags.push_back({r.pos.file, r.pos.line, r.pos.col, "duplicate rule id '" + r.id + "'", Code::E012,
                       RelatedPos{it->second->pos.file, it->second->pos.line, it->second->pos.col}});
    for (const auto& m : r.metrics) {
      auto [mit, mfresh] = metrics.emplace(m.name, std::pair(&r, m.pos));
      if (!mfresh) {
        const SourcePos& first = mit->second.second;
        diags.push_back({m.pos.file, m.pos.line, m.pos.col,
                         "metric '" + m.name + "' is already extracted by rule '" + mit->second.first->id + "'",
                         Code::E023, RelatedPos{first.file, first.line, first.col}});
      }
    }
  }
  std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
}

}  // namespace

std::shared_ptr<const RE2> compile_pattern(const std::string& pattern, bool case_sensitive, std::string& error) {
  RE2::Options o;
  o.set_case_sensitive(case_sensitive);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  auto re = std::make_shared<RE2>("(?m)" + pattern, o);
  if (re->ok()) return re;
  error = re->error();
  if (auto p = error.find("(?m)"); p != std::string::npos) error.erase(p, 4);
  const auto code = re->error_code();
  if (code == RE2::ErrorBadPerlOp || pattern.find("(?=") != std::string::npos ||
      pattern.find("(?!") != std::string::npos || pattern.find("(?<") != std::string::npos)
    error += " (RE2 does not support lookahead or lookbehind; use a 'none' matcher or 'polarity' instead)";
  else if (code == RE2::ErrorBadEscape && pattern.find('\\') != std::string::npos &&
           std::any_of(pattern.begin(), pattern.end(), [](char c) { return c >= '1' && c <= '9'; }))
    error += " (RE2 does not support backreferences such as \\1)";
  return nullptr;
}

std::vector<Rule> load_rules_text(const std::string& path, std::string_view text, const Checklist& checklist,
                                  std::vector<Diagnostic>* warnings) {
  YamlReader y(path, text);
  std::map<std::string, std::string> fragments;
  read_fragments(y, fragments);
  Lexicons lexicons;
  read_lexicons(y, lexicons);
  Interned interned;
  RuleFileLoader loader(y, checklist, fragments, lexicons, interned, NegationConfig::defaults(),
                        NegationConfig::exhortation_defaults());
  auto rules = loader.load();
  std::vector<Diagnostic> diags = std::move(y.diagnostics());
  check_across(rules, diags);
  sort_diagnostics(diags);
  if (has_errors(diags)) throw Error(std::move(diags));
  if (rules.empty()) throw Error(Diagnostic{path, 1, 1, "no rules defined", Code::E028});
  if (warnings) warnings->insert(warnings->end(), diags.begin(), diags.end());
  return rules;
}

namespace {

// The rule files named by `paths`, read and validated against the
// checklist, which `checklist` gives once the files are parsed (before any
// rule is read); by up to `threads` threads.
std::vector<Rule> read_rule_files(const std::vector<std::string>& paths, const std::function<const Checklist&()>& checklist,
                                  unsigned threads, std::vector<Diagnostic>* warnings) {
  std::vector<Diagnostic> diags;
  std::vector<YamlReader> files;
  for (const auto& file : rule_files(paths, diags)) {
    try {
      files.emplace_back(file);
    } catch (const Error& e) {
      for (const auto& d : e.diagnostics()) diags.push_back(d);
    }
  }
  std::map<std::string, std::string> fragments;
  for (auto& y : files) read_fragments(y, fragments);
  Lexicons lexicons;
  for (auto& y : files) read_lexicons(y, lexicons);
  Interned interned;
  NegationConfig negation = NegationConfig::defaults(), exhortation = NegationConfig::exhortation_defaults();
  const Checklist none;  // settings read no checklist
  for (auto& y : files) RuleFileLoader(y, none, fragments, lexicons, interned).read_set_settings(negation, exhortation);
  // Compiled once, as the settings left them (read_negation compiles what it read).
  if (!negation.compiled()) negation.compile();
  if (!exhortation.compiled()) exhortation.compile();
  const Checklist& against = checklist();

  // Each file by whichever thread takes it next, with its own diagnostics
  // and rules, gathered in file order afterwards.
  std::vector<std::vector<Rule>> loaded(files.size());
  std::vector<std::exception_ptr> failed(files.size());
  std::atomic<std::size_t> next{0};
  auto read_files = [&] {
    for (std::size_t i; (i = next++) < files.size();) {
      try {
        loaded[i] = RuleFileLoader(files[i], against, fragments, lexicons, interned, negation, exhortation).load();
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < std::min<std::size_t>(threads, files.size()); ++t) helpers.emplace_back(read_files);
    read_files();
  }
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (failed[i]) std::rethrow_exception(failed[i]);
    for (auto& d : files[i].diagnostics()) diags.push_back(std::move(d));
    for (auto& r : loaded[i]) rules.push_back(std::move(r));
  }
  check_across(rules, diags);
  if (!has_errors(diags) && rules.empty()) {
    std::string where = paths.empty() ? std::string("(no rule paths)") : paths.front();
    const std::size_t at = std::filesystem::is_regular_file(where) ? 1 : 0;  // a folder has no position
    diags.push_back({where, at, at, "no rules defined", Code::E028});
  }
  sort_diagnostics(diags);
  if (has_errors(diags)) throw Error(std::move(diags));
  if (warnings) warnings->insert(warnings->end(), diags.begin(), diags.end());
  return rules;
}

}  // namespace

std::vector<Rule> load_rules(const std::vector<std::string>& paths, const Checklist& checklist,
                             std::vector<Diagnostic>* warnings) {
  return read_rule_files(paths, [&]() -> const Checklist& { return checklist; }, 1, warnings);
}

RuleSet load_rule_set(const std::string& checklist_path, const std::vector<std::string>& paths, unsigned threads,
                      std::vector<Diagnostic>* warnings) {
  // The checklist is read (its profiles' patterns compiled) while the rule
  // files are parsed: nothing before their rules are read needs it. Its
  // errors, if any, are the load's, as when it was read first.
  std::future<Checklist> pending = std::async(threads > 1 ? std::launch::async : std::launch::deferred,
                                              [&checklist_path] { return load_checklist(checklist_path); });
  RuleSet set;
  set.rules = read_rule_files(
      paths, [&]() -> const Checklist& { return set.checklist = pending.get(); }, threads, warnings);
  return set;
}

}  // namespace wfof
