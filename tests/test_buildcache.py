"""The build cache (buildcache.py): an unchanged course is not built again, and any change is."""

from __future__ import annotations

import os
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


# ------------------------------------------------------------------ the pages' Content-Security-Policies

PAGE = "<!doctype html><html><head><meta charset=utf-8></head><body><div><script>theme()</script></div></body></html>"
REMEMBER = """
import sys
from curriculum import buildcache, csp
page = sys.argv[1]
before = buildcache.policy(csp.hashlib.sha256(b"0" + page.encode()).digest()) is not None
print(before, csp.apply(page) == csp.apply(page))
"""


def _policy_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(buildcache, "_policies", None)
    monkeypatch.setattr(buildcache, "_policies_added", False)


def test_a_pages_policy_is_remembered_from_one_build_to_the_next(tmp_path, monkeypatch):
    from curriculum import csp

    _policy_folder(tmp_path, monkeypatch)
    runs = [
        subprocess.run([sys.executable, "-c", REMEMBER, PAGE], capture_output=True, text=True, env=dict(os.environ))
        for _ in range(2)
    ]
    assert [r.stdout.split() for r in runs] == [["False", "True"], ["True", "True"]], runs
    assert (tmp_path / f"curriculum-sites-{os.getuid()}" / "policies").is_file()
    assert csp.apply(PAGE) == csp.apply(PAGE, inline_styles=False) != csp.apply(PAGE, inline_styles=True)
    assert csp._digest("theme()") in csp.apply(PAGE)


def test_a_remembered_policy_is_the_one_used_and_only_while_csp_py_is_the_same(tmp_path, monkeypatch):
    from curriculum import csp

    _policy_folder(tmp_path, monkeypatch)
    digest = csp.hashlib.sha256(b"0" + PAGE.encode()).digest()
    buildcache.remember_policy(digest, (PAGE.index("<head>") + 6, "default-src 'none'"))
    assert "content=\"default-src 'none'\">" in csp.apply(PAGE)  # what is remembered is trusted: the folder is ours
    buildcache._write_policies()
    monkeypatch.setattr(buildcache, "_policies", None)
    assert buildcache.policy(digest) is not None
    monkeypatch.setattr(buildcache, "_policies", None)
    monkeypatch.setattr(buildcache, "_policies_version", lambda: b"another csp.py")
    assert buildcache.policy(digest) is None


def test_no_more_policies_are_kept_than_the_limit_the_most_recently_used_last(tmp_path, monkeypatch):
    _policy_folder(tmp_path, monkeypatch)
    monkeypatch.setattr(buildcache, "POLICIES", 3)
    for n in range(3):
        buildcache.remember_policy(bytes([n]), (n, f"policy {n}"))
    assert buildcache.policy(bytes([0])) == (0, "policy 0")  # used: now the most recent
    buildcache.remember_policy(bytes([3]), (3, "policy 3"))
    assert buildcache.policy(bytes([1])) is None
    assert [buildcache.policy(bytes([n])) is not None for n in (0, 2, 3)] == [True, True, True]


def test_policies_in_a_folder_others_may_write_to_are_not_used(tmp_path, monkeypatch):
    _policy_folder(tmp_path, monkeypatch)
    buildcache.remember_policy(b"page", (1, "policy"))
    buildcache._write_policies()
    folder = tmp_path / f"curriculum-sites-{os.getuid()}"
    folder.chmod(0o777)
    monkeypatch.setattr(buildcache, "_policies", None)
    assert buildcache.policy(b"page") is None


def test_only_the_sites_built_last_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(buildcache, "SITES", 3)
    site = generate(write_modules(tmp_path / "course", {}), "test-run")
    names = [f"{n:024d}" for n in range(5)]
    for n, name in enumerate(names):
        buildcache.store(name, "digest", site)
        os.utime(buildcache._folder() / name, ns=(n * 10**9, n * 10**9))  # stored one second after the other
    assert sorted(p.name for p in buildcache._folder().iterdir()) == names[2:]
    assert buildcache.load(names[-1], "digest") == site
