"""Checks of a visual that compare its fields (a blip's ring must be one of the radar's rings): each
kind's own checks live with its layout, in ``visuals/<kind>.py``; this module asks the right one.

Each problem is a field path inside ``visual`` and a message for an instructor; the
validation adds the file, line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..problems import Path
from .kinds import kind_of
from .parts import part_id

__all__ = ["part_id", "visual_problems"]


def visual_problems(visual: Any, default_rings: Sequence[dict] = ()) -> list[tuple[Path, str]]:
    """``default_rings`` are the rings of the course's language (the catalogue's
    ``visuals.radar.rings``), for a radar that names none."""
    return list(kind_of(visual).problems(visual, default_rings))
