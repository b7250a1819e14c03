"""Where compiled Jinja templates are kept between runs.

Compiling the templates costs more than rendering a whole course (about 0.5 s of a 0.7 s build on
two cores), so every template environment of the engine keeps its compiled code in a cache folder in
the system's temporary directory, one folder per environment (their settings differ). Jinja checks
each template's source against the cache, so an edited template is compiled again; without a usable
folder the templates are simply compiled every time.

A site builder's theme environment (Material's templates and the generator's overrides under MkDocs) is
compiled anew by every build, and in every rebuild of the preview: about 0.15 s of a 0.9 s build of KDL on
this machine. ``theme_bytecode_cache`` gives such an environment a cache folder of its own, named by
everything in the environment that changes what a template compiles to.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache

from .buildcache import ours


def bytecode_cache(environment: str, *code: str) -> BytecodeCache | None:
    """The compiled-template cache of the engine's environment called ``environment``.

    Compiled code depends on the environment's settings as well as on the template (``finalize``, for
    one, is compiled in), and Jinja checks only the template: name the files that set up the
    environment in ``code``, and a change to them starts a new cache.
    """
    digest = hashlib.sha256()
    for name in code:
        try:
            digest.update(Path(name).read_bytes())
        except OSError:
            digest.update(name.encode())
    key = f"{environment}-{jinja2.__version__}" + (f"-{digest.hexdigest()[:12]}" if code else "")
    return _cache(key)


def theme_bytecode_cache(env: jinja2.Environment) -> BytecodeCache | None:
    """A compiled-template cache for a site builder's theme environment ``env``.

    Jinja checks each template's source (and its file's path) against the cache; what else decides the
    compiled code is the environment: its extensions (MkDocs installs ``i18n``, whose ``newstyle`` changes
    how ``{% trans %}`` compiles), its delimiters, whitespace rules, ``finalize``, ``autoescape`` and
    ``optimized``. All of them name the folder, so an environment set up another way gets a cache of its own.
    """

    def named(value: object) -> str:
        if not callable(value):
            return repr(value)
        cells = getattr(value, "__closure__", None) or ()  # a function made by another (select_autoescape's)
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}" + "".join(
            f"\0{cell.cell_contents!r}" for cell in cells
        )

    settings = [
        jinja2.__version__,
        *sorted(
            f"{type(extension).__module__}.{type(extension).__qualname__}" for extension in env.extensions.values()
        ),
        *(
            repr(getattr(env, name, None))
            for name in (
                "block_start_string",
                "block_end_string",
                "variable_start_string",
                "variable_end_string",
                "comment_start_string",
                "comment_end_string",
                "line_statement_prefix",
                "line_comment_prefix",
                "trim_blocks",
                "lstrip_blocks",
                "newline_sequence",
                "keep_trailing_newline",
                "optimized",
                "is_async",
                "newstyle_gettext",
            )
        ),
        named(env.finalize),
        named(env.autoescape),
    ]
    digest = hashlib.sha256("\0".join(settings).encode()).hexdigest()[:16]
    return _cache(f"theme-{jinja2.__version__}-{digest}")


def _cache(key: str) -> BytecodeCache | None:
    user = os.getuid() if hasattr(os, "getuid") else "user"
    root = Path(tempfile.gettempdir()) / f"curriculum-jinja-{user}"
    folder = root / key
    try:
        root.mkdir(exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        if not (ours(root) and ours(folder)):  # compiled code is run: only from a folder no one else writes
            return None
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
