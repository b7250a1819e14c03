"""A library of several courses (tests/courses/portfolio): a Danish course (ledelse) and an English one
(leaders) that share two sessions, two tools and two readings, each with a session and a run of its own.
Loading and validation across the library, the choice of a course, storage keys and calendar UIDs unique
across the courses, and each course built in its own language."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from curriculum import portfolio
from curriculum.course import storage_name
from curriculum.engine import generate
from curriculum.problems import CurriculumError
from curriculum.settings import SettingsError, resolve
from curriculum.validation import load_curriculum
from conftest import MODULES, ROOT, cli

PORTFOLIO = ROOT / "tests" / "courses" / "portfolio" / "modules"
# id -> language, run, own session, own reading
COURSES = {
    "ledelse": ("da", "foraar-2027", "kick-off", "kl-2022"),
    "leaders": ("en", "autumn-2027", "opening", "nhs-2019"),
}
SHARED = {"sessions": {"technology", "motivation"}, "tools": {"radar", "motivation-steps"}}


@pytest.fixture
def library(tmp_path) -> Path:
    """A copy of the fixture library to change."""
    return Path(shutil.copytree(PORTFOLIO, tmp_path / "modules"))


def problems_of(error: pytest.ExceptionInfo[CurriculumError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


@pytest.mark.parametrize("course", COURSES)
def test_a_course_of_the_library_has_its_own_files_and_the_shared_files_it_uses(course):
    language, run, own, reading = COURSES[course]
    curriculum = load_curriculum(PORTFOLIO, course)
    assert curriculum.course_id == course
    assert curriculum.messages.language == language
    assert set(curriculum.runs) == {run}
    assert set(curriculum.sessions) == SHARED["sessions"] | {own}
    assert set(curriculum.tools) == SHARED["tools"]
    assert set(curriculum.readings) == {"topol-2019", "deci-2000", reading}
    assert curriculum.documents[("tools", "radar")].file.endswith("modules/library/tools/radar.yml")
    assert curriculum.documents[("sessions", own)].file.endswith(f"modules/courses/{course}/sessions/{own}.yml")


def test_a_library_with_several_courses_needs_the_course_named(library):
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library)
    assert [p.file for p in error.value.problems] == [f"{library}/courses/"]
    assert "leaders, ledelse" in str(error.value.problems[0])
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "leaderz")
    assert "'leaderz'" in problems_of(error)[0] and "'leaders'" in problems_of(error)[0]  # did you mean


def test_a_library_of_one_course_builds_it_unnamed(library):
    shutil.rmtree(library / "courses" / "leaders")
    assert load_curriculum(library).course_id == "ledelse"


def test_a_course_folder_is_named_as_an_id(library):
    (library / "courses" / "leaders").rename(library / "courses" / "Leaders 2027")
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "Leaders 2027")
    [problem] = error.value.problems
    assert problem.file == f"{library}/courses/Leaders 2027/" and "rename the folder" in problem.message


def test_a_course_named_in_a_folder_of_one_course_is_a_problem(tmp_path):
    shutil.copytree(PORTFOLIO / "courses" / "leaders", tmp_path / "modules")
    with pytest.raises(CurriculumError) as error:
        load_curriculum(tmp_path / "modules", "leaders")
    assert "not a library of courses" in problems_of(error)[0]


def test_a_reference_that_resolves_nowhere_names_the_library_and_the_course(library):
    session = library / "courses" / "leaders" / "sessions" / "opening.yml"
    session.write_text(session.read_text().replace("tools: [motivation-steps]", "tools: [radr]"))
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "leaders")
    [problem] = error.value.problems
    assert problem.file.endswith("courses/leaders/sessions/opening.yml") and problem.path == "tools[0]"
    assert "'radr'" in problem.message and "(did you mean 'radar'?)" in problem.message  # a library tool not used yet
    assert f"{library}/library/tools/ or {library}/courses/leaders/tools/" in problem.message


def test_an_id_of_the_library_given_to_a_course_file_is_a_problem(library):
    own = library / "courses" / "ledelse" / "readings"
    shutil.copy(library / "library" / "readings" / "deci-2000.yml", own / "deci-2000.yml")
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "ledelse")
    [problem] = error.value.problems
    assert problem.file.endswith("courses/ledelse/readings/deci-2000.yml")
    assert "library/readings/deci-2000.yml" in problem.message


def test_a_run_belongs_to_its_course(library):
    """A run names the sessions of its course and of the library, not another course's own sessions."""
    run = library / "courses" / "leaders" / "runs" / "autumn-2027.yml"
    run.write_text(run.read_text().replace("module: opening", "module: kick-off"))
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "leaders")
    assert "unknown session 'kick-off'" in problems_of(error)[0]
    assert load_curriculum(library, "ledelse").course_id == "ledelse"  # the other course is as it was


def test_a_broken_shared_file_is_reported_once_naming_the_courses_that_use_it(library):
    session = library / "library" / "sessions" / "technology.yml"
    session.write_text(session.read_text().replace("format: workshop", "format: [workshop]"))
    with pytest.raises(CurriculumError) as error:
        portfolio.load_all(library)
    [problem] = error.value.problems
    assert problem.file.endswith("library/sessions/technology.yml") and problem.path == "format"
    # worded by the first course (leaders, in English), naming both
    assert problem.message.endswith(" (a shared file of the library; this concerns the courses leaders, ledelse)")


def test_one_course_built_alone_names_every_course_its_broken_shared_file_concerns(library):
    session = library / "library" / "sessions" / "technology.yml"
    session.write_text(session.read_text().replace("format: workshop", "format: [workshop]"))
    with pytest.raises(CurriculumError) as error:
        load_curriculum(library, "ledelse")
    [problem] = error.value.problems
    assert problem.file.endswith("library/sessions/technology.yml") and problem.path == "format"
    assert problem.message.endswith(" (en fælles fil i biblioteket, som kurserne leaders, ledelse bruger)")


def test_a_shared_file_wrong_for_one_course_is_said_in_its_language_naming_it(library):
    """The radar without rings of its own takes the rings of each course's language: valid in English
    (adopt, trial), not in Danish, so the problem is the Danish course's, in Danish."""
    tool = library / "library" / "tools" / "radar.yml"
    text = tool.read_text()
    tool.write_text(re.sub(r"  rings:\n(    - .*\n)+", "", text))
    assert "  rings:" not in tool.read_text()
    with pytest.raises(CurriculumError) as error:
        portfolio.load_all(library)
    assert error.value.problems, "the Danish course knows no ring 'adopt'"
    for problem in error.value.problems:
        assert problem.file.endswith("library/tools/radar.yml")
        assert problem.message.endswith(" (en fælles fil i biblioteket; det gælder kurset ledelse)")


def test_check_warns_about_library_files_no_course_uses_and_counts_each_courses_warnings(library):
    reading = library / "library" / "readings" / "unused-2020.yml"
    reading.write_text(
        "id: unused-2020\ntitle: Unused\nkind: article\nyear: 2020\nminutes: 5\nurl: https://example.org/\n"
    )
    session = library / "library" / "sessions" / "motivation.yml"
    session.write_text(
        session.read_text().replace("questions:\n  - What does your team need to want the change?\n", "")
    )
    result = cli("check", "--modules", "modules", cwd=library.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line for line in lines if "unused-2020" in line] == [
        "modules/library/readings/unused-2020.yml:1:1: warning: no course uses this file of the library; name it in "
        "a session, a tool or a run of a course, or delete the file"
    ]
    question = [line for line in lines if "motivation.yml" in line]
    assert len(question) == 1 and question[0].endswith("this concerns the courses leaders, ledelse)")
    assert "modules/courses/leaders: 1 warning in this course" in lines
    assert "modules/courses/ledelse: 1 advarsel i dette kursus" in lines
    one = cli("check", "--modules", "modules", "--course", "leaders", cwd=library.parent)
    assert "unused-2020" not in one.stderr and "motivation.yml" in one.stderr


def test_validate_checks_every_course_and_one_when_named(library):
    result = cli("validate", "--modules", "modules", cwd=library.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["modules/courses/leaders", "modules/courses/ledelse"]
    assert "no problems found" in lines[0] and "ingen problemer" in lines[1]  # each course in its language
    named = cli("validate", "--modules", "modules", "--course", "ledelse", cwd=library.parent)
    assert named.returncode == 0 and named.stdout.startswith("modules/courses/ledelse:")


@pytest.mark.parametrize("course", COURSES)
def test_each_course_builds_in_its_own_language_with_the_shared_sessions(course):
    language, run, _, _ = COURSES[course]
    site = generate(PORTFOLIO, course=course)
    assert site.language == language
    pages = "\n".join(site.pages.values())
    assert "Technology in care" in pages and "Motivation and change" in pages  # shared
    other = next(c for c in COURSES if c != course)
    assert f"curriculum:{course}:{run}" in pages and f"curriculum:{other}:" not in pages
    tool = next(text for name, text in site.pages.items() if name.endswith("radar.md"))
    said = {
        "ledelse": "Værktøjet bruges også i kurset Leading with technology.",
        "leaders": "The tool is also used in the course Teknologi i ledelsen.",
    }
    assert said[course] in tool  # a shared tool's page names the other course that uses it
    calendars = b"\n".join(content for name, content in site.files.items() if name.endswith(".ics"))
    uids = re.findall(rb"UID:(\S+)", calendars)
    assert uids and all(uid.endswith(f"@{course}.curriculum".encode()) for uid in uids)


def test_storage_keys_and_calendar_uids_differ_between_courses_of_one_short_name(library):
    for course in COURSES:
        text = (library / "courses" / course / "course.yml").read_text()
        (library / "courses" / course / "course.yml").write_text(re.sub(r"short_name: \w+", "short_name: X", text))
    keys = {course: generate(library, course=course) for course in COURSES}
    found = {
        course: set(re.findall(r'data-storage-key="([^"]+)"', "".join(site.pages.values())))
        for course, site in keys.items()
    }
    assert found == {course: {f"curriculum:{course}:{COURSES[course][1]}"} for course in COURSES}
    logbook = {
        course: set(re.findall(r'data-logbook-course="([^"]+)"', "".join(site.pages.values())))
        for course, site in keys.items()
    }
    assert logbook == {course: {course} for course in COURSES}


def test_the_settings_choose_the_course_and_check_its_run(library):
    chosen = resolve(None, modules=library, course="leaders", run="autumn-2027")
    assert (chosen.course, chosen.run) == ("leaders", "autumn-2027")
    with pytest.raises(SettingsError) as error:
        resolve(None, modules=library, course="leaders", run="foraar-2027")  # the other course's run
    assert "foraar-2027" in error.value.problems[0] and "autumn-2027" in error.value.problems[0]
    assert resolve(None, modules=library).course is None  # the library's front page
    (library / "portfolio.yml").unlink()
    with pytest.raises(SettingsError) as error:
        resolve(None, modules=library)  # no front page: a course must be named
    assert "--course" in error.value.problems[0] and "leaders, ledelse" in error.value.problems[0]


def test_a_build_names_its_course_in_mkdocs_yml(library):
    config = library.parent / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  curriculum:\n    modules: modules\n    course: ledelse\n")
    chosen = resolve(config)
    assert (chosen.course, chosen.modules) == ("ledelse", library)
    config.write_text("site_name: x\nextra:\n  curriculum:\n    course: ledelsen\n")
    with pytest.raises(SettingsError) as error:
        resolve(config)
    assert error.value.problems[0].startswith(f"{config}:4:5: extra.curriculum.course: ")
    assert "'ledelse'" in error.value.problems[0]  # mente du


# ---------------------------------------------------------------------------------------------- built sites

EDITIONS = {"participant": "site", "instructor": "site-instructor"}  # where `make site` builds each edition


SETTINGS = {"mkdocs.yml": "site", "mkdocs.instructor.yml": "site-instructor"}


def test_the_library_is_built_as_make_site_builds_it(portfolio_sites):
    """`curriculum sites` (``conftest.build_portfolio``) said what it built, in the front page's language."""
    assert (portfolio_sites / "sites-built.txt").read_text("utf-8").splitlines() == [
        "byggede mkdocs.yml i site/",  # in the front page's language (modules/portfolio.yml)
        *(f"byggede sites/{c}/{f} i {out}/{c}/" for c in sorted(COURSES) for f, out in SETTINGS.items()),
    ]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("course", COURSES)
def test_each_course_of_the_library_builds_its_site_in_its_language(portfolio_sites, course, edition):
    language, run, _, _ = COURSES[course]
    site = portfolio_sites / EDITIONS[edition] / course
    home = (site / "index.html").read_text("utf-8")
    assert f'<html lang="{language}"' in home
    pages = [page.read_text("utf-8") for page in site.rglob("*.html")]
    assert any("Technology in care" in page for page in pages)  # a shared session
    assert any("Fall sensors" in page for page in pages)  # a shared tool's picture
    assert (site / ("kalender" if language == "da" else "calendar") / f"{run}.ics").is_file()
    other = next(c for c in COURSES if c != course)
    assert not any(f"curriculum:{other}:" in page for page in pages)
    teaching = site / ("undervisningsplan" if language == "da" else "teaching-plan") / "technology" / "index.html"
    assert teaching.is_file() is (edition == "instructor")  # a shared session's teaching plan, for instructors


@pytest.fixture
def repository(tmp_path) -> Path:
    """A copy of the fixture as a repository: modules/, the front page's mkdocs.yml and content/, sites/."""
    for name in ("modules", "content", "sites"):
        shutil.copytree(PORTFOLIO.parent / name, tmp_path / name)
    shutil.copy(PORTFOLIO.parent / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_make_site_lists_the_front_page_and_each_courses_two_editions(repository):
    listed = cli("sites", "--list", cwd=repository)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "mkdocs.yml\tsite/",
        "sites/leaders/mkdocs.yml\tsite/leaders/",
        "sites/leaders/mkdocs.instructor.yml\tsite-instructor/leaders/",
        "sites/ledelse/mkdocs.yml\tsite/ledelse/",
        "sites/ledelse/mkdocs.instructor.yml\tsite-instructor/ledelse/",
    ]
    one = cli("sites", "--list", "--course", "ledelse", cwd=repository)
    assert one.stdout.splitlines() == [
        "sites/ledelse/mkdocs.yml\tsite/ledelse/",
        "sites/ledelse/mkdocs.instructor.yml\tsite-instructor/ledelse/",
    ]
    unknown = cli("sites", "--list", "--course", "ledelsen", cwd=repository)
    assert unknown.returncode == 1 and "'ledelse'" in unknown.stderr  # did you mean, in the course's folder


def test_make_site_names_a_course_without_settings_or_with_another_courses(repository):
    (repository / "sites" / "leaders" / "mkdocs.instructor.yml").unlink()
    config = repository / "sites" / "ledelse" / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("course: ledelse", "course: leaders"), "utf-8")
    result = cli("sites", cwd=repository)
    assert result.returncode == 1 and not (repository / "site").exists()
    problems = [line for line in result.stderr.splitlines() if line.startswith("sites/")]
    assert problems[0].startswith("sites/leaders/mkdocs.instructor.yml:1:1: kurset leaders har ingen indstillinger")
    line = config.read_text("utf-8").splitlines().index("    course: leaders") + 1
    assert problems[1] == (
        f"sites/ledelse/mkdocs.yml:{line}:5: extra.curriculum.course: indstillingerne til sitet for kurset ledelse "
        "nævner kurset 'leaders'; skriv 'course: ledelse'"
    )
    assert len(problems) == 2


def test_make_site_in_a_library_builds_with_curriculum_sites_and_one_course_when_named(repository, tmp_path):
    """`make site` (a dry run) runs `curriculum sites` in a library, printing each course's handbook, `--course
    ID` with COURSE=ID; `make serve COURSE=ID` previews the course's site."""
    shutil.copy(ROOT / "pyproject.toml", repository / "pyproject.toml")  # the venv's stamp depends on it
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "COURSE")}

    def dry(*args: str) -> list[str]:
        command = ["make", "--no-print-directory", "-n", "-f", str(ROOT / "Makefile"), f"VENV={tmp_path / 'v'}"]
        ran = subprocess.run([*command, *args], cwd=repository, capture_output=True, text=True, check=True, env=env)
        return ran.stdout.splitlines()

    assert dry("site")[-1] == f"{tmp_path / 'v'}/bin/curriculum sites --handbook-pdf"  # each course's handbook
    assert not any("mkdocs build" in line for line in dry("site"))
    assert dry("site", "COURSE=leaders")[-1] == f"{tmp_path / 'v'}/bin/curriculum sites --course leaders --handbook-pdf"
    assert dry("site", "HANDBOOK_PDF=required")[-1].endswith(" sites --handbook-pdf=required")  # as publishing sets it
    assert " -f sites/leaders/mkdocs.yml " in dry("serve", "COURSE=leaders")[-1]
    assert " -f sites/leaders/mkdocs.instructor.yml " in dry("serve-instructor", "COURSE=leaders")[-1]


def test_the_targets_that_build_one_courses_site_name_it_in_a_library(repository, tmp_path):
    """`make pdf`, `make zensical` and `make serve-instructor` build one course's site: in a library they need
    COURSE=ID (without it they say so and name the courses) and use its settings in sites/ID/; `make
    instructor` says that `make site` builds the instructor editions. (Dry runs; `make pdf COURSE=leaders` was
    run for real while this was written: both handbooks in pdf/leaders/.)"""
    shutil.copy(ROOT / "pyproject.toml", repository / "pyproject.toml")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "COURSE", "RUN")}
    env.pop("CURRICULUM_RUN", None)

    def dry(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["make", "--no-print-directory", "-n", "-f", str(ROOT / "Makefile"), f"VENV={tmp_path / 'v'}"]
        return subprocess.run([*command, *args], cwd=repository, capture_output=True, text=True, env=env)

    printed = dry("pdf", "COURSE=leaders").stdout
    assert f"-f sites/leaders/mkdocs.yml --site-dir {repository}/.pdf-build/participant" in printed
    assert f"-f sites/leaders/mkdocs.instructor.yml --site-dir {repository}/.pdf-build/instructor" in printed
    assert "curriculum.pdf .pdf-build/participant pdf/leaders participant" in printed
    zensical = dry("zensical", "COURSE=ledelse").stdout
    assert "curriculum zensical --config sites/ledelse/mkdocs.yml --out site-zensical/ledelse" in zensical
    assert "--config sites/ledelse/mkdocs.instructor.yml --out site-zensical-instructor/ledelse" in zensical
    for target in ("pdf", "zensical", "serve-instructor"):
        unnamed = dry(target)
        assert unnamed.returncode != 0, target
        assert f"name the course: make {target} COURSE=ID, ID one of: leaders ledelse" in unnamed.stderr
    instructor = dry("instructor")
    assert instructor.returncode != 0 and "make site builds every course's instructor edition" in instructor.stderr


def test_generate_and_zensical_speak_the_language_of_the_course_they_build(repository):
    """Not the first course's (leaders, English) but the one their settings choose: --config's course, --course,
    or the library's front page (portfolio.yml: Danish) when they name none."""
    from curriculum.cli import _language, parser

    said = {
        ("--config", "sites/ledelse/mkdocs.yml"): "skrev ",
        ("--config", "sites/leaders/mkdocs.yml"): "wrote ",
        ("--course", "ledelse"): "skrev ",
        (): "skrev 2 sider ",  # ./mkdocs.yml names no course: the front page and its accessibility statement
    }
    for i, (args, start) in enumerate(said.items()):
        result = cli("generate", *args, "--out", f"out-{i}", cwd=repository)
        assert result.returncode == 0 and result.stdout.startswith(start), (args, result.stdout, result.stderr)
    with contextlib.chdir(repository):
        for course, language in (("ledelse", "da"), ("leaders", "en")):
            args = parser().parse_args(["zensical", "--config", f"sites/{course}/mkdocs.yml", "--out", "x"])
            assert _language(args) == language
        assert _language(parser().parse_args(["zensical", "--out", "x"])) == "da"  # the front page


def test_a_course_whose_id_is_a_folder_of_the_front_pages_site_is_refused(repository):
    for folder in (repository / "modules" / "courses", repository / "sites"):
        (folder / "leaders").rename(folder / "assets")  # the front page's theme files are in site/assets/
    for config in ("mkdocs.yml", "mkdocs.instructor.yml"):
        path = repository / "sites" / "assets" / config
        path.write_text(path.read_text("utf-8").replace("course: leaders", "course: assets"), "utf-8")
    result = cli("sites", cwd=repository)
    assert result.returncode == 1 and not (repository / "site").exists()
    assert "kurset assets skulle bygges i site/assets/, som forsidens site allerede bruger" in result.stderr


def test_a_course_published_in_a_folder_gets_the_folders_address():
    from curriculum.portfoliosites import Build, _environment

    course = Build(Path("sites/leaders/mkdocs.yml"), Path("site/leaders"), "leaders")
    front = Build(Path("mkdocs.yml"), Path("site"), None)
    environ = {"SITE_URL": "https://sdsi.github.io/kurser/"}
    assert _environment(environ, course)["SITE_URL"] == "https://sdsi.github.io/kurser/leaders/"
    assert _environment(environ, front)["SITE_URL"] == "https://sdsi.github.io/kurser/"
    assert "SITE_URL" not in _environment({}, course)  # a build on one's own machine: no address


def test_one_course_is_built_alone_leaving_the_other_sites_as_they_are(portfolio_sites, tmp_path):
    base = Path(shutil.copytree(portfolio_sites, tmp_path / "repository", symlinks=True))
    front, other = base / "site" / "index.html", base / "site" / "ledelse" / "index.html"
    before = {path: path.stat().st_mtime_ns for path in (front, other)}
    (base / "site" / "leaders" / "index.html").write_text("old", "utf-8")
    (base / "site-instructor" / "leaders" / "stale.html").write_text("old", "utf-8")
    result = cli("sites", "--course", "leaders", cwd=base)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "built sites/leaders/mkdocs.yml into site/leaders/",  # in the course's language
        "built sites/leaders/mkdocs.instructor.yml into site-instructor/leaders/",
    ]
    assert '<html lang="en"' in (base / "site" / "leaders" / "index.html").read_text("utf-8")
    assert not (base / "site-instructor" / "leaders" / "stale.html").exists()
    assert {path: path.stat().st_mtime_ns for path in (front, other)} == before
    assert not (base / ".sites-build").exists()


def test_a_whole_build_copies_each_site_whose_inputs_did_not_change(portfolio_sites, tmp_path):
    """`curriculum sites` after a change to one course's own session: that course's two sites are built again,
    and the front page (which shows every course); the other course's sites are copied as they were."""
    base = Path(shutil.copytree(portfolio_sites, tmp_path / "repository", symlinks=True))
    assert cli("sites", cwd=base).returncode == 0  # in this folder: its builds are recorded
    kept = (base / "site" / "leaders" / "index.html").read_text("utf-8")
    session = base / "modules" / "courses" / "ledelse" / "sessions" / "kick-off.yml"
    session.write_text(session.read_text("utf-8").replace("title: ", "title: Ny ", 1), "utf-8")
    result = cli("sites", cwd=base)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "byggede mkdocs.yml i site/",
        "site/leaders/ er ikke bygget igen: intet af det, den bygges af, er ændret siden sidst",
        "site-instructor/leaders/ er ikke bygget igen: intet af det, den bygges af, er ændret siden sidst",
        "byggede sites/ledelse/mkdocs.yml i site/ledelse/",
        "byggede sites/ledelse/mkdocs.instructor.yml i site-instructor/ledelse/",
    ]
    assert (base / "site" / "leaders" / "index.html").read_text("utf-8") == kept
    assert "Ny " in "".join(page.read_text("utf-8") for page in (base / "site" / "ledelse").rglob("*.html"))
    again = cli("sites", cwd=base)  # nothing changed: every folder copied, the front page's without the courses'
    assert again.returncode == 0, again.stderr
    assert [line.split()[0] for line in again.stdout.splitlines()] == [
        "site/",
        "site/leaders/",
        "site-instructor/leaders/",
        "site/ledelse/",
        "site-instructor/ledelse/",
    ]
    assert (base / "site" / "index.html").is_file() and (base / "site" / "ledelse" / "index.html").is_file()


def test_a_course_site_left_without_its_handbooks_pdf_is_built_again_not_copied(portfolio_sites, tmp_path, monkeypatch):
    """`make site` prints each course's handbook (`--handbook-pdf`); on a machine without Chromium the sites are
    built without it, and the next whole build builds those sites again instead of copying them (Chromium may
    be there by then). The instructor editions, which never get one, are copied."""
    from curriculum import pdf

    base = Path(shutil.copytree(portfolio_sites, tmp_path / "repository", symlinks=True))  # recorded, without PDF
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    for _ in range(2):
        result = cli("sites", "--handbook-pdf", cwd=base)
        assert result.returncode == 0, result.stderr
        assert [line.split()[0] for line in result.stdout.splitlines()] == [
            "site/",  # copied
            "byggede",
            "site-instructor/leaders/",
            "byggede",
            "site-instructor/ledelse/",
        ]
        assert result.stderr.count("no-chromium mangler (Debians chromium") == 1  # the Danish course's site
        assert result.stderr.count("no-chromium is missing (Debian's chromium") == 1  # the English course's
    assert not list((base / "site").rglob("*.pdf"))


def test_a_change_to_a_shared_tool_shows_in_both_courses(library):
    """Built with the adapter and the build cache (`curriculum generate`): each course's pages before and
    after a blip of the shared radar is renamed."""

    def pages(course: str, out: str) -> str:
        result = cli("generate", "--modules", "modules", "--course", course, "--out", out, cwd=library.parent)
        assert result.returncode == 0, result.stderr
        return "\n".join(page.read_text("utf-8") for page in (library.parent / out).rglob("*.md"))

    before = {course: pages(course, f"before-{course}") for course in COURSES}
    assert all("Fall sensors" in text and "Fall detectors" not in text for text in before.values())
    tool = library / "library" / "tools" / "radar.yml"
    tool.write_text(tool.read_text("utf-8").replace("Fall sensors", "Fall detectors"), "utf-8")
    after = {course: pages(course, f"after-{course}") for course in COURSES}
    assert all("Fall detectors" in text and "Fall sensors" not in text for text in after.values())


def test_a_library_without_courses_says_where_they_go(tmp_path):
    (tmp_path / "modules" / "courses").mkdir(parents=True)
    with pytest.raises(CurriculumError) as error:
        portfolio.load_all(tmp_path / "modules")
    [problem] = error.value.problems
    assert problem.file.endswith("modules/courses/") and "ingen kurser" in problem.message


def test_new_writes_into_the_named_course(library):
    result = cli("new", "session", "wrap-up", "--modules", "modules", "--course", "leaders", cwd=library.parent)
    assert result.returncode == 0, result.stderr
    assert (library / "courses" / "leaders" / "sessions" / "wrap-up.yml").is_file()
    assert "wrap-up" in load_curriculum(library, "leaders").sessions
    assert "wrap-up" not in load_curriculum(library, "ledelse").sessions


# ---------------------------------------------------------------------------------------------- front page


def test_the_front_page_lists_every_course_with_its_facts_in_the_librarys_language():
    from curriculum import frontpage

    site = frontpage.build(PORTFOLIO)
    assert (site.language, site.site_name) == ("da", "Kurser i teknologi og ledelse")
    page = site.pages["index.md"]
    titles = re.findall(r"^### <a href=\"(.+)\" lang=\"(.+)\">(.+)</a>$", page, re.M)
    assert titles == [("leaders/", "en", "Leading with technology"), ("ledelse/", "da", "Teknologi i ledelsen")]
    leaders, ledelse = page.split("### ")[1:]
    assert "Team leaders in home care." in leaders and "engelsk" in leaders and "dansk" in ledelse
    assert "online og med fremmøde" in leaders
    assert "Autumn 2027: mandag 6. september 2027 til mandag 27. september 2027" in leaders
    assert "Forår 2027: mandag 1. februar 2027 til mandag 22. februar 2027" in ledelse


def test_the_front_page_says_who_publishes_it_and_has_its_accessibility_statement(library):
    """Like a course site's footer, in the library's language: portfolio.yml's organisers, else every course's
    (each once), its contact address and licence, and the accessibility statement, last in the navigation."""
    from curriculum import frontpage

    site = frontpage.build(library)
    assert site.footer["published"] == "Udgivet af Test College og Testskolen"  # the courses' organisers
    said = (site.footer["contact"], site.footer["licence"], site.footer["short_title"])
    assert said == ("kurser@example.org", "", "Kurser")
    assert site.nav[-1] == {"Tilgængelighed og privatliv": "tilgaengelighed.md"}
    assert "[kurser@example.org](mailto:kurser@example.org)" in site.pages["tilgaengelighed.md"]
    front = library / "portfolio.yml"
    front.write_text(
        front.read_text("utf-8").replace("contact: kurser@example.org\n", "")
        + "organisers:\n  - name: Syddansk Sundhedsinnovation\n    short_name: SDSI\n  - name: UCL\n"
        + "licence:\n  name: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n",
        "utf-8",
    )
    site = frontpage.build(library)
    assert site.footer["published"] == "Udgivet af Syddansk Sundhedsinnovation (SDSI) og UCL"
    assert (site.footer["contact"], site.footer["licence"]) == ("", "CC BY 4.0")
    assert "kontakt Syddansk Sundhedsinnovation (SDSI) og UCL" in site.pages["tilgaengelighed.md"]


def test_the_front_page_has_its_own_colour_and_the_indigo_without_one(library):
    """The theme links stylesheets/course.css on every page: the front page's site has it, in portfolio.yml's
    colour (made readable in both palettes, as a course's), else the default."""
    from curriculum import colours, frontpage

    assert frontpage.build(library).files == {colours.STYLESHEET: colours.stylesheet().encode("utf-8")}
    front = library / "portfolio.yml"
    front.write_text(front.read_text("utf-8") + 'colour: "#0f6b6b"\n', "utf-8")
    assert frontpage.build(library).files[colours.STYLESHEET] == colours.stylesheet("#0f6b6b").encode("utf-8")
    assert colours.stylesheet("#0f6b6b") != colours.stylesheet()


def test_the_front_page_says_what_is_wrong_with_portfolio_yml(library):
    from curriculum import frontpage

    (library / "portfolio.yml").write_text("language: en\ntitel: Courses\n")
    with pytest.raises(CurriculumError) as error:
        frontpage.build(library)
    assert [(p.file, p.line, p.path) for p in error.value.problems] == [
        (f"{library}/portfolio.yml", 1, "title"),
        (f"{library}/portfolio.yml", 2, "titel"),
    ]
    validated = cli("validate", "--modules", "modules", cwd=library.parent)  # validate checks it too
    assert validated.returncode == 1 and "modules/portfolio.yml:2:1: titel: " in validated.stderr
    (library / "portfolio.yml").unlink()
    with pytest.raises(CurriculumError) as error:
        frontpage.build(library)
    assert "skriv modules/portfolio.yml" in problems_of(error)[0]


def test_the_front_page_is_built_beside_the_courses(portfolio_sites):
    home = (portfolio_sites / "site" / "index.html").read_text("utf-8")
    assert '<html lang="da"' in home and "Kurser i teknologi og ledelse" in home
    assert 'href="leaders/"' in home and 'href="ledelse/"' in home
    footer = home[home.index('<div class="course-footer"') :]
    assert "Udgivet af Test College og Testskolen" in footer and 'href="mailto:kurser@example.org"' in footer
    assert 'href="tilgaengelighed/"' in footer
    statement = portfolio_sites / "site" / "tilgaengelighed" / "index.html"
    assert "Tilgængelighed og privatliv" in statement.read_text("utf-8")


# ------------------------------------------------------------------- the published course as a library course


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_published_course_moved_into_a_library_builds_the_same_site(tmp_path, course, edition):
    """modules/'s sessions, tools and readings moved to library/ and the rest to courses/<id>/ (the id its short
    name gives, as its storage keys and calendar UIDs have it): every page, file and the navigation are as
    before, but for the logbook's scope, which is the course's id in a library."""
    course_id = storage_name(course.curriculum.course)
    library = tmp_path / "modules"
    for kind in ("sessions", "tools", "readings"):
        shutil.copytree(MODULES / kind, library / "library" / kind)
    own = library / "courses" / course_id
    own.mkdir(parents=True)
    for name in ("course.yml", "messages.yml", "runs", "evaluation"):
        if (MODULES / name).is_dir():
            shutil.copytree(MODULES / name, own / name)
        elif (MODULES / name).is_file():
            shutil.copy(MODULES / name, own / name)
    alone = generate(MODULES, course.run_id, edition=edition)
    moved = generate(library, course.run_id, edition=edition, course=course_id)
    scope = f'data-logbook-course="{escape(course.curriculum.course.short_name)}"'
    expected = {name: page.replace(scope, f'data-logbook-course="{course_id}"') for name, page in alone.pages.items()}
    assert moved.pages == expected
    assert (moved.files, moved.nav, moved.language, moved.footer) == (
        alone.files,
        alone.nav,
        alone.language,
        alone.footer,
    )


# ---------------------------------------------------------------------------------- a new course of the library


def test_a_new_course_reuses_the_library_sessions_of_another_course_and_validates(library):
    result = cli("new", "course", "leaders-two", "--modules", "modules", "--from", "leaders", cwd=library.parent)
    assert result.returncode == 0, result.stderr
    assert "leaders-two" in result.stdout and "2 sessions" in result.stdout
    new = load_curriculum(library, "leaders-two")
    assert new.messages.language == "en"  # the source course's
    [run] = new.runs.values()
    assert run.example and run.id == "first-run"
    assert [entry.module for entry in run.sessions] == ["technology", "motivation"]  # not leaders' own opening
    source = load_curriculum(library, "leaders").runs["autumn-2027"].sessions
    assert [(e.start, e.end, e.place) for e in run.sessions] == [(e.start, e.end, e.place) for e in source[1:]]
    assert (run.sessions[1].date - run.sessions[0].date).days == 7
    assert set(new.sessions) == {"technology", "motivation"} and set(new.tools) == SHARED["tools"]
    # the settings of its site, in its language, naming it and its run: `make site` builds it with the others
    listed = cli("sites", "--list", "--course", "leaders-two", cwd=library.parent)
    assert listed.returncode == 0 and "sites/leaders-two/mkdocs.yml\tsite/leaders-two/" in listed.stdout
    settings = (library.parent / "sites" / "leaders-two" / "mkdocs.yml").read_text("utf-8")
    assert "    course: leaders-two\n    run: first-run\n" in settings and "  language: en " in settings
    assert (library.parent / "sites" / "leaders-two" / "content").is_dir()
    again = cli("new", "course", "leaders-three", "--modules", "modules", "--from", "leaders", cwd=library.parent)
    assert again.returncode == 0 and "sites/leaders-three" in again.stdout


def test_a_new_course_takes_the_sessions_named_in_its_language(library):
    result = cli(
        "new", "course", "teknologi", "--modules", "modules", "--sessions", "motivation", "--language", "da",
        "--title", "Teknologi for begyndere", cwd=library.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    new = load_curriculum(library, "teknologi")
    assert (new.course.title, new.messages.language, list(new.runs)) == (
        "Teknologi for begyndere",
        "da",
        ["foerste-hold"],
    )
    assert [entry.module for entry in new.runs["foerste-hold"].sessions] == ["motivation"]


@pytest.mark.parametrize(
    "args, said",
    [
        (
            ["--from", "leaders", "--sessions", "opening"],
            "the session 'opening' is the course's own, not the library's",
        ),
        (["--sessions", "technolgy"], "no session 'technolgy' in the library (did you mean 'technology'?)"),
        ([], "say which sessions of the library the course reuses"),
    ],
)
def test_a_new_course_says_what_it_cannot_reuse(library, args, said):
    (library / "courses" / "ledelse").rename(library / "courses" / "zz-ledelse")  # the first course speaks English
    result = cli("new", "course", "next", "--modules", "modules", *args, cwd=library.parent)
    assert result.returncode == 1 and said in result.stderr, result.stderr
    assert not (library / "courses" / "next").exists()


def test_a_new_course_needs_a_library_and_an_unused_id(library, tmp_path):
    taken = cli("new", "course", "leaders", "--modules", "modules", "--from", "ledelse", cwd=library.parent)
    assert taken.returncode == 1 and "courses/leaders" in taken.stderr
    (tmp_path / "one" / "modules").mkdir(parents=True)
    (tmp_path / "one" / "modules" / "course.yml").write_text("title: x\n")
    alone = cli("new", "course", "other", "--modules", "modules", "--sessions", "a", cwd=tmp_path / "one")
    assert alone.returncode == 1 and "ikke et bibliotek af kurser" in alone.stderr


def test_a_course_is_built_again_only_when_what_it_reads_changed(library, monkeypatch, tmp_path):
    """The build cache of a library (frontend.build): another course's own files and library files the course
    does not use leave its site as it was; a shared file it uses, or the title of a course it names, do not."""
    from curriculum import engine, frontend

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    built: list[str] = []
    real = engine.generate
    monkeypatch.setattr(engine, "generate", lambda *a, **k: built.append(a[4]) or real(*a, **k))

    def build(course: str) -> dict[str, str]:
        run = COURSES[course][1]
        return frontend.build(resolve(None, modules=library, course=course, run=run)).pages

    def edit(path: Path, old: str, new: str) -> None:
        assert old in path.read_text("utf-8"), path
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")

    first = build("ledelse")
    assert build("ledelse") == first and built == ["ledelse"]
    opening = library / "courses" / "leaders" / "sessions" / "opening.yml"
    edit(opening, "title: ", "title: Renamed ")
    assert build("ledelse") == first and built == ["ledelse"]  # another course's own session
    build("leaders")
    assert built == ["ledelse", "leaders"]
    (library / "library" / "tools" / "unused.yml").write_text("id: unused\nname: Not used by any course\n", "utf-8")
    assert build("ledelse") == first and built == ["ledelse", "leaders"]  # a library file it does not use
    edit(library / "library" / "tools" / "radar.yml", "Fall sensors", "Fall detectors")
    assert "Fall detectors" in "".join(build("ledelse").values()) and built[-1] == "ledelse"
    edit(library / "courses" / "leaders" / "course.yml", "title: ", "title: Newly named ")
    assert "Newly named" in "".join(build("ledelse").values())  # its shared tool's page names the other course
    assert built == ["ledelse", "leaders", "ledelse", "ledelse"]
    edit(opening, "title: ", "title: Again ")  # in a new process: the cache answers without the engine
    check = (
        "import sys; from curriculum import frontend; from curriculum.settings import resolve; "
        "frontend.build(resolve(None, modules='modules', course='ledelse', run='foraar-2027')); "
        "print('pydantic' in sys.modules, 'curriculum.engine' in sys.modules)"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", check], cwd=library.parent, capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout.split()) == (0, ["False", "False"]), result.stderr
