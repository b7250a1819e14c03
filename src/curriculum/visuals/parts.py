"""The parts of a visual (sectors, rings, areas, phases …): their ids, and the checks that a part's id is
unique and that a reference names a part. Each problem is a field path inside ``visual`` and a message
for an instructor; the validation adds the file, line and column."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..models import VisualPart
from ..problems import Path, did_you_mean
from ..say import say
from .words import slug

Found = Iterator[tuple[Path, str]]


def part_id(part: VisualPart) -> str:
    return part.id or slug(part.name)


def unique(parts: Sequence[VisualPart], field: str) -> Found:
    seen: dict[str, int] = {}
    for i, part in enumerate(parts):
        pid = part_id(part)
        if pid in seen:
            key = "report.visuals.id_twice" if part.id else "report.visuals.name_twice"
            yield (field, i, "id" if part.id else "name"), say(key, id=pid, where=f"{field}[{seen[pid]}]")
        seen.setdefault(pid, i)


def reference(path: Path, target: str, parts: Sequence[VisualPart], field: str) -> Found:
    known = [part_id(p) for p in parts]
    if target not in known:
        hint = did_you_mean(target, known)
        yield path, say("report.visuals.unknown_part", target=target, hint=hint, field=field, known=", ".join(known))
