"""The printed handbook's own words come from the catalogue of the course's language, not from the style
sheet: the table of contents' "· side 3" is "· page 3" in an English course."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from curriculum.engine import generate
from curriculum.messages import catalogue

COURSES = {"da": ROOT / "tests" / "courses" / "da" / "modules", "en": ROOT / "tests" / "courses" / "en" / "modules"}
RUNS = {"da": None, "en": "autumn-2026"}


@pytest.mark.parametrize("language", sorted(COURSES))
def test_the_table_of_contents_names_the_page_in_the_courses_language(language):
    site = generate(COURSES[language], RUNS[language])
    (handbook,) = [text for text in site.pages.values() if 'class="course-toc__page"' in text]
    words = re.findall(r'class="course-toc__page" data-course-toc="[^"]+" data-page-word="([^"]*)"', handbook)
    assert words and set(words) == {catalogue(language)["pdf.toc_page"]}
    assert catalogue("da")["pdf.toc_page"] != catalogue("en")["pdf.toc_page"]


def test_no_style_sheet_writes_a_word_of_its_own():
    sheets = sorted((ROOT / "content" / "stylesheets").glob("*.css"))
    written = {sheet.name: re.findall(r"(?<![-\w])content:\s*([^;]*);", sheet.read_text("utf-8")) for sheet in sheets}
    assert any("attr(data-page-word)" in value for value in written["print.css"])
    for name, values in written.items():
        for value in values:
            literal = re.sub(r"\\[0-9A-Fa-f]{1,6}", "", " ".join(re.findall(r'"([^"]*)"', value)))
            assert not re.search(r"[^\W\d_]", literal), f"{name} writes {value!r}: words belong in the catalogues"
