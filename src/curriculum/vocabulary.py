"""The course's vocabulary: session formats, agenda block kinds and reading kinds, as data.

Each language has built-in defaults (``vocabularies/<language>.yml``: KDL's lists are the Danish
ones; a language without them is a problem, not another language's words). A course's ``vocabulary:``
in course.yml adds entries, renames one by giving its id again, or replaces a whole list
(``replace: [formats]``). Validation, the pages and the JSON Schemas all
use the resolved vocabulary, so a course can say ``eksamen`` or ``break`` without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import yaml

from . import buildcache
from .messages import languages, primary
from .models import FormatEntry, KindEntry, ReadingKindEntry
from .models import Vocabulary as CourseVocabulary
from .problems import CurriculumError, Problem
from .say import say

LISTS = ("formats", "agenda_kinds", "reading_kinds")
# A language's built-in vocabulary as validated by a front end's build before (validating builds the models'
# validators: a few milliseconds of every build after a change).
_KEPT = buildcache.Kept("vocabularies", 16)


def _file(language: str) -> Traversable:
    return resources.files("curriculum").joinpath(f"vocabularies/{primary(language)}.yml")


def has_vocabulary(language: str) -> bool:
    """Whether the generator has a vocabulary for ``language`` (BCP 47; ``en-GB`` has English's)."""
    return _file(language).is_file()


@cache
def defaults(language: str) -> CourseVocabulary:
    """The built-in vocabulary of a language. A language the generator has words for (a catalogue) but no
    vocabulary is a problem that names the file to add: its formats would otherwise be another language's.
    For a language without words either (which validation reports), English's."""
    if not has_vocabulary(language) and primary(language) not in languages():
        language = "en"
    if not has_vocabulary(language):
        name = f"{primary(language)}.yml"
        raise CurriculumError(
            [
                Problem(
                    f"src/curriculum/vocabularies/{name}",
                    1,
                    1,
                    "",
                    say("report.init.no_vocabulary", language=language, name=name),
                )
            ]
        )
    text = _file(language).read_text("utf-8")
    return _KEPT.made_object(
        f"{language}\0{text}".encode("utf-8", "surrogatepass"), CourseVocabulary, lambda: _validated(text)
    )


def _validated(text: str) -> CourseVocabulary:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: ten times as fast
    return CourseVocabulary.model_validate(yaml.load(text, Loader=loader))  # noqa: S506


@dataclass(frozen=True)
class Vocabulary:
    """The resolved vocabulary of one course, each list by id in the order it is declared."""

    formats: dict[str, FormatEntry]
    agenda_kinds: dict[str, KindEntry]
    reading_kinds: dict[str, ReadingKindEntry]

    def format_name(self, format_id: str) -> str:
        return self.formats[format_id].name

    def numbered(self, format_id: str) -> bool:
        return self.formats[format_id].numbered

    def reading_plural(self, kind: str) -> str:
        entry = self.reading_kinds[kind]
        return entry.plural or entry.name


def resolve(language: str, course: CourseVocabulary | None) -> Vocabulary:
    """The built-in lists of ``language`` joined with the course's own entries."""
    base = defaults(language)
    lists = {}
    for name in LISTS:
        own = getattr(course, name) if course else []
        merged = {} if course and name in course.replace else {e.id: e for e in getattr(base, name)}
        for entry in own:
            merged[entry.id] = entry
        lists[name] = merged
    return Vocabulary(**lists)
