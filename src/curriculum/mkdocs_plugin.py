"""The MkDocs plugin ``curriculum``: plugs the engine into a MkDocs build (``plugins: - curriculum``).

pyproject.toml registers it (entry point group ``mkdocs.plugins``), so MkDocs imports this module, and
only MkDocs: no module of the engine imports it (tests/test_plugin.py checks), and the engine never
imports MkDocs. Thin on purpose: every step is the front-end adapter's (``curriculum.frontend``), the one
every front end uses. The plugin only

- hands mkdocs.yml as MkDocs read it, the theme's and the search's languages and the environment
  (``CURRICULUM_RUN``) to ``frontend.prepare``, and puts what it makes into the build: the navigation
  (when mkdocs.yml has no ``nav``), the site's name and what the theme's templates print, already escaped
  (``Prepared.configure``), and the pages in memory (``File.generated``);
- serves the generator's theme overrides, style sheets and scripts from the package (``curriculum.assets``):
  the overrides as a theme folder (after the course's own ``custom_dir``), the files minified in the build and
  in ``extra_css``/``extra_javascript``, each page naming only those it uses (``assets.load_only_used``) —
  unless ``assets: false``;
- turns problems in the settings or the course files into a ``PluginError`` (one line per problem,
  no traceback); under ``mkdocs serve`` it logs the course's problems and shows them on the preview's pages
  instead (``frontend.problem_site``: at every address of the last good build; any other says so too);
- puts the Content-Security-Policy into every built page (``frontend.protect``), and under ``mkdocs serve``
  makes it again over each page served with the preview's reload script in it (``on_serve``, ``frontend.protect_again``).

Its own options are checked like ``extra.curriculum``: an unknown, misspelt or renamed option stops the
build with the file, the line and what to write instead (``curriculum.upgrade``, which `curriculum check`
uses too).

``hooks/curriculum_hook.py`` of this repository is the same plugin as a hook (``as_hook``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from curriculum import assets, frontend, templating, upgrade
from curriculum.problems import CurriculumError
from curriculum.say import language_of, say, speaking
from curriculum.settings import SettingsError
from curriculum.site import Site

log = logging.getLogger("mkdocs.plugins.curriculum")

# MkDocs keeps the plugin across the rebuilds of `mkdocs serve` but loads a hook afresh for each of them,
# and calls on_startup only once: the process environment is what outlives the reloads of a hook.
_PREVIEW = "CURRICULUM_LIVE_PREVIEW"


class CurriculumConfig(base.Config):
    """The plugin's options in mkdocs.yml (``plugins: - curriculum: {assets: true}``). The course's own
    settings — the modules folder, the run, the edition — stay under ``extra.curriculum``, which every
    front end reads (``curriculum.settings``). ``curriculum.upgrade.OPTIONS`` says what each one takes."""

    assets = c.Type(bool, default=True)  # the generator's overrides, style sheets and scripts (false: the course's own)


# MkDocs 1.6's preview looks for changed files every half second (watchdog's PollingObserver): a save waited a
# quarter of a second on average, and up to half, before its build began. Every 0.1 s (a stat of each watched
# file) the build starts as good as at once.
POLL_SECONDS = 0.1


def _poll_sooner(server: Any) -> None:
    """Make the preview's file watcher look every ``POLL_SECONDS``; a server without one is left as it is."""
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return
    observer._timeout = POLL_SECONDS  # for the folders watched from now on
    for emitter in getattr(observer, "emitters", ()):  # and those MkDocs already watches
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLL_SECONDS


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        # in the language of the course beside the settings file (its modules folder is not known yet)
        with speaking(language_of(Path(config_file_path or "mkdocs.yml").parent / "modules" / "course.yml")):
            problems = upgrade.option_problems(options, _relative(config_file_path))
            if problems:
                raise PluginError(say("report.plugin.options") + "\n" + "\n".join(problems))
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            os.environ[_PREVIEW] = "1"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.assets:
            add_assets(config)
        try:
            prepared = frontend.prepare(
                _relative(config.config_file_path),
                config,
                os.environ,
                docs_dir=Path(config.docs_dir),
                languages=(config.theme.get("language"), _search_lang(config)),
            )
        except SettingsError as error:
            with speaking(error.language):
                heading = say("report.plugin.problems_in", place=error.place)
            raise PluginError(heading + "\n" + error.report()) from None
        except CurriculumError as error:
            if not os.environ.get(_PREVIEW):
                with speaking(error.language):
                    heading = say("report.plugin.course_files")
                raise PluginError(heading + "\n" + error.report()) from None
            # A live preview keeps running: show the problems in the log and on its pages.
            for problem in error.problems:
                log.error(str(problem))
            self.site = frontend.problem_site(error, config.theme.get("language"))
            config.nav = self.site.nav
            config.extra["curriculum_words"] = frontend.escaped(self.site.theme_words)  # the 404 page says so too
            return config
        except Exception as error:  # a bug in the engine, not in the course files: no traceback for instructors
            if os.environ.get("CURRICULUM_DEBUG"):
                raise
            raise PluginError(say("report.cli.internal_error", error=f"{type(error).__name__}: {error}")) from None
        self.site = prepared.site
        prepared.configure(config)
        log.info("curriculum: %d pages from %s", len(self.site.pages), prepared.settings.modules)
        return config

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs compiles the theme's templates in every build (and every rebuild of the preview): keep the
        compiled code between builds, as the engine does for its own templates (``templating``)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = templating.theme_bytecode_cache(env)
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None, "on_config runs before on_files"
        if self.config.assets:
            for name in assets.site_files():
                _replace(files, File.generated(config, name, content=assets.served(name)))
        outputs: dict[str, str | bytes] = {**self.site.pages, **self.site.files}
        for name, content in outputs.items():
            files.append(File.generated(config, name, content=content))
        return files

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """MkDocs 1.6's preview puts its reload script into each page as it serves it, after the build gave the
        page its policy: the page's policy is made again with that script in it, or the browser refuses it and
        the page the reader has open never reloads by itself (neither with the problems nor after the fix)."""
        _poll_sooner(server)
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is None:  # another server than MkDocs 1.6's: it adds nothing to the pages
            return server

        def inject_allowed(content: bytes, epoch: int) -> bytes:
            return frontend.protect_again(inject(content, epoch).decode("utf-8")).encode("utf-8")

        server._inject_js_into_html = inject_allowed
        return server

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        return frontend.protect(self._only_used(output))

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return frontend.protect(self._only_used(output_content))

    def _only_used(self, page: str) -> str:
        """The page naming only the generator's style sheets and scripts it uses (when the plugin serves them)."""
        return assets.load_only_used(page) if self.config.assets else page

    @classmethod
    def as_hook(cls) -> CurriculumPlugin:
        """The plugin with its default options, for a ``hooks:`` entry (hooks/curriculum_hook.py)."""
        plugin = cls()
        errors, _ = plugin.load_config({})
        assert not errors, errors
        return plugin


def add_assets(config: MkDocsConfig) -> None:
    """The package's theme overrides after the course's own (``custom_dir``) and before the theme's, and its
    style sheets and scripts first in ``extra_css`` and ``extra_javascript``."""
    folder = str(assets.OVERRIDES)
    dirs = config.theme.dirs
    if folder not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, folder)
    config.extra_css = assets.with_assets(config.extra_css, assets.STYLESHEETS)
    config.extra_javascript = assets.with_assets(config.extra_javascript, assets.SCRIPTS)


def _replace(files: Files, file: File) -> None:
    """Add ``file``, in place of a course's file of the same name (a copy an earlier ``init`` made)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


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
