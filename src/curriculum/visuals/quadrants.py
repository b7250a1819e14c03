"""Four fields around a centre: checks and layout (``quadrants.html.j2``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..models import Text, VisualModel, VisualPart
from . import geometry as g
from .base import COLOURS, NARROWEST, settle
from .kinds import PictureKind
from .parts import Found, unique

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class QuadrantsVisual(VisualModel):
    kind: Literal["quadrants"]
    parts: list[VisualPart] = Field(min_length=4, max_length=4)
    centre: Text | None = None


#: The Danish help of the model above for the editor (see ``templates/field_help.yml``).
HELP = """\
QuadrantsVisual:
  title: Fire felter (kind quadrants)
  description: Fire felter omkring et fælles midtpunkt.
  fields:
    kind:
      description: Billedets slags; her quadrants.
      example: quadrants
    title:
      description: Billedets titel. Kan udelades.
      example: De fire psykologiske grundbehov
    note:
      description: En bemærkning under billedet. Kan udelades.
      example: Modellen bygger på selvbestemmelsesteorien.
    parts:
      description: Præcis fire felter.
      example:
        - name: Mestring
        - name: Mening
        - name: Relationer
        - name: Autonomi
    centre:
      description: Teksten i midten. Kan udelades.
      example: Motivation for nye digitale løsninger
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: basic-needs
title: Basic psychological needs
summary: Four needs that make staff motivated to use a new technology.
origin:
  creator: Edward L. Deci and Richard M. Ryan
  year: 2000
visual:
  kind: quadrants
  centre: Motivation
  parts:  # exactly four
    - name: Autonomy
      description: I decide how I do my work.
    - name: Competence
    - name: Relatedness
    - name: Meaning
"""


def quadrants_problems(visual: QuadrantsVisual) -> Found:
    """What is wrong in the fields of a quadrants that only make sense together."""
    yield from unique(visual.parts, "parts")


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


class Quadrants(PictureKind):
    model = QuadrantsVisual
    template = "quadrants.html.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: QuadrantsVisual, default_rings: Sequence[dict]) -> Found:
        return quadrants_problems(visual)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, QuadrantsVisual)
        return quadrants_context(tool.visual)


KIND = Quadrants()
