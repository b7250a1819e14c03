"""The bad-input corpus and a fuzz test: every mistake ends in a clean message, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BIN, cli, copy_project, mkdocs_build, write_modules
from curriculum.engine import generate
from curriculum.loader import load_text
from curriculum.models import Course, EvaluationPlan, Reading, Results, Run, Session, Tool
from curriculum.problems import CurriculumError, Problem
from curriculum.validation.files import validate

CORPUS = Path(__file__).parent / "bad_input"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text("utf-8"))


def place(case: dict, project: Path) -> None:
    """Copy the case's file over its target in the project's modules/ (made by write_modules)."""
    target = project / "modules" / case["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / case["file"], target)


def test_corpus_is_complete():
    files = sorted(p.name for p in CORPUS.glob("*.yml") if p.name != "cases.yml")
    assert files == sorted(c["file"] for c in CASES)
    assert len(CASES) >= 85


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_validate_and_the_build_give_each_broken_file_its_message(case, tmp_path, monkeypatch):
    """`curriculum validate` prints the case's lines and nothing but a summary, exits 1 and never shows a
    traceback; what `make site` runs (the engine behind the hook) stops with the same problems: no case passes
    one and fails the other. (`validate` runs in this process; test_validation.py runs the installed command.)"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    write_modules(tmp_path, {})
    place(case, tmp_path)
    result = cli("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[:-1] == case["expect"]
    with pytest.raises(CurriculumError) as caught:
        generate(tmp_path / "modules")
    assert [str(p) for p in caught.value.problems] == case["expect"]


@pytest.mark.published
@pytest.mark.parametrize(
    "name",
    [
        "date-year-1.yml",
        "timezone-folder.yml",
        "alias-recursive.yml",
        "nesting-thousands-of-brackets.yml",
        "prose-too-long.yml",
    ],
)
@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_make_site_reports_the_case_without_internal_error(name, builder, tmp_path):
    case = next(c for c in CASES if c["file"] == name)
    project = copy_project(tmp_path)
    shutil.rmtree(project / "modules")
    write_modules(project, {})
    place(case, project)
    if builder == "mkdocs":
        result = mkdocs_build(project, tmp_path / "site", env={"CURRICULUM_RUN": "test-run"})
        output, status = result.stdout + result.stderr, result.returncode
    else:  # `make zensical` (its ./mkdocs.yml), in this process: it stops before Zensical runs
        result = cli("zensical", "--out", str(tmp_path / "site"), cwd=project, env={"CURRICULUM_RUN": "test-run"})
        output, status = result.stdout + result.stderr, result.returncode
    assert status != 0
    assert "internal error" not in output and "Traceback" not in output
    for line in case["expect"]:
        assert line in output


def _without_root_powers() -> list[str]:
    """A command prefix under which folder permissions apply: root ignores them unless it gives up the
    capabilities to (util-linux's setpriv, part of every Debian)."""
    if os.geteuid() != 0:
        return []
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]


FOLDER = "mappen kan ikke læses (Permission denied); giv din bruger lov til at læse den (fx chmod -R u+rwX {})"
FILE = "filen kan ikke læses (Permission denied); giv din bruger lov til at læse den (fx chmod u+rw {})"


@pytest.mark.parametrize(
    "locked, expected",
    [
        ("tools", "modules/tools/:1:1: " + FOLDER.format("modules/tools")),
        (".", "modules/:1:1: " + FOLDER.format("modules")),
        (
            "sessions/webinar-1.yml",
            "modules/sessions/webinar-1.yml:1:1: " + FILE.format("modules/sessions/webinar-1.yml"),
        ),
    ],
)
def test_an_unreadable_folder_or_file_is_named_with_what_to_do(locked, expected, tmp_path):
    write_modules(tmp_path, {})
    path = tmp_path / "modules" / locked
    mode = path.stat().st_mode
    path.chmod(0o000)
    try:
        for command in (["validate"], ["generate", "--out", str(tmp_path / "out")]):
            result = subprocess.run(
                [*_without_root_powers(), str(BIN / "curriculum"), *command],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 1, result.stderr
            assert "internal error" not in result.stderr and "Traceback" not in result.stderr
            assert expected + ", eller flyt den ud af mappen med moduler" in result.stderr.splitlines()
            assert "med id'et" not in result.stderr  # no follow-on problems from what could not be read
    finally:
        path.chmod(mode)


# ------------------------------------------------------------------ fuzzing

MODELS = (Course, Session, Tool, Reading, Run, EvaluationPlan, Results)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=30),
    st.sampled_from(["2024-04-08", "13:00", "webinar", "kick-off", "javascript:x", "https://a.dk"]),
)
keys = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(
        [
            "id",
            "title",
            "format",
            "themes",
            "summary",
            "sessions",
            "module",
            "date",
            "start",
            "end",
            "url",
            "minutes",
            "kind",
            "origin",
            "content",
            "tool",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)


def assert_clean(problems: list[Problem], text: str) -> None:
    lines = text.count("\n") + 1
    for p in problems:
        assert p.file == "f.yml"
        assert 1 <= p.line <= lines + 1 and p.column >= 1
        assert p.message and "Traceback" not in p.message


def load_and_validate(text: str) -> None:
    """Parse, then validate against every model: any exception fails the test, problems must be clean."""
    doc, problems = load_text(text, "f.yml")
    assert_clean(problems, text)
    if not problems:
        for model in MODELS:
            _, more = validate(doc, model)
            assert_clean(more, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}#&*!|>'\"%@`,?0123456789æøå")), max_size=80))
def test_random_text_gives_only_clean_messages(text):
    load_and_validate(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents)
def test_random_structures_give_only_clean_messages(data):
    load_and_validate(yaml.safe_dump(data, allow_unicode=True))
