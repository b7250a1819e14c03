"""`curriculum check`: content warnings at the line of the value, and the exit codes."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, cli, curriculum_cli, write_modules
from curriculum import lint
from curriculum.say import speaking
from curriculum.validation import load_curriculum

# The minimal curriculum of conftest, made free of warnings: its course names its language, the webinar gets a
# question and a reading of its own.
CLEAN = {
    "course.yml": MINIMAL["course.yml"].rstrip(" ") + "        language: da\n",
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
        "modules/sessions/webinar-1.yml:1:1: questions: advarsel: sessionen har intet "
        "refleksionsspørgsmål; tilføj mindst ét under 'questions:' (hjemmesiden viser det på "
        "sessionens side og på forsiden)",
        "modules/sessions/webinar-1.yml:1:1: readings: advarsel: sessionen har ingen litteratur; skriv "
        "id'et på en fil i modules/readings/ under 'readings:'",
    ]


def test_empty_lists_are_pointed_at_where_they_stand(project):
    session = CLEAN["sessions/webinar-1.yml"].replace("[Hvad tager du med?]", "[]").replace("[kotter-1995]", "[]")
    found = warnings_for(project, {"sessions/webinar-1.yml": session, "readings/kotter-1995.yml": None})
    assert found[0].startswith(
        "modules/sessions/webinar-1.yml:6:12: questions: advarsel: sessionen har intet refleksionsspørgsmål"
    )
    assert found[1].startswith(
        "modules/sessions/webinar-1.yml:7:11: readings: advarsel: sessionen har ingen litteratur"
    )


def test_session_no_run_includes(project):
    extra = CLEAN["sessions/webinar-1.yml"].replace("webinar-1", "ekstra").replace("kotter-1995", "deci-2000")
    found = warnings_for(project, {"sessions/ekstra.yml": extra})
    assert (
        "modules/sessions/ekstra.yml:1:5: id: advarsel: intet forløb har denne session med, så ingen hjemmeside "
        "viser den; tilføj '- module: ekstra' med dato og tid under sessionerne i en fil i modules/runs/, eller "
        "slet denne fil" in found
    )


def test_tool_no_session_uses(project):
    assert warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL}) == [
        "modules/tools/ubrugt.yml:1:5: id: advarsel: ingen session bruger dette værktøj, så ingen "
        "sessionsside viser det; nævn det under 'tools:' eller som 'tool:' i et punkt under 'content:' "
        "i en session, eller slet denne fil"
    ]


def test_tool_used_only_by_a_session_that_no_run_includes(project):
    extra = (
        CLEAN["sessions/webinar-1.yml"]
        .replace("webinar-1", "ekstra")
        .replace("readings: [kotter-1995]", "tools: [ubrugt]")
    )
    found = warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL, "sessions/ekstra.yml": extra})
    assert (
        "modules/tools/ubrugt.yml:1:5: id: advarsel: kun sessioner, som intet forløb har med, bruger dette "
        "værktøj ('ekstra'); tilføj en af dem til et forløb i modules/runs/, eller brug værktøjet i en session "
        "i et forløb"
    ) in found


def test_tool_used_in_a_content_item_counts_as_used(project):
    session = text("sessions/webinar-1.yml") + "content:\n  - title: Oplæg\n    tool: ubrugt\n"
    assert warnings_for(project, {"tools/ubrugt.yml": UNUSED_TOOL, "sessions/webinar-1.yml": session}) == []


def test_reading_no_session_or_tool_lists(project):
    unused = CLEAN["readings/kotter-1995.yml"].replace("kotter-1995", "ulaest")
    assert warnings_for(project, {"readings/ulaest.yml": unused}) == [
        "modules/readings/ulaest.yml:1:5: id: advarsel: ingen session eller noget værktøj henviser til "
        "denne litteratur, så ingen litteraturliste viser den; skriv dens id under 'readings:' i en "
        "session eller et værktøj, eller slet denne fil"
    ]


def test_reading_listed_only_by_a_tool_counts_as_used(project):
    unused = CLEAN["readings/kotter-1995.yml"].replace("kotter-1995", "ulaest")
    tool = text("tools/kompetencehjulet.yml") + "readings: [ulaest]\n"
    assert warnings_for(project, {"readings/ulaest.yml": unused, "tools/kompetencehjulet.yml": tool}) == []


def test_reading_without_source_or_url(project):
    reading = text("readings/kotter-1995.yml").replace("source: Harvard Business Review 73(2)\n", "")
    assert warnings_for(project, {"readings/kotter-1995.yml": reading}) == [
        "modules/readings/kotter-1995.yml:1:1: source: advarsel: der står hverken, hvor litteraturen "
        "er udgivet, eller hvor den findes; tilføj 'source:' (tidsskrift, forlag eller organisation) "
        "eller 'url:'"
    ]
    with_url = reading + "url: https://hbr.org/1995/05/leading-change-why-transformation-efforts-fail-2\n"
    assert warnings_for(project, {"readings/kotter-1995.yml": with_url}) == []


def test_reading_without_minutes(project):
    reading = text("readings/kotter-1995.yml").replace("minutes: 25\n", "")
    assert warnings_for(project, {"readings/kotter-1995.yml": reading}) == [
        "modules/readings/kotter-1995.yml:1:1: minutes: advarsel: litteraturen har ingen 'minutes:', "
        "så litteraturlisterne kan ikke lægge tiden sammen; skriv omtrent, hvor mange minutter det "
        "tager at læse, lytte eller se"
    ]


@pytest.mark.parametrize("second,warned", [("2024-07-17", False), ("2024-07-18", True), ("2024-12-01", True)])
def test_run_with_more_than_three_months_between_sessions(project, second, warned):
    found = warnings_for(project, {"runs/test-run.yml": RUN.format(second=second)})
    days = (dt.date.fromisoformat(second) - dt.date(2024, 4, 17)).days
    expected = [
        f"modules/runs/test-run.yml:10:11: sessions[1].date: advarsel: sessionen her ({second}) ligger {days} "
        "dage efter sessions[0] (2024-04-17), mere end 3 måneder; tjek datoen, eller giv deltagerne noget at "
        "arbejde med imens"
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
        "modules/sessions/webinar-1.yml:7:25: readings[1]: advarsel: litteraturen 'deci-2000' står "
        "også i sessionen 'workshop-1'; skriv hver litteraturhenvisning i én session, så den kun står "
        "én gang på litteraturlisten",
        "modules/sessions/workshop-1.yml:16:5: readings[0]: advarsel: litteraturen 'deci-2000' står "
        "også i sessionen 'webinar-1'; skriv hver litteraturhenvisning i én session, så den kun står "
        "én gang på litteraturlisten",
    ]  # a tool listing a session's reading is fine


def test_reading_listed_twice_in_one_session(project):
    session = CLEAN["sessions/webinar-1.yml"].replace("[kotter-1995]", "[kotter-1995, kotter-1995]")
    found = warnings_for(project, {"sessions/webinar-1.yml": session})
    assert found == [
        "modules/sessions/webinar-1.yml:7:12: readings[0]: advarsel: litteraturen 'kotter-1995' står "
        "mere end én gang i denne session (også i readings[1]); fjern gentagelsen",
        "modules/sessions/webinar-1.yml:7:25: readings[1]: advarsel: litteraturen 'kotter-1995' står "
        "mere end én gang i denne session (også i readings[0]); fjern gentagelsen",
    ]


# ------------------------------------------------------------------ the command


def test_check_without_warnings_exits_0(project):
    write_modules(project, CLEAN)
    for args in (["check"], ["check", "--strict"]):
        result = cli(*args, cwd=project)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(
            "modules: ingen problemer og ingen advarsler (2 sessioner, 2 værktøjer, 2 litteraturhenvisninger, 1 forløb)"
        )
        assert result.stderr == ""


def test_warnings_exit_0_and_1_under_strict(project):
    write_modules(project, {**CLEAN, "tools/ubrugt.yml": UNUSED_TOOL})
    expected = [
        "modules/tools/ubrugt.yml:1:5: id: advarsel: ingen session bruger dette værktøj, så ingen "
        "sessionsside viser det; nævn det under 'tools:' eller som 'tool:' i et punkt under 'content:' "
        "i en session, eller slet denne fil"
    ]
    result = curriculum_cli("check", cwd=project)
    assert result.returncode == 0
    assert result.stderr.splitlines() == expected + [
        "Der er 1 advarsel; hjemmesiden kan stadig bygges. Ret linjen ovenfor, eller lad den stå, hvis "
        "den er ment sådan."
    ]
    strict = curriculum_cli("check", "--strict", cwd=project)
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == expected + [
        "Der er 1 advarsel, og med --strict tæller advarsler som problemer. Ret linjen ovenfor, og tjek igen."
    ]


def test_hard_errors_exit_1_and_come_without_warnings(project):
    broken = UNUSED_TOOL.replace("    summary: Bruges ikke.\n", "")
    write_modules(project, {**CLEAN, "tools/ubrugt.yml": broken})
    for args in (["check"], ["check", "--strict"]):
        result = cli(*args, cwd=project)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "modules/tools/ubrugt.yml:1:1: summary: feltet 'summary' skal være med, men mangler; tilføj det",
            "Der er 1 problem, så intet er bygget. Ret linjen ovenfor, og byg igen.",
        ]
        assert "warning" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_the_warnings_do_not_stop_the_site_build(project):
    """Warnings are for `curriculum check`; validation (and so the build) still accepts the files."""
    # conftest's webinar-1 warns twice more, its course.yml once (no language:)
    modules = write_modules(project, {"tools/ubrugt.yml": UNUSED_TOOL})
    assert len(lint.check(load_curriculum(modules))) == 4
    assert cli("validate", cwd=project).returncode == 0


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
        where, _, message = text.partition(": " + course.said("report.lint.prefix"))
        file, line, column, field = re.fullmatch(r"(modules/[^:]+\.yml):(\d+):(\d+): (.+)", where).groups()
        lines = (ROOT / file).read_text("utf-8").splitlines()
        assert 1 <= int(line) <= max(len(lines), 1) and int(column) >= 1, text
        assert field and message, text
    result = cli("check", cwd=ROOT)
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
        if "mere end et år" in w
    ]
    expected = [
        "modules/runs/test-run.yml:15:11: sessions[2].date: advarsel: sessionen her (2025-06-12) ligger mere "
        "end et år fra alle forløbets andre datoer (den nærmeste er 393 dage væk); tjek årstallet"
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
        "modules/runs/test-run.yml:17:16: buddy.groups[0].members: advarsel: gruppen 'alene' har kun "
        "ét medlem; skriv de andre, den mødes med, under 'members:', eller slå den sammen med en anden gruppe"
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
        "modules/sessions/webinar-1.yml:2:8: title: advarsel: teksten står i de typografiske "
        "anførselstegn “…” (sådan som Word skriver dem); de er læst som anførselstegn, og hjemmesiden "
        'udelader dem, men skriv almindelige anførselstegn "..." eller ingen, så filen siger det '
        "samme, som hjemmesiden viser",
        "modules/sessions/webinar-1.yml:6:6: summary: advarsel: teksten indeholder HTML-koden <b>, som "
        "hjemmesiden viser, som den står, ikke som formatering; fjern den (skriv *ord* for kursiv og "
        "**ord** for fed)",
        "modules/sessions/webinar-1.yml:7:3: summary: advarsel: linjen '## Mål' begynder med '#', som "
        "hjemmesiden viser, som den står, ikke som en overskrift; fjern '#'-tegnene (tekst i et felt "
        "har ingen overskrifter)",
    ]


JOURNEY = """\
    id: rejsen
    title: Rejsen
    summary: En rejse i tre faser.
    description: {description}
    origin:
      creator: X
    visual:
      kind: journey
      note: {note}
      phases: [{{name: Intro}}, {{name: Match}}, {{name: Godt i gang}}, {{name: Feedback}}]
      lanes: [{{name: Observere}}, {{name: Spørge}}]
    """


def said_beside(tmp_path, description: str, note: str = "Et eksempel.", content: str = "") -> list[str]:
    session = text("sessions/webinar-1.yml") + "tools: [rejsen]\n" + content
    found = warnings_for(
        tmp_path,
        {"tools/rejsen.yml": JOURNEY.format(description=description, note=note), "sessions/webinar-1.yml": session},
    )
    return [w for w in found if "billedet ved siden af" in w]


def test_a_text_that_says_again_what_the_picture_beside_it_shows_is_warned_about(project):
    """The journey said three times (issue 22): a description listing its phases, a note listing its lanes,
    and a session's text about the tool doing the same. Three names of one list are a repetition; two lanes,
    or two phases in passing, are not."""
    assert said_beside(project, "Faserne er intro, match, godt i gang og feedback.") == [
        "modules/tools/rejsen.yml:4:14: description: advarsel: teksten nævner Intro, Match, Godt i gang, Feedback, "
        "som billedet ved siden af selv viser, så siden siger det to gange; skriv i stedet det, billedet ikke "
        "siger: hvad værktøjet er til, og hvordan man bruger det"
    ]
    assert said_beside(project, "Fra intro til match.", note="Observere og spørge.") == []
    assert said_beside(project, "Matchet.", note="Intro, match og feedback er eksempler.")[0].startswith(
        "modules/tools/rejsen.yml:9:9: visual.note: "
    )
    item = "content:\n  - title: Rejsen\n    tool: rejsen\n    description: Vi går fra intro over match til feedback.\n"
    line = (text("sessions/webinar-1.yml") + "tools: [rejsen]\n" + item).splitlines().index(item.splitlines()[-1])
    assert [w.split(": advarsel")[0] for w in said_beside(project, "Brug den.", content=item)] == [
        f"modules/sessions/webinar-1.yml:{line + 1}:18: content[0].description"
    ]


@pytest.mark.published
def test_no_course_here_says_a_picture_again_beside_it(monkeypatch):
    """The published course and every fixture course: no text beside a picture names its parts again."""
    courses = [ROOT, *(path.parent.parent for path in (ROOT / "tests" / "courses").glob("*/modules/course.yml"))]
    assert len(courses) >= 4
    for root in courses:
        monkeypatch.chdir(root)
        curriculum = load_curriculum(Path("modules"))
        assert [t for t in curriculum.tools.values() if t.visual is not None], root
        with speaking(curriculum.messages.language):
            found = [str(w) for w in lint.said_beside_the_picture(curriculum)]
        assert found == [], found
