// wfof check: evaluate documents, print a summary, write reports.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <re2/re2.h>
#include <re2/set.h>
#include <unistd.h>

#include "atomic_file.hpp"
#include "common.hpp"
#include "config.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "loader.hpp"
#include "phase_timer.hpp"
#include "sha256.hpp"
#include "version.hpp"
#include "waivers.hpp"
#include "writers.hpp"

namespace wfof::cli {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kFormats = {"text", "json", "markdown", "html", "sarif", "junit", "github"};

// Per-document Markdown report names: the file's stem, made unique with its
// folder names when two documents share one.
std::vector<std::string> report_names(const RunResult& run) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const auto& d : run.documents) seen[fs::path(d.path).stem().string()]++;
  for (const auto& d : run.documents) {
    fs::path p(d.path);
    std::string name = p.stem().string();
    if (seen[name] > 1) {
      std::string prefix;
      for (const auto& part : p.parent_path()) {
        std::string s = part.string();
        if (s == "." || s == "/" || s.empty()) continue;
        prefix += s + "-";
      }
      name = prefix + name;
    }
    names.push_back(name + ".md");
  }
  return names;
}

std::string render(const std::string& format, const RunResult& run, const ReportContext& ctx, bool color) {
  if (format == "text") return write_text(run, ctx, color);
  if (format == "json") return write_json(run, ctx);
  if (format == "markdown") return write_markdown_summary(run, ctx);
  if (format == "html") return write_html(run, ctx);
  if (format == "sarif") return write_sarif(run, ctx);
  if (format == "junit") return write_junit(run, ctx);
  return write_github(run, ctx);
}

// The formats a run can write without holding every document's results
// (the Markdown and HTML summaries span the whole run).
bool streamable(const std::string& format) { return format != "markdown" && format != "html"; }

// Reports written a document at a time: each document's entries are
// rendered by the thread that checked it and appended, in path order, to
// the reports' temporary files (see report_stream.hpp); the reports
// themselves are written whole at the end. Text is kept as blocks (small).
class StreamedReports {
 public:
  StreamedReports(const std::vector<std::string>& formats, std::size_t documents, const RunResult& head,
                  const ReportContext& ctx, PhaseTimes* times)
      : formats_(formats), head_(head), ctx_(ctx), times_(times), pending_(documents), ready_(documents, 0) {
    for (const auto& f : formats_) {
      frames_.push_back(frame(f, head));
      streams_.push_back(f == "text" ? nullptr : std::make_unique<ReportStream>(frames_.back().indents.size()));
    }
  }

  // Document i, checked (any thread).
  void add(std::size_t i, const DocumentResult& r) {
    PhaseTimer render(times_, Phase::render);
    std::vector<ReportEntries> entries(formats_.size());
    for (std::size_t k = 0; k < formats_.size(); ++k) {
      const std::string& f = formats_[k];
      if (f == "json") entries[k] = json_entries(r);
      else if (f == "sarif") entries[k] = sarif_entries(r, i, ctx_);
      else if (f == "junit") entries[k] = junit_entries(r, i, head_, ctx_);
      else if (f == "github") entries[k] = github_entries(r, head_);
    }
    render.stop();
    arrived(i, std::move(entries));
  }
  // Document i could not be checked: the run will write nothing, but the
  // documents after it must not wait for it.
  void skip(std::size_t i) { arrived(i, {}); }

  // Why the reports cannot be written (a temporary file failed), if they cannot.
  const std::optional<Error>& failure() const { return failure_; }

  // Passes format k's whole report, for a run with these totals, to `sink`.
  void write(std::size_t k, const RunResult& totals, const PieceSink& sink) {
    streams_[k]->write(frame(formats_[k], totals), sink);
  }

 private:
  // The frame of a streamed format, for a run with these totals.
  ReportFrame frame(const std::string& format, const RunResult& run) const {
    if (format == "json") return json_frame(run, pending_.size());
    if (format == "sarif") return sarif_frame(run, ctx_);
    if (format == "junit") return junit_frame();
    if (format == "github") return github_frame();
    return {};
  }

  void arrived(std::size_t i, std::vector<ReportEntries> entries) {
    PhaseTimer write(times_, Phase::write);
    std::lock_guard<std::mutex> lock(mutex_);
    pending_[i] = std::move(entries);
    ready_[i] = 1;
    for (; next_ < ready_.size() && ready_[next_]; ++next_) {
      try {
        for (std::size_t k = 0; k < pending_[next_].size() && !failure_; ++k)
          if (streams_[k]) streams_[k]->add(pending_[next_][k], frames_[k]);
      } catch (const Error& e) {
        failure_ = e;  // the temporary file failed: the run will write nothing
      }
      pending_[next_] = {};
    }
  }

  std::vector<std::string> formats_;
  const RunResult& head_;
  const ReportContext& ctx_;
  PhaseTimes* times_;
  std::vector<ReportFrame> frames_;
  std::vector<std::unique_ptr<ReportStream>> streams_;  // null for text
  std::mutex mutex_;
  std::vector<std::vector<ReportEntries>> pending_;  // rendered, not yet appended
  std::vector<char> ready_;
  std::size_t next_ = 0;  // first document not yet appended
  std::optional<Error> failure_;
};

// For --profile: the evaluator's prefilter and digest, replayed and timed
// apart (Evaluator::check runs them inside one call): the same RE2::Set
// over the same patterns (every distinct compiled pattern of every rule,
// with the matcher's flags), matched against the same sentences (those in
// some rule's scope). Its time is the prefilter's share of check(); the
// replay itself is reported as profiling overhead.
class PrefilterProbe {
 public:
  explicit PrefilterProbe(const std::vector<Rule>& rules) {
    RE2::Options o;
    o.set_case_sensitive(true);
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    set_ = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    std::set<const RE2*> seen;
    bool ok = true;
    for (const auto& rule : rules) {
      if (std::find(scopes_.begin(), scopes_.end(), rule.scope) == scopes_.end()) scopes_.push_back(rule.scope);
      for (const auto& m : rule.matchers)
        for (std::size_t i = 0; i < m.patterns.size(); ++i)
          if (m.compiled[i] && seen.insert(m.compiled[i].get()).second)
            ok = ok && set_->Add((m.case_sensitive ? "(?m)(?:" : "(?mi)(?:") + m.patterns[i] + ")", nullptr) >= 0;
    }
    if (!ok || !set_->Compile()) set_.reset();
  }
  // Nanoseconds of the prefilter pass over this document.
  std::int64_t prefilter(const Document& doc, const Structure& st) const {
    if (!set_) return 0;
    const std::int64_t t0 = now_ns();
    std::vector<Range> parts;
    for (const auto& scope : scopes_) {
      if (!st.scoped() || scope.empty()) {
        add(parts, Range{0, doc.normalised().size()});
        continue;
      }
      for (const auto& s : st.units.sections)
        if (std::find(scope.begin(), scope.end(), s.name) != scope.end() ||
            std::find(scope.begin(), scope.end(), "document") != scope.end())
          add(parts, s.range);
    }
    std::vector<int> matched;
    std::size_t hits = 0;
    for (const Range& s : st.units.sentences) {
      if (!std::any_of(parts.begin(), parts.end(), [&](const Range& p) { return p.contains(s.begin); })) continue;
      matched.clear();
      if (set_->Match(doc.text(s), &matched)) hits += matched.size();
    }
    sink_ += hits;
    return now_ns() - t0;
  }
  static std::int64_t digest(const Document& doc) {
    const std::int64_t t0 = now_ns();
    sink_ += sha256_hex(doc.original()).size();
    return now_ns() - t0;
  }

 private:
  static void add(std::vector<Range>& parts, Range r) {
    if (std::find(parts.begin(), parts.end(), r) == parts.end()) parts.push_back(r);
  }
  std::unique_ptr<RE2::Set> set_;
  std::vector<std::vector<std::string>> scopes_;
  static inline std::atomic<std::size_t> sink_{0};  // keeps the replay from being optimised away
};

void print_profile(const PhaseTimes& t, double wall, std::size_t documents, std::size_t bytes, unsigned threads) {
  double sum = 0;
  for (std::size_t p = 0; p < static_cast<std::size_t>(Phase::count); ++p) sum += t.seconds(static_cast<Phase>(p));
  const double busy = std::max(sum, wall);  // one thread: the wall clock; more: summed over threads
  std::fprintf(stderr, "wfof check --profile: %zu documents, %.1f MB, %u thread%s, %.3f s wall\n", documents, bytes / 1e6,
               threads, threads == 1 ? "" : "s", wall);
  std::fprintf(stderr, "  %-40s %9s %6s\n", "phase", "seconds", "%");
  for (std::size_t p = 0; p < static_cast<std::size_t>(Phase::count); ++p) {
    const double s = t.seconds(static_cast<Phase>(p));
    std::fprintf(stderr, "  %-40s %9.3f %6.1f\n", to_string(static_cast<Phase>(p)), s, 100 * s / busy);
  }
  if (threads == 1) std::fprintf(stderr, "  %-40s %9.3f %6.1f\n", "other (collecting paths, summary)", wall - sum, 100 * (wall - sum) / busy);
  else std::fprintf(stderr, "  (%u threads: seconds are summed over threads, %% of their sum)\n", threads);
}

// "json to r.json, text to stdout"
std::string describe_formats(const std::vector<std::string>& formats, const std::vector<std::string>& outputs) {
  std::string out;
  for (std::size_t k = 0; k < formats.size(); ++k)
    out += (k ? ", " : "") + formats[k] + " to " + (k >= outputs.size() || outputs[k] == "-" ? std::string("stdout") : outputs[k]);
  return out.empty() ? "none" : out;
}

}  // namespace

bool show_config_only = false;

int cmd_check(int argc, char** argv, const char* argv0) {
  const std::string command = show_config_only ? "config" : "check";
  RuleOptions ro;
  std::vector<std::string> inputs, formats, outputs;
  std::string report_dir, fail_on = "gap", color = "auto";
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t max_size = LoadOptions{}.max_bytes;
  std::string shard, config_file, waivers_file;
  po::options_description desc(command + " options");
  add_rule_options(desc, ro);
  desc.add_options()
      ("path", po::value(&inputs)->composing(), "documents or folders to check (default: the paths listed in .wfof.yaml)")
      ("format,f", po::value(&formats)->composing(), "text|json|markdown|html|sarif|junit|github (repeatable; default text)")
      ("output,o", po::value(&outputs)->composing(), "output file for the format in the same position (default: stdout)")
      ("report-dir", po::value(&report_dir), "write every format into DIR (per-document Markdown too)")
      ("fail-on", po::value(&fail_on), "exit 1 when an item is at or below: gap|partial|never (default gap)")
      ("jobs,j", po::value(&jobs), "documents checked in parallel (default: cores available)")
      ("quiet,q", "no summary on stdout and no progress on stderr")
      ("color", po::value(&color), "auto|always|never (auto: only on a terminal, never with NO_COLOR)")
      ("max-file-size", po::value(&max_size), "refuse documents larger than this many bytes (default 64 MiB)")
      ("shard", po::value(&shard), "K/N: check only the K-th of N shares of the documents (in path order, every N-th from the K-th); merge the JSON with 'wfof merge'")
      ("config", po::value(&config_file), "the project configuration (default: the nearest .wfof.yaml from the working directory up)")
      ("no-config", "ignore any .wfof.yaml")
      ("waivers", po::value(&waivers_file), "YAML file of accepted gaps and partials, each with a reason, who accepted it and an expiry date")
      ("profile", "print to stderr the time spent per phase (read, structure, prefilter, rules, writing)");
  po::positional_options_description pos;
  pos.add("path", -1);
  po::variables_map vm;
  const std::string usage = show_config_only
      ? "[PATH...] [check options]\n\nPrints what 'wfof check' with these options would use, and where each value came from.\n\n"
        "examples:\n  wfof config\n  wfof config --fail-on partial"
      : "[PATH...] [options]\n\nexamples:\n  wfof check fixtures/real\n  wfof check docs/ -f sarif -o r.sarif -f junit -o r.xml\n"
        "  wfof check            (the paths listed in .wfof.yaml)";
  if (auto r = parse(command, usage, argc, argv, desc, &pos, vm)) return *r;

  auto usage_error = [&](const std::string& m) {
    std::cerr << "wfof " << command << ": error: " << m << "\n";
    return kCannotCheck;
  };

  // The project's .wfof.yaml fills in what the command line left out.
  if (vm.count("config") && vm.count("no-config")) return usage_error("--config and --no-config exclude each other");
  choose_config(vm.count("config") ? std::optional<std::string>(config_file) : std::nullopt, vm.count("no-config") > 0);
  const ProjectConfig* cfg = project_config();
  std::string paths_from = "command line", formats_from = "command line", fail_on_from = "command line",
              report_dir_from = "command line", waivers_from = "command line";
  if (inputs.empty()) {
    if (cfg && cfg->paths) inputs = cfg->paths->value, paths_from = cfg->paths->where;
    else paths_from = "not given";
  }
  if (!vm.count("format")) {
    if (cfg && cfg->formats && !vm.count("output")) {
      for (const auto& [f, o] : cfg->formats->value) formats.push_back(f), outputs.push_back(o);
      formats_from = cfg->formats->where;
    } else {
      formats_from = "default";
    }
  }
  if (!vm.count("fail-on")) {
    if (cfg && cfg->fail_on) fail_on = cfg->fail_on->value, fail_on_from = cfg->fail_on->where;
    else fail_on_from = "default";
  }
  if (!vm.count("report-dir")) {
    if (cfg && cfg->report_dir) report_dir = cfg->report_dir->value, report_dir_from = cfg->report_dir->where;
    else report_dir_from = "default";
  }
  if (!vm.count("waivers")) {
    if (cfg && cfg->waivers) waivers_file = cfg->waivers->value, waivers_from = cfg->waivers->where;
    else waivers_from = "default";
  }
  for (const auto& f : formats)
    if (std::find(kFormats.begin(), kFormats.end(), f) == kFormats.end())
      return usage_error("unknown format '" + f + "' (text, json, markdown, html, sarif, junit, github)");
  if (outputs.size() > formats.size()) return usage_error("more --output than --format options");
  if (fail_on != "gap" && fail_on != "partial" && fail_on != "never")
    return usage_error("--fail-on must be gap, partial or never");
  if (color != "auto" && color != "always" && color != "never") return usage_error("--color must be auto, always or never");
  if (jobs == 0) return usage_error("--jobs must be at least 1");
  std::size_t shard_k = 1, shard_n = 1;
  if (!shard.empty()) {
    unsigned long k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(shard.c_str(), "%lu%c%lu%c", &k, &slash, &n, &extra) != 3 || slash != '/' || k < 1 || n < 1 || k > n)
      return usage_error("--shard must be K/N with 1 <= K <= N (got '" + shard + "')");
    shard_k = k;
    shard_n = n;
  }
  const bool quiet = vm.count("quiet") > 0;
  if (formats.empty() && report_dir.empty()) formats.push_back("text");
  auto goes_to_stdout = [&](std::size_t k) { return k >= outputs.size() || outputs[k] == "-"; };
  {
    int to_stdout = 0;
    for (std::size_t i = 0; i < formats.size(); ++i) to_stdout += goes_to_stdout(i);
    if (to_stdout > 1) return usage_error("only one format can go to stdout; give --output for the others");
  }
  resolve_defaults(ro, argv0);
  if (show_config_only) {
    auto line = [](const std::string& key, const std::string& value, const std::string& from) {
      std::cout << key << ": " << value << "  (" << from << ")\n";
    };
    auto joined = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
      return out.empty() ? std::string("none") : out;
    };
    std::cout << "config: " << (cfg ? cfg->path : std::string("none")) << "  ("
              << (vm.count("config") ? "command line" : vm.count("no-config") ? "--no-config" : cfg ? "found upwards from the working directory" : "no .wfof.yaml here or above") << ")\n";
    line("paths", joined(inputs), paths_from);
    line("rules", joined(ro.rules), ro.rules_from);
    line("checklist", ro.checklist, ro.checklist_from);
    line("fail-on", fail_on, fail_on_from);
    line("formats", report_dir.empty() || formats_from != "default" ? describe_formats(formats, outputs) : "none", formats_from);
    line("report-dir", report_dir.empty() ? "none" : report_dir, report_dir_from);
    line("waivers", waivers_file.empty() ? "none" : waivers_file, waivers_from);
    return kOk;
  }
  if (inputs.empty())
    return usage_error("no documents to check: give files or folders, or list them as 'paths' in " + std::string(kConfigName));

  const std::int64_t started = now_ns();
  std::optional<PhaseTimes> profiled;
  if (vm.count("profile")) profiled.emplace();
  PhaseTimes* times = profiled ? &*profiled : nullptr;
  PhaseTimer startup(times, Phase::startup);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  startup.stop();
  // "Today" for waiver expiry: SOURCE_DATE_EPOCH when set, as for JUnit's
  // timestamp, so a run is reproducible. Bad waivers stop the run here,
  // before any document is read.
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  const long long now = sde && *sde ? std::atoll(sde) : static_cast<long long>(std::time(nullptr));
  std::optional<Waivers> waivers;
  if (!waivers_file.empty()) waivers.emplace(waivers_file, loaded->checklist, utc_date(now));
  std::vector<std::string> files = collect_documents(inputs);
  if (shard_n > 1) {  // every N-th document in path order, from the K-th
    std::vector<std::string> mine;
    for (std::size_t i = shard_k - 1; i < files.size(); i += shard_n) mine.push_back(std::move(files[i]));
    files = std::move(mine);
  }
  unsigned n_threads = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, files.size())));
  // One evaluator per thread, each with its own compiled patterns. The
  // other threads build theirs when they start (a large rule set takes a
  // while to compile) while this one is already checking.
  std::vector<std::unique_ptr<Evaluator>> evaluators(n_threads);
  PhaseTimer planning(times, Phase::plan);
  evaluators[0] = std::make_unique<Evaluator>(loaded->checklist, loaded->rules);
  const Evaluator& evaluator = *evaluators.front();
  planning.stop();
  std::optional<PrefilterProbe> probe;
  if (times) {
    PhaseTimer t(times, Phase::probe);
    probe.emplace(evaluator.rules());
  }
  std::atomic<std::size_t> bytes_read{0};

  ReportContext ctx{evaluator.checklist(), evaluator.rules()};
  ctx.partial_fails = fail_on == "partial";
  ctx.timestamp = now;
  if (sde && *sde) {
    ctx.hostname = "localhost";
  } else {
    char host[256] = {0};
    if (::gethostname(host, sizeof host - 1) == 0 && host[0]) ctx.hostname = host;
  }
  const bool use_color = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));

  RunResult head;  // the run without its documents
  head.tool_version = kVersion;
  head.checklist_id = evaluator.checklist().id;
  head.checklist_title = evaluator.checklist().title;
  head.uncovered_items = evaluator.uncovered_items();

  // Text, JSON, SARIF, JUnit and GitHub annotations need no document's
  // results once its piece of the report is rendered: then each result is
  // dropped as soon as it is made, so memory is bounded by a few documents,
  // not by the corpus.
  const bool streaming = report_dir.empty() && std::all_of(formats.begin(), formats.end(), streamable);
  bool wants_text = false;  // some text report will be written (--quiet drops it from stdout)
  bool text_color = use_color;  // colour only when the text goes to the terminal, never into a file
  for (std::size_t k = 0; k < formats.size(); ++k)
    if (formats[k] == "text") {
      wants_text = wants_text || !(quiet && goes_to_stdout(k));
      text_color = text_color && goes_to_stdout(k);
    }
  wants_text = wants_text && streaming;
  std::optional<StreamedReports> streamed;
  if (streaming) streamed.emplace(formats, files.size(), head, ctx, times);
  std::vector<std::string> text_blocks(wants_text ? files.size() : 0);
  std::vector<VerdictCounts> counts(files.size());
  std::vector<VerdictCounts> failing(files.size());  // what counts for --fail-on: all but the waived

  // Check in parallel; results land in path order whatever the scheduling.
  std::vector<std::optional<DocumentResult>> results(streaming ? 0 : files.size());
  std::vector<std::optional<Error>> errors(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  const bool progress = !quiet && files.size() >= 20 && ::isatty(STDERR_FILENO);
  std::mutex progress_mutex;
  LoadOptions lo;
  lo.max_bytes = max_size;
  auto worker = [&](const Evaluator& ev) {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      try {
        PhaseTimer read(times, Phase::read);
        Document doc = Document::load(files[i], lo);
        read.stop();
        PhaseTimer reading(times, Phase::structure);
        const Structure structure = read_structure(doc, ev.checklist().profiles);
        reading.stop();
        PhaseTimer evaluating(times, Phase::evaluate);
        DocumentResult r = ev.check(doc, structure);
        // What reading the file found (content not matching its name)
        // comes first; a PDF's digest is the file's, not its text's, so
        // reports can tell whether the file changed since.
        r.warnings.insert(r.warnings.begin(), doc.input_warnings().begin(), doc.input_warnings().end());
        if (!doc.file_sha256().empty()) r.sha256 = doc.file_sha256();
        if (waivers) waivers->apply(r);
        if (times) {
          evaluating.stop();
          bytes_read += doc.original().size();
          // check() = digest + prefilter + rule evaluation: take the first two out.
          const std::int64_t t0 = now_ns();
          const std::int64_t digest = PrefilterProbe::digest(doc), prefilter = probe->prefilter(doc, structure);
          times->add(Phase::digest, digest);
          times->add(Phase::prefilter, prefilter);
          times->take(Phase::evaluate, digest + prefilter);
          times->add(Phase::probe, now_ns() - t0);  // the replay itself
        }
        counts[i] = r.summary;
        for (const auto& item : r.items)
          if (!item.waived()) failing[i].add(item.verdict);
        if (!streaming) {
          results[i] = std::move(r);
        } else {
          if (wants_text) {
            PhaseTimer render(times, Phase::render);
            text_blocks[i] = write_text_document(r, ctx, text_color);
          }
          streamed->add(i, r);
        }
      } catch (const Error& e) {
        errors[i] = e;
        if (streaming) streamed->skip(i);
      }
      std::size_t n = ++done;
      if (progress && (n % 50 == 0 || n == files.size())) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        std::cerr << "\rchecked " << n << "/" << files.size() << " documents" << std::flush;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n_threads; ++t)
    pool.emplace_back([&, t] {
      // Only reads the loaded rules and checklist, as every thread does.
      PhaseTimer compile(times, Phase::plan);
      evaluators[t] = std::make_unique<Evaluator>(with_own_patterns(loaded->checklist), with_own_patterns(loaded->rules));
      compile.stop();
      worker(*evaluators[t]);
    });
  worker(evaluator);
  for (auto& t : pool) t.join();
  if (progress) std::cerr << "\n";

  bool failed = false;
  for (const auto& e : errors)
    if (e) { print_error(*e); failed = true; }
  if (streaming && streamed->failure()) {
    print_error(*streamed->failure());
    failed = true;
  }
  if (failed) {
    std::cerr << "wfof check: no reports written: some documents could not be checked\n";
    return kCannotCheck;
  }
  for (const auto& c : counts) {
    head.summary.pass += c.pass;
    head.summary.partial += c.partial;
    head.summary.gap += c.gap;
  }
  const VerdictCounts& total = head.summary;
  VerdictCounts unwaived;
  for (const auto& c : failing) {
    unwaived.partial += c.partial;
    unwaived.gap += c.gap;
  }
  if (waivers)
    for (const auto& w : waivers->warnings()) std::cerr << w << "\n";
  int exit_code = kOk;
  if (fail_on != "never" && (unwaived.gap > 0 || (fail_on == "partial" && unwaived.partial > 0))) exit_code = kFindings;

  auto report_profile = [&] {
    if (times) print_profile(*times, (now_ns() - started) / 1e9, files.size(), bytes_read, n_threads);
  };
  if (streaming) {
    PhaseTimer writing(times, Phase::write);
    for (std::size_t k = 0; k < formats.size(); ++k) {
      const bool stdout_ = goes_to_stdout(k);
      if (stdout_ && quiet && formats[k] == "text") continue;  // --quiet: no summary
      auto produce = [&](const PieceSink& sink) {
        if (formats[k] != "text") return streamed->write(k, head, sink);
        for (const auto& b : text_blocks) sink(b);
        sink(write_text_summary(files.size(), total, head.uncovered_items.size()));
      };
      if (stdout_) produce([](std::string_view piece) { std::cout << piece; });
      else write_file_atomic(outputs[k], produce);
    }
    std::cout << std::flush;
    writing.stop();
    report_profile();
    return exit_code;
  }

  RunResult run = head;
  for (auto& r : results) run.documents.push_back(std::move(*r));

  // Render everything first, then write: a failure to render never leaves
  // some reports new and others old.
  std::vector<std::pair<std::string, std::string>> files_out;  // path, content
  std::string to_stdout;
  PhaseTimer rendering(times, Phase::render);
  if (!report_dir.empty()) {
    std::error_code ec;
    fs::create_directories(report_dir, ec);
    if (ec || !fs::is_directory(report_dir))
      throw Error(Diagnostic{report_dir, 0, 0, "cannot create report folder: " + (ec ? ec.message() : "not a folder"), Code::E036});
    ctx.document_reports = report_names(run);
    fs::path dir(report_dir);
    for (std::size_t i = 0; i < run.documents.size(); ++i)
      files_out.emplace_back((dir / ctx.document_reports[i]).string(), write_markdown_document(run, run.documents[i], ctx));
    files_out.emplace_back((dir / "README.md").string(), write_markdown_summary(run, ctx));
    files_out.emplace_back((dir / "report.html").string(), write_html(run, ctx));
    files_out.emplace_back((dir / "results.json").string(), write_json(run, ctx));
    files_out.emplace_back((dir / "results.sarif").string(), write_sarif(run, ctx));
    files_out.emplace_back((dir / "results.junit.xml").string(), write_junit(run, ctx));
  }
  for (std::size_t i = 0; i < formats.size(); ++i) {
    const bool stdout_ = goes_to_stdout(i);
    if (stdout_ && quiet && formats[i] == "text") continue;  // --quiet: no summary
    std::string content = render(formats[i], run, ctx, use_color && stdout_);
    if (stdout_) to_stdout = std::move(content);
    else files_out.emplace_back(outputs[i], std::move(content));
  }
  rendering.stop();
  PhaseTimer writing(times, Phase::write);
  for (const auto& [path, content] : files_out) write_file_atomic(path, content);
  std::cout << to_stdout << std::flush;
  writing.stop();
  if (!report_dir.empty() && !quiet && to_stdout.empty())
    std::cerr << "wrote " << files_out.size() << " report files to " << report_dir << "\n";
  report_profile();

  return exit_code;
}

}  // namespace wfof::cli
