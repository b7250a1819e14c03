"""The settings of a build, checked as carefully as the course files, for every front end.

A front end (the MkDocs hook, ``curriculum generate``, ``curriculum zensical``) collects the settings
from three places and passes them here; this module reads no environment variable itself (the front
end hands it the environment it wants honoured) and never imports MkDocs:

1. the command line (``--run``, ``--edition``, ``--modules``) — it wins;
2. the environment variable ``CURRICULUM_RUN`` — for the run only;
3. ``extra.curriculum`` in ``mkdocs.yml`` (``modules``, ``run``, ``edition``).

An unknown or misspelt key, an edition that does not exist or a run that is not a file in the modules
folder stops the build with a message that names the file, the line, the key and what to write there:

    mkdocs.yml:49:5: extra.curriculum.edtion: unknown setting 'edtion' (did you mean 'edition'?); ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .site import Edition
from .problems import did_you_mean

RUN_ENVIRONMENT_VARIABLE = "CURRICULUM_RUN"
SECTION = ("extra", "curriculum")
# Every key of extra.curriculum and what to write as its value.
KEYS = {
    "modules": "the folder of the course files, relative to mkdocs.yml (default: modules)",
    "run": "the id of a file in the modules folder's runs/ (the run, or cohort, to show)",
    "edition": f"{' or '.join(e.value for e in Edition)} (default: participant)",
}


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where a setting's value came from, as a message starts: ``mkdocs.yml:50:10: extra.curriculum.run``."""

    place: str  # 'the environment variable', 'the command line', or a settings file ...
    key: str  # 'extra.curriculum.run', 'CURRICULUM_RUN', '--run'
    keys: tuple[str, ...] = ()  # ... whose line and column of these keys are looked up when needed

    @property
    def where(self) -> str:
        return _where(Path(self.place), self.keys) if self.keys else self.place

    def __str__(self) -> str:
        return f"{self.where}: {self.key}"


@dataclasses.dataclass(frozen=True)
class Settings:
    modules: Path
    run: str | None
    edition: Edition
    site_url: str | None = None
    run_origin: Origin | None = None


class SettingsError(Exception):
    """The settings have problems; ``report()`` lists every one of them, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return "\n".join([*self.problems, f"{count} {noun} in the settings; nothing was built."])


# ------------------------------------------------------------------------------------------ mkdocs.yml


class _ConfigLoader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: ``!ENV`` from the given environment; other tags (``!!python/name``
    of Markdown extensions, ``!relative``) are kept as their text, as nothing here uses them."""

    environ: Mapping[str, str] = {}


def _env_tag(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(child) for child in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if str(name) in loader.environ:
            return yaml.safe_load(loader.environ[str(name)])
    return default


def _other_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _other_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(path: Path | str, environ: Mapping[str, str]) -> dict[str, Any]:
    """mkdocs.yml as a dict, with ``INHERIT`` merged in (as MkDocs merges it) and ``!ENV`` resolved."""
    path = Path(path)
    loader_class = type("Loader", (_ConfigLoader,), {"environ": environ})
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=loader_class) or {}  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError([f"{path}: cannot read it: {error}"]) from None
    if not isinstance(data, dict):
        raise SettingsError([f"{path}:1:1: expected settings (key: value), found {type(data).__name__}"])
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(load_config(path.parent / str(parent), environ), data)
    return data


def _position(path: Path, keys: tuple[str, ...]) -> tuple[Path, int, int] | None:
    """The file (mkdocs.yml or one it inherits), line and column where ``keys`` (e.g. extra, curriculum,
    run) is written; None when it is not written anywhere."""
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    found: yaml.Node | None = node
    position = None
    for key in keys:
        if not isinstance(found, yaml.MappingNode):
            found = None
            break
        match = next(((k, v) for k, v in found.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if match is None:
            found = None
            break
        position = match[0].start_mark
        found = match[1]
    if found is not None and position is not None:
        return path, position.line + 1, position.column + 1
    if isinstance(node, yaml.MappingNode):
        parent = next((v.value for k, v in node.value if k.value == "INHERIT"), None)
        if parent:
            return _position(path.parent / str(parent), keys)
    return None


def _where(config_file: Path, keys: tuple[str, ...]) -> str:
    found = _position(config_file, keys)
    if found is None:
        return f"{config_file}:1:1"
    file, line, column = found
    return f"{file}:{line}:{column}"


# ---------------------------------------------------------------------------------------- resolution


def runs_in(modules: Path) -> list[str] | None:
    """The ids of the runs in a modules folder: the names of the files in runs/ (an id is its file's name).
    None when the folder cannot be read: the course files' validation names it and says what to do."""
    try:
        return sorted(p.stem for p in (modules / "runs").glob("*.yml"))
    except OSError:
        return None


def resolve(
    config_file: Path | str | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    modules: Path | str | None = None,
    run: str | None = None,
    edition: str | None = None,
    site_url: str | None = None,
    several_runs_hint: str = "",
) -> Settings:
    """The checked settings of one build.

    ``config_file`` is mkdocs.yml (or None: no file, only the command line); ``config`` its contents when
    the front end has already read them (MkDocs has), else it is read here. ``environ`` is the
    environment the front end honours (``CURRICULUM_RUN``). ``modules``, ``run`` and ``edition`` come
    from the command line and win. ``several_runs_hint`` says how to choose a run in this front end.
    Raises ``SettingsError`` with every problem found.
    """
    environ = environ or {}
    problems: list[str] = []
    path = Path(config_file) if config_file is not None else None
    if path is not None and config is None:
        config = load_config(path, environ)
    config = config or {}
    name = str(path) if path is not None else "mkdocs.yml"

    def where(*keys: str) -> str:
        return _where(path, keys) if path is not None else f"{name}:1:1"

    def origin(*keys: str) -> Origin:
        return Origin(str(path), ".".join(keys), keys) if path is not None else Origin(f"{name}:1:1", ".".join(keys))

    extra = config.get("extra") or {}
    section = extra.get("curriculum") if isinstance(extra, Mapping) else None
    if section is None:
        section = {}
    if not isinstance(section, Mapping):
        problems.append(
            f"{where(*SECTION)}: extra.curriculum: expected settings (key: value) under it; "
            f"write for example 'run: <id>' indented under 'curriculum:'"
        )
        section = {}
    for key in section:
        if key not in KEYS:
            choices = ", ".join(f"{k} ({v})" for k, v in KEYS.items())
            problems.append(
                f"{where(*SECTION, str(key))}: extra.curriculum.{key}: unknown setting {str(key)!r}"
                f"{did_you_mean(str(key), list(KEYS))}; the settings are: {choices}"
            )
        elif section[key] is not None and not isinstance(section[key], str):
            problems.append(
                f"{where(*SECTION, key)}: extra.curriculum.{key}: expected text, found "
                f"{section[key]!r}; write {KEYS[key]}"
            )

    base = path.parent if path is not None else Path(".")
    if modules is not None:
        folder, modules_origin = Path(modules), Origin("the command line", "--modules")
    else:
        written = section.get("modules") if isinstance(section.get("modules"), str) else None
        folder = base / (written or "modules")
        modules_origin = origin(*SECTION, "modules")
    if not folder.is_dir():
        problems.append(f"{modules_origin}: there is no folder {str(folder)!r}; write {KEYS['modules']}")

    chosen_edition = Edition.participant
    edition_value: str | None = edition
    if edition is not None:
        edition_origin = Origin("the command line", "--edition")
    else:
        value = section.get("edition")
        edition_value = value if isinstance(value, str) else None
        edition_origin = origin(*SECTION, "edition")
    try:
        chosen_edition = Edition.parse(edition_value)
    except ValueError:
        names = [e.value for e in Edition]
        problems.append(
            f"{edition_origin}: there is no edition {edition_value!r}{did_you_mean(str(edition_value), names)}; "
            f"write {' or '.join(names)}"
        )

    chosen_run, run_origin = None, None
    if run:
        chosen_run, run_origin = run, Origin("the command line", "--run")
    elif environ.get(RUN_ENVIRONMENT_VARIABLE):
        chosen_run = environ[RUN_ENVIRONMENT_VARIABLE]
        run_origin = Origin("the environment variable", RUN_ENVIRONMENT_VARIABLE)
    elif isinstance(section.get("run"), str) and section["run"]:
        chosen_run, run_origin = section["run"], origin(*SECTION, "run")
    known = runs_in(folder) if folder.is_dir() else None
    if known is not None:
        if chosen_run is not None and run_origin is not None and chosen_run not in known:
            problems.append(
                f"{run_origin}: there is no run {chosen_run!r}{did_you_mean(chosen_run, known)}; "
                f"write one of: {', '.join(known) or '(none yet: add a file to runs/)'} "
                f"(the files in {folder / 'runs'})"
            )
        elif chosen_run is None and len(known) > 1:
            problems.append(
                f"{folder / 'runs'}: there are {len(known)} runs ({', '.join(known)}); say which one "
                f"to build: {several_runs_hint or 'run: <id> under extra.curriculum in ' + name}"
            )

    if problems:
        raise SettingsError(problems)
    if site_url is None:
        configured = config.get("site_url")
        site_url = configured if isinstance(configured, str) and configured else None
    return Settings(folder, chosen_run, chosen_edition, site_url or None, run_origin)
