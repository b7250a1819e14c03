"""Where the files of a curriculum live inside ``modules/``.

::

    modules/
      course.yml          the course as a whole
      messages.yml        the course's own wording of the generator's messages (optional)
      sessions/*.yml      one undated session module per file
      tools/*.yml         one tool per file
      readings/*.yml      one reading item per file
      runs/*.yml          one run (cohort) per file: dates, times, places
      evaluation/plan.yml          how the course is evaluated (optional)
      evaluation/results/*.yml     one run's evaluation results per file (optional)

A library of several courses (a portfolio) has no course.yml in ``modules/`` but::

    modules/
      library/sessions/*.yml, tools/*.yml, readings/*.yml   shared by the courses that use them
      courses/<id>/       one course, laid out as ``modules/`` above (its own sessions, tools and readings
                          beside the library's; its runs, evaluation and messages are its own)
        overrides/sessions/*.yml, tools/*.yml, readings/*.yml   the fields of a shared file this course
                          gives its own way, under the shared file's name (``validation.adapt``)

A course of a portfolio is a ``Layout`` whose ``root`` is its folder, with ``library`` and ``course_id`` set
(``portfolio.layout``); ``files`` of a shared kind are then the library's files this course uses (``used``,
which the validation fills in first) followed by the course's own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("sessions", "tools", "readings", "runs")
SHARED = ("sessions", "tools", "readings")  # the kinds of file a library holds
RESULTS = "evaluation/results"
OVERRIDES = "overrides"  # a course of a library: its own values of some fields of shared files


@dataclass(frozen=True)
class Layout:
    root: Path
    # Folders that could not be read, with the reason (e.g. "Permission denied"), as ``files`` met them.
    unreadable: dict[Path, str] = field(default_factory=dict, compare=False)
    library: Path | None = None  # the portfolio's library/ when this is one course of a portfolio
    course_id: str | None = None  # the course's id in its portfolio (its folder's name)
    # The ids of the library's files this course uses, by kind, once the validation has looked (``used``).
    used: dict[str, set[str]] = field(default_factory=dict, compare=False)

    @property
    def course_file(self) -> Path:
        return self.root / "course.yml"

    @property
    def messages_file(self) -> Path:
        return self.root / "messages.yml"

    def files(self, kind: str) -> list[Path]:
        """The YAML files of one kind, in name order (``.yml`` and ``.yaml``): in a course of a portfolio, the
        library's files of the kind that the course uses (all, before ``used`` is known), then its own."""
        own = self.folder_files(self.root / kind)
        if self.library is None or kind not in SHARED:
            return own
        shared = self.folder_files(self.library / kind)
        if kind in self.used:
            shared = [path for path in shared if path.stem in self.used[kind]]
        return shared + own

    @property
    def overrides(self) -> Path | None:
        """The folder of the course's overrides of shared files, in a course of a library."""
        return None if self.library is None else self.root / OVERRIDES

    def override_of(self, path: Path) -> Path | None:
        """The course's override file of the library file at ``path``, when it has one."""
        if self.library is None or path.parent.parent != self.library or path.parent.name not in SHARED:
            return None
        folder = self.root / OVERRIDES / path.parent.name
        for suffix in (".yml", ".yaml"):
            candidate = folder / (path.stem + suffix)
            if candidate.is_file():
                return candidate
        return None

    def folder_files(self, folder: Path) -> list[Path]:
        """The YAML files of one folder, in name order."""
        try:
            if not folder.is_dir():
                return []
            return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        except OSError as error:
            self.unreadable[folder] = error.strerror or type(error).__name__
            return []

    @property
    def evaluation_plan(self) -> Path:
        return self.root / "evaluation" / "plan.yml"

    def all_files(self) -> list[Path]:
        files = [self.course_file] if self.course_file.is_file() else []
        if self.messages_file.is_file():
            files.append(self.messages_file)
        for kind in KINDS:
            files.extend(self.files(kind))
        if self.evaluation_plan.is_file():
            files.append(self.evaluation_plan)
        files.extend(self.files(RESULTS))
        return files

    def display(self, path: Path) -> str:
        """The path as an instructor sees it: relative to the working directory when inside it."""
        absolute, cwd = os.path.abspath(path), os.getcwd()
        if absolute.startswith(cwd + os.sep):  # the common case, without touching the disk
            return Path(absolute[len(cwd) + 1 :]).as_posix()
        try:  # the same folder reached through a symbolic link
            return Path(absolute).resolve().relative_to(Path(cwd).resolve()).as_posix()
        except ValueError:
            return absolute

    def folder_display(self, kind: str) -> str:
        return self.display(self.root / kind) + "/"

    def folders(self, kind: str) -> list[Path]:
        """The folders the files of one kind come from: the library's (for a shared kind) and the course's."""
        if self.library is None or kind not in SHARED:
            return [self.root / kind]
        return [self.library / kind, self.root / kind]
