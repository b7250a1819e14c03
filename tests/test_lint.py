"""`curriculum check`: content warnings at the line of the value, and the exit codes."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, curriculum_cli, write_modules
from curriculum import lint
from curriculum.validation import load_curriculum

# The minimal curriculum of conftest, made free of warnings: the webinar gets a question and
# a reading of its own.
CLEAN = {
    "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinar
        themes: [Fortsættelsen]
        summary: Vi fortsætter.
        questions: [Hvad tager du med?]
        readings: [kotter-1995]
        """,
    "readings/kotter-1995.yml": """\
        id: kotter-1995
        title: Leading Change
        creator: John P. Kotter
        year: 1995
        kind: article
        source: Harvard Business Review 73(2)
        minutes: 25
        note: Otte fejl.
        """,
}

UNUSED_TOOL = """\
    id: ubrugt
    title: Et ubrugt værktøj
    summary: Bruges ikke.
    origin:
      creator: X
    use_with_staff: [Brug det.]
    """

RUN = textwrap.dedent(MINIMAL["runs/test-run.yml"]).replace("date: 2024-05-15", "date: {second}")


def text(name: str) -> str:
    """A file of CLEAN, or else of conftest's MINIMAL, as it is written to disk (to append lines to)."""
    return textwrap.dedent(CLEAN.get(name) or MINIMAL[name])


def warnings_for(tmp_path, files: dict) -> list[str]:
    modules = write_modules(tmp_path, {**CLEAN, **files})
    return [str(w) for w in lint.check(load_curriculum(modules))]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    return tmp_path


def test_a_clean_curriculum_has_no_warnings(project):
    assert warnings_for(project, {}) == []


def test_session_without_reflection_question_or_readings(project):
    # conftest's webinar-1 has neither 'questions' nor 'readings': the warning points at the top of the file
    assert warnings_for(
        project, {"sessions/webinar-1.yml": MINIMAL["sessions/webinar-1.yml"], "readings/kotter-1995.yml": None}
    ) == [
        "modules/sessions/webinar-1.yml:1:1: questions: warning: the session has no reflection question; add at "
        "least one under 'questions:' (the site shows it on the session's page and the front page)",
        "modules/sessions/webinar-1.yml:1:1: readings: warning: the session lists no readings; add the id of a file "
        "in modules/readings/ under 'readings:'",
    ]


def test_empty_lists_are_pointed_at_where_they_stand(project):
    session = CLEAN["sessions/webinar-1.yml"].replace("[Hvad tager du med?]", "[]").replace("[kotter-1995]", "[]")
    found = warnings_for(project, {"sessions/webinar-1.yml": session, "readings/kotter-1995.yml": None})
    assert found[0].startswith(
        "modules/sessions/webinar-1.yml:6:12: questions: warning: the session has no reflection question"
    )
    assert found[1].startswith("modules/sessions/webinar-1.yml:7:11: readings: warning: the session lists no readings")


def test_session_no_run_includes(project):
    extra = CLEAN["sessions/webinar-1.yml"].replace("webinar-1", "ekstra").replace("kotter-1995", "deci-2000")
    found = warnings_for(project, {"sessions/ekstra.yml": extra})
    assert (
        "modules/sessions/ekstra.yml:1:5: id: warning: no run includes this session, so no site shows it; add "
        "'- module: ekstra' with its date and time to the sessions of a file in modules/runs/, or delete this "
        "file" in found
    )


def test_tool_no_session_uses(project):
    assert warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL}) == [
        "modules/tools/ubrugt.yml:1:5: id: warning: no session uses this tool, so no session page shows it; name it "
        "under 'tools:' or as a content item's 'tool:' in a session, or delete this file"
    ]


def test_tool_used_only_by_a_session_that_no_run_includes(project):
    extra = (
        CLEAN["sessions/webinar-1.yml"]
        .replace("webinar-1", "ekstra")
        .replace("readings: [kotter-1995]", "tools: [ubrugt]")
    )
    found = warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL, "sessions/ekstra.yml": extra})
    assert (
        "modules/tools/ubrugt.yml:1:5: id: warning: only sessions that no run includes use this tool "
        "('ekstra'); add one of them to a run in modules/runs/, or use the tool in a session of a run"
    ) in found


def test_tool_used_in_a_content_item_counts_as_used(project):
    session = text("sessions/webinar-1.yml") + "content:\n  - title: Oplæg\n    tool: ubrugt\n"
    assert warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL, "sessions/webinar-1.yml": session}) == []


def test_reading_no_session_or_tool_lists(project):
    unused = CLEAN["readings/kotter-1995.yml"].replace("kotter-1995", "ulaest")
    assert warnings_for(project, {"readings/ulaest.yml": unused}) == [
        "modules/readings/ulaest.yml:1:5: id: warning: no session or tool lists this reading, so no reading list "
        "shows it; add its id under 'readings:' in a session or a tool, or delete this file"
    ]


def test_reading_listed_only_by_a_tool_counts_as_used(project):
    unused = CLEAN["readings/kotter-1995.yml"].replace("kotter-1995", "ulaest")
    tool = text("tools/kompetencehjulet.yml") + "readings: [ulaest]\n"
    assert warnings_for(project, {"readings/ulaest.yml": unused, "tools/kompetencehjulet.yml": tool}) == []


def test_reading_without_source_or_url(project):
    reading = text("readings/kotter-1995.yml").replace("source: Harvard Business Review 73(2)\n", "")
    assert warnings_for(project, {"readings/kotter-1995.yml": reading}) == [
        "modules/readings/kotter-1995.yml:1:1: source: warning: the reading says neither where it was published nor "
        "where to find it; add 'source:' (journal, publisher or organisation) or 'url:'"
    ]
    with_url = reading + "url: https://hbr.org/1995/05/leading-change-why-transformation-efforts-fail-2\n"
    assert warnings_for(project, {"readings/kotter-1995.yml": with_url}) == []


def test_reading_without_minutes(project):
    reading = text("readings/kotter-1995.yml").replace("minutes: 25\n", "")
    assert warnings_for(project, {"readings/kotter-1995.yml": reading}) == [
        "modules/readings/kotter-1995.yml:1:1: minutes: warning: the reading has no 'minutes:', so the reading "
        "lists cannot add up its time; add about how many minutes it takes to read, listen to or watch"
    ]


@pytest.mark.parametrize("second,warned", [("2024-07-17", False), ("2024-07-18", True), ("2024-12-01", True)])
def test_run_with_more_than_three_months_between_sessions(project, second, warned):
    found = warnings_for(project, {"runs/test-run.yml": RUN.format(second=second)})
    days = (dt.date.fromisoformat(second) - dt.date(2024, 4, 17)).days
    expected = [
        f"modules/runs/test-run.yml:10:11: sessions[1].date: warning: this session ({second}) is {days} days "
        "after sessions[0] (2024-04-17), more than 3 months; check the date, or give the participants "
        "something to do in between"
    ]
    assert found == (expected if warned else [])


def test_three_months_later_is_the_same_day_or_the_end_of_a_shorter_month():
    assert lint.add_months(dt.date(2024, 4, 17), 3) == dt.date(2024, 7, 17)
    assert lint.add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert lint.add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)


def test_reading_listed_in_two_sessions(project):
    session = CLEAN["sessions/webinar-1.yml"].replace("[kotter-1995]", "[kotter-1995, deci-2000]")
    tool = text("tools/kompetencehjulet.yml") + "readings: [kotter-1995]\n"
    assert warnings_for(project, {"sessions/webinar-1.yml": session, "tools/kompetencehjulet.yml": tool}) == [
        "modules/sessions/webinar-1.yml:7:25: readings[1]: warning: the reading 'deci-2000' is also listed in "
        "session 'workshop-1'; list each reading in one session, so that it appears once on the reading list",
        "modules/sessions/workshop-1.yml:16:5: readings[0]: warning: the reading 'deci-2000' is also listed in "
        "session 'webinar-1'; list each reading in one session, so that it appears once on the reading list",
    ]  # a tool listing a session's reading is fine


def test_reading_listed_twice_in_one_session(project):
    session = CLEAN["sessions/webinar-1.yml"].replace("[kotter-1995]", "[kotter-1995, kotter-1995]")
    found = warnings_for(project, {"sessions/webinar-1.yml": session})
    assert found == [
        "modules/sessions/webinar-1.yml:7:12: readings[0]: warning: the reading 'kotter-1995' is listed more than "
        "once in this session (also readings[1]); remove the repetition",
        "modules/sessions/webinar-1.yml:7:25: readings[1]: warning: the reading 'kotter-1995' is listed more than "
        "once in this session (also readings[0]); remove the repetition",
    ]


# ------------------------------------------------------------------ the command


def test_check_without_warnings_exits_0(project):
    write_modules(project, CLEAN)
    for args in (["check"], ["check", "--strict"]):
        result = curriculum_cli(*args, cwd=project)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(
            "modules: no problems and no warnings found (2 sessions, 2 tools, 2 readings, 1 run)"
        )
        assert result.stderr == ""


def test_warnings_exit_0_and_1_under_strict(project):
    write_modules(project, {**CLEAN, "tools/ubrugt.yml": UNUSED_TOOL})
    expected = [
        "modules/tools/ubrugt.yml:1:5: id: warning: no session uses this tool, so no session page shows it; name it "
        "under 'tools:' or as a content item's 'tool:' in a session, or delete this file"
    ]
    result = curriculum_cli("check", cwd=project)
    assert result.returncode == 0
    assert result.stderr.splitlines() == expected + [
        "1 warning found; the site can still be built. Fix the lines above, or leave what is intended."
    ]
    strict = curriculum_cli("check", "--strict", cwd=project)
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == expected + [
        "1 warning found; --strict counts warnings as problems. Fix the lines above and check again."
    ]


def test_hard_errors_exit_1_and_come_without_warnings(project):
    broken = UNUSED_TOOL.replace("    summary: Bruges ikke.\n", "")
    write_modules(project, {**CLEAN, "tools/ubrugt.yml": broken})
    for args in (["check"], ["check", "--strict"]):
        result = curriculum_cli(*args, cwd=project)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "modules/tools/ubrugt.yml:1:1: summary: the required field 'summary' is missing; add it",
            "1 problem found; nothing was built. Fix the lines above and build again.",
        ]
        assert "warning" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_the_warnings_do_not_stop_the_site_build(project):
    """Warnings are for `curriculum check`; validation (and so the build) still accepts the files."""
    modules = write_modules(project, {"tools/ubrugt.yml": UNUSED_TOOL})  # conftest's webinar-1 warns twice more
    assert len(lint.check(load_curriculum(modules))) == 3
    assert curriculum_cli("validate", cwd=project).returncode == 0


def test_the_english_fixture_course_gets_the_warnings_it_deserves(monkeypatch):
    """No contact address, a Danish report without minutes or source, a reading in two sessions and a last
    session without readings: each warned about once, in the order of the files, and nothing else."""
    monkeypatch.chdir(ROOT / "tests" / "courses" / "en")
    found = [str(w) for w in lint.check(load_curriculum(Path("modules")))]
    assert [w.split(": warning: ")[0] for w in found] == [
        "modules/course.yml:3:1: contact",
        "modules/readings/digital-dk-2022.yml:1:1: minutes",
        "modules/readings/digital-dk-2022.yml:1:1: source",
        "modules/sessions/adoption.yml:9:12: readings[0]",
        "modules/sessions/closing.yml:1:1: readings",
        "modules/sessions/opening.yml:18:12: readings[0]",
    ], found


def test_every_warning_about_the_published_course_names_a_line_of_one_of_its_files(monkeypatch, course):
    """`curriculum check` on modules/: each warning in the problems' format, at a line that exists."""
    monkeypatch.chdir(ROOT)
    for warning in lint.check(course.curriculum):
        text = str(warning)
        where, _, message = text.partition(": warning: ")
        file, line, column, field = re.fullmatch(r"(modules/[^:]+\.yml):(\d+):(\d+): (.+)", where).groups()
        lines = (ROOT / file).read_text("utf-8").splitlines()
        assert 1 <= int(line) <= max(len(lines), 1) and int(column) >= 1, text
        assert field and message, text
    result = curriculum_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings, but no problem


@pytest.mark.parametrize("year,warned", [(2024, False), (2025, True)])
def test_a_session_more_than_a_year_from_the_rest_of_its_run(project, year, warned):
    """A year typed wrong: 2025-06-12 next to sessions in April and May 2024."""
    third = RUN.format(second="2024-05-15") + (
        f'  - module: webinar-2\n    date: {year}-06-12\n    start: "13:00"\n    end: "15:00"\n    online: true\n'
    )
    webinar = text("sessions/webinar-1.yml").replace("webinar-1", "webinar-2")
    found = [
        w
        for w in warnings_for(project, {"runs/test-run.yml": third, "sessions/webinar-2.yml": webinar})
        if "more than a year" in w
    ]
    expected = [
        "modules/runs/test-run.yml:15:11: sessions[2].date: warning: this session (2025-06-12) is more than "
        "a year from every other date of the run (the nearest is 393 days away); check the year"
    ]
    assert found == (expected if warned else [])


def test_a_peer_group_of_one_member_is_allowed_with_a_warning(project):
    run = text("runs/test-run.yml") + textwrap.dedent("""\
        buddy:
          groups:
            - id: alene
              members: [Kommune A]
            - id: par
              members: [Kommune B, Kommune C]
        """)
    assert warnings_for(project, {"runs/test-run.yml": run}) == [
        "modules/runs/test-run.yml:17:16: buddy.groups[0].members: warning: the group 'alene' has one member; "
        "add the others it meets with under 'members:', or join it with another group"
    ]


def test_habits_of_a_word_processor_are_warned_about_where_they_stand(project):
    """Typographic quotes around a text (read as quotes: the site leaves them out), an HTML tag and a
    Markdown heading (shown as typed) each get a warning at the character that shows them."""
    session = (
        CLEAN["sessions/webinar-1.yml"]
        .replace("title: Første webinar", "title: “Første webinar”")
        .replace("summary: Vi fortsætter.", "summary: |\n          Vi <b>fortsætter</b>.\n          ## Mål\n")
    )
    modules = write_modules(project, {**CLEAN, "sessions/webinar-1.yml": session})
    curriculum = load_curriculum(modules)
    assert curriculum.sessions["webinar-1"].title == "Første webinar"
    assert [str(w) for w in lint.check(curriculum)] == [
        "modules/sessions/webinar-1.yml:2:8: title: warning: the text is wrapped in the typographic quotes “…” (as "
        'Word writes them); they were read as quotes and the site leaves them out, but write straight quotes "..." '
        "or none, so that the file says what the site shows",
        "modules/sessions/webinar-1.yml:6:6: summary: warning: the text holds the HTML tag <b>, which the site shows "
        "as typed, not as formatting; remove it (write *word* for emphasis and **word** for bold)",
        "modules/sessions/webinar-1.yml:7:3: summary: warning: the line '## Mål' starts with '#', which the site "
        "shows as typed, not as a heading; remove the '#' signs (a field's text has no headings)",
    ]
