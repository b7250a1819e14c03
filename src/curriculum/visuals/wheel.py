"""The rating wheel with its self-assessment: its checks and its two drawings (``wheel.html.j2``,
``wheel-blank.svg.j2``; ``theme/javascripts/selfassessment.js`` fills them in while the participant answers)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..models import Text, VisualModel, VisualPart
from . import geometry as g
from .base import COLOURS, NARROWEST, WIDE, around, label_lines, settled_font
from .kinds import PictureKind
from .parts import Found, part_id, unique

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class WheelVisual(VisualModel):
    kind: Literal["wheel"]
    areas: list[VisualPart] = Field(min_length=2, max_length=16)
    scale: int = Field(default=5, ge=2, le=10)
    self_assessment: bool = True
    rounds: list[Text] = Field(default=[], max_length=6)  # names of the rounds; default: the catalogue's two


#: The Danish help of the model above for the editor (see ``templates/field_help.yml``).
HELP = """\
WheelVisual:
  title: Hjul (kind wheel)
  description: Et hjul med områder og en skala, eventuelt med en selvvurdering.
  fields:
    kind:
      description: Billedets slags; her wheel.
      example: wheel
    title:
      description: Billedets titel. Kan udelades.
      example: KL's kompetencehjul med dets fire dimensioner
    note:
      description: En bemærkning under billedet. Kan udelades.
      example: Hjulets fire dimensioner er KL's; beskrivelserne er forløbets egne.
    areas:
      description: Hjulets områder (2-16).
      example:
        - name: Anvendelse
        - name: Forståelse
    scale:
      description: Antal trin på skalaen fra midten og ud (2-10; standard 5).
      example: 5
    self_assessment:
      description: >-
        true (standard) giver en formular, hvor deltageren kan vurdere sig selv.
        Svarene bliver i browseren og kan gemmes som fil og printes.
      example: true
    rounds:
      description: >-
        Navnene på målingerne i selvvurderingen, fx én ved forløbets start og én
        ved slutningen. Udelades feltet, hedder de "Første måling" og "Anden måling".
      example: [Første måling (fx ved kick-off), Anden måling (fx ved kick-out)]
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: competence-wheel
title: The competence wheel
summary: Rate your own digital competences, area by area, now and at the end of the course.
origin:
  creator: The course's own
visual:
  kind: wheel
  title: Digital competences
  scale: 5  # the rings, 1-5
  areas:
    - name: Using digital tools
      description: I use the systems of my workplace with confidence.
    - name: Data and security
    - name: Communication
    - name: Leading change
  rounds: [At the start, At the end]
"""


def wheel_problems(visual: WheelVisual) -> Found:
    """What is wrong in the fields of a wheel that only make sense together."""
    yield from unique(visual.areas, "areas")


def _labels(wheel: WheelVisual, font: float, names: bool) -> tuple[list[list[str]], float, float]:
    """The areas' labels (their names in lines, or their numbers) and the margins they need around the wheel."""
    labels = [(label_lines(a.name, font, 13.0) if names else [str(i + 1)]) for i, a in enumerate(wheel.areas)]
    if names:
        margin_x = max(g.text_width(line, font) for lines in labels for line in lines) + 2 * font
        margin_y = max(len(lines) for lines in labels) * font * 1.3 + 2 * font
    else:
        margin_x = margin_y = 2.4 * font
    return labels, margin_x, margin_y


def _wheel(wheel: WheelVisual, font: float, radius: float, names: bool) -> dict[str, Any]:
    """A wheel with its areas' names around it (``names``) or their numbers."""
    inner = radius * 0.15
    labels, margin_x, margin_y = _labels(wheel, font, names)
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
    """Two drawings of a wheel: ``wide`` with the areas' names around it (shown from ``WIDE`` px) and
    ``narrow`` with their numbers (a phone's column, the names in the table; and beside the questions
    of the self-assessment, the wheel that fills in while the participant answers)."""

    def drawn(radius: float, names: bool, least: float, shown_from: float) -> dict[str, Any]:
        # the font is settled on the wheel's width alone (its margins), then the wheel is drawn once
        font = settled_font(lambda font: 2 * (_labels(wheel, font, names)[1] + radius), least, shown_from)
        return _wheel(wheel, font, radius, names)

    wide = drawn(150.0, True, 13.0, WIDE)
    narrow = drawn(110.0, False, 12.0, NARROWEST)
    return dict(wide, wide=wide, narrow=narrow)


class Wheel(PictureKind):
    model = WheelVisual
    template = "wheel.html.j2"
    blank_template = "wheel-blank.svg.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: WheelVisual, default_rings: Sequence[dict]) -> Found:
        return wheel_problems(visual)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, WheelVisual)
        return wheel_context(tool.visual)

    def blank(self, tool: Tool, messages: Messages, layout: dict[str, Any]) -> dict[str, Any] | None:
        """A wheel with a self-assessment has a blank one to print: the wide drawing, without ratings."""
        assert isinstance(tool.visual, WheelVisual)
        return layout if tool.visual.self_assessment else None

    def links(
        self,
        tool: Tool,
        messages: Messages,
        *,
        vid: str,
        compact: bool,
        tool_href: str,
        blank_href: str,
        logbook_href: str,
    ) -> str:
        """On the tool's page, where all the participant's answers are saved, opened and printed (the logbook);
        the blank wheel to print; and from a page that shows the wheel without its form, the form."""
        assert isinstance(tool.visual, WheelVisual)
        if not tool.visual.self_assessment:
            return ""
        # links for the screen: pages to go on to (print.css leaves them off paper)
        web = "{ .course-screen-only }"
        text = ""
        if logbook_href and not compact:
            text += f"\n\n[{messages('visuals.wheel.save_link')}]({logbook_href}){web}"
        if blank_href:
            text += f"\n\n[{messages('visuals.wheel.blank_link')}]({blank_href}){web}"
        if compact and tool_href:
            text += f"\n\n[{messages('visuals.wheel.self_link')}]({tool_href}#{vid}-assess){web}"
        return text


KIND = Wheel()
