"""Typed models of the curriculum files in ``modules/``.

One model per kind of file: the course, a session module, a tool module, a
reading item and a run (a cohort with dates). Session, tool and reading modules
are undated and reusable; only a run holds dates, times and places.

The models check the shape of each file on its own (types, required fields,
unknown keys, dates, URLs). Checks that need several files at once, such as
references between modules and duplicate ids, live in ``validation``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

ALLOWED_URL_SCHEMES = ("http://", "https://", "mailto:")


def _check_url(value: str) -> str:
    if not value.lower().startswith(ALLOWED_URL_SCHEMES):
        raise ValueError(
            "a link must start with http://, https:// or mailto: "
            "(leave the field out if there is no address)"
        )
    if any(ch.isspace() for ch in value):
        raise ValueError("a link cannot contain spaces")
    return value


# Markdown link destinations in prose: [text](dest) and reference definitions [id]: dest
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*(?P<a>[^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(?P<b>\S*)", re.MULTILINE)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")


def _check_text_links(value: str) -> str:
    """Prose may use Markdown links, but only to web pages, e-mail or pages of the site."""
    for match in _MARKDOWN_LINK.finditer(value):
        target = match.group("a") if match.group("a") is not None else match.group("b")
        scheme = _SCHEME.match(target or "")
        if scheme and not (target.lower().startswith(ALLOWED_URL_SCHEMES)):
            raise ValueError(
                f"the text links to {scheme.group('scheme')}:…, which is not allowed; "
                "a link must start with http://, https:// or mailto:"
            )
    return value


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r}; use a name such as 'Europe/Copenhagen'"
        ) from None
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_text_links)]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_url)]
TimeZone = Annotated[str, AfterValidator(_check_timezone)]


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------- course


class Organiser(Model):
    name: Text
    short_name: Text | None = None
    url: Url | None = None


class Element(Model):
    """A titled piece of prose: a bearing element, an activity between sessions."""

    title: Text
    description: Text


class Course(Model):
    title: Text
    short_name: Text
    intro: Text
    organisers: list[Organiser] = Field(min_length=1)
    target_group: Text
    purpose: Text
    bearing_elements: list[Element] = Field(min_length=1)
    rhythm: Text
    between_sessions: list[Element] = Field(min_length=1)


# -------------------------------------------------------------------- session


class SessionFormat(str, enum.Enum):
    kick_off_webinar = "kick-off-webinar"
    workshop = "workshop"
    webinar = "webinar"
    kick_out_webinar = "kick-out-webinar"


class ContentItem(Model):
    title: Text
    description: Text | None = None
    tool: Id | None = None


class Practice(Model):
    """What participants do in their own organisation before the next session."""

    title: Text
    description: Text
    steps: list[Text] = []


class Session(Model):
    id: Id
    title: Text
    format: SessionFormat
    themes: list[Text] = Field(min_length=1)
    summary: Text
    questions: list[Text] = []
    content: list[ContentItem] = []
    tools: list[Id] = []
    preparation: list[Text] = []
    readings: list[Id] = []
    practice: Practice | None = None
    buddy_prompt: Text | None = None

    @property
    def tool_ids(self) -> list[str]:
        """Tools of the content items, then the other tools used; no repeats."""
        seen: dict[str, None] = {}
        for item in self.content:
            if item.tool:
                seen.setdefault(item.tool)
        for tool in self.tools:
            seen.setdefault(tool)
        return list(seen)


# ----------------------------------------------------------------------- tool


class Origin(Model):
    creator: Text
    year: int | None = Field(default=None, ge=1800, le=2100)
    note: Text | None = None


class Tool(Model):
    id: Id
    title: Text
    summary: Text
    description: Text | None = None
    origin: Origin
    use_with_staff: list[Text] = Field(min_length=1)
    questions: list[Text] = []
    readings: list[Id] = []


# -------------------------------------------------------------------- reading


class ReadingKind(str, enum.Enum):
    article = "article"
    website = "website"
    report = "report"
    podcast = "podcast"
    film = "film"
    book = "book"


class Reading(Model):
    id: Id
    title: Text
    creator: Text
    year: int = Field(ge=1800, le=2100)
    kind: ReadingKind
    source: Text | None = None
    url: Url | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "da"
    minutes: int = Field(gt=0, le=6000)
    note: Text


# ------------------------------------------------------------------------ run


class RunSession(Model):
    module: Id
    date: dt.date
    start: dt.time
    end: dt.time
    place: Text | None = None
    online: bool = False
    link: Url | None = None


class Run(Model):
    id: Id
    name: Text
    timezone: TimeZone = "Europe/Copenhagen"
    participants: int | None = Field(default=None, gt=0)
    note: Text | None = None
    sessions: list[RunSession] = Field(min_length=1)
