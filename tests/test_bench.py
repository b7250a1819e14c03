"""The synthetic portfolio of `make bench` (benchmarks/bench.py): the library and each of its courses are
valid, and each course built from the library makes the same pages as the same course alone in today's
layout, so the bench compares two builds of the same sites."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from curriculum import frontpage
from curriculum.engine import generate

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def test_the_bench_portfolio_and_its_courses_alone_make_the_same_sites(tmp_path):
    portfolio = bench.write_portfolio(tmp_path)
    assert len(portfolio.courses) == 10 and sorted(set(portfolio.courses.values())) == ["da", "en"]
    for course in ("course-0", "course-1"):  # a Danish course with one session of its own, an English with two
        language, run = portfolio.courses[course], portfolio.runs[course]
        library = generate(portfolio.root / "modules", run, course=course)
        alone = generate(portfolio.single / course / "modules", run)
        assert set(library.pages) == set(alone.pages)
        sessions = [page for page in library.pages if "/shared-" in page or "/own-" in page]
        assert len(sessions) == 10 and sum("/own-" in page for page in sessions) == 1 + int(course[-1])
        radar = library.pages[bench.radar_address(language).rstrip("/") + ".md"]
        assert bench.TOOL_DESCRIPTION in radar  # what the preview's measure changes and waits for
    front = frontpage.build(portfolio.root / "modules")  # the library's front page
    assert all(f"course-{c}/" in front.pages["index.md"] for c in range(10))
    own = portfolio.own_session.read_text("utf-8")
    assert re.findall(r"^title: ", own, re.MULTILINE) == ["title: "]  # the line the bench changes
    assert portfolio.own_session.parent.parent.name == "course-0"
