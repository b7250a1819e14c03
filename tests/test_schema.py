"""The JSON Schemas in schemas/: up to date, valid, explained in Danish, and they fit modules/.

The schemas are what VS Code (Red Hat's YAML extension, .vscode/settings.json) uses to
explain, complete and check the module files. They are generated from the models and
src/curriculum/templates/field_help.yml; `make schemas` regenerates them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conftest import ROOT, cli
from curriculum import scaffold, schema
from curriculum.loader import load_file, load_text
from curriculum.sources import Layout
from curriculum.validation import load_curriculum

SCHEMA_DIR = ROOT / "schemas"
KIND_OF_FOLDER = {"sessions": "session", "tools": "tool", "readings": "reading", "runs": "run"}


def committed(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / schema.file_name(kind)).read_text("utf-8"))


def validator(kind: str) -> Draft202012Validator:
    # With format checks, as the editor makes them (a date must be a real date).
    return Draft202012Validator(committed(kind), format_checker=FormatChecker())


# The course's own words (`make schemas` writes the schemas with the vocabulary of modules/course.yml).
VOCABULARY = schema.course_vocabulary(ROOT / "modules")
FIXTURE = ROOT / "tests" / "courses" / "en" / "modules"


def kind_of(path: Path, modules: Path) -> str | None:
    """The kind of file, as the schemas name it; None for modules/messages.yml, which has no schema."""
    parts = path.relative_to(modules).parts
    if parts == ("course.yml",):
        return "course"
    if parts == ("messages.yml",):
        return None
    if parts == ("evaluation", "plan.yml"):
        return "evaluation-plan"
    if parts[:2] == ("evaluation", "results"):
        return "evaluation-results"
    return KIND_OF_FOLDER[parts[0]]


def errors(kind: str, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(data)]


# ---------------------------------------------------------------- up to date


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_committed_schema_is_up_to_date(kind):
    path = SCHEMA_DIR / schema.file_name(kind)
    assert path.is_file(), f"{path} is missing; run `make schemas`"
    assert path.read_text("utf-8") == schema.render(kind, vocabulary=VOCABULARY), (
        f"{path.relative_to(ROOT)} is out of date with the models or field_help.yml; run `make schemas`"
    )


def test_schema_command_writes_exactly_the_committed_files(tmp_path):
    result = cli("schema", "--out", str(tmp_path / "out"), "--modules", str(ROOT / "modules"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    for name in written:
        assert (tmp_path / "out" / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


# ------------------------------------------------------------- Danish help


def test_every_field_has_a_danish_description_and_an_example():
    missing = schema.missing_help()
    assert not missing, f"add these to src/curriculum/{schema.HELP_FILE} and run `make schemas`:\n" + "\n".join(
        f"  {m}" for m in missing
    )


def test_missing_help_is_named_field_by_field():
    help_data = schema.load_help()
    session = dict(help_data["Session"])
    session["fields"] = {k: v for k, v in session["fields"].items() if k != "buddy_prompt"}
    blip = dict(help_data["Blip"])
    blip["fields"] = {**blip["fields"], "moved": {"description": "Hvilken vej."}}  # no example
    moves = {**help_data["BlipMove"], "values": {"in": "Ind."}}
    broken = {**help_data, "Session": session, "Blip": blip, "BlipMove": moves}
    del broken["Origin"]
    named = [str(m) for m in schema.missing_help(broken)]
    assert "Session.buddy_prompt: no Danish description" in named
    assert "Session.buddy_prompt: no example" in named
    assert "Blip.moved: no example" in named
    assert "BlipMove.out: no Danish description of this choice" in named
    assert "Origin.creator: no Danish description" in named  # a nested model reached through Tool.origin
    assert "Origin: no Danish title of the model" in named


def test_a_field_added_to_a_model_later_is_reported(monkeypatch):
    from pydantic import create_model

    from curriculum import models

    grown = create_model("Reading", __base__=models.Reading, evaluation_note=(str | None, None))
    monkeypatch.setitem(schema.SCHEMAS, "reading", grown)
    assert "Reading.evaluation_note: no Danish description" in [str(m) for m in schema.missing_help()]


def test_help_file_names_no_field_that_does_not_exist():
    assert schema.unknown_help() == [], "remove or rename these entries in field_help.yml"


def test_descriptions_reach_the_schema_and_english_titles_do_not():
    session = committed("session")
    assert session["title"] == "Sessionsmodul (modules/sessions/<id>.yml)"
    assert session["properties"]["questions"]["description"].startswith("Refleksionsspørgsmål")
    assert session["properties"]["questions"]["examples"] == [["Hvordan leder du ud fra et borgerperspektiv?"]]
    block = session["$defs"]["AgendaBlock"]
    assert block["title"] == "Blok i tidsplanen"
    assert block["properties"]["minutes"]["examples"] == [20]
    kinds = block["properties"]["kind"]  # the course's vocabulary (modules/course.yml and its language)
    assert dict(zip(kinds["enum"], kinds["enumDescriptions"])) == {
        kind: entry.name for kind, entry in VOCABULARY.agenda_kinds.items()
    }
    assert session["properties"]["format"]["enum"] == list(VOCABULARY.formats)
    texts = json.dumps({kind: committed(kind) for kind in schema.SCHEMAS}, ensure_ascii=False)
    for english in (
        '"title": "Short Name"',
        '"title": "Use With Staff"',
        "A titled piece of prose",
        "One block of a session's agenda",
    ):
        assert english not in texts


def _property_schemas():
    """(model name, field, the field's schema with the $defs it refers to) for every field of every schema."""
    for kind in schema.SCHEMAS:
        root = schema.build_schema(kind)  # as generated now, so that this test does not wait for `make schemas`
        defs = root.get("$defs", {})
        owners = {root["title"]: (schema.SCHEMAS[kind].__name__, root)}
        owners.update({name: (name, body) for name, body in defs.items() if "properties" in body})
        for _, (model_name, body) in owners.items():
            for field, prop in body["properties"].items():
                yield model_name, field, {"$defs": defs, **prop}


def test_each_example_is_valid_for_its_field():
    checked = 0
    for model_name, field, prop in _property_schemas():
        assert prop.get("examples"), f"{model_name}.{field} has no example in the schema"
        for example in prop["examples"]:
            problems = [
                e.message for e in Draft202012Validator(prop, format_checker=FormatChecker()).iter_errors(example)
            ]
            assert not problems, f"the example of {model_name}.{field} does not fit the field: {problems}"
            checked += 1
    assert checked > 100


def test_the_examples_of_a_model_together_make_a_valid_file_for_the_engine():
    help_data = schema.load_help()
    model_types, _ = schema.documented_types()
    for model in model_types:
        fields = help_data[model.__name__]["fields"]
        example = {name: fields[name]["example"] for name in model.model_fields}
        model.model_validate(example)  # raises, naming the field, if an example is wrong for the engine


# ------------------------------------------------------------- valid schema


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_schema_is_valid_json_schema(kind):
    document = committed(kind)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)
    for name, definition in document.get("$defs", {}).items():
        if "enum" in definition:
            assert len(definition["enumDescriptions"]) == len(definition["enum"]), name


# ------------------------------------------------ modules/ fits the schemas


MODULE_FILES = [p for p in Layout(ROOT / "modules").all_files() if kind_of(p, ROOT / "modules")]


@pytest.mark.parametrize("path", MODULE_FILES, ids=[p.relative_to(ROOT / "modules").as_posix() for p in MODULE_FILES])
def test_every_file_in_modules_validates_against_its_schema(path):
    doc, problems = load_file(path, str(path))
    assert not problems
    assert errors(kind_of(path, ROOT / "modules"), doc.data) == []


def test_all_kinds_of_files_were_checked():
    kinds = {kind_of(p, ROOT / "modules") for p in MODULE_FILES}
    assert kinds <= set(schema.SCHEMAS) and {"course", "session", "run"} <= kinds
    cur = load_curriculum(ROOT / "modules")
    counted = [cur.sessions, cur.tools, cur.readings, cur.runs, cur.results]
    assert len(MODULE_FILES) == 1 + sum(len(c) for c in counted) + (cur.evaluation is not None)
    fixture = {kind_of(p, FIXTURE) for p in Layout(FIXTURE).all_files()}  # the English fixture course has every kind
    assert fixture - {None} == set(schema.SCHEMAS) - {"portfolio"}  # a library's front page: below


def test_a_librarys_front_page_validates_against_its_schema_and_a_misspelt_field_does_not():
    path = ROOT / "tests" / "courses" / "portfolio" / "modules" / "portfolio.yml"
    doc, problems = load_file(path, str(path))
    assert not problems and errors("portfolio", doc.data) == []
    data = {("titel" if key == "title" else key): value for key, value in doc.data.items()}
    assert errors("portfolio", data) and errors("portfolio", {**doc.data, "language": "dansk"})


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_every_new_file_template_validates_against_its_schema(kind, modules_dir):
    text = scaffold.render(kind, "ny-fil", load_curriculum(modules_dir), dt.date(2026, 11, 23))
    doc, problems = load_text(text, "new.yml")
    assert not problems
    assert errors(kind, doc.data) == []


# A broken file for each kind, with what makes it broken; the editor must flag every one.
BROKEN = [
    ("session", "format: webinr", {"format": "webinr"}),
    ("session", "an id with a space", {"id": "Webinar 1"}),
    ("session", "a misspelt field", {"sumary": "Vi fortsætter."}),
    ("session", "a missing required field", {"summary": None}),
    ("session", "minutes as words in the agenda", {"agenda": [{"minutes": "tyve", "kind": "oplæg", "title": "T"}]}),
    ("session", "an unknown kind of agenda block", {"agenda": [{"minutes": 20, "kind": "foredrag", "title": "T"}]}),
    ("session", "a title that is a number", {"title": 2024}),
    ("tool", "an unknown kind of visual", {"visual": {"kind": "pie", "parts": [{"name": "A"}, {"name": "B"}]}}),
    (
        "tool",
        "a radar blip without a ring",
        {
            "visual": {
                "kind": "radar",
                "sectors": [{"name": "A"}],
                "blips": [{"name": "X", "sector": "a", "description": "D"}],
            }
        },
    ),
    ("tool", "a misspelt field in origin", {"origin": {"creater": "KL"}}),
    ("reading", "a javascript: link", {"url": "javascript:alert(1)"}),
    ("reading", "an unknown kind", {"kind": "blog"}),
    ("reading", "minutes as text", {"minutes": "30 min"}),
    (
        "run",
        "a date day-month-year",
        {"sessions": [{"module": "a", "date": "17-04-2024", "start": "09:00", "end": "15:00", "online": True}]},
    ),
    (
        "run",
        "30 February",
        {"sessions": [{"module": "a", "date": "2024-02-30", "start": "09:00", "end": "15:00", "online": True}]},
    ),
    (
        "run",
        "an hour that does not exist",
        {"sessions": [{"module": "a", "date": "2024-04-17", "start": "24.00", "end": "15:00", "online": True}]},
    ),
    ("run", "no sessions", {"sessions": []}),
    ("course", "no organisers", {"organisers": []}),
    (
        "evaluation-plan",
        "an unknown kind of method",
        {"methods": [{"id": "m", "kind": "survey", "title": "T", "description": "D", "touchpoints": [{"what": "W"}]}]},
    ),
    (
        "evaluation-plan",
        "a touchpoint at an unknown moment",
        {
            "methods": [
                {
                    "id": "m",
                    "kind": "interview",
                    "title": "T",
                    "description": "D",
                    "touchpoints": [{"every_session": True, "moment": "afterwards", "what": "W"}],
                }
            ]
        },
    ),
    ("evaluation-results", "more than 100 percent", {"items": [{"item": "2a", "percent": 120}]}),
    ("evaluation-results", "a percentage as text", {"items": [{"item": "2a", "percent": "83 %"}]}),
]


@pytest.mark.parametrize("kind,what,change", BROKEN, ids=[b[1] for b in BROKEN])
def test_broken_files_do_not_validate(kind, what, change, modules_dir):
    example = {
        "session": "sessions/workshop-1.yml",
        "tool": "tools/teknologiradar.yml",
        "reading": "readings/deci-2000.yml",
        "run": "runs/test-run.yml",
        "course": "course.yml",
        "evaluation-plan": FIXTURE / "evaluation" / "plan.yml",
        "evaluation-results": FIXTURE / "evaluation" / "results" / "autumn-2026.yml",
    }[kind]
    doc, _ = load_file(modules_dir / example, str(example))  # an absolute path stays as it is
    assert errors(kind, doc.data) == []  # the file is fine before the change
    broken = {k: v for k, v in {**doc.data, **change}.items() if v is not None}
    assert errors(kind, broken), f"the {kind} schema accepts {what}"


def test_the_bad_input_corpus_is_flagged_by_the_editor_where_a_single_file_shows_the_mistake(tmp_path):
    """tests/bad_input: each mistake that lies within one file is caught by its schema too."""
    corpus = Path(__file__).parent / "bad_input"
    within_one_file = [
        "date-danish-order.yml",
        "date-impossible.yml",
        "enum-misspelt-format.yml",
        "id-with-space.yml",
        "key-misspelt-nested.yml",
        "key-misspelt.yml",
        "missing-nested-description.yml",
        "missing-summary.yml",
        "time-invalid.yml",
        "type-list-instead-of-text.yml",
        "type-minutes-as-words.yml",
        "type-number-as-title.yml",
        "type-text-instead-of-list.yml",
        "url-javascript.yml",
    ]
    cases = {c["file"]: c for c in yaml.safe_load((corpus / "cases.yml").read_text("utf-8"))}
    for name in within_one_file:
        target = cases[name]["target"]
        doc, problems = load_file(corpus / name, name)
        assert not problems, name
        assert errors(KIND_OF_FOLDER.get(target.split("/")[0], "course"), doc.data), f"{name} passes its schema"


# ------------------------------------------------------------------ VS Code


def test_vscode_maps_every_module_file_to_the_schema_of_its_kind():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{schema.file_name(kind)}" for kind in schema.SCHEMAS}
    for target in mapping:
        assert (ROOT / target).is_file()
    assert settings.get("yaml.yamlVersion", "1.2") == "1.2"  # 13:00 and 2024-04-08 stay text, as in the loader
    layout = Layout(ROOT / "modules")
    for path in layout.all_files() + [layout.root / "sessions" / "ny.yaml", layout.root / "runs" / "2030.yaml"]:
        relative = path.relative_to(ROOT).as_posix()
        matches = [
            target
            for target, globs in mapping.items()
            if any(fnmatch.fnmatch(relative, g) for g in ([globs] if isinstance(globs, str) else globs))
        ]
        kind = kind_of(path, layout.root)
        assert matches == ([f"./schemas/{schema.file_name(kind)}"] if kind else []), relative


def test_vscode_recommends_the_yaml_extension():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_schema_command_warns_about_missing_help_but_still_writes(tmp_path, monkeypatch, capsys):
    from curriculum import cli

    monkeypatch.setattr(schema, "missing_help", lambda: [schema.Missing("Session", "mood", "Danish description")])
    assert cli.main(["schema", "--out", str(tmp_path)]) == 0
    assert "curriculum schema: warning: Session.mood: no Danish description" in capsys.readouterr().err
    assert (tmp_path / "session.schema.json").is_file()
