// .wfof.yaml: discovery, validation, and `wfof config`.
#include "config.hpp"
#include "writer.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "commands.hpp"
#include "common.hpp"
#include "yaml_duplicates.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {
namespace {

namespace fs = std::filesystem;


std::optional<std::string> chosen_file;
bool no_config = false;
bool loaded = false;
std::optional<ProjectConfig> config;

std::string where(const YamlReader& r, const yaml::Node& n) {
  auto p = r.pos(n);
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
}

// The nearest .wfof.yaml from the working directory upwards.
std::optional<fs::path> discover() {
  std::error_code ec, missing;
  for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    fs::path candidate = dir / kConfigName;
    if (fs::is_regular_file(candidate, missing)) return candidate;
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

// A path written in the config (relative to its folder), as seen from the
// working directory.
std::string from_config_dir(const fs::path& dir, const std::string& p) {
  if (p == "-") return p;
  if (fs::path(p).is_absolute()) return fs::path(p).lexically_normal().string();
  fs::path full = dir / p;
  std::error_code ec;
  fs::path rel = fs::relative(full, fs::current_path(), ec);
  return (ec || rel.empty() ? full.lexically_normal() : rel).string();
}

ProjectConfig read_config(const std::string& file) {
  YamlReader r(file);
  ProjectConfig c;
  c.path = file;
  const fs::path dir = fs::path(file).parent_path();
  const yaml::Node& root = r.root();
  if (root.IsNull()) return c;  // an empty config: every default
  if (!r.is_map(root, "the config file")) throw Error(r.diagnostics());
  r.check_keys(root, {"paths", "rules", "checklist", "fail-on", "formats", "report-dir", "waivers"}, "the config file");
  auto list_of_paths = [&](const char* key) -> std::optional<Configured<std::vector<std::string>>> {
    const yaml::Node n = root[key];
    if (!n) return std::nullopt;
    Configured<std::vector<std::string>> out{{}, where(r, n)};
    for (const auto& p : r.string_list(n, std::string("'") + key + "'")) out.value.push_back(from_config_dir(dir, p));
    if (out.value.empty() && (n.IsScalar() || n.IsSequence())) r.error(Code::E015, n, std::string("'") + key + "' is empty; give a path or leave the key out");
    return out;
  };
  auto text = [&](const char* key) -> std::optional<Configured<std::string>> {
    const yaml::Node n = root[key];
    if (!n) return std::nullopt;
    auto v = r.scalar(n, std::string("'") + key + "'");
    if (!v) return std::nullopt;
    if (v->empty()) r.error(Code::E015, n, std::string("'") + key + "' is empty");
    return Configured<std::string>{*v, where(r, n)};
  };
  c.paths = list_of_paths("paths");
  c.rules = list_of_paths("rules");
  c.checklist = text("checklist");
  if (c.checklist) c.checklist->value = from_config_dir(dir, c.checklist->value);
  c.report_dir = text("report-dir");
  if (c.report_dir) c.report_dir->value = from_config_dir(dir, c.report_dir->value);
  c.waivers = text("waivers");
  if (c.waivers) c.waivers->value = from_config_dir(dir, c.waivers->value);
  c.fail_on = text("fail-on");
  if (c.fail_on && c.fail_on->value != "gap" && c.fail_on->value != "partial" && c.fail_on->value != "never") {
    auto near = nearest(c.fail_on->value, {"gap", "partial", "never"});
    r.error(Code::E015, root["fail-on"], "'fail-on' must be gap, partial or never, not '" + c.fail_on->value + "'",
            near.empty() ? std::string() : "did you mean '" + near + "'?");
  }
  if (const yaml::Node n = root["formats"]) {
    // - text            (to stdout)
    // - json: r.json    (to a file, relative to the config's folder)
    Configured<std::vector<std::pair<std::string, std::string>>> f{{}, where(r, n)};
    auto known = [&](const yaml::Node& at, const std::string& name) {
      if (find_writer(name)) return true;
      auto near = nearest(name, writer_name_list());
      r.error(Code::E015, at, "unknown format '" + name + "' (" + writer_names() + ")",
              near.empty() ? std::string() : "did you mean '" + near + "'?");
      return false;
    };
    if (!n.IsSequence()) {
      r.error(Code::E013, n, "'formats' must be a list of formats (text) or format: output file pairs (json: results.json)");
    } else {
      for (const auto& e : n) {
        if (e.IsScalar()) {
          if (known(e, e.Scalar())) f.value.emplace_back(e.Scalar(), "-");
        } else if (e.IsMap() && e.size() == 1) {
          const auto kv = *e.begin();
          auto out = r.scalar(kv.second, "the output of format '" + kv.first.Scalar() + "'");
          if (known(kv.first, kv.first.Scalar()) && out) f.value.emplace_back(kv.first.Scalar(), from_config_dir(dir, *out));
        } else {
          r.error(Code::E013, e, "a format is a name (text) or one format: output file pair (json: results.json)");
        }
      }
      if (std::count_if(f.value.begin(), f.value.end(), [](const auto& p) { return p.second == "-"; }) > 1)
        r.error(Code::E015, n, "only one format can go to stdout; give the others an output file (json: results.json)");
    }
    c.formats = f;
  }
  if (!r.diagnostics().empty()) {
    auto ds = r.diagnostics();
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.line, a.col) < std::pair(b.line, b.col);
    });
    throw Error(ds);
  }
  return c;
}

}  // namespace

void choose_config(std::optional<std::string> file, bool none) {
  chosen_file = std::move(file);
  no_config = none;
  loaded = false;
  config.reset();
}

const ProjectConfig* project_config() {
  if (!loaded) {
    loaded = true;
    std::optional<std::string> file = chosen_file;
    if (!file && !no_config)
      if (auto found = discover()) {
        std::error_code ec;
        fs::path rel = fs::relative(*found, fs::current_path(), ec);
        file = (ec || rel.empty() ? *found : rel).string();
      }
    if (file && !no_config) config = read_config(*file);
  }
  return config ? &*config : nullptr;
}

// wfof config [check options]: what `wfof check` with the same options
// would use, and where each value came from. It is check's own option
// parsing and resolution, stopped before any document is read.
int cmd_config(int argc, char** argv, const char* argv0) {
  show_config_only = true;
  std::string name = "config";
  std::vector<char*> args(argv, argv + argc);
  args[0] = name.data();
  return cmd_check(argc, args.data(), argv0);
}

}  // namespace wfof::cli
