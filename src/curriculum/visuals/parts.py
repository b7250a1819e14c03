"""The parts of a visual (sectors, rings, areas, phases …): their ids, and the checks that a part's id is
unique and that a reference names a part. Each problem is a field path inside ``visual`` and a message
for an instructor; the validation adds the file, line and column."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..models import VisualPart
from ..problems import Path, did_you_mean
from .words import slug

Found = Iterator[tuple[Path, str]]


def part_id(part: VisualPart) -> str:
    return part.id or slug(part.name)


def unique(parts: Sequence[VisualPart], field: str, noun: str) -> Found:
    seen: dict[str, int] = {}
    for i, part in enumerate(parts):
        pid = part_id(part)
        if pid in seen:
            how = "id" if part.id else "name"
            yield (
                (field, i, "id" if part.id else "name"),
                (
                    f"the {noun} {pid!r} is already used by {field}[{seen[pid]}]; give each {noun} its own "
                    f"{how}" + ("" if part.id else " (or an 'id:')")
                ),
            )
        seen.setdefault(pid, i)


def reference(path: Path, target: str, parts: Sequence[VisualPart], noun: str, field: str) -> Found:
    known = [part_id(p) for p in parts]
    if target not in known:
        yield (
            path,
            (
                f"unknown {noun} {target!r}{did_you_mean(target, known)}; use the id of one of "
                f"the {field} in this visual: {', '.join(known)}"
            ),
        )
