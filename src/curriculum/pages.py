"""Render a run's programme into Markdown pages with Jinja templates.

The result is a ``Site``: a mapping from page path (relative to the docs folder,
e.g. ``sessioner/borgerperspektiv.md``) to Markdown text, plus the navigation in
the order of the run. Every kind of page is one entry of ``PAGE_TYPES`` (its address, template,
context, the pages under it), and that list drives both the rendering and the navigation.
Front ends (the MkDocs hook, ``curriculum generate``) only place these pages; they never render
anything themselves.

Templates use ``StrictUndefined``, so a misspelt variable fails the build instead
of leaving a blank. Every value printed into a Markdown page goes through
``prose.render``: escaped for HTML, and with every piece of Markdown outside the prose
rule (attribute lists, images, links to other schemes, headings …) written so that it
shows as text; text from a YAML file can never become markup, script or a request.
The navigation's titles are HTML-escaped (MkDocs puts them into pages as they are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, pass_eval_context
from markupsafe import Markup, escape

from . import colours, prose
from .calendar import Texts, build_calendars
from .editions import Edition
from .messages import Messages
from .evaluation import result_groups, results_in_order, touches, touches_at
from . import logbook
from .models import Reading
from .problems import CurriculumError
from .site import Site  # noqa: F401 - defined apart, so that front ends can name it without the engine
from .programme import Programme, Scheduled
from .templating import bytecode_cache
from .course import Curriculum, storage_name
from .preview import tool_preview
from .visuals import Pictures, blank_file, blank_page
from .visuals.bars import render_bars
from .slugs import slugify
from .vocabulary import Vocabulary

HOME = "index.md"


@dataclass(frozen=True)
class Paths:
    """Where the generated pages go: folder and file names from the catalogue's ``addresses`` (KDL's
    Danish ``sessioner/``, ``vaerktoejer/``; English ``sessions/``, ``tools/``)."""

    sessions: str
    tools: str
    about: str
    readings: str
    buddy: str
    evaluation: str
    handbook: str
    teaching: str
    calendar: str
    logbook: str
    logbook_sheet: str
    peer: str  # the peer scheme's short name (``peer.short``): its calendar folder and its groups' anchors

    @classmethod
    def of(cls, messages: Messages) -> Paths:
        named = {name: messages(f"addresses.{name}") for name in cls.__dataclass_fields__ if name != "peer"}
        return cls(**named, peer=slugify(messages("peer.short")))

    def peer_anchor(self, group_id: str) -> str:
        """A group's heading on the peer scheme's page (KDL: ``buddy-<group>``)."""
        return f"{self.peer}-{group_id}"

    def session_page(self, session_id: str) -> str:
        return f"{self.sessions}/{session_id}.md"

    def tool_page(self, tool_id: str) -> str:
        return f"{self.tools}/{tool_id}.md"

    def teaching_page(self, session_id: str) -> str:
        """The teaching plan of a session (instructor edition only)."""
        return f"{self.teaching}/{session_id}.md"

    def logbook_sheet_page(self, session_id: str) -> str:
        """The printable sheet of the buddy meeting after a session, beside the logbook's page."""
        return f"{self.logbook}/{self.logbook_sheet}-{session_id}.md"

    def run_calendar(self, run_id: str) -> str:
        return f"{self.calendar}/{run_id}.ics"

    def session_calendar(self, run_id: str, session_id: str) -> str:
        return f"{self.calendar}/{run_id}/{session_id}.ics"

    def buddy_calendar(self, run_id: str, group_id: str) -> str:
        return f"{self.calendar}/{run_id}/{self.peer}/{group_id}.ics"


@pass_context
def long_date(context: Any, day: dt.date) -> str:
    """``mandag 8. april 2024`` (Babel, in the course's language)."""
    return context["msg"].long_date(day)


@pass_context
def short_date(context: Any, day: dt.date) -> str:
    """``8. apr.``"""
    return context["msg"].short_date(day)


@pass_context
def clock(context: Any, time: dt.time) -> str:
    """``13.00`` in Danish, ``13:00`` in English."""
    return context["msg"].clock(time)


CLOCK_OPEN, CLOCK_CLOSE = "\ue010", "\ue011"


def _clock_span(text: Markup) -> Markup:
    """``text`` (through the prose rule) with the part between the two markers kept on one line."""
    plain = str(text)  # Markup.replace would escape the tags
    opened, closed = plain.find(CLOCK_OPEN), plain.find(CLOCK_CLOSE)
    if 0 <= opened < closed:
        plain = plain.replace(CLOCK_OPEN, '<span class="course-clock">').replace(CLOCK_CLOSE, "</span>")
    return Markup(plain.replace(CLOCK_OPEN, "").replace(CLOCK_CLOSE, ""))


@pass_context
def when_text(context: Any, day: dt.date, start: dt.time, end: dt.time) -> Markup:
    """``onsdag 17. april 2024, kl. 09.00–15.00`` (``formats.when``), its clock range never broken
    over two lines (``<span class="course-clock">``, white-space: nowrap)."""
    msg = context["msg"]
    text = msg(
        "formats.when", date=msg.long_date(day), start=CLOCK_OPEN + msg.clock(start), end=msg.clock(end) + CLOCK_CLOSE
    )
    return _clock_span(prose.render(text))


@pass_context
def clock_range(context: Any, start: dt.time, end: dt.time) -> Markup:
    """``09.00–15.00`` (``formats.time_span``) that never breaks over two lines."""
    msg = context["msg"]
    text = msg("formats.time_span", start=CLOCK_OPEN + msg.clock(start), end=msg.clock(end) + CLOCK_CLOSE)
    return _clock_span(prose.render(text))


@pass_context
def day_month_year(context: Any, day: dt.date) -> str:
    """``8. april 2024``, ``8 April 2024`` (Babel, the catalogue's ``formats.day_month_year``)."""
    msg = context["msg"]
    return msg.date(day, msg("formats.day_month_year"))


def themes_beyond_title(session: Any) -> list[str]:
    """A session's themes, or none when its only theme is its title (a "Tema:" line would repeat it)."""
    if [t.casefold() for t in session.themes] == [session.title.casefold()]:
        return []
    return list(session.themes)


@pass_context
def duration(context: Any, minutes: int) -> str:
    """``2 timer og 5 minutter``, ``45 minutter``, ``1 time``."""
    return context["msg"].duration(minutes)


@pass_context
def names(context: Any, items: Any) -> str:
    """``A, B og C``"""
    return context["msg"].names(items)


def sentence(text: str, stop: str = ".") -> str:
    """End a sentence once: ``17. nov.`` stays as it is, ``kl. 13.00`` gets its full stop."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else text + stop


@dataclass(frozen=True)
class ReadingTime:
    minutes: int  # the readings' minutes added up
    unknown: int  # how many readings give no minutes


def reading_time(readings: list[Reading]) -> ReadingTime:
    known = [r.minutes for r in readings if r.minutes]
    return ReadingTime(sum(known), len(readings) - len(known))


def session_label(item: Scheduled, messages: Messages, vocabulary: Vocabulary) -> str:
    """``Workshop 2``, ``Kick-off-webinar``: the format's name with its number in the run."""
    name = vocabulary.format_name(item.session.format)
    return messages("formats.numbered_format", format=name, number=item.format_number) if item.format_number else name


@pass_context
def _label(context: Any, item: Scheduled) -> str:
    return session_label(item, context["msg"], context["vocabulary"])


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
        _finalize(item) if isinstance(item, str) else Markup(escape(str(item))) for item in items
    )


def _relink(text: str, token: str, address: Markup) -> str:
    """``&#91;words&#93;(token)`` (a link the prose rule wrote as text) as ``[words](address)``."""
    link = re.compile(r"&#91;((?:(?!&#93;).)*)&#93;\((#?)" + re.escape(token) + r"\)")
    return link.sub(lambda m: f"[{m.group(1)}]({m.group(2)}{address})", text)


def _markup_message(messages: Messages) -> Any:
    """``_md("common.tool", tool=link)``: a message whose placeholders may hold Markdown the template made.

    A message printed with ``_()`` is text (every printed value goes through the prose rule), so a link
    given as a placeholder would be shown as written. Here the message's words and every text value go
    through the prose rule, and a value the template made (``Markup``, e.g. from ``{% set %}``) is put in
    as it is.
    """

    def render(key: str, /, **values: Any) -> Markup:
        tokens = {name: f"\ue000{number}\ue001" for number, name in enumerate(values) if name != "count"}
        text = str(prose.render(messages(key, **{**values, **tokens})))
        for name, token in tokens.items():
            # a link the message itself makes, to an address the template gives (``[{page}]({href})``,
            # ``(#{anchor})``): the prose rule wrote its brackets as text, as it does for any address on
            # the site; put back as a link when that address is the template's (Markup)
            if isinstance(values[name], Markup):
                text = _relink(text, token, values[name])
        for name, token in tokens.items():
            value = values[name]
            text = text.replace(token, str(value if isinstance(value, Markup) else prose.render(str(value))))
        return Markup(text)

    return render


def _escaped_nav(nav: Any) -> Any:
    """The navigation with every title through ``nav_title``."""
    if isinstance(nav, list):
        return [_escaped_nav(entry) for entry in nav]
    if isinstance(nav, dict):
        return {nav_title(title): _escaped_nav(target) for title, target in nav.items()}
    return nav


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
        day_month_year=day_month_year,
        themes_beyond_title=themes_beyond_title,
        clock=clock,
        duration=duration,
        names=names,
        sentence=sentence,
        label=_label,
        indent_md=indent,
        cell=cell,
        reading=_reading,
        join=_join,
        slug=slugify,
    )
    env.globals["visual"] = _visual
    env.globals.update(logbook_prompts=logbook.prompts, logbook_sheets=logbook.sheets, logbook_wheels=logbook.wheels)
    env.globals["reading_time"] = reading_time
    env.globals.update(when_text=when_text, clock_range=clock_range)
    return env


@pass_context
def _reading(context: Any, reading_id: str) -> Reading:
    """``"deci-2000" | reading``: the reading with that id."""
    return context["curriculum"].readings[reading_id]


@pass_context
def _visual(context: Any, tool: Any, level: int = 2, compact: bool = False) -> Markup:
    """``{{ visual(tool) }}``: the tool's picture (``curriculum.visuals``), linked from the page being rendered."""
    href, paths = context["href"], context["paths"]
    return context["pictures"].html(
        tool,
        level=level,
        compact=compact,
        tool_href=href(paths.tool_page(tool.id)),
        blank_href=href(blank_page(tool, paths.tools)),
        logbook_href=href(context["LOGBOOK"]),
    )


class _Renderer:
    def __init__(self, programme: Programme, site_url: str | None = None, edition: Edition = Edition.participant):
        self.programme = programme
        self.site_url = site_url
        self.edition = edition
        self.curriculum: Curriculum = programme.curriculum
        self.messages = self.curriculum.messages
        self.vocabulary = self.curriculum.vocabulary
        self.paths = Paths.of(self.messages)
        self.pictures = Pictures(
            self.messages, storage_key(self.curriculum.course, programme.run, self.curriculum.course_id)
        )
        self.tool_ids = programme.tool_order()
        # the address of every single page, by the name the templates give it (``HOME``, ``ABOUT`` ...)
        self.addresses = {t.name: t.address(self) for t in PAGE_TYPES if t.address is not None}
        self.site = Site(
            language=self.messages.language,
            site_name=self.messages("editions.site_name", title=self.curriculum.course.title)
            if edition is Edition.instructor
            else self.curriculum.course.title,
            theme_words={
                "title": self.messages("pages.not_found"),
                "text": self.messages("not_found.text"),
                "home": self.messages("not_found.home_link"),
            },
        )

    def label(self, item: Scheduled) -> str:
        return session_label(item, self.messages, self.vocabulary)

    def render(self, path: str, template: str, **context: Any) -> None:
        def href(target: str, anchor: str | None = None) -> str:
            link = _relative(target, posixpath.dirname(path) or ".")
            return f"{link}#{anchor}" if anchor else link

        self.site.pages[path] = (
            _environment()
            .get_template(template)
            .render(
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
                _=self.messages,
                _md=_markup_message(self.messages),
                msg=self.messages,
                vocabulary=self.vocabulary,
                paths=self.paths,
                session_page=self.paths.session_page,
                tool_page=self.paths.tool_page,
                teaching_page=self.paths.teaching_page,
                run_calendar=self.paths.run_calendar,
                session_calendar=self.paths.session_calendar,
                buddy_calendar=self.paths.buddy_calendar,
                logbook_sheet_page=self.paths.logbook_sheet_page,
                # the logbook templates' words (they also show the wheel's rounds)
                labels={"logbook": self.messages.section("logbook"), "visuals": self.messages.section("visuals")},
                storage_key=self.pictures.storage_key,
                logbook_course=self.curriculum.course_id or self.curriculum.course.short_name,
                pictures=self.pictures,
                organisers=organiser_names(self.curriculum.course.organisers),
                **self.addresses,
                **context,
            )
        )

    def build(self) -> Site:
        """Every page of the run's site, in the registry's order, with its navigation and calendars."""
        nav = []
        for page_type in PAGE_TYPES:
            if not page_type.present(self):
                continue
            entries = page_type.entries(self) if page_type.entries else []
            if page_type.template:
                self.render(self.addresses[page_type.name], page_type.template, **page_type.context(self))
            for entry in entries:
                self.render(entry.page, entry.template, **entry.context)
                self.site.files.update(entry.files)
            nav.append(page_type.nav(self, entries))
        texts = Texts(self.messages, self.label, self.page_url)
        self.site.files.update(build_calendars(self.programme, texts, self.paths, self.addresses["BUDDY"]))
        self.site.footer = footer(self.messages, self.curriculum.course)
        self.site.files[colours.STYLESHEET] = colours.stylesheet(self.curriculum.course.colour).encode("utf-8")
        # every title in it may hold course text (titles, the course's formats and reworded messages)
        self.site.nav = _escaped_nav(nav)
        return self.site

    def titled(self, item: Scheduled) -> str:
        """``Workshop 2: Borgerperspektivet``: a session's title in the navigation."""
        return self.messages("formats.label_title", label=self.label(item), title=item.session.title)

    def page_url(self, page: str) -> str:
        """The address of a page: absolute under ``site_url`` when known, else its path on the site.

        Assumes MkDocs' default directory URLs (``sessioner/kick-off.md`` -> ``sessioner/kick-off/``).
        """
        path = page.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index") + "/"
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else path or "/"


def organiser_names(organisers: Any) -> list[str]:
    """``Syddansk Sundhedsinnovation (SDSI)``: each organiser as the pages name them, the short name after."""
    return [f"{o.name} ({o.short_name})" if o.short_name else o.name for o in organisers]


def footer(msg: Messages, course: Any) -> dict[str, str]:
    """The words and course data of every page's footer (``Site.footer``), in the course's language; the
    theme's template (``overrides/partials/copyright.html``) escapes them. Empty strings for what the course
    leaves out."""
    organisers = organiser_names(course.organisers)
    licence = course.licence
    return {
        "label": msg("footer.label"),
        "title": course.title,
        "short_title": course.short_name,
        "published": msg("footer.published_by", organisers=msg.names(organisers)),
        "contact_label": msg("footer.contact"),
        "contact": course.contact or "",
        "licence_label": msg("footer.licence"),
        "licence": licence.name if licence else "",
        "licence_url": (licence.url or "") if licence else "",
        "accessibility": msg("footer.accessibility"),
        "accessibility_page": msg("footer.accessibility_page"),
    }


@dataclass(frozen=True)
class Entry:
    """A page listed under a page type in the navigation: a session, a tool, a teaching plan, a sheet."""

    title: str
    page: str
    template: str
    context: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # files beside it (a tool's blank picture)


def _always(renderer: _Renderer) -> bool:
    return True


def _nothing(renderer: _Renderer) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class PageType:
    """A kind of page of a run's site: where it goes, what draws it and how the navigation lists it.

    ``PAGE_TYPES`` is the one list of them, in the navigation's order; rendering and navigation both
    follow it. ``name`` is how the templates name the page's address (``{{ href(ABOUT) }}``).
    """

    name: str
    title: str  # the catalogue's key of its title in the navigation
    template: str | None = None  # None: a section of the navigation without a page of its own
    address: Callable[[_Renderer], str] | None = None
    present: Callable[[_Renderer], bool] = _always  # whether this run's site (and edition) has it
    context: Callable[[_Renderer], dict[str, Any]] = _nothing  # what its template needs beyond the common
    entries: Callable[[_Renderer], list[Entry]] | None = None  # the pages listed under it
    index_title: str | None = None  # its own page among its entries: titled so, or the section's index

    def nav(self, renderer: _Renderer, entries: list[Entry]) -> dict[str, Any]:
        """Its place in the navigation (MkDocs' ``nav``): a page, or a section of pages."""
        title = renderer.messages(self.title)
        if self.entries is None:
            assert self.address is not None
            return {title: self.address(renderer)}
        items: list[Any] = [{entry.title: entry.page} for entry in entries]
        if self.template:
            own = renderer.addresses[self.name]
            items.insert(0, {renderer.messages(self.index_title): own} if self.index_title else own)
        return {title: items}


def _sessions(r: _Renderer) -> list[Entry]:
    programme = r.programme
    return [
        Entry(
            r.titled(item),
            r.paths.session_page(item.session.id),
            "session.md.j2",
            dict(item=item, previous=_neighbour(programme, item, -1), next=_neighbour(programme, item, +1)),
        )
        for item in programme.sessions
    ]


def _teaching_plans(r: _Renderer) -> list[Entry]:
    return [
        Entry(r.titled(item), r.paths.teaching_page(item.session.id), "teaching.md.j2", dict(item=item))
        for item in r.programme.sessions
    ]


def _logbook_sheets(r: _Renderer) -> list[Entry]:
    return [
        Entry(
            r.messages("logbook.sheet_nav", session=r.label(sheet.item)),
            r.paths.logbook_sheet_page(sheet.item.session.id),
            "logbook_sheet.md.j2",
            dict(sheet=sheet),
        )
        for sheet in logbook.sheets(r.programme)
    ]


def _tools(r: _Renderer) -> list[Entry]:
    """Each tool's page, and after it the page of its blank picture to print (a radar's, a wheel's)."""
    entries = []
    for tool_id in r.tool_ids:
        tool = r.curriculum.tools[tool_id]
        files = r.pictures.files(tool, r.paths.tools)
        used_in = r.programme.sessions_using_tool(tool_id)
        context = dict(tool=tool, used_in=used_in, other_courses=r.curriculum.shared_with.get(("tools", tool_id), ()))
        entries.append(Entry(tool.title, r.paths.tool_page(tool_id), "tool.md.j2", context, files))
        if files:
            svg = blank_file(tool, r.paths.tools)
            context = dict(tool=tool, picture=r.pictures.blank(tool, r.paths.tools), svg=svg)
            title = r.messages("visuals.blank.nav", title=tool.title)
            entries.append(Entry(title, blank_page(tool, r.paths.tools), "blank.md.j2", context))
    return entries


def _toolbox(r: _Renderer) -> dict[str, Any]:
    return dict(
        groups=_toolbox_groups(r.programme, r.tool_ids),
        preview=lambda tool: tool_preview(tool, r.messages, r.pictures),
    )


def _evaluation(r: _Renderer) -> dict[str, Any]:
    programme = r.programme
    return dict(
        touches=touches(programme),
        results=[(result, result_groups(programme, result)) for result in results_in_order(programme)],
        bars=lambda vid, title, rows, measure: render_bars(vid, title, rows, measure, r.messages),
    )


def _teaching_overview(r: _Renderer) -> dict[str, Any]:
    programme = r.programme
    return dict(
        touches=touches(programme),
        recommendations=[result for result in results_in_order(programme) if result.recommendations],
    )


def _handbook(r: _Renderer) -> dict[str, Any]:
    return dict(first_visuals=_first_visuals(r.programme), footer=footer(r.messages, r.curriculum.course))


def _instructor(r: _Renderer) -> bool:
    return r.edition is Edition.instructor


#: Every kind of page, in the navigation's order.
PAGE_TYPES: tuple[PageType, ...] = (
    PageType("HOME", "pages.home", "home.md.j2", address=lambda r: HOME),
    PageType("ABOUT", "pages.about", "about.md.j2", address=lambda r: f"{r.paths.about}.md"),
    PageType("PROGRAMME", "pages.programme", entries=_sessions),
    PageType(
        "TEACHING",
        "pages.teaching",
        "teaching_overview.md.j2",
        address=lambda r: f"{r.paths.teaching}/index.md",
        present=_instructor,
        context=_teaching_overview,
        entries=_teaching_plans,
        index_title="pages.teaching_overview",
    ),
    PageType(
        "BUDDY",
        "pages.buddy",
        "buddy.md.j2",
        address=lambda r: f"{r.paths.buddy}.md",
        present=lambda r: bool(r.programme.buddy_groups()),
    ),
    PageType(
        "LOGBOOK",
        "logbook.page",
        "logbook.md.j2",
        address=lambda r: f"{r.paths.logbook}/index.md",
        entries=_logbook_sheets,
    ),
    PageType(
        "TOOLBOX",
        "pages.toolbox",
        "toolbox.md.j2",
        address=lambda r: f"{r.paths.tools}/index.md",
        context=_toolbox,
        entries=_tools,
    ),
    PageType(
        "READINGS",
        "pages.readings",
        "readings.md.j2",
        address=lambda r: f"{r.paths.readings}.md",
        context=lambda r: _reading_groups(r.programme),
    ),
    PageType(
        "EVALUATION",
        "pages.evaluation",
        "evaluation.md.j2",
        address=lambda r: f"{r.paths.evaluation}.md",
        present=lambda r: r.curriculum.evaluation is not None,
        context=_evaluation,
    ),
    PageType(
        "HANDBOOK", "pages.handbook", "handbook.md.j2", address=lambda r: f"{r.paths.handbook}.md", context=_handbook
    ),
    PageType(
        "STATEMENT",
        "footer.accessibility",
        "accessibility.md.j2",
        address=lambda r: r.messages("footer.accessibility_page"),
    ),
)


def _toolbox_groups(programme: Programme, tool_ids: list[str]) -> list[tuple[Any, list[str]]]:
    """The toolbox's groups: each session with the tools it is the first to use, in the run's order, and
    last (session None) the tools no session of the run uses."""
    groups: dict[str, list[str]] = {}
    unused: list[str] = []
    for tool_id in tool_ids:
        users = programme.sessions_using_tool(tool_id)
        if users:
            groups.setdefault(users[0].session.id, []).append(tool_id)
        else:
            unused.append(tool_id)
    result: list[tuple[Any, list[str]]] = [
        (item, groups[item.session.id]) for item in programme.sessions if item.session.id in groups
    ]
    if unused:
        result.append((None, unused))
    return result


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
    """Each reading once: under the first session of the run that uses it (``by_session``, with the later
    sessions that use it too in ``also``), then the readings of tools only; and how many there are of each
    kind (``by_kind``)."""
    cur = programme.curriculum
    by_session: list[tuple[Scheduled, list[Reading]]] = []
    also: dict[str, list[Scheduled]] = {}
    for item in programme.sessions:
        first = [cur.readings[r] for r in item.session.readings if r not in also]
        for r in item.session.readings:
            also.setdefault(r, [])
            if cur.readings[r] not in first:
                also[r].append(item)
        by_session.append((item, first))
    tool_only: dict[str, None] = {}
    for tool_id in programme.tool_order():
        for reading_id in cur.tools[tool_id].readings:
            if reading_id not in also:
                tool_only.setdefault(reading_id)
    readings = [cur.readings[r] for r in [*also, *tool_only]]
    by_kind = []
    for kind in cur.vocabulary.reading_kinds:
        group = [r for r in readings if r.kind == kind]
        if group:
            by_kind.append((kind, group))
    return {
        "by_session": by_session,
        "also": also,
        "tool_only": [cur.readings[r] for r in tool_only],
        "by_kind": by_kind,
        "time": reading_time(readings),
        "count": len(readings),
    }


def build_problem_site(error: CurriculumError, messages: Messages | None = None, addresses: Iterable[str] = ()) -> Site:
    """The site a live preview shows while the course files have problems: a page listing them, each problem
    a block with its file, line, field and what to do (no links: course text stays text), at the home page
    and at each of ``addresses`` (the pages of the last good build), so that no address the reader has open
    hides the problems, and the reader's page comes back there once they are fixed. Its words are Danish
    unless the front end knows the course's language (the course file may be what is broken)."""
    messages = messages or Messages()
    text = _environment().get_template("problems.md.j2").render(problems=error.problems, _=messages)
    pages = dict.fromkeys([HOME, *addresses], text)
    # Any other address (the theme's 404 page) says so too, and leads to the home page's list.
    words = {
        "title": messages("problems.title"),
        "text": messages("problems.intro", count=len(error.problems)),
        "home": messages("not_found.home_link"),
    }
    files = {colours.STYLESHEET: colours.stylesheet().encode("utf-8")}  # the theme links it on every page
    return Site(
        pages=pages, files=files, nav=[{messages("pages.home"): HOME}], language=messages.language, theme_words=words
    )


def storage_key(course: Any, run: Any, course_id: str | None = None) -> str:
    """The browser storage key of a course's run (the self-assessment's answers): two courses, or two
    runs, on one host never share answers. A course of a library is named by its id, unique in the library."""
    return f"curriculum:{storage_name(course, course_id)}:{run.id}"


# A page's link to another, from the folder of one to the other (both site addresses, so the result does not depend
# on the working folder): ``posixpath.relpath`` asks for the working folder on every call; a site links the same
# pairs again and again.
_relative = lru_cache(maxsize=1 << 16)(posixpath.relpath)


def build_site(programme: Programme, site_url: str | None = None, edition: Edition = Edition.participant) -> Site:
    """Every page of the run's site in one edition, rendered, and its calendar files.

    ``site_url`` (e.g. ``https://kdl.example.dk/``) makes the links in calendar files absolute;
    without it they name the page's path on the site. The instructor edition adds the teaching
    plans; which data an edition may show is decided before this, by the programme's curriculum
    (``engine.generate`` strips instructor-only fields for the participant edition).
    """
    return _Renderer(programme, site_url, edition).build()
