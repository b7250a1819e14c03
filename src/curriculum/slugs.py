"""Heading anchors that keep Danish (and other) letters readable: ``Til buddymødet`` -> ``til-buddymoedet``.

Python-Markdown's own slugify drops every letter outside ASCII (``#til-buddymdet``). This one writes
æ, ø, å as ae, oe, aa first (the way instructors write ids) and is otherwise the same, so headings
without such letters keep their anchors. mkdocs.yml names it under ``toc: slugify:``.
"""

from __future__ import annotations

import re
import unicodedata

LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def slugify(value: str, separator: str = "-") -> str:
    text = "".join(LETTERS.get(ch, ch) for ch in value.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)
