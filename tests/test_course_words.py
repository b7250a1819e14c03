"""KDL's words cannot leak into another course: the generator's own words name no concept of one course.

A Danish course from another field (tests/courses/sygepleje: nurses in palliative care, whose peer scheme
is "kollegagrupper" and whose radar holds care interventions, not technologies), the Danish and the English
fixture courses are each generated once per test session in both editions. Every page, page address,
anchor, navigation title, calendar file and SVG is searched for the words of KDL's concepts (leaders,
staff, municipalities, digital solutions, welfare technology, technologies on a radar, "buddy") that the
course's own files do not say. The catalogues and the default vocabularies are checked for the same words.
KDL itself keeps its words through its own modules/messages.yml (pinned below).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, curriculum_cli, mkdocs_build
from curriculum.editions import Edition
from curriculum.engine import generate
from curriculum.loader import load_file
from curriculum.messages import catalogue

COURSES = ROOT / "tests" / "courses"
FIXTURES = {"sygepleje": ("da", "efteraar-2027"), "da": ("da", "foraar-2027"), "en": ("en", "autumn-2026")}

# KDL's concepts, as the words that name them (matched case-insensitively inside words, so "medarbejder"
# also finds "medarbejderne" and "teknologi" finds "velfærdsteknologi").
KDL_WORDS = {
    "da": [
        "buddy",
        "leder",
        "ledelse",
        "medarbejder",
        "kommun",
        "velfærd",
        "teknologi",
        "digital løsning",
        "digitale løsning",
        "borger",
    ],
    "en": [
        "buddy",
        "leader",
        "manager",
        "staff",
        "municipal",
        "welfare",
        "technolog",
        "digital solution",
        "citizen",
    ],
}


def values(node: Any) -> Iterator[str]:
    """Every text value of a YAML document (not its keys: ``buddy_prompt:`` is a field name, not a word)."""
    if isinstance(node, dict):
        for value in node.values():
            yield from values(value)
    elif isinstance(node, list):
        for value in node:
            yield from values(value)
    elif node is not None:
        yield str(node)


def own_text(modules: Path) -> str:
    """What the course's own files say: the values of every YAML file under modules/."""
    return "\n".join(v for path in sorted(modules.rglob("*.yml")) for v in values(load_file(path, path.name)[0].data))


def searched_words(name: str) -> list[str]:
    """KDL's words that the course's own files do not say themselves."""
    language, _ = FIXTURES[name]
    said = own_text(COURSES / name / "modules").casefold()
    return [w for w in KDL_WORDS[language] if w not in said]


TAG = re.compile(r"<[^>]*>")
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
ATTRIBUTE_LIST = re.compile(r"\{:?\s*([#.][^}\n]*)\}")
# What a reader sees, hears or follows of a tag: its text attributes, addresses and anchors. Not class
# names or the data attributes' names, which are the theme's hooks for its scripts and styles.
SHOWN = ("aria-label", "title", "alt", "placeholder", "href", "src", "id", "for", "datetime")


def shown(text: str) -> str:
    """A page or picture as its reader meets it: the text, the addresses and anchors, the spoken attributes
    and the messages the scripts show (``data-msg-*``)."""

    def tag(match: re.Match[str]) -> str:
        kept = [v for k, v in ATTRIBUTE.findall(match.group(0)) if k in SHOWN or k.startswith("data-msg-")]
        kept = [v for v in kept if not v.startswith("course-")]  # the theme's own ids (id="course-next")
        return " " + " ".join(kept) + " "

    def attribute_list(match: re.Match[str]) -> str:
        return " ".join(part for part in match.group(1).split() if part.startswith("#"))

    return ATTRIBUTE_LIST.sub(attribute_list, TAG.sub(tag, text))


@pytest.fixture(scope="session")
def built() -> dict[tuple[str, str], dict[str, str]]:
    """(course, edition) -> every built file by its address (pages, calendars, SVG) and the navigation,
    as text; each course generated once per edition."""
    found = {}
    for name, (_, run) in FIXTURES.items():
        for edition in Edition:
            site = generate(COURSES / name / "modules", run, edition=edition)
            files = {path: shown(text) for path, text in site.pages.items()}
            files.update({path: shown(unfold(data)) for path, data in site.files.items()})
            files["(navigation)"] = str(site.nav)
            files["(site name)"] = str(site.site_name)
            found[(name, edition.value)] = files
    return found


def unfold(data: bytes) -> str:
    """A file's text; a calendar file's long lines unfolded (RFC 5545 breaks them after 75 octets)."""
    return data.decode("utf-8").replace("\r\n ", "")


def leaks(files: dict[str, str], words: list[str]) -> list[str]:
    hits = []
    for path, text in files.items():
        for word in words:
            if word in path.casefold():
                hits.append(f"{path} (its address): {word}")
            for match in re.finditer(re.escape(word), text, flags=re.IGNORECASE):
                hits.append(f"{path}: {word}: …{text[max(0, match.start() - 50) : match.end() + 50]}…")
    return hits


def test_the_nurses_course_says_none_of_kdls_words_itself():
    """Else the leak test would search for fewer words than it claims."""
    assert searched_words("sygepleje") == KDL_WORDS["da"]
    assert "buddy" in searched_words("en") and "buddy" in searched_words("da")


@pytest.mark.parametrize("edition", [e.value for e in Edition])
@pytest.mark.parametrize("name", list(FIXTURES))
def test_no_word_of_kdls_concepts_in_another_course(built, name, edition):
    files = built[(name, edition)]
    assert any(p.endswith(".ics") for p in files) and any(p.endswith(".svg") for p in files)
    assert leaks(files, searched_words(name)) == []


def test_the_nurses_course_names_its_peer_scheme_everywhere(built):
    files = built[("sygepleje", "participant")]
    assert "kollegagrupperne.md" in files
    assert "Kollegagrupperne" in files["(navigation)"]
    assert "Kollegamøde efter Forelæsning 1" in files["(navigation)"]
    assert "kalender/efteraar-2027/kollegagrupper/hospice.ics" in files
    assert "#kollegagrupper-hospice" in files["kollegagrupperne.md"]
    assert "Til kollegamødet" in files["sessioner/det-gode-forloeb.md"]
    assert (
        "Kollegamøde: Hospice Nord og Onkologisk afsnit" in files["kalender/efteraar-2027/kollegagrupper/hospice.ics"]
    )
    assert (
        "efteraar-2027.kollegagrupper.hospice.after-det-gode-forloeb.1@"
        in files["kalender/efteraar-2027/kollegagrupper/hospice.ics"]
    )


def test_one_sheet_per_gap_with_a_meeting_and_no_place_the_course_did_not_say(built):
    files = built[("sygepleje", "participant")]
    # meetings after the first session and after the exercise; none between the two sessions of 20 September
    sheets = sorted(p for p in files if p.startswith("min-logbog/") and p != "min-logbog/index.md")
    assert sheets == [
        "min-logbog/kollegamoede-efter-det-gode-forloeb.md",
        "min-logbog/kollegamoede-efter-smerter-oevelse.md",
    ]
    page = files["kollegagrupperne.md"]
    # the medicine group's meeting has neither place nor online: true; the hospice group's second is online
    assert page.count("stedet aftales i gruppen") == 1 and page.count(", online (") == 1
    medicine = files["kalender/efteraar-2027/kollegagrupper/medicin.ics"]
    assert "LOCATION:Stedet aftales i gruppen" in medicine and "Online" not in medicine


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_catalogues_and_vocabularies_name_no_concept_of_kdl(language):
    words = KDL_WORDS[language]
    texts = {key: text for key, value in catalogue(language).items() for text in values(value)}
    vocabulary = ROOT / "src" / "curriculum" / "vocabularies" / f"{language}.yml"
    texts.update({f"vocabulary: {t}": t for t in values(yaml.safe_load(vocabulary.read_text("utf-8")))})
    found = [f"{key}: {word}" for key, text in texts.items() for word in words if word in text.casefold()]
    assert found == []


@pytest.fixture(scope="session")
def nurses_site(tmp_path_factory) -> Path:
    """The nurses' course built once with MkDocs (participant edition), in a project made by `curriculum init`."""
    base = tmp_path_factory.mktemp("nurses")
    project = base / "course"
    result = curriculum_cli("init", str(project), "--language", "da", "--title", "Prøve", cwd=base)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(project / "modules")
    shutil.copytree(COURSES / "sygepleje" / "modules", project / "modules")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(\n    run: )\S+", r"\g<1>efteraar-2027", config.read_text("utf-8")), encoding="utf-8")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_the_built_sites_search_index_and_addresses_hold_no_word_of_kdls_concepts(nurses_site):
    """What MkDocs adds: the search index (titles, texts, addresses) and the folders of the built pages."""
    index = json.loads((nurses_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert any(doc["location"].startswith("kollegagrupperne/") for doc in index)
    files = {f"search: {doc['location']}": f"{doc['title']} {doc['text']}" for doc in index}
    files.update({path.relative_to(nurses_site).as_posix(): "" for path in nurses_site.rglob("*.html")})
    assert leaks(files, searched_words("sygepleje")) == []


# KDL keeps every word it had through its own modules/messages.yml: the phrases that moved there.
KDL_PHRASES = {
    "buddyordningen.md": ["# Buddyordningen", "**Fælles teknologi:**", "Hvert buddymøde ligger", "#buddy-sensorer"],
    "index.md": ["Vælg din buddygruppe", "Dit næste buddymøde:", "mødes buddygrupperne på faste datoer"],
    "sessioner/kick-off.md": ["## Til buddymødet", "Hvilken digital løsning eller velfærdsteknologi", "som leder"],
    "vaerktoejer/teknologiradar.md": ["Sådan bruger du det med medarbejderne", "Teknologierne på radaren"],
    "vaerktoejer/index.md": ["brugt sammen med medarbejderne"],
    "min-logbog/index.md": ["## Ark til buddymøderne", "(buddymoede-efter-forstaaelsesrammer.md)"],
    "min-logbog/buddymoede-efter-forstaaelsesrammer.md": ["# Buddymøde efter Workshop 1"],
    "kalender/2027-foraar-eksempel/buddy/sensorer.ics": [
        "Buddymøder",
        "Buddymøde: Kommune E",
        "fælles teknologi: Sensorer",
        "2027-foraar-eksempel.buddy.sensorer.after-",
        "LOCATION:Online",
    ],
}


@pytest.mark.kdl_files
def test_kdl_keeps_its_words_through_its_own_messages():
    site = generate(ROOT / "modules", "2027-foraar-eksempel")
    files = {**site.pages, **{p: unfold(d) for p, d in site.files.items() if p.endswith(".ics")}}
    missing = [
        (path, phrase) for path, phrases in KDL_PHRASES.items() for phrase in phrases if phrase not in files[path]
    ]
    assert missing == []
    assert {"Buddyordningen": "buddyordningen.md"} in site.nav
