// Hyperscan as the prefilter: every pattern compiled in prefilter mode
// (HS_FLAG_PREFILTER: Hyperscan may approximate a construct it lacks, but
// only by matching more), reporting each pattern once per sentence. A
// pattern Hyperscan refuses even so is reported as "may match" everywhere.
#include "prefilter/prefilter.hpp"

#if WFOF_HAVE_HYPERSCAN
#include <hs/hs.h>

#include <algorithm>

namespace wfof {
namespace {

// RE2 syntax Hyperscan's parser reads differently: named groups are
// written (?P<name>...) in both, but Hyperscan does not need the names.
std::string to_hyperscan(const std::string& re2) {
  std::string out;
  out.reserve(re2.size());
  for (std::size_t i = 0; i < re2.size(); ++i) {
    if (re2[i] == '\\' && i + 1 < re2.size()) {
      out += re2[i];
      out += re2[++i];
      continue;
    }
    if (re2.compare(i, 4, "(?P<") == 0) {
      std::size_t close = re2.find('>', i);
      if (close != std::string::npos) {
        out += '(';
        i = close;
        continue;
      }
    }
    out += re2[i];
  }
  return out;
}

class HyperscanPrefilter final : public Prefilter {
 public:
  HyperscanPrefilter(hs_database_t* db, std::vector<int> ids, std::vector<int> always, std::size_t patterns)
      : db_(db), ids_(std::move(ids)), always_(std::move(always)), seen_(patterns, 0) {
    if (hs_alloc_scratch(db_, &scratch_) != HS_SUCCESS) scratch_ = nullptr;
  }
  ~HyperscanPrefilter() override {
    if (scratch_) hs_free_scratch(scratch_);
    hs_free_database(db_);
  }
  HyperscanPrefilter(const HyperscanPrefilter&) = delete;
  HyperscanPrefilter& operator=(const HyperscanPrefilter&) = delete;

  bool ok() const { return scratch_ != nullptr; }

  bool match(std::string_view text, std::vector<int>& matched) override {
    matched.insert(matched.end(), always_.begin(), always_.end());
    Scan scan{this, &matched};
    // The empty sentence still runs, so that patterns that match nothing
    // but an empty text are reported as they are by RE2.
    hs_error_t e = hs_scan(db_, text.empty() ? "" : text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
                           &HyperscanPrefilter::on_match, &scan);
    for (int k : matched) seen_[static_cast<std::size_t>(k)] = 0;
    return e == HS_SUCCESS;
  }
  std::string_view name() const override { return "Hyperscan"; }

 private:
  struct Scan {
    HyperscanPrefilter* self;
    std::vector<int>* matched;
  };
  static int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
    auto* s = static_cast<Scan*>(ctx);
    int k = s->self->ids_[id];
    auto& seen = s->self->seen_[static_cast<std::size_t>(k)];
    if (!seen) {
      seen = 1;
      s->matched->push_back(k);
    }
    return 0;
  }

  hs_database_t* db_;
  hs_scratch_t* scratch_ = nullptr;
  std::vector<int> ids_;     // Hyperscan id -> pattern index
  std::vector<int> always_;  // patterns Hyperscan refused: may match anywhere
  std::vector<char> seen_;   // per pattern, during one scan
};

}  // namespace

std::unique_ptr<Prefilter> make_hyperscan_prefilter(const std::vector<PrefilterPattern>& patterns) {
  std::vector<std::string> exprs;
  std::vector<unsigned> flags;
  std::vector<int> ids, always;
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    unsigned f = HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY | HS_FLAG_MULTILINE | HS_FLAG_UTF8;
    if (!patterns[k].case_sensitive) f |= HS_FLAG_CASELESS;
    // Hyperscan folds case in ASCII only; RE2 also folds other letters
    // (é/É). A pattern with a non-ASCII letter stays with RE2 everywhere.
    bool ascii = std::all_of(patterns[k].regex.begin(), patterns[k].regex.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && !patterns[k].case_sensitive) {
      always.push_back(static_cast<int>(k));
      continue;
    }
    exprs.push_back(to_hyperscan(patterns[k].regex));
    flags.push_back(f);
    ids.push_back(static_cast<int>(k));
  }
  // Compile; a pattern Hyperscan refuses is set aside and the rest retried.
  for (;;) {
    std::vector<const char*> ptrs;
    std::vector<unsigned> hs_ids;
    for (std::size_t i = 0; i < exprs.size(); ++i) {
      ptrs.push_back(exprs[i].c_str());
      hs_ids.push_back(static_cast<unsigned>(i));
    }
    if (ptrs.empty()) return nullptr;
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(ptrs.data(), flags.data(), hs_ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK,
                         nullptr, &db, &err) == HS_SUCCESS) {
      auto p = std::make_unique<HyperscanPrefilter>(db, std::move(ids), std::move(always), patterns.size());
      if (!p->ok()) return nullptr;
      return p;
    }
    int bad = err ? err->expression : -1;
    hs_free_compile_error(err);
    if (bad < 0 || static_cast<std::size_t>(bad) >= exprs.size()) return nullptr;
    always.push_back(ids[static_cast<std::size_t>(bad)]);
    exprs.erase(exprs.begin() + bad);
    flags.erase(flags.begin() + bad);
    ids.erase(ids.begin() + bad);
  }
}

}  // namespace wfof
#else
namespace wfof {
std::unique_ptr<Prefilter> make_hyperscan_prefilter(const std::vector<PrefilterPattern>&) { return nullptr; }
}  // namespace wfof
#endif
