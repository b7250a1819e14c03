"""`make pdf`: the handbook of a built edition as a tagged PDF, printed by Debian's headless Chromium.

    python -m curriculum.pdf SITE_DIR OUT.pdf
    python -m curriculum.pdf SITE_DIR OUT_DIR [participant|instructor]
    python -m curriculum.pdf --into SITE_DIR [--required]

It says which run's handbook it printed (the name on the handbook's cover). ``make pdf RUN=<id>`` prints
another run than mkdocs.yml's, from builds of its own: site/ is never replaced by another run's build.

The second form (``make pdf``'s) names the file in the folder from the course's language
(``haandbog-deltagerudgave.pdf``, ``handbook-participant-edition.pdf``; the catalogue's ``pdf.file``). The language is the built site's ``<html lang>``; the
handbook's address, the running footer ("Side n af m") and the file name come from its catalogue.

The built site is served on 127.0.0.1 and its handbook page (``haandbog/``) printed with Playwright's
``page.pdf``: A4, the print style sheet (each session on a new page, no navigation, link addresses
written out), a header with the document's title and a footer with page numbers, a PDF outline
(bookmarks) from the headings, and tagged for accessibility (``tagged=True``: headings, lists, tables
and the language from ``<html lang>``). The first page is the handbook's cover (course, run, edition, the
day it was printed); the instructor edition's mark (the catalogue's ``handbook.instructor_only``, taken from
the page) is in the header of every page. The table of contents gets page numbers in a
second pass: the first print is read with poppler's ``pdftotext`` to find the page each section starts
on. Without ``pdftotext`` the PDF is still made, with a table of contents without page numbers.
Then (pikepdf) what Chromium leaves out for PDF/UA: XMP metadata with the title and the language, and a
description (``/Contents``) on every link: the link's own text in the page. Every figure has its
alternative text from the page itself (a picture's ``<figure>`` and ``<svg role="img">`` are named).

The third form (``make site``'s) puts the handbook's PDF into the built site beside the handbook page and links
it from the page (``publish``): the link, in the catalogue's words with the file's size, is added to the page's
print button only once the file is there, so a site built without it (``mkdocs build``, ``make serve``, a
machine without Chromium) has no link that leads nowhere. Without Chromium it says so and leaves the site as
it is; with ``--required`` (the publish workflow) it fails instead.

Never a browser that Playwright downloads: the system's /usr/bin/chromium (``make chromium``
installs it). Nothing is fetched from any other host while printing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .headless import ARGS, CHROMIUM, serve
from .messages import Messages
from .say import say, speaking

MARGIN = {"top": "20mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}

# Header and footer are drawn by Chromium outside the page's own styles: inline styles only.
# The classes title, pageNumber and totalPages are filled in by Chromium.
HEADER = '<div style="width:100%;margin:0 16mm;font:8px sans-serif;color:#333;"><span class="title"></span></div>'
# The instructor edition's mark (from the page) at the right of every page's header.
MARKED_HEADER = (
    '<div style="width:100%;margin:0 16mm;font:8px sans-serif;color:#333;display:flex;'
    'justify-content:space-between;"><span class="title"></span>'
    '<span style="font-weight:bold;border:1px solid #333;padding:0 4px;">{mark}</span></div>'
)
_FOOTER = '<div style="width:100%;margin:0 16mm;font:8px sans-serif;color:#333;text-align:right;">{words}</div>'


def _said(site: Path | str, key: str, /, **facts: Any) -> str:
    """The catalogue's words ``key`` in the language of the built site in ``site``."""
    with speaking(site_language(Path(site))):
        return say(key, **facts)


def footer(messages: Messages) -> str:
    """``Side n af m`` in the site's language, the numbers filled in by Chromium."""
    words = messages("pdf.page_of", page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>')
    return _FOOTER.format(words=words)


def site_language(site: Path) -> str:
    """The language of a built site: its front page's ``<html lang>`` (Danish when it has none)."""
    index = site / "index.html"
    head = index.read_text("utf-8", errors="replace")[:2000] if index.is_file() else ""
    match = re.search(r'<html[^>]*\blang="([^"]+)"', head)
    return match.group(1) if match else "da"


def file_name(messages: Messages, edition: str) -> str:
    """``haandbog-deltagerudgave.pdf``: the handbook's file name in the site's language."""
    return messages("pdf.file", edition=messages(f"pdf.edition_files.{edition}"))


# The document's title (the PDF's Title, and the header) is the handbook's heading and its edition.
# Links to other pages of the site lead nowhere on paper: they become plain text. Links to an anchor
# on the page (the table of contents, "see the figure under …") stay, as links inside the PDF; links to
# other sites stay, and print.css writes out their address.
_PREPARE = """(base) => {
  for (const a of Array.from(document.querySelectorAll('article a[href]:not(.course-screen-only)'))) {
    const url = new URL(a.href, location.href);
    const here = url.origin === location.origin && url.pathname === location.pathname && url.hash;
    if (url.origin === new URL(base).origin && !here) {
      a.replaceWith(...a.childNodes);
    }
  }
  // The cover says when it was printed, in the course's language with its region (en-GB: 7 December 2026),
  // which the date's own lang attribute names (the theme's may be the language alone).
  const printed = document.querySelector('.course-handbook__cover-printed');
  if (printed) {
    const date = printed.querySelector('[data-course-printed]');
    const when = new Date().toLocaleDateString(date.lang || document.documentElement.lang || undefined,
                                               { day: 'numeric', month: 'long', year: 'numeric' });
    date.textContent = when;
    printed.removeAttribute('hidden');
  }
  // The instructor edition's mark goes into the header of every page (below) instead of the page itself.
  const mark = document.querySelector('[data-course-print-mark]');
  const markText = mark ? mark.textContent.trim() : '';
  if (mark) mark.remove();
  const edition = document.querySelector('.course-handbook__edition');
  const title = document.querySelector('article h1');
  if (title) {
    const copy = title.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(link => link.remove());
    document.title = copy.textContent.trim() + (edition ? ' – ' + edition.textContent.trim() : '');
  }
  return document.fonts.ready.then(() => ({ mark: markText, cover: !!document.querySelector('.course-handbook__cover') }));
}"""

# The heading each entry of the table of contents leads to, as text (without its permalink sign).
_TARGETS = """() => Array.from(document.querySelectorAll('[data-course-toc]'), e => {
  const target = document.getElementById(e.dataset.courseToc);
  if (!target) return [e.dataset.courseToc, ''];
  const copy = target.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach(link => link.remove());
  return [e.dataset.courseToc, copy.textContent.replace(/\\s+/g, ' ').trim()];
})"""

# Each link's own words, by where it leads: '#id' for a link inside the page, the address for one out.
_LINK_TEXTS = """() => {
  const texts = {};
  for (const a of document.querySelectorAll('article a[href]')) {
    const copy = a.cloneNode(true);
    copy.querySelectorAll('.headerlink, [aria-hidden="true"]').forEach(e => e.remove());
    const text = (a.getAttribute('aria-label') || copy.textContent).replace(/\\s+/g, ' ').trim();
    const href = a.getAttribute('href');
    const key = href.startsWith('#') ? '#' + decodeURIComponent(href.slice(1)) : a.href;
    if (text && !(key in texts)) texts[key] = text;
  }
  return texts;
}"""


def describe_links(pdf: Any, texts: dict[str, str]) -> int:
    """Give every link annotation a description (``/Contents``): its text in the page (and a link out its
    address), else where it leads (PDF/UA, for screen readers). Returns how many links were described."""
    import pikepdf

    described = 0
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                target = str(action.get("/URI"))
                words = f"{texts[target]} ({target})" if texts.get(target, target) != target else target
            else:
                dest = annot.get("/Dest", action.get("/D") if action is not None else None)
                target = "#" + str(dest).lstrip("/") if isinstance(dest, (pikepdf.Name, pikepdf.String)) else ""
                words = texts.get(target, target.lstrip("#"))
            if words:
                annot.Contents = pikepdf.String(words)
                described += 1
    return described


def finish(path: Path, language: str, texts: dict[str, str]) -> None:
    """What Chromium leaves out, added to its PDF in place: XMP metadata (the document's title and language,
    as its Info and catalogue have them) and a description on every link."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        title = str(pdf.docinfo.get("/Title", ""))
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            if title:
                meta["dc:title"] = title
            meta["dc:language"] = [language]
        describe_links(pdf, texts)
        pdf.save(path)


_NUMBER = """(pages) => {
  for (const [id, page] of Object.entries(pages)) {
    const slot = document.querySelector(`[data-course-toc="${id}"]`);
    if (slot) slot.textContent = String(page);
  }
}"""


def page_texts(pdf: Path) -> list[str] | None:
    """The text of each page (poppler's pdftotext), whitespace collapsed; None without pdftotext."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    out = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = out.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(page.split()) for page in pages]


def section_pages(pages: list[str], targets: list[tuple[str, str]], contents_page: int = 1) -> dict[str, int]:
    """The page (1-based) each section starts on: the first page after the table of contents (on page
    ``contents_page``; 2 after a cover) whose text has the section's heading, searched in the sections' order."""
    found: dict[str, int] = {}
    start = contents_page  # no section starts on the table of contents' page or before it
    for key, heading in targets:
        if not heading:
            continue
        for number in range(start, len(pages)):
            if heading in pages[number]:
                found[key] = number + 1
                start = number + 1
                break
    return found


def _launch(playwright):
    if not (CHROMIUM.is_file()):
        raise SystemExit(say("report.pdf.no_chromium", path=CHROMIUM))
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)


def print_handbook(site: Path | str, out: Path | str, *, browser=None) -> Path:
    """Print the handbook of the built edition in ``site`` to ``out``; returns ``out``.

    ``browser``: a Playwright Chromium already running (the tests share theirs); else one is started.
    """
    site, out = Path(site), Path(out)
    messages = Messages(site_language(site))
    handbook = messages("addresses.handbook") + "/"
    if not (site / handbook / "index.html").is_file():
        raise SystemExit(_said(site, "report.pdf.no_handbook", site=site, page=handbook))
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = _launch(playwright)
            try:
                return print_handbook(site, out, browser=own)
            finally:
                own.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    with serve(site) as base:
        context = browser.new_context(locale=messages.language, service_workers="block")
        host = urlsplit(base)[:2]
        context.route(
            lambda url: tuple(urlsplit(url)[:2]) != host and not url.startswith("data:"), lambda route: route.abort()
        )
        try:
            page = context.new_page()
            page.goto(base + handbook, wait_until="load")
            page.emulate_media(media="print")
            prepared = page.evaluate(_PREPARE, base)
            header = MARKED_HEADER.format(mark=html.escape(prepared["mark"])) if prepared["mark"] else HEADER
            options = dict(
                format="A4",
                margin=MARGIN,
                print_background=True,
                display_header_footer=True,
                header_template=header,
                footer_template=footer(messages),
                tagged=True,
                outline=True,
            )
            with tempfile.TemporaryDirectory() as tmp:
                first = Path(tmp) / "first.pdf"
                page.pdf(path=str(first), **options)
                texts = page_texts(first)
                if texts is None:
                    print(_said(site, "report.pdf.no_pdftotext"), file=sys.stderr)
                    shutil.copyfile(first, out)
                    finish(out, messages.language, page.evaluate(_LINK_TEXTS))
                    return out
                numbers = section_pages(
                    texts, [tuple(t) for t in page.evaluate(_TARGETS)], contents_page=2 if prepared["cover"] else 1
                )
            page.evaluate(_NUMBER, {key: value for key, value in numbers.items()})
            page.pdf(path=str(out), **options)
            finish(out, messages.language, page.evaluate(_LINK_TEXTS))
        finally:
            context.close()
    return out


def output(site: Path | str, out: Path | str, edition: str = "participant") -> Path:
    """Where ``python -m curriculum.pdf SITE OUT [EDITION]`` writes: ``OUT`` when it names a .pdf file, else
    the file in the folder ``OUT`` named from the catalogue of the site's language (``make pdf``:
    ``pdf/haandbog-deltagerudgave.pdf`` for KDL, ``pdf/handbook-participant-edition.pdf`` in English)."""
    out = Path(out)
    if out.suffix.lower() == ".pdf":
        return out
    return out / file_name(Messages(site_language(Path(site))), edition)


def printed_run(site: Path | str) -> str:
    """The name of the run whose handbook the built edition in ``site`` holds (its cover's), or ''."""
    site = Path(site)
    page = site / Messages(site_language(site))("addresses.handbook") / "index.html"
    text = page.read_text("utf-8", errors="replace") if page.is_file() else ""
    found = re.search(r'class="course-handbook__cover-run">(.*?)<br', text, re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", found.group(1))).strip() if found else ""


# The handbook page's paragraph with the print button (templates/handbook.md.j2), where the PDF's link goes.
_ACTIONS = re.compile(r"(<p\b[^>]*\bdata-course-handbook-actions\b[^>]*>)(.*?)(</p>)", re.S)
# A link added before (publishing into the same site again replaces it).
_PDF_LINK = re.compile(r"\s*<a\b[^>]*\bdata-course-pdf\b[^>]*>.*?</a>", re.S)


def handbook_page(site: Path) -> tuple[Path, Messages]:
    """The built handbook page of the edition in ``site``, and the messages of the site's language."""
    messages = Messages(site_language(site))
    page = site / messages("addresses.handbook") / "index.html"
    if not page.is_file():
        raise SystemExit(_said(site, "report.pdf.no_handbook", site=site, page=page.relative_to(site)))
    return page, messages


def edition_of(page: Path) -> str:
    """``instructor`` when the built handbook page carries the instructor edition's mark, else ``participant``."""
    return "instructor" if "data-course-print-mark" in page.read_text("utf-8") else "participant"


def link(site: Path | str, pdf: Path | str) -> None:
    """Link the handbook page of the built edition in ``site`` to its PDF ``pdf``, a file beside the page: a
    button beside the print button with the catalogue's words (``handbook.pdf_link``) and the file's size."""
    site, pdf = Path(site), Path(pdf)
    page, messages = handbook_page(site)
    if not pdf.is_file() or pdf.parent.resolve() != page.parent.resolve():
        raise SystemExit(_said(site, "report.pdf.not_beside", pdf=pdf, page=page))
    text = page.read_text("utf-8")
    found = _ACTIONS.search(text)
    if found is None:
        raise SystemExit(_said(site, "report.pdf.no_actions", page=page))
    words = messages("handbook.pdf_link", size=messages.file_size(pdf.stat().st_size))
    anchor = (
        f'<a class="md-button" href="{html.escape(quote(pdf.name))}" type="application/pdf" data-course-pdf>'
        f"{html.escape(words, quote=False)}</a>"
    )
    inside = _PDF_LINK.sub("", found.group(2)) + " " + anchor
    page.write_text(text[: found.start(2)] + inside + text[found.end(2) :], encoding="utf-8")


def publish(site: Path | str, *, required: bool = False) -> Path | None:
    """``make site``: print the handbook of the built edition in ``site`` into the site, beside the handbook page
    (named as ``make pdf`` names it), and link it from the page. Returns the PDF; None without Chromium, when the
    site is left as it is (``required``: stop instead)."""
    site = Path(site)
    page, messages = handbook_page(site)
    if not CHROMIUM.is_file():
        if required:
            raise SystemExit(_said(site, "report.pdf.no_chromium", path=CHROMIUM))
        print(_said(site, "report.pdf.no_chromium_optional", path=CHROMIUM), file=sys.stderr)
        return None
    out = page.parent / file_name(messages, edition_of(page))
    with tempfile.TemporaryDirectory() as tmp:
        printed = print_handbook(site, Path(tmp) / out.name)
        shutil.move(printed, out)
    link(site, out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[1] if args[:1] == ["--into"] and len(args) > 1 else args[0] if args else ".")
    with speaking(site_language(site)):  # in the language of the site it prints
        return _main(args)


def _main(args: list[str]) -> int:
    if args[:1] == ["--into"] and len(args) in (2, 3) and args[2:] in ([], ["--required"]):
        out = publish(args[1], required=args[2:] == ["--required"])
        if out is not None:
            where = out.relative_to(args[1]).as_posix()
            run = printed_run(args[1]) or say("report.pdf.run_not_named")
            print(say("report.pdf.published", run=run, where=where))
        return 0
    if len(args) not in (2, 3) or (len(args) == 3 and args[2] not in ("participant", "instructor")):
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    edition = args[2] if len(args) == 3 else "participant"
    out = print_handbook(args[0], output(args[0], args[1], edition))
    run = printed_run(args[0]) or say("report.pdf.run_not_named")
    print(
        say(
            "report.pdf.wrote",
            out=out,
            edition=Messages(site_language(Path(args[0])))(f"editions.{edition}").lower(),
            run=run,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
