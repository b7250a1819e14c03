"""Checks of a visual that compare its fields: a blip's ring must be one of the radar's rings.

Each problem is a field path inside ``visual`` and a message for an instructor; the
validation adds the file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..models import (ComparisonVisual, JourneyVisual, QuadrantsVisual, RadarVisual, StepsVisual,
                      VisualPart, WheelVisual)
from ..problems import Path, did_you_mean
from .words import slug

Found = Iterator[tuple[Path, str]]


def part_id(part: VisualPart) -> str:
    return part.id or slug(part.name)


def radar_rings(radar: RadarVisual, default_rings: Sequence[dict]) -> list[VisualPart]:
    """The radar's rings, or the default rings of the course's language (the catalogue's
    ``visuals.radar.rings``) when the file names none."""
    if radar.rings is not None:
        return radar.rings
    return [VisualPart(**ring) for ring in default_rings]


def _unique(parts: Sequence[VisualPart], field: str, noun: str) -> Found:
    seen: dict[str, int] = {}
    for i, part in enumerate(parts):
        pid = part_id(part)
        if pid in seen:
            how = "id" if part.id else "name"
            yield (field, i, "id" if part.id else "name"), (
                f"the {noun} {pid!r} is already used by {field}[{seen[pid]}]; give each {noun} its own "
                f"{how}" + ("" if part.id else " (or an 'id:')"))
        seen.setdefault(pid, i)


def _reference(path: Path, target: str, parts: Sequence[VisualPart], noun: str, field: str) -> Found:
    known = [part_id(p) for p in parts]
    if target not in known:
        yield path, (f"unknown {noun} {target!r}{did_you_mean(target, known)}; use the id of one of "
                     f"the {field} in this visual: {', '.join(known)}")


def visual_problems(visual, default_rings: Sequence[dict]) -> list[tuple[Path, str]]:
    return list(_problems(visual, default_rings))


def _problems(visual, default_rings: Sequence[dict]) -> Found:
    if isinstance(visual, RadarVisual):
        rings = radar_rings(visual, default_rings)
        yield from _unique(visual.sectors, "sectors", "sector")
        if visual.rings is not None:
            yield from _unique(visual.rings, "rings", "ring")
        seen: dict[str, int] = {}
        for i, blip in enumerate(visual.blips):
            yield from _reference(("blips", i, "sector"), blip.sector, visual.sectors, "sector", "sectors")
            yield from _reference(("blips", i, "ring"), blip.ring, rings, "ring", "rings")
            bid = blip.id or slug(blip.name)
            if bid in seen:
                yield ("blips", i, "id" if blip.id else "name"), (
                    f"the blip {bid!r} is already on the radar as blips[{seen[bid]}]; a technology is "
                    "on the radar once (give it its own 'id:' if it really is another one)")
            seen.setdefault(bid, i)
    elif isinstance(visual, WheelVisual):
        yield from _unique(visual.areas, "areas", "area")
    elif isinstance(visual, JourneyVisual):
        yield from _unique(visual.phases, "phases", "phase")
        yield from _unique(visual.lanes, "lanes", "lane")
        cells: dict[tuple[str, str], int] = {}
        for i, cell in enumerate(visual.cells):
            yield from _reference(("cells", i, "phase"), cell.phase, visual.phases, "phase", "phases")
            yield from _reference(("cells", i, "lane"), cell.lane, visual.lanes, "lane", "lanes")
            key = (cell.phase, cell.lane)
            if key in cells:
                yield ("cells", i), (f"cells[{cells[key]}] is already the cell of phase {cell.phase!r} and "
                                     f"lane {cell.lane!r}; join the two texts into one")
            cells.setdefault(key, i)
    elif isinstance(visual, (StepsVisual, QuadrantsVisual)):
        yield from _unique(visual.parts, "parts", "part")
    elif isinstance(visual, ComparisonVisual):
        yield from _unique(visual.columns, "columns", "column")
        for i, row in enumerate(visual.rows):
            if len(row.values) != len(visual.columns):
                yield ("rows", i, "values"), (
                    f"this row has {len(row.values)} values but the comparison has {len(visual.columns)} "
                    "columns; give one value per column, in the columns' order")
