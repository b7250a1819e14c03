"""MkDocs hook: plugs the ``curriculum`` engine into a MkDocs build.

Thin on purpose. The engine renders every page, in the same generation step every front end makes
(``curriculum.frontend``); this adapter only
- hands ``extra.curriculum`` of mkdocs.yml (``modules``, ``run``, ``edition``), ``site_url`` and the
  environment (``CURRICULUM_RUN``) to ``curriculum.settings``, which checks them,
- turns problems in the settings or the course files into a ``PluginError`` (one line per problem,
  no traceback);
  under ``mkdocs serve`` it logs them and shows them as the preview's only page instead,
- adds the rendered pages to the build in memory (``File.generated``),
- when mkdocs.yml has no ``nav``, uses the engine's navigation, followed by
  any hand-written pages in the docs folder,
- and puts the engine's Content-Security-Policy (``curriculum.csp``) into every built page.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from curriculum import csp, frontend, sitelanguage
from curriculum.problems import CurriculumError
from curriculum.settings import SettingsError, resolve
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
        settings = resolve(
            _relative(config.config_file_path),
            environ=os.environ,
            config={"extra": dict(config.extra or {}), "site_url": config.site_url or None},
        )
    except SettingsError as error:
        raise PluginError("The settings have problems:\n" + error.report()) from None
    modules = settings.modules
    try:
        _site = frontend.build(settings)
    except CurriculumError as error:
        if not os.environ.get(_PREVIEW):
            raise PluginError("The course files have problems:\n" + error.report()) from None
        # A live preview keeps running: show the problems in the log and as the only page.
        for problem in error.problems:
            log.error(str(problem))
        from curriculum.messages import Messages, languages, primary
        from curriculum.pages import build_problem_site

        # In the course's language: theme.language must be it (checked below on every good build); the
        # course file itself may be what is broken, so it is not read here.
        language = str(config.theme.get("language") or "")
        _site = build_problem_site(error, Messages(language) if primary(language) in languages() else None)
        config.nav = _site.nav
        return config
    except Exception as error:  # a bug in the engine, not in the course files: no traceback for instructors
        if os.environ.get("CURRICULUM_DEBUG"):
            raise
        raise PluginError(
            f"curriculum: internal error ({type(error).__name__}: {error}). This is a bug in the "
            "engine, not in your files; please report it (set CURRICULUM_DEBUG=1 for details)."
        ) from None
    _check_language(config, _site)
    # MkDocs' theme templates print these as HTML, unescaped, and both hold course text (the course's
    # title, messages the course rewords): escaped here, so that they stay text
    config.extra["curriculum_words"] = {  # the 404 page's words (overrides/404.html)
        key: html.escape(value) for key, value in _site.theme_words.items()
    }
    if _site.site_name:  # the course's title; for the instructor edition "<title> – underviserudgave"
        config.site_name = html.escape(_site.site_name)
    log.info("curriculum: %d pages from %s", len(_site.pages), modules)
    if config.nav is None:
        config.nav = frontend.navigation(_site, Path(config.docs_dir))
    config.extra["curriculum_footer"] = frontend.footer(_site, Path(config.docs_dir))
    return config


def _relative(path: str | None) -> Path:
    """mkdocs.yml as messages name it: relative to the working folder when it is inside it."""
    absolute = Path(path or "mkdocs.yml").resolve()
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def _check_language(config: MkDocsConfig, site: Site) -> None:
    """Material's words (theme.language) and the search's stemming (plugins.search.lang) must be the
    course's language (course.yml's ``language``), or the site speaks two languages (``sitelanguage``)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(search, "config", {}).get("lang") if search is not None else None
    wrong = sitelanguage.problems(
        _relative(config.config_file_path), config.theme.get("language"), langs, site.language
    )
    if wrong:
        raise PluginError("\n".join(wrong))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None, "on_config runs before on_files"
    outputs: dict[str, str | bytes] = {**_site.pages, **_site.files}
    for path, text in outputs.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"{config.docs_dir}/{path} has the same name as a page made from modules/; "
                "rename or delete the hand-written file"
            )
        files.append(File.generated(config, path, content=text))
    return files


def on_page_context(context: dict, page, config: MkDocsConfig, nav) -> dict:
    # Page titles are HTML (escaped text). Material prints page.title into <title> through Jinja's
    # `striptags`, which decodes the escapes again; a meta title is printed as it is.
    if not page.is_homepage and page.title and "title" not in page.meta:
        page.meta["title"] = page.title
    return context


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return csp.apply(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return csp.apply(output_content) if template_name.endswith(".html") else output_content
