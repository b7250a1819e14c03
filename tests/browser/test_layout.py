"""A phone: at 375 px wide no page scrolls sideways."""

from __future__ import annotations

PHONE = {"width": 375, "height": 812}

_WIDTHS = """() => {
  const root = document.documentElement;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
                                         ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


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


def test_no_page_scrolls_horizontally_at_375_px(browser, edition):
    assert sideways(browser, edition) == {}


def test_a_page_wider_than_a_phone_is_found(browser, faulty_site):
    found = sideways(browser, faulty_site)
    assert list(found) == ["/"] and found["/"]["scroll"] > PHONE["width"]


# Every picture on a phone: its 12 px labels drawn at this size or more (before its box scrolled,
# the journey's were under 5 px); its box, not the page, scrolls, and a keyboard can scroll it.
LEGIBLE_PX = 9.0

_PICTURES = """() => Array.from(document.querySelectorAll('figure.course-visual svg.course-svg')).map(svg => {
  const box = svg.closest('.course-scroll');
  return {
    figure: svg.closest('figure').id,
    label_px: 12 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
    box: box && {tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
                 label: box.getAttribute('aria-label') || '', scrolls: box.scrollWidth > box.clientWidth},
  };
})"""


def test_pictures_stay_legible_on_a_phone_and_scroll_in_their_own_box(browser, edition):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    try:
        paths = [p for p in edition.pages if p.startswith(("vaerktoejer/", "evaluering/", "sessioner/"))]
        seen = set()
        for path in paths:
            page.goto(edition.base_url + path, wait_until="load")
            for picture in page.evaluate(_PICTURES):
                where = f"{path} #{picture['figure']}"
                seen.add(picture["figure"])
                assert picture["label_px"] >= LEGIBLE_PX, f"{where}: labels drawn at {picture['label_px']:.1f} px"
                box = picture["box"]
                assert box is not None, f"{where}: the picture has no box of its own"
                assert box["tabindex"] == "0" and box["role"] == "region" and box["label"], where
        assert "v-brugerrejsen" in seen and "v-teknologiradar" in seen

        # the journey is wider than a phone: its box scrolls, by keyboard too, and the page stays put
        page.goto(edition.base_url + "vaerktoejer/brugerrejsen/", wait_until="load")
        box = page.locator("#v-brugerrejsen .course-scroll")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('#v-brugerrejsen .course-scroll').scrollLeft > 0")
        assert page.evaluate(_WIDTHS)["scroll"] <= PHONE["width"]
    finally:
        context.close()
