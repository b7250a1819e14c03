"""The front ends are thin callers of one adapter (``curriculum.frontend``): the MkDocs hook (in memory) and
`curriculum generate` (on disk) give the same pages, both read ./mkdocs.yml when no settings file is named,
and a hand-written page in the way stops every builder with the same words. (That every builder escapes
what the theme prints is tested on a site full of injections, in test_security.py.)"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load
from mkdocs.structure.files import get_files

from conftest import ROOT, curriculum_cli, published, write_modules
from curriculum import assets, cli

pytestmark = pytest.mark.published  # reads the published course (tests/course_use.py)


def hook_pages(config_file: str = "mkdocs.yml") -> dict[str, bytes]:
    config = load_config(str(ROOT / config_file))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    served = assets.site_files()  # the generator's style sheets and scripts, which `generate` does not write
    return {f.src_uri: f.content_bytes for f in files if f.generated_by and f.src_uri not in served}


@pytest.mark.parametrize(
    "edition,config_file", [("participant", "mkdocs.yml"), ("instructor", "mkdocs.instructor.yml")]
)
def test_hook_and_generate_write_identical_pages(tmp_path, monkeypatch, edition, config_file):
    """`curriculum generate` reads the run and the edition from the settings file: ./mkdocs.yml when none is
    named, as `mkdocs build` does (docs/developers/architecture.md's own `curriculum generate --out DIR`)."""
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    out = tmp_path / "pages"
    course = published()
    named = [] if config_file == "mkdocs.yml" else ["--config", config_file]
    result = curriculum_cli("generate", "--out", str(out), *named, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    in_memory = hook_pages(config_file)
    assert any(p.startswith(f"{course.address('teaching')}/") for p in on_disk) == (edition == "instructor")
    assert len(in_memory) >= len(course.run.sessions) + 5
    assert on_disk == in_memory


def test_generate_writes_the_navigation(tmp_path):
    import yaml

    course = published()
    nav = tmp_path / "nav.yml"
    result = curriculum_cli(
        "generate", "--out", str(tmp_path / "p"), "--nav", str(nav), "--run", course.run_id, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    entries = yaml.safe_load(nav.read_text("utf-8"))["nav"]
    label = course.messages("pages.programme")
    programme = next(e[label] for e in entries if label in e)
    sessions = course.address("sessions")
    assert [next(iter(e.values())) for e in programme] == [f"{sessions}/{s.module}.md" for s in course.run.sessions]


def test_generated_pages_build_with_plain_mkdocs_and_no_hook(tmp_path):
    """Another builder can take the pages: here, MkDocs itself without the hook."""
    import yaml

    from conftest import mkdocs_build

    docs = tmp_path / "docs"
    nav = tmp_path / "nav.yml"
    course = published()
    result = curriculum_cli("generate", "--out", str(docs), "--nav", str(nav), "--run", course.run_id, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    config = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))  # MkDocs' own loader: it knows !ENV
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin != "curriculum"]  # no plugin either
    config.pop("watch")
    config["docs_dir"] = "docs"
    config["nav"] = yaml.safe_load(nav.read_text("utf-8"))["nav"]
    config["validation"]["omitted_files"] = "info"  # the hand-written pages are not in this copy
    css = docs / "stylesheets"
    css.mkdir(exist_ok=True)  # generate wrote the course colour's stylesheets/course.css into it
    (css / "extra.css").write_text((ROOT / "content/stylesheets/extra.css").read_text("utf-8"), encoding="utf-8")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    # yaml.dump, not safe_dump: toc's slugify is a function (!!python/name:curriculum.slugs.slugify)
    (tmp_path / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    built = mkdocs_build(tmp_path, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for slot in course.run.sessions:
        assert (tmp_path / "site" / course.address("sessions") / slot.module / "index.html").is_file()


FRONT_ENDS = [ROOT / "src" / "curriculum" / "mkdocs_plugin.py", ROOT / "src" / "curriculum" / "zensical.py"]
# The adapter's steps: a front end that imports one of these makes a step of its own, and can drift.
STEPS = {"curriculum.csp", "curriculum.sitelanguage", "curriculum.buildcache", "curriculum.engine", "html"}


@pytest.mark.parametrize("front_end", FRONT_ENDS, ids=lambda p: p.name)
def test_a_builder_front_end_makes_no_step_of_its_own(front_end):
    """The hook and `curriculum zensical` get the settings, the pages, the language check, the escaped theme
    values and the Content-Security-Policy from the adapter (``frontend.prepare``, ``frontend.protect``)."""
    tree = ast.parse(front_end.read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = ("curriculum." if node.level else "") + (node.module or "")
            imported |= {module.rstrip(".")} | {f"{module}.{alias.name}".replace("..", ".") for alias in node.names}
    assert imported & STEPS == set()
    called = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert {"prepare", "protect"} <= called


def _minimal_project(base: Path) -> Path:
    """A minimal course with the project's hook and mkdocs.yml (run: test-run), and a docs folder."""
    project = base / "course"
    write_modules(project, {})
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  language: da\nhooks:\n  - hooks/curriculum_hook.py\n"
        "docs_dir: docs\nextra:\n  curriculum:\n    run: test-run\n",
        encoding="utf-8",
    )
    (project / "docs").mkdir()
    return project


def test_a_hand_written_page_in_the_way_stops_every_builder_with_the_same_words(tmp_path, monkeypatch, capsys):
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import PluginError

    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    project = _minimal_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    expected = (
        "docs/index.md har samme navn som en side, der laves ud fra modulerne; omdøb eller slet den håndskrevne fil"
    )
    config = mkdocs_config("mkdocs.yml")
    with pytest.raises(PluginError) as caught:
        config.plugins.on_config(config)
    assert str(caught.value).splitlines()[1:] == [expected, "Der er 1 problem i docs-mappen, så intet er bygget."]
    assert cli.main(["zensical", "--out", "site-zensical"]) == 1  # stops before Zensical runs
    assert capsys.readouterr().err.splitlines() == [expected, "Der er 1 problem i docs-mappen, så intet er bygget."]
    assert not (project / "site-zensical").exists()
