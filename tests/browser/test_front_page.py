"""The front page of a library of courses (tests/courses/portfolio, built as `make site` builds it): the
pages of its own — the list of courses, its accessibility statement, its 404 page — on a phone and a desktop,
in both palettes. axe finds no violation, nothing scrolls sideways, nothing is requested from another host,
nothing is logged as an error and no policy is broken. The courses' sites under it are the course sites the
other browser tests cover."""

from __future__ import annotations

import pytest

from . import axe
from .conftest import SCHEMES
from .server import page_paths, serve
from .tour import DESKTOP, PHONE, is_local, tour

COURSES = ("ledelse", "leaders")  # the library's courses: their sites are folders of the front page's


@pytest.fixture(scope="session")
def front_page_visits(portfolio_sites, browser):
    """(scheme, width) -> a visit to each of the front page's own pages, with the layout measured."""
    site = portfolio_sites / "site"
    pages = [path for path in page_paths(site) if path.split("/")[0] not in COURSES]
    with serve(site) as base_url:
        return base_url, {
            (scheme, viewport["width"]): tour(browser, base_url, pages, scheme, viewport=viewport, layout=True)
            for scheme in SCHEMES
            for viewport in (PHONE, DESKTOP)
        }


def test_the_front_page_passes_axe_and_fits_a_phone_and_a_desktop_in_both_palettes(front_page_visits):
    base_url, tours = front_page_visits
    for (scheme, width), visits in tours.items():
        assert sorted(visits) == ["", "404.html", "tilgaengelighed/"], "the front page's own pages"
        for path, visit in visits.items():
            where = f"{path or 'index'} at {width} px, {scheme}"
            assert visit.status == 200, where
            assert visit.scheme == SCHEMES[scheme], where
            assert visit.axe["rules"] > 20 and axe.describe(visit.axe["violations"]) == [], where
            widths = visit.layout["widths"]
            assert widths["scroll"] <= widths["client"], (where, widths["wide"])
            assert visit.layout["out"] == [], where  # nothing leaves its column
            assert [url for url in visit.requests if not is_local(url, base_url)] == [], where
            assert visit.console_errors == [] and visit.csp_violations == [], where
