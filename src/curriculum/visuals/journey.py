"""The user journey: its checks and its phases as cards (``journey.html.j2``, HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..say import say
from ..models import Id, Model, Text, VisualModel, VisualPart
from .base import COLOURS
from .kinds import PictureKind
from .parts import Found, part_id, reference, unique

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class JourneyCell(Model):
    phase: Id
    lane: Id
    text: Text


class JourneyVisual(VisualModel):
    kind: Literal["journey"]
    phases: list[VisualPart] = Field(min_length=2, max_length=8)
    lanes: list[VisualPart] = []
    cells: list[JourneyCell] = []
    considerations_title: Text | None = None
    considerations: list[VisualPart] = []


#: The Danish help of the models above for the editor (see ``templates/field_help.yml``).
HELP = """\
JourneyVisual:
  title: Rejse (kind journey)
  description: En rejse i faser, eventuelt med spor, felter og hensyn.
  fields:
    kind:
      description: Billedets slags; her journey.
      example: journey
    title:
      description: Billedets titel. Kan udelades.
      example: Brugerrejsen – samspillet mellem borger og medarbejder
    note:
      description: En bemærkning under billedet. Kan udelades.
      example: Teksterne i felterne er eksempler.
    phases:
      description: Rejsens faser i rækkefølge (2-8).
      example:
        - id: intro
          name: Intro
        - id: match
          name: Match
    lanes:
      description: Rejsens spor (rækker), fx måder at arbejde på. Kan udelades.
      example:
        - id: observere
          name: Observere
    cells:
      description: Teksten i et felt, hvor en fase og et spor mødes.
      example:
        - phase: intro
          lane: observere
          text: Se, hvordan borgeren reagerer på teknologien.
    considerations_title:
      description: Overskriften over hensynene. Kan udelades.
      example: Fem hensyn undervejs
    considerations:
      description: Hensyn, der gælder hele rejsen. Kan udelades.
      example:
        - name: Formålet med teknologien

JourneyCell:
  title: Felt i rejsen
  description: Teksten der, hvor en fase og et spor mødes.
  fields:
    phase:
      description: Id'et på fasen (under phases).
      example: intro
    lane:
      description: Id'et på sporet (under lanes).
      example: observere
    text:
      description: Feltets tekst.
      example: Se, hvordan borgeren reagerer på teknologien.
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: user-journey
title: The user journey
summary: Follow one citizen through a service, phase by phase, to see where technology helps.
origin:
  creator: Service design
visual:
  kind: journey
  title: Mrs Jensen gets a medicine robot
  phases:
    - name: Before
    - name: Installation
    - name: Daily use
  lanes:
    - name: The citizen
    - name: The staff
  cells:
    - {phase: before, lane: the-citizen, text: Worries about forgetting her pills.}
    - {phase: installation, lane: the-staff, text: Sets up the robot and shows how it works.}
    - {phase: daily-use, lane: the-citizen, text: Takes her pills when the robot beeps.}
  considerations_title: Think about
  considerations:
    - name: Who is called when the robot fails?
"""


def journey_problems(visual: JourneyVisual) -> Found:
    """What is wrong in the fields of a journey that only make sense together."""
    yield from unique(visual.phases, "phases")
    yield from unique(visual.lanes, "lanes")
    cells: dict[tuple[str, str], int] = {}
    for i, cell in enumerate(visual.cells):
        yield from reference(("cells", i, "phase"), cell.phase, visual.phases, "phases")
        yield from reference(("cells", i, "lane"), cell.lane, visual.lanes, "lanes")
        key = (cell.phase, cell.lane)
        if key in cells:
            yield ("cells", i), say("report.visuals.cell_twice", first=cells[key], phase=cell.phase, lane=cell.lane)
        cells.setdefault(key, i)


def journey_context(journey: JourneyVisual) -> dict[str, Any]:
    """The journey is drawn in HTML (visuals.css): its phases side by side as arrows on a wide screen,
    stacked as cards on a phone; its text is the page's text, so there is nothing to say twice."""
    text = {(c.phase, c.lane): c.text for c in journey.cells}
    lanes = [dict(part=lane, id=part_id(lane)) for lane in journey.lanes]
    phases = [
        dict(
            part=p,
            id=part_id(p),
            colour=i % COLOURS,
            cells=[
                dict(lane=view, text=text.get((part_id(p), part_id(lane)))) for view, lane in zip(lanes, journey.lanes)
            ],
        )
        for i, p in enumerate(journey.phases)
    ]
    return dict(phases=phases, lanes=lanes, considerations=journey.considerations or [])


class Journey(PictureKind):
    model = JourneyVisual
    template = "journey.html.j2"
    preview_template = "journey-preview.svg.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: JourneyVisual, default_rings: Sequence[dict]) -> Found:
        return journey_problems(visual)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, JourneyVisual)
        return journey_context(tool.visual)


KIND = Journey()
