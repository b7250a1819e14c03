"""A library of courses (tests/courses/portfolio, built as `make site` builds it) in the browser.

Its front page: the pages of its own — the list of courses, its accessibility statement, its 404 page — on a
phone and a desktop, in both palettes. axe finds no violation, nothing scrolls sideways, nothing is requested
from another host, nothing is logged as an error and no policy is broken. The courses' sites under it are the
course sites the other browser tests cover. And `make site`'s handbook: each course's participant site gets
its handbook's PDF, printed by Chromium, as a repository of one course has it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import axe
from .conftest import SCHEMES
from .server import page_paths, serve
from .tour import DESKTOP, PHONE, is_local, tour

COURSES = ("ledelse", "leaders")  # the library's courses: their sites are folders of the front page's


@pytest.fixture(scope="session")
def front_page_visits(portfolio_sites, browser):
    """(scheme, width) -> a visit to each of the front page's own pages, with the layout measured: in the light
    palette on a phone and a desktop, in the dark one on a phone."""
    site = portfolio_sites / "site"
    pages = [path for path in page_paths(site) if path.split("/")[0] not in COURSES]
    with serve(site) as base_url:
        # the dark palette changes colours only, the same at every width (as the course sites' tours have it)
        return base_url, {
            (scheme, viewport["width"]): tour(browser, base_url, pages, scheme, viewport=viewport, layout=True)
            for scheme, viewport in (("light", PHONE), ("light", DESKTOP), ("dark", PHONE))
        }


def test_the_front_page_passes_axe_and_fits_a_phone_and_a_desktop_in_both_palettes(front_page_visits):
    assert {scheme for scheme, _ in front_page_visits[1]} == set(SCHEMES)
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


def test_make_site_prints_each_courses_handbook_into_its_participant_site(portfolio_sites, browser, tmp_path):
    """`curriculum sites --handbook-pdf=required` (what `make site` runs when publishing), for one course: the
    English course's participant site holds its handbook as a PDF named in English beside the handbook page,
    which links it; the instructor edition has none. (A whole build keys each folder with whether it was
    printed, so a folder built without the PDF is not copied as it was.)"""
    repository = Path(shutil.copytree(portfolio_sites, tmp_path / "repository", symlinks=True))
    command = [sys.executable, "-m", "curriculum.cli", "sites", "--course", "leaders", "--handbook-pdf=required"]
    done = subprocess.run(command, cwd=repository, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = repository / "site" / "leaders" / "handbook" / "handbook-participant-edition.pdf"
    assert f"printed the handbook into site/leaders/handbook/{pdf.name}, linked from the handbook page" in done.stdout
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 20_000
    page = (pdf.parent / "index.html").read_text("utf-8")
    assert f'href="{pdf.name}" type="application/pdf" data-course-pdf>' in page
    assert not list((repository / "site-instructor" / "leaders").rglob("*.pdf"))
