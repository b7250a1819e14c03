"""The last site built for each set of settings, kept between builds while nothing it depends on changed.

A build with the engine costs more than the pages it renders: importing pydantic, icalendar and the
models, then loading, validating and rendering (docs/developers/speed.md). When nothing that goes into the site
has changed since the last build with the same settings, the front end takes that build's site from here
instead, without importing the engine at all.

The key covers everything the engine reads: the settings (modules folder, run, edition, site address),
the content of every file in the modules folder, the size and modification time of every file of this
package (code, templates, message files) and of the installed packages' folder (an upgrade of pydantic,
Jinja or icalendar changes it), and the Python version. A site that had problems is never kept. Without a
usable cache folder every build simply runs the engine.

The same folder keeps the Content-Security-Policy of every page built lately (``csp.apply``'s result, by the
page's SHA-256 digest and whether inline styles are allowed): an unchanged page gets its policy without
being read again, and where it names a style sheet or script of ours that it does not use (``assets``). At most
``SITES`` sites are kept, the most recently built. What was found in pages is kept while ``csp.py``, ``assets.py``
and the Python version are the same, at most ``POLICIES`` entries, the most recently used first; it is written
when the process ends.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from pathlib import Path

from .site import Site

T = TypeVar("T")

_FORMAT = b"curriculum-site-3"
_PACKAGE = Path(__file__).resolve().parent
POLICIES = 8192
SITES = 64
_policies: dict[bytes, tuple[Any, ...]] | None = None
_policies_added = False


def _folder() -> Path:
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"curriculum-sites-{user}"


def key(
    modules: Path, run: str | None, edition: str, site_url: str | None, course: str | None = None
) -> tuple[str, str]:
    """(the cache file's name for these settings, the digest of everything the site depends on). ``course``:
    the course of a library of courses (here the whole modules folder counts: its library and its courses;
    ``narrow_key`` counts only what the course reads)."""
    settings = _settings(modules, run, edition, site_url, course)
    digest = hashlib.sha256(_FORMAT + settings.encode() + sys.version.encode())
    for path in sorted(p for p in modules.rglob("*") if p.is_file()):
        try:
            content = path.read_bytes()
        except OSError:  # the engine names the file and what to do; a site with problems is never kept
            content = b"\0unreadable\0"
        digest.update(path.relative_to(modules).as_posix().encode() + b"\0" + content + b"\0")
    global _environment
    _environment = _engine_and_packages()
    digest.update(_environment)
    return hashlib.sha256(settings.encode()).hexdigest()[:24], digest.hexdigest()


def narrow_key(
    modules: Path,
    run: str | None,
    edition: str,
    site_url: str | None,
    course: str | None,
    parts: list[tuple[str, bytes]],
) -> str:
    """The digest of what one course of a library reads (``parts``: name and content, from
    ``usage.depends_on``) with its settings: when only other files of the library changed, the
    site kept under ``key``'s name with this digest is still the course's site."""
    settings = _settings(modules, run, edition, site_url, course)
    digest = hashlib.sha256(_FORMAT + b"narrow\0" + settings.encode() + sys.version.encode())
    for name, content in parts:
        digest.update(name.encode() + b"\0" + content + b"\0")
    digest.update(environment())
    return digest.hexdigest()


def _settings(modules: Path, run: str | None, edition: str, site_url: str | None, course: str | None) -> str:
    parts = [str(modules.resolve()), run or "", edition, site_url or ""] + ([course] if course is not None else [])
    return "\0".join(parts)


def _engine_and_packages() -> bytes:
    """The digest of what a build depends on besides the course: the size and modification time of every
    file of this package and of the installed packages' folder, and the Python version."""
    digest = hashlib.sha256(_FORMAT + sys.version.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        status = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    for installed in {Path(p) for p in sys.path if p.endswith("site-packages") and os.path.isdir(p)}:
        digest.update(f"{installed}\0{installed.stat().st_mtime_ns}\0".encode())
    return digest.digest()


_environment: bytes | None = None  # made again by every ``key`` (each build of a front end)


def environment() -> bytes:
    """The digest of the engine's files, the installed packages and the Python version, as the last ``key``
    found them (a build's parts kept by ``Kept`` are kept under it: any change of these is a new build)."""
    global _environment
    if _environment is None:
        _environment = _engine_and_packages()
    return _environment


def ours(folder: Path) -> bool:
    """Only a folder of this user's, which no one else may write to, is trusted with what is kept in it (pages,
    pickled models, compiled templates: all of them are run or read back as they are)."""
    if not hasattr(os, "getuid"):
        return True
    status = folder.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def load(name: str, digest: str, narrow: str | None = None) -> Site | None:
    """The site kept under ``name`` when it was built from exactly ``digest`` (``key``), or from what the
    course reads, ``narrow`` (``narrow_key``); else None."""
    try:
        if not ours(_folder()):
            return None
        data = marshal.loads((_folder() / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != 9:
        return None
    if data[0] != digest and (narrow is None or data[1] != narrow):
        return None
    return Site(
        pages=data[2],
        files=data[3],
        nav=data[4],
        language=data[5],
        site_name=data[6],
        theme_words=data[7],
        footer=data[8],
    )


def kept_pages(name: str) -> list[str]:
    """The page addresses of the site kept under ``name``, whatever it was built from (a live preview started
    while the files have problems shows them at these addresses); [] without one."""
    try:
        if not ours(_folder()):
            return []
        data = marshal.loads((_folder() / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return []
    pages = data[2] if isinstance(data, tuple) and len(data) == 9 else None
    return sorted(path for path in pages if isinstance(path, str)) if isinstance(pages, dict) else []


def store(name: str, digest: str, site: Site, narrow: str | None = None) -> None:
    """Keep ``site`` under ``name`` (replacing the one kept before), built from ``digest`` (and, for a course of
    a library, from what it reads: ``narrow``); a failure to write is ignored."""
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = folder / f"{name}.{os.getpid()}.tmp"
        kept = (site.pages, site.files, site.nav, site.language, site.site_name, site.theme_words, site.footer)
        partial.write_bytes(marshal.dumps((digest, narrow, *kept)))
        partial.replace(folder / name)
        _forget_old(folder)
    except (OSError, ValueError):
        pass


def _forget_old(folder: Path) -> None:
    """Keep the ``SITES`` sites stored last (every temporary course a test suite builds has settings of its
    own: without a limit the folder grows with every run)."""
    sites = [entry for entry in os.scandir(folder) if len(entry.name) == 24 and entry.is_file()]
    if len(sites) > SITES:
        sites.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in sites[: len(sites) - SITES]:
            with contextlib.suppress(OSError):  # another build may have removed or replaced it
                os.remove(entry.path)


def _policies_version() -> bytes:
    stats = [(_PACKAGE / name).stat() for name in ("csp.py", "assets.py")]
    sizes_and_times = [str(number).encode() for status in stats for number in (status.st_size, status.st_mtime_ns)]
    return b"\0".join([_FORMAT, sys.version.encode(), *sizes_and_times])


def _read_policies() -> dict[bytes, tuple[Any, ...]]:
    try:
        if not ours(_folder()):
            return {}
        data = marshal.loads((_folder() / "policies").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != _policies_version() or not isinstance(data[1], dict):
        return {}
    return data[1]


def _write_policies() -> None:
    if not _policies_added or _policies is None:
        return
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = folder / f"policies.{os.getpid()}.tmp"
        partial.write_bytes(marshal.dumps((_policies_version(), _policies)))
        partial.replace(folder / "policies")
    except (OSError, ValueError):
        pass


def _remembered() -> dict[bytes, tuple[Any, ...]]:
    global _policies
    if _policies is None:
        _policies = _read_policies()
        atexit.register(_write_policies)
    return _policies


def policy(digest: bytes) -> tuple[int | None, str] | None:
    """The policy remembered for a page with this digest (``csp.apply``), or None."""
    found = recall(digest)
    return (found[0], found[1]) if found is not None else None


def remember_policy(digest: bytes, found: tuple[int | None, str]) -> None:
    """Remember a page's policy (where it goes in the page, and the policy) by the page's digest."""
    remember(digest, found)


def recall(digest: bytes) -> tuple[Any, ...] | None:
    """What was remembered of a built page by this digest (``remember``), or None: a page's policy
    (``csp.apply``), the style sheets and scripts it does not use (``assets.load_only_used``)."""
    remembered = _remembered()
    found = remembered.pop(digest, None)
    if found is not None:
        remembered[digest] = found  # the most recently used last: the oldest are forgotten first
    return found


def remember(digest: bytes, found: tuple[Any, ...]) -> None:
    """Remember what was found in a built page (numbers and text, for ``marshal``) by a digest of the page and of
    what was asked; kept while ``csp.py`` and ``assets.py`` are the same."""
    global _policies_added
    remembered = _remembered()
    remembered[digest] = found
    while len(remembered) > POLICIES:
        del remembered[next(iter(remembered))]
    _policies_added = True


_reusing = False


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Within it, ``Kept`` parts are used and kept: a front end's build (``frontend.build``). Outside it (the
    engine called on its own: tests, ``make bench``'s engine figures) every part is made afresh."""
    global _reusing
    before, _reusing = _reusing, True
    try:
        yield
    finally:
        _reusing = before


class Kept:
    """Parts of a build kept between builds by the digest of everything that makes them (with ``environment``:
    the engine, the installed packages, Python), in one file of the cache folder: at most ``limit``, the most
    recently used last. Read on first use, written when the process ends; used only in a front end's build
    (``reusing``). The engine keeps its calendar files and its pictures here (``calendar``, ``visuals``): the
    same inputs make the same bytes, so a build after a change that does not touch them takes them from here."""

    def __init__(self, name: str, limit: int) -> None:
        self.name, self.limit = name, limit
        self._found: dict[bytes, object] | None = None
        self._added = False

    def _entries(self) -> dict[bytes, object]:
        if self._found is None:
            self._found = self._read()
            atexit.register(self.write)
        return self._found

    def _read(self) -> dict[bytes, object]:
        try:
            if not ours(_folder()):
                return {}
            data = marshal.loads((_folder() / self.name).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not isinstance(data, tuple) or len(data) != 2 or data[0] != _FORMAT or not isinstance(data[1], dict):
            return {}
        return data[1]

    def _digest(self, made_from: bytes) -> bytes:
        return hashlib.sha256(environment() + made_from).digest()

    @property
    def active(self) -> bool:
        """Whether parts are kept now (in a front end's build): a caller may skip preparing what to keep."""
        return _reusing

    def get(self, made_from: bytes) -> object | None:
        """What was kept for ``made_from`` (a digest of the inputs) in this environment, or None."""
        if not _reusing:
            return None
        entries = self._entries()
        digest = self._digest(made_from)
        found = entries.pop(digest, None)
        if found is not None:
            entries[digest] = found  # the most recently used last: the oldest are forgotten first
        return found

    def made(self, made_from: bytes, kind: type[T], make: Callable[[], T]) -> T:
        """What was kept for ``made_from`` when it is a ``kind``; else ``make()``'s result, kept."""
        kept = self.get(made_from)
        if isinstance(kept, kind):
            return kept
        value = make()
        self.put(made_from, value)
        return value

    def made_object(self, made_from: bytes, kind: type[T], make: Callable[[], T]) -> T:
        """``made`` for an object ``marshal`` cannot write (a model): kept with ``pickle``, in the owner-only
        folder, and taken back only when it is a ``kind``."""
        kept = self.get(made_from)
        if isinstance(kept, bytes):
            value = pickle.loads(kept)  # noqa: S301 - written by this package into its owner-only folder
            if isinstance(value, kind):
                return value
        value = make()
        if _reusing:
            self.put(made_from, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def put(self, made_from: bytes, value: object) -> None:
        """Keep ``value`` (made of what ``marshal`` writes: bytes, text, numbers, dicts, lists, tuples)."""
        if not _reusing:
            return
        entries = self._entries()
        entries[self._digest(made_from)] = value
        while len(entries) > self.limit:
            del entries[next(iter(entries))]
        self._added = True

    def write(self) -> None:
        if not self._added or self._found is None:
            return
        folder = _folder()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            partial = folder / f"{self.name}.{os.getpid()}.tmp"
            partial.write_bytes(marshal.dumps((_FORMAT, self._found)))
            partial.replace(folder / self.name)
            self._added = False
        except (OSError, ValueError):
            pass
