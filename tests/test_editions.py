"""Two editions from one source: instructor-only texts never reach any file of the participant edition.

The texts are collected from the loaded models by walking them for fields marked instructor-only
(``models.instructor_only()``), so a field marked tomorrow is searched for without touching this file.
Every such text must be in the instructor edition (which proves that the search would see it) and in no
file of the participant edition: pages, search index, sitemap, calendar files, pictures.
"""

from __future__ import annotations

import gzip
import html
import inspect
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import ROOT, cli, write_modules
from curriculum import models
from curriculum.editions import Edition, instructor_only_fields, instructor_only_texts, strip_instructor_only
from curriculum.engine import generate
from curriculum.messages import Messages
from markupsafe import escape
from curriculum.validation import load_curriculum

# The English fixture course uses every instructor-only field, so the engine tests below cover each;
# the tests of the published course (modules/, conftest's ``published``) check its own texts.
FIXTURE = ROOT / "tests" / "courses" / "en" / "modules"
FIXTURE_RUN = "autumn-2026"
EN = Messages("en")


def normal(text: str) -> str:
    """Text as a reader sees it: entities decoded, tags and Markdown emphasis gone, whitespace collapsed."""
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a Markdown link: its text
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def readable(path: Path) -> str:
    """Any built file as searchable text: gzip unpacked, JSON decoded (the search index escapes æøå),
    calendar lines unfolded and unescaped, HTML entities decoded and tags removed."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="ignore")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
        text = text.replace("\\n", " ").replace('\\"', '"')
    if path.suffix == ".ics":
        text = re.sub(r"\r?\n[ \t]", "", text)
        text = text.replace("\\n", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    return normal(text)


@pytest.fixture(scope="module")
def curriculum():
    """The fixture course."""
    return load_curriculum(FIXTURE)


@pytest.fixture(scope="module")
def secrets(curriculum) -> list:
    """Every instructor-only text of the fixture course, with its field and where it is."""
    found = list(instructor_only_texts(curriculum))
    assert len(found) >= 8
    return found


@pytest.fixture(scope="module")
def published_secrets(course) -> list:
    """Every instructor-only text of the published course."""
    return list(instructor_only_texts(course.curriculum))


def all_model_classes() -> list[type[BaseModel]]:
    return [
        cls
        for _, cls in inspect.getmembers(models, inspect.isclass)
        if issubclass(cls, BaseModel) and cls.__module__ == models.__name__
    ]


def test_every_instructor_only_field_has_a_text_in_the_fixture_course(secrets):
    """So that the leak tests below cover every field, the course uses each of them."""
    marked = {name for cls in all_model_classes() for name in instructor_only_fields(cls)}
    assert {
        "AgendaBlock.facilitation",
        "Session.instructor",
        "EvaluationMethod.procedure",
        "Results.recommendations",
    } <= marked
    assert marked == {found.field for found in secrets}


def test_stripping_empties_every_instructor_only_field_and_nothing_else(curriculum):
    stripped = strip_instructor_only(curriculum)
    assert list(instructor_only_texts(stripped)) == []
    session = stripped.sessions["opening"]
    assert session.instructor is None
    assert all(block.facilitation is None for block in session.agenda)
    assert [b.title for b in session.agenda] == [b.title for b in curriculum.sessions["opening"].agenda]
    assert stripped.results[FIXTURE_RUN].recommendations == []
    assert stripped.results[FIXTURE_RUN].items == curriculum.results[FIXTURE_RUN].items
    assert curriculum.sessions["opening"].instructor is not None  # the original is untouched


def test_a_new_instructor_only_field_is_stripped_and_found_without_changing_the_walk():
    class Inner(models.Model):
        shown: str
        hidden: str | None = models.instructor_only()

    class Outer(models.Model):
        parts: list[Inner]
        notes: list[str] = models.instructor_only([])

    value = Outer(parts=[Inner(shown="a", hidden="hemmelig 1")], notes=["hemmelig 2"])
    assert sorted(instructor_only_fields(Outer)) == ["Inner.hidden", "Outer.notes"]
    assert sorted(f.text for f in instructor_only_texts(value)) == ["hemmelig 1", "hemmelig 2"]
    stripped = strip_instructor_only({"x": value})["x"]
    assert stripped == Outer(parts=[Inner(shown="a")])


def engine_outputs(modules: Path, run: str, edition: str) -> str:
    site = generate(modules, run, None, edition)
    texts = [normal(page) for page in site.pages.values()]
    for name, data in site.files.items():
        text = data.decode("utf-8", errors="ignore")
        if name.endswith(".ics"):
            text = re.sub(r"\r?\n[ \t]", "", text).replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
        texts.append(normal(text))
    return "\n".join(texts)


@pytest.mark.parametrize("which", ["fixture", "published"])
def test_the_engine_puts_instructor_texts_in_the_instructor_edition_only(which, secrets, published_secrets, course):
    modules, run = (FIXTURE, FIXTURE_RUN) if which == "fixture" else (ROOT / "modules", course.run_id)
    secrets = secrets if which == "fixture" else published_secrets
    instructor, participant = engine_outputs(modules, run, "instructor"), engine_outputs(modules, run, "participant")
    missing = [f"{f.path}: {f.text}" for f in secrets if normal(f.text) not in instructor]
    assert missing == [], "instructor-only texts the instructor edition does not show"
    leaked = [f"{f.path}: {f.text}" for f in secrets if normal(f.text) in participant]
    assert leaked == []


def test_no_file_of_the_participant_build_contains_an_instructor_text(course_site, course_instructor_site, course):
    """Every file of `mkdocs build` of the published course: pages, search index, sitemap (also gzipped),
    calendars, SVG, CSS, JS; against every instructor-only text of its modules/."""
    kdl_site, secrets = course_site, list(instructor_only_texts(course.curriculum))
    instructor = "\n".join(readable(p) for p in course_instructor_site.rglob("*.html"))
    missing = [f"{f.path}: {f.text}" for f in secrets if normal(f.text) not in instructor]
    assert missing == [], "the search must find each text where it belongs, or it proves nothing"

    files = [p for p in kdl_site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xml", ".gz", ".ics", ".svg"} <= kinds
    leaked = []
    for path in files:
        text = readable(path)
        leaked += [f"{path.relative_to(kdl_site)}: {f.path}" for f in secrets if normal(f.text) in text]
    assert leaked == []


def test_the_search_finds_a_leak(tmp_path, secrets):
    """The check is live: an instructor text put into a participant page's search index is found."""
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"docs": [{"text": f"<p>{html.escape(secrets[0].text)}</p>"}]}), encoding="utf-8")
    assert normal(secrets[0].text) in readable(index)


def test_teaching_plans_are_in_the_instructor_edition_only(course):
    participant = generate(ROOT / "modules", course.run_id, None, Edition.participant)
    instructor = generate(ROOT / "modules", course.run_id, None, Edition.instructor)
    teaching, sessions, msg = course.address("teaching"), course.address("sessions"), course.messages
    plans = {p for p in instructor.pages if p.startswith(f"{teaching}/")}
    assert plans == {f"{teaching}/index.md"} | {f"{teaching}/{s.module}.md" for s in course.run.sessions}
    assert not any(p.startswith(f"{teaching}/") for p in participant.pages)
    assert set(participant.pages) == set(instructor.pages) - plans
    nav = [next(iter(entry)) for entry in instructor.nav]
    assert nav[3] == msg("pages.teaching") and msg("pages.teaching") not in [next(iter(e)) for e in participant.nav]
    first = f"{sessions}/{course.run.sessions[0].module}.md"
    assert msg("session.teaching_link") in instructor.pages[first]
    assert msg("session.teaching_link") not in participant.pages[first]
    assert f"{teaching}/" not in participant.pages[first]


def test_a_teaching_plan_has_the_timed_agenda_with_notes_materials_and_evaluation():
    page = generate(FIXTURE, FIXTURE_RUN, None, "instructor").pages["teaching-plan/opening.md"]
    assert "| 13:00–13:10 | Plenary | Welcome |  |" in page
    assert (
        "| 13:10–13:40 | Presentation | The landscape of care technology | Keep it short and ask for examples. |"
        in page
    )
    for key in ("common.agenda", "teaching.materials", "teaching.instructor_preparation", "teaching.watch_for"):
        assert f"## {escape(EN(key))}" in page
    for key in ("teaching.lessons", "teaching.evaluation_here"):
        assert f"## {escape(EN(key))}" in page
    assert "- The empty radar as a PDF." in page and "- The group work needs at least 40 minutes." in page
    assert "**Observation**, during every session: A colleague observes the session." in page
    assert (
        "**Questionnaire**, during Kick-off webinar (8 Sep): Participants write down what they hope to learn." in page
    )


def test_the_overview_teaching_plan_lists_every_session_and_the_evaluation():
    page = generate(FIXTURE, FIXTURE_RUN, None, "instructor").pages["teaching-plan/index.md"]
    assert page.count("](opening.md)") == 1 and "[Workshop 2: Making it stick](adoption.md)" in page
    assert "**Questionnaire**, after Closing webinar (27 Oct): The questionnaire is sent the day after" in page
    assert "**Interviews**, after Closing webinar (27 Oct): Short interviews by phone a month later." in page
    assert "../evaluation.md#tjekliste-autumn-2026" in page


def test_generate_takes_the_edition(tmp_path, course):
    out = tmp_path / "pages"
    result = cli("generate", "--out", str(out), "--run", course.run_id, "--edition", "instructor", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (out / course.address("teaching") / "index.md").is_file()
    result = cli("generate", "--out", str(tmp_path / "x"), "--edition", "underviser", cwd=ROOT)
    assert result.returncode == 2 and "invalid choice: 'underviser'" in result.stderr


@pytest.mark.published
def test_an_unknown_edition_in_mkdocs_yml_is_named(tmp_path):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path)
    config = project / "mkdocs.instructor.yml"
    config.write_text(config.read_text("utf-8").replace("edition: instructor", "edition: underviser"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", config="mkdocs.instructor.yml")
    assert result.returncode != 0
    from conftest import published

    said = published().said("report.settings.no_edition", value="underviser", hint="", names="participant, instructor")
    assert f"mkdocs.instructor.yml:10:5: extra.curriculum.edition: {said}" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_minimal_course_without_instructor_data_builds_both_editions(modules_dir):
    for edition in Edition:
        site = generate(modules_dir, edition=edition)
        assert "haandbog.md" in site.pages and "evaluering.md" not in site.pages
    plan = generate(modules_dir, edition="instructor").pages["undervisningsplan/webinar-1.md"]
    assert "Sessionen har endnu ingen tidsplan" in plan


def test_instructor_fields_in_a_file_are_validated_like_any_other(modules_dir, tmp_path):
    from curriculum.problems import CurriculumError

    write_modules(
        tmp_path,
        {
            "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinar
        themes: [Fortsættelsen]
        summary: Vi fortsætter.
        agenda:
          - {minutes: 10, kind: plenum, title: Velkomst, facilitaton: Sig hej.}
        instructor:
          watch_for: Hold øje.
        """
        },
    )
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    assert [str(p) for p in caught.value.problems] == [
        (
            "modules/sessions/webinar-1.yml:7:50: agenda[0].facilitaton: feltet 'facilitaton' kendes ikke "
            "(mente du 'facilitation'?); tjek stavningen, eller fjern det"
        ),
        (
            "modules/sessions/webinar-1.yml:9:14: instructor.watch_for: her skal stå en liste (linjer, der "
            "begynder med '- '), men der står en tekst"
        ),
    ]
