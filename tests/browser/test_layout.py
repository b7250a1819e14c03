"""Every page at a phone's, a tablet's and a desktop's width: nothing scrolls sideways, no picture or table
runs past its column, no text in a picture is drawn under 12 px; and on the representative pages
(representative.py) at each width below a desktop's, in both palettes, axe finds nothing and every control
shows its focus."""

from __future__ import annotations

import pytest

from . import axe
from .conftest import PARTICIPANT, only
from .course import COURSE, address, run_sessions, session_page, tool_of_kind, tool_page, tools_of_kind
from .tour import DESKTOP, LAYOUT, MEASURE, SCROLL

PHONE = {"width": 375, "height": 812}
# Below a desktop's width on every build: 320 px (the narrowest WCAG asks for) and 768 px (a tablet's: above the
# style sheets' 30em and 600 px steps). A phone's 375 px is measured on the participants' MkDocs build, the one
# read on phones (its page heights have budgets): below 30em the same style rules apply as at 320 px, in a wider
# column, so what scrolls sideways, leaves its column or draws a picture's text under 12 px at 375 px does so at
# 320 px too (a picture scales with its column).
NARROW = (320, 768)
TEXT_PX = 12.0


def _sweep(browser, edition, width: int) -> dict[tuple[int, str], dict]:
    """Every page of the edition measured at ``width`` (LAYOUT), by (width, path)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    found = {}
    try:
        for path in edition.pages:
            page.goto(edition.base_url + path, wait_until="load")
            found[width, path] = page.evaluate(LAYOUT)
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def layouts(browser, edition, visits):
    """For each width: each page's sideways scroll, overflowing pictures and tables, and SVG text sizes; at
    1280 px from the tour (conftest.py's ``visits``), below it from a visit to every page at that width."""
    found = {(DESKTOP["width"], path): visit.layout for path, visit in visits["light"].items()}
    for width in NARROW:
        found.update(_sweep(browser, edition, width))
    return found


@pytest.fixture(scope="module")
def phone_layouts(browser, edition):
    """Every page at a phone's width (375 px), as ``layouts``."""
    return _sweep(browser, edition, PHONE["width"])


def _sideways_and_out(layouts, width: int) -> tuple[dict, dict]:
    sideways = {
        path or "/": m["widths"]
        for (w, path), m in layouts.items()
        if w == width and m["widths"]["scroll"] > m["widths"]["client"]
    }
    return sideways, {path or "/": m["out"] for (w, path), m in layouts.items() if w == width and m["out"]}


def _small_texts(layouts, width: int) -> list[str]:
    texts = [(path, t) for (w, path), m in layouts.items() if w == width for t in m["texts"]]
    # pictures were measured: the radar's, or (a course without one) any tool's
    pictured = tools_of_kind("radar") or [tid for tid, tool in COURSE.curriculum.tools.items() if tool.visual]
    assert any(path.startswith(tuple(tool_page(tool) for tool in pictured)) for path, _ in texts)
    return [f"{path} {t['where']} {t['text']!r}: {t['px']:.1f} px" for path, t in texts if t["px"] < TEXT_PX - 0.01]


@pytest.mark.parametrize("width", [*NARROW, DESKTOP["width"]])
def test_no_page_scrolls_sideways_and_nothing_leaves_its_column(layouts, width):
    assert _sideways_and_out(layouts, width) == ({}, {})


@pytest.mark.parametrize("width", [*NARROW, DESKTOP["width"]])
def test_every_text_in_a_picture_is_drawn_at_12_px_or_more(layouts, width):
    assert _small_texts(layouts, width) == []


@only(("participant", "mkdocs"))
def test_on_a_phone_no_page_scrolls_sideways_and_every_text_in_a_picture_is_12_px_or_more(phone_layouts):
    assert _sideways_and_out(phone_layouts, PHONE["width"]) == ({}, {})
    assert _small_texts(phone_layouts, PHONE["width"]) == []


# Page heights at a phone's width (issue 22), folded parts closed: a session page at most 6,000 px, the reading
# list at most half of its 11,888 px before it listed each reading once, the radar's page at most 4,000 px.
SESSION_PX, READINGS_PX, RADAR_PX = 6000, 11888 // 2, 4000


@only(("participant", "mkdocs"))  # the participants' pages; every edition has the same style sheets
def test_a_page_on_a_phone_stays_within_its_height_budget(phone_layouts):
    heights = {path: m["height"] for (w, path), m in phone_layouts.items() if w == PHONE["width"]}
    budgets = {session_page(sid): SESSION_PX for sid in run_sessions()}
    budgets[address("readings")] = READINGS_PX
    budgets.update({tool_page(tid): RADAR_PX for tid in tools_of_kind("radar")})
    assert set(budgets) <= set(heights)  # every page with a budget was measured
    over = {path: f"{heights[path]} px > {budget} px" for path, budget in budgets.items() if heights[path] > budget}
    assert over == {}


def sideways(browser, edition) -> dict[str, dict]:
    """The pages of an edition that scroll horizontally on a phone, with their widths and widest elements."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    found = {}
    try:
        for path in edition.pages:
            page.goto(edition.base_url + path, wait_until="load")
            widths = page.evaluate(SCROLL)
            assert 0 < widths["client"] <= PHONE["width"], f"{path}: the viewport is not a phone's"
            if widths["scroll"] > widths["client"]:
                found[path or "/"] = widths
    finally:
        context.close()
    return found


def test_a_page_wider_than_a_phone_is_found(browser, faulty_site):
    found = sideways(browser, faulty_site)
    assert list(found) == ["/"] and found["/"]["scroll"] > PHONE["width"]


# A control shows its focus when focusing it draws an outline or a shadow, or changes its colour,
# background or underline (a visually hidden file input shows it on its label).
_FOCUS = """async () => {
  const look = e => { const s = getComputedStyle(e);
    return [s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline' : '', s.boxShadow,
            s.color, s.backgroundColor, s.textDecorationLine].join('|'); };
  const shown = e => e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0;
  const controls = Array.from(document.querySelectorAll(
      '.md-content :is(a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]))'))
    .filter(e => shown(e) && !e.closest('[hidden]'));
  const missing = [];
  for (const e of controls) {
    const box = e.getBoundingClientRect().width <= 1 ? (e.closest('label') || e) : e;
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    const before = look(box);
    e.focus();
    const after = look(box);
    if (!after.startsWith('outline') && after === before)
      missing.push((e.tagName + ' ' + (e.textContent || e.name || e.value || '').trim()).slice(0, 60));
  }
  return {count: controls.length, missing};
}"""


# Widths below a desktop's, on the representative pages (the tour covers 1280 px on every page in the light
# palette and the representative ones in the dark, and the layout is measured on every page at every width):
# 320 px in the light palette on each builder's participant edition and on the MkDocs instructor edition (the
# instructor edition's own elements at 320 px; Zensical's instructor edition is Zensical's theme, which its
# participant edition covers at 320 px, over those same elements); 375 px (the phone's layout) in both palettes
# and 768 px (the tablet's) in the light one on the participants' MkDocs build, the one read on phones and
# tablets. The dark palette's colours are the same at every width, so it is audited at 375 px on that build and
# at 1280 px by the dark tour of every build; the tablet shows no element that the phone's 320 and 375 px or
# the desktop's 1280 px do not.
NARROW_RUNS = [(320, "light")]
MKDOCS_RUNS = [(375, "light"), (375, "dark"), (768, "light")]


def axe_and_focus(browser, edition, width: int, scheme: str) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme, service_workers="block"
    )
    page = context.new_page()
    violations, unfocused, controls, palettes = [], {}, 0, set()
    try:
        for path in edition.representative:
            page.goto(edition.base_url + path, wait_until="load")
            palettes.add(page.evaluate("() => document.body.getAttribute('data-md-color-scheme')"))
            violations += [f"{path}: {line}" for line in axe.describe(axe.audit(page)["violations"])]
            page.keyboard.press("Tab")  # keyboard use: focus rings follow :focus-visible from here on
            focus = page.evaluate(_FOCUS)
            controls += focus["count"]
            if focus["missing"]:
                unfocused[path] = focus["missing"]
    finally:
        context.close()
    assert palettes == {{"light": "default", "dark": "slate"}[scheme]}
    assert controls > 50
    assert violations == []
    assert unfocused == {}


@only(*PARTICIPANT, ("instructor", "mkdocs"))
@pytest.mark.parametrize(("width", "scheme"), NARROW_RUNS, ids=[f"{w}-{s}" for w, s in NARROW_RUNS])
def test_axe_is_clean_and_every_control_shows_its_focus(browser, edition, width, scheme):
    axe_and_focus(browser, edition, width, scheme)


@only(("participant", "mkdocs"))
@pytest.mark.parametrize(("width", "scheme"), MKDOCS_RUNS, ids=[f"{w}-{s}" for w, s in MKDOCS_RUNS])
def test_axe_is_clean_and_every_control_shows_its_focus_on_a_phone_and_a_tablet(browser, edition, width, scheme):
    axe_and_focus(browser, edition, width, scheme)


def test_the_checks_see_small_text_a_box_that_scrolls_and_a_control_without_focus(page, edition):
    """The measurements are live: a picture with 9 px text, a box that scrolls sideways and a button that
    shows no focus, put into a page, are each found."""
    page.goto(edition.base_url + tool_page(tool_of_kind("wheel")), wait_until="load")
    # styled through the DOM, which the page's Content-Security-Policy allows (style attributes it does not)
    page.evaluate("""() => {
      const inner = document.querySelector('.md-content__inner');
      inner.insertAdjacentHTML('beforeend',
        '<svg viewBox="0 0 200 20" width="100" height="10"><text x="0" y="15" font-size="18">Lille</text></svg>' +
        '<div class="test-box"><div class="test-wide">bred</div></div>' +
        '<button type="button" class="course-plain">Knap</button>');
      inner.querySelector('.test-box').style.overflowX = 'auto';
      inner.querySelector('.test-wide').style.width = '3000px';
      const button = inner.querySelector('button.course-plain:last-child');
      button.style.outline = 'none';
      button.style.boxShadow = 'none';
    }""")
    measured = page.evaluate(MEASURE)
    assert [round(t["px"]) for t in measured["texts"] if t["text"] == "Lille"] == [9]
    assert any("scrolls sideways" in line for line in measured["out"])
    page.keyboard.press("Tab")
    assert any(line.startswith("BUTTON Knap") for line in page.evaluate(_FOCUS)["missing"])
