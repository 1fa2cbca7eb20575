#include "searcher.hpp"

#include "error.hpp"
#include "loader.hpp"

namespace wfof {

const RE2& Searcher::re() const {
  std::call_once(re_once_, [this] {
    if (re_) return;
    std::string error;
    re_ = compile_pattern(pattern_, case_sensitive_, error);
    if (!re_) throw Error(Diagnostic{"", 0, 0, "a generated pattern does not compile: " + error, Code::E018});
  });
  return *re_;
}

const LiteralProgram* Searcher::literal() const {
  std::call_once(literal_once_, [this] { literal_ = LiteralProgram::compile(pattern_, case_sensitive_); });
  return literal_ ? &*literal_ : nullptr;
}

bool Searcher::find(std::string_view text, std::size_t begin, std::size_t end, std::size_t& match_begin,
                    std::size_t& match_end) const {
  if (const LiteralProgram* lit = literal()) {
    const auto found = lit->find(text, begin, end, match_begin, match_end);
    if (found != LiteralProgram::Found::ask_re2) return found == LiteralProgram::Found::yes;
  }
  re2::StringPiece m;
  if (!re().Match(re2::StringPiece(text.data(), text.size()), begin, end, RE2::UNANCHORED, &m, 1)) return false;
  match_begin = static_cast<std::size_t>(m.data() - text.data());
  match_end = match_begin + m.size();
  return true;
}

bool Searcher::matches(std::string_view text) const {
  std::size_t b = 0, e = 0;
  return find(text, 0, text.size(), b, e);
}

}  // namespace wfof
