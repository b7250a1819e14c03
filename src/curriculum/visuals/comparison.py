"""A comparison of columns, row by row: checks and table (``comparison.html.j2``, HTML)."""

from __future__ import annotations

from typing import Any

from ..models import ComparisonVisual
from .base import COLOURS
from .parts import Found, unique


def comparison_problems(visual: ComparisonVisual) -> Found:
    """What is wrong in the fields of a comparison that only make sense together."""
    yield from unique(visual.columns, "columns", "column")
    for i, row in enumerate(visual.rows):
        if len(row.values) != len(visual.columns):
            yield (
                ("rows", i, "values"),
                (
                    f"this row has {len(row.values)} values but the comparison has {len(visual.columns)} "
                    "columns; give one value per column, in the columns' order"
                ),
            )


def comparison_context(visual: ComparisonVisual) -> dict[str, Any]:
    """A comparison is a table (visuals.css colours its columns, and stacks its rows on a phone)."""
    cols = [dict(part=c, colour=i % COLOURS) for i, c in enumerate(visual.columns)]
    return dict(cols=cols, rows=visual.rows)
