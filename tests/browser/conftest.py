"""Fixtures of the browser tests: one Chromium for the session, each edition served and toured once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from . import chromium
from .representative import representative
from .server import page_paths, serve
from .tour import Visit, tour

# Every edition of the site the browser tests cover, with the builder that built it, and the fixture
# (tests/conftest.py) that builds it: `mkdocs build --strict`, or Zensical from the generated pages
# (`make zensical`). An edition or a builder added to the generator is added here.
EDITIONS = {
    ("participant", "mkdocs"): "kdl_site",
    ("instructor", "mkdocs"): "kdl_instructor_site",
    ("participant", "zensical"): "zensical_site",
    ("instructor", "zensical"): "zensical_instructor_site",
}

# Another course than KDL, for the checks that depend on the course's language (test_english.py): the English
# fixture course (tests/courses/en) in a project made by `curriculum init`, its participant edition built
# with `mkdocs build --strict`. It is not in EDITIONS, whose tests know KDL's pages and words.
HERE = Path(__file__).resolve().parent
ENGLISH_COURSE = HERE.parent / "courses" / "en"
ENGLISH_RUN = "autumn-2026"

# prefers-color-scheme -> the Material palette (mkdocs.yml) it must select.
SCHEMES = {"light": "default", "dark": "slate"}

# A check that one part of the site decides (its scripts, its style sheets, the theme of one builder) runs on
# the editions that can differ in it, and no more: ``@only(*PARTICIPANT)`` on the participant edition of each
# builder, where the editions have the same scripts and style sheets (tests of what the scripts do, of a
# control's colours when hovered); ``@only(*MKDOCS)`` on the published builds. The other editions do not get
# the test at all (collection leaves them out; nothing is skipped).
PARTICIPANT = (("participant", "mkdocs"), ("participant", "zensical"))
MKDOCS = (("participant", "mkdocs"), ("instructor", "mkdocs"))


def only(*editions: tuple[str, str]):
    """Run the test on these (edition, builder) of EDITIONS only."""
    unknown = set(editions) - set(EDITIONS)
    assert not unknown, f"not in EDITIONS: {unknown}"
    return pytest.mark.only_editions(editions)


def pytest_configure(config):
    config.addinivalue_line("markers", "only_editions(editions): run the test on these EDITIONS only (only())")


# Before pytest-xdist's own hook, which reads the xdist_group marks into the tests' ids (--dist loadgroup)
# when its turn comes: a mark added after it groups nothing.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Leave out the editions a test is not for (``only``), and keep each edition's tests together in one
    process when pytest-xdist runs the suite in several (`make test`: --dist loadgroup), so that its site is
    toured once; the logbook's, the English course's and the library's tests likewise."""
    left_out = []
    for item in items:
        if HERE not in item.path.parents:
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        wanted = item.get_closest_marker("only_editions")
        if "edition" in params and wanted is not None and params["edition"] not in wanted.args[0]:
            left_out.append(item)
        elif "edition" in params:
            item.add_marker(pytest.mark.xdist_group("-".join(params["edition"])))
        elif item.path.name in ("test_logbook.py", "test_english.py", "test_library.py"):
            item.add_marker(pytest.mark.xdist_group(item.path.stem))
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        dropped = {id(item) for item in left_out}
        items[:] = [item for item in items if id(item) not in dropped]


@dataclass
class Edition:
    name: str  # 'participant' or 'instructor'
    site: Path  # the built files
    base_url: str  # where the test server serves them
    pages: list[str]  # URL path of every page, relative to base_url
    builder: str = "mkdocs"  # or 'zensical'
    representative: list[str] = dataclasses.field(default_factory=list)  # representative.py's pages


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium.unavailable("Playwright for Python is not installed (pyproject's `test` extra)")
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def english_project(tmp_path_factory) -> Path:
    """A course repository made by `curriculum init --language en`, with the English fixture course."""
    import re
    import shutil

    from conftest import cli

    base = tmp_path_factory.mktemp("english")
    project = base / "course"
    made = cli("init", str(project), "--language", "en", "--title", "Digital Care Basics", cwd=base)
    assert made.returncode == 0, made.stderr
    shutil.rmtree(project / "modules")
    shutil.copytree(ENGLISH_COURSE / "modules", project / "modules")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(\n    run: )\S+", rf"\g<1>{ENGLISH_RUN}", config.read_text("utf-8")), encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def english_site(english_project, tmp_path_factory) -> Path:
    """The English fixture course's participant site, built once with `mkdocs build --strict`."""
    from conftest import mkdocs_build

    site = tmp_path_factory.mktemp("english-site") / "site"
    built = mkdocs_build(english_project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    return site


@pytest.fixture(scope="session")
def english(english_site, browser) -> Iterator[Edition]:
    """The English site served like an edition."""
    with serve(english_site) as base_url:
        pages = page_paths(english_site)
        yield Edition("participant", english_site, base_url, pages, representative=representative(english_site, pages))


@pytest.fixture(scope="session", params=sorted(EDITIONS), ids="-".join)
def edition(request, browser) -> Iterator[Edition]:
    name, builder = request.param
    site = request.getfixturevalue(EDITIONS[request.param])
    pages = page_paths(site)
    assert pages, f"the {name} edition built with {builder} has no pages"
    with serve(site) as base_url:
        yield Edition(name, site, base_url, pages, builder, representative(site, pages))


@pytest.fixture(scope="session")
def visits(edition, browser) -> dict[str, dict[str, Visit]]:
    """For each colour scheme: the record of a visit to every page of the edition in the light palette (with
    the layout at 1280 px, test_layout.py's), and to its representative pages in the dark palette: what the
    dark palette changes is colours, which representative.py's pages show for every kind of element.

    axe audits every page in the light palette of the participants' MkDocs build (the published site the
    participants read), and the representative pages of the other builds: the instructor edition is the same
    theme over the same kinds of element (its own — teaching plans, instructor notes — are among the
    representative pages), and Zensical renders the same generated Markdown, so what its build can change is
    its theme's, which the representative pages show for every kind of element. The rest of the record
    (requests, console, links, policy, language, layout) is of every page of every build."""
    audited = None if (edition.name, edition.builder) == ("participant", "mkdocs") else edition.representative
    light = tour(browser, edition.base_url, edition.pages, "light", layout=True, audited=audited)
    return {"light": light, "dark": tour(browser, edition.base_url, edition.representative, "dark")}


@pytest.fixture
def page(edition, browser):
    """A fresh page of its own (light scheme, desktop size) for a test that acts on the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        yield context.new_page()
    finally:
        context.close()


# A page with every fault the checks look for, to prove that the checks see them.
FAULTY_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="object-src 'none'"><title>Fejlside</title></head>
<body data-md-color-scheme="default"><main>
<h1 id="top">Fejlside</h1>
<img src="http://example.invalid/tracker.png" alt="sporing">
<p><a href="findes-ikke/">Et brudt link</a>, <a href="#intet-id">et brudt anker</a>,
<a href="#top">et godt anker</a> og <a href="https://example.invalid/">et link ud</a>.</p>
<div style="width: 900px">Bredere end en telefon.</div>
<object data="indlejret.svg" type="image/svg+xml" aria-label="Indlejret figur"></object>
<script>console.error("fejl i konsollen"); throw new Error("ufanget fejl");</script>
</main></body></html>
"""


@pytest.fixture(scope="session")
def faulty_site(tmp_path_factory, browser):
    """A one-page site served like an edition: an external request, console errors, a broken link and
    anchor, content wider than a phone, and an object its Content-Security-Policy forbids."""
    site = tmp_path_factory.mktemp("faulty")
    (site / "index.html").write_text(FAULTY_PAGE, encoding="utf-8")
    with serve(site) as base_url:
        yield Edition("faulty", site, base_url, page_paths(site))
