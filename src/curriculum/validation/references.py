"""References between files: every id a file names is the id of a file of the right kind.

A session names tools and readings, a tool names readings, a run names sessions, the evaluation plan names
sessions, and a run's results name their run and the questionnaire's items in the plan. A reference to a
file that could not be read is not reported: that file's own problem says it all.
"""

from __future__ import annotations

from ..loader import Document
from ..models import EvaluationPlan, Reading, Results, Run, Session, Tool
from ..problems import did_you_mean
from ..say import say
from ..sources import Layout
from .files import Checker, Kind


UNKNOWN = {
    "tools": "report.references.unknown_tool",
    "readings": "report.references.unknown_reading",
    "sessions": "report.references.unknown_session",
    "runs": "report.references.unknown_run",
}


def reference(check: Checker, doc: Document, path: tuple, target: str, known: set[str], kind: str) -> None:
    """Report ``target`` at ``path`` unless it is one of the ``known`` ids of the files in the folder ``kind``."""
    layout = check.layout
    if any(folder in layout.unreadable for folder in layout.folders(kind)):
        return  # the folder's own problem says it all
    if target not in known:
        hint = did_you_mean(target, sorted(known | library_ids(layout, kind)))
        check.report(doc, path, say(UNKNOWN[kind], target=target, hint=hint, folder=_folders(layout, kind)))


def _folders(layout: Layout, kind: str) -> str:
    """The folder (or, in a course of a library, the folders) whose files' ids a reference may name."""
    shown = [layout.display(folder) + "/" for folder in layout.folders(kind)]
    return shown[0] if len(shown) == 1 else say("report.references.folders", library=shown[0], own=shown[1])


def library_ids(layout: Layout, kind: str) -> set[str]:
    """The ids of the library's files of ``kind`` the course does not use yet: a misspelt reference's hint."""
    if layout.library is None or kind not in layout.used:
        return set()
    return {path.stem for path in layout.folder_files(layout.library / kind)}


def check_sessions(check: Checker, sessions: Kind[Session], tools: Kind[Tool], readings: Kind[Reading]) -> None:
    """A session's content and tools name tools; its readings name readings."""
    for sid, session in sessions.models.items():
        doc = sessions.docs[sid]
        for i, item in enumerate(session.content):
            if item.tool:
                reference(check, doc, ("content", i, "tool"), item.tool, tools.ids, "tools")
        for i, tool in enumerate(session.tools):
            reference(check, doc, ("tools", i), tool, tools.ids, "tools")
        for i, reading in enumerate(session.readings):
            reference(check, doc, ("readings", i), reading, readings.ids, "readings")


def check_builds_on(check: Checker, sessions: Kind[Session], tools: Kind[Tool]) -> None:
    """What a session builds on names a session or a tool: of the course, or of its library when the course
    does not use it (``curriculum check`` then says that the course does not have it)."""
    layout = check.layout
    if any(folder in layout.unreadable for kind in ("sessions", "tools") for folder in layout.folders(kind)):
        return  # the folder's own problem says it all
    known = sessions.ids | tools.ids | everything(layout, "sessions") | everything(layout, "tools")
    for sid, session in sessions.models.items():
        for i, need in enumerate(session.builds_on):
            if need not in known:
                folders = ", ".join(_folders(layout, kind) for kind in ("sessions", "tools"))
                hint = did_you_mean(need, sorted(known))
                check.report(
                    sessions.docs[sid],
                    ("builds_on", i),
                    say("report.references.unknown_builds_on", target=need, hint=hint, folders=folders),
                )


def everything(layout: Layout, kind: str) -> set[str]:
    """The ids of every file of ``kind`` in the course's folders and its library's, used or not."""
    return {path.stem for folder in layout.folders(kind) for path in layout.folder_files(folder)}


def check_tools(check: Checker, tools: Kind[Tool], readings: Kind[Reading]) -> None:
    """A tool's readings name readings."""
    for tid, tool in tools.models.items():
        for i, reading in enumerate(tool.readings):
            reference(check, tools.docs[tid], ("readings", i), reading, readings.ids, "readings")


def check_runs(check: Checker, runs: Kind[Run], sessions: Kind[Session]) -> None:
    """A run's sessions name sessions."""
    for rid, run in runs.models.items():
        for i, entry in enumerate(run.sessions):
            path = ("sessions", i, "module")
            reference(check, runs.docs[rid], path, entry.module, sessions.ids, "sessions")


def check_plan(check: Checker, doc: Document, plan: EvaluationPlan, sessions: Kind[Session]) -> None:
    """The plan's touchpoints name sessions."""
    for m, method in enumerate(plan.methods):
        for t, point in enumerate(method.touchpoints):
            for i, session in enumerate(point.sessions):
                path = ("methods", m, "touchpoints", t, "sessions", i)
                reference(check, doc, path, session, sessions.ids, "sessions")


def check_results(
    check: Checker, results: Kind[Results], runs: Kind[Run], plan: EvaluationPlan | None, plan_exists: bool
) -> None:
    """A run's results name their run and, once each, items of the plan's questionnaire."""
    plan_file = check.layout.display(check.layout.evaluation_plan)
    for rid, result in results.models.items():
        doc = results.docs[rid]
        reference(check, doc, ("run",), result.run, runs.ids, "runs")
        if plan is not None:
            _check_items(check, doc, result, plan, plan_file)
        elif not plan_exists:
            check.report(doc, ("items",), say("report.references.no_plan", plan_file=plan_file))
        # (a plan with problems: those come first)


def _check_items(check: Checker, doc: Document, results: Results, plan: EvaluationPlan, plan_file: str) -> None:
    known = [item.id for group in plan.questionnaire for item in group.items]
    seen: dict[str, int] = {}
    for i, result in enumerate(results.items):
        path = ("items", i, "item")
        if result.item not in known:
            hint = did_you_mean(result.item, known)
            check.report(
                doc, path, say("report.references.unknown_item", item=result.item, hint=hint, plan_file=plan_file)
            )
        elif result.item in seen:
            check.report(doc, path, say("report.references.item_twice", item=result.item, first=seen[result.item]))
        seen.setdefault(result.item, i)
