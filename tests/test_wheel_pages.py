"""Issue 22, item 4: the wheel being filled in is the participant's one wheel, all answers are saved, opened
and printed in one file on "Min logbog", and the blank radar and wheel are pages to print. Engine level: the
generated Markdown and HTML of the Danish fixture course (the browser tests fill the wheel in)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.validation import load_curriculum
from curriculum.visuals import render_visual

DA = Messages("da")
FIXTURE = ROOT / "tests" / "courses" / "da" / "modules"
TOOLS = DA("addresses.tools")


@pytest.fixture(scope="module")
def site():
    return generate(FIXTURE)


@pytest.fixture(scope="module")
def pictured():
    return {tid: tool for tid, tool in load_curriculum(FIXTURE).tools.items() if tool.visual is not None}


def _printable(tool) -> bool:
    visual = tool.visual
    return (visual.kind == "radar" and visual.blank) or (visual.kind == "wheel" and visual.self_assessment)


def test_the_blank_radar_and_wheel_are_pages_to_print_linked_from_their_tools(site, pictured):
    printable = [tool for tool in pictured.values() if _printable(tool)]
    assert {tool.visual.kind for tool in printable} == {"radar", "wheel"}
    toolbox = next(items for entry in site.nav for title, items in entry.items() if title == DA("pages.toolbox"))
    listed = [page for item in toolbox if isinstance(item, dict) for page in item.values()]
    for tool in printable:
        page = site.pages[f"{TOOLS}/{tool.id}-tom.md"]
        assert f"{TOOLS}/{tool.id}-tom.svg" in site.files  # the picture as a file too, linked from its page
        assert f"]({tool.id}-tom.svg)" in page and f"]({tool.id}.md)" in page
        # the blank picture itself, inline: one SVG with its title, no blips or ratings, nothing from a form
        (svg,) = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
        assert ET.fromstring(svg).get("role") == "img" and "<?xml" not in page
        assert "course-radar__blip" not in svg and "is-current" not in svg and "<form" not in page
        assert "data-course-print" in page  # the handbook's print button (shorttitle.js)
        title_key = f"visuals.{tool.visual.kind}.blank_page_title"
        assert page.startswith("# " + DA(title_key, title=tool.title).replace("&", "&amp;"))
        # reached from the tool's page instead of the SVG file, and listed in the toolbox after the tool
        tool_page = site.pages[f"{TOOLS}/{tool.id}.md"]
        assert f"]({tool.id}-tom.md)" in tool_page and f"]({tool.id}-tom.svg)" not in tool_page
        assert listed.index(f"{TOOLS}/{tool.id}-tom.md") == listed.index(f"{TOOLS}/{tool.id}.md") + 1
    # a picture without a blank one has no such page
    others = [tid for tid, tool in pictured.items() if not _printable(tool)]
    assert others and not any(f"{TOOLS}/{tid}-tom.md" in site.pages for tid in others)


def test_the_wheel_being_filled_in_is_the_one_wheel_beside_the_questions(pictured):
    wheel = next(tool for tool in pictured.values() if tool.visual.kind == "wheel" and tool.visual.self_assessment)
    html = str(render_visual(wheel, DA, level=3, logbook_href="../min-logbog/index.md"))
    # one figure, the participant's own: its two drawings (wide, narrow) are all the page has of the wheel
    assert html.count("<figure") == 1 and html.count(f'data-course-wheel="{wheel.id}"') == 2
    assert "course-assess__mini" not in html
    grid = re.search(r'<div class="course-assess__grid">(.*)</form>\s*</div>', html, flags=re.S)
    assert grid and re.match(r'\s*<figure class="course-visual course-wheel course-assess__wheel"', grid.group(1))
    assert '<form class="course-assess"' in grid.group(1)
    assert DA("visuals.wheel.yours") in grid.group(1) and DA("visuals.wheel.key_current") in grid.group(1)
    # no file of its own: saving, opening and printing are on "Min logbog", linked after the form
    assert 'type="file"' not in html and 'data-action="export"' not in html and 'data-action="clear"' in html
    link = f"[{DA('visuals.wheel.save_link')}](../min-logbog/index.md)"
    assert link in html and html.index(link) > html.index("</form>")


def test_a_wheel_shown_without_its_form_is_one_figure_with_its_table_and_no_key(pictured):
    wheel = next(tool for tool in pictured.values() if tool.visual.kind == "wheel")
    html = str(render_visual(wheel, DA, compact=True, logbook_href="../min-logbog/index.md"))
    assert html.count("<figure") == 1 and "course-assess" not in html and "<form" not in html
    assert DA("visuals.wheel.save_link") not in html and DA("visuals.wheel.yours") not in html
    assert html.index("<figure") < html.index("<table")


def test_min_logbog_draws_the_participant_s_own_wheel_beside_its_table(site, pictured):
    wheel = next(tool for tool in pictured.values() if tool.visual.kind == "wheel" and tool.visual.self_assessment)
    page = site.pages[f"{DA('addresses.logbook')}/index.md"]
    figure = re.search(rf'<figure class="[^"]*course-logbook__wheel" id="lb-{wheel.id}".*?</figure>', page, flags=re.S)
    assert figure and figure.group(0).count(f'data-course-wheel="{wheel.id}"') == 2  # wide and narrow
    assert DA("visuals.wheel.key_latest") in figure.group(0) and "<form" not in figure.group(0)
    assert page.index(figure.group(0)) < page.index(f'<table data-logbook-wheel="{wheel.id}"')
    # its table numbers the areas as the narrow drawing does
    for number, area in enumerate(wheel.visual.areas, start=1):
        assert f'<span class="course-assess__number">{number}</span> {area.name}' in page
