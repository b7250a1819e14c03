"""What the site says is true (issue 12, continued): the accessibility statement says how to report a
problem with or without a contact address; a clock range never breaks after its dash; the evaluation page
says each questionnaire item once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from curriculum.engine import generate
from curriculum.evaluation import results_in_order
from curriculum.validation import load_curriculum

KDL = ROOT / "modules"
ENGLISH = ROOT / "tests" / "courses" / "en" / "modules"


def set_contact(modules: Path, address: str | None) -> None:
    """course.yml with ``contact: address`` (or without any contact)."""
    course = modules / "course.yml"
    kept = [line for line in course.read_text("utf-8").splitlines(keepends=True) if not line.startswith("contact:")]
    text = "".join(kept).rstrip("\n") + "\n"
    course.write_text(text + (f"contact: {address}\n" if address else ""), encoding="utf-8")


# ------------------------------------------------------------------------ the accessibility statement


def test_without_a_contact_the_statement_names_the_instructors_and_the_organisers():
    site = generate(KDL, "2024-pilot")
    assert load_curriculum(KDL).course.contact is None  # the seeds give KDL no address
    statement = site.pages["tilgaengelighed.md"]
    assert statement.startswith("# Tilgængelighed og privatliv\n")
    assert "sig det til underviserne, næste gang I mødes" in statement
    assert "Syddansk Sundhedsinnovation (SDSI) og UCL Erhvervsakademi og Professionshøjskole (UCL)" in statement
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
    site = generate(modules)
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


def test_every_clock_range_in_text_or_a_cell_is_kept_on_one_line():
    """A range after a date (session pages, the buddy plan, the handbook, the teaching overview) is inside
    a course-clock span (white-space: nowrap); agenda tables keep theirs in a nowrap first column."""
    for run in ("2024-pilot", "2027-foraar-eksempel"):
        for edition in ("participant", "instructor"):
            site = generate(KDL, run, edition=edition)
            for path, page in site.pages.items():
                for line in page.splitlines():
                    if line.startswith("| "):  # a table row: its first column (agendas' times) is nowrap
                        line = "|".join(line.split("|")[2:])
                    # a data attribute is plain text; the programme's time column is nowrap (extra.css)
                    line = re.sub(r'data-course-when="[^"]*"|class="course-programme__time">[^<]*', "", line)
                    bare = re.findall(r"(?<![>\d])\d\d\.\d\d–\d\d\.\d\d", line)
                    assert not bare, (run, edition, path, line[:160])
    page = generate(KDL, "2024-pilot").pages["sessioner/forandringsledelse.md"]
    assert 'onsdag 21. august 2024, kl. <span class="course-clock">13.00–15.00</span>' in page
    css = (ROOT / "content" / "stylesheets" / "extra.css").read_text("utf-8")
    assert re.search(r"\.course-clock\s*\{\s*white-space:\s*nowrap;", css)


def test_clock_range_cells_of_the_overviews_are_kept_on_one_line():
    overview = generate(KDL, "2024-pilot", edition="instructor").pages["undervisningsplan/index.md"]
    assert '| onsdag 4. september 2024, <span class="course-clock">09.00–15.00</span>, Odense' in overview
    buddy = generate(KDL, "2027-foraar-eksempel").pages["buddyordningen.md"]
    assert '| <span class="course-clock">14.00–15.00</span> |' in buddy


# ------------------------------------------------------------------------------ the evaluation page


def _said_outside_the_pictures(page: str) -> str:
    """The page without its figures and their text alternatives (<figure>…</figure>, <details>…</details>)."""
    page = re.sub(r"<figure\b.*?</figure>", "", page, flags=re.S)
    return re.sub(r"<details\b.*?</details>", "", page, flags=re.S)


def test_the_evaluation_says_each_item_once():
    """With results, each item's text is said in its chart (the narrow list and the wide picture, one shown
    at a time) and in the table behind 'Vis som tabel' — not listed again above the charts."""
    curriculum = load_curriculum(KDL)
    site = generate(KDL, "2024-pilot")
    page = site.pages["evaluering.md"]
    outside = _said_outside_the_pictures(page)
    items = [(i.label or i.id.upper(), i.text) for g in curriculum.evaluation.questionnaire for i in g.items]
    assert len(items) >= 15
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
    newest = results_in_order_for(KDL)
    assert f"Spørgeskemaets spørgsmål står sammen med svarene under [{newest.title}](#resultater-{newest.id})." in page


def results_in_order_for(modules: Path):
    from curriculum.engine import choose_run
    from curriculum.programme import build_programme

    curriculum = load_curriculum(modules)
    return results_in_order(build_programme(curriculum, choose_run(curriculum, "2024-pilot")))[0]


def test_without_results_the_questionnaire_lists_its_items(tmp_path):
    import shutil

    modules = tmp_path / "modules"
    shutil.copytree(KDL, modules)
    shutil.rmtree(modules / "evaluation" / "results")
    page = generate(modules, "2024-pilot").pages["evaluering.md"]
    curriculum = load_curriculum(modules)
    for group in curriculum.evaluation.questionnaire:
        assert f"### {group.title}\n" in page
        for item in group.items:
            assert f"- **{item.label or item.id.upper()}** {item.text}" in page
    assert "<figure" not in page and "står sammen med svarene" not in page


# --------------------------------------------------------------------- links the generator writes


@pytest.mark.parametrize("edition", ["participant", "instructor"])
@pytest.mark.parametrize("run", ["2024-pilot", "2027-foraar-eksempel"])
def test_every_link_a_message_makes_is_a_link_not_text(run, edition):
    """A message with its own link to a page of the site (``[{page}]({href})``, ``(#{anchor})``) becomes a
    link: the prose rule writes brackets before an address on the site as text, which showed e.g.
    "[Evaluering](../evaluering.md)" on the teaching overview."""
    site = generate(KDL, run, edition=edition)
    shown = {path: re.findall(r".{0,40}&#91;[^\n]*?&#93;\(.{0,40}", page) for path, page in site.pages.items()}
    assert {path: found for path, found in shown.items() if found} == {}
    if edition == "instructor":
        overview = site.pages["undervisningsplan/index.md"]
        assert "står på siden [Evaluering](../evaluering.md)." in overview
        assert "[Håndbog til print](../haandbog.md) samler alle sessioner" in overview
        assert "har den en [undervisningsplan](undervisningsplan/index.md) for hver session" in site.pages["index.md"]
    if run == "2027-foraar-eksempel":
        assert (
            "**Til mødet**, fra [Workshop 1: Forståelsesrammer](sessioner/forstaaelsesrammer.md):"
            in (site.pages["buddyordningen.md"])
        )


# ------------------------------------------------------------- buddy meetings only where there are groups


@pytest.mark.parametrize(("run", "groups"), [("2024-pilot", False), ("2027-foraar-eksempel", True)])
def test_the_logbook_speaks_of_buddy_meetings_only_in_a_run_with_groups(run, groups):
    participant = generate(KDL, run)
    session = participant.pages["sessioner/borgerperspektiv.md"]
    plan = generate(KDL, run, edition="instructor").pages["undervisningsplan/borgerperspektiv.md"]
    said = {
        "intro": "så du kan tage dem med til næste session og til buddymøderne." in session,
        "notes": "du vil tage med til næste session eller til buddymødet." in session,
        "plan": "bed deltagerne tage den med til buddymødet." in plan,
    }
    assert said == dict.fromkeys(said, groups)
    if not groups:
        assert "så du kan tage dem med til næste session." in session
        assert "Spørgsmål og refleksioner, du vil tage med til næste session." in session
        assert "bed deltagerne tage den med til næste session." in plan
