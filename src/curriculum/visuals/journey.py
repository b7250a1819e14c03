"""The user journey: its checks and its phases as cards (``journey.html.j2``, HTML)."""

from __future__ import annotations

from typing import Any

from ..models import JourneyVisual
from .base import COLOURS
from .parts import Found, part_id, reference, unique


def journey_problems(visual: JourneyVisual) -> Found:
    """What is wrong in the fields of a journey that only make sense together."""
    yield from unique(visual.phases, "phases", "phase")
    yield from unique(visual.lanes, "lanes", "lane")
    cells: dict[tuple[str, str], int] = {}
    for i, cell in enumerate(visual.cells):
        yield from reference(("cells", i, "phase"), cell.phase, visual.phases, "phase", "phases")
        yield from reference(("cells", i, "lane"), cell.lane, visual.lanes, "lane", "lanes")
        key = (cell.phase, cell.lane)
        if key in cells:
            yield (
                ("cells", i),
                (
                    f"cells[{cells[key]}] is already the cell of phase {cell.phase!r} and "
                    f"lane {cell.lane!r}; join the two texts into one"
                ),
            )
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
