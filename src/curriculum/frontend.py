"""The one generation step every front end makes: checked settings in, the site's pages, files and
navigation out (the MkDocs hook keeps them in memory; ``curriculum generate`` and ``curriculum zensical``
write them to disk). Nothing here reads the environment or imports a site builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .engine import generate
from .pages import Site
from .settings import Settings


def build(settings: Settings) -> Site:
    """The pages, files and navigation of the run and edition the settings choose."""
    return generate(settings.modules, settings.run, settings.site_url, settings.edition)


def handwritten_pages(docs_dir: Path, site: Site) -> list[str]:
    """The Markdown pages written by hand in the docs folder (not made from the modules), sorted."""
    return sorted(
        path for path in (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
        if path not in site.pages
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
