"""The message catalogues (one per language, identical keys, every key used) and Babel's formats."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from curriculum.messages import Messages, catalogue, languages
from curriculum.models import Moment
from curriculum.editions import Edition
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum
from curriculum.visuals import kinds

from conftest import ROOT, write_modules

SRC = ROOT / "src" / "curriculum"
SECTIONS = {key.split(".")[0] for key in catalogue("da")}
# A quoted key ("pages.home") or the start of a key made at run time ("moments." ~ value, f"addresses.{name}").
_NAMES = "|".join(sorted(SECTIONS))
QUOTED = re.compile(rf"""["']((?:{_NAMES})(?:\.[a-z0-9_]+)+)(\.)?(?=["'{{])|["']((?:{_NAMES}))(\.)(?=["'{{])""")
ALIAS = re.compile(r"{%\s*set\s+(\w+)\s*=\s*words\.(\w+)\s*%}")


def used_keys() -> tuple[set[str], set[str]]:
    """The keys the code and the templates name, and the prefixes of keys they make at run time."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in [*SRC.rglob("*.py"), *SRC.rglob("*.j2")]:
        text = path.read_text("utf-8")
        for match in QUOTED.finditer(text):
            key, dot = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if re.search(r"\.(md|j2|yml|ics|py|html)$", key):
                continue  # a file name such as "about.md.j2", not a key
            (prefixes if dot else keys).add(key + (dot or ""))
        if "labels.logbook" in text:  # the logbook's templates take the whole section (labels.logbook)
            prefixes.add("logbook.")
        if "templates/visuals" in path.as_posix():  # {% set w = words.radar %} ... w.legend
            for alias, section in ALIAS.findall(text):
                keys.update(f"visuals.{section}.{k}" for k in re.findall(rf"\b{alias}\.(\w+)", text))
            keys.update(f"visuals.{k}" for k in re.findall(r"\bwords\.(\w+)\b(?!\.)", ALIAS.sub("", text)))
    return keys, prefixes


def test_every_language_has_the_same_keys():
    assert {"da", "en"} <= set(languages())
    for language in languages():
        assert set(catalogue(language)) == set(catalogue("da")), language
        for key, value in catalogue("da").items():  # the same shape: text, forms per number or a list
            assert type(value) is type(catalogue(language)[key]), (language, key)


def test_every_key_is_used_and_every_used_key_exists():
    keys, prefixes = used_keys()
    known = set(catalogue("da"))
    assert sorted(keys - known) == []
    unused = [k for k in known if k not in keys and not any(k.startswith(p) for p in prefixes)]
    assert sorted(unused) == []


def test_keys_made_at_run_time_are_exactly_the_values_they_come_from():
    da = catalogue("da")
    assert {k.split(".")[1] for k in da if k.startswith("moments.")} == {m.value for m in Moment}
    assert {k.split(".")[1] for k in da if k.startswith("editions.")} == {e.value for e in Edition} | {"site_name"}
    assert {k.split(".")[2] for k in da if k.startswith("visuals.heading.")} == set(kinds.words())
    assert len(kinds.words()) >= 7  # the registry found the kinds of picture
    assert {k.split(".")[1] for k in da if k.startswith("addresses.")} == {
        "sessions",
        "tools",
        "about",
        "readings",
        "buddy",
        "evaluation",
        "handbook",
        "teaching",
        "calendar",
        "logbook",
        "logbook_sheet",
    }


def test_placeholders_are_the_same_in_every_language():
    def names(value) -> set[str]:
        texts = value.values() if isinstance(value, dict) else [value] if isinstance(value, str) else []
        return {n for t in texts for n in re.findall(r"{(\w+)}", t)}

    for key, value in catalogue("da").items():
        assert names(value) == names(catalogue("en")[key]), key


@pytest.mark.parametrize(
    "language,expected",
    [
        (
            "da",
            [
                "onsdag 2. oktober 2024",
                "17. nov.",
                "13.05",
                "45 minutter",
                "1 time",
                "1 time og 1 minut",
                "2 timer og 15 minutter",
                "A, B og C",
                "A og B",
                "12,5\u00a0%",
                "engelsk",
                "1 titel",
                "3 titler",
            ],
        ),
        (
            "en",
            [
                "Wednesday 2 October 2024",
                "17 Nov",
                "13:05",
                "45 minutes",
                "1 hour",
                "1 hour and 1 minute",
                "2 hours and 15 minutes",
                "A, B, and C",
                "A and B",
                "12.5%",
                "Danish",
                "1 title",
                "3 titles",
            ],
        ),
    ],
)
def test_dates_times_durations_lists_and_plurals_come_from_babel(language, expected):
    m = Messages(language)
    made = [
        m.long_date(dt.date(2024, 10, 2)),
        m.short_date(dt.date(2024, 11, 17)),
        m.clock(dt.time(13, 5)),
        m.duration(45),
        m.duration(60),
        m.duration(61),
        m.duration(135),
        m.names(["A", "B", "C"]),
        m.names(["A", "B"]),
        m.percent(12.5),
        m.language_name("en" if language == "da" else "da"),
        m("readings.titles", count=1),
        m("readings.titles", count=3),
    ]
    assert made == expected


def test_a_course_overrides_a_message_in_its_own_files(modules_dir):
    (modules_dir / "messages.yml").write_text("pages:\n  buddy: Læsegrupper\n", encoding="utf-8")
    cur = load_curriculum(modules_dir)
    assert cur.messages("pages.buddy") == "Læsegrupper"
    assert cur.messages("pages.home") == "Forside"


def test_an_unknown_or_misshapen_message_is_a_problem_with_its_line(modules_dir):
    (modules_dir / "messages.yml").write_text(
        "pages:\n  bundy: Læsegrupper\nreadings:\n  titles: mange titler\n", encoding="utf-8"
    )
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(modules_dir)
    assert [str(p) for p in caught.value.problems] == [
        "modules/messages.yml:2:3: pages.bundy: der er ingen besked, der hedder 'pages.bundy' (mente du 'buddy'?); "
        "de beskeder, et kursus kan ændre, er nøglerne i generatorens katalog (src/curriculum/catalogues/)",
        "modules/messages.yml:4:11: readings.titles: beskeden skal være former for 'one' og 'other'; skriv den, som "
        "det indbyggede katalog gør",
    ]


def test_a_group_or_a_list_given_as_something_else_is_a_problem_not_an_internal_error(modules_dir):
    """A list message given as a block of fields once ended in "internal error (KeyError)"; a group of
    messages given one text was "unknown message 'tool' (did you mean 'tool'?)"."""
    (modules_dir / "messages.yml").write_text(
        "tool: Værktøj\nvisuals:\n  radar:\n    rings:\n      inner: Brug\n  wheel:\n    rounds: 5\n", encoding="utf-8"
    )
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(modules_dir)
    assert [str(p) for p in caught.value.problems] == [
        "modules/messages.yml:1:7: tool: 'tool' er en gruppe af beskeder, ikke én besked; skriv dem, du vil ændre, "
        "på linjerne under den, rykket ind, fx 'origin: ...'",
        "modules/messages.yml:5:7: visuals.radar.rings: beskeden skal være en liste; skriv den, som det indbyggede "
        "katalog gør",
        "modules/messages.yml:7:13: visuals.wheel.rounds: beskeden skal være en liste; skriv den, som det indbyggede "
        "katalog gør",
    ]


def test_a_language_without_words_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from conftest import MINIMAL  # the minimal course, in Swedish

    modules = write_modules(tmp_path, {"course.yml": MINIMAL["course.yml"].rstrip(" ") + "        language: sv\n"})
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(modules)
    assert "generatoren har ingen ord på sproget 'sv'; brug et af disse: da, en" in str(caught.value.problems[0])


def test_the_problems_placeholders_are_the_same_in_every_language():
    """The problems' words (``report``) fill in their placeholders with ``str.format`` (``{value!r}``): the same
    names in every language, so that no language's message ends in an internal error."""
    import string

    def names(value) -> set[str]:
        texts = value.values() if isinstance(value, dict) else [value]
        return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}

    report = {key: value for key, value in catalogue("da").items() if key.startswith("report.")}
    assert len(report) > 150
    for language in languages():
        for key, value in report.items():
            assert names(value) == names(catalogue(language)[key]), (language, key)


def _broken_course(tmp_path, language_line: str, course_extra: str = ""):
    from conftest import MINIMAL

    course = MINIMAL["course.yml"].rstrip(" ") + language_line + course_extra
    modules = write_modules(tmp_path, {"course.yml": course})
    (modules / "sessions" / "webinar-1.yml").write_text("id: webinar-1\ntitle: Rolle: leder\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(modules)
    return caught.value


@pytest.mark.parametrize(
    "language_line, course_extra, expected",
    [
        ("", "", ["YAML-fejl: teksten i linjen indeholder et kolon", "Der er 1 problem, så intet er bygget."]),
        (
            "        language: en-GB\n",
            "",
            ["YAML syntax error: the text on this line holds a colon", "1 problem found"],
        ),
        # course.yml itself broken: its `language:` line still chooses the words
        ("        language: en\n", "        titel: x\n", ["unknown field 'titel'", "2 problems found"]),
    ],
)
def test_problems_speak_the_course_language(tmp_path, monkeypatch, language_line, course_extra, expected):
    monkeypatch.chdir(tmp_path)
    report = _broken_course(tmp_path, language_line, course_extra).report()
    assert all(words in report for words in expected), report


def test_a_course_without_language_gets_a_check_warning_naming_the_language_assumed(modules_dir):
    from curriculum import lint

    warnings = [str(w) for w in lint.check(load_curriculum(modules_dir))]
    assert (
        "modules/course.yml:1:1: language: advarsel: course.yml siger ikke, hvilket sprog kurset er på, så der gås "
        "ud fra dansk (da); skriv 'language: da' i course.yml, eller det sprog, kurset er på" in warnings
    )


def test_a_region_of_the_course_language_reaches_the_printed_date(tmp_path):
    """``language: en-GB`` dates the handbook's printing the British way ("7 December 2026", not "December 7,
    2026"): the date names the course's tag, region and all, for the browser that prints it."""
    import shutil

    from curriculum.engine import generate

    shutil.copytree(ROOT / "tests" / "courses" / "en" / "modules", tmp_path / "modules")
    course = tmp_path / "modules" / "course.yml"
    course.write_text(course.read_text("utf-8").replace("language: en\n", "language: en-GB\n"), "utf-8")
    site = generate(tmp_path / "modules", "autumn-2026")
    printed = [page for page in site.pages.values() if "data-course-printed" in page]
    assert printed and all('<span data-course-printed lang="en-GB"></span>' in page for page in printed)
    assert site.language == "en-GB"


def test_a_broken_vocabulary_entry_is_reported_once_and_the_rest_still_counts(tmp_path, monkeypatch):
    """An entry without its name makes course.yml invalid; the sessions are still checked against the words
    the course declares (its own formats, not the language's defaults), so the entry is its only problem."""
    from conftest import MINIMAL

    monkeypatch.chdir(tmp_path)
    vocabulary = (
        "        vocabulary:\n          replace: [formats]\n          formats:\n"
        "            - {id: forelaesning, name: Forelæsning}\n            - {id: ovelse}\n"
    )
    modules = write_modules(
        tmp_path,
        {
            "course.yml": MINIMAL["course.yml"].rstrip(" ") + vocabulary,
            "sessions/webinar-1.yml": MINIMAL["sessions/webinar-1.yml"].replace(
                "format: webinar", "format: forelaesning"
            ),
            "sessions/workshop-1.yml": MINIMAL["sessions/workshop-1.yml"].replace("format: workshop", "format: ovelse"),
        },
    )
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(modules)
    assert [str(p) for p in caught.value.problems] == [
        "modules/course.yml:20:7: vocabulary.formats[1].name: feltet 'name' skal være med, men mangler; tilføj det"
    ]


def test_the_preview_shows_the_problems_page_in_the_language_of_its_problems(tmp_path, monkeypatch):
    """An English course's problems, and the page that lists them, are English also when the theme's language
    is not set (Material's default) or is another."""
    import shutil

    from curriculum import frontend

    monkeypatch.setattr(frontend, "_last_good", [])
    shutil.copytree(ROOT / "tests" / "courses" / "en" / "modules", tmp_path / "modules")
    session = tmp_path / "modules" / "sessions" / "opening.yml"
    session.write_text(session.read_text("utf-8").replace("\ntitle:", "\ntitel:", 1), "utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    for theme in (None, "da"):
        site = frontend.problem_site(caught.value, theme)
        page = site.pages["index.md"]
        assert site.language == "en" and "The course files need correcting" in page
        assert "unknown field &#39;titel&#39; (did you mean &#39;title&#39;?)" in page
