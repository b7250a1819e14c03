"""A built site served over HTTP on loopback, the way a participant's browser gets it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port; yields the base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


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
