"""The documentation by reader: a short README whose commands are the Makefile's, and links in README.md and
docs/ that lead somewhere (a file that exists, and a heading of it where the link names one)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from curriculum.reference import slug

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").rglob("*.md"))]


def prose(text: str) -> str:
    """The text without fenced code blocks and code spans, where a link or a heading is only an example."""
    text = re.sub(r"^( *)```.*?^\1```", "", text, flags=re.M | re.S)
    return re.sub(r"``.+?``|`[^`\n]+`", "code", text)  # a code span may be a link's text: [`file`](file)


def headings(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings (a heading used again gets -1, -2, …)."""
    seen: Counter[str] = Counter()
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", prose_keeping_code_spans(page.read_text("utf-8")), flags=re.M):
        anchor = slug(heading)
        anchors.add(f"{anchor}-{seen[anchor]}" if seen[anchor] else anchor)
        seen[anchor] += 1
    return anchors


def prose_keeping_code_spans(text: str) -> str:
    return re.sub(r"^( *)```.*?^\1```", "", text, flags=re.M | re.S)


def links(page: Path) -> list[str]:
    """Every link and image address of a page: Markdown's [text](target) and HTML's src= and href=."""
    text = prose(page.read_text("utf-8"))
    return re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text) + re.findall(r"\b(?:src|href)=\"([^\"]+)\"", text)


def broken(page: Path) -> list[str]:
    """The relative links of a page that lead to no file, or to no heading of it."""
    wrong = []
    for target in links(page):
        if re.match(r"^[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            wrong.append(f"{target}: no file {file}")
        elif anchor and file.suffix == ".md" and anchor not in headings(file):
            wrong.append(f"{target}: no heading #{anchor} in {file.name}")
    return wrong


def test_the_readme_has_at_most_150_lines_and_links_every_reader_to_docs():
    assert len(README.read_text("utf-8").splitlines()) <= 150
    found = links(README)
    for page in ("instruktoervejledning.md", "course-authors.md", "reference.md", "publishing.md"):
        assert f"docs/{page}" in found
    assert [link for link in found if link.startswith("docs/developers/")]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(page):
    assert broken(page) == []


@pytest.mark.published
@pytest.mark.kdl_files
def test_the_notes_on_kdls_data_are_beside_its_files_and_their_links_lead_somewhere():
    notes = ROOT / "modules" / "README.md"
    assert notes.read_text("utf-8").startswith("# About the KDL data\n")
    assert broken(notes) == []


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other\n\n## A heading: with words\n", encoding="utf-8")
    page.write_text(
        "[ok](other.md#a-heading-with-words) [gone](gone.md) [bad](other.md#nowhere) `[code](code.md)`\n"
        '<img src="missing.png" alt="">\n\n```\n[in a block](block.md)\n```\n',
        encoding="utf-8",
    )
    assert [line.split(":")[0] for line in broken(page)] == ["gone.md", "other.md#nowhere", "missing.png"]


def test_the_readmes_commands_are_the_makefiles_targets():
    text = README.read_text("utf-8")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    two = re.search(r"^## Two commands\n\n```sh\n(.*?)```", text, flags=re.M | re.S)
    assert two is not None
    assert re.findall(r"^make (\S+)", two.group(1), flags=re.M) == ["site", "test"]
    assert "Two commands on a fresh machine: `make site` and `make test`" in makefile
    used = set(re.findall(r"\bmake ([a-z][a-z-]*)", text))
    assert {"site", "test", "serve", "reference"} <= used
    for target in used:
        assert re.search(rf"^{re.escape(target)}:", makefile, flags=re.M), f"README names `make {target}`"
