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

How a page is read: the elements that enclose each script are those Python's HTML parser (``html.parser``)
finds, but running the parser over every page cost a fifth of a build. One regular expression reads the
page instead, token by token, and takes only markup that the parser reads the same way (tags whose
attributes are plainly written, comments, a doctype, script and style elements with their end tags); a
page with anything else in it (an unclosed quote or element, a ``<`` that starts nothing the expression
knows, a character reference at which the parser stops reading) goes to the parser, as every page did
before. tests/test_csp_scanner.py compares the two on the built sites and on generated pages. A page built
before, unchanged, is not read again: ``buildcache`` remembers each page's policy by the page's digest.

Nothing here imports a site builder: any front end applies ``apply`` to each built page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from . import buildcache

#: The frame of a page: an inline script only inside these elements is the theme's.
FRAME = frozenset({"html", "head", "body", "div", "main", "header", "nav"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


@lru_cache(maxsize=4096)  # the same frame scripts and picture styles come back on page after page
def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class _Found:
    """What the policy is made of: the frame's inline scripts, the others, the style attributes' values,
    and the offset just after the ``<head>`` start tag (and a ``<meta charset>`` straight after it)."""

    trusted: list[str] = field(default_factory=list)
    untrusted: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    head_end: int | None = None
    stack: list[str] = field(default_factory=list)  # the open elements

    def head(self, page: str, tag: str, attrs: list[tuple[str, str | None]], begin: int, end: int) -> None:
        """Where the policy goes: after ``<head>``, or after a ``<meta charset>`` that directly follows it."""
        if tag == "head" and self.head_end is None:
            self.head_end = end
        elif (
            tag == "meta"
            and self.stack == ["html", "head"]
            and self.head_end is not None
            and any(name == "charset" for name, _ in attrs)
            and not page[self.head_end : begin].strip()
        ):
            self.head_end = end  # keep <meta charset> first, within the page's first 1024 bytes

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """A start tag (not ``<x/>``); True when it opens an inline script, which is not an element here."""
        if tag == "script":
            named = dict(attrs)
            return named.get("src") is None and (named.get("type") or "").strip().lower() in _SCRIPT_TYPES
        if tag not in _VOID:
            self.stack.append(tag)
        return False

    def script(self, text: str) -> None:
        (self.trusted if all(t in FRAME for t in self.stack) else self.untrusted).append(text)

    def end(self, tag: str) -> None:
        if tag in self.stack:  # close it, and whatever was left open inside it
            while self.stack and self.stack.pop() != tag:
                pass

    def same(self, other: _Found) -> bool:
        return (self.trusted, self.untrusted, self.styles, self.head_end) == (
            other.trusted,
            other.untrusted,
            other.styles,
            other.head_end,
        )


class _Parser(HTMLParser):
    """The reference reading of a page, with Python's HTML parser: used for a page the scanner below does
    not take (anything unusual in its markup), and by the tests as the scanner's oracle."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.found = _Found()
        self.line_offsets = [0]  # the parser counts lines by "\n" only, not by str.splitlines' other breaks
        for line in page.split("\n"):
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.script_start: int | None = None  # the offset of the open inline script's text

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.styles.extend(value for name, value in attrs if name == "style" and value)
        begin = self._offset()
        end = begin + len(self.get_starttag_text() or "")
        self.found.head(self.page, tag, attrs, begin, end)
        if self.found.start(tag, attrs):
            self.script_start = end

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.styles.extend(value for name, value in attrs if name == "style" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self.script_start is not None:
                self.found.script(self.page[self.script_start : self._offset()])
            self.script_start = None
            return
        self.found.end(tag)


def _parse(page: str) -> _Found:
    parser = _Parser(page)
    parser.feed(page)
    parser.close()
    return parser.found


# ------------------------------------------------------------------ the scanner: one regular expression

# The markup the scanner takes, each a subset of what Python's parser reads the same way: a script or style
# element (its start tag, its text, its end tag); a start tag whose attributes are separated by ASCII
# whitespace, their values quoted or bare (without quotes, "=", "<", ">" or "`"); an end tag; a comment (to
# the first "--" and ">", where the parser ends it); a doctype; a "<" followed by no letter, "/", "!" or "?"
# (text). Anything else -- a "<" that starts something else (the last group), a script or style without its
# end tag, or a "&#" at which the parser would stop reading the page -- sends the whole page to the parser.
_W = r"[ \t\n\r\f]"
_NAME = r"[^\s/>=\"'<]+"
_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)"
_ATTRIBUTES = rf"((?:{_W}+{_NAME}(?:{_W}*={_W}*{_VALUE})?)*)"
# Groups: a script or style element (1-3); a start tag (4-5), closed by "/>" (6) or followed by nothing but
# text and its own end tag (7: an element that opens and closes, leaving the open elements as they were,
# read as one token: most of a page's navigation); an end tag (8); anything else (9).
_TOKEN = re.compile(
    rf"<(?:((?i:script|style)){_ATTRIBUTES}{_W}*>(.*?)</\s*(?i:\1)\s*>"
    rf"|([a-zA-Z][a-zA-Z0-9:._-]*){_ATTRIBUTES}{_W}*(?:(/)>|>([^<]*</(?i:\4){_W}*>)?)"
    rf"|/([a-zA-Z][-.a-zA-Z0-9:_]*){_W}*>"
    r"|!--.*?--\s*>|![dD][oO][cC][tT][yY][pP][eE][^>]*>"
    r"|(?=[^a-zA-Z/!?]|\Z)"
    r"|([a-zA-Z/!?]))",
    re.DOTALL,
)
_STOPS_PARSER = re.compile(r"&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])")
_ATTRIBUTE = re.compile(rf"{_W}+({_NAME})(?:{_W}*={_W}*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_STYLE = re.compile("style", re.IGNORECASE)
_RAW = ("script", "style")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as the parser gives them: names in lower case, values unquoted and unescaped."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        found.append((name.lower(), unescape(value) if value else value))
    return found


def _styles(attributes: str) -> list[str]:
    return [value for name, value in _attributes(attributes) if name == "style" and value]


def _head(found: _Found, page: str) -> int | None:
    """Read the page into ``found`` token by token, with positions, until the policy's place in ``<head>`` is
    settled; returns where the rest of the page starts, or None when the page must go to the parser."""
    for match in _TOKEN.finditer(page):
        raw, raw_attributes, text, tag, attributes, closed, leaf, end, odd = match.groups()
        if odd or (tag and tag.lower() in _RAW and not closed):
            return None
        if end:
            found.end(end.lower())
        elif tag:
            tag, attrs = tag.lower(), _attributes(attributes)
            found.styles.extend(value for name, value in attrs if name == "style" and value)
            if not closed:
                found.head(page, tag, attrs, match.start(), match.end() - len(leaf or ""))
                found.start(tag, attrs)
                if leaf:
                    found.end(tag)
        elif raw:
            attrs = _attributes(raw_attributes)
            found.styles.extend(value for name, value in attrs if name == "style" and value)
            if raw.lower() == "script" and found.start("script", attrs):
                found.script(text)
        if found.head_end is not None and found.head_end < match.end():
            return match.end()  # no later <meta charset> can directly follow <head>
    return len(page)


def _rest(found: _Found, page: str, position: int) -> bool:
    """Read the page from ``position`` on into ``found`` (a tight loop: most of the time goes here); False
    when the page must go to the parser."""
    stack, styles = found.stack, found.styles
    # attribute names are read in any case; where "style" is only written in lower case, "in" finds it
    lower = page.count("style") == page.encode().lower().count(b"style")
    for raw, raw_attributes, text, tag, attributes, closed, leaf, end, odd in _TOKEN.findall(page, position):
        if end:
            end = end.lower()
            if end in stack:  # close it, and whatever was left open inside it
                while stack.pop() != end:
                    pass
        elif tag:
            if attributes and ("style" in attributes if lower else _STYLE.search(attributes)):
                styles.extend(_styles(attributes))
            if not (closed or leaf):
                tag = tag.lower()
                if tag in _RAW:
                    return False  # a script or style element without its end tag
                if tag not in _VOID:
                    stack.append(tag)
        elif raw:
            styles.extend(_styles(raw_attributes))
            if raw.lower() == "script" and found.start("script", _attributes(raw_attributes)):
                found.script(text)
            # a style element opens and closes: the open elements stay as they were
        elif odd:
            return False
    return True


def _scan_fast(page: str) -> _Found | None:
    """The same reading as ``_parse`` with regular expressions, or None for a page it does not take."""
    if _STOPS_PARSER.search(page):
        return None
    found = _Found()
    position = _head(found, page)
    if position is None or not _rest(found, page, position):
        return None
    return found


def _scan(page: str) -> _Found:
    found = _scan_fast(page)
    return found if found is not None else _parse(page)


def policy(page: str, inline_styles: bool = False) -> str:
    """The Content-Security-Policy for one built page."""
    return _policy(_scan(page), inline_styles)


def _style_source(scanner: _Found, inline_styles: bool) -> str:
    if inline_styles:  # a hash in the list would make browsers ignore 'unsafe-inline': none is given
        return "style-src 'self' 'unsafe-inline'"
    styles = " ".join(sorted({_digest(text) for text in scanner.styles}))
    return f"style-src 'self' 'unsafe-hashes' {styles}" if styles else "style-src 'self'"


def _policy(scanner: _Found, inline_styles: bool = False) -> str:
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
    A page built before, unchanged, gets the policy it got then (``buildcache``: by the page's digest).
    """
    digest = hashlib.sha256(b"%d" % inline_styles + page.encode("utf-8", "surrogatepass")).digest()
    found = buildcache.policy(digest)
    if found is None:
        scanner = _scan(page)
        found = (scanner.head_end, _policy(scanner, inline_styles) if scanner.head_end is not None else "")
        buildcache.remember_policy(digest, found)
    head_end, text = found
    if head_end is None:
        return page
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{text}">'
    return page[:head_end] + meta + page[head_end:]


_META = re.compile(r'\n<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def apply_again(page: str, inline_styles: bool = False) -> str:
    """``page``, which ``apply`` gave its policy, with the policy made anew for scripts put into it since: the
    reload script a live preview's server adds to each page as it serves it, which the browser would refuse
    otherwise."""
    return apply(_META.sub("", page, count=1), inline_styles=inline_styles)


def inline_scripts(page: str) -> tuple[list[str], list[str]]:
    """The page's inline scripts: (the theme's, those inside content, navigation, header or footer)."""
    scanner = _scan(page)
    return scanner.trusted, scanner.untrusted
