"""Calendar files: every .ics parses back with icalendar, with the right events, local times and UIDs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import ROOT, curriculum_cli, write_modules
from curriculum.engine import generate
from curriculum.validation import load_curriculum

RUNS = ("2024-pilot", "2027-foraar-eksempel")
UTC = dt.UTC


def events(data: bytes) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture(scope="module")
def calendars() -> dict[str, dict[str, bytes]]:
    return {run: ics_files(generate(ROOT / "modules", run).files) for run in RUNS}


def ics_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """The calendar files among the generated files (the site also has pictures)."""
    return {path: data for path, data in files.items() if path.endswith(".ics")}


@pytest.mark.parametrize("run_id", RUNS)
def test_every_calendar_parses_with_the_right_number_of_events(calendars, run_id):
    files = calendars[run_id]
    cur = load_curriculum(ROOT / "modules")
    run = cur.runs[run_id]
    assert len(events(files[f"kalender/{run_id}.ics"])) == len(run.sessions)
    for slot in run.sessions:
        (event,) = events(files[f"kalender/{run_id}/{slot.module}.ics"])
        assert event.decoded("DTSTART").date() == slot.date
    groups = run.buddy.groups if run.buddy else []
    for group in groups:
        assert len(events(files[f"kalender/{run_id}/buddy/{group.id}.ics"])) == len(group.meetings)
    assert len(files) == 1 + len(run.sessions) + len(groups)
    for data in files.values():
        cal = icalendar.Calendar.from_ical(data)
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        (zone,) = cal.walk("VTIMEZONE")
        assert zone["TZID"] == "Europe/Copenhagen"
        for event in cal.walk("VEVENT"):
            for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"):
                assert field in event, field
            assert event.decoded("DTSTAMP").tzinfo is not None and event.decoded("DTSTAMP").utcoffset() == dt.timedelta(
                0
            )
            assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"


def test_local_times_are_right_across_the_change_to_and_from_summer_time(calendars):
    """The example run starts in winter time, spends the summer in summer time and ends in winter time."""
    by_uid = {str(e["UID"]): e for e in events(calendars["2027-foraar-eksempel"]["kalender/2027-foraar-eksempel.ics"])}
    expected_utc = {  # 13:00 local is 12:00 UTC in winter time and 11:00 UTC in summer time
        "kick-off": dt.datetime(2027, 2, 24, 12, 0, tzinfo=UTC),  # before 28 March 2027
        "digitalt-kompetente-medarbejder": dt.datetime(2027, 4, 7, 11, 0, tzinfo=UTC),  # after it
        "implementering-og-adfaerdsdesign": dt.datetime(2027, 9, 22, 7, 30, tzinfo=UTC),  # 09:30 summer time
        "kick-out": dt.datetime(2027, 11, 3, 12, 0, tzinfo=UTC),  # after 31 October 2027
    }
    for session_id, utc in expected_utc.items():
        event = by_uid[f"2027-foraar-eksempel.{session_id}@kdl.curriculum"]
        assert event.decoded("DTSTART").astimezone(UTC) == utc
        assert event.decoded("DTSTART").astimezone(ZoneInfo("Europe/Copenhagen")).hour in (13, 9)


def test_the_files_own_vtimezone_gives_the_right_offsets(calendars):
    """Read the times with the file's VTIMEZONE alone, not the system's zone database.

    The TZID is renamed to one no database knows, so icalendar must use the VTIMEZONE in the file.
    """
    data = calendars["2027-foraar-eksempel"]["kalender/2027-foraar-eksempel.ics"]
    cal = icalendar.Calendar.from_ical(data.replace(b"Europe/Copenhagen", b"Test/Only-In-This-File"))
    zone = cal.walk("VTIMEZONE")[0].to_tz()
    real = ZoneInfo("Europe/Copenhagen")
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
        assert start.utcoffset() == start.replace(tzinfo=real).utcoffset(), event["UID"]
    onsets = {str(c.name): c.decoded("DTSTART") for c in cal.walk("VTIMEZONE")[0].subcomponents[1:]}
    # RFC 5545: the onset is written in the local time in force before the change
    assert onsets == {"DAYLIGHT": dt.datetime(2027, 3, 28, 2, 0), "STANDARD": dt.datetime(2027, 10, 31, 3, 0)}


def test_two_builds_give_identical_files_and_uids(tmp_path):
    first = ics_files(generate(ROOT / "modules", "2027-foraar-eksempel").files)
    second = ics_files(generate(ROOT / "modules", "2027-foraar-eksempel").files)
    assert first == second  # byte for byte: DTSTAMP comes from the data, not the clock
    uids = [str(e["UID"]) for data in first.values() for e in events(data)]
    assert "2027-foraar-eksempel.kick-off@kdl.curriculum" in uids
    # the run calendar repeats the session files' events; apart from that every UID is unique
    whole = [str(e["UID"]) for e in events(first["kalender/2027-foraar-eksempel.ics"])]
    assert len(set(whole)) == len(whole)
    buddy = [u for u in uids if ".buddy." in u]
    assert len(buddy) == len(set(buddy)) == 15


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


def test_buddy_meeting_describes_the_session_before_it(calendars):
    data = calendars["2027-foraar-eksempel"]["kalender/2027-foraar-eksempel/buddy/skaermbesoeg.ics"]
    first = events(data)[0]
    assert str(first["UID"]) == "2027-foraar-eksempel.buddy.skaermbesoeg.after-forstaaelsesrammer.1@kdl.curriculum"
    assert first.decoded("DTSTART") == dt.datetime(2027, 3, 24, 14, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    text = str(first["DESCRIPTION"])
    assert "Skærmbesøg i hjemmeplejen" in text
    assert "Hvad er din ledelsesrolle i den digitale transformation?" in text
    assert "Teknologiradar med medarbejderne" in text


def test_calendars_are_linked_from_the_programme_and_each_session_page():
    site = generate(ROOT / "modules", "2024-pilot")
    assert "](kalender/2024-pilot.ics)" in site.pages["index.md"]
    for path, page in site.pages.items():
        if path.startswith("sessioner/"):
            session_id = path.removeprefix("sessioner/").removesuffix(".md")
            assert f"](../kalender/2024-pilot/{session_id}.ics)" in page


def test_generate_writes_the_calendar_files(tmp_path):
    out = tmp_path / "out"
    result = curriculum_cli(
        "generate",
        "--out",
        str(out),
        "--run",
        "2027-foraar-eksempel",
        "--site-url",
        "https://kurser.example.dk/",
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    data = (out / "kalender/2027-foraar-eksempel/kick-off.ics").read_bytes()
    (event,) = events(data)
    assert str(event["URL"]) == "https://kurser.example.dk/sessioner/kick-off/"
