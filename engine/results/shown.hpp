// What reports show of a document, captured at check time: reports are
// rendered from the results model alone (wfof report renders saved JSON),
// so nothing a writer quotes may need the file again.
#pragma once
#include "document.hpp"
#include "results.hpp"

namespace wfof {

// Fills r.format and r.shown from the checked `doc`, and for a web page
// each evidence span's place in the shown text (Evidence::shown). Throws
// wfof::Error only if the page cannot be read again, which cannot happen
// for a page that was just read.
void capture_shown(DocumentResult& r, const Document& doc);

}  // namespace wfof
