"""Steps in a row, or a cycle: checks and layout (``steps.html.j2``; a column of boxes on a phone)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..models import VisualModel, VisualPart
from . import geometry as g
from .base import COLOURS, WIDE, settle
from .kinds import PictureKind
from .parts import Found, unique

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class StepsVisual(VisualModel):
    """A cycle (``kind: cycle``) or a chain of steps (``kind: steps``)."""

    kind: Literal["cycle", "steps"]
    parts: list[VisualPart] = Field(min_length=2, max_length=10)


#: The Danish help of the model above for the editor (see ``templates/field_help.yml``).
HELP = """\
StepsVisual:
  title: Trin eller kredsløb (kind steps eller cycle)
  description: En række trin (steps) eller et kredsløb, der begynder forfra (cycle).
  fields:
    kind:
      description: Billedets slags; steps for trin efter hinanden, cycle for et kredsløb.
      example: steps
    title:
      description: Billedets titel. Kan udelades.
      example: Fra teknologi til forankring
    note:
      description: En bemærkning under billedet. Kan udelades.
      example: Modellen er forløbets egen.
    parts:
      description: Trinene i rækkefølge (2-10).
      example:
        - name: Teknologi
          description: Teknologien i sig selv ændrer ikke noget.
        - name: Løsning
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: from-technology-to-practice
title: From technology to practice
summary: Four steps a new technology goes through before it changes the work.
origin:
  creator: The course's own
visual:
  kind: steps  # or cycle: the last step leads back to the first
  parts:
    - name: Technology
      description: The technology alone changes nothing.
    - name: Solution
    - name: Behaviour
    - name: Practice
"""


def steps_problems(visual: StepsVisual) -> Found:
    """What is wrong in the fields of a steps that only make sense together."""
    yield from unique(visual.parts, "parts")


def steps_context(visual: StepsVisual) -> dict[str, Any]:
    """Steps in a row, or a cycle, as the wide picture; on a phone their list is drawn as a column of
    boxes instead (visuals.css), so the row never has to shrink below legible."""
    count = len(visual.parts)
    if visual.kind == "cycle":

        def draw_cycle(font: float) -> dict[str, Any]:
            line_h, pad, box_w = font * 1.3, 10.0, 150.0 * font / 13
            wrapped = [g.wrap(p.name, box_w - 2 * pad, font) for p in visual.parts]
            box_h = max(len(lines) for lines in wrapped) * line_h + 2 * pad
            ring = max(110.0, (box_w + 30) * count / (2 * math.pi) + 20)
            cx, cy = ring + box_w / 2 + 10, ring + box_h / 2 + 10
            boxes, arrows = [], []
            for i, lines in enumerate(wrapped):
                a = -math.pi / 2 + 2 * math.pi * i / count
                x, y = g.polar(cx, cy, ring, a)
                boxes.append(
                    dict(
                        part=visual.parts[i],
                        x=x - box_w / 2,
                        y=y - box_h / 2,
                        w=box_w,
                        h=box_h,
                        lines=lines,
                        colour=i % COLOURS,
                    )
                )
            for i in range(count):
                a0 = -math.pi / 2 + 2 * math.pi * (i + 0.5) / count
                # a short arrow on the circle between two boxes, pointing clockwise
                sx, sy = g.polar(cx, cy, ring, a0 - 0.12)
                ex, ey = g.polar(cx, cy, ring, a0 + 0.12)
                arrows.append(dict(x1=sx, y1=sy, x2=ex, y2=ey))
            return dict(
                width=2 * cx, height=2 * cy, boxes=boxes, arrows=arrows, cycle=True, font=font, line_h=line_h, pad=pad
            )

        return settle(draw_cycle, 13.0, WIDE)

    def draw_row(font: float) -> dict[str, Any]:
        line_h, pad = font * 1.3, 10.0
        box_w, gap = 140.0, 34.0
        wrapped = [g.wrap(p.name, box_w - 2 * pad, font) for p in visual.parts]
        box_h = max(len(lines) for lines in wrapped) * line_h + 2 * pad
        boxes: list[dict[str, Any]] = [
            dict(part=p, x=i * (box_w + gap), y=0.0, w=box_w, h=box_h, lines=lines, colour=i % COLOURS)
            for i, (p, lines) in enumerate(zip(visual.parts, wrapped))
        ]
        arrows = [
            dict(x1=b["x"] + box_w + 4, y1=box_h / 2, x2=b["x"] + box_w + gap - 6, y2=box_h / 2) for b in boxes[:-1]
        ]
        return dict(
            width=count * (box_w + gap) - gap,
            height=box_h,
            boxes=boxes,
            arrows=arrows,
            cycle=False,
            font=font,
            line_h=line_h,
            pad=pad,
        )

    return settle(draw_row, 13.0, WIDE)


class Steps(PictureKind):
    model = StepsVisual
    template = "steps.html.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: StepsVisual, default_rings: Sequence[dict]) -> Found:
        return steps_problems(visual)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, StepsVisual)
        return steps_context(tool.visual)


KIND = Steps()
