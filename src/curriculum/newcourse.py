"""``curriculum init DIR --language da|en``: a new course repository that builds as it is.

It writes a complete minimal course in the chosen language — ``modules/course.yml`` (titled from
``--title``), one session, one tool, one reading, one run, ``mkdocs.yml`` (theme and search in
the course's language), ``mkdocs.instructor.yml`` (its title made from the course by the hook),
a ``Makefile`` and a ``README.md`` — from ``templates/init/``, and copies the MkDocs hook, the theme's
``overrides/`` and the site's style sheets and scripts from the package (``project/``). It reads nothing
but the package's own resources (``importlib.resources``), so it works from any install, editable or not.
It never overwrites a file.

``src/curriculum/project/`` holds links to this repository's own ``hooks/``, ``overrides/``,
``content/stylesheets/`` and ``content/javascripts/``: the KDL site and every new course use the same
files, kept once; a built wheel holds copies of them (pyproject.toml's package data).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .messages import Messages, languages
from .vocabulary import has_vocabulary

#: What every course repository takes from the generator, as the package holds it in ``project/``: the
#: same paths in the new course (mkdocs.yml names them there).
SHARED = ("hooks/curriculum_hook.py", "overrides", "content/stylesheets", "content/javascripts")
#: The kinds of file shipped under ``project/`` (pyproject.toml's package data): nothing else is copied.
SHIPPED = (".py", ".html", ".css", ".js")


class InitError(Exception):
    """The course cannot be created; the message says why and what to do."""


def _templates() -> resources.abc.Traversable:
    return resources.files("curriculum").joinpath("templates/init")


def shared() -> dict[str, bytes]:
    """The files every course takes from the generator (path in the course -> content), read from the
    package: the MkDocs hook, the theme's overrides, the style sheets and the scripts."""
    project = resources.files("curriculum").joinpath("project")
    files: dict[str, bytes] = {}
    for name in SHARED:
        entry = project.joinpath(name)
        if entry.is_file():
            files[name] = entry.read_bytes()
        elif entry.is_dir():
            files.update({f"{name}/{sub}": e.read_bytes() for sub, e in _walk(entry) if sub.endswith(SHIPPED)})
    missing = [name for name in SHARED if not any(path == name or path.startswith(name + "/") for path in files)]
    if missing:
        raise InitError(
            f"the generator's package lacks {', '.join(missing)} (curriculum/project/); reinstall the generator"
        )
    return files


def _walk(folder, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, name + "/")
        else:
            yield name, entry


def missing(language: str) -> list[str]:
    """What the package lacks to start a course in ``language``, which has a catalogue: its vocabulary and
    its first course (``templates/init/<language>/``), each named with what to do."""
    lacking = []
    if not has_vocabulary(language):
        lacking.append(f"vocabularies/{language}.yml (its formats, agenda kinds and reading kinds: copy en.yml)")
    if not _templates().joinpath(language).is_dir():
        lacking.append(f"templates/init/{language}/ (the new course's first files: copy templates/init/en/)")
    return lacking


def planned(language: str, title: str | None = None, today: dt.date | None = None) -> dict[str, bytes]:
    """Every file of the new course (path -> content), without the files copied from the generator."""
    if language not in languages():
        raise InitError(f"there are no words for the language {language!r}; use one of: {', '.join(languages())}")
    lacking = missing(language)
    if lacking:
        raise InitError(
            f"the generator has words for the language {language!r} (catalogues/{language}.yml) but lacks "
            f"{' and '.join(lacking)} in src/curriculum/; README, 'Language and vocabulary', lists what a "
            "language needs"
        )
    words = Messages(language)
    title = title or words("new_course.title")
    start = (today or dt.date.today()) + dt.timedelta(days=28)
    root = _templates()
    own = list(_walk(root.joinpath(language)))
    runs = [name for name, _ in own if name.startswith("modules/runs/")]
    context = dict(
        title=title,
        language=language,
        short_name="".join(w[0] for w in title.split()).upper(),
        first_date=start.isoformat(),
        run=runs[0].removeprefix("modules/runs/").split(".")[0] if runs else "",  # its file's name is its id
        dark=words("new_course.dark"),
        light=words("new_course.light"),
        permalink_title=words("new_course.permalink_title"),
    )
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    files: dict[str, bytes] = {}
    for name, entry in [*own, *((n, e) for n, e in _walk(root) if "/" not in n)]:
        text = entry.read_text("utf-8")
        if name.endswith(".j2"):
            name, text = name.removesuffix(".j2"), env.from_string(text).render(**context)
        files[name] = text.encode("utf-8")
    return files


def create(target: Path, language: str, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the new course into ``target`` (an empty or new folder); return the files written."""
    files = {**planned(language, title, today), **shared()}
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; choose a new folder for the course")
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
