"""Calendar files: every .ics parses back with icalendar, with the right events, local times and UIDs."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import MINIMAL, ROOT, cli, published, write_modules
from curriculum.engine import generate

COURSE = published()  # the published course (modules/): every one of its runs
RUNS = sorted(COURSE.curriculum.runs)
CALENDAR = COURSE.address("calendar")
UTC = dt.UTC
CPH = ZoneInfo("Europe/Copenhagen")

# A run of the minimal course (conftest's MINIMAL) across both changes of summer time in 2027, with two
# buddy groups: 28 March 2027 02:00 -> 03:00 and 31 October 2027 03:00 -> 02:00 in Copenhagen.
SUMMER = """\
id: summer
name: Sommerholdet
sessions:
  - {module: workshop-1, date: 2027-02-24, start: "13:00", end: "15:00", place: Odense}
  - {module: webinar-1, date: 2027-11-03, start: "13:00", end: "15:00", online: true}
buddy:
  groups:
    - id: nord
      members: [Team Nord, Team Syd]
      meetings:
        - {date: 2027-04-07, start: "09:30", end: "10:30"}
        - {date: 2027-06-16, start: "14:00", end: "15:00"}
    - id: vest
      members: [Team Vest, Team Midt]
      meetings:
        - {date: 2027-03-24, start: "14:00", end: "15:00"}
"""
PROMPT = "Vis hinanden jeres radar, og fortæl, hvad I så."


def events(data: bytes) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def ics_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """The calendar files among the generated files (the site also has pictures)."""
    return {path: data for path, data in files.items() if path.endswith(".ics")}


@pytest.fixture(scope="module")
def calendars() -> dict[str, dict[str, bytes]]:
    return {run: ics_files(generate(ROOT / "modules", run).files) for run in RUNS}


@pytest.fixture(scope="module")
def summer(tmp_path_factory) -> Path:
    """The minimal course with the run across summer time (and a buddy prompt in its first session)."""
    workshop = textwrap.dedent(MINIMAL["sessions/workshop-1.yml"]) + f"buddy_prompt: {PROMPT}\n"
    return write_modules(
        tmp_path_factory.mktemp("summer"), {"runs/summer.yml": SUMMER, "sessions/workshop-1.yml": workshop}
    )


@pytest.fixture(scope="module")
def summer_files(summer) -> dict[str, bytes]:
    return ics_files(generate(summer, "summer").files)


@pytest.mark.parametrize("run_id", RUNS)
def test_every_calendar_of_the_published_course_parses_with_the_right_events(calendars, run_id):
    files = calendars[run_id]
    run = COURSE.curriculum.runs[run_id]
    assert len(events(files[f"{CALENDAR}/{run_id}.ics"])) == len(run.sessions)
    for slot in run.sessions:
        (event,) = events(files[f"{CALENDAR}/{run_id}/{slot.module}.ics"])
        assert event.decoded("DTSTART").date() == slot.date
        assert event.decoded("DTSTART") == dt.datetime.combine(slot.date, slot.start, tzinfo=ZoneInfo(run.timezone))
    groups = run.buddy.groups if run.buddy else []
    for group in groups:
        assert len(events(files[f"{CALENDAR}/{run_id}/{COURSE.messages('peer.short')}/{group.id}.ics"])) == len(
            group.meetings
        )
    assert len(files) == 1 + len(run.sessions) + len(groups)
    for data in files.values():
        cal = icalendar.Calendar.from_ical(data)
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        (zone,) = cal.walk("VTIMEZONE")
        assert zone["TZID"] == run.timezone
        for event in cal.walk("VEVENT"):
            for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"):
                assert field in event, field
            assert event.decoded("DTSTAMP").tzinfo is not None and event.decoded("DTSTAMP").utcoffset() == dt.timedelta(
                0
            )
            assert event["DTSTART"].params["TZID"] == run.timezone


def test_local_times_are_right_across_the_change_to_and_from_summer_time(summer_files):
    """The run starts in winter time, has buddy meetings in summer time and ends in winter time."""
    whole = events(summer_files["kalender/summer.ics"]) + events(summer_files["kalender/summer/grupper/nord.ics"])
    by_uid = {str(e["UID"]): e for e in whole}
    expected_utc = {  # 13:00 local is 12:00 UTC in winter time; 09:30 in summer time is 07:30 UTC
        "summer.workshop-1@tk.curriculum": dt.datetime(2027, 2, 24, 12, 0, tzinfo=UTC),  # before 28 March 2027
        "summer.grupper.nord.after-workshop-1.1@tk.curriculum": dt.datetime(2027, 4, 7, 7, 30, tzinfo=UTC),  # after it
        "summer.webinar-1@tk.curriculum": dt.datetime(2027, 11, 3, 12, 0, tzinfo=UTC),  # after 31 October 2027
    }
    for uid, utc in expected_utc.items():
        event = by_uid[uid]
        assert event.decoded("DTSTART").astimezone(UTC) == utc
        assert event.decoded("DTSTART").astimezone(CPH).hour in (13, 9)


def test_the_files_own_vtimezone_gives_the_right_offsets(summer_files):
    """Read the times with the file's VTIMEZONE alone, not the system's zone database.

    The TZID is renamed to one no database knows, so icalendar must use the VTIMEZONE in the file.
    """
    data = summer_files["kalender/summer.ics"]
    cal = icalendar.Calendar.from_ical(data.replace(b"Europe/Copenhagen", b"Test/Only-In-This-File"))
    zone = cal.walk("VTIMEZONE")[0].to_tz()
    # the transitions themselves: 28 March 2027 02:00 -> 03:00, 31 October 2027 03:00 -> 02:00
    for local, offset in [
        ((2027, 3, 28, 1, 59), 1),
        ((2027, 3, 28, 3, 0), 2),
        ((2027, 10, 31, 1, 30), 2),
        ((2027, 10, 31, 3, 0), 1),
        ((2027, 2, 24, 13, 0), 1),
        ((2027, 11, 3, 13, 0), 1),
    ]:
        assert dt.datetime(*local, tzinfo=zone).utcoffset() == dt.timedelta(hours=offset), local
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.utcoffset() == start.replace(tzinfo=CPH).utcoffset(), event["UID"]
    onsets = {str(c.name): c.decoded("DTSTART") for c in cal.walk("VTIMEZONE")[0].subcomponents[1:]}
    # RFC 5545: the onset is written in the local time in force before the change
    assert onsets == {"DAYLIGHT": dt.datetime(2027, 3, 28, 2, 0), "STANDARD": dt.datetime(2027, 10, 31, 3, 0)}


def test_two_builds_give_identical_files_and_uids(summer, summer_files):
    assert summer_files == ics_files(generate(summer, "summer").files)  # byte for byte: DTSTAMP from the data
    uids = [str(e["UID"]) for data in summer_files.values() for e in events(data)]
    assert "summer.workshop-1@tk.curriculum" in uids
    # the run calendar repeats the session files' events; apart from that every UID is unique
    whole = [str(e["UID"]) for e in events(summer_files["kalender/summer.ics"])]
    assert len(set(whole)) == len(whole) == 2
    buddy = [u for u in uids if ".grupper." in u]  # the default scheme's short name (peer.short)
    assert len(buddy) == len(set(buddy)) == 3


def test_uid_is_stable_when_a_date_changes_and_sequence_and_dtstamp_come_from_the_run(modules_dir, tmp_path):
    def only_event(run_text: str) -> icalendar.Component:
        write_modules(tmp_path, {"runs/test-run.yml": run_text})
        (event,) = events(generate(tmp_path / "modules").files["kalender/test-run/webinar-1.ics"])
        return event

    original = (tmp_path / "modules/runs/test-run.yml").read_text("utf-8")
    before = only_event(original)
    assert before["SEQUENCE"] == 0
    assert before.decoded("DTSTAMP") == dt.datetime(2024, 1, 1, tzinfo=UTC)  # no 'revised': 1 Jan of the run's year
    moved = original.replace("date: 2024-05-15", "date: 2024-05-22").replace(
        "name: Testholdet", "name: Testholdet\nrevision: 1\nrevised: 2024-05-02"
    )
    after = only_event(moved)
    assert str(after["UID"]) == str(before["UID"]) == "test-run.webinar-1@tk.curriculum"
    assert after["SEQUENCE"] == 1
    assert after.decoded("DTSTAMP") == dt.datetime(2024, 5, 2, tzinfo=UTC)
    assert after.decoded("DTSTART") == dt.datetime(2024, 5, 22, 13, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def test_description_has_theme_question_link_and_page_address(modules_dir, tmp_path):
    run = (
        (tmp_path / "modules/runs/test-run.yml")
        .read_text("utf-8")
        .replace("    online: true\n", "    online: true\n    link: https://meet.example.org/kdl\n")
    )
    write_modules(tmp_path, {"runs/test-run.yml": run})
    (relative,) = events(generate(tmp_path / "modules").files["kalender/test-run/workshop-1.ics"])
    text = str(relative["DESCRIPTION"])
    assert "Tema: Begyndelsen" in text
    assert "Refleksionsspørgsmål: Hvad vil du lære?" in text
    assert "Sessionens side på forløbets hjemmeside: sessioner/workshop-1/" in text
    assert str(relative["LOCATION"]) == "Odense" and "URL" not in relative
    files = generate(tmp_path / "modules", site_url="https://kurser.example.dk/kdl/").files
    (online,) = events(files["kalender/test-run/webinar-1.ics"])
    assert str(online["LOCATION"]) == "https://meet.example.org/kdl"
    assert "Deltag online: https://meet.example.org/kdl" in str(online["DESCRIPTION"])
    assert "Sessionens side: https://kurser.example.dk/kdl/sessioner/webinar-1/" in str(online["DESCRIPTION"])
    assert str(online["URL"]) == "https://kurser.example.dk/kdl/sessioner/webinar-1/"


def test_buddy_meeting_describes_the_session_before_it(summer_files):
    first = events(summer_files["kalender/summer/grupper/vest.ics"])[0]
    assert str(first["UID"]) == "summer.grupper.vest.after-workshop-1.1@tk.curriculum"
    assert first.decoded("DTSTART") == dt.datetime(2027, 3, 24, 14, 0, tzinfo=CPH)
    text = str(first["DESCRIPTION"])
    assert "Første workshop" in text and "Hvad vil du lære?" in text and PROMPT in text


def test_calendars_are_linked_from_the_programme_and_each_session_page(course):
    site = generate(ROOT / "modules", course.run_id)
    assert f"]({CALENDAR}/{course.run_id}.ics)" in site.pages["index.md"]
    linked = 0
    for path, page in site.pages.items():
        if path.startswith(f"{course.address('sessions')}/"):
            session_id = path.removeprefix(f"{course.address('sessions')}/").removesuffix(".md")
            assert f"](../{CALENDAR}/{course.run_id}/{session_id}.ics)" in page
            linked += 1
    assert linked == len(course.run.sessions)


def test_generate_writes_the_calendar_files(tmp_path, course):
    out = tmp_path / "out"
    result = cli(
        "generate", "--out", str(out), "--run", course.run_id, "--site-url", "https://kurser.example.dk/", cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    first = course.run.sessions[0].module
    (event,) = events((out / CALENDAR / course.run_id / f"{first}.ics").read_bytes())
    assert str(event["URL"]) == f"https://kurser.example.dk/{course.address('sessions')}/{first}/"
