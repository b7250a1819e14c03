"""The participant site says only what is true: the handbook lists every reading with its note, made-up
times and places are marked as examples wherever they appear (pages, calendar events, handbook), and the
buddy section shows only in a run that has buddy groups."""

from __future__ import annotations

import html
import re
import tempfile
import textwrap
from pathlib import Path

import icalendar
import pytest

from conftest import MINIMAL, ROOT, published, write_modules
from curriculum.engine import generate
from curriculum.concepts import with_concepts
from curriculum.messages import Messages

COURSE = published()
MSG = COURSE.messages
MARK = MSG("calendar.example_tag")
NOTES = (MSG("calendar.example_note"), MSG("calendar.example_note_agenda"))
AGENDA = MSG("calendar.example_note_agenda")
EVENT = MSG("calendar.example_times")
MINIMAL_MSG = Messages("da", with_concepts("da", {}))  # the minimal course (conftest's MINIMAL) is Danish
MINIMAL_MARK = MINIMAL_MSG("calendar.example_note")
MINIMAL_AGENDA = MINIMAL_MSG("calendar.example_note_agenda")


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_handbook_lists_each_reading_of_each_session_as_its_own_item_with_its_note(course_site, course):
    page = (course_site / course.address("handbook") / "index.html").read_text("utf-8")
    sections = re.findall(r'<section class="course-handbook__session">(.*?)</section>', page, flags=re.S)
    curriculum, run, heading = course.curriculum, course.run, html.escape(MSG("common.readings"), quote=False)
    assert len(sections) == len(run.sessions)
    listed = 0
    for slot, section in zip(run.sessions, sections):
        session = curriculum.sessions[slot.module]
        if not session.readings:
            assert f">{heading}<" not in section
            continue
        items = re.search(rf">{re.escape(heading)}<.*?<ul>(.*?)</ul>", section, flags=re.S).group(1)
        found = [text(li) for li in re.findall(r"<li>(.*?)</li>", items, flags=re.S)]
        assert len(found) == len(session.readings), slot.module
        for item, rid in zip(found, session.readings):
            reading = curriculum.readings[rid]
            assert reading.title in item and " ".join((reading.note or "").split()) in " ".join(item.split()), rid
            listed += 1
    assert listed == sum(len(curriculum.sessions[s.module].readings) for s in run.sessions) > 0


def shown_times(site) -> dict[str, list[str]]:
    """Page -> every line that shows a session's clock time (a <time> with an hour)."""
    found = {}
    for file in sorted(site.rglob("*.html")):
        main = file.read_text("utf-8").split("<article", 1)[-1]
        lines = re.findall(
            r'<(?:p|td|li)\b[^>]*>(?:(?!</?(?:p|td|li)\b).)*?<time datetime="\d{4}-\d\d-\d\dT.*?</(?:p|td|li)>',
            main,
            flags=re.S,
        )
        found[file.relative_to(site).as_posix()] = [text(line) for line in lines]
    return found


TAG = re.compile(r'<span class="course-example-tag">(.*?)</span>')


def test_example_times_are_marked_on_every_page_that_shows_them_and_only_then(course_site, course):
    """A run with real dates but example times and places (example_times: true) tags every time it shows, and
    says once on each such page what the tag means (with the agendas, where the page shows one); a run
    without it says it nowhere."""
    lines = 0
    for name, shown in shown_times(course_site).items():
        for line in shown:
            assert (MARK in line) is course.run.example_times, f"{name}: {line[:120]!r}"
            lines += 1
    assert lines >= len(course.run.sessions) * 2  # the programme, every session page and the handbook
    for file in sorted(course_site.rglob("*.html")):
        main = file.read_text("utf-8").split("<article", 1)[-1]
        tags = TAG.findall(main)
        said = sum(text(main).count(note) for note in NOTES)
        where = f"{file.relative_to(course_site)}"
        assert set(tags) <= {MARK}, where
        assert said == (1 if tags else 0), where  # once on a page with tagged times, else never
        if tags and re.search(rf"<h[23][^>]*>{re.escape(MSG('common.agenda'))}", main):
            assert AGENDA in text(main), where


def test_example_times_are_marked_in_every_calendar_event_and_only_then(course_site, course):
    events = 0
    for file in sorted((course_site / course.address("calendar")).rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(file.read_bytes())
        for event in calendar.walk("VEVENT"):
            session = str(event.get("UID")).split("@")[0].split(".")[-1]
            if session in course.curriculum.sessions:  # not a buddy meeting
                marked = EVENT in str(event.get("DESCRIPTION"))
                assert marked is course.run.example_times, f"{file.name}: {event.get('SUMMARY')}"
                events += 1
    assert events >= 2 * len(course.run.sessions)  # each session in the run's file and in its own


EXAMPLE_TIMES = {"runs/test-run.yml": "example_times: true\n" + textwrap.dedent(MINIMAL["runs/test-run.yml"])}
BUDDY = textwrap.dedent(MINIMAL["runs/test-run.yml"]) + textwrap.dedent("""\
    buddy:
      groups:
        - id: nord
          members: [Team Nord, Team Syd]
          meetings:
            - {date: 2024-04-30, start: "10:00", end: "11:00"}
    """)


def test_a_run_with_example_times_is_marked_and_one_with_real_times_is_not(tmp_path):
    real = generate(write_modules(tmp_path / "real", {}), None, None, "participant")
    example = generate(write_modules(tmp_path / "example", EXAMPLE_TIMES), None, None, "participant")
    for path, page in real.pages.items():
        assert MINIMAL_MARK not in page and MINIMAL_AGENDA not in page, path
    marked = [path for path, page in example.pages.items() if MINIMAL_MARK in page or MINIMAL_AGENDA in page]
    assert "index.md" in marked and "sessioner/workshop-1.md" in marked and "haandbog.md" in marked


EXAMPLE_RUN = {"runs/test-run.yml": "example: true\n" + textwrap.dedent(MINIMAL["runs/test-run.yml"])}


def test_an_example_event_says_so_in_its_title():
    """A calendar shows an event's title, seldom its details: an example run's events, and those of a run with
    example times, say so in the title; a real run's do not."""
    titles = {}
    for name, files in (("real", {}), ("example", EXAMPLE_RUN), ("times", EXAMPLE_TIMES)):
        with tempfile.TemporaryDirectory() as folder:
            built = generate(write_modules(Path(folder), files), None, None, "participant")
        events = [
            event
            for path, data in built.files.items()
            if path.endswith(".ics")
            for event in icalendar.Calendar.from_ical(data).walk("VEVENT")
        ]
        assert events, name
        titles[name] = {str(event.get("SUMMARY")) for event in events}
    example, times = MINIMAL_MSG("calendar.example_title"), MINIMAL_MSG("calendar.example_mark")
    assert not any(example in t or times in t for t in titles["real"])
    assert all(t.endswith(f"({example})") for t in titles["example"])
    assert all(t.endswith(f"({times})") for t in titles["times"])


def test_the_buddy_section_only_in_a_run_with_buddy_groups(tmp_path):
    prompt = {
        "sessions/workshop-1.yml": textwrap.dedent(MINIMAL["sessions/workshop-1.yml"])
        + "buddy_prompt: Fortæl om jeres case.\n"
    }
    without = generate(write_modules(tmp_path / "without", prompt), None, None, "participant")
    with_groups = generate(write_modules(tmp_path / "with", {**prompt, "runs/test-run.yml": BUDDY}), None, None)
    heading = MINIMAL_MSG("common.to_buddy_meeting")
    assert not any(heading in page for page in without.pages.values())
    assert heading in with_groups.pages["sessioner/workshop-1.md"]
    assert heading in with_groups.pages["haandbog.md"]


# What KDL's tool pages once told participants about the course's own source material.
SOURCE_NOTES = ("forløbets slides", "På slides", "I evalueringen")
# ... and what participants called a tool in the evaluation, once told them as the tool's origin
NOT_FOR_PARTICIPANTS = (*SOURCE_NOTES, "omtaler værktøjet som")


@pytest.mark.kdl_files
def test_kdls_source_notes_are_in_the_instructor_edition_only():
    participant = generate(ROOT / "modules", COURSE.run.id, None, "participant")
    instructor = generate(ROOT / "modules", COURSE.run.id, None, "instructor")
    leaks = [(path, note) for path, page in participant.pages.items() for note in NOT_FOR_PARTICIPANTS if note in page]
    assert leaks == []
    assert all(any(note in page for page in instructor.pages.values()) for note in SOURCE_NOTES)
