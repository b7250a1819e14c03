"""The participant site at a glance (issue 12): the footer from course.yml, the toolbox as cards grouped by
first use, 'Tema:' said only where it adds to the title, and the printed handbook's cover and marks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import ROOT, copy_project, mkdocs_build
from curriculum import pages
from curriculum.engine import generate
from curriculum.problems import CurriculumError

KDL = ROOT / "modules"
CONTACT = "  contact: kurset@example.dk\n  licence:\n    name: CC BY 4.0\n    url: https://creativecommons.org/licenses/by/4.0/deed.da\n"


def with_course_fields(modules: Path, fields: str) -> None:
    """Lay ``fields`` (indented by two spaces) over course.yml; an empty string removes the contact."""
    course = modules / "course.yml"
    kept = [line for line in course.read_text("utf-8").splitlines(keepends=True) if not line.startswith("contact:")]
    course.write_text("".join(kept) + "".join(line[2:] + "\n" for line in fields.splitlines()), encoding="utf-8")


# ------------------------------------------------------------------------------------------------ footer


def test_footer_names_the_organisers_contact_and_licence_from_the_course_file(modules_dir):
    with_course_fields(modules_dir, CONTACT)
    footer = generate(modules_dir).footer
    assert footer["published"] == "Udgivet af Testorganisation"
    assert footer["contact"] == "kurset@example.dk"
    assert (footer["licence"], footer["licence_url"]) == (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/deed.da",
    )
    assert footer["short_title"] == "TK"


def test_footer_leaves_out_what_the_course_file_does_not_say(modules_dir):
    with_course_fields(modules_dir, "")
    footer = generate(modules_dir).footer
    assert footer["contact"] == "" and footer["licence"] == ""


def test_footer_lists_several_organisers_in_danish():
    footer = generate(KDL, "2024-pilot").footer
    assert footer["published"] == (
        "Udgivet af Syddansk Sundhedsinnovation (SDSI) og UCL Erhvervsakademi og Professionshøjskole (UCL)"
    )


@pytest.mark.parametrize("address", ["mailto:kurset@example.dk", "kurset", "kurset@example", "<a>@b.dk"])
def test_a_contact_that_is_not_an_address_is_a_problem_naming_the_field(modules_dir, address):
    with_course_fields(modules_dir, f'  contact: "{address}"\n')
    with pytest.raises(CurriculumError) as caught:
        generate(modules_dir)
    report = caught.value.report()
    assert "course.yml" in report and "contact" in report and "e-mail address" in report


def test_built_footer_has_the_contact_link_licence_and_accessibility_statement(tmp_path):
    """mkdocs build --strict of the project with a contact address in course.yml: every page's footer."""
    project = copy_project(tmp_path)
    with_course_fields(project / "modules", CONTACT)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page, up in (("index.html", ""), ("sessioner/kick-off/index.html", "../../")):
        text = (tmp_path / "site" / page).read_text("utf-8")
        footer = text[text.index('<div class="course-footer"') : text.index("</footer>")]
        assert '<a href="mailto:kurset@example.dk">kurset@example.dk</a>' in footer
        assert 'rel="license">CC BY 4.0</a>' in footer
        assert f'<a href="{up}tilgaengelighed/">Tilgængelighed og privatliv</a>' in footer
        assert 'data-short-title="KDL"' in footer
    statement = (tmp_path / "site" / "tilgaengelighed" / "index.html").read_text("utf-8")
    assert 'skriv til forløbet på <a href="mailto:kurset@example.dk">' in " ".join(statement.split())


# ----------------------------------------------------------------------------------------------- toolbox


def test_toolbox_groups_each_tool_under_the_session_that_first_uses_it():
    site = generate(KDL, "2024-pilot")
    toolbox = site.pages["vaerktoejer/index.md"]
    headings = [(m.start(), m.group(1)) for m in re.finditer(r"^## \[([^\]]+)\]", toolbox, re.M)]
    assert headings[0][1] == "Workshop 1: Forståelsesrammer"
    from curriculum.engine import choose_run
    from curriculum.programme import build_programme
    from curriculum.validation import load_curriculum

    curriculum = load_curriculum(KDL)
    programme = build_programme(curriculum, choose_run(curriculum, "2024-pilot"))
    for tool_id in programme.tool_order():
        users = programme.sessions_using_tool(tool_id)
        if not users:
            continue
        at = toolbox.index(f"### [{escape(curriculum.tools[tool_id].title)}]")
        group = [label for start, label in headings if start < at][-1]
        label = pages.session_label(users[0], curriculum.messages, curriculum.vocabulary)
        assert group == f"{label}: {users[0].session.title}", tool_id


def test_toolbox_previews_are_wordless_decorative_and_unique():
    from curriculum.validation import load_curriculum
    from curriculum.visuals import render_visual

    toolbox = generate(KDL, "2024-pilot").pages["vaerktoejer/index.md"]
    previews = re.findall(r"<svg\b.*?</svg>", toolbox, re.S)
    curriculum = load_curriculum(KDL)
    drawn = [
        t
        for t in curriculum.tools.values()
        if t.visual is not None and 'class="course-svg' in str(render_visual(t, curriculum.messages, compact=True))
    ]
    assert len(previews) == len(drawn) >= 5  # every tool whose picture is drawn in SVG (a journey or
    # comparison is HTML: its card has no preview)
    ids: list[str] = []
    for svg in previews:
        root = ET.fromstring(svg)
        assert root.get("aria-hidden") == "true"
        tags = {element.tag.split("}")[1] for element in root.iter()}
        assert not tags & {"text", "title", "desc", "a"}
        ids += [e.get("id") for e in root.iter() if e.get("id")]
        assert "tabindex" not in svg and "role=" not in svg
    assert len(ids) == len(set(ids)) and all(i.startswith("preview-") for i in ids)


# ---------------------------------------------------------------------------------------------- "Tema:"


def test_tema_only_where_it_adds_to_the_title():
    site = generate(KDL, "2024-pilot")
    assert "**Tema:**" not in site.pages["sessioner/borgerperspektiv.md"]
    assert "**Temaer:** Forventningsafstemning, Inspiration til casearbejde" in site.pages["sessioner/kick-off.md"]
    handbook = site.pages["haandbog.md"]
    assert handbook.count("**Temaer:**") == 1 and "**Tema:**" not in handbook


# ---------------------------------------------------------------------------------------------- handbook


def test_handbook_has_a_cover_and_keeps_web_instructions_off_paper():
    participant = generate(KDL, "2024-pilot").pages["haandbog.md"]
    cover = participant[participant.index('<section class="course-handbook__cover"') : participant.index("</section>")]
    for text in (
        "Kompetencer til Digitalt Lederskab",
        "Pilotforløbet 2024",
        "8. april 2024 – 2. oktober 2024",
        "Deltagerudgave",
    ):
        assert text in cover
    assert "Kun til undervisere" not in participant
    assert '<p class="course-screen-only">Håndbogen samler hele forløbet' in participant
    instructor = generate(KDL, "2024-pilot", edition="instructor").pages["haandbog.md"]
    assert "<strong>Kun til undervisere</strong>" in instructor
    assert (
        '<p class="course-print-mark" aria-hidden="true" data-course-print-mark>Kun til undervisere</p>' in instructor
    )


def test_pdf_finds_sections_after_a_cover():
    from curriculum.pdf import section_pages

    pages_ = ["Forside Kursus", "Indhold Om forløbet Workshop 1", "Om forløbet tekst", "Workshop 1 tekst"]
    targets = [("om", "Om forløbet"), ("w1", "Workshop 1")]
    assert section_pages(pages_, targets, contents_page=2) == {"om": 3, "w1": 4}
    assert section_pages(pages_, targets)["om"] == 2  # without the cover's offset: the contents page, wrong


def test_new_fields_are_in_the_schema_with_danish_help():
    import json

    schema = json.loads((ROOT / "schemas" / "course.schema.json").read_text("utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    assert "e-mailadresse" in text and "licens" in text.lower()
