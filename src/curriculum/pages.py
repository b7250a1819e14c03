"""Render a run's programme into Markdown pages with Jinja templates.

The result is a ``Site``: a mapping from page path (relative to the docs folder,
e.g. ``sessioner/borgerperspektiv.md``) to Markdown text, plus the navigation in
the order of the run. Front ends (the MkDocs hook, ``curriculum generate``) only
place these pages; they never render anything themselves.

Templates use ``StrictUndefined``, so a misspelt variable fails the build instead
of leaving a blank. Every value printed into a Markdown page goes through
``prose.render``: escaped for HTML, and with every piece of Markdown outside the prose
rule (attribute lists, images, links to other schemes, headings …) written so that it
shows as text; text from a YAML file can never become markup, script or a request.
The navigation's titles are HTML-escaped (MkDocs puts them into pages as they are).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, pass_eval_context
from markupsafe import Markup, escape

from . import prose
from .calendar import Texts, build_calendars, buddy_calendar, run_calendar, session_calendar
from .editions import Edition
from .evaluation import result_groups, results_in_order, touches, touches_at
from . import logbook
from .models import Reading
from .problems import CurriculumError
from .site import Site  # noqa: F401 - defined apart, so that front ends can name it without the engine
from .programme import Programme, Scheduled
from .templating import bytecode_cache
from .validation import Curriculum
from .visuals import blank_file, render_visual, visual_files
from .visuals.bars import render_bars

HOME = "index.md"
ABOUT = "om-forloebet.md"
READINGS = "litteratur.md"
TOOLBOX = "vaerktoejer/index.md"
BUDDY = "buddyordningen.md"
EVALUATION = "evaluering.md"
HANDBOOK = "haandbog.md"
TEACHING = "undervisningsplan/index.md"  # instructor edition only
LOGBOOK = "min-logbog/index.md"  # the participant's logbook (curriculum.logbook), sheets beside it


def session_page(session_id: str) -> str:
    return f"sessioner/{session_id}.md"


def tool_page(tool_id: str) -> str:
    return f"vaerktoejer/{tool_id}.md"


def teaching_page(session_id: str) -> str:
    """The teaching plan of a session (instructor edition only)."""
    return f"undervisningsplan/{session_id}.md"


@cache
def labels() -> dict[str, Any]:
    text = resources.files("curriculum").joinpath("templates/labels.yml").read_text("utf-8")
    return yaml.safe_load(text)


def long_date(day: dt.date) -> str:
    """``mandag 8. april 2024``"""
    words = labels()
    return f"{words['weekdays'][day.weekday()]} {day.day}. {words['months'][day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``8. apr.``"""
    return f"{day.day}. {labels()['months'][day.month - 1][:3]}."


def clock(time: dt.time) -> str:
    """Danish clock time: ``13.00``."""
    return f"{time.hour:02d}.{time.minute:02d}"


def duration(minutes: int) -> str:
    """``2 timer og 5 minutter``, ``45 minutter``, ``1 time``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} time" if hours == 1 else f"{hours} timer")
    if rest or not hours:
        parts.append(f"{rest} minut" if rest == 1 else f"{rest} minutter")
    return " og ".join(parts)


@dataclass(frozen=True)
class ReadingTime:
    minutes: int  # the readings' minutes added up
    unknown: int  # how many readings give no minutes


def reading_time(readings: list[Reading]) -> ReadingTime:
    known = [r.minutes for r in readings if r.minutes]
    return ReadingTime(sum(known), len(readings) - len(known))


def session_label(item: Scheduled) -> str:
    """``Workshop 2``, ``Kick-off-webinar``: the format with its number in the run."""
    name = labels()["formats"][item.session.format.value]
    return f"{name} {item.format_number}" if item.format_number else name


def indent(text: str, width: int = 4) -> Markup:
    """Indent every line but the first, so multi-line text stays inside a list or admonition
    (text goes through the prose rule first: the indentation is the template's, not the text's)."""
    safe = text if isinstance(text, Markup) else prose.render(text)
    return Markup(str(safe).replace("\n", "\n" + " " * width))


def cell(text: str) -> Markup:
    """Text for one cell of a Markdown table: through the prose rule (which writes pipes as entities),
    on one line."""
    safe = text if isinstance(text, Markup) else prose.render(text)
    return Markup(" ".join(str(safe).split()))


def _finalize(value: Any) -> Any:
    """Every value a template prints: text goes through the prose rule; markup the engine made stays."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return prose.render(value)
    return value


@pass_eval_context
def _join(eval_ctx: Any, items: Any, separator: str = "") -> Markup:
    """Jinja's ``join``, with each text item through the prose rule (the built-in one only escapes)."""
    return Markup(separator if isinstance(separator, Markup) else prose.render(separator)).join(
        _finalize(item) if isinstance(item, str) else Markup(escape(str(item))) for item in items)


def nav_title(text: str) -> str:
    """A title for the navigation: MkDocs and its themes print navigation titles as HTML, unescaped.

    Only what could start markup is escaped: ``<``, ``>`` and an ``&`` that could start a character
    reference; quotes and a lone ``&`` stay as they are (Material escapes titles it puts into attributes,
    so ``Fixed & growth`` is read out right there too).
    """
    text = " ".join(text.split())
    return re.sub(r"&(?=[#A-Za-z0-9])", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("curriculum", "templates"),
        bytecode_cache=bytecode_cache("pages", __file__, prose.__file__),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        long_date=long_date,
        short_date=short_date,
        clock=clock,
        duration=duration,
        label=session_label,
        indent_md=indent,
        cell=cell,
        reading=_reading,
        join=_join,
    )
    env.globals.update(labels=labels(), session_page=session_page, tool_page=tool_page,
                       HOME=HOME, ABOUT=ABOUT, READINGS=READINGS, TOOLBOX=TOOLBOX, BUDDY=BUDDY,
                       EVALUATION=EVALUATION, HANDBOOK=HANDBOOK, TEACHING=TEACHING, teaching_page=teaching_page,
                       run_calendar=run_calendar, session_calendar=session_calendar,
                       buddy_calendar=buddy_calendar)
    env.globals["visual"] = _visual
    env.globals.update(LOGBOOK=LOGBOOK, logbook_prompts=logbook.prompts, logbook_sheets=logbook.sheets,
                       logbook_wheels=logbook.wheels, logbook_sheet_page=logbook.sheet_page)
    env.globals["reading_time"] = reading_time
    return env


@pass_context
def _reading(context: Any, reading_id: str) -> Reading:
    """``"deci-2000" | reading``: the reading with that id."""
    return context["curriculum"].readings[reading_id]


@pass_context
def _visual(context: Any, tool: Any, level: int = 2, compact: bool = False) -> Markup:
    """``{{ visual(tool) }}``: the tool's picture (``curriculum.visuals``), linked from the page being rendered."""
    href = context["href"]
    return render_visual(tool, level=level, compact=compact, tool_href=href(tool_page(tool.id)),
                         blank_href=href(blank_file(tool)))


class _Renderer:
    def __init__(self, programme: Programme, site_url: str | None = None,
                 edition: Edition = Edition.participant):
        self.programme = programme
        self.site_url = site_url
        self.edition = edition
        self.curriculum: Curriculum = programme.curriculum
        self.site = Site()

    def render(self, path: str, template: str, **context: Any) -> None:
        def href(target: str, anchor: str | None = None) -> str:
            link = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return f"{link}#{anchor}" if anchor else link

        self.site.pages[path] = _environment().get_template(template).render(
            page=path,
            href=href,
            course=self.curriculum.course,
            curriculum=self.curriculum,
            programme=self.programme,
            run=self.programme.run,
            instant=lambda moment: self.programme.aware(moment).isoformat(),
            edition=self.edition.value,
            instructor=self.edition is Edition.instructor,
            touches_at=lambda item: touches_at(self.programme, item),
            **context,
        )

    def build(self) -> Site:
        programme, cur = self.programme, self.curriculum
        self.render(HOME, "home.md.j2")
        self.render(ABOUT, "about.md.j2")
        for item in programme.sessions:
            self.render(session_page(item.session.id), "session.md.j2", item=item,
                        previous=_neighbour(programme, item, -1), next=_neighbour(programme, item, +1))
        tool_ids = programme.tool_order()
        self.render(TOOLBOX, "toolbox.md.j2", tool_ids=tool_ids)
        for tool_id in tool_ids:
            self.render(tool_page(tool_id), "tool.md.j2", tool=cur.tools[tool_id],
                        used_in=programme.sessions_using_tool(tool_id))
            self.site.files.update(visual_files(cur.tools[tool_id]))
        self.render(READINGS, "readings.md.j2", **_reading_groups(programme))
        if programme.buddy_groups():
            self.render(BUDDY, "buddy.md.j2")
        evaluation = cur.evaluation is not None
        if evaluation:
            self.render(EVALUATION, "evaluation.md.j2", touches=touches(programme),
                        results=[(r, result_groups(programme, r)) for r in results_in_order(programme)],
                        bars=render_bars)
        teaching = self.edition is Edition.instructor
        if teaching:
            self.render(TEACHING, "teaching_overview.md.j2", touches=touches(programme),
                        recommendations=[r for r in results_in_order(programme) if r.recommendations])
            for item in programme.sessions:
                self.render(teaching_page(item.session.id), "teaching.md.j2", item=item)
        self.render(HANDBOOK, "handbook.md.j2", first_visuals=_first_visuals(programme))
        self.render(LOGBOOK, "logbook.md.j2")
        for sheet in logbook.sheets(programme):
            self.render(logbook.sheet_page(sheet.item.session.id), "logbook_sheet.md.j2", sheet=sheet)
        self.site.files.update(build_calendars(
            programme, Texts(labels(), session_label, self.page_url), session_page, BUDDY))

        words = labels()["pages"]
        self.site.nav = [
            {words["home"]: HOME},
            {words["about"]: ABOUT},
            {words["programme"]: [
                {nav_title(f"{session_label(s)}: {s.session.title}"): session_page(s.session.id)}
                for s in programme.sessions
            ]},
            *([{words["buddy"]: BUDDY}] if programme.buddy_groups() else []),
            {labels()["logbook"]["page"]: [LOGBOOK] + [
                {labels()["logbook"]["sheet_nav"].replace("{session}", session_label(sh.item)):
                 logbook.sheet_page(sh.item.session.id)} for sh in logbook.sheets(programme)]},
            {words["toolbox"]: [TOOLBOX] + [
                {nav_title(cur.tools[t].title): tool_page(t)} for t in tool_ids
            ]},
            {words["readings"]: READINGS},
            *([{words["evaluation"]: EVALUATION}] if evaluation else []),
            {words["handbook"]: HANDBOOK},
        ]
        if teaching:
            self.site.nav[3:3] = [{words["teaching"]: [
                {words["teaching_overview"]: TEACHING},
                *({nav_title(f"{session_label(s)}: {s.session.title}"): teaching_page(s.session.id)}
                  for s in programme.sessions),
            ]}]
        return self.site


    def page_url(self, page: str) -> str:
        """The address of a page: absolute under ``site_url`` when known, else its path on the site.

        Assumes MkDocs' default directory URLs (``sessioner/kick-off.md`` -> ``sessioner/kick-off/``).
        """
        path = page.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index") + "/"
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else path or "/"


def _first_visuals(programme: Programme) -> dict[str, str]:
    """Tool id -> the session that uses it first in the run: where the handbook draws its visual.
    Later sessions refer back to it, so that every picture is on the handbook's page once."""
    first: dict[str, str] = {}
    for item in programme.sessions:
        for tool_id in item.session.tool_ids:
            if programme.curriculum.tools[tool_id].visual is not None:
                first.setdefault(tool_id, item.session.id)
    return first


def _neighbour(programme: Programme, item: Scheduled, step: int) -> Scheduled | None:
    index = item.position - 1 + step
    return programme.sessions[index] if 0 <= index < len(programme.sessions) else None


def _reading_groups(programme: Programme) -> dict[str, Any]:
    """Readings by session (run order), readings of tools only, and readings by kind."""
    cur = programme.curriculum
    by_session = [(s, [cur.readings[r] for r in s.session.readings]) for s in programme.sessions]
    listed = {r.id for _, group in by_session for r in group}
    tool_only: dict[str, None] = {}
    for tool_id in programme.tool_order():
        for reading_id in cur.tools[tool_id].readings:
            if reading_id not in listed:
                tool_only.setdefault(reading_id)
    all_ids = list(dict.fromkeys([r.id for _, g in by_session for r in g] + list(tool_only)))
    readings = [cur.readings[r] for r in all_ids]
    by_kind = []
    for kind in labels()["reading_kinds"]:
        group = sorted((r for r in readings if r.kind.value == kind),
                       key=lambda r: (r.creator.casefold(), r.year))
        if group:
            by_kind.append((kind, group))
    return {
        "by_session": by_session,
        "tool_only": [cur.readings[r] for r in tool_only],
        "by_kind": by_kind,
        "time": reading_time(readings),
        "count": len(readings),
    }


def build_problem_site(error: CurriculumError) -> Site:
    """A one-page site listing the problems, for a live preview that must keep running."""
    text = _environment().get_template("problems.md.j2").render(problems=[str(p) for p in error.problems])
    return Site(pages={HOME: text}, nav=[{labels()["pages"]["home"]: HOME}])


def build_site(programme: Programme, site_url: str | None = None,
               edition: Edition = Edition.participant) -> Site:
    """Every page of the run's site in one edition, rendered, and its calendar files.

    ``site_url`` (e.g. ``https://kdl.example.dk/``) makes the links in calendar files absolute;
    without it they name the page's path on the site. The instructor edition adds the teaching
    plans; which data an edition may show is decided before this, by the programme's curriculum
    (``engine.generate`` strips instructor-only fields for the participant edition).
    """
    return _Renderer(programme, site_url, edition).build()
