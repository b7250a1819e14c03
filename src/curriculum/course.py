"""The validated course as a whole: ``Curriculum``, beside the models of its files.

``curriculum.validation.load_curriculum`` makes it from the files of ``modules/``; everything after
validation (programme, pages, calendars, ``curriculum check``, the front ends) reads it. It checks nothing
itself: by the time one exists, every file and every reference between them has been checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .loader import Document
from .messages import Messages
from .models import Course, EvaluationPlan, Reading, Results, Run, Session, Tool
from .concepts import with_concepts
from .vocabulary import Vocabulary, resolve


@dataclass(frozen=True)
class Curriculum:
    """Every module of a course, validated; ``runs`` hold the dated cohorts."""

    course: Course
    sessions: dict[str, Session]
    tools: dict[str, Tool]
    readings: dict[str, Reading]
    runs: dict[str, Run]
    evaluation: EvaluationPlan | None = None  # modules/evaluation/plan.yml
    results: dict[str, Results] = field(default_factory=dict)  # modules/evaluation/results/, by id
    # The course's words: the generator's messages in its language (with modules/messages.yml) and its
    # vocabulary of formats, agenda kinds and reading kinds.
    messages: Messages = field(
        default_factory=lambda: Messages(overrides=with_concepts("da", {})), repr=False, compare=False
    )
    vocabulary: Vocabulary = field(default_factory=lambda: resolve("da", None), repr=False, compare=False)
    # The course's id in a library of several courses (its folder in courses/), None for a folder of one
    # course: the calendars' UIDs and the browser's storage keys include it, unique across the courses.
    course_id: str | None = None
    # The other courses of the library that use a shared file, by (folder, id): their titles, in name order.
    shared_with: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    # Where each value stands in its file, by (folder, id), e.g. ("sessions", "kick-off"); the course
    # is ("course", ""). For later checks that point at a line, such as `curriculum check`.
    documents: dict[tuple[str, str], Document] = field(default_factory=dict, repr=False, compare=False)
    # The course's overrides of files of the library that it does not use, as shown (``validation.adapt``):
    # `curriculum check` says that they change nothing.
    idle_overrides: tuple[str, ...] = field(default=(), repr=False, compare=False)


def storage_name(course: Course, course_id: str | None = None) -> str:
    """The course's name in browser storage keys and calendar UIDs: its id in a library of courses (unique
    there by construction), else its short name's letters and digits."""
    if course_id is not None:
        return course_id
    return "".join(ch for ch in course.short_name.lower() if ch.isalnum()) or "course"
