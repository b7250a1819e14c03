"""`make test-other-course`: the tests of the published course pass for another course than the one in modules/.

Copies the repository (its tracked files, and new files git does not ignore) to a temporary folder, puts the
English fixture course (tests/courses/en/modules) in place of modules/, adjusts mkdocs.yml as an instructor
who adopts that course would (the site's name, the theme's and the search's language, the run) and
regenerates schemas/ (`make schemas`), then runs there the tests that read the published course (marked
`published`, tests/course_use.py) but the browser tests and the worked examples of KDL's instructors' guide
(docs/, which a course brings with it). It fails when any of them does: a test of the published course that
expects KDL's titles instead of reading them from modules/. The other tests read none of what the copy
changes (tests/course_use.py fails one that does without the mark), so they would run the same there.

    python tests/other_course.py [--course tests/courses/en/modules] [--keep] [-- PYTEST ARGS]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The tests of the published course but the browser tests and the worked examples of KDL's instructors'
# guide (marked guide_examples: they follow the guide on the files of the course it documents) and the tests of
# what KDL's own files say (kdl_files), in two processes as `make test` runs them.
DEFAULT = [
    "--ignore=tests/browser",
    "-m",
    "published and not guide_examples and not kdl_files",
    "-q",
    "-n",
    "2",
    "--dist",
    "loadgroup",
]
BIN = Path(sys.executable).parent


def tracked_files(root: Path) -> list[str]:
    """The repository's files as a clean clone would have them, with new files git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return sorted(
        {name for name in listed.split("\0") if name and ((root / name).is_file() or (root / name).is_symlink())}
    )


def chosen_run(modules: Path) -> str:
    """The run an instructor would publish: the first real run (not `example: true`), else the first run."""
    runs = []
    for path in sorted((modules / "runs").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        runs.append((bool(data.get("example")), str(data.get("id", path.stem))))
    if not runs:
        raise SystemExit(f"{modules}: the course has no run in runs/")
    return sorted(runs)[0][1]


def adopt(config: Path, course: dict, run: str) -> None:
    """mkdocs.yml as an instructor changes it for another course: its name, language and run."""
    language = str(course.get("language", "da"))
    title = json.dumps(str(course["title"]), ensure_ascii=False)
    text = config.read_text("utf-8")
    changes = [
        (r"^site_name: .*$", f"site_name: {title}"),
        (r"^site_description: .*$", f"site_description: {title}"),
        (r"^(  language: )\S+", rf"\g<1>{language}"),  # theme.language
        (r"^(      lang: )\S+", rf"\g<1>{language}"),  # plugins.search.lang
        (r"^(    run: )\S+", rf"\g<1>{run}"),  # extra.curriculum.run
    ]
    for pattern, replacement in changes:
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        if count != 1:
            raise SystemExit(f"{config}: found no line like {pattern!r} to change")
    config.write_text(text, encoding="utf-8")


def prepare(target: Path, course: Path) -> Path:
    """The copy of the repository with ``course`` as its modules/."""
    for name in tracked_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name, follow_symlinks=False)  # a link (src/curriculum/project/) stays one
    shutil.rmtree(target / "modules")
    shutil.copytree(course, target / "modules")
    data = yaml.safe_load((target / "modules" / "course.yml").read_text("utf-8"))
    adopt(target / "mkdocs.yml", data, chosen_run(target / "modules"))
    # mkdocs.instructor.yml inherits mkdocs.yml; a language or a run of its own would have to follow too.
    instructor = (target / "mkdocs.instructor.yml").read_text("utf-8")
    assert not re.search(r"^\s*(language|lang|run):", instructor, flags=re.M), "adjust mkdocs.instructor.yml too"
    schemas = subprocess.run(
        [str(BIN / "curriculum"), "schema", "--out", "schemas"], cwd=target, env=environment(target), text=True
    )
    if schemas.returncode != 0:
        raise SystemExit("`curriculum schema` failed in the copy")
    return target


def environment(target: Path) -> dict[str, str]:
    """The copy's own engine first on the path; no run chosen from outside."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("CURRICULUM_RUN", None)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", type=Path, default=ROOT / "tests" / "courses" / "en" / "modules")
    parser.add_argument("--keep", action="store_true", help="keep the copy and print where it is")
    parser.add_argument(
        "pytest_args", nargs="*", help="arguments for pytest (default: the published course's but the browser's)"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="other-course-"))
    try:
        prepare(folder, args.course.resolve())
        print(f"The repository with {args.course} as modules/ in {folder}", flush=True)
        pytest = [str(BIN / "python"), "-m", "pytest", "-p", "no:cacheprovider"]
        result = subprocess.run(pytest + (args.pytest_args or DEFAULT), cwd=folder, env=environment(folder))
    finally:
        if args.keep:
            print(f"Kept the copy in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(
        f"Another course's test suite: {'passed' if result.returncode == 0 else 'FAILED'} in {time.monotonic() - started:.0f} s"
    )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
