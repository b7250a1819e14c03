"""The bad-input corpus and a fuzz test: every mistake ends in a clean message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import curriculum_cli, write_modules
from curriculum.loader import MAX_FILE_BYTES, load_text
from curriculum.models import Course, EvaluationPlan, Reading, Results, Run, Session, Tool
from curriculum.problems import CurriculumError, Problem
from curriculum.validation import _validate, load_curriculum

CORPUS = Path(__file__).parent / "bad_input"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text("utf-8"))


def test_corpus_is_complete():
    files = sorted(p.name for p in CORPUS.glob("*.yml") if p.name != "cases.yml")
    assert files == sorted(c["file"] for c in CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_broken_file_gives_its_message(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_modules(tmp_path, {})
    shutil.copy(CORPUS / case["file"], tmp_path / "modules" / case["target"])
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    assert [str(p) for p in caught.value.problems] == case["expect"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_validate_command_prints_the_same_lines_without_traceback(case, tmp_path):
    write_modules(tmp_path, {})
    shutil.copy(CORPUS / case["file"], tmp_path / "modules" / case["target"])
    result = curriculum_cli("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[:-1] == case["expect"]


def test_very_large_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    big = "id: webinar-1\ntitle: T\nformat: webinar\nthemes: [T]\nsummary: " + "x" * MAX_FILE_BYTES + "\n"
    write_modules(tmp_path, {"sessions/webinar-1.yml": big})
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    assert [str(p) for p in caught.value.problems] == [
        "modules/sessions/webinar-1.yml:1:1: the file is 1.0 MB, more than the 1 MB a module file may be; "
        "split it into smaller modules"]


# ------------------------------------------------------------------ fuzzing

MODELS = (Course, Session, Tool, Reading, Run, EvaluationPlan, Results)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=30),
                    st.sampled_from(["2024-04-08", "13:00", "webinar", "kick-off", "javascript:x", "https://a.dk"]))
keys = st.one_of(st.text(min_size=1, max_size=12),
                 st.sampled_from(["id", "title", "format", "themes", "summary", "sessions", "module", "date",
                                  "start", "end", "url", "minutes", "kind", "origin", "content", "tool"]))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=6)), max_leaves=25)


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
            _, more = _validate(doc, model)
            assert_clean(more, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}#&*!|>'\"%@`,?0123456789æøå")), max_size=80))
def test_random_text_gives_only_clean_messages(text):
    load_and_validate(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents)
def test_random_structures_give_only_clean_messages(data):
    load_and_validate(yaml.safe_dump(data, allow_unicode=True))
