"""Each file on its own: read it, check it against its model, and check what a file must hold once.

``Checker`` collects the problems of every step; ``load_kind`` reads every file of one kind (a file's id is
its name, one file per id); the other checks look inside one file: the course's language and vocabulary,
the evaluation plan's ids and touchpoints, a tool's picture.
"""

from __future__ import annotations

import pickle  # noqa: S403 - only for models this package wrote into its owner-only cache folder
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .. import buildcache, prose
from ..loader import Document, load_file
from ..messages import known_locale, languages, primary
from ..models import ID_PATTERN, Course, EvaluationPlan, Reading, Results, Run, Session, Tool, Vocabulary
from ..problems import Problem, format_path
from ..say import current, say
from ..sources import Layout
from ..visuals.check import visual_problems
from ..visuals.words import slug
from . import adapt
from .model_paths import walk
from .pydantic_messages import translate

M = TypeVar("M", bound=BaseModel)
K = TypeVar("K", Tool, Reading, Session, Run, Results)  # the kinds of file with an id


# A file read and validated without a problem, kept between a front end's builds (``buildcache.Kept``) by the
# digest of its bytes, its model, where it is shown and what its validation reads besides it (the course's
# vocabulary, the language): a build after a change reads and validates only the files that changed.
_KEPT = buildcache.Kept("files", 512)


class Checker:
    """The problems found so far, in every file, and the reading of a file."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.problems: list[Problem] = []
        self._read: dict[FsPath, Document | None] = {}  # each file is read once, its problems recorded once
        self._contexts: dict[int, tuple[object, bytes]] = {}
        self._not_kept: set[FsPath] = set()  # files whose override has problems: read again, to report them

    def load(self, path: FsPath) -> Document | None:
        """The file's document, or None when it cannot be read or parsed (its problems are recorded)."""
        if path in self._read:
            return self._read[path]
        doc, problems = load_file(path, self.layout.display(path))
        self.problems.extend(problems)
        self._read[path] = None if problems else self._adapted(path, doc)
        return self._read[path]

    def _adapted(self, path: FsPath, doc: Document) -> Document:
        """A file of the library as the course adapts it, when the course has an override of it (``adapt``);
        the shared file as it is when the override cannot be read (its problems are recorded)."""
        override = self.layout.override_of(path)
        if override is None:
            return doc
        given, problems = load_file(override, self.layout.display(override))
        merged, more = (doc, []) if problems else adapt.adapted(doc, given, path.parent.name)
        self.problems.extend(problems + more)
        if problems or more:
            self._not_kept.add(path)
        return merged

    def report(self, doc: Document, path: tuple, message: str, *, key: bool = False) -> None:
        self.problems.append(doc.problem(path, message, key=key))

    def read(
        self, path: FsPath, model: type[M], context: dict[str, Any] | None = None
    ) -> tuple[Document | None, M | None, list[Problem]]:
        """The file's document (None when it cannot be read or parsed: its problems are recorded) and its model
        (None with its problems, returned, when it is not valid). A file that was read and found valid by an
        earlier front-end build with exactly these inputs comes from the build cache, unread."""
        made_from = self._made_from(path, model, context) if _KEPT.active else None
        kept = _KEPT.get(made_from) if made_from is not None else None
        if isinstance(kept, bytes):
            doc, item = pickle.loads(kept)  # noqa: S301 - written by this package into its owner-only folder
            if isinstance(doc, Document) and isinstance(item, model):
                return doc, item, []
        doc = self.load(path)
        if doc is None:
            return None, None, []
        item, problems = validate(doc, model, context)
        if item is not None and made_from is not None and path not in self._not_kept:
            _KEPT.put(made_from, pickle.dumps((doc, item), protocol=pickle.HIGHEST_PROTOCOL))
        return doc, item, problems

    def _made_from(self, path: FsPath, model: type[BaseModel], context: dict[str, Any] | None) -> bytes | None:
        """What a file's document and model are made from: with a course's override of it, that file too."""
        made_from = _made_from(path, self.layout.display(path), model, self._context(context))
        override = self.layout.override_of(path)
        if made_from is None or override is None:
            return made_from
        adapted_by = _made_from(override, self.layout.display(override), model, b"")
        return None if adapted_by is None else made_from + b"\0override\0" + adapted_by

    def _context(self, context: dict[str, Any] | None) -> bytes:
        """What validation reads besides the file, as text (the vocabulary's ``repr`` shows every entry): made
        once for each context a load passes."""
        found = self._contexts.get(id(context))
        if found is None or found[0] is not context:
            found = self._contexts[id(context)] = (context, repr(sorted((context or {}).items())).encode("utf-8"))
        return found[1]


def _made_from(path: FsPath, display: str, model: type[BaseModel], context: bytes) -> bytes | None:
    """What a file's document and model are made from (None when the file cannot be read: it is read again
    to report why)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    facts = repr((model.__module__, model.__qualname__, display, current())).encode("utf-8")
    return b"\0".join([facts, context, raw])


def validate(doc: Document, model: type[M], context: dict[str, Any] | None = None) -> tuple[M | None, list[Problem]]:
    """The document as ``model``, or None and its problems in an instructor's words."""
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        return None, [_problem(doc, model, error) for error in exc.errors()]


def _problem(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error["loc"])
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc += (str(error["ctx"]["discriminator"]).strip("'"),)
    message, at_key = translate(error, model, loc)
    path = walk(model, loc)[0]
    rule = (error.get("ctx") or {}).get("error")
    if isinstance(rule, prose.RuleError) and isinstance(error.get("input"), str):
        line, column = doc.inside(path, error["input"], rule.offset)  # at the bracket, not the field
        return Problem(doc.file_at(path), line, column, format_path(path), message)
    return doc.problem(path, message, key=at_key)


def load_one(check: Checker, path: FsPath, model: type[M]) -> tuple[M | None, Document | None]:
    """A file of which a course has one (course.yml, the evaluation plan): its model and its document."""
    doc, item, problems = check.read(path, model)
    check.problems.extend(problems)
    return item, doc


@dataclass
class Kind(Generic[K]):
    """The files of one kind: the valid ones by id, their documents, and every id seen (valid or not)."""

    models: dict[str, K]
    docs: dict[str, Document]
    ids: set[str]


def load_kind(
    check: Checker, paths: Iterable[FsPath], model: type[K], context: dict[str, Any] | None = None
) -> Kind[K]:
    """Validate every file of one kind."""
    found: Kind[K] = Kind({}, {}, set())
    first_file: dict[str, str] = {}
    unreadable: set[str] = set()  # named by file name, so references to them are not reported too
    for path in paths:
        doc, item, problems = check.read(path, model, context)
        if doc is None:
            unreadable.add(path.stem)
            continue
        raw_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if isinstance(raw_id, str) and raw_id != path.stem:
            _id_not_file_name(check, doc, path, raw_id)
            check.problems.extend(problems)
            unreadable.add(path.stem)  # known by its file name until the id is corrected
            continue
        if isinstance(raw_id, str):
            if raw_id in first_file:
                check.report(doc, ("id",), say("report.files.id_taken", id=raw_id, file=first_file[raw_id]))
                continue
            first_file[raw_id] = doc.file
        check.problems.extend(problems)
        if item is not None:
            found.models[item.id] = item
            found.docs[item.id] = doc
    found.ids = set(first_file) | unreadable
    return found


def _id_not_file_name(check: Checker, doc: Document, path: FsPath, raw_id: str) -> None:
    """A file's id is its name; an invalid id gets its own message from the model."""
    if not ID_PATTERN.match(raw_id):
        return
    if ID_PATTERN.match(path.stem):
        or_else, rule = say("report.files.or_change_id", stem=path.stem), ""
    else:
        named = slug(path.stem)
        or_else = "" if named == raw_id else say("report.files.or_rename", slug=named, suffix=path.suffix)
        rule = say("report.files.file_name_rule")
    check.report(
        doc,
        ("id",),
        say("report.files.id_not_file_name", id=raw_id, name=path.name, suffix=path.suffix, or_else=or_else, rule=rule),
    )


def unique(check: Checker, doc: Document, path: tuple, value: str, seen: dict[str, str]) -> None:
    """Report ``value`` when ``seen`` has it already (``seen`` maps a value to where it was first used)."""
    if value in seen:
        check.report(doc, path, say("report.files.taken", value=value, where=seen[value]))
    seen.setdefault(value, format_path(path[:-1] if path[-1] == "id" else path))


def check_language(check: Checker, course: Course | None, doc: Document | None) -> str:
    """The course's language, when the generator has words for it; else the fallback, and a problem."""
    if course is None or doc is None:
        return current()  # the language course.yml's `language:` line names, or Danish
    language = course.language
    if primary(language) in languages() and known_locale(language):
        return language
    check.report(
        doc, ("language",), say("report.files.unknown_language", language=language, languages=", ".join(languages()))
    )
    return current()


def check_vocabulary(check: Checker, doc: Document, vocabulary: Vocabulary) -> None:
    """Each list of the course's vocabulary names each id once."""
    for name in ("formats", "agenda_kinds", "reading_kinds"):
        seen: dict[str, str] = {}
        for i, entry in enumerate(getattr(vocabulary, name)):
            unique(check, doc, ("vocabulary", name, i, "id"), entry.id, seen)


def check_plan(check: Checker, doc: Document, plan: EvaluationPlan) -> None:
    """The evaluation plan: its own ids once each, and each touchpoint says when it happens, one way."""
    methods: dict[str, str] = {}
    for m, method in enumerate(plan.methods):
        unique(check, doc, ("methods", m, "id"), method.id, methods)
        for t, point in enumerate(method.touchpoints):
            where = ("methods", m, "touchpoints", t)
            if point.every_session and point.sessions:
                check.report(doc, where + ("every_session",), say("report.files.when_twice"))
            elif not point.every_session and not point.sessions:
                check.report(doc, where, say("report.files.when_missing"))
    groups: dict[str, str] = {}
    items: dict[str, str] = {}
    for g, group in enumerate(plan.questionnaire):
        unique(check, doc, ("questionnaire", g, "id"), group.id, groups)
        for i, item in enumerate(group.items):
            unique(check, doc, ("questionnaire", g, "items", i, "id"), item.id, items)


def check_visuals(check: Checker, tools: Kind[Tool], rings: Sequence[dict]) -> None:
    """Each tool's picture: the checks of its kind (``visuals/``), at the line of the value."""
    for tid, tool in tools.models.items():
        if tool.visual is not None:
            for path, message in visual_problems(tool.visual, rings):
                check.report(tools.docs[tid], ("visual",) + path, message)
