// wfof inspect: how the structure stage read a document. For checklist
// authors writing or fixing a profile: every line of the file with the
// section it fell into, and for each section the anchor that placed it (and
// its confidence) or why it is missing.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "common.hpp"
#include "document.hpp"
#include "loader.hpp"
#include "structure.hpp"

namespace wfof::cli {

int cmd_inspect(int argc, char** argv, const char* argv0) {
  RuleOptions ro;
  std::string file;
  po::options_description desc("inspect options");
  desc.add_options()("checklist", po::value(&ro.checklist), "checklist file (default: checklists/wfof-2011.yaml)")(
      "file", po::value(&file)->required(), "the document")("no-lines", "only the sections, not every line")(
      "text", "print the text evidence offsets refer to, and stop (a PDF's extracted text, a form feed before each page after the first)");
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (auto r = parse("inspect", "FILE [--checklist FILE] [--no-lines] [--text]\n\nexamples:\n  wfof inspect fixtures/real/durham.txt\n  wfof inspect --text fixtures/pdf/durham.pdf",
                     argc, argv, desc, &pos, vm))
    return *r;
  resolve_defaults(ro, argv0);
  Checklist checklist;
  try {
    checklist = load_checklist(ro.checklist);
  } catch (const Error& e) {
    print_error(e);
    return kCannotCheck;
  }
  const Document doc = Document::load(file);
  if (vm.count("text")) {
    std::string_view t = doc.original();
    std::size_t from = 0;
    for (std::size_t p : doc.page_starts()) {
      if (p == 0) continue;
      std::cout << t.substr(from, p - from) << '\f';
      from = p;
    }
    std::cout << t.substr(from);
    return kOk;
  }
  const Structure st = read_structure(doc, checklist.profiles);

  std::cout << "document " << file << "\n";
  std::cout << "profile " << (st.profile ? st.profile->id : "(none)") << "\n";
  std::cout << "subject " << (st.subject ? *st.subject + " (from " + st.subject_section + ")" : "(not found)") << "\n";
  for (const auto& p : st.placements) {
    std::cout << "  " << std::left << std::setw(12) << p.name << " ";
    if (p.found) {
      auto [a, b] = doc.text_lines(p.range);
      std::cout << std::setw(9) << (std::to_string(a) + "-" + std::to_string(b)) << " " << p.how << "\n";
    } else {
      std::cout << std::setw(9) << "missing" << " " << p.how << "\n";
    }
  }
  for (const auto& w : doc.input_warnings()) std::cout << "warning: " << w << "\n";
  for (const auto& w : st.warnings) std::cout << "warning: " << w << "\n";
  if (vm.count("no-lines")) return kOk;

  // Every line, with the section its text fell into.
  std::vector<std::string> owner;  // per original line (1-based)
  auto own = [&](std::size_t line, const std::string& name) {
    if (owner.size() <= line) owner.resize(line + 1);
    if (owner[line].empty()) owner[line] = name;
  };
  std::string_view v = doc.normalised();
  for (const auto& s : st.units.sections)
    for (std::size_t i = s.range.begin; i < s.range.end && i < v.size(); ++i)
      if (v[i] != '\n' && v[i] != ' ') own(doc.to_source(Range{i, i + 1}).line, s.name);
  for (std::size_t l : doc.furniture_lines()) own(l, "(furniture)");
  std::istringstream in{std::string(doc.original())};
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string name = n < owner.size() ? owner[n] : "";
    std::cout << std::right << std::setw(5) << n << " " << std::left << std::setw(12) << name << "| " << line << "\n";
  }
  return kOk;
}

}  // namespace wfof::cli
