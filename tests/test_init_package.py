"""`curriculum init` from a normal (non-editable) install: everything a new course takes from the generator —
the MkDocs hook, the theme's overrides, the style sheets and scripts — is package data, read with
importlib.resources, and the course it writes builds with `mkdocs build --strict`.

The package is built into a wheel (as `pip install` would build it) and the wheel's files are put first on
the Python path, so that `curriculum` is imported from them and not from this checkout; the dependencies
(pydantic, MkDocs, …) are this environment's. The repository keeps each shared file once:
src/curriculum/project/ holds links to hooks/, overrides/ and content/, which the wheel turns into files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import BIN, ROOT
from curriculum import newcourse

PROJECT = ROOT / "src" / "curriculum" / "project"


def test_the_package_links_to_the_projects_own_files_and_keeps_no_copy():
    """One source: every shared path in the package is a link to the same path in this repository."""
    for name in ("hooks", "overrides", "content/stylesheets", "content/javascripts"):
        link = PROJECT / name
        assert link.is_symlink(), f"{link} should be a link to {ROOT / name}, not a copy"
        assert link.resolve() == (ROOT / name).resolve()
    files = newcourse.shared()
    assert files["hooks/curriculum_hook.py"] == (ROOT / "hooks" / "curriculum_hook.py").read_bytes()
    expected = {
        path.relative_to(ROOT).as_posix()
        for name in ("overrides", "content/stylesheets", "content/javascripts")
        for path in (ROOT / name).rglob("*")
        if path.is_file() and path.suffix in newcourse.SHIPPED
    }
    assert expected <= set(files) and len(expected) >= 10
    assert all(files[name] == (ROOT / name).read_bytes() for name in expected)


def test_every_shipped_script_and_style_sheet_is_named_in_a_new_courses_mkdocs_yml():
    """What init copies is also used: a style sheet or script added to content/ and not to the init
    template's mkdocs.yml would be a file the new course carries for nothing."""
    config = newcourse.planned("en")["mkdocs.yml"].decode("utf-8")
    for name in newcourse.shared():
        if name.startswith("content/"):
            assert name.removeprefix("content/") in config, name


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package as a non-editable install holds it: the files of a wheel built from this repository."""
    base = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [str(BIN / "python"), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(base), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = base.glob("curriculum-*.whl")
    target = base / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    assert not any(path.is_symlink() for path in target.rglob("*"))  # files, not links into a checkout
    return target


def _run(args: list[str], cwd: Path, installed: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("language,heading", [("da", "Første session"), ("en", "First session")])
def test_init_from_a_non_editable_install_builds(installed, tmp_path, language, heading):
    where = _run([sys.executable, "-c", "import curriculum; print(curriculum.__file__)"], tmp_path, installed)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout + where.stderr
    course = tmp_path / "course"
    init = _run(
        [sys.executable, "-m", "curriculum.cli", "init", str(course), "--language", language], tmp_path, installed
    )
    assert init.returncode == 0, init.stdout + init.stderr
    for name in ("hooks/curriculum_hook.py", "overrides/404.html", "overrides/partials/copyright.html"):
        assert (course / name).is_file() and not (course / name).is_symlink(), name
    assert (course / "content/javascripts/logbook.js").read_bytes() == (
        ROOT / "content/javascripts/logbook.js"
    ).read_bytes()
    build = _run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")], course, installed)
    assert build.returncode == 0, build.stdout + build.stderr
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert f'<html lang="{language}"' in index and heading in index
    assert (tmp_path / "site" / "javascripts" / "logbook.js").is_file()
