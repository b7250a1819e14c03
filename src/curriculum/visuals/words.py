"""Ids made from names (``Tag i brug`` -> ``tag-i-brug``). The visuals' words are in the catalogues
(``curriculum.messages``, section ``visuals``)."""

from __future__ import annotations

import re
import unicodedata

_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss"}


def slug(name: str) -> str:
    """An id made from a name, the way instructors write ids: ``Tag i brug`` -> ``tag-i-brug``."""
    text = "".join(_LETTERS.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"
