"""What a build makes, named without importing the engine: the ``Site`` (pages, files, navigation) of
one ``Edition``. Front ends import these names cheaply (a cached build never loads pydantic or Jinja)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Edition(str, enum.Enum):
    participant = "participant"
    instructor = "instructor"

    @classmethod
    def parse(cls, value: Edition | str | None) -> Edition:
        """An edition from its name; None is the participant edition. Unknown names are refused."""
        if value is None or value == "":
            return cls.participant
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"unknown edition {value!r}; use one of: {', '.join(e.value for e in cls)}") from None


@dataclass
class Site:
    """The generated pages of one run and their navigation (MkDocs ``nav`` format).

    ``pages`` are Markdown; ``files`` are other generated files placed beside them
    (calendar files, SVG pictures), as bytes. ``footer``: the words and course data of every page's
    footer (publisher, contact, licence, short title), plain text that the front-end adapter escapes for
    the theme (``frontend.Theme``).
    """

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    language: str = "da"  # the course's language (BCP 47): the theme's and the search's must agree
    site_name: str | None = None  # the site's name: the course's title (with the edition's name for instructors)
    theme_words: dict[str, str] = field(default_factory=dict)  # words of the theme's own pages (the 404 page), text
    footer: dict[str, str] = field(default_factory=dict)
