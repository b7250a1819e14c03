"""Turn the YAML documents of ``modules/`` into a validated ``Curriculum``.

Two passes, and every problem of both is reported together:

1. each file on its own against its model (types, required fields, unknown keys);
2. the files together: duplicate ids, references between modules (session -> tool,
   session -> reading, run -> session), and the timetable of each run.

Pydantic's messages are rewritten for instructors: they say what is wrong in
plain words and what to do about it, at the line and column of the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .loader import Document, load_file
from .models import Course, Reading, Run, Session, Tool
from .problems import CurriculumError, Problem, did_you_mean
from .sources import Layout

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a block of fields",
    type(None): "nothing",
}


@dataclass(frozen=True)
class Curriculum:
    """Every module of a course, validated; ``runs`` hold the dated cohorts."""

    course: Course
    sessions: dict[str, Session]
    tools: dict[str, Tool]
    readings: dict[str, Reading]
    runs: dict[str, Run]


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _message(error: dict[str, Any], model: type[BaseModel], loc: tuple) -> tuple[str, bool]:
    """An instructor's message for one pydantic error, and whether it points at a key."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"the required field '{field}' is missing; add it", False
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = did_you_mean(field, allowed)
        if not hint and allowed:
            hint = f" (allowed here: {', '.join(allowed)})"
        return f"unknown field '{field}'{hint}; check the spelling or remove it", True
    if kind.startswith("date"):
        return f"{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2024-04-08", False
    if kind.startswith("time"):
        return f"{value!r} is not a valid time; write it as HH:MM on a 24-hour clock, e.g. 13:00", False
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{value!r} is not allowed here{hint}; use one of: {', '.join(choices)}", False
    if kind == "string_pattern_mismatch":
        return (f"{value!r} is not a valid id; use lowercase letters a-z, digits and hyphens, "
                "e.g. 'workshop-1' (write æ, ø, å as ae, oe, aa)"), False
    if kind == "too_short":
        return "the list is empty; add at least one item", False
    if kind == "string_too_short":
        return "this field is empty; write something or remove the field", False
    if kind == "string_too_long":
        return f"this is too long; use at most {ctx.get('max_length')} characters", False
    if kind == "string_type":
        hint = "; put it in quotes if it is meant as text" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, found {_type_name(value)}{hint}", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {value!r}", False
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {value!r}", False
    if kind in ("list_type",):
        return f"expected a list (lines starting with '- '), found {_type_name(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a block of fields (lines like 'title: ...'), found {_type_name(value)}", False
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
        word = {"greater_than": "greater than", "greater_than_equal": "at least",
                "less_than": "less than", "less_than_equal": "at most"}[kind]
        return f"{value!r} is out of range; it must be {word} {limit}", False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    return error["msg"], False


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            message, at_key = _message(error, model, loc)
            problems.append(doc.problem(loc, message, key=at_key))
        return None, problems


class _Checker:
    """Collects the problems of all files, then validates references between them."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.problems: list[Problem] = []

    def load(self, path: FsPath) -> Document | None:
        doc, problems = load_file(path, self.layout.display(path))
        self.problems.extend(problems)
        return None if problems else doc

    def load_kind(self, paths: Iterable[FsPath], model: type[M], noun: str) -> tuple[dict[str, M], dict[str, Document], set[str]]:
        """Validate every file of one kind; return models by id, their documents and all ids seen."""
        models: dict[str, M] = {}
        docs: dict[str, Document] = {}
        first_file: dict[str, str] = {}
        unreadable: set[str] = set()  # named by file name, so references to them are not reported too
        for path in paths:
            doc = self.load(path)
            if doc is None:
                unreadable.add(path.stem)
                continue
            raw_id = doc.data.get("id") if isinstance(doc.data, dict) else None
            if isinstance(raw_id, str):
                if raw_id in first_file:
                    self.problems.append(doc.problem(("id",), f"the id {raw_id!r} is already used by "
                                                     f"{first_file[raw_id]}; give each {noun} its own id"))
                    continue
                first_file[raw_id] = doc.file
            item, problems = _validate(doc, model)
            self.problems.extend(problems)
            if item is not None:
                models[item.id] = item
                docs[item.id] = doc
        return models, docs, set(first_file) | unreadable

    def reference(self, doc: Document, path: tuple, target: str, known: set[str], noun: str, folder: str) -> None:
        if target not in known:
            hint = did_you_mean(target, sorted(known))
            self.problems.append(doc.problem(
                path, f"unknown {noun} {target!r}{hint}; use the id of a file in {folder}"))


def load_curriculum(modules_dir: FsPath | str) -> Curriculum:
    """Read, validate and cross-check every file under ``modules_dir``.

    Raises ``CurriculumError`` listing every problem in every file.
    """
    layout = Layout(FsPath(modules_dir))
    check = _Checker(layout)

    course = None
    if layout.course_file.is_file():
        course_doc = check.load(layout.course_file)
        if course_doc is not None:
            course, problems = _validate(course_doc, Course)
            check.problems.extend(problems)
    else:
        check.problems.append(Problem(layout.display(layout.course_file), 1, 1, "",
                                      "the course file is missing; create it with the course's title, "
                                      "organisers and purpose (see README)"))

    tools, tool_docs, tool_ids = check.load_kind(layout.files("tools"), Tool, "tool")
    readings, _, reading_ids = check.load_kind(layout.files("readings"), Reading, "reading")
    sessions, session_docs, session_ids = check.load_kind(layout.files("sessions"), Session, "session")
    runs, run_docs, _ = check.load_kind(layout.files("runs"), Run, "run")

    folder = layout.folder_display
    for sid, session in sessions.items():
        doc = session_docs[sid]
        for i, item in enumerate(session.content):
            if item.tool:
                check.reference(doc, ("content", i, "tool"), item.tool, tool_ids, "tool", folder("tools"))
        for i, tool in enumerate(session.tools):
            check.reference(doc, ("tools", i), tool, tool_ids, "tool", folder("tools"))
        for i, reading in enumerate(session.readings):
            check.reference(doc, ("readings", i), reading, reading_ids, "reading", folder("readings"))
    for tid, tool in tools.items():
        for i, reading in enumerate(tool.readings):
            check.reference(tool_docs[tid], ("readings", i), reading, reading_ids, "reading", folder("readings"))
    for rid, run in runs.items():
        _check_run(check, run_docs[rid], run, session_ids, folder("sessions"))

    if not layout.files("runs") and layout.root.is_dir():
        check.problems.append(Problem(folder("runs"), 1, 1, "",
                                      "there is no run file; add one with the dates of the sessions (see README)"))
    if check.problems or course is None:
        raise CurriculumError(check.problems)
    return Curriculum(course=course, sessions=sessions, tools=tools, readings=readings, runs=runs)


def _check_run(check: _Checker, doc: Document, run: Run, session_ids: set[str], folder: str) -> None:
    scheduled: dict[str, int] = {}
    previous = None
    for i, entry in enumerate(run.sessions):
        path = ("sessions", i)
        check.reference(doc, path + ("module",), entry.module, session_ids, "session", folder)
        if entry.module in scheduled:
            check.problems.append(doc.problem(path + ("module",), (
                f"the session {entry.module!r} is already in this run as sessions[{scheduled[entry.module]}]; "
                "a run lists each session once")))
        scheduled.setdefault(entry.module, i)
        if entry.end <= entry.start:
            check.problems.append(doc.problem(path + ("end",), (
                f"the session ends at {entry.end:%H:%M}, which is not after its start at "
                f"{entry.start:%H:%M}; correct 'start' or 'end'")))
            continue
        if not entry.place and not entry.online:
            check.problems.append(doc.problem(path, "say where the session takes place: add 'place: ...' "
                                              "or 'online: true'"))
        if entry.link and not entry.online:
            check.problems.append(doc.problem(path + ("link",), "'link' is only for online sessions; "
                                              "add 'online: true' or remove the link"))
        begins = dt.datetime.combine(entry.date, entry.start)
        if previous is not None:
            prev_index, prev_begins, prev_ends = previous
            if begins < prev_begins:
                check.problems.append(doc.problem(path + ("date",), (
                    f"this session ({entry.date:%Y-%m-%d}) comes before sessions[{prev_index}] "
                    f"({prev_begins:%Y-%m-%d}); list the sessions in the order they take place")))
            elif begins < prev_ends:
                check.problems.append(doc.problem(path + ("start",), (
                    f"this session starts at {entry.start:%H:%M} on {entry.date:%Y-%m-%d}, before "
                    f"sessions[{prev_index}] ends at {prev_ends:%H:%M}; move one of them")))
        previous = (i, begins, dt.datetime.combine(entry.date, entry.end))
