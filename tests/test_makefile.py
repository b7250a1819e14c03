"""The Makefile: lean installs (building needs no test tools), `make help`, `make lint` and `make test-fast`."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import pytest

from conftest import BIN, ROOT

pytestmark = pytest.mark.published  # reads the published course (tests/course_use.py)


def dry_run(target: str, tmp_path) -> str:
    """What `make TARGET` would run on a machine without .venv (nothing is built or installed).

    Run as a make of its own, also when the suite itself runs under `make test` (CI): a parent make's
    MAKEFLAGS/MAKELEVEL would add "make[1]: Entering directory" lines to the output."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout


def extras() -> dict[str, list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_make_site_installs_only_what_building_and_printing_the_handbook_need(tmp_path):
    """The site's extra, and the PDF's (Playwright, pikepdf) for the handbook's PDF on the site: no test tools."""
    site = dry_run("site", tmp_path)
    installs = [line.split("pip install", 1)[1] for line in site.splitlines() if "pip install" in line]
    assert [line for line in installs if " -e " in line] == [" --quiet -e '.[site]'", " --quiet -e '.[pdf]'"]
    assert not any(word in line for line in installs for word in ("test", "lint", "zensical"))
    assert "playwright" in names(extras()["pdf"]) and "pytest" not in names(extras()["pdf"])
    assert names(extras()["site"]) == {"mkdocs", "mkdocs-material", "rcssmin", "rjsmin"}  # the minifiers: weight
    for tool in ("pytest", "playwright", "hypothesis", "ruff", "mypy", "zensical"):
        assert tool not in names(extras()["site"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not names(project["dependencies"]) & {"pytest", "playwright", "mkdocs", "zensical", "ruff", "mypy"}


def test_make_test_installs_the_test_tools_and_zensical(tmp_path):
    assert "pip install --quiet -e '.[test]'" in dry_run("test", tmp_path)
    assert {"curriculum"} <= names(extras()["test"]) and "pytest" in names(extras()["test"])
    assert "curriculum[site,zensical,pdf]" in extras()["test"]
    assert names(extras()["zensical"]) == {"zensical", "rcssmin", "rjsmin"}
    assert "zensical==0.0.73" in extras()["zensical"]


def test_make_zensical_builds_both_editions_without_the_hook(tmp_path):
    zensical = dry_run("zensical", tmp_path)
    assert "pip install --quiet -e '.[zensical]'" in zensical
    assert "curriculum zensical --config mkdocs.yml --out site-zensical" in zensical
    assert "curriculum zensical --config mkdocs.instructor.yml --out site-zensical-instructor" in zensical
    assert "mkdocs build" not in zensical


def test_make_lint_runs_ruff_and_mypy_and_ci_runs_it_before_the_tests(tmp_path):
    lint = dry_run("lint", tmp_path)
    for command in ("ruff check", "ruff format --check", "mypy"):
        assert command in lint
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    assert ci.index("make lint") < ci.index("make test")
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    assert set(settings["mypy"]["files"]) >= {"src", "hooks", "tests"}


def test_ruff_check_refuses_a_function_above_complexity_20(tmp_path):
    """`make lint`'s ruff check, with this project's settings, fails on a function of cyclomatic complexity 21
    and passes one of 20."""

    def function(name: str, branches: int) -> str:
        body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(branches))
        return f"def {name}(x):\n{body}    return -1\n"

    source = tmp_path / "complexity.py"
    source.write_text(function("twenty", 19) + "\n\n" + function("twenty_one", 20), "utf-8")
    result = subprocess.run(
        [
            str(BIN / "ruff"),
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--output-format",
            "concise",
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines() if "C901" in line] == [
        "C901 `twenty_one` is too complex (21 > 20)"
    ]


def test_make_test_fast_leaves_out_the_browser_pdf_and_packaging_tests(tmp_path):
    (fast,) = [line for line in dry_run("test-fast", tmp_path).splitlines() if "-m pytest" in line]
    assert "--ignore=tests/browser" in fast.split() and '"not packaging"' in fast
    assert (ROOT / "tests" / "browser" / "test_pdf.py").is_file()  # the PDF tests are browser tests


def test_make_test_runs_in_two_processes_and_prints_the_slowest_tests(tmp_path):
    """CI's `make test` prints the 15 slowest tests; it and `make test-fast` use both cores, keeping each
    site's browser tests in one process (tests/browser/conftest.py names their groups)."""
    for target in ("test", "test-fast"):
        (pytest_line,) = [line for line in dry_run(target, tmp_path).splitlines() if "-m pytest" in line]
        words = pytest_line.split()
        assert words[words.index("-n") + 1] == "2" and words[words.index("--dist") + 1] == "loadgroup", target
        assert ("--durations=15" in words) == (target == "test")


def test_make_help_lists_every_commented_target():
    listed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    targets = [line.split()[0] for line in listed.splitlines() if line.strip()]
    for target in ("site", "test", "test-fast", "lint", "zensical", "instructor", "pdf", "serve", "bench", "help"):
        assert target in targets, listed
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert targets == re.findall(r"^## ([a-z-]+):", makefile, flags=re.M)


def test_make_test_also_runs_the_suite_on_another_course(tmp_path):
    """`make test` (what CI runs) ends with `make test-other-course`'s check: tests/courses/en in modules/."""
    test, other = dry_run("test", tmp_path).splitlines(), dry_run("test-other-course", tmp_path).splitlines()
    assert test[-1].endswith("python tests/other_course.py") and other[-1] == test[-1]
    assert [line for line in test if "-m pytest" in line]
    from other_course import DEFAULT

    assert DEFAULT[:1] == ["--ignore=tests/browser"] and "published and not guide_examples and not kdl_files" in DEFAULT


def test_make_pdf_prints_the_run_it_is_told_without_replacing_site(tmp_path):
    """`make pdf RUN=<id>` (or CURRICULUM_RUN) builds that run's editions apart and prints them into pdf/<id>/,
    saying so; site/ and site-instructor/ (a build the instructor may be looking at) are never touched."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "RUN")}
    for told in (["RUN=2027-foraar-eksempel"], []):
        env["CURRICULUM_RUN"] = "" if told else "2027-foraar-eksempel"
        dry = subprocess.run(
            ["make", "--no-print-directory", "-n", "pdf", f"VENV={tmp_path / 'venv'}", *told],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        builds = [line for line in dry.splitlines() if "mkdocs build" in line]
        assert len(builds) == 2 and all(
            line.startswith("CURRICULUM_RUN='2027-foraar-eksempel' ") and f"--site-dir {ROOT}/.pdf-build/" in line
            for line in builds
        ), dry
        assert "the run 2027-foraar-eksempel" in dry and "pdf/2027-foraar-eksempel participant" in dry
        assert not re.search(r"(^|\s)site(-instructor)?(/|\s|$)", dry.replace("--site-dir", "")), dry
