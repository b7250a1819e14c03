"""Render a tool's visual: inline SVG (or HTML) plus its text alternative, as an HTML block for a page.

Each kind lives in its own module (``radar``, ``wheel``, ``journey``, ``steps``, ``quadrants``,
``comparison``: its checks and its layout) with its template under ``templates/visuals/``, which holds
the markup and every word shown; this module picks them. Output is deterministic: same data, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..messages import Messages
from ..models import ComparisonVisual, JourneyVisual, QuadrantsVisual, RadarVisual, StepsVisual, Tool, WheelVisual
from ..templating import bytecode_cache
from . import geometry as g
from .base import COLOURS
from .comparison import comparison_context
from .journey import journey_context
from .quadrants import quadrants_context
from .radar import radar_context
from .steps import steps_context
from .wheel import wheel_context


class _Environment(Environment):
    """Looks up ``words.wheel.clear`` as the label, never as the dict method ``clear``."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def _environment() -> Environment:
    env = _Environment(
        loader=PackageLoader("curriculum", "templates/visuals"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache("visuals"),
    )
    env.filters["n"] = g.fmt
    env.globals.update(COLOURS=COLOURS)
    return env


def _compact(html: str) -> str:
    """One HTML block without blank lines or indentation, so Markdown keeps it as it is."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def blank_file(tool: Tool, tools_folder: str = "vaerktoejer") -> str:
    """Path of a tool's printable blank picture beside its page (``vaerktoejer/<id>-tom.svg``): the
    radar without blips, the wheel without ratings."""
    return f"{tools_folder}/{tool.id}-tom.svg"


def _words(messages: Messages) -> dict[str, Any]:
    """What the visuals' templates use: the catalogue's ``visuals`` section, and the messages."""
    return dict(words=messages.section("visuals"), msg=messages, percent=messages.percent)


def render_visual(
    tool: Tool,
    messages: Messages,
    *,
    level: int = 2,
    compact: bool = False,
    tool_href: str = "",
    blank_href: str = "",
    storage_key: str = "",
) -> Markup:
    """The visual of a tool as HTML (a ``<figure>`` and its text alternative).

    ``level`` is the heading level of the visual's own headings; ``compact`` leaves out
    what belongs on the tool's own page only (the self-assessment form), and
    ``tool_href`` then links there.
    """
    visual = tool.visual
    if visual is None:
        return Markup("")
    context = dict(
        tool=tool,
        visual=visual,
        vid=f"v-{tool.id}",
        level=min(level, 6),
        sub=min(level + 1, 6),
        compact=compact,
        tool_href=tool_href,
        blank_href=blank_href,
        storage_key=storage_key,
        **_words(messages),
    )
    if isinstance(visual, RadarVisual):
        context.update(radar_context(tool.id, visual, messages.entry("visuals.radar.rings")))
        template = "radar.html.j2"
    else:
        make_context, template = _KINDS[type(visual)]
        context.update(make_context(visual))
    html = _compact(_environment().get_template(template).render(**context))
    if blank_href and _has_blank(visual):
        # A Markdown link, so that the builder adjusts it to the page's address.
        which = "radar" if isinstance(visual, RadarVisual) else "wheel"
        html += f"\n\n[{messages(f'visuals.{which}.blank_link')}]({blank_href})"
    if isinstance(visual, WheelVisual) and visual.self_assessment and compact and tool_href:
        html += f"\n\n[{messages('visuals.wheel.self_link')}]({tool_href}#{context['vid']}-assess)"
    return Markup(html)


def _has_blank(visual: Any) -> bool:
    return (isinstance(visual, RadarVisual) and visual.blank) or (
        isinstance(visual, WheelVisual) and visual.self_assessment
    )


def visual_files(tool: Tool, messages: Messages, tools_folder: str = "vaerktoejer") -> dict[str, bytes]:
    """Files that go beside the tool's page: the blank radar or wheel to print and fill in by hand."""
    visual = tool.visual
    if not _has_blank(visual):
        return {}
    if isinstance(visual, RadarVisual):
        context = radar_context(tool.id, visual.model_copy(update={"blips": []}), messages.entry("visuals.radar.rings"))
        template = "radar-blank.svg.j2"
    else:
        assert isinstance(visual, WheelVisual)
        context = wheel_context(visual)
        template = "wheel-blank.svg.j2"
    svg = _environment().get_template(template).render(tool=tool, visual=visual, **context, **_words(messages))
    return {blank_file(tool, tools_folder): (_compact(svg) + "\n").encode("utf-8")}


# The picture of each kind but the radar (whose ids need the tool's): its context and template.
_KINDS: dict[type, tuple[Callable[[Any], dict[str, Any]], str]] = {
    WheelVisual: (wheel_context, "wheel.html.j2"),
    JourneyVisual: (journey_context, "journey.html.j2"),
    StepsVisual: (steps_context, "steps.html.j2"),
    QuadrantsVisual: (quadrants_context, "quadrants.html.j2"),
    ComparisonVisual: (comparison_context, "comparison.html.j2"),
}
