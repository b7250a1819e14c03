"""A tool's picture as a small, decorative preview for the toolbox's cards.

The preview is the tool's own SVG (``curriculum.visuals``; a kind drawn in HTML has a thumbnail of its own,
``PictureKind.preview_template``) with its words taken out: no text or the ground behind it, title or
description (at a thumbnail's size they would be unreadably small, and the card says it all in text), no
links or ids of its own, hidden from screen readers (``aria-hidden``). Its shapes keep the classes that
``visuals.css`` colours, so the preview follows the palette like the picture does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

from .visuals import Pictures

SVG = "http://www.w3.org/2000/svg"
_DROP = {f"{{{SVG}}}{name}" for name in ("text", "title", "desc", "foreignObject", "script", "style")}
_KEEP_ATTRIBUTES = re.compile(
    r"^(class|d|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|points|transform|fill|"
    r"fill-opacity|stroke|stroke-width|stroke-dasharray|stroke-linecap|opacity|"
    r"viewBox|marker-end|marker-start|orient|refX|refY|markerWidth|markerHeight|id|"
    r"preserveAspectRatio)$"
)

ET.register_namespace("", SVG)


def _clean(element: ET.Element, prefix: str) -> None:
    for child in list(element):
        if child.tag in _DROP or "course-label-bg" in child.get("class", "").split():  # a word's ground
            element.remove(child)
            continue
        _clean(child, prefix)
        if child.tag == f"{{{SVG}}}a":  # a link inside the picture: keep its shapes, not the link
            index = list(element).index(child)
            element.remove(child)
            for offset, grandchild in enumerate(list(child)):
                element.insert(index + offset, grandchild)
    for name in list(element.attrib):
        if not _KEEP_ATTRIBUTES.match(name):
            del element.attrib[name]
        else:  # ids and references to them get a prefix of their own: the page may show the picture too
            element.attrib[name] = element.attrib[name].replace("#v-", f"#{prefix}-v-")
    if "id" in element.attrib:
        element.attrib["id"] = f"{prefix}-{element.attrib['id']}"


def tool_preview(tool, messages, pictures: Pictures | None = None) -> Markup:
    """The tool's picture without words, as inline SVG for a card; empty for a tool without a picture.
    ``pictures``: the build's, whose pages have drawn the picture already."""
    found = (pictures or Pictures(messages)).preview(tool)
    if not found:
        return Markup("")
    svg = ET.fromstring(found.replace("&nbsp;", "&#160;"))
    _clean(svg, "preview")
    svg.attrib.pop("width", None)
    svg.attrib.pop("height", None)
    svg.set("class", "course-svg course-preview__svg")
    svg.set("aria-hidden", "true")
    svg.set("focusable", "false")
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))
