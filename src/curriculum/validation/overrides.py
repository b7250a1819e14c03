"""The course's own wording of the generator's messages: ``modules/messages.yml``.

Its keys are keys of the built-in catalogue of the course's language (``src/curriculum/catalogues/``),
nested as there; each value has the shape of the built-in one: one text, plural forms, or a list.
"""

from __future__ import annotations

from typing import Any

from ..loader import Document
from ..messages import catalogue, is_plural
from ..problems import did_you_mean
from ..sources import Layout
from ..say import say
from .files import Checker

GENERATORS_OWN = "report."  # the problems' and the commands' words (curriculum.say): not a course's to change
SHAPES = {
    "text": "report.overrides.shape_text",
    "plural": "report.overrides.shape_plural",
    "list": "report.overrides.shape_list",
}


def load_overrides(check: Checker, layout: Layout, language: str) -> dict[str, Any]:
    """The course's own messages, by the catalogue's dotted keys; their problems go to ``check``."""
    path = layout.messages_file
    if not path.is_file():
        return {}
    doc = check.load(path)
    if doc is None:
        return {}
    if not isinstance(doc.data, dict):
        check.report(doc, (), say("report.overrides.not_a_block"))
        return {}
    overrides: dict[str, Any] = {}
    built_in = {key: value for key, value in catalogue(language).items() if not key.startswith(GENERATORS_OWN)}
    _walk(check, doc, built_in, doc.data, (), overrides)
    return overrides


def _walk(
    check: Checker, doc: Document, built_in: dict[str, Any], tree: dict[str, Any], path: tuple, into: dict[str, Any]
) -> None:
    for key, value in tree.items():
        here = path + (key,)
        name = ".".join(str(p) for p in here)
        if name in built_in:
            shape = _shape(built_in[name])
            if _shape(value) == shape:
                into[name] = value
            else:
                check.report(doc, here, say("report.overrides.other_shape", shape=say(SHAPES[shape])))
        elif below := [k for k in built_in if k.startswith(name + ".")]:
            if isinstance(value, dict):
                _walk(check, doc, built_in, value, here, into)
            else:
                example = below[0][len(name) + 1 :].split(".")[0]
                check.report(doc, here, say("report.overrides.group", name=name, example=example))
        else:
            check.report(doc, here, _unknown(built_in, path, key, name), key=True)


def _shape(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if is_plural(value):
        return "plural"
    return "list" if isinstance(value, list) else type(value).__name__


def _unknown(built_in: dict[str, Any], path: tuple, key: Any, name: str) -> str:
    """The message for a key the catalogue does not have, with the nearest one beside it."""
    prefix = ".".join(map(str, path)) + "."
    known = sorted({k.split(".")[len(path)] for k in built_in if k.startswith(prefix) or not path})
    return say("report.overrides.unknown", name=name, hint=did_you_mean(str(key), known))
