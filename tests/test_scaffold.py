"""`curriculum new`: every template validates as it is, and nothing is ever overwritten."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from conftest import MINIMAL, cli, write_modules
from curriculum import scaffold
from curriculum.validation import load_curriculum


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_each_template_validates_as_it_is(kind, modules_dir, tmp_path):
    result = cli("new", kind, f"ny-{kind}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = scaffold.KINDS[kind]
    path = modules_dir / folder / f"ny-{kind}.yml"
    assert path.is_file()
    assert path.read_text("utf-8").startswith("#")  # commented for the instructor
    curriculum = load_curriculum(modules_dir)
    assert f"ny-{kind}" in getattr(curriculum, folder)


def test_new_run_follows_the_latest_run_four_weeks_from_today(modules_dir):
    curriculum = load_curriculum(modules_dir)
    slots = scaffold.suggested_slots(curriculum, dt.date(2026, 11, 23))
    assert [s.module for s in slots] == ["workshop-1", "webinar-1"]
    assert slots[0].date == dt.date(2026, 12, 21)
    assert (slots[1].date - slots[0].date).days == 28  # the same gap as 17 April -> 15 May
    assert slots[0].place == "Odense" and slots[1].online


def test_refuses_to_overwrite(modules_dir, tmp_path):
    before = (modules_dir / "tools" / "teknologiradar.yml").read_bytes()
    result = cli("new", "tool", "teknologiradar", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "curriculum new: modules/tools/teknologiradar.yml findes allerede; vælg et andet id, eller ret i den fil"
    )
    assert (modules_dir / "tools" / "teknologiradar.yml").read_bytes() == before


def test_refuses_a_bad_id(modules_dir, tmp_path):
    result = cli("new", "session", "Workshop 3", cwd=tmp_path)
    assert result.returncode == 1
    assert "'Workshop 3' er ikke et gyldigt id" in result.stderr
    assert not list((modules_dir / "sessions").glob("Workshop*"))


def test_new_run_follows_the_run_that_starts_last_as_the_guide_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    example = textwrap.dedent(MINIMAL["runs/test-run.yml"]).replace("id: test-run", "id: eksempel\nexample: true")
    example = example.replace("2024-04-17", "2030-04-17").replace("2024-05-15", "2030-12-15")
    modules = write_modules(tmp_path, {"runs/eksempel.yml": example})
    slots = scaffold.suggested_slots(load_curriculum(modules), dt.date(2026, 11, 23))
    assert (slots[1].date - slots[0].date).days == (dt.date(2030, 12, 15) - dt.date(2030, 4, 17)).days


def test_a_new_run_writes_letters_as_typed_and_is_marked_an_example(tmp_path, monkeypatch):
    """Made-up dates, and times and places copied from another run, never become facts unmarked; a place
    keeps its ø (not Jinja's \\u00f8)."""
    monkeypatch.chdir(tmp_path)
    place = 'Professionshøjskole "Syd": lokale 2'
    run = textwrap.dedent(MINIMAL["runs/test-run.yml"]).replace("place: Odense", f"place: '{place}'")
    modules = write_modules(tmp_path, {"runs/test-run.yml": run})
    target = scaffold.create(modules, "run", "nyt-hold", load_curriculum(modules), dt.date(2026, 11, 23))
    text = target.read_text("utf-8")
    assert '    place: "Professionshøjskole \\"Syd\\": lokale 2"\n' in text and "\\u" not in text
    assert "\nexample: true\n" in text and "kopieret fra holdet test-run" in text
    new = load_curriculum(modules).runs["nyt-hold"]
    assert new.example and new.sessions[0].place == place


def test_a_new_session_gets_a_format_of_the_course(tmp_path, monkeypatch):
    """A course with its own formats (tests/courses/da) gets one of them, and the template validates."""
    import shutil

    from conftest import ROOT

    monkeypatch.chdir(tmp_path)
    modules = tmp_path / "modules"
    shutil.copytree(ROOT / "tests" / "courses" / "da" / "modules", modules)
    target = scaffold.create(modules, "session", "ny-session", load_curriculum(modules))
    assert "format: forelæsning" in target.read_text("utf-8")
    assert "eksamen" in target.read_text("utf-8")  # the comment names the course's formats
    assert "ny-session" in load_curriculum(modules).sessions


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_an_english_course_gets_english_templates_that_validate(kind, tmp_path, monkeypatch):
    """tests/courses/en (language: en) gets the English templates, with its own formats and time zone."""
    import shutil

    from conftest import ROOT

    monkeypatch.chdir(tmp_path)
    modules = tmp_path / "modules"
    shutil.copytree(ROOT / "tests" / "courses" / "en" / "modules", modules)
    result = cli("new", kind, f"new-{kind}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (modules / scaffold.KINDS[kind] / f"new-{kind}.yml").read_text("utf-8")
    english = {
        "session": "# A session module: one session of the course, without a date.",
        "tool": "# A tool: a model or method that sessions can refer to by its id.",
        "reading": "# A text, podcast, film or website for the reading list.",
        "run": "# A run (a cohort): the dates, times and places of the sessions.",
    }
    assert text.startswith(english[kind])
    comments = " ".join(line.partition("#")[2] for line in text.splitlines() if "#" in line).lower()
    for danish in ("sessionen", "værktøj", "deltagerne", "skriv", "hold", "og", "eller", "kun", "på"):
        assert not re.search(rf"\b{danish}\b", comments), (danish, kind)
    if kind == "session":
        assert "format: webinar" in text and "# kick-off-webinar, workshop, webinar, or kick-out-webinar" in text
    if kind == "reading":
        assert "kind: article" in text and "# article, website, report, podcast, film, or book" in text
    if kind == "run":
        assert "timezone: Europe/London" in text and "name: New cohort" in text  # the latest run's zone
    assert f"new-{kind}" in getattr(load_curriculum(modules), scaffold.KINDS[kind])


def test_a_danish_course_gets_danish_templates_and_a_language_without_templates_english():
    assert scaffold.template_language("da") == "da"
    assert scaffold.template_language("en-GB") == "en"
    assert scaffold.template_language("de") == "en"


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_an_english_template_passes_the_english_courses_json_schema(kind):
    """What the editor checks while the instructor types: the English course's own schema (its vocabulary)."""
    from jsonschema import Draft202012Validator, FormatChecker

    from conftest import ROOT
    from curriculum import schema
    from curriculum.loader import load_text

    modules = ROOT / "tests" / "courses" / "en" / "modules"
    text = scaffold.render(kind, f"new-{kind}", load_curriculum(modules), dt.date(2026, 11, 23))
    doc, problems = load_text(text, "new.yml")
    assert not problems
    built = schema.build_schema(kind, vocabulary=schema.course_vocabulary(modules))
    found = list(Draft202012Validator(built, format_checker=FormatChecker()).iter_errors(doc.data))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found] == []
