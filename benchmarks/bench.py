"""`make bench`: how fast the engine and the builds are, printed as one table.

1. the engine on the KDL site: load, validate and render every page and file;
2. `mkdocs build` of the site with the hook against a plain `mkdocs build` of the same
   generated Markdown without the hook: the overhead ratio (target <= 1.10), once with the build
   cache holding the unchanged course (a rebuild) and once with the cache emptied before every build
   (a fresh machine, or a changed course);
3. synthetic curricula of 100 and 1,000 sessions: engine time and growth ratio
   (target: linear, and under 2 s for 1,000 sessions);
4. the preview loop: from saving a module file to `mkdocs serve` serving the changed page
   (target <= 1.5 s, and <= 1.2x the plain build).

Each figure is the median of several runs, measured with time.perf_counter on this machine.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from curriculum import buildcache  # noqa: E402
from curriculum.engine import generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by the child processes this process waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(action) -> tuple[float, float]:
    """Wall seconds and the child processes' CPU seconds of one run of ``action``: on a machine shared with
    other work, the CPU time of a build changes much less than its wall time."""
    start, cpu = time.perf_counter(), child_cpu()
    action()
    return time.perf_counter() - start, child_cpu() - cpu


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def engine_kdl() -> float:
    return median_seconds(lambda: generate(ROOT / "modules", "2024-pilot"), 7)


def build_overhead(work: Path, pairs: int = 9) -> dict[str, float]:
    """Median wall time of `mkdocs build` with the hook (the build cache warm, and emptied before the build),
    of the same pages without it, and the medians of the ratios, run in turn (A B C A B C ...) so that drift
    in the machine's speed cancels out."""
    plain = work / "plain"
    docs = plain / "docs"
    subprocess.run(
        [
            str(BIN / "curriculum"),
            "generate",
            "--out",
            str(docs),
            "--run",
            "2024-pilot",
            "--nav",
            str(plain / "nav.yml"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=ENV,
    )
    shutil.copytree(ROOT / "content", docs, dirs_exist_ok=True)
    config = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))  # MkDocs' own loader: it knows !ENV
    for key in ("hooks", "watch"):
        config.pop(key, None)
    if config["theme"].get("custom_dir"):
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["docs_dir"] = "docs"
    config["nav"] = yaml.safe_load((plain / "nav.yml").read_text("utf-8"))["nav"] + ["tilgaengelighed.md"]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    # yaml.dump, not safe_dump: toc's slugify is a function (!!python/name:curriculum.slugs.slugify)
    (plain / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")

    def build(project: Path, out: Path):
        return lambda: subprocess.run(
            [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)],
            cwd=project,
            check=True,
            capture_output=True,
            env=ENV,
        )

    hook_build, plain_build = build(ROOT, work / "site-hook"), build(plain, work / "site-plain")

    def cold_build():
        shutil.rmtree(buildcache._folder(), ignore_errors=True)
        hook_build()

    hook_build(), plain_build()  # warm-up: file caches, compiled templates, the build cache
    hooks, plains, colds = [], [], []
    for _ in range(pairs):
        hooks.append(timed(hook_build))
        plains.append(timed(plain_build))
        shutil.rmtree(buildcache._folder(), ignore_errors=True)
        colds.append(timed(hook_build))

    def ratio(these, those, kind: int) -> float:
        return statistics.median(a[kind] / b[kind] for a, b in zip(these, those))

    return {
        "hook": statistics.median(h[0] for h in hooks),
        "plain": statistics.median(p[0] for p in plains),
        "cold": statistics.median(c[0] for c in colds),
        "plain_cpu": statistics.median(p[1] for p in plains),
        "ratio": ratio(hooks, plains, 0),
        "cold_ratio": ratio(colds, plains, 0),
        "cpu_ratio": ratio(hooks, plains, 1),
        "cold_cpu_ratio": ratio(colds, plains, 1),
    }


def synthetic(root: Path, sessions: int) -> Path:
    """A curriculum of ``sessions`` sessions, one tool per five sessions and two readings per session."""
    modules = root / f"synthetic-{sessions}"
    for kind in ("sessions", "tools", "readings", "runs"):
        (modules / kind).mkdir(parents=True)
    (modules / "course.yml").write_text(
        yaml.safe_dump(
            {
                "title": "Syntetisk kursus",
                "short_name": "SK",
                "intro": "Et stort kursus.",
                "organisers": [{"name": "Organisation"}],
                "target_group": "Ledere.",
                "purpose": "Måling.",
                "bearing_elements": [{"title": "Viden", "description": "Ny viden."}],
                "rhythm": "Skiftevis.",
                "between_sessions": [{"title": "Læse", "description": "Læs."}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    tools = max(1, sessions // 5)
    for t in range(tools):
        (modules / "tools" / f"tool-{t}.yml").write_text(
            yaml.safe_dump(
                {
                    "id": f"tool-{t}",
                    "title": f"Værktøj {t}",
                    "summary": "Et værktøj.",
                    "origin": {"creator": "Nogen", "year": 2020},
                    "use_with_staff": ["Brug det.", "Drøft det."],
                    "questions": ["Hvad lærte I?"],
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
    run = []
    day = 0
    for s in range(sessions):
        for r in (2 * s, 2 * s + 1):
            (modules / "readings" / f"reading-{r}.yml").write_text(
                yaml.safe_dump(
                    {
                        "id": f"reading-{r}",
                        "title": f"Tekst {r}",
                        "creator": "Forfatter",
                        "year": 2000 + r % 25,
                        "kind": ["article", "book", "report", "podcast"][r % 4],
                        "minutes": 10 + r % 50,
                        "note": "En note om teksten.",
                    },
                    allow_unicode=True,
                ),
                encoding="utf-8",
            )
        (modules / "sessions" / f"session-{s}.yml").write_text(
            yaml.safe_dump(
                {
                    "id": f"session-{s}",
                    "title": f"Session {s}",
                    "format": ["workshop", "webinar"][s % 2],
                    "themes": [f"Tema {s}"],
                    "summary": "En session om et tema. " * 5,
                    "questions": ["Hvordan leder du?"],
                    "content": [
                        {"title": f"Indhold {c}", "description": "Noget indhold.", "tool": f"tool-{(s + c) % tools}"}
                        for c in range(3)
                    ],
                    "preparation": ["Forbered dig."],
                    "readings": [f"reading-{2 * s}", f"reading-{2 * s + 1}"],
                    "practice": {"title": "Prøv det", "description": "Afprøv.", "steps": ["Et.", "To."]},
                    "buddy_prompt": "Tal sammen.",
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        day += 1
        date = time.strftime("%Y-%m-%d", time.gmtime(1_704_067_200 + day * 86_400))  # from 2024-01-01
        run.append({"module": f"session-{s}", "date": date, "start": "13:00", "end": "15:00", "online": True})
    (modules / "runs" / "big.yml").write_text(
        yaml.safe_dump({"id": "big", "name": "Stort hold", "sessions": run}, allow_unicode=True), encoding="utf-8"
    )
    return modules


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preview_loop(work: Path, rounds: int = 5) -> float:
    """Median seconds from writing a session file to the served page showing the change."""
    project = work / "preview"
    project.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, project / name)
    for name in ("hooks", "overrides", "content", "modules"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/sessioner/borgerperspektiv/"
    session = project / "modules" / "sessions" / "borgerperspektiv.yml"
    original = session.read_text("utf-8")

    def wait_for(marker: str, limit: float = 60) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(page, timeout=5) as response:
                    if marker in response.read().decode("utf-8"):
                        return
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"{marker!r} never appeared")

    try:
        wait_for("Borgerperspektiv")
        times = []
        for i in range(rounds):
            marker = f"Målemærke {i}"
            start = time.perf_counter()
            session.write_text(original.replace("title: Borgerperspektiv", f"title: {marker}"), encoding="utf-8")
            wait_for(marker)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kdl = engine_kdl()
        rows.append(("Engine, KDL site (load, validate, render)", f"{kdl * 1000:.0f} ms", ""))

        b = build_overhead(work)
        rows.append(("mkdocs build with hook, course unchanged", f"{b['hook']:.2f} s", "from the build cache"))
        rows.append(("mkdocs build with hook, cache emptied", f"{b['cold']:.2f} s", "engine imported and run"))
        rows.append(("mkdocs build of the same pages, no hook", f"{b['plain']:.2f} s", ""))
        rows.append(
            (
                "Overhead ratio, unchanged (median of pairs)",
                f"{b['ratio']:.2f}",
                "target <= 1.10: " + ("met" if b["ratio"] <= 1.10 else "MISSED"),
            )
        )
        rows.append(
            (
                "Overhead ratio, cache emptied",
                f"{b['cold_ratio']:.2f}",
                "target <= 1.10: " + ("met" if b["cold_ratio"] <= 1.10 else "MISSED"),
            )
        )
        rows.append(("  the same in CPU time: unchanged", f"{b['cpu_ratio']:.2f}", "steadier on a busy machine"))
        rows.append(("  the same in CPU time: cache emptied", f"{b['cold_cpu_ratio']:.2f}", ""))

        small = synthetic(work, 100)
        large = synthetic(work, 1000)
        os.chdir(work)  # as an instructor runs it: from the project folder
        t100 = median_seconds(lambda: generate(small, "big"), 9)
        t1000 = median_seconds(lambda: generate(large, "big"), 5)
        os.chdir(ROOT)
        growth = t1000 / t100
        rows.append(("Engine, 100 sessions", f"{t100:.2f} s", ""))
        rows.append(("Engine, 1,000 sessions", f"{t1000:.2f} s", "target < 2 s: " + ("met" if t1000 < 2 else "MISSED")))
        rows.append(
            (
                "Growth 100 -> 1,000 sessions",
                f"{growth:.1f}x",
                "linear would be 10x: " + ("met" if growth <= 12 else "MISSED"),
            )
        )

        loop = preview_loop(work)
        rows.append(
            (
                "Preview loop: save -> served page",
                f"{loop:.2f} s",
                "target <= 1.5 s: " + ("met" if loop <= 1.5 else "MISSED"),
            )
        )
        preview_ratio = loop / b["plain"]
        rows.append(
            (
                "Preview loop / plain build",
                f"{preview_ratio:.2f}",
                "target <= 1.2: " + ("met" if preview_ratio <= 1.2 else "MISSED"),
            )
        )

    width = max(len(r[0]) for r in rows)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(f"{'Measure'.ljust(width)}  {'Median':>9}  Note")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 24}")
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>9}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
