"""What WCAG asks of the markup itself, checked on the built sites, where the course's pages, the pictures' own
headings and the theme's markup meet: headings go down one level at a time (h1, h2, h3; never h2 -> h4: 1.3.1
as the Nu HTML Checker and Lighthouse's "heading order" read it), and every dialog has a name (4.1.2)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[tuple[int, int]] = []  # (level, line)
        self.unnamed_dialogs: list[int] = []  # lines
        self.article: tuple[int, int] | None = None  # the lines of the page's own text (Material's <article>)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append((int(tag[1]), self.getpos()[0]))
        if tag == "article" and not self._depth:
            self.article = (self.getpos()[0], 0)
        if self.article and not self.article[1] and tag == "article":
            self._depth += 1
        named = dict(attrs)
        if (tag == "dialog" or named.get("role") in ("dialog", "alertdialog")) and not (
            (named.get("aria-label") or "").strip() or named.get("aria-labelledby")
        ):
            self.unnamed_dialogs.append(self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article and not self.article[1]:
            self._depth -= 1
            if not self._depth:
                self.article = (self.article[0], self.getpos()[0])


def _parsed(html: str) -> _Headings:
    parser = _Headings()
    parser.feed(html)
    return parser


def skipped_levels(html: str) -> list[str]:
    """Where a heading is more than one level below the one before it (the first may be h1 only)."""
    parser = _parsed(html)
    found, previous = [], 0
    for level, line in parser.levels:
        if level > previous + 1:
            found.append(f"h{previous} -> h{level} at line {line}" if previous else f"h{level} first, line {line}")
        previous = level
    return found


def test_skipped_levels_are_found():
    assert skipped_levels("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2><h3>e</h3>") == []
    assert skipped_levels("<h1>a</h1>\n<h2>b</h2>\n<h4>c</h4>") == ["h2 -> h4 at line 3"]
    assert skipped_levels("<h2>a</h2>") == ["h2 first, line 1"]
    assert _parsed('<div role="dialog">\n<dialog aria-label=" ">\n<dialog aria-label="Søg">').unnamed_dialogs == [1, 2]


@pytest.mark.published
@pytest.mark.parametrize("edition", ["course_site", "course_instructor_site"])
def test_no_built_page_skips_a_heading_level(edition, request):
    site: Path = request.getfixturevalue(edition)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    found = {
        str(page.relative_to(site)): skipped for page in pages if (skipped := skipped_levels(page.read_text("utf-8")))
    }
    assert found == {}


@pytest.mark.published
@pytest.mark.parametrize("edition", ["course_site", "course_instructor_site"])
def test_every_dialog_of_every_built_page_has_a_name(edition, request):
    """Material's search box is a dialog (role="dialog"): the theme's override names it (overrides/main.html)."""
    site: Path = request.getfixturevalue(edition)
    found = {
        str(page.relative_to(site)): unnamed
        for page in sorted(site.rglob("*.html"))
        if (unnamed := _parsed(page.read_text("utf-8")).unnamed_dialogs)
    }
    assert found == {}
    assert 'role="dialog" aria-label=' in (site / "index.html").read_text("utf-8")
