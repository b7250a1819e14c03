"""The Danish words and defaults of the visuals, read from ``templates/labels.yml`` (``visuals:``)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import yaml

_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss"}


@cache
def words() -> dict[str, Any]:
    text = resources.files("curriculum").joinpath("templates/labels.yml").read_text("utf-8")
    return yaml.safe_load(text)["visuals"]


def slug(name: str) -> str:
    """An id made from a name, the way instructors write ids: ``Tag i brug`` -> ``tag-i-brug``."""
    text = "".join(_LETTERS.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"
