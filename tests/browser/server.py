"""A built site served over HTTP on loopback, the way a participant's browser gets it."""

from __future__ import annotations

from pathlib import Path

from curriculum.headless import serve  # noqa: F401 - the tests serve editions with it


def page_paths(site: Path) -> list[str]:
    """The URL path (relative to the site's root) of every HTML page of a built site, e.g. 'litteratur/'."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html") if file.name == "index.html" else relative)
    return paths


def file_for(site: Path, url_path: str) -> Path | None:
    """The built file a URL path (relative to the root, already unquoted) is served from, or None."""
    target = site / url_path
    if url_path == "" or url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None
