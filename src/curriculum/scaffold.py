"""`curriculum new`: start a session, tool, reading or run from a commented Danish template.

Each template validates as it is. A new run lists the sessions of the latest run with
suggested dates (four weeks from today, then the same gaps as that run), so it is a
working cohort from the first save; the instructor then corrects the dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .models import ID_PATTERN
from .sources import Layout
from .validation import Curriculum

KINDS = {"session": "sessions", "tool": "tools", "reading": "readings", "run": "runs"}


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


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("curriculum", "templates/new"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def suggested_slots(curriculum: Curriculum, today: dt.date) -> list[Slot]:
    """The sessions of the real run that starts last (example runs only when there is no other), moved to
    begin four weeks after ``today``."""
    real = [run for run in curriculum.runs.values() if not run.example] or list(curriculum.runs.values())
    latest = max(real, key=lambda run: run.sessions[0].date)
    first = latest.sessions[0].date
    start = today + dt.timedelta(days=28)
    return [Slot(s.module, start + (s.date - first), s.start, s.end, s.online, s.place) for s in latest.sessions]


def render(kind: str, new_id: str, curriculum: Curriculum, today: dt.date) -> str:
    formats = list(curriculum.vocabulary.formats)
    context: dict = {
        "id": new_id,
        "year": today.year,
        "format": formats[0] if "webinar" not in formats else "webinar",
        "formats": ", ".join(formats),
    }  # the course's own formats
    if kind == "run":
        context["slots"] = suggested_slots(curriculum, today)
    return _environment().get_template(f"{kind}.yml.j2").render(**context)


def create(modules_dir: Path, kind: str, new_id: str, curriculum: Curriculum, today: dt.date | None = None) -> Path:
    """Write the template for ``kind`` as ``modules/<kind>s/<id>.yml``; never overwrite a file."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    if not ID_PATTERN.match(new_id):
        raise ScaffoldError(
            f"{new_id!r} is not a valid id; use lowercase letters a-z, digits and hyphens, "
            "e.g. 'workshop-3' (write æ, ø, å as ae, oe, aa)"
        )
    layout = Layout(modules_dir)
    folder = modules_dir / KINDS[kind]
    target = folder / f"{new_id}.yml"
    existing = [p for p in layout.files(KINDS[kind]) if p.stem == new_id]
    if existing:
        raise ScaffoldError(f"{layout.display(existing[0])} already exists; choose another id or edit that file")
    text = render(kind, new_id, curriculum, today or dt.date.today())
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return target
