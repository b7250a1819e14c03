"""`make pdf`: each edition's handbook as a tagged PDF, a cover, one section per session, with a table of
contents, page numbers, no navigation or web instructions, the addresses of links written out and the
instructor edition marked on every page; alternative text on every figure, a description on every link and
XMP metadata with the title and the language (PDF/UA). Checked with poppler's pdfinfo and pdftotext
(Debian's poppler-utils, which `make test` installs like chromium) and pikepdf. A teaching plan printed
from the browser is marked on every page too."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from curriculum.pdf import output, page_texts, print_handbook, printed_run

from conftest import ROOT

from . import chromium
from .conftest import only
from .course import COURSE, WORDS, address, run_sessions

# Each session's heading in the handbook: 'Kick-off-webinar: Forventningsafstemning', 'Workshop 1: ...'
SESSIONS = [
    WORDS("formats.label_title", label=COURSE.label(item), title=item.session.title)
    for item in COURSE.programme.sessions
]
TITLE = COURSE.curriculum.course.title
RUN_NAME = COURSE.run.name


def edition_name(edition) -> str:
    return WORDS(f"editions.{edition.name}")  # 'Deltagerudgave', 'Underviserudgave'


def theme_words() -> list[str]:
    """The theme's words on a web page that paper leaves out: the palette toggles' and the permalinks' titles
    (mkdocs.yml) and Material's words for the table of contents and the search box in the site's language."""
    import material

    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    words = re.findall(r"^\s+(?:toggle:\n\s+icon: .*\n\s+name|permalink_title): (.+)$", config, flags=re.M)
    language = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{COURSE.language}.html"
    strings = dict(re.findall(r'"([a-z.]+)": "([^"]*)"', language.read_text("utf-8")))
    return [word.strip() for word in words] + [strings["toc"], strings["search.placeholder"]]


def poppler() -> None:
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            chromium.unavailable(f"{tool} is missing (Debian package 'poppler-utils')")


@pytest.fixture(scope="session")
def handbook(edition, browser, tmp_path_factory):
    """The edition's handbook printed as `make pdf` prints it: (pdfinfo's fields, the text of each page,
    the file)."""
    poppler()
    out = print_handbook(
        edition.site, output(edition.site, tmp_path_factory.mktemp("pdf"), edition.name), browser=browser
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in fields.items()}, page_texts(out), out


def test_the_pdf_is_tagged_a4_and_titled_with_its_edition(handbook, edition):
    info, pages, _ = handbook
    assert info["Tagged"] == "yes"
    assert "A4" in info["Page size"]
    heading = WORDS("pages.handbook_heading")
    assert info["Title"] == f"{heading}: {TITLE} – {RUN_NAME} · {edition_name(edition)}"
    assert int(info["Pages"]) == len(pages) >= 2 * len(SESSIONS)


def test_the_pdf_says_its_language(handbook, edition):
    """Chromium writes the page's language (<html lang="da">) into the tagged PDF's catalogue; `make pdf`
    names the file from the catalogue of the course's language (KDL's: haandbog-deltagerudgave.pdf)."""
    *_, out = handbook
    assert out.name == WORDS("pdf.file", edition=WORDS(f"pdf.edition_files.{edition.name}"))
    assert re.findall(rb"/Lang\s*\(([a-z-]+)\)", out.read_bytes())[:1] == [COURSE.language.encode()]


def test_make_pdf_says_which_run_it_printed(edition):
    """`make pdf` names the run of each handbook it prints (the one on the cover), in its output."""
    assert printed_run(edition.site) == RUN_NAME


def test_the_first_page_is_a_cover_and_no_page_has_web_instructions(handbook, edition):
    _, pages, _ = handbook
    cover = pages[0]
    sessions = COURSE.programme.sessions
    for text in (
        WORDS("pages.handbook_heading").upper(),  # 'HÅNDBOG'
        TITLE,
        RUN_NAME,
        f"{COURSE.day(sessions[0].slot.date)} – {COURSE.day(sessions[-1].slot.date)}",
        edition_name(edition),
        WORDS("handbook.printed"),
    ):
        assert text in cover, text
    assert WORDS("handbook.contents") not in cover and WORDS("pages.about") not in cover
    everything = " ".join(pages)
    # no part of the screen's introduction ('... fra browserens udskriftsdialog', 'navigationen udelades')
    parts = [part.strip() for part in re.split(r"[.,:;]", WORDS("handbook.intro")) if len(part.split()) >= 2]
    assert parts and [part for part in parts if part in everything] == []


def test_the_instructor_pdf_says_so_on_every_page(handbook, edition):
    _, pages, _ = handbook
    marked = [WORDS("handbook.instructor_only") in text for text in pages]
    assert marked == [edition.name == "instructor"] * len(pages)


def test_each_session_starts_a_page_and_the_contents_give_its_page_number(handbook):
    _, pages, _ = handbook
    toc = pages[1]  # after the cover
    assert WORDS("handbook.contents") in toc
    starts = {}
    for title in SESSIONS:
        found = [n for n, text in enumerate(pages, start=1) if n > 2 and title in text[:400]]
        assert found, f"no page begins with the section {title!r}"
        starts[title] = found[0]
        # ' · side ' is content/stylesheets/print.css's, in Danish whatever the course's language
        assert f"{title} · side {found[0]}" in toc, f"the contents do not give page {found[0]} for {title!r}"
    assert list(starts.values()) == sorted(starts.values())
    assert len(set(starts.values())) == len(SESSIONS)


def test_every_page_has_a_page_number_and_no_navigation(handbook):
    _, pages, _ = handbook
    for number, text in enumerate(pages, start=1):
        assert WORDS("pdf.page_of", page=number, pages=len(pages)) in text
    everything = " ".join(pages)
    chromes = theme_words()  # KDL's: Skift til mørkt tema, Skift til lyst tema, Link til dette afsnit, ..., Søg
    assert len(chromes) == 5, chromes
    for chrome in chromes:
        assert chrome not in everything


def test_link_addresses_are_written_out(handbook, edition):
    """When the handbook links out (KDL's readings do), the addresses are printed; a course whose handbook has
    no link out (the English fixture course) has none to print, and none is printed."""
    _, pages, _ = handbook
    everything = " ".join(pages)
    html = (edition.site / address("handbook") / "index.html").read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    links_out = re.findall(r'<a [^>]*href="https://', article)
    printed = re.search(r"<https://[^ >]+", everything)
    assert bool(printed) == bool(links_out), "no link address is printed" if links_out else printed


def test_the_instructor_pdf_has_the_teaching_plan_and_the_participant_pdf_does_not(handbook, edition):
    _, pages, _ = handbook
    everything = " ".join(pages)
    notes = (WORDS("teaching.table_notes") in everything, WORDS("teaching.instructor_preparation") in everything)
    assert notes == ((True, True) if edition.name == "instructor" else (False, False))


def test_make_pdf_names_the_files_from_the_course_language():
    """`make pdf` gives curriculum.pdf a folder and the edition, so the file names come from the catalogue of
    the site's language, never from the Makefile."""
    from curriculum.messages import Messages
    from curriculum.pdf import file_name

    dry = subprocess.run(["make", "-n", "-W", "pyproject.toml", "pdf"], cwd=ROOT, capture_output=True, text=True)
    commands = [line for line in dry.stdout.splitlines() if "curriculum.pdf" in line]
    assert [c.split("curriculum.pdf", 1)[1].split()[:3] for c in commands] == [
        [".pdf-build/participant", "pdf", "participant"],
        [".pdf-build/instructor", "pdf", "instructor"],
    ], dry.stdout + dry.stderr
    assert ".pdf\n" not in (ROOT / "Makefile").read_text("utf-8")  # no file name in a recipe
    assert file_name(Messages("da"), "instructor") == "haandbog-underviserudgave.pdf"
    assert file_name(Messages("en"), "participant") == "handbook-participant-edition.pdf"


def _figures(node, found: list[str]) -> list[str]:
    """The alternative text (/Alt, '' for none) of every Figure in a PDF's structure tree."""
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")).strip())
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _figures(kid, found)
    return found


def test_every_figure_has_alternative_text_and_every_link_a_description(handbook):
    *_, out = handbook
    with pikepdf.open(out) as pdf:
        figures = _figures(pdf.Root.StructTreeRoot, [])
        links = [
            str(annot.get("/Contents", "")).strip()
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link"
        ]
    assert figures and "" not in figures
    assert links and "" not in links


def test_the_xmp_metadata_has_the_title_and_the_language(handbook):
    info, _, out = handbook
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("dc:title") == info["Title"]
        assert set(meta.get("dc:language")) == {COURSE.language}


def test_nothing_for_the_screen_only_is_printed(handbook):
    """The radar's way back to the picture and the links to the blank pictures' pages are for the screen."""
    _, pages, _ = handbook
    everything = " ".join(pages)
    words = [WORDS("visuals.radar.back"), WORDS("visuals.radar.blank_link"), WORDS("visuals.wheel.blank_link")]
    assert [word for word in words if " ".join(word.split()) in everything] == []


@only(("instructor", "mkdocs"))
def test_a_teaching_plan_printed_from_the_browser_is_marked_on_every_page(edition, page, tmp_path):
    poppler()
    page.goto(f"{edition.base_url}{address('teaching')}{run_sessions()[1]}/", wait_until="load")
    out = tmp_path / "plan.pdf"
    page.pdf(path=str(out), format="A4")
    pages = page_texts(out)
    assert len(pages) >= 2  # a plan of more than one page, or the check proves little
    assert all(WORDS("handbook.instructor_only") in text for text in pages)
