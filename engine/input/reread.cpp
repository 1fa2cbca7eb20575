// Report writers show evidence in the document's own text, read again at
// write time (results may be rendered long after the check, from JSON).
#include <fstream>
#include <iterator>

#include "error.hpp"
#include "input.hpp"
#include "sha256.hpp"

namespace wfof::input {

std::optional<Reread> reread(const std::string& path, const std::string& sha256) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || sha256_hex(bytes) != sha256) return std::nullopt;
  Reread r;
  r.format = sniff(path, bytes).format;
  try {
    if (r.format == Format::pdf) {
      r.text = extract_pdf(path, bytes).text;
      return r;
    }
    if (r.format == Format::html) r.shown = extract_html(path, bytes);
  } catch (const Error&) {
    return std::nullopt;  // it was read once; a writer then shows the quotes alone
  }
  r.text = std::move(bytes);
  return r;
}

}  // namespace wfof::input
