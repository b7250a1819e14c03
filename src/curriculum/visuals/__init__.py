"""The tools' visuals: technology radar, wheel with self-assessment, journey and simple models.

Drawn at build time as inline SVG from a tool's ``visual:`` block (plain geometry in
``geometry``, markup in ``templates/visuals/``), each with a ``<title>``, a ``<desc>``
and a text alternative made from the same data. No JavaScript is needed to see them;
the wheel's self-assessment uses ``content/javascripts/selfassessment.js``. Each kind of
picture is one module here (``kinds`` finds them); docs/developers/extending.md says how
to add one.
"""

# The kinds' models build on ``curriculum.models``, whose ``Tool.visual`` is the union of them: load the
# models first, whichever module of this package is imported first (``models`` then loads the kinds).
from .. import models as _models  # noqa: F401
from .check import visual_problems
from .render import Pictures, blank_file, blank_page, render_visual, visual_files

__all__ = ["Pictures", "blank_file", "blank_page", "render_visual", "visual_files", "visual_problems"]
