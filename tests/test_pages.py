"""The engine's pages: derived labels, Danish dates, escaping and strict templates."""

from __future__ import annotations

import subprocess
import textwrap
import sys

import jinja2
import pytest

from conftest import MINIMAL, write_modules
from curriculum import pages
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.problems import CurriculumError


def _linked(nav) -> list[str]:
    """Every page the navigation links to, in its order."""
    found: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += _linked(value) if isinstance(value, list) else [value]
    return found


def test_pages_and_navigation_follow_the_run(modules_dir):
    """A page for each session of the run and each tool, at the addresses of the course's language; no page
    for what the course has none of (buddy groups, an evaluation) nor for the instructor edition; every page in
    the navigation once, and the programme in it lists the run's sessions in the run's order."""
    site = generate(modules_dir)
    words = Messages("da")
    sessions = [f"{words('addresses.sessions')}/{sid}.md" for sid in ("workshop-1", "webinar-1")]
    tools = [f"{words('addresses.tools')}/{tid}.md" for tid in ("teknologiradar", "kompetencehjulet")]
    assert set(sessions + tools) <= set(site.pages)
    absent = tuple(words(f"addresses.{key}") for key in ("buddy", "evaluation", "teaching"))
    assert [page for page in site.pages if page.startswith(absent)] == []
    linked = _linked(site.nav)
    assert sorted(linked) == sorted(site.pages)
    (programme,) = [entry[words("pages.programme")] for entry in site.nav if words("pages.programme") in entry]
    assert programme == [
        {"Workshop: Første workshop": sessions[0]},
        {"Webinar: Første webinar": sessions[1]},
    ]


def test_format_numbers_are_derived_from_the_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = """\
        id: test-run
        name: Testholdet
        sessions:
          - {module: workshop-1, date: 2024-04-17, start: "09:00", end: "15:00", place: Odense}
          - {module: webinar-1, date: 2024-05-15, start: "13:00", end: "15:00", online: true}
          - {module: webinar-2, date: 2024-06-12, start: "13:00", end: "15:00", online: true}
        """
    second = "id: webinar-2\ntitle: Andet webinar\nformat: webinar\nthemes: [Mere]\nsummary: Mere.\n"
    modules = write_modules(tmp_path, {"runs/test-run.yml": run, "sessions/webinar-2.yml": second})
    nav = generate(modules).nav
    titles = [next(iter(entry)) for entry in next(e["Programmet"] for e in nav if "Programmet" in e)]
    assert titles == ["Workshop: Første workshop", "Webinar 1: Første webinar", "Webinar 2: Andet webinar"]


def test_session_page_shows_danish_date_time_and_place(modules_dir):
    page = generate(modules_dir).pages["sessioner/workshop-1.md"]
    assert 'onsdag 17. april 2024, kl. <span class="course-clock">09.00–15.00</span>' in page
    assert "Odense" in page
    assert "Hvad vil du lære?" in page
    assert "[Teknologiradaren](../vaerktoejer/teknologiradar.md)" in page


def test_reading_list_totals_the_time(modules_dir):
    page = generate(modules_dir).pages["litteratur.md"]
    assert "1 titel, i alt omkring 45 minutter" in page
    assert page.count('<div class="course-reading" id="deci-2000" markdown="block">') == 1  # listed once, by its id


def test_a_reading_of_two_sessions_is_listed_once_under_the_first_naming_the_second(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    webinar = textwrap.dedent(MINIMAL["sessions/webinar-1.yml"]) + "readings:\n  - deci-2000\n"
    page = generate(write_modules(tmp_path, {"sessions/webinar-1.yml": webinar})).pages["litteratur.md"]
    assert page.count('id="deci-2000"') == 1 and "Også til Webinar.\n\n<details" in page
    # under the first session; the second, with no reading of its own, has no heading
    assert page.index("## Workshop: Første workshop") < page.index('id="deci-2000"')
    assert "## Webinar" not in page


def test_html_in_titles_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    evil = (
        "id: webinar-1\ntitle: \"<script>alert('x')</script> & co\"\nformat: webinar\n"
        'themes: ["<b>Tema</b>"]\nsummary: <img src=x onerror=alert(1)>\n'
    )
    site = generate(write_modules(tmp_path, {"sessions/webinar-1.yml": evil}))
    everything = "\n".join(site.pages.values())
    assert "<script>" not in everything and "<img" not in everything and "<b>" not in everything
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in site.pages["sessioner/webinar-1.md"]


def test_templates_are_strict_about_undefined_names():
    env = pages._environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ no_such_thing }}").render()


def test_unknown_run_is_a_problem(modules_dir):
    with pytest.raises(CurriculumError) as caught:
        generate(modules_dir, "test-rum")
    assert "der er intet forløb, der hedder 'test-rum' (mente du 'test-run'?)" in caught.value.report()


def test_the_engine_reads_no_environment_variable(modules_dir, monkeypatch):
    """The front ends choose the run (tests/test_settings.py); the engine builds the run it is given."""
    monkeypatch.setenv("CURRICULUM_RUN", "no-such-run")
    assert "Testholdet" in generate(modules_dir, "test-run").pages["index.md"]


def test_engine_never_imports_mkdocs(modules_dir):
    code = (
        "import sys; from curriculum.engine import generate; from curriculum import cli; "
        "generate('modules'); print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=modules_dir.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_reading_without_minutes_is_listed_and_left_out_of_the_total(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    second = (
        "id: kotter-1995\ntitle: Leading Change\ncreator: John P. Kotter\nyear: 1995\nkind: article\nnote: Otte fejl.\n"
    )
    workshop = textwrap.dedent(MINIMAL["sessions/workshop-1.yml"]).replace(
        "  - deci-2000", "  - deci-2000\n  - kotter-1995"
    )
    site = generate(write_modules(tmp_path, {"readings/kotter-1995.yml": second, "sessions/workshop-1.yml": workshop}))
    assert "Samlet tid: omkring 45 minutter (1 uden angivet tid)." in site.pages["sessioner/workshop-1.md"]
    assert "2 titler, i alt omkring 45 minutter (1 uden angivet tid)." in site.pages["litteratur.md"]
    assert "Leading Change" in site.pages["litteratur.md"]


def test_a_content_item_links_to_its_tool(modules_dir):
    """The link is made by the template inside a message ("Værktøj: {tool}"): it must stay a link, not be
    shown as the Markdown it is written in (every printed text goes through the prose rule)."""
    site = generate(modules_dir)
    session = next(text for path, text in site.pages.items() if path.startswith("sessioner/") and "Værktøj:" in text)
    line = next(line for line in session.splitlines() if line.startswith("Værktøj:"))
    assert "&#91;" not in line and "&#93;" not in line
    assert line.startswith("Værktøj: [") and "](../vaerktoejer/" in line and line.endswith(".md)")
