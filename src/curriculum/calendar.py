"""Calendar files (.ics, RFC 5545) for a run: the whole run, each session, each buddy group.

Choices, so that calendars behave well when a file is imported again:

- ``UID`` is stable and made only from ids: ``<run>.<session>@<course>`` for a session and
  ``<run>.<peer>.<group>.after-<session>.<n>@<course>`` (``<peer>``: the scheme's short name, KDL's
  ``buddy``) for the n-th meeting of a group after a
  session. Importing an updated file therefore moves an event instead of adding a second one.
- ``SEQUENCE`` is the run's ``revision`` (0 unless the run file says otherwise): raise it by one
  whenever a date, time or place changes after participants have downloaded the files.
- ``DTSTAMP`` must be a UTC time; a file without ``METHOD`` uses it as "last modified". It is
  derived from the data, never from the clock, so two builds give identical files: the run's
  ``revised`` date at 00:00 UTC, or else 1 January of the year of the run's first session.
- Times are local times with ``TZID=<the run's time zone>``, and the file carries a ``VTIMEZONE``
  built from the zoneinfo database for the years the events span. Its transitions are written
  the RFC 5545 way (onset in the local time *before* the change), so the switch to and from
  summer time falls on the right hour.
- The description holds the theme, the reflection question(s), the online link and the session
  page's address: absolute when the build knows the site's address (``site_url``), otherwise
  the page's path on the course site.

The words in the files (summary, description) come from ``templates/calendar/*.txt.j2`` and the
course's message catalogue (``curriculum.messages``); this module holds no words of any language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import hashlib
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import buildcache
from .course import storage_name
from .programme import Meeting, Programme, Scheduled
from .messages import Messages
from .templating import bytecode_cache

if TYPE_CHECKING:
    from icalendar import Timezone

# The calendar files of the builds before, by a digest of everything in them (``_Plan``): a change of the
# course that leaves every event as it was (a tool, a reading, a page's text) takes them from here, and
# icalendar (30-40 ms to import) is imported only when a file has to be written.
_KEPT = buildcache.Kept("calendars", 64)


def prodid(language: str) -> str:
    """The product identifier, ending in the calendar's language (RFC 5545: ``//DA``, ``//EN``)."""
    return f"-//curriculum//course calendar//{language.split('-')[0].upper()}"


@dataclass(frozen=True)
class Texts:
    """What the page layer gives the calendar: its words and how to name and find pages."""

    messages: Messages
    label: Callable[[Scheduled], str]  # "Workshop 1"
    page_url: Callable[[str], str]  # docs path of a page -> its address (absolute or site-relative)


@cache
def _environment() -> Environment:
    # Plain text, not HTML: the calendar file is not a web page, and icalendar escapes what it must.
    return Environment(
        loader=PackageLoader("curriculum", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache("calendar"),
    )


def _text(template: str, **context: Any) -> str:
    return _environment().get_template(f"calendar/{template}").render(**context).strip()


def _dtstamp(programme: Programme) -> dt.datetime:
    run = programme.run
    day = run.revised or dt.date(programme.sessions[0].slot.date.year, 1, 1)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def _uid_domain(programme: Programme) -> str:
    return f"{storage_name(programme.curriculum.course, programme.curriculum.course_id)}.curriculum"


def transitions(tzid: str, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]]:
    """The time zone's offset from ``first`` to ``last`` (zoneinfo): (moment in UTC, offset before, offset
    after, name after) at ``first`` (no change) and at every change of offset, to the minute."""
    zone = ZoneInfo(tzid)

    def offset(moment_utc: dt.datetime) -> dt.timedelta:
        return moment_utc.astimezone(zone).utcoffset() or dt.timedelta(0)

    def name(moment_utc: dt.datetime) -> str:
        return moment_utc.astimezone(zone).tzname() or tzid

    start = dt.datetime.combine(first, dt.time(0), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(0), tzinfo=dt.UTC)
    changes = [(start, offset(start), offset(start), name(start))]
    day = start
    while day < end:
        nxt = day + dt.timedelta(days=1)
        if offset(day) != offset(nxt):
            low, high = day, nxt  # the change happens in (low, high]; find the minute
            while high - low > dt.timedelta(minutes=1):
                mid = low + (high - low) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= low:
                    break
                if offset(mid) == offset(low):
                    low = mid
                else:
                    high = mid
            changes.append((high, offset(low), offset(high), name(high)))
        day = nxt
    return changes


def vtimezone(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from ``first`` to ``last``, one component per offset change."""
    return _vtimezone(tzid, transitions(tzid, first, last))


def _vtimezone(tzid: str, changes: list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]]) -> Timezone:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = ZoneInfo(tzid)
    tz = Timezone()
    tz.add("TZID", tzid)
    for onset_utc, before, after, tzname in changes:
        daylight = (onset_utc.astimezone(zone).dst() or dt.timedelta(0)) > dt.timedelta(0)
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        # RFC 5545 3.6.5: the onset is a local time in the offset in force *before* the change.
        part.add("DTSTART", (onset_utc + before).replace(tzinfo=None))
        part.add("TZOFFSETFROM", before)
        part.add("TZOFFSETTO", after)
        part.add("TZNAME", tzname)
        tz.add_component(part)
    return tz


_END = b"END:VCALENDAR\r\n"

Transition = tuple[dt.datetime, dt.timedelta, dt.timedelta, str]


class _Event(NamedTuple):
    """One event as it goes into the files: plain values, written by ``icalendar`` (``_write``)."""

    uid: str
    stamp: dt.datetime
    sequence: int
    starts: dt.datetime  # aware, in the run's time zone
    ends: dt.datetime
    summary: str
    location: str
    description: str
    url: str | None


@dataclass(frozen=True)
class _Plan:
    """Everything in a run's calendar files: the same plan makes the same files (``digest``)."""

    prodid: str
    tzid: str
    transitions: list[Transition]  # the VTIMEZONE (``transitions``)
    events: list[_Event]
    files: list[tuple[str, str, list[int]]]  # (path, the calendar's name, its events by index in ``events``)

    def digest(self) -> bytes:
        return hashlib.sha256(repr(self).encode("utf-8")).digest()


def _write(plan: _Plan) -> dict[str, bytes]:
    """The calendar files of ``plan``, written by icalendar. Each event and the time zone are serialised
    once and shared by the run's calendar and the session's own, which keeps a run of many sessions fast."""
    from icalendar import Calendar, Event

    timezone = _vtimezone(plan.tzid, plan.transitions).to_ical()
    events = []
    for item in plan.events:
        event = Event()
        event.add("UID", item.uid)
        event.add("DTSTAMP", item.stamp)
        event.add("SEQUENCE", item.sequence)
        event.add("DTSTART", item.starts)
        event.add("DTEND", item.ends)
        event.add("SUMMARY", item.summary)
        event.add("LOCATION", item.location)
        event.add("DESCRIPTION", item.description)
        if item.url:
            event.add("URL", item.url)
        events.append(event.to_ical())
    files = {}
    for path, name, indexes in plan.files:
        # a VCALENDAR of already serialised components: the time zone first, then the events
        cal = Calendar()
        cal.add("PRODID", plan.prodid)
        cal.add("VERSION", "2.0")
        cal.add("CALSCALE", "GREGORIAN")
        cal.add("X-WR-CALNAME", name)
        cal.add("X-WR-TIMEZONE", plan.tzid)
        head = cal.to_ical()
        assert head.endswith(_END)
        files[path] = head[: -len(_END)] + timezone + b"".join(events[i] for i in indexes) + _END
    return files


def _event(
    programme: Programme,
    uid: str,
    summary: str,
    starts: dt.datetime,
    ends: dt.datetime,
    location: str,
    description: str,
    url: str | None,
) -> _Event:
    return _Event(
        f"{uid}@{_uid_domain(programme)}",
        _dtstamp(programme),
        programme.run.revision,
        programme.aware(starts),
        programme.aware(ends),
        summary,
        location,
        description,
        url or None,
    )


def _location(messages: Messages, place: str | None, online: bool, link: str | None, agreed: bool = False) -> str:
    """Where an event is; a peer meeting with neither place nor ``online: true`` (``agreed``) says that
    the group agrees on the place, never "online"."""
    parts = []
    if online:
        parts.append(link or messages("calendar.online"))
    if place:
        parts.append(place)
    if not parts and agreed:
        parts.append(messages("calendar.place_agreed"))
    return ", ".join(parts)


def _session_event(programme: Programme, item: Scheduled, texts: Texts, page: str) -> _Event:
    url = texts.page_url(page)
    context = dict(
        item=item,
        session=item.session,
        slot=item.slot,
        run=programme.run,
        course=programme.curriculum.course,
        _=texts.messages,
        label=texts.label(item),
        url=url,
    )
    return _event(
        programme,
        f"{programme.run.id}.{item.session.id}",
        _text("summary.txt.j2", **context),
        item.starts,
        item.ends,
        _location(texts.messages, item.slot.place, item.slot.online, item.slot.link),
        _text("session.txt.j2", **context),
        url if "://" in url else None,
    )


def _meeting_event(programme: Programme, meeting: Meeting, texts: Texts, page: str, scheme: str) -> _Event:
    url = texts.page_url(page)
    context = dict(
        meeting=meeting,
        group=meeting.group,
        after=meeting.after,
        before=meeting.before,
        after_label=texts.label(meeting.after),
        before_label=texts.label(meeting.before),
        run=programme.run,
        course=programme.curriculum.course,
        _=texts.messages,
        url=url,
    )
    m = meeting.meeting
    return _event(
        programme,
        f"{programme.run.id}.{scheme}.{meeting.key}",
        _text("buddy_summary.txt.j2", **context),
        meeting.starts,
        meeting.ends,
        _location(texts.messages, m.place, m.online, m.link, agreed=True),
        _text("buddy.txt.j2", **context),
        url if "://" in url else None,
    )


def build_calendars(programme: Programme, texts: Texts, paths: Any, buddy_page: str) -> dict[str, bytes]:
    """Every calendar file of the run, by path: the whole run, each session, each buddy group.
    ``paths`` names the pages and calendar files (``pages.Paths``). Files with exactly these events were
    written by an earlier build when they are kept (``_KEPT``); else icalendar writes them."""
    plan = _plan(programme, texts, paths, buddy_page)
    made_from = plan.digest()
    kept = _KEPT.get(made_from)
    if isinstance(kept, dict):
        return kept
    files = _write(plan)
    _KEPT.put(made_from, files)
    return files


def _plan(programme: Programme, texts: Texts, paths: Any, buddy_page: str) -> _Plan:
    run, course = programme.run, programme.curriculum.course
    meetings_by_group = [(g, programme.meetings(g)) for g in programme.buddy_groups()]
    days = [s.slot.date for s in programme.sessions] + [m.meeting.date for _, ms in meetings_by_group for m in ms]
    # every change of offset from the day before the first date to two days after the last (a calendar
    # may hold more observances than its events need)
    changes = transitions(run.timezone, min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=2))
    events: list[_Event] = []
    files: list[tuple[str, str, list[int]]] = []
    for item in programme.sessions:
        files.append(
            (
                paths.session_calendar(run.id, item.session.id),
                f"{course.short_name}: {texts.label(item)}",
                [len(events)],
            )
        )
        events.append(_session_event(programme, item, texts, paths.session_page(item.session.id)))
    files.append((paths.run_calendar(run.id), f"{course.short_name}: {run.name}", list(range(len(events)))))
    for group, meetings in meetings_by_group:
        if not meetings:
            continue
        name = (
            f"{course.short_name}: {texts.messages('calendar.buddy_calendar')} ({texts.messages.names(group.members)})"
        )
        files.append(
            (paths.buddy_calendar(run.id, group.id), name, list(range(len(events), len(events) + len(meetings))))
        )
        events.extend(_meeting_event(programme, m, texts, buddy_page, paths.peer) for m in meetings)
    return _Plan(prodid(programme.curriculum.messages.language), run.timezone, changes, events, files)
