"""The technology radar: its checks, its layout (``geometry.layout_radar``) and what its templates
(``radar.html.j2``, ``radar-blank.svg.j2``) draw."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..say import say
from ..models import Id, Model, Text, VisualModel, VisualPart
from . import geometry as g
from .base import COLOURS, NARROWEST, around, label_lines, settle
from .kinds import PictureKind
from .parts import Found, part_id, reference, unique
from .words import slug

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class BlipMove(str, enum.Enum):
    moved_in = "in"
    moved_out = "out"


class Blip(Model):
    """One technology on a radar."""

    id: Id | None = None
    name: Text
    sector: Id
    ring: Id
    description: Text
    new: bool = False
    moved: BlipMove | None = None


class RadarVisual(VisualModel):
    kind: Literal["radar"]
    sectors: list[VisualPart] = Field(min_length=1, max_length=12)
    rings: list[VisualPart] | None = Field(default=None, min_length=1, max_length=8)  # None: the language's defaults
    blips: list[Blip] = []
    blank: bool = True  # also offer an empty radar to print and fill in


#: The Danish help of the models above for the editor (see ``templates/field_help.yml``).
HELP = """\
Blip:
  title: Teknologi på radaren
  description: Én teknologi, placeret i en sektor og en ring på radaren.
  fields:
    id:
      description: Teknologiens id. Udelades det, laves det af navnet.
      example: gps-alarmer
    name:
      description: Teknologiens navn.
      example: GPS-alarmer
    sector:
      description: Id'et på den sektor (under sectors), teknologien hører til.
      example: tryghed
    ring:
      description: >-
        Id'et på den ring, teknologien står i. Uden egne ringe er de
        tag-i-brug, afproev, undersoeg og afvent.
      example: tag-i-brug
    description:
      description: Hvorfor teknologien står, hvor den står.
      example: Giver borgere med demens mulighed for at gå ture på egen hånd.
    new:
      description: true, hvis teknologien er ny på radaren siden sidst.
      example: true
    moved:
      description: Hvis teknologien er rykket siden sidst, hvilken vej.
      example: in

BlipMove:
  title: Flytning på radaren
  description: Hvilken vej en teknologi er rykket siden sidste udgave af radaren.
  values:
    in: Rykket ind mod midten (tættere på at blive taget i brug).
    out: Rykket ud mod kanten (længere fra at blive taget i brug).

RadarVisual:
  title: Radar (kind radar)
  description: En teknologiradar med sektorer, ringe og teknologier.
  fields:
    kind:
      description: Billedets slags; her radar.
      example: radar
    title:
      description: Billedets titel. Kan udelades.
      example: Teknologiradar for velfærds- og sundhedsteknologi i en kommune
    note:
      description: En bemærkning under billedet, fx om hvor indholdet stammer fra. Kan udelades.
      example: Radaren er et eksempel; jeres egen radar vil se anderledes ud.
    sectors:
      description: Radarens sektorer (1-12), fx områder af arbejdet.
      example:
        - id: tryghed
          name: Tryghed og sikkerhed
        - id: sundhed
          name: Sundhed og telemedicin
    rings:
      description: >-
        Radarens ringe indefra og ud (1-8). Udelad feltet for at bruge Tag i
        brug, Afprøv, Undersøg og Afvent.
      example:
        - name: I brug
        - name: På vej
    blips:
      description: Teknologierne på radaren, hver med navn, sektor, ring og beskrivelse.
      example:
        - name: GPS-alarmer
          sector: tryghed
          ring: tag-i-brug
          description: Giver borgere med demens mulighed for at gå ture på egen hånd.
    blank:
      description: true (standard) giver også en tom radar, som deltagerne kan printe og udfylde.
      example: true
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: technology-radar
title: The technology radar
summary: Which technologies are in use, on their way, or worth watching in your area.
origin:
  creator: Thoughtworks
  year: 2010
visual:
  kind: radar
  title: Technologies in home care
  sectors:
    - name: Safety
    - name: Health at home
  rings:  # leave out for the language's four default rings
    - name: In use
    - name: Trying
    - name: Watching
  blips:
    - name: GPS alarms
      sector: safety
      ring: in-use
      description: Lets citizens with dementia go for walks on their own.
    - name: Video consultations
      sector: health-at-home
      ring: trying
      description: A nurse sees the citizen on a tablet instead of driving out.
      new: true
    - name: Medicine robots
      sector: health-at-home
      ring: watching
      description: Hands out the right pills at the right time.
      moved: out
"""


def radar_problems(visual: RadarVisual, default_rings: Sequence[dict] = ()) -> Found:
    """What is wrong in the fields of a radar that only make sense together."""
    rings = radar_rings(visual, default_rings)
    yield from unique(visual.sectors, "sectors")
    if visual.rings is not None:
        yield from unique(visual.rings, "rings")
    seen: dict[str, int] = {}
    for i, blip in enumerate(visual.blips):
        yield from reference(("blips", i, "sector"), blip.sector, visual.sectors, "sectors")
        yield from reference(("blips", i, "ring"), blip.ring, rings, "rings")
        bid = blip.id or slug(blip.name)
        if bid in seen:
            yield ("blips", i, "id" if blip.id else "name"), say("report.visuals.blip_twice", id=bid, first=seen[bid])
        seen.setdefault(bid, i)


def radar_rings(radar: RadarVisual, default_rings: Sequence[dict]) -> list[VisualPart]:
    """The radar's rings, or the default rings of the course's language (the catalogue's
    ``visuals.radar.rings``) when the file names none."""
    if radar.rings is not None:
        return radar.rings
    return [VisualPart(**ring) for ring in default_rings]


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


def radar_context(prefix: str, radar: RadarVisual, default_rings: Sequence[dict] = ()) -> dict[str, Any]:
    """The radar as one picture for every width: no names around it (the sectors are named beside or
    under it, with their colours), so that it can shrink to a phone's column with its ring names and
    blip numbers still at 12 px or more."""
    sectors, rings = radar.sectors, radar_rings(radar, default_rings)
    sector_index = {part_id(s): i for i, s in enumerate(sectors)}
    ring_index = {part_id(r): i for i, r in enumerate(rings)}
    ordered = sorted(
        range(len(radar.blips)), key=lambda i: (sector_index[radar.blips[i].sector], ring_index[radar.blips[i].ring], i)
    )
    blips = [radar.blips[i] for i in ordered]
    start = -math.pi / 2  # the first sector starts at 12 o'clock; the ring names sit on that border
    pad = 4.0

    def draw(font: float) -> dict[str, Any]:
        blip_r = g.BLIP_RADIUS  # the numbers are HTML over the picture (12 px at any size)
        # The rings' names sit across the first sector border (only when there are borders); the
        # layout keeps the rings wide enough for them and the blips off them.
        ring_labels = [(g.text_width(r.name, font) + 8, font + 6) for r in rings] if len(sectors) > 1 else None
        layout = g.layout_radar(
            len(sectors),
            len(rings),
            [(sector_index[b.sector], ring_index[b.ring]) for b in blips],
            cx=0.0,
            cy=0.0,
            labels=ring_labels,
            start=start,
            blip=blip_r,
        )
        return dict(width=2 * (layout.radius + pad), layout=layout, font=font, blip_r=blip_r)

    drawn = settle(draw, 13.0, NARROWEST)
    layout, font, blip_r = drawn["layout"], drawn["font"], drawn["blip_r"]
    radius = layout.radius
    cx = cy = radius + pad
    width = height = 2 * (radius + pad)

    sector_views: list[dict[str, Any]] = []
    for i, sector in enumerate(sectors):
        bx, by = g.polar(cx, cy, radius, layout.angles[i])
        # the name around the circle, for the printed blank radar only (on the page it is beside it)
        mid = (layout.angles[i] + layout.angles[i + 1]) / 2
        label = around(cx, cy, radius, mid, label_lines(sector.name, font, 12.0), font)
        sector_views.append(
            dict(part=sector, id=part_id(sector), colour=i % COLOURS, border_x=bx, border_y=by, label=label)
        )
    margin_x = max(g.text_width(line, font) for s in sector_views for line in s["label"]["lines"]) + 2 * font
    margin_y = max(len(s["label"]["lines"]) for s in sector_views) * font * 1.3 + 2 * font
    segments = [
        dict(path=g.annulus_sector(cx, cy, s.r0, s.r1, s.a0, s.a1), colour=s.sector % COLOURS, ring=s.ring)
        for s in layout.segments
    ]
    ring_views = []
    for i, ring in enumerate(rings):
        # the name's box as the layout reserved it (centred; moved from the layout's centre to the picture's)
        box = layout.labels[i] if layout.labels else g.Box(0.0, 0.0, 0.0, 0.0)
        ring_views.append(
            dict(
                part=ring,
                id=part_id(ring),
                r=layout.radii[i + 1],
                x=cx + box.x + box.w / 2,
                y=cy + box.y + box.h / 2,
                w=box.w,
                h=box.h,
            )
        )
    views = []
    for number, (blip, spot) in enumerate(zip(blips, layout.placed), start=1):
        views.append(
            BlipView(
                number=number,
                anchor=f"{prefix}-{blip.id or slug(blip.name)}",
                name=blip.name,
                description=blip.description,
                sector=sector_index[blip.sector],
                ring=ring_index[blip.ring],
                new=blip.new,
                moved=blip.moved.value if blip.moved else None,
                x=cx + spot.x,
                y=cy + spot.y,
            )
        )
    by_sector = [[b for b in views if b.sector == i] for i in range(len(sectors))]
    return dict(
        links_from=links_from(views, width),
        width=width,
        height=height,
        cx=cx,
        cy=cy,
        radius=radius,
        sectors=sector_views,
        rings=ring_views,
        segments=segments,
        blips=views,
        by_sector=by_sector,
        font=font,
        blip_r=blip_r,
        ring_labels=len(sectors) > 1,
        margin_x=margin_x,
        margin_y=margin_y,
    )


#: A target on the screen is 24 x 24 CSS px or more, and no two overlap (WCAG 2.2, 2.5.8).
TARGET_PX = 24.0
#: The widths (CSS px) of the picture from which its blips can be links; visuals.css has a container rule for
#: each. The picture is drawn at most 32rem (640 px) wide.
LINK_STEPS = tuple(range(0, 641, 40))


def links_from(blips: Sequence[BlipView], width: float) -> int | None:
    """The least width of the picture (one of ``LINK_STEPS``) at which its blips, as links of at least
    ``TARGET_PX``, lie ``TARGET_PX`` apart or more (centre to centre), so that no two targets overlap; None when
    they never do. Narrower, the blips' numbers are labels only, and the names beside or under the picture
    are the links to their descriptions."""
    closest = min((math.dist((a.x, a.y), (b.x, b.y)) for i, a in enumerate(blips) for b in blips[i + 1 :]), default=0.0)
    if not closest:
        return 0
    least = TARGET_PX * width / closest
    return next((step for step in LINK_STEPS if step >= least), None)


class Radar(PictureKind):
    model = RadarVisual
    template = "radar.html.j2"
    blank_template = "radar-blank.svg.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: RadarVisual, default_rings: Sequence[dict]) -> Found:
        return radar_problems(visual, default_rings)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, RadarVisual)
        return radar_context(tool.id, tool.visual, messages.entry("visuals.radar.rings"))

    def blank(self, tool: Tool, messages: Messages, layout: dict[str, Any]) -> dict[str, Any] | None:
        """The radar without its blips (its rings and sectors as the language names them)."""
        visual = tool.visual
        assert isinstance(visual, RadarVisual)
        if not visual.blank:
            return None
        return radar_context(tool.id, visual.model_copy(update={"blips": []}), messages.entry("visuals.radar.rings"))

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
        assert isinstance(tool.visual, RadarVisual)
        if not (blank_href and tool.visual.blank):
            return ""
        return f"\n\n[{messages('visuals.radar.blank_link')}]({blank_href}){{ .course-screen-only }}"


KIND = Radar()
