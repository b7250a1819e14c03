"""Upgrading a course to a new generator: one step (raise the pinned version in requirements.txt, or
``pip install -U``), and what ``curriculum check`` tells a course after it.

- The options of the ``curriculum`` plugin in mkdocs.yml are checked here (the plugin calls
  ``option_problems``, and so does ``curriculum check``): an unknown or misspelt option, or one a newer
  version renamed (``RENAMED``), is named with the file, the line and what to write instead, as
  ``settings`` does for ``extra.curriculum``.
- A course made by an earlier ``curriculum init`` carries copies of the generator's hook, theme overrides,
  style sheets and scripts; it still builds with them, and ``leftovers`` says how to switch to the plugin
  and which copies it can then delete.

Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from .say import language_of, say, speaking
from . import assets
from .problems import Problem, did_you_mean
from .settings import SettingsError, load_config, where

#: The plugin's options and what to write as their value.
OPTIONS = {"assets": "report.upgrade.option_assets"}  # each option and what to write (a message of the catalogues)
#: Options of earlier versions -> (their new name, the version that renamed them).
RENAMED: dict[str, tuple[str, str]] = {}
THIN_HOOK = "curriculum.mkdocs_plugin"  # what this generator's own hook imports: it is not a stale copy


def _speaking(config_file: Path) -> AbstractContextManager[str]:
    """The language of the course beside ``config_file`` (its modules folder), for the notes about it."""
    return speaking(language_of(Path(config_file).parent / "modules" / "course.yml"))


def option_problems(options: Mapping[str, Any], config_file: Path) -> list[str]:
    """One problem, with the file, the line and what to write, for each option the plugin does not know."""
    with _speaking(config_file):
        return _option_problems(options, config_file)


def _option_problems(options: Mapping[str, Any], config_file: Path) -> list[str]:
    problems = []
    for key in options:
        if key in OPTIONS or key == "enabled":  # MkDocs' own switch of every plugin
            continue
        place = where(config_file, ("plugins", assets.PLUGIN, str(key)))
        if key in RENAMED:
            new, version = RENAMED[key]
            message = say("report.settings.renamed", new=new, version=version, key=key)
            problems.append(f"{place}: plugins.curriculum.{key}: {message}")
        else:
            choices = ", ".join(f"{name} ({say(what)})" for name, what in OPTIONS.items())
            hint = did_you_mean(str(key), list(OPTIONS))
            message = say("report.upgrade.unknown_option", key=str(key), hint=hint, choices=choices)
            problems.append(f"{place}: plugins.curriculum.{key}: {message}")
    return problems


def notes(config_file: Path | None, environ: Mapping[str, str]) -> list[Problem]:
    """What ``curriculum check`` says about the settings file (usually mkdocs.yml) after an upgrade:
    problems in the plugin's options and the copies of the generator's files the course can delete."""
    if config_file is None or not config_file.is_file():
        return []
    try:
        config = load_config(config_file, environ)
    except SettingsError as error:
        return [_problem(text) for text in error.problems]
    found = [_problem(text) for text in option_problems(assets.plugin_options(config) or {}, config_file)]
    return found + leftovers(config_file, config)


def leftovers(config_file: Path, config: Mapping[str, Any]) -> list[Problem]:
    """The copies of the generator's files an earlier ``curriculum init`` made in the course: how to switch
    to the plugin (while mkdocs.yml still uses the copied hook) and which copies can then be deleted."""
    with _speaking(config_file):
        return _leftovers(config_file, config)


def _leftovers(config_file: Path, config: Mapping[str, Any]) -> list[Problem]:
    root = config_file.parent
    found = assets.copies(root, str(config.get("docs_dir") or "docs"))
    hook = root / assets.OLD_HOOK
    if assets.OLD_HOOK in found and THIN_HOOK in hook.read_text("utf-8", errors="replace"):
        del found[assets.OLD_HOOK]  # this generator's own hook: a few lines that call the installed plugin
    if not found:
        return []
    changed = [name for name, same in found.items() if not same]
    advice = (
        say("report.upgrade.delete_changed", changed=", ".join(changed)) if changed else say("report.upgrade.delete")
    )
    names = ", ".join(found)
    if assets.plugin_options(config) is None:
        place = where(config_file, ("hooks",))
        return [_problem(f"{place}: {say('report.upgrade.copies', file=config_file.name, advice=advice, names=names)}")]
    return [
        Problem(
            name,
            1,
            1,
            "",
            say("report.upgrade.copy" if same else "report.upgrade.copy_changed"),
        )
        for name, same in found.items()
    ]


def _problem(text: str) -> Problem:
    """A message that starts with ``file:line:column:`` as a ``Problem`` (as ``curriculum check`` lists them)."""
    head, _, message = text.partition(": ")
    file, line, column = (head.rsplit(":", 2) + ["1", "1"])[:3] if head.count(":") >= 2 else (head, "1", "1")
    try:
        return Problem(file, int(line), int(column), "", message)
    except ValueError:
        return Problem(head, 1, 1, "", message)
