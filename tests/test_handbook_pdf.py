"""The handbook's PDF on the published site (issue 22): `make site` prints it beside the handbook page and
links it from the page (curriculum.pdf.publish); a site without the file has no link to it. Tested on the
built pages of both builders without printing: the browser suite already prints the handbook
(tests/browser/test_pdf.py), and this only needs a file beside the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from curriculum import pdf
from curriculum.messages import Messages
from curriculum.say import say, speaking

SITES = ["course_site", "zensical_site"]


def handbook_copy(site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of what the link needs of a built site (front page and handbook page), so the shared build stays
    as it is: (the copy, its handbook page)."""
    page, _ = pdf.handbook_page(site)
    copy = tmp_path / "site"
    (copy / page.parent.relative_to(site)).mkdir(parents=True)
    shutil.copyfile(site / "index.html", copy / "index.html")
    shutil.copyfile(page, copy / page.relative_to(site))
    return copy, copy / page.relative_to(site)


def pdf_links(page: Path) -> list[tuple[str, str]]:
    """The links of the page to a PDF: (address, words)."""
    text = page.read_text("utf-8")
    return re.findall(r'<a\b[^>]*href="([^"]+\.pdf)"[^>]*>(.*?)</a>', text, re.S)


@pytest.mark.parametrize("built", SITES)
def test_a_built_handbook_page_links_to_no_pdf_and_has_the_paragraph_for_it(built, request, course):
    """As built (mkdocs build, curriculum zensical, make serve) the handbook has no PDF beside it, and its page
    links to none; the paragraph with the print button is where `make site` puts the link."""
    site = request.getfixturevalue(built)
    page, _ = pdf.handbook_page(site)
    assert list(page.parent.glob("*.pdf")) == []
    assert pdf_links(page) == []
    actions = re.findall(r"<p\b[^>]*data-course-handbook-actions[^>]*>(.*?)</p>", page.read_text("utf-8"), re.S)
    assert len(actions) == 1 and "data-course-print" in actions[0]
    assert course.said("handbook.print") in actions[0]


@pytest.mark.parametrize("built", SITES)
def test_the_handbook_page_links_to_its_pdf_once_the_file_is_there(built, request, course, tmp_path):
    """Linked with the catalogue's words and the file's size, beside the print button; the link leads to the
    file. Linking again (the file printed anew) leaves one link, with the new size. No file, no link."""
    site, page = handbook_copy(request.getfixturevalue(built), tmp_path)
    name = pdf.file_name(Messages(course.language), "participant")
    before = page.read_text("utf-8")
    with speaking(course.language):
        nothing = say("report.pdf.not_beside", pdf=page.parent / name, page=page)
    with pytest.raises(SystemExit) as refused:
        pdf.link(site, page.parent / name)
    assert str(refused.value) == nothing  # in the site's language, whatever the caller speaks
    assert page.read_text("utf-8") == before

    (page.parent / name).write_bytes(b"%PDF-1.7\n" + b"0" * 585_300)
    pdf.link(site, page.parent / name)
    messages = Messages(course.language)
    ((href, words),) = pdf_links(page)
    assert (page.parent / unquote(href)).resolve() == (page.parent / name).resolve()
    assert words == course.said("handbook.pdf_link", size=messages.file_size(585_309))
    assert messages.file_size(585_309) in words
    actions = re.search(r"<p\b[^>]*data-course-handbook-actions[^>]*>(.*?)</p>", page.read_text("utf-8"), re.S)
    assert actions is not None and href in actions.group(1) and "data-course-print" in actions.group(1)

    (page.parent / name).write_bytes(b"%PDF-1.7\n" + b"0" * 1_234_558)
    pdf.link(site, page.parent / name)
    assert [words for _, words in pdf_links(page)] == [
        course.said("handbook.pdf_link", size=messages.file_size(1_234_567))
    ]
    # outside the page's folder the link would lead elsewhere: refused
    (site / name).write_bytes(b"%PDF-1.7\n")
    with speaking(course.language):
        elsewhere = say("report.pdf.not_beside", pdf=site / name, page=page)
    with pytest.raises(SystemExit) as refused:
        pdf.link(site, site / name)
    assert str(refused.value) == elsewhere


def test_a_pdf_file_size_in_the_courses_language():
    assert Messages("da").file_size(585_309) == "585 kB"
    assert Messages("da").file_size(1_234_567) == "1,2 MB"
    assert Messages("en").file_size(1_234_567) == "1.2 MB"
    assert Messages("en").file_size(300) == "1 kB"
    assert Messages("da")("handbook.pdf_link", size="585 kB") == "Hent håndbogen som PDF (585 kB)"
    assert Messages("en")("handbook.pdf_link", size="585 kB") == "Download the handbook as a PDF (585 kB)"


def test_without_chromium_the_site_stays_without_pdf_and_link_unless_it_is_required(
    course_site, course, tmp_path, monkeypatch, capsys
):
    """`make site` on a machine without Chromium: the site is built without the PDF and says so; the publish
    workflow (--required) stops instead of publishing a site without it."""
    site, page = handbook_copy(course_site, tmp_path)
    before = page.read_text("utf-8")
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    assert pdf.main(["--into", str(site)]) == 0
    with speaking(course.language):  # what it says is in the site's language
        missing = say("report.pdf.no_chromium_optional", path=pdf.CHROMIUM)
        required = say("report.pdf.no_chromium", path=pdf.CHROMIUM)
    assert capsys.readouterr().err == missing + "\n"
    assert page.read_text("utf-8") == before and list(page.parent.glob("*.pdf")) == []
    with pytest.raises(SystemExit, match=re.escape(required)):
        pdf.main(["--into", str(site), "--required"])
    assert pdf.main(["--into", str(site), "--maybe"]) == 2  # the usage
