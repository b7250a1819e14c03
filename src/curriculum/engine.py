"""The engine's one entry point for front ends: modules folder + run -> rendered site."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from pathlib import Path

from . import messages, pages, prose
from .editions import Edition, strip_instructor_only
from .pages import Site, build_site
from .problems import CurriculumError, Problem
from .programme import build_programme
from .course import Curriculum
from .say import say, speaking
from .validation import load_curriculum


def choose_run(curriculum: Curriculum, chosen: str | None) -> str:
    """The run to show: the chosen one, else the only run there is. The engine reads no environment
    variable: the front ends choose (``settings.resolve``: command line, ``CURRICULUM_RUN``, mkdocs.yml)."""
    if chosen:
        return chosen
    if len(curriculum.runs) == 1:
        return next(iter(curriculum.runs))
    with speaking(curriculum.messages.language):
        runs = ", ".join(sorted(curriculum.runs))
        message = say("report.engine.which_run", count=len(curriculum.runs), runs=runs)
        raise CurriculumError([Problem("modules/runs/", 1, 1, "", message)])


def generate(
    modules_dir: Path | str,
    run: str | None = None,
    site_url: str | None = None,
    edition: Edition | str | None = None,
    course: str | None = None,
) -> Site:
    """Load and validate every module, then render the pages of the chosen run in one edition.

    ``course`` is the course to build of a library of several courses (``portfolio``); the only one
    when there is one, and None for a modules folder of one course.

    ``site_url`` is the published site's address, used for links inside calendar files.
    ``edition`` is ``participant`` (the default) or ``instructor``. The participant edition is
    rendered from a curriculum whose instructor-only fields have been emptied (``editions``).

    Raises ``CurriculumError`` with every problem found; nothing is rendered then.
    """
    chosen = Edition.parse(edition)
    with _no_cycle_collection():
        curriculum = load_curriculum(modules_dir, course)
        if chosen is Edition.participant:
            # the raw file contents (kept for positions) hold instructor-only text too: leave them out
            curriculum = strip_instructor_only(dataclasses.replace(curriculum, documents={}))
        return build_site(build_programme(curriculum, choose_run(curriculum, run)), site_url, chosen)


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector walks every object again and again while a large course is built, which
    made 1,000 sessions take 13 times as long as 100 (measured). It is paused for the build and
    resumed after it; the cycles a build leaves are collected then."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def forget() -> None:
    """Forget what earlier builds in this process remembered (each text's reading by the prose rule, the links
    between pages, Babel's formats). The preview keeps it between rebuilds; ``make bench`` forgets it to time one
    build as ``mkdocs build`` runs it."""
    prose._scan.cache_clear()
    pages._relative.cache_clear()
    messages.forget_formats()
