"""Render a tool's visual: inline SVG plus its text alternative, as an HTML block for a Markdown page.

The geometry is computed here (see ``geometry``); the markup and every word shown
are in the Jinja templates under ``templates/visuals/``. Output is deterministic:
same data, same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..messages import Messages
from ..models import (ComparisonVisual, JourneyVisual, QuadrantsVisual, RadarVisual, StepsVisual, Tool,
                      WheelVisual)
from ..templating import bytecode_cache
from . import geometry as g
from .check import part_id, radar_rings
from .words import slug

#: How many sector colours visuals.css defines (--course-c0 … --course-c7).
COLOURS = 8
#: The smallest share of its own size a picture is drawn at (its box scrolls on a narrower screen):
#: 12 px labels stay at least 10 px, the 11.5 px small text at least 9.7 px ...
MIN_SCALE = 0.84
#: ... but never wider than this, the text column of Material's desktop layout (688 px with both
#: sidebars), so that only narrower screens scroll: the 900 px journey keeps 12 px text at 9 px.
MIN_WIDTH_CAP = 680.0
LABEL_PX = 12.0  # font size of labels in the SVG
RING_PX = 10.0  # font size of the ring names on a radar


class _Environment(Environment):
    """Looks up ``words.wheel.clear`` as the label, never as the dict method ``clear``."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def _environment() -> Environment:
    env = _Environment(loader=PackageLoader("curriculum", "templates/visuals"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=bytecode_cache("visuals"))
    env.filters["n"] = g.fmt
    env.globals.update(COLOURS=COLOURS, MIN_SCALE=MIN_SCALE,
                       MIN_WIDTH_CAP=MIN_WIDTH_CAP)
    return env


def _compact(html: str) -> str:
    """One HTML block without blank lines or indentation, so Markdown keeps it as it is."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def blank_file(tool: Tool, tools_folder: str = "vaerktoejer") -> str:
    """Path of a tool's printable blank radar, beside its page (``vaerktoejer/<id>-tom.svg``)."""
    return f"{tools_folder}/{tool.id}-tom.svg"


def _words(messages: Messages) -> dict[str, Any]:
    """What the visuals' templates use: the catalogue's ``visuals`` section, and the messages."""
    return dict(words=messages.section("visuals"), msg=messages, percent=messages.percent,
                names=messages.names)


def render_visual(tool: Tool, messages: Messages, *, level: int = 2, compact: bool = False, tool_href: str = "",
                  blank_href: str = "", storage_key: str = "") -> Markup:
    """The visual of a tool as HTML (a ``<figure>`` and its text alternative).

    ``level`` is the heading level of the visual's own headings; ``compact`` leaves out
    what belongs on the tool's own page only (the self-assessment form), and
    ``tool_href`` then links there.
    """
    visual = tool.visual
    if visual is None:
        return Markup("")
    context = dict(tool=tool, visual=visual, vid=f"v-{tool.id}", level=min(level, 6),
                   sub=min(level + 1, 6), compact=compact, tool_href=tool_href, blank_href=blank_href,
                   storage_key=storage_key, **_words(messages))
    if isinstance(visual, RadarVisual):
        context.update(radar_context(tool.id, visual, messages.entry("visuals.radar.rings")))
        template = "radar.html.j2"
    else:
        make_context, template = _KINDS[type(visual)]
        context.update(make_context(visual))
    html = _compact(_environment().get_template(template).render(**context))
    if isinstance(visual, RadarVisual) and visual.blank and blank_href:
        # A Markdown link, so that the builder adjusts it to the page's address.
        html += f"\n\n[{messages('visuals.radar.blank_link')}]({blank_href})"
    if isinstance(visual, WheelVisual) and visual.self_assessment and compact and tool_href:
        html += f"\n\n[{messages('visuals.wheel.self_link')}]({tool_href}#{context['vid']}-assess)"
    return Markup(html)


def visual_files(tool: Tool, messages: Messages, tools_folder: str = "vaerktoejer") -> dict[str, bytes]:
    """Files that go beside the tool's page: the blank radar to print."""
    visual = tool.visual
    if not isinstance(visual, RadarVisual) or not visual.blank:
        return {}
    context = radar_context(tool.id, visual.model_copy(update={"blips": []}), messages.entry("visuals.radar.rings"))
    svg = _environment().get_template("radar-blank.svg.j2").render(tool=tool, visual=visual, **context,
                                                                   **_words(messages))
    return {blank_file(tool, tools_folder): (_compact(svg) + "\n").encode("utf-8")}


# ---------------------------------------------------------------------- radar


@dataclass(frozen=True)
class BlipView:
    number: int
    anchor: str
    name: str
    description: str
    sector: int
    ring: int
    new: bool
    moved: str | None
    x: float
    y: float


def _label_lines(text: str, width: float = 120.0) -> list[str]:
    """A label in lines of ``width``, widened to its longest word so that no word is split."""
    longest = max((g.text_width(word, LABEL_PX) for word in text.split()), default=0.0)
    return g.wrap(text, max(width, longest + 2), LABEL_PX)


def radar_context(prefix: str, radar: RadarVisual, default_rings: Any = ()) -> dict[str, Any]:
    sectors, rings = radar.sectors, radar_rings(radar, default_rings)
    sector_index = {part_id(s): i for i, s in enumerate(sectors)}
    ring_index = {part_id(r): i for i, r in enumerate(rings)}
    ordered = sorted(range(len(radar.blips)),
                     key=lambda i: (sector_index[radar.blips[i].sector], ring_index[radar.blips[i].ring], i))
    blips = [radar.blips[i] for i in ordered]
    # The rings' names sit across the first sector border (only when there are borders); the
    # layout keeps the rings wide enough for them and the blips off them.
    ring_labels = [(g.text_width(r.name, RING_PX) + 6, RING_PX + 4) for r in rings] if len(sectors) > 1 else None
    layout = g.layout_radar(len(sectors), len(rings),
                            [(sector_index[b.sector], ring_index[b.ring]) for b in blips],
                            cx=0.0, cy=0.0, labels=ring_labels)
    radius = layout.radius
    # Room around the circle for the sector names.
    labels = [_label_lines(s.name) for s in sectors]
    margin_x = max(g.text_width(line, LABEL_PX) for lines in labels for line in lines) + 24
    margin_y = max(len(lines) for lines in labels) * LABEL_PX * 1.3 + 24
    cx, cy = margin_x + radius, margin_y + radius
    width, height = 2 * (margin_x + radius), 2 * (margin_y + radius)

    sector_views = []
    for i, (sector, lines) in enumerate(zip(sectors, labels)):
        mid = (layout.angles[i] + layout.angles[i + 1]) / 2
        lx, ly = g.polar(cx, cy, radius + 14, mid)
        cos, sin = math.cos(mid), math.sin(mid)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        line_h = LABEL_PX * 1.3
        if sin < -0.3:  # above the circle: the last line sits on the circle
            top = ly - (len(lines) - 1) * line_h
        elif sin > 0.3:  # below: the first line hangs from it
            top = ly + LABEL_PX
        else:
            top = ly - (len(lines) - 1) * line_h / 2 + LABEL_PX / 3
        bx, by = g.polar(cx, cy, radius, layout.angles[i])
        sector_views.append(dict(part=sector, id=part_id(sector), colour=i % COLOURS, lines=lines,
                                 x=lx, y=top, line_h=line_h, anchor=anchor, border_x=bx, border_y=by))

    segments = [dict(path=g.annulus_sector(cx, cy, s.r0, s.r1, s.a0, s.a1), colour=s.sector % COLOURS,
                     ring=s.ring) for s in layout.segments]
    ring_views = []
    for i, ring in enumerate(rings):
        # the name's box as the layout reserved it (centred; moved from the layout's centre to the picture's)
        box = layout.labels[i] if layout.labels else g.Box(0.0, 0.0, 0.0, 0.0)
        ring_views.append(dict(part=ring, id=part_id(ring), r=layout.radii[i + 1], x=cx + box.x + box.w / 2,
                               y=cy + box.y + box.h / 2, w=box.w, h=box.h))
    views = []
    for number, (blip, spot) in enumerate(zip(blips, layout.placed), start=1):
        views.append(BlipView(number=number, anchor=f"{prefix}-{blip.id or slug(blip.name)}", name=blip.name,
                              description=blip.description, sector=sector_index[blip.sector],
                              ring=ring_index[blip.ring], new=blip.new,
                              moved=blip.moved.value if blip.moved else None, x=cx + spot.x, y=cy + spot.y))
    by_sector = [[b for b in views if b.sector == i] for i in range(len(sectors))]
    return dict(width=width, height=height, cx=cx, cy=cy, radius=radius, sectors=sector_views,
                rings=ring_views, segments=segments, blips=views, by_sector=by_sector,
                blip_r=g.BLIP_RADIUS, ring_labels=len(sectors) > 1)


# ---------------------------------------------------------------------- wheel


def wheel_context(wheel: WheelVisual) -> dict[str, Any]:
    radius, inner = 170.0, 26.0
    labels = [_label_lines(a.name, 130.0) for a in wheel.areas]
    margin_x = max(g.text_width(line, LABEL_PX) for lines in labels for line in lines) + 24
    margin_y = max(len(lines) for lines in labels) * LABEL_PX * 1.3 + 24
    cx, cy = margin_x + radius, margin_y + radius
    cells = g.wheel_cells(len(wheel.areas), wheel.scale, inner, radius, cx, cy)
    angles = g.sector_angles(len(wheel.areas), -math.pi / 2)
    areas = []
    for i, (area, lines) in enumerate(zip(wheel.areas, labels)):
        mid = (angles[i] + angles[i + 1]) / 2
        lx, ly = g.polar(cx, cy, radius + 14, mid)
        cos, sin = math.cos(mid), math.sin(mid)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        line_h = LABEL_PX * 1.3
        if sin < -0.3:
            top = ly - (len(lines) - 1) * line_h
        elif sin > 0.3:
            top = ly + LABEL_PX
        else:
            top = ly - (len(lines) - 1) * line_h / 2 + LABEL_PX / 3
        spoke = g.polar(cx, cy, radius, angles[i])
        areas.append(dict(part=area, id=part_id(area), colour=i % COLOURS, cells=cells[i], lines=lines,
                          x=lx, y=top, line_h=line_h, anchor=anchor, spoke=spoke))
    step = (radius - inner) / wheel.scale
    levels = [inner + step * (lv + 1) for lv in range(wheel.scale)]
    return dict(width=2 * (margin_x + radius), height=2 * (margin_y + radius), cx=cx, cy=cy,
                radius=radius, inner=inner, areas=areas, levels=levels, scale=wheel.scale)


# -------------------------------------------------------------------- journey


def journey_context(journey: JourneyVisual) -> dict[str, Any]:
    font, line_h, pad = 13.0, 13.0 * 1.3, 8.0
    lane_w, col_w, gap = 120.0, 150.0, 6.0
    phases = journey.phases
    x0 = lane_w + gap if journey.lanes else 0.0
    width = x0 + len(phases) * (col_w + gap) - gap
    heads = [g.wrap(p.name, col_w - 2 * pad - 14, font) for p in phases]
    head_h = max(len(lines) for lines in heads) * line_h + 2 * pad
    cols: list[dict[str, Any]] = [dict(part=p, id=part_id(p), x=x0 + i * (col_w + gap), lines=lines)
                                  for i, (p, lines) in enumerate(zip(phases, heads))]
    text = {(c.phase, c.lane): c.text for c in journey.cells}
    y = head_h + gap
    lanes = []
    for lane in journey.lanes:
        lid = part_id(lane)
        name_lines = g.wrap(lane.name, lane_w - 2 * pad, font)
        cells = [g.wrap(text.get((col["id"], lid), ""), col_w - 2 * pad, font - 1) for col in cols]
        h = max([len(name_lines) * line_h] + [len(c) * (line_h - 1.3) for c in cells]) + 2 * pad
        lanes.append(dict(part=lane, id=lid, y=y, h=h, lines=name_lines,
                          cells=[dict(lines=c, text=text.get((col["id"], lid))) for c, col in zip(cells, cols)]))
        y += h + gap
    considerations: list[dict[str, Any]] = []
    if journey.considerations:
        count = len(journey.considerations)
        box_w = (width - gap * (count - 1)) / count
        wrapped = [g.wrap(c.name, box_w - 2 * pad, font - 1) for c in journey.considerations]
        title_h = line_h + pad
        box_h = max(len(lines) for lines in wrapped) * (line_h - 1.3) + 2 * pad
        top = y + pad
        considerations = [dict(part=c, x=i * (box_w + gap), y=top + title_h, w=box_w, h=box_h, lines=lines)
                          for i, (c, lines) in enumerate(zip(journey.considerations, wrapped))]
        y = top + title_h + box_h + gap
    return dict(width=width, height=y, cols=cols, col_w=col_w, head_h=head_h, lanes=lanes, lane_w=lane_w,
                considerations=considerations, pad=pad, font=font, line_h=line_h, x0=x0,
                cons_title_y=(considerations[0]["y"] - pad) if considerations else 0)


# --------------------------------------------------------------- simple kinds


def steps_context(visual: StepsVisual) -> dict[str, Any]:
    font, line_h, pad = 13.0, 13.0 * 1.3, 10.0
    count = len(visual.parts)
    if visual.kind == "cycle":
        box_w = 150.0
        wrapped = [g.wrap(p.name, box_w - 2 * pad, font) for p in visual.parts]
        box_h = max(len(lines) for lines in wrapped) * line_h + 2 * pad
        ring = max(110.0, (box_w + 30) * count / (2 * math.pi) + 20)
        cx, cy = ring + box_w / 2 + 10, ring + box_h / 2 + 10
        boxes: list[dict[str, Any]] = []
        arrows: list[dict[str, Any]] = []
        for i, lines in enumerate(wrapped):
            a = -math.pi / 2 + 2 * math.pi * i / count
            x, y = g.polar(cx, cy, ring, a)
            boxes.append(dict(part=visual.parts[i], x=x - box_w / 2, y=y - box_h / 2, w=box_w, h=box_h,
                              lines=lines, colour=i % COLOURS))
        for i in range(count):
            a0 = -math.pi / 2 + 2 * math.pi * (i + 0.5) / count
            # a short arrow on the circle between two boxes, pointing clockwise
            sx, sy = g.polar(cx, cy, ring, a0 - 0.12)
            ex, ey = g.polar(cx, cy, ring, a0 + 0.12)
            arrows.append(dict(x1=sx, y1=sy, x2=ex, y2=ey))
        return dict(width=2 * cx, height=2 * cy, boxes=boxes, arrows=arrows, cycle=True,
                    font=font, line_h=line_h, pad=pad)
    box_w, gap = 140.0, 34.0
    wrapped = [g.wrap(p.name, box_w - 2 * pad, font) for p in visual.parts]
    box_h = max(len(lines) for lines in wrapped) * line_h + 2 * pad
    boxes = [dict(part=p, x=i * (box_w + gap), y=0.0, w=box_w, h=box_h, lines=lines, colour=i % COLOURS)
             for i, (p, lines) in enumerate(zip(visual.parts, wrapped))]
    arrows = [dict(x1=b["x"] + box_w + 4, y1=box_h / 2, x2=b["x"] + box_w + gap - 6, y2=box_h / 2)
              for b in boxes[:-1]]
    return dict(width=count * (box_w + gap) - gap, height=box_h, boxes=boxes, arrows=arrows, cycle=False,
                font=font, line_h=line_h, pad=pad)


def quadrants_context(visual: QuadrantsVisual) -> dict[str, Any]:
    font, line_h, pad, size, gap = 14.0, 14.0 * 1.3, 12.0, 190.0, 8.0
    boxes = []
    for i, part in enumerate(visual.parts):
        col, row = i % 2, i // 2
        lines = g.wrap(part.name, size - 2 * pad, font)
        boxes.append(dict(part=part, x=col * (size + gap), y=row * (size + gap), w=size, h=size,
                          lines=lines, colour=i % COLOURS))
    centre = g.wrap(visual.centre, 110.0, font - 1) if visual.centre else []
    return dict(width=2 * size + gap, height=2 * size + gap, boxes=boxes, centre=centre, font=font,
                line_h=line_h, pad=pad)


def comparison_context(visual: ComparisonVisual) -> dict[str, Any]:
    font, line_h, pad, gap = 13.0, 13.0 * 1.3, 8.0, 6.0
    aspect_w, col_w = 130.0, 200.0
    heads = [g.wrap(c.name, col_w - 2 * pad, font) for c in visual.columns]
    head_h = max(len(lines) for lines in heads) * line_h + 2 * pad
    cols = [dict(part=c, x=aspect_w + gap + i * (col_w + gap), lines=lines, colour=i % COLOURS)
            for i, (c, lines) in enumerate(zip(visual.columns, heads))]
    y = head_h + gap
    rows = []
    for row in visual.rows:
        aspect = g.wrap(row.aspect, aspect_w - 2 * pad, font - 1)
        values = [g.wrap(v, col_w - 2 * pad, font - 1) for v in row.values]
        h = max(len(lines) for lines in [aspect, *values]) * (line_h - 1.3) + 2 * pad
        rows.append(dict(row=row, y=y, h=h, aspect=aspect, cells=values))
        y += h + gap
    return dict(width=aspect_w + gap + len(cols) * (col_w + gap) - gap, height=y - gap, cols=cols, rows=rows,
                aspect_w=aspect_w, col_w=col_w, head_h=head_h, font=font, line_h=line_h, pad=pad)


# The picture of each kind but the radar (whose ids need the tool's): its context and template.
_KINDS: dict[type, tuple[Callable[[Any], dict[str, Any]], str]] = {
    WheelVisual: (wheel_context, "wheel.html.j2"),
    JourneyVisual: (journey_context, "journey.html.j2"),
    StepsVisual: (steps_context, "steps.html.j2"),
    QuadrantsVisual: (quadrants_context, "quadrants.html.j2"),
    ComparisonVisual: (comparison_context, "comparison.html.j2"),
}
