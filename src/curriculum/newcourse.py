"""``curriculum init DIR --language da|en``: a new course repository that builds as it is.

It writes a complete minimal course in the chosen language — ``modules/course.yml`` (titled from
``--title``), one session, one tool, one reading, one run, ``mkdocs.yml`` (theme and search in
the course's language), ``mkdocs.instructor.yml`` (its title made from the course by the hook),
a ``Makefile`` and a ``README.md`` — from ``templates/init/``, and copies the MkDocs hook and the
site's style sheets and scripts from the generator's repository. It never overwrites a file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .messages import languages

#: The generator's repository (src/curriculum/ -> the repository), which holds the MkDocs hook and the
#: site's style sheets and scripts; an editable install (`make`) keeps it beside the package.
GENERATOR_ROOT = Path(__file__).resolve().parents[2]
SHARED = ("hooks/curriculum_hook.py", "overrides", "content/stylesheets", "content/javascripts")
DEFAULT_TITLES = {"da": "Nyt kursus", "en": "New course"}
# The names of the theme's light/dark switch: mkdocs.yml's own words, in the course's language.
PALETTE = {
    "da": {"dark": "Skift til mørkt tema", "light": "Skift til lyst tema"},
    "en": {"dark": "Switch to the dark theme", "light": "Switch to the light theme"},
}


class InitError(Exception):
    """The course cannot be created; the message says why and what to do."""


def _templates() -> resources.abc.Traversable:
    return resources.files("curriculum").joinpath("templates/init")


def _walk(folder, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, name + "/")
        else:
            yield name, entry


def planned(language: str, title: str | None = None, today: dt.date | None = None) -> dict[str, bytes]:
    """Every file of the new course (path -> content), without the files copied from the generator."""
    if language not in languages():
        raise InitError(f"there are no words for the language {language!r}; use one of: {', '.join(languages())}")
    title = title or DEFAULT_TITLES.get(language, "New course")
    start = (today or dt.date.today()) + dt.timedelta(days=28)
    context = dict(
        title=title,
        language=language,
        short_name="".join(w[0] for w in title.split()).upper(),
        first_date=start.isoformat(),
        run="foerste-hold" if language == "da" else "first-cohort",
        **PALETTE.get(language, PALETTE["en"]),
    )
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    files: dict[str, bytes] = {}
    root = _templates()
    for name, entry in [*_walk(root.joinpath(language)), *((n, e) for n, e in _walk(root) if "/" not in n)]:
        text = entry.read_text("utf-8")
        if name.endswith(".j2"):
            name, text = name.removesuffix(".j2"), env.from_string(text).render(**context)
        files[name] = text.encode("utf-8")
    return files


def create(target: Path, language: str, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the new course into ``target`` (an empty or new folder); return the files written."""
    files = planned(language, title, today)
    missing = [name for name in SHARED if not (GENERATOR_ROOT / name).exists()]
    if missing:
        raise InitError(
            f"the generator's {', '.join(missing)} cannot be found beside the package in "
            f"{GENERATOR_ROOT}; install the generator from its repository (pip install -e)"
        )
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; choose a new folder for the course")
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for name in SHARED:
        source, dest = GENERATOR_ROOT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
            written.extend(p for p in dest.rglob("*") if p.is_file())
        else:
            shutil.copy2(source, dest)
            written.append(dest)
    return written
