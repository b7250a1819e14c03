"""Which of a portfolio's library files one course uses, as its files are written (``validation.library``
checks them; ``buildcache`` keys a course's site by them).

What a course uses follows the references, read from the files as they are (before their models are
checked, so a broken file is still followed as far as it can be read): the sessions its runs and its
evaluation plan name and its own sessions; the tools and readings those sessions name; the readings those
tools name. A file that names something twice or not at all is the validation's to report, not this module's.

Nothing here imports pydantic or the models: a front end asks ``depends_on`` before it knows whether the engine
has work to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path as FsPath
from typing import Any, Protocol

import yaml

from .sources import SHARED, Layout


class Reader(Protocol):
    """What follows the references: the course's layout, and each file's document (None when it cannot be read;
    ``validation.files.Checker`` records why)."""

    layout: Layout

    def load(self, path: FsPath) -> Any: ...


class Plain:
    """A ``Reader`` of the files' data alone (libyaml, no positions): the build cache's, which reports nothing."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def load(self, path: FsPath) -> Any:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            return _Data(yaml.load(path.read_bytes(), Loader=loader))  # noqa: S506 - a safe loader
        except (OSError, yaml.YAMLError):
            return None


class _Data:
    def __init__(self, data: Any) -> None:
        self.data = data


def _ids(value: Any, key: str | None = None) -> set[str]:
    """The ids in a list as a file writes it: the texts, or the ``key`` of each block."""
    if not isinstance(value, list):
        return set()
    items = (item.get(key) if key is not None and isinstance(item, dict) else item for item in value)
    return {item for item in items if isinstance(item, str)}


def _fields(doc: Any) -> dict[str, Any]:
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _named_sessions(check: Reader) -> set[str]:
    """The sessions the course's runs and evaluation plan name."""
    layout = check.layout
    named: set[str] = set()
    for path in layout.files("runs"):
        named |= _ids(_fields(check.load(path)).get("sessions"), "module")
    if layout.evaluation_plan.is_file():
        methods = _fields(check.load(layout.evaluation_plan)).get("methods")
        for method in methods if isinstance(methods, list) else []:
            points = method.get("touchpoints") if isinstance(method, dict) else None
            for point in points if isinstance(points, list) else []:
                if isinstance(point, dict):
                    named |= _ids(point.get("sessions"))
    return named


def _names(check: Reader, paths: Iterable, kinds: dict[str, tuple[str, str | None]]) -> dict[str, set[str]]:
    """The ids the files at ``paths`` name, by the kind named: ``kinds`` maps a field to (kind, key)."""
    found: dict[str, set[str]] = {kind: set() for kind, _ in kinds.values()}
    for path in paths:
        data = _fields(check.load(path))
        for name, (kind, key) in kinds.items():
            found[kind] |= _ids(data.get(name), key)
    return found


def used(check: Reader) -> dict[str, set[str]]:
    """The ids of the library's sessions, tools and readings the course of ``check.layout`` uses."""
    layout = check.layout
    assert layout.library is not None
    shared = {kind: {p.stem: p for p in layout.folder_files(layout.library / kind)} for kind in ("sessions", "tools")}
    own_sessions = layout.folder_files(layout.root / "sessions")
    sessions = _named_sessions(check) & set(shared["sessions"])
    paths = own_sessions + [shared["sessions"][sid] for sid in sorted(sessions)]
    by_sessions = _names(
        check, paths, {"tools": ("tools", None), "content": ("content", "tool"), "readings": ("readings", None)}
    )
    tools = (by_sessions["tools"] | by_sessions["content"]) & set(shared["tools"])
    own_tools = layout.folder_files(layout.root / "tools")
    by_tools = _names(
        check, own_tools + [shared["tools"][tid] for tid in sorted(tools)], {"readings": ("readings", None)}
    )
    return {"sessions": sessions, "tools": tools, "readings": by_sessions["readings"] | by_tools["readings"]}


def others(layout: Layout) -> dict[str, set[tuple[str, str]]]:
    """The library files each other course of the library uses, by course id: (kind, id)."""
    from .portfolio import course_ids

    assert layout.library is not None
    found = {}
    for course in course_ids(layout.library.parent):
        folder = layout.root.parent / course
        if folder != layout.root:
            check = Plain(Layout(folder, library=layout.library, course_id=course))
            found[course] = {(kind, item) for kind, items in used(check).items() for item in items}
    return found


def title(course: FsPath) -> str:
    """A course's title as its course.yml writes it; its folder's name when it has none to read."""
    title = _fields(Plain(Layout(course)).load(course / "course.yml")).get("title")
    return title if isinstance(title, str) and title.strip() else course.name


def depends_on(layout: Layout) -> list[tuple[str, bytes]]:
    """What a build of the course of ``layout`` reads of its portfolio, as (name, content), for the build cache
    (``buildcache.narrow_key``): every file of the course's folder, the library files it uses (``used``), the
    portfolio's own file, and of each other course what this course's pages show of it — its title and the
    library files it uses (``shared_with``). A change anywhere else (another course's own sessions, a library
    file no course of these uses) leaves this course's site as it was."""
    assert layout.library is not None
    mine = used(Plain(layout))
    files = sorted(path for path in layout.root.rglob("*") if path.is_file())
    for kind in SHARED:
        files += [path for path in layout.folder_files(layout.library / kind) if path.stem in mine[kind]]
    front = layout.library.parent / "portfolio.yml"
    parts = [(path.relative_to(layout.library.parent).as_posix(), _content(path)) for path in files]
    parts.append(("portfolio.yml", _content(front) if front.is_file() else b""))
    for course, uses in sorted(others(layout).items()):
        shown = repr((title(layout.root.parent / course), sorted(uses)))
        parts.append((f"courses/{course}/", shown.encode("utf-8")))
    return parts


def _content(path: FsPath) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the validation names the file and what to do; a site with problems is never kept
        return b"\0unreadable\0"
