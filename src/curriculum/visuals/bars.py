"""Bar charts of evaluation results: one horizontal bar per questionnaire item, 0–100 %.

Drawn at build time like the tools' visuals: inline SVG with ``role="img"``, a ``<title>`` and a
``<desc>`` that gives every figure, and a table of the same data beside it. An item without a
figure gets no bar and says so; nothing is estimated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from . import geometry as g
from ..messages import Messages
from .base import WIDE, legible
from .render import _KEPT, _compact, _environment, _words, made_from

WIDTH = 600.0  # the wide chart is shown from WIDE (600 px) up: its 12 px text never shrinks
LABEL_W = 44.0  # the item's label ("2A") left of its bar
VALUE_W = 60.0  # room right of the bars for "100 %"
FONT = 12.0
LINE_H = FONT * 1.3
BAR_H = 16.0
GAP = 12.0
TICKS = (0, 25, 50, 75, 100)


def bars_context(rows: Sequence[Any]) -> dict[str, Any]:
    """Geometry of a chart of ``rows`` (each with ``label``, ``item.text`` and ``percent``)."""
    track_x = LABEL_W
    track_w = WIDTH - LABEL_W - VALUE_W
    y = FONT + 8  # room for the tick labels above the first row
    views = []
    for row in rows:
        lines = g.wrap(row.item.text, track_w + VALUE_W, FONT)
        text_y = y + FONT
        bar_y = y + len(lines) * LINE_H + 4
        value = row.percent
        views.append(
            dict(
                row=row,
                lines=lines,
                text_y=text_y,
                bar_y=bar_y,
                label_y=bar_y + BAR_H - 4,
                bar_w=None if value is None else track_w * value / 100,
            )
        )
        y = bar_y + BAR_H + GAP
    ticks = [dict(value=t, x=track_x + track_w * t / 100) for t in TICKS]
    return dict(
        width=WIDTH,
        height=y,
        rows=views,
        track_x=track_x,
        track_w=track_w,
        bar_h=BAR_H,
        ticks=ticks,
        top=FONT + 4,
        line_h=LINE_H,
        font=legible(FONT, WIDTH, WIDE),
    )


def render_bars(vid: str, title: str, rows: Sequence[Any], measure: str, messages: Messages) -> Markup:
    """A results chart and its table as one HTML block for a Markdown page; percentages are the
    language's (Babel): ``12,5 %`` in Danish, ``12.5%`` in English. A front end's build takes it from an
    earlier build when nothing it is made from has changed (``buildcache.Kept``)."""
    rows = list(rows)
    template = _environment().get_template("bars.html.j2")

    def draw() -> str:
        words = _words(messages)
        return _compact(template.render(vid=vid, title=title, measure=measure, **bars_context(rows), **words))

    return Markup(_KEPT.made(made_from(messages, "bars", vid, title, rows, measure), str, draw))
