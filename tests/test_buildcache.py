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


# ------------------------------------------------------------------ parts kept between a front end's builds

CALENDARS = """
import hashlib, sys
from curriculum import frontend
from curriculum.settings import resolve
site = frontend.build(resolve(modules="modules", run="test-run"))
ics = b"".join(path.encode() + site.files[path] for path in sorted(site.files) if path.endswith(".ics"))
print("icalendar" in sys.modules, hashlib.sha256(ics).hexdigest())
"""


def _in_a_new_process(script: str, modules_dir, env: dict[str, str]) -> str:
    """What ``script`` prints, run as a new build process would be, beside the modules folder."""
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=modules_dir.parent, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def _calendars(site) -> str:
    import hashlib

    ics = b"".join(path.encode() + site.files[path] for path in sorted(site.files) if path.endswith(".ics"))
    return hashlib.sha256(ics).hexdigest()


def test_calendar_files_are_written_again_only_when_an_event_changed(modules_dir, tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path / "cache")}
    (tmp_path / "cache").mkdir()

    def build() -> list[str]:
        return _in_a_new_process(CALENDARS, modules_dir, env).split()

    first = build()
    assert first == ["True", _calendars(generate(modules_dir, "test-run"))]  # icalendar wrote them
    tool = modules_dir / "tools" / "teknologiradar.yml"
    tool.write_text(tool.read_text("utf-8").replace("Et overblik.", "Et bedre overblik."), encoding="utf-8")
    assert build() == ["False", first[1]]  # no event changed: the files of the build before, icalendar not imported
    session = modules_dir / "sessions" / "workshop-1.yml"
    session.write_text(
        session.read_text("utf-8").replace("Hvad vil du lære?", "Hvad vil du nu lære?"), encoding="utf-8"
    )
    changed = build()
    assert changed == ["True", _calendars(generate(modules_dir, "test-run"))] and changed[1] != first[1]


def test_kept_parts_are_used_only_in_a_front_ends_build_and_only_in_the_same_environment(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    kept = buildcache.Kept("test-parts", 2)
    kept.put(b"inputs", "made")  # outside a front end's build: nothing is kept
    with buildcache.reusing():
        assert kept.get(b"inputs") is None
        kept.put(b"inputs", "made")
        assert kept.get(b"inputs") == "made"
    assert kept.get(b"inputs") is None  # the engine on its own makes everything afresh
    kept.write()
    again = buildcache.Kept("test-parts", 2)
    with buildcache.reusing():
        assert again.get(b"inputs") == "made"  # read from the folder
        monkeypatch.setattr(buildcache, "_environment", b"another engine, package or Python")
        assert again.get(b"inputs") is None
        for n in range(3):
            again.put(bytes([n]), n)
        assert [again.get(bytes([n])) for n in range(3)] == [None, 1, 2]  # at most the limit, the oldest forgotten


def test_pictures_are_drawn_again_only_when_what_they_show_changed(tmp_path, monkeypatch):
    import shutil

    from conftest import ROOT
    from curriculum.visuals import bars, kinds, render

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    fresh = buildcache.Kept("pictures", 160)
    monkeypatch.setattr(render, "_KEPT", fresh)
    monkeypatch.setattr(bars, "_KEPT", fresh)
    laid_out: list[str] = []
    for kind in kinds.kinds():
        layout = type(kind).layout
        monkeypatch.setattr(
            type(kind),
            "layout",
            lambda self, tool, messages, _f=layout: laid_out.append(tool.id) or _f(self, tool, messages),
        )
    modules = tmp_path / "modules"
    shutil.copytree(ROOT / "tests" / "courses" / "da" / "modules", modules)  # pictures of every kind
    with buildcache.reusing():
        first = generate(modules)
    assert laid_out and first == generate(modules)
    pictured = sorted(set(laid_out))
    tool = modules / "tools" / f"{pictured[0]}.yml"
    tool.write_text(tool.read_text("utf-8").replace("\ntitle: ", "\ntitle: Ny ", 1), encoding="utf-8")
    laid_out.clear()
    with buildcache.reusing():
        second = generate(modules)
    assert set(laid_out) == {pictured[0]}  # only the changed tool's picture is drawn again
    laid_out.clear()
    assert second == generate(modules) != first


def test_a_results_chart_is_drawn_again_only_when_what_it_shows_changed(tmp_path, monkeypatch):
    from curriculum.evaluation import Row
    from curriculum.messages import Messages
    from curriculum.models import ItemResult, QuestionnaireItem
    from curriculum.visuals import bars

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(bars, "_KEPT", buildcache.Kept("pictures", 160))
    drawn: list[int] = []
    context = bars.bars_context
    monkeypatch.setattr(bars, "bars_context", lambda rows: drawn.append(len(rows)) or context(rows))
    item = QuestionnaireItem(id="a", text="Jeg lærte noget.")
    rows = [Row(item, ItemResult(item="a", percent=80))]
    messages = Messages("da")

    def chart(rows: list[Row]) -> str:
        with buildcache.reusing():
            return str(bars.render_bars("c", "Udbytte", rows, "Enig", messages))

    first = chart(rows)
    assert chart(rows) == first == str(bars.render_bars("c", "Udbytte", rows, "Enig", messages)) and len(drawn) == 2
    changed = chart([Row(item, ItemResult(item="a", percent=85))])
    assert len(drawn) == 3 and changed != first and "85" in changed


def test_a_file_is_validated_again_only_when_it_or_what_its_validation_reads_changed(tmp_path, monkeypatch):
    import pytest

    from curriculum.problems import CurriculumError
    from curriculum.validation import files

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(files, "_KEPT", buildcache.Kept("files", 512))
    validated: list[str] = []
    real = files.validate
    monkeypatch.setattr(files, "validate", lambda doc, *a, **k: validated.append(doc.file) or real(doc, *a, **k))
    seminar = "vocabulary:\n  formats:\n    - id: seminar\n      name: Seminar\n"
    course = textwrap.dedent(MINIMAL["course.yml"])
    webinar = textwrap.dedent(MINIMAL["sessions/webinar-1.yml"])
    modules = write_modules(
        tmp_path, {"course.yml": course + seminar, "sessions/webinar-1.yml": webinar.replace("webinar\n", "seminar\n")}
    )

    def build() -> object:
        validated.clear()
        with buildcache.reusing():
            return generate(modules, "test-run")

    first = build()
    everything = sorted(validated)
    assert "modules/sessions/webinar-1.yml" in everything and "modules/course.yml" in everything
    assert build() == first and validated == []  # nothing changed: every file as validated before
    session = modules / "sessions" / "webinar-1.yml"
    session.write_text(session.read_text("utf-8").replace("Vi fortsætter.", "Vi går videre."), encoding="utf-8")
    second = build()
    assert validated == ["modules/sessions/webinar-1.yml"]
    assert second == generate(modules, "test-run") != first
    (modules / "course.yml").write_text(course, encoding="utf-8")  # the course no longer has the format
    with pytest.raises(CurriculumError) as raised:
        build()
    assert [p.file for p in raised.value.problems] == ["modules/sessions/webinar-1.yml"]
    assert "modules/sessions/workshop-1.yml" in validated  # the vocabulary changed: every session again


FORMATS = """
import hashlib, sys
import babel.localedata
from curriculum import frontend
from curriculum.settings import resolve
site = frontend.build(resolve(modules="modules", run="test-run"))
print(sorted(babel.localedata._cache), hashlib.sha256("\\0".join(sorted(site.pages.values())).encode()).hexdigest())
"""


def test_babel_reads_a_languages_data_only_when_a_build_asks_for_a_new_format(modules_dir, tmp_path):
    import hashlib

    env = {**os.environ, "TMPDIR": str(tmp_path / "cache")}
    (tmp_path / "cache").mkdir()

    def build() -> list[str]:
        return _in_a_new_process(FORMATS, modules_dir, env).rsplit(" ", 1)

    def pages() -> str:
        return hashlib.sha256("\0".join(sorted(generate(modules_dir, "test-run").pages.values())).encode()).hexdigest()

    first = build()
    assert first[0] != "[]" and first[1].strip() == pages()  # the dates, times and lists made by Babel
    session = modules_dir / "sessions" / "webinar-1.yml"
    session.write_text(session.read_text("utf-8").replace("Vi fortsætter.", "Vi går videre."), encoding="utf-8")
    second = build()
    assert second[0] == "[]" and second[1].strip() == pages() != first[1].strip()  # every format as before
    run = modules_dir / "runs" / "test-run.yml"
    run.write_text(run.read_text("utf-8").replace("2024-", "2023-"), encoding="utf-8")
    third = build()
    assert third[0] != "[]" and third[1].strip() == pages()  # new dates: Babel reads its data again


def test_a_languages_vocabulary_is_validated_again_only_when_its_file_changed(tmp_path, monkeypatch):
    from curriculum import vocabulary

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(vocabulary, "_KEPT", buildcache.Kept("vocabularies", 16))
    validated: list[str] = []
    real = vocabulary._validated
    monkeypatch.setattr(vocabulary, "_validated", lambda text: validated.append(text) or real(text))
    file = tmp_path / "da.yml"
    file.write_text(vocabulary._file("da").read_text("utf-8"), encoding="utf-8")
    monkeypatch.setattr(vocabulary, "_file", lambda language: file)

    def defaults() -> object:
        vocabulary.defaults.cache_clear()  # a new build process
        with buildcache.reusing():
            return vocabulary.defaults("da")

    first = defaults()
    assert len(validated) == 1
    assert defaults() == first and len(validated) == 1  # kept: not validated again
    file.write_text(file.read_text("utf-8").replace("name: Workshop", "name: Værksted", 1), encoding="utf-8")
    changed = defaults()
    assert len(validated) == 2 and changed != first
    assert any(entry.name == "Værksted" for entry in changed.formats)
    vocabulary.defaults.cache_clear()


def test_what_a_page_does_not_load_is_found_once_for_each_page(tmp_path, monkeypatch):
    from curriculum import assets

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(buildcache, "_policies", None)
    found: list[str] = []
    real = assets._unused
    monkeypatch.setattr(assets, "_unused", lambda page: found.append(page) or real(page))
    page = (
        '<html><head>\n  <link rel="stylesheet" href="../stylesheets/logbook.css">\n'
        '  <script src="../javascripts/radar.js"></script>\n</head><body><p class="course-radar">x</p></body></html>'
    )
    assert assets.load_only_used(page) == assets.load_only_used(page) != page
    assert "logbook.css" not in assets.load_only_used(page) and "radar.js" in assets.load_only_used(page)
    assert len(found) == 1  # the second and third time, remembered by the page's digest
    assert assets.load_only_used(page.replace("course-radar", "other")) != assets.load_only_used(page)
    assert len(found) == 2
