"""The evaluation in a run: when each method meets the run's sessions, and each run's results per item.

The plan (``modules/evaluation/plan.yml``) is undated and names session modules; a run puts its
touchpoints on the calendar, as it does with the sessions. Results (``modules/evaluation/results/``)
are one file per run and refer to the questionnaire's items; an item a results file gives no
figure for is shown without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import EvaluationMethod, ItemGroup, ItemResult, QuestionnaireItem, Results, Touchpoint
from .programme import Programme, Scheduled

MOMENTS = ("before", "during", "after")


@dataclass(frozen=True)
class Touch:
    """One touchpoint of a method in a run: the sessions it happens at (all of them for every_session)."""

    method: EvaluationMethod
    point: Touchpoint
    sessions: tuple[Scheduled, ...]
    every_session: bool

    @property
    def first(self) -> Scheduled:
        return self.sessions[0]


def touches(programme: Programme) -> list[Touch]:
    """Every touchpoint of the plan that falls in this run, in the run's order.

    A touchpoint at sessions the run does not have is left out; one at every session comes first.
    """
    plan = programme.curriculum.evaluation
    if plan is None:
        return []
    found = []
    for method in plan.methods:
        for point in method.touchpoints:
            if point.every_session:
                sessions = programme.sessions
            else:
                sessions = tuple(s for s in programme.sessions if s.session.id in point.sessions)
            if sessions:
                found.append(Touch(method, point, tuple(sessions), point.every_session))
    return sorted(found, key=lambda t: (not t.every_session, t.first.position, MOMENTS.index(t.point.moment.value)))


def touches_at(programme: Programme, item: Scheduled) -> list[Touch]:
    """The touchpoints of one session of the run, before, during and after it."""
    return sorted(
        (t for t in touches(programme) if item in t.sessions), key=lambda t: MOMENTS.index(t.point.moment.value)
    )


@dataclass(frozen=True)
class Row:
    """One questionnaire item in a results chart; ``result`` is None when the results give no figure."""

    item: QuestionnaireItem
    result: ItemResult | None

    @property
    def label(self) -> str:
        return self.item.label or self.item.id.upper()

    @property
    def percent(self) -> float | None:
        return self.result.percent if self.result else None


def result_groups(programme: Programme, results: Results) -> list[tuple[ItemGroup, list[Row]]]:
    """Every group of the questionnaire with every item, and the result each has in ``results``."""
    plan = programme.curriculum.evaluation
    if plan is None:
        return []
    by_item = {r.item: r for r in results.items}
    return [(group, [Row(item, by_item.get(item.id)) for item in group.items]) for group in plan.questionnaire]


def results_in_order(programme: Programme) -> list[Results]:
    """The results files, the most recent run first (runs by their first session's date)."""
    runs = programme.curriculum.runs

    def started(results: Results):
        run = runs[results.run]
        return min(s.date for s in run.sessions)

    return sorted(programme.curriculum.results.values(), key=lambda r: (started(r), r.id), reverse=True)
