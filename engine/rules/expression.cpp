#include "expression.hpp"

#include <cctype>
#include <cstdlib>
#include <numeric>

namespace wfof {

// Wide enough for any product of two int64 values.
__extension__ using i128 = __int128;

int compare(Rational a, Rational b) {
  i128 l = static_cast<i128>(a.num) * b.den;
  i128 r = static_cast<i128>(b.num) * a.den;
  return l < r ? -1 : (l > r ? 1 : 0);
}

namespace {

std::optional<Rational> make(i128 num, i128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) { num = -num; den = -den; }
  i128 a = num < 0 ? -num : num, b = den;
  while (b != 0) { i128 t = a % b; a = b; b = t; }
  if (a > 1) { num /= a; den /= a; }
  constexpr i128 kMax = INT64_MAX;
  if (num > kMax || num < -kMax || den > kMax) return std::nullopt;
  return Rational{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
}

}  // namespace

std::string to_string(Rational r) {
  if (r.den == 1) return std::to_string(r.num);
  return std::to_string(r.num) + "/" + std::to_string(r.den);
}

class ExpressionParser {
 public:
  ExpressionParser(std::string_view t, Expression& e) : t_(t), e_(e) {}
  bool run(std::string& error, std::size_t& col) {
    int root = expr();
    skip();
    if (root < 0 || i_ != t_.size()) {
      error = error_.empty() ? (i_ < t_.size() ? "unexpected '" + std::string(1, t_[i_]) + "'" : "incomplete expression") : error_;
      col = err_col_ == std::string::npos ? i_ : err_col_;
      return false;
    }
    e_.root_ = root;
    return true;
  }

 private:
  void skip() { while (i_ < t_.size() && t_[i_] == ' ') ++i_; }
  int add(Expression::Node n) { e_.nodes_.push_back(std::move(n)); return static_cast<int>(e_.nodes_.size() - 1); }
  int fail(std::string msg) {
    if (error_.empty()) { error_ = std::move(msg); err_col_ = i_; }
    return -1;
  }
  int expr() {
    int l = term();
    while (l >= 0) {
      skip();
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) {
        char op = t_[i_++];
        int r = term();
        if (r < 0) return -1;
        l = add({op, {}, {}, l, r});
      } else break;
    }
    return l;
  }
  int term() {
    int l = factor();
    while (l >= 0) {
      skip();
      if (i_ < t_.size() && (t_[i_] == '*' || t_[i_] == '/')) {
        char op = t_[i_++];
        int r = factor();
        if (r < 0) return -1;
        l = add({op, {}, {}, l, r});
      } else break;
    }
    return l;
  }
  int factor() {
    skip();
    if (i_ >= t_.size()) return fail("expected a number or a capture name");
    char c = t_[i_];
    if (c == '(') {
      ++i_;
      int e = expr();
      skip();
      if (e < 0) return -1;
      if (i_ >= t_.size() || t_[i_] != ')') return fail("expected ')'");
      ++i_;
      return e;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      // Decimal literal, exact: 0.95 = 95/100.
      std::int64_t num = 0, den = 1;
      bool dot = false;
      std::size_t start = i_;
      while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || (t_[i_] == '.' && !dot))) {
        if (t_[i_] == '.') dot = true;
        else {
          if (num > 100'000'000'000'000LL) return fail("number too large");
          // Zeros after the point leave num small while den grows: bound den
          // too, or it overflows (undefined) and can wrap to 0, after which
          // make() returns nullopt and *r below reads an empty optional.
          if (dot && den > 100'000'000'000'000LL) return fail("too many decimal places");
          num = num * 10 + (t_[i_] - '0');
          if (dot) den *= 10;
        }
        ++i_;
      }
      if (t_[i_ - 1] == '.') { i_ = start; return fail("malformed number"); }
      auto r = make(num, den);
      return add({0, *r, {}, -1, -1});
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t start = i_;
      while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' || t_[i_] == '.' || t_[i_] == '-'))
        ++i_;
      return add({'r', {}, std::string(t_.substr(start, i_ - start)), -1, -1});
    }
    return fail("expected a number or a capture name");
  }

  std::string_view t_;
  Expression& e_;
  std::size_t i_ = 0;
  std::string error_;
  std::size_t err_col_ = std::string::npos;
};

std::optional<Expression> Expression::parse(std::string_view text, std::string& error, std::size_t& col) {
  Expression e;
  e.text_ = std::string(text);
  ExpressionParser p(text, e);
  if (!p.run(error, col)) return std::nullopt;
  return e;
}

std::vector<std::string> Expression::references() const {
  std::vector<std::string> out;
  for (const auto& n : nodes_)
    if (n.op == 'r') out.push_back(n.ref);
  return out;
}

std::optional<Rational> Expression::evaluate(const Lookup& lookup) const { return eval(root_, lookup); }

std::optional<Rational> Expression::eval(int i, const Lookup& lookup) const {
  const Node& n = nodes_[static_cast<std::size_t>(i)];
  if (n.op == 0) return n.value;
  if (n.op == 'r') return lookup(n.ref);
  auto a = eval(n.lhs, lookup);
  auto b = eval(n.rhs, lookup);
  if (!a || !b) return std::nullopt;
  i128 an = a->num, ad = a->den, bn = b->num, bd = b->den;
  switch (n.op) {
    case '+': return make(an * bd + bn * ad, ad * bd);
    case '-': return make(an * bd - bn * ad, ad * bd);
    case '*': return make(an * bn, ad * bd);
    case '/': return make(an * bd, ad * bn);
  }
  return std::nullopt;
}

std::optional<Comparison> Comparison::parse(std::string_view text, std::string& error, std::size_t& col) {
  static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
      {"<=", CompareOp::le}, {">=", CompareOp::ge}, {"==", CompareOp::eq}, {"!=", CompareOp::ne},
      {"<", CompareOp::lt},  {">", CompareOp::gt}};
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (const auto& [tok, op] : kOps) {
      if (text.substr(i, tok.size()) != tok) continue;
      auto lhs = Expression::parse(text.substr(0, i), error, col);
      if (!lhs) return std::nullopt;
      std::size_t rs = i + tok.size();
      auto rhs = Expression::parse(text.substr(rs), error, col);
      if (!rhs) { col += rs; return std::nullopt; }
      return Comparison{std::move(*lhs), std::move(*rhs), op, std::string(text)};
    }
  }
  error = "a comparison needs one of < <= > >= == !=";
  col = 0;
  return std::nullopt;
}

std::optional<bool> Comparison::evaluate(const Expression::Lookup& lookup) const {
  auto a = lhs.evaluate(lookup), b = rhs.evaluate(lookup);
  if (!a || !b) return std::nullopt;
  int c = compare(*a, *b);
  switch (op) {
    case CompareOp::lt: return c < 0;
    case CompareOp::le: return c <= 0;
    case CompareOp::gt: return c > 0;
    case CompareOp::ge: return c >= 0;
    case CompareOp::eq: return c == 0;
    case CompareOp::ne: return c != 0;
  }
  return std::nullopt;
}

}  // namespace wfof
