"""A comparison of columns, row by row: checks and table (``comparison.html.j2``, HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..say import say
from ..models import Model, Text, VisualModel, VisualPart
from .base import COLOURS
from .kinds import PictureKind
from .parts import Found, unique

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool


class ComparisonRow(Model):
    aspect: Text
    values: list[Text] = Field(min_length=1)  # one per column; checked below


class ComparisonVisual(VisualModel):
    kind: Literal["comparison"]
    columns: list[VisualPart] = Field(min_length=2, max_length=4)
    rows: list[ComparisonRow] = Field(min_length=1)


#: The Danish help of the models above for the editor (see ``templates/field_help.yml``).
HELP = """\
ComparisonVisual:
  title: Sammenligning (kind comparison)
  description: En tabel, der sammenligner to-fire tilgange punkt for punkt.
  fields:
    kind:
      description: Billedets slags; her comparison.
      example: comparison
    title:
      description: Billedets titel. Kan udelades.
      example: Topstyret og bottom-up forandringsledelse
    note:
      description: En bemærkning under billedet. Kan udelades.
      example: Begge tilgange har deres plads.
    columns:
      description: De tilgange, der sammenlignes (2-4).
      example:
        - name: Topstyret
        - name: Bottom-up
    rows:
      description: Punkterne, der sammenlignes; mindst ét.
      example:
        - aspect: Beslutninger
          values: [Træffes højt i organisationen., Medarbejderne er med fra start.]

ComparisonRow:
  title: Række i sammenligningen
  description: Et punkt i sammenligningen med én tekst pr. kolonne.
  fields:
    aspect:
      description: Det, der sammenlignes i rækken.
      example: Medarbejdernes rolle
    values:
      description: Én tekst pr. kolonne, i kolonnernes rækkefølge.
      example: [Modtager løsningen., Er med til at forme løsningen.]
"""

#: A worked example for the course authors' reference (docs/reference.md): a whole tool file with this
#: kind of picture; tests/test_reference.py validates it and draws it.
EXAMPLE = """\
id: top-down-and-bottom-up
title: Top-down and bottom-up
summary: Two ways of bringing a technology into use, side by side.
origin:
  creator: The course's own
visual:
  kind: comparison
  columns:  # 2-4
    - name: Top-down
    - name: Bottom-up
  rows:  # one value per column
    - aspect: Who decides
      values: [Management, The staff]
    - aspect: Speed
      values: [Fast to decide, Fast to adopt]
"""


def comparison_problems(visual: ComparisonVisual) -> Found:
    """What is wrong in the fields of a comparison that only make sense together."""
    yield from unique(visual.columns, "columns")
    for i, row in enumerate(visual.rows):
        if len(row.values) != len(visual.columns):
            message = say("report.visuals.row_values", count=len(row.values), columns=len(visual.columns))
            yield ("rows", i, "values"), message


def comparison_context(visual: ComparisonVisual) -> dict[str, Any]:
    """A comparison is a table (visuals.css colours its columns, and stacks its rows on a phone)."""
    cols = [dict(part=c, colour=i % COLOURS) for i, c in enumerate(visual.columns)]
    return dict(cols=cols, rows=visual.rows)


class Comparison(PictureKind):
    model = ComparisonVisual
    template = "comparison.html.j2"
    preview_template = "comparison-preview.svg.j2"
    help = HELP
    example = EXAMPLE

    def problems(self, visual: ComparisonVisual, default_rings: Sequence[dict]) -> Found:
        return comparison_problems(visual)

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        assert isinstance(tool.visual, ComparisonVisual)
        return comparison_context(tool.visual)


KIND = Comparison()
