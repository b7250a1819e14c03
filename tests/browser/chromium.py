"""Debian's chromium: where it is, how it starts on a closed network, and what a missing one means.

Never a browser that Playwright downloads: the tests drive /usr/bin/chromium from Debian's package, which
`make test` installs when it is missing. Without it the browser tests skip on a developer's machine and
fail under CI=true, so that CI can never go green without having run them.
"""

from __future__ import annotations

import os

import pytest

from curriculum.headless import ARGS, CHROMIUM


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str):
    """Stop the browser tests: a failure under CI, a skip with the reason anywhere else."""
    if in_ci():
        pytest.fail(f"{reason}; under CI=true the browser tests must run", pytrace=False)
    pytest.skip(f"{reason}; run `make test` (as root it installs Debian's chromium)")


def launch(playwright):
    """Start the one headless Chromium the whole test session shares."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"{CHROMIUM} is missing (Debian package 'chromium')")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
