"""The rating wheel with its self-assessment: its checks and its three drawings (``wheel.html.j2``,
``wheel-blank.svg.j2``; ``content/javascripts/selfassessment.js`` fills them in)."""

from __future__ import annotations

import math
from typing import Any

from ..models import WheelVisual
from . import geometry as g
from .base import COLOURS, MINI, NARROWEST, WIDE, around, label_lines, settle
from .parts import Found, part_id, unique


def wheel_problems(visual: WheelVisual) -> Found:
    """What is wrong in the fields of a wheel that only make sense together."""
    yield from unique(visual.areas, "areas", "area")


def _wheel(wheel: WheelVisual, font: float, radius: float, names: bool) -> dict[str, Any]:
    """A wheel with its areas' names around it (``names``) or their numbers."""
    inner = radius * 0.15
    labels = [(label_lines(a.name, font, 13.0) if names else [str(i + 1)]) for i, a in enumerate(wheel.areas)]
    if names:
        margin_x = max(g.text_width(line, font) for lines in labels for line in lines) + 2 * font
        margin_y = max(len(lines) for lines in labels) * font * 1.3 + 2 * font
    else:
        margin_x = margin_y = 2.4 * font
    cx, cy = margin_x + radius, margin_y + radius
    cells = g.wheel_cells(len(wheel.areas), wheel.scale, inner, radius, cx, cy)
    angles = g.sector_angles(len(wheel.areas), -math.pi / 2)
    step = (radius - inner) / wheel.scale
    levels = [inner + step * (lv + 1) for lv in range(wheel.scale)]
    areas = []
    for i, (area, lines) in enumerate(zip(wheel.areas, labels)):
        mid = (angles[i] + angles[i + 1]) / 2
        spoke = g.polar(cx, cy, radius, angles[i])
        # the other round's rating: the outline of the area up to each level, drawn on top when chosen
        outlines = [g.annulus_sector(cx, cy, inner, r, angles[i], angles[i + 1]) for r in levels]
        areas.append(
            dict(
                part=area,
                id=part_id(area),
                number=i + 1,
                colour=i % COLOURS,
                cells=cells[i],
                outlines=outlines,
                spoke=spoke,
                label=around(cx, cy, radius, mid, lines, font),
            )
        )
    return dict(
        width=2 * (margin_x + radius),
        height=2 * (margin_y + radius),
        cx=cx,
        cy=cy,
        radius=radius,
        inner=inner,
        areas=areas,
        levels=levels,
        scale=wheel.scale,
        font=font,
        names=names,
    )


def wheel_context(wheel: WheelVisual) -> dict[str, Any]:
    """Three drawings of a wheel: ``wide`` with the areas' names around it (shown from ``WIDE`` px),
    ``narrow`` with their numbers (a phone's column, the names in the table under it) and ``mini``, the
    small numbered wheel that stays in view while the self-assessment is filled in."""
    wide = settle(lambda font: _wheel(wheel, font, 150.0, True), 13.0, WIDE)
    narrow = settle(lambda font: _wheel(wheel, font, 110.0, False), 12.0, NARROWEST)
    mini = settle(lambda font: _wheel(wheel, font, 50.0, False), 12.0, MINI)
    return dict(wide, wide=wide, narrow=narrow, mini=mini)
