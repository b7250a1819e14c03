"""A course of a library adapts a shared file in its own overrides/ folder (``curriculum.validation.adapt``),
and a session says what it builds on (``builds_on:``, warned about by ``curriculum check``).

The portfolio fixture's Danish course (ledelse) adapts the shared radar (its use with staff and the note under
its picture) and the shared session technology (instructor notes); the English course (leaders) has neither.
Built with the engine, the cheapest level that shows a page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curriculum import lint
from curriculum.engine import generate
from curriculum.models import Tool
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum
from curriculum.validation.adapt import ADAPTABLE
from conftest import ROOT, cli

PORTFOLIO = ROOT / "tests" / "courses" / "portfolio" / "modules"
OWN_USE = "Tegn radaren sammen på et personalemøde i kommunen."
OWN_NOTE = "Radaren viser en kommunes teknologier; jeres egen ser anderledes ud."
OWN_WATCH = "Lederne i kommunen kender ofte radaren fra forvaltningen."
SHARED_USE = "Draw the radar together at a staff meeting."


@pytest.fixture
def library(tmp_path) -> Path:
    """A copy of the fixture library to change."""
    return Path(shutil.copytree(PORTFOLIO, tmp_path / "modules"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def problems(modules: Path, course: str) -> list[str]:
    with pytest.raises(CurriculumError) as error:
        load_curriculum(modules, course)
    return [str(problem) for problem in error.value.problems]


def pages(course: str, edition: str = "participant") -> dict[str, str]:
    return generate(PORTFOLIO, course=course, edition=edition).pages


def test_the_adapting_course_shows_its_own_values_and_the_other_course_the_shared_ones():
    own = pages("ledelse")
    radar = own["vaerktoejer/radar.md"]
    assert OWN_USE in radar and OWN_NOTE in radar and SHARED_USE not in radar
    assert "Fall sensors" in radar  # the blips it does not adapt stay the library's
    teaching = pages("ledelse", "instructor")["undervisningsplan/technology.md"]
    assert OWN_WATCH in teaching
    assert not any(OWN_WATCH in page for page in own.values())  # instructor notes stay instructor-only
    other = pages("leaders")
    assert SHARED_USE in other["tools/radar.md"] and "Fall sensors" in other["tools/radar.md"]
    everything = "\n".join(other.values()) + "\n".join(pages("leaders", "instructor").values())
    assert OWN_USE not in everything and OWN_NOTE not in everything and OWN_WATCH not in everything


def test_each_value_is_placed_in_the_file_that_gave_it():
    radar = load_curriculum(PORTFOLIO, "ledelse").documents[("tools", "radar")]
    override = "courses/ledelse/overrides/tools/radar.yml"
    assert radar.file.endswith("library/tools/radar.yml")  # the file the course uses is the shared one
    assert radar.file_at(("use_with_staff", 0)).endswith(override)
    assert radar.position(("use_with_staff", 0)) == (4, 5)
    assert radar.position(("visual", "note")) == (6, 9)
    assert radar.file_at(("visual", "blips", 0)).endswith("library/tools/radar.yml")
    assert radar.position(("visual", "blips", 0)) == (24, 7)
    other = load_curriculum(PORTFOLIO, "leaders").documents[("tools", "radar")]
    assert other.file_at(("use_with_staff", 0)).endswith("library/tools/radar.yml")


def test_a_problem_in_an_adapted_field_names_the_override_file_and_line(library):
    override = library / "courses" / "ledelse" / "overrides" / "tools" / "radar.yml"
    write(
        override,
        "visual:\n  blips:\n    - {name: Robotstøvsuger, sector: hjemme, ring: trial, description: Den gør rent.}\n",
    )
    found = problems(library, "ledelse")
    assert len(found) == 1, found
    assert found[0].startswith(f"{override}:3:") and "visual.blips[0].sector" in found[0]
    assert "hjemme" in found[0]
    load_curriculum(library, "leaders")  # the other course still reads the shared radar, which is valid


@pytest.mark.parametrize(
    ("course", "said"),
    [
        ("ledelse", "et kursus kan ikke give 'title' sin egen værdi; det kan give disse: summary, description"),
        ("leaders", "a course cannot give 'title' its own value; it can give these: summary, description"),
    ],
)
def test_a_field_that_may_not_be_adapted_is_a_problem_in_the_courses_language(library, course, said):
    override = write(library / "courses" / course / "overrides" / "tools" / "radar.yml", "# x\ntitle: Radar\n")
    found = problems(library, course)
    assert len(found) == 1 and found[0].startswith(f"{override}:2:1: title: "), found
    assert said in found[0] and "library/tools/radar.yml" in found[0]


def test_the_fields_inside_a_picture_are_adapted_one_by_one_and_its_kind_stays(library):
    override = write(library / "courses" / "leaders" / "overrides" / "tools" / "radar.yml", "visual:\n  kind: wheel\n")
    found = problems(library, "leaders")
    assert len(found) == 1 and found[0].startswith(f"{override}:2:3: visual.kind: "), found
    assert "'visual.kind'" in found[0] and "visual.blips" in found[0]


def test_a_block_the_shared_file_does_not_have_cannot_be_adapted(library):
    tool = library / "library" / "tools" / "radar.yml"
    tool.write_text(tool.read_text("utf-8").split("visual:")[0], "utf-8")
    override = write(library / "courses" / "leaders" / "overrides" / "tools" / "radar.yml", "visual:\n  note: x\n")
    found = problems(library, "leaders")
    assert len(found) == 1 and found[0].startswith(f"{override}:1:1: visual: "), found
    assert "has no 'visual' to adapt" in found[0]


def test_an_override_of_nothing_in_the_library_says_what_to_do(library):
    course = library / "courses" / "leaders"
    typo = write(course / "overrides" / "tools" / "raadar.yml", "summary: x\n")
    own = write(course / "overrides" / "sessions" / "opening.yml", "summary: x\n")
    stray = write(course / "overrides" / "runs" / "autumn-2027.yml", "name: x\n")
    found = problems(library, "leaders")
    assert found == [
        f"{stray.parent}/:1:1: a course adapts the library's sessions, tools and readings, each file in the folder "
        f"of its kind: move this into one of {course}/overrides/sessions/, {course}/overrides/tools/, "
        f"{course}/overrides/readings/",
        f"{own}:1:1: this course's own file {course}/sessions/opening.yml has this name, and a course adapts only "
        f"files of the library; change {course}/sessions/opening.yml itself and delete this file",
        f"{typo}:1:1: the library has no file 'raadar' in {library}/library/tools/ (did you mean 'radar'?); name "
        f"this file as the shared file it adapts, or move it to {course}/tools/ to make it the course's own",
    ]


def test_a_change_to_an_override_shows_in_the_next_build_and_a_bad_one_is_said_every_time(library):
    """Built with the adapter and the build cache (`curriculum generate`), which keeps each file read."""

    def build(out: str) -> tuple[int, str, str]:
        ran = cli("generate", "--modules", "modules", "--course", "ledelse", "--out", out, cwd=library.parent)
        found = "\n".join(p.read_text("utf-8") for p in (library.parent / out).rglob("*.md"))
        return ran.returncode, ran.stderr, found

    override = library / "courses" / "ledelse" / "overrides" / "tools" / "radar.yml"
    assert OWN_USE in build("one")[2]
    override.write_text(override.read_text("utf-8").replace("kommunen", "regionen"), "utf-8")
    code, _, found = build("two")
    assert code == 0 and OWN_USE.replace("kommunen", "regionen") in found and OWN_USE not in found
    reading = write(library / "courses" / "ledelse" / "overrides" / "readings" / "topol-2019.yml", "title: X\n")
    for out in ("three", "four"):  # (a reading is read once, by the validation: the cache must not hide it)
        code, said, _ = build(out)
        assert code == 1 and f"{reading.relative_to(library.parent)}:1:1: title: " in said, said


def test_the_adaptable_fields_of_a_picture_are_fields_of_a_kind_of_picture():
    from curriculum.visuals.kinds import kinds

    fields = {name for kind in kinds() for name in kind.model.model_fields}
    inside = [name.split(".", 1)[1] for name in ADAPTABLE["tools"] if name.startswith("visual.")]
    assert inside and all(name in fields and name != "kind" for name in inside)
    assert all(name in Tool.model_fields for name in ADAPTABLE["tools"] if "." not in name)


# ------------------------------------------------------------------------------------------------ builds_on


def warnings(modules: Path, course: str) -> list[str]:
    return [str(warning) for warning in lint.check(load_curriculum(modules, course))]


def test_a_run_with_what_a_session_builds_on_before_it_gets_no_warning():
    for course in ("ledelse", "leaders"):  # the shared motivation builds on technology, which comes first
        assert not [w for w in warnings(PORTFOLIO, course) if "builds on" in w or "bygger på" in w]


def test_a_run_without_what_a_session_builds_on_before_it_is_warned_about_at_the_run(library):
    run = library / "courses" / "leaders" / "runs" / "autumn-2027.yml"
    text = run.read_text("utf-8")
    run.write_text(
        text.replace("module: technology", "module: TMP")
        .replace("module: motivation", "module: technology")
        .replace("module: TMP", "module: motivation"),
        "utf-8",
    )
    found = [w for w in warnings(library, "leaders") if "builds on" in w]
    assert found == [
        f"{run}:6:14: sessions[1].module: warning: the session 'motivation' builds on the session 'technology', "
        "which this run does not have before it; put 'technology' earlier in the run, or adapt the session for "
        f"this course in {library}/courses/leaders/overrides/sessions/motivation.yml (its 'builds_on:' and the "
        "notes that rely on it)"
    ]


def test_a_session_building_on_a_tool_no_earlier_session_uses_is_warned_about_in_danish(library):
    write(library / "courses" / "ledelse" / "overrides" / "sessions" / "motivation.yml", "builds_on: [radar]\n")
    session = library / "courses" / "ledelse" / "sessions" / "kick-off.yml"
    session.write_text(session.read_text("utf-8") + "builds_on: [radar, motivation-steps]\n", "utf-8")
    found = [w for w in warnings(library, "ledelse") if "bygger på" in w]
    assert len(found) == 2, found
    assert all(w.startswith(f"{library}/courses/ledelse/runs/foraar-2027.yml:") for w in found)
    said = " ".join(found)
    assert "sessionen 'kick-off' bygger på værktøjet 'radar', som ingen session før den i dette forløb" in said
    assert "sessionen 'kick-off' bygger på værktøjet 'motivation-steps', som ingen session" in said
    assert all(
        w.endswith("eller fjern det fra sessionens 'builds_on:', hvis sessionen ikke længere bygger på det")
        for w in found
    )  # the course's own session: the course changes it
    # the adapted shared session builds on the radar, which technology uses before it: no warning


def test_a_session_building_on_what_the_course_does_not_have_says_so(library):
    write(
        library / "library" / "sessions" / "extra.yml",
        "id: extra\ntitle: X\nformat: webinar\nthemes: [X]\nsummary: X\n",
    )
    motivation = library / "library" / "sessions" / "motivation.yml"
    motivation.write_text(motivation.read_text("utf-8").replace("[technology]", "[technology, extra]"), "utf-8")
    found = [w for w in warnings(library, "leaders") if "builds on" in w]
    assert len(found) == 1 and "the session 'motivation' builds on 'extra', which this course does not have" in found[0]


def test_what_a_session_builds_on_names_a_session_or_a_tool(library):
    motivation = library / "library" / "sessions" / "motivation.yml"
    motivation.write_text(motivation.read_text("utf-8").replace("[technology]", "[technolgy]"), "utf-8")
    found = problems(library, "leaders")
    assert len(found) == 1 and found[0].startswith(f"{motivation}:12:"), found
    assert "there is no session or tool 'technolgy' (did you mean 'technology'?)" in found[0]


def test_an_override_of_a_shared_file_the_course_does_not_use_is_warned_about(library):
    write(
        library / "library" / "readings" / "spare-2020.yml",
        "id: spare-2020\ntitle: S\ncreator: C\nyear: 2020\n"
        "kind: article\nminutes: 5\nurl: https://example.org/\nnote: N\n",
    )
    idle = write(library / "courses" / "leaders" / "overrides" / "readings" / "spare-2020.yml", "note: Ours.\n")
    assert [w for w in warnings(library, "leaders") if "adapt" in w] == [
        f"{idle}:1:1: warning: this course does not use the shared file this adapts, so the adaptation shows "
        "nowhere; use the file in a session or a run of the course, or delete this file"
    ]
    assert not [w for w in warnings(PORTFOLIO, "ledelse") if "tilpas" in w]  # its overrides are of files it uses


def test_overrides_in_a_course_without_a_library_are_a_problem_not_silently_ignored(tmp_path):
    """A course of its own has nothing shared to adapt: a file in its overrides/ would change nothing, so the
    instructor who wrote it (following the library's guide) is told, in the course's language, what to do."""
    modules = Path(shutil.copytree(ROOT / "tests" / "courses" / "da" / "modules", tmp_path / "modules"))
    (modules / "overrides").mkdir()
    load_curriculum(modules)  # an empty folder is nothing to say
    write(modules / "overrides" / "tools" / "radar.yml", "summary: x\n")
    assert problems(modules, None) == [
        f"{modules}/overrides/:1:1: et kursus uden bibliotek har ingen fælles filer at tilpasse, så filerne her "
        f"ændrer intet; ret kursets egne filer i {modules}/sessions/, {modules}/tools/, {modules}/readings/ "
        "direkte, og slet mappen"
    ]
