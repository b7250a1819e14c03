"""``curriculum sites [--course ID] [--list] [--handbook-pdf[=required]]``: every site of a library of courses,
built as one (``make site``).

A repository whose ``modules/`` is a library of courses (``portfolio``) keeps the settings of each course's
site in ``sites/<id>/`` — ``mkdocs.yml`` and ``mkdocs.instructor.yml``, written by ``curriculum new course``
(``newcourse.site_settings``) — and the front page's in ``mkdocs.yml`` beside ``modules/`` (a build that names
no course: ``frontpage``). ``plan`` lists the builds and checks that each course has its settings and that
they name it; ``build`` runs ``mkdocs build --strict`` for each (a process of its own, as ``make site`` runs
it: this module never imports MkDocs) into a folder beside the result, and only when every build succeeded
replaces ``site/`` (the front page, each course's participant edition in ``site/<id>/``) and
``site-instructor/`` (each course's instructor edition in ``site-instructor/<id>/``). With ``--course ID``
only that course's two folders are replaced. ``$SITE_URL`` (the published address of the front page) is
handed to a course's build as the address of its folder.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import buildcache, portfolio, usage
from .problems import CurriculumError, Problem
from .say import language_of, say
from .settings import SettingsError, load_config, option, where

SITES = "sites"  # sites/<id>/mkdocs.yml: the settings of a course's site
EDITIONS = {"participant": ("mkdocs.yml", "site"), "instructor": ("mkdocs.instructor.yml", "site-instructor")}
FRONT_PAGE_SETTINGS = "mkdocs.yml"
STAGING = ".sites-build"  # the builds go here first; the result replaces site/ and site-instructor/


@dataclass(frozen=True)
class Build:
    """One ``mkdocs build``: its settings file and the folder it builds into (both relative to the repository)."""

    config: Path
    out: Path
    course: str | None  # None: the library's front page


def language(root: Path, course: str | None) -> str:
    """The language the command speaks: the named course's, else the front page's (portfolio.yml)."""
    modules = root / "modules"
    if course is None and portfolio.has_front_page(modules):
        return language_of(modules / portfolio.FRONT_PAGE)
    return portfolio.language(modules, course)


def plan(root: Path, course: str | None = None, environ: Mapping[str, str] | None = None) -> list[Build]:
    """The builds of the library in ``root``: the front page first (it fills ``site/``), then each course's
    two editions; only the named course's when ``course`` is given. ``CurriculumError`` names every course
    whose settings are missing or name another course, and a folder that is not a library."""
    modules = root / "modules"
    if not portfolio.is_portfolio(modules):
        raise CurriculumError([_problem(modules, "report.sites.not_a_library")])
    if course is not None:
        portfolio.layout(modules, course)  # a course that is not there, with the courses that are
    ids = [course] if course is not None else portfolio.course_ids(modules)
    builds, problems = [], []
    if course is None and portfolio.has_front_page(modules):
        if not (root / FRONT_PAGE_SETTINGS).is_file():
            problems.append(_problem(root / FRONT_PAGE_SETTINGS, "report.sites.no_front_page"))
        builds.append(Build(Path(FRONT_PAGE_SETTINGS), Path("site"), None))
    for course_id in ids:
        for file, out in EDITIONS.values():
            config = Path(SITES) / course_id / file
            problems += _settings_problems(root, config, course_id, environ or {})
            builds.append(Build(config, Path(out) / course_id, course_id))
    if problems:
        raise CurriculumError(problems)
    return builds


def _settings_problems(root: Path, config: Path, course_id: str, environ: Mapping[str, str]) -> list[Problem]:
    """A course's settings file that is missing, or names another course (``extra.curriculum.course``)."""
    path = root / config
    if not path.is_file():
        return [_problem(path, "report.sites.no_settings", course=course_id, folder=f"{SITES}/{course_id}/")]
    try:
        settings = load_config(path, environ)
    except SettingsError as error:
        return [Problem(str(config), 1, 1, "", "; ".join(error.problems))]
    named = option(settings, "course")
    if named == course_id:
        return []
    file, line, column = where(path, ("extra", "curriculum", "course")).rsplit(":", 2)
    message = say("report.sites.other_course", course=course_id, named=named or "")
    return [Problem(_shown(root, Path(file)), int(line), int(column), "extra.curriculum.course", message)]


def _shown(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _problem(path: Path, key: str, **facts: object) -> Problem:
    return Problem(str(path) + ("/" if path.is_dir() else ""), 1, 1, "", say(key, **facts))


def build(
    root: Path, builds: list[Build], environ: Mapping[str, str], whole: bool = True, handbook_pdf: str | None = None
) -> int:
    """Run every build into ``STAGING``; when all succeed, put their folders in place (the whole ``site/`` and
    ``site-instructor/`` for the whole library, else only the course's folders). 0, or 1 after the output of
    the build that failed (the sites built before are left as they were).

    ``handbook_pdf`` (``make site``): ``optional`` or ``required`` prints each course's participant handbook
    into its site and links it from the handbook page, as a repository of one course has it (``pdf.publish``;
    without Chromium ``optional`` builds the sites without, ``required`` stops)."""
    staging = root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    made: dict[bytes, Path] = {}
    for one in builds:
        if one.course is not None and (staging / one.out).exists():  # a folder of the front page's own site
            print(say("report.sites.taken", course=one.course, folder=f"{one.out}/"), file=sys.stderr)
            shutil.rmtree(staging, ignore_errors=True)
            return 1
        with_pdf = handbook_pdf is not None and one.course is not None and one.config.name == EDITIONS["participant"][0]
        inputs = _inputs(root, one, environ, with_pdf) if whole else None
        if inputs is not None and _unchanged(root, one, inputs):
            _copy_as_it_was(root, one, staging, builds)
            print(say("report.sites.unchanged", out=f"{one.out}/"))
            continue
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(one.config), "--site-dir",
             str((staging / one.out).resolve())],
            cwd=root, env=_environment(environ, one), capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            print(result.stdout + result.stderr, end="", file=sys.stderr)
            print(say("report.sites.failed", config=one.config), file=sys.stderr)
            shutil.rmtree(staging, ignore_errors=True)
            return 1
        print(say("report.sites.built", config=one.config, out=f"{one.out}/"))
        printed = _handbook_pdf(staging / one.out, one, handbook_pdf == "required") if with_pdf else True
        if printed is None:
            shutil.rmtree(staging, ignore_errors=True)
            return 1
        if inputs is not None and printed:  # a site left without its PDF (no Chromium) is built again next time
            made[inputs.encode()] = root / one.out
    places = {Path(out) for _, out in EDITIONS.values()} if whole else {one.out for one in builds}
    for place in sorted(places):
        shutil.rmtree(root / place, ignore_errors=True)
        if (staging / place).exists():
            (root / place).parent.mkdir(parents=True, exist_ok=True)
            (staging / place).rename(root / place)
    shutil.rmtree(staging, ignore_errors=True)
    with buildcache.reusing():
        for key, folder in made.items():
            _BUILT.put(key, _fingerprint(folder))
    _BUILT.write()  # now: another process may build the same sites next
    return 0


# Each folder of a library's sites by what it was built from (``_inputs``, which names no absolute path): the
# names and sizes of the files it held. A whole build copies a folder that still holds them, built from the same
# inputs, instead of building it again (``curriculum sites --course`` always builds). Kept with the engine's parts
# (``buildcache.Kept``): a new generator or package builds anew.
_BUILT = buildcache.Kept("sites", 256)


def _handbook_pdf(site: Path, one: Build, required: bool) -> bool | None:
    """Print the handbook of the course's built participant edition into it, linked from its handbook page.
    Whether it was printed (not without Chromium); None when ``required`` and it could not be (``pdf.publish``
    has said why)."""
    from . import pdf  # Playwright: only when the handbooks are printed

    try:
        printed = pdf.publish(site, required=required)
    except SystemExit as stop:  # pdf.publish stops so when the PDF is required and Chromium is missing
        print(stop, file=sys.stderr)
        return None
    if printed is None:
        return False
    print(say("report.sites.handbook_pdf", out=f"{one.out}/{printed.relative_to(site).as_posix()}"))
    return True


def _copy_as_it_was(root: Path, one: Build, staging: Path, builds: list[Build]) -> None:
    """Copy the folder ``one`` built last time into ``staging``; the front page's without the courses' folders
    in it (each course's is built or copied on its own)."""
    courses = {other.out.name for other in builds if other.course is not None} if one.course is None else set()
    top = root / one.out

    def leave_out(folder: str, names: list[str]) -> set[str]:
        return courses & set(names) if Path(folder) == top else set()

    shutil.copytree(top, staging / one.out, symlinks=True, ignore=leave_out)


def _fingerprint(folder: Path) -> str:
    """The names and sizes of a built folder's files (a folder changed by hand since is built again); the front
    page's holds the courses' folders too, as they were when it was built."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return repr([(path.relative_to(folder).as_posix(), path.stat().st_size) for path in files])


def _unchanged(root: Path, one: Build, inputs: str) -> bool:
    folder = root / one.out
    if not folder.is_dir():
        return False
    with buildcache.reusing():
        kept = _BUILT.get(inputs.encode())
    return kept is not None and _fingerprint(folder) == kept


def _inputs(root: Path, one: Build, environ: Mapping[str, str], with_pdf: bool = False) -> str | None:
    """The digest of everything one build reads: its settings as MkDocs reads them (``!ENV`` and ``INHERIT``
    resolved), the files of its own pages (``docs_dir``), of a theme folder (``custom_dir``) and of hooks its
    settings name, and from modules/ what a course's build reads (``usage.depends_on``), or all of it for the
    front page. None when the settings or the course cannot be read (the build says what is wrong)."""
    config = root / one.config
    try:
        settings = load_config(config, _environment(environ, one))
        modules = root / "modules"
        if one.course is None:
            parts = [(str(path.relative_to(modules)), path.read_bytes()) for path in _files(modules)]
        else:
            parts = usage.depends_on(portfolio.layout(modules, one.course))
    except (SettingsError, CurriculumError, OSError):
        return None
    digest = hashlib.sha256(repr(sorted(settings.items(), key=lambda item: str(item[0]))).encode("utf-8"))
    digest.update(b"with the handbook's PDF\0" if with_pdf else b"\0")  # a folder built without it is not copied
    for name, content in parts:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0" + content + b"\0")
    theme = settings.get("theme")
    named: list[object] = [settings.get("docs_dir") or "docs", *(settings.get("hooks") or [])]
    named.append(theme.get("custom_dir") if isinstance(theme, Mapping) else None)
    for entry in named:
        for path in _files(config.parent / str(entry)) if entry else []:
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            digest.update(shown.encode("utf-8", "surrogatepass") + b"\0" + _read(path) + b"\0")
    return digest.hexdigest()


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0unreadable\0"


def _environment(environ: Mapping[str, str], one: Build) -> dict[str, str]:
    """The build's environment: a course's ``SITE_URL`` is its folder under the front page's address."""
    env = dict(environ)
    if one.course is not None and env.get("SITE_URL"):
        env["SITE_URL"] = env["SITE_URL"].rstrip("/") + f"/{one.course}/"
    return env


def listing(builds: list[Build]) -> str:
    """The plan, one build a line: ``settings file<TAB>folder``."""
    return "\n".join(f"{one.config}\t{one.out}/" for one in builds)


def run(
    root: Path, course: str | None, only_list: bool, environ: Mapping[str, str], handbook_pdf: str | None = None
) -> int:
    """``curriculum sites``: list or build the library's sites (``environ``: what the builds get)."""
    builds = plan(root, course, environ)
    if only_list:
        print(listing(builds))
        return 0
    return build(root, builds, environ, whole=course is None, handbook_pdf=handbook_pdf)
