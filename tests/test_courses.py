"""Other courses than KDL: a Danish course with its own vocabulary and an English course (tests/courses/),
each built with MkDocs in both editions from a project made by `curriculum init`; and `curriculum init`'s
own course in both languages. The English site holds no word of the generator's Danish catalogue, and
the Danish one none of the English catalogue."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
import re
import shutil
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from curriculum import schema
from curriculum.messages import catalogue
from conftest import BIN, MINIMAL, ROOT, built_once, cli, mkdocs_build, package_copy, run, write_modules

COURSES = ROOT / "tests" / "courses"
RUNS = {"da": "foraar-2027", "en": "autumn-2026"}


def project(base: Path, language: str, modules: Path | None = None, run_id: str | None = None) -> Path:
    """A course repository made by `curriculum init`, with ``modules`` in place of its own course."""
    target = base / f"course-{language}"
    result = cli(
        "init", str(target), "--language", language, "--title", "Prøve" if language == "da" else "Trial", cwd=base
    )
    assert result.returncode == 0, result.stderr
    if modules is not None:
        shutil.rmtree(target / "modules")
        shutil.copytree(modules, target / "modules")
        config = target / "mkdocs.yml"
        config.write_text(re.sub(r"(\n    run: )\S+", rf"\g<1>{run_id}", config.read_text("utf-8")), encoding="utf-8")
    return target


EDITIONS = {"participant": "mkdocs.yml", "instructor": "mkdocs.instructor.yml"}


def build_courses(base: Path) -> None:
    """Each fixture course in a project of its language, both editions built into site-LANGUAGE-EDITION/."""
    for language in ("da", "en"):
        folder = project(base, language, COURSES / language / "modules", RUNS[language])
        for edition, config in EDITIONS.items():
            result = mkdocs_build(folder, base / f"site-{language}-{edition}", config=config)
            assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(language, edition) -> the built site of the fixture course in that language (built once per run)."""
    base = built_once(tmp_path_factory, "courses", build_courses)
    return {(language, edition): base / f"site-{language}-{edition}" for language in RUNS for edition in EDITIONS}


class _Text(HTMLParser):
    """What a reader or a screen reader gets from HTML or SVG: the text, and the attributes that are read
    out or shown (aria-label, title, alt, the self-assessment's messages); not class names or addresses."""

    SPOKEN = ("aria-label", "title", "alt", "placeholder", "data-not-rated")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.parts += [v for k, v in attrs if v and (k in self.SPOKEN or k.startswith("data-msg-"))]

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def readable(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(parser.parts)


def texts(site: Path) -> dict[str, str]:
    """Every page, picture, calendar file and the search index of a built site, as the text a reader, a
    screen reader or the search sees. Style sheets, scripts and Material's theme files are code."""
    found = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".svg", ".ics", ".json", ".xml"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix in (".html", ".svg"):
            text = readable(text)
        elif path.suffix == ".json":
            docs = json.loads(text).get("docs", [])
            text = " ".join(readable(d.get("title", "")) + " " + readable(d.get("text", "")) for d in docs)
        found[path.relative_to(site).as_posix()] = text
    assert any(name.endswith("search_index.json") for name in found)
    return found


def fragments(language: str, other: str) -> set[str]:
    """The literal parts (between placeholders) of the messages of ``language`` that read differently in
    ``other``: at least six characters, so that no short word shared by the languages counts. Page
    addresses and anchors are names, not words (``handbook`` is also a CSS class): they are tested apart. The
    problems' words (``report.``) are in no built page: they name fields, which are the same in every language."""
    mine, theirs = catalogue(language), catalogue(other)
    found = set()
    for key, value in mine.items():
        if key.startswith(("addresses.", "handbook.anchor_", "pdf.file", "pdf.edition_files.", "report.")):
            continue
        values = (
            list(value.values())
            if isinstance(value, dict)
            else [value]
            if isinstance(value, str)
            else [v for entry in value for v in (entry.values() if isinstance(entry, dict) else [entry])]
        )
        other_values = json.dumps(theirs[key], ensure_ascii=False)
        for text in values:
            for part in re.split(r"{\w+}|[*\[\]()`]", str(text)):
                part = part.strip(" .,:;–-")
                if len(part) >= 6 and part not in other_values and not part.startswith(("http", "#")):
                    found.add(part)
    return found


def any_of(words: set[str]) -> re.Pattern[str]:
    """One pattern for every word (as a whole word; the longest first where two start at the same place)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


@pytest.mark.parametrize("language,other", [("en", "da"), ("da", "en")])
def test_no_word_of_the_other_languages_catalogue_in_any_built_file(sites, language, other):
    words = fragments(other, language)
    assert len(words) > 150  # the test searches for something ...
    pattern = any_of(words)
    own = " ".join(texts(sites[(other, "instructor")]).values())  # ... that it finds where it belongs
    assert len(set(pattern.findall(own))) > 60
    for edition in ("participant", "instructor"):
        for name, text in texts(sites[(language, edition)]).items():
            assert pattern.findall(text) == [], f"{edition} {name}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_is_in_the_course_language(sites, language):
    for edition in ("participant", "instructor"):
        pages = list(sites[(language, edition)].rglob("*.html"))
        assert len(pages) > 10
        for page in pages:
            assert f'<html lang="{language}"' in page.read_text("utf-8"), page


def test_english_addresses_words_and_dates(sites):
    site = sites[("en", "participant")]
    for address in (
        "sessions/opening",
        "tools/tech-radar",
        "about",
        "readings",
        "peer-groups",
        "evaluation",
        "handbook",
    ):
        assert (site / address / "index.html").is_file(), address
    assert (site / "calendar" / "autumn-2026.ics").is_file()
    page = html.unescape((site / "sessions/opening/index.html").read_text("utf-8"))
    assert "Kick-off webinar: Why technology in care" in page
    assert 'Tuesday 8 September 2026, <span class="course-clock">13:00–15:00</span>' in page
    assert "Session 1 of 4 in Autumn 2026" in page
    tool = html.unescape((site / "tools/tech-radar/index.html").read_text("utf-8"))
    assert "How to use it with your team" in tool  # the course's own wording (modules/messages.yml)
    readings = html.unescape((site / "readings/index.html").read_text("utf-8"))
    assert "Report, in Danish" in readings  # a reading in another language than the course's
    assert "Book, 1 hour" in readings and "in English" not in readings
    groups = html.unescape((site / "peer-groups/index.html").read_text("utf-8"))
    assert "Team North and Team South" in groups and "Shared focus:" in groups
    ics = (site / "calendar" / "autumn-2026.ics").read_text("utf-8")
    assert "PRODID:-//curriculum//course calendar//EN" in ics and "Question for reflection" in ics
    assert "Page not found" in (site / "404.html").read_text("utf-8")
    title = (sites[("en", "instructor")] / "index.html").read_text("utf-8")
    assert "<title>Digital Care Basics – instructor edition</title>" in title


def test_a_danish_course_with_its_own_formats_and_agenda_kinds(sites):
    site = sites[("da", "instructor")]
    home = html.unescape((site / "index.html").read_text("utf-8"))
    for label in (
        "Forelæsning 1: Teknologi og omsorg",
        "Øvelse: Forflytning med loftlift",
        "Studiebesøg: Besøg på Solgården",
        "E-læring: Skærmbesøg",
        "Forelæsning 2: Data og dokumentation",
        "Eksamen: Mundtlig eksamen",
    ):
        assert label in home
    assert "Eksamen 1" not in home
    session = html.unescape((site / "sessioner/forflytning/index.html").read_text("utf-8"))
    assert "<td>Rollespil</td>" in session
    plan = html.unescape((site / "undervisningsplan/teknologi-og-omsorg/index.html").read_text("utf-8"))
    assert "<td>Frokost</td>" in plan and "Tidsplanen fylder hele sessionens 2 timer." in plan
    readings = html.unescape((site / "litteratur/index.html").read_text("utf-8"))
    assert "1 video" in readings and "Video, 15 minutter" in readings  # the course's own kind, counted


def test_the_schemas_complete_the_courses_own_words():
    vocabulary = schema.course_vocabulary(COURSES / "da" / "modules")
    session = schema.build_schema("session", vocabulary=vocabulary)
    fmt = session["properties"]["format"]
    assert fmt["enum"] == ["forelæsning", "øvelse", "studiebesøg", "e-læring", "eksamen"]
    assert dict(zip(fmt["enum"], fmt["enumDescriptions"]))["eksamen"] == "Eksamen"
    assert "rollespil" in session["$defs"]["AgendaBlock"]["properties"]["kind"]["enum"]
    validator = Draft202012Validator(session)
    exam = {"id": "x", "title": "X", "format": "eksamen", "themes": ["T"], "summary": "S"}
    assert not list(validator.iter_errors(exam))
    assert list(validator.iter_errors({**exam, "format": "webinar"}))  # not a word of this course
    reading = schema.build_schema("reading", vocabulary=vocabulary)
    assert "video" in reading["properties"]["kind"]["enum"]
    result = cli(
        "schema", "--out", "schemas", "--modules", str(COURSES / "da" / "modules"), cwd=ROOT / "tests"
    )  # a course's own `make schemas`
    try:
        written = json.loads((ROOT / "tests" / "schemas" / "session.schema.json").read_text("utf-8"))
        assert "eksamen" in written["properties"]["format"]["enum"]
    finally:
        shutil.rmtree(ROOT / "tests" / "schemas", ignore_errors=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language,heading", [("da", "Første session"), ("en", "First session")])
def test_init_makes_a_course_that_builds_with_make_site(tmp_path, language, heading):
    folder = project(tmp_path, language)
    for name in (
        "modules/course.yml",
        "mkdocs.yml",
        "mkdocs.instructor.yml",
        "Makefile",
        "README.md",
        "requirements.txt",
        ".github/workflows/publish.yml",
    ):
        assert (folder / name).is_file(), name
    for name in ("hooks", "overrides", "content/stylesheets", "content/javascripts"):  # the plugin's, from the package
        assert not (folder / name).exists(), name
    assert "Kompetencer" not in (folder / "mkdocs.instructor.yml").read_text("utf-8")
    for target, site in (("site", "site"), ("instructor", "site-instructor")):
        result = run(["make", target, f"BIN={BIN}/"], cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
        index = (folder / site / "index.html").read_text("utf-8")
        assert f'<html lang="{language}"' in index and heading in index
    edition = "underviserudgave" if language == "da" else "instructor edition"
    assert f"Prøve – {edition}" in (folder / "site-instructor/index.html").read_text(
        "utf-8"
    ) or f"Trial – {edition}" in (folder / "site-instructor/index.html").read_text("utf-8")
    assert cli("init", str(folder), "--language", language, cwd=tmp_path).returncode == 1  # not empty


def test_a_theme_in_another_language_than_the_course_stops_the_build(tmp_path):
    folder = project(tmp_path, "en")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: da", 1), encoding="utf-8")
    result = mkdocs_build(folder, tmp_path / "site")
    assert result.returncode != 0
    assert "theme.language is 'da', but the course's language (language: in course.yml) is 'en'" in result.stderr


def test_a_new_language_is_its_catalogue_its_vocabulary_and_its_templates(tmp_path):
    """The recipe for a language (docs/developers/extending.md), followed in a copy of the package with a throw-away language (sv, the
    English files copied): each missing part is named, never an internal error; with all of them in place,
    `curriculum init` makes a course in it that `curriculum new` adds to and `curriculum generate` builds."""
    package = package_copy(tmp_path / "package")

    def packaged(*args: str, cwd: Path = tmp_path):
        return run([sys.executable, "-m", "curriculum.cli", *args], cwd=cwd, env={"PYTHONPATH": str(package.parent)})

    shutil.copy(package / "catalogues" / "en.yml", package / "catalogues" / "sv.yml")
    result = packaged("init", "first", "--language", "sv")
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert (
        "curriculum init: the generator has words for the language 'sv' (catalogues/sv.yml) but lacks "
        "vocabularies/sv.yml (its formats, agenda kinds and reading kinds: copy en.yml) and templates/init/sv/ "
        "(the new course's first files: copy templates/init/en/) in src/curriculum/"
    ) in result.stderr
    half = write_modules(
        tmp_path / "half", {"course.yml": MINIMAL["course.yml"].rstrip(" ") + "        language: sv\n"}
    )
    result = packaged("validate", "--modules", str(half))
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert (
        "src/curriculum/vocabularies/sv.yml:1:1: the generator has words for the language 'sv' (catalogues/sv.yml) "
        "but no vocabulary: add this file"
    ) in result.stderr

    shutil.copy(package / "vocabularies" / "en.yml", package / "vocabularies" / "sv.yml")
    result = packaged("init", "second", "--language", "sv")
    assert result.returncode == 1 and "lacks templates/init/sv/" in result.stderr
    assert "vocabularies" not in result.stderr and not (tmp_path / "second").exists()

    for folder in ("init", "new"):
        shutil.copytree(package / "templates" / folder / "en", package / "templates" / folder / "sv")
    result = packaged("init", "course", "--language", "sv", "--title", "Prov")
    assert result.returncode == 0, result.stderr
    course = tmp_path / "course"
    config = (course / "mkdocs.yml").read_text("utf-8")
    assert "  language: sv" in config and "      lang: sv" in config and "    run: first-cohort" in config
    result = packaged("new", "session", "andra-sessionen", cwd=course)
    assert result.returncode == 0, result.stderr
    result = packaged("generate", "--config", "mkdocs.yml", "--out", "out", cwd=course)
    assert result.returncode == 0, result.stderr
    page = (course / "out" / "sessions" / "first-session.md").read_text("utf-8")
    # the date is Babel's in Swedish ("onsdag 17 april 2024"): the course's language, not the catalogue's
    assert re.search(r"\b(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d+ \w+ \d{4}\b", page), page[:600]
