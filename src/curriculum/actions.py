"""Problems and warnings as GitHub Actions annotations (``curriculum validate|check --format github``).

A pull request's checks then show each problem on the file and line it names, in the pull request's
"Files changed": ``::error file=modules/sessions/x.yml,line=14,col=5,title=tools[1]::unknown tool ...``.
``check``'s warnings become ``::warning``. The values are escaped as the runner reads them (workflow
commands): ``%``, carriage returns and newlines everywhere, and ``:`` and ``,`` in the properties, so a
file name or a message from a course file cannot end the command or start another one.
"""

from __future__ import annotations

from .problems import Problem
from .say import in_every_language


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One problem as a workflow command: ``::warning`` for one of ``check``'s warnings, else ``::error``."""
    # how `check` marks its warnings, in any language ("warning: ", "advarsel: ")
    prefix = next((p for p in in_every_language("report.lint.prefix") if problem.message.startswith(p)), "")
    warning = bool(prefix)
    message = problem.message.removeprefix(prefix) if warning else problem.message
    properties = [f"file={_property(problem.file)}", f"line={problem.line}", f"col={problem.column}"]
    if problem.path:
        properties.append(f"title={_property(problem.path)}")
    return f"::{'warning' if warning else 'error'} {','.join(properties)}::{_data(message)}"
