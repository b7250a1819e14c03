"""Pydantic's errors in an instructor's words: a table from the kind of error to a message.

``MESSAGES`` names the message of each row (a key of the catalogues: one table per language); ``ROWS`` says which row words each of pydantic's error types (a
type not named there has a row of its own name, or none: then pydantic's message is shown). A template's
placeholders are facts about the error, computed by the functions in ``FACTS`` only when a template uses
them. A new kind of error is a row and, when it needs one, a fact; another language is another catalogue.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..models import LANGUAGE_PATTERN, WORD_PATTERN
from ..problems import did_you_mean
from ..say import say, template
from ..visuals.words import slug
from .model_paths import allowed_fields

# The message of each row: a key of the catalogues' ``report.pydantic`` section, in the course's language.
MESSAGES: dict[str, str] = {
    "missing": "report.pydantic.missing",
    "extra_forbidden": "report.pydantic.extra_forbidden",
    "date": "report.pydantic.date",
    "time": "report.pydantic.time",
    "union_tag_invalid": "report.pydantic.union_tag_invalid",
    "enum": "report.pydantic.enum",
    "string_pattern_mismatch": "report.pydantic.string_pattern_mismatch",
    "word_pattern_mismatch": "report.pydantic.word_pattern_mismatch",
    "language_pattern_mismatch": "report.pydantic.language_pattern_mismatch",
    "too_short": "report.pydantic.too_short",
    "too_short_several": "report.pydantic.too_short_several",
    "string_too_short": "report.pydantic.string_too_short",
    "string_too_long": "report.pydantic.string_too_long",
    "string_type": "report.pydantic.string_type",
    "number_with_unit": "report.pydantic.number_with_unit",
    "float_type": "report.pydantic.float_type",
    "int_type": "report.pydantic.int_type",
    "bool_type": "report.pydantic.bool_type",
    "list_type": "report.pydantic.list_type",
    "model_type": "report.pydantic.model_type",
    "greater_than": "report.pydantic.greater_than",
    "greater_than_equal": "report.pydantic.greater_than_equal",
    "less_than": "report.pydantic.less_than",
    "less_than_equal": "report.pydantic.less_than_equal",
}
VALUE_ERROR = "value_error"  # the model's own message (models.py words it in the course's language)

# The parts some messages add, and the names of the types of value a message can say it found.
HINTS: dict[str, str] = {
    "allowed_here": "report.pydantic.allowed_here",
    "quotes": "report.pydantic.quotes",
    "per_cent": "report.pydantic.per_cent",
}
TYPE_NAMES: dict[type, str] = {
    str: "report.pydantic.type_text",
    int: "report.pydantic.type_int",
    float: "report.pydantic.type_float",
    bool: "report.pydantic.type_bool",
    list: "report.pydantic.type_list",
    dict: "report.pydantic.type_dict",
    type(None): "report.pydantic.type_none",
}
EXAMPLE_ID = "workshop-1"

# Pydantic's error types worded by another type's row.
ROWS: dict[str, str] = {
    "union_tag_not_found": "missing",
    "float_parsing": "float_type",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "bool_parsing": "bool_type",
    "dict_type": "model_type",
    "model_attributes_type": "model_type",
}
# The rows of the patterns other than an id's.
PATTERNS = {WORD_PATTERN: "word_pattern_mismatch", LANGUAGE_PATTERN: "language_pattern_mismatch"}
PREFIXES = ("date", "time")  # every type starting so (date_parsing, time_type, ...) has that row
AT_KEY = {"extra_forbidden"}  # rows that point at the key, not at its value


@dataclass(frozen=True)
class Error:
    """One of pydantic's errors, with the model it was found in and its location there."""

    details: Mapping[str, Any]
    model: type[BaseModel]
    loc: tuple

    @property
    def value(self) -> Any:
        return self.details.get("input")

    @property
    def ctx(self) -> Mapping[str, Any]:
        return self.details.get("ctx") or {}


def translate(details: Mapping[str, Any], model: type[BaseModel], loc: tuple) -> tuple[str, bool]:
    """An instructor's message for one pydantic error, and whether it points at a key."""
    error = Error(details, model, loc)
    row = _row(error)
    if row == VALUE_ERROR:
        return str(error.ctx.get("error", details["msg"])), False
    key = MESSAGES.get(row)
    if key is None:
        return str(details["msg"]), False
    facts = {name: FACTS[name](error) for name in _placeholders(template(key))}
    if row == "too_short_several":
        facts["count"] = error.ctx.get("min_length", 1)
    return say(key, **facts), row in AT_KEY


def _row(error: Error) -> str:
    kind = str(error.details["type"])
    if kind in ("float_parsing", "int_parsing") and _has_digits(error.value):
        return "number_with_unit"  # '75 %', '2,5 timer': a number with something around it
    if kind == "too_short" and error.ctx.get("min_length", 1) > 1:
        return "too_short_several"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(str(error.ctx.get("pattern")), kind)
    return ROWS.get(kind) or next((prefix for prefix in PREFIXES if kind.startswith(prefix)), kind)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _has_digits(value: Any) -> bool:
    return isinstance(value, str) and any(c.isdigit() for c in value)


# ------------------------------------------------------------------ the facts a template can use


def _field(error: Error) -> str:
    return str(error.loc[-1]) if error.loc else ""


def _field_hint(error: Error) -> str:
    """The field an unknown key may have meant, or the fields allowed there."""
    allowed = allowed_fields(error.model, error.loc[:-1])
    hint = did_you_mean(_field(error), allowed)
    if not hint and allowed:
        hint = say(HINTS["allowed_here"], fields=", ".join(allowed))
    return hint


def _tag_choices(error: Error) -> list[str]:
    """``"'radar', 'wheel'"`` -> ``['radar', 'wheel']``."""
    return [c.strip(" '") for c in str(error.ctx.get("expected_tags", "")).split(",") if c.strip(" '")]


def _enum_choices(error: Error) -> list[str]:
    """``"'a', 'b' or 'c'"`` -> ``['a', 'b', 'c']``."""
    expected = error.ctx.get("expected", "")
    return [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]


def _choice_hint(error: Error) -> str:
    return did_you_mean(str(error.value), _enum_choices(error)) if isinstance(error.value, str) else ""


def _example_id(error: Error) -> str:
    example = slug(error.value)[:80].strip("-") if isinstance(error.value, str) else EXAMPLE_ID
    return example or EXAMPLE_ID


def _example_word(error: Error) -> str:
    """A word of the vocabulary (letters of any alphabet) made of the value: ``'Oplæg og Dialog'`` -> ``oplæg-og-dialog``."""
    value = error.value.lower() if isinstance(error.value, str) else ""
    example = re.sub(r"[^a-z0-9æøåäöüéèáàíóúñç]+", "-", value)[:60].strip("-")
    return example or EXAMPLE_ID


def _type_name(error: Error) -> str:
    key = TYPE_NAMES.get(type(error.value))
    return say(key) if key else type(error.value).__name__


def _quote_hint(error: Error) -> str:
    return say(HINTS["quotes"]) if isinstance(error.value, (int, float, bool)) else ""


def _number(error: Error) -> str:
    """The number in a text such as '2,5 timer': ``2.5``."""
    return "".join(c for c in error.value if c.isdigit() or c in ",.-").replace(",", ".").strip(".")


def _per_cent_hint(error: Error) -> str:
    return say(HINTS["per_cent"]) if "%" in error.value else ""


def _limit(error: Error) -> Any:
    ctx = error.ctx
    limit = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)  # "at most 100", also for a field that takes decimals
    return limit


FACTS: dict[str, Callable[[Error], Any]] = {
    "field": _field,
    "field_hint": _field_hint,
    "value": lambda error: error.value,
    "tag": lambda error: str(error.ctx.get("tag")),
    "tags": lambda error: ", ".join(_tag_choices(error)),
    "tag_hint": lambda error: did_you_mean(str(error.ctx.get("tag")), _tag_choices(error)),
    "choices": lambda error: ", ".join(_enum_choices(error)),
    "choice_hint": _choice_hint,
    "example_id": _example_id,
    "example_word": _example_word,
    "actual_length": lambda error: error.ctx.get("actual_length", 0),
    "min_length": lambda error: error.ctx.get("min_length", 1),
    "max_length": lambda error: error.ctx.get("max_length"),
    "type_name": _type_name,
    "quote_hint": _quote_hint,
    "number": _number,
    "per_cent_hint": _per_cent_hint,
    "limit": _limit,
}
