"""MkDocs hook: plugs the ``curriculum`` engine into a MkDocs build.

Thin on purpose. The engine renders every page; this adapter only
- reads its settings from ``extra.curriculum`` in mkdocs.yml (``modules``, ``run``, ``edition``:
  participant by default; mkdocs.instructor.yml sets instructor) and passes ``site_url`` on, so
  that calendar files can link to the pages with full addresses,
- turns the engine's problems into a ``PluginError`` (one line per problem, no traceback);
  under ``mkdocs serve`` it logs them and shows them as the preview's only page instead,
- adds the rendered pages to the build in memory (``File.generated``),
- and, when mkdocs.yml has no ``nav``, uses the engine's navigation, followed by
  any hand-written pages in the docs folder.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from curriculum.editions import Edition
from curriculum.engine import generate
from curriculum.pages import Site, build_problem_site
from curriculum.problems import CurriculumError

log = logging.getLogger("mkdocs.plugins.curriculum")

_site: Site | None = None
# MkDocs loads this hook afresh for every rebuild of `mkdocs serve`, but calls
# on_startup only once; the process environment is what outlives the reloads.
_PREVIEW = "CURRICULUM_LIVE_PREVIEW"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[_PREVIEW] = "1"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    settings = (config.extra or {}).get("curriculum") or {}
    base = Path(config.config_file_path).parent
    modules = base / settings.get("modules", "modules")
    try:
        edition = Edition.parse(settings.get("edition"))
    except ValueError as error:
        raise PluginError(f"{config.config_file_path}: extra.curriculum.edition: {error}") from None
    try:
        _site = generate(modules, settings.get("run"), config.site_url or None, edition)
    except CurriculumError as error:
        if not os.environ.get(_PREVIEW):
            raise PluginError("The course files have problems:\n" + error.report()) from None
        # A live preview keeps running: show the problems in the log and as the only page.
        for problem in error.problems:
            log.error(str(problem))
        _site = build_problem_site(error)
        config.nav = _site.nav
        return config
    except Exception as error:  # a bug in the engine, not in the course files: no traceback for instructors
        if os.environ.get("CURRICULUM_DEBUG"):
            raise
        raise PluginError(f"curriculum: internal error ({type(error).__name__}: {error}). This is a bug in the "
                          "engine, not in your files; please report it (set CURRICULUM_DEBUG=1 for details).") from None
    log.info("curriculum: %d pages from %s", len(_site.pages), modules)
    if config.nav is None:
        config.nav = _site.nav + _handwritten_pages(Path(config.docs_dir), _site)
    return config


def _handwritten_pages(docs_dir: Path, site: Site) -> list[str]:
    return sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if p.relative_to(docs_dir).as_posix() not in site.pages
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None, "on_config runs before on_files"
    for path, text in {**_site.pages, **_site.files}.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"{config.docs_dir}/{path} has the same name as a page made from modules/; "
                "rename or delete the hand-written file")
        files.append(File.generated(config, path, content=text))
    return files
