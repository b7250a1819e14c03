"""The front-end adapter: every step a front end makes to turn the course into a site, made here once.

A front end (the MkDocs hook, ``curriculum generate``, ``curriculum zensical``) reads its settings file its
own way and hands what it read to ``prepare``, which

1. checks the settings (``settings.resolve``: the command line, then ``CURRICULUM_RUN``, then
   ``extra.curriculum`` of mkdocs.yml),
2. generates the site (``build``: pages, files and navigation, from the build cache when nothing changed),
3. checks that the theme and the search speak the course's language (``sitelanguage``),
4. refuses a hand-written page in the docs folder with the name of a generated one,
5. makes the navigation (the run's pages, then the hand-written pages) for a settings file without ``nav``,
6. makes what the theme prints from the course — the site's name, the 404 page's words, the footer — as
   HTML, every text in it escaped (``Theme``; ``Prepared.configure`` puts it into the builder's settings).
   The theme's templates print these values as they are: text from a course file stays text on every
   builder, because no builder gets it unescaped.

and ``protect`` puts the Content-Security-Policy into every page the builder makes (``csp``).
``curriculum generate`` writes Markdown pages for a builder of one's own and takes steps 1, 2 and 5
(``settings``, ``build``, ``write``): it has no theme. Nothing here reads the environment (the front end
passes the environment it honours) or imports a site builder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import html
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from . import buildcache, csp, sitelanguage
from .problems import CurriculumError
from .say import say, speaking
from .settings import Settings, SettingsError, resolve
from .site import Site

CONFIG_FILE = "mkdocs.yml"  # read when no settings file is named, as `mkdocs` reads it


class DocsFolderError(SettingsError):
    """A hand-written page in the docs folder has the name of a page the site makes."""

    place_key = "report.frontend.place_docs"


def config_file(given: Path | str | None) -> Path | None:
    """The settings file of a command: the one named (``--config``), else ./mkdocs.yml when there is one."""
    if given is not None:
        return Path(given)
    return Path(CONFIG_FILE) if Path(CONFIG_FILE).is_file() else None


def settings(
    config_file: Path | str | None,
    environ: Mapping[str, str],
    *,
    config: Mapping[str, Any] | None = None,
    modules: Path | str | None = None,
    run: str | None = None,
    edition: str | None = None,
    site_url: str | None = None,
    several_runs_hint: str = "",
    course: str | None = None,
) -> Settings:
    """Step 1: the checked settings (``settings.resolve``); raises ``SettingsError`` with every problem."""
    return resolve(
        config_file,
        config=config,
        environ=environ,
        modules=modules,
        run=run,
        edition=edition,
        site_url=site_url,
        several_runs_hint=several_runs_hint,
        course=course,
    )


def build(settings: Settings) -> Site:
    """Step 2: the pages, files and navigation of the run and edition the settings choose.

    When nothing the site depends on has changed since the last build with these settings, that build's
    site is used (``buildcache``) and the engine is not even imported; otherwise the engine builds it,
    taking the parts that did not change (calendar files, pictures) from the builds before
    (``buildcache.reusing``)."""
    with _engine_objects_frozen(), buildcache.reusing():
        return _build(settings)


@contextlib.contextmanager
def _engine_objects_frozen() -> Iterator[None]:
    """The first build with the engine in a process imports it: pydantic's model classes and schemas,
    icalendar's and Jinja's templates, objects that live as long as the process. Left to the cycle
    collector, they made it walk every object of the process once more for nothing (a full collection in
    the middle of a build, about 30 ms of a changed course's build, measured). So the collector is paused
    for the build, and when the build imported the engine, what is alive after it is moved out of the
    collector's reach (``gc.freeze``): once per process, so a live preview's later builds leave their
    garbage to the collector as usual."""
    if "curriculum.engine" in sys.modules:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if "curriculum.engine" in sys.modules:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _build(settings: Settings) -> Site:
    name, digest = buildcache.key(
        settings.modules, settings.run, settings.edition.value, settings.site_url, settings.course
    )
    site = buildcache.load(name, digest)
    narrow = None
    if site is None:
        narrow = _narrow_key(settings)
        site = buildcache.load(name, digest, narrow) if narrow is not None else None
        if site is not None:
            buildcache.store(name, digest, site, narrow)
    if site is None:
        from .engine import generate  # imported only when it has work to do (pydantic, Jinja, icalendar)
        from .portfolio import has_front_page, language

        try:
            with speaking(language(settings.modules, settings.course)):  # the run's problems too
                if settings.course is None and has_front_page(settings.modules):
                    from .frontpage import build as front_page

                    site = front_page(settings.modules)
                else:
                    site = generate(
                        settings.modules, settings.run, settings.site_url, settings.edition, settings.course
                    )
        except CurriculumError:
            if not _last_good:  # no good build in this process yet: the last one kept with these settings
                _last_good[:] = buildcache.kept_pages(name)
            raise
        buildcache.store(name, digest, site, narrow)
    _last_good[:] = sorted(site.pages)
    return site


def _narrow_key(settings: Settings) -> str | None:
    """For a course of a library of courses, the digest of only what its build reads (``buildcache.narrow_key``):
    a change to another course's own files, or to a library file it does not use, leaves its site as it was.
    None for a modules folder of one course, the library's front page, or a course whose files cannot say."""
    from .portfolio import has_front_page, is_portfolio, layout

    if not is_portfolio(settings.modules) or (settings.course is None and has_front_page(settings.modules)):
        return None
    from .usage import depends_on  # the files as written: no pydantic, no models

    try:
        parts = depends_on(layout(settings.modules, settings.course))
    except (CurriculumError, OSError):  # the engine's build says what is wrong
        return None
    return buildcache.narrow_key(
        settings.modules, settings.run, settings.edition.value, settings.site_url, settings.course, parts
    )


# The page addresses of this process's last good build (before the first: of the last build kept with the
# same settings, ``buildcache.kept_pages``): while the course has problems, a live preview shows them at each
# of these addresses (``problem_site``), not only at the home page.
_last_good: list[str] = []


# ------------------------------------------------------------------------------------ a themed builder


@dataclasses.dataclass(frozen=True)
class Theme:
    """What the theme prints from the course, as HTML: every text from a course file (or a message the
    course rewords) escaped. ``site_name``: the course's title (None: keep the settings file's);
    ``extra``: the entries of ``config.extra`` the templates read (``overrides/``): ``curriculum_words``
    (the 404 page) and ``curriculum_footer`` (every page's footer)."""

    site_name: str | None
    extra: dict[str, Any]

    @classmethod
    def of(cls, site: Site, docs_dir: Path) -> Theme:
        extra = {"curriculum_words": dict(site.theme_words), "curriculum_footer": footer(site, docs_dir)}
        return cls(escaped(site.site_name), escaped(extra))


def escaped(value: Any) -> Any:
    """``value`` with every text in it HTML-escaped (quotes too: a value may be printed in an attribute)."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, Mapping):
        return {key: escaped(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [escaped(item) for item in value]
    return value


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A site ready for a builder: the settings it was made with, its pages and files, the navigation
    (None: the settings file has its own) and what the theme prints."""

    settings: Settings
    site: Site
    nav: list[Any] | None
    theme: Theme

    def configure(self, config: MutableMapping[str, Any]) -> None:
        """Put the navigation and the theme's values into a builder's settings (mkdocs.yml as read)."""
        if self.nav is not None:
            config["nav"] = self.nav
        if self.theme.site_name:
            config["site_name"] = self.theme.site_name
        if config.get("extra") is None:
            config["extra"] = {}
        extra = config["extra"]
        for key, value in self.theme.extra.items():
            extra[key] = value


def written_languages(config: Mapping[str, Any]) -> tuple[Any, Any]:
    """(theme.language, the search's lang) as mkdocs.yml writes them (for a builder that reads it as YAML)."""
    theme = config.get("theme")
    return (theme.get("language") if isinstance(theme, Mapping) else None), sitelanguage.search_lang(config)


def prepare(
    config_file: Path,
    config: Mapping[str, Any],
    environ: Mapping[str, str],
    *,
    docs_dir: Path,
    languages: tuple[Any, Any],
    run: str | None = None,
    edition: str | None = None,
    several_runs_hint: str = "",
) -> Prepared:
    """Steps 1-6 for a builder with a theme: ``config`` is ``config_file`` as the builder read it (its
    ``extra``, ``site_url`` and ``nav``), ``languages`` its theme's language and its search's ``lang``,
    ``run`` and ``edition`` the command line's. Raises ``SettingsError`` (the settings, their languages;
    ``DocsFolderError``: a hand-written page in the way) or ``CurriculumError`` (the course files)."""
    chosen = settings(
        config_file, environ, config=config, run=run, edition=edition, several_runs_hint=several_runs_hint
    )
    site = build(chosen)
    with speaking(site.language):  # the problems below speak the course's language
        wrong = sitelanguage.problems(config_file, *languages, site.language)
        if wrong:
            raise SettingsError(wrong)
        clashes = hand_written_clashes(site, docs_dir)
        if clashes:
            raise DocsFolderError(clashes)
    nav = navigation(site, docs_dir) if config.get("nav") is None else None
    return Prepared(chosen, site, nav, Theme.of(site, docs_dir))


def problem_site(error: CurriculumError, theme_language: Any) -> Site:
    """A live preview's site while the course files have problems: the page listing them, at the home page
    and at every address of the last good build (so the page the reader has open shows them, and comes
    back by itself once they are fixed), in the language its problems speak (the course's, ``say``): the
    theme's, region and all, when it is that language (a good build checks that it is the course's)."""
    from .messages import Messages, primary
    from .pages import build_problem_site

    language = str(theme_language or "")
    if primary(language) != error.language:
        language = error.language
    return build_problem_site(error, Messages(language), _last_good)


def protect(page: str, *, inline_styles: bool = False) -> str:
    """A built page with the Content-Security-Policy in it (``csp.apply``); ``inline_styles`` for a builder
    whose own scripts write ``style`` attributes."""
    return csp.apply(page, inline_styles=inline_styles)


def protect_again(page: str) -> str:
    """A page ``protect`` gave its policy, with the policy made again for a script a live preview's server put
    into it as it served it (``csp.apply_again``)."""
    return csp.apply_again(page)


# ------------------------------------------------------------------------------------ steps in detail


def handwritten_pages(docs_dir: Path, site: Site) -> list[str]:
    """The Markdown pages written by hand in the docs folder (not made from the modules), sorted."""
    return sorted(
        path for path in (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")) if path not in site.pages
    )


def hand_written_clashes(site: Site, docs_dir: Path) -> list[str]:
    """One problem for each file of the docs folder that has the name of a page or file the site makes."""
    return [
        say("report.frontend.clash", file=_shown(docs_dir / path))
        for path in sorted({**site.pages, **site.files})
        if (docs_dir / path).is_file()
    ]


def _shown(path: Path) -> str:
    """A path as messages name it: relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def navigation(site: Site, docs_dir: Path) -> list[Any]:
    """The site's navigation: the run's pages in the run's order, then the hand-written pages."""
    return site.nav + handwritten_pages(docs_dir, site)


def write(site: Site, out: Path) -> int:
    """Write every page and file of ``site`` under ``out``; returns how many were written."""
    outputs = {**{path: text.encode("utf-8") for path, text in site.pages.items()}, **site.files}
    for path, data in outputs.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(outputs)


def footer(site: Site, docs_dir: Path) -> dict[str, str]:
    """The footer's words and course data (``Site.footer``, plain text; ``Theme`` escapes them), with the
    address of the accessibility statement (a page the engine makes, or one in the docs folder)."""
    data = dict(site.footer)
    page = data.pop("accessibility_page", "")
    exists = page in site.pages or (docs_dir / page).is_file()
    data["accessibility_url"] = page.removesuffix(".md") + "/" if page and exists else ""
    return data
