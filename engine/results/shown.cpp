#include "shown.hpp"

#include <algorithm>

#include "input/input.hpp"

namespace wfof {

void capture_shown(DocumentResult& r, const Document& doc) {
  r.format = std::string(doc.format());
  if (r.format != "HTML") {
    // The text the offsets refer to: the file, or a PDF's extracted text.
    r.shown = std::string(doc.original());
    return;
  }
  // A page is shown as it reads, without markup: each span moves to the
  // text that came from its source bytes (the map is in source order).
  input::Extracted x = input::extract_html(doc.path(), doc.original());
  auto shown_at = [&](std::size_t source) {
    return static_cast<std::size_t>(std::lower_bound(x.begin.begin(), x.begin.end(), source) - x.begin.begin());
  };
  for (auto& res : r.results)
    for (auto& e : res.evidence) {
      const std::size_t b = shown_at(e.span.start), en = shown_at(e.span.end);
      e.shown = std::pair(b, std::max(b, en));
    }
  r.shown = std::move(x.text);
}

}  // namespace wfof
