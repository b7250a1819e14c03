"""A strict Content-Security-Policy for every built page: HTML in, HTML out.

Static hosts cannot be trusted to send headers, so the policy travels in the page as a
``<meta http-equiv="Content-Security-Policy">`` at the top of ``<head>``. It allows scripts,
styles, images, fonts and connections only from the site itself; the theme's inline scripts
are allowed by their SHA-256 hashes, computed for each page (Material's differ per page: they
hold the page's base URL).

Which inline scripts count as the theme's: those whose every enclosing element is one of
``html``, ``head``, ``body``, ``div``, ``main``, ``header`` or ``nav`` — the page's frame (Material
puts its palette script straight into the header's ``nav``). Text from course files always lands
in content (``article``) or inside a text element of the frame — a link, a list item, a label, a
``span``, a heading, ``<title>`` — so a script that got there by a bug is never hashed: it would
not run, and the browser would report it.

Inline ``style`` attributes (the engine's pictures size and place their parts with them) are
allowed one by one with ``'unsafe-hashes'`` and the hash of each value found in the page; no
``<style>`` element and no other attribute value is allowed.

A theme whose scripts write ``style`` attributes (Zensical's search box does) needs inline styles: its
front end passes ``inline_styles=True``, which allows them all (``'unsafe-inline'`` for styles only;
scripts stay limited to the site and the hashed frame scripts, and images, fonts and connections to
the site itself, so a style can neither run anything nor fetch from another host).

Nothing here imports a site builder: any front end applies ``apply`` to each built page.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

#: The frame of a page: an inline script only inside these elements is the theme's.
FRAME = frozenset({"html", "head", "body", "div", "main", "header", "nav"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _Scanner(HTMLParser):
    """Finds the inline scripts of the page's frame and the values of style attributes."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_offsets = [0]
        for line in page.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))
        self.stack: list[str] = []
        self.script: tuple[int, bool] | None = None  # (offset of its text, trusted)
        self.trusted: list[str] = []
        self.untrusted: list[str] = []
        self.styles: list[str] = []
        self.head_end: int | None = None  # offset just after the <head> start tag

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value:
                self.styles.append(value)
        end = self._offset() + len(self.get_starttag_text() or "")
        if tag == "head" and self.head_end is None:
            self.head_end = end
        elif (
            tag == "meta"
            and self.stack == ["html", "head"]
            and self.head_end is not None
            and any(name == "charset" for name, _ in attrs)
            and not self.page[self.head_end : end - len(self.get_starttag_text() or "")].strip()
        ):
            self.head_end = end  # keep <meta charset> first, within the page's first 1024 bytes
        if tag == "script":
            kind = (dict(attrs).get("type") or "").strip().lower()
            if dict(attrs).get("src") is None and kind in _SCRIPT_TYPES:
                self.script = (end, all(t in FRAME for t in self.stack))
            return  # a script's end tag always follows; it is not pushed
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value:
                self.styles.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self.script is not None:
                start, trusted = self.script
                text = self.page[start : self._offset()]
                (self.trusted if trusted else self.untrusted).append(text)
            self.script = None
            return
        if tag in self.stack:  # close it, and whatever was left open inside it
            while self.stack and self.stack.pop() != tag:
                pass


def _scan(page: str) -> _Scanner:
    scanner = _Scanner(page)
    scanner.feed(page)
    scanner.close()
    return scanner


def policy(page: str, inline_styles: bool = False) -> str:
    """The Content-Security-Policy for one built page."""
    return _policy(_scan(page), inline_styles)


def _style_source(scanner: _Scanner, inline_styles: bool) -> str:
    if inline_styles:  # a hash in the list would make browsers ignore 'unsafe-inline': none is given
        return "style-src 'self' 'unsafe-inline'"
    styles = " ".join(sorted({_digest(text) for text in scanner.styles}))
    return f"style-src 'self' 'unsafe-hashes' {styles}" if styles else "style-src 'self'"


def _policy(scanner: _Scanner, inline_styles: bool = False) -> str:
    scripts = " ".join(sorted({_digest(text) for text in scanner.trusted}))
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {scripts}".rstrip(),
            _style_source(scanner, inline_styles),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def apply(page: str, inline_styles: bool = False) -> str:
    """``page`` with its Content-Security-Policy as the first element of ``<head>``.

    A page without ``<head>`` (not a complete HTML page) is returned unchanged. ``inline_styles``: see above.
    """
    scanner = _scan(page)
    if scanner.head_end is None:
        return page
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{_policy(scanner, inline_styles)}">'
    return page[: scanner.head_end] + meta + page[scanner.head_end :]


def inline_scripts(page: str) -> tuple[list[str], list[str]]:
    """The page's inline scripts: (the theme's, those inside content, navigation, header or footer)."""
    scanner = _scan(page)
    return scanner.trusted, scanner.untrusted
