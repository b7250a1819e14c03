"""The live preview (`make serve`, i.e. `mkdocs serve`) in a browser: a mistake saved in a module replaces the
session page the reader has open by the problems page, by itself; that page fits a 320 px phone even when a
problem quotes a long word; and once the file is fixed, the session page comes back by itself."""

from __future__ import annotations

import html

from test_serve import preview, wait_for  # noqa: F401 - preview is the fixture: a copy of the project served

from .course import COURSE, WORDS, session_page
from .tour import SCROLL

# A field name as long as a Danish compound can get, with no hyphen or space to break the line at.
LONG_WORD = "beskrivelsenafvaerktoejetsomdeltagerneskallaeseforsessionenogefterden"

# Whatever inside a problem block is wider than its own box (text cut off rather than wrapped).
CLIPPED = """() => Array.from(document.querySelectorAll('.md-content .admonition, .md-content .admonition *'))
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth} > ${e.clientWidth}`)"""

# The page's main heading contains the text: a function, never a string the page's policy would refuse.
HEADING = "text => (document.querySelector('.md-content h1')?.textContent || '').includes(text)"


def test_a_mistake_replaces_the_open_session_page_fits_320_px_and_the_page_comes_back(preview, browser):  # noqa: F811
    project, url, _ = preview
    session = COURSE.curriculum.sessions[COURSE.run.sessions[0].module]
    address = f"{url}/{session_page(session.id)}"
    wait_for(address, html.escape(session.title, quote=False), timeout=120)  # the first build is done
    file = project / "modules" / "sessions" / f"{session.id}.yml"
    original = file.read_text("utf-8")

    context = browser.new_context(viewport={"width": 320, "height": 640}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(address)
        page.wait_for_function(HEADING, arg=session.title)

        file.write_text(original + f"{LONG_WORD}: Kopieret fra et andet dokument.\n", encoding="utf-8")
        page.wait_for_function(HEADING, arg=WORDS("problems.title"), timeout=60_000)  # the preview reloads it
        assert page.url == address
        shown = page.locator(".md-content .admonition").all_inner_texts()
        assert len(shown) == 1
        assert f"modules/sessions/{session.id}.yml" in shown[0].replace("\n", "") and LONG_WORD in shown[0]
        assert page.evaluate(SCROLL) == {"scroll": 320, "client": 320, "wide": []}
        assert page.evaluate(CLIPPED) == []

        file.write_text(original, encoding="utf-8")
        page.wait_for_function(HEADING, arg=session.title, timeout=60_000)  # back by itself
        assert page.url == address
    finally:
        context.close()
