"""The site's search, typed into as a participant would, finds a session by its title, in the course's language.

Material's search box is in the header; Zensical's search opens as a dialog (in a shadow root, which
Playwright's selectors enter) from the header's search button."""

from __future__ import annotations

from urllib.parse import urlsplit

from .course import COURSE, run_sessions, session_page

# builder -> (what to click to search, the box to type into, a result link)
SEARCH = {
    "mkdocs": ("input.md-search__input", "input.md-search__input", ".md-search-result__list a.md-search-result__link"),
    "zensical": (
        ".md-search__button",
        "dialog[open] input[role=combobox]",
        "dialog[open] ol[role=listbox] a[role=option]",
    ),
}


def searched() -> tuple[str, str]:
    """A session of the run and its title: the title of the fewest words, the longest of those (the most
    telling word; KDL's 'Forventningsafstemning')."""
    titles = {sid: COURSE.curriculum.sessions[sid].title for sid in run_sessions()}
    sid = min(titles, key=lambda s: (len(titles[s].split()), -len(titles[s])))
    return sid, titles[sid]


def test_searching_a_session_title_finds_the_session(page, edition):
    opener, box_selector, result_selector = SEARCH[edition.builder]
    sid, title = searched()
    session = urlsplit(edition.base_url).path + session_page(sid)
    page.goto(edition.base_url, wait_until="load")
    page.locator(opener).first.click()
    dialog = page.locator("dialog[open]" if edition.builder == "zensical" else ".md-search[role=dialog]")
    assert (dialog.first.get_attribute("aria-label") or "").strip(), "the search dialog has no name"
    box = page.locator(box_selector)
    box.click()
    box.press_sequentially(title.lower(), delay=20)
    results = page.locator(result_selector)
    results.first.wait_for(state="visible", timeout=15_000)
    found = [urlsplit(link.get_attribute("href")).path for link in results.all()]
    assert session in found, f"no result leads to the session page: {found}"
    assert found[0] == session, f"the session page is not the first result: {found}"
    results.first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == session)
    assert title in page.locator("article h1").inner_text()
