"""Several runs of one curriculum: own dates per run, agendas on the run's clock, buddy groups.

The messages for an unknown module and for overlapping sessions are tested in test_validation.py
(test_unknown_session_in_run, test_sessions_out_of_order_and_overlapping); the agenda overrun and
the buddy meetings are tested here.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from conftest import ROOT, write_modules
from curriculum.engine import generate
from curriculum.problems import CurriculumError
from curriculum.programme import build_programme
from curriculum.validation import load_curriculum

# The English fixture course has two runs of the same modules: autumn 2026, and a made-up spring 2027
# (example: true) across the change to summer time in London, with other peer groups.
FIXTURE = ROOT / "tests" / "courses" / "en" / "modules"
AUTUMN, SPRING = "autumn-2026", "spring-2027"


# ------------------------------------------------------------- two runs of one course


@pytest.fixture(scope="module")
def sites():
    return {run: generate(FIXTURE, run) for run in (AUTUMN, SPRING)}


def test_two_runs_of_the_same_modules_give_two_sites_with_their_own_dates(sites):
    autumn, spring = sites[AUTUMN].pages["index.md"], sites[SPRING].pages["index.md"]
    assert "Tuesday 8 September 2026" in autumn and "2027" not in autumn
    assert "Tuesday 9 March 2027" in spring and "2026" not in spring
    # the site says which run it shows, and the example says that it is one
    assert "## The programme of Autumn 2026" in autumn
    assert "## The programme of Spring 2027" in spring
    assert "An example of a future cohort" in spring and "future cohort" not in autumn
    # same session content in both: one module, two dates
    a, b = sites[AUTUMN].pages["sessions/adoption.md"], sites[SPRING].pages["sessions/adoption.md"]
    assert "Tuesday 6 October 2026" in a and "Tuesday 20 April 2027" in b
    summary = load_curriculum(FIXTURE).sessions["adoption"].summary
    assert summary in a and summary in b


def test_session_content_is_written_once_in_modules(course):
    """Each session's questions and practice task stand in its own file only: runs hold no content."""
    cur = course.curriculum
    texts = {p: p.read_text("utf-8") for p in (ROOT / "modules").rglob("*.yml")}
    for session in cur.sessions.values():
        for needle in [*session.questions, session.practice.title if session.practice else session.title]:
            holders = [p.name for p, text in texts.items() if needle in text]
            assert holders == [f"{session.id}.yml"], (needle, holders)
    for run_file in (ROOT / "modules" / "runs").glob("*.yml"):
        assert "summary:" not in run_file.read_text("utf-8")


def test_agenda_is_on_the_clock_of_each_run(sites):
    autumn, spring = sites[AUTUMN].pages["sessions/skills.md"], sites[SPRING].pages["sessions/skills.md"]
    assert "| 09:00–10:00 | Presentation | Skills and motivation |" in autumn
    assert "| 10:15–11:30 | Exchange of experience | What works in your teams |" in autumn
    # the spring run starts this workshop at 09:30: every block moves with it
    assert "| 09:30–10:30 | Presentation | Skills and motivation |" in spring
    assert "| 10:45–12:00 | Exchange of experience | What works in your teams |" in spring


def test_every_agenda_of_the_published_runs_fits(course):
    agendas = 0
    for run_id in course.curriculum.runs:
        for item in build_programme(course.curriculum, run_id).sessions:
            assert item.starts + dt.timedelta(minutes=item.session.agenda_minutes) <= item.ends, item.session.id
            agendas += bool(item.session.agenda)
    assert agendas > 0


def test_a_run_without_buddy_groups_has_no_buddy_page(modules_dir):
    site = generate(modules_dir)
    assert "gruppemoederne.md" not in site.pages and "Gruppemøderne" not in str(site.nav)  # the default name
    assert not any("/grupper/" in f for f in site.files)


def test_a_run_with_peer_groups_has_their_page_with_the_questions_of_the_session_before(sites):
    page = sites[SPRING].pages["peer-groups.md"]
    assert {"Peer groups": "peer-groups.md"} in sites[SPRING].nav
    assert "**Shared focus:** Sensors at night" in page
    assert sum(f.startswith("calendar/spring-2027/peer-groups/") for f in sites[SPRING].files) == 2
    # the prompt for the meeting after workshop 1 is drawn from workshop 1
    after = page[page.index("### After Workshop 1") : page.index("### After Workshop 2")]
    assert "Who in your team could teach the others?" in after
    assert "Oak House and Elm House" in after and "Tuesday 6 April 2027" in after
    assert "Home care east" not in after


def test_front_page_embeds_the_dates_for_whats_next(sites):
    front = sites[SPRING].pages["index.md"]
    assert 'id="course-next"' in front and "hidden" in front
    # a session in winter time and one in summer time (London), with the right UTC offset
    assert 'data-course-start="2027-03-09T13:00:00+00:00" data-course-end="2027-03-09T15:00:00+00:00"' in front
    assert 'data-course-start="2027-03-30T09:30:00+01:00"' in front
    assert 'data-course-group="homes" data-course-start="2027-03-16T10:00:00+00:00"' in front
    # without JavaScript the whole programme is still there, compact: date, format, title, place
    assert front.count('<li class="course-programme__item"') == 4
    assert "**Theme:**" not in front and "Theme:" not in front
    # the peer groups to choose from, and the key the choice is kept under (course and run)
    assert '<option value="homes">' in front
    assert 'data-storage-key="curriculum:dcb:spring-2027"' in front


def test_front_page_says_once_that_the_run_is_an_example(sites):
    front = sites[SPRING].pages["index.md"]
    assert front.count("!!! ") == 1  # one note: the example warning carries the run's own note
    assert "An example of a future cohort" in front and "About the dates" not in front
    assert "No dates are fixed yet; the college announces them in January." in front  # the run's note
    assert "Registration and final dates come from the organisers." in front


def test_environment_variable_chooses_the_run_in_the_front_ends_not_the_engine(monkeypatch, course):
    from curriculum.settings import resolve

    other = course.other_run()
    name = course.curriculum.runs[other].name
    monkeypatch.setenv("CURRICULUM_RUN", other)
    assert name not in generate(ROOT / "modules", course.run_id).pages["index.md"]
    chosen = resolve(ROOT / "mkdocs.yml", environ={"CURRICULUM_RUN": other})
    assert chosen.run == other and name in generate(chosen.modules, chosen.run).pages["index.md"]


# ---------------------------------------------------------- messages, small data


def problems(tmp_path, files) -> list[str]:
    write_modules(tmp_path, files)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    return [str(p) for p in caught.value.problems]


WEBINAR_WITH_AGENDA = """\
    id: webinar-1
    title: Første webinar
    format: webinar
    themes: [Fortsættelsen]
    summary: Vi fortsætter.
    agenda:
      - {minutes: 60, kind: oplæg, title: Oplæg}
      - {minutes: 10, kind: pause, title: Pause}
      - {minutes: 75, kind: gruppearbejde, title: Gruppearbejde}
    """


def test_agenda_overrun_names_session_run_and_minutes(modules_dir, tmp_path):
    found = problems(tmp_path, {"sessions/webinar-1.yml": WEBINAR_WITH_AGENDA})
    assert found == [
        "modules/runs/test-run.yml:12:10: sessions[1].end: programmet for sessionen 'webinar-1' kan "
        "ikke nås i forløbet 'test-run': det tager 145 minutter, men 13:00–15:00 giver 120, så det "
        "løber 25 minutter over; flyt 'end' til 15:25, eller gør programmet kortere i "
        "modules/sessions/webinar-1.yml"
    ]


def test_agenda_that_fits_is_shown_on_the_clock(modules_dir, tmp_path):
    run = (
        (tmp_path / "modules/runs/test-run.yml")
        .read_text("utf-8")
        .replace('end: "15:00"\n    online', 'end: "15:30"\n    online')
    )
    write_modules(tmp_path, {"sessions/webinar-1.yml": WEBINAR_WITH_AGENDA, "runs/test-run.yml": run})
    page = generate(tmp_path / "modules").pages["sessioner/webinar-1.md"]
    # a title that only repeats its kind is said once
    assert "| 13.00–14.00 | Oplæg |  |" in page
    assert "| 14.00–14.10 | Pause |  |" in page
    assert "| 14.10–15.25 | Gruppearbejde |  |" in page


def test_unknown_agenda_kind_suggests_one(modules_dir, tmp_path):
    text = WEBINAR_WITH_AGENDA.replace("kind: pause", "kind: pauser")
    found = problems(tmp_path, {"sessions/webinar-1.yml": text})
    kinds = [p for p in found if p.startswith("modules/sessions/")]
    assert len(kinds) == 1
    assert kinds[0].startswith(
        "modules/sessions/webinar-1.yml:8:25: agenda[1].kind: 'pauser' er ikke en af kursets typer af "
        "programpunkter (mente du 'pause'?); brug en af disse: oplæg, plenum, gruppearbejde,"
    )


def test_a_run_may_leave_out_reorder_and_add_modules(modules_dir, tmp_path):
    extra = "id: webinar-2\ntitle: Ekstra webinar\nformat: webinar\nthemes: [Mere]\nsummary: Mere.\n"
    run = """\
        id: test-run
        name: Testholdet
        sessions:
          - {module: webinar-2, date: 2024-03-01, start: "13:00", end: "15:00", online: true}
          - {module: webinar-1, date: 2024-04-01, start: "13:00", end: "15:00", online: true}
        """
    modules = write_modules(tmp_path, {"sessions/webinar-2.yml": extra, "runs/test-run.yml": run})
    site = generate(modules)
    assert [next(iter(e.values())) for e in site.nav[2]["Programmet"]] == [
        "sessioner/webinar-2.md",
        "sessioner/webinar-1.md",
    ]
    assert "sessioner/workshop-1.md" not in site.pages


BUDDY_RUN = """\
    id: test-run
    name: Testholdet
    sessions:
      - {module: workshop-1, date: 2024-04-17, start: "09:00", end: "15:00", place: Odense}
      - {module: webinar-1, date: 2024-05-15, start: "13:00", end: "15:00", online: true}
    buddy:
      groups:
        - id: skaerm
          focus: Skærmbesøg
          members: [Kommune A, Kommune B]
          meetings:
            - {date: MEETING, start: "14:00", end: "15:00"}
    """


def buddy_run(meeting: str) -> str:
    return textwrap.dedent(BUDDY_RUN).replace("MEETING", meeting)


@pytest.mark.parametrize(
    "meeting,message",
    [
        (
            "2024-04-10",
            "modules/runs/test-run.yml:12:18: buddy.groups[0].meetings[0].date: mødet her (2024-04-10 "
            "14:00) ligger, før forløbets første session er slut (2024-04-17 15:00); grupperne mødes "
            "mellem to sessioner, så ret møderne ved den første session, og læg hvert møde efter den",
        ),
        (
            "2024-05-20",
            "modules/runs/test-run.yml:12:18: buddy.groups[0].meetings[0].date: mødet her (2024-05-20 "
            "14:00) er ikke slut, før forløbets sidste session begynder (2024-05-15 13:00); læg hvert "
            "møde mellem to sessioner",
        ),
        (
            "2024-05-15",
            "modules/runs/test-run.yml:12:18: buddy.groups[0].meetings[0].date: mødet her (2024-05-15 "
            "14:00) er ikke slut, før forløbets sidste session begynder (2024-05-15 13:00); læg hvert "
            "møde mellem to sessioner",
        ),
    ],
)
def test_buddy_meeting_must_fall_between_two_sessions(modules_dir, tmp_path, meeting, message):
    assert problems(tmp_path, {"runs/test-run.yml": buddy_run(meeting)}) == [message]


def test_buddy_meeting_overlapping_a_session(modules_dir, tmp_path):
    run = textwrap.dedent("""\
        id: test-run
        name: Testholdet
        sessions:
          - {module: workshop-1, date: 2024-04-17, start: "09:00", end: "15:00", place: Odense}
          - {module: webinar-1, date: 2024-05-15, start: "13:00", end: "15:00", online: true}
          - {module: webinar-2, date: 2024-06-12, start: "13:00", end: "15:00", online: true}
        buddy:
          groups:
            - id: skaerm
              focus: Skærmbesøg
              members: [Kommune A, Kommune B]
              meetings:
                - {date: 2024-05-15, start: "12:30", end: "13:30"}
        """)
    extra = "id: webinar-2\ntitle: Andet webinar\nformat: webinar\nthemes: [Mere]\nsummary: Mere.\n"
    assert problems(tmp_path, {"runs/test-run.yml": run, "sessions/webinar-2.yml": extra}) == [
        "modules/runs/test-run.yml:13:37: buddy.groups[0].meetings[0].start: mødet her (2024-05-15 "
        "12:30–13:30) falder sammen med sessions[1] (webinar-1, 2024-05-15 13:00–15:00); flyt det, så "
        "det ligger mellem to sessioner"
    ]


def test_buddy_meetings_out_of_order_and_group_of_one(modules_dir, tmp_path):
    run = textwrap.dedent("""\
        id: test-run
        name: Testholdet
        sessions:
          - {module: workshop-1, date: 2024-04-17, start: "09:00", end: "15:00", place: Odense}
          - {module: webinar-1, date: 2024-05-15, start: "13:00", end: "15:00", online: true}
        buddy:
          groups:
            - id: skaerm
              focus: Skærmbesøg
              members: [Kommune A, Kommune B]
              meetings:
                - {date: 2024-05-01, start: "14:00", end: "15:00"}
                - {date: 2024-04-30, start: "14:00", end: "15:00"}
        """)
    assert problems(tmp_path, {"runs/test-run.yml": run}) == [
        "modules/runs/test-run.yml:13:18: buddy.groups[0].meetings[1].date: mødet her (2024-04-30 "
        "14:00) ligger før meetings[0] i samme gruppe; skriv møderne i den rækkefølge, de foregår i"
    ]
    alone = run.replace("[Kommune A, Kommune B]", "[]")
    found = problems(tmp_path, {"runs/test-run.yml": alone})
    assert found == ["modules/runs/test-run.yml:10:16: buddy.groups[0].members: listen er tom; tilføj mindst ét punkt"]


def test_meeting_keys_are_stable_when_a_date_moves(modules_dir, tmp_path):
    def keys(date: str) -> list[str]:
        write_modules(tmp_path, {"runs/test-run.yml": buddy_run(date)})
        programme = build_programme(load_curriculum(tmp_path / "modules"), "test-run")
        return [m.key for m in programme.meetings()]

    assert keys("2024-04-24") == keys("2024-05-08") == ["skaerm.after-workshop-1.1"]
