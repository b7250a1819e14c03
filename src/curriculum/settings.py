"""The settings of a build, checked as carefully as the course files, for every front end.

A front end (the MkDocs hook, ``curriculum generate``, ``curriculum zensical``) collects the settings
from three places and passes them here; this module reads no environment variable itself (the front
end hands it the environment it wants honoured) and never imports MkDocs:

1. the command line (``--run``, ``--edition``, ``--modules``, ``--course``) — it wins;
2. the environment variable ``CURRICULUM_RUN`` — for the run only;
3. ``extra.curriculum`` in ``mkdocs.yml`` (``modules``, ``course``, ``run``, ``edition``).

``course`` chooses a course of a library of several courses (``portfolio``); its runs are the course's.

An unknown or misspelt key, an edition that does not exist or a run that is not a file in the modules
folder stops the build with a message that names the file, the line, the key and what to write there:

    mkdocs.yml:49:5: extra.curriculum.edtion: unknown setting 'edtion' (did you mean 'edition'?); ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .site import Edition
from .problems import CurriculumError, did_you_mean
from . import portfolio
from .say import current, language_of, say, speaking

RUN_ENVIRONMENT_VARIABLE = "CURRICULUM_RUN"
SECTION = ("extra", "curriculum")
# Every key of extra.curriculum and what to write as its value (a message of the catalogues).
KEYS = {
    "modules": "report.settings.key_modules",
    "course": "report.settings.key_course",
    "run": "report.settings.key_run",
    "edition": "report.settings.key_edition",
}

#: Settings of earlier versions -> (their new name, the version that renamed them): a course that upgrades
#: past a rename is told the new name where it writes the old one.
RENAMED: dict[str, tuple[str, str]] = {}


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where a setting's value came from, as a message starts: ``mkdocs.yml:50:10: extra.curriculum.run``."""

    place: str  # 'the environment variable', 'the command line', or a settings file ...
    key: str  # 'extra.curriculum.run', 'CURRICULUM_RUN', '--run'
    keys: tuple[str, ...] = ()  # ... whose line and column of these keys are looked up when needed

    @property
    def where(self) -> str:
        if self.keys:
            return _where(Path(self.place), self.keys)
        return say(self.place) if self.place.startswith("report.") else self.place

    def __str__(self) -> str:
        return f"{self.where}: {self.key}"


@dataclasses.dataclass(frozen=True)
class Settings:
    modules: Path
    run: str | None
    edition: Edition
    site_url: str | None = None
    run_origin: Origin | None = None
    course: str | None = None  # the course of a library of several courses (``portfolio``), None for one course


class SettingsError(Exception):
    """The settings have problems; ``report()`` lists every one of them, one per line."""

    # where the problems are, as the report's last line and a front end's heading say
    place_key = "report.settings.place"

    def __init__(self, problems: list[str]):
        self.problems = problems
        self.language = current()  # the language its problems were worded in
        super().__init__(self.report())

    @property
    def place(self) -> str:
        with speaking(self.language):
            return say(self.place_key)

    def report(self) -> str:
        with speaking(self.language):
            summary = say("report.settings.summary", count=len(self.problems), place=self.place)
        return "\n".join([*self.problems, summary])


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
        raise SettingsError([say("report.settings.unreadable", path=path, error=error)]) from None
    if not isinstance(data, dict):
        raise SettingsError([say("report.settings.not_settings", path=path, found=type(data).__name__)])
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
        if isinstance(found, yaml.SequenceNode):  # a list of names or one-key settings (plugins: - curriculum)
            found = _entry(found, key)
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


def _entry(sequence: yaml.SequenceNode, key: str) -> yaml.Node | None:
    """The entry of a list that is ``key: ...`` (a mapping with that key), or None."""
    return next(
        (
            item
            for item in sequence.value
            if isinstance(item, yaml.MappingNode) and any(getattr(k, "value", None) == key for k, _ in item.value)
        ),
        None,
    )


def where(config_file: Path, keys: tuple[str, ...]) -> str:
    """``file:line:column`` of the setting at ``keys`` in a settings file or one it inherits (the file's
    first line when it is not written); a list on the way is searched for its ``key:`` entry."""
    return _where(config_file, keys)


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
    course: str | None = None,
) -> Settings:
    """The checked settings of one build.

    ``config_file`` is mkdocs.yml (or None: no file, only the command line); ``config`` its contents when
    the front end has already read them (MkDocs has), else it is read here. ``environ`` is the
    environment the front end honours (``CURRICULUM_RUN``). ``modules``, ``course``, ``run`` and
    ``edition`` come from the command line and win. ``several_runs_hint`` says how to choose a run in this front end.
    Raises ``SettingsError`` with every problem found.
    """
    source = _Source.of(config_file, config, environ or {})
    with speaking(_language(source, modules, course)):
        return _resolve(source, _Chosen(modules, course, run, edition, site_url), several_runs_hint)


def language(
    config_file: Path | str | None,
    environ: Mapping[str, str],
    *,
    modules: Path | str | None = None,
    course: str | None = None,
) -> str:
    """The language a front end speaks before its settings are checked: that of the course they choose
    (``--course``, else extra.curriculum.course; in the modules folder they name), or of the library's front
    page (portfolio.yml) when they choose no course of a library that has one. Settings that cannot be read
    speak the language of ./modules (their problem is said then)."""
    try:
        source = _Source.of(config_file, None, environ)
    except SettingsError:
        source = _Source(None, {}, environ)
    return _language(source, modules, course)


def _language(source: _Source, modules: Path | str | None, course: str | None) -> str:
    folder, chosen = _modules_guess(source, modules), course or _course_guess(source)
    if chosen is None and portfolio.has_front_page(folder):
        return language_of(folder / portfolio.FRONT_PAGE)
    return portfolio.language(folder, chosen)


def option(config: Mapping[str, Any], key: str) -> str | None:
    """``extra.curriculum.<key>`` of settings as ``load_config`` read them, when it is text; else None (whether
    the section is right is ``resolve``'s to say)."""
    extra = config.get("extra")
    section = extra.get("curriculum") if isinstance(extra, Mapping) else None
    value = section.get(key) if isinstance(section, Mapping) else None
    return value if isinstance(value, str) else None


def _modules_guess(source: _Source, modules: Path | str | None) -> Path:
    """The modules folder the settings probably choose, for the language of their problems."""
    if modules is not None or source.path is None:
        return Path(modules if modules is not None else "modules")
    return source.base / (option(source.config, "modules") or "modules")


def _course_guess(source: _Source) -> str | None:
    return option(source.config, "course")


@dataclasses.dataclass(frozen=True)
class _Chosen:
    """What the command line chose (None: not given)."""

    modules: Path | str | None
    course: str | None
    run: str | None
    edition: str | None
    site_url: str | None


def _resolve(source: _Source, chosen: _Chosen, several_runs_hint: str) -> Settings:
    problems: list[str] = []
    section = _section(source, problems)
    folder = _modules_folder(source, section, chosen.modules, problems)
    course, course_folder = _course(source, section, chosen.course, folder, problems)
    chosen_edition = _edition(source, section, chosen.edition, problems)
    chosen_run, run_origin = _run(source, section, chosen.run)
    if course_folder is not None:
        problems += _run_problems(
            course_folder, chosen_run, run_origin, lambda: several_runs_hint or source.several_runs_hint
        )
    if problems:
        raise SettingsError(problems)
    site_url = chosen.site_url or _site_url(source.config)
    return Settings(folder, chosen_run, chosen_edition, site_url, run_origin, course)


def _course(
    source: _Source, section: Mapping[str, Any], course: str | None, folder: Path, problems: list[str]
) -> tuple[str | None, Path | None]:
    """The course of a library of courses: ``--course``, else extra.curriculum.course, else the only one, else
    none: the library's front page when it has one; and the folder of the course chosen (the modules folder
    for one course; None when it is not clear or for the front page)."""
    value = course if course is not None else _text(section, "course")
    if not folder.is_dir():
        return value, folder
    origin = Origin(COMMAND_LINE, "--course") if course is not None else source.origin(*SECTION, "course")
    if value is None and portfolio.has_front_page(folder):
        return None, None  # the library's front page (``frontpage``), not a course
    try:
        layout = portfolio.layout(folder, value)
    except CurriculumError as error:
        problems.extend(f"{origin}: {problem.message}" for problem in error.problems)
        return value, None
    return layout.course_id, layout.root


@dataclasses.dataclass(frozen=True)
class _Source:
    """Where the settings come from: the settings file (or none), its contents and the environment."""

    path: Path | None
    config: Mapping[str, Any]
    environ: Mapping[str, str]

    @classmethod
    def of(
        cls, config_file: Path | str | None, config: Mapping[str, Any] | None, environ: Mapping[str, str]
    ) -> _Source:
        path = Path(config_file) if config_file is not None else None
        if path is not None and config is None:
            config = load_config(path, environ)
        return cls(path, config or {}, environ)

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "mkdocs.yml"

    @property
    def base(self) -> Path:
        """The folder the settings file's paths are relative to."""
        return self.path.parent if self.path is not None else Path(".")

    @property
    def several_runs_hint(self) -> str:
        return say("report.settings.several_runs_hint", file=self.name)

    def where(self, *keys: str) -> str:
        return _where(self.path, keys) if self.path is not None else f"{self.name}:1:1"

    def origin(self, *keys: str) -> Origin:
        if self.path is None:
            return Origin(f"{self.name}:1:1", ".".join(keys))
        return Origin(str(self.path), ".".join(keys), keys)


COMMAND_LINE = "report.settings.command_line"  # Origin.place: a message of the catalogues
ENVIRONMENT = "report.settings.environment_variable"


def _section(source: _Source, problems: list[str]) -> Mapping[str, Any]:
    """``extra.curriculum``: every key known and every value text, or a problem for each that is not."""
    extra = source.config.get("extra") or {}
    section = extra.get("curriculum") if isinstance(extra, Mapping) else None
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        problems.append(f"{source.where(*SECTION)}: extra.curriculum: {say('report.settings.section')}")
        return {}
    for key, value in section.items():
        if key in RENAMED:
            new, version = RENAMED[key]
            message = say("report.settings.renamed", new=new, version=version, key=key)
            problems.append(f"{source.where(*SECTION, str(key))}: extra.curriculum.{key}: {message}")
        elif key not in KEYS:
            choices = ", ".join(f"{k} ({say(v)})" for k, v in KEYS.items())
            hint = did_you_mean(str(key), list(KEYS))
            message = say("report.settings.unknown", key=str(key), hint=hint, choices=choices)
            problems.append(f"{source.where(*SECTION, str(key))}: extra.curriculum.{key}: {message}")
        elif value is not None and not isinstance(value, str):
            message = say("report.settings.not_text", value=value, what=say(KEYS[key]))
            problems.append(f"{source.where(*SECTION, key)}: extra.curriculum.{key}: {message}")
    return section


def _text(section: Mapping[str, Any], key: str) -> str | None:
    """A setting's value when it is text (a value of another kind is a problem ``_section`` reports)."""
    value = section.get(key)
    return value if isinstance(value, str) else None


def _modules_folder(
    source: _Source, section: Mapping[str, Any], modules: Path | str | None, problems: list[str]
) -> Path:
    """The modules folder: ``--modules``, else extra.curriculum.modules (relative to the settings file),
    else ``modules``; a problem when there is no such folder."""
    if modules is not None or source.path is None:  # without a settings file, the default is the command line's
        folder, origin = Path(modules if modules is not None else "modules"), Origin(COMMAND_LINE, "--modules")
    else:
        folder, origin = source.base / (_text(section, "modules") or "modules"), source.origin(*SECTION, "modules")
    if not folder.is_dir():
        message = say("report.settings.no_folder", folder=str(folder), what=say(KEYS["modules"]))
        problems.append(f"{origin}: {message}")
    return folder


def _edition(source: _Source, section: Mapping[str, Any], edition: str | None, problems: list[str]) -> Edition:
    """The edition: ``--edition``, else extra.curriculum.edition, else the participant edition."""
    value = edition if edition is not None else _text(section, "edition")
    origin = Origin(COMMAND_LINE, "--edition") if edition is not None else source.origin(*SECTION, "edition")
    try:
        return Edition.parse(value)
    except ValueError:
        names = [e.value for e in Edition]
        hint = did_you_mean(str(value), names)
        problems.append(
            f"{origin}: {say('report.settings.no_edition', value=value, hint=hint, names=', '.join(names))}"
        )
        return Edition.participant


def _run(source: _Source, section: Mapping[str, Any], run: str | None) -> tuple[str | None, Origin | None]:
    """The run and where it was chosen: ``--run``, else ``CURRICULUM_RUN``, else extra.curriculum.run."""
    if run:
        return run, Origin(COMMAND_LINE, "--run")
    if source.environ.get(RUN_ENVIRONMENT_VARIABLE):
        return source.environ[RUN_ENVIRONMENT_VARIABLE], Origin(ENVIRONMENT, RUN_ENVIRONMENT_VARIABLE)
    if _text(section, "run"):
        return _text(section, "run"), source.origin(*SECTION, "run")
    return None, None


def _run_problems(
    folder: Path, run: str | None, origin: Origin | None, several_runs_hint: Callable[[], str]
) -> list[str]:
    """A run that is not a file in the modules folder's runs/, or none chosen where there are several (the hint
    is worded only then: the catalogue is not read by a build that has no problem)."""
    known = runs_in(folder) if folder.is_dir() else None
    if known is None:
        return []
    if run is not None and origin is not None and run not in known:
        names = ", ".join(known) or say("report.settings.no_runs_yet")
        hint = did_you_mean(run, known)
        return [f"{origin}: {say('report.settings.no_run', run=run, hint=hint, names=names, folder=folder / 'runs')}"]
    if run is None and len(known) > 1:
        message = say("report.settings.which_run", count=len(known), runs=", ".join(known), hint=several_runs_hint())
        return [f"{folder / 'runs'}: {message}"]
    return []


def _site_url(config: Mapping[str, Any]) -> str | None:
    configured = config.get("site_url")
    return configured if isinstance(configured, str) and configured else None
