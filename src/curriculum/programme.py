"""A run's programme: the session modules of one cohort, in order, with their dates.

The curriculum is undated; a run puts its modules on the calendar. This module
joins the two and derives what follows from the order, such as the numbering of
formats ("Workshop 1", "Workshop 2"), which no file has to state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from zoneinfo import ZoneInfo

from .models import AgendaBlock, BuddyGroup, BuddyMeeting, Run, RunSession, Session
from .problems import CurriculumError, Problem, did_you_mean
from .say import say, speaking
from .course import Curriculum

#: Formats that are counted when a run has more than one of them ("Webinar 2").


@dataclass(frozen=True)
class Scheduled:
    """One session of a run: the module, its slot in the calendar and its place in the order."""

    position: int  # 1-based place in the run
    format_number: int | None  # 2 for "Webinar 2"; None when the format is not counted
    session: Session
    slot: RunSession

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.slot.date, self.slot.start)

    @property
    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.slot.date, self.slot.end)

    def agenda(self) -> list[tuple[dt.time, dt.time, AgendaBlock]]:
        """The session's agenda on the run's clock: (from, to, block), starting at the run's start time."""
        clock = self.starts
        timed = []
        for block in self.session.agenda:
            until = clock + dt.timedelta(minutes=block.minutes)
            timed.append((clock.time(), until.time(), block))
            clock = until
        return timed


@dataclass(frozen=True)
class Meeting:
    """One fixed buddy meeting of a group, placed between the sessions ``after`` and ``before``."""

    group: BuddyGroup
    meeting: BuddyMeeting
    after: Scheduled
    before: Scheduled
    number: int  # 1-based among this group's meetings between the same two sessions

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.meeting.date, self.meeting.start)

    @property
    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.meeting.date, self.meeting.end)

    @property
    def key(self) -> str:
        """Stable within a run: the group, the session before and the number, not the date."""
        return f"{self.group.id}.after-{self.after.session.id}.{self.number}"


@dataclass(frozen=True)
class Programme:
    curriculum: Curriculum
    run: Run
    sessions: tuple[Scheduled, ...]

    def scheduled(self, session_id: str) -> Scheduled | None:
        return next((s for s in self.sessions if s.session.id == session_id), None)

    @cached_property
    def _tool_users(self) -> dict[str, list[Scheduled]]:
        """Tool id -> the sessions of the run that use it, in run order (first use first)."""
        users: dict[str, list[Scheduled]] = {}
        for item in self.sessions:
            for tool in item.session.tool_ids:
                users.setdefault(tool, []).append(item)
        return users

    def tool_order(self) -> list[str]:
        """Tool ids: first those the run uses, in order of first use, then the rest by title."""
        rest = sorted(
            (t for t in self.curriculum.tools if t not in self._tool_users),
            key=lambda t: self.curriculum.tools[t].title.casefold(),
        )
        return list(self._tool_users) + rest

    def sessions_using_tool(self, tool_id: str) -> list[Scheduled]:
        return list(self._tool_users.get(tool_id, []))

    def sessions_using_reading(self, reading_id: str) -> list[Scheduled]:
        return [s for s in self.sessions if reading_id in s.session.readings]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.run.timezone)

    def aware(self, moment: dt.datetime) -> dt.datetime:
        """A wall-clock time of this run as an aware datetime in the run's time zone."""
        return moment.replace(tzinfo=self.zone)

    def buddy_groups(self) -> list[BuddyGroup]:
        return list(self.run.buddy.groups) if self.run.buddy else []

    def meetings(self, group: BuddyGroup | None = None) -> list[Meeting]:
        """Buddy meetings (of one group, or of all) in time order, each with the sessions around it.

        Validation has made sure that every meeting lies between two sessions.
        """
        found = []
        for g in self.buddy_groups():
            if group is not None and g.id != group.id:
                continue
            counts: Counter[str] = Counter()
            for m in g.meetings:
                at = dt.datetime.combine(m.date, m.start)
                index = next(
                    i
                    for i in range(len(self.sessions) - 1)
                    if self.sessions[i].ends <= at < self.sessions[i + 1].starts
                )
                after, before = self.sessions[index], self.sessions[index + 1]
                counts[after.session.id] += 1
                found.append(Meeting(g, m, after, before, counts[after.session.id]))
        return sorted(found, key=lambda x: (x.starts, x.group.id))

    def meetings_after(self, item: Scheduled) -> list[Meeting]:
        return [m for m in self.meetings() if m.after is item]


def build_programme(curriculum: Curriculum, run_id: str) -> Programme:
    """The programme of the run ``run_id``; an unknown run is reported like any other problem."""
    run = curriculum.runs.get(run_id)
    if run is None:
        known = sorted(curriculum.runs)
        with speaking(curriculum.messages.language):
            hint = did_you_mean(run_id, known)
            message = say("report.engine.no_run", run=run_id, hint=hint, runs=", ".join(known))
            raise CurriculumError([Problem("modules/runs/", 1, 1, "", message)])
    totals = Counter(curriculum.sessions[s.module].format for s in run.sessions)
    counters: Counter[str] = Counter()
    items = []
    for position, slot in enumerate(run.sessions, start=1):
        session = curriculum.sessions[slot.module]
        number = None
        if curriculum.vocabulary.numbered(session.format) and totals[session.format] > 1:
            counters[session.format] += 1
            number = counters[session.format]
        items.append(Scheduled(position, number, session, slot))
    return Programme(curriculum, run, tuple(items))
