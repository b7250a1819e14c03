"""A course of a library adapts a shared file without copying it: its override file holds only the fields it
gives its own way, and the rest stays shared.

::

    modules/courses/<id>/overrides/tools/radar.yml        the radar as this course has it: e.g. its blips
    modules/courses/<id>/overrides/sessions/webinar.yml   e.g. the session's instructor notes

An override file is named as the library's file it adapts and written as that file: a field it names replaces
the shared file's field; a field that is a block of fields of its own (a tool's ``visual``) is adapted field by
field inside it. Which fields a course may adapt is ``ADAPTABLE`` (the field help and the guides say so): what
a course tells its own participants and instructors, never an id or what a file names of another (which
sessions, tools and readings a course uses stays as the library's files say). Every value keeps where it
stands: a problem or a warning about an adapted field names the override file, line and column
(``loader.Document.parts``). The other courses of the library still read the shared file as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from ..loader import Document
from ..problems import Problem, did_you_mean
from ..say import say
from ..sources import OVERRIDES, SHARED, Layout

# What a course may adapt in a shared file, by kind: a field, or a field inside a block ("visual.blips"). A
# block with adaptable fields inside it is adapted field by field; a picture keeps its kind.
ADAPTABLE: dict[str, tuple[str, ...]] = {
    "tools": (
        "summary",
        "description",
        "origin",
        "use_with_staff",
        "questions",
        *(
            f"visual.{name}"
            for name in (
                "title",
                "note",
                "sectors",
                "rings",
                "blips",
                "areas",
                "rounds",
                "phases",
                "lanes",
                "cells",
                "considerations_title",
                "considerations",
                "parts",
                "centre",
                "columns",
                "rows",
            )
        ),
    ),
    "sessions": ("summary", "questions", "preparation", "practice", "buddy_prompt", "instructor", "builds_on"),
    "readings": ("note",),
}


def adapted(base: Document, override: Document, kind: str) -> tuple[Document, list[Problem]]:
    """The shared file ``base`` with the course's ``override`` over it, and the problems of the override (a
    field that may not be adapted, a block the shared file does not have)."""
    if not isinstance(base.data, dict) or not isinstance(override.data, dict):
        return base, []  # their own problems are reported
    merge = _Merge(override, ADAPTABLE[kind], base.file)
    data = copy.deepcopy(base.data)
    merge.into(data, override.data, ())
    parts = {path: override for path in merge.given}
    typographic = {path: q for path, q in base.typographic.items() if not _under(path, parts)}
    typographic.update((path, q) for path, q in override.typographic.items() if _under(path, parts))
    merged = Document(
        file=base.file,
        data=data,
        values=base.values,
        keys=base.keys,
        ends=base.ends,
        text=base.text,
        typographic=typographic,
        parts={**base.parts, **parts},
    )
    return merged, merge.problems


def _under(path: tuple, parts: dict[tuple, Document]) -> bool:
    return any(path[: len(part)] == part for part in parts)


class _Merge:
    """The override's fields put into a copy of the shared file's data, one by one."""

    def __init__(self, override: Document, adaptable: tuple[str, ...], shared: str):
        self.override, self.adaptable, self.shared = override, adaptable, shared
        self.given: list[tuple] = []
        self.problems: list[Problem] = []

    def into(self, target: dict[str, Any], given: dict[str, Any], path: tuple) -> None:
        for key, value in given.items():
            here = (*path, key)
            dotted = ".".join(str(part) for part in here)
            inside = any(name.startswith(dotted + ".") for name in self.adaptable)
            if inside and isinstance(value, dict):
                if isinstance(target.get(key), dict):
                    self.into(target[key], value, here)
                else:
                    self._report(here, "report.adapt.no_block", field=dotted, shared=self.shared)
            elif dotted in self.adaptable:
                target[key] = value
                self.given.append(here)
            else:
                fields = ", ".join(self.adaptable)
                self._report(here, "report.adapt.not_adaptable", field=dotted, fields=fields, shared=self.shared)

    def _report(self, path: tuple, key: str, /, **facts: Any) -> None:
        self.problems.append(self.override.problem(path, say(key, **facts), key=True))


def stray(layout: Layout) -> Iterator[Problem]:
    """A problem for each file of the course's overrides that adapts nothing of the library: in a folder of a
    kind that cannot be adapted, or named as no file of the library."""
    if layout.library is None:
        # a course of its own has no shared files: its overrides would change nothing, which the instructor who
        # wrote them would not see
        alone = layout.root / OVERRIDES
        if alone.is_dir() and any(path.is_file() for path in alone.rglob("*") if not path.name.startswith(".")):
            yield _at(layout, alone, "report.adapt.no_library", kinds=_own_kinds(layout))
        return
    folder = layout.overrides
    if folder is None or not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name in SHARED:
            yield from _strays_of(layout, entry.name)
        else:
            yield _at(layout, entry, "report.adapt.not_a_kind", folders=_kinds(layout))


def idle(layout: Layout) -> tuple[str, ...]:
    """The course's override files of library files it does not use (once ``layout.used`` is known): they
    change nothing on its site."""
    if layout.overrides is None or layout.library is None:
        return ()
    found = []
    for kind in SHARED:
        shared = {path.stem for path in layout.folder_files(layout.library / kind)}
        for path in layout.folder_files(layout.overrides / kind):
            if path.stem in shared and path.stem not in layout.used.get(kind, set()):
                found.append(layout.display(path))
    return tuple(found)


def _strays_of(layout: Layout, kind: str) -> Iterator[Problem]:
    assert layout.library is not None and layout.overrides is not None
    shared = {path.stem for path in layout.folder_files(layout.library / kind)}
    own = {path.stem: path for path in layout.folder_files(layout.root / kind)}
    for path in layout.folder_files(layout.overrides / kind):
        if path.stem in shared:
            continue
        if path.stem in own:
            yield _at(layout, path, "report.adapt.own_file", own=layout.display(own[path.stem]))
            continue
        hint = did_you_mean(path.stem, sorted(shared))
        yield _at(
            layout,
            path,
            "report.adapt.no_shared_file",
            name=path.stem,
            folder=layout.display(layout.library / kind) + "/",
            hint=hint,
            own=layout.folder_display(kind),
        )


def _own_kinds(layout: Layout) -> str:
    return ", ".join(layout.display(layout.root / kind) + "/" for kind in SHARED)


def _kinds(layout: Layout) -> str:
    assert layout.overrides is not None
    return ", ".join(layout.display(layout.overrides / kind) + "/" for kind in SHARED)


def _at(layout: Layout, path: FsPath, key: str, /, **facts: Any) -> Problem:
    shown = layout.display(path) + ("/" if path.is_dir() else "")
    return Problem(shown, 1, 1, "", say(key, **facts))
