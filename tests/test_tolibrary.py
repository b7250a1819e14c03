"""`curriculum library ID` (``curriculum.tolibrary``): a repository of one course — as `curriculum init` makes
it — becomes a library of courses with that course as its first, building the same course site, with a front
page; nothing moves when it cannot. Its Makefile and workflows (``curriculum init``'s) build a library."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from curriculum.course import storage_name
from curriculum.engine import generate
from curriculum.validation import load_curriculum
from conftest import ROOT, cli


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository of one course, as `curriculum init` writes it (Danish)."""
    made = cli("init", str(tmp_path / "kursus"), "--title", "Ledelse i praksis", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path / "kursus"


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_course_of_its_own_becomes_the_first_course_of_a_library_with_the_same_site(repository):
    modules = repository / "modules"
    course = load_curriculum(modules).course
    before = {edition: generate(modules, edition=edition) for edition in ("participant", "instructor")}
    own_pages = repository / "content" / "praktisk.md"
    own_pages.write_text("# Praktisk\n", "utf-8")  # a page of the course's own
    (repository / "delt").mkdir()
    (repository / "delt" / "logo.svg").write_text("<svg/>", "utf-8")
    (repository / "content" / "logo.svg").symlink_to("../delt/logo.svg")  # as KDL links its style sheets

    course_id = storage_name(course)  # the name its storage keys and calendar UIDs have: they stay as they were
    done = cli("library", cwd=repository)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    said = f"modules/ er nu et bibliotek af kurser: kurset ligger i modules/courses/{course_id}/"
    assert done.stdout.startswith(said)
    assert (
        "Giv forsiden en titel og et kort navn i modules/portfolio.yml, og byg det hele med make site." in done.stdout
    )
    after = files(repository)
    for kind in ("sessions", "tools", "readings"):  # shared from now on
        assert any(name.startswith(f"modules/library/{kind}/") for name in after), kind
    own, site = f"modules/courses/{course_id}", f"sites/{course_id}"
    assert f"{own}/course.yml" in after and "modules/course.yml" not in after
    assert any(name.startswith(f"{own}/runs/") for name in after)
    assert {f"{site}/content/praktisk.md", f"{site}/old-mkdocs.yml", f"{site}/old-mkdocs.instructor.yml"} <= set(after)
    assert {f"{site}/mkdocs.yml", f"{site}/mkdocs.instructor.yml", "content/.gitkeep"} <= set(after)
    assert "mkdocs.instructor.yml" not in after  # the course's instructor edition is built from sites/<id>/
    moved_link = repository / site / "content" / "logo.svg"  # a link written relative to content/ still leads there
    assert moved_link.is_symlink() and moved_link.read_text("utf-8") == "<svg/>"

    front = yaml.safe_load((modules / "portfolio.yml").read_text("utf-8"))
    assert front == {"title": "Ledelse i praksis", "short_name": course.short_name, "language": "da"}  # no colour
    settings = yaml.load((repository / site / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    [run] = load_curriculum(modules, course_id).runs
    assert settings["extra"]["curriculum"] == {
        "modules": "../../modules",
        "course": course_id,
        "run": run,
        "edition": "participant",
    }
    # the course builds the same pages and files (its storage keys and calendar UIDs too), but for the logbook's
    # scope, which is the course's id in a library
    scope = f'data-logbook-course="{escape(course.short_name)}"'
    for edition, alone in before.items():
        moved = generate(modules, edition=edition, course=course_id)
        expected = {k: v.replace(scope, f'data-logbook-course="{course_id}"') for k, v in alone.pages.items()}
        assert moved.pages == expected
        assert (moved.files, moved.nav) == (alone.files, alone.nav)

    # the front page's settings build the page listing the course (`make site` builds the rest)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CURRICULUM_RUN", None)
    mkdocs = Path(os.sys.executable).parent / "mkdocs"
    built = subprocess.run([str(mkdocs), "build", "--strict"], cwd=repository, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    home = (repository / "site" / "index.html").read_text("utf-8")
    assert f'href="{course_id}/"' in home and "Ledelse i praksis" in home


def test_nothing_moves_when_the_repository_cannot_become_a_library(repository):
    before = files(repository)
    bad = cli("library", "Ledelse 2", cwd=repository)
    assert bad.returncode == 1 and "'Ledelse 2' er ikke et gyldigt id" in bad.stderr
    (repository / "sites").mkdir()
    taken = cli("library", "ledelse", cwd=repository)
    assert taken.returncode == 1 and f"{Path('sites')} findes allerede" in taken.stderr
    (repository / "sites").rmdir()
    course = repository / "modules" / "course.yml"
    text = course.read_text("utf-8") + 'colour: "#0f5f73"\n'  # the front page gets the course's colour
    course.write_text(text.replace("title:", "titel:", 1), "utf-8")
    broken = cli("library", "ledelse", cwd=repository)
    assert broken.returncode == 1 and "modules/course.yml:" in broken.stderr  # fixed first, where it is
    course.write_text(text, "utf-8")
    assert files(repository) == before
    assert cli("library", "ledelse", cwd=repository).returncode == 0
    assert yaml.safe_load((repository / "modules" / "portfolio.yml").read_text("utf-8"))["colour"] == "#0f5f73"
    again = cli("library", "ledelse", cwd=repository)
    assert again.returncode == 1 and "kun et repository med ét kursus kan blive et bibliotek" in again.stderr


def test_the_makefile_curriculum_init_writes_builds_a_library(repository):
    """In a library: `make site` runs `curriculum sites` (COURSE=ID: one course), `make pdf` and `make
    serve-instructor` need COURSE=ID and name the courses without it, `make serve COURSE=ID` previews the
    course, `make instructor` points to `make site`. In a repository of one course they build as before."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "COURSE")}

    def dry(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["make", "--no-print-directory", "-n", "BIN=bin/", *args]
        return subprocess.run(command, cwd=repository, capture_output=True, text=True, env=env)

    assert dry("site").stdout.splitlines() == ["bin/mkdocs build --strict"]
    assert "bin/python -m curriculum.pdf site pdf participant" in dry("pdf").stdout
    renamed = cli("library", "ledelse", cwd=repository)  # another id than its storage keys' name: said
    assert renamed.returncode == 0 and "og hedder nu 'ledelse'; deltagernes gemte logbog" in renamed.stderr
    assert dry("site").stdout.splitlines() == ["bin/curriculum sites"]
    assert dry("site", "COURSE=ledelse").stdout.splitlines() == ["bin/curriculum sites --course ledelse"]
    printed = dry("pdf", "COURSE=ledelse").stdout.splitlines()
    assert printed == [
        "bin/curriculum sites --course ledelse",
        "bin/python -m curriculum.pdf site/ledelse pdf/ledelse participant",
        "bin/python -m curriculum.pdf site-instructor/ledelse pdf/ledelse instructor",
    ]
    assert dry("serve", "COURSE=ledelse").stdout.strip() == "bin/mkdocs serve --livereload -f sites/ledelse/mkdocs.yml"
    assert "-f sites/ledelse/mkdocs.instructor.yml" in dry("serve-instructor", "COURSE=ledelse").stdout
    for target in ("pdf", "serve-instructor"):
        unnamed = dry(target)
        assert unnamed.returncode != 0 and f"make {target} COURSE=ID, ID one of: ledelse" in unnamed.stderr
        assert unnamed.stdout == "", target  # nothing is built before it says so
    instructor = dry("instructor")
    assert instructor.returncode != 0 and "make site builds every course's instructor edition" in instructor.stderr
    assert (ROOT / "Makefile").is_file()  # this repository's own Makefile knows libraries too (test_portfolio.py)
