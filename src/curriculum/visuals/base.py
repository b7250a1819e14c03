"""What every kind of visual shares: its colours, the widths it is drawn for and the rule that keeps
its text legible, and where labels go around a circle (radar, wheel)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import geometry as g

#: How many sector colours visuals.css defines (--course-c0 … --course-c7).
COLOURS = 8
#: No text in a picture is drawn smaller than this many CSS px, at any width of the screen.
TEXT_PX = 12.0
#: The narrowest column a picture is drawn in: a 320 px screen less the theme's margins (Material's are
#: 2 x 16 px; Zensical's column is 274 px wide there, measured in the browser tests).
NARROWEST = 272.0
#: From this width of its figure up, a picture with a narrow variant shows its wide one (visuals.css has
#: the same figure in its @container rules). Pictures scale with their column, never scroll sideways.
WIDE = 600.0


def legible(least: float, width: float, shown_from: float) -> float:
    """A font size in a picture's units that draws at ``TEXT_PX`` or more once the picture, ``width``
    units wide, is scaled to ``shown_from`` px (the narrowest it is shown at); at least ``least``."""
    return max(least, math.ceil(TEXT_PX * width / shown_from * 4) / 4)


def settle(draw: Callable[[float], dict[str, Any]], least: float, shown_from: float) -> dict[str, Any]:
    """Draw with a font size, then again with the size its width asks for, until they agree (a larger
    font widens the picture's margins, so a few rounds; the sizes only grow)."""
    font = least
    for _ in range(8):
        context = draw(font)
        wanted = legible(least, context["width"], shown_from)
        if wanted <= font:
            return context
        font = wanted
    return draw(font)


def settled_font(width: Callable[[float], float], least: float, shown_from: float) -> float:
    """The font size ``settle`` comes to, for a picture whose width can be had without drawing it."""
    font = least
    for _ in range(8):
        wanted = legible(least, width(font), shown_from)
        if wanted <= font:
            return font
        font = wanted
    return font


def label_lines(text: str, font: float, width: float = 10.0) -> list[str]:
    """A label in lines of ``width`` characters, widened to its longest word so that no word is split."""
    longest = max((g.text_width(word, font) for word in text.split()), default=0.0)
    return g.wrap(text, max(width * font * g.CHAR_WIDTH, longest + 2), font)


def around(cx: float, cy: float, radius: float, angle: float, lines: list[str], font: float) -> dict[str, Any]:
    """Where a label outside a circle goes: beside, above or below the point at ``angle``."""
    lx, ly = g.polar(cx, cy, radius + font, angle)
    cos, sin = math.cos(angle), math.sin(angle)
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    line_h = font * 1.3
    if sin < -0.3:  # above the circle: the last line sits on the circle
        top = ly - (len(lines) - 1) * line_h
    elif sin > 0.3:  # below: the first line hangs from it
        top = ly + font
    else:
        top = ly - (len(lines) - 1) * line_h / 2 + font / 3
    return dict(x=lx, y=top, line_h=line_h, anchor=anchor, lines=lines)
