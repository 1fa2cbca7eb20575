// Arithmetic over captured numbers, for comparisons ("approved / applications
// <= 0.95") and derived metrics ("applications - refused"). Values are exact
// rationals so a ratio at its boundary compares exactly (57/60 <= 0.95).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfof {

struct Rational {
  std::int64_t num = 0;
  std::int64_t den = 1;  // always > 0
};

// Three-way comparison without rounding (uses 128-bit products).
int compare(Rational a, Rational b);

// A parsed expression: numbers, capture references (`name` or
// `matcher.name`), + - * / and parentheses.
class Expression {
 public:
  // Parses `text`; on failure returns nullopt and sets `error` to a message
  // and `error_col` to the 0-based column.
  static std::optional<Expression> parse(std::string_view text, std::string& error, std::size_t& error_col);

  // Every capture reference, in order of appearance.
  std::vector<std::string> references() const;

  // Evaluates with `lookup` resolving references; nullopt when a reference
  // has no value, or on division by zero or overflow.
  using Lookup = std::function<std::optional<Rational>(const std::string&)>;
  std::optional<Rational> evaluate(const Lookup& lookup) const;

  const std::string& text() const { return text_; }

 private:
  struct Node {
    char op = 0;  // 0: number, 'r': reference, or + - * /
    Rational value;
    std::string ref;
    int lhs = -1, rhs = -1;
  };
  std::optional<Rational> eval(int node, const Lookup& lookup) const;
  std::vector<Node> nodes_;
  int root_ = -1;
  std::string text_;
  friend class ExpressionParser;
};

enum class CompareOp { lt, le, gt, ge, eq, ne };

// "lhs op rhs", e.g. "approved / applications <= 0.95" or "cases >= 4".
struct Comparison {
  Expression lhs, rhs;
  CompareOp op = CompareOp::eq;
  std::string text;

  static std::optional<Comparison> parse(std::string_view text, std::string& error, std::size_t& error_col);
  // nullopt when either side has no value.
  std::optional<bool> evaluate(const Expression::Lookup& lookup) const;
};

std::string to_string(Rational r);

}  // namespace wfof
