"""What the site says is true (issue 12, continued): the accessibility statement says how to report a
problem with or without a contact address; a clock range never breaks after its dash; the evaluation page
says each questionnaire item once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import ROOT, published
from curriculum.engine import generate
from curriculum.evaluation import results_in_order
from curriculum.validation import load_curriculum

MODULES = ROOT / "modules"  # the published course: what to expect is read from it (conftest's ``published``)
COURSE = published()
ENGLISH = ROOT / "tests" / "courses" / "en" / "modules"
DANISH = ROOT / "tests" / "courses" / "da" / "modules"  # no contact address, no buddy groups


def set_contact(modules: Path, address: str | None) -> None:
    """course.yml with ``contact: address`` (or without any contact)."""
    course = modules / "course.yml"
    kept = [line for line in course.read_text("utf-8").splitlines(keepends=True) if not line.startswith("contact:")]
    text = "".join(kept).rstrip("\n") + "\n"
    course.write_text(text + (f"contact: {address}\n" if address else ""), encoding="utf-8")


# ------------------------------------------------------------------------ the accessibility statement


def test_without_a_contact_the_statement_names_the_instructors_and_the_organisers():
    site = generate(DANISH)
    assert load_curriculum(DANISH).course.contact is None
    statement = site.pages["tilgaengelighed.md"]
    assert statement.startswith("# Tilgængelighed og privatliv\n")
    assert "sig det til underviserne, næste gang I mødes" in statement
    assert "eller kontakt Plejeskolen Syd, som står bag forløbet" in statement
    # nothing it cannot back up: no address, no link out, no "write to" without saying where
    assert "@" not in statement and "mailto:" not in statement and "](http" not in statement
    assert "kontaktadressen" not in statement and "skriv til" not in statement.lower()
    assert site.footer["contact"] == ""


def test_with_a_contact_the_statement_gives_the_address_as_a_link(modules_dir):
    set_contact(modules_dir, "kurset@example.dk")
    site = generate(modules_dir)
    statement = site.pages["tilgaengelighed.md"]
    assert "skriv til forløbet på [kurset@example.dk](mailto:kurset@example.dk)." in statement
    assert "underviserne, næste gang" not in statement
    assert site.footer["contact"] == "kurset@example.dk"


def test_the_statement_is_in_the_navigation_and_linked_from_the_footer(modules_dir):
    site = generate(modules_dir)
    assert site.nav[-1] == {"Tilgængelighed og privatliv": "tilgaengelighed.md"}
    assert site.footer["accessibility_page"] == "tilgaengelighed.md"


@pytest.mark.parametrize("contact", [None, "course@example.org"])
def test_an_english_course_gets_its_statement_in_english(tmp_path, contact):
    import shutil

    modules = tmp_path / "modules"
    shutil.copytree(ENGLISH, modules)
    set_contact(modules, contact)
    site = generate(modules, "autumn-2026")
    statement = site.pages["accessibility.md"]
    assert statement.startswith("# Accessibility and privacy\n")
    if contact:
        assert f"please write to the course at [{contact}](mailto:{contact})." in statement
    else:
        assert "please tell the instructors the next time you meet, or contact" in statement
        assert "@" not in statement
    for danish in ("Tilgængelighed", "skriv", "underviserne", " og "):
        assert danish not in statement


def test_the_content_folder_no_longer_holds_a_statement_of_its_own():
    """The statement is the engine's (a hand-written page of the same name would stop the build)."""
    assert not (ROOT / "content" / "tilgaengelighed.md").exists()


# ------------------------------------------------------------------------------------ clock ranges


# Every run of the published course, and the Danish fixture course, in both editions.
BUILDS = [(MODULES, run) for run in sorted(COURSE.curriculum.runs)] + [(DANISH, "foraar-2027")]


@pytest.mark.parametrize("modules,run", BUILDS, ids=[f"{m.parent.parent.name}-{r}" for m, r in BUILDS])
def test_every_clock_range_in_text_or_a_cell_is_kept_on_one_line(modules, run):
    """A range after a date (session pages, the buddy plan, the handbook, the teaching overview) is inside
    a course-clock span (white-space: nowrap); agenda tables keep theirs in a nowrap first column."""
    for edition in ("participant", "instructor"):
        site = generate(modules, run, edition=edition)
        for path, page in site.pages.items():
            for line in page.splitlines():
                if line.startswith("| "):  # a table row: its first column (agendas' times) is nowrap
                    line = "|".join(line.split("|")[2:])
                # a data attribute is plain text; the programme's time column is nowrap (extra.css)
                line = re.sub(r'data-course-when="[^"]*"|class="course-programme__time">[^<]*', "", line)
                bare = re.findall(r"(?<![>\d])\d\d[.:]\d\d–\d\d[.:]\d\d", line)
                assert not bare, (run, edition, path, line[:160])


def test_a_session_page_keeps_its_clock_range_in_a_span_that_does_not_break():
    page = generate(DANISH).pages["sessioner/teknologi-og-omsorg.md"]
    assert 'mandag 1. februar 2027, kl. <span class="course-clock">08.30–10.30</span>' in page
    css = (ROOT / "content" / "stylesheets" / "extra.css").read_text("utf-8")
    assert re.search(r"\.course-clock\s*\{\s*white-space:\s*nowrap;", css)


def test_clock_range_cells_of_the_overviews_are_kept_on_one_line():
    overview = generate(DANISH, edition="instructor").pages["undervisningsplan/index.md"]
    assert '| mandag 1. februar 2027, <span class="course-clock">08.30–10.30</span>, Plejeskolen Syd |' in overview
    buddy = generate(ENGLISH, "spring-2027").pages["peer-groups.md"]
    assert '| <span class="course-clock">10:00–11:00</span> |' in buddy


# ------------------------------------------------------------------------------ the evaluation page


def _said_outside_the_pictures(page: str) -> str:
    """The page without its figures and their text alternatives (<figure>…</figure>, <details>…</details>)."""
    page = re.sub(r"<figure\b.*?</figure>", "", page, flags=re.S)
    return re.sub(r"<details\b.*?</details>", "", page, flags=re.S)


def test_the_evaluation_says_each_item_once():
    """With results, each item's text is said in its chart (the narrow list and the wide picture, one shown
    at a time) and in the table behind 'Vis som tabel' — not listed again above the charts."""
    curriculum = COURSE.curriculum
    site = generate(MODULES, COURSE.run_id)
    page = site.pages[f"{COURSE.address('evaluation')}.md"]
    outside = _said_outside_the_pictures(page)
    assert curriculum.evaluation is not None and curriculum.results, "the published course has no results"
    items = [(i.label or i.id.upper(), i.text) for g in curriculum.evaluation.questionnaire for i in g.items]
    assert items
    for label, text in items:
        assert text not in outside, label
        narrow = re.findall(r'<ol class="course-narrow course-bars__list">.*?</ol>', page, flags=re.S)
        assert sum(block.count(f"<strong>{label}</strong> {text}") for block in narrow) == 1, label
        alternatives = re.findall(r'<details class="course-alt">.*?</details>', page, flags=re.S)
        assert sum(block.count(f"<td>{text}") for block in alternatives) == 1, label
    # each group's title is a heading once, its aim said once, at its chart
    for group in curriculum.evaluation.questionnaire:
        assert page.count(f"### {group.title}\n") == 1, group.id
        if group.aim:
            assert page.count(group.aim) == 1, group.id
    # and the questionnaire's section points to the charts
    newest = results_in_order(COURSE.programme)[0]
    link = f"[{newest.title}](#resultater-{newest.id})"
    assert escape(COURSE.messages("evaluation.items_in_results", results=link)) in page


def test_without_results_the_questionnaire_lists_its_items(tmp_path):
    import shutil

    modules = tmp_path / "modules"
    shutil.copytree(MODULES, modules)
    shutil.rmtree(modules / "evaluation" / "results")
    page = generate(modules, COURSE.run_id).pages[f"{COURSE.address('evaluation')}.md"]
    curriculum = load_curriculum(modules)
    assert curriculum.evaluation is not None and curriculum.evaluation.questionnaire
    for group in curriculum.evaluation.questionnaire:
        assert f"### {group.title}\n" in page
        for item in group.items:
            assert f"- **{item.label or item.id.upper()}** {item.text}" in page
    said = COURSE.messages("evaluation.items_in_results", results="\0").split("\0")[0]
    assert "<figure" not in page and said not in page


# --------------------------------------------------------------------- links the generator writes


@pytest.mark.parametrize("edition", ["participant", "instructor"])
@pytest.mark.parametrize("modules,run", BUILDS[:-1] + [(ENGLISH, "spring-2027")])
def test_every_link_a_message_makes_is_a_link_not_text(modules, run, edition):
    """A message with its own link to a page of the site (``[{page}]({href})``, ``(#{anchor})``) becomes a
    link: the prose rule writes brackets before an address on the site as text, which showed e.g.
    "[Evaluering](../evaluering.md)" on the teaching overview."""
    site = generate(modules, run, edition=edition)
    shown = {path: re.findall(r".{0,40}&#91;[^\n]*?&#93;\(.{0,40}", page) for path, page in site.pages.items()}
    assert {path: found for path, found in shown.items() if found} == {}


def test_the_links_of_the_english_fixture_s_messages_are_links():
    site = generate(ENGLISH, "spring-2027", edition="instructor")
    overview = site.pages["teaching-plan/index.md"]
    assert "questions are on the page [Evaluation](../evaluation.md)." in overview
    assert "[Printable handbook](../handbook.md) puts every session" in overview
    assert "it has a [teaching plan](teaching-plan/index.md) for each session" in site.pages["index.md"]
    buddy = site.pages["peer-groups.md"]
    assert "**For the meeting**, from [Kick-off webinar: Why technology in care](sessions/opening.md):" in buddy


# ------------------------------------------------------------- buddy meetings only where there are groups


GROUPS = """\
buddy:
  groups:
    - id: nord
      members: [Hjemmeplejen Nord, Hjemmeplejen Syd]
      meetings:
        - {date: 2027-02-16, start: "14:00", end: "15:00"}
"""


@pytest.mark.parametrize("groups", [False, True])
def test_the_logbook_speaks_of_buddy_meetings_only_in_a_run_with_groups(tmp_path, groups):
    """The Danish fixture course, as it is (no buddy groups) and with a group meeting after its third session
    (the scheme under the Danish default name: gruppemøde)."""
    import shutil

    modules = tmp_path / "modules"
    shutil.copytree(DANISH, modules)
    if groups:
        run_file = modules / "runs" / "foraar-2027.yml"
        run_file.write_text(run_file.read_text("utf-8") + GROUPS, encoding="utf-8")
    participant = generate(modules)
    session = participant.pages["sessioner/plejecenter.md"]
    plan = generate(modules, edition="instructor").pages["undervisningsplan/plejecenter.md"]
    said = {
        "intro": "så du kan tage dem med til næste session og til gruppemøderne." in session,
        "notes": "du vil tage med til næste session eller til gruppemødet." in session,
        "plan": "bed deltagerne tage den med til gruppemødet." in plan,
    }
    assert said == dict.fromkeys(said, groups)
    if not groups:
        assert "så du kan tage dem med til næste session." in session
        assert "Spørgsmål og refleksioner, du vil tage med til næste session." in session
        assert "bed deltagerne tage den med til næste session." in plan
