"""MkDocs hook: plugs the ``curriculum`` engine into a MkDocs build.

Thin on purpose: every step is the front-end adapter's (``curriculum.frontend``), the one every front end
uses. This hook only
- hands mkdocs.yml as MkDocs read it, the theme's and the search's languages and the environment
  (``CURRICULUM_RUN``) to ``frontend.prepare``, and puts what it makes into the build: the navigation
  (when mkdocs.yml has no ``nav``), the site's name and what the theme's templates print, already escaped
  (``Prepared.configure``), and the pages in memory (``File.generated``);
- turns problems in the settings or the course files into a ``PluginError`` (one line per problem,
  no traceback); under ``mkdocs serve`` it logs the course's problems and shows them on the preview's pages
  instead (``frontend.problem_site``: at every address of the last good build; any other says so too);
- puts the Content-Security-Policy into every built page (``frontend.protect``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from curriculum import frontend
from curriculum.problems import CurriculumError
from curriculum.settings import SettingsError
from curriculum.site import Site

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
    try:
        prepared = frontend.prepare(
            _relative(config.config_file_path),
            config,
            os.environ,
            docs_dir=Path(config.docs_dir),
            languages=(config.theme.get("language"), _search_lang(config)),
        )
    except SettingsError as error:
        raise PluginError(f"Problems in {error.place}:\n{error.report()}") from None
    except CurriculumError as error:
        if not os.environ.get(_PREVIEW):
            raise PluginError("The course files have problems:\n" + error.report()) from None
        # A live preview keeps running: show the problems in the log and as the only page.
        for problem in error.problems:
            log.error(str(problem))
        _site = frontend.problem_site(error, config.theme.get("language"))
        config.nav = _site.nav
        config.extra["curriculum_words"] = frontend.escaped(_site.theme_words)  # the 404 page says so too
        return config
    except Exception as error:  # a bug in the engine, not in the course files: no traceback for instructors
        if os.environ.get("CURRICULUM_DEBUG"):
            raise
        raise PluginError(
            f"curriculum: internal error ({type(error).__name__}: {error}). This is a bug in the "
            "engine, not in your files; please report it (set CURRICULUM_DEBUG=1 for details)."
        ) from None
    _site = prepared.site
    prepared.configure(config)
    log.info("curriculum: %d pages from %s", len(_site.pages), prepared.settings.modules)
    return config


def _relative(path: str | None) -> Path:
    """mkdocs.yml as messages name it: relative to the working folder when it is inside it."""
    absolute = Path(path or "mkdocs.yml").resolve()
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def _search_lang(config: MkDocsConfig):
    """The search plugin's ``lang`` as MkDocs read it (None: not set, or no search)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(search, "config", {}).get("lang") if search is not None else None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None, "on_config runs before on_files"
    outputs: dict[str, str | bytes] = {**_site.pages, **_site.files}
    for path, content in outputs.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return frontend.protect(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return frontend.protect(output_content) if template_name.endswith(".html") else output_content
