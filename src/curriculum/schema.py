"""JSON Schemas of the module files, for editors: generated from the models, explained in Danish.

The models (``models.py``) say what a file may hold: types, required fields, patterns,
limits, defaults, the allowed words of a list of choices. ``templates/field_help.yml``
says, in Danish, what each model and each field means and gives an example. This module
joins the two into one JSON Schema per kind of file; nothing the models say is written
again by hand. ``curriculum schema --out schemas`` (``make schemas``) writes them to
``schemas/``, where ``.vscode/settings.json`` points Red Hat's YAML extension at them, so
that VS Code explains, completes and checks ``modules/`` while an instructor types.

The schemas follow what an editor sees in a file, which is what the loader sees: a date is
the text ``2024-04-08`` and a time the text ``13:00`` (an editor's "time" format would ask
for seconds and a time zone, so times get a pattern instead). A schema can only check one
file at a time: references to other files and the timetable of a run are checked by
``curriculum validate``, as before.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import models
from .loader import load_file, load_text
from .problems import CurriculumError
from .sources import Layout
from .visuals.kinds import kinds
from .vocabulary import Vocabulary, resolve

HELP_FILE = "templates/field_help.yml"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# One schema per kind of file: the file name in schemas/ and the model of that kind.
SCHEMAS: dict[str, type[BaseModel]] = {
    "course": models.Course,
    "session": models.Session,
    "tool": models.Tool,
    "reading": models.Reading,
    "run": models.Run,
    "evaluation-plan": models.EvaluationPlan,
    "evaluation-results": models.Results,
    "portfolio": models.Portfolio,
}

# A time as instructors write it, exactly as the models accept it.
TIME_PATTERN = models.CLOCK_PATTERN


def _url_pattern() -> str:
    """The schemes ``models._check_url`` allows, as a case-insensitive pattern without spaces."""

    def insensitive(text: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in text)

    return "^(" + "|".join(insensitive(s) for s in models.ALLOWED_URL_SCHEMES) + r")\S*$"


# Checks the models make in Python (AfterValidator) that an editor can make too.
_VALIDATOR_SCHEMAS = {
    "_check_url": lambda: {"pattern": _url_pattern()},
}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


# ----------------------------------------------------------------------- help


@dataclass(frozen=True)
class Missing:
    """A model, enum or field without Danish help; ``str()`` names it for a developer."""

    owner: str
    field: str | None
    what: str

    def __str__(self) -> str:
        where = f"{self.owner}.{self.field}" if self.field else self.owner
        return f"{where}: no {self.what}"


def load_help() -> dict[str, Any]:
    """The Danish help file, read like a module file (dates and times stay text), and the help of each
    kind of picture, which its module keeps beside its models (``curriculum.visuals.kinds``)."""
    text = (resources.files("curriculum") / HELP_FILE).read_text("utf-8")
    doc, problems = load_text(text, f"src/curriculum/{HELP_FILE}")
    data = dict(doc.data)
    for kind in kinds():
        kind_doc, kind_problems = load_text(kind.help, f"{type(kind).__module__} (HELP)")
        problems += kind_problems
        data.update(kind_doc.data or {})
    if problems:
        raise CurriculumError(problems)
    return data


def documented_types() -> tuple[list[type[BaseModel]], list[type[enum.Enum]]]:
    """Every model and enum a module file can contain, reached from the kinds of file in ``SCHEMAS``."""
    found_models: dict[type[BaseModel], None] = {}
    found_enums: dict[type[enum.Enum], None] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found_models:
                found_models[annotation] = None
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            found_enums.setdefault(annotation)
            return
        for arg in get_args(annotation):
            visit(arg)

    for model in SCHEMAS.values():
        visit(model)
    return list(found_models), list(found_enums)


def missing_help(help_data: dict[str, Any] | None = None) -> list[Missing]:
    """Models, enums, fields and choices without a Danish title, description or example."""
    help_data = load_help() if help_data is None else help_data
    model_types, enum_types = documented_types()
    missing: list[Missing] = []
    for model in model_types:
        entry = help_data.get(model.__name__) or {}
        for key in ("title", "description"):
            if not _text(entry.get(key)):
                missing.append(Missing(model.__name__, None, f"Danish {key} of the model"))
        fields = entry.get("fields") or {}
        for name in model.model_fields:
            field = fields.get(name) or {}
            if not _text(field.get("description")):
                missing.append(Missing(model.__name__, name, "Danish description"))
            if "example" not in field and not field.get("examples"):
                missing.append(Missing(model.__name__, name, "example"))
    for kind in enum_types:
        entry = help_data.get(kind.__name__) or {}
        for key in ("title", "description"):
            if not _text(entry.get(key)):
                missing.append(Missing(kind.__name__, None, f"Danish {key} of the list of choices"))
        values = entry.get("values") or {}
        for member in kind:
            if not _text(values.get(member.value)):
                missing.append(Missing(kind.__name__, str(member.value), "Danish description of this choice"))
    return missing


def unknown_help(help_data: dict[str, Any] | None = None) -> list[str]:
    """Entries of the help file that no model, field, enum or choice has (left over after a rename)."""
    help_data = load_help() if help_data is None else help_data
    model_types, enum_types = documented_types()
    known: dict[str, tuple[str, set[str]]] = {m.__name__: ("fields", set(m.model_fields)) for m in model_types}
    known.update({e.__name__: ("values", {str(m.value) for m in e}) for e in enum_types})
    unknown = []
    for name, entry in help_data.items():
        if name not in known:
            unknown.append(name)
            continue
        section, names = known[name]
        unknown.extend(f"{name}.{key}" for key in (entry or {}).get(section) or {} if key not in names)
    return unknown


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


# -------------------------------------------------------------------- schemas


def _generator(help_data: dict[str, Any]) -> type[GenerateJsonSchema]:
    class Generator(GenerateJsonSchema):
        """Pydantic's JSON Schema with the Danish help put in and English titles left out."""

        def field_title_should_be_set(self, schema: Any) -> bool:
            return False  # pydantic would title each field in English ("Short Name")

        def model_schema(self, schema: Any) -> dict[str, Any]:
            json_schema = super().model_schema(schema)
            cls = schema["cls"]
            entry = help_data.get(cls.__name__) or {}
            json_schema.pop("description", None)  # the English docstring
            _describe(json_schema, entry, cls.__name__)
            fields = entry.get("fields") or {}
            properties = json_schema.get("properties", {})
            for name, info in cls.model_fields.items():
                prop = properties.get(info.alias or name)
                field = fields.get(name) or {}
                if prop is None:
                    continue
                if _text(field.get("description")):
                    prop["description"] = field["description"].strip()
                if "example" in field:
                    prop["examples"] = [field["example"]]
                elif field.get("examples"):
                    prop["examples"] = list(field["examples"])
            return json_schema

        def enum_schema(self, schema: Any) -> dict[str, Any]:
            json_schema = super().enum_schema(schema)
            cls = schema["cls"]
            entry = help_data.get(cls.__name__) or {}
            json_schema.pop("description", None)
            _describe(json_schema, entry, cls.__name__)
            values = entry.get("values") or {}
            json_schema["enumDescriptions"] = [str(values.get(v, "")).strip() for v in json_schema["enum"]]
            return json_schema

        def time_schema(self, schema: Any) -> dict[str, Any]:
            return {"type": "string", "pattern": TIME_PATTERN}

        def function_after_schema(self, schema: Any) -> dict[str, Any]:
            json_schema = super().function_after_schema(schema)
            function = (schema.get("function") or {}).get("function")
            extra = _VALIDATOR_SCHEMAS.get(getattr(function, "__name__", ""))
            if extra is not None:
                json_schema = {**json_schema, **extra()}
            return json_schema

    return Generator


def _describe(json_schema: dict[str, Any], entry: dict[str, Any], fallback_title: str) -> None:
    json_schema["title"] = str(entry.get("title") or fallback_title).strip()
    if _text(entry.get("description")):
        json_schema["description"] = entry["description"].strip()


def course_vocabulary(modules_dir: Path | str) -> Vocabulary:
    """The vocabulary of the course in ``modules_dir`` (its course.yml's language and ``vocabulary``);
    the Danish defaults when there is no readable course file (validate reports why)."""
    course_file = Layout(Path(modules_dir)).course_file
    if course_file.is_file():
        doc, problems = load_file(course_file, str(course_file))
        if not problems and isinstance(doc.data, dict):
            try:
                course = models.Course.model_validate(doc.data)
            except ValueError:
                pass
            else:
                return resolve(course.language, course.vocabulary)
    return resolve("da", None)


def _choices(prop: dict[str, Any], entries: dict[str, Any]) -> None:
    """Limit a vocabulary field to the course's words, each described by its display name."""
    prop.pop("pattern", None)
    prop.pop("maxLength", None)
    prop["enum"] = list(entries)
    prop["enumDescriptions"] = [entry.name for entry in entries.values()]


#: The fields whose words are the course's vocabulary: (kind of file, model (None: the file's own), field) ->
#: the vocabulary's list.
VOCABULARY_FIELDS: dict[tuple[str, str | None, str], str] = {
    ("session", None, "format"): "formats",
    ("session", "AgendaBlock", "kind"): "agenda_kinds",
    ("reading", None, "kind"): "reading_kinds",
}


def _vocabulary(body: dict[str, Any], kind: str, vocabulary: Vocabulary) -> None:
    """Put the course's vocabulary into a schema: editors complete the course's own words."""
    for (file_kind, model, field), words in VOCABULARY_FIELDS.items():
        if file_kind == kind:
            owner = body["$defs"][model] if model else body
            _choices(owner["properties"][field], getattr(vocabulary, words))


def build_schema(
    kind: str, help_data: dict[str, Any] | None = None, vocabulary: Vocabulary | None = None
) -> dict[str, Any]:
    """The JSON Schema of one kind of file, e.g. ``session`` (the keys of ``SCHEMAS``), with the
    words of ``vocabulary`` (default: the Danish defaults) as the choices of formats and kinds."""
    help_data = load_help() if help_data is None else help_data
    body = SCHEMAS[kind].model_json_schema(schema_generator=_generator(help_data))
    _vocabulary(body, kind, vocabulary or resolve("da", None))
    head = {
        "$schema": DIALECT,
        "$comment": (
            "Generated by `curriculum schema` (make schemas) from src/curriculum/models.py and the "
            "Danish help in src/curriculum/templates/field_help.yml; do not edit by hand."
        ),
    }
    first = ["title", "description", "type", "additionalProperties", "properties", "required"]
    return {
        **head,
        **{k: body[k] for k in first if k in body},
        **{k: v for k, v in body.items() if k not in first},
    }  # $defs last


def render(kind: str, help_data: dict[str, Any] | None = None, vocabulary: Vocabulary | None = None) -> str:
    """The schema as the committed file holds it: indented JSON, UTF-8, ending in a newline."""
    return json.dumps(build_schema(kind, help_data, vocabulary), indent=2, ensure_ascii=False) + "\n"


def write_all(out: Path, vocabulary: Vocabulary | None = None) -> list[Path]:
    """Write every schema into ``out`` (with the course's ``vocabulary``); return the files written."""
    help_data = load_help()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        target = out / file_name(kind)
        target.write_text(render(kind, help_data, vocabulary), encoding="utf-8")
        written.append(target)
    return written
