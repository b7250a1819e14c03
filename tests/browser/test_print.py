"""Printed pages (print media) show no form controls: the competence wheel's self-assessment and the
logbook are for the screen; on paper the wheel shows the ratings given in the browser, and the blank wheel
is the one to fill in with a pen (issue 12)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from . import chromium
from .conftest import PARTICIPANT, only
from .course import COURSE, WORDS, address, run_sessions, session_page, tool_of_kind, tool_page

# The pages that hold form controls on screen: the wheel's page, the session pages that draw the wheel
# or hold logbook fields (the run's first and last: KDL's kick-off and kick-out), the logbook, the handbook,
# and the blank wheel's page to print (its print button).
WHEEL = tool_of_kind("wheel")
PAGES = (
    tool_page(WHEEL),
    session_page(run_sessions()[0]),
    session_page(run_sessions()[-1]),
    address("logbook"),
    address("handbook"),
    tool_page(WHEEL).removesuffix("/") + "-tom/",
)

# Every form control in the page's content that is drawn (has a box) and is not hidden from view.
VISIBLE_CONTROLS = """() => [...document.querySelectorAll(
    '.md-content input, .md-content select, .md-content textarea, .md-content button')]
  .filter(el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 2 && box.height > 2 && style.visibility !== 'hidden' && el.type !== 'hidden'
      && !el.closest('.course-sr') && style.opacity !== '0';
  })
  .map(el => el.outerHTML.slice(0, 120))"""


def test_the_check_sees_form_controls_on_screen(edition, page):
    page.goto(edition.base_url + PAGES[0])
    assert len(page.evaluate(VISIBLE_CONTROLS)) >= 20  # the wheel's radio buttons, on screen


@pytest.mark.parametrize("path", PAGES)
def test_printed_pages_show_no_form_controls(edition, page, path):
    if not (edition.site / path / "index.html").is_file():
        pytest.skip(f"{path} is not in this edition")
    page.goto(edition.base_url + path)
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE_CONTROLS) == [], path


@only(("participant", "mkdocs"))  # printed once
def test_the_printed_wheel_has_its_table_and_no_questions(edition, page, tmp_path):
    """The wheel's page printed to PDF (as the browser's print dialog and its own print button do): the
    picture's table of areas is on paper, the self-assessment's questions and scale are not."""
    if shutil.which("pdftotext") is None:
        chromium.unavailable("pdftotext is missing (Debian package 'poppler-utils')")
    page.goto(edition.base_url + PAGES[0])
    page.emulate_media(media="print")
    out = tmp_path / "hjul.pdf"
    page.pdf(path=str(out), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    assert COURSE.curriculum.tools[WHEEL].title in words
    area = WORDS("visuals.wheel.table_area")
    assert re.search(rf"\b{re.escape(area)}\b", words), "the wheel's table of areas is not printed"
    screen = ("visuals.wheel.round_legend", "visuals.wheel.rate_heading", "visuals.wheel.clear_button")
    for screen_only in (WORDS(key) for key in screen):
        assert screen_only not in words, screen_only


@only(*PARTICIPANT)
@pytest.mark.parametrize("width", [375, 1280])
def test_the_handbooks_print_button_and_pdf_link_are_the_same_height(edition, browser, width):
    """`make site` puts a link to the handbook's PDF beside the print button (test_handbook_pdf.py; a build
    without the PDF has no link, so it is added here as that build writes it): a <button> does not take the
    text's line height as a link does, and was shorter than the link beside it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(edition.base_url + address("handbook"))
        heights = page.evaluate(
            """() => {
              const actions = document.querySelector('[data-course-handbook-actions]');
              actions.insertAdjacentHTML('beforeend',
                ' <a class="md-button" href="h.pdf" type="application/pdf" data-course-pdf>PDF (585 kB)</a>');
              return [...actions.children].map(e => e.getBoundingClientRect().height);
            }"""
        )
        assert len(heights) == 2 and heights[0] > 30 and abs(heights[0] - heights[1]) < 0.5, heights
    finally:
        context.close()
