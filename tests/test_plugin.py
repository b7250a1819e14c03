"""The MkDocs plugin `curriculum` and upgrading a course: the plugin lives outside the engine's imports, its
options are checked with the file and the line, a renamed setting is named with its new name, and a course
made by an earlier `curriculum init` still builds with its copies and is told how to drop them.

The published course's own build with the plugin is tested by every built-site test (mkdocs.yml names
`- curriculum`); tests/test_init_package.py builds a course from an installed wheel."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, curriculum_cli, mkdocs_build
from curriculum import assets, newcourse, settings, upgrade

SRC = ROOT / "src" / "curriculum"
OLD_HOOK = ROOT / "tests" / "old_init" / "curriculum_hook.py.txt"  # the hook `curriculum init` copied before 0.2


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "curriculum." + (node.module or "") if node.level else (node.module or "")
            found |= {base.rstrip(".")} | {f"{base.rstrip('.')}.{alias.name}" for alias in node.names}
    return found


def test_only_mkdocs_imports_the_plugin_and_no_engine_module_imports_mkdocs():
    for path in SRC.rglob("*.py"):
        if path.name == "mkdocs_plugin.py":
            continue
        found = imports(path)
        assert not {name for name in found if name.split(".")[0] == "mkdocs"}, path
        assert not {name for name in found if "mkdocs_plugin" in name}, path


def test_the_plugin_is_registered_as_an_entry_point_and_the_hook_is_the_plugin():
    from importlib.metadata import entry_points

    from curriculum.mkdocs_plugin import CurriculumConfig, CurriculumPlugin

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == assets.PLUGIN]
    assert entry.load() is CurriculumPlugin
    assert {name for name, _ in CurriculumConfig._schema} == set(upgrade.OPTIONS)
    hook = ROOT / "hooks" / "curriculum_hook.py"
    assert imports(hook) >= {"curriculum.mkdocs_plugin.CurriculumPlugin"} and len(hook.read_text().splitlines()) < 20


@pytest.mark.published
def test_the_repositorys_theme_paths_are_links_into_the_package():
    """One source: KDL's overrides/, content/stylesheets/ and content/javascripts/ are the package's."""
    for name, target in (
        ("overrides", "overrides"),
        ("content/stylesheets", "stylesheets"),
        ("content/javascripts", "javascripts"),
    ):
        assert (ROOT / name).is_symlink() and (ROOT / name).resolve() == (SRC / "theme" / target).resolve(), name
    assert set(assets.site_files()) == {
        p.relative_to(SRC / "theme").as_posix() for p in (SRC / "theme").glob("*/*") if p.suffix in (".css", ".js")
    }
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "curriculum" in config["plugins"]
    assert not {"hooks", "extra_css", "extra_javascript"} & set(config) and "custom_dir" not in config["theme"]


def _course(base: Path, plugin_options: str = "") -> Path:
    course = base / "course"
    for name, data in newcourse.planned("en").items():
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_bytes(data)
    if plugin_options:
        config = course / "mkdocs.yml"
        text = config.read_text("utf-8").replace("  - curriculum  #", f"  - curriculum:\n{plugin_options}  #", 1)
        config.write_text(text, encoding="utf-8")
    return course


def _line(path: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_a_misspelt_plugin_option_stops_the_build_naming_the_line(tmp_path, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    course = _course(tmp_path, "      asets: false\n")
    monkeypatch.chdir(course)
    line, column = _line(course / "mkdocs.yml", "asets:")
    with pytest.raises(PluginError) as caught:
        load_config("mkdocs.yml")
    assert (
        str(caught.value)
        .splitlines()[1]
        .startswith(
            f"mkdocs.yml:{line}:{column}: plugins.curriculum.asets: unknown option 'asets' (did you mean 'assets'?)"
        )
    )
    check = curriculum_cli("check", cwd=course)  # `curriculum check` says the same
    assert f"mkdocs.yml:{line}:{column}: plugins.curriculum.asets: unknown option" in check.stderr


def test_a_renamed_plugin_option_and_a_renamed_setting_are_named_with_their_new_name(tmp_path, monkeypatch):
    """An upgrade past a rename: the old name's line, and what to write instead."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    monkeypatch.setitem(upgrade.RENAMED, "theme_files", ("assets", "0.2.0"))
    monkeypatch.setitem(settings.RENAMED, "cohort", ("run", "0.2.0"))
    course = _course(tmp_path, "      theme_files: true\n")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("    run: first-cohort", "    cohort: first-cohort"), "utf-8")
    monkeypatch.chdir(course)
    line, column = _line(config, "theme_files:")
    with pytest.raises(PluginError) as caught:
        load_config("mkdocs.yml")
    assert (
        f"mkdocs.yml:{line}:{column}: plugins.curriculum.theme_files: renamed to 'assets' in curriculum 0.2.0; "
        "write 'assets:' instead of 'theme_files:'"
    ) in str(caught.value)
    line, column = _line(config, "cohort:")
    with pytest.raises(settings.SettingsError) as error:
        settings.resolve(Path("mkdocs.yml"), environ={})
    assert (
        f"mkdocs.yml:{line}:{column}: extra.curriculum.cohort: renamed to 'run' in curriculum 0.2.0; "
        "write 'run:' instead of 'cohort:'"
    ) in error.value.problems


def _as_an_earlier_init_made_it(course: Path) -> list[str]:
    """The course as `curriculum init` wrote it before the plugin: copies of the hook, the overrides, the
    style sheets and scripts, named in mkdocs.yml."""
    (course / "hooks").mkdir()
    shutil.copyfile(OLD_HOOK, course / assets.OLD_HOOK)
    shutil.copytree(assets.OVERRIDES, course / "overrides")
    for name, path in assets.site_files().items():
        (course / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, course / "content" / name)
    config = course / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  - curriculum  #", "#", 1)
    text = text.replace("  font: false", "  font: false\n  custom_dir: overrides", 1)
    text += "hooks:\n  - hooks/curriculum_hook.py\n"
    text += "extra_css:\n" + "".join(f"  - {n}\n" for n in assets.STYLESHEETS)
    text += "extra_javascript:\n" + "".join(f"  - {n}\n" for n in assets.SCRIPTS)
    config.write_text(text, encoding="utf-8")
    return [
        assets.OLD_HOOK,
        *(f"overrides/{n}" for n in assets.overrides()),
        *(f"content/{n}" for n in assets.site_files()),
    ]


def test_a_course_made_by_an_earlier_init_builds_until_it_switches_and_is_told_what_to_delete(tmp_path):
    course = _course(tmp_path)
    copies = _as_an_earlier_init_made_it(course)
    built = mkdocs_build(course, course / "site")
    assert built.returncode == 0, built.stderr  # still builds, with its own copies
    told = curriculum_cli("check", cwd=course).stderr
    line, column = _line(course / "mkdocs.yml", "hooks:")
    assert f"mkdocs.yml:{line}:{column}: the course builds with copies of the generator's files" in told
    assert "write '- curriculum' under plugins:" in told and all(name in told for name in copies)

    # the switch the message asks for: the plugin in mkdocs.yml; the copies still there are listed one by one
    config = course / "mkdocs.yml"
    text = config.read_text("utf-8").split("hooks:\n")[0].replace("  custom_dir: overrides\n", "")
    config.write_text(re.sub(r"(      lang: en\n)", r"\1  - curriculum\n", text), encoding="utf-8")
    told = curriculum_cli("check", cwd=course).stderr
    assert [line.split(":")[0] for line in told.splitlines() if "copy of the generator's file" in line] == copies
    for name in copies:
        (course / name).unlink()
    built = mkdocs_build(course, course / "site")
    assert built.returncode == 0, built.stderr
    index = (course / "site" / "index.html").read_text("utf-8")
    everywhere = [name for name, marks in assets.USED_WHERE.items() if not marks]  # the rest where used
    assert everywhere and all(f'{name}"' in index for name in everywhere)
    assert all((course / "site" / name).is_file() for name in assets.site_files())
    assert "copy of the generator" not in curriculum_cli("check", cwd=course).stderr


@pytest.mark.published
def test_a_changed_copy_is_named_as_changed(tmp_path):
    course = _course(tmp_path)
    copies = _as_an_earlier_init_made_it(course)
    (course / "content" / "stylesheets" / "extra.css").write_text("/* ours */\n", encoding="utf-8")
    (note,) = upgrade.leftovers(course / "mkdocs.yml", settings.load_config(course / "mkdocs.yml", {}))
    assert "you changed content/stylesheets/extra.css" in note.message and len(copies) == 13
    assert (
        upgrade.leftovers(ROOT / "mkdocs.yml", settings.load_config(ROOT / "mkdocs.yml", {})) == []
    )  # links, thin hook


def test_the_preview_looks_for_a_saved_file_every_tenth_of_a_second(tmp_path):
    """MkDocs' preview polls the watched folders every 0.5 s; the plugin makes it 0.1 s, for the folders
    MkDocs watches before the plugin's turn and those it watches after."""
    from mkdocs.livereload import LiveReloadServer

    from curriculum.mkdocs_plugin import POLL_SECONDS, CurriculumPlugin

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    server.watch(str(tmp_path / "before"))
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.5}  # MkDocs' own interval
    assert CurriculumPlugin().on_serve(server, config=None, builder=lambda: None) is server
    server.watch(str(tmp_path / "after"))
    assert len(server.observer.emitters) == 2
    assert {emitter.timeout for emitter in server.observer.emitters} == {POLL_SECONDS}
