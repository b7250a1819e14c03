"""The course authors' reference (docs/reference.md) is what the code generates, names every file, model and
field, and its worked example of each kind of picture is a tool file the engine accepts and draws."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, write_modules
from curriculum import reference, schema
from curriculum.engine import generate
from curriculum.validation import load_curriculum
from curriculum.visuals.kinds import kinds

COMMITTED = ROOT / "docs" / "reference.md"


def test_the_committed_reference_is_what_the_code_generates():
    assert COMMITTED.read_text("utf-8") == reference.render(), (
        "docs/reference.md is out of date: run `make reference` and commit it"
    )


def sections(text: str) -> dict[str, str]:
    """The reference's sections by their heading (any level), backticks removed."""
    parts = re.split(r"^#{2,4} (.+)$", text, flags=re.M)
    return {parts[i].replace("`", "").strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_reference_has_every_file_model_field_and_choice():
    text = reference.render()
    found = sections(text)
    assert set(reference.FILES) == set(schema.SCHEMAS)
    for kind, (path, _) in reference.FILES.items():
        rows = re.findall(r"^\| `(\w+)` \|", found[path], flags=re.M)
        assert rows == list(schema.SCHEMAS[kind].model_fields), path
    model_types, enum_types = schema.documented_types()
    pictures = {kind.model: ", ".join(kind.words) for kind in kinds()}
    for model in model_types:
        if model in schema.SCHEMAS.values():
            continue
        heading = pictures.get(model, model.__name__)
        rows = re.findall(r"^\| `(\w+)` \|", found[heading], flags=re.M)
        assert rows == list(model.model_fields), heading
    for choice in enum_types:
        values = re.findall(r"^\| `([^`]+)` \|", found[choice.__name__], flags=re.M)
        assert values == [str(member.value) for member in choice], choice.__name__
    for link in re.findall(r"\]\(#([^)]+)\)", text):
        assert link in {reference.slug(h) for h in found}, f"#{link} leads to no heading"


def test_a_vocabulary_field_names_the_course_words_not_one_languages_list():
    session = sections(reference.render())["modules/sessions/<id>.yml"]
    row = next(line for line in session.splitlines() if line.startswith("| `format` |"))
    assert "[`vocabulary`](#vocabulary) `formats`" in row and "da: `kick-off-webinar`" in row and "en: " in row


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.words[0])
def test_each_kind_of_picture_has_a_worked_example_that_validates_and_draws(kind, tmp_path):
    assert kind.example, f"{type(kind).__module__} has no worked example (EXAMPLE, the kind's `example`)"
    data = yaml.safe_load(kind.example)
    tool = data["id"]
    assert data["visual"]["kind"] in kind.words
    modules = write_modules(tmp_path, {f"tools/{tool}.yml": kind.example})
    curriculum = load_curriculum(modules)  # raises with every problem, file and line
    assert type(curriculum.tools[tool].visual) is kind.model
    pages = generate(modules).pages
    assert pages[f"vaerktoejer/{tool}.md"].count(f'id="v-{tool}"') == 1
    assert f"```yaml\n{kind.example}```" in COMMITTED.read_text("utf-8")
