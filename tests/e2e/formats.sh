#!/usr/bin/env bash
# Reading releases as published: HTML pages and PDFs. Evidence must point
# into what the user has (HTML: the source bytes; PDF: page, line and
# column of the extracted text), content decides the format (with a
# warning), and what cannot be read is an error naming the file.
# A build without libxml2 or Poppler says so and refuses those files.
# Usage: tests/e2e/formats.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
AJV=tools/node/node_modules/.bin/ajv
# The results of a web page or PDF against schemas/results.schema.json.
schema_check() {
  if [[ -x $AJV ]]; then
    expect_exit 0 "$1 results validate against schemas/results.schema.json" -- \
      "$AJV" validate --spec=draft7 -s schemas/results.schema.json -d "$2"
  else
    fail "ajv not installed (run scripts/test.sh, which installs tools/node)"
  fi
}

version=$("$WFOF" --version)
html=0; pdf=0
[[ $version == *"HTML (libxml2"* ]] && html=1
[[ $version == *"PDF (Poppler"* ]] && pdf=1
echo "# $version"
expect_exit 0 "--help names the formats" -- "$WFOF" --help
expect_contains "--help says what it reads" "Reads: text, Markdown"

if ((html == 0)); then
  expect_contains "--help says HTML is missing" "no HTML (built without libxml2)"
  expect_exit 2 "an .html file without HTML support" -- "$WFOF" check fixtures/html/durham.html
  expect_contains "the error names the file and the reason" \
    "fixtures/html/durham.html: error[E001]: cannot read HTML: this wfof was built without libxml2 (see wfof --version)"
fi
if ((pdf == 0)); then
  LAST_OUTPUT=$("$WFOF" --help)
  expect_contains "--help says PDF is missing" "no PDF (built without Poppler)"
  expect_exit 2 "a .pdf file without PDF support" -- "$WFOF" check fixtures/pdf/durham.pdf
  expect_contains "the error names the file and the reason" \
    "fixtures/pdf/durham.pdf:1:1: error[E029]: cannot read PDF: this wfof was built without Poppler (see wfof --version)"
fi

if ((html == 1)); then
  echo "# HTML pages"
  expect_exit 1 "the real releases as web pages are checked" -- "$WFOF" check fixtures/html -f json -o "$TMP/html.json"
  schema_check HTML "$TMP/html.json"
  # Same verdicts and metrics as the text releases they were made from.
  "$WFOF" check fixtures/real -f json -o "$TMP/real.json" >/dev/null 2>&1
  python3 - "$TMP/real.json" "$TMP/html.json" <<'PY' && pass "HTML: same subjects, verdicts and metrics as the text releases" || fail "HTML verdicts differ from the text releases"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda d: (d["subject"], [(i["id"], i["verdict"]) for i in d["items"]], d["metrics"])
assert [key(d) for d in a["documents"]] == [key(d) for d in b["documents"]], "differ"
PY
  # Every span's text is the source bytes [start, end), and line:column
  # (code points) is where start is in the source.
  python3 - "$TMP/html.json" <<'PY' && pass "HTML: every evidence text is the source bytes [start,end) at its line:column" || fail "HTML evidence does not point into the source"
import json, sys
res = json.load(open(sys.argv[1]))
n = 0
for d in res["documents"]:
    src = open(d["path"], "rb").read()
    for r in d["results"]:
        for e in r["evidence"]:
            assert src[e["start"]:e["end"]].decode() == e["text"], (d["path"], e)
            before = src[:e["start"]].decode()
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            assert (line, col) == (e["line"], e["column"]), (d["path"], e, line, col)
            assert "page" not in e
            n += 1
        c = r["context"]
        if c:
            assert src[c["start"]:c["end"]], c
assert n > 50, n
print(f"{n} spans checked")
PY
  python3 - "$TMP/html.json" <<'PY' && pass "HTML: nothing from <nav>, <header>, <footer> or <script> is evidence" || fail "page furniture read as text"
import json, sys
for d in json.load(open(sys.argv[1]))["documents"]:
    for r in d["results"]:
        for e in r["evidence"]:
            for w in ("Contact us", "breadcrumb", "Crown copyright", "dataLayer", "console.log"):
                assert w not in e["text"], (d["path"], e["text"])
PY
  expect_exit 0 "HTML: the structure is found" -- "$WFOF" inspect --no-lines fixtures/html/hertfordshire.html
  expect_contains "HTML: the subject" "subject Hertfordshire Constabulary"

  echo "# HTML in other clothes"
  cp fixtures/html/durham.html "$TMP/durham-page.txt"
  expect_exit 1 "HTML saved as .txt is read as HTML" -- "$WFOF" check "$TMP/durham-page.txt" -f json -o "$TMP/sniff.json"
  python3 - "$TMP/sniff.json" <<'PY' && pass "with a warning in the results, and the same verdicts" || fail "no warning for HTML saved as .txt"
import json, sys
d = json.load(open(sys.argv[1]))["documents"][0]
assert d["warnings"][0] == "read as HTML: the content is HTML, although the name ends in .txt", d["warnings"]
assert d["subject"] == "Durham Constabulary"
PY
  # Malformed markup is read as a browser would: unclosed tags, a stray
  # </div>, an unquoted attribute, a bare '&' and '<' in text.
  cat > "$TMP/broken.html" <<'HTML'
<html><body><nav>Home | News</nav>
<h1>Brokenshire Police has made some improvements to how it manages integrity issues
<p>In Brokenshire Police, HMIC found:
<ul><li>Since 2011 the force has carried out a self-assessment using HMIC&rsquo;s checklist
<li>There were 12 applications for second jobs, 11 of which were approved</div>
<li class=x>Research found one case of inappropriate behaviour on Facebook by staff & officers, fewer than 2 < 3
</ul>
<p>Notes to editors
HTML
  expect_exit 1 "malformed HTML is read, not refused" -- "$WFOF" check "$TMP/broken.html" -f json -o "$TMP/broken.json"
  python3 - "$TMP/broken.json" "$TMP/broken.html" <<'PY' && pass "malformed HTML: evidence still points into the source" || fail "malformed HTML misread"
import json, sys
d = json.load(open(sys.argv[1]))["documents"][0]
src = open(sys.argv[2], "rb").read()
assert d["subject"] == "Brokenshire Police", d["subject"]
assert d["metrics"]["second_job_applications"] == 12 and d["metrics"]["second_job_approvals"] == 11, d["metrics"]
spans = [e for r in d["results"] for e in r["evidence"]]
assert spans
for e in spans:
    assert src[e["start"]:e["end"]].decode() == e["text"], e
ctx = [src[r["context"]["start"]:r["context"]["end"]] for r in d["results"] if r["context"]]
assert b"Since 2011 the force has carried out a self-assessment using HMIC&rsquo;s checklist" in ctx, ctx
PY
  printf '<html><body><script>var a = "<p>not text</p>";</script></body></html>\n' > "$TMP/empty.html"
  expect_exit 2 "a page with no text in its body" -- "$WFOF" check "$TMP/empty.html"
  expect_contains "is an error naming the file" "$TMP/empty.html:1:1: error[E005]: document has no text (an HTML page with nothing in its body)"
  expect_exit 2 "a page over --max-file-size" -- "$WFOF" check --max-file-size 1000 fixtures/html/durham.html
  expect_contains "is refused by its size" "fixtures/html/durham.html:1:1: error[E002]: document is"
fi

if ((pdf == 1)); then
  echo "# PDFs"
  expect_exit 1 "the real releases as PDFs are checked" -- "$WFOF" check fixtures/pdf -f json -o "$TMP/pdf.json"
  schema_check PDF "$TMP/pdf.json"
  "$WFOF" check fixtures/real -f json -o "$TMP/real.json" >/dev/null 2>&1
  python3 - "$TMP/real.json" "$TMP/pdf.json" <<'PY' && pass "PDF: same subjects, verdicts and metrics as the text releases" || fail "PDF verdicts differ from the text releases"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda d: (d["subject"], [(i["id"], i["verdict"]) for i in d["items"]], d["metrics"])
assert [key(d) for d in a["documents"]] == [key(d) for d in b["documents"]], "differ"
PY
  # The page text at page/line/column is the evidence text, and start/end
  # are offsets into the extracted text (wfof inspect --text prints it,
  # a form feed before each page after the first).
  ok=1
  for f in fixtures/pdf/*.pdf; do
    "$WFOF" inspect --text "$f" > "$TMP/$(basename "$f").txt" || ok=0
  done
  python3 - "$TMP/pdf.json" "$TMP" <<'PY' && pass "PDF: every evidence text is at its page, line and column, and at [start,end) of the extracted text" || fail "PDF evidence does not point into the extracted text"
import json, os, sys
res = json.load(open(sys.argv[1]))
n = 0
for d in res["documents"]:
    raw = open(os.path.join(sys.argv[2], os.path.basename(d["path"]) + ".txt"), "rb").read().decode()
    pages = raw.split("\f")
    text = "".join(pages).encode()
    assert len(d["sha256"]) == 64
    for r in d["results"]:
        for e in r["evidence"]:
            assert text[e["start"]:e["end"]].decode() == e["text"], e
            lines = pages[e["page"] - 1].split("\n")
            first = e["text"].split("\n")[0]
            line = lines[e["line"] - 1]
            assert line[e["column"] - 1:].startswith(first), (e, line)
            assert e["end_page"] >= e["page"]
            n += 1
assert n > 50, n
print(f"{n} spans checked")
PY
  ((ok)) || fail "wfof inspect --text failed on a PDF"
  expect_exit 1 "PDF: SARIF" -- "$WFOF" check fixtures/pdf/durham.pdf -f sarif -o "$TMP/pdf.sarif"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]; assert r["properties"]["page"] >= 1, r' "$TMP/pdf.sarif" \
    && pass "SARIF regions of a PDF carry the page" || fail "no page in the SARIF region"
  expect_exit 0 "PDF: explain gives page and line" -- "$WFOF" explain --rule self-assessment fixtures/pdf/durham.pdf
  expect_contains "explain's evidence by page" "page 1, line 27:"
  expect_exit 1 "PDF positions in the text report" -- "$WFOF" check fixtures/pdf/durham.pdf
  expect_contains "page, line and column" "fixtures/pdf/durham.pdf, page 1, line 27:7: \"Since 2011 Durham Constabulary"
  expect_exit 1 "PDF positions in the Markdown report" -- "$WFOF" check fixtures/pdf/durham.pdf --report-dir "$TMP/rep"
  LAST_OUTPUT=$(cat "$TMP"/rep/*.md)
  expect_contains "Markdown says page and line" "fixtures/pdf/durham.pdf, page 1, line 27:7"
  LAST_OUTPUT=$(cat "$TMP"/rep/*.html)
  expect_contains "the HTML report shows the PDF's text with the evidence marked" "evidence ev-pass"
  expect_contains "positions by page there too" "page 1, line 27:7"

  echo "# PDFs that cannot be read"
  cp fixtures/pdf/durham.pdf "$TMP/durham-renamed.txt"
  expect_exit 1 "a PDF named .txt is read as a PDF" -- "$WFOF" check "$TMP/durham-renamed.txt" -f json -o "$TMP/renamed.json"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["documents"][0]; assert d["warnings"][0] == "read as PDF: the content is PDF, although the name ends in .txt", d["warnings"]' "$TMP/renamed.json" \
    && pass "with a warning in the results" || fail "no warning for a renamed PDF"
  head -c 2000 fixtures/pdf/durham.pdf > "$TMP/damaged.pdf"
  expect_exit 2 "a damaged PDF" -- "$WFOF" check "$TMP/damaged.pdf"
  expect_contains "is an error naming the file" "$TMP/damaged.pdf:1:1: error[E029]: cannot read PDF: damaged, or not a PDF file"
  printf 'just some text\n' > "$TMP/fake.pdf"
  expect_exit 2 "text named .pdf" -- "$WFOF" check "$TMP/fake.pdf"
  expect_contains "is not checked as prose" "$TMP/fake.pdf:1:1: error[E029]: cannot read PDF: damaged, or not a PDF file"
  expect_exit 2 "an image-only PDF" -- "$WFOF" check fixtures/bad/documents/image-only.pdf
  expect_contains "is an error saying why" \
    "fixtures/bad/documents/image-only.pdf:1:1: error[E029]: cannot read PDF: it has no text to read (1 page of images? a scan needs OCR first)"
  expect_exit 2 "an encrypted PDF" -- "$WFOF" check fixtures/bad/documents/encrypted.pdf
  expect_contains "is an error saying why" "fixtures/bad/documents/encrypted.pdf:1:1: error[E029]: cannot read PDF: it is encrypted and needs a password"
  expect_exit 2 "an unreadable PDF among good documents" -- "$WFOF" check fixtures/real/durham.txt "$TMP/damaged.pdf" fixtures/pdf/derbyshire.pdf
  expect_contains "names that file" "$TMP/damaged.pdf:1:1: error[E029]: cannot read PDF: damaged, or not a PDF file"
  expect_exit 2 "a PDF over --max-file-size" -- "$WFOF" check --max-file-size 1000 fixtures/pdf/durham.pdf
  expect_contains "is refused by its size" "fixtures/pdf/durham.pdf:1:1: error[E002]: document is"
fi

echo "# folder walks"
mkdir -p "$TMP/walk"
cp fixtures/real/durham.txt fixtures/html/derbyshire.html fixtures/pdf/staffordshire.pdf "$TMP/walk/"
cp fixtures/html/durham.html "$TMP/walk/leicester.htm"
if ((html == 1 && pdf == 1)); then
  expect_exit 1 "a folder of .txt, .html, .htm and .pdf" -- "$WFOF" check "$TMP/walk" -f json -o "$TMP/walk.json"
  python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["documents"]))' "$TMP/walk.json" | grep -qx 4 \
    && pass "all four documents are checked" || fail "the folder walk missed a format"
else
  expect_exit 2 "a folder with formats this build lacks" -- "$WFOF" check "$TMP/walk"
  expect_contains "names what it cannot read" "error: cannot read"
fi
finish
