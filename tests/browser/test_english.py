"""An English course in the browser: the English fixture course (tests/courses/en), built with MkDocs from a
project made by `curriculum init`, toured on a phone (375 px) in the light palette (and its representative
pages in the dark palette). Every page
says it is English, axe finds no violation, nothing is requested from another host, nothing is logged as an
error, the search is English, and `make pdf` in the course's repository names and tags the handbooks in
English.

These are the checks whose outcome depends on the course's language; the rest of tests/browser/ runs on
KDL's editions (conftest.py's EDITIONS)."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import urlsplit

import pytest

from curriculum.pdf import page_texts

from . import axe
from .conftest import SCHEMES
from .test_pdf import poppler
from .tour import PHONE, is_local, tour


@pytest.fixture(scope="session")
def english_visits(english, browser):
    """Each colour scheme -> a visit at 375 px to every page of the English site in the light palette, and to
    its representative pages (representative.py) in the dark palette."""
    return {
        "light": tour(browser, english.base_url, english.pages, "light", viewport=PHONE),
        "dark": tour(browser, english.base_url, english.representative, "dark", viewport=PHONE),
    }


def test_every_page_is_english(english_visits, english):
    assert len(english.pages) > 15  # sessions, tools, readings, the evaluation, the handbook, 404 ...
    assert sorted(english_visits["light"]) == sorted(english.pages)
    for scheme, visits in english_visits.items():
        assert {path: visit.status for path, visit in visits.items()} == {path: 200 for path in visits}
        assert {path: visit.lang for path, visit in visits.items() if visit.lang != "en"} == {}, scheme


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_axe_violations_on_a_phone(english_visits, scheme):
    visits = english_visits[scheme]
    assert {visit.scheme for visit in visits.values()} == {SCHEMES[scheme]}
    assert all(visit.axe["rules"] > 20 for visit in visits.values())  # axe ran on every page
    found = {path: axe.describe(visit.axe["violations"]) for path, visit in visits.items()}
    assert {path: lines for path, lines in found.items() if lines} == {}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_request_to_another_host_no_console_error_no_policy_broken(english_visits, english, scheme):
    visits = english_visits[scheme]
    for visit in visits.values():
        assert english.base_url + visit.path in visit.requests, f"no request recorded for {visit.path}"
    elsewhere = {path: [u for u in v.requests if not is_local(u, english.base_url)] for path, v in visits.items()}
    assert {path: urls for path, urls in elsewhere.items() if urls} == {}
    assert {path: v.console_errors for path, v in visits.items() if v.console_errors} == {}
    assert {path: v.csp_violations for path, v in visits.items() if v.csp_violations} == {}


def test_the_search_speaks_english(english, browser):
    """On a phone: the search box is Material's English one (its words follow theme.language, which the
    build checks against the course), and typing an English word of a session's title finds that session
    first. (Material's search does not stem words in any language: its pipeline is the stop-word filter.)"""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.goto(english.base_url, wait_until="load")
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input.md-search__input")
        assert box.get_attribute("placeholder") == "Search"
        box.press_sequentially("adoption", delay=20)
        results = page.locator(".md-search-result__list a.md-search-result__link")
        results.first.wait_for(state="visible", timeout=15_000)
        found = [urlsplit(link.get_attribute("href")).path for link in results.all()]
        assert found[0] == urlsplit(english.base_url).path + "sessions/adoption/", found
        meta = page.locator(".md-search-result__meta").inner_text()
        assert re.fullmatch(r"\d+ matching documents?", meta.strip()), meta
        results.first.click()
        page.wait_for_url(lambda url: urlsplit(url).path.endswith("/sessions/adoption/"))
        assert "Making it stick" in page.locator("article h1").inner_text()
    finally:
        context.close()


def test_make_pdf_names_and_tags_the_handbooks_in_english(english_project, english):
    """`make pdf` of the course repository that `curriculum init` made: both handbooks, named from the English
    catalogue, tagged as English, with English page numbers."""
    poppler()
    from conftest import BIN, run

    made = run(["make", "pdf", f"BIN={BIN}/"], cwd=english_project)
    assert made.returncode == 0, made.stdout + made.stderr
    assert sorted(p.name for p in (english_project / "pdf").iterdir()) == [
        "handbook-instructor-edition.pdf",
        "handbook-participant-edition.pdf",
    ]
    out = english_project / "pdf" / "handbook-participant-edition.pdf"
    assert re.findall(rb"/Lang\s*\(([a-z-]+)\)", out.read_bytes())[:1] == [b"en"]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    pages = page_texts(out)
    assert pages is not None and len(pages) > 4
    assert f"Page 1 of {len(pages)}" in pages[0] and "Side " not in " ".join(pages)
    assert "HANDBOOK" in pages[0].upper() and "Digital Care Basics" in pages[0]
