#include "formats.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

#include "error.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

// Compared without case (a case-insensitive file system): no report
// overwrites another.
std::vector<std::string> report_names(const std::vector<std::string>& paths, const std::string& extension) {
  std::set<std::string> taken;
  for (const Writer* w : writers())
    if (!w->info().report_file.empty()) taken.insert(lower(std::string(w->info().report_file)));
  // A name with its nearest k folder names before it: "a-force".
  auto with_folders = [](const std::string& path, std::size_t k) {
    fs::path p(path);
    std::vector<std::string> parts;
    for (const auto& part : p.parent_path()) {
      std::string s = part.string();
      if (s != "." && s != ".." && s != "/" && !s.empty()) parts.push_back(s);
    }
    std::string name = p.stem().string();
    for (std::size_t i = 0; i < k && i < parts.size(); ++i) name = parts[parts.size() - 1 - i] + "-" + name;
    return name;
  };
  // Documents by stem: only those sharing one need folder names.
  std::map<std::string, std::vector<std::size_t>> by_stem;
  for (std::size_t i = 0; i < paths.size(); ++i) by_stem[lower(fs::path(paths[i]).stem().string())].push_back(i);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const auto& group = by_stem[lower(fs::path(paths[i]).stem().string())];
    // As few folder names as tell it from the others with its stem.
    std::string name;
    for (std::size_t k = 0; k < 64; ++k) {
      name = with_folders(paths[i], k);
      bool clash = false;
      for (std::size_t j : group) clash = clash || (j != i && lower(with_folders(paths[j], k)) == lower(name));
      if (!clash) break;
    }
    std::string unique = name;
    for (int n = 2; taken.count(lower(unique + extension)); ++n) unique = name + "-" + std::to_string(n);
    taken.insert(lower(unique + extension));
    names.push_back(unique + extension);
  }
  return names;
}

// The formats asked for, each with its output ("-": stdout), from the
// options in the order given: an --output belongs to the --format just
// before it, and `-f json=PATH` says both at once. An --output before any
// --format is for the default format (text). Returns a usage error.
std::optional<std::string> formats_in_order(const po::parsed_options& parsed, std::vector<std::string>& formats,
                                            std::vector<std::string>& outputs) {
  std::optional<std::string> loose_output;  // an --output before any --format
  for (const auto& o : parsed.options) {
    if (o.value.empty()) continue;
    const std::string& v = o.value.front();
    if (o.string_key == "format") {
      const std::size_t eq = v.find('=');
      formats.push_back(v.substr(0, eq));
      outputs.push_back(eq == std::string::npos ? "-" : v.substr(eq + 1));
      if (eq != std::string::npos && outputs.back().empty()) return "'-f " + v + "' names no output file after '='";
      if (loose_output) return "an --output (" + *loose_output + ") must follow the --format it is for";
    } else if (o.string_key == "output") {
      if (formats.empty()) {
        if (loose_output) return "two --output options for one format (" + *loose_output + ", " + v + ")";
        loose_output = v;
      } else if (outputs.back() != "-") {
        return "two outputs for --format " + formats.back() + " (" + outputs.back() + ", " + v +
               "): give each --format its own --output after it";
      } else {
        outputs.back() = v;
      }
    }
  }
  if (loose_output) formats.push_back("text"), outputs.push_back(*loose_output);
  return std::nullopt;
}

std::string format_help() {
  return writer_names("|") + ", or FORMAT=FILE (any case; repeatable; default text); see formats: above";
}

std::string formats_list() {
  std::string out = "formats (-f NAME, -f NAME=FILE or -f NAME -o FILE):\n";
  for (const Writer* w : writers()) {
    std::string name(w->info().name);
    name.resize(10, ' ');
    out += "  " + name + std::string(w->info().description) + "\n";
  }
  return out;
}

std::optional<std::string> resolve_writers(std::vector<std::string>& formats, std::vector<const Writer*>& out) {
  for (auto& f : formats) {
    const Writer* w = find_writer(f);
    if (!w) {
      std::string m = "unknown format '" + f + "' (" + writer_names() + ")";
      if (auto near = nearest(lower(f), writer_name_list()); !near.empty()) m += "; did you mean '" + near + "'?";
      return m;
    }
    f = std::string(w->info().name);
    out.push_back(w);
  }
  return std::nullopt;
}

void set_report_time(ReportContext& ctx) {
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  ctx.timestamp = sde && *sde ? std::atoll(sde) : static_cast<long long>(std::time(nullptr));
  if (sde && *sde) {
    ctx.hostname = "localhost";
  } else {
    char host[256] = {0};
    if (::gethostname(host, sizeof host - 1) == 0 && host[0]) ctx.hostname = host;
  }
}

void report_dir_files(const RunResult& run, const ReportContext& ctx, const std::string& dir_name,
                      std::vector<std::pair<std::string, std::string>>& out) {
  std::error_code ec;
  fs::create_directories(dir_name, ec);
  if (ec || !fs::is_directory(dir_name))
    throw Error(Diagnostic{dir_name, 0, 0, "cannot create report folder: " + (ec ? ec.message() : "not a folder"), Code::E036});
  fs::path dir(dir_name);
  ReportContext plain = ctx;
  plain.color = false;
  // Named as check names them: among every document of the run, the ones
  // that could not be read too.
  std::vector<std::string> paths;
  for (const auto& d : run.documents) paths.push_back(d.path);
  for (const auto& e : run.errors) paths.push_back(e.path);
  std::sort(paths.begin(), paths.end());
  bool linked = false;
  for (const Writer* w : writers()) {
    if (!w->per_document()) continue;
    const std::vector<std::string> names = report_names(paths, std::string(w->info().extension));
    std::vector<std::string> mine;
    for (const auto& d : run.documents)
      mine.push_back(names[static_cast<std::size_t>(std::lower_bound(paths.begin(), paths.end(), d.path) - paths.begin())]);
    if (!linked) {
      for (std::size_t i = 0; i < run.documents.size(); ++i) plain.document_reports.emplace(run.documents[i].path, mine[i]);
      linked = true;
    }
    for (std::size_t i = 0; i < run.documents.size(); ++i)
      out.emplace_back((dir / mine[i]).string(), w->write_document(run, run.documents[i], plain));
  }
  for (const Writer* w : writers())
    if (!w->info().report_file.empty()) out.emplace_back((dir / std::string(w->info().report_file)).string(), w->write(run, plain));
}

}  // namespace wfof::cli
