"""``curriculum check``: warnings about the content, beside the hard errors of validation.

A warning is something the site can be built with but that an instructor probably wants
to fix: a session without a reflection question or without readings, a session no run
includes, a tool no session of any run uses, a reading no session or tool lists or that
says neither where it was published nor where to find it, a run with more than three
months between two sessions, a reading listed in more than one session, a logbook that asks
for a log of a practice task the session does not have, a peer group with only one member, a course
without a contact address, an override of a library file the course does not use, a session a run has before what it builds on (its ``builds_on:``: a session
earlier in the run, or a tool an earlier session uses; what a session of a library takes for granted from
the course it was first written for), and a text that says again what a tool's picture shows beside it (a
tool's description or origin note, its picture's note or a session's content item with the tool naming
three or more of the picture's phases, lanes, parts, ...: the page would say them twice or three times).

Warnings are reported like problems (``file:line:column: field: warning: what to do``),
at the line and column of the value, from the positions the loader kept. Every text of every file is also
looked at for a word processor's or a web page's habits the site does not obey: typographic quotes around a
text (read as quotes), HTML tags and Markdown headings (shown as typed). They are only
looked for once the files have no problems: ``check`` needs a validated ``Curriculum``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import PurePosixPath
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import colours
from .loader import Document
from .models import VisualPart
from .problems import Path, Problem, format_path
from .course import Curriculum
from .say import say, speaking
from .sources import OVERRIDES

GAP_MONTHS = 3
MESSAGES = {"typographic": "report.lint.typographic", "html": "report.lint.html", "heading": "report.lint.heading"}
# An HTML tag as pasted from a web page or Word: <b>, </b>, <br/>, <p class="x">.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A Markdown heading: a line starting with one to six '#' and a space.
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+\S.*$", re.M)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the last day of the month when that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _warn(doc: Document, path: Path, key: str, /, **facts: Any) -> Problem:
    """The warning ``key`` of the catalogues (``report.lint``) at ``path``, marked as a warning."""
    return doc.problem(path, say("report.lint.prefix") + say(key, **facts))


def check(curriculum: Curriculum) -> list[Problem]:
    """Every warning about ``curriculum``, in file, line and column order, in the course's language."""
    with speaking(curriculum.messages.language):
        return _check(curriculum)


def _check(curriculum: Curriculum) -> list[Problem]:
    docs = curriculum.documents
    warnings: list[Problem] = []

    scheduled: dict[str, list[str]] = defaultdict(list)  # session id -> the runs that include it
    for rid, run in curriculum.runs.items():
        for entry in run.sessions:
            scheduled[entry.module].append(rid)

    for sid, session in curriculum.sessions.items():
        doc = docs[("sessions", sid)]
        if not session.questions:
            warnings.append(
                _warn(
                    doc,
                    ("questions",),
                    "report.lint.no_question",
                )
            )
        if not session.readings:
            warnings.append(
                _warn(
                    doc,
                    ("readings",),
                    "report.lint.no_readings",
                )
            )
        kinds = [prompt.kind.value for prompt in session.logbook or []]
        if "practice" in kinds and not session.practice:
            warnings.append(
                _warn(
                    doc,
                    ("logbook", kinds.index("practice"), "kind"),
                    "report.lint.practice_missing",
                )
            )
        if sid not in scheduled:
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    "report.lint.unscheduled_session",
                    sid=sid,
                )
            )

    warnings.extend(_no_language(curriculum))
    course_doc = docs.get(("course", ""))
    if course_doc is not None and curriculum.course.contact is None:
        warnings.append(
            _warn(
                course_doc,
                ("contact",),
                "report.lint.no_contact",
            )
        )
    if course_doc is not None:
        warnings += _colour_adjusted(curriculum, course_doc)
    warnings += _unused_tools(curriculum, scheduled)
    warnings += _readings(curriculum)
    warnings += _gaps(curriculum)
    warnings += _far_away(curriculum)
    warnings += _repeated_readings(curriculum)
    warnings += _lonely_groups(curriculum)
    warnings += said_beside_the_picture(curriculum)
    warnings += _builds_on(curriculum)
    warnings += [
        Problem(file, 1, 1, "", say("report.lint.prefix") + say("report.lint.idle_override"))
        for file in curriculum.idle_overrides
    ]
    for doc in docs.values():
        warnings += _typed_as_is(doc)
    return sorted(set(warnings))


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text in a file's data, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _typed_as_is(doc: Document) -> list[Problem]:
    """Habits of a word processor or a web page that the site does not obey: a text in typographic quotes
    (the loader read them as quotes), HTML tags and Markdown headings (shown as typed)."""
    warnings = [_warn(doc, path, MESSAGES["typographic"], quotes=quotes) for path, quotes in doc.typographic.items()]
    for path, text in _texts(doc.data, ()):
        found = [("html", m.start(), {"tag": m.group()}) for m in _HTML_TAG.finditer(text)][:1]
        found += [("heading", m.start(), {"line": m.group().strip()}) for m in _HEADING.finditer(text)][:1]
        for key, offset, facts in found:
            line, column = doc.inside(path, text, offset)
            message = say("report.lint.prefix") + say(MESSAGES[key], **facts)
            warnings.append(Problem(doc.file_at(path), line, column, format_path(path), message))
    return warnings


def _lonely_groups(curriculum: Curriculum) -> list[Problem]:
    """A peer group of one member has no one to meet: allowed, but probably not meant."""
    warnings = []
    for rid, run in curriculum.runs.items():
        if run.buddy is None:
            continue
        for g, group in enumerate(run.buddy.groups):
            if len(group.members) == 1:
                warnings.append(
                    _warn(
                        curriculum.documents[("runs", rid)],
                        ("buddy", "groups", g, "members"),
                        "report.lint.lonely_group",
                        group=group.id,
                    )
                )
    return warnings


#: A text beside a picture says the picture again when it names this many parts of one of its lists.
SAID_AGAIN = 3


def picture_lists(visual: Any) -> list[list[str]]:
    """The names of each list of named parts of a picture (a journey's phases, lanes and considerations, a
    radar's sectors and rings, ...), whatever its kind: every field that holds a list of ``VisualPart``."""
    lists = []
    for field in type(visual).model_fields:
        value = getattr(visual, field)
        if isinstance(value, list) and value and all(isinstance(part, VisualPart) for part in value):
            lists.append([part.name for part in value])
    return lists


def said_again(text: str, visual: Any) -> list[str]:
    """The parts of ``visual`` that ``text`` names when it names ``SAID_AGAIN`` or more of one of its lists
    (case aside, as whole words); else nothing."""
    lowered = text.casefold()
    for names in picture_lists(visual):
        named = [name for name in names if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", lowered)]
        if len(named) >= SAID_AGAIN:
            return named
    return []


def said_beside_the_picture(curriculum: Curriculum) -> list[Problem]:
    """A tool's description and origin note, its picture's note, and a session's content item that shows the
    tool's picture (folded under it), each naming the picture's parts: the page says them again beside it."""
    texts: list[tuple[Document, Path, str, Any]] = []
    for tid, tool in curriculum.tools.items():
        if tool.visual is not None:
            doc = curriculum.documents[("tools", tid)]
            texts += [(doc, ("description",), tool.description or "", tool.visual)]
            texts += [(doc, ("visual", "note"), tool.visual.note or "", tool.visual)]
            texts += [(doc, ("origin", "note"), tool.origin.note or "", tool.visual)]
    for sid, session in curriculum.sessions.items():
        for index, item in enumerate(session.content):
            shown = curriculum.tools.get(item.tool or "")
            if shown is not None and shown.visual is not None and item.description:
                doc = curriculum.documents[("sessions", sid)]
                texts.append((doc, ("content", index, "description"), item.description, shown.visual))
    warnings = []
    for doc, path, text, visual in texts:
        named = said_again(text, visual)
        if named:
            warnings.append(_warn(doc, path, "report.lint.said_beside_picture", names=", ".join(named)))
    return warnings


def _builds_on(curriculum: Curriculum) -> list[Problem]:
    """A session of a run that builds on a session the run does not have before it, or on a tool no session
    before it uses: at the session's line in the run's file, which is the course's own."""
    warnings = []
    for rid, run in curriculum.runs.items():
        before: set[str] = set()  # the sessions before, and the tools they use
        for i, entry in enumerate(run.sessions):
            session = curriculum.sessions[entry.module]
            for need in session.builds_on:
                if need not in before:
                    key = _what_is_missing(curriculum, need)
                    fix = _builds_on_fix(curriculum, entry.module)
                    where = ("sessions", i, "module")
                    doc = curriculum.documents[("runs", rid)]
                    warnings.append(_warn(doc, where, key, session=entry.module, need=need, fix=fix))
            before |= {entry.module, *session.tool_ids}
    return warnings


def _what_is_missing(curriculum: Curriculum, need: str) -> str:
    if need in curriculum.sessions:
        return "report.lint.builds_on_session"
    return "report.lint.builds_on_tool" if need in curriculum.tools else "report.lint.builds_on_missing"


def _builds_on_fix(curriculum: Curriculum, sid: str) -> str:
    """What else to do: adapt a session of the library for the course, or change the course's own session."""
    course = PurePosixPath(curriculum.documents[("course", "")].file).parent
    session = PurePosixPath(curriculum.documents[("sessions", sid)].file)
    if curriculum.course_id is None or session.is_relative_to(course):
        return say("report.lint.builds_on_remove")
    return say("report.lint.builds_on_adapt", file=str(course / OVERRIDES / "sessions" / session.name))


def _colour_adjusted(curriculum: Curriculum, doc: Document) -> list[Problem]:
    """The course's colour as written is too light for white text and links on white: the site shows a darker
    one (``colours.palette``), which the instructor who chose it should know, with what to write to get it."""
    if not isinstance(doc.data, dict) or "colour" not in doc.data:
        return []
    written = curriculum.course.colour
    shown = colours.hex_of(colours.palette(written).primary)
    if shown == colours.hex_of(colours.parse(written)):
        return []
    return [_warn(doc, ("colour",), "report.lint.colour_darkened", colour=written, shown=shown)]


def _unused_tools(curriculum: Curriculum, scheduled: dict[str, list[str]]) -> list[Problem]:
    users: dict[str, list[str]] = defaultdict(list)  # tool id -> the sessions that use it
    for sid, session in curriculum.sessions.items():
        for tool in session.tool_ids:
            users[tool].append(sid)
    warnings = []
    for tid in curriculum.tools:
        doc = curriculum.documents[("tools", tid)]
        if not users[tid]:
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    "report.lint.unused_tool",
                )
            )
        elif not any(sid in scheduled for sid in users[tid]):
            names = ", ".join(repr(sid) for sid in users[tid])
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    "report.lint.tool_unscheduled",
                    names=names,
                )
            )
    return warnings


def _readings(curriculum: Curriculum) -> list[Problem]:
    listed = {rid for session in curriculum.sessions.values() for rid in session.readings}
    listed |= {rid for tool in curriculum.tools.values() for rid in tool.readings}
    warnings = []
    for rid, reading in curriculum.readings.items():
        doc = curriculum.documents[("readings", rid)]
        if rid not in listed:
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    "report.lint.unlisted_reading",
                )
            )
        if reading.minutes is None:
            warnings.append(
                _warn(
                    doc,
                    ("minutes",),
                    "report.lint.no_minutes",
                )
            )
        if not reading.source and not reading.url:
            warnings.append(
                _warn(
                    doc,
                    ("source",),
                    "report.lint.no_source",
                )
            )
    return warnings


def _gaps(curriculum: Curriculum) -> list[Problem]:
    warnings = []
    for rid, run in curriculum.runs.items():
        doc = curriculum.documents[("runs", rid)]
        for i in range(1, len(run.sessions)):
            before, after = run.sessions[i - 1].date, run.sessions[i].date
            if after > add_months(before, GAP_MONTHS):
                warnings.append(
                    _warn(
                        doc,
                        ("sessions", i, "date"),
                        "report.lint.gap",
                        after=after,
                        days=(after - before).days,
                        previous=i - 1,
                        before=before,
                        months=GAP_MONTHS,
                    )
                )
    return warnings


def _far_away(curriculum: Curriculum) -> list[Problem]:
    """A session or buddy meeting more than a year from every other date of its run: a year typed wrong."""
    warnings = []
    for rid, run in curriculum.runs.items():
        doc = curriculum.documents[("runs", rid)]
        dates: list[tuple[tuple, dt.date]] = [(("sessions", i, "date"), s.date) for i, s in enumerate(run.sessions)]
        for g, group in enumerate(run.buddy.groups if run.buddy else []):
            dates += [
                (("buddy", "groups", g, "meetings", m, "date"), meeting.date)
                for m, meeting in enumerate(group.meetings)
            ]
        if len(dates) < 2:
            continue
        for path, day in dates:
            nearest = min(abs((day - other).days) for other_path, other in dates if other_path != path)
            if nearest > 365:
                key = "report.lint.far_away_session" if path[0] == "sessions" else "report.lint.far_away_meeting"
                warnings.append(
                    _warn(
                        doc,
                        path,
                        key,
                        day=day,
                        nearest=nearest,
                    )
                )
    return warnings


def _repeated_readings(curriculum: Curriculum) -> list[Problem]:
    places: dict[str, list[tuple[str, int]]] = defaultdict(list)  # reading id -> (session id, index)
    for sid, session in curriculum.sessions.items():
        for i, rid in enumerate(session.readings):
            places[rid].append((sid, i))
    warnings = []
    for rid, where in places.items():
        for sid, i in where:
            doc = curriculum.documents[("sessions", sid)]
            twice = [j for other, j in where if other == sid and j != i]
            others = sorted({other for other, _ in where if other != sid})
            if twice:
                warnings.append(
                    _warn(
                        doc,
                        ("readings", i),
                        "report.lint.reading_twice",
                        rid=rid,
                        first=twice[0],
                    )
                )
            if others:
                names = ", ".join(repr(o) for o in others)
                warnings.append(
                    _warn(
                        doc,
                        ("readings", i),
                        "report.lint.reading_elsewhere",
                        rid=rid,
                        count=len(others),
                        names=names,
                    )
                )
    return warnings


def summary(warnings: list[Problem], strict: bool) -> str:
    return say("report.lint.summary_strict" if strict else "report.lint.summary", count=len(warnings))


def _no_language(curriculum: Curriculum) -> list[Problem]:
    """A course.yml without ``language:``: which language was assumed (its words, its formats' defaults), at
    the start of the file, where the field belongs."""
    doc = curriculum.documents.get(("course", ""))
    if doc is None or not isinstance(doc.data, dict) or "language" in doc.data:
        return []
    code = curriculum.messages.language
    name = curriculum.messages.language_name(code)
    return [_warn(doc, ("language",), "report.files.no_language", language=name, code=code)]
