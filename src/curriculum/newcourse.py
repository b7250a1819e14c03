"""``curriculum init DIR --language da|en``: a new course repository that builds as it is.

It writes only the course, in the chosen language — ``modules/`` (``course.yml`` titled from ``--title``,
one session, one tool, one reading, one run), ``content/`` for the course's own pages, ``mkdocs.yml``
(theme and search in the course's language, the ``curriculum`` plugin), ``mkdocs.instructor.yml``, a
``Makefile``, a ``README.md``, ``requirements.txt`` (the generator pinned to this version) and
``.github/workflows/publish.yml`` (GitHub Pages) — from ``templates/init/``. No file of the generator:
the plugin serves the theme overrides, style sheets and scripts from the installed package
(``curriculum.assets``), so upgrading the generator upgrades them. It never overwrites a file.

``templates/init/`` holds the files every course gets (rendered when named ``*.j2``) and, in ``<language>/``,
those in the course's language; a path part ``dot-x`` is written as ``.x`` (package data leaves out hidden
files). A new file for every course is a new file there.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata, resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .messages import languages

DEFAULT_TITLES = {"da": "Nyt kursus", "en": "New course"}
# The names of the theme's light/dark switch and of a heading's link: mkdocs.yml's own words, in the course's language.
PALETTE = {
    "da": {"dark": "Skift til mørkt tema", "light": "Skift til lyst tema", "permalink_title": "Link til dette afsnit"},
    "en": {"dark": "Switch to dark mode", "light": "Switch to light mode", "permalink_title": "Link to this section"},
}
HIDDEN = "dot-"  # templates/init/dot-github/ is written as .github/


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
    """Every file of the new course (path -> content)."""
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
        version=version(),
        **PALETTE.get(language, PALETTE["en"]),
    )
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    files: dict[str, bytes] = {}
    root = _templates()
    common = [(name, entry) for name, entry in _walk(root) if name.split("/")[0] not in languages()]
    for name, entry in [*common, *_walk(root.joinpath(language))]:
        text = entry.read_text("utf-8")
        if name.endswith(".j2"):
            name, text = name.removesuffix(".j2"), env.from_string(text).render(**context)
        files[_shown_name(name)] = text.encode("utf-8")
    return files


def _shown_name(name: str) -> str:
    return "/".join("." + part.removeprefix(HIDDEN) if part.startswith(HIDDEN) else part for part in name.split("/"))


def version() -> str:
    """The generator's version, as ``requirements.txt`` pins it."""
    return metadata.version("curriculum")


def create(target: Path, language: str, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the new course into ``target`` (an empty or new folder); return the files written."""
    files = planned(language, title, today)
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; choose a new folder for the course")
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
