"""A course of a portfolio and the other courses of its library: which courses use each library file it uses
(``shared_with``, for the shared tools' pages) and its problems in library files, each naming those courses
(``noted``). Which library files a course uses is ``usage``'s (``used``), found before the files are validated:
a course is validated with the library's files it uses and no others, so a shared file is checked against the
words of each course that uses it, and a file no course uses concerns none of them (``curriculum check``
names it).
"""

from __future__ import annotations

import dataclasses

from ..problems import Problem
from ..say import say
from ..sources import SHARED, Layout
from ..usage import others, title, used

__all__ = ["noted", "shared_with", "used"]


def _mine(layout: Layout) -> set[tuple[str, str]]:
    return {(kind, item) for kind, items in layout.used.items() for item in items}


def shared_with(layout: Layout) -> dict[tuple[str, str], tuple[str, ...]]:
    """For each library file the course of ``layout`` uses, the titles of the other courses of the library
    that use it too (as their files are written: another course's problems are its own)."""
    assert layout.library is not None
    found: dict[tuple[str, str], list[str]] = {}
    for course, uses in others(layout).items():
        if uses & _mine(layout):
            named = title(layout.root.parent / course)
            for key in uses & _mine(layout):
                found.setdefault(key, []).append(named)
    return {key: tuple(sorted(titles, key=str.casefold)) for key, titles in found.items()}


def noted(layout: Layout, problems: list[Problem]) -> list[Problem]:
    """The problems of one course, each in a library file saying so and naming every course that uses the
    file (this one among them): a change there changes them all."""
    assert layout.library is not None
    files = {
        layout.display(path): (kind, path.stem)
        for kind in SHARED
        for path in layout.folder_files(layout.library / kind)
    }
    if not any(problem.file in files for problem in problems):
        return problems
    users = {**others(layout), str(layout.course_id): _mine(layout)}
    out = []
    for problem in problems:
        if problem.file in files:
            courses = sorted(course for course, uses in users.items() if files[problem.file] in uses)
            note = say("report.portfolio.used_by", count=len(courses), courses=", ".join(courses))
            problem = dataclasses.replace(problem, message=problem.message + note)
        out.append(problem)
    return out
