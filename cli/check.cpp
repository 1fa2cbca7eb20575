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
#include <thread>
#include <unistd.h>

#include "atomic_file.hpp"
#include "formats.hpp"
#include "common.hpp"
#include "config.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "loader.hpp"
#include "phase_timer.hpp"
#include "version.hpp"
#include "waivers.hpp"
#include "shown.hpp"
#include "writer.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {
namespace {

namespace fs = std::filesystem;

// Reports written a document at a time: each document's entries are
// rendered by the thread that checked it and appended, in path order, to
// the reports' temporary files (see report_stream.hpp); the reports
// themselves are written whole at the end. A document's index in the
// reports (SARIF's artifact index, JUnit's suite id) counts only the
// documents checked: after one that could not be, the entries are
// rendered again with the index it shifts them to.
class StreamedReports {
 public:
  // Each format with the context it is rendered in (colour for the terminal, or not).
  StreamedReports(const std::vector<const Writer*>& formats, const std::vector<const ReportContext*>& contexts,
                  std::size_t documents, const RunResult& head, PhaseTimes* times)
      : formats_(formats), contexts_(contexts), head_(head), times_(times), pending_(documents), docs_(documents), ready_(documents, 0) {
    for (std::size_t k = 0; k < formats_.size(); ++k) {
      const Writer* f = formats_[k];
      frames_.push_back(f->frame(head, documents, *contexts_[k]));
      streams_.push_back(std::make_unique<ReportStream>(frames_.back().indents.size()));
    }
  }

  // Document i, checked (any thread).
  void add(std::size_t i, DocumentResult r) {
    PhaseTimer render(times_, Phase::render);
    std::vector<ReportEntries> entries = render_all(r, i);
    render.stop();
    arrived(i, std::move(entries), std::make_unique<DocumentResult>(std::move(r)));
  }
  // Document i could not be checked: it is recorded in the reports' frames
  // (RunResult::errors), and the documents after it must not wait for it.
  void skip(std::size_t i) { arrived(i, {}, nullptr); }

  // Why the reports cannot be written (a temporary file failed), if they cannot.
  const std::optional<Error>& failure() const { return failure_; }

  // Format k's first per-document array goes to `direct` as documents
  // are checked, after the frame's head (sent now); write() then passes
  // the rest. For writers whose head does not change (fixed_head).
  void stream_first(std::size_t k, std::function<void(std::string_view)> direct) {
    streams_[k]->stream_first(frames_[k].parts[0], std::move(direct));
  }

  // Passes format k's whole report, for a run with these totals, to `sink`.
  void write(std::size_t k, const RunResult& totals, std::size_t documents, const PieceSink& sink) {
    streams_[k]->write(formats_[k]->frame(totals, documents, *contexts_[k]), sink);
  }

 private:
  std::vector<ReportEntries> render_all(const DocumentResult& r, std::size_t index) const {
    std::vector<ReportEntries> entries(formats_.size());
    for (std::size_t k = 0; k < formats_.size(); ++k) entries[k] = formats_[k]->entries(r, index, head_, *contexts_[k]);
    return entries;
  }

  void arrived(std::size_t i, std::vector<ReportEntries> entries, std::unique_ptr<DocumentResult> doc) {
    PhaseTimer write(times_, Phase::write);
    std::unique_lock<std::mutex> lock(mutex_);
    pending_[i] = std::move(entries);
    docs_[i] = std::move(doc);
    ready_[i] = 1;
    for (; next_ < ready_.size() && ready_[next_]; ++next_) {
      if (!docs_[next_]) {
        ++skipped_;
        continue;
      }
      try {
        if (skipped_ > 0) pending_[next_] = render_all(*docs_[next_], next_ - skipped_);
        queue_.push_back(std::move(pending_[next_]));
      } catch (const Error& e) {
        if (!failure_) failure_ = e;
      }
      pending_[next_] = {};
      docs_[next_].reset();
    }
    // One thread appends at a time, in document order, outside the lock;
    // another that finds it busy leaves its entries queued for it and goes
    // back to checking instead of waiting on the writes.
    if (appending_) return;
    appending_ = true;
    while (!queue_.empty() && !failure_) {
      std::vector<std::vector<ReportEntries>> batch;
      batch.swap(queue_);
      lock.unlock();
      std::optional<Error> failed;
      try {
        for (const auto& doc_entries : batch)
          for (std::size_t k = 0; k < doc_entries.size(); ++k)
            if (streams_[k]) streams_[k]->add(doc_entries[k], frames_[k]);
      } catch (const Error& e) {
        failed = e;  // the temporary file failed: the run will write nothing
      }
      lock.lock();
      if (failed && !failure_) failure_ = failed;
    }
    queue_.clear();
    appending_ = false;
  }

  std::vector<const Writer*> formats_;
  std::vector<const ReportContext*> contexts_;
  const RunResult& head_;
  PhaseTimes* times_;
  std::vector<ReportFrame> frames_;
  std::vector<std::unique_ptr<ReportStream>> streams_;
  std::mutex mutex_;
  std::vector<std::vector<ReportEntries>> pending_;  // rendered, not yet appended
  std::vector<std::unique_ptr<DocumentResult>> docs_;  // their documents, until appended (a pointer a file)
  std::vector<char> ready_;
  std::size_t next_ = 0;  // first document not yet appended
  std::size_t skipped_ = 0;  // documents before next_ that could not be checked
  std::vector<std::vector<ReportEntries>> queue_;  // in order, not yet appended
  bool appending_ = false;                          // a thread is appending the queue
  std::optional<Error> failure_;
};

void print_profile(const PhaseTimes& t, double wall, std::size_t documents, std::size_t bytes, unsigned threads,
                   const std::string& prefilter) {
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
  std::fprintf(stderr, "  prefilter: %s\n", prefilter.c_str());
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
  std::vector<std::string> inputs, format_args, output_args, formats, outputs;
  std::string report_dir, fail_on = "gap", color = "auto", root;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t max_size = LoadOptions{}.max_bytes;
  std::string shard, config_file, waivers_file;
  po::options_description desc(command + " options");
  add_rule_options(desc, ro);
  desc.add_options()
      ("path", po::value(&inputs)->composing(), "documents or folders to check (default: the paths listed in .wfof.yaml)")
      ("format,f", po::value(&format_args)->composing(), format_help().c_str())
      ("output,o", po::value(&output_args)->composing(), "output file for the --format just before it (default: stdout)")
      ("report-dir", po::value(&report_dir), "write every format into DIR (per-document Markdown too)")
      ("fail-on", po::value(&fail_on), "exit 1 when an item is at or above: gap|partial|never (default gap)")
      ("jobs,j", po::value(&jobs), "documents checked in parallel (default: cores available)")
      ("quiet,q", "no summary on stdout and no progress on stderr")
      ("color", po::value(&color), "auto|always|never (auto: only on a terminal, never with a non-empty NO_COLOR)")
      ("max-file-size", po::value(&max_size), "refuse documents larger than this many bytes (default 64 MiB)")
      ("shard", po::value(&shard), "K/N: check only the K-th of N shares of the documents (in path order, every N-th from the K-th); merge the JSON with 'wfof merge'")
      ("root", po::value(&root), "the folder SARIF artifact URIs are relative to (%SRCROOT%; default: the working directory)")
      ("config", po::value(&config_file), "the project configuration (default: the nearest .wfof.yaml from the working directory up)")
      ("no-config", "ignore any .wfof.yaml")
      ("waivers", po::value(&waivers_file), "YAML file of accepted gaps and partials, each with a reason, who accepted it and an expiry date")
      ("profile", "print to stderr the time spent per phase (read, structure, prefilter, rules, writing)");
  po::positional_options_description pos;
  pos.add("path", -1);
  po::variables_map vm;
  po::parsed_options parsed(&desc);
  const std::string usage = show_config_only
      ? "[PATH...] [check options]\n\nPrints what 'wfof check' with these options would use, and where each value came from.\n\n"
        "examples:\n  wfof config\n  wfof config --fail-on partial"
      : "[PATH...] [options]\n\nexamples:\n  wfof check fixtures/real\n  wfof check docs/ -f sarif -o r.sarif -f junit -o r.xml\n"
        "  wfof check docs/ -f text -f json=results.json\n  wfof check docs/ --report-dir reports\n"
        "  wfof check            (the paths listed in .wfof.yaml)\n\n" + formats_list();
  if (auto r = parse(command, usage, argc, argv, desc, &pos, vm, &parsed)) return *r;

  auto usage_error = [&](const std::string& m) {
    std::cerr << "wfof " << command << ": error: " << m << "\n";
    return kCannotCheck;
  };
  if (auto bad = formats_in_order(parsed, formats, outputs)) return usage_error(*bad);

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
  if (formats.empty()) {
    if (cfg && cfg->formats) {
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
  std::vector<const Writer*> writers_of;  // parallel to formats
  if (auto bad = resolve_writers(formats, writers_of)) return usage_error(*bad);
  if (fail_on != "gap" && fail_on != "partial" && fail_on != "never") {
    std::string m = "--fail-on must be gap, partial or never (got '" + fail_on + "')";
    if (auto near = nearest(fail_on, {"gap", "partial", "never"}); !near.empty()) m += "; did you mean '" + near + "'?";
    return usage_error(m);
  }
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
  if (formats.empty() && report_dir.empty()) formats.push_back("text"), outputs.push_back("-"), writers_of.push_back(find_writer("text"));
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
  ro.threads = jobs;
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
  // One evaluator per thread (each has its own prefilter scratch space),
  // all sharing the compiled patterns and their automata.
  std::vector<std::unique_ptr<Evaluator>> evaluators(n_threads);
  PhaseTimer planning(times, Phase::plan);
  evaluators[0] = std::make_unique<Evaluator>(loaded->checklist, loaded->rules);
  const Evaluator& evaluator = *evaluators.front();
  planning.stop();
  // A core the run leaves idle (a run of one file or a few: what a
  // pre-commit hook feels) builds the patterns while the documents are
  // read and checked, rather than each at its first search.
  std::jthread builder;
  if (n_threads < jobs) builder = std::jthread([&evaluator](std::stop_token stop) { evaluator.build_patterns(stop); });
  std::atomic<std::size_t> bytes_read{0};

  ReportContext ctx{evaluator.checklist(), evaluator.rules()};
  ctx.partial_fails = fail_on == "partial";
  set_report_time(ctx);
  // no-color.org: NO_COLOR set to a non-empty value turns colour off; empty is as unset.
  const char* no_color = std::getenv("NO_COLOR");
  const bool use_color = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) && !(no_color && *no_color));
  if (!root.empty()) {
    std::error_code ec;
    ctx.root = fs::absolute(root, ec).lexically_normal().string();
  }
  const bool timed = !(sde && *sde);  // JUnit times: none when reproducible

  RunResult head;  // the run without its documents
  head.tool_version = kVersion;
  head.checklist_id = evaluator.checklist().id;
  head.checklist_title = evaluator.checklist().title;
  head.uncovered_items = evaluator.uncovered_items();

  // Every format is written a document at a time: each document's piece
  // of each report is rendered as soon as it is checked and waits in a
  // temporary file, and its results are dropped, so memory is bounded by a
  // few documents (plus, for the Markdown summary, each
  // document's verdicts), not by the corpus.
  struct Target {
    const Writer* writer;
    std::string path;  // "-": stdout
  };
  std::vector<Target> targets;
  // --quiet drops a text report bound for stdout; colour only when the text
  // goes to the terminal, never into a file.
  bool text_color = use_color;
  for (std::size_t k = 0; k < formats.size(); ++k) {
    if (formats[k] == "text") text_color = text_color && goes_to_stdout(k);
    if (quiet && goes_to_stdout(k) && formats[k] == "text") continue;
    targets.push_back({writers_of[k], goes_to_stdout(k) ? std::string("-") : outputs[k]});
  }
  const std::size_t asked = targets.size();  // the rest are --report-dir's
  // --report-dir: every format with a file there, and each document's own
  // report (per-document writers), named so that none overwrites another.
  std::vector<std::pair<const Writer*, std::vector<std::string>>> per_document;  // names parallel to files
  if (!report_dir.empty()) {
    std::error_code ec;
    fs::create_directories(report_dir, ec);
    if (ec || !fs::is_directory(report_dir))
      throw Error(Diagnostic{report_dir, 0, 0, "cannot create report folder: " + (ec ? ec.message() : "not a folder"), Code::E036});
    for (const Writer* w : writers()) {
      if (w->per_document()) per_document.emplace_back(w, report_names(files, std::string(w->info().extension)));
      if (!w->info().report_file.empty()) targets.push_back({w, (fs::path(report_dir) / std::string(w->info().report_file)).string()});
    }
  }
  // The summary links each document's own report (the first per-document
  // format's), by path: its rows are rendered as documents are checked.
  if (!per_document.empty())
    for (std::size_t i = 0; i < files.size(); ++i) ctx.document_reports.emplace(files[i], per_document.front().second[i]);
  ctx.color = text_color;
  ReportContext plain = ctx;  // for files in --report-dir: never coloured
  plain.color = false;
  std::vector<const Writer*> streamed_writers;
  std::vector<const ReportContext*> contexts;
  bool summaries_needed = false;  // a frame reads each document's verdicts
  for (std::size_t t = 0; t < targets.size(); ++t) {
    streamed_writers.push_back(targets[t].writer);
    contexts.push_back(t < asked ? &ctx : &plain);
    const auto name = targets[t].writer->info().name;
    summaries_needed = summaries_needed || name == "markdown";
  }
  StreamedReports streamed(streamed_writers, contexts, files.size(), head, times);
  // A report file whose head is fixed (the results JSON) is written as the
  // run goes, into an unnamed file named at the end: written once, not
  // first to a temporary file and then copied.
  std::vector<std::unique_ptr<PendingFile>> pending(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t)
    if (targets[t].path != "-" && targets[t].writer->info().fixed_head)
      if ((pending[t] = PendingFile::open(targets[t].path)))
        streamed.stream_first(t, [file = pending[t].get()](std::string_view piece) { file->write(piece); });
  std::vector<std::unique_ptr<DocumentResult>> summaries(files.size());  // a pointer a file: most runs keep none
  SpillFile spill;  // each document's own reports, until the end
  std::vector<std::vector<SpillFile::Piece>> own_reports(files.size());
  std::vector<VerdictCounts> counts(files.size());
  std::vector<VerdictCounts> failing(files.size());  // what counts for --fail-on: all but the waived
  std::vector<VerdictCounts> waived_counts(files.size());
  std::vector<double> seconds(files.size());

  // Check in parallel; results land in path order whatever the scheduling.
  std::vector<std::optional<Error>> errors(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  const bool progress = !quiet && files.size() >= 20 && ::isatty(STDERR_FILENO);
  std::mutex progress_mutex;
  LoadOptions lo;
  lo.max_bytes = max_size;
  auto worker = [&](const Evaluator& ev) {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      try {
        const std::int64_t t_start = now_ns();
        PhaseTimer read(times, Phase::read);
        Document doc = Document::load(files[i], lo);
        read.stop();
        PhaseTimer reading(times, Phase::structure);
        const Structure structure = read_structure(doc, ev.checklist().profiles);
        reading.stop();
        DocumentResult r = ev.check(doc, structure, times);
        PhaseTimer capturing(times, Phase::render);
        // What reading the file found (content not matching its name)
        // comes first; a PDF's digest is the file's, not its text's, so
        // reports can tell whether the file changed since.
        r.warnings.insert(r.warnings.begin(), doc.input_warnings().begin(), doc.input_warnings().end());
        if (!doc.file_sha256().empty()) r.sha256 = doc.file_sha256();
        if (waivers) waivers->apply(r);
        // What the reports show of it, so they need never read it again.
        capture_shown(r, doc);
        capturing.stop();
        if (timed) r.seconds = (now_ns() - t_start) / 1e9;
        if (times) bytes_read += doc.original().size();
        counts[i] = r.summary;
        seconds[i] = r.seconds;
        for (const auto& item : r.items)
          if (!item.waived()) failing[i].add(item.verdict);
          else waived_counts[i].add(item.verdict);
        if (summaries_needed) summaries[i] = std::make_unique<DocumentResult>(summary_of(r));
        for (const auto& [w, names] : per_document) own_reports[i].push_back(spill.put(w->write_document(head, r, plain)));
        streamed.add(i, std::move(r));
      } catch (const Error& e) {
        errors[i] = e;
        streamed.skip(i);
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
      // Only reads the first evaluator, as every thread does.
      PhaseTimer compile(times, Phase::plan);
      evaluators[t] = evaluator.for_another_thread();
      compile.stop();
      worker(*evaluators[t]);
    });
  worker(evaluator);
  for (auto& t : pool) t.join();
  builder.request_stop();  // what it has not built, no document needs
  if (progress) std::cerr << "\n";

  // A document that could not be read does not hide the others: it is
  // printed here, recorded in every report, and the exit code is 2.
  bool unreadable = false;
  for (std::size_t i = 0; i < errors.size(); ++i)
    if (errors[i]) {
      print_error(*errors[i]);
      unreadable = true;
      for (const auto& d : errors[i]->diagnostics())
        head.errors.push_back(DocumentError{d.path.empty() ? files[i] : d.path, d.line, d.col, d.message,
                                            std::string(code_info(d.code).id)});
    }
  if (streamed.failure()) {
    print_error(*streamed.failure());
    std::cerr << "wfof check: no reports written: a temporary file failed\n";
    return kCannotCheck;
  }
  std::size_t checked = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (errors[i]) continue;
    ++checked;
    head.summary.pass += counts[i].pass;
    head.summary.partial += counts[i].partial;
    head.summary.gap += counts[i].gap;
    head.waived.pass += waived_counts[i].pass;
    head.waived.partial += waived_counts[i].partial;
    head.waived.gap += waived_counts[i].gap;
    head.seconds += seconds[i];
  }
  VerdictCounts unwaived;
  for (const auto& c : failing) {
    unwaived.partial += c.partial;
    unwaived.gap += c.gap;
  }
  if (waivers)
    for (const auto& w : waivers->warnings()) std::cerr << w << "\n";
  int exit_code = kOk;
  if (fail_on != "never" && (unwaived.gap > 0 || (fail_on == "partial" && unwaived.partial > 0))) exit_code = kFindings;
  if (unreadable) exit_code = kCannotCheck;

  auto report_profile = [&] {
    if (times) print_profile(*times, (now_ns() - started) / 1e9, files.size(), bytes_read, n_threads, evaluator.prefilter());
  };
  // The Markdown summary's frame reads each document's item verdicts.
  head.documents.reserve(static_cast<std::size_t>(std::count_if(summaries.begin(), summaries.end(), [](const auto& s) { return s != nullptr; })));
  for (auto& s : summaries)
    if (s) head.documents.push_back(std::move(*s)), s.reset();
  std::vector<std::pair<std::string, SpillFile::Piece>> own_files;
  for (std::size_t p = 0; p < per_document.size(); ++p)
    for (std::size_t i = 0; i < files.size(); ++i)
      if (!errors[i]) own_files.emplace_back((fs::path(report_dir) / per_document[p].second[i]).string(), own_reports[i][p]);
  PhaseTimer writing(times, Phase::write);
  for (const auto& [path, piece] : own_files) write_file_atomic(path, spill.get(piece));
  for (std::size_t t = 0; t < targets.size(); ++t) {
    auto produce = [&](const PieceSink& sink) { streamed.write(t, head, checked, sink); };
    if (targets[t].path == "-") {
      produce([](std::string_view piece) { std::cout << piece; });
    } else if (pending[t]) {
      produce([&](std::string_view piece) { pending[t]->write(piece); });
      pending[t]->commit();
    } else {
      write_file_atomic(targets[t].path, produce);
    }
  }
  std::cout << std::flush;
  writing.stop();
  if (!report_dir.empty() && !quiet)
    std::cerr << "wrote " << own_files.size() + targets.size() - asked << " report files to " << report_dir << "\n";
  report_profile();
  return exit_code;
}

}  // namespace wfof::cli
