"""The logbook's prompts: defaults from the run's structure, overrides in a session module, the pages
"Min logbog" and the buddy sheets, the teaching plans, and the words and scripts they use."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, write_modules
from curriculum import logbook
from curriculum.editions import Edition
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.problems import CurriculumError
from markupsafe import escape

WORDS = Messages("da").section("logbook")  # the minimal course's words (conftest's MINIMAL is Danish)
# The English fixture course: a first session with a practice task, two in the middle, a last one, a wheel
# with rounds of its own, and peer groups in its autumn run.
FIXTURE = ROOT / "tests" / "courses" / "en" / "modules"
EN = Messages("en").section("logbook")


def kinds(site_page: str) -> list[str]:
    """The fields of the logbook on a rendered session page, in order."""
    return re.findall(r'data-logbook-field="([^"]+)"', site_page)


@pytest.fixture(scope="module")
def fixture_site():
    return generate(FIXTURE, run="autumn-2026")


def test_defaults_follow_the_structure_of_the_run(fixture_site):
    first = kinds(fixture_site.pages["sessions/opening.md"])
    assert first[:5] == ["case", "goal-1", "goal-2", "goal-3", "opening:notes"]
    assert "opening:practice-tried" in first  # the first session has a practice task
    assert not any(f.startswith("review") for f in first)
    middle = kinds(fixture_site.pages["sessions/skills.md"])
    assert middle == ["skills:notes"]  # no practice task, not the first or the last
    last = kinds(fixture_site.pages["sessions/closing.md"])
    assert "closing:notes" in last
    assert [f for f in last if f.startswith("review")] == [
        "review-1",
        "review-1",
        "review-1",
        "review-1",
        "review-1-note",
        "review-2",
        "review-2",
        "review-2",
        "review-2",
        "review-2-note",
        "review-3",
        "review-3",
        "review-3",
        "review-3",
        "review-3-note",
    ]  # four choices and a note per goal


def test_a_session_without_practice_task_gets_no_practice_log(modules_dir):
    site = generate(modules_dir)
    assert "webinar-1:practice-tried" not in kinds(site.pages["sessioner/webinar-1.md"])
    assert kinds(site.pages["sessioner/workshop-1.md"])[0] == "case"


def test_every_field_has_a_label_and_the_default_words(fixture_site):
    page = fixture_site.pages["sessions/opening.md"]
    assert len(re.findall(r'<textarea id="([^"]+)"', page)) >= 5
    for match in re.finditer(r'<textarea id="([^"]+)"', page):
        assert f'<label for="{match.group(1)}">' in page
    assert EN["prompts"]["case"]["label"] in page and EN["prompts"]["notes"]["label"] in page
    assert escape(EN["privacy"]) in page and escape(EN["noscript"]) in page
    # the course and the run that scope the browser's storage
    assert 'data-logbook-course="DCB" data-logbook-run="autumn-2026"' in page


OVERRIDE = """\
    logbook:
      - kind: question
        prompt: Hvem <i>vil</i> du spørge først?
      - kind: notes
        prompt: Hvad tager du med til næste workshop?
      - kind: question
        prompt: Og hvem derefter?
    """


def test_a_session_module_overrides_the_prompts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    webinar = "id: webinar-1\ntitle: Første webinar\nformat: webinar\nthemes: [F]\nsummary: Vi fortsætter.\n"
    modules = write_modules(
        tmp_path,
        {
            "sessions/webinar-1.yml": webinar + textwrap.dedent(OVERRIDE),
            "sessions/workshop-1.yml": None,
            "runs/test-run.yml": "id: test-run\nname: Holdet\nsessions:\n"
            "  - {module: webinar-1, date: 2024-05-15, start: '13:00', end: '15:00', online: true}\n",
        },
    )
    site = generate(modules)
    page = site.pages["sessioner/webinar-1.md"]
    # only these, in this order: the defaults (case, goals, review of a one-session run) are replaced
    assert kinds(page) == ["webinar-1:question-1", "webinar-1:notes", "webinar-1:question-2"]
    assert "Hvem &lt;i&gt;vil&lt;/i&gt; du spørge først?" in page  # course text is text, never markup
    assert "Hvad tager du med til næste workshop?" in page
    assert WORDS["prompts"]["notes"]["label"] not in page
    overview = site.pages["min-logbog/index.md"]
    assert (
        overview.index("Hvem &lt;i&gt;vil") < overview.index("Hvad tager du med") < overview.index("Og hvem derefter")
    )


def test_an_empty_list_leaves_the_logbook_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    webinar = "id: webinar-1\ntitle: Første webinar\nformat: webinar\nthemes: [F]\nsummary: S.\nlogbook: []\n"
    site = generate(write_modules(tmp_path, {"sessions/webinar-1.yml": webinar}))
    assert "data-course-logbook" not in site.pages["sessioner/webinar-1.md"]
    assert "data-course-logbook" in site.pages["sessioner/workshop-1.md"]


@pytest.mark.parametrize(
    "block,message",
    [
        (
            "logbook:\n  - kind: question\n",
            "webinar-1.yml:8:5: logbook[0]: et punkt af slagsen 'question' skal have sin ordlyd: tilføj 'prompt: ...'",
        ),
        (
            "logbook:\n  - kind: notes\n  - kind: notes\n",
            "webinar-1.yml:8:3: logbook: logbogen har slagsen 'notes' to gange; nævn hver slags én gang",
        ),
        (
            "logbook:\n  - kind: note\n",
            "webinar-1.yml:8:11: logbook[0].kind: 'note' kan ikke bruges her (mente du 'notes'?)",
        ),
    ],
)
def test_a_wrong_logbook_list_is_named_with_its_file_and_line(tmp_path, monkeypatch, block, message):
    monkeypatch.chdir(tmp_path)
    webinar = "id: webinar-1\ntitle: Første webinar\nformat: webinar\nthemes: [F]\nsummary: S.\n"
    modules = write_modules(tmp_path, {"sessions/webinar-1.yml": webinar + "agenda: []\n" + block})
    with pytest.raises(CurriculumError) as caught:
        generate(modules)
    found = [str(p) for p in caught.value.problems]
    assert any(message in line for line in found), found


def test_min_logbog_gathers_everything_in_the_order_of_the_run(fixture_site):
    page = fixture_site.pages["my-logbook/index.md"]
    shown = re.findall(r'data-logbook-show="([^"]+)"', page)
    sessions = [s for s in dict.fromkeys(f.split(":")[0] for f in shown if ":" in f)]
    assert sessions == ["opening", "skills", "adoption", "closing"]
    assert shown.index("case") < shown.index("goal-1") < shown.index("opening:notes") < shown.index("review-1")
    # the wheel's two rounds, an empty cell for each of its areas
    assert 'data-logbook-wheel="skills-wheel"' in page
    wheel = yaml.safe_load((FIXTURE / "tools/skills-wheel.yml").read_text("utf-8"))["visual"]
    assert page.count('data-round="1" data-area=') == len(wheel["areas"]) == 3
    # export, import, print and delete; and a sheet for each gap between two sessions with a meeting in it
    # (meetings after the opening and after skills; none between adoption and closing)
    for action in ("export", "import", "print", "delete", "delete-yes", "delete-no"):
        assert f'data-logbook-action="{action}"' in page
    assert page.count("(peer-group-meeting-after-") == 2


def test_a_run_without_buddy_groups_has_no_sheets_for_their_meetings(modules_dir):
    site = generate(modules_dir)
    assert 'data-logbook-action="export"' in site.pages["min-logbog/index.md"]
    assert "-efter-" not in site.pages["min-logbog/index.md"]
    assert [path for path in site.pages if path.startswith("min-logbog/")] == ["min-logbog/index.md"]


def test_a_buddy_sheet_has_the_questions_of_the_session_before_and_the_notes_under_them(fixture_site):
    sheet = fixture_site.pages["my-logbook/peer-group-meeting-after-opening.md"]
    session = yaml.safe_load((FIXTURE / "sessions/opening.yml").read_text("utf-8"))
    assert sheet.startswith("# Peer group meeting after Kick-off webinar\n")
    assert session["questions"][0] in sheet
    assert session["practice"]["title"] in sheet
    questions_at = sheet.index(session["questions"][0])
    assert questions_at < sheet.index('data-logbook-show="opening:notes"')
    assert questions_at < sheet.index('data-logbook-show="opening:practice-tried"')
    assert EN["sheet_meeting_notes"] in sheet


def test_the_example_run_puts_its_meeting_dates_on_the_sheet():
    site = generate(FIXTURE, run="spring-2027")
    sheet = site.pages["my-logbook/peer-group-meeting-after-skills.md"]
    assert EN["sheet_when"] in sheet and "6 April 2027" in sheet


def test_the_teaching_plans_say_where_the_logbook_is_used():
    site = generate(FIXTURE, run="autumn-2026", edition=Edition.instructor)
    first = site.pages["teaching-plan/opening.md"]
    last = site.pages["teaching-plan/closing.md"]
    middle = site.pages["teaching-plan/skills.md"]
    assert "## " + EN["teaching_heading"] in first
    assert EN["teaching"]["goals"] in first and EN["teaching"]["case"] in first
    assert EN["teaching"]["review"] in last and EN["teaching"]["goals"] not in last
    assert EN["teaching"]["notes"] in middle and EN["teaching"]["review"] not in middle


def test_the_guide_s_example_works_as_written(tmp_path, monkeypatch):
    """The YAML the instructors' guide shows for changing the prompts builds, and its prompts appear."""
    guide = (ROOT / "docs/instruktoervejledning.md").read_text("utf-8")
    section = guide.split("## Deltagernes logbog", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, flags=re.S).group(1)
    assert re.search(r"modules/sessions/[a-z0-9-]+\.yml", section)  # it says which file the lines go into
    # the lines added to a session of the Danish fixture course (the guide's own session is KDL's)
    fixture = ROOT / "tests" / "courses" / "da" / "modules"
    session = (fixture / "sessions/plejecenter.yml").read_text("utf-8")
    assert "\nlogbook:" not in session
    project = tmp_path / "modules"
    shutil.copytree(fixture, project)
    (project / "sessions/plejecenter.yml").write_text(session + block, "utf-8")
    page = generate(project).pages["sessioner/plejecenter.md"]
    prompts = [p["prompt"] for p in yaml.safe_load(block)["logbook"] if "prompt" in p]
    assert prompts
    for prompt in prompts:
        assert prompt in page
    assert kinds(page)[:2] == ["plejecenter:notes", "plejecenter:question-1"]


def test_the_script_and_the_templates_keep_their_words_in_the_labels():
    """No word of the logbook is written in its script: it gets them from the page."""
    script = (ROOT / "content/javascripts/logbook.js").read_text("utf-8")
    assert script.isascii()
    templates = Path(logbook.__file__).parent / "templates"
    for name in (
        "_logbook.md.j2",
        "_logbook_session.md.j2",
        "_logbook_teaching.md.j2",
        "logbook.md.j2",
        "logbook_sheet.md.j2",
    ):
        text = templates.joinpath(name).read_text("utf-8")
        body = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # comments
        body = re.sub(r"\{[{%].*?[%}]\}", "", body, flags=re.S)  # Jinja
        body = re.sub(r"<[^>]+>", "", body)  # markup
        body = re.sub(r'[a-z][a-z-]*="[^"]*"', "", body)  # attributes a macro writes
        body = re.sub(r"\{ \.[a-z_-]+ \}", "", body)  # a Markdown element's class
        words = re.findall(r"[A-Za-zÆØÅæøå]{3,}", body)
        assert words == [], f"{name} writes words of its own: {words}"
        assert "<script" not in text and not re.search(r"\son[a-z]+=", text)  # nothing for a strict CSP to block


def test_check_warns_about_a_practice_log_without_a_practice_task(tmp_path, monkeypatch):
    from curriculum.lint import check
    from curriculum.validation import load_curriculum

    monkeypatch.chdir(tmp_path)
    webinar = "id: webinar-1\ntitle: Første webinar\nformat: webinar\nthemes: [F]\nsummary: S.\n"
    modules = write_modules(
        tmp_path, {"sessions/webinar-1.yml": webinar + "logbook:\n  - kind: notes\n  - kind: practice\n"}
    )
    found = [str(w) for w in check(load_curriculum(modules))]
    assert any(
        line.startswith(
            "modules/sessions/webinar-1.yml:8:11: logbook[1].kind: advarsel: logbogen beder om "
            "en log over prøvehandlingen"
        )
        for line in found
    ), found
