"""The course's names for its own concepts, filled into every message that names them.

A course names its peer scheme once, under ``peer:`` in the catalogue (the generator's neutral
default) or in its own ``modules/messages.yml`` (KDL: ``Buddyordningen``, ``buddygruppe``,
``buddymøde``). A message writes ``{peer.meeting}`` for the word and ``{Peer.meeting}`` for the word
with a capital first letter; in an address (``addresses.*``) the word is written as a slug
(``buddymøde`` -> ``buddymoede``). The words are filled in once, before ``Messages`` sees the
entries, so a message's own placeholders (``{session}``) are left for the templates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .messages import catalogue
from .slugs import slugify

PREFIX = "peer."
TOKEN = re.compile(r"\{([Pp]eer)\.(\w+)\}")


def names(entries: Mapping[str, Any]) -> dict[str, str]:
    """The peer scheme's words by name (``meeting`` -> ``buddymøde``)."""
    return {k.removeprefix(PREFIX): str(v) for k, v in entries.items() if k.startswith(PREFIX)}


def _fill(text: str, words: Mapping[str, str], address: bool) -> str:
    def word(match: re.Match[str]) -> str:
        value = words.get(match.group(2))
        if value is None:
            return match.group(0)
        if address:
            return slugify(value)
        return value[:1].upper() + value[1:] if match.group(1) == "Peer" else value

    return TOKEN.sub(word, text)


def fill(key: str, value: Any, words: Mapping[str, str]) -> Any:
    """``value`` (text or forms per number) with the course's words in place of ``{peer.…}``."""
    address = key.startswith("addresses.")
    if isinstance(value, str):
        return _fill(value, words, address)
    if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
        return {k: _fill(v, words, address) for k, v in value.items()}
    return value


def with_concepts(language: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The course's overrides, plus every catalogue entry that names a concept, with the course's words."""
    merged = {**catalogue(language), **overrides}
    words = names(merged)
    filled = dict(overrides)
    for key, value in merged.items():
        new = fill(key, value, words)
        if new != value or key in overrides:
            filled[key] = new
    return filled
