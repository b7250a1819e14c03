"""What the browser tests expect of the published course, read from modules/ through tests/conftest.py's
`published()` (the engine's loader, the run of mkdocs.yml, the catalogue of the course's language), never
typed in: replace modules/ with another course and the tests expect its pages, sessions and words."""

from __future__ import annotations

from conftest import published

COURSE = published()
WORDS = COURSE.messages


def address(key: str) -> str:
    """A page (or folder of pages) of the site by its catalogue key: ``address("tools")`` is 'vaerktoejer/'."""
    return COURSE.address(key) + "/"


def session_page(session_id: str) -> str:
    return f"{address('sessions')}{session_id}/"


def tool_page(tool_id: str) -> str:
    return f"{address('tools')}{tool_id}/"


def tools_of_kind(*kinds: str) -> list[str]:
    """The course's tools whose picture is of one of ``kinds`` ('radar', 'wheel', 'steps', ...), by id."""
    return sorted(tid for tid, tool in COURSE.curriculum.tools.items() if tool.visual and tool.visual.kind in kinds)


def tool_of_kind(kind: str) -> str:
    """The course's first tool (by id) with a picture of ``kind``; a test that needs one fails without it."""
    found = tools_of_kind(kind)
    assert found, f"the course has no tool with a picture of kind {kind!r}"
    return found[0]


def run_sessions() -> list[str]:
    """The ids of the run's sessions, in the run's order."""
    return [item.module for item in COURSE.run.sessions]


def linked_session() -> str:
    """The run's first session that lists both tools and readings: a session page with links in its text."""
    sessions = COURSE.curriculum.sessions
    found = [sid for sid in run_sessions() if sessions[sid].tools and sessions[sid].readings]
    assert found, "no session of the run lists both tools and readings"
    return found[0]
