"""Shared fixtures: a small valid curriculum on disk, the real project, and command runners."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import datetime as dt
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date

from curriculum.engine import choose_run
from curriculum.messages import Messages
from curriculum.models import Run
from curriculum.pages import session_label
from curriculum.programme import Programme, Scheduled, build_programme
from curriculum.settings import resolve
from curriculum.course import Curriculum
from curriculum.validation import load_curriculum

import course_use
from course_use import (  # noqa: F401 - the hooks that mark the tests of the published course
    pytest_collection_modifyitems,
    pytest_make_collect_report,
    pytest_runtest_call,
    pytest_runtest_setup,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODULES = ROOT / "modules"  # the published course

# A minimal but complete curriculum. Tests change one file at a time and check the
# message, so line numbers below matter: keep each file's layout stable.
MINIMAL = {
    "course.yml": """\
        title: Testkursus
        short_name: TK
        contact: kursus@example.dk
        intro: Et kursus til test.
        organisers:
          - name: Testorganisation
        target_group: Ledere.
        purpose: At teste.
        bearing_elements:
          - title: Viden
            description: Ny viden.
        rhythm: Skiftevis.
        between_sessions:
          - title: Læse
            description: Læs noget.
        """,
    "sessions/workshop-1.yml": """\
        id: workshop-1
        title: Første workshop
        format: workshop
        themes:
          - Begyndelsen
        summary: Vi begynder.
        questions:
          - Hvad vil du lære?
        content:
          - title: Oplæg
            tool: teknologiradar
        tools:
          - teknologiradar
          - kompetencehjulet
        readings:
          - deci-2000
        """,
    "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinar
        themes: [Fortsættelsen]
        summary: Vi fortsætter.
        """,
    "tools/teknologiradar.yml": """\
        id: teknologiradar
        title: Teknologiradaren
        summary: Et overblik.
        origin:
          creator: Thoughtworks
          year: 2010
        use_with_staff:
          - Lav den sammen.
        """,
    "tools/kompetencehjulet.yml": """\
        id: kompetencehjulet
        title: Kompetencehjulet
        summary: Et hjul.
        origin:
          creator: KL
        use_with_staff:
          - Brug det.
        """,
    "readings/deci-2000.yml": """\
        id: deci-2000
        title: The what and why of goal pursuits
        creator: Edward L. Deci og Richard M. Ryan
        year: 2000
        kind: article
        source: Psychological Inquiry 11(4)
        language: en
        minutes: 45
        note: Grundteksten.
        """,
    "runs/test-run.yml": """\
        id: test-run
        name: Testholdet
        sessions:
          - module: workshop-1
            date: 2024-04-17
            start: "09:00"
            end: "15:00"
            place: Odense
          - module: webinar-1
            date: 2024-05-15
            start: "13:00"
            end: "15:00"
            online: true
        """,
}


def pytest_configure(config):
    course_use.pytest_configure(config)
    config.addinivalue_line(
        "markers",
        "guide_examples: follows the worked examples of the instructors' guide (docs/instruktoervejledning.md), "
        "written on the files of the course it documents (KDL's in modules/); `make test-other-course` leaves "
        "them out, as a course put in modules/ comes with a guide of its own",
    )
    config.addinivalue_line(
        "markers",
        "packaging: builds the generator's wheel and installs it into a fresh environment; in `make test`, "
        "left out of `make test-fast` (the edit-test loop)",
    )
    config.addinivalue_line(
        "markers",
        "kdl_files: pins what KDL's own files in modules/ say (e.g. the words of its messages.yml); "
        "`make test-other-course` leaves them out, as another course says other things",
    )


def write_modules(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write ``MINIMAL`` with ``files`` laid over it (None deletes a file) under root/modules."""
    modules = root / "modules"
    merged: dict[str, str | bytes | None] = {**MINIMAL, **files}
    for name, text in merged.items():
        if text is None:
            continue
        path = modules / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return modules


@pytest.fixture
def modules_dir(tmp_path, monkeypatch):
    """A valid minimal curriculum; the working directory is its project folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    return write_modules(tmp_path, {})


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CURRICULUM_RUN", None)
    environment.update(env or {})
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def curriculum_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`curriculum ARGS` as a command of its own (the installed script in a new Python): for the few tests of
    the command itself; the others call ``cli``, the same ``main`` in this process, which is ~0.5 s cheaper."""
    return run([str(BIN / "curriculum"), *args], cwd=cwd, env=env)


@dataclasses.dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it printed (as subprocess.CompletedProcess has them)."""

    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Ran:
    """`curriculum ARGS` in ``cwd``, run in this process: ``curriculum.cli.main`` with what it prints captured
    and ``$CURRICULUM_RUN`` unset unless ``env`` sets it (as ``curriculum_cli`` runs it)."""
    from curriculum.cli import main

    out, err = io.StringIO(), io.StringIO()
    changes = {"CURRICULUM_RUN": None, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    saved = {name: os.environ.get(name) for name in changes}
    try:
        _set_environment(changes)
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse's usage errors (status 2), as the script would exit
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        _set_environment(saved)
    return Ran(code, out.getvalue(), err.getvalue())


def _set_environment(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def mkdocs_build(
    project: Path, site_dir: Path, env: dict[str, str] | None = None, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess:
    return run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", config, "--site-dir", str(site_dir)], cwd=project, env=env
    )


def copy_project(target: Path) -> Path:
    """A copy of this project's site sources (not .venv, not site/) to build variants of."""
    for name in ("mkdocs.yml", "mkdocs.instructor.yml", "Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("hooks", "overrides", "content", "modules"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def configure(project: Path, *, run: str | None = None, language: str | None = None) -> None:
    """Set the run (extra.curriculum.run) and the language (theme.language, the search's lang) in a copy's
    mkdocs.yml, e.g. for a course written into it whose run or language is not the published course's."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    changes = [(r"^(    run: )\S+", run), (r"^(  language: )\S+", language), (r"^(      lang: )\S+", language)]
    for pattern, value in changes:
        if value is not None:
            text, count = re.subn(pattern, rf"\g<1>{value}", text, count=1, flags=re.M)
            assert count == 1, f"no line like {pattern!r} in {config}"
    config.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ the published course (modules/)


@dataclasses.dataclass(frozen=True)
class Published:
    """The course in modules/ as mkdocs.yml publishes it: what the tests of the published course expect,
    read from the course files through the engine's loader, never typed in. Replace modules/ with another
    course (`make test-other-course`) and these tests expect that course's sessions, words and addresses."""

    curriculum: Curriculum
    run_id: str  # extra.curriculum.run in mkdocs.yml

    @property
    def run(self) -> Run:
        return self.curriculum.runs[self.run_id]

    @property
    def language(self) -> str:
        return self.curriculum.course.language

    @property
    def messages(self) -> Messages:
        """The course's words: the generator's catalogue in its language with modules/messages.yml."""
        return self.curriculum.messages

    def said(self, key: str, **values: Any) -> str:
        """A problem's words in the course's language (curriculum.say): ``said("report.did_you_mean",
        choice="x")`` is " (mente du 'x'?)" for KDL, " (did you mean 'x'?)" for an English course."""
        from curriculum.say import say, speaking

        with speaking(self.language):
            return say(key, **values)

    def address(self, key: str) -> str:
        """A page address in the course's language: ``address("sessions")`` is 'sessioner' for KDL."""
        return self.messages(f"addresses.{key}")

    @property
    def programme(self) -> Programme:
        return build_programme(self.curriculum, self.run_id)

    def day(self, day: dt.date) -> str:
        """A date as the front page's programme writes it: '8. april 2024', '8 April 2024'."""
        return format_date(day, self.messages("formats.day_month_year"), locale=self.messages.locale)

    def label(self, item: Scheduled) -> str:
        """A session's label in the run as the site writes it: 'Workshop 2', 'Kick-off-webinar'."""
        return session_label(item, self.messages, self.curriculum.vocabulary)

    def other_run(self) -> str:
        """Another run of the course than the published one, one with buddy groups if there is one."""
        others = sorted(
            (not run.buddy or not run.buddy.groups, run_id)
            for run_id, run in self.curriculum.runs.items()
            if run_id != self.run_id
        )
        assert others, f"{MODULES}/runs/ has only the run {self.run_id}: the tests need a second run"
        return others[0][1]


def published() -> Published:
    """The published course, read once (tests/course_use.py marks the tests that call this `published`)."""
    course_use.note("published()")
    return _published()


@functools.cache
def _published() -> Published:
    settings = resolve(ROOT / "mkdocs.yml", environ={})
    curriculum = load_curriculum(MODULES)
    return Published(curriculum, choose_run(curriculum, settings.run))


@pytest.fixture(scope="session")
def course() -> Published:
    """The published course (modules/, the run of mkdocs.yml)."""
    return published()


def built_once(tmp_path_factory, name: str, build: Callable[[Path], object]) -> Path:
    """The folder ``build`` makes, made once per test run: also when pytest-xdist runs the tests in several
    processes (`make test`), where the first process to ask builds it and the others wait for it (a lock
    file in the run's common temporary folder); a build that fails fails in each of them, with its output."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' folders are in the run's own
    shared = base / "built-once"
    shared.mkdir(exist_ok=True)
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(failed.read_text("utf-8"), pytrace=False)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                build(folder)
            except Exception as error:
                failed.write_text(f"building {name} failed: {error}", encoding="utf-8")
                raise
            done.touch()
    return folder


def _built(project: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None):
    """A ``build`` for ``built_once``: `mkdocs build --strict` of ``project`` into the folder's site/."""

    def build(folder: Path) -> None:
        result = mkdocs_build(project, folder / "site", env=env, config=config)
        assert result.returncode == 0, result.stdout + result.stderr

    return build


@pytest.fixture(scope="session")
def course_site(tmp_path_factory) -> Path:
    """The published site (the run of mkdocs.yml), built once with ``mkdocs build --strict``."""
    return built_once(tmp_path_factory, "course", _built(ROOT)) / "site"


@pytest.fixture(scope="session")
def course_other_run_site(tmp_path_factory) -> Path:
    """The participant site of another run of the published course (one with buddy groups), built once."""
    other = {"CURRICULUM_RUN": published().other_run()}
    return built_once(tmp_path_factory, "course-other-run", _built(ROOT, env=other)) / "site"


@pytest.fixture(scope="session")
def course_instructor_site(tmp_path_factory) -> Path:
    """The instructor edition of the published site (mkdocs.instructor.yml), built once."""
    return built_once(tmp_path_factory, "course-instructor", _built(ROOT, config="mkdocs.instructor.yml")) / "site"


# The names tests/browser/ uses for the same sites.
@pytest.fixture(scope="session")
def kdl_site(course_site) -> Path:
    return course_site


@pytest.fixture(scope="session")
def kdl_instructor_site(course_instructor_site) -> Path:
    return course_instructor_site


@pytest.fixture(scope="session")
def kdl_example_site(course_other_run_site) -> Path:
    return course_other_run_site


# ------------------------------------------------------------------ Zensical (`make zensical`)


def zensical_build(
    project: Path, out: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`curriculum zensical`: the generated pages built by Zensical, never through the hook."""
    return curriculum_cli("zensical", "--config", config, "--out", str(out), cwd=project, env=env)


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory) -> Path:
    """A copy of the project's site sources, as `make zensical` builds from them."""
    return built_once(tmp_path_factory, "zensical-project", copy_project)


def _zensical(config: str):
    """A ``build`` for ``built_once``: a copy of the project, built by `curriculum zensical` into site/."""

    def build(folder: Path) -> None:
        project = folder / "project"
        project.mkdir()
        copy_project(project)
        result = zensical_build(project, folder / "site", config=config)
        assert result.returncode == 0, result.stdout + result.stderr

    return build


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The participant site built with Zensical (as `make zensical` builds it), once."""
    return built_once(tmp_path_factory, "zensical", _zensical("mkdocs.yml")) / "site"


@pytest.fixture(scope="session")
def zensical_instructor_site(tmp_path_factory) -> Path:
    """The instructor edition built with Zensical, once."""
    return built_once(tmp_path_factory, "zensical-instructor", _zensical("mkdocs.instructor.yml")) / "site"


def package_copy(target: Path) -> Path:
    """A copy of the generator's package (``curriculum``) in ``target``, to add to as the recipes of docs/developers/extending.md do
    (a kind of picture, a language); a subprocess with ``PYTHONPATH=target`` runs it."""
    package = target / "curriculum"
    shutil.copytree(ROOT / "src" / "curriculum", package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


PORTFOLIO_REPOSITORY = ROOT / "tests" / "courses" / "portfolio"  # the fixture library as a repository


def build_portfolio(base: Path) -> None:
    """The fixture library as a repository (modules/, the front page's mkdocs.yml and content/, each course's
    settings in sites/<id>/), built as `make site` builds a library: `curriculum sites`, every course's two
    editions and the front page. What the command said is kept in sites-built.txt."""
    for name in ("modules", "content", "sites"):
        shutil.copytree(PORTFOLIO_REPOSITORY / name, base / name)
    shutil.copy(PORTFOLIO_REPOSITORY / "mkdocs.yml", base / "mkdocs.yml")
    result = cli("sites", cwd=base)
    assert result.returncode == 0, result.stdout + result.stderr
    (base / "sites-built.txt").write_text(result.stdout, encoding="utf-8")


@pytest.fixture(scope="session")
def portfolio_sites(tmp_path_factory) -> Path:
    """The fixture library built once per test run (test_portfolio.py's tests and the front page's browser test)."""
    return built_once(tmp_path_factory, "portfolio", build_portfolio)
