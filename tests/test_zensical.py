"""The site built with Zensical (`make zensical`) from the pages `curriculum generate` writes is the site
MkDocs builds: the same page addresses, the same main text on every page, the same navigation, and the
calendar files, pictures and self-assessment with it. The browser checks (privacy, axe) run on it too
(tests/browser/conftest.py's EDITIONS)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from curriculum import assets

from conftest import copy_project, published, zensical_build


class _MainText(HTMLParser):
    """The text of a page's <article> (the page's content), less scripts, styles and the ¶ of headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skipping: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and (tag in ("script", "style") or "headerlink" in (dict(attrs).get("class") or "")):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.text.append(data)


def main_text(page: Path) -> str:
    parser = _MainText()
    parser.feed(page.read_text("utf-8"))
    return " ".join(" ".join(parser.text).split())


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def navigation(site: Path, page: str) -> list[str]:
    """The addresses the navigation of a page links to, in order, from the site's root (anchors left out)."""
    here = "http://site/" + page.removesuffix("index.html")
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', (site / page).read_text("utf-8"))
    return [urljoin(here, link).removeprefix("http://site/") for link in links]


EDITIONS = [
    ("participant", "course_site", "zensical_site"),
    ("instructor", "course_instructor_site", "zensical_instructor_site"),
]
COURSE = published()  # the published course: what the sites show is read from modules/
SESSIONS = COURSE.address("sessions")


@pytest.mark.parametrize("edition,mkdocs_fixture,zensical_fixture", EDITIONS)
def test_zensical_builds_the_pages_mkdocs_builds_with_the_same_main_text(
    request, edition, mkdocs_fixture, zensical_fixture
):
    mkdocs_site = request.getfixturevalue(mkdocs_fixture)
    zensical_site = request.getfixturevalue(zensical_fixture)
    assert pages(zensical_site) == pages(mkdocs_site)
    assert len(pages(mkdocs_site)) >= len(COURSE.run.sessions) + len(COURSE.curriculum.tools) + 5
    teaching = f"{COURSE.address('teaching')}/"
    assert any(p.startswith(teaching) for p in pages(zensical_site)) == (edition == "instructor")
    differ = {
        path: (main_text(mkdocs_site / path)[:300], main_text(zensical_site / path)[:300])
        for path in sorted(pages(mkdocs_site))
        if main_text(mkdocs_site / path) != main_text(zensical_site / path)
    }
    assert differ == {}
    for slot in COURSE.run.sessions:
        title = COURSE.curriculum.sessions[slot.module].title
        assert title in main_text(zensical_site / SESSIONS / slot.module / "index.html")


@pytest.mark.parametrize("mkdocs_fixture,zensical_fixture", [e[1:] for e in EDITIONS])
def test_zensical_shows_the_navigation_in_the_runs_order(request, mkdocs_fixture, zensical_fixture):
    mkdocs_site = request.getfixturevalue(mkdocs_fixture)
    zensical_site = request.getfixturevalue(zensical_fixture)
    first = f"{SESSIONS}/{COURSE.run.sessions[0].module}/index.html"
    for page in ("index.html", first):
        assert navigation(zensical_site, page) == navigation(mkdocs_site, page), page
    front = navigation(zensical_site, "index.html")
    order = [front.index(f"{SESSIONS}/{slot.module}/") for slot in COURSE.run.sessions]
    assert order == sorted(order)


def test_zensical_site_has_the_calendar_files_pictures_and_self_assessment(course_site, zensical_site):
    calendars = {p.relative_to(course_site).as_posix() for p in course_site.rglob("*.ics")}
    assert calendars and {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.ics")} == calendars
    for path in calendars:
        assert (zensical_site / path).read_bytes() == (course_site / path).read_bytes()
    pictures = 0
    for tool in COURSE.curriculum.tools.values():
        if tool.visual is None:
            continue
        page = (zensical_site / COURSE.address("tools") / tool.id / "index.html").read_text("utf-8")
        assert f'id="v-{tool.id}"' in page, tool.id
        if tool.visual.kind == "wheel" and tool.visual.self_assessment:
            assert "<svg" in page and "selfassessment.js" in page and "<form" in page
        pictures += 1
    assert pictures > 0
    front = (zensical_site / "index.html").read_text("utf-8")
    assert f'<html lang="{COURSE.language}"' in front
    for sheet in ("extra.css", "print.css"):  # every page's; visuals.css where a picture is (test_weight.py)
        assert f"stylesheets/{sheet}" in front
    assert all((zensical_site / name).is_file() for name in assets.site_files())
    assert f"{COURSE.address('calendar')}/{COURSE.run_id}.ics" in front


def test_zensical_site_names_no_other_host_in_what_the_browser_loads(zensical_site):
    """No font, script or style sheet from another host (the browser tests watch the requests themselves)."""
    loaded = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(https?:)?//', re.I)
    found = {
        p.relative_to(zensical_site).as_posix()
        for p in zensical_site.rglob("*.html")
        if loaded.search(p.read_text("utf-8"))
    }
    assert found == set()
    assert not any("fonts.googleapis" in p.read_text("utf-8", errors="ignore") for p in zensical_site.rglob("*.css"))


def test_zensical_never_builds_from_the_hook_and_a_failed_build_keeps_the_old_site(tmp_path):
    project = copy_project(tmp_path)
    out = project / "site-zensical"
    out.mkdir()
    (out / "index.html").write_text("the previous site", encoding="utf-8")
    module = COURSE.run.sessions[-1].module
    fmt = COURSE.curriculum.sessions[module].format
    session = project / "modules" / "sessions" / f"{module}.yml"
    text = session.read_text("utf-8")
    assert f"format: {fmt}\n" in text
    session.write_text(text.replace(f"format: {fmt}\n", f"format: {fmt}x\n"), encoding="utf-8")
    result = zensical_build(project, out)
    assert result.returncode == 1
    assert (
        f"modules/sessions/{module}.yml" in result.stderr
        and COURSE.said("report.did_you_mean", choice=fmt) in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text("utf-8") == "the previous site"
    written = project / ".zensical" / "participant" / "mkdocs.yml"
    assert not written.exists() or "hooks" not in written.read_text("utf-8")


def test_zensical_builds_the_run_the_environment_chooses(tmp_path):
    project = copy_project(tmp_path)
    other = COURSE.other_run()
    result = zensical_build(project, project / "out", env={"CURRICULUM_RUN": other})
    assert result.returncode == 0, result.stderr
    assert (project / "out" / COURSE.address("calendar") / f"{other}.ics").is_file()
    assert not (project / "out" / COURSE.address("calendar") / f"{COURSE.run_id}.ics").exists()
    config = (project / ".zensical" / "participant" / "mkdocs.yml").read_text("utf-8")
    assert "hooks" not in config and "variant: classic" in config
