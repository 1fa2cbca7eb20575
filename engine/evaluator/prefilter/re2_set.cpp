#include <re2/set.h>

#include "prefilter/prefilter.hpp"

namespace wfof {
namespace {

class Re2SetPrefilter final : public Prefilter {
 public:
  explicit Re2SetPrefilter(std::unique_ptr<RE2::Set> set) : set_(std::move(set)) {}
  bool match(std::string_view text, std::vector<int>& matched) override {
    RE2::Set::ErrorInfo info;
    if (set_->Match(re2::StringPiece(text.data(), text.size()), &matched, &info)) return true;
    return info.kind == RE2::Set::kNoError;  // no match at all is an answer; out of memory is not
  }
  std::string_view name() const override { return "RE2::Set"; }

 private:
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace

std::unique_ptr<Prefilter> make_re2_prefilter(const std::vector<PrefilterPattern>& patterns) {
  RE2::Options o;
  o.set_case_sensitive(true);
  o.set_log_errors(false);
  o.set_max_mem(256 << 20);
  auto set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (const auto& p : patterns)
    if (set->Add(std::string(p.case_sensitive ? "(?m)" : "(?mi)") + "(?:" + p.regex + ")", nullptr) < 0) return nullptr;
  if (!set->Compile()) return nullptr;
  return std::make_unique<Re2SetPrefilter>(std::move(set));
}

}  // namespace wfof
