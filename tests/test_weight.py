"""The generator's own style sheets and scripts in the built sites (issue 22, weight): served minified, and
named only on the pages that use them (``curriculum.assets``: ``served``, ``USED_WHERE``,
``load_only_used``), by MkDocs and by Zensical alike. Whether the scripts still work where they are named is
the browser suite's (tests/browser: the logbook, the radar, the wheel, the front page's box)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from curriculum import assets

SITES = ["course_site", "zensical_site"]
CONDITIONAL = {name: marks for name, marks in assets.USED_WHERE.items() if marks}
_NAMED = re.compile(r"""<(?:link|script)\b[^>]*?\s(?:href|src)="[^"]*?((?:stylesheets|javascripts)/[\w.-]+)["?]""")


class _Marks(HTMLParser):
    """Every element's classes, attribute names and id in a page (the marks ``USED_WHERE`` names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: set[str] = set()
        self.attributes: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.add(name)
            if name == "class":
                self.classes.update((value or "").split())
            elif name == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def marks(page: str) -> _Marks:
    found = _Marks()
    found.feed(page)
    found.close()
    return found


def has_mark(found: _Marks, mark: str) -> bool:
    """Whether a page with these marks has ``mark``: ``.block`` (the class, or a BEM element or modifier of
    it), ``[attribute]``, ``#id``."""
    if mark.startswith("."):
        block = mark[1:]
        return any(c == block or c.startswith((block + "__", block + "--")) for c in found.classes)
    if mark.startswith("["):
        return mark[1:-1] in found.attributes
    return mark[1:] in found.ids


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def named(page: str) -> list[str]:
    """The generator's files a page names, in order (a file named twice, twice)."""
    return [name for name in _NAMED.findall(page) if name in assets.USED_WHERE]


def test_each_file_is_a_mark_of_what_it_styles_or_looks_for():
    """Every mark of a file is written in that file: a renamed class or attribute cannot leave a file
    unloaded where it is needed without this failing."""
    for name, file_marks in CONDITIONAL.items():
        source = (assets.ROOT / name).read_text("utf-8")
        for mark in file_marks:
            assert mark.strip(".#[]") in source, (name, mark)


PAGE = """<!doctype html><html><head>
    <link rel="stylesheet" href="../assets/stylesheets/main.css">
    <link rel="stylesheet" href="../stylesheets/extra.css">
    <link rel="stylesheet" href="../stylesheets/visuals.css">
    <link rel="stylesheet" href="../stylesheets/logbook.css">
    <link rel="stylesheet" href="../stylesheets/own.css">
  <script src="../javascripts/next.js" defer blocking="render"></script></head>
<body><article>{body}</article>
    <script src="../assets/javascripts/bundle.js"></script>
      <script src="../javascripts/next.js"></script>
      <script src="../javascripts/shorttitle.js"></script>
      <script src="../javascripts/logbook.js"></script>
      <script src="../javascripts/radar.js"></script>
</body></html>"""


@pytest.mark.parametrize(
    "body,kept",
    [
        ("<p>text</p>", set()),
        ('<figure class="course-visual course-radar" id="v-r">', {"visuals.css", "radar.js"}),
        ('<p class="x course-logbook__status">', {"logbook.css"}),  # a BEM element of the block
        ('<div data-course-logbook-page class="course-logbooks">', {"logbook.js"}),  # another block: not
        ('<div id="course-next"><p data-course-start="2024">', {"next.js"}),
        ("<p>class-course-visual data-course-logbook-x id=course-next</p>", set()),  # only the words
    ],
)
def test_a_page_keeps_the_files_its_marks_call_for_and_every_page_s(body, kept):
    page = assets.load_only_used(PAGE.format(body=body))
    everyone = {"main.css", "extra.css", "own.css", "bundle.js", "shorttitle.js"}  # ours for every page, others'
    assert {n.rsplit("/", 1)[-1] for n in re.findall(r'(?:href|src)="([^"]+)"', page)} == everyone | kept
    assert page.count("javascripts/next.js") == (2 if "next.js" in kept else 0)
    assert "\n\n" not in page and "  \n" not in page  # each left-out element with its line


@pytest.mark.published
@pytest.mark.parametrize("site_fixture", SITES)
def test_a_page_names_every_page_s_files_and_the_others_exactly_where_their_marks_are(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    wrong = []
    used_somewhere, left_out_somewhere = set(), set()
    for path, page in pages(site).items():
        if "<head" not in page:
            continue  # a redirect page of the builder
        found = marks(page)
        given = named(page)
        for name, file_marks in assets.USED_WHERE.items():
            wanted = not file_marks or any(has_mark(found, mark) for mark in file_marks)
            if wanted != (name in given):
                wrong.append((path, name, "missing" if wanted else "not used"))
            (used_somewhere if name in given else left_out_somewhere).add(name)
        assert len(given) == len(set(given)) + given.count("javascripts/next.js") // 2, (path, given)
    assert wrong == []
    assert used_somewhere > set(assets.USED_WHERE) - set(CONDITIONAL)  # every page's, and some of the others
    assert left_out_somewhere == set(CONDITIONAL)  # each that is not for every page is left out somewhere


def _styled_classes(name: str) -> set[str]:
    """The course's classes (``course-…``) a style sheet's rules name."""
    text = re.sub(r"/\*.*?\*/", "", (assets.ROOT / name).read_text("utf-8"), flags=re.S)
    return set(re.findall(r"\.(course-[\w-]+)", text))


@pytest.mark.published
@pytest.mark.parametrize("site_fixture", SITES)
def test_a_page_without_a_style_sheet_has_nothing_it_styles(request, site_fixture):
    """The style sheets' own rules are the oracle: a page that does not name a style sheet has no element
    with a class that style sheet's rules name (else that element would go unstyled)."""
    site = request.getfixturevalue(site_fixture)
    sheets = [name for name in CONDITIONAL if name.endswith(".css")]
    assert sheets
    unstyled = []
    for path, page in pages(site).items():
        classes = marks(page).classes
        for sheet in sheets:
            if sheet not in named(page):
                unstyled += [(path, sheet, c) for c in sorted(classes & _styled_classes(sheet))]
    assert unstyled == []


@pytest.mark.published
@pytest.mark.parametrize("site_fixture", SITES)
def test_the_generators_files_are_served_minified(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for name in assets.site_files():
        source = (assets.ROOT / name).read_text("utf-8")
        built = (site / name).read_text("utf-8")
        assert built == assets.minified(name, source), name
        assert len(built) < 0.85 * len(source), (name, len(built), len(source))
        assert "\n    " not in built and "/*" not in built, name
        if name.endswith(".css"):
            # the same rules, and every calc() as it was: its + and - keep the spaces they need
            bare = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
            assert built.count("{") == bare.count("{") and built.count("}") == bare.count("}"), name
            assert _calcs(built) == _calcs(bare), name


def _calcs(css: str) -> list[str]:
    """Each calc() of a style sheet, its white space written once and none beside a parenthesis."""
    found = re.findall(r"calc\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)", css)
    return [re.sub(r"\s*([()])\s*", r"\1", " ".join(expression.split())) for expression in found]


SEARCH = [("course_site", "search/search_index.json", "docs"), ("zensical_site", "search.json", "items")]


@pytest.mark.published
@pytest.mark.parametrize("site_fixture,index_file,entries", SEARCH)
def test_the_search_finds_a_picture_on_its_tools_page_and_not_again_on_a_session_s(
    request, site_fixture, index_file, entries
):
    """A tool's picture folded on a session page (``data-search-exclude``) is left out of the search index
    there, a tenth of it (its description is not found there): the search finds the picture on the tool's page."""
    site = request.getfixturevalue(site_fixture)
    index = json.loads((site / index_file).read_text("utf-8"))
    texts: dict[str, str] = {}
    for entry in index[entries]:
        page = entry["location"].split("#")[0]
        texts[page] = texts.get(page, "") + " " + unescape(entry["title"] + " " + entry["text"])
    folded = 0
    for path, page in pages(site).items():
        location = path.removesuffix("index.html")
        for match in re.finditer(r'<details class="course-fold course-fold--figure"[^>]*>\s*<summary', page):
            figure = re.search(r'<figure\b[^>]*\sid="(v-[\w-]+)"', page[match.end() :])
            assert figure, path
            described = re.search(rf'\sid="{figure.group(1)}-desc"[^>]*>([^<]+)<', page)
            if described is None:
                continue  # a picture drawn in HTML (a journey, a comparison) has no description of its own
            words = unescape(described.group(1)).strip()
            assert words not in texts[location], (path, words)
            title = re.search(rf'\sid="{figure.group(1)}-title"[^>]*>([^<]+)<', page)
            assert title, (path, figure.group(1))
            named = unescape(title.group(1)).strip()  # the tool's page draws it in full, with this title
            assert any(named in text for other, text in texts.items() if other != location), (path, named)
            folded += 1
    assert folded > 0
