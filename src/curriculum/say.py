"""Problems, warnings and answers in the course's language: ``say("report.loader.empty")``.

Their words are the ``problems:`` section of the built-in catalogues (``catalogues/da.yml``, ``en.yml``), looked
up by key with named placeholders; a course's ``messages.yml`` does not reword them. The language is the
course's ``language:`` (its primary subtag: ``en-GB`` speaks ``en``). Every command and front end speaks it
from the start: before course.yml is read, or when it cannot be, the language is the one its ``language:``
line names (``language_of``), else Danish; once course.yml is read, its ``language:`` (``speaking``).

The language is held in a context variable set by ``speaking`` for the length of a command or a build, so
every part of the engine words its problems without being handed the language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

# Babel and the catalogues are imported when a message is worded, not before: a build that the build cache
# answers, with nothing to report, never needs them.
DEFAULT_LANGUAGE = "da"  # as messages.DEFAULT_LANGUAGE
_LANGUAGE: ContextVar[str] = ContextVar("curriculum_problem_language", default=DEFAULT_LANGUAGE)
# ``language: en-GB`` on a line of its own at the start of a line, quoted or not, with or without a comment.
_LANGUAGE_LINE = re.compile(
    r"""^language:[ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)["']?[ \t]*(?:#.*)?$""", re.M
)


def spoken(language: str | None) -> str:
    """The catalogue's language problems are worded in for a course's ``language:``: its primary subtag when
    the generator has words for it, else Danish."""
    from .messages import languages, primary

    if language and primary(language) in languages():
        return primary(language)
    return DEFAULT_LANGUAGE


def language_of(course_file: Path) -> str:
    """The language a course's problems speak before its course file is validated: the one its ``language:``
    line names, else Danish (no file, an unreadable one, no such line)."""
    try:
        text = course_file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return DEFAULT_LANGUAGE
    found = _LANGUAGE_LINE.search(text)
    return spoken(found.group(1) if found else None)


def current() -> str:
    """The language problems are worded in now."""
    return _LANGUAGE.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Word every problem in ``language`` (a course's ``language:``; see ``spoken``) until the block ends."""
    token = _LANGUAGE.set(spoken(language))
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


@cache
def _plural_form(language: str, count: int) -> str:
    from babel import Locale

    return Locale.parse(language).plural_form(count)


def template(key: str) -> str:
    """The text of the message ``key`` in the current language, its placeholders not filled in (its ``other``
    form, for a message with forms per number)."""
    from .messages import catalogue, is_plural

    entry = catalogue(_LANGUAGE.get())[key]
    return str(entry["other"] if is_plural(entry) else entry)


def say(key: str, /, **values: Any) -> str:
    """The message ``key`` of the catalogue's ``problems`` section in the current language, its placeholders
    filled in (``str.format``: ``{value!r}``, ``{size:.1f}``); a message with forms per number takes
    ``count=``."""
    from .messages import catalogue, is_plural

    language = _LANGUAGE.get()
    entry = catalogue(language)[key]
    if is_plural(entry):
        entry = entry.get(_plural_form(language, values["count"]), entry["other"])
    return str(entry).format(**values)


def in_every_language(key: str) -> list[str]:
    """The text of the message ``key`` in every language the generator has words for."""
    from .messages import catalogue, languages

    return [str(catalogue(language)[key]) for language in languages()]
