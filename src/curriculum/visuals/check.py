"""Checks of a visual that compare its fields (a blip's ring must be one of the radar's rings): each
kind's own checks live with its layout, in ``visuals/<kind>.py``; this module asks the right one.

Each problem is a field path inside ``visual`` and a message for an instructor; the
validation adds the file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..models import ComparisonVisual, JourneyVisual, QuadrantsVisual, RadarVisual, StepsVisual, WheelVisual
from ..problems import Path
from .comparison import comparison_problems
from .journey import journey_problems
from .parts import part_id
from .quadrants import quadrants_problems
from .radar import radar_problems, radar_rings
from .steps import steps_problems
from .wheel import wheel_problems

__all__ = ["part_id", "radar_rings", "visual_problems"]

_CHECKS: dict[type, Callable[[Any], Iterator[tuple[Path, str]]]] = {
    RadarVisual: radar_problems,
    WheelVisual: wheel_problems,
    JourneyVisual: journey_problems,
    StepsVisual: steps_problems,
    QuadrantsVisual: quadrants_problems,
    ComparisonVisual: comparison_problems,
}


def visual_problems(visual, default_rings: Sequence[dict] = ()) -> list[tuple[Path, str]]:
    """``default_rings`` are the rings of the course's language (the catalogue's
    ``visuals.radar.rings``), for a radar that names none."""
    if isinstance(visual, RadarVisual):
        return list(radar_problems(visual, default_rings))
    check = _CHECKS.get(type(visual))
    return list(check(visual)) if check else []
