"""The timetable of each run: its sessions and buddy meetings in time, place and order.

Each session of a run once, in the order they take place, without overlap, with a place or online; each
session's agenda fits its time; each start and end exists once in the run's time zone; each buddy group's
meetings come in order and lie between two sessions.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ..loader import Document
from ..models import BuddyGroup, BuddyMeeting, Run, RunSession, Session
from ..say import say
from .files import Checker, Kind


Slot = tuple[dt.datetime, dt.datetime]  # when something begins and ends


def check_runs(check: Checker, runs: Kind[Run], sessions: Kind[Session]) -> None:
    for rid, run in runs.models.items():
        doc = runs.docs[rid]
        check_sessions(check, doc, run)
        check_agendas(check, doc, run, sessions)
        check_buddy(check, doc, run)


def check_sessions(check: Checker, doc: Document, run: Run) -> None:
    """Each session once, at times that exist, at a place, in order and without overlap."""
    scheduled: dict[str, int] = {}
    previous: tuple[int, dt.datetime, dt.datetime] | None = None
    for i, entry in enumerate(run.sessions):
        path = ("sessions", i)
        if entry.module in scheduled:
            message = say("report.timetable.session_twice", module=entry.module, first=scheduled[entry.module])
            check.report(doc, path + ("module",), message)
        scheduled.setdefault(entry.module, i)
        check_local_times(check, doc, path, entry, run.timezone)
        if not check_slot(check, doc, path, entry):
            continue
        begins = dt.datetime.combine(entry.date, entry.start)
        if previous is not None:
            _check_order(check, doc, path, entry, previous)
        previous = (i, begins, dt.datetime.combine(entry.date, entry.end))


def _check_order(
    check: Checker, doc: Document, path: tuple, entry: RunSession, previous: tuple[int, dt.datetime, dt.datetime]
) -> None:
    """A session after the one before it, and not before that one ends."""
    index, previous_begins, previous_ends = previous
    begins = dt.datetime.combine(entry.date, entry.start)
    if begins < previous_begins:
        message = say(
            "report.timetable.session_out_of_order", begins=begins, previous=index, previous_begins=previous_begins
        )
        check.report(doc, path + ("date",), message)
    elif begins < previous_ends:
        message = say(
            "report.timetable.sessions_overlap",
            start=entry.start,
            date=entry.date,
            previous=index,
            previous_ends=previous_ends,
        )
        check.report(doc, path + ("start",), message)


def check_slot(check: Checker, doc: Document, path: tuple, slot: RunSession | BuddyMeeting) -> bool:
    """Time and place of a session or meeting; False when its times are unusable for further checks."""
    session = isinstance(slot, RunSession)
    if slot.end <= slot.start:
        key = "report.timetable.session_ends_before_start" if session else "report.timetable.meeting_ends_before_start"
        check.report(doc, path + ("end",), say(key, start=slot.start, end=slot.end))
        return False
    # a meeting with neither is fine: its group agrees on the place, and the pages say so
    if not slot.place and not slot.online and session:
        check.report(doc, path, say("report.timetable.no_place"))
    if slot.link and not slot.online:
        key = "report.timetable.session_link_offline" if session else "report.timetable.meeting_link_offline"
        check.report(doc, path + ("link",), say(key))
    return True


def check_local_times(
    check: Checker, doc: Document, path: tuple, slot: RunSession | BuddyMeeting, zone_name: str
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
        # skipped: the wall clock jumps over it
        key = "report.timetable.skipped_time" if back != moment else "report.timetable.repeated_time"
        check.report(doc, path + (field_name,), say(key, clock=clock, date=slot.date, zone=zone_name))


def check_agendas(check: Checker, doc: Document, run: Run, sessions: Kind[Session]) -> None:
    """Each session's agenda must fit between this run's start and end time."""
    for i, entry in enumerate(run.sessions):
        session = sessions.models.get(entry.module)
        if session is None or not session.agenda or entry.end <= entry.start:
            continue
        begins = dt.datetime.combine(entry.date, entry.start)
        available = int((dt.datetime.combine(entry.date, entry.end) - begins).total_seconds() // 60)
        needed = session.agenda_minutes
        if needed > available:
            message = say(
                "report.timetable.agenda_too_long",
                module=entry.module,
                run=run.id,
                needed=needed,
                start=entry.start,
                end=entry.end,
                available=available,
                overrun=needed - available,
                late=(begins + dt.timedelta(minutes=needed)).time(),
                file=sessions.docs[entry.module].file,
            )
            check.report(doc, ("sessions", i, "end"), message)


def check_buddy(check: Checker, doc: Document, run: Run) -> None:
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
            check.report(
                doc, path + ("id",), say("report.timetable.group_twice", id=group.id, number=seen[group.id] + 1)
            )
        seen.setdefault(group.id, g)
        _check_meetings(check, doc, run, path, group, slots if timetable_ok else None)


def _check_meetings(
    check: Checker, doc: Document, run: Run, path: tuple, group: BuddyGroup, slots: list[Slot] | None
) -> None:
    """One group's meetings: in order, and each between two sessions (``slots``, when the sessions' own
    times are in order; else their own problems come first)."""
    previous: tuple[int, dt.datetime] | None = None
    for m, meeting in enumerate(group.meetings):
        where = path + ("meetings", m)
        starts = dt.datetime.combine(meeting.date, meeting.start)
        check_local_times(check, doc, where, meeting, run.timezone)
        if not check_slot(check, doc, where, meeting):
            continue
        if previous is not None and starts < previous[1]:
            message = say("report.timetable.meeting_out_of_order", when=starts, previous=previous[0])
            check.report(doc, where + ("date",), message)
        previous = (m, starts)
        if slots is not None:
            _check_between_sessions(check, doc, run, where, meeting, slots)


def _check_between_sessions(
    check: Checker, doc: Document, run: Run, where: tuple, meeting: BuddyMeeting, slots: list[Slot]
) -> None:
    starts = dt.datetime.combine(meeting.date, meeting.start)
    ends = dt.datetime.combine(meeting.date, meeting.end)
    first_end, last_start = slots[0][1], slots[-1][0]
    if starts < first_end:
        check.report(
            doc, where + ("date",), say("report.timetable.meeting_before_first", when=starts, first_end=first_end)
        )
        return
    if ends > last_start:
        check.report(
            doc, where + ("date",), say("report.timetable.meeting_after_last", when=starts, last_start=last_start)
        )
        return
    overlapped = next((k for k, (s_start, s_end) in enumerate(slots) if starts < s_end and ends > s_start), None)
    if overlapped is not None:
        session_start, session_end = slots[overlapped]
        message = say(
            "report.timetable.meeting_overlaps",
            when=starts,
            end=meeting.end,
            index=overlapped,
            module=run.sessions[overlapped].module,
            session_start=session_start,
            session_end=session_end,
        )
        check.report(doc, where + ("start",), message)
