"""Plain geometry for the visuals: radar layout, wheel sectors, arcs and text wrapping.

Nothing here is random and nothing depends on dicts' or sets' order, so the same
data always gives the same numbers (and so byte-identical SVG). Coordinates are SVG
user units; angles are radians, measured clockwise from 3 o'clock as SVG draws them.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

#: Radius of a blip, its halo included (the "new"/"moved" ring is drawn inside it).
BLIP_RADIUS = 13.0
#: Free space between a blip and a border, and between two blips.
BLIP_GAP = 2.0
#: Width of one character, as a share of the font size. Generous on purpose: a wrapped
#: label that is narrower than estimated leaves space; one that is wider would clip.
CHAR_WIDTH = 0.62


def fmt(value: float) -> str:
    """A coordinate as short, stable text: ``12.5``, ``-3``, never ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def polar(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def annulus_sector(cx: float, cy: float, r0: float, r1: float, a0: float, a1: float) -> str:
    """SVG path of the part of a ring between two angles (a wedge when r0 is 0)."""
    large = 1 if a1 - a0 > math.pi else 0
    if a1 - a0 >= 2 * math.pi - 1e-9:  # a full ring: two half arcs each way

        def circle(r: float, sweep: int) -> str:
            x0, y0 = cx + r, cy
            x1 = cx - r
            return (
                f"M{fmt(x0)} {fmt(y0)}A{fmt(r)} {fmt(r)} 0 1 {sweep} {fmt(x1)} {fmt(cy)}"
                f"A{fmt(r)} {fmt(r)} 0 1 {sweep} {fmt(x0)} {fmt(y0)}Z"
            )

        return circle(r1, 1) + (circle(r0, 0) if r0 > 0 else "")
    x0, y0 = polar(cx, cy, r1, a0)
    x1, y1 = polar(cx, cy, r1, a1)
    path = f"M{fmt(x0)} {fmt(y0)}A{fmt(r1)} {fmt(r1)} 0 {large} 1 {fmt(x1)} {fmt(y1)}"
    if r0 > 0:
        x2, y2 = polar(cx, cy, r0, a1)
        x3, y3 = polar(cx, cy, r0, a0)
        path += f"L{fmt(x2)} {fmt(y2)}A{fmt(r0)} {fmt(r0)} 0 {large} 0 {fmt(x3)} {fmt(y3)}Z"
    else:
        path += f"L{fmt(cx)} {fmt(cy)}Z"
    return path


def wrap(text: str, width_px: float, font_px: float) -> list[str]:
    """Break text into lines that fit ``width_px`` at ``font_px`` (estimated, never cut)."""
    chars = max(4, int(width_px / (font_px * CHAR_WIDTH)))
    return textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=True) or [""]


def text_width(text: str, font_px: float) -> float:
    return len(text) * font_px * CHAR_WIDTH


# ---------------------------------------------------------------------- radar


@dataclass(frozen=True)
class Segment:
    """The part of a radar where one sector and one ring meet."""

    sector: int
    ring: int
    r0: float
    r1: float
    a0: float
    a1: float


@dataclass(frozen=True)
class Box:
    """An upright rectangle: its top left corner and its size (a ring's name on a radar)."""

    x: float
    y: float
    w: float
    h: float

    def distance(self, px: float, py: float) -> float:
        """Distance from a point to the nearest point of the box (0 inside it)."""
        dx = max(self.x - px, 0.0, px - (self.x + self.w))
        dy = max(self.y - py, 0.0, py - (self.y + self.h))
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class Placed:
    index: int  # position of the blip in the list it was given in
    x: float
    y: float


def ring_radii(rings: int, radius: float) -> list[float]:
    """Ring borders from the centre out; inner rings a little wider, as the centre is cramped."""
    return [radius * (i / rings) ** 0.8 for i in range(rings + 1)]


def sector_angles(sectors: int, start: float = 0.0) -> list[float]:
    return [start + 2 * math.pi * i / sectors for i in range(sectors + 1)]


def segment_slots(
    seg: Segment,
    cx: float,
    cy: float,
    sectors: int,
    radius: float = BLIP_RADIUS,
    gap: float = BLIP_GAP,
    keep_out: Sequence[Box] = (),
) -> list[tuple[float, float]]:
    """Points where a blip fits in a segment without touching a border or another slot.

    Rows at constant distance from the centre, at least one blip apart; along a row the
    points are at least one blip apart in a straight line (chord, not arc). A point is
    kept clear of a sector border (a ray from the centre) by its angular margin, and a
    blip there would not touch any box in ``keep_out`` (the ring names).
    """
    clear = radius + gap / 2 + 1.0  # + half a border line
    step = 2 * radius + gap
    span_r = seg.r1 - seg.r0 - 2 * clear
    if span_r < 0:
        return []
    rows = int(span_r // step) + 1
    radii = (
        [seg.r0 + clear + span_r / 2] if rows == 1 else [seg.r0 + clear + span_r * i / (rows - 1) for i in range(rows)]
    )
    slots: list[tuple[float, float]] = []
    for r in radii:
        if r <= 0:
            continue
        if sectors > 1:
            if clear >= r:
                continue
            margin = math.asin(clear / r)
            lo, hi = seg.a0 + margin, seg.a1 - margin
            if hi - lo < 0:
                continue
        else:  # one sector: a full circle, no border to keep clear of
            lo, hi = seg.a0, seg.a1 - 2 * math.asin(min(1.0, step / (2 * r)))
            if hi < lo:
                continue
        turn = 2 * math.asin(min(1.0, step / (2 * r)))
        if turn >= math.pi:  # the row is too short to hold more than one blip
            count = 1
        else:
            count = int((hi - lo) // turn) + 1 if turn > 0 else 1
        angles = [(lo + hi) / 2] if count == 1 else [lo + (hi - lo) * i / (count - 1) for i in range(count)]
        slots.extend(polar(cx, cy, r, a) for a in angles)
    return [(x, y) for x, y in slots if all(box.distance(x, y) >= radius + gap / 2 for box in keep_out)]


def spread(slots: list, count: int) -> list:
    """``count`` of the slots, evenly spread over all of them (in their order)."""
    if count > len(slots):
        raise ValueError("not enough slots")
    if count == 0:
        return []
    return [slots[int((i + 0.5) * len(slots) / count)] for i in range(count)]


#: Free space between a ring's name box and the ring's borders.
LABEL_MARGIN = 2.0


@dataclass(frozen=True)
class RadarLayout:
    radius: float
    cx: float
    cy: float
    radii: list[float]
    angles: list[float]
    segments: list[Segment]
    placed: list[Placed]
    labels: list[Box]  # the rings' name boxes (empty when none were asked for)


def label_boxes(
    radii: list[float], sizes: Sequence[tuple[float, float]], cx: float, cy: float, angle: float
) -> list[Box]:
    """Each ring's name box, of the given (width, height), centred on the middle of the ring where
    the ray at ``angle`` (the first sector border) crosses it."""
    boxes = []
    for i, (w, h) in enumerate(sizes):
        x, y = polar(cx, cy, (radii[i] + radii[i + 1]) / 2, angle)
        boxes.append(Box(x - w / 2, y - h / 2, w, h))
    return boxes


def layout_radar(
    sectors: int,
    rings: int,
    blips: list[tuple[int, int]],
    *,
    radius: float = 200.0,
    cx: float | None = None,
    cy: float | None = None,
    labels: Sequence[tuple[float, float]] | None = None,
    start: float = 0.0,
    blip: float = BLIP_RADIUS,
) -> RadarLayout:
    """Place blips given as (sector, ring) pairs; returns their centres in the same order.

    ``labels`` are the (width, height) of each ring's name, written across the first sector
    border (see ``label_boxes``). The radius grows (by steps, deterministically) until every
    segment holds its blips, every ring is wide enough for its name and no blip touches a name.
    ``blip`` is the radius of a blip (its halo included).
    """
    counts: dict[tuple[int, int], list[int]] = {}
    for i, (s, r) in enumerate(blips):
        counts.setdefault((s, r), []).append(i)
    sizes = list(labels or [])
    if sizes and len(sizes) != rings:
        raise ValueError("give one label size per ring")
    for _ in range(60):
        radii = ring_radii(rings, radius)
        # the extent of a name's box along the ray it sits on must fit between the ring's borders
        along = [abs(w * math.cos(start)) + abs(h * math.sin(start)) for w, h in sizes]
        ok = all(b - a >= size + 2 * LABEL_MARGIN for a, b, size in zip(radii, radii[1:], along))
        centre_x = radius if cx is None else cx
        centre_y = radius if cy is None else cy
        angles = sector_angles(sectors, start)
        boxes = label_boxes(radii, sizes, centre_x, centre_y, start)
        segments = [
            Segment(s, r, radii[r], radii[r + 1], angles[s], angles[s + 1])
            for s in range(sectors)
            for r in range(rings)
        ]
        placed: list[Placed] = []
        for seg in segments:
            members = counts.get((seg.sector, seg.ring), [])
            if not members:
                continue
            slots = segment_slots(seg, centre_x, centre_y, sectors, radius=blip, keep_out=boxes)
            if len(slots) < len(members):
                ok = False
                break
            placed.extend(Placed(i, x, y) for i, (x, y) in zip(members, spread(slots, len(members))))
        if ok:
            placed.sort(key=lambda p: p.index)
            return RadarLayout(radius, centre_x, centre_y, radii, angles, segments, placed, boxes)
        radius = math.ceil(radius * 1.12)
    raise ValueError("too many blips in one segment to draw")


def point_in_segment(x: float, y: float, seg: Segment, cx: float, cy: float, clearance: float, sectors: int) -> bool:
    """Whether a circle of ``clearance`` at (x, y) lies inside the segment (for tests and checks)."""
    dx, dy = x - cx, y - cy
    r = math.hypot(dx, dy)
    if r - clearance < seg.r0 - 1e-9 or r + clearance > seg.r1 + 1e-9:
        return False
    if sectors == 1:
        return True
    angle = math.atan2(dy, dx)
    for border in (seg.a0, seg.a1):
        # distance from the point to the border ray from the centre
        ux, uy = math.cos(border), math.sin(border)
        along = dx * ux + dy * uy
        dist = abs(dx * uy - dy * ux) if along > 0 else r
        if dist < clearance - 1e-9:
            return False
    rel = (angle - seg.a0) % (2 * math.pi)
    return rel <= (seg.a1 - seg.a0) + 1e-9


# ---------------------------------------------------------------------- wheel


def wheel_cells(
    areas: int, levels: int, r_inner: float, r_outer: float, cx: float, cy: float, start: float = -math.pi / 2
) -> list[list[str]]:
    """Paths of the cells of a rating wheel: ``cells[area][level]`` from the centre out."""
    angles = sector_angles(areas, start)
    step = (r_outer - r_inner) / levels
    return [
        [
            annulus_sector(cx, cy, r_inner + step * lv, r_inner + step * (lv + 1), angles[a], angles[a + 1])
            for lv in range(levels)
        ]
        for a in range(areas)
    ]
