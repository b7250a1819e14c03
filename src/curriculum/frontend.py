"""The one generation step every front end makes: checked settings in, the site's pages, files and
navigation out (the MkDocs hook keeps them in memory; ``curriculum generate`` and ``curriculum zensical``
write them to disk). Nothing here reads the environment or imports a site builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import buildcache
from .settings import Settings
from .site import Site


def build(settings: Settings) -> Site:
    """The pages, files and navigation of the run and edition the settings choose.

    When nothing the site depends on has changed since the last build with these settings, that build's
    site is used (``buildcache``) and the engine is not even imported; otherwise the engine builds it."""
    name, digest = buildcache.key(settings.modules, settings.run, settings.edition.value, settings.site_url)
    site = buildcache.load(name, digest)
    if site is None:
        from .engine import generate  # imported only when it has work to do (pydantic, Jinja, icalendar)

        site = generate(settings.modules, settings.run, settings.site_url, settings.edition)
        buildcache.store(name, digest, site)
    return site


def handwritten_pages(docs_dir: Path, site: Site) -> list[str]:
    """The Markdown pages written by hand in the docs folder (not made from the modules), sorted."""
    return sorted(
        path for path in (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")) if path not in site.pages
    )


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
    """What the theme's footer template reads (``config.extra.curriculum_footer``): the site's footer,
    with the address of the accessibility statement (a page the engine makes, or one in the docs folder)."""
    data = dict(site.footer)
    page = data.pop("accessibility_page", "")
    exists = page in site.pages or (docs_dir / page).is_file()
    data["accessibility_url"] = page.removesuffix(".md") + "/" if page and exists else ""
    return data
