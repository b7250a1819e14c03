"""The participant site at a glance (issue 12): the footer from course.yml, the toolbox as cards grouped by
first use, 'Tema:' said only where it adds to the title, and the printed handbook's cover and marks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import ROOT, copy_project, mkdocs_build, published
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


def test_footer_lists_several_organisers_in_the_course_language(modules_dir):
    course = (modules_dir / "course.yml").read_text("utf-8")
    organisers = "organisers:\n  - name: Plejeskolen Syd\n    short_name: PS\n  - name: Kommunen\n  - name: Skolen\n"
    (modules_dir / "course.yml").write_text(
        course.replace("organisers:\n  - name: Testorganisation\n", organisers), encoding="utf-8"
    )
    assert generate(modules_dir).footer["published"] == "Udgivet af Plejeskolen Syd (PS), Kommunen og Skolen"
    english = course.replace("organisers:\n  - name: Testorganisation\n", organisers) + "language: en\n"
    (modules_dir / "course.yml").write_text(english, encoding="utf-8")
    assert generate(modules_dir).footer["published"] == "Published by Plejeskolen Syd (PS), Kommunen, and Skolen"


@pytest.mark.parametrize("address", ["mailto:kurset@example.dk", "kurset", "kurset@example", "<a>@b.dk"])
def test_a_contact_that_is_not_an_address_is_a_problem_naming_the_field(modules_dir, address):
    with_course_fields(modules_dir, f'  contact: "{address}"\n')
    with pytest.raises(CurriculumError) as caught:
        generate(modules_dir)
    report = caught.value.report()
    assert "course.yml" in report and "contact" in report and "er ikke en e-mailadresse" in report


@pytest.mark.published
def test_built_footer_has_the_contact_link_licence_and_accessibility_statement(tmp_path):
    """mkdocs build --strict of the project with a contact address in course.yml: every page's footer."""
    project = copy_project(tmp_path)
    with_course_fields(project / "modules", CONTACT)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    course = published()
    first = f"{course.address('sessions')}/{course.run.sessions[0].module}/index.html"
    statement = escape(course.messages("footer.accessibility"))
    statement_page = course.messages("footer.accessibility_page")  # made by the engine in the course's language
    for page, up in (("index.html", ""), (first, "../../")):
        text = (tmp_path / "site" / page).read_text("utf-8")
        footer = text[text.index('<div class="course-footer"') : text.index("</footer>")]
        assert '<a href="mailto:kurset@example.dk">kurset@example.dk</a>' in footer
        assert 'rel="license">CC BY 4.0</a>' in footer
        assert f'<a href="{up}{statement_page.removesuffix(".md")}/">{statement}</a>' in footer
        assert f'data-short-title="{escape(course.curriculum.course.short_name)}"' in footer
    built = (tmp_path / "site" / statement_page.removesuffix(".md") / "index.html").read_text("utf-8")
    said = course.messages("accessibility.report_contact", contact="\0").split("\0")[0]  # the words before it
    assert f'{escape(said).strip()} <a href="mailto:kurset@example.dk">' in " ".join(built.split())


# ----------------------------------------------------------------------------------------------- toolbox


@pytest.mark.published
def test_toolbox_groups_each_tool_under_the_session_that_first_uses_it():
    course = published()
    site = generate(KDL, course.run_id)
    toolbox = site.pages[f"{course.address('tools')}/index.md"]
    headings = [(m.start(), m.group(1)) for m in re.finditer(r"^## \[([^\]]+)\]", toolbox, re.M)]
    curriculum, programme = course.curriculum, course.programme
    first = next(item for item in programme.sessions if item.session.tool_ids)
    assert headings[0][1] == f"{escape(course.label(first))}: {escape(first.session.title)}"
    grouped = 0
    for tool_id in programme.tool_order():
        users = programme.sessions_using_tool(tool_id)
        if not users:
            continue
        at = toolbox.index(f"### [{escape(curriculum.tools[tool_id].title)}]")
        group = [label for start, label in headings if start < at][-1]
        label = pages.session_label(users[0], curriculum.messages, curriculum.vocabulary)
        assert group == f"{label}: {users[0].session.title}", tool_id
        grouped += 1
    assert grouped > 0


@pytest.mark.published
def test_toolbox_previews_are_wordless_decorative_and_unique():
    from curriculum.validation import load_curriculum
    from curriculum.visuals import render_visual

    course = published()
    toolbox = generate(KDL, course.run_id).pages[f"{course.address('tools')}/index.md"]
    previews = re.findall(r"<svg\b.*?</svg>", toolbox, re.S)
    curriculum = load_curriculum(KDL)
    pictured = [t for t in curriculum.tools.values() if t.visual is not None]
    in_html = [
        t for t in pictured if 'class="course-svg' not in str(render_visual(t, curriculum.messages, compact=True))
    ]
    # every tool with a picture: cut from its SVG, or its kind's own thumbnail (a journey, a comparison: HTML;
    # KDL has both kinds, a course need not: test_visuals draws every kind's thumbnail)
    assert len(previews) == len(pictured) > len(in_html)
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


def test_tema_only_where_it_adds_to_the_title(modules_dir):
    (modules_dir / "sessions" / "webinar-1.yml").write_text(
        "id: webinar-1\ntitle: Fortsættelsen\nformat: webinar\nthemes: [fortsættelsen]\nsummary: Vi fortsætter.\n",
        encoding="utf-8",
    )  # its only theme is its title
    workshop = (modules_dir / "sessions" / "workshop-1.yml").read_text("utf-8")
    (modules_dir / "sessions" / "workshop-1.yml").write_text(
        workshop.replace("  - Begyndelsen\n", "  - Begyndelsen\n  - Forventninger\n"), encoding="utf-8"
    )
    site = generate(modules_dir)
    assert "**Tema" not in site.pages["sessioner/webinar-1.md"]
    assert "**Temaer:** Begyndelsen, Forventninger" in site.pages["sessioner/workshop-1.md"]
    handbook = site.pages["haandbog.md"]
    assert handbook.count("**Temaer:**") == 1 and "**Tema:**" not in handbook


# ---------------------------------------------------------------------------------------------- handbook


@pytest.mark.published
def test_handbook_has_a_cover_and_keeps_web_instructions_off_paper():
    course = published()
    msg, run, handbook = course.messages, course.run, f"{course.address('handbook')}.md"
    participant = generate(KDL, course.run_id).pages[handbook]
    cover = participant[participant.index('<section class="course-handbook__cover"') : participant.index("</section>")]
    for text in (
        course.curriculum.course.title,
        run.name,
        f"{course.day(run.sessions[0].date)} – {course.day(run.sessions[-1].date)}",
        msg("editions.participant"),
    ):
        assert escape(text) in cover
    only = escape(msg("handbook.instructor_only"))
    assert only not in participant
    assert f'<p class="course-screen-only">{escape(msg("handbook.intro"))}' in participant
    instructor = generate(KDL, course.run_id, edition="instructor").pages[handbook]
    assert f"<strong>{only}</strong>" in instructor
    assert f'<p class="course-print-mark" aria-hidden="true" data-course-print-mark>{only}</p>' in instructor


def test_pdf_finds_sections_after_a_cover():
    from curriculum.pdf import section_pages

    pages_ = ["Forside Kursus", "Indhold Om forløbet Workshop 1", "Om forløbet tekst", "Workshop 1 tekst"]
    targets = [("om", "Om forløbet"), ("w1", "Workshop 1")]
    assert section_pages(pages_, targets, contents_page=2) == {"om": 3, "w1": 4}
    assert section_pages(pages_, targets)["om"] == 2  # without the cover's offset: the contents page, wrong


@pytest.mark.published
def test_new_fields_are_in_the_schema_with_danish_help():
    import json

    schema = json.loads((ROOT / "schemas" / "course.schema.json").read_text("utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    assert "e-mailadresse" in text and "licens" in text.lower()
