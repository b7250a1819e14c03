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

from conftest import ROOT, curriculum_cli, write_modules
from curriculum import models
from curriculum.editions import Edition, instructor_only_fields, instructor_only_texts, strip_instructor_only
from curriculum.engine import generate
from curriculum.validation import load_curriculum

RUN = "2024-pilot"


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
    return load_curriculum(ROOT / "modules")


@pytest.fixture(scope="module")
def secrets(curriculum) -> list:
    """Every instructor-only text of the KDL course, with its field and where it is."""
    found = list(instructor_only_texts(curriculum))
    assert len(found) >= 50
    return found


def all_model_classes() -> list[type[BaseModel]]:
    return [
        cls
        for _, cls in inspect.getmembers(models, inspect.isclass)
        if issubclass(cls, BaseModel) and cls.__module__ == models.__name__
    ]


def test_every_instructor_only_field_has_a_text_in_the_kdl_course(secrets):
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
    session = stripped.sessions["borgerperspektiv"]
    assert session.instructor is None
    assert all(block.facilitation is None for block in session.agenda)
    assert [b.title for b in session.agenda] == [b.title for b in curriculum.sessions["borgerperspektiv"].agenda]
    assert stripped.results[RUN].recommendations == []
    assert stripped.results[RUN].items == curriculum.results[RUN].items
    assert curriculum.sessions["borgerperspektiv"].instructor is not None  # the original is untouched


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


def engine_outputs(edition: str) -> str:
    site = generate(ROOT / "modules", RUN, None, edition)
    texts = [normal(page) for page in site.pages.values()]
    for name, data in site.files.items():
        text = data.decode("utf-8", errors="ignore")
        if name.endswith(".ics"):
            text = re.sub(r"\r?\n[ \t]", "", text).replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
        texts.append(normal(text))
    return "\n".join(texts)


def test_the_engine_puts_instructor_texts_in_the_instructor_edition_only(secrets):
    instructor, participant = engine_outputs("instructor"), engine_outputs("participant")
    missing = [f"{f.path}: {f.text}" for f in secrets if normal(f.text) not in instructor]
    assert missing == [], "instructor-only texts the instructor edition does not show"
    leaked = [f"{f.path}: {f.text}" for f in secrets if normal(f.text) in participant]
    assert leaked == []


def test_no_file_of_the_participant_build_contains_an_instructor_text(kdl_site, kdl_instructor_site, secrets):
    """Every file of `mkdocs build`: pages, search index, sitemap (also gzipped), calendars, SVG, CSS, JS."""
    instructor = "\n".join(readable(p) for p in kdl_instructor_site.rglob("*.html"))
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


def test_teaching_plans_are_in_the_instructor_edition_only():
    participant = generate(ROOT / "modules", RUN, None, Edition.participant)
    instructor = generate(ROOT / "modules", RUN, None, Edition.instructor)
    plans = {p for p in instructor.pages if p.startswith("undervisningsplan/")}
    assert plans == {"undervisningsplan/index.md"} | {
        f"undervisningsplan/{s}.md"
        for s in (
            "kick-off",
            "forstaaelsesrammer",
            "digitalt-kompetente-medarbejder",
            "borgerperspektiv",
            "forandringsledelse",
            "implementering-og-adfaerdsdesign",
            "kick-out",
        )
    }
    assert not any(p.startswith("undervisningsplan/") for p in participant.pages)
    assert set(participant.pages) == set(instructor.pages) - plans
    nav = [next(iter(entry)) for entry in instructor.nav]
    assert nav[3] == "Undervisningsplan" and "Undervisningsplan" not in [next(iter(e)) for e in participant.nav]
    assert "Undervisningsplan for sessionen" in instructor.pages["sessioner/kick-off.md"]
    assert "Undervisningsplan" not in participant.pages["sessioner/kick-off.md"]


def test_a_teaching_plan_has_the_timed_agenda_with_notes_materials_and_evaluation():
    page = generate(ROOT / "modules", RUN, None, "instructor").pages["undervisningsplan/forstaaelsesrammer.md"]
    assert "| 09.00–09.15 | Plenum | Velkomst og dagens program | Knyt an til kick-off" in page
    assert "| 14.10–14.45 | Gruppearbejde | Buddygrupperne finder sammen om en fælles teknologi | " in page
    for heading in (
        "## Tidsplan",
        "## Materialer",
        "## Underviserens forberedelse",
        "## Hold øje med",
        "## Erfaringer fra tidligere hold",
        "## Evalueringen i denne session",
    ):
        assert heading in page
    assert "**Observationer**, under hver session: En evaluator observerer sessionen." in page


def test_the_overview_teaching_plan_lists_every_session_and_the_evaluation():
    page = generate(ROOT / "modules", RUN, None, "instructor").pages["undervisningsplan/index.md"]
    assert page.count("](kick-off.md)") == 1 and "[Workshop 2: Implementering og adfærdsdesign]" in page
    assert "**Spørgeskema**, efter Kick-out-webinar (2. okt.): Spørgeskemaet sendes ud" in page
    assert "../evaluering.md#tjekliste-2024-pilot" in page


def test_generate_takes_the_edition(tmp_path):
    out = tmp_path / "pages"
    result = curriculum_cli("generate", "--out", str(out), "--run", RUN, "--edition", "instructor", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (out / "undervisningsplan" / "index.md").is_file()
    result = curriculum_cli("generate", "--out", str(tmp_path / "x"), "--edition", "underviser", cwd=ROOT)
    assert result.returncode == 2 and "invalid choice: 'underviser'" in result.stderr


def test_an_unknown_edition_in_mkdocs_yml_is_named(tmp_path):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path)
    config = project / "mkdocs.instructor.yml"
    config.write_text(config.read_text("utf-8").replace("edition: instructor", "edition: underviser"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", config="mkdocs.instructor.yml")
    assert result.returncode != 0
    assert (
        "mkdocs.instructor.yml:10:5: extra.curriculum.edition: there is no edition 'underviser'; write "
        "participant or instructor"
    ) in result.stdout + result.stderr
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
        "modules/sessions/webinar-1.yml:7:50: agenda[0].facilitaton: unknown field 'facilitaton' "
        "(did you mean 'facilitation'?); check the spelling or remove it",
        "modules/sessions/webinar-1.yml:9:14: instructor.watch_for: expected a list (lines starting with '- '), "
        "found text",
    ]
