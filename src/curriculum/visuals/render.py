"""Render a tool's visual: inline SVG (or HTML) plus its text alternative, as an HTML block for a page.

Each kind lives in its own module (its model, checks and layout; ``visuals.kinds`` finds it) with its
template under ``templates/visuals/``, which holds the markup and every word shown; this module draws
them. ``Pictures`` holds the pictures of one build: each tool's layout is made once, each drawing is
rendered once, and the toolbox's preview is cut from a drawing a page already has. Output is
deterministic: same data, same bytes.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from .. import buildcache
from ..templating import bytecode_cache
from . import geometry as g
from .base import COLOURS
from .kinds import kind_of

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


# The drawings and blank files of the builds before, by what they are made from (``Pictures._made_from``).
_KEPT = buildcache.Kept("pictures", 160)


_catalogues: dict[int, tuple[Messages, bytes]] = {}


def made_from(messages: Messages, *what: Any) -> bytes:
    """What a picture is made from, for ``buildcache.Kept``: the language and the whole catalogue (a digest,
    made once per ``Messages``), and ``what`` as its ``repr`` (a model's or a dataclass's shows every field)."""
    found = _catalogues.get(id(messages))
    if found is None or found[0] is not messages:
        words = repr((messages.language, messages.entries)).encode("utf-8")
        found = _catalogues[id(messages)] = (messages, hashlib.sha256(words).digest())
        while len(_catalogues) > 8:
            del _catalogues[next(iter(_catalogues))]
    return found[1] + repr(what).encode("utf-8")


def _shown(value: Any, reprs: dict[int, tuple[Any, str]]) -> Any:
    """``value``, or for a model its ``repr`` made once per build (a tool's is asked for each of its drawings
    and files): a model written into ``what`` as its ``repr`` text."""
    if not isinstance(value, BaseModel):
        return value
    found = reprs.get(id(value))
    if found is None or found[0] is not value:
        found = reprs[id(value)] = (value, repr(value))
    return _Repr(found[1])


class _Repr(str):
    """Text that ``repr`` shows as it is (a model's ``repr``, made before)."""

    def __repr__(self) -> str:
        return str(self)


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


# A run of white space that holds a line break (every break ``str.splitlines`` knows).
_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*")


def _compact(html: str) -> str:
    """One HTML block without blank lines or indentation, so Markdown keeps it as it is: every line
    stripped, empty ones left out."""
    return _BREAKS.sub("\n", html).strip()


def blank_file(tool: Tool, tools_folder: str = "vaerktoejer") -> str:
    """Path of a tool's printable blank picture beside its page (``vaerktoejer/<id>-tom.svg``): the
    radar without blips, the wheel without ratings."""
    return f"{tools_folder}/{tool.id}-tom.svg"


def blank_page(tool: Tool, tools_folder: str = "vaerktoejer") -> str:
    """Path of the page that shows a tool's blank picture to print (``vaerktoejer/<id>-tom.md``)."""
    return blank_file(tool, tools_folder).removesuffix(".svg") + ".md"


def _words(messages: Messages) -> dict[str, Any]:
    """What the visuals' templates use: the catalogue's ``visuals`` section, and the messages."""
    return dict(words=messages.section("visuals"), msg=messages, percent=messages.percent)


class Pictures:
    """The pictures of one build in one language (``storage_key``: the run's, for the self-assessment)."""

    def __init__(self, messages: Messages, storage_key: str = "") -> None:
        self.messages = messages
        self.storage_key = storage_key
        self._words = _words(messages)
        self._layouts: dict[str, dict[str, Any]] = {}
        self._drawn: dict[tuple[str, int, bool], str] = {}
        self._reprs: dict[int, tuple[Any, str]] = {}

    def layout(self, tool: Tool) -> dict[str, Any]:
        """The tool's picture laid out: once per build."""
        if tool.id not in self._layouts:
            self._layouts[tool.id] = kind_of(tool.visual).layout(tool, self.messages)
        return self._layouts[tool.id]

    def _made_from(self, *what: Any) -> bytes:
        """What a drawing or a file of a tool is made from, as text (``buildcache.Kept``): the tool as read (its
        model's ``repr``, every field), how it is shown, the storage key, the language and the whole catalogue."""
        return made_from(self.messages, self.storage_key, *(_shown(value, self._reprs) for value in what))

    def _drawing(self, tool: Tool, level: int, compact: bool) -> str:
        """The picture's HTML from its template: once per build for each heading level and compactness (a
        front end's build takes it from an earlier build when nothing it is made from has changed)."""
        key = (tool.id, min(level, 6), compact)
        if key not in self._drawn:
            self._drawn[key] = _KEPT.made(self._made_from("drawing", tool, key), str, lambda: self._draw(tool, key))
        return self._drawn[key]

    def _draw(self, tool: Tool, key: tuple[str, int, bool]) -> str:
        _, level, compact = key
        context = dict(
            tool=tool,
            visual=tool.visual,
            vid=f"v-{tool.id}",
            level=level,
            compact=compact,
            storage_key=self.storage_key,
            **self._words,
            **self.layout(tool),
        )
        return _compact(_environment().get_template(kind_of(tool.visual).template).render(**context))

    def html(
        self,
        tool: Tool,
        *,
        level: int = 2,
        compact: bool = False,
        tool_href: str = "",
        blank_href: str = "",
        logbook_href: str = "",
    ) -> Markup:
        """The visual of a tool as HTML (a ``<figure>`` and its text alternative), with the kind's links.

        ``level`` is the heading level of the visual's own headings (one below the heading it sits under,
        so that no level is skipped); ``compact`` leaves out what belongs
        on the tool's own page only (the self-assessment form), and ``tool_href`` then links there.
        ``blank_href`` is the page of its blank picture to print, ``logbook_href`` the participant's logbook.
        """
        if tool.visual is None:
            return Markup("")
        links = kind_of(tool.visual).links(
            tool,
            self.messages,
            vid=f"v-{tool.id}",
            compact=compact,
            tool_href=tool_href,
            blank_href=blank_href,
            logbook_href=logbook_href,
        )
        return Markup(self._drawing(tool, level, compact) + links)

    def preview(self, tool: Tool) -> str:
        """The SVG the tool's toolbox preview is made from: the kind's own thumbnail for a picture drawn in
        HTML, else the first SVG of the tool's compact picture (a drawing a page already made when there is
        one; empty when the picture has none)."""
        if tool.visual is None:
            return ""
        kind = kind_of(tool.visual)
        if kind.preview_template is not None:  # a picture in HTML: its own thumbnail (kept like a drawing)
            template = _environment().get_template(kind.preview_template)
            return _KEPT.made(self._made_from("preview", tool), str, lambda: template.render(**self.layout(tool)))
        drawn = next((html for (tid, _, compact), html in self._drawn.items() if tid == tool.id and compact), None)
        found = _FIRST_SVG.search(drawn if drawn is not None else self._drawing(tool, 2, True))
        return found.group(0) if found else ""

    def files(self, tool: Tool, tools_folder: str = "vaerktoejer") -> dict[str, bytes]:
        """Files that go beside the tool's page: the blank radar or wheel to print and fill in by hand."""
        if tool.visual is None:
            return {}
        return _KEPT.made(self._made_from("files", tool, tools_folder), dict, lambda: self._files(tool, tools_folder))

    def own(self, tool: Tool) -> Markup:
        """A wheel with a self-assessment as the participant's own on "Min logbog" (``wheel-logbook.html.j2``),
        filled in there from the stored rounds; empty for any other picture."""
        visual = tool.visual
        if visual is None or visual.kind != "wheel" or not getattr(visual, "self_assessment", False):
            return Markup("")
        template = _environment().get_template("wheel-logbook.html.j2")
        return Markup(
            _KEPT.made(
                self._made_from("own", tool),
                str,
                lambda: _compact(template.render(tool=tool, visual=visual, **self._words, **self.layout(tool))),
            )
        )

    def blank(self, tool: Tool, tools_folder: str = "vaerktoejer") -> Markup:
        """The blank picture to print, as inline SVG for its page (``blank_page``); empty when it has none."""
        files = self.files(tool, tools_folder)
        if not files:
            return Markup("")
        return Markup(_PROLOG.sub("", next(iter(files.values())).decode("utf-8")).strip())

    def _files(self, tool: Tool, tools_folder: str) -> dict[str, bytes]:
        assert tool.visual is not None
        kind = kind_of(tool.visual)
        context = kind.blank(tool, self.messages, self.layout(tool)) if kind.blank_template else None
        if context is None:
            return {}
        assert kind.blank_template is not None
        template = _environment().get_template(kind.blank_template)
        svg = template.render(tool=tool, visual=tool.visual, **context, **self._words)
        return {blank_file(tool, tools_folder): (_compact(svg) + "\n").encode("utf-8")}


_PROLOG = re.compile(r"\A<\?xml[^>]*\?>\s*")
_FIRST_SVG = re.compile(r"<svg\b[^>]*\bclass=\"course-svg\b.*?</svg>", re.S)


def render_visual(
    tool: Tool,
    messages: Messages,
    *,
    level: int = 2,
    compact: bool = False,
    tool_href: str = "",
    blank_href: str = "",
    storage_key: str = "",
    logbook_href: str = "",
) -> Markup:
    """The visual of a tool as HTML, on its own (a build draws its pictures with ``Pictures``)."""
    return Pictures(messages, storage_key).html(
        tool, level=level, compact=compact, tool_href=tool_href, blank_href=blank_href, logbook_href=logbook_href
    )


def visual_files(tool: Tool, messages: Messages, tools_folder: str = "vaerktoejer") -> dict[str, bytes]:
    """Files that go beside the tool's page, on their own (a build makes them with ``Pictures``)."""
    return Pictures(messages).files(tool, tools_folder)
