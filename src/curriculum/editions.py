"""The two editions built from one source: the participant edition and the instructor edition.

Instructor-only data lives in the same module files as everything else, in fields marked with
``models.instructor_only()`` (notes per agenda block, a session's ``instructor:`` block, the
procedure of an evaluation method, the recommendations of a run's results). The participant
edition is built from a curriculum with every marked field emptied (``strip_instructor_only``),
so no template, however it is written, can put such a text into a participant page, the search
index, the sitemap or a generated file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import INSTRUCTOR_ONLY
from .site import Edition  # noqa: F401 - defined apart, so that front ends can name it without the engine


def is_instructor_only(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get(INSTRUCTOR_ONLY))


@cache
def _may_hold_instructor_fields(model: type[BaseModel]) -> bool:
    """Whether a model, or a model inside one of its fields, has an instructor-only field."""
    return any(
        is_instructor_only(info) or any(_may_hold_instructor_fields(m) for m in _models_in(info.annotation))
        for info in model.model_fields.values()
    )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from _models_in(arg)


def strip_instructor_only(value: Any) -> Any:
    """A copy of ``value`` (a model, a list, a dict or a frozen dataclass of those) with every
    instructor-only field set back to its default (empty)."""
    if isinstance(value, BaseModel):
        if not _may_hold_instructor_fields(type(value)):
            return value
        changes = {}
        for name, info in type(value).model_fields.items():
            current = getattr(value, name)
            if is_instructor_only(info):
                changes[name] = info.get_default(call_default_factory=True)
            else:
                stripped = strip_instructor_only(current)
                if stripped is not current:
                    changes[name] = stripped
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, (list, tuple)):
        items = [strip_instructor_only(v) for v in value]
        return type(value)(items) if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        entries = {k: strip_instructor_only(v) for k, v in value.items()}
        return entries if any(entries[k] is not value[k] for k in value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: strip_instructor_only(getattr(value, f.name)) for f in dataclasses.fields(value)}
        changed = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return dataclasses.replace(value, **changed) if changed else value
    return value


class Found(NamedTuple):
    """A text in an instructor-only field: the field (``AgendaBlock.facilitation``), where it is in
    the curriculum (``sessions['kick-off'].agenda[0].facilitation``) and the text itself."""

    field: str
    path: str
    text: str


def instructor_only_fields(model: type[BaseModel]) -> Iterator[str]:
    """Every instructor-only field of a model and of the models it contains, as ``Model.field``."""
    seen: set[type] = set()

    def walk(cls: Any) -> Iterator[str]:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            if cls in seen:
                return
            seen.add(cls)
            for name, info in cls.model_fields.items():
                if is_instructor_only(info):
                    yield f"{cls.__name__}.{name}"
                yield from walk(info.annotation)
        for arg in get_args(cls):
            yield from walk(arg)

    yield from walk(model)


def instructor_only_texts(value: Any, path: str = "") -> Iterator[Found]:
    """Every text inside an instructor-only field of ``value`` (a curriculum, a model, ...): for the
    tests that search a participant build for them, and for checks."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            inner = getattr(value, name)
            where = f"{path}.{name}" if path else name
            if is_instructor_only(info):
                field = f"{type(value).__name__}.{name}"
                yield from (Found(field, p, t) for p, t in _texts(inner, where))
            else:
                yield from instructor_only_texts(inner, where)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from instructor_only_texts(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from instructor_only_texts(item, f"{path}[{key!r}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from instructor_only_texts(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}[{key!r}]")
