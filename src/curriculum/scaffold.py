"""`curriculum new`: start a session, tool, reading or run from a commented template in the course's language.

The templates are in ``templates/new/<language>/`` (``da``, ``en``), chosen by ``language:`` in course.yml
(its primary subtag; English for a language without templates of its own). Each validates as it is, and
its comments name the course's own formats and reading kinds. A new run lists the sessions of the run that
starts last with suggested dates (four weeks from today, then the same gaps as that run), that run's times
and places, in its time zone, so it is a working cohort from the first save. All of that is made up, so the
new run is marked an example (``example: true``: the site says so on every page with dates) until the
instructor has made the dates, times and places the cohort's own and removes the mark. Text is written as
typed (``Professionshøjskole``, not ``\u00f8``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel.lists import format_list
from jinja2 import Environment, PackageLoader, StrictUndefined

from .messages import primary
from .say import say
from .visuals.words import slug
from .models import ID_PATTERN
from .sources import Layout
from .course import Curriculum

KINDS = {"session": "sessions", "tool": "tools", "reading": "readings", "run": "runs"}
FALLBACK_LANGUAGE = "en"  # the templates for a course in a language that has none of its own


class ScaffoldError(Exception):
    """The file cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Slot:
    module: str
    date: dt.date
    start: dt.time
    end: dt.time
    online: bool
    place: str | None


def template_language(language: str) -> str:
    """The folder of templates for a course in ``language`` (BCP 47): ``da``, ``en`` (the fallback)."""
    folder = resources.files("curriculum").joinpath("templates/new")
    own = primary(language)
    return own if folder.joinpath(own).is_dir() else FALLBACK_LANGUAGE


def yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML text, its letters as typed (JSON's quoting, which YAML reads, without
    writing ø as \\u00f8)."""
    return json.dumps(value, ensure_ascii=False)


def _environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("curriculum", f"templates/new/{template_language(language)}"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = yaml_text
    return env


def suggested_slots(curriculum: Curriculum, today: dt.date) -> list[Slot]:
    """The sessions of the run that starts last, moved to begin four weeks after ``today``."""
    latest = latest_run(curriculum)
    if latest is None:
        return []
    first = latest.sessions[0].date
    start = today + dt.timedelta(days=28)
    return [Slot(s.module, start + (s.date - first), s.start, s.end, s.online, s.place) for s in latest.sessions]


def latest_run(curriculum: Curriculum):
    """The run that starts last (as the guide says; an example run too); None without runs."""
    runs = list(curriculum.runs.values())
    return max(runs, key=lambda run: (run.sessions[0].date, run.id)) if runs else None


def render(kind: str, new_id: str, curriculum: Curriculum, today: dt.date) -> str:
    formats = list(curriculum.vocabulary.formats)
    kinds = list(curriculum.vocabulary.reading_kinds)
    latest = latest_run(curriculum)
    messages = curriculum.messages
    context: dict = {
        "id": new_id,
        "year": today.year,
        # the course's own words: its formats and reading kinds, listed as its language lists them
        "format": formats[0] if "webinar" not in formats else "webinar",
        "formats": format_list(formats, style="or", locale=messages.locale),
        "reading_kind": "article" if "article" in kinds else kinds[0],
        "reading_kinds": format_list(kinds, style="or", locale=messages.locale),
        "language": primary(curriculum.course.language),
        "timezone": latest.timezone if latest is not None else "Europe/Copenhagen",
    }
    if kind == "run":
        context["slots"] = suggested_slots(curriculum, today)
        context["source"] = latest.id if latest is not None else ""
    return _environment(curriculum.course.language).get_template(f"{kind}.yml.j2").render(**context)


def create(modules_dir: Path, kind: str, new_id: str, curriculum: Curriculum, today: dt.date | None = None) -> Path:
    """Write the template for ``kind`` as ``modules/<kind>s/<id>.yml``; never overwrite a file."""
    if kind not in KINDS:
        raise ScaffoldError(say("report.new.unknown_kind", kind=kind, kinds=", ".join(KINDS)))
    if not ID_PATTERN.match(new_id):
        raise ScaffoldError(say("report.new.bad_id", id=new_id, example=slug(new_id)[:80].strip("-") or "workshop-3"))
    layout = Layout(modules_dir)
    folder = modules_dir / KINDS[kind]
    target = folder / f"{new_id}.yml"
    existing = [p for p in layout.files(KINDS[kind]) if p.stem == new_id]
    if existing:
        raise ScaffoldError(say("report.new.exists", file=layout.display(existing[0])))
    text = render(kind, new_id, curriculum, today or dt.date.today())
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return target
