"""`mkdocs serve` (what `make serve` runs): a saved module file shows in the preview, and so does a mistake, at
every address the preview showed."""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import BIN, ROOT, copy_project, published

pytestmark = pytest.mark.published  # reads the published course (tests/course_use.py)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, expected: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if expected in last:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{expected!r} did not appear at {url} within {timeout} s")


def reload_script_allowed(served: str) -> bool:
    """The reload script the preview's server put at the end of a page is allowed by the page's policy (by its
    hash), so the browser runs it: the page reloads by itself when the files change."""
    script = served[served.rindex("<script>") + len("<script>") : served.rindex("</script>")]
    assert "/livereload/" in script
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', served)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert policy is not None
    directives = {words[0]: words[1:] for words in (d.split() for d in policy.group(1).split(";")) if words}
    return f"'sha256-{digest}'" in directives["script-src"]


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CURRICULUM_RUN", None)
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield project, f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_saving_a_module_rebuilds_the_page_and_mistakes_show_without_traceback(preview):
    project, url, log = preview
    course = published()
    session = next(
        course.curriculum.sessions[s.module]
        for s in course.run.sessions
        if course.curriculum.sessions[s.module].questions
    )
    question, changed = session.questions[0], "Hvad vil du ændre først?"
    page = f"{url}/{course.address('sessions')}/{session.id}/"
    assert reload_script_allowed(wait_for(page, html.escape(question, quote=False)))

    file = project / "modules" / "sessions" / f"{session.id}.yml"
    original = file.read_text("utf-8")
    assert question in original and f"format: {session.format}\n" in original
    file.write_text(original.replace(question, changed), encoding="utf-8")
    wait_for(page, changed)

    file.write_text(original.replace(f"format: {session.format}\n", f"format: {session.format}x\n"), encoding="utf-8")
    # Every address the reader may have open shows the problems, not a 404 page: the session page too.
    title = html.escape(course.messages("problems.title"), quote=False)
    shown = wait_for(page, title)
    assert wait_for(url + "/", title)
    assert f"modules/<wbr>sessions/<wbr>{session.id}.yml" in shown
    assert course.said("report.did_you_mean", choice=session.format) in html.unescape(shown)
    assert reload_script_allowed(shown)  # so it comes back by itself once the file is fixed
    with pytest.raises(urllib.error.HTTPError) as missing:  # an address the last good build did not have
        fetch(url + "/ingen-side-her/")
    assert title in missing.value.read().decode("utf-8")

    file.write_text(original, encoding="utf-8")
    wait_for(page, html.escape(question, quote=False))
    log.seek(0)
    output = log.read()
    assert "Traceback" not in output
    assert f"modules/sessions/{session.id}.yml" in output


def test_the_instructor_preview_runs_beside_the_participant_preview_quietly(tmp_path):
    """`make serve-instructor` serves the instructor edition on a port of its own, without Material's banner;
    on a port in use it says so instead of building the site and stopping with a traceback."""
    unset = ("CURRICULUM_RUN", "NO_MKDOCS_2_WARNING", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    venv = BIN.parent  # the running tests' own, taken as installed (-o); a preview writes nothing into the project
    make = ["make", "--no-print-directory", "serve-instructor", f"VENV={venv}", "-o", f"{venv}/.installed-site"]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        refused = subprocess.run(
            [*make, f"INSTRUCTOR_PORT={port}"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
    assert refused.returncode != 0
    assert f"Port {port} is in use" in refused.stdout and "Traceback" not in refused.stdout + refused.stderr

    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [*make, f"INSTRUCTOR_PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make does not pass a signal on to mkdocs: the test stops them both
    )
    try:
        site_name = published().messages("editions.site_name", title=published().curriculum.course.title)
        wait_for(f"http://127.0.0.1:{port}/", html.escape(site_name, quote=False))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    log.seek(0)
    output = log.read()
    log.close()
    assert "end of life" not in output and "Traceback" not in output


def test_a_preview_started_with_problems_shows_them_at_the_addresses_of_the_last_kept_build(tmp_path, monkeypatch):
    """A new `make serve` on files with problems has no good build of its own: the problems are at the
    addresses of the last build kept with the same settings (a `make site` or an earlier preview)."""
    from conftest import MINIMAL, write_modules
    from curriculum import frontend
    from curriculum.problems import CurriculumError

    monkeypatch.chdir(tmp_path)
    modules = write_modules(tmp_path, {})
    settings = frontend.settings(None, {}, modules=modules)
    good = frontend.build(settings)
    session = next(path for path in good.pages if "webinar-1" in path)

    monkeypatch.setattr(frontend, "_last_good", [])  # a new process: no good build yet
    broken = MINIMAL["sessions/webinar-1.yml"].replace("format: webinar", "format: webinarx")
    write_modules(tmp_path, {"sessions/webinar-1.yml": broken})
    with pytest.raises(CurriculumError) as error:
        frontend.build(settings)
    shown = frontend.problem_site(error.value, "da")
    assert set(shown.pages) == set(good.pages) and session in shown.pages
    assert "webinarx" in shown.pages[session]
