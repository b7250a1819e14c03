"""The engine's one entry point for front ends: modules folder + run -> rendered site."""

from __future__ import annotations

import os
from pathlib import Path

from .pages import Site, build_site
from .problems import CurriculumError, Problem
from .programme import build_programme
from .validation import Curriculum, load_curriculum

RUN_ENVIRONMENT_VARIABLE = "CURRICULUM_RUN"


def choose_run(curriculum: Curriculum, configured: str | None) -> str:
    """The run to show: ``$CURRICULUM_RUN``, else the configured one, else the only run there is."""
    chosen = os.environ.get(RUN_ENVIRONMENT_VARIABLE) or configured
    if chosen:
        return chosen
    if len(curriculum.runs) == 1:
        return next(iter(curriculum.runs))
    raise CurriculumError([Problem(
        "modules/runs/", 1, 1, "",
        f"there are {len(curriculum.runs)} runs ({', '.join(sorted(curriculum.runs))}); say which one "
        f"to build with {RUN_ENVIRONMENT_VARIABLE}=<id> or the run setting")])


def generate(modules_dir: Path | str, run: str | None = None, site_url: str | None = None) -> Site:
    """Load and validate every module, then render the pages of the chosen run.

    ``site_url`` is the published site's address, used for links inside calendar files.

    Raises ``CurriculumError`` with every problem found; nothing is rendered then.
    """
    curriculum = load_curriculum(modules_dir)
    return build_site(build_programme(curriculum, choose_run(curriculum, run)), site_url)
