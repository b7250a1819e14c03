"""Text from a course file never becomes markup, script or a request (issue 10).

- The prose rule (``curriculum.prose``) is fuzzed with generated Markdown and HTML fragments: whatever the
  text, the Markdown it renders to under the site's own extensions has no element or attribute outside
  the rule, and no link to anything but http, https and mailto.
- A site built from course files full of injections that validation lets through (raw HTML, comments,
  entities, Markdown that is shown as written, a message of modules/messages.yml reworded with markup)
  is parsed page by page, as built by MkDocs (both editions) and by Zensical: no ``on*`` attribute, no
  script or data address, nothing loaded from another host, every injected string shown as text — the
  course's title, a session's title and the reworded message on every page —, and every page carrying
  its Content-Security-Policy.
"""

from __future__ import annotations
import importlib

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, configure, copy_project, mkdocs_build, write_modules, zensical_build
from curriculum import csp, prose

pytestmark = pytest.mark.published  # reads the published course (tests/course_use.py)

# ------------------------------------------------------------------ the site's Markdown


class _AnyTagLoader(yaml.SafeLoader):
    pass


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    """``!!python/name:module.function`` (the toc's slugify): the function itself, as MkDocs loads it."""
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions (and their settings) of mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_AnyTagLoader)
    names, settings_ = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings_[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings_)


class Elements(HTMLParser):
    """Every element of an HTML text with its attributes, and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.skip = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "title" and not self.title:  # the page's own, not a picture's
            self._in_title = True

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(self.skip - 1, 0)
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.text.append(data)


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def scheme_of(address: str) -> str:
    clean = prose.normalised_address(address).lower()
    found = re.match(r"^([a-z][a-z0-9+.\-]*):", clean)
    return found.group(1) if found else ""


# ------------------------------------------------------------------ fuzzing the prose rule

ALLOWED_ELEMENTS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "hr"}
PIECES = [
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ":",
    "!",
    "#",
    "*",
    "_",
    "`",
    "|",
    "<",
    ">",
    "&",
    "\\",
    "-",
    "=",
    "~",
    " ",
    "\n",
    "\n\n",
    "    ",
    "- ",
    "1. ",
    "> ",
    "# ",
    "!!! note",
    ": ",
    "---",
    "```",
    "javascript:",
    "JaVaScRiPt:",
    "java\nscript:",
    "java&#9;script:",
    "&#106;avascript:",
    "data:",
    "vbscript:",
    "https://example.org",
    "http://x.example/a_b",
    "mailto:a@b.dk",
    "//other.example",
    "#top",
    "../side.md",
    "alert(1)",
    "onclick=",
    "onerror=alert(1)",
    "style=",
    ".klasse",
    "#id",
    "href=",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<!--",
    "-->",
    "<a href='javascript:alert(1)'>",
    "<style>",
    "<iframe src=//other.example>",
    "<b>",
    "</p>",
    "&lt;",
    "&amp;",
    "&#x3C;",
    "&#60;",
    "&quot;",
    '"',
    "'",
    "![",
    "](",
    "][",
    "[^1]",
    "*[HTML]:",
    "{:",
    "{ ",
    " }",
    'markdown="1"',
    "\u0000",
    "\u0002",
    "\u0003",
    "\u202e",
    "æøå",
]
fragments = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=30).map("".join)
# the constructs most likely to get through, put together on purpose
links = st.builds(
    lambda text, address, after: f"[{text}]({address}){after}",
    st.sampled_from(["x", "", "*a*", "<b>", "a](b"]),
    st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    st.sampled_from(["", "{: onclick=alert(1) }", "{ .x }", ")", "[ref]"]),
)


def assert_safe(text: str) -> None:
    """``text`` through the rule and the site's Markdown: only the allowed elements and addresses."""
    text = text.strip()  # as the models strip every text field
    source = str(prose.render(text))
    page = parse(site_markdown().convert(source))
    for tag, attrs in page.elements:
        assert tag in ALLOWED_ELEMENTS, (tag, text)
        assert set(attrs) <= ({"href"} if tag == "a" else set()), (tag, attrs, text)
        if tag == "a":
            assert prose.allowed_address(attrs["href"]), (attrs, text)
    shown = "".join(page.text)
    for character in "<>{}`":  # never markup from prose: every one is shown
        assert shown.count(character) == text.count(character), (character, text, source)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_generated_fragments_render_only_what_the_rule_allows(text):
    assert_safe(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(links | fragments, min_size=1, max_size=4).map(" ".join))
def test_generated_links_render_only_allowed_addresses(text):
    assert_safe(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(links | fragments, min_size=1, max_size=4).map(" ".join))
def test_validation_and_rendering_agree(text):
    """A text validation accepts renders every one of its links; one it rejects is named, not half-shown:
    no image and no attribute list ever reaches the page, and validation names every one it sees."""
    text = text.strip()
    found = prose.findings(text)
    page = parse(site_markdown().convert(str(prose.render(text))))
    anchors = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
    if not found:
        written = [m.group("address") for m in prose._LINK.finditer(text)]
        assert len(anchors) == len(written), (text, anchors)
    if "![" in text and "](" in text.split("![", 1)[1]:
        assert found, text
    if re.search(r"\{[^{}\n]*[^{}\s][^{}\n]*\}", text):
        assert found, text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Læs [mere](https://example.org/a_(b)) her.", '<a href="https://example.org/a_(b)">mere</a>'),
        ("Skriv til [os](mailto:kdl@example.dk).", '<a href="mailto:kdl@example.dk">os</a>'),
        ("Det er *vigtigt* og **meget** vigtigt.", "<em>vigtigt</em> og <strong>meget</strong>"),
        ("- en\n- to", "<li>en</li>"),
    ],
)
def test_what_the_rule_allows_still_works(text, expected):
    assert prose.findings(text) == []
    assert expected in site_markdown().convert(str(prose.render(text)))


@pytest.mark.parametrize(
    "text",
    [
        "[a](https://example.org){: onclick=alert(1) }",
        "![x](https://other.example/p.png)",
        "[x](java\nscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x][ref]\n\n[ref]: https://a.dk",
        "# Overskrift {: style=display:none }",
        "[x](data:text/html,hej)",
    ],
)
def test_what_the_rule_forbids_is_named_and_never_emitted(text):
    assert prose.findings(text)
    assert_safe(text)


# ------------------------------------------------------------------ the Content-Security-Policy


def test_only_the_frames_inline_scripts_are_hashed():
    page = (
        "<!doctype html><html><head><meta charset=utf-8><script>theme()</script></head><body>"
        "<header><nav><script>palette()</script><a><span><script>fromtitle()</script></span></a></nav>"
        "</header><div><main><article><script>fromcontent()</script><p style='width:1px'>x</p></article>"
        "<script>tabs()</script></main></div></body></html>"
    )
    trusted, untrusted = csp.inline_scripts(page)
    assert trusted == ["theme()", "palette()", "tabs()"]
    assert untrusted == ["fromtitle()", "fromcontent()"]
    built = csp.apply(page)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', built).group(1)
    assert built.index("<meta charset=utf-8>") < built.index("Content-Security-Policy")
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"].split() == ["'self'", *sorted(csp._digest(s) for s in trusted)]
    assert csp._digest("fromcontent()") not in policy and csp._digest("fromtitle()") not in policy
    assert "'unsafe-inline'" not in policy
    assert directives["style-src"] == f"'self' 'unsafe-hashes' {csp._digest('width:1px')}"
    for name, value in {
        "default-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'none'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
    }.items():
        assert directives[name] == value


def test_a_fragment_without_head_is_left_alone():
    assert csp.apply("<p>x</p>") == "<p>x</p>"


# ------------------------------------------------------------------ a site full of injections

# Each of these is accepted by validation (it is text, shown as written) and must reach the reader as text.
INJECTIONS = {
    "img": "<img src=x onerror=alert(1)>",
    "svg": "<svg onload=alert(2)>",
    "comment": "Slut <!--",
    "title": "</title><script>alert(3)</script>",
    "script": "<script src=https://other.example/x.js></script>",
    "iframe": "<iframe src=https://other.example/></iframe>",
    "style": "<style>@import url(https://other.example/x.css)</style>",
    "anchor": '<a href="javascript:alert(4)">klik</a>',
    "base": "<base href=https://other.example/>",
    "entity": "&#60;img src=x onerror=alert(5)&#62;",
    "heading": "# ikke en overskrift",
    "code": "`kode` og ```blok```",
    "admonition": '!!! warning "ikke en boks"',
    "deflist": ": ikke en definition",
    "pipe": "a | b",
    "md-in-html": '<div markdown="1">x</div>',
    "bare-scheme": "javascript:alert(6)",
    "brace": "{ alene",
}


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# Words of the generator's catalogue that the course rewords (modules/messages.yml) with markup: the footer's
# on every page, the 404 page's on the theme's own page.
OVERRIDES = {
    "footer.published_by": "Udgivet af {organisers} " + INJECTIONS["svg"],
    "not_found.text": "Ingen side " + INJECTIONS["script"],
    "not_found.home_link": "Forsiden " + INJECTIONS["anchor"],
}
# Shown, as text, on every page of every builder: the site's name (the course's title) in the header, a
# session's title in the navigation and the reworded footer.
ON_EVERY_PAGE = {
    "course title": "Kursus " + INJECTIONS["title"],
    "session title": "Første " + INJECTIONS["img"],
    "message override": "Udgivet af " + INJECTIONS["anchor"] + " " + INJECTIONS["svg"],
}
SITES = ["mkdocs", "mkdocs-instructor", "zensical"]


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> dict[str, Path]:
    """The minimal course with an injection in every kind of text, built once by MkDocs in both editions and
    once by Zensical (``SITES``)."""
    project = copy_project(tmp_path_factory.mktemp("injected"))
    (project / "modules").rename(project / "kdl-modules")
    i = INJECTIONS
    write_modules(
        project,
        {
            "course.yml": f"""\
            title: {_quoted("Kursus " + i["title"])}
            short_name: {_quoted("TK " + i["img"])}
            intro: {_quoted(i["comment"])}
            organisers:
              - name: {_quoted(i["anchor"])}
            target_group: {_quoted(i["style"])}
            purpose: {_quoted(i["heading"])}
            bearing_elements:
              - title: {_quoted(i["svg"])}
                description: {_quoted(i["iframe"])}
            rhythm: {_quoted(i["admonition"])}
            between_sessions:
              - title: {_quoted(i["script"])}
                description: {_quoted(i["deflist"])}
            """,
            "sessions/workshop-1.yml": f"""\
            id: workshop-1
            title: {_quoted("Første " + i["img"])}
            format: workshop
            themes:
              - {_quoted(i["svg"])}
              - {_quoted(i["pipe"])}
            summary: {_quoted(i["entity"] + " " + i["md-in-html"])}
            questions:
              - {_quoted(i["title"])}
            content:
              - title: {_quoted(i["comment"])}
                description: {_quoted(i["code"])}
                tool: teknologiradar
            tools:
              - teknologiradar
              - kompetencehjulet
            readings:
              - deci-2000
            agenda:
              - minutes: 60
                kind: oplæg
                title: {_quoted(i["pipe"] + " " + i["img"])}
                facilitation: {_quoted(i["base"])}
            """,
            "sessions/webinar-1.yml": f"""\
            id: webinar-1
            title: {_quoted("Webinar " + i["comment"])}
            format: webinar
            themes: [{_quoted(i["bare-scheme"])}]
            summary: {_quoted(i["brace"] + " " + i["heading"])}
            """,
            "tools/teknologiradar.yml": f"""\
            id: teknologiradar
            title: {_quoted("Radar " + i["svg"])}
            summary: {_quoted(i["anchor"])}
            origin:
              creator: {_quoted(i["script"])}
              year: 2010
            use_with_staff:
              - {_quoted(i["iframe"])}
            visual:
              kind: steps
              parts:
                - name: {_quoted(i["img"])}
                  description: {_quoted(i["title"])}
                - name: {_quoted(i["comment"])}
            """,
            "tools/kompetencehjulet.yml": f"""\
            id: kompetencehjulet
            title: {_quoted("Hjul " + i["title"])}
            summary: {_quoted(i["style"])}
            origin:
              creator: KL
            use_with_staff:
              - {_quoted(i["admonition"])}
            """,
            "readings/deci-2000.yml": f"""\
            id: deci-2000
            title: {_quoted(i["img"])}
            creator: {_quoted(i["anchor"])}
            year: 2000
            kind: article
            source: {_quoted(i["comment"])}
            url: https://example.org/deci
            language: en
            minutes: 45
            note: {_quoted(i["svg"])}
            """,
            "runs/test-run.yml": f"""\
            id: test-run
            name: {_quoted("Hold " + i["img"])}
            sessions:
              - module: workshop-1
                date: 2024-04-17
                start: "09:00"
                end: "15:00"
                place: {_quoted(i["title"])}
              - module: webinar-1
                date: 2024-05-15
                start: "13:00"
                end: "15:00"
                online: true
                link: https://example.org/mode
            """,
        },
    )
    messages: dict[str, dict[str, str]] = {}
    for key, text in OVERRIDES.items():
        group, name = key.split(".")
        messages.setdefault(group, {})[name] = text
    (project / "modules" / "messages.yml").write_text(yaml.safe_dump(messages, allow_unicode=True), "utf-8")
    configure(project, run="test-run", language="da")  # the minimal course is Danish
    sites = {"mkdocs": project / "built-mkdocs", "mkdocs-instructor": project / "built-mkdocs-instructor"}
    for name, config in (("mkdocs", "mkdocs.yml"), ("mkdocs-instructor", "mkdocs.instructor.yml")):
        result = mkdocs_build(project, sites[name], config=config)
        assert result.returncode == 0, result.stdout + result.stderr
    sites["zensical"] = project / "built-zensical"
    result = zensical_build(project, sites["zensical"])
    assert result.returncode == 0, result.stdout + result.stderr
    return sites


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset", "background")


@pytest.mark.parametrize("name", SITES)
def test_no_injection_becomes_markup_script_or_request(injected_site, name):
    site = injected_site[name]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 8
    for file in pages:
        text = file.read_text("utf-8")
        page = parse(text)
        where = file.relative_to(site).as_posix()
        for tag, attrs in page.elements:
            assert not [name for name in attrs if name.startswith("on")], (where, tag, attrs)
            assert tag not in ("iframe", "object", "embed", "base", "frame"), (where, tag, attrs)
            for name in URL_ATTRIBUTES:
                if name in attrs:
                    assert scheme_of(attrs[name]) not in ("javascript", "vbscript", "data"), (where, tag, attrs)
                    if tag != "a":  # a link may lead elsewhere; nothing may be loaded from elsewhere
                        assert not re.match(r"^\s*(https?:)?//", attrs[name]), (where, tag, attrs)
            if tag == "script":
                # (defer and blocking: next.js named in the head too, run before the first paint)
                assert set(attrs) <= {"src", "id", "type", "defer", "blocking"}, (where, attrs)
                assert "src" not in attrs or not re.match(r"^\s*(https?:)?//", attrs["src"]), (where, attrs)
            assert "url(" not in attrs.get("style", ""), (where, attrs)
            if tag == "img":
                assert attrs.get("src") != "x", (where, attrs)
        assert "Content-Security-Policy" in text, where
        trusted, untrusted = csp.inline_scripts(text)
        assert untrusted == [], (where, untrusted)
        assert not any("alert(" in script for script in trusted), where


def _shown(site: Path, page: str) -> str:
    return " ".join(" ".join(parse((site / page).read_text("utf-8")).text).split())


@pytest.mark.parametrize("name", SITES)
def test_course_title_session_title_and_message_override_stay_text_on_every_page(injected_site, name):
    site = injected_site[name]
    pages = sorted(site.rglob("*.html"))
    assert "404.html" in [p.name for p in pages]
    for file in pages:
        shown = _shown(site, file.relative_to(site).as_posix())
        for what, text in ON_EVERY_PAGE.items():
            assert text in shown, (file.relative_to(site).as_posix(), what)
    missing = _shown(site, "404.html")
    assert OVERRIDES["not_found.text"] in missing and OVERRIDES["not_found.home_link"] in missing


@pytest.mark.parametrize("name", ["mkdocs", "zensical"])
def test_every_injected_string_is_shown_as_text(injected_site, name):
    site = injected_site[name]
    session = _shown(site, "sessioner/workshop-1/index.html")
    for key in ("img", "svg", "pipe", "entity", "md-in-html", "title", "comment", "code"):
        assert (
            " ".join(html.unescape(INJECTIONS[key]).split()) in session or " ".join(INJECTIONS[key].split()) in session
        ), key
    tool = _shown(site, "vaerktoejer/teknologiradar/index.html")
    for key in ("anchor", "iframe", "script", "img", "title"):
        assert INJECTIONS[key] in tool, key
    about = _shown(site, "om-forloebet/index.html")
    for key in ("style", "heading", "admonition", "deflist", "svg", "iframe", "anchor"):
        assert INJECTIONS[key] in about, key
    webinar = _shown(site, "sessioner/webinar-1/index.html")
    assert INJECTIONS["brace"] + " " + INJECTIONS["heading"] in webinar
    assert INJECTIONS["bare-scheme"] in webinar


@pytest.mark.parametrize("name", ["mkdocs", "zensical"])
def test_titles_are_text_in_the_navigation_the_page_title_and_the_search_index(injected_site, name):
    site = injected_site[name]
    page = parse((site / "sessioner/workshop-1/index.html").read_text("utf-8"))
    # the site is named after the course, whose title holds an injection too: both are text
    assert page.title == "Workshop: Første " + INJECTIONS["img"] + " - Kursus " + INJECTIONS["title"]
    home = _shown(site, "index.html")
    # A title ending in "<!--" hides nothing: what follows it on the front page is still there.
    assert home.index("Webinar " + INJECTIONS["comment"]) < home.index("onsdag 15. maj 2024")
    assert "Radar " + INJECTIONS["svg"] in home or "Radar " + INJECTIONS["svg"] in _shown(
        site, "vaerktoejer/index.html"
    )
    navigation = _shown(site, "litteratur/index.html")
    for title in (
        "Første " + INJECTIONS["img"],
        "Webinar " + INJECTIONS["comment"],
        "Radar " + INJECTIONS["svg"],
        "Hjul " + INJECTIONS["title"],
    ):
        assert title in navigation, title
    index_file = site / "search/search_index.json" if name == "mkdocs" else site / "search.json"
    index = json.loads(index_file.read_text("utf-8"))
    entries = index["docs"] if name == "mkdocs" else index["items"]
    assert len(entries) > 8
    for entry in entries:
        for field in ("title", "text"):  # Material shows both as HTML: escaped, never live tags
            fragment = parse(entry[field])
            assert [
                tag
                for tag, _ in fragment.elements
                if tag not in ("p", "em", "strong", "a", "code", "li", "ul", "ol", "br")
            ] == [], (entry["location"], field)


def test_a_title_with_line_breaks_adds_no_property_to_a_calendar_file(modules_dir):
    """Calendar files: a title that tries to start a new line (and a property of its own) stays one text."""
    import icalendar

    from curriculum.engine import generate

    injected = 'title: "Første\\nATTACH:https://other.example/x.ics\\nURL:javascript:alert(1)"'
    session = (modules_dir / "sessions/workshop-1.yml").read_text("utf-8").replace("title: Første workshop", injected)
    (modules_dir / "sessions/workshop-1.yml").write_text(session, "utf-8")
    files = generate(modules_dir, "test-run").files
    calendar = icalendar.Calendar.from_ical(files["kalender/test-run.ics"])
    first = calendar.walk("VEVENT")[0]
    assert "ATTACH" not in first and first.get("URL", "").find("javascript") == -1
    assert "ATTACH:https://other.example/x.ics" in str(first["SUMMARY"]) + str(first.get("DESCRIPTION", ""))
    assert (
        b"\r\nATTACH" not in files["kalender/test-run.ics"]
        and b"\nURL:javascript" not in files["kalender/test-run.ics"]
    )
