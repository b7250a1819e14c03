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
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    ValidationInfo,
    field_validator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from . import prose
from .colours import DEFAULT as DEFAULT_COLOUR
from .say import say

ALLOWED_URL_SCHEMES = ("http://", "https://", "mailto:")


def _check_url(value: str) -> str:
    if not value.lower().startswith(ALLOWED_URL_SCHEMES):
        raise ValueError(say("report.models.url_scheme"))
    if any(ch.isspace() for ch in value):
        raise ValueError(say("report.models.url_spaces"))
    if any(unicodedata.category(ch).startswith("C") for ch in value):
        raise ValueError(say("report.models.url_control"))
    return value


def _check_prose(value: str) -> str:
    """Text from a course file follows the prose rule (``curriculum.prose``): emphasis, lists,
    paragraphs and links to http, https and mailto addresses, nothing else."""
    if len(value) > prose.MAX_LENGTH:
        raise ValueError(say("report.models.too_long_text", length=len(value), limit=prose.MAX_LENGTH))
    prose.check(value)  # a RuleError knows where in the text the problem starts
    return value


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except IsADirectoryError:  # a folder of zones
        raise ValueError(say("report.models.zone_group", value=value)) from None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(say("report.models.zone_unknown", value=value)) from None
    return value


CLOCK_PATTERN = r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$"  # 13:00, 9:30 or, in quotes, the Danish 13.00
_CLOCK = re.compile(CLOCK_PATTERN)
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
FIRST_YEAR, LAST_YEAR = 1970, 2199  # of a date in a run: calendars and time zones work in these years


def _parse_clock(value: object) -> object:
    """A time of day as instructors write it: 13:00 (or the Danish 13.00, in quotes)."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, (bool, int, float)):
        raise ValueError(say("report.models.clock_number", value=value))
    match = _CLOCK.match(value.strip()) if isinstance(value, str) else None
    if match:
        return dt.time(int(match[1]), int(match[2]))
    raise ValueError(say("report.models.clock", value=value))


def _parse_day(value: object) -> object:
    """A date as YYYY-MM-DD; a number is never read as a date."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DAY.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError(
                    say("report.models.year", value=value, year=day.year, first=FIRST_YEAR, last=LAST_YEAR)
                )
            return day
    raise ValueError(say("report.models.day", value=value))


Clock = Annotated[dt.time, BeforeValidator(_parse_clock)]
Day = Annotated[dt.date, BeforeValidator(_parse_day)]


ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.pattern, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_prose)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_check_url)]
# A word of the course's vocabulary (a session format, an agenda block kind, a reading kind): lowercase
# letters of any alphabet (oplæg, rollespil), digits and hyphens.
WORD_PATTERN = r"^[a-z0-9æøåäöüéèáàíóúñç]+(?:-[a-z0-9æøåäöüéèáàíóúñç]+)*$"
Word = Annotated[str, StringConstraints(pattern=WORD_PATTERN, max_length=60)]
# A language as a BCP 47 tag: da, en, en-GB.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]


NOT_IN_VOCABULARY = {
    "formats": "report.models.not_in_vocabulary_formats",
    "agenda_kinds": "report.models.not_in_vocabulary_agenda_kinds",
    "reading_kinds": "report.models.not_in_vocabulary_reading_kinds",
}


def _in_vocabulary(value: str, info: ValidationInfo, vocabulary_list: str) -> str:
    """A word of the course's vocabulary, when validation is given it (``context={"vocabulary": ...}``):
    the session format, agenda kind or reading kind must be one the course declares."""
    context = info.context or {}
    vocabulary = context.get("vocabulary")
    if vocabulary is None:
        return value
    known = list(getattr(vocabulary, vocabulary_list))
    if value not in known:
        from .problems import did_you_mean

        raise ValueError(
            say(
                NOT_IN_VOCABULARY[vocabulary_list],
                value=value,
                hint=did_you_mean(value, known),
                known=", ".join(known),
                course_file=context.get("course_file", "modules/course.yml"),
            )
        )
    return value


TimeZone = Annotated[str, AfterValidator(_check_timezone)]


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable.

    ``defer_build``: a model's validator is made when a file is first validated with it, not when the class
    is made. Only the models of whole files (a session, a tool, the course …) are ever validated with, so
    the models inside them are built once, as part of those, instead of once more each on their own (about
    20 ms less for a build, measured)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


#: The mark of a field that only the instructor edition shows (``curriculum.editions``).
INSTRUCTOR_ONLY = "instructor_only"


def instructor_only(default: Any = None) -> Any:
    """A field for instructors only: the participant edition is built from models with it emptied,
    so no page, search index or generated file of that edition can contain it."""
    return Field(default=default, json_schema_extra={INSTRUCTOR_ONLY: True})


# --------------------------------------------------------------------- course


class Organiser(Model):
    name: Text
    short_name: Text | None = None
    url: Url | None = None


_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(say("report.models.email", value=value))
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_check_email)]

COLOUR_PATTERN = r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$"  # #rgb or #rrggbb (no "|": the reference prints it in a table)
_COLOUR = re.compile(COLOUR_PATTERN)


def _parse_colour(value: object) -> object:
    """A colour as ``#rrggbb`` (or ``#rgb``), in quotes: unquoted, YAML reads ``#`` as a comment (None)."""
    if value is None:
        raise ValueError(say("report.models.colour_unquoted"))
    if not isinstance(value, str) or not _COLOUR.match(value.strip()):
        raise ValueError(say("report.models.colour", value=value))
    return value.strip().lower()


# The course's colour (curriculum.colours makes it readable in both palettes).
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN), BeforeValidator(_parse_colour)]


class Licence(Model):
    """The licence the course material is published under, shown in every page's footer."""

    name: Text
    url: Url | None = None


class Element(Model):
    """A titled piece of prose: a bearing element, an activity between sessions."""

    title: Text
    description: Text


class FormatEntry(Model):
    """A session format of the course's vocabulary: its display name and whether sessions of that
    format are numbered in a run ("Workshop 2") or not ("Eksamen")."""

    id: Word
    name: Text
    numbered: bool = True


class KindEntry(Model):
    """A kind of agenda block of the course's vocabulary."""

    id: Word
    name: Text


class ReadingKindEntry(Model):
    """A kind of reading of the course's vocabulary; ``plural`` heads its group in the reading list."""

    id: Word
    name: Text
    plural: Text | None = None


VocabularyList = Literal["formats", "agenda_kinds", "reading_kinds"]


class Vocabulary(Model):
    """The course's words for formats, agenda kinds and reading kinds. Each list adds to (or renames,
    by id) the built-in defaults of the course's language; a list named in ``replace`` replaces them."""

    formats: list[FormatEntry] = []
    agenda_kinds: list[KindEntry] = []
    reading_kinds: list[ReadingKindEntry] = []
    replace: list[VocabularyList] = []


class Course(Model):
    title: Text
    language: Language = "da"  # BCP 47; chooses the generator's words, dates and page addresses
    short_name: Text
    intro: Text
    organisers: list[Organiser] = Field(min_length=1)
    target_group: Text
    purpose: Text
    bearing_elements: list[Element] = Field(min_length=1)
    rhythm: Text
    between_sessions: list[Element] = Field(min_length=1)
    buddy_scheme: Text | None = None  # what the buddy scheme is for; shown on the buddy page
    vocabulary: Vocabulary | None = None
    contact: Email | None = None  # where participants write to the course; every page's footer
    licence: Licence | None = None  # the material's licence; every page's footer
    colour: Colour = DEFAULT_COLOUR  # the site's colour (header, links); made readable in both palettes


# -------------------------------------------------------------------- session


class ContentItem(Model):
    title: Text
    description: Text | None = None
    tool: Id | None = None


class AgendaBlock(Model):
    """One block of a session's agenda; its clock time comes from the run's start time."""

    minutes: int = Field(gt=0, le=600)
    kind: Word  # one of the course's agenda kinds (vocabulary)
    title: Text
    facilitation: Text | None = instructor_only()  # how to run the block: notes for the instructor

    @field_validator("kind")
    @classmethod
    def _kind_in_vocabulary(cls, value: str, info: ValidationInfo) -> str:
        return _in_vocabulary(value, info, "agenda_kinds")


class InstructorNotes(Model):
    """A session's notes for instructors: their own preparation, materials, what to watch for and
    lessons from earlier runs. Shown only in the instructor edition."""

    preparation: list[Text] = []
    materials: list[Text] = []
    watch_for: list[Text] = []
    lessons: list[Text] = []


class Practice(Model):
    """What participants do in their own organisation before the next session."""

    title: Text
    description: Text
    steps: list[Text] = []


class LogbookKind(str, enum.Enum):
    """A kind of prompt in the participant's logbook (``curriculum.logbook``); the values are the words
    instructors write."""

    case = "case"  # the participant's case (one per run)
    goals = "goals"  # one to three learning goals (one set per run)
    notes = "notes"  # "Til næste møde": questions and reflections to bring
    practice = "practice"  # a log of the session's practice task
    review = "review"  # each learning goal revisited on a simple scale, with a note
    question = "question"  # a question of the session's own, answered in free text


class LogbookPrompt(Model):
    """One prompt of a session's logbook; ``prompt`` words it in the session's own way."""

    kind: LogbookKind
    prompt: Text | None = None

    @model_validator(mode="after")
    def _question_is_worded(self) -> LogbookPrompt:
        if self.kind is LogbookKind.question and not self.prompt:
            raise ValueError(say("report.models.question_unworded"))
        return self


def _one_of_each_kind(prompts: list[LogbookPrompt]) -> list[LogbookPrompt]:
    seen: set[LogbookKind] = set()
    for prompt in prompts:
        if prompt.kind in seen and prompt.kind is not LogbookKind.question:
            raise ValueError(say("report.models.logbook_kind_twice", kind=prompt.kind.value))
        seen.add(prompt.kind)
    return prompts


class Session(Model):
    id: Id
    title: Text
    format: Word  # one of the course's session formats (vocabulary)
    themes: list[Text] = Field(min_length=1)
    summary: Text
    questions: list[Text] = []
    content: list[ContentItem] = []
    tools: list[Id] = []
    preparation: list[Text] = []
    readings: list[Id] = []
    practice: Practice | None = None
    buddy_prompt: Text | None = None
    agenda: list[AgendaBlock] = []  # timed blocks; the run's start time puts them on the clock
    instructor: InstructorNotes | None = instructor_only()
    # Sessions and tools this session relies on having come before it in a run (``curriculum check`` says when
    # a run does not have them first): what a session of the library takes for granted.
    builds_on: list[Id] = []
    # The logbook's prompts on this session's page; None: the defaults of ``curriculum.logbook``, []: none.
    logbook: Annotated[list[LogbookPrompt], AfterValidator(_one_of_each_kind)] | None = None

    @field_validator("format")
    @classmethod
    def _format_in_vocabulary(cls, value: str, info: ValidationInfo) -> str:
        return _in_vocabulary(value, info, "formats")

    @property
    def agenda_minutes(self) -> int:
        return sum(block.minutes for block in self.agenda)

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
    sources: Text | None = instructor_only()  # what our source material says (or not) about the tool


# Visuals of a tool (drawn by ``curriculum.visuals`` as inline SVG). ``kind`` chooses the picture. Each
# kind's model lives with its checks and layout in its own module (``curriculum.visuals.<kind>``); the
# registry (``curriculum.visuals.kinds``) joins them into one type. Those modules build on the models
# above this line (``Model``, ``Text``, ``Id``, ``VisualPart``, ``VisualModel``), so the registry is loaded
# here, after them.


class VisualPart(Model):
    """A named part of a visual: a radar sector or ring, a wheel area, a phase, a lane."""

    id: Id | None = None  # how other fields refer to it; made from the name when left out
    name: Text
    description: Text | None = None


class VisualModel(Model):
    """What the model of every kind of picture has; each kind names its own ``kind: Literal[...]``."""

    kind: str
    title: Text | None = None
    note: Text | None = None


from .visuals.kinds import visual_type  # noqa: E402

if TYPE_CHECKING:
    Visual: TypeAlias = VisualModel  # for mypy: one of the kinds' models (made at run time)
else:
    Visual = visual_type()


class Tool(Model):
    id: Id
    title: Text
    summary: Text
    description: Text | None = None
    origin: Origin
    use_with_staff: list[Text] = []  # how to use it in practice; the heading is the message tool.use_heading
    questions: list[Text] = []
    readings: list[Id] = []
    visual: Visual | None = None  # a picture of the tool, see curriculum.visuals


# -------------------------------------------------------------------- reading


class Reading(Model):
    id: Id
    title: Text
    creator: Text
    year: int = Field(ge=1800, le=2100)
    kind: Word  # one of the course's reading kinds (vocabulary)
    source: Text | None = None
    url: Url | None = None
    language: Language | None = None  # None: the course's language
    minutes: int | None = Field(default=None, gt=0, le=6000)  # unknown: `curriculum check` warns
    note: Text

    @field_validator("kind")
    @classmethod
    def _kind_in_vocabulary(cls, value: str, info: ValidationInfo) -> str:
        return _in_vocabulary(value, info, "reading_kinds")


# ------------------------------------------------------------------------ run


class RunSession(Model):
    module: Id
    date: Day
    start: Clock
    end: Clock
    place: Text | None = None
    online: bool = False
    link: Url | None = None


class BuddyMeeting(Model):
    """A buddy meeting fixed in advance; it must lie between two sessions of the run."""

    date: Day
    start: Clock
    end: Clock
    place: Text | None = None
    online: bool = False  # neither place nor online: the pages say that the group agrees on the place
    link: Url | None = None


class BuddyGroup(Model):
    """A peer group: members (people, teams or organisations), an optional shared focus, fixed meetings.
    A group of one member is allowed; `curriculum check` warns about it."""

    id: Id
    focus: Text | None = None
    members: list[Text] = Field(min_length=1)
    participants: list[Text] = []
    meetings: list[BuddyMeeting] = []


class Buddy(Model):
    note: Text | None = None
    groups: list[BuddyGroup] = Field(min_length=1)


class Run(Model):
    id: Id
    name: Text
    example: bool = False  # an example run: the site says so on every page that shows dates
    # real dates, but example times, places and agendas: marked as examples wherever they are shown
    example_times: bool = False
    timezone: TimeZone = "Europe/Copenhagen"
    participants: int | None = Field(default=None, gt=0)
    note: Text | None = None
    revision: int = Field(default=0, ge=0, le=10_000)  # SEQUENCE in the calendar files
    revised: Day | None = None  # the day of the latest revision; DTSTAMP in the calendar files
    sessions: list[RunSession] = Field(min_length=1)
    buddy: Buddy | None = None


# ----------------------------------------------------------------- evaluation
# modules/evaluation/plan.yml: how the course is evaluated (undated; the run gives the dates);
# modules/evaluation/results/<id>.yml: one run's results, per questionnaire item.


class EvaluationMethodKind(str, enum.Enum):
    questionnaire = "questionnaire"
    observation = "observation"
    interview = "interview"


class Moment(str, enum.Enum):
    """When a touchpoint happens relative to its session."""

    before = "before"
    during = "during"
    after = "after"


class Touchpoint(Model):
    """Where a method meets the run: at the sessions named (session module ids) or at every session."""

    sessions: list[Id] = []
    every_session: bool = False
    moment: Moment = Moment.during
    what: Text


class EvaluationMethod(Model):
    id: Id
    kind: EvaluationMethodKind
    title: Text
    description: Text
    touchpoints: list[Touchpoint] = Field(min_length=1)
    procedure: list[Text] = instructor_only([])  # how the instructors carry it out


class QuestionnaireItem(Model):
    id: Id
    label: Text | None = None  # as the report numbers it, e.g. "2A"; default: the id in capitals
    text: Text


class ItemGroup(Model):
    """Questionnaire items that measure one aim; the results show one chart per group."""

    id: Id
    title: Text
    aim: Text | None = None
    items: list[QuestionnaireItem] = Field(min_length=1)


class EvaluationPlan(Model):
    title: Text
    intro: Text
    methods: list[EvaluationMethod] = Field(min_length=1)
    questionnaire: list[ItemGroup] = []


class OtherAnswer(Model):
    answer: Text
    percent: float = Field(ge=0, le=100)


class ItemResult(Model):
    """One questionnaire item's result; leave out ``percent`` when the source gives no figure."""

    item: Id
    percent: float | None = Field(default=None, ge=0, le=100)
    other: list[OtherAnswer] = []  # further shares the source states, e.g. 'Ved ikke'
    note: Text | None = None


class Recommendation(Model):
    title: Text
    description: Text | None = None
    action: Text | None = None  # what to do for the next run


class Results(Model):
    """The evaluation results of one run: a percentage per questionnaire item, and recommendations."""

    id: Id
    run: Id
    title: Text
    source: Text  # where the figures come from
    url: Url | None = None
    measure: Text  # what the percentages mean
    respondents: int | None = Field(default=None, gt=0)
    items: list[ItemResult] = Field(min_length=1)
    recommendations: list[Recommendation] = instructor_only([])


class Portfolio(Model):
    """``modules/portfolio.yml`` of a library of courses: its front page's title, language and introduction,
    and what its footer says: who publishes it (its own organisers, else every course's), where to write, the
    licence (``frontpage``)."""

    title: Text
    language: Language = "da"
    intro: Text | None = None
    short_name: Text | None = None  # the header's title on a phone (below 600 px), as course.yml's
    colour: Colour = DEFAULT_COLOUR  # the front page's colour, as course.yml's (its courses have their own)
    organisers: list[Organiser] = []
    contact: Email | None = None
    licence: Licence | None = None
