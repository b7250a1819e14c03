"""``curriculum library [ID]``: a repository of one course becomes a library of courses, with that course as its
first course (``portfolio``), so that the next course can share its sessions, tools and readings (``curriculum
new course``). Run in the repository (the folder of ``mkdocs.yml`` and ``modules/``):

- ``modules/sessions/``, ``tools/`` and ``readings/`` move to ``modules/library/``: shared from now on;
- everything else of ``modules/`` (``course.yml``, ``runs/``, ``messages.yml``, ``evaluation/`` ...) moves to
  ``modules/courses/ID/``; ID is by default the name the course's browser storage keys and calendar UIDs have
  (its short name's letters and digits), which in a library are its id: another id is allowed and said to
  change them (participants' saved notes and self-assessments are not found, subscribed calendars get the
  events anew);
- ``content/`` (the course's own pages) moves to ``sites/ID/content/``, and the course's two settings files are
  written into ``sites/ID/`` as ``curriculum new course`` writes them, naming the run the old settings named;
  the old ``mkdocs.yml`` and ``mkdocs.instructor.yml`` are kept beside them as ``old-mkdocs.yml`` and
  ``old-mkdocs.instructor.yml``, to carry over what was changed in them by hand (MkDocs reads neither);
- the front page gets ``modules/portfolio.yml`` (the course's title and short name, to change, its language and colour) and its settings,
  ``mkdocs.yml``, with an empty ``content/``.

Everything is checked before anything moves (a folder that is not a repository of one valid course, an id that
is not an id, a name already taken); the library is validated afterwards. Files are moved, never copied, so
nothing of the course is left twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from . import portfolio
from .colours import DEFAULT as DEFAULT_COLOUR
from .course import Curriculum, storage_name
from .engine import choose_run
from .messages import Messages
from .newcourse import front_page_settings, site_settings
from .portfoliosites import SITES
from .say import say
from .settings import SettingsError, load_config, option
from .sources import SHARED
from .validation import load_curriculum
from .visuals.words import slug

SETTINGS = ("mkdocs.yml", "mkdocs.instructor.yml")
CONTENT = "content"


class LibraryError(Exception):
    """The repository cannot become a library as it is; the message says why and what to do."""


def convert(root: Path, course_id: str | None, environ: Mapping[str, str]) -> tuple[Path, str | None]:
    """Make the repository in ``root`` a library with its course as ``courses/<course_id>/``: by default the name
    its browser storage keys and calendar UIDs already have (``storage_name``), so that what participants saved
    in their browsers and the calendars they subscribed to stay theirs. Returns the course's folder and, when
    another id was chosen, the name those keys had (they change with it). Raises ``LibraryError`` (nothing
    moved), or ``CurriculumError`` for the course's problems (nothing moved)."""
    modules = root / "modules"
    if not (modules / "course.yml").is_file():
        raise LibraryError(say("report.library.not_one_course", modules=modules))
    curriculum = load_curriculum(modules)  # a course with problems is fixed first, where it is
    kept = storage_name(curriculum.course)
    course_id = course_id or kept
    if not portfolio.COURSE_ID.match(course_id):
        raise LibraryError(say("report.new.bad_id", id=course_id, example=slug(course_id)[:80].strip("-")))
    own, site = modules / portfolio.COURSES / course_id, root / SITES / course_id
    for path in (
        modules / portfolio.LIBRARY,
        modules / portfolio.COURSES,
        modules / portfolio.FRONT_PAGE,
        root / SITES,
    ):
        if path.exists():
            raise LibraryError(say("report.library.taken", path=path))
    run = _run(root, curriculum, environ)
    language, title = curriculum.course.language, curriculum.course.title

    library = modules / portfolio.LIBRARY
    library.mkdir()
    for kind in SHARED:
        if (modules / kind).exists():
            (modules / kind).rename(library / kind)
    own.mkdir(parents=True)
    for entry in sorted(modules.iterdir()):
        if entry.name not in (portfolio.LIBRARY, portfolio.COURSES):
            entry.rename(own / entry.name)
    site.mkdir(parents=True)
    if (root / CONTENT).is_dir():
        _move_keeping_links(root / CONTENT, site / CONTENT)
    for name in SETTINGS:
        if (root / name).is_file():
            (root / name).rename(site / f"old-{name}")
    for name, data in site_settings(language, title, course_id, run).items():
        if not (site / name).exists():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_bytes(data)
    front_page = _front_page(language, title, curriculum.course.short_name, curriculum.course.colour)
    (modules / portfolio.FRONT_PAGE).write_text(front_page, encoding="utf-8")
    (root / "mkdocs.yml").write_bytes(front_page_settings(language, title))
    (root / CONTENT).mkdir(exist_ok=True)
    (root / CONTENT / ".gitkeep").touch()
    load_curriculum(modules, course_id)  # validated as a course of the library
    return own, (kept if course_id != kept else None)


def _move_keeping_links(source: Path, target: Path) -> None:
    """Move the folder ``source`` to ``target``; a link in it written relative to its folder (KDL's repository
    links its style sheets into the generator's package) is written again to lead where it led."""
    links = {}
    for path in source.rglob("*"):
        if path.is_symlink() and not os.path.isabs(os.readlink(path)):
            links[path.relative_to(source)] = os.path.normpath(path.parent / os.readlink(path))
    source.rename(target)
    for relative, leads_to in links.items():
        link = target / relative
        link.unlink()
        link.symlink_to(os.path.relpath(leads_to, link.parent))


def _run(root: Path, curriculum: Curriculum, environ: Mapping[str, str]) -> str:
    """The run the old settings build (``extra.curriculum.run``), else the only one there is."""
    try:
        settings = load_config(root / "mkdocs.yml", environ) if (root / "mkdocs.yml").is_file() else {}
    except SettingsError:
        settings = {}
    return choose_run(curriculum, option(settings, "run"))


def _front_page(language: str, title: str, short_name: str, colour: str) -> str:
    """``modules/portfolio.yml``: the front page's title and short name (the course's, to change), language and
    colour (the course's, so that the front page looks like the site it leads to)."""
    words = Messages(language)
    return (
        f"# {words('new_library.portfolio_comment')}\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"  # YAML strings, whatever the names hold
        f"short_name: {json.dumps(short_name, ensure_ascii=False)}\n"
        f"language: {language}\n"
        + (f'colour: "{colour}"\n' if colour != DEFAULT_COLOUR else "")
        + f"# intro: {words('new_library.intro_example')}\n"
    )
