"""The generator as an installed package: a wheel built from this repository, installed into a fresh virtual
environment, makes a course with `curriculum init` that holds only the course, and that course builds both
editions with MkDocs (the `curriculum` plugin, found through its entry point) and with Zensical, taking the
theme overrides, style sheets and scripts from the installed package — so that changing them there (an
upgrade) changes the next build of the course.

The wheel is built once per test session. The fresh environment gets the wheel alone (`pip install
--no-deps --no-index`); the dependencies (pydantic, MkDocs, Zensical, ...) are this environment's, made
visible after the install by a `.pth` file, so nothing is downloaded."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from curriculum import assets

from conftest import BIN, ROOT, run

pytestmark = pytest.mark.packaging  # in `make test`, not in `make test-fast`

PYTHON = f"python{sys.version_info.major}.{sys.version_info.minor}"
HEADINGS = {"da": "Første session", "en": "First session"}
INSTRUCTOR = {"da": "underviserudgave", "en": "instructor edition"}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(base),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = base.glob("curriculum-*.whl")
    return built


@pytest.fixture(scope="session")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed, seeing this environment's dependencies."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    installed = subprocess.run(
        [str(BIN / "python"), "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--quiet"]
        + ["--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # after the install, so that pip saw an environment without the generator: the dependencies of this one
    (site_packages(env) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # `curriculum zensical` runs the `zensical` beside its Python, as in an environment with the extra
    zensical = env / "bin" / "zensical"
    zensical.write_text(f"#!{env / 'bin' / 'python'}\nimport sys\nfrom zensical.main import cli\nsys.exit(cli())\n")
    zensical.chmod(0o755)
    return env


def site_packages(env: Path) -> Path:
    return env / "lib" / PYTHON / "site-packages"


def package(env: Path) -> Path:
    return site_packages(env) / "curriculum"


def in_venv(env: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return run(args, cwd=cwd, env={"PATH": f"{env / 'bin'}{os.pathsep}/usr/bin:/bin", "PYTHONPATH": ""})


def test_the_wheel_registers_the_plugin_and_ships_the_theme_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n) for n in names if n.endswith(".dist-info/entry_points.txt")).decode()
    assert "[mkdocs.plugins]\ncurriculum = curriculum.mkdocs_plugin:CurriculumPlugin" in entry_points
    shipped = {n.removeprefix("curriculum/theme/") for n in names if n.startswith("curriculum/theme/")}
    repository = {
        p.relative_to(ROOT / "src/curriculum/theme").as_posix() for p in (ROOT / "src/curriculum/theme").rglob("*.*")
    }
    assert shipped == repository and len(shipped) >= 12
    assert ".github/workflows/publish.yml" not in names  # hidden files are written from dot-* templates
    assert "curriculum/templates/init/dot-github/workflows/publish.yml.j2" in names


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_wheel_in_a_fresh_environment_makes_a_course_that_builds_with_mkdocs_and_zensical(venv, tmp_path, language):
    where = in_venv(venv, ["python", "-c", "import curriculum; print(curriculum.__file__)"], tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(package(venv)), where.stdout + where.stderr
    course = tmp_path / "course"
    init = in_venv(venv, ["curriculum", "init", str(course), "--language", language], tmp_path)
    assert init.returncode == 0, init.stdout + init.stderr

    # only the course: no file of the generator (the init templates are the course's own files)
    generator = {
        p.read_bytes() for p in package(venv).rglob("*") if p.is_file() and "templates/init" not in p.as_posix()
    }
    written = [p for p in course.rglob("*") if p.is_file()]
    assert {p.relative_to(course).parts[0] for p in written} <= {
        "modules",
        "content",
        "mkdocs.yml",
        "mkdocs.instructor.yml",
        "README.md",
        "Makefile",
        "requirements.txt",
        ".github",
        ".devcontainer",  # the edit-preview loop in a codespace or VS Code with Docker
        ".gitignore",
    }
    assert [p for p in written if p.read_bytes() in generator] == []
    assert not [p for p in written if p.suffix in (".py", ".css", ".js", ".html")]
    version = in_venv(
        venv, ["python", "-c", "from importlib.metadata import version; print(version('curriculum'))"], tmp_path
    )
    assert (
        f"curriculum[site]=={version.stdout.strip()}" in (course / "requirements.txt").read_text("utf-8").splitlines()
    )

    for config, edition in (("mkdocs.yml", "participant"), ("mkdocs.instructor.yml", "instructor")):
        for builder, command in (
            ("mkdocs", ["python", "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", f"out-{edition}"]),
            ("zensical", ["curriculum", "zensical", "--config", config, "--out", f"out-{edition}"]),
        ):
            built = in_venv(venv, command, course)
            assert built.returncode == 0, f"{builder} {edition}:\n{built.stdout}{built.stderr}"
            site = course / f"out-{edition}"
            index = (site / "index.html").read_text("utf-8")
            assert f'<html lang="{language}"' in index and HEADINGS[language] in index, (builder, edition)
            assert (INSTRUCTOR[language] in index) == (edition == "instructor"), (builder, edition)
            for name in ("stylesheets/extra.css", "javascripts/shorttitle.js"):  # from the installed package
                assert f'{name}"' in index, (builder, edition, name)
                source = (package(venv) / "theme" / name).read_text("utf-8")
                assert (site / name).read_text("utf-8") == assets.minified(name, source), (builder, name)
            assert 'http-equiv="Content-Security-Policy"' in index, (builder, edition)


def test_a_style_sheet_changed_in_the_installed_package_is_in_the_next_build_of_a_course(venv, tmp_path):
    course = tmp_path / "course"
    assert in_venv(venv, ["curriculum", "init", str(course), "--language", "en"], tmp_path).returncode == 0
    sheet = package(venv) / "theme" / "stylesheets" / "extra.css"
    original = sheet.read_bytes()
    marker = b"\n/* upgraded generator: a new rule */\n.curriculum-upgraded { color: inherit; }\n"
    try:
        sheet.write_bytes(original + marker)
        built = in_venv(venv, ["python", "-m", "mkdocs", "build", "--strict"], course)
        assert built.returncode == 0, built.stdout + built.stderr
        assert (
            (course / "site" / "stylesheets" / "extra.css")
            .read_bytes()
            .endswith(b".curriculum-upgraded{color:inherit}")
        )
        # the course itself holds no style sheet: the change came with the package
        assert [p for p in course.rglob("*.css") if not p.is_relative_to(course / "site")] == []
    finally:
        sheet.write_bytes(original)


def test_a_new_courses_makefile_installs_the_pinned_generator_and_then_uses_it(tmp_path):
    """`make install` is the install and the upgrade (requirements.txt); the builds use .venv/ once it is there."""
    from curriculum import newcourse

    (tmp_path / "Makefile").write_bytes(newcourse.planned("en")["Makefile"])
    dry = run(["make", "-n", "install", "site"], cwd=tmp_path).stdout.splitlines()
    assert ".venv/bin/pip install -r requirements.txt" in dry and "mkdocs build --strict" in dry
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "mkdocs").touch()
    assert ".venv/bin/mkdocs build --strict" in run(["make", "-n", "site"], cwd=tmp_path).stdout.splitlines()
