"""``load_curriculum``: the steps from a modules folder to a ``Curriculum``, in order.

Every step adds its problems to one ``Checker``; the problems of all steps are reported together, so an
instructor sees every problem of every file at once.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from pydantic import ValidationError
from pathlib import Path as FsPath

from ..course import Curriculum
from ..loader import Document
from ..concepts import with_concepts
from ..messages import Messages
from ..models import (
    Course,
    EvaluationPlan,
    FormatEntry,
    KindEntry,
    Reading,
    ReadingKindEntry,
    Results,
    Run,
    Session,
    Tool,
)
from ..models import Vocabulary as CourseVocabulary
from ..problems import CurriculumError, Problem
from ..say import language_of, say, speaking
from ..sources import RESULTS, Layout
from ..vocabulary import Vocabulary, resolve
from .. import portfolio
from . import adapt, files, library, references, timetable
from .files import Checker, Kind, load_kind, load_one
from .overrides import load_overrides


def load_curriculum(modules_dir: FsPath | str, course: str | None = None, *, note_shared: bool = True) -> Curriculum:
    """Read, validate and cross-check every file under ``modules_dir``: the one course there, or the course
    ``course`` of a library of courses (``portfolio``; the only one when it has one) with the library's files
    it uses.

    Raises ``CurriculumError`` listing every problem in every file.
    Its problems speak the course's language (``say``): the one course.yml's ``language:`` line names until
    course.yml is validated, then its ``language:``. A problem in a file of the library names the courses
    that use the file (unless ``note_shared`` is false: ``portfolio.load_all`` says it once for them all).
    """
    with speaking(portfolio.language(modules_dir, course)):
        layout = portfolio.layout(FsPath(modules_dir), course)
    with speaking(language_of(layout.course_file)):
        try:
            return _load_curriculum(layout)
        except CurriculumError as error:
            if layout.library is None or not note_shared:
                raise
            with speaking(error.language):
                raise CurriculumError(library.noted(layout, error.problems)) from None
        except OSError as error:  # a folder or file the system does not let us read
            path = FsPath(error.filename) if error.filename else layout.root
            while path.parent != path and not os.access(path.parent, os.R_OK | os.X_OK):
                path = path.parent  # name the folder that cannot be opened, not a file inside it
            raise CurriculumError([_unreadable(layout, path, error.strerror or type(error).__name__)]) from None


@dataclass
class _Files:
    """The files of a course besides course.yml and messages.yml, each as read and validated."""

    tools: Kind[Tool]
    readings: Kind[Reading]
    sessions: Kind[Session]
    runs: Kind[Run]
    plan: EvaluationPlan | None
    plan_doc: Document | None
    results: Kind[Results]


def _load_curriculum(layout: Layout) -> Curriculum:
    _require_folder(layout)
    check = Checker(layout)
    course, course_doc = _read_course(check)
    language = files.check_language(check, course, course_doc)
    with speaking(language):
        return _load_the_rest(check, course, course_doc, language)


def _load_the_rest(check: Checker, course: Course | None, course_doc: Document | None, language: str) -> Curriculum:
    """Every file besides course.yml, in the course's language once it is known."""
    layout = check.layout
    messages = Messages(language, with_concepts(language, load_overrides(check, layout, language)))
    vocabulary = _vocabulary(check, course, course_doc, language)
    if layout.library is not None:
        layout.used.update(library.used(check))
    read = _read_files(check, vocabulary)
    check.problems.extend(adapt.stray(layout))
    files.check_visuals(check, read.tools, messages.entry("visuals.radar.rings"))
    _check_references(check, read)
    timetable.check_runs(check, read.runs, read.sessions)
    _require_a_run(check)
    check.problems.extend(_unreadable(layout, path, reason) for path, reason in layout.unreadable.items())
    if check.problems or course is None or course_doc is None:
        raise CurriculumError(check.problems)
    curriculum = _curriculum(course, course_doc, read, messages, vocabulary, layout.course_id)
    if layout.library is None:
        return curriculum
    return dataclasses.replace(curriculum, shared_with=library.shared_with(layout), idle_overrides=adapt.idle(layout))


def _require_folder(layout: Layout) -> None:
    if not layout.root.is_dir():
        raise CurriculumError([Problem(layout.display(layout.root), 1, 1, "", say("report.pipeline.no_folder"))])


def _read_course(check: Checker) -> tuple[Course | None, Document | None]:
    layout = check.layout
    if not layout.course_file.is_file():
        check.problems.append(
            Problem(layout.display(layout.course_file), 1, 1, "", say("report.pipeline.no_course_file"))
        )
        return None, None
    return load_one(check, layout.course_file, Course)


def _vocabulary(check: Checker, course: Course | None, doc: Document | None, language: str) -> Vocabulary:
    """The course's words for formats and kinds: the language's defaults joined with its ``vocabulary:`` (as
    far as it can be read, when course.yml has problems)."""
    if course is not None and doc is not None and course.vocabulary is not None:
        files.check_vocabulary(check, doc, course.vocabulary)
    if course is None and doc is not None:
        return resolve(language, _declared_vocabulary(doc))
    return resolve(language, course.vocabulary if course is not None else None)


ENTRIES: dict[str, type[FormatEntry | KindEntry | ReadingKindEntry]] = {
    "formats": FormatEntry,
    "agenda_kinds": KindEntry,
    "reading_kinds": ReadingKindEntry,
}


def _declared_vocabulary(doc: Document) -> CourseVocabulary | None:
    """The vocabulary of a course.yml with problems (reported already): its valid entries, and of each broken
    entry its id (named by its id), so that the sessions are checked against every word the course declares
    and a broken entry is reported once, not once more for every session that uses it."""
    data = doc.data.get("vocabulary") if isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return None
    lists: dict[str, list] = {}
    for name, model in ENTRIES.items():
        items = data.get(name)
        entries = (_entry(model, item) for item in (items if isinstance(items, list) else []))
        lists[name] = [entry for entry in entries if entry is not None]
    replace = data.get("replace")
    lists["replace"] = [name for name in replace if name in ENTRIES] if isinstance(replace, list) else []
    return CourseVocabulary.model_construct(None, **lists)


def _entry(model: type[FormatEntry | KindEntry | ReadingKindEntry], item: object) -> object:
    try:
        return model.model_validate(item)
    except ValidationError:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return model.model_construct(id=item["id"], name=item["id"])  # known by its id; its problem is reported
        return None


def _read_files(check: Checker, vocabulary: Vocabulary) -> _Files:
    layout = check.layout
    words = {"vocabulary": vocabulary, "course_file": layout.display(layout.course_file)}
    tools = load_kind(check, layout.files("tools"), Tool)
    readings = load_kind(check, layout.files("readings"), Reading, words)
    sessions = load_kind(check, layout.files("sessions"), Session, words)
    runs = load_kind(check, layout.files("runs"), Run)
    plan, plan_doc = None, None
    if layout.evaluation_plan.is_file():
        plan, plan_doc = load_one(check, layout.evaluation_plan, EvaluationPlan)
        if plan is not None and plan_doc is not None:
            files.check_plan(check, plan_doc, plan)
    results = load_kind(check, layout.files(RESULTS), Results)
    return _Files(tools, readings, sessions, runs, plan, plan_doc, results)


def _check_references(check: Checker, read: _Files) -> None:
    references.check_sessions(check, read.sessions, read.tools, read.readings)
    references.check_builds_on(check, read.sessions, read.tools)
    references.check_tools(check, read.tools, read.readings)
    references.check_runs(check, read.runs, read.sessions)
    if read.plan is not None and read.plan_doc is not None:
        references.check_plan(check, read.plan_doc, read.plan, read.sessions)
    references.check_results(check, read.results, read.runs, read.plan, read.plan_doc is not None)


def _require_a_run(check: Checker) -> None:
    layout = check.layout
    if not layout.files("runs") and layout.root.is_dir() and layout.root / "runs" not in layout.unreadable:
        check.problems.append(Problem(layout.folder_display("runs"), 1, 1, "", say("report.pipeline.no_run")))


def _unreadable(layout: Layout, path: FsPath, reason: str) -> Problem:
    shown = layout.display(path)
    return Problem(shown + "/", 1, 1, "", say("report.pipeline.unreadable_folder", reason=reason, folder=shown))


def _curriculum(
    course: Course,
    course_doc: Document,
    read: _Files,
    messages: Messages,
    vocabulary: Vocabulary,
    course_id: str | None,
) -> Curriculum:
    kinds: dict[str, dict[str, Document]] = {
        "sessions": read.sessions.docs,
        "tools": read.tools.docs,
        "readings": read.readings.docs,
        "runs": read.runs.docs,
    }
    return Curriculum(
        course=course,
        sessions=read.sessions.models,
        tools=read.tools.models,
        readings=read.readings.models,
        runs=read.runs.models,
        evaluation=read.plan,
        results=read.results.models,
        messages=messages,
        vocabulary=vocabulary,
        course_id=course_id,
        documents={
            ("course", ""): course_doc,
            **{(kind, key): doc for kind, docs in kinds.items() for key, doc in docs.items()},
        },
    )
