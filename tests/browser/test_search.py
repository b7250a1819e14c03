"""Material's search, typed into as a participant would, finds a session by a Danish word."""

from __future__ import annotations

from urllib.parse import urlsplit


def test_searching_borgerperspektiv_finds_the_session(page, edition):
    session = urlsplit(edition.base_url).path + "sessioner/borgerperspektiv/"
    page.goto(edition.base_url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("borgerperspektiv", delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for(state="visible", timeout=15_000)
    found = [urlsplit(link.get_attribute("href")).path for link in results.all()]
    assert session in found, f"no result leads to the session page: {found}"
    assert found[0] == session, f"the session page is not the first result: {found}"
    results.first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == session)
    assert "Borgerperspektiv" in page.locator("article h1").inner_text()
