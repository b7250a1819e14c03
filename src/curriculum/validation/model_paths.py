"""From pydantic's location of an error to the place in the file: the field path, and the fields allowed there.

Pydantic names where an error is with a ``loc`` such as ``('visual', 'radar', 'blips', 0)``; the file has no
'radar' in that path, it says ``kind: radar``. ``walk`` follows ``loc`` through the nested models and gives the
path as the file writes it, and the model found there (for the list of fields an unknown key could have meant).
"""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel


def walk(model: type[BaseModel], loc: tuple) -> tuple[tuple, Any]:
    """Follow ``loc`` through the nested models: the field path and the model found there.

    For a union chosen by a field such as ``kind: radar`` pydantic puts the chosen tag
    into ``loc`` ('visual', 'radar', 'blips', 0); the path leaves it out, as the file does.
    """
    current: Any = model
    clean: list = []
    for part in loc:
        if isinstance(part, int) or current is None:
            clean.append(part)
            continue
        if isinstance(current, list):  # several models: the part may be the chosen one's tag
            chosen = next((m for m in current if part in _tags(m)), None)
            if chosen is not None:
                current = chosen
                continue
            current = current[0]
        clean.append(part)
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = None if info is None else _inner_models(info.annotation)
    return tuple(clean), current


def allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model at ``loc``."""
    current = walk(model, loc)[1]
    if isinstance(current, list):
        current = current[0]
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _tags(model: type[BaseModel]) -> set[str]:
    """The fixed values (``Literal``) a model's fields take, e.g. ``{'radar'}``."""
    return {
        arg
        for info in model.model_fields.values()
        if get_origin(info.annotation) is Literal
        for arg in get_args(info.annotation)
    }


def _inner_models(annotation: Any) -> type[BaseModel] | list[type[BaseModel]] | None:
    """The model of a field, the list of models of a union of several, or None."""
    found: list[type[BaseModel]] = []

    def collect(ann: Any) -> None:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            found.append(ann)
        for arg in get_args(ann):
            collect(arg)

    collect(annotation)
    return found if len(found) > 1 else (found[0] if found else None)
