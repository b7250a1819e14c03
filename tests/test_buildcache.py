"""The build cache (buildcache.py): an unchanged course is not built again, and any change is."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import MINIMAL, write_modules
from curriculum import buildcache, frontend
from curriculum.engine import generate
from curriculum.settings import resolve

CHECK = """
import sys
from curriculum import frontend
from curriculum.settings import resolve
site = frontend.build(resolve(modules="modules", run="test-run"))
print(len(site.pages), "pydantic" in sys.modules, "curriculum.engine" in sys.modules)
"""


def test_an_unchanged_course_is_taken_from_the_cache_without_importing_the_engine(modules_dir):
    first = frontend.build(resolve(modules=modules_dir, run="test-run"))
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=modules_dir.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(first.pages)), "False", "False"]
    assert frontend.build(resolve(modules=modules_dir, run="test-run")) == generate(modules_dir, "test-run")


def test_every_change_to_a_module_file_or_a_setting_is_built_again(modules_dir):
    settings = resolve(modules=modules_dir, run="test-run")
    before = frontend.build(settings)
    session = modules_dir / "sessions" / "webinar-1.yml"
    session.write_text(
        textwrap.dedent(MINIMAL["sessions/webinar-1.yml"]).replace("Vi fortsætter.", "Vi går videre."), encoding="utf-8"
    )
    after = frontend.build(settings)
    assert "Vi går videre." in after.pages["sessioner/webinar-1.md"]
    assert after == generate(modules_dir, "test-run") != before
    instructor = frontend.build(resolve(modules=modules_dir, run="test-run", edition="instructor"))
    assert instructor == generate(modules_dir, "test-run", edition="instructor")
    with_url = frontend.build(resolve(modules=modules_dir, run="test-run", site_url="https://example.org/k/"))
    assert with_url == generate(modules_dir, "test-run", "https://example.org/k/")
    assert buildcache.key(modules_dir, "test-run", "participant", None) != buildcache.key(
        modules_dir, "test-run", "instructor", None
    )


def test_a_course_with_problems_is_never_cached(tmp_path, monkeypatch):
    import pytest

    from curriculum.problems import CurriculumError

    monkeypatch.chdir(tmp_path)
    modules = write_modules(
        tmp_path,
        {"sessions/webinar-1.yml": MINIMAL["sessions/webinar-1.yml"].replace("format: webinar", "format: webinr")},
    )
    settings = resolve(modules=modules, run="test-run")
    for _ in range(2):
        with pytest.raises(CurriculumError):
            frontend.build(settings)
    assert buildcache.load(*buildcache.key(modules, "test-run", "participant", None)) is None
