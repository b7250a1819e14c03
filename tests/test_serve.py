"""`mkdocs serve` (what `make serve` runs): a saved module file shows in the preview, and so does a mistake."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import BIN, copy_project, published

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
    wait_for(page, html.escape(question, quote=False))

    file = project / "modules" / "sessions" / f"{session.id}.yml"
    original = file.read_text("utf-8")
    assert question in original and f"format: {session.format}\n" in original
    file.write_text(original.replace(question, changed), encoding="utf-8")
    wait_for(page, changed)

    file.write_text(original.replace(f"format: {session.format}\n", f"format: {session.format}x\n"), encoding="utf-8")
    front = wait_for(url + "/", html.escape(course.messages("problems.title"), quote=False))
    assert f"modules/sessions/{session.id}.yml" in front
    assert f"did you mean '{session.format}'?" in html.unescape(front)

    file.write_text(original, encoding="utf-8")
    wait_for(page, html.escape(question, quote=False))
    log.seek(0)
    output = log.read()
    assert "Traceback" not in output
    assert f"modules/sessions/{session.id}.yml" in output
