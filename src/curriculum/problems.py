"""Problems found in the curriculum files, reported the way an editor shows them.

Every problem names the file, the line and column, the field path and what to do:
``modules/sessions/workshop-1.yml:14:7: tools[1]: unknown tool 'x' (did you mean 'y'?)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .say import current, say, speaking

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``('sessions', 0, 'date')`` -> ``sessions[0].date``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CurriculumError(Exception):
    """The curriculum files have problems; ``report()`` lists every one of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(set(problems))
        self.language = current()  # the language its problems were worded in, for its summary line
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        with speaking(self.language):
            lines.append(say("report.summary", count=len(self.problems)))
        return "\n".join(lines)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)``, `` (mente du 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return say("report.did_you_mean", choice=close[0]) if close else ""
