"""The participant's logbook: which prompts each session page shows, and what "Min logbog" gathers.

The logbook itself lives in the participant's browser (``content/javascripts/logbook.js``); the
engine only decides where its prompts go. By default that follows the course's structure: the
first session of a run asks for the case and one to three learning goals, every session for
"Til næste møde" (the last session: what the participant takes on after the course), a session with a
practice task for a log of it, and the last session revisits each goal. A session module's ``logbook:`` list replaces the defaults for that session.

Every prompt has the ids of the fields it stores (``fields``): the case, the goals and their review
belong to the run, the other prompts to their session. The browser keeps the texts under these ids,
so they must stay stable when a course file changes wording or order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import LogbookKind, LogbookPrompt, Tool
from .programme import Meeting, Programme, Scheduled
from .visuals.check import part_id
from .visuals.wheel import WheelVisual

GOALS = 3  # a participant sets one to three learning goals
PRACTICE_PARTS = ("tried", "with", "happened", "next")


@dataclass(frozen=True)
class Prompt:
    kind: str  # a LogbookKind value
    wording: str | None  # the session's own wording, else None (the labels' default)
    fields: tuple[str, ...]  # the ids the browser stores its texts under


def _fields(kind: LogbookKind, session_id: str, number: int) -> tuple[str, ...]:
    if kind is LogbookKind.case:
        return ("case",)
    if kind is LogbookKind.goals:
        return tuple(f"goal-{n}" for n in range(1, GOALS + 1))
    if kind is LogbookKind.review:
        return tuple(f"review-{n}{part}" for n in range(1, GOALS + 1) for part in ("", "-note"))
    if kind is LogbookKind.practice:
        return tuple(f"{session_id}:practice-{part}" for part in PRACTICE_PARTS)
    if kind is LogbookKind.question:
        return (f"{session_id}:question-{number}",)
    return (f"{session_id}:notes",)


def default_prompts(programme: Programme, item: Scheduled) -> list[LogbookPrompt]:
    """The prompts a session gets when its module has no ``logbook:`` list."""
    kinds = []
    if item.position == 1:
        kinds += [LogbookKind.case, LogbookKind.goals]
    kinds.append(LogbookKind.notes)
    if item.session.practice:
        kinds.append(LogbookKind.practice)
    if item.position == len(programme.sessions):
        kinds.append(LogbookKind.review)
    return [LogbookPrompt(kind=k) for k in kinds]


def prompts(programme: Programme, item: Scheduled) -> list[Prompt]:
    """The logbook's prompts on a session's page, in the order they are shown."""
    given = item.session.logbook
    chosen = default_prompts(programme, item) if given is None else given
    shown, questions = [], 0
    for p in chosen:
        questions += p.kind is LogbookKind.question
        shown.append(Prompt(p.kind.value, p.prompt, _fields(p.kind, item.session.id, questions)))
    return shown


@dataclass(frozen=True)
class Sheet:
    """A peer meeting's sheet: the session before it, the next session and the meetings between them."""

    item: Scheduled
    next: Scheduled
    meetings: list[Meeting]


def sheets(programme: Programme) -> list[Sheet]:
    """One sheet for each gap between two sessions in which a peer meeting lies, from the session before it.

    A gap without a meeting has no sheet (so two sessions on the same day, with no meeting between
    them, never get one), and a run without peer groups has none at all. The meetings of every group
    in the same gap share the sheet: its questions come from the same session.
    """
    found = []
    for a, b in zip(programme.sessions, programme.sessions[1:]):
        if meetings := programme.meetings_after(a):
            found.append(Sheet(a, b, meetings))
    return found


@dataclass(frozen=True)
class Wheel:
    tool: Tool
    areas: list[tuple[str, str]]  # (id, name)
    scale: int


def wheels(programme: Programme) -> list[Wheel]:
    """The run's competence wheels with a self-assessment, whose rounds "Min logbog" shows."""
    found = []
    for tool_id in programme.tool_order():
        tool = programme.curriculum.tools[tool_id]
        visual = tool.visual
        if isinstance(visual, WheelVisual) and visual.self_assessment:
            found.append(Wheel(tool, [(part_id(a), a.name) for a in visual.areas], visual.scale))
    return found
