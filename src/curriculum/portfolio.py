"""A library of several courses (a portfolio): which course to load, and what concerns all its courses.

A modules folder with ``courses/`` and no ``course.yml`` is a portfolio (``sources`` shows the layout): each
folder of ``courses/`` is a course, which uses the sessions, tools and readings of ``library/`` beside its
own. A build or a check of one course names it (``--course``, ``extra.curriculum.course``), or the portfolio
has one course. ``load_all`` validates every course, each in its own language; a problem in a shared file is
reported once, naming the courses it concerns, in the words of the first of them. ``unused`` names the
library's files no course uses, for ``curriculum check``.

A modules folder with a ``course.yml`` is one course, as it always was: nothing here changes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import CurriculumError, Problem, did_you_mean
from .say import language_of, say, speaking
from .sources import SHARED, Layout

if TYPE_CHECKING:  # the front ends import this module before they know whether the engine has work to do
    from .course import Curriculum

COURSES = "courses"
LIBRARY = "library"
FRONT_PAGE = "portfolio.yml"  # the library's own title and language, for its front page (``frontpage``)
# A course's folder name is its id, in storage keys, calendar UIDs and addresses: as ``models.ID_PATTERN``.
COURSE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_portfolio(modules: Path | str) -> bool:
    """Whether ``modules`` holds a library of courses (``courses/``) rather than one course (``course.yml``)."""
    modules = Path(modules)
    try:
        return (modules / COURSES).is_dir() and not (modules / "course.yml").exists()
    except OSError:  # a folder that cannot be opened: the validation names it and says what to do
        return False


def has_front_page(modules: Path | str) -> bool:
    """Whether ``modules`` is a library of courses with a front page (``portfolio.yml``, ``frontpage``)."""
    return is_portfolio(modules) and (Path(modules) / FRONT_PAGE).is_file()


def course_ids(modules: Path | str) -> list[str]:
    """The ids of a portfolio's courses: the names of the folders in ``courses/``, in name order."""
    try:
        return sorted(p.name for p in (Path(modules) / COURSES).iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def course_folder(modules: Path | str, course: str | None = None) -> Path:
    """The folder of the course a command speaks for, without checking anything: a portfolio's named course,
    else its first; the modules folder itself when it holds one course. Its course.yml gives the language."""
    modules = Path(modules)
    if not is_portfolio(modules):
        return modules
    ids = course_ids(modules)
    chosen = course if course in ids else (ids[0] if ids else None)
    return modules / COURSES / chosen if chosen else modules


def layout(modules: Path | str, course: str | None = None) -> Layout:
    """The layout of the course to load from ``modules``; a problem when a portfolio's course is not clear
    (none named among several, or one that is not there) or a course is named in a folder of one course."""
    modules = Path(modules)
    if not is_portfolio(modules):
        if course:
            raise CurriculumError([_problem(modules, "report.portfolio.not_a_portfolio", course=course)])
        return Layout(modules)
    ids = course_ids(modules)
    if course is None and len(ids) == 1:
        course = ids[0]
    if course is None or course not in ids:
        raise CurriculumError([_which(modules, course, ids)])
    if not COURSE_ID.match(course):
        raise CurriculumError([_problem(modules / COURSES / course, "report.portfolio.bad_id", course=course)])
    return Layout(modules / COURSES / course, library=modules / LIBRARY, course_id=course)


def _which(modules: Path, course: str | None, ids: list[str]) -> Problem:
    folder = modules / COURSES
    if not ids:
        return _problem(folder, "report.portfolio.no_courses")
    if course is None:
        return _problem(folder, "report.portfolio.which_course", count=len(ids), courses=", ".join(ids))
    hint = did_you_mean(course, ids)
    return _problem(folder, "report.portfolio.no_course", course=course, hint=hint, courses=", ".join(ids))


def _problem(folder: Path, key: str, **facts: object) -> Problem:
    return Problem(Layout(folder).display(folder) + "/", 1, 1, "", say(key, **facts))


def load_all(modules: Path | str) -> dict[str, Curriculum]:
    """Every course of a portfolio, validated, by id. Raises ``CurriculumError`` with the problems of every
    course, each in its course's language (a problem in a library file said once, ``shared``), and of
    portfolio.yml, in its language."""
    from .validation import load_curriculum

    modules = Path(modules)
    loaded: dict[str, Curriculum] = {}
    reports: list[tuple[str, str, list[Problem]]] = []
    courses: list[str | None] = [*course_ids(modules)] or [None]  # no course at all: the problem says so
    for course in courses:
        try:
            loaded[str(course)] = load_curriculum(modules, course, note_shared=False)
        except CurriculumError as error:
            reports.append((str(course), error.language, error.problems))
    problems = _front_page_problems(modules)
    if reports or problems:
        raise CurriculumError(problems + shared(library(modules), reports))
    return loaded


def _front_page_problems(modules: Path) -> list[Problem]:
    """The problems of the library's portfolio.yml, when it has one (``frontpage``)."""
    if not (modules / FRONT_PAGE).is_file():
        return []
    from .frontpage import read

    try:
        read(modules)
    except CurriculumError as error:
        return error.problems
    return []


def shared(library: Layout, reports: list[tuple[str, str, list[Problem]]]) -> list[Problem]:
    """The problems of several courses (course, language, problems), each problem in a file of the library
    once: worded as the first course that has it words it, and naming every course that has it."""
    inside = library.display(library.root) + "/"
    courses: dict[tuple, list[str]] = defaultdict(list)
    first: dict[tuple, tuple[str, Problem]] = {}
    kept: list[Problem] = []
    for course, language, problems in reports:
        for problem in problems:
            if not problem.file.startswith(inside):
                kept.append(problem)
                continue
            where = (problem.file, problem.line, problem.column, problem.path)
            courses[where].append(course)
            first.setdefault(where, (language, problem))
    for where, (language, problem) in first.items():
        with speaking(language):
            note = say("report.portfolio.shared", count=len(courses[where]), courses=", ".join(courses[where]))
        kept.append(Problem(problem.file, problem.line, problem.column, problem.path, problem.message + note))
    return kept


def library(modules: Path | str) -> Layout:
    """The layout of a portfolio's library folder."""
    return Layout(Path(modules) / LIBRARY)


def unused(modules: Path | str, curricula: dict[str, Curriculum]) -> list[Problem]:
    """A warning for each file of the library that no course uses, at its first line."""
    library = Layout(Path(modules) / LIBRARY)
    used = {doc.file for curriculum in curricula.values() for doc in curriculum.documents.values()}
    warnings = []
    for kind in SHARED:
        for path in library.folder_files(library.root / kind):
            shown = library.display(path)
            if shown not in used:
                warnings.append(Problem(shown, 1, 1, "", say("report.lint.prefix") + say("report.portfolio.unused")))
    return warnings


def language(modules: Path | str, course: str | None = None) -> str:
    """The language a command speaks before anything is validated (``say.language_of``): the course's."""
    return language_of(course_folder(modules, course) / "course.yml")
