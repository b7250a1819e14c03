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
import os
from collections.abc import Iterable, Mapping
from pathlib import Path as FsPath
from typing import Any, Literal, TypeVar, get_args, get_origin

from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from . import prose
from .course import Curriculum
from .loader import Document, load_file
from .messages import Messages, catalogue, flatten, is_plural, known_locale, languages, primary
from .models import ID_PATTERN, BuddyMeeting, Course, EvaluationPlan, Reading, Results, Run, RunSession, Session, Tool
from .problems import CurriculumError, Problem, did_you_mean, format_path
from .sources import RESULTS, Layout
from .visuals.check import visual_problems
from .visuals.words import slug
from .vocabulary import resolve

M = TypeVar("M", bound=BaseModel)
K = TypeVar("K", Tool, Reading, Session, Run, Results)  # the kinds of file with an id

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a block of fields",
    type(None): "nothing",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _message(error: Mapping[str, Any], model: type[BaseModel], loc: tuple) -> tuple[str, bool]:
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
    if kind == "union_tag_not_found":
        return f"the required field '{field}' is missing; add it", False
    if kind == "union_tag_invalid":
        choices = [c.strip(" '") for c in str(ctx.get("expected_tags", "")).split(",") if c.strip(" '")]
        tag = str(ctx.get("tag"))
        return f"{tag!r} is not allowed here{did_you_mean(tag, choices)}; use one of: {', '.join(choices)}", False
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{value!r} is not allowed here{hint}; use one of: {', '.join(choices)}", False
    if kind == "string_pattern_mismatch":
        example = slug(value)[:80].strip("-") if isinstance(value, str) else "workshop-1"
        return (
            f"{value!r} is not a valid id; use lowercase letters a-z, digits and hyphens, "
            f"e.g. {example or 'workshop-1'!r} (write æ, ø, å as ae, oe, aa)"
        ), False
    if kind == "too_short":
        needed = ctx.get("min_length", 1)
        if needed > 1:
            return (f"the list has {ctx.get('actual_length', 0)} item(s); add at least {needed}"), False
        return "the list is empty; add at least one item", False
    if kind == "string_too_short":
        return "this field is empty; write something or remove the field", False
    if kind == "string_too_long":
        return f"this is too long; use at most {ctx.get('max_length')} characters", False
    if kind == "string_type":
        hint = "; put it in quotes if it is meant as text" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, found {_type_name(value)}{hint}", False
    if kind in ("float_parsing", "int_parsing") and isinstance(value, str) and any(c.isdigit() for c in value):
        number = "".join(c for c in value if c.isdigit() or c in ",.-").replace(",", ".").strip(".")
        return (
            f"{value!r} is not a number because of the text or unit in it; write the number alone, "
            f"without quotes, e.g. {number}" + (" (the field is already in per cent)" if "%" in value else "")
        ), False
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {value!r}", False
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
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "at most 100", also for a field that takes decimals
        word = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        return f"{value!r} is out of range; it must be {word} {limit}", False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    return error["msg"], False


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model at ``loc``."""
    current = _walk(model, loc)[1]
    if isinstance(current, list):
        current = current[0]
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _walk(model: type[BaseModel], loc: tuple) -> tuple[tuple, Any]:
    """Follow ``loc`` through the nested models: the field path and the model found there.

    For a union chosen by a field such as ``kind: radar`` pydantic puts the chosen tag
    into ``loc`` ('visual', 'radar', 'blips', 0); the path leaves it out, as the file does.
    """
    current: Any = model
    clean: list = []
    for part in loc:
        if isinstance(part, int) or current is None:
            clean.append(part)
            continue
        if isinstance(current, list):  # several models: the part may be the chosen one's tag
            chosen = next((m for m in current if part in _tags(m)), None)
            if chosen is not None:
                current = chosen
                continue
            current = current[0]
        clean.append(part)
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = None if info is None else _inner_models(info.annotation)
    return tuple(clean), current


def _tags(model: type[BaseModel]) -> set[str]:
    """The fixed values (``Literal``) a model's fields take, e.g. ``{'radar'}``."""
    return {
        arg
        for info in model.model_fields.values()
        if get_origin(info.annotation) is Literal
        for arg in get_args(info.annotation)
    }


def _inner_models(annotation: Any) -> type[BaseModel] | list[type[BaseModel]] | None:
    """The model of a field, the list of models of a union of several, or None."""
    found: list[type[BaseModel]] = []

    def collect(ann: Any) -> None:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            found.append(ann)
        for arg in get_args(ann):
            collect(arg)

    collect(annotation)
    return found if len(found) > 1 else (found[0] if found else None)


def _validate(doc: Document, model: type[M], context: dict[str, Any] | None = None) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc += (str(error["ctx"]["discriminator"]).strip("'"),)
            message, at_key = _message(error, model, loc)
            path = _walk(model, loc)[0]
            rule = (error.get("ctx") or {}).get("error")
            if isinstance(rule, prose.RuleError) and isinstance(error.get("input"), str):
                line, column = doc.inside(path, error["input"], rule.offset)  # at the bracket, not the field
                problems.append(Problem(doc.file, line, column, format_path(path), message))
                continue
            problems.append(doc.problem(path, message, key=at_key))
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

    def load_kind(
        self, paths: Iterable[FsPath], model: type[K], noun: str, context: dict[str, Any] | None = None
    ) -> tuple[dict[str, K], dict[str, Document], set[str]]:
        """Validate every file of one kind; return models by id, their documents and all ids seen."""
        models: dict[str, K] = {}
        docs: dict[str, Document] = {}
        first_file: dict[str, str] = {}
        unreadable: set[str] = set()  # named by file name, so references to them are not reported too
        for path in paths:
            doc = self.load(path)
            if doc is None:
                unreadable.add(path.stem)
                continue
            raw_id = doc.data.get("id") if isinstance(doc.data, dict) else None
            if isinstance(raw_id, str) and raw_id != path.stem:
                if ID_PATTERN.match(raw_id):  # (an invalid id gets its own message from the model)
                    other = (
                        f" or change the id to {path.stem!r}"
                        if ID_PATTERN.match(path.stem)
                        else ""
                        if slug(path.stem) == raw_id
                        else f" or rename it to {slug(path.stem)}{path.suffix} and change the id to {slug(path.stem)!r}"
                    )
                    rule = (
                        ""
                        if ID_PATTERN.match(path.stem)
                        else (" (a file name, like an id, has lowercase letters a-z, digits and hyphens)")
                    )
                    self.problems.append(
                        doc.problem(
                            ("id",),
                            (
                                f"the id {raw_id!r} differs from the file name {path.name!r}; a file's id is its "
                                f"name: rename the file to {raw_id}{path.suffix}{other}{rule}"
                            ),
                        )
                    )
                self.problems.extend(_validate(doc, model, context)[1])
                unreadable.add(path.stem)  # known by its file name until the id is corrected
                continue
            if isinstance(raw_id, str):
                if raw_id in first_file:
                    self.problems.append(
                        doc.problem(
                            ("id",),
                            f"the id {raw_id!r} is already used by {first_file[raw_id]}; give each {noun} its own id",
                        )
                    )
                    continue
                first_file[raw_id] = doc.file
            item, problems = _validate(doc, model, context)
            self.problems.extend(problems)
            if item is not None:
                models[item.id] = item
                docs[item.id] = doc
        return models, docs, set(first_file) | unreadable

    def reference(self, doc: Document, path: tuple, target: str, known: set[str], noun: str, folder: str) -> None:
        if folder in {self.layout.display(p) + "/" for p in self.layout.unreadable}:
            return  # the folder's own problem says it all
        if target not in known:
            hint = did_you_mean(target, sorted(known))
            self.problems.append(
                doc.problem(path, f"unknown {noun} {target!r}{hint}; use the id of a file in {folder}")
            )


def load_curriculum(modules_dir: FsPath | str) -> Curriculum:
    """Read, validate and cross-check every file under ``modules_dir``.

    Raises ``CurriculumError`` listing every problem in every file.
    """
    layout = Layout(FsPath(modules_dir))
    try:
        return _load_curriculum(layout)
    except OSError as error:  # a folder or file the system does not let us read
        path = FsPath(error.filename) if error.filename else layout.root
        while path.parent != path and not os.access(path.parent, os.R_OK | os.X_OK):
            path = path.parent  # name the folder that cannot be opened, not a file inside it
        raise CurriculumError([_unreadable(layout, path, error.strerror or type(error).__name__)]) from None


def _unreadable(layout: Layout, path: FsPath, reason: str) -> Problem:
    shown = layout.display(path)
    return Problem(
        shown + "/",
        1,
        1,
        "",
        (
            f"cannot read this folder ({reason}); make it readable for your user (e.g. chmod -R u+rwX "
            f"{shown}) or move it out of the modules folder"
        ),
    )


def _load_curriculum(layout: Layout) -> Curriculum:
    if not layout.root.is_dir():
        raise CurriculumError(
            [
                Problem(
                    layout.display(layout.root),
                    1,
                    1,
                    "",
                    (
                        "there is no such folder; run the command in the project folder (the one with mkdocs.yml) "
                        "or name the modules folder with --modules"
                    ),
                )
            ]
        )
    check = _Checker(layout)

    course = None
    if layout.course_file.is_file():
        course_doc = check.load(layout.course_file)
        if course_doc is not None:
            course, problems = _validate(course_doc, Course)
            check.problems.extend(problems)
    else:
        check.problems.append(
            Problem(
                layout.display(layout.course_file),
                1,
                1,
                "",
                "the course file is missing; create it with the course's title, organisers and purpose (see README)",
            )
        )

    language = course.language if course is not None else "da"
    if (
        course is not None
        and course_doc is not None
        and (primary(language) not in languages() or not known_locale(language))
    ):
        check.problems.append(
            course_doc.problem(
                ("language",),
                (
                    f"the generator has no words for the language {language!r}; use one of: {', '.join(languages())} "
                    "(a BCP 47 tag such as 'da', 'en' or 'en-GB')"
                ),
            )
        )
        language = "da"
    overrides = _load_overrides(check, layout, language)
    messages = Messages(language, overrides)
    vocabulary = resolve(language, course.vocabulary if course is not None else None)
    if course is not None and course_doc is not None and course.vocabulary is not None:
        _check_vocabulary(check, course_doc, course.vocabulary)

    words = {"vocabulary": vocabulary, "course_file": layout.display(layout.course_file)}
    tools, tool_docs, tool_ids = check.load_kind(layout.files("tools"), Tool, "tool")
    readings, reading_docs, reading_ids = check.load_kind(layout.files("readings"), Reading, "reading", words)
    sessions, session_docs, session_ids = check.load_kind(layout.files("sessions"), Session, "session", words)
    runs, run_docs, run_ids = check.load_kind(layout.files("runs"), Run, "run")
    evaluation, plan_doc = None, None
    if layout.evaluation_plan.is_file():
        plan_doc = check.load(layout.evaluation_plan)
        if plan_doc is not None:
            evaluation, problems = _validate(plan_doc, EvaluationPlan)
            check.problems.extend(problems)
    results, result_docs, _ = check.load_kind(layout.files(RESULTS), Results, "results file")

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
    for tid, tool_model in tools.items():
        for i, reading in enumerate(tool_model.readings):
            check.reference(tool_docs[tid], ("readings", i), reading, reading_ids, "reading", folder("readings"))
        if tool_model.visual is not None:
            for path, message in visual_problems(tool_model.visual, messages.entry("visuals.radar.rings")):
                check.problems.append(tool_docs[tid].problem(("visual",) + path, message))
    for rid, run in runs.items():
        _check_run(check, run_docs[rid], run, session_ids, folder("sessions"))
        _check_agendas(check, run_docs[rid], run, sessions, session_docs)
        _check_buddy(check, run_docs[rid], run)
    if evaluation is not None and plan_doc is not None:
        _check_plan(check, plan_doc, evaluation, session_ids, folder("sessions"))
    for rid, result in results.items():
        _check_results(
            check,
            result_docs[rid],
            result,
            evaluation,
            plan_doc is not None,
            run_ids,
            folder("runs"),
            layout.display(layout.evaluation_plan),
        )

    if not layout.files("runs") and layout.root.is_dir() and layout.root / "runs" not in layout.unreadable:
        check.problems.append(
            Problem(
                folder("runs"), 1, 1, "", "there is no run file; add one with the dates of the sessions (see README)"
            )
        )
    check.problems.extend(_unreadable(layout, path, reason) for path, reason in layout.unreadable.items())
    if check.problems or course is None or course_doc is None:
        raise CurriculumError(check.problems)
    return Curriculum(
        course=course,
        sessions=sessions,
        tools=tools,
        readings=readings,
        runs=runs,
        evaluation=evaluation,
        results=results,
        messages=messages,
        vocabulary=vocabulary,
        documents={
            ("course", ""): course_doc,
            **{
                (kind, key): doc
                for kind, docs in (
                    ("sessions", session_docs),
                    ("tools", tool_docs),
                    ("readings", reading_docs),
                    ("runs", run_docs),
                )
                for key, doc in docs.items()
            },
        },
    )


def _load_overrides(check: _Checker, layout: Layout, language: str) -> dict[str, Any]:
    """The course's own messages (modules/messages.yml): keys of the built-in catalogue, as text."""
    path = layout.messages_file
    if not path.is_file():
        return {}
    doc = check.load(path)
    if doc is None:
        return {}
    if not isinstance(doc.data, dict):
        check.problems.append(doc.problem((), "expected a block of messages (lines like 'pages: ...')"))
        return {}
    built_in = catalogue(language)
    overrides: dict[str, Any] = {}

    def walk(tree: dict[str, Any], path: tuple) -> None:
        for key, value in tree.items():
            here = path + (key,)
            name = ".".join(str(p) for p in here)
            if name in built_in:
                expected = built_in[name]
                if isinstance(expected, str) != isinstance(value, str) or is_plural(expected) != is_plural(value):
                    kind = (
                        "one text"
                        if isinstance(expected, str)
                        else ("forms for 'one' and 'other'" if is_plural(expected) else "a list")
                    )
                    check.problems.append(
                        doc.problem(here, f"this message is {kind}; write it the way the built-in catalogue does")
                    )
                else:
                    overrides[name] = flatten({"v": value})["v"] if not is_plural(value) else value
            elif isinstance(value, dict) and any(k.startswith(name + ".") for k in built_in):
                walk(value, here)
            else:
                known = sorted(
                    {
                        k.split(".")[len(path)]
                        for k in built_in
                        if k.startswith(".".join(map(str, path)) + ".") or not path
                    }
                )
                check.problems.append(
                    doc.problem(
                        here,
                        (
                            f"unknown message {name!r}{did_you_mean(str(key), known)}; the messages a course can "
                            "change are the keys of the generator's catalogue (src/curriculum/catalogues/)"
                        ),
                        key=True,
                    )
                )

    walk(doc.data, ())
    return overrides


def _check_vocabulary(check: _Checker, doc: Document, vocabulary: Any) -> None:
    """Each list of the course's vocabulary names each id once."""
    for name in ("formats", "agenda_kinds", "reading_kinds"):
        seen: dict[str, str] = {}
        for i, entry in enumerate(getattr(vocabulary, name)):
            _unique(check, doc, ("vocabulary", name, i, "id"), entry.id, seen, "word")


def _unique(check: _Checker, doc: Document, path: tuple, value: str, seen: dict[str, str], noun: str) -> None:
    """Report ``value`` when ``seen`` has it already (``seen`` maps a value to where it was first used)."""
    if value in seen:
        check.problems.append(
            doc.problem(path, f"the {noun} {value!r} is already used by {seen[value]}; give each {noun} its own id")
        )
    seen.setdefault(value, format_path(path[:-1] if path[-1] == "id" else path))


def _check_plan(check: _Checker, doc: Document, plan: EvaluationPlan, session_ids: set[str], folder: str) -> None:
    """The evaluation plan: own ids, and every touchpoint at sessions that exist."""
    methods: dict[str, str] = {}
    for m, method in enumerate(plan.methods):
        _unique(check, doc, ("methods", m, "id"), method.id, methods, "method")
        for t, point in enumerate(method.touchpoints):
            where = ("methods", m, "touchpoints", t)
            if point.every_session and point.sessions:
                check.problems.append(
                    doc.problem(
                        where + ("every_session",),
                        ("'every_session: true' and a list of 'sessions' cannot both be given; keep one of them"),
                    )
                )
            elif not point.every_session and not point.sessions:
                check.problems.append(
                    doc.problem(
                        where,
                        (
                            "say when this happens: add 'sessions:' with the ids of the sessions, or 'every_session: true'"
                        ),
                    )
                )
            for i, session in enumerate(point.sessions):
                check.reference(doc, where + ("sessions", i), session, session_ids, "session", folder)
    groups: dict[str, str] = {}
    items: dict[str, str] = {}
    for g, group in enumerate(plan.questionnaire):
        _unique(check, doc, ("questionnaire", g, "id"), group.id, groups, "group")
        for i, item in enumerate(group.items):
            _unique(check, doc, ("questionnaire", g, "items", i, "id"), item.id, items, "item")


def _check_results(
    check: _Checker,
    doc: Document,
    results: Results,
    plan: EvaluationPlan | None,
    plan_exists: bool,
    run_ids: set[str],
    runs_folder: str,
    plan_file: str,
) -> None:
    """A run's results: the run exists, and each result belongs to an item of the questionnaire, once."""
    check.reference(doc, ("run",), results.run, run_ids, "run", runs_folder)
    if plan is None:
        if not plan_exists:
            check.problems.append(
                doc.problem(
                    ("items",),
                    (
                        f"there is no evaluation plan; add {plan_file} with the questionnaire's items, which the "
                        "results refer to"
                    ),
                )
            )
        return  # a plan with problems: those come first
    known = [item.id for group in plan.questionnaire for item in group.items]
    seen: dict[str, int] = {}
    for i, result in enumerate(results.items):
        if result.item not in known:
            check.problems.append(
                doc.problem(
                    ("items", i, "item"),
                    (
                        f"unknown questionnaire item {result.item!r}{did_you_mean(result.item, known)}; use the id of "
                        f"an item under 'questionnaire' in {plan_file}"
                    ),
                )
            )
        elif result.item in seen:
            check.problems.append(
                doc.problem(
                    ("items", i, "item"),
                    (
                        f"the item {result.item!r} already has a result in items[{seen[result.item]}]; give each "
                        "item one result"
                    ),
                )
            )
        seen.setdefault(result.item, i)


def _check_slot(
    check: _Checker, doc: Document, path: tuple, slot: RunSession | BuddyMeeting, noun: str, where: str
) -> bool:
    """Time and place of a session or meeting; False when its times are unusable for further checks."""
    if slot.end <= slot.start:
        check.problems.append(
            doc.problem(
                path + ("end",),
                (
                    f"the {noun} ends at {slot.end:%H:%M}, which is not after its start at "
                    f"{slot.start:%H:%M}; correct 'start' or 'end'"
                ),
            )
        )
        return False
    if not slot.place and not slot.online:
        check.problems.append(doc.problem(path, f"say where {where}: add 'place: ...' or 'online: true'"))
    if slot.link and not slot.online:
        check.problems.append(
            doc.problem(path + ("link",), f"'link' is only for online {noun}s; add 'online: true' or remove the link")
        )
    return True


def _check_local_times(
    check: _Checker, doc: Document, path: tuple, slot: RunSession | BuddyMeeting, zone_name: str
) -> None:
    """A start or end that the run's time zone skips (the night summer time begins) or has twice
    (the night it ends) cannot be put into a calendar unambiguously."""
    zone = ZoneInfo(zone_name)
    for field_name in ("start", "end"):
        clock = getattr(slot, field_name)
        moment = dt.datetime.combine(slot.date, clock)
        first, second = moment.replace(tzinfo=zone), moment.replace(tzinfo=zone, fold=1)
        if first.utcoffset() == second.utcoffset():
            continue
        back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
        if back != moment:  # a wall-clock time the zone skips
            check.problems.append(
                doc.problem(
                    path + (field_name,),
                    (
                        f"{clock:%H:%M} on {slot.date:%Y-%m-%d} does not exist in the time zone {zone_name}: the clocks "
                        "are put forward that night; choose another time"
                    ),
                )
            )
        else:
            check.problems.append(
                doc.problem(
                    path + (field_name,),
                    (
                        f"{clock:%H:%M} on {slot.date:%Y-%m-%d} happens twice in the time zone {zone_name}: the clocks "
                        "are put back that night; choose a time outside the repeated hour"
                    ),
                )
            )


def _check_run(check: _Checker, doc: Document, run: Run, session_ids: set[str], folder: str) -> None:
    scheduled: dict[str, int] = {}
    previous = None
    for i, entry in enumerate(run.sessions):
        path = ("sessions", i)
        check.reference(doc, path + ("module",), entry.module, session_ids, "session", folder)
        if entry.module in scheduled:
            check.problems.append(
                doc.problem(
                    path + ("module",),
                    (
                        f"the session {entry.module!r} is already in this run as sessions[{scheduled[entry.module]}]; "
                        "a run lists each session once"
                    ),
                )
            )
        scheduled.setdefault(entry.module, i)
        _check_local_times(check, doc, path, entry, run.timezone)
        if not _check_slot(check, doc, path, entry, "session", "the session takes place"):
            continue
        begins = dt.datetime.combine(entry.date, entry.start)
        if previous is not None:
            prev_index, prev_begins, prev_ends = previous
            if begins < prev_begins:
                check.problems.append(
                    doc.problem(
                        path + ("date",),
                        (
                            f"this session ({begins:%Y-%m-%d %H:%M}) comes before sessions[{prev_index}] "
                            f"({prev_begins:%Y-%m-%d %H:%M}); list the sessions in the order they take place"
                        ),
                    )
                )
            elif begins < prev_ends:
                check.problems.append(
                    doc.problem(
                        path + ("start",),
                        (
                            f"this session starts at {entry.start:%H:%M} on {entry.date:%Y-%m-%d}, before "
                            f"sessions[{prev_index}] ends at {prev_ends:%H:%M}; move one of them"
                        ),
                    )
                )
        previous = (i, begins, dt.datetime.combine(entry.date, entry.end))


def _check_agendas(
    check: _Checker, doc: Document, run: Run, sessions: dict[str, Session], session_docs: dict[str, Document]
) -> None:
    """Each session's agenda must fit between this run's start and end time."""
    for i, entry in enumerate(run.sessions):
        session = sessions.get(entry.module)
        if session is None or not session.agenda or entry.end <= entry.start:
            continue
        begins = dt.datetime.combine(entry.date, entry.start)
        available = int((dt.datetime.combine(entry.date, entry.end) - begins).total_seconds() // 60)
        needed = session.agenda_minutes
        if needed > available:
            late = (begins + dt.timedelta(minutes=needed)).time()
            check.problems.append(
                doc.problem(
                    ("sessions", i, "end"),
                    (
                        f"the agenda of session {entry.module!r} does not fit in run {run.id!r}: it takes "
                        f"{needed} minutes, but {entry.start:%H:%M}–{entry.end:%H:%M} gives {available}, an overrun "
                        f"of {needed - available} minutes; move 'end' to {late:%H:%M} or shorten the agenda in "
                        f"{session_docs[entry.module].file}"
                    ),
                )
            )


def _check_buddy(check: _Checker, doc: Document, run: Run) -> None:
    """Buddy groups: own ids, meetings in order, each meeting between two sessions of the run."""
    if run.buddy is None:
        return
    slots = [(dt.datetime.combine(s.date, s.start), dt.datetime.combine(s.date, s.end)) for s in run.sessions]
    timetable_ok = all(end > start for start, end in slots) and all(
        slots[k][1] <= slots[k + 1][0] for k in range(len(slots) - 1)
    )
    seen: dict[str, int] = {}
    for g, group in enumerate(run.buddy.groups):
        path = ("buddy", "groups", g)
        if group.id in seen:
            check.problems.append(
                doc.problem(
                    path + ("id",),
                    (
                        f"the group id {group.id!r} is already used by buddy.groups[{seen[group.id]}]; "
                        "give each group its own id"
                    ),
                )
            )
        seen.setdefault(group.id, g)
        previous: tuple[int, dt.datetime] | None = None
        for m, meeting in enumerate(group.meetings):
            where = path + ("meetings", m)
            starts = dt.datetime.combine(meeting.date, meeting.start)
            ends = dt.datetime.combine(meeting.date, meeting.end)
            when = f"{meeting.date:%Y-%m-%d} {meeting.start:%H:%M}"
            _check_local_times(check, doc, where, meeting, run.timezone)
            if not _check_slot(check, doc, where, meeting, "meeting", "the group meets"):
                continue
            if previous is not None and starts < previous[1]:
                check.problems.append(
                    doc.problem(
                        where + ("date",),
                        (
                            f"this meeting ({when}) comes before meetings[{previous[0]}] of the same group; "
                            "list the meetings in the order they take place"
                        ),
                    )
                )
            previous = (m, starts)
            if not timetable_ok:
                continue  # the sessions' own problems come first; their order is not known yet
            first_end, last_start = slots[0][1], slots[-1][0]
            if starts < first_end:
                check.problems.append(
                    doc.problem(
                        where + ("date",),
                        (
                            f"this buddy meeting ({when}) is before the run's first session has ended "
                            f"({first_end:%Y-%m-%d %H:%M}); fix the meetings at the first session and place "
                            "each one between two sessions"
                        ),
                    )
                )
            elif ends > last_start:
                check.problems.append(
                    doc.problem(
                        where + ("date",),
                        (
                            f"this buddy meeting ({when}) is not over before the run's last session starts "
                            f"({last_start:%Y-%m-%d %H:%M}); place each meeting between two sessions"
                        ),
                    )
                )
            else:
                for k, (s_start, s_end) in enumerate(slots):
                    if starts < s_end and ends > s_start:
                        check.problems.append(
                            doc.problem(
                                where + ("start",),
                                (
                                    f"this buddy meeting ({when}–{meeting.end:%H:%M}) overlaps sessions[{k}] "
                                    f"({run.sessions[k].module}, {s_start:%Y-%m-%d %H:%M}–{s_end:%H:%M}); "
                                    "move it so that it lies between two sessions"
                                ),
                            )
                        )
                        break
