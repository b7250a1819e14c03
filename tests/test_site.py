"""The published site (mkdocs build --strict of modules/ and the run of mkdocs.yml): the whole run is there,
as the course files say it, and nothing leaves the site. What to expect is read from modules/ (conftest's
``published``), so the tests hold for any course put there."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import BIN, copy_project, published, run

COURSE = published()
SESSIONS = COURSE.programme.sessions


def text_of(path: Path) -> str:
    """The visible text of a page's article (no navigation), tags removed, entities decoded."""
    raw = path.read_text("utf-8")
    raw = raw[raw.index("<article") : raw.index("</article>")]
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def page_of(site: Path, *parts: str) -> Path:
    return site.joinpath(*parts, "index.html")


@pytest.mark.parametrize("position", range(len(SESSIONS)), ids=[item.session.id for item in SESSIONS])
def test_every_session_of_the_run_is_on_its_page_and_the_front_page(course_site, course, position):
    item = SESSIONS[position]
    session, label, date = item.session, course.label(item), course.messages.long_date(item.slot.date)
    page = text_of(page_of(course_site, course.address("sessions"), session.id))
    assert label in page and date in page and session.title in page
    for text in [*session.themes, *(c.title for c in session.content), *session.questions]:
        assert text in page
    # the front page's programme is compact: date, format, title and place; the details are on the page
    front = text_of(course_site / "index.html")
    programme = front[front.index("(.ics)") :]  # the rows follow the sentence with the calendar link
    row = programme[programme.index(course.day(item.slot.date)) :]
    assert row.index(label) < row.index(session.title) < 120
    for question in session.questions:
        assert question not in front


def test_programme_is_in_run_order_on_the_front_page(course_site, course):
    front = text_of(course_site / "index.html")
    cards = front.index("(.ics)")  # the programme's rows follow the sentence with the calendar link
    at = front.index(course.day(SESSIONS[0].slot.date), cards)  # the first row
    assert len(SESSIONS) == len(course.run.sessions)
    for item in SESSIONS:  # each row's date, label and title after the row before
        for text in (course.day(item.slot.date), course.label(item), item.session.title):
            at = front.index(text, at) + len(text)


def test_tool_pages_and_toolbox(course_site, course):
    toolbox = text_of(page_of(course_site, course.address("tools")))
    folder = course_site / course.address("tools")
    tool_pages = [p.name for p in folder.iterdir() if (p / "index.html").is_file()]
    # each tool's page, and beside a radar's or a wheel's the page of its blank picture to print (<id>-tom)
    blank = [f"{tid}-tom" for tid in course.curriculum.tools if (folder / f"{tid}-tom.svg").is_file()]
    assert blank and sorted(tool_pages) == sorted([*course.curriculum.tools, *blank])
    for tool in course.curriculum.tools.values():
        assert tool.title in toolbox
        assert tool.title in text_of(page_of(course_site, course.address("tools"), tool.id))


def test_reading_list_has_every_session_and_a_total(course_site, course):
    page = text_of(page_of(course_site, course.address("readings")))
    cur, msg = course.curriculum, course.messages
    listed = {r for item in SESSIONS for r in item.session.readings} | {
        r for t in cur.tools.values() for r in t.readings
    }
    assert listed, "the published course lists no reading"
    readings = [cur.readings[r] for r in listed]
    minutes = sum(r.minutes or 0 for r in readings)
    assert msg("readings.intro", titles=msg("readings.titles", count=len(readings)), time=msg.duration(minutes)) in page
    for item in SESSIONS:
        if item.session.readings:
            assert course.label(item) in page
    for reading in readings:
        assert reading.title in page and reading.creator in page


def test_about_page_has_the_bearing_elements(course_site, course):
    page = text_of(page_of(course_site, course.address("about")))
    assert course.curriculum.course.bearing_elements
    for element in course.curriculum.course.bearing_elements:
        assert element.title in page


def test_pages_are_in_the_course_language(course_site, course):
    pages = list(course_site.rglob("*.html"))
    assert len(pages) > len(SESSIONS)
    for page in pages:
        assert f'<html lang="{course.language}"' in page.read_text("utf-8"), page


EXTERNAL = re.compile(r"""(?:src|href|srcset|action|content)\s*=\s*["'](?:https?:)?//(?P<host>[^/"']+)""", re.I)


def test_no_third_party_requests(course_site):
    """Nothing the browser fetches by itself comes from another host: no fonts, CDNs or analytics.

    Ordinary links (<a href>) to readings are fine: they are only followed when clicked.
    """
    offenders = []
    for path in course_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".html":
            text = re.sub(r"<a\b[^>]*>", "", text)  # links are not requests
            offenders += [(path.name, m.group("host")) for m in EXTERNAL.finditer(text)]
        else:
            offenders += [(path.name, m) for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//([^/'\")]+)", text)]
            offenders += [(path.name, m) for m in re.findall(r"@import\s+['\"](?:https?:)?//([^/'\"]+)", text)]
    assert offenders == []
    front = (course_site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in front and "fonts.gstatic" not in front


def test_search_is_in_the_course_language_and_finds_each_session_by_its_title(course_site, course):
    index = json.loads((course_site / "search" / "search_index.json").read_text("utf-8"))
    assert course.language in index["config"]["lang"]
    for item in SESSIONS:
        location = f"{course.address('sessions')}/{item.session.id}/"
        assert any(d["location"].startswith(location) and item.session.title in d["title"] for d in index["docs"])


def test_failed_build_leaves_site_untouched_and_shows_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / ".venv").symlink_to(BIN.parent)  # the environment running the tests
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous build")
    run_file = project / "modules" / "runs" / f"{COURSE.run_id}.yml"
    module = SESSIONS[-1].session.id
    lines = run_file.read_text("utf-8").splitlines(keepends=True)
    number = max(i for i, line in enumerate(lines) if re.search(rf"module: {re.escape(module)}\b", line))
    column = lines[number].index(f"module: {module}") + len("module: ") + 1
    lines[number] = lines[number].replace(f"module: {module}", f"module: {module}x", 1)
    run_file.write_text("".join(lines), encoding="utf-8")
    result = run(["make", "site"], cwd=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert (
        f"modules/runs/{COURSE.run_id}.yml:{number + 1}:{column}: sessions[{len(SESSIONS) - 1}].module: "
        + COURSE.said(
            "report.references.unknown_session",
            target=f"{module}x",
            hint=COURSE.said("report.did_you_mean", choice=module),
            folder="modules/sessions/",
        )
    ) in output
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text() == "the previous build"
    assert not (project / ".site-build").exists()


def test_no_page_shows_a_link_as_the_markdown_it_was_written_in(course_site):
    """Markdown inside the HTML the templates write (a folded figure's links) is still made into links: no
    page's text holds ``](target)``."""
    pages = sorted(course_site.rglob("index.html"))
    assert len(pages) > len(SESSIONS)
    shown = {str(p.relative_to(course_site)): re.findall(r"\]\([^)\s]+\)", text_of(p)) for p in pages}
    assert {page: found for page, found in shown.items() if found} == {}
