"""WCAG 2.0/2.1 A and AA and 2.2 AA (target size): axe-core finds no violation on any page of the participants'
published (MkDocs) build in the light palette, nor on the representative pages (representative.py) in the dark
palette and of the other builds (the instructor edition, Zensical's)."""

from __future__ import annotations

import pytest

from . import axe
from .representative import kinds
from .server import file_for
from .conftest import PARTICIPANT, SCHEMES, only
from .course import linked_session, session_page, tool_of_kind, tool_page


def test_the_light_tour_sees_every_page_and_the_dark_tour_every_kind_of_element(visits, edition):
    """The dark palette is audited on fewer pages than the light one, and still on every kind of element."""
    assert sorted(visits["light"]) == sorted(edition.pages)
    assert sorted(visits["dark"]) == sorted(edition.representative)
    assert len(edition.representative) < len(edition.pages)

    def every_kind(paths):
        return set().union(*(kinds(file_for(edition.site, path).read_text("utf-8")) for path in paths))

    assert every_kind(edition.representative) == every_kind(edition.pages)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_shows_the_palette_of_the_colour_scheme(visits, scheme):
    shown = {path: visit.scheme for path, visit in visits[scheme].items()}
    assert shown == {path: SCHEMES[scheme] for path in shown}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_has_no_axe_violations(visits, edition, scheme):
    """Every page of the participants' MkDocs build in the light palette (of the other builds their
    representative pages: conftest's ``visits``), the representative pages in the dark one."""
    record = {path: visit for path, visit in visits[scheme].items() if visit.axe}
    everything = scheme == "light" and (edition.name, edition.builder) == ("participant", "mkdocs")
    audited = edition.pages if everything else edition.representative
    assert sorted(record) == sorted(audited)
    for visit in record.values():
        assert visit.axe["engine"].startswith("axe-core"), visit.path
        assert visit.axe["rules"] > 0, f"axe applied no rule to {visit.path}"
    found = [
        f"{path or '/'}: {line}" for path, visit in record.items() for line in axe.describe(visit.axe["violations"])
    ]
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


@only(*PARTICIPANT)
def test_axe_finds_a_violation_put_into_a_page(page, edition):
    """The audit is live: text of too little contrast and an image with no text alternative are caught."""
    page.goto(edition.base_url, wait_until="load")
    # Styles set through the DOM: the page's Content-Security-Policy refuses a style attribute it has no hash for.
    page.evaluate("""() => {
      const article = document.querySelector('article');
      const weak = document.createElement('p');
      weak.textContent = 'Svag tekst';
      weak.style.color = '#999';
      weak.style.background = '#fff';
      const image = document.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      article.append(weak, image);
    }""")
    found = {violation["id"] for violation in axe.audit(page)["violations"]}
    assert {"color-contrast", "image-alt"} <= found


# The colours of a hovered or focused control are the style sheets' and the theme's, the same in both
# editions: checked on the participant edition of each builder.
@only(*PARTICIPANT)
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("state", ["hover", "focus"])
def test_a_link_keeps_its_contrast_when_hovered_or_focused(browser, edition, scheme, state):
    """axe sees a page at rest; a link that is pointed at or tabbed to changes colour and is checked here."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(edition.base_url + session_page(linked_session()), wait_until="load")
        for selector in ("article p a, article li a", ".md-nav--primary a.md-nav__link:not(.md-nav__link--active)"):
            link = page.locator(selector).first
            link.scroll_into_view_if_needed()
            if state == "hover":
                link.hover()
            else:
                link.focus()
            page.wait_for_timeout(300)  # Material fades the colour in over 125 ms
            link.evaluate("e => e.setAttribute('data-test-target', '')")
            result = axe.audit(page, "[data-test-target]")
            link.evaluate("e => e.removeAttribute('data-test-target')")
            assert result["rules"] > 0
            assert axe.describe(result["violations"]) == [], f"{selector} when {state}ed"
    finally:
        context.close()


@only(*PARTICIPANT)
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("state", ["hover", "focus"])
def test_a_button_keeps_its_contrast_when_hovered_or_focused(browser, edition, scheme, state):
    """Material fills an outlined button with the accent colour when it is pointed at or tabbed to; its text
    must stay readable on it, for every button of the site (here the wheel's, not the logbook's)."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(edition.base_url + tool_page(tool_of_kind("wheel")), wait_until="load")
        button = page.locator("form button.md-button").first
        button.scroll_into_view_if_needed()
        if state == "hover":
            button.hover()
        else:
            button.focus()
        page.wait_for_timeout(300)
        button.evaluate("e => e.setAttribute('data-test-target', '')")
        result = axe.audit(page, "[data-test-target]")
        assert result["rules"] > 0
        assert axe.describe(result["violations"]) == [], f"the wheel's button when {state}ed"
    finally:
        context.close()
