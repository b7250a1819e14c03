"""`make test` in two processes: each site's browser tests stay in one process (pytest-xdist's --dist loadgroup,
tests/browser/conftest.py), so that each site is toured once, not once in each process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A plugin for the pytest run below: it records which process would run each test, and runs none of them (the
# browser tests' fixtures would build and tour the sites).
RECORDER = """
import os, pytest

@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    with open(os.environ["RECORD"], "a", encoding="utf-8") as record:
        record.write(os.environ.get("PYTEST_XDIST_WORKER", "-") + " " + item.nodeid + "\\n")
    return True
"""


def test_each_sites_browser_tests_run_in_one_process(tmp_path):
    (tmp_path / "recorder.py").write_text(RECORDER, encoding="utf-8")
    record = tmp_path / "record.txt"
    files = ["tests/browser/test_links.py", "tests/browser/test_search.py", "tests/browser/test_privacy.py"]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-p",
            "recorder",
            "-p",
            "no:cacheprovider",
            "-q",
            *files,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "RECORD": str(record)},
    )
    assert run.returncode in (0, 5), run.stdout + run.stderr
    workers = defaultdict(set)
    for line in record.read_text("utf-8").splitlines():
        worker, nodeid = line.split(" ", 1)
        if "[" in nodeid:  # a test of each site (the others, e.g. of a faulty page, have no group)
            assert "@" in nodeid, f"not grouped by its site: {nodeid}"
            workers[nodeid.rsplit("@", 1)[1]].add(worker)
    assert len(workers) == 4 and all(len(ran) == 1 for ran in workers.values()), dict(workers)
