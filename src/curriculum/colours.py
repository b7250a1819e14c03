"""The course's colour (``course.yml``: ``colour``) as the site's palette, readable in both of the theme's
palettes (WCAG 2.2 AA, 1.4.3: text at least 4.5:1 against what it stands on).

One colour makes every colour of the theme that the course shows: the header and filled buttons (white text
on it), links, and the accent of hovered links, focus rings and highlights, in the light palette and in the
dark one. The colour as written is a wish: where it is too light for white text or for links on white, it is
darkened, and for the dark palette lightened, until it is readable (its lightness changed, its hue and
saturation kept); ``palette`` computes each variant, ``Palette.checks`` their contrast.

``stylesheet`` writes the palette as CSS custom properties over Material's (and Zensical's) own, into
``stylesheets/course.css``, a file the engine adds to every site (``pages``) and the theme's ``main.html``
loads after the theme's style sheets. The colour reaches the page only through this file, and only as a
``#rrggbb`` the models have checked: no course text becomes markup or style.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

#: The colour of a course that names none: the indigo the sites had before the field existed.
DEFAULT = "#3949ab"
#: Where the site's style sheet holding the palette is (the theme's main.html links it).
STYLESHEET = "stylesheets/course.css"
#: WCAG 2.2 AA for normal text (1.4.3), with a little room so that rounding never brings it below.
AA = 4.5
TARGET = 4.6

RGB = tuple[int, int, int]

WHITE: RGB = (255, 255, 255)
#: The dark palette's background, Material's slate: hsl(225deg 15% 14%), #1e2129.
SLATE: RGB = (0x1E, 0x21, 0x29)
#: The dark text the site puts on the dark palette's accent (hovered buttons; extra.css).
DARK_TEXT: RGB = (0x14, 0x15, 0x1A)


def parse(colour: str) -> RGB:
    """``#rgb`` or ``#rrggbb`` as red, green and blue (0-255)."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a colour: {colour!r}")
    value = int(digits, 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def hex_of(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """The relative luminance of WCAG 2.2."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """The contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(rgb: RGB, other: RGB, share: float) -> RGB:
    """``rgb`` with ``share`` (0-1) of ``other`` mixed in."""
    r, g, b = (round(x + (y - x) * share) for x, y in zip(rgb, other, strict=True))
    return r, g, b


def readable(rgb: RGB, against: RGB, lighter: bool, ratio: float = TARGET) -> RGB:
    """``rgb`` with its lightness raised (``lighter``) or lowered in steps of 1 %, its hue and saturation
    kept, until it has ``ratio`` against ``against``; as it is when it has already."""
    hue, light, saturation = colorsys.rgb_to_hls(*(v / 255 for v in rgb))
    for step in range(101):
        level = min(1.0, light + step / 100) if lighter else max(0.0, light - step / 100)
        r, g, b = (round(v * 255) for v in colorsys.hls_to_rgb(hue, level, saturation))
        if contrast((r, g, b), against) >= ratio:
            return r, g, b
    return WHITE if lighter else (0, 0, 0)


@dataclass(frozen=True)
class Palette:
    """The colours of one course colour. Light palette: ``primary`` (header, filled buttons, links; white text
    on it), ``primary_light``/``primary_dark`` (Material's shades of it), ``accent`` (hovered links, focus),
    ``tint`` (a ground for what stands out: the session's question, what's next). Dark palette: ``link_dark``
    (links), ``accent_dark`` (hovered links, focus; dark text on it), ``tint_dark``."""

    given: RGB
    primary: RGB
    primary_light: RGB
    primary_dark: RGB
    accent: RGB
    tint: RGB
    footer: RGB
    link_dark: RGB
    accent_dark: RGB
    tint_dark: RGB

    def checks(self) -> dict[str, float]:
        """Every pair of text and background the palette makes, with its contrast (each at least ``AA``)."""
        return {
            "white text on the header and on filled buttons": contrast(WHITE, self.primary),
            "links on the light background": contrast(self.primary, WHITE),
            "links on the light tint": contrast(self.primary, self.tint),
            "hovered links on the light background": contrast(self.accent, WHITE),
            "the footer's lightest text": contrast(mix(self.footer, WHITE, FOOTER_TEXT), self.footer),
            "the footer's lightest text on its lower strip": contrast(
                mix(self.footer_meta, WHITE, FOOTER_TEXT), self.footer_meta
            ),
            "white text on the light accent": contrast(WHITE, self.accent),
            "links on the dark background": contrast(self.link_dark, SLATE),
            "links on the dark tint": contrast(self.link_dark, self.tint_dark),
            "hovered links on the dark background": contrast(self.accent_dark, SLATE),
            "dark text on the dark accent": contrast(DARK_TEXT, self.accent_dark),
        }

    @property
    def footer_meta(self) -> RGB:
        """The footer's lower strip (the publisher, the links): Material darkens the footer with 32 % black."""
        return mix(self.footer, (0, 0, 0), 0.32)


#: How much of the colour a tint holds, in the light and in the dark palette.
TINT, TINT_DARK = 0.08, 0.12
#: The footer's lightest text: white at this opacity (Material's are 70 % and 45 %; the site's 80 % and 90 %).
FOOTER_TEXT = 0.8


def footer_ground(primary: RGB) -> RGB:
    """A dark shade of the colour for the footer, on which its lightest text keeps ``TARGET``."""
    for step in range(40, 101):
        ground = mix(primary, (0, 0, 0), step / 100)
        if contrast(mix(ground, WHITE, FOOTER_TEXT), ground) >= TARGET:
            return ground
    return (0, 0, 0)


def palette(colour: str = DEFAULT) -> Palette:
    """The palette of a course colour (``#rrggbb``), each variant made readable where it is used: the link
    colours on the page's background and on the tint of the colour."""
    given = parse(colour)
    black = (0, 0, 0)
    primary = readable(given, WHITE, lighter=False)
    primary = readable(primary, mix(WHITE, primary, TINT), lighter=False)
    link_dark = readable(given, SLATE, lighter=True, ratio=5.5)  # a little more than AA: small link text on dark
    link_dark = readable(link_dark, mix(SLATE, link_dark, TINT_DARK), lighter=True, ratio=5.5)
    return Palette(
        given=given,
        primary=primary,
        primary_light=mix(primary, WHITE, 0.15),
        primary_dark=mix(primary, black, 0.2),
        accent=mix(primary, black, 0.2),
        tint=mix(WHITE, primary, TINT),
        footer=footer_ground(primary),
        link_dark=link_dark,
        accent_dark=readable(mix(link_dark, WHITE, 0.3), SLATE, lighter=True),
        tint_dark=mix(SLATE, link_dark, TINT_DARK),
    )


def stylesheet(colour: str = DEFAULT) -> str:
    """The site's palette as CSS custom properties over the theme's (Material's ``[data-md-color-primary]``
    rules; the selectors here are more specific, whatever ``palette`` mkdocs.yml names)."""
    p = palette(colour)
    light = {
        "--md-primary-fg-color": hex_of(p.primary),
        "--md-primary-fg-color--light": hex_of(p.primary_light),
        "--md-primary-fg-color--dark": hex_of(p.primary_dark),
        "--md-primary-bg-color": "#ffffff",
        "--md-primary-bg-color--light": "#ffffffb3",
        "--md-accent-fg-color": hex_of(p.accent),
        "--md-accent-fg-color--transparent": hex_of(p.accent) + "1a",
        "--md-accent-bg-color": "#ffffff",
        "--md-typeset-a-color": hex_of(p.primary),
        "--md-footer-bg-color": hex_of(p.footer),
        "--md-footer-fg-color--light": "#ffffffe6",
        "--md-footer-fg-color--lighter": "#ffffffcc",
        "--course-colour": hex_of(p.primary),
        "--course-colour-tint": hex_of(p.tint),
    }
    dark = {
        "--md-typeset-a-color": hex_of(p.link_dark),
        "--md-accent-fg-color": hex_of(p.accent_dark),
        "--md-accent-fg-color--transparent": hex_of(p.accent_dark) + "1a",
        "--md-accent-bg-color": "#000000de",
        "--course-colour": hex_of(p.link_dark),
        "--course-colour-tint": hex_of(p.tint_dark),
    }

    def rule(selector: str, values: dict[str, str]) -> str:
        body = "".join(f"  {name}: {value};\n" for name, value in values.items())
        return f"{selector} {{\n{body}}}\n"

    head = (
        f"/* The course's colour {hex_of(p.given)} (modules/course.yml: colour), made readable in both palettes\n"
        "   (curriculum.colours). Generated: edit the course file, not this file. */\n"
    )
    return (
        head
        + rule(":root, body, body[data-md-color-primary], body[data-md-color-scheme][data-md-color-primary]", light)
        + rule('body[data-md-color-scheme="slate"], body[data-md-color-scheme="slate"][data-md-color-primary]', dark)
    )
