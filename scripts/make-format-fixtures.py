#!/usr/bin/python3
"""Generates fixtures/html/ and fixtures/pdf/ from the real releases.

The five releases in fixtures/real/ are plain text (with some Markdown) as
HMIC's site served them; they were published as web pages and PDFs. This
script renders each one as both, so the tests measure reading them in the
form users have:

  fixtures/html/<name>.html  a press-release page: <nav>, a site <header>,
                             <h1> headline, <p> paragraphs, <ul><li> findings,
                             the statement in a <blockquote>, <ol> notes, a
                             <footer> and <script>s; curly quotes and accents
                             as entities, paragraphs wrapped in the source as
                             authors' editors do
  fixtures/pdf/<name>.pdf    an A4 document set with ReportLab (Debian's
                             python3-reportlab): headline, paragraphs,
                             bulleted findings, numbered notes, and on every
                             page a running header and a "Page N of M" footer

and copies <name>.expected.yaml beside each (same verdicts and metrics);
and two PDFs that cannot be read, in fixtures/bad/documents/ (image-only,
encrypted).
The generated files are committed; the tests never run this script.
Usage: scripts/make-format-fixtures.py   (Debian's /usr/bin/python3, which sees python3-reportlab)
"""
import html
import pathlib
import re
import shutil
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL = ROOT / "fixtures" / "real"


def parse(text):
    """The release as blocks: (kind, text) with kind one of headline, p,
    ul, ol, notes-heading, quote (a list of paragraphs). Markdown emphasis
    is kept as *...* for the renderers."""
    paras = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    blocks = []
    quote = None
    for i, p in enumerate(paras):
        lines = p.split("\n")
        clean = re.sub(r"^#+\s*", "", p).replace("**", "")
        if i == 0:
            blocks.append(("headline", clean))
        elif re.fullmatch(r"notes to editors:?", clean.strip().lower()):
            blocks.append(("notes-heading", clean.strip()))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(("ul", [line[2:] for line in lines]))
        elif all(re.match(r"\d+\. ", line) for line in lines):
            blocks.append(("ol", [re.sub(r"^\d+\. ", "", line) for line in lines]))
        else:
            # The statement: from the paragraph opening with a quotation mark
            # to the one that closes it (some releases italicise it: *“…*).
            body = clean
            whole = re.fullmatch(r"\*([^*]+)\*", body)
            if whole and (quote is not None or whole.group(1).startswith("\u201c")):
                body = whole.group(1)
            if quote is None and body.startswith("\u201c"):
                quote = []
                blocks.append(("quote", quote))
            if quote is not None:
                quote.append(body)
                if body.rstrip().endswith("\u201d"):
                    quote = None
            else:
                blocks.append(("p", clean))
    return blocks


# --- HTML ------------------------------------------------------------------

ENTITIES = {"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;",
            "\u00eb": "&euml;", "\u2013": "&ndash;", "\u00a0": "&nbsp;"}


def inline_html(s):
    s = html.escape(s, quote=False)
    for ch, ent in ENTITIES.items():
        s = s.replace(ch, ent)
    s = re.sub(r"\[([^]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', s)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", s)


def wrap(s, indent):
    # Source lines wrapped at 100 columns, as an editor saves them: the
    # reader must collapse the line breaks and still map every byte back.
    return textwrap.fill(s, width=100, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_html(name, blocks):
    title = blocks[0][1]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{inline_html(title)} - HMIC</title>",
        "<style>body{font-family:Arial,sans-serif;max-width:48em;margin:auto} nav a{margin-right:1em}</style>",
        "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'page': 'news'});</script>",
        "</head>",
        "<body>",
        '<nav aria-label="Site"><a href="/">Home</a> <a href="/news/">News</a> <a href="/publications/">Publications</a>'
        ' <a href="/contact/">Contact us</a></nav>',
        "<header>",
        '  <p class="site-name">HMIC &ndash; Her Majesty&rsquo;s Inspectorate of Constabulary</p>',
        '  <p class="breadcrumb">Home &gt; News &gt; News releases &gt; 2012</p>',
        "</header>",
        '<main id="content">',
        "<article>",
    ]
    for kind, body in blocks:
        if kind == "headline":
            out.append(f"  <h1>{inline_html(body)}</h1>")
        elif kind == "p":
            out.append("  <p>\n" + wrap(inline_html(body), "    ") + "\n  </p>")
        elif kind == "notes-heading":
            out.append(f"  <h2>{inline_html(body)}</h2>")
        elif kind in ("ul", "ol"):
            out.append(f"  <{kind}>")
            for item in body:
                out.append("    <li>" + wrap(inline_html(item), "      ").lstrip() + "</li>")
            out.append(f"  </{kind}>")
        elif kind == "quote":
            out.append("  <blockquote>")
            for q in body:
                out.append("    <p>" + wrap(inline_html(q), "      ").lstrip() + "</p>")
            out.append("  </blockquote>")
    out += [
        "</article>",
        "</main>",
        "<footer>",
        '  <p>&copy; Crown copyright 2012. <a href="/privacy/">Privacy</a> <a href="/accessibility/">Accessibility</a></p>',
        "</footer>",
        '<script src="/js/site.js"></script>',
        "<script>if (document.querySelector('nav')) { console.log('menu ready'); }</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(line for line in out if line != "")


# --- PDF -------------------------------------------------------------------

def render_pdf(path, name, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=11, leading=14,
                          spaceAfter=8)
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=12)
    sub = ParagraphStyle("sub", parent=body, fontName="Helvetica-Bold", fontSize=12, spaceBefore=6)
    quote = ParagraphStyle("quote", parent=body, leftIndent=12 * mm, fontName="Helvetica-Oblique")

    def markup(s):
        s = html.escape(s, quote=False)
        s = re.sub(r"\[([^]]+)\]\(([^)]+)\)", r"\1", s)
        return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", s)

    def story():
        # Built afresh for each pass: ReportLab consumes flowables.
        out = []
        for kind, content in blocks:
            if kind == "headline":
                out.append(Paragraph(markup(content), head))
            elif kind == "p":
                out.append(Paragraph(markup(content), body))
            elif kind == "notes-heading":
                out.append(Paragraph(markup(content), sub))
            elif kind in ("ul", "ol"):
                items = [ListItem(Paragraph(markup(i), body), leftIndent=8 * mm) for i in content]
                if kind == "ul":
                    out.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=8 * mm,
                                            bulletFontName="Helvetica"))
                else:
                    out.append(ListFlowable(items, bulletType="1", bulletFormat="%s.", leftIndent=8 * mm,
                                            bulletFontName="Helvetica"))
            elif kind == "quote":
                for q in content:
                    out.append(Paragraph(markup(q), quote))
            out.append(Spacer(1, 2 * mm))
        return out

    class Doc(SimpleDocTemplate):
        pages = 0

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, "HMIC 2012")
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {doc.page} of {Doc.pages}")
        canvas.restoreState()

    def build(target):
        doc = Doc(str(target), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                  bottomMargin=22 * mm, title=blocks[0][1], author="HMIC", creator="wfof fixtures",
                  producer="ReportLab", invariant=1)
        doc.build(story(), onFirstPage=furniture, onLaterPages=furniture)
        return doc.page

    # Twice: the first pass counts the pages for "Page N of M".
    Doc.pages = build(path)
    build(path)


def render_bad_pdfs():
    """PDFs that cannot be read: one whose only page is an image (a scan
    with no text layer), and one encrypted with a user password."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    bad = ROOT / "fixtures" / "bad" / "documents"
    c = canvas.Canvas(str(bad / "image-only.pdf"), pagesize=A4, invariant=1)
    # A "scanned" page: grey bands where lines of text were, no text.
    for y in range(700, 300, -18):
        c.setFillGray(0.4)
        c.rect(60, y, 470, 9, stroke=0, fill=1)
    c.showPage()
    c.save()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    c = canvas.Canvas(str(bad / "encrypted.pdf"), pagesize=A4, invariant=1, encrypt=enc)
    c.drawString(72, 760, "Lockshire Police has made some improvements to how it manages integrity issues")
    c.showPage()
    c.save()
    print("fixtures/bad/documents/image-only.pdf fixtures/bad/documents/encrypted.pdf")


def main():
    for sub in ("html", "pdf"):
        (ROOT / "fixtures" / sub).mkdir(parents=True, exist_ok=True)
    for txt in sorted(REAL.glob("*.txt")):
        name = txt.stem
        blocks = parse(txt.read_text(encoding="utf-8"))
        (ROOT / "fixtures" / "html" / f"{name}.html").write_text(render_html(name, blocks), encoding="utf-8")
        render_pdf(ROOT / "fixtures" / "pdf" / f"{name}.pdf", name, blocks)
        for sub in ("html", "pdf"):
            shutil.copyfile(REAL / f"{name}.expected.yaml", ROOT / "fixtures" / sub / f"{name}.expected.yaml")
        print(f"fixtures/html/{name}.html fixtures/pdf/{name}.pdf")
    render_bad_pdfs()


if __name__ == "__main__":
    main()
