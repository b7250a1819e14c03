"""Render a tool's visual: inline SVG plus its text alternative, as an HTML block for a Markdown page.

The geometry is computed here (see ``geometry``); the markup and every word shown
are in the Jinja templates under ``templates/visuals/``. Output is deterministic:
same data, same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..models import (ComparisonVisual, JourneyVisual, QuadrantsVisual, RadarVisual, StepsVisual, Tool,
                      WheelVisual)
from ..templating import bytecode_cache
from . import geometry as g
from .check import part_id, radar_rings
from .words import slug, words

#: How many sector colours visuals.css defines (--kdl-c0 … --kdl-c7).
COLOURS = 8
#: No text in a picture is drawn smaller than this many CSS px, at any width of the screen.
TEXT_PX = 12.0
#: The narrowest column a picture is drawn in: a 320 px screen less Material's margins (2 x 16 px).
NARROWEST = 288.0
#: From this width of its figure up, a picture with a narrow variant shows its wide one (visuals.css has
#: the same figure in its @container rules). Pictures scale with their column, never scroll sideways.
WIDE = 600.0
#: The self-assessment's small wheel, which stays in view beside (or above) the form: its least width.
MINI = 150.0


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
    env.globals.update(words=words(), COLOURS=COLOURS)
    return env


def _compact(html: str) -> str:
    """One HTML block without blank lines or indentation, so Markdown keeps it as it is."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def legible(least: float, width: float, shown_from: float) -> float:
    """A font size in a picture's units that draws at ``TEXT_PX`` or more once the picture, ``width``
    units wide, is scaled to ``shown_from`` px (the narrowest it is shown at); at least ``least``."""
    return max(least, math.ceil(TEXT_PX * width / shown_from * 4) / 4)


def settle(draw, least: float, shown_from: float) -> dict[str, Any]:
    """Draw with a font size, then again with the size its width asks for, until they agree (a larger
    font widens the picture's margins, so a few rounds; the sizes only grow)."""
    font = least
    for _ in range(8):
        context = draw(font)
        wanted = legible(least, context["width"], shown_from)
        if wanted <= font:
            return context
        font = wanted
    return draw(font)


def blank_file(tool: Tool) -> str:
    """Path of a tool's printable blank picture beside its page (``vaerktoejer/<id>-tom.svg``): the
    radar without blips, the wheel without ratings."""
    return f"vaerktoejer/{tool.id}-tom.svg"


def render_visual(tool: Tool, *, level: int = 2, compact: bool = False, tool_href: str = "",
                  blank_href: str = "") -> Markup:
    """The visual of a tool as HTML (a ``<figure>`` and its text alternative).

    ``level`` is the heading level of the visual's own headings; ``compact`` leaves out
    what belongs on the tool's own page only (the self-assessment form), and
    ``tool_href`` then links there.
    """
    visual = tool.visual
    if visual is None:
        return Markup("")
    context = dict(tool=tool, visual=visual, vid=f"v-{tool.id}", level=min(level, 6),
                   sub=min(level + 1, 6), compact=compact, tool_href=tool_href, blank_href=blank_href)
    if isinstance(visual, RadarVisual):
        context.update(radar_context(tool.id, visual))
        template = "radar.html.j2"
    else:
        make_context, template = _KINDS[type(visual)]
        context.update(make_context(visual))
    html = _compact(_environment().get_template(template).render(**context))
    if blank_href and _has_blank(visual):
        # A Markdown link, so that the builder adjusts it to the page's address.
        which = "radar" if isinstance(visual, RadarVisual) else "wheel"
        html += f"\n\n[{words()[which]['blank_link']}]({blank_href})"
    if isinstance(visual, WheelVisual) and visual.self_assessment and compact and tool_href:
        html += f"\n\n[{words()['wheel']['self_link']}]({tool_href}#{context['vid']}-assess)"
    return Markup(html)


def _has_blank(visual: Any) -> bool:
    return ((isinstance(visual, RadarVisual) and visual.blank)
            or (isinstance(visual, WheelVisual) and visual.self_assessment))


def visual_files(tool: Tool) -> dict[str, bytes]:
    """Files that go beside the tool's page: the blank radar or wheel to print and fill in by hand."""
    visual = tool.visual
    if not _has_blank(visual):
        return {}
    if isinstance(visual, RadarVisual):
        context = radar_context(tool.id, visual.model_copy(update={"blips": []}))
        template = "radar-blank.svg.j2"
    else:
        context = wheel_context(visual)
        template = "wheel-blank.svg.j2"
    svg = _environment().get_template(template).render(tool=tool, visual=visual, **context)
    return {blank_file(tool): (_compact(svg) + "\n").encode("utf-8")}


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


def _label_lines(text: str, font: float, width: float = 10.0) -> list[str]:
    """A label in lines of ``width`` characters, widened to its longest word so that no word is split."""
    longest = max((g.text_width(word, font) for word in text.split()), default=0.0)
    return g.wrap(text, max(width * font * g.CHAR_WIDTH, longest + 2), font)


def radar_context(prefix: str, radar: RadarVisual) -> dict[str, Any]:
    """The radar as one picture for every width: no names around it (the sectors are named beside or
    under it, with their colours), so that it can shrink to a phone's column with its ring names and
    blip numbers still at 12 px or more."""
    sectors, rings = radar.sectors, radar_rings(radar)
    sector_index = {part_id(s): i for i, s in enumerate(sectors)}
    ring_index = {part_id(r): i for i, r in enumerate(rings)}
    ordered = sorted(range(len(radar.blips)),
                     key=lambda i: (sector_index[radar.blips[i].sector], ring_index[radar.blips[i].ring], i))
    blips = [radar.blips[i] for i in ordered]
    start = -math.pi / 2  # the first sector starts at 12 o'clock; the ring names sit on that border
    pad = 4.0

    def draw(font: float) -> dict[str, Any]:
        blip_r = g.BLIP_RADIUS  # the numbers are HTML over the picture (12 px at any size)
        # The rings' names sit across the first sector border (only when there are borders); the
        # layout keeps the rings wide enough for them and the blips off them.
        ring_labels = ([(g.text_width(r.name, font) + 8, font + 6) for r in rings] if len(sectors) > 1
                       else None)
        layout = g.layout_radar(len(sectors), len(rings),
                                [(sector_index[b.sector], ring_index[b.ring]) for b in blips],
                                cx=0.0, cy=0.0, labels=ring_labels, start=start, blip=blip_r)
        return dict(width=2 * (layout.radius + pad), layout=layout, font=font, blip_r=blip_r)

    drawn = settle(draw, 13.0, NARROWEST)
    layout, font, blip_r = drawn["layout"], drawn["font"], drawn["blip_r"]
    radius = layout.radius
    cx = cy = radius + pad
    width = height = 2 * (radius + pad)

    sector_views = []
    for i, sector in enumerate(sectors):
        bx, by = g.polar(cx, cy, radius, layout.angles[i])
        # the name around the circle, for the printed blank radar only (on the page it is beside it)
        mid = (layout.angles[i] + layout.angles[i + 1]) / 2
        label = _around(cx, cy, radius, mid, _label_lines(sector.name, font, 12.0), font)
        sector_views.append(dict(part=sector, id=part_id(sector), colour=i % COLOURS, border_x=bx, border_y=by,
                                 label=label))
    margin_x = max(g.text_width(line, font) for s in sector_views for line in s["label"]["lines"]) + 2 * font
    margin_y = max(len(s["label"]["lines"]) for s in sector_views) * font * 1.3 + 2 * font
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
                rings=ring_views, segments=segments, blips=views, by_sector=by_sector, font=font,
                blip_r=blip_r, ring_labels=len(sectors) > 1, margin_x=margin_x, margin_y=margin_y)


# ---------------------------------------------------------------------- wheel


def _around(cx: float, cy: float, radius: float, angle: float, lines: list[str], font: float) -> dict[str, Any]:
    """Where a label outside a circle goes: beside, above or below the point at ``angle``."""
    lx, ly = g.polar(cx, cy, radius + font, angle)
    cos, sin = math.cos(angle), math.sin(angle)
    anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    line_h = font * 1.3
    if sin < -0.3:  # above the circle: the last line sits on the circle
        top = ly - (len(lines) - 1) * line_h
    elif sin > 0.3:  # below: the first line hangs from it
        top = ly + font
    else:
        top = ly - (len(lines) - 1) * line_h / 2 + font / 3
    return dict(x=lx, y=top, line_h=line_h, anchor=anchor, lines=lines)


def _wheel(wheel: WheelVisual, font: float, radius: float, names: bool) -> dict[str, Any]:
    """A wheel with its areas' names around it (``names``) or their numbers."""
    inner = radius * 0.15
    labels = [(_label_lines(a.name, font, 13.0) if names else [str(i + 1)]) for i, a in enumerate(wheel.areas)]
    if names:
        margin_x = max(g.text_width(line, font) for lines in labels for line in lines) + 2 * font
        margin_y = max(len(lines) for lines in labels) * font * 1.3 + 2 * font
    else:
        margin_x = margin_y = 2.4 * font
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
        areas.append(dict(part=area, id=part_id(area), number=i + 1, colour=i % COLOURS, cells=cells[i],
                          outlines=outlines, spoke=spoke, label=_around(cx, cy, radius, mid, lines, font)))
    return dict(width=2 * (margin_x + radius), height=2 * (margin_y + radius), cx=cx, cy=cy, radius=radius,
                inner=inner, areas=areas, levels=levels, scale=wheel.scale, font=font, names=names)


def wheel_context(wheel: WheelVisual) -> dict[str, Any]:
    """Three drawings of a wheel: ``wide`` with the areas' names around it (shown from ``WIDE`` px),
    ``narrow`` with their numbers (a phone's column, the names in the table under it) and ``mini``, the
    small numbered wheel that stays in view while the self-assessment is filled in."""
    wide = settle(lambda font: _wheel(wheel, font, 150.0, True), 13.0, WIDE)
    narrow = settle(lambda font: _wheel(wheel, font, 110.0, False), 12.0, NARROWEST)
    mini = settle(lambda font: _wheel(wheel, font, 50.0, False), 12.0, MINI)
    return dict(wide, wide=wide, narrow=narrow, mini=mini)


# -------------------------------------------------------------------- journey


def journey_context(journey: JourneyVisual) -> dict[str, Any]:
    """The journey is drawn in HTML (visuals.css): its phases side by side as arrows on a wide screen,
    stacked as cards on a phone; its text is the page's text, so there is nothing to say twice."""
    phases = [dict(part=p, id=part_id(p), colour=i % COLOURS) for i, p in enumerate(journey.phases)]
    text = {(c.phase, c.lane): c.text for c in journey.cells}
    lanes = [dict(part=lane, id=part_id(lane)) for lane in journey.lanes]
    for phase in phases:
        phase["cells"] = [dict(lane=lane, text=text.get((phase["id"], lane["id"]))) for lane in lanes]
    return dict(phases=phases, lanes=lanes, considerations=journey.considerations or [])


# --------------------------------------------------------------- simple kinds


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
        return settle(draw_cycle, 13.0, WIDE)

    def draw_row(font: float) -> dict[str, Any]:
        line_h, pad = font * 1.3, 10.0
        box_w, gap = 140.0, 34.0
        wrapped = [g.wrap(p.name, box_w - 2 * pad, font) for p in visual.parts]
        box_h = max(len(lines) for lines in wrapped) * line_h + 2 * pad
        boxes = [dict(part=p, x=i * (box_w + gap), y=0.0, w=box_w, h=box_h, lines=lines, colour=i % COLOURS)
                 for i, (p, lines) in enumerate(zip(visual.parts, wrapped))]
        arrows = [dict(x1=b["x"] + box_w + 4, y1=box_h / 2, x2=b["x"] + box_w + gap - 6, y2=box_h / 2)
                  for b in boxes[:-1]]
        return dict(width=count * (box_w + gap) - gap, height=box_h, boxes=boxes, arrows=arrows, cycle=False,
                    font=font, line_h=line_h, pad=pad)
    return settle(draw_row, 13.0, WIDE)


def quadrants_context(visual: QuadrantsVisual) -> dict[str, Any]:
    """Four fields: one picture for every width, its text sized for a phone's column."""
    def draw(font: float) -> dict[str, Any]:
        line_h, pad, size, gap = font * 1.3, 12.0, 190.0, 8.0
        boxes = []
        for i, part in enumerate(visual.parts):
            col, row = i % 2, i // 2
            lines = g.wrap(part.name, size - 2 * pad, font)
            boxes.append(dict(part=part, x=col * (size + gap), y=row * (size + gap), w=size, h=size,
                              lines=lines, colour=i % COLOURS))
        centre_r = 70.0
        centre = g.wrap(visual.centre, 2 * centre_r - 24, font) if visual.centre else []
        return dict(width=2 * size + gap, height=2 * size + gap, boxes=boxes, centre=centre, centre_r=centre_r,
                    font=font, line_h=line_h, pad=pad)
    return settle(draw, 14.0, NARROWEST)


def comparison_context(visual: ComparisonVisual) -> dict[str, Any]:
    """A comparison is a table (visuals.css colours its columns, and stacks its rows on a phone)."""
    cols = [dict(part=c, colour=i % COLOURS) for i, c in enumerate(visual.columns)]
    return dict(cols=cols, rows=visual.rows)


# The picture of each kind but the radar (whose ids need the tool's): its context and template.
_KINDS = {
    WheelVisual: (wheel_context, "wheel.html.j2"),
    JourneyVisual: (journey_context, "journey.html.j2"),
    StepsVisual: (steps_context, "steps.html.j2"),
    QuadrantsVisual: (quadrants_context, "quadrants.html.j2"),
    ComparisonVisual: (comparison_context, "comparison.html.j2"),
}
