"""The tools' visuals: technology radar, wheel with self-assessment, journey and simple models.

Drawn at build time as inline SVG from a tool's ``visual:`` block (plain geometry in
``geometry``, markup in ``templates/visuals/``), each with a ``<title>``, a ``<desc>``
and a text alternative made from the same data. No JavaScript is needed to see them;
the wheel's self-assessment uses ``content/javascripts/selfassessment.js``.
"""

from .check import visual_problems
from .render import blank_file, render_visual, visual_files

__all__ = ["blank_file", "render_visual", "visual_files", "visual_problems"]
