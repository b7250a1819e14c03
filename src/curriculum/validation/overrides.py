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
from .files import Checker

MESSAGES = {
    "not_a_block": "expected a block of messages (lines like 'pages: ...')",
    "other_shape": "this message is {shape}; write it the way the built-in catalogue does",
    "group": (
        "{name!r} is a group of messages, not one; write the ones you change on the lines below it, indented, "
        "e.g. '{example}: ...'"
    ),
    "unknown": (
        "unknown message {name!r}{hint}; the messages a course can change are the keys of the generator's "
        "catalogue (src/curriculum/catalogues/)"
    ),
}
SHAPES = {"text": "one text", "plural": "forms for 'one' and 'other'", "list": "a list"}


def load_overrides(check: Checker, layout: Layout, language: str) -> dict[str, Any]:
    """The course's own messages, by the catalogue's dotted keys; their problems go to ``check``."""
    path = layout.messages_file
    if not path.is_file():
        return {}
    doc = check.load(path)
    if doc is None:
        return {}
    if not isinstance(doc.data, dict):
        check.report(doc, (), MESSAGES["not_a_block"])
        return {}
    overrides: dict[str, Any] = {}
    _walk(check, doc, catalogue(language), doc.data, (), overrides)
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
                check.report(doc, here, MESSAGES["other_shape"].format(shape=SHAPES[shape]))
        elif below := [k for k in built_in if k.startswith(name + ".")]:
            if isinstance(value, dict):
                _walk(check, doc, built_in, value, here, into)
            else:
                example = below[0][len(name) + 1 :].split(".")[0]
                check.report(doc, here, MESSAGES["group"].format(name=name, example=example))
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
    return MESSAGES["unknown"].format(name=name, hint=did_you_mean(str(key), known))
