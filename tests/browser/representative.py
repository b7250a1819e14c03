"""The representative pages of a built site: the fewest pages that together hold every kind of element it has.

The tour (tour.py) audits every page in the light palette at a desktop's width. The checks that repeat an
audit in the dark palette or at a phone's or a tablet's width ask what changes with the palette or the width:
the colours and the layout that the style sheets give each kind of element. A kind of element is its tag
with its classes (and an input's or a button's type) under a parent of its kind: ``a.md-nav__link`` in
``li.md-nav__item``, ``td`` in ``tr``, ``g.course-wheel__cell`` in ``svg.course-wheel``. The representative pages
hold each kind that occurs on any page of the site at least once, so each colour and rule of the style
sheets that a page can show is seen in each palette and at each width. What a page's own text or size can
change (a word too long for a phone, a table too wide) is measured on every page, at every width, by the
layout tour (test_layout.py).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .server import file_for

# Elements with no end tag: they are never the parent of another.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Kinds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, kind) of each element not yet closed
        self.kinds: set[tuple[str, str]] = set()  # (the parent's kind, the element's kind)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        kind = ".".join([tag, *sorted((values.get("class") or "").split())])
        if tag in ("input", "button") and values.get("type"):
            kind += f"[type={values['type']}]"
        self.kinds.add((self.open[-1][1] if self.open else "", kind))
        if tag not in _VOID:
            self.open.append((tag, kind))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for at in range(len(self.open) - 1, -1, -1):  # close it and what was left open inside it
            if self.open[at][0] == tag:
                del self.open[at:]
                break


def kinds(html: str) -> set[tuple[str, str]]:
    """Every kind of element of a page, each under the kind of its parent."""
    parser = _Kinds()
    parser.feed(html)
    parser.close()
    return parser.kinds


def representative(site: Path, paths: list[str]) -> list[str]:
    """The pages of ``paths`` (URL paths of the built ``site``) that together hold every kind of element of
    them all: each time the page with the most kinds not yet held (the front page first among equals)."""
    files = {path: file_for(site, path) for path in paths}
    found = {path: kinds(file.read_text("utf-8")) for path, file in files.items() if file is not None}
    assert len(found) == len(paths), f"no built file for {sorted(set(paths) - set(found))}"
    missing = set().union(*found.values())
    chosen: list[str] = []
    while missing:
        best = max(paths, key=lambda path: (len(found[path] & missing), path == ""))
        chosen.append(best)
        missing -= found[best]
    return chosen
