"""The compiled-template caches (``curriculum.templating``): the theme's is named by everything in its
environment that changes what a template compiles to, and only a folder of the user's own is used."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from jinja2 import FileSystemBytecodeCache

from curriculum import templating


def _mkdocs_like(**options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{% trans %}Hi {{ name }}{% endtrans %}"}), **options)  # type: ignore[arg-type]
    env.add_extension("jinja2.ext.i18n")
    env.install_null_translations()  # type: ignore[attr-defined]
    return env


def _folder(cache: object) -> Path:
    assert isinstance(cache, FileSystemBytecodeCache)
    return Path(cache.directory)


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    return tmp_path


def test_the_same_environment_gets_the_same_folder_and_a_compiled_template_is_used_again():
    first, second = _mkdocs_like(), _mkdocs_like()
    assert _folder(templating.theme_bytecode_cache(first)) == _folder(templating.theme_bytecode_cache(second))
    first.bytecode_cache = templating.theme_bytecode_cache(first)
    assert first.get_template("t.html").render(name="Ada") == "Hi Ada"
    assert list(_folder(first.bytecode_cache).iterdir()), "nothing was kept"
    second.bytecode_cache = templating.theme_bytecode_cache(second)
    assert second.get_template("t.html").render(name="Ada") == "Hi Ada"


@pytest.mark.parametrize(
    "change",
    [
        lambda env: env.install_null_translations(newstyle=True),  # {% trans %} compiles otherwise
        lambda env: env.add_extension("jinja2.ext.loopcontrols"),
        lambda env: setattr(env, "trim_blocks", True),
        lambda env: setattr(env, "variable_start_string", "[["),
        lambda env: setattr(env, "autoescape", True),
        lambda env: setattr(env, "autoescape", jinja2.select_autoescape(["html"])),
        lambda env: setattr(env, "finalize", str),
    ],
)
def test_an_environment_that_compiles_otherwise_gets_another_folder(change):
    env = _mkdocs_like()
    before = _folder(templating.theme_bytecode_cache(env))
    change(env)
    assert _folder(templating.theme_bytecode_cache(env)) != before


def test_two_autoescape_functions_made_alike_but_for_their_settings_are_told_apart():
    one, other = _mkdocs_like(), _mkdocs_like()
    one.autoescape, other.autoescape = jinja2.select_autoescape(["html"]), jinja2.select_autoescape(["xml"])
    assert _folder(templating.theme_bytecode_cache(one)) != _folder(templating.theme_bytecode_cache(other))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder owners are POSIX's")
def test_a_folder_others_may_write_to_is_not_used(own_temp: Path):
    env = _mkdocs_like()
    folder = _folder(templating.theme_bytecode_cache(env))
    folder.chmod(0o777)
    assert templating.theme_bytecode_cache(env) is None
    folder.chmod(0o700)
    folder.parent.chmod(0o777)
    assert templating.theme_bytecode_cache(env) is None
    assert templating.bytecode_cache("pages") is None


def test_the_plugin_gives_the_theme_environment_its_cache_and_keeps_one_it_was_given():
    from curriculum.mkdocs_plugin import CurriculumPlugin

    plugin = CurriculumPlugin()  # its options are not read by on_env
    env = _mkdocs_like()
    assert plugin.on_env(env, config=None, files=None) is env
    assert _folder(env.bytecode_cache) == _folder(templating.theme_bytecode_cache(_mkdocs_like()))
    given = FileSystemBytecodeCache(".")
    env.bytecode_cache = given
    assert plugin.on_env(env, config=None, files=None).bytecode_cache is given
