"""The one rule for text from a course file ("prose") on its way into a Markdown page.

Text from YAML may use emphasis (``*word*``, ``**word**``), lists (one level), paragraphs and links
``[text](address)`` to ``http``, ``https`` and ``mailto`` addresses — nothing else:

- raw HTML is shown as it is written (``<b>`` is printed, not obeyed);
- attribute lists (``{: ...}``, ``{ ... }``), images (``![...](...)``), reference-style links
  (``[text][ref]``, ``[ref]: address``, ``[^1]``) and links to any other scheme are *findings*:
  validation reports them to the instructor (``findings``);
- anything else Markdown or its extensions would read as markup (headings, code, tables,
  definition lists, admonitions, rules) is shown as written.

``render`` is the defence at rendering: it returns the text as Markdown source in which
nothing outside the rule can take effect, whatever validation said. Both functions share
one scanner, so validation and rendering cannot disagree; it reads each text once (validation and
every page that shows the text share the result, remembered by the text itself). The scanner is linear in the
length of the text (Python-Markdown's own link pattern is not: it never sees a bracket
from prose, as every bracket that is not part of an allowed link is written as an entity).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .say import say

ALLOWED_SCHEMES = ("http", "https", "mailto")
# The longest text a field may hold (the longest in KDL has under 700 characters). Python-Markdown
# takes time quadratic in the number of entities or markup characters in one paragraph: 5,000
# brackets take 0.35 s, 20,000 take 6 s; the limit keeps every field's share of a build small.
MAX_LENGTH = 5_000

# An allowed link: [text](address) with the text on one line and no brackets in it, and an address
# without spaces, quotes, pipes or brackets (one pair of round brackets inside, as in Wikipedia addresses).
_ADDRESS_CHAR = r"[^\s()<>\"'`\[\]{}\\|]"
_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]*)\]\((?P<address>"
    + _ADDRESS_CHAR
    + r"*(?:\("
    + _ADDRESS_CHAR
    + r"*\)"
    + _ADDRESS_CHAR
    + r"*)?)\)"
)
_LINK_START = re.compile(r"\[[^\[\]\n]*\]\(")  # what a link looks like up to its address
_REFERENCE = re.compile(r"\[[^\[\]\n]*\] ?\[[^\[\]\n]*\]")
_DEFINITION = re.compile(r"\[[^\[\]\n]*\]:")
_ATTRIBUTES = re.compile(r"\{([^{}\n]*)\}")  # an attribute list when there is something inside
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Characters that are never markup from prose: written as numeric entities, which Markdown leaves
# alone and a browser shows as the character (in text, in raw HTML blocks and in attributes alike).
_ENTITY = {"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "|": "&#124;"}
_PLAIN = re.compile(r"[{}\[\]`|]")
# At the start of a line (after spaces): headings, definition lists and admonitions; a line of only
# -, =, * or _ (a rule, or the underline of a heading).
_LINE_START = re.compile(r"^([ \t]*(?:(?:[-*+]|[0-9]+\.)[ \t]+)*)([#:!])", re.MULTILINE)  # also after "- "
_INDENT = re.compile(r"(?<=\n)[ \t]+")
_RULE = re.compile(r"^([ \t]*)([-=*_])(?=(?:[ \t]*[-=*_])*[ \t]*$)", re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    """Something in a text outside the rule: where it starts (offset in the text) and what to do."""

    offset: int
    key: str  # the message (a key of the catalogues' report.prose section), worded when it is reported
    facts: tuple[tuple[str, Any], ...] = ()

    @property
    def message(self) -> str:
        return say(self.key, **dict(self.facts))


def normalised_address(address: str) -> str:
    """The address as a browser reads it: entities decoded, whitespace and control characters removed."""
    decoded = html.unescape(address)
    return "".join(ch for ch in decoded if not ch.isspace() and not unicodedata.category(ch).startswith("C"))


def allowed_address(address: str) -> bool:
    """True for an http, https or mailto address (after ``normalised_address``)."""
    clean = normalised_address(address)
    scheme = _SCHEME.match(clean)
    if not scheme or scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return False
    rest = clean[scheme.end() :]
    return bool(rest.strip("/")) and (scheme.group(1).lower() == "mailto" or rest.startswith("//"))


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _link_problem(start: int, address: str) -> Finding:
    clean = normalised_address(address)
    scheme = _SCHEME.match(clean)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return Finding(start, "report.prose.scheme", (("scheme", scheme.group(1)),))
    if not clean:
        return Finding(start, "report.prose.no_address")
    return Finding(start, "report.prose.not_full", (("address", _shorten(address)),))


@lru_cache(maxsize=1 << 16, typed=True)  # by the text and its type: Markup is not escaped again, a str is
def _scan(text: str) -> tuple[Markup, tuple[Finding, ...]]:
    """The text as safe Markdown source, and the findings."""
    out: list[str] = []
    findings: list[Finding] = []
    position = 0
    length = len(text)

    def plain(segment: str) -> str:
        return _PLAIN.sub(lambda m: _ENTITY[m.group()], str(escape(segment)))

    for match in re.finditer(r"[\[{\x00-\x08\x0b-\x1f\x7f]", text):
        start = match.start()
        if start < position:
            continue
        if text[start] not in "[{":  # a control character (Python-Markdown's own markers are among them)
            findings.append(Finding(start, "report.prose.control", (("code", ord(text[start])),)))
            out.append(plain(text[position:start]) + "\ufffd")  # shown as the replacement character
            position = start + 1
            continue
        if text[start] == "{":
            attrs = _ATTRIBUTES.match(text, start)
            if attrs and attrs.group(1).strip():
                findings.append(Finding(start, "report.prose.attributes", (("text", _shorten(attrs.group())),)))
            continue  # the brackets themselves are written as entities by plain()
        image = start > 0 and text[start - 1] == "!"
        link = _LINK.match(text, start)
        if image:
            shown = _shorten(text[start - 1 : (link.end() if link else start + 40)])
            findings.append(Finding(start - 1, "report.prose.image", (("text", shown),)))
            continue
        if link:
            address = link.group("address")
            if not allowed_address(address):
                findings.append(_link_problem(start, address))
                continue
            out.append(plain(text[position:start]))
            out.append("[" + plain(link.group("text")) + "](" + str(escape(normalised_address(address))) + ")")
            position = link.end()
            continue
        if _LINK_START.match(text, start):
            findings.append(Finding(start, "report.prose.broken_link"))
        elif text.startswith("[^", start):
            findings.append(Finding(start, "report.prose.footnote"))
        elif _REFERENCE.match(text, start) or _DEFINITION.match(text, start):
            findings.append(Finding(start, "report.prose.reference", (("text", _shorten(text[start : start + 60])),)))
    out.append(plain(text[position:length]))
    # No line of the text is indented: four spaces would make a code block (shown with its entities);
    # lists in prose are one level deep.
    safe = _INDENT.sub("", "".join(out))
    safe = _LINE_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", safe)
    safe = _RULE.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", safe)
    return Markup(safe), tuple(findings)


def findings(text: str) -> list[Finding]:
    """Everything in ``text`` outside the rule, in order."""
    return list(_scan(text)[1])


def render(text: str) -> Markup:
    """``text`` as Markdown source in which only emphasis, lists, paragraphs and allowed links work."""
    return _scan(text)[0]


class RuleError(ValueError):
    """A text outside the rule: the first finding's message, and where in the text it starts."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


def check(text: str) -> None:
    """Raise ``RuleError`` for the first finding in ``text`` (and say how many more there are)."""
    found = findings(text)
    if found:
        more = say("report.prose.more", count=len(found) - 1) if len(found) > 1 else ""
        raise RuleError(found[0].message + more, found[0].offset)
