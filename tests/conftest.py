"""Shared fixtures: a small valid curriculum on disk, the real project, and command runners."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

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
    import os

    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CURRICULUM_RUN", None)
    environment.update(env or {})
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def curriculum_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run([str(BIN / "curriculum"), *args], cwd=cwd, env=env)


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


@pytest.fixture(scope="session")
def kdl_site(tmp_path_factory) -> Path:
    """The real KDL site, built once with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("kdl") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def kdl_example_site(tmp_path_factory) -> Path:
    """The participant site of the example next run (2027, with buddy groups), built once."""
    site = tmp_path_factory.mktemp("kdl-2027") / "site"
    result = mkdocs_build(ROOT, site, env={"CURRICULUM_RUN": "2027-foraar-eksempel"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def kdl_instructor_site(tmp_path_factory) -> Path:
    """The instructor edition of the real KDL site (mkdocs.instructor.yml), built once."""
    site = tmp_path_factory.mktemp("kdl-instructor") / "site"
    result = mkdocs_build(ROOT, site, config="mkdocs.instructor.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# ------------------------------------------------------------------ Zensical (`make zensical`)


def zensical_build(
    project: Path, out: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`curriculum zensical`: the generated pages built by Zensical, never through the hook."""
    return curriculum_cli("zensical", "--config", config, "--out", str(out), cwd=project, env=env)


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("zensical"))


@pytest.fixture(scope="session")
def zensical_site(zensical_project) -> Path:
    """The participant site built with Zensical (as `make zensical` builds it), once."""
    site = zensical_project / "site-zensical"
    result = zensical_build(zensical_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def zensical_instructor_site(zensical_project) -> Path:
    """The instructor edition built with Zensical, once."""
    site = zensical_project / "site-zensical-instructor"
    result = zensical_build(zensical_project, site, config="mkdocs.instructor.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return site
