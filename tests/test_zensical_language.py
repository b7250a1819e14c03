"""The theme and the search speak the course's language, with Zensical as with MkDocs: a mkdocs.yml whose
theme.language or search lang is not the course's language stops `curriculum zensical` (and the MkDocs
hook) before anything is built, naming mkdocs.yml, the line and what to write there."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import curriculum_cli, mkdocs_build
from curriculum import sitelanguage


def init(base: Path, language: str) -> Path:
    """A course made by `curriculum init` in ``language``."""
    folder = base / f"course-{language}"
    result = curriculum_cli("init", str(folder), "--language", language, cwd=base)
    assert result.returncode == 0, result.stderr
    return folder


def line_of(path: Path, text: str) -> tuple[int, int]:
    """The line and column (1-based) of the first line of ``path`` that holds ``text``, at the text."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} is not in {path}")


def test_zensical_stops_on_a_theme_in_another_language_naming_the_line(tmp_path):
    folder = init(tmp_path, "en")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: da", 1), encoding="utf-8")
    line, column = line_of(config, "language: da")
    result = curriculum_cli("zensical", "--config", "mkdocs.yml", "--out", "site-zensical", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"mkdocs.yml:{line}:{column}: theme.language is 'da', but the course's language (language: in course.yml) "
        "is 'en'; write `language: en` there"
    )
    assert result.stderr.splitlines()[-1] == "1 problem in the settings; nothing was built."
    assert "Traceback" not in result.stderr
    assert not (folder / "site-zensical").exists()
    assert not (folder / ".zensical" / "participant" / "docs").exists()  # stopped before writing the pages


def test_zensical_stops_on_a_search_in_another_language_also_through_inherit(tmp_path):
    """mkdocs.instructor.yml inherits the search from mkdocs.yml: the problem names mkdocs.yml's line."""
    folder = init(tmp_path, "da")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("lang: da", "lang: en"), encoding="utf-8")
    line, column = line_of(config, "lang: en")
    result = curriculum_cli(
        "zensical", "--config", "mkdocs.instructor.yml", "--out", "site-zensical-instructor", cwd=folder
    )
    assert result.returncode == 1
    assert (
        f"mkdocs.yml:{line}:{column}: plugins.search.lang er 'en', men kursets sprog (language: i "
        "course.yml) er 'da'; skriv `lang: da` dér"
    ) in result.stderr.splitlines()
    assert not (folder / "site-zensical-instructor").exists()


def test_the_mkdocs_hook_gives_the_same_message(tmp_path):
    folder = init(tmp_path, "en")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: da", 1), encoding="utf-8")
    line, column = line_of(config, "language: da")
    result = mkdocs_build(folder, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"mkdocs.yml:{line}:{column}: theme.language is 'da', but the course's language (language: in course.yml) "
        "is 'en'; write `language: en` there"
    ) in result.stderr
    assert "1 problem in the settings; nothing was built." in result.stderr  # the same adapter's words
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    "settings,theme,search,course,expected",
    [
        ("theme:\n  language: en-GB\nplugins:\n  - search:\n      lang: [en, da]\n", "en-GB", ["en", "da"], "en", []),
        (
            "site_name: X\ntheme:\n  name: material\n",
            None,
            None,
            "da",
            [
                "{file}:2:1: theme.language er ikke sat, så temaet taler engelsk, men kursets sprog "
                "(language: i course.yml) er 'da'; tilføj `language: da` under `theme:`"
            ],
        ),
        (
            "theme:\n  language: da\nplugins:\n  - material/search:\n      lang: de\n",
            "da",
            "de",
            "da-DK",
            [
                "{file}:5:7: plugins.search.lang er 'de', men kursets sprog (language: i course.yml) "
                "er 'da-DK'; skriv `lang: da` dér"
            ],
        ),
    ],
)
def test_the_check_compares_languages_and_finds_the_line(tmp_path, settings, theme, search, course, expected):
    config = tmp_path / "mkdocs.yml"
    config.write_text(settings, encoding="utf-8")
    assert sitelanguage.problems(config, theme, search, course) == [e.format(file=config) for e in expected]
    loaded = yaml.safe_load(settings)
    assert sitelanguage.search_lang(loaded) == search


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_new_courses_settings_pass_the_check(tmp_path, language):
    """No false alarm: the mkdocs.yml `curriculum init` writes agrees with its course in either language."""
    from curriculum import newcourse

    config = tmp_path / "mkdocs.yml"
    config.write_bytes(newcourse.planned(language)["mkdocs.yml"])
    loaded = yaml.load(config.read_text("utf-8"), Loader=yaml.BaseLoader)  # !ENV and !!python as text
    theme = loaded["theme"]["language"]
    assert theme == language
    assert sitelanguage.problems(config, theme, sitelanguage.search_lang(loaded), language) == []
    other = "en" if language == "da" else "da"
    assert len(sitelanguage.problems(config, theme, sitelanguage.search_lang(loaded), other)) == 2
