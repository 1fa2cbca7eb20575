#include "waivers.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>

#include "yaml_duplicates.hpp"
#include "yaml_reader.hpp"

namespace wfof {
namespace {

namespace fs = std::filesystem;

// A real calendar date written YYYY-MM-DD (what ISO 8601 and YAML's
// timestamp type both read as a date).
bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string absolute_path(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return (ec ? fs::absolute(p).lexically_normal() : a).string();
}


}  // namespace

std::string WaiverEntry::describe() const {
  return item + " of " + (subject ? *subject : *document);
}

std::string utc_date(long long seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!::gmtime_r(&t, &tm)) return "1970-01-01";
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string describe_waiver(const Waiver& w) {
  return std::string(w.expired ? "waiver expired on " : "waived until ") + w.expires + " (accepted by " + w.accepted_by +
         ": " + w.reason + ")";
}

Waivers::Waivers(const std::string& path, const Checklist& checklist, const std::string& today) {
  YamlReader r(path);
  const yaml::Node& root = r.root();
  const fs::path dir = fs::path(path).parent_path();
  std::vector<std::string> ids;
  for (const auto& i : checklist.items) ids.push_back(i.id);
  std::vector<std::string_view> id_views(ids.begin(), ids.end());
  if (root.IsNull()) {
    r.error(Code::E005, root, "the waivers file is empty; list waivers, or leave the file out");
  } else if (!root.IsSequence()) {
    r.error(Code::E013, root, "the waivers file must be a list of waivers (- subject: ..., item: ..., reason: ..., accepted-by: ..., expires: YYYY-MM-DD)");
  } else {
    std::map<std::pair<std::string, std::string>, SourcePos> seen;  // (document or subject, item)
    for (const auto& n : root) {
      if (!r.is_map(n, "a waiver")) continue;
      r.check_keys(n, {"document", "subject", "item", "reason", "accepted-by", "expires"}, "a waiver");
      WaiverEntry e;
      e.pos = r.pos(n);
      e.document = r.optional_string(n, "document", "a waiver");
      e.subject = r.optional_string(n, "subject", "a waiver");
      if (e.document && e.subject) r.error(Code::E016, n["subject"], "a waiver names a document or a subject, not both");
      if (!n["document"] && !n["subject"]) r.error(Code::E014, n, "a waiver is missing 'document' or 'subject' (which document it is for)");
      if (e.document) e.document_path = absolute_path(dir / *e.document);
      auto item = r.required_string(n, "item", "a waiver");
      if (item) {
        e.item = *item;
        if (std::find(ids.begin(), ids.end(), *item) == ids.end()) {
          auto near = nearest(*item, id_views);
          r.error(Code::E019, n["item"], "unknown checklist item '" + *item + "' in " + checklist.id,
                  near.empty() ? std::string() : "did you mean '" + near + "'?");
        }
      }
      auto reason = r.required_string(n, "reason", "a waiver");
      auto by = r.required_string(n, "accepted-by", "a waiver");
      auto expires = r.required_string(n, "expires", "a waiver");
      if (reason && reason->empty()) r.error(Code::E015, n["reason"], "'reason' of a waiver is empty: say why the finding is accepted");
      if (by && by->empty()) r.error(Code::E015, n["accepted-by"], "'accepted-by' of a waiver is empty: say who accepted it");
      if (expires && !is_date(*expires)) r.error(Code::E015, n["expires"], "'expires' must be a date YYYY-MM-DD, not '" + *expires + "'");
      if (!item || !reason || !by || !expires || (!e.document && !e.subject)) continue;
      e.waiver = Waiver{*reason, *by, *expires, *expires < today};  // ISO dates compare as strings
      auto key = std::pair(e.subject ? "subject " + *e.subject : "document " + *e.document_path, e.item);
      if (auto [it, fresh] = seen.emplace(key, r.pos(n)); !fresh)
        r.error(Code::E033, n, "a second waiver for " + e.describe(), it->second);
      entries_.push_back(std::move(e));
    }
  }
  if (!r.diagnostics().empty()) {
    auto ds = r.diagnostics();
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.line, a.col) < std::pair(b.line, b.col);
    });
    throw Error(ds);
  }
  state_ = std::make_unique<std::atomic<int>[]>(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) state_[i] = 0;
}

void Waivers::apply(DocumentResult& d) const {
  std::optional<std::string> doc_path;
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    const WaiverEntry& e = entries_[k];
    if (e.subject) {
      if (d.subject != e.subject) continue;
    } else {
      if (!doc_path) doc_path = absolute_path(d.path);
      if (*doc_path != *e.document_path) continue;
    }
    auto it = std::find_if(d.items.begin(), d.items.end(), [&](const ItemResult& i) { return i.id == e.item; });
    if (it == d.items.end() || it->verdict == Verdict::pass) {
      int none = 0;
      state_[k].compare_exchange_strong(none, 1);
      continue;
    }
    state_[k] = 2;
    it->waiver = std::make_shared<const Waiver>(e.waiver);
    if (e.waiver.expired)
      d.warnings.push_back("the waiver for " + it->id + " expired on " + e.waiver.expires + " (accepted by " +
                           e.waiver.accepted_by + "): the " + to_string(it->verdict) + " counts again");
  }
}

std::vector<std::string> Waivers::warnings() const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    const WaiverEntry& e = entries_[k];
    auto warn = [&](Code code, std::string message) {
      out.push_back(Diagnostic{e.pos.file, e.pos.line, e.pos.col, std::move(message), code}.str());
    };
    if (state_[k] == 0)
      warn(Code::W002, "the waiver for " + e.describe() + " matches nothing: no document checked " +
                           (e.subject ? "has that subject" : "is that file"));
    else if (state_[k] == 1)
      warn(Code::W002, "the waiver for " + e.describe() + " matches nothing: the item is not a gap or partial there");
    else if (e.waiver.expired)
      warn(Code::W004, "the waiver for " + e.describe() + " expired on " + e.waiver.expires + ": it counts again");
  }
  return out;
}

const Waiver* finding_waiver(const RuleResult& r, const DocumentResult& d) {
  const Waiver* first = nullptr;
  for (const auto& id : r.items) {
    auto it = std::find_if(d.items.begin(), d.items.end(), [&](const ItemResult& i) { return i.id == id; });
    if (it == d.items.end() || it->verdict == Verdict::pass) continue;
    if (!it->waived()) return nullptr;
    if (!first) first = &*it->waiver;
  }
  return first;
}

}  // namespace wfof
