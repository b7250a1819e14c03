"""Every page at a phone's, a tablet's and a desktop's width: nothing scrolls sideways, no picture or table
runs past its column, no text in a picture is drawn under 12 px, and every control shows its focus."""

from __future__ import annotations

import re

import pytest

from . import axe
from .course import COURSE, address, run_sessions, tool_of_kind, tool_page, tools_of_kind

PHONE = {"width": 375, "height": 812}
WIDTHS = (320, 375, 768, 1280)
TEXT_PX = 12.0

_WIDTHS = """() => {
  const root = document.documentElement;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
                                         ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""

# What a page shows at this width: pictures and tables that leave their column or scroll in a box of their
# own, and the size every shown SVG text is drawn at (its font size times the picture's scale).
_MEASURE = """() => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/)[0] : '');
  const column = document.querySelector('.md-content__inner') || document.body;
  const edge = column.getBoundingClientRect();
  const shown = e => e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0;
  const out = [];
  for (const e of document.querySelectorAll('.md-content figure, .md-content table, .md-content svg')) {
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.left < edge.left - 1 || r.right > edge.right + 1) out.push(`${name(e)} ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(edge.left)}..${Math.round(edge.right)}`);
  }
  for (const e of document.querySelectorAll('.md-content *')) {
    const cs = getComputedStyle(e);
    if (!['auto', 'scroll'].includes(cs.overflowX) || !shown(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1) out.push(`${name(e)} scrolls sideways (${e.scrollWidth} > ${e.clientWidth})`);
  }
  const texts = [];
  for (const svg of document.querySelectorAll('.md-content svg')) {
    if (!shown(svg)) continue;
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      texts.push({where: name(svg.closest('figure') || svg), text: t.textContent.trim().slice(0, 30), px});
    }
  }
  return {out, texts};
}"""


@pytest.fixture(scope="module")
def layouts(browser, edition):
    """For each width: each page's sideways scroll, overflowing pictures and tables, and SVG text sizes."""
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
        page = context.new_page()
        try:
            for path in edition.pages:
                page.goto(edition.base_url + path, wait_until="load")
                found[width, path] = {"widths": page.evaluate(_WIDTHS), **page.evaluate(_MEASURE)}
        finally:
            context.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_nothing_leaves_its_column(layouts, width):
    sideways = {
        path or "/": m["widths"]
        for (w, path), m in layouts.items()
        if w == width and m["widths"]["scroll"] > m["widths"]["client"]
    }
    assert sideways == {}
    overflowing = {path or "/": m["out"] for (w, path), m in layouts.items() if w == width and m["out"]}
    assert overflowing == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_in_a_picture_is_drawn_at_12_px_or_more(layouts, width):
    texts = [(path, t) for (w, path), m in layouts.items() if w == width for t in m["texts"]]
    # pictures were measured: the radar's, or (a course without one) any tool's
    pictured = tools_of_kind("radar") or [tid for tid, tool in COURSE.curriculum.tools.items() if tool.visual]
    assert any(path.startswith(tuple(tool_page(tool) for tool in pictured)) for path, _ in texts)
    small = [f"{path} {t['where']} {t['text']!r}: {t['px']:.1f} px" for path, t in texts if t["px"] < TEXT_PX - 0.01]
    assert small == []


def sideways(browser, edition) -> dict[str, dict]:
    """The pages of an edition that scroll horizontally on a phone, with their widths and widest elements."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    found = {}
    try:
        for path in edition.pages:
            page.goto(edition.base_url + path, wait_until="load")
            widths = page.evaluate(_WIDTHS)
            assert 0 < widths["client"] <= PHONE["width"], f"{path}: the viewport is not a phone's"
            if widths["scroll"] > widths["client"]:
                found[path or "/"] = widths
    finally:
        context.close()
    return found


def test_a_page_wider_than_a_phone_is_found(browser, faulty_site):
    found = sideways(browser, faulty_site)
    assert list(found) == ["/"] and found["/"]["scroll"] > PHONE["width"]


# The pages with pictures, forms and tables: at the narrowest width axe finds nothing (no scrolling box
# without a keyboard, nothing too small), and every control in the content shows where the focus is.
def _narrow_pages(edition) -> list[str]:
    return [
        p
        for p in edition.pages
        if p.startswith((address("tools"), address("evaluation"), address("sessions"), COURSE.address("teaching")))
        or p == ""
    ]


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


def _one_of_each_kind(edition) -> list[str]:
    """One page of each layout: the front page, the toolbox, the evaluation, the kick-out session (the wheel,
    the logbook's review and an agenda), the teaching overview and the kick-out plan, and one tool page per
    kind of picture (steps and cycles share a kind) and one without a picture."""
    last = run_sessions()[-1]  # KDL's kick-out
    kinds: dict[str, str] = {}
    for path in edition.pages:
        if path.startswith(address("tools")) and path != address("tools"):
            found = re.search(
                r'class="course-visual (course-[a-z]+)', (edition.site / path / "index.html").read_text("utf-8")
            )
            kinds.setdefault(found.group(1) if found else "", path)
    others = [
        p
        for p in _narrow_pages(edition)
        if p in ("", address("evaluation"), address("tools"), address("teaching")) or p.rstrip("/").endswith(last)
    ]
    return others + sorted(kinds.values())


# Each width in both palettes (the tour covers 1280 px on every page). 320 px in the light palette sees every
# page with pictures, forms and tables; the dark palette at 320 px, and 375 and 768 px (the phone's and the
# tablet's layouts) in both, one page of each kind — at 375 and 768 px on the MkDocs builds only: a Zensical
# page differs from MkDocs' in its narrower column, which 320 px covers.
NARROW_RUNS = [(320, "light"), (320, "dark"), (375, "light"), (375, "dark"), (768, "light"), (768, "dark")]


@pytest.mark.parametrize(("width", "scheme"), NARROW_RUNS, ids=[f"{w}-{s}" for w, s in NARROW_RUNS])
def test_axe_is_clean_and_every_control_shows_its_focus(browser, edition, width, scheme):
    if width != 320 and edition.builder != "mkdocs":
        pytest.skip("375 and 768 px on the MkDocs builds (the published ones); Zensical's narrower column at 320 px")
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme, service_workers="block"
    )
    page = context.new_page()
    violations, unfocused, controls, palettes = [], {}, 0, set()
    paths = _narrow_pages(edition) if (width, scheme) == (320, "light") else _one_of_each_kind(edition)
    try:
        for path in paths:
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
    assert controls > (100 if (width, scheme) == (320, "light") else 50)
    assert violations == []
    assert unfocused == {}


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
    measured = page.evaluate(_MEASURE)
    assert [round(t["px"]) for t in measured["texts"] if t["text"] == "Lille"] == [9]
    assert any("scrolls sideways" in line for line in measured["out"])
    page.keyboard.press("Tab")
    assert any(line.startswith("BUTTON Knap") for line in page.evaluate(_FOCUS)["missing"])
