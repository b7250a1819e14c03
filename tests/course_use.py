"""Which tests read the published course: the marker `published`, set here and kept honest here.

`make test-other-course` (tests/other_course.py) runs the suite again with another course in modules/, but
only the tests marked `published`: a test that reads none of what the copy changes (modules/, mkdocs.yml,
mkdocs.instructor.yml, schemas/) runs the same code on the same files there, and could find nothing new.

A test is marked `published` when
- it uses a fixture of the published course (``FIXTURES``), directly or through another fixture;
- its module reads the published course while it is imported (``COURSE = published()`` at its top);
- it is one of the worked examples of the instructors' guide (`guide_examples`), written on KDL's files, or
  pins what KDL's files say (`kdl_files`);
- it is a browser test (tests/browser/, which reads what it expects from the published course);
- or it says so itself (``@pytest.mark.published``).

Every other test is watched while it is set up and run (Python's audit hooks): one that opens or lists a file
of the published course, calls ``published()``, or starts a command in the repository's own folder fails and
names what it read. So a test of the published course cannot be left out of the other course's run unseen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The browser tests: all of them read what they expect from the published course (tests/browser/course.py).
BROWSER = ROOT / "tests" / "browser"
# What tests/other_course.py changes in its copy of the repository.
READ = tuple(str(ROOT / name) for name in ("modules", "mkdocs.yml", "mkdocs.instructor.yml", "schemas"))
# The fixtures (tests/conftest.py) that give the published course or a site built from it.
FIXTURES = {
    "course",
    "course_site",
    "course_instructor_site",
    "course_other_run_site",
    "kdl_site",
    "kdl_instructor_site",
    "kdl_example_site",
    "zensical_project",
    "zensical_site",
    "zensical_instructor_site",
}
MARKER = (
    "published: reads the published course (modules/, mkdocs.yml, schemas/); the only tests "
    "`make test-other-course` runs on another course (tests/course_use.py sets and checks it)"
)

_seen: list[str] | None = None  # what the watched test or module has read so far; None: nothing is watched
_modules: dict[str, list[str]] = {}  # test module (node id) -> what it read while it was imported


def _path(value, cwd=None) -> str | None:
    """An absolute path: ``value`` relative to ``cwd`` (a command's), else to this process's working folder."""
    if not isinstance(value, (str, bytes, os.PathLike)):  # a file descriptor
        return None
    return os.path.normpath(os.path.join(os.fsdecode(cwd) if cwd is not None else os.getcwd(), os.fsdecode(value)))


def _of_the_course(path: str | None) -> bool:
    return path is not None and any(path == read or path.startswith(read + os.sep) for read in READ)


def _audit(event: str, args: tuple) -> None:
    if _seen is None:
        return
    if event in ("open", "os.listdir", "os.scandir") and args and args[0] is not None:
        path = _path(args[0])
        if path is not None and _of_the_course(path):
            _seen.append(f"{event} {os.path.relpath(path, ROOT)}")
    elif event == "subprocess.Popen":
        _, command, cwd, _ = args
        command = [command] if isinstance(command, (str, bytes, os.PathLike)) else command
        if cwd is not None and os.path.abspath(os.fsdecode(cwd)) == str(ROOT):
            _seen.append(f"ran {command!r} in {ROOT}")
        elif any(_of_the_course(_path(part, cwd)) for part in command):
            _seen.append(f"ran {command!r}")


sys.addaudithook(_audit)


def note(what: str) -> None:
    """Record a use of the published course that opens no file (``published()`` is cached)."""
    if _seen is not None:
        _seen.append(what)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", MARKER)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    global _seen
    if not isinstance(collector, pytest.Module):
        return (yield)
    _seen = []
    try:
        return (yield)
    finally:
        if _seen:
            _modules[collector.nodeid] = _seen
        _seen = None


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if (
            FIXTURES.intersection(getattr(item, "fixturenames", ()))
            or module in _modules
            or item.get_closest_marker("guide_examples")
            or item.get_closest_marker("kdl_files")
            or BROWSER in item.path.parents
        ):
            item.add_marker(pytest.mark.published)


def _watched(item, phase: str):
    """Run a phase of an unmarked test while watching what it reads; fail it if it read the published course."""
    global _seen
    if item.get_closest_marker("published"):
        return (yield)
    _seen = []
    try:
        result = yield
    finally:
        seen, _seen = _seen, None
    if seen:
        lines = "\n".join(f"  {line}" for line in dict.fromkeys(seen))
        raise pytest.fail.Exception(
            f"this test reads the published course ({phase}) but is not marked published, so "
            f"`make test-other-course` would leave it out:\n{lines}\nmark it @pytest.mark.published",
            pytrace=False,
        )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _watched(item, "while set up"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _watched(item, "while run"))
