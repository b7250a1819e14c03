"""The recording itself: a page with known faults shows every one of them in the record of its visit."""

from __future__ import annotations

from .tour import is_local, tour


def test_the_tour_records_requests_elsewhere_console_errors_links_and_ids(browser, faulty_site):
    visit = tour(browser, faulty_site.base_url, faulty_site.pages, "light")[""]
    assert visit.status == 200
    assert faulty_site.base_url in visit.requests
    assert [url for url in visit.requests if not is_local(url, faulty_site.base_url)] == [
        "http://example.invalid/tracker.png"
    ]
    assert any("fejl i konsollen" in error for error in visit.console_errors)
    assert any("ufanget fejl" in error for error in visit.console_errors)
    assert faulty_site.base_url + "findes-ikke/" in visit.links
    assert "top" in visit.ids and "intet-id" not in visit.ids
    assert visit.axe["rules"] > 0
    assert any(v.startswith("object-src blocked") for v in visit.csp_violations), visit.csp_violations


def test_is_local():
    base = "http://127.0.0.1:8123/"
    assert is_local("http://127.0.0.1:8123/assets/x.js", base)
    assert is_local("data:image/svg+xml;base64,AAAA", base)
    assert not is_local("http://127.0.0.1:8124/", base)
    assert not is_local("https://fonts.googleapis.com/css", base)
