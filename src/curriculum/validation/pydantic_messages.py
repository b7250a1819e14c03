"""Pydantic's errors in an instructor's words: a table from the kind of error to a message.

``MESSAGES`` holds one template per row; ``ROWS`` says which row words each of pydantic's error types (a
type not named there has a row of its own name, or none: then pydantic's message is shown). A template's
placeholders are facts about the error, computed by the functions in ``FACTS`` only when a template uses
them. A new kind of error is a row and, when it needs one, a fact; another language is another table.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..problems import did_you_mean
from ..visuals.words import slug
from .model_paths import allowed_fields

MESSAGES: dict[str, str] = {
    "missing": "the required field '{field}' is missing; add it",
    "extra_forbidden": "unknown field '{field}'{field_hint}; check the spelling or remove it",
    "date": "{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2024-04-08",
    "time": "{value!r} is not a valid time; write it as HH:MM on a 24-hour clock, e.g. 13:00",
    "union_tag_invalid": "{tag!r} is not allowed here{tag_hint}; use one of: {tags}",
    "enum": "{value!r} is not allowed here{choice_hint}; use one of: {choices}",
    "string_pattern_mismatch": (
        "{value!r} is not a valid id; use lowercase letters a-z, digits and hyphens, e.g. {example_id!r} "
        "(write æ, ø, å as ae, oe, aa)"
    ),
    "too_short": "the list is empty; add at least one item",
    "too_short_several": "the list has {actual_length} item(s); add at least {min_length}",
    "string_too_short": "this field is empty; write something or remove the field",
    "string_too_long": "this is too long; use at most {max_length} characters",
    "string_type": "expected text, found {type_name}{quote_hint}",
    "number_with_unit": (
        "{value!r} is not a number because of the text or unit in it; write the number alone, without quotes, "
        "e.g. {number}{per_cent_hint}"
    ),
    "float_type": "expected a number, found {value!r}",
    "int_type": "expected a whole number, found {value!r}",
    "bool_type": "expected true or false, found {value!r}",
    "list_type": "expected a list (lines starting with '- '), found {type_name}",
    "model_type": "expected a block of fields (lines like 'title: ...'), found {type_name}",
    "greater_than": "{value!r} is out of range; it must be greater than {limit}",
    "greater_than_equal": "{value!r} is out of range; it must be at least {limit}",
    "less_than": "{value!r} is out of range; it must be less than {limit}",
    "less_than_equal": "{value!r} is out of range; it must be at most {limit}",
    "value_error": "{reason}",  # the model's own message (models.py words it for instructors)
}

# The parts some messages add, and the names of the types of value a message can say it found.
HINTS: dict[str, str] = {
    "allowed_here": " (allowed here: {fields})",
    "quotes": "; put it in quotes if it is meant as text",
    "per_cent": " (the field is already in per cent)",
}
TYPE_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a block of fields",
    type(None): "nothing",
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
    template = MESSAGES.get(row)
    if template is None:
        return str(details["msg"]), False
    facts = {name: FACTS[name](error) for name in _placeholders(template)}
    return template.format(**facts), row in AT_KEY


def _row(error: Error) -> str:
    kind = str(error.details["type"])
    if kind in ("float_parsing", "int_parsing") and _has_digits(error.value):
        return "number_with_unit"  # '75 %', '2,5 timer': a number with something around it
    if kind == "too_short" and error.ctx.get("min_length", 1) > 1:
        return "too_short_several"
    return ROWS.get(kind) or next((prefix for prefix in PREFIXES if kind.startswith(prefix)), kind)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


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
        hint = HINTS["allowed_here"].format(fields=", ".join(allowed))
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


def _type_name(error: Error) -> str:
    return TYPE_NAMES.get(type(error.value), type(error.value).__name__)


def _quote_hint(error: Error) -> str:
    return HINTS["quotes"] if isinstance(error.value, (int, float, bool)) else ""


def _number(error: Error) -> str:
    """The number in a text such as '2,5 timer': ``2.5``."""
    return "".join(c for c in error.value if c.isdigit() or c in ",.-").replace(",", ".").strip(".")


def _per_cent_hint(error: Error) -> str:
    return HINTS["per_cent"] if "%" in error.value else ""


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
    "actual_length": lambda error: error.ctx.get("actual_length", 0),
    "min_length": lambda error: error.ctx.get("min_length", 1),
    "max_length": lambda error: error.ctx.get("max_length"),
    "type_name": _type_name,
    "quote_hint": _quote_hint,
    "number": _number,
    "per_cent_hint": _per_cent_hint,
    "limit": _limit,
    "reason": lambda error: str(error.ctx.get("error", error.details["msg"])),
}
