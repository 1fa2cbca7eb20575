#include "common.hpp"

#include <algorithm>
#include <filesystem>
#include <fnmatch.h>
#include <fstream>
#include <set>
#include <unistd.h>

#include "config.hpp"
#include "loader.hpp"
#include "yaml_reader.hpp"

namespace wfof::cli {

namespace fs = std::filesystem;

void add_rule_options(po::options_description& desc, RuleOptions& o) {
  desc.add_options()
      ("rules", po::value(&o.rules)->composing(), "rule file or folder (repeatable; default: rules/)")
      ("checklist", po::value(&o.checklist), "checklist file (default: checklists/wfof-2011.yaml)");
}

void resolve_defaults(RuleOptions& o, const char* argv0) {
  if (!o.rules.empty()) o.rules_from = "command line";
  if (!o.checklist.empty()) o.checklist_from = "command line";
  if (const ProjectConfig* c = project_config()) {
    if (o.rules.empty() && c->rules) {
      o.rules = c->rules->value;
      o.rules_from = c->rules->where;
    }
    if (o.checklist.empty() && c->checklist) {
      o.checklist = c->checklist->value;
      o.checklist_from = c->checklist->where;
    }
  }
  std::vector<std::pair<fs::path, const char*>> bases = {{fs::current_path(), "default: the working directory"}};
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  bases.emplace_back(exe.parent_path().parent_path() / "share" / "wfof", "default: the installed data directory");
  bases.emplace_back(exe.parent_path().parent_path(), "default: the source tree of this build");  // running from build/
  auto find = [&](const fs::path& rel, std::string& from) -> std::string {
    for (const auto& [b, what] : bases)
      if (fs::exists(b / rel, ec)) {
        from = what;
        return fs::relative(b / rel, fs::current_path(), ec).string();
      }
    from = "default (found nowhere)";
    return rel.string();
  };
  if (o.rules.empty()) o.rules.push_back(find("rules", o.rules_from));
  if (o.checklist.empty()) o.checklist = find(fs::path("checklists") / "wfof-2011.yaml", o.checklist_from);
}

DescribeHook describe_hook = nullptr;

void print_error(const Error& e) {
  for (const auto& d : e.diagnostics()) std::cerr << d.str() << "\n";
}

std::optional<Loaded> load(const RuleOptions& o) {
  try {
    std::vector<Diagnostic> warnings;
    RuleSet set = load_rule_set(o.checklist, o.rules, o.threads, &warnings);
    for (const auto& w : warnings) std::cerr << w.str() << "\n";
    return Loaded{std::move(set.checklist), std::move(set.rules)};
  } catch (const Error& e) {
    print_error(e);
    return std::nullopt;
  }
}

namespace {

// "--formt": the nearest option name of `desc` ("--format"), if one is near.
std::string nearest_option(const std::string& typed, const po::options_description& desc) {
  std::vector<std::string> names;
  for (const auto& o : desc.options()) names.push_back("--" + o->long_name());
  std::vector<std::string_view> views(names.begin(), names.end());
  return nearest(typed, views);
}

// A positional argument's name as --help shows it ("FILE"), if `name` is one.
std::optional<std::string> positional_name(const std::string& option, const po::positional_options_description* pos) {
  if (!pos) return std::nullopt;
  const std::string name = option.starts_with("--") ? option.substr(2) : option;
  for (unsigned i = 0; i < pos->max_total_count() && i < 8; ++i)
    if (pos->name_for_position(i) == name) {
      std::string upper = name;
      std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      return upper;
    }
  return std::nullopt;
}

}  // namespace

std::optional<int> parse(const std::string& command, const std::string& usage, int argc, char** argv,
                         po::options_description& desc, po::positional_options_description* pos,
                         po::variables_map& vm, po::parsed_options* parsed) {
  desc.add_options()("help,h", "show this help");
  if (describe_hook) {
    describe_hook(command, usage, desc, pos);
    return kOk;
  }
  auto fail = [&](const std::string& message) {
    std::cerr << "wfof " << command << ": error: " << message << "\n"
              << "run 'wfof " << command << " --help' for usage\n";
    return kCannotCheck;
  };
  try {
    // No prefix guessing: `--form` is an error, not `--format` (a prefix
    // that works today breaks when an option is added).
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    auto parser = po::command_line_parser(argc, argv).options(desc).style(style);
    if (pos) parser.positional(*pos);
    po::parsed_options result = parser.run();
    po::store(result, vm);
    if (parsed) *parsed = std::move(result);
    if (vm.count("help")) {
      std::cout << "usage: wfof " << command << " " << usage << "\n\n" << desc << "\n";
      return kOk;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::string message = "unknown option '" + e.get_option_name() + "'";
    if (auto near = nearest_option(e.get_option_name(), desc); !near.empty()) message += "; did you mean '" + near + "'?";
    return fail(message);
  } catch (const po::required_option& e) {
    // A positional argument is not an option the user could have typed.
    if (auto name = positional_name(e.get_option_name(), pos)) return fail("missing the " + *name + " argument");
    return fail(e.what());
  } catch (const po::error_with_option_name& e) {
    // Name the option as it was typed ("-f"), not by its long name.
    std::string message = e.what();
    const std::string canonical = e.get_option_name();
    if (canonical.starts_with("--"))
      if (const auto* o = desc.find_nothrow(canonical.substr(2), false)) {
        const std::string shortname = o->canonical_display_name(po::command_line_style::allow_dash_for_short);
        bool typed_short = false;
        for (int i = 1; i < argc && shortname.size() == 2; ++i)
          typed_short = typed_short || (std::string_view(argv[i]).starts_with(shortname) && !std::string_view(argv[i]).starts_with("--"));
        if (typed_short)
          if (auto at = message.find("'" + canonical + "'"); at != std::string::npos) message.replace(at + 1, canonical.size(), shortname);
      }
    return fail(message);
  } catch (const po::error& e) {
    return fail(e.what());
  }
  return std::nullopt;
}

namespace {

bool is_document(const fs::path& p) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Releases as published too: web pages and PDFs (read by content, so a
  // build without their library says so rather than skipping them).
  return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" || ext == ".pdf";
}

// What a folder's .gitignore and .wfofignore exclude from a walk, as
// ripgrep reads them: one glob per line (# comments, blank lines skipped);
// a glob with no '/' but a trailing one matches a name at any depth below
// the folder; one with a '/' inside or in front matches the path relative
// to the folder; a trailing '/' matches folders only; '!' re-includes what
// an earlier line excluded. Files named on the command line are always
// checked.
struct IgnoreRule {
  fs::path base;      // the folder whose file holds it
  std::string glob;
  bool anchored = false, dir_only = false, negated = false;
};

std::vector<IgnoreRule> ignore_rules_in(const fs::path& dir) {
  std::vector<IgnoreRule> out;
  for (const char* name : {".gitignore", ".wfofignore"}) {
    std::ifstream in(dir / name);
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      IgnoreRule r{dir, line};
      if (r.glob[0] == '!') r.negated = true, r.glob.erase(0, 1);
      if (!r.glob.empty() && r.glob.back() == '/') r.dir_only = true, r.glob.pop_back();
      if (r.glob.starts_with("**/")) r.glob.erase(0, 3);
      else if (r.glob.find('/') != std::string::npos) r.anchored = true;
      if (!r.glob.empty() && r.glob[0] == '/') r.glob.erase(0, 1);
      if (!r.glob.empty()) out.push_back(std::move(r));
    }
  }
  return out;
}

bool ignored(const std::vector<IgnoreRule>& rules, const fs::path& p, bool is_dir) {
  bool out = false;
  const std::string name = p.filename().string();
  for (const auto& r : rules) {
    if (r.dir_only && !is_dir) continue;
    const bool hit = r.anchored ? ::fnmatch(r.glob.c_str(), p.lexically_relative(r.base).generic_string().c_str(), FNM_PATHNAME) == 0
                                : ::fnmatch(r.glob.c_str(), name.c_str(), 0) == 0;
    if (hit) out = !r.negated;
  }
  return out;
}

// The ignore rules above a walked folder: those of its parent folders up
// to the repository's top (the folder holding .git), as git applies them.
std::vector<IgnoreRule> inherited_rules(const fs::path& root) {
  std::error_code ec;
  fs::path dir = fs::absolute(root, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  std::vector<fs::path> chain;
  for (fs::path d = dir.parent_path(); !d.empty(); d = d.parent_path()) {
    chain.push_back(d);
    if (fs::exists(d / ".git", ec) || d == d.root_path()) break;
  }
  // Only inside a repository: elsewhere a folder's parents are not its project.
  if (chain.empty() || !fs::exists(chain.back() / ".git", ec)) return {};
  std::vector<IgnoreRule> out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (auto& r : ignore_rules_in(*it)) {
      // Rules are matched against walked paths as given: rebase to them.
      r.base = fs::path(root) / fs::path(it->lexically_relative(dir).string());
      r.base = r.base.lexically_normal();
      out.push_back(std::move(r));
    }
  return out;
}

void walk(const fs::path& dir, std::vector<fs::path>& stack, std::vector<std::string>& out, std::vector<IgnoreRule> rules) {
  std::error_code ec;
  for (auto& r : ignore_rules_in(dir)) rules.push_back(std::move(r));
  std::vector<fs::directory_entry> entries;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    entries.push_back(*it);
  if (ec) throw Error(Diagnostic{dir.string(), 0, 0, "cannot read folder: " + ec.message(), Code::E001});
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
  for (const auto& e : entries) {
    const fs::path& p = e.path();
    const std::string name = p.filename().string();
    if (name.starts_with(".")) continue;  // hidden files and folders
    // The entry's type comes from the folder listing; only symlinks need a stat.
    bool is_dir = false;
    if (e.is_symlink(ec) || ec) {
      fs::file_status st = fs::status(p, ec);
      if (ec) throw Error(Diagnostic{p.string(), 0, 0, "cannot read: " + ec.message(), Code::E001});
      is_dir = fs::is_directory(st);
    } else {
      is_dir = e.is_directory(ec);
      if (ec) throw Error(Diagnostic{p.string(), 0, 0, "cannot read: " + ec.message(), Code::E001});
    }
    if (ignored(rules, p, is_dir)) continue;
    if (is_dir) {
      fs::path real = fs::canonical(p, ec);
      if (ec) throw Error(Diagnostic{p.string(), 0, 0, "cannot read folder: " + ec.message(), Code::E001});
      if (std::find(stack.begin(), stack.end(), real) != stack.end())
        throw Error(Diagnostic{p.string(), 0, 0, "symlink loop: this folder leads back to " + real.string(), Code::E030});
      stack.push_back(real);
      walk(p, stack, out, rules);
      stack.pop_back();
    } else if (is_document(p)) {
      out.push_back(p.lexically_normal().string());
    }
  }
}

}  // namespace

std::vector<std::string> collect_documents(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
      throw Error(Diagnostic{p, 0, 0, "cannot read: " + ec.message(), Code::E001});
    if (!fs::exists(st)) {
      if (fs::is_symlink(fs::symlink_status(p, ec))) throw Error(Diagnostic{p, 0, 0, "cannot read: dangling or looping symlink", Code::E001});
      throw Error(Diagnostic{p, 0, 0, "cannot read: no such file or folder", Code::E001});
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> stack = {fs::canonical(p, ec)};
      std::size_t before = out.size();
      walk(p, stack, out, inherited_rules(p));
      if (out.size() == before) throw Error(Diagnostic{p, 0, 0, "no documents (*.txt, *.md, *.html, *.htm, *.pdf) in this folder", Code::E031});
    } else {
      out.push_back(fs::path(p).lexically_normal().string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace wfof::cli
