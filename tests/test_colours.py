"""The course's colour (course.yml ``colour``): any colour becomes a palette that is readable in both of the
theme's palettes (WCAG 2.2 AA), and the site carries it as a style sheet over the theme's colours."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_modules
from curriculum import colours
from curriculum.engine import generate

# Colours an instructor might pick: too light for white text, too dark for the dark palette, grey, pure.
PICKS = ["#3949ab", "#0f5f73", "#ffd700", "#ffffff", "#000000", "#777777", "#ff0000", "#00ff00", "#0000ff", "#fc0"]


def test_contrast_is_wcags():
    """The contrast of WCAG 2.2's own examples: black on white is 21:1, a colour on itself 1:1, and
    Material's grey #757575 on white just over 4.5:1."""
    assert colours.contrast((0, 0, 0), colours.WHITE) == pytest.approx(21)
    assert colours.contrast((64, 81, 181), (64, 81, 181)) == pytest.approx(1)
    assert colours.contrast(colours.parse("#757575"), colours.WHITE) == pytest.approx(4.61, abs=0.01)


@pytest.mark.parametrize("colour", PICKS)
def test_every_pair_of_text_and_background_is_aa_in_both_palettes(colour):
    checks = colours.palette(colour).checks()
    assert len(checks) == 11
    assert min(checks.values()) >= colours.AA, {k: round(v, 2) for k, v in checks.items()}


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 0xFFFFFF))
def test_any_colour_is_made_readable(value):
    assert min(colours.palette(f"#{value:06x}").checks().values()) >= colours.AA


def test_a_readable_colour_is_kept_and_only_its_lightness_changes_where_it_must():
    """A dark colour is the header's as written; a light one is darkened for the light palette and lightened
    for the dark one, keeping its hue."""
    kept = colours.palette("#0f5f73")
    assert colours.hex_of(kept.primary) == "#0f5f73"
    gold = colours.palette("#ffd700")
    assert colours.luminance(gold.primary) < colours.luminance(gold.given)
    assert colours.hex_of(gold.link_dark) == "#ffd700"  # light enough on dark as it is
    r, g, b = gold.primary
    assert r > g > b  # still a yellow, only darker
    navy = colours.palette("#000080")
    assert colours.luminance(navy.link_dark) > colours.luminance(navy.given)


def test_the_style_sheet_sets_the_themes_colours_for_both_palettes():
    css = colours.stylesheet("#ffd700")
    light, dark = css.split('body[data-md-color-scheme="slate"],', 1)
    p = colours.palette("#ffd700")
    assert f"--md-primary-fg-color: {colours.hex_of(p.primary)};" in light
    assert f"--md-typeset-a-color: {colours.hex_of(p.primary)};" in light
    assert f"--md-accent-fg-color: {colours.hex_of(p.accent)};" in light
    assert f"--md-typeset-a-color: {colours.hex_of(p.link_dark)};" in dark
    assert f"--md-accent-fg-color: {colours.hex_of(p.accent_dark)};" in dark
    # only #rrggbb colours (with an alpha) and the custom properties: nothing else reaches the style sheet
    values = re.findall(r"^  --[a-z-]+: ([^;]+);$", css, re.M)
    assert len(values) == css.count(";") == 20 and all(
        re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", v) for v in values
    ), values


def test_the_course_colour_reaches_the_site_and_a_course_without_one_has_the_default(tmp_path):
    write_modules(tmp_path / "a", {})
    assert generate(tmp_path / "a" / "modules").files[colours.STYLESHEET] == colours.stylesheet().encode("utf-8")
    write_modules(tmp_path / "b", {"course.yml": _with_colour('"#FFD700"')})
    css = generate(tmp_path / "b" / "modules").files[colours.STYLESHEET].decode("utf-8")
    assert css == colours.stylesheet("#ffd700") and "#ffd700 (modules/course.yml: colour)" in css


def _with_colour(value: str) -> str:
    from conftest import MINIMAL

    return MINIMAL["course.yml"].replace("short_name: TK\n", f"short_name: TK\n        colour: {value}\n")


def test_every_page_of_the_built_site_loads_the_course_colour_after_the_themes_style_sheets(course_site):
    """The theme's main.html links stylesheets/course.css after every other style sheet (its rules win over
    Material's palette), on every page; the file holds the course's own colour (KDL's petrol blue; the default
    for a course without one)."""
    import yaml

    from conftest import ROOT

    colour = yaml.safe_load((ROOT / "modules" / "course.yml").read_text("utf-8")).get("colour", colours.DEFAULT)
    assert (course_site / colours.STYLESHEET).read_text("utf-8") == colours.stylesheet(colour)
    pages = sorted(course_site.rglob("index.html"))
    assert len(pages) > 10  # the front page, the sessions, the tools, the readings, the logbook
    for page in pages:
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text("utf-8"))
        assert sheets and sheets[-1].endswith(colours.STYLESHEET), (page, sheets)


def test_check_says_when_the_colour_is_darkened_and_what_to_write(tmp_path):
    """The site's colour differs from the one written only where it must: `curriculum check` says so at the
    colour's line, with the colour shown; a colour the site shows as written, or none, gives no warning."""
    from curriculum import lint
    from curriculum.validation import load_curriculum

    def colour_warnings(name: str, value: str | None) -> list[str]:
        files: dict[str, str | bytes | None] = {"course.yml": _with_colour(value)} if value else {}
        modules = write_modules(tmp_path / name, files)
        return [str(w) for w in lint.check(load_curriculum(modules)) if "colour" in str(w)]

    shown = colours.hex_of(colours.palette("#7fd1c7").primary)
    assert shown == "#2b786e"
    (warning,) = colour_warnings("light", '"#7fd1c7"')
    assert warning.startswith(f"{tmp_path}/light/modules/course.yml:3:9: colour: advarsel: farven #7fd1c7 er for lys")
    assert f'skriv colour: "{shown}" for at se det, der vises' in warning
    assert colour_warnings("shown", '"#0f6b6b"') == colour_warnings("none", None) == []
