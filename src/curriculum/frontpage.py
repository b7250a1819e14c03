"""The front page of a library of several courses (a portfolio): ``modules/portfolio.yml`` names it, and
every course of ``modules/courses/`` is listed with its target group, language, format and runs, linking to
the course's own site, which is built beside the page, in the folder of the course's id (``<id>/``).

The page speaks the portfolio's language (``language:`` in portfolio.yml), each course's facts as its course
file gives them. It is a ``Site`` of one page like a course's, so every front end builds it the same way:
a build whose settings name no course, of a library that has a portfolio.yml, builds this page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import colours
from .course import Curriculum
from .messages import Messages
from .models import Licence, Organiser, Portfolio
from .pages import HOME, _environment, _markup_message, footer, organiser_names
from .portfolio import FRONT_PAGE, load_all
from .problems import CurriculumError, Problem
from .say import language_of, say, speaking
from .site import Site
from .sources import Layout
from .validation.files import Checker, load_one


@dataclass(frozen=True)
class Publisher:
    """What the footer and the accessibility statement say of whoever publishes the page (``pages.footer``)."""

    title: str
    short_name: str
    organisers: list[Organiser]
    contact: str | None
    licence: Licence | None


@dataclass(frozen=True)
class RunFacts:
    name: str
    first: dt.date
    last: dt.date
    example: bool


@dataclass(frozen=True)
class CourseFacts:
    """What the front page says of one course."""

    address: Markup  # the course's site: the folder of its id, beside this page
    title: str
    target_group: str
    code: str  # the course's language (BCP 47): its title and target group are marked with it (WCAG 3.1.2)
    language: str  # the course's language, named in the portfolio's
    format: str  # online, in person, or both
    runs: list[RunFacts]


def read(modules: Path | str) -> Portfolio:
    """portfolio.yml, validated; ``CurriculumError`` with its problems, in its language."""
    layout = Layout(Path(modules))
    path = layout.root / FRONT_PAGE
    with speaking(language_of(path)):
        if not path.is_file():
            raise CurriculumError([Problem(layout.display(path), 1, 1, "", say("report.portfolio.no_file"))])
        check = Checker(layout)
        portfolio, _ = load_one(check, path, Portfolio)
        if check.problems or portfolio is None:
            raise CurriculumError(check.problems)
        return portfolio


def facts(course_id: str, curriculum: Curriculum, messages: Messages) -> CourseFacts:
    sessions = [entry for run in curriculum.runs.values() for entry in run.sessions]
    online = {entry.online for entry in sessions}
    format_key = (
        "portfolio.blended" if len(online) > 1 else "portfolio.online" if True in online else "portfolio.in_person"
    )
    runs = sorted(
        (
            RunFacts(run.name, min(e.date for e in run.sessions), max(e.date for e in run.sessions), run.example)
            for run in curriculum.runs.values()
        ),
        key=lambda run: (run.first, run.name),
    )
    return CourseFacts(
        address=Markup(f"{course_id}/"),  # an id: lowercase letters, digits and hyphens
        title=curriculum.course.title,
        target_group=curriculum.course.target_group,
        code=curriculum.course.language,
        language=messages.language_name(curriculum.course.language),
        format=messages(format_key),
        runs=runs,
    )


def build(modules: Path | str) -> Site:
    """The portfolio's front page as a site of one page; ``CurriculumError`` with the problems of
    portfolio.yml and of every course."""
    courses = load_all(modules)  # with the problems of portfolio.yml, if it has any
    portfolio = read(modules)
    messages = Messages(portfolio.language)
    listed = [facts(course_id, curriculum, messages) for course_id, curriculum in courses.items()]
    listed.sort(key=lambda course: course.title.casefold())
    environment = _environment()
    page = environment.get_template("portfolio.md.j2").render(
        portfolio=portfolio, courses=listed, _=messages, msg=messages
    )
    publisher = _publisher(portfolio, courses)
    statement_page = messages("footer.accessibility_page")
    statement = environment.get_template("accessibility.md.j2").render(
        course=publisher,
        organisers=organiser_names(publisher.organisers),
        _=messages,
        msg=messages,
        _md=_markup_message(messages),
    )
    return Site(
        pages={HOME: page, statement_page: statement},
        files={colours.STYLESHEET: colours.stylesheet(portfolio.colour).encode("utf-8")},  # every page links it
        nav=[{messages("portfolio.courses"): HOME}, {messages("footer.accessibility"): statement_page}],
        language=messages.language,
        site_name=portfolio.title,
        footer=footer(messages, publisher),
        theme_words={
            "title": messages("pages.not_found"),
            "text": messages("not_found.text"),
            "home": messages("not_found.home_link"),
        },
    )


def _publisher(portfolio: Portfolio, courses: dict[str, Curriculum]) -> Publisher:
    """Who publishes the front page: portfolio.yml's organisers, else every course's, each named once."""
    organisers = list(portfolio.organisers)
    if not organisers:
        seen: set[tuple[str, str | None]] = set()
        for curriculum in courses.values():
            for organiser in curriculum.course.organisers:
                if (organiser.name, organiser.short_name) not in seen:
                    seen.add((organiser.name, organiser.short_name))
                    organisers.append(organiser)
    short_name = portfolio.short_name or portfolio.title
    return Publisher(portfolio.title, short_name, organisers, portfolio.contact, portfolio.licence)
