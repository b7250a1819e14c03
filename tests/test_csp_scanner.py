"""The Content-Security-Policy's scanner (csp.py): one regular expression reads a page as Python's HTML parser
does, or hands the page to the parser. Compared with the parser on the built sites and on generated pages full
of what an attacker or a bug could put there; tests/test_security.py checks the policy itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculum import csp


def _agree(page: str) -> csp._Found | None:
    """The scanner's reading, after checking that it is the parser's (or that the scanner left it to it)."""
    fast, parsed = csp._scan_fast(page), csp._parse(page)
    if fast is not None:
        assert fast.same(parsed) and fast.stack == parsed.stack, page
    assert csp._scan(page).same(parsed)
    return fast


@pytest.mark.published  # the built sites of the published course (through request.getfixturevalue)
@pytest.mark.parametrize("site", ["course_site", "course_instructor_site"])
def test_the_scanner_reads_every_built_page_as_the_parser_does_without_it(site, request):
    pages = sorted(Path(request.getfixturevalue(site)).rglob("*.html"))
    assert len(pages) > 8
    hashed = 0
    for path in pages:
        page = path.read_text("utf-8")
        found = _agree(page)
        assert found is not None, f"{path} went to the parser: the scanner must take every page the theme builds"
        hashed += len(found.trusted)
        assert found.untrusted == [], path
    assert hashed >= 2 * len(pages)  # the theme's own scripts are found, and allowed


# Pieces of pages: the frame, content, scripts, styles, and everything that reads differently in
# different parsers (comments, entities, odd whitespace, upper case, unclosed quotes and elements).
FRAME = ["<html>", "<head>", "</head>", "<body>", "<div>", "</div>", "<main>", "</main>", "<header>", "<nav>", "</nav>"]
CONTENT = [
    "<article>",
    "</article>",
    "<ARTICLE>",
    "</Article>",
    "</DIV>",
    "<p>",
    "</p>",
    "<a href='x'>",
    "</a>",
    "<li>",
    "<span>",
    "</span>",
    "<h1>",
]
SCRIPTS = [
    "<script>frame()</script>",
    "<SCRIPT>upper()</SCRIPT>",
    "<script type=module>m()</script >",
    "<script type='application/json'>{}</script>",
    "<script src=x.js></script>",
    "<script src>nosrc()</script>",
    "<script/>after()",
    "<script>a<b</script>",
    "<script>no('</script x>')</script>",
    "<script><!-- <script> --></script>",
    "<script>x</ script>",
    "<script>never closed",
    "<style>p{}</style>",
    "<style>a</STYLE >",
    '<script\ttype="text/javascript"\n>tab()</script>',
]
ODD = [
    "<!-- <script>commented()</script> -->",
    "<!-->",
    "<!--->",
    "<!-- a -- > <script>x()</script> -->",
    "<!-- --!> <script>y()</script> -->",
    "<!doctype html>",
    "<!DOCTYPE html>",
    "<![CDATA[ x ]]>",
    "<?pi x?>",
    "<!bogus>",
    "</ p>",
    "</>",
    "a < b",
    "<3",
    "<",
    "&#",
    "&#x;",
    "&#12a;",
    "&#60;",
    "&amp;",
    "&lt;script&gt;",
    "<p title='<script>t()</script>'>",
    '<p title="a>b">',
    '<p title="unclosed>',
    "<p a=b/>",
    "<p a= >",
    '<p a="x"b="y">',
    "<p / a>",
    "<img src=x/>",
    "<br/>",
    "<div/>",
    "<p\u00a0style='x'>",
    "<p\x0bstyle='x'>",
    "\u2028",
    "\x85",
    "\r",
    "\x0c",
    "<meta charset=utf-8>",
    "<meta charset=utf-8/>",
    "<p style='color:red'>",
    '<p STYLE="a&amp;b">',
    "<p Style=''>",
    "<p style>",
    "<svg><rect style='width:1px'/></svg>",
    "<textarea><script>ta()</script></textarea>",
    "<title><script>ti()</script></title>",
    "<foreignObject>",
    "<p data-x=`y`>",
]
WELL_FORMED = FRAME + CONTENT + SCRIPTS[:5] + ["<p style='color:red'>", "<br>", "<!-- note -->", "text", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAME + CONTENT + SCRIPTS + ODD + ["text", " ", "\n"]), max_size=30))
def test_on_any_page_the_scanner_agrees_with_the_parser_or_leaves_the_page_to_it(pieces):
    _agree("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WELL_FORMED), max_size=30))
def test_the_scanner_takes_well_formed_pages_itself(pieces):
    page = "<!doctype html><html><head><meta charset=utf-8>" + "".join(pieces)
    assert _agree(page) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/!-=\"' \n&#;ascriptyleSCRIPT0x", max_size=60))
def test_on_any_text_the_scanner_agrees_with_the_parser(text):
    _agree("<html><head><body><div>" + text + "<script>frame()</script>")


def test_a_script_after_a_line_separator_is_hashed_as_it_is_written():
    """The parser counts lines by "\\n" only: a page with another line break before a script (U+2028, a form
    feed) once had that script's text cut at the wrong place, and the policy put inside a tag."""
    for brk in ("\u2028", "\x0c", "\x85", "\r"):
        page = f"<html><head><title>a{brk}b</title></head><body><script>frame()</script></body></html>"
        for found in (csp._parse(page), csp._scan(page)):
            assert found.trusted == ["frame()"] and page[: found.head_end].endswith("<head>")


def test_every_two_pieces_in_a_row_read_as_the_parser_reads_them():
    pieces = FRAME[:4] + CONTENT[:3] + SCRIPTS + ODD
    taken = 0
    for first in pieces:
        for second in pieces:
            for after in ("<p style='after'><div><script>after()</script>", "<div><p style='after'>"):
                taken += _agree(f"<html><head>{first}<body><div>{second}{after}") is not None
    assert taken > len(pieces) ** 2 / 2  # most of them without the parser
