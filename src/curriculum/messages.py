"""The words the generator writes, in the course's language: message catalogues and Babel.

One catalogue per language in ``catalogues/<language>.yml`` (nested keys, identical in every
language); a course overrides any message in ``modules/messages.yml`` with the same keys.
``Messages`` looks a message up by its dotted key (``pages.home``), fills in its placeholders
and chooses the plural form with Babel (CLDR); dates, times, durations, lists, percentages and
language names are formatted by Babel for the course's locale, never by hand.

Nothing here reads a file of the course: ``load_overrides`` in ``validation`` does, so that a
misspelt key is reported with its file and line like every other problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_percent
from babel.units import format_unit

from . import buildcache

DEFAULT_LANGUAGE = "da"
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})


def languages() -> list[str]:
    """The languages the generator has a catalogue for, e.g. ``['da', 'en']``."""
    folder = resources.files("curriculum").joinpath("catalogues")
    return sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))


def primary(language: str) -> str:
    """The language subtag of a BCP 47 tag: ``en-GB`` -> ``en``."""
    return language.replace("_", "-").split("-")[0].lower()


_KEPT = buildcache.Kept("catalogues", 8)


@cache
def catalogue(language: str) -> dict[str, Any]:
    """The built-in catalogue of a language (``da``, ``en``), as flat dotted keys (a front end's build takes it
    from the build before while the file is the same: ``buildcache.Kept``)."""
    raw = resources.files("curriculum").joinpath(f"catalogues/{primary(language)}.yml").read_bytes()
    kept = _KEPT.get(raw)
    if isinstance(kept, dict):
        return kept
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: ten times as fast
    flat = flatten(yaml.load(raw.decode("utf-8"), Loader=loader))  # noqa: S506 - a safe loader
    _KEPT.put(raw, flat)
    return flat


def is_plural(value: Any) -> bool:
    return isinstance(value, Mapping) and "other" in value and set(value) <= PLURAL_FORMS


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{'pages': {'home': 'Forside'}}`` -> ``{'pages.home': 'Forside'}``; plural forms and lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not is_plural(value):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


_FORMATS = buildcache.Kept("formats", 16)
_MEMO_LIMIT = 20_000
_in_process: dict[str, dict[str, str]] = {}


def _memo(locale: str) -> dict[str, str]:
    """What Babel wrote for this locale, by what it was asked (``kind|pattern|value``). A front end's build takes
    it from the builds before (``buildcache.Kept``): Babel reads a language's CLDR data (about 35 ms) only when a
    build asks for something no build before it asked for. The engine on its own keeps it for the process."""
    if not _FORMATS.active:
        return _in_process.setdefault(locale, {})
    kept = _FORMATS.get(locale.encode())
    if not isinstance(kept, dict) or len(kept) > _MEMO_LIMIT:
        kept = {}
        _FORMATS.put(locale.encode(), kept)
    return kept


def forget_formats() -> None:
    """Forget the formats this process made outside a front end's build (``engine.forget``)."""
    _in_process.clear()


class Messages:
    """The messages and formats of one language, with a course's overrides.

    ``messages("pages.home")`` is a message; ``messages("readings.titles", count=3)`` chooses the
    plural form for 3 and fills in ``{count}``; other keyword arguments fill in their placeholders.
    """

    def __init__(self, language: str = DEFAULT_LANGUAGE, overrides: Mapping[str, Any] | None = None):
        self.language = language
        self.locale = Locale.parse(language.replace("-", "_"))
        self.entries = {**catalogue(language), **(overrides or {})}
        self._sections: dict[str, dict[str, Any]] = {}
        self._formats: dict[str, str] | None = None  # Babel's formats (``_memo``), found on first use

    def __call__(self, key: str, /, **values: Any) -> str:
        entry = self.entry(key)
        if type(entry) is str:  # most messages: no plural forms to choose from
            return entry.format_map(values) if values else entry
        if is_plural(entry):
            count = values.get("count")
            if count is None:
                raise KeyError(f"message {key!r} has plural forms: give count=")
            entry = entry.get(self._format(f"plural|{count!r}", lambda: self.locale.plural_form(count)), entry["other"])
        if not isinstance(entry, str):
            raise KeyError(f"message {key!r} is not text")
        return entry.format_map(values) if values else entry

    def entry(self, key: str) -> Any:
        """The raw catalogue entry: text, plural forms or a list (the radar's default rings)."""
        try:
            return self.entries[key]
        except KeyError:
            raise KeyError(f"no message {key!r} in the {self.language} catalogue") from None

    def section(self, prefix: str) -> dict[str, Any]:
        """Every entry under ``prefix`` as a nested mapping (for the visuals' templates), made once per
        ``Messages`` (a build makes one) and shared by every caller: read it, never change it."""
        if prefix in self._sections:
            return self._sections[prefix]
        tree: dict[str, Any] = {}
        for key, value in self.entries.items():
            if not key.startswith(prefix + "."):
                continue
            node = tree
            *parents, last = key[len(prefix) + 1 :].split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        self._sections[prefix] = tree
        return tree

    # ------------------------------------------------------------------ formats (Babel)

    def _format(self, key: str, make: Callable[[], str]) -> str:
        """Babel's answer to ``key`` (what is formatted and how), made once (``_memo``): a large course shows the
        same dates and durations on many pages, and a build after a change asks what the build before did."""
        if self._formats is None:
            self._formats = _memo(str(self.locale))
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = make()
            if _FORMATS.active:
                _FORMATS.put(str(self.locale).encode(), self._formats)
        return found

    def date(self, day: dt.date, pattern: str) -> str:
        """``day`` in the CLDR ``pattern`` (``d. MMMM y``)."""
        return self._format(f"date|{pattern}|{day.isoformat()}", lambda: format_date(day, pattern, locale=self.locale))

    def long_date(self, day: dt.date) -> str:
        """``mandag 8. april 2024``, ``Monday 8 April 2024``"""
        return self.date(day, self("formats.long_date"))

    def short_date(self, day: dt.date) -> str:
        """``8. apr.``, ``8 Apr``"""
        return self.date(day, self("formats.short_date"))

    def clock(self, time: dt.time) -> str:
        """``13.00``, ``13:00``"""
        pattern = self("formats.time")
        return self._format(
            f"time|{pattern}|{time.isoformat()}", lambda: format_time(time, pattern, locale=self.locale)
        )

    def duration(self, minutes: int) -> str:
        """``2 timer og 5 minutter``, ``45 minutter``, ``1 hour``"""
        return self._format(f"duration|{int(minutes)}", lambda: self._duration(minutes))

    def _duration(self, minutes: int) -> str:
        hours, rest = divmod(int(minutes), 60)
        parts = []
        if hours:
            parts.append(format_unit(hours, "duration-hour", length="long", locale=self.locale))
        if rest or not hours:
            parts.append(format_unit(rest, "duration-minute", length="long", locale=self.locale))
        return self.names(parts)

    def names(self, items: Iterable[str]) -> str:
        """``A, B og C``, ``A, B, and C``"""
        items = [str(i) for i in items]
        if len(items) < 2:
            return items[0] if items else ""
        return self._format("list|" + "\x1f".join(items), lambda: format_list(items, locale=self.locale))

    def file_size(self, size: int) -> str:
        """A file's size in bytes as the course's language writes it: ``585 kB``, ``1,2 MB`` (``1.2 MB``)."""
        if size >= 1_000_000:
            return format_unit(
                size / 1_000_000, "digital-megabyte", length="short", format="#,##0.0", locale=self.locale
            )
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=self.locale)

    def percent(self, value: float) -> str:
        """``83 %``, ``12,5 %`` in Danish; ``12.5%`` in English."""
        share = Decimal(str(round(value, 1))) / 100
        return self._format(
            f"percent|{share}", lambda: format_percent(share, locale=self.locale, decimal_quantization=False)
        )

    def language_name(self, code: str) -> str:
        """The name of a language in the course's language: ``en`` -> ``engelsk``."""
        return self._format(f"language|{code}", lambda: self._language_name(code))

    def _language_name(self, code: str) -> str:
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
        except (ValueError, UnknownLocaleError):
            return code

    def same_language(self, code: str | None) -> bool:
        return code is None or primary(code) == primary(self.language)


def known_locale(language: str) -> bool:
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True
