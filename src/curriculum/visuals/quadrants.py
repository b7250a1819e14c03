"""Four fields around a centre: checks and layout (``quadrants.html.j2``)."""

from __future__ import annotations

from typing import Any

from ..models import QuadrantsVisual
from . import geometry as g
from .base import COLOURS, NARROWEST, settle
from .parts import Found, unique


def quadrants_problems(visual: QuadrantsVisual) -> Found:
    """What is wrong in the fields of a quadrants that only make sense together."""
    yield from unique(visual.parts, "parts", "part")


def quadrants_context(visual: QuadrantsVisual) -> dict[str, Any]:
    """Four fields: one picture for every width, its text sized for a phone's column."""

    def draw(font: float) -> dict[str, Any]:
        line_h, pad, size, gap = font * 1.3, 12.0, 190.0, 8.0
        boxes = []
        for i, part in enumerate(visual.parts):
            col, row = i % 2, i // 2
            lines = g.wrap(part.name, size - 2 * pad, font)
            boxes.append(
                dict(
                    part=part,
                    x=col * (size + gap),
                    y=row * (size + gap),
                    w=size,
                    h=size,
                    lines=lines,
                    colour=i % COLOURS,
                )
            )
        centre_r = 70.0
        centre = g.wrap(visual.centre, 2 * centre_r - 24, font) if visual.centre else []
        return dict(
            width=2 * size + gap,
            height=2 * size + gap,
            boxes=boxes,
            centre=centre,
            centre_r=centre_r,
            font=font,
            line_h=line_h,
            pad=pad,
        )

    return settle(draw, 14.0, NARROWEST)
