"""The participant site says only what is true: the handbook lists every reading with its note, made-up
times and places are marked as examples wherever they appear (pages, calendar events, handbook), and the
buddy section shows only in a run that has buddy groups."""

from __future__ import annotations

import html
import re

import icalendar
import pytest

from conftest import ROOT
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.validation import load_curriculum

DA = Messages("da")
MARK = DA("calendar.example_mark")
AGENDA = DA("calendar.example_agenda")
EVENT = DA("calendar.example_times")


@pytest.fixture(scope="module")
def curriculum():
    return load_curriculum(ROOT / "modules")


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_handbook_lists_each_reading_of_each_session_as_its_own_item_with_its_note(kdl_site, curriculum):
    page = (kdl_site / "haandbog" / "index.html").read_text("utf-8")
    sections = re.findall(r'<section class="course-handbook__session">(.*?)</section>', page, flags=re.S)
    run = curriculum.runs["2024-pilot"]
    assert len(sections) == len(run.sessions)
    listed = 0
    for slot, section in zip(run.sessions, sections):
        session = curriculum.sessions[slot.module]
        if not session.readings:
            assert "Læs, lyt og se" not in section
            continue
        items = re.search(r">Læs, lyt og se<.*?<ul>(.*?)</ul>", section, flags=re.S).group(1)
        found = [text(li) for li in re.findall(r"<li>(.*?)</li>", items, flags=re.S)]
        assert len(found) == len(session.readings), slot.module
        for item, rid in zip(found, session.readings):
            reading = curriculum.readings[rid]
            assert reading.title in item and " ".join(reading.note.split()) in " ".join(item.split()), rid
            listed += 1
    assert listed >= 10


def test_example_times_are_marked_on_every_page_that_shows_them(kdl_site):
    """The pilot's run gives real dates but example times and places (example_times: true)."""
    pages = 0
    for file in sorted(kdl_site.rglob("*.html")):
        page = file.read_text("utf-8")
        main = page.split("<article", 1)[-1]
        # every shown clock time of a session (a <time> with an hour) sits in a line that says it is an example
        for line in re.findall(
            r'<(?:p|td|li)\b[^>]*>(?:(?!</?(?:p|td|li)\b).)*?<time datetime="\d{4}-\d\d-\d\dT'
            r".*?</(?:p|td|li)>",
            main,
            flags=re.S,
        ):
            assert MARK in text(line), f"{file.relative_to(kdl_site)}: {text(line)[:120]!r}"
            pages += 1
        if re.search(r"<h[23][^>]*>Tidsplan", main):
            assert AGENDA in text(main), f"{file.relative_to(kdl_site)}: an agenda not marked as an example"
    assert pages >= 15  # the programme, every session page and the handbook


def test_example_times_are_marked_in_every_calendar_event(kdl_site):
    events = 0
    for file in sorted((kdl_site / "kalender").rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(file.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert EVENT in str(event.get("DESCRIPTION")), f"{file.name}: {event.get('SUMMARY')}"
            events += 1
    assert events >= 14  # seven sessions, in the run's file and each in its own


def test_a_run_with_real_times_has_no_example_marks():
    site = generate(ROOT / "modules", "2027-foraar-eksempel", None, "participant")
    for path, page in site.pages.items():
        assert MARK not in page and AGENDA not in page, path


def test_the_buddy_section_only_in_a_run_with_buddy_groups():
    pilot = generate(ROOT / "modules", "2024-pilot", None, "participant")  # no buddy groups
    with_groups = generate(ROOT / "modules", "2027-foraar-eksempel", None, "participant")
    assert not any("Til buddymødet" in page for page in pilot.pages.values())
    assert any("Til buddymødet" in page for path, page in with_groups.pages.items() if path.startswith("sessioner/"))
    assert "Til buddymødet" in with_groups.pages["haandbog.md"]
