"""``curriculum new course ID [--from COURSE] [--sessions a,b,c]``: a new course in a library of courses.

It writes ``courses/<ID>/course.yml`` (the course file ``curriculum init`` writes, in the course's language:
the source course's, or ``--language``), the settings of its site beside ``modules/`` in ``sites/<ID>/``
(``mkdocs.yml``, ``mkdocs.instructor.yml`` and ``content/``, for ``make site``: ``portfoliosites``) and one
example run, ``runs/<first run>.yml``, that names the chosen
sessions of the library: ``--sessions``, or the library's sessions of the source course's latest run, in its
order. A session of the source course's own cannot be reused: it is named with what to do (move it to the
library). The run's dates are a week apart, from four weeks after today, at the times, places and ways of
joining the source run gives the session (09:00 to 12:00 and a place to write in without one), and the run says it is an example.
The new course is validated at once (``load_curriculum``). Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined

from . import portfolio
from .course import Curriculum
from .messages import Messages, languages
from .models import RunSession
from .newcourse import _templates, site_settings
from .portfoliosites import SITES
from .problems import did_you_mean
from .say import say
from .validation import load_curriculum
from .visuals.words import slug


class CourseError(Exception):
    """The course cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Request:
    course_id: str
    source: str | None = None
    sessions: tuple[str, ...] | None = None
    language: str | None = None
    title: str | None = None


def create(modules: Path, request: Request, today: dt.date | None = None) -> list[Path]:
    """Write the new course into ``modules/courses/<id>/``; return the files written. Raises ``CourseError``,
    or ``CurriculumError`` for the source course's problems or the new course's (its files stay, to fix)."""
    folder = _folder(modules, request.course_id)
    source = load_curriculum(modules, request.source) if request.source else None
    language = request.language or (source.course.language if source is not None else "da")
    if language not in languages():
        raise CourseError(say("report.init.no_words", language=language, languages=", ".join(languages())))
    sessions = _sessions(modules, source, request.sessions)
    if not sessions:
        raise CourseError(say("report.new.no_sessions"))
    words = Messages(language)
    title = request.title or words("new_course.title")
    run = slug(words("new_course.run"))
    files = {
        folder / "course.yml": _course_file(language, title).encode("utf-8"),
        folder / "runs" / f"{run}.yml": _run_file(words, source, sessions, today or dt.date.today()).encode("utf-8"),
    }
    site = modules.parent / SITES / request.course_id  # its site's settings (``portfoliosites``)
    if site.exists():
        raise CourseError(say("report.new.exists", file=site))
    files.update((site / name, data) for name, data in site_settings(language, title, request.course_id, run).items())
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    load_curriculum(modules, request.course_id)  # validated at once
    return list(files)


def _folder(modules: Path, course_id: str) -> Path:
    if not portfolio.is_portfolio(modules):
        raise CourseError(say("report.new.not_a_library", modules=modules))
    if not portfolio.COURSE_ID.match(course_id):
        raise CourseError(say("report.new.bad_id", id=course_id, example=slug(course_id)[:80].strip("-")))
    folder = modules / portfolio.COURSES / course_id
    if folder.exists():
        raise CourseError(say("report.new.exists", file=folder))
    return folder


def _sessions(modules: Path, source: Curriculum | None, chosen: tuple[str, ...] | None) -> list[str]:
    """The library sessions the new course reuses: the chosen ones, else the source's latest run's."""
    shared = {p.stem for p in portfolio.library(modules).folder_files(modules / portfolio.LIBRARY / "sessions")}
    if chosen is None:
        run = _latest(source)
        return [entry.module for entry in run.sessions if entry.module in shared] if run is not None else []
    for session in chosen:
        if session not in shared:
            own = source is not None and session in source.sessions
            key = "report.new.own_session" if own else "report.new.unknown_session"
            hint = did_you_mean(session, sorted(shared))
            raise CourseError(say(key, session=session, hint=hint, folder=f"{modules}/{portfolio.LIBRARY}/sessions/"))
    return list(chosen)


def _latest(source: Curriculum | None):
    if source is None or not source.runs:
        return None
    return max(source.runs.values(), key=lambda run: (run.sessions[0].date, run.id))


def _course_file(language: str, title: str) -> str:
    template = _templates().joinpath(language, "modules", "course.yml.j2").read_text("utf-8")
    short_name = "".join(word[0] for word in title.split()).upper()
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.from_string(template).render(title=title, language=language, short_name=short_name)


def _run_file(words: Messages, source: Curriculum | None, sessions: list[str], today: dt.date) -> str:
    run = _latest(source)
    slots: dict[str, RunSession] = {entry.module: entry for entry in run.sessions} if run is not None else {}
    start = today + dt.timedelta(days=28)
    entries = []
    for i, session in enumerate(sessions):
        slot = slots.get(session)
        entry: dict[str, object] = {
            "module": session,
            "date": (start + dt.timedelta(weeks=i)).isoformat(),
            "start": slot.start.strftime("%H:%M") if slot else "09:00",
            "end": slot.end.strftime("%H:%M") if slot else "12:00",
        }
        if slot is not None and slot.online:
            entry["online"] = True
        if slot is not None and slot.place or not entry.get("online"):
            entry["place"] = slot.place if slot is not None and slot.place else words("new_course.place")
        entries.append(entry)
    data = {
        "id": slug(words("new_course.run")),
        "name": words("new_course.run"),
        "example": True,
        "timezone": run.timezone if run is not None else "Europe/Copenhagen",
        "sessions": entries,
    }
    comment = "# " + words("new_course.run_comment") + "\n"
    return comment + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)
