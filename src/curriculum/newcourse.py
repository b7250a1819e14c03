"""``curriculum init DIR --language da|en``: a new course repository that builds as it is.

It writes only the course, in the chosen language — ``modules/`` (``course.yml`` titled from ``--title``,
one session, one tool, one reading, one run), ``content/`` for the course's own pages, ``mkdocs.yml``
(theme and search in the course's language, the ``curriculum`` plugin), ``mkdocs.instructor.yml``, a
``Makefile``, a ``README.md``, ``requirements.txt`` (the generator pinned to this version) and
``.github/workflows/publish.yml`` (GitHub Pages), ``pull-request.yml`` (a pull request's check), a
``.devcontainer/`` (editing and previewing in a codespace) and a ``.gitignore`` for what the builds make — from
``templates/init/``. No file of the generator:
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

from .say import say
from .messages import Messages, languages
from .vocabulary import has_vocabulary

HIDDEN = "dot-"  # templates/init/dot-github/ is written as .github/
# Where a course repository's settings find its files and build to (a course of a library: ``site_settings``)
FOLDERS = {"modules": "modules", "course": "", "site_dir": "site", "instructor_site_dir": "site-instructor"}


def _settings_words(language: str) -> dict[str, object]:
    """What the settings templates (``mkdocs.yml.j2``, ``mkdocs.instructor.yml.j2``) say in the course's language;
    ``front_page``: the settings of a library's front page instead of a course's site."""
    words = Messages(language)
    return {
        "dark": words("new_course.dark"),
        "light": words("new_course.light"),
        "permalink_title": words("new_course.permalink_title"),
        "front_page": False,
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


def missing(language: str) -> list[str]:
    """What the package lacks to start a course in ``language``, which has a catalogue: its vocabulary and
    its first course (``templates/init/<language>/``), each named with what to do."""
    lacking = []
    if not has_vocabulary(language):
        lacking.append(say("report.init.lacks_vocabulary", language=language))
    if not _templates().joinpath(language).is_dir():
        lacking.append(say("report.init.lacks_templates", language=language))
    return lacking


def planned(language: str, title: str | None = None, today: dt.date | None = None) -> dict[str, bytes]:
    """Every file of the new course (path -> content)."""
    if language not in languages():
        raise InitError(say("report.init.no_words", language=language, languages=", ".join(languages())))
    lacking = missing(language)
    if lacking:
        raise InitError(say("report.init.lacks", language=language, lacking=say("report.init.and").join(lacking)))
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
        version=version(),
        **_settings_words(language),
        **FOLDERS,
    )
    env = _environment()
    files: dict[str, bytes] = {}
    common = [(name, entry) for name, entry in _walk(root) if not _language_folder(root, name.split("/")[0])]
    for name, entry in [*common, *own]:
        text = entry.read_text("utf-8")
        if name.endswith(".j2"):
            name, text = name.removesuffix(".j2"), env.from_string(text).render(**context)
        files[_shown_name(name)] = text.encode("utf-8")
    return files


def _environment() -> Environment:
    return Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)


def site_settings(language: str, title: str, course_id: str, run: str) -> dict[str, bytes]:
    """The settings of the two editions of a course of a library, as ``curriculum init`` writes a course's
    (``mkdocs.yml``, ``mkdocs.instructor.yml``), for ``sites/<id>/``: they name the course and read the
    library's modules folder two levels up, and build into ``site/<id>/`` and ``site-instructor/<id>/``
    (``portfoliosites``). With ``content/`` for the course's own pages."""
    context = dict(
        title=title,
        language=language,
        run=run,
        **_settings_words(language),
        modules="../../modules",
        course=course_id,
        site_dir=f"../../site/{course_id}",
        instructor_site_dir=f"../../site-instructor/{course_id}",
    )
    env, root = _environment(), _templates()
    files = {
        name.removesuffix(".j2"): env.from_string(root.joinpath(name).read_text("utf-8")).render(**context).encode()
        for name in ("mkdocs.yml.j2", "mkdocs.instructor.yml.j2")
    }
    files["content/.gitkeep"] = b""
    return files


def front_page_settings(language: str, title: str) -> bytes:
    """The settings of a library's front page (``mkdocs.yml`` beside ``modules/``), as ``curriculum init`` writes
    a course's: naming no course and no run, so the plugin builds the page that lists the courses."""
    context = dict(
        title=title,
        language=language,
        run="",
        **{**_settings_words(language), "front_page": True},
        modules="modules",
        course=None,
        site_dir="site",
    )
    return (
        _environment().from_string(_templates().joinpath("mkdocs.yml.j2").read_text("utf-8")).render(**context).encode()
    )


def _language_folder(root, name: str) -> bool:
    """``templates/init/<language>/``: a folder with a first course (``modules/``) in it."""
    return root.joinpath(name, "modules").is_dir()


def _shown_name(name: str) -> str:
    return "/".join("." + part.removeprefix(HIDDEN) if part.startswith(HIDDEN) else part for part in name.split("/"))


def version() -> str:
    """The generator's version, as ``requirements.txt`` pins it."""
    return metadata.version("curriculum")


def create(target: Path, language: str, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the new course into ``target`` (an empty or new folder); return the files written."""
    files = planned(language, title, today)
    if target.exists() and any(target.iterdir()):
        raise InitError(say("report.init.not_empty", folder=target))
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
