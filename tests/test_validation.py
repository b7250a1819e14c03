"""Every kind of bad input gives one line per problem: file:line:column: field: what to do."""

from __future__ import annotations

import textwrap

import pytest

from conftest import MINIMAL, cli, curriculum_cli, write_modules
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum


def problems(tmp_path, files) -> list[str]:
    write_modules(tmp_path, files)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    return [str(p) for p in caught.value.problems]


def test_minimal_curriculum_is_valid(modules_dir):
    cur = load_curriculum(modules_dir)
    assert sorted(cur.sessions) == ["webinar-1", "workshop-1"]
    assert cur.runs["test-run"].sessions[0].start.hour == 9


def test_unknown_key_suggests_the_right_one(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinar
        themes: [Fortsættelsen]
        sumary: Vi fortsætter.
        """
        },
    )
    assert found == [
        "modules/sessions/webinar-1.yml:1:1: summary: feltet 'summary' skal være med, men mangler; tilføj det",
        "modules/sessions/webinar-1.yml:5:1: sumary: feltet 'sumary' kendes ikke (mente du "
        "'summary'?); tjek stavningen, eller fjern det",
    ]


def test_missing_required_field_in_nested_block(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "tools/kompetencehjulet.yml": """\
        id: kompetencehjulet
        title: Kompetencehjulet
        summary: Et hjul.
        origin:
          year: 2020
        use_with_staff:
          - Brug det.
        """
        },
    )
    assert found == [
        "modules/tools/kompetencehjulet.yml:5:3: origin.creator: feltet 'creator' skal være med, men "
        "mangler; tilføj det"
    ]


def test_wrong_types(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "readings/deci-2000.yml": """\
        id: deci-2000
        title: 2000
        creator: Edward L. Deci og Richard M. Ryan
        year: sidste år
        kind: article
        minutes: 45
        note: Grundteksten.
        """
        },
    )
    assert found == [
        "modules/readings/deci-2000.yml:2:8: title: her skal stå en tekst, men der står et helt tal; "
        "sæt det i anførselstegn, hvis det er ment som tekst",
        "modules/readings/deci-2000.yml:4:7: year: her skal stå et helt tal, men der står 'sidste år'",
    ]


def test_list_expected(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinar
        themes: Fortsættelsen
        summary: Vi fortsætter.
        """
        },
    )
    assert found == [
        "modules/sessions/webinar-1.yml:4:9: themes: her skal stå en liste (linjer, der begynder med "
        "'- '), men der står en tekst"
    ]


def test_unknown_tool_reference_with_suggestion(modules_dir, tmp_path):
    found = problems(
        tmp_path, {"sessions/workshop-1.yml": MINIMAL_WORKSHOP.replace("  - kompetencehjulet", "  - kompetencehjulett")}
    )
    assert found == [
        "modules/sessions/workshop-1.yml:14:5: tools[1]: der er intet værktøj med id'et "
        "'kompetencehjulett' (mente du 'kompetencehjulet'?); brug id'et på en fil i modules/tools/"
    ]


def test_unknown_tool_in_content_item_and_unknown_reading(modules_dir, tmp_path):
    text = MINIMAL_WORKSHOP.replace("    tool: teknologiradar", "    tool: teknologiradr").replace(
        "  - deci-2000", "  - ryan-2017"
    )
    found = problems(tmp_path, {"sessions/workshop-1.yml": text})
    assert found == [
        "modules/sessions/workshop-1.yml:11:11: content[0].tool: der er intet værktøj med id'et "
        "'teknologiradr' (mente du 'teknologiradar'?); brug id'et på en fil i modules/tools/",
        "modules/sessions/workshop-1.yml:16:5: readings[0]: der er ingen litteratur med id'et "
        "'ryan-2017'; brug id'et på en fil i modules/readings/",
    ]


def test_unknown_session_in_run(modules_dir, tmp_path):
    found = problems(tmp_path, {"runs/test-run.yml": MINIMAL_RUN.replace("module: webinar-1", "module: webinar-2")})
    assert found == [
        "modules/runs/test-run.yml:9:13: sessions[1].module: der er ingen session med id'et "
        "'webinar-2' (mente du 'webinar-1'?); brug id'et på en fil i modules/sessions/"
    ]


def test_id_must_be_the_file_name(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "tools/radar-kopi.yml": """\
        id: teknologiradar
        title: Kopi
        summary: Kopi.
        origin:
          creator: X
        use_with_staff: [Brug den.]
        """
        },
    )
    assert found == [
        "modules/tools/radar-kopi.yml:1:5: id: id'et 'teknologiradar' er ikke det samme som filnavnet "
        "'radar-kopi.yml'; en fils id er dens navn, så omdøb filen til teknologiradar.yml, eller ret "
        "id'et til 'radar-kopi'"
    ]


def test_duplicate_ids(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "tools/teknologiradar.yaml": """\
        id: teknologiradar
        title: Kopi
        summary: Kopi.
        origin:
          creator: X
        use_with_staff: [Brug den.]
        """
        },
    )
    assert found == [
        "modules/tools/teknologiradar.yml:1:5: id: id'et 'teknologiradar' bruges allerede af "
        "modules/tools/teknologiradar.yaml; hver fil skal have sit eget id"
    ]


def test_invalid_date_and_time(modules_dir, tmp_path):
    text = MINIMAL_RUN.replace("date: 2024-04-17", "date: 2024-02-30").replace('start: "13:00"', "start: 25:00")
    found = problems(tmp_path, {"runs/test-run.yml": text})
    assert found == [
        "modules/runs/test-run.yml:5:11: sessions[0].date: '2024-02-30' er ikke en gyldig dato; skriv "
        "den som ÅÅÅÅ-MM-DD, fx 2024-04-08",
        "modules/runs/test-run.yml:11:12: sessions[1].start: '25:00' er ikke et gyldigt klokkeslæt; "
        "skriv det som TT:MM med 24-timers ur, fx 13:00",
    ]


def test_end_before_start(modules_dir, tmp_path):
    found = problems(
        tmp_path, {"runs/test-run.yml": MINIMAL_RUN.replace('end: "15:00"\n    place', 'end: "08:30"\n    place')}
    )
    assert found == [
        (
            "modules/runs/test-run.yml:7:10: sessions[0].end: sessionen skal slutte, efter at den "
            "begynder, men den begynder kl. 09:00 og slutter kl. 08:30; ret 'start' eller 'end'"
        )
    ]


def test_sessions_out_of_order_and_overlapping(modules_dir, tmp_path):
    out_of_order = MINIMAL_RUN.replace("date: 2024-05-15", "date: 2024-04-01")
    assert problems(tmp_path, {"runs/test-run.yml": out_of_order}) == [
        "modules/runs/test-run.yml:10:11: sessions[1].date: sessionen her (2024-04-01 13:00) ligger "
        "før sessions[0] (2024-04-17 09:00); skriv sessionerne i den rækkefølge, de foregår i"
    ]
    overlapping = MINIMAL_RUN.replace("date: 2024-05-15", "date: 2024-04-17")
    assert problems(tmp_path, {"runs/test-run.yml": overlapping}) == [
        "modules/runs/test-run.yml:11:12: sessions[1].start: sessionen begynder kl. 13:00 den "
        "2024-04-17, før sessions[0] slutter kl. 15:00; flyt en af dem"
    ]


def test_session_without_place(modules_dir, tmp_path):
    found = problems(tmp_path, {"runs/test-run.yml": MINIMAL_RUN.replace("    place: Odense\n", "")})
    assert found == [
        "modules/runs/test-run.yml:4:5: sessions[0]: skriv, hvor sessionen foregår: tilføj 'place: "
        "...' eller 'online: true'"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "www.example.org"])
def test_url_schemes_other_than_http_https_mailto_are_refused(modules_dir, tmp_path, url):
    text = MINIMAL_READING + f"url: {url}\n"
    found = problems(tmp_path, {"readings/deci-2000.yml": text})
    assert found == [
        "modules/readings/deci-2000.yml:10:6: url: et link skal begynde med http://, https:// eller "
        "mailto: (udelad feltet, hvis der ikke er nogen adresse)"
    ]


def test_unknown_format_suggests_one(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "sessions/webinar-1.yml": """\
        id: webinar-1
        title: Første webinar
        format: webinr
        themes: [Fortsættelsen]
        summary: Vi fortsætter.
        """
        },
    )
    assert found == [
        "modules/sessions/webinar-1.yml:3:9: format: 'webinr' er ikke en af kursets sessionsformer "
        "(mente du 'webinar'?); brug en af disse: kick-off-webinar, workshop, webinar, "
        "kick-out-webinar, eller tilføj den under 'vocabulary: formats:' i modules/course.yml"
    ]


def test_bad_id(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "sessions/webinar-1.yml": """\
        id: Webinar 1
        title: Første webinar
        format: webinar
        themes: [Fortsættelsen]
        summary: Vi fortsætter.
        """
        },
    )
    assert found == [
        "modules/sessions/webinar-1.yml:1:5: id: 'Webinar 1' er ikke et gyldigt id; brug små bogstaver "
        "a-z, tal og bindestreger, fx 'webinar-1' (et id har ingen æ, ø eller å: skriv dem som ae, oe og aa)"
    ]  # and the run's reference to webinar-1 is not reported as a second, misleading problem


def test_all_problems_in_all_files_are_reported_together(modules_dir, tmp_path):
    found = problems(
        tmp_path,
        {
            "course.yml": "title: [\n",
            "tools/kompetencehjulet.yml": "",
            "runs/test-run.yml": MINIMAL_RUN.replace("date: 2024-04-17", "date: 17-04-2024"),
        },
    )
    files = [p.split(":")[0] for p in found]
    assert files == ["modules/course.yml", "modules/runs/test-run.yml", "modules/tools/kompetencehjulet.yml"]
    # the session points at the empty tool file by its name: that is not reported as a second problem
    assert "unknown tool 'kompetencehjulet'" not in "\n".join(found)


def test_missing_course_file_and_no_run(modules_dir, tmp_path):
    (tmp_path / "modules" / "course.yml").unlink()
    (tmp_path / "modules" / "runs" / "test-run.yml").unlink()
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    text = caught.value.report()
    assert "modules/course.yml:1:1: kursusfilen mangler" in text
    assert "modules/runs/:1:1: der er ingen fil med et forløb" in text


def test_validate_command_reports_and_exits_1_without_traceback(modules_dir, tmp_path):
    write_modules(tmp_path, {"runs/test-run.yml": MINIMAL_RUN.replace("module: webinar-1", "module: webinar-2")})
    result = curriculum_cli("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [
        "modules/runs/test-run.yml:9:13: sessions[1].module: der er ingen session med id'et "
        "'webinar-2' (mente du 'webinar-1'?); brug id'et på en fil i modules/sessions/",
        "Der er 1 problem, så intet er bygget. Ret linjen ovenfor, og byg igen.",
    ]


def test_validate_command_succeeds_on_valid_modules(modules_dir, tmp_path):
    result = cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "modules: ingen problemer (2 sessioner, 2 værktøjer, 1 litteraturhenvisning, 1 forløb)" in result.stdout


MINIMAL_WORKSHOP = textwrap.dedent(MINIMAL["sessions/workshop-1.yml"])
MINIMAL_RUN = textwrap.dedent(MINIMAL["runs/test-run.yml"])
MINIMAL_READING = textwrap.dedent(MINIMAL["readings/deci-2000.yml"])


def test_danish_clock_in_quotes_is_accepted(modules_dir, tmp_path):
    write_modules(tmp_path, {"runs/test-run.yml": MINIMAL_RUN.replace('start: "13:00"', 'start: "13.00"')})
    run = load_curriculum(tmp_path / "modules").runs["test-run"]
    assert run.sessions[1].start.hour == 13 and run.sessions[1].start.minute == 0


def test_every_message_of_the_pydantic_table_can_be_filled():
    """Each placeholder of a row is a fact the table computes (a row naming another would end in an internal
    error, only for the input that reaches it), and each of pydantic's types worded by another row finds it."""
    import string

    from curriculum.messages import catalogue, languages
    from curriculum.validation.pydantic_messages import AT_KEY, FACTS, MESSAGES, ROWS

    for language in languages():  # one table per language
        for row, key in MESSAGES.items():
            entry = catalogue(language)[key]
            for text in entry.values() if isinstance(entry, dict) else [entry]:
                names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                assert names <= set(FACTS) | {"count"}, (language, row)
    assert set(ROWS.values()) | AT_KEY <= set(MESSAGES)
