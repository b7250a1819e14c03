"""What the logbook says is true for the run it is in: buddy-meeting sheets and talk of buddy meetings
only where the run has groups, the last session's notes look past the course, and "Min logbog" names
the self-assessments only when the course has one. Engine tests on the fixture courses (tests/courses)."""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT
from curriculum.engine import choose_run, generate
from curriculum.logbook import sheets
from curriculum.concepts import with_concepts
from curriculum.messages import catalogue
from curriculum.programme import build_programme
from curriculum.validation import load_curriculum

DANISH = ROOT / "tests" / "courses" / "da" / "modules"  # its run has no buddy groups
ENGLISH = ROOT / "tests" / "courses" / "en" / "modules"  # autumn-2026 has peer groups and a wheel
RUNS = {DANISH: None, ENGLISH: "autumn-2026"}  # the English course also has an example run, spring-2027


def words(language: str, prefix: str) -> dict[str, str]:
    """The built-in catalogue's messages under ``prefix`` (e.g. ``logbook.``), by their last part, with the
    default names of the peer scheme filled in (``{peer.the_meetings}``)."""
    entries = {**catalogue(language), **with_concepts(language, {})}
    return {key[len(prefix) :]: value for key, value in entries.items() if key.startswith(prefix)}


def programme_of(modules, run=None):
    curriculum = load_curriculum(modules)
    return build_programme(curriculum, choose_run(curriculum, run))


def logbook_page(site) -> str:
    (page,) = [
        text for path, text in site.pages.items() if path.endswith("/index.md") and "data-course-logbook-page" in text
    ]
    return html.unescape(page)


def notes_label(page: str) -> str:
    """The label of the notes field on a session page (``lb-<session>--notes``)."""
    (label,) = re.findall(r'<label for="lb-[^"]*--notes">([^<]*)</label>', page)
    return html.unescape(label)


@pytest.mark.parametrize(("modules", "groups"), [(DANISH, False), (ENGLISH, True)], ids=["no groups", "groups"])
def test_sheets_and_the_pages_words_follow_the_runs_buddy_groups(modules, groups):
    programme = programme_of(modules, RUNS[modules])
    assert bool(programme.buddy_groups()) is groups
    said = words(programme.curriculum.course.language, "logbook.")
    site = generate(modules, RUNS[modules])
    page = logbook_page(site)

    found = sheets(programme)
    if groups:
        # one sheet per gap with a meeting in it, with that gap's meetings
        gaps = [item for item in programme.sessions if programme.meetings_after(item)]
        assert [sheet.item for sheet in found] == gaps and 0 < len(gaps) < len(programme.sessions) - 1
        assert all(sheet.meetings == programme.meetings_after(sheet.item) for sheet in found)
        assert said["sheets_heading"] in page and said["page_take"] in page
    else:
        assert found == []
        assert said["sheets_heading"] not in page and said["page_take_no_buddy"] in page
        assert said["page_take"] not in page
    # a page for each sheet beside "Min logbog", and none without one
    (home,) = [path for path, text in site.pages.items() if "data-course-logbook-page" in text]
    folder = home.rsplit("/", 1)[0] + "/"
    assert len([p for p in site.pages if p.startswith(folder) and p != home]) == len(found)


@pytest.mark.parametrize("modules", [DANISH, ENGLISH], ids=["da", "en"])
def test_the_last_sessions_notes_look_past_the_course(modules):
    programme = programme_of(modules, RUNS[modules])
    said = words(programme.curriculum.course.language, "logbook.prompts.notes.")
    site = generate(modules, RUNS[modules])
    labels = []
    for item in programme.sessions:
        (page,) = [text for path, text in site.pages.items() if path.endswith(f"/{item.session.id}.md")]
        labels.append(notes_label(page))
    assert labels[-1] == said["label_last"]
    assert set(labels[:-1]) == {said["label"]}
    # and "Min logbog" heads the last session's notes the same way
    assert said["label_last"] in logbook_page(site)


def test_min_logbog_names_the_self_assessments_only_when_the_course_has_one(modules_dir):
    english, danish = generate(ENGLISH, "autumn-2026"), generate(modules_dir)  # the minimal course has no wheel
    wheel = load_curriculum(ENGLISH).tools["skills-wheel"].title
    assert words("en", "logbook.")["page_intro_wheels"].format(tools=wheel) in logbook_page(english)
    assert words("da", "logbook.")["page_intro_wheels"].split("{")[0] not in logbook_page(danish)
