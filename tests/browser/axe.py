"""axe-core in a page: the WCAG 2.0/2.1 A and AA rules and 2.2's AA rule (target size), and what they found.

The script is the axe.min.js that the PyPI package axe-playwright-python ships (installed by the `test`
extra of pyproject.toml); nothing is fetched at run time.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def source() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


_RUN = """async ([tags, include]) => {
  const context = include ? {include: [include]} : document;
  const results = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {
    engine: results.testEngine.name + ' ' + results.testEngine.version,
    rules: results.passes.length + results.violations.length + results.incomplete.length
           + results.inapplicable.length,
    violations: results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({
        target: n.target.join(' '),
        summary: (n.failureSummary || '').split('\\n').slice(1).map(s => s.trim()).join('; '),
      })),
    })),
  };
}"""


def audit(page, include: str | None = None) -> dict:
    """Run axe on the page as it is now (or on the elements ``include`` selects):
    {'engine', 'rules' (how many were applied), 'violations'}."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(source())
    return page.evaluate(_RUN, [TAGS, include])


def describe(violations: list[dict]) -> list[str]:
    """One line per offending element, for an assertion message."""
    return [
        f"{v['id']} ({v['impact']}): {node['target']}: {node['summary']}" for v in violations for node in v["nodes"]
    ]
