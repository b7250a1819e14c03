"""``curriculum check``: warnings about the content, beside the hard errors of validation.

A warning is something the site can be built with but that an instructor probably wants
to fix: a session without a reflection question or without readings, a session no run
includes, a tool no session of any run uses, a reading no session or tool lists or that
says neither where it was published nor where to find it, a run with more than three
months between two sessions, a reading listed in more than one session, a logbook that asks
for a log of a practice task the session does not have, a peer group with only one member, and a course
without a contact address.

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
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .loader import Document
from .problems import Path, Problem, format_path
from .course import Curriculum
from .say import say

GAP_MONTHS = 3
MESSAGES = {
    "typographic": (
        "the text is wrapped in the typographic quotes {quotes} (as Word writes them); they were read as quotes "
        'and the site leaves them out, but write straight quotes "..." or none, so that the file says what the '
        "site shows"
    ),
    "html": (
        "the text holds the HTML tag {tag}, which the site shows as typed, not as formatting; remove it (write "
        "*word* for emphasis and **word** for bold)"
    ),
    "heading": (
        "the line {line!r} starts with '#', which the site shows as typed, not as a heading; remove the '#' "
        "signs (a field's text has no headings)"
    ),
}
# An HTML tag as pasted from a web page or Word: <b>, </b>, <br/>, <p class="x">.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A Markdown heading: a line starting with one to six '#' and a space.
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+\S.*$", re.M)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the last day of the month when that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _warn(doc: Document, path: Path, message: str) -> Problem:
    return doc.problem(path, say("report.lint.prefix") + message)


def check(curriculum: Curriculum) -> list[Problem]:
    """Every warning about ``curriculum``, in file, line and column order."""
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
                    (
                        "the session has no reflection question; add at least one under 'questions:' (the site shows it "
                        "on the session's page and the front page)"
                    ),
                )
            )
        if not session.readings:
            warnings.append(
                _warn(
                    doc,
                    ("readings",),
                    ("the session lists no readings; add the id of a file in modules/readings/ under 'readings:'"),
                )
            )
        kinds = [prompt.kind.value for prompt in session.logbook or []]
        if "practice" in kinds and not session.practice:
            warnings.append(
                _warn(
                    doc,
                    ("logbook", kinds.index("practice"), "kind"),
                    (
                        "the logbook asks for a log of the practice task, but the session has none; add 'practice:' "
                        "or remove this prompt"
                    ),
                )
            )
        if sid not in scheduled:
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    (
                        f"no run includes this session, so no site shows it; add '- module: {sid}' with its date and "
                        "time to the sessions of a file in modules/runs/, or delete this file"
                    ),
                )
            )

    warnings.extend(_no_language(curriculum))
    course_doc = docs.get(("course", ""))
    if course_doc is not None and curriculum.course.contact is None:
        warnings.append(
            _warn(
                course_doc,
                ("contact",),
                (
                    "the course has no contact address; add 'contact: name@example.dk' (every page's footer shows it, "
                    "and the accessibility statement asks readers to write to it)"
                ),
            )
        )
    warnings += _unused_tools(curriculum, scheduled)
    warnings += _readings(curriculum)
    warnings += _gaps(curriculum)
    warnings += _far_away(curriculum)
    warnings += _repeated_readings(curriculum)
    warnings += _lonely_groups(curriculum)
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
    warnings = [
        _warn(doc, path, MESSAGES["typographic"].format(quotes=quotes)) for path, quotes in doc.typographic.items()
    ]
    for path, text in _texts(doc.data, ()):
        found = [("html", m.start(), {"tag": m.group()}) for m in _HTML_TAG.finditer(text)][:1]
        found += [("heading", m.start(), {"line": m.group().strip()}) for m in _HEADING.finditer(text)][:1]
        for key, offset, facts in found:
            line, column = doc.inside(path, text, offset)
            warnings.append(
                Problem(
                    doc.file, line, column, format_path(path), say("report.lint.prefix") + MESSAGES[key].format(**facts)
                )
            )
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
                        (
                            f"the group {group.id!r} has one member; add the others it meets with under 'members:', "
                            "or join it with another group"
                        ),
                    )
                )
    return warnings


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
                    (
                        "no session uses this tool, so no session page shows it; name it under 'tools:' or as a "
                        "content item's 'tool:' in a session, or delete this file"
                    ),
                )
            )
        elif not any(sid in scheduled for sid in users[tid]):
            names = ", ".join(repr(sid) for sid in users[tid])
            warnings.append(
                _warn(
                    doc,
                    ("id",),
                    (
                        f"only sessions that no run includes use this tool ({names}); add one of them to a run in "
                        "modules/runs/, or use the tool in a session of a run"
                    ),
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
                    (
                        "no session or tool lists this reading, so no reading list shows it; add its id under "
                        "'readings:' in a session or a tool, or delete this file"
                    ),
                )
            )
        if reading.minutes is None:
            warnings.append(
                _warn(
                    doc,
                    ("minutes",),
                    (
                        "the reading has no 'minutes:', so the reading lists cannot add up its time; add about how "
                        "many minutes it takes to read, listen to or watch"
                    ),
                )
            )
        if not reading.source and not reading.url:
            warnings.append(
                _warn(
                    doc,
                    ("source",),
                    (
                        "the reading says neither where it was published nor where to find it; add 'source:' (journal, "
                        "publisher or organisation) or 'url:'"
                    ),
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
                        (
                            f"this session ({after:%Y-%m-%d}) is {(after - before).days} days after sessions[{i - 1}] "
                            f"({before:%Y-%m-%d}), more than {GAP_MONTHS} months; check the date, or give the participants "
                            "something to do in between"
                        ),
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
                what = "session" if path[0] == "sessions" else "buddy meeting"
                warnings.append(
                    _warn(
                        doc,
                        path,
                        (
                            f"this {what} ({day:%Y-%m-%d}) is more than a year from every other date of the run "
                            f"(the nearest is {nearest} days away); check the year"
                        ),
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
                        (
                            f"the reading {rid!r} is listed more than once in this session (also readings[{twice[0]}]); "
                            "remove the repetition"
                        ),
                    )
                )
            if others:
                names = ("session " if len(others) == 1 else "sessions ") + ", ".join(repr(o) for o in others)
                warnings.append(
                    _warn(
                        doc,
                        ("readings", i),
                        (
                            f"the reading {rid!r} is also listed in {names}; list each reading in one session, "
                            "so that it appears once on the reading list"
                        ),
                    )
                )
    return warnings


def summary(warnings: list[Problem], strict: bool) -> str:
    return say("report.lint.summary_strict" if strict else "report.lint.summary", count=len(warnings))


def _no_language(curriculum: Curriculum) -> list[Problem]:
    """A course.yml without ``language:``: which language was assumed (its words, its formats' defaults)."""
    doc = curriculum.documents.get(("course", ""))
    if doc is None or not isinstance(doc.data, dict) or "language" in doc.data:
        return []
    code = curriculum.messages.language
    name = curriculum.messages.language_name(code)
    return [_warn(doc, (), say("report.files.no_language", language=name, code=code))]
