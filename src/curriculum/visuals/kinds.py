"""One protocol for every kind of picture, and the registry that finds the kinds.

A kind of picture is one module of this package that defines ``KIND``, an instance of a ``PictureKind``
subclass: the model of its ``visual:`` block (whose ``kind: Literal[...]`` names the words that choose it),
the checks that compare its fields, its layout, and its template in ``templates/visuals/``. The registry
imports every module of ``curriculum.visuals`` and keeps the ``KIND`` of each; no other file lists the
kinds (the models' ``Tool.visual``, the validation, the rendering, the schemas and the toolbox's previews
all ask the registry). docs/developers/extending.md has the recipe for a new kind.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Union

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from ..messages import Messages
    from ..models import Tool
    from ..problems import Path

Found = Iterator[tuple["Path", str]]

#: The order in which the first kinds are listed (in messages such as "use one of: radar, wheel, …" and
#: in the schemas): the order they were added in. A kind not named here comes after them, by module name.
FIRST = ("radar", "wheel", "journey", "steps", "quadrants", "comparison")


class PictureKind:
    """What the engine needs of a kind of picture. Override what the kind has; the rest has defaults."""

    #: The model of the ``visual:`` block; its field ``kind: Literal[...]`` gives the words that choose it.
    model: ClassVar[type[BaseModel]]
    #: Its template in ``templates/visuals/``: the ``<figure>`` and its text alternative.
    template: ClassVar[str]
    #: The template of a printable blank picture beside the tool's page (``<tool>-tom.svg``), if any.
    blank_template: ClassVar[str | None] = None
    #: For a kind drawn in HTML (no SVG to make a thumbnail of): the template of a small SVG without words,
    #: drawn from the layout, as its preview on the toolbox's cards (``curriculum.preview``).
    preview_template: ClassVar[str | None] = None
    #: The Danish help of its models for the editor (the format of ``templates/field_help.yml``), as YAML.
    help: ClassVar[str] = ""
    #: A whole tool file with this kind of picture, in English, for the course authors' reference
    #: (``docs/reference.md``, ``curriculum reference``); the tests validate and draw it.
    example: ClassVar[str] = ""

    def problems(self, visual: Any, default_rings: Sequence[dict]) -> Found:
        """What is wrong in fields that only make sense together (a field path inside ``visual`` and a
        message for an instructor). ``default_rings``: the parts the course's language gives a picture
        that names none (only a radar's rings today)."""
        return iter(())

    def layout(self, tool: Tool, messages: Messages) -> dict[str, Any]:
        """The geometry the template draws: made once per tool and build."""
        return {}

    def blank(self, tool: Tool, messages: Messages, layout: dict[str, Any]) -> dict[str, Any] | None:
        """The layout of the printable blank picture (``blank_template``), or None when this visual offers
        none; ``layout`` is the picture's own."""
        return None

    def links(
        self,
        tool: Tool,
        messages: Messages,
        *,
        vid: str,
        compact: bool,
        tool_href: str,
        blank_href: str,
        logbook_href: str,
    ) -> str:
        """Markdown after the picture (links the builder adjusts to the page's address); empty for none.
        ``blank_href`` is the page of the blank picture to print, ``logbook_href`` the participant's logbook."""
        return ""

    @property
    def words(self) -> tuple[str, ...]:
        """The words of ``kind:`` that choose this kind (``cycle`` and ``steps`` are one kind)."""
        return tuple(getattr(self.model.model_fields["kind"].annotation, "__args__", ()))


@cache
def kinds() -> tuple[PictureKind, ...]:
    """Every kind of picture, from the modules of this package that define ``KIND``."""
    package = importlib.import_module(__package__)
    found: dict[str, PictureKind] = {}
    for module in pkgutil.iter_modules(package.__path__):
        kind = getattr(importlib.import_module(f"{__package__}.{module.name}"), "KIND", None)
        if isinstance(kind, PictureKind):
            found[module.name] = kind
    order = [name for name in FIRST if name in found] + sorted(name for name in found if name not in FIRST)
    return tuple(found[name] for name in order)


def kind_of(visual: Any) -> PictureKind:
    """The kind of a visual (a model of one of the kinds)."""
    return _by_model()[type(visual)]


@cache
def _by_model() -> dict[type, PictureKind]:
    return {kind.model: kind for kind in kinds()}


def visual_type() -> Any:
    """The annotation of ``Tool.visual``: one of the kinds' models, chosen by its ``kind:``."""
    models = tuple(kind.model for kind in kinds())
    return Annotated[Union[models], Field(discriminator="kind")]  # noqa: UP007 - a union made at run time


def words() -> list[str]:
    """Every word ``kind:`` takes, in the registry's order."""
    return [word for kind in kinds() for word in kind.words]
