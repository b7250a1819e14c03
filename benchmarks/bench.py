"""`make bench`: how fast the engine, the builds and the preview are, printed as one table with targets.

1. the engine on the KDL site: load, validate and render every page and file, in-process (what an earlier
   build in the same process remembered is forgotten first: one build, as `mkdocs build` runs it), and
   rebuilt in the same process as the preview does;
2. `mkdocs build` with the plugin against a plain `mkdocs build` of the same generated Markdown, theme
   values and assets without it (the project `curriculum zensical` writes), run in turn (A B C D A B C D
   ..., median of the ratios): the course unchanged since the last build (the build cache), the course
   changed before every build (a session's title: every page changes, the worst case) and, for readers,
   a typical edit (a reflection question). The plugin keeps the theme's compiled templates between builds
   (MkDocs compiles them in every build), which a plain build does not: so the changed course is also
   compared with a plain build given the same saving (a hook of the bench's own), the engine's own cost;
3. synthetic courses of 100 and 1,000 sessions: engine time and growth;
4. the preview loop: from saving a session file to `mkdocs serve` serving the changed page;
5. the weight of a first visit: the bytes (as sent, gzip) of a session page's HTML and of every style sheet
   and script it names, the heaviest session page's file by file, with the search index the search fetches.
   `python benchmarks/bench.py weight SITE` prints this part alone for a site built before (``make site``).
6. a synthetic portfolio (issue 23): one library of shared sessions, tools and readings and 10 courses of 10
   sessions over it, half Danish, half English. Its full build (the front page and each course's participant
   site, one ``mkdocs build`` each) against the same 10 courses built as repositories of their own in
   today's layout, both with the build cache empty, in turn; the library built again after a change to one
   course's own session; and the preview of one course from saving a shared tool to the served page.
   `python benchmarks/bench.py portfolio` runs this part alone.

Honest figures: the load average (os.getloadavg) is printed before and after. Every measure has a wall time
and a CPU time (the builds' and the server's own processor time, which other work on the machine disturbs
much less). On an idle machine (1-minute load at most 1 per two cores, at the start and at the end) the
wall times decide whether a target is met; on a busy one the CPU times do, and the table says so: a wall
time measured while others filled the cores is never called a target met.

The builds use a copy of the project and a build cache of their own (TMPDIR), so nothing else on the
machine is disturbed and no other build's cache is used. The package's modules are compiled first
(``compileall``), as ``pip install`` compiles an installed package: with PYTHONDONTWRITEBYTECODE set (as in
some sandboxes) every build would otherwise compile the engine's modules again, ~50 ms that an instructor's
installed copy never pays.
"""

from __future__ import annotations

import compileall
import gzip
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from curriculum import newcourse  # noqa: E402
from curriculum.engine import forget, generate  # noqa: E402

RUN = "2024-pilot"  # the run mkdocs.yml builds
PROJECT = ("mkdocs.yml", "hooks", "overrides", "content", "modules")
CORES = os.cpu_count() or 1
BUSY = max(1.0, CORES / 2)  # a 1-minute load average above this: others share the cores


@dataclass
class Row:
    """One line of the table: a measure's wall and CPU figures, and its target when it has one."""

    name: str
    wall: float
    cpu: float | None
    unit: str = "s"  # "s", "ms", "x" (a ratio)
    target: float | None = None
    note: str = ""

    def figure(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "ms":
            return f"{value * 1000:.0f} ms"
        return f"{value:.2f}" + (" s" if self.unit == "s" else "")

    def verdict(self, busy: bool) -> str:
        if self.target is None:
            return self.note
        limit = f"target <= {self.figure(self.target)}: "
        if busy:
            if self.cpu is None:
                return limit + "not judged (machine busy)"
            return limit + ("met" if self.cpu <= self.target else "MISSED") + " in CPU time (machine busy)"
        return limit + ("met" if self.wall <= self.target else "MISSED")


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by the child processes this process waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by a running process (Linux); None where /proc cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and the child processes' CPU seconds of one run of ``action``."""
    start, cpu = time.perf_counter(), child_cpu()
    action()
    return time.perf_counter() - start, child_cpu() - cpu


def in_process(action: Callable[[], object], runs: int, fresh: bool = True) -> tuple[float, float]:
    """Median wall and CPU seconds of ``action`` in this process; ``fresh``: forget earlier builds first."""
    walls, cpus = [], []
    for _ in range(runs):
        if fresh:
            forget()
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def engine_kdl() -> list[Row]:
    generate(ROOT / "modules", RUN)  # warm-up: imports, compiled templates, Babel's locale data
    wall, cpu = in_process(lambda: generate(ROOT / "modules", RUN), 9)
    again, again_cpu = in_process(lambda: generate(ROOT / "modules", RUN), 9, fresh=False)
    return [
        Row("Engine, KDL site (load, validate, render)", wall, cpu, "ms", 0.120),
        Row("  rebuilt in the same process (the preview)", again, again_cpu, "ms", note="prose readings kept"),
    ]


def copy_project(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def plain_project(work: Path, env: dict[str, str]) -> Path:
    """The same site as the plugin builds, as a plain MkDocs project without the plugin: the generated pages,
    the hand-written ones, the navigation, the theme's values, the package's style sheets, scripts and
    overrides (the project ``curriculum zensical`` writes for its builder, made in its own process with the
    bench's build cache). Returns the folder of its mkdocs.yml."""
    source = copy_project(work / "plain-source")
    make = (
        "import os, sys; from pathlib import Path; from curriculum import zensical; "
        "print(zensical.project(Path('mkdocs.yml'), os.environ, run=sys.argv[1])[0].resolve())"
    )
    written = subprocess.run(
        [sys.executable, "-c", make, RUN], cwd=source, check=True, capture_output=True, text=True, env=env
    )
    config_file = Path(written.stdout.strip())
    config = yaml.load(config_file.read_text("utf-8"), Loader=yaml.Loader)  # toc's slugify is a !!python/name
    config["theme"].pop("variant", None)  # Zensical's; MkDocs' Material has one look
    config_file.write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    # the same plain build keeping its theme's compiled templates between builds, as the plugin does
    # (``on_env``): what the engine's own work costs over MkDocs, with that saving on both sides
    hook = config_file.parent / "keep_compiled.py"
    hook.write_text(
        "from jinja2 import FileSystemBytecodeCache\n\n\n"
        "def on_env(env, config, files):\n"
        f"    env.bytecode_cache = FileSystemBytecodeCache({str(work / 'plain-compiled')!r})\n"
        "    return env\n",
        encoding="utf-8",
    )
    (work / "plain-compiled").mkdir()
    kept = {**config, "hooks": [*config.get("hooks", []), hook.name]}
    (config_file.parent / KEPT_CONFIG).write_text(yaml.dump(kept, allow_unicode=True), encoding="utf-8")
    return config_file.parent


KEPT_CONFIG = "mkdocs.compiled-kept.yml"


def build_overhead(work: Path, env: dict[str, str], pairs: int = 9) -> tuple[list[Row], float, float]:
    """The builds with the hook (course unchanged; course changed: a session's title, the worst case; a
    reflection question, a typical edit) against the plain build, in turn (A B C D A B C D ...) so that
    drift in the machine's speed cancels out. Also returns the plain build's
    median wall and CPU seconds, which the preview is compared with."""
    project = copy_project(work / "project")
    plain = plain_project(work, env)
    edited = sorted((project / "modules" / "sessions").glob("*.yml"))[0]
    original = edited.read_text("utf-8")

    def build(folder: Path, out: Path, *config: str) -> Callable[[], object]:
        command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out), *config]
        return lambda: subprocess.run(command, cwd=folder, check=True, capture_output=True, env=env)

    hook_build, plain_build = build(project, work / "site-hook"), build(plain, work / "site-plain")
    kept_build = build(plain, work / "site-plain-kept", "--config-file", KEPT_CONFIG)

    titled = re.compile(r"^title: (.*)$", re.MULTILINE)
    assert titled.search(original), f"{edited.name} has no title: line to edit"
    edits = iter(range(1_000_000))

    def changed_build() -> None:
        # a new title each time: the session's page, the navigation of every page and the handbook change,
        # so no page's policy is remembered from a build before (the worst of an instructor's edits)
        edited.write_text(titled.sub(rf"title: \1 ({next(edits)})", original, count=1), encoding="utf-8")
        hook_build()

    asked = re.compile(r"^(questions:\n\s*- )(.*)$", re.MULTILINE)
    assert asked.search(original), f"{edited.name} has no reflection question to edit"

    def question_build() -> None:
        # a typical edit: the session's first reflection question reworded (its page, the handbook and its
        # calendar files change; the navigation does not)
        edited.write_text(asked.sub(rf"\1\2 ({next(edits)})", original, count=1), encoding="utf-8")
        hook_build()

    hook_build(), plain_build(), kept_build()  # warm-up: file caches, compiled templates, the build cache
    hooks, plains, changed, questions, kepts = [], [], [], [], []
    for _ in range(pairs):
        hooks.append(timed(hook_build))
        plains.append(timed(plain_build))
        changed.append(timed(changed_build))
        questions.append(timed(question_build))
        kepts.append(timed(kept_build))

    def median(runs: list[tuple[float, float]], kind: int) -> float:
        return statistics.median(r[kind] for r in runs)

    def ratio(these: list[tuple[float, float]], kind: int, to: list[tuple[float, float]] = plains) -> float:
        return statistics.median(a[kind] / b[kind] for a, b in zip(these, to))

    rows = [
        Row("mkdocs build with hook, course unchanged", median(hooks, 0), median(hooks, 1), note="build cache"),
        Row("mkdocs build with hook, course changed", median(changed, 0), median(changed, 1), note="engine runs"),
        Row("mkdocs build of the same pages, no hook", median(plains, 0), median(plains, 1)),
        Row("Build / plain build, course unchanged", ratio(hooks, 0), ratio(hooks, 1), "x", 1.05),
        Row("Build / plain build, course changed", ratio(changed, 0), ratio(changed, 1), "x", 1.25),
        Row(
            "  a typical edit instead (a reflection question)",
            ratio(questions, 0),
            ratio(questions, 1),
            "x",
            note="no target: for readers",
        ),
        Row("mkdocs build, no hook, compiled theme kept", median(kepts, 0), median(kepts, 1)),
        Row(
            "  course changed / that (the engine's own cost)",
            ratio(changed, 0, kepts),
            ratio(changed, 1, kepts),
            "x",
            note="no target: the road to 1.10",
        ),
    ]
    return rows, median(plains, 0), median(plains, 1)


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


def preview_loop(work: Path, env: dict[str, str], rounds: int = 5) -> tuple[float, float | None]:
    """Median seconds from writing a session file to the served page showing the change, in wall time and
    in the server's CPU time."""
    project = copy_project(work / "preview")
    session = project / "modules" / "sessions" / "borgerperspektiv.yml"

    def retitled(text: str, marker: str) -> str:
        return text.replace("title: Borgerperspektiv", f"title: {marker}")

    return serve_loop(project, env, "sessioner/borgerperspektiv/", session, retitled, "Borgerperspektiv", rounds)


def serve_loop(
    project: Path,
    env: dict[str, str],
    address: str,
    edited: Path,
    edit: Callable[[str, str], str],
    first: str,
    rounds: int,
) -> tuple[float, float | None]:
    """Median seconds, in wall time and in the server's CPU time, from writing ``edited`` (its text changed
    by ``edit(text, marker)``) to `mkdocs serve` of ``project`` serving the page at ``address`` with the
    marker; ``first``: what the page says before any change."""
    port = free_port()
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/{address}"
    original = edited.read_text("utf-8")

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
        raise RuntimeError(f"{marker!r} never appeared on {page}")

    try:
        wait_for(first)
        walls, cpus = [], []
        for i in range(rounds):
            marker = f"Målemærke {i}"
            changed = edit(original, marker)
            assert changed != original, f"nothing to change in {edited}"
            start, cpu = time.perf_counter(), process_cpu(server.pid)
            edited.write_text(changed, encoding="utf-8")
            wait_for(marker)
            walls.append(time.perf_counter() - start)
            after = process_cpu(server.pid)
            if cpu is not None and after is not None:
                cpus.append(after - cpu)
            time.sleep(0.5)
        return statistics.median(walls), statistics.median(cpus) if cpus else None
    finally:
        server.terminate()
        server.wait(timeout=10)
        edited.write_text(original, encoding="utf-8")


# ------------------------------------------------------------------------------------------- a portfolio
# A synthetic library of courses (issue 23): shared sessions, tools and readings in modules/library/, ten
# courses of ten sessions each in modules/courses/<id>/ (most sessions shared, one or two of each course's
# own, one run), half of them in Danish and half in English; and the same ten courses each as a repository
# of its own in today's layout (modules/course.yml), with copies of the library's files it uses.

PORTFOLIO_COURSES = 10
PORTFOLIO_SESSIONS = 10  # per course
LIBRARY_SESSIONS = 12
LIBRARY_READINGS = 24
TOOL_DESCRIPTION = "What the tool is for and how it came about."  # the preview changes the radar's
WORDS = {  # a course's words in its language: its course file and its own sessions' texts
    "da": {
        "course": "Kursus",
        "leaders": "Ledere.",
        "intro": "Et kursus i biblioteket.",
        "own": "Egen session",
        "knowledge": "Viden",
        "read": "Læse",
    },
    "en": {
        "course": "Course",
        "leaders": "Leaders.",
        "intro": "A course of the library.",
        "own": "Own session",
        "knowledge": "Knowledge",
        "read": "Read",
    },
}


@dataclass
class Portfolio:
    """The synthetic library in ``root`` (modules/, one folder per course's site settings in sites/<id>/,
    the front page's mkdocs.yml) and its courses in today's layout, one repository each in ``single``."""

    root: Path
    single: Path
    courses: dict[str, str]  # id -> language
    runs: dict[str, str]  # id -> the course's run
    shared_tool: Path  # the library's radar, which every course uses
    own_session: Path  # a session of the first course's own


def write_yaml(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def part(i: int, what: str) -> dict:
    """A part of a picture: a ring, a sector, an area, a step."""
    return {"id": f"{what}-{i}", "name": f"{what.title()} {i}", "description": "A part."}


def library_tools() -> dict[str, dict]:
    """The library's tools: a radar, a wheel with its self-assessment, steps, quadrants and two without a
    picture; each with a reading of the library."""
    pictures: dict[str, dict | None] = {
        "radar": {
            "kind": "radar",
            "title": "Technology radar",
            "rings": [part(i, "ring") for i in range(3)],
            "sectors": [part(i, "sector") for i in range(4)],
            "blips": [
                {"name": f"Blip {b}", "sector": f"sector-{b % 4}", "ring": f"ring-{b % 3}", "description": "A use."}
                for b in range(10)
            ],
        },
        "wheel": {"kind": "wheel", "title": "Competence wheel", "areas": [part(i, "area") for i in range(4)]},
        "steps": {"kind": "steps", "title": "From tool to habit", "parts": [part(i, "step") for i in range(4)]},
        "quadrants": {"kind": "quadrants", "title": "Four needs", "parts": [part(i, "need") for i in range(4)]},
        "dialogue": None,
        "strategies": None,
    }
    tools = {}
    for t, (name, picture) in enumerate(pictures.items()):
        tools[name] = {
            "id": name,
            "title": f"Tool {name}",
            "summary": "A tool of the library.",
            "description": TOOL_DESCRIPTION,
            "origin": {"creator": "Someone", "year": 2020},
            "use_with_staff": ["Use it at a staff meeting.", "Talk it over."],
            "questions": ["What did you learn?"],
            "readings": [f"reading-{t}"],
            **({"visual": picture} if picture else {}),
        }
    return tools


def library_session(s: int, tools: list[str]) -> dict:
    """A session of the library: three content items, each with a tool, and two readings (no agenda, whose
    kinds would be one language's words)."""
    return {
        "id": f"shared-{s}",
        "title": f"Shared session {s}",
        "format": ["workshop", "webinar"][s % 2],
        "themes": [f"Theme {s}"],
        "summary": "A session on a theme. " * 5,
        "questions": ["How do you lead?"],
        "content": [
            {"title": f"Part {c}", "description": "Some content.", "tool": tools[(s + c) % len(tools)]}
            for c in range(3)
        ],
        "preparation": ["Prepare."],
        "readings": [f"reading-{(2 * s) % LIBRARY_READINGS}", f"reading-{(2 * s + 1) % LIBRARY_READINGS}"],
        "practice": {"title": "Try it", "description": "Try it out.", "steps": ["One.", "Two."]},
        "buddy_prompt": "Talk together.",
    }


def library_reading(r: int) -> dict:
    kind = ["article", "book", "report", "podcast"][r % 4]
    return {
        "id": f"reading-{r}",
        "title": f"Text {r}",
        "creator": "Author",
        "year": 2000 + r % 25,
        "kind": kind,
        "source": "Publisher",
        "minutes": 10 + r % 50,
    }


def course_file(c: int, language: str) -> dict:
    words = WORDS[language]
    return {
        "title": f"{words['course']} {c}",
        "language": language,
        "short_name": f"K{c}",
        "contact": "course@example.org",
        "intro": words["intro"],
        "organisers": [{"name": "Organisation"}],
        "target_group": words["leaders"],
        "purpose": words["intro"],
        "bearing_elements": [{"title": words["knowledge"], "description": words["intro"]}],
        "rhythm": words["intro"],
        "between_sessions": [{"title": words["read"], "description": words["intro"]}],
    }


def own_files(c: int, language: str, chosen: list[str], own: int) -> dict[str, dict]:
    """The files of course ``c``'s own (by their path in its folder): its course file, ``own`` sessions with a
    reading each, and its run: the first own session, the ``chosen`` library sessions, the second, a week apart."""
    files: dict[str, dict] = {"course.yml": course_file(c, language)}
    sessions = [f"own-{c}-{o}" for o in range(own)]
    for o, name in enumerate(sessions):
        words = {"title": f"{WORDS[language]['own']} {o}", "readings": [name]}
        files[f"sessions/{name}.yml"] = {**library_session(o, ["radar", "wheel"]), "id": name, **words}
        files[f"readings/{name}.yml"] = {**library_reading(0), "id": name, "note": "A note."}
    slots = []
    for week, module in enumerate(sessions[:1] + chosen + sessions[1:]):
        date = time.strftime("%Y-%m-%d", time.gmtime(1_704_067_200 + (c + 7 * week) * 86_400))  # from 2024-01-01
        slots.append({"module": module, "date": date, "start": "13:00", "end": "15:00", "online": True})
    files[f"runs/run-{c}.yml"] = {"id": f"run-{c}", "name": f"Run {c}", "sessions": slots}
    return files


def used_files(library: dict[str, dict[str, dict]], chosen: list[str], own: list[dict]) -> dict[str, dict[str, dict]]:
    """The library's files a course uses, by kind and id: the ``chosen`` sessions, the tools of these and of
    the ``own`` sessions, and the readings of the chosen sessions and of the tools."""
    sessions = {name: library["sessions"][name] for name in chosen}
    tools = {item["tool"]: library["tools"][item["tool"]] for s in [*sessions.values(), *own] for item in s["content"]}
    readings = [r for file in [*sessions.values(), *tools.values()] for r in file["readings"]]
    return {"sessions": sessions, "tools": tools, "readings": {r: library["readings"][r] for r in readings}}


def write_portfolio(root: Path) -> Portfolio:
    """The library and its courses in root/portfolio, the same courses one repository each in root/single."""
    modules, single = root / "portfolio" / "modules", root / "single"
    tools = library_tools()
    library = {
        "tools": tools,
        "readings": {f"reading-{r}": {**library_reading(r), "note": "A note."} for r in range(LIBRARY_READINGS)},
        "sessions": {f"shared-{s}": library_session(s, list(tools)) for s in range(LIBRARY_SESSIONS)},
    }
    for kind, files in library.items():
        for name, data in files.items():
            write_yaml(modules / "library" / kind / f"{name}.yml", data)
    write_yaml(modules / "portfolio.yml", {"title": "Kurser", "language": "da", "intro": "Ti kurser."})
    courses = {f"course-{c}": ["da", "en"][c % 2] for c in range(PORTFOLIO_COURSES)}
    for c, (course, language) in enumerate(courses.items()):
        own = 1 + c % 2  # one or two sessions of its own
        chosen = [f"shared-{(c + s) % LIBRARY_SESSIONS}" for s in range(PORTFOLIO_SESSIONS - own)]
        files = own_files(c, language, chosen, own)
        for name, data in files.items():
            write_yaml(modules / "courses" / course / name, data)
            write_yaml(single / course / "modules" / name, data)  # the same course alone, in today's layout
        own_sessions = [data for name, data in files.items() if name.startswith("sessions/")]
        for kind, used in used_files(library, chosen, own_sessions).items():
            for name, data in used.items():
                write_yaml(single / course / "modules" / kind / f"{name}.yml", data)  # copies of the library's
    return Portfolio(
        root / "portfolio",
        single,
        courses,
        {course: f"run-{c}" for c, course in enumerate(courses)},
        modules / "library" / "tools" / "radar.yml",
        modules / "courses" / "course-0" / "sessions" / "own-0-0.yml",
    )


def site_settings(work: Path, env: dict[str, str], portfolio: Portfolio) -> None:
    """The settings of every site: each course's in the library as `curriculum new course` writes them
    (sites/<id>/mkdocs.yml, naming the course and its run); the front page's (mkdocs.yml beside modules/,
    naming no course) and each course's alone (its repository's mkdocs.yml) from the mkdocs.yml `curriculum
    init` writes for a course of that language."""
    made = {}
    for language in ("da", "en"):
        project = work / f"init-{language}"
        command = [str(BIN / "curriculum"), "init", str(project), "--language", language]
        subprocess.run(command, check=True, capture_output=True, env=env)
        made[language] = (project / "mkdocs.yml").read_text("utf-8")

    def write(folder: Path, text: str) -> None:
        (folder / "content").mkdir(parents=True, exist_ok=True)
        (folder / "mkdocs.yml").write_text(text, encoding="utf-8")

    write(portfolio.root, re.sub(r"\n    run: \S+", "", made["da"]))
    for course, language in portfolio.courses.items():
        run = portfolio.runs[course]
        settings = newcourse.site_settings(language, course, course, run)
        write(portfolio.root / "sites" / course, settings["mkdocs.yml"].decode("utf-8"))
        (portfolio.root / "sites" / course / "mkdocs.instructor.yml").write_bytes(settings["mkdocs.instructor.yml"])
        write(portfolio.single / course, re.sub(r"\n    run: \S+", f"\n    run: {run}", made[language]))


def empty_build_cache(env: dict[str, str]) -> None:
    """Forget every site the build cache kept (in ``env``'s TMPDIR): the next builds run the engine, as on
    a fresh clone. The compiled templates stay (a machine that has built once keeps them)."""
    for folder in Path(env["TMPDIR"]).glob("curriculum-sites-*"):
        shutil.rmtree(folder)


Timing = tuple[float, float]  # wall and CPU seconds


def portfolio_builds(work: Path, env: dict[str, str], portfolio: Portfolio) -> list[Row]:
    """The whole library built (the front page and every course's participant site, one `mkdocs build` each
    in a process of its own, as `make site` runs them) against the same courses built as repositories of
    their own, each side with a build cache of its own that starts empty, course by course in turn (a course
    of the library, the same course alone, the next ...: drift in the machine's speed cancels out, and each
    site is built once). Then one course's own session is changed and the whole library built again, and
    one of the other courses once more (nothing changed since its last build: the build cache's plain hit)."""
    library_env, alone_env = {**env, "TMPDIR": str(work / "tmp-library")}, {**env, "TMPDIR": str(work / "tmp-alone")}

    def build(folder: Path, out: str, env: dict[str, str]) -> Callable[[], object]:
        command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(work / "sites" / out)]
        return lambda: subprocess.run(command, cwd=folder, check=True, capture_output=True, env=env)

    front = build(portfolio.root, "front", library_env)
    courses = [build(portfolio.root / "sites" / course, course, library_env) for course in portfolio.courses]
    separate = [build(portfolio.single / course, f"alone-{course}", alone_env) for course in portfolio.courses]
    for warm_up, its_env in ((courses[0], library_env), (separate[0], alone_env)):
        Path(its_env["TMPDIR"]).mkdir()
        warm_up()  # file caches, the templates compiled (kept beside the build cache)
        empty_build_cache(its_env)

    front_page = timed(front)
    whole: list[Timing] = [front_page]
    alone: list[Timing] = []
    for in_library, on_its_own in zip(courses, separate):
        whole.append(timed(in_library))
        alone.append(timed(on_its_own))

    # a new title for a session of the first course's own: its pages change, the other courses' do not
    original = portfolio.own_session.read_text("utf-8")
    retitled, count = re.subn(r"^title: ", "title: (1) ", original, count=1, flags=re.MULTILINE)
    assert count == 1, f"{portfolio.own_session} has no title: line to change"
    portfolio.own_session.write_text(retitled, "utf-8")
    again = [timed(made) for made in [front, *courses]]
    unchanged = timed(courses[1])  # built again with nothing changed: the build cache's plain hit, for comparison

    def total(runs: list[Timing]) -> Timing:
        return sum(r[0] for r in runs), sum(r[1] for r in runs)

    def ratio(these: Timing, those: Timing) -> Timing:
        return these[0] / those[0], these[1] / those[1]

    def median(runs: list[Timing]) -> Timing:
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    n = len(portfolio.courses)
    return [
        Row(f"Portfolio: front page + {n} course sites", *total(whole), note="build cache empty"),
        Row("  of which the front page", *front_page),
        Row("  a course (median)", *median(whole[1:])),
        Row(f"The {n} courses, each its own repository", *total(alone), note="build cache empty"),
        Row("  a course (median)", *median(alone)),
        Row("Portfolio / separate courses", *ratio(total(whole), total(alone)), unit="x"),
        Row("Portfolio again, one course's own session changed", *total(again)),
        Row("  of which the front page", *again[0]),
        Row("  the course changed", *again[1]),
        Row("  each other course (median)", *median(again[2:])),
        Row("  (a course built again, nothing changed)", *unchanged),
        Row("  / the portfolio's full build", *ratio(total(again), total(whole)), unit="x"),
    ]


def radar_address(language: str) -> str:
    """The address of the library's radar in a course's site of ``language``."""
    return f"{'vaerktoejer' if language == 'da' else 'tools'}/radar/"


def portfolio_measures(work: Path, env: dict[str, str]) -> list[Row]:
    """The synthetic portfolio's rows: its builds, and the preview of one course after a shared tool is saved."""
    portfolio = write_portfolio(work)
    site_settings(work, env, portfolio)
    rows = portfolio_builds(work, env, portfolio)
    course = next(iter(portfolio.courses))
    loop, loop_cpu = serve_loop(
        portfolio.root / "sites" / course,
        env,
        radar_address(portfolio.courses[course]),
        portfolio.shared_tool,
        lambda text, marker: text.replace(TOOL_DESCRIPTION, marker),
        TOOL_DESCRIPTION,
        rounds=3,
    )
    rows.append(Row("Preview of a course: shared tool saved -> served", loop, loop_cpu, note="the server's CPU time"))
    return rows + make_site_again(work, env, portfolio)


def make_site_again(work: Path, env: dict[str, str], portfolio: Portfolio) -> list[Row]:
    """`make site` of the library (`curriculum sites`: the front page and both editions of every course), the
    build cache empty; then again after one course's own session changed: the sites whose inputs did not
    change are copied as they were (``portfoliosites``), the front page and that course's two are built."""
    site_env = {**env, "TMPDIR": str(work / "tmp-library")}
    empty_build_cache(site_env)  # the compiled templates stay
    command = [str(BIN / "curriculum"), "sites"]

    def make_site() -> None:
        subprocess.run(command, cwd=portfolio.root, check=True, capture_output=True, env=site_env)

    full = timed(make_site)
    original = portfolio.own_session.read_text("utf-8")
    retitled, count = re.subn(r"^title: ", "title: (2) ", original, count=1, flags=re.MULTILINE)
    assert count == 1, f"{portfolio.own_session} has no title: line to change"
    portfolio.own_session.write_text(retitled, "utf-8")
    again = timed(make_site)
    builds = 1 + 2 * len(portfolio.courses)
    return [
        Row(f"make site of the library ({builds} builds)", *full, note="build cache empty"),
        Row("  again, one course's own session changed", *again, note="3 built, the rest copied"),
        Row("  / the full make site", again[0] / full[0], again[1] / full[1], "x"),
    ]


# What a page makes the browser load as it opens: its style sheets and scripts (on this site), and the search's
# worker named in the theme's configuration, which fetches the search index.
_LOADED = re.compile(
    r'<link\b[^>]*?\brel="stylesheet"[^>]*?\bhref="([^"]+)"|<link\b[^>]*?\bhref="([^"]+)"[^>]*?\brel="stylesheet"'
    r'|<script\b[^>]*?\bsrc="([^"]+)"'
)
_WORKER = re.compile(r'"search":\s*"([^"]+\.js)"')


def gzipped(data: bytes) -> int:
    """The bytes of ``data`` as a web server sends it compressed (gzip, level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_load(site: Path, page: Path) -> list[tuple[str, bytes]]:
    """The HTML of ``page`` and each style sheet and script it names on the site (each once), in order."""
    html = page.read_text("utf-8")
    found: list[tuple[str, bytes]] = [("HTML " + page.relative_to(site).as_posix(), html.encode("utf-8"))]
    seen = set()
    for match in _LOADED.finditer(html):
        address = next(group for group in match.groups() if group).split("?")[0]
        if re.match(r"[a-z]+:|//", address):
            continue  # another host (the site names none) or a data: address
        path = (page.parent / address).resolve()
        if path not in seen and path.is_file():
            seen.add(path)
            found.append((path.relative_to(site.resolve()).as_posix(), path.read_bytes()))
    return found


def search_load(site: Path, page: Path) -> list[tuple[str, bytes]]:
    """What Material's search loads as ``page`` opens (as Chromium's requests show): its worker, the search
    index and, for a language other than English, lunr's stemmer for it; nothing for a site without search."""
    worker = _WORKER.search(page.read_text("utf-8"))
    index = site / "search" / "search_index.json"
    if worker is None or not index.is_file():
        return []
    paths = [(page.parent / worker.group(1)).resolve(), index]
    languages = [lang for lang in json.loads(index.read_bytes())["config"]["lang"] if lang != "en"]
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    if languages:
        paths.append(lunr / "lunr.stemmer.support.min.js")
        paths += [lunr / f"lunr.{lang}.min.js" for lang in languages]
    if len(languages) > 1:
        paths.append(lunr / "lunr.multi.min.js")
    return [(path.relative_to(site.resolve()).as_posix(), path.read_bytes()) for path in paths if path.is_file()]


def session_pages(site: Path) -> list[Path]:
    """The run's session pages in the built site (the folder of the run's sessions, as the site names it)."""
    run = yaml.safe_load((ROOT / "modules" / "runs" / f"{RUN}.yml").read_text("utf-8"))
    modules = [slot["module"] for slot in run["sessions"]]
    return [page for module in modules for page in sorted(site.glob(f"*/{module}/index.html"))[:1]]


def weight(site: Path) -> list[str]:
    """The weight of a first visit to a session page, as lines to print."""
    pages = session_pages(site)
    assert pages, f"no session page in {site}"
    totals = {page: sum(gzipped(data) for _, data in first_load(site, page)) for page in pages}
    heaviest = max(pages, key=totals.__getitem__)
    files = first_load(site, heaviest)
    search = search_load(site, heaviest)
    width = max(len(name) for name, _ in files + search) + 2
    lines = [
        f"First load of a session page, the heaviest of {len(pages)} ({heaviest.parent.relative_to(site)}/):",
        f"  {'file'.ljust(width)}  {'bytes':>9}  {'gzip':>9}",
    ]
    for name, data in files:
        lines.append(f"  {name.ljust(width)}  {len(data):>9,}  {gzipped(data):>9,}")
    ours = [(name, data) for name, data in files if name.startswith(("stylesheets/", "javascripts/"))]
    for label, chosen in (("HTML + CSS + JS", files), ("of which the generator's own CSS + JS", ours)):
        raw, packed = sum(len(d) for _, d in chosen), sum(gzipped(d) for _, d in chosen)
        lines.append(f"  {label.ljust(width)}  {raw:>9,}  {packed:>9,}  ({len(chosen)} files)")
    if search:
        raw, packed = sum(len(d) for _, d in search), sum(gzipped(d) for _, d in search)
        lines.append(
            "  the search, loaded as the page opens (its worker fetches the index and the language's stemmer):"
        )
        for name, data in search:
            lines.append(f"  {name.ljust(width)}  {len(data):>9,}  {gzipped(data):>9,}")
        lines.append(f"  {'the search'.ljust(width)}  {raw:>9,}  {packed:>9,}  ({len(search)} files)")
        everything = files + search
        raw, packed = sum(len(d) for _, d in everything), sum(gzipped(d) for _, d in everything)
        lines.append(f"  {'the first load, all told'.ljust(width)}  {raw:>9,}  {packed:>9,}  ({len(everything)} files)")
    median = statistics.median(totals.values())
    lines.append(
        f"All {len(pages)} session pages, HTML + CSS + JS gzip: median {median / 1024:.1f} KiB, "
        f"lightest {min(totals.values()) / 1024:.1f} KiB, heaviest {totals[heaviest] / 1024:.1f} KiB"
    )
    return lines


def load() -> tuple[float, float, float]:
    return os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)


def environment(work: Path) -> dict[str, str]:
    """The builds' environment: a TMPDIR of the bench's own (its build cache and compiled templates)."""
    (work / "tmp").mkdir()
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(work / "tmp")}


def measure(work: Path, only_portfolio: bool = False) -> tuple[list[Row], list[str]]:
    env = environment(work)
    if only_portfolio:
        return portfolio_measures(work / "portfolio-bench", env), []
    rows = engine_kdl()
    build_rows, plain, plain_cpu = build_overhead(work, env)
    rows += build_rows

    small, large = synthetic(work, 100), synthetic(work, 1000)
    os.chdir(work)  # as an instructor runs it: from the project folder
    t100, c100 = in_process(lambda: generate(small, "big"), 9)
    t1000, c1000 = in_process(lambda: generate(large, "big"), 5)
    os.chdir(ROOT)
    rows.append(Row("Engine, 100 sessions", t100, c100))
    rows.append(Row("Engine, 1,000 sessions", t1000, c1000, target=3.5))
    rows.append(Row("Growth 100 -> 1,000 sessions", t1000 / t100, c1000 / c100, "x", 11.0))

    weighed = work / "site-weight"
    subprocess.run(  # the course as it is (the builds above edited a session), once more
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(weighed)],
        cwd=copy_project(work / "weighed"),
        check=True,
        capture_output=True,
        env=env,
    )
    weighed_lines = weight(weighed)

    # the portfolio before the preview, so that the load average at the end follows the preview, as before
    portfolio_rows = portfolio_measures(work / "portfolio-bench", env)
    loop, loop_cpu = preview_loop(work, env)
    rows.append(Row("Preview: save -> served page", loop, loop_cpu, note="the server's CPU time"))
    ratio_cpu = loop_cpu / plain_cpu if loop_cpu is not None else None
    rows.append(Row("Preview / plain build", loop / plain, ratio_cpu, "x", 1.2))
    rows += portfolio_rows
    return rows, weighed_lines


def main() -> int:
    if sys.argv[1:2] == ["weight"]:  # the weight of a first visit alone, of a site built before
        before = load()
        print(f"Load average: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} (1, 5, 15 minutes)")
        print("\n".join(weight(Path(sys.argv[2] if len(sys.argv) > 2 else "site"))))
        return 0
    compileall.compile_dir(ROOT / "src" / "curriculum", quiet=1)  # as an installed package has them
    only_portfolio = sys.argv[1:2] == ["portfolio"]  # the synthetic portfolio's rows alone
    before = load()
    print(
        f"Machine: {platform.machine()}, {CORES} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(f"Load average at the start: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} (1, 5, 15 minutes)")
    with tempfile.TemporaryDirectory() as tmp:
        rows, weighed = measure(Path(tmp), only_portfolio)
    after = load()
    busy = max(before[0], after[0]) > BUSY
    width = max(len(r.name) for r in rows)
    print(f"{'Measure'.ljust(width)}  {'Wall':>9}  {'CPU':>9}  Target")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 9}  {'-' * 30}")
    for row in rows:
        line = f"{row.name.ljust(width)}  {row.figure(row.wall):>9}  {row.figure(row.cpu):>9}  {row.verdict(busy)}"
        print(line.rstrip())
    if weighed:
        print("\n".join(weighed))
    print(f"Load average at the end: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} (1, 5, 15 minutes)")
    if busy:
        print(
            f"The machine was busy (1-minute load above {BUSY:g} for {CORES} cores at the start or the end): "
            "the wall times are not judged; the CPU times decide. Measure again on an idle machine."
        )
    else:
        print(f"The machine was idle (1-minute load at most {BUSY:g} for {CORES} cores): the wall times decide.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
