// wfof check: evaluate documents, print a summary, write reports.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "atomic_file.hpp"
#include "common.hpp"
#include "document.hpp"
#include "evaluator.hpp"
#include "loader.hpp"
#include "version.hpp"
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

}  // namespace

int cmd_check(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::vector<std::string> inputs, formats, outputs;
  std::string report_dir, fail_on = "gap", color = "auto";
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t max_size = LoadOptions{}.max_bytes;
  po::options_description desc("check options");
  add_rule_options(desc, ro);
  desc.add_options()
      ("path", po::value(&inputs)->composing(), "documents or folders to check (default: .)")
      ("format,f", po::value(&formats)->composing(), "text|json|markdown|html|sarif|junit|github (repeatable; default text)")
      ("output,o", po::value(&outputs)->composing(), "output file for the format in the same position (default: stdout)")
      ("report-dir", po::value(&report_dir), "write every format into DIR (per-document Markdown too)")
      ("fail-on", po::value(&fail_on), "exit 1 when an item is at or below: gap|partial|never (default gap)")
      ("jobs,j", po::value(&jobs), "documents checked in parallel (default: cores available)")
      ("quiet,q", "no summary on stdout and no progress on stderr")
      ("color", po::value(&color), "auto|always|never (auto: only on a terminal, never with NO_COLOR)")
      ("max-file-size", po::value(&max_size), "refuse documents larger than this many bytes (default 64 MiB)");
  po::positional_options_description pos;
  pos.add("path", -1);
  po::variables_map vm;
  if (auto r = parse("check", "[PATH...] [options]", argc, argv, desc, &pos, vm)) return *r;

  auto usage_error = [](const std::string& m) {
    std::cerr << "wfof check: error: " << m << "\n";
    return kCannotCheck;
  };
  for (const auto& f : formats)
    if (std::find(kFormats.begin(), kFormats.end(), f) == kFormats.end())
      return usage_error("unknown format '" + f + "' (text, json, markdown, html, sarif, junit, github)");
  if (outputs.size() > formats.size()) return usage_error("more --output than --format options");
  if (fail_on != "gap" && fail_on != "partial" && fail_on != "never")
    return usage_error("--fail-on must be gap, partial or never");
  if (color != "auto" && color != "always" && color != "never") return usage_error("--color must be auto, always or never");
  if (jobs == 0) return usage_error("--jobs must be at least 1");
  const bool quiet = vm.count("quiet") > 0;
  if (formats.empty() && report_dir.empty()) formats.push_back("text");
  {
    int to_stdout = 0;
    for (std::size_t i = 0; i < formats.size(); ++i) to_stdout += i >= outputs.size() || outputs[i] == "-";
    if (to_stdout > 1) return usage_error("only one format can go to stdout; give --output for the others");
  }
  if (inputs.empty()) inputs.push_back(".");

  resolve_defaults(ro, argv0);
  auto loaded = load(ro);
  if (!loaded) return kCannotCheck;
  std::vector<std::string> files = collect_documents(inputs);
  unsigned n_threads = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, files.size())));
  // One evaluator per thread, each with its own compiled patterns. The
  // other threads build theirs when they start (a large rule set takes a
  // while to compile) while this one is already checking.
  std::vector<std::unique_ptr<Evaluator>> evaluators(n_threads);
  evaluators[0] = std::make_unique<Evaluator>(loaded->checklist, loaded->rules);
  const Evaluator& evaluator = *evaluators.front();

  ReportContext ctx{evaluator.checklist(), evaluator.rules()};
  ctx.partial_fails = fail_on == "partial";
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    ctx.timestamp = std::atoll(sde);
    ctx.hostname = "localhost";
  } else {
    ctx.timestamp = static_cast<long long>(std::time(nullptr));
    char host[256] = {0};
    if (::gethostname(host, sizeof host - 1) == 0 && host[0]) ctx.hostname = host;
  }
  const bool use_color = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));

  // Only text output (or none) needs no document's results once its
  // block is rendered: then each result is dropped as soon as it is made,
  // so memory is bounded by one document per thread, not by the corpus.
  const bool text_only = report_dir.empty() && outputs.empty() &&
                         std::all_of(formats.begin(), formats.end(), [](const std::string& f) { return f == "text"; });
  const bool print_text = !formats.empty() && !quiet;
  std::vector<std::string> text_blocks(text_only && print_text ? files.size() : 0);
  std::vector<VerdictCounts> counts(files.size());

  // Check in parallel; results land in path order whatever the scheduling.
  std::vector<std::optional<DocumentResult>> results(files.size());
  std::vector<std::optional<Error>> errors(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  const bool progress = !quiet && files.size() >= 20 && ::isatty(STDERR_FILENO);
  std::mutex progress_mutex;
  LoadOptions lo;
  lo.max_bytes = max_size;
  auto worker = [&](const Evaluator& ev) {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      try {
        Document doc = Document::load(files[i], lo);
        DocumentResult r = ev.check(doc);
        counts[i] = r.summary;
        if (!text_only) results[i] = std::move(r);
        else if (print_text) text_blocks[i] = write_text_document(r, ctx, use_color);
      } catch (const Error& e) {
        errors[i] = e;
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
      evaluators[t] = std::make_unique<Evaluator>(with_own_patterns(loaded->checklist), with_own_patterns(loaded->rules));
      worker(*evaluators[t]);
    });
  worker(evaluator);
  for (auto& t : pool) t.join();
  if (progress) std::cerr << "\n";

  bool failed = false;
  for (const auto& e : errors)
    if (e) { print_error(*e); failed = true; }
  if (failed) {
    std::cerr << "wfof check: no reports written: some documents could not be checked\n";
    return kCannotCheck;
  }

  if (text_only) {
    VerdictCounts total;
    for (const auto& c : counts) {
      total.pass += c.pass;
      total.partial += c.partial;
      total.gap += c.gap;
    }
    if (print_text) {
      for (const auto& b : text_blocks) std::cout << b;
      std::cout << write_text_summary(files.size(), total, evaluator.uncovered_items().size()) << std::flush;
    }
    if (fail_on == "never") return kOk;
    return total.gap > 0 || (fail_on == "partial" && total.partial > 0) ? kFindings : kOk;
  }

  RunResult run;
  run.tool_version = kVersion;
  run.checklist_id = evaluator.checklist().id;
  run.checklist_title = evaluator.checklist().title;
  run.uncovered_items = evaluator.uncovered_items();
  for (auto& r : results) {
    for (const auto& item : r->items) run.summary.add(item.verdict);
    run.documents.push_back(std::move(*r));
  }

  // Render everything first, then write: a failure to render never leaves
  // some reports new and others old.
  std::vector<std::pair<std::string, std::string>> files_out;  // path, content
  std::string to_stdout;
  if (!report_dir.empty()) {
    std::error_code ec;
    fs::create_directories(report_dir, ec);
    if (ec || !fs::is_directory(report_dir))
      throw Error(Diagnostic{report_dir, 0, 0, "cannot create report folder: " + (ec ? ec.message() : "not a folder")});
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
    const bool stdout_ = i >= outputs.size() || outputs[i] == "-";
    if (stdout_ && quiet && formats[i] == "text") continue;  // --quiet: no summary
    std::string content = render(formats[i], run, ctx, use_color && stdout_);
    if (stdout_) to_stdout = std::move(content);
    else files_out.emplace_back(outputs[i], std::move(content));
  }
  for (const auto& [path, content] : files_out) write_file_atomic(path, content);
  std::cout << to_stdout << std::flush;
  if (!report_dir.empty() && !quiet && to_stdout.empty())
    std::cerr << "wrote " << files_out.size() << " report files to " << report_dir << "\n";

  if (fail_on == "never") return kOk;
  for (const auto& d : run.documents)
    for (const auto& item : d.items)
      if (item.verdict == Verdict::gap || (fail_on == "partial" && item.verdict == Verdict::partial)) return kFindings;
  return kOk;
}

}  // namespace wfof::cli
