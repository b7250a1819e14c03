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
