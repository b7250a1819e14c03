"""The instructor guide (docs/instruktoervejledning.md) is right: a newcomer who follows it adds a
session to a run and sees it in the preview, and its error messages are the ones the engine prints."""

from __future__ import annotations

import html
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import BIN, MINIMAL, ROOT, cli, copy_project, write_modules
from curriculum.cli import parser
from test_serve import free_port, wait_for

GUIDE = ROOT / "docs" / "instruktoervejledning.md"
TEXT = GUIDE.read_text("utf-8")


def sections() -> dict[str, str]:
    """The guide's sections by their '## ' heading."""
    parts = re.split(r"^## (.+)$", TEXT, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, content) of every fenced code block, also those indented inside a list item."""
    return [
        (lang, indent_body(indent, body))  # only the fence's own indentation is removed
        for indent, lang, body in re.findall(r"^( *)```(\w*)\n(.*?)^\1```", text, flags=re.M | re.S)
    ]


def indent_body(indent: str, body: str) -> str:
    return "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in body.splitlines()) + "\n"


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation removed, spaces to hyphens (æ, ø, å stay)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def makefile_recipe(target: str) -> list[str]:
    lines = (ROOT / "Makefile").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{target}:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def page_text(raw: str) -> str:
    raw = raw[raw.index("<article") : raw.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


# ------------------------------------------------------------------ the guide


def test_guide_is_in_danish_and_linked_from_the_readme():
    assert TEXT.startswith("# Sådan redigerer du forløbet\n")
    assert "(docs/instruktoervejledning.md)" in (ROOT / "README.md").read_text("utf-8")
    assert not GUIDE.is_relative_to(ROOT / "content")  # not part of the participants' site


def test_guide_covers_what_an_instructor_does():
    headings = list(sections())
    for heading in (
        "Ret en session",
        "Tilføj en tekst til litteraturlisten",
        "Tilføj et værktøj",
        "Start et nyt hold",
        "Se dine ændringer i forhåndsvisningen",
        "Læs og ret en fejlmeddelelse",
        "Udgiv sitet",
        "Billeder til værktøjerne",
        "Flyt en session",
        "Fortryd en ændring",
    ):
        assert heading in headings
    assert "\n### Uden installation\n" in TEXT  # editing in the browser: a codespace or GitHub's web editor
    move = sections()["Flyt en session"]
    assert "revision:" in move and "revised:" in move and "make check" in move
    undo = sections()["Fortryd en ændring"]
    assert "git restore" in undo and "**Revert**" in undo and "**History**" in undo
    run = sections()["Start et nyt hold"]
    assert "curriculum new run" in run and "CURRICULUM_RUN=" in run
    assert "make serve" in sections()["Se dine ændringer i forhåndsvisningen"]
    publish = sections()["Udgiv sitet"]
    assert ".github/workflows/publish.yml" in publish and "make site" in publish and "site/" in publish


def test_links_inside_the_guide_lead_to_its_headings():
    anchors = {slug(h) for h in re.findall(r"^#{1,3} (.+)$", TEXT, flags=re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", TEXT)
    assert len(links) >= 13
    assert [link for link in links if link not in anchors] == []


def test_every_command_in_the_guide_exists():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in set(re.findall(r"\bmake (\w+)", TEXT)):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"the guide mentions `make {target}`"
    subcommands = set(parser()._subparsers._group_actions[0].choices)  # noqa: SLF001
    used = set(re.findall(r"\.venv/bin/curriculum (\w+)", TEXT))
    assert used and used <= subcommands
    kinds = set(re.findall(r"curriculum new (\w+)", TEXT))
    assert kinds == {"session", "tool", "reading", "run", "course"}  # course: a new course of a library


# ----------------------------------------------- a newcomer follows the guide


def replace_top_level_fields(text: str, block: str) -> str:
    """Replace each field of ``block`` (a key at the start of a line, with its indented lines) in ``text``."""
    field = r"^{key}:.*\n(?:[ ].*\n)*"
    for key in re.findall(r"^(\w+):", block, flags=re.M):
        found = re.search(field.format(key=key), block, flags=re.M)
        assert found is not None, f"the block has no field '{key}:'"
        new_lines = found.group(0)
        pattern = re.compile(field.format(key=key), flags=re.M)
        assert len(pattern.findall(text)) == 1, f"the file has one line starting with '{key}:'"
        text = pattern.sub(new_lines.replace("\\", "\\\\"), text)
    return text


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


@pytest.mark.guide_examples
def test_newcomer_adds_a_session_to_the_run_and_sees_it_in_the_preview(project, tmp_path):
    steps = sections()["Trin for trin: en ny session på holdet"]
    blocks = code_blocks(steps)
    assert [lang for lang, _ in blocks] == ["sh", "yaml", "yaml", "sh"]
    (_, command), (_, fields), (_, run_entry), (_, preview) = blocks

    # 1. `.venv/bin/curriculum new session ai-i-praksis`
    assert command.startswith(".venv/bin/curriculum ")
    args = command.split()[1:]
    result = cli(*args, cwd=project)
    assert result.returncode == 0, result.stderr
    session_id = args[-1]
    session_file = project / "modules" / "sessions" / f"{session_id}.yml"
    assert f"`modules/sessions/{session_id}.yml`" in steps

    # 2. replace the lines `title:` and `themes:` (with its item) by the guide's lines
    assert "`title:`" in steps and "`themes:`" in steps
    session_file.write_text(replace_top_level_fields(session_file.read_text("utf-8"), fields), encoding="utf-8")
    assert "title: AI i praksis\n" in session_file.read_text("utf-8")

    # 3. in the run file the guide names, insert the entry just before the line it names
    run_name = re.search(r"Åbn `(modules/runs/[\w-]+\.yml)`", steps).group(1)
    before = re.search(r"lige før linjen `(- module: [\w-]+)`", steps).group(1)
    run_file = project / run_name
    lines = run_file.read_text("utf-8").splitlines(keepends=True)
    at = [i for i, line in enumerate(lines) if line.strip() == before]
    assert len(at) == 1
    run_file.write_text("".join(lines[: at[0]]) + run_entry + "".join(lines[at[0] :]), encoding="utf-8")
    assert cli("validate", cwd=project).returncode == 0

    # 4. `make serve` runs `mkdocs serve`; open the address the guide gives
    assert preview.strip() == "make serve"
    assert makefile_recipe("serve")[-1].startswith("$(BIN)/mkdocs serve")  # after the check that its port is free
    url = re.search(r"<(http://127\.0\.0\.1:8000/sessioner/[\w-]+/)>", steps).group(1)
    assert url.endswith(f"/sessioner/{session_id}/")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CURRICULUM_RUN", None)
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            page = page_text(wait_for(url.replace("http://127.0.0.1:8000", base), "AI i praksis"))
            front = page_text(wait_for(base + "/", "AI i praksis"))
        finally:
            server.terminate()
            server.wait(timeout=10)
    # what the guide promises: "Webinar 4", and on the front page between workshop 2 and the kick-out webinar
    assert "Webinar 4: AI i praksis" in page and "Kunstig intelligens i hverdagen" in page
    assert '"Webinar 4"' in steps
    assert (
        front.index("Workshop 2")
        < front.index("Webinar 4")
        < front.index("AI i praksis")
        < front.index("Kick-out-webinar")
    )


# ----------------------------------------------------- real error messages


def change(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) >= count, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def break_session_tool(modules: Path) -> None:
    change(modules / "sessions" / "borgerperspektiv.yml", "    tool: brugerrejsen", "    tool: brugerrejsn")


def break_dates(modules: Path) -> None:
    run = modules / "runs" / "2024-pilot.yml"
    change(run, "date: 2024-06-12", "date: 12-06-2024")
    change(run, '    start: "09:00"', "    start: 9.00")


def break_colon(modules: Path) -> None:
    change(
        modules / "sessions" / "borgerperspektiv.yml",
        "title: Borgerperspektiv\n",
        "title: Borgerperspektiv: borgeren i centrum\n",
    )


def break_tab(modules: Path) -> None:
    change(
        modules / "sessions" / "borgerperspektiv.yml", "themes:\n  - Borgerperspektiv", "themes:\n\t- Borgerperspektiv"
    )


def break_spelling(modules: Path) -> None:
    session = modules / "sessions" / "borgerperspektiv.yml"
    change(session, "format: webinar\n", "format: webinr\n")
    change(session, "\nsummary:", "\nsumary:")


def break_place_and_agenda(modules: Path) -> None:
    run = modules / "runs" / "2024-pilot.yml"
    change(
        run,
        '    date: 2024-08-21\n    start: "13:00"\n    end: "15:00"\n    online: true\n',
        '    date: 2024-08-21\n    start: "13:00"\n    end: "15:00"\n',
    )
    change(
        run,
        '    date: 2024-09-04\n    start: "09:00"\n    end: "15:00"\n',
        '    date: 2024-09-04\n    start: "09:00"\n    end: "11:00"\n',
    )


MISTAKES = [break_session_tool, break_dates, break_colon, break_tab, break_spelling, break_place_and_agenda]
SUMMARY = re.compile(
    r"^(\d+ (problem|problems|warning|warnings) found|Der er \d+ (problem|problemer|advarsel|advarsler)\b)"
)


def guide_messages(heading: str) -> list[str]:
    return [
        line
        for lang, body in code_blocks(sections()[heading])
        if lang == "text"
        for line in body.splitlines()
        if line.strip() and not SUMMARY.match(line)
    ]


@pytest.mark.guide_examples
def test_the_error_messages_in_the_guide_are_what_the_engine_prints(project):
    printed: list[str] = []
    for mistake in MISTAKES:
        modules = project / "modules"
        original = {p: p.read_bytes() for p in modules.rglob("*.yml")}
        mistake(modules)
        result = cli("validate", cwd=project)
        assert result.returncode == 1
        lines = [line for line in result.stderr.splitlines() if not SUMMARY.match(line)]
        assert lines, mistake.__name__
        for line in lines:
            assert line in TEXT, f"{mistake.__name__}: the guide should show the message as printed:\n{line}"
        printed += lines
        for path, data in original.items():
            path.write_bytes(data)
    # and the guide shows no message that the engine no longer prints
    assert sorted(guide_messages("Læs og ret en fejlmeddelelse")) == sorted(printed)


@pytest.mark.guide_examples
def test_the_warning_in_the_guide_is_what_check_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("check", cwd=ROOT)
    assert result.returncode == 0
    shown = guide_messages("Advarsler om indholdet")
    assert shown and all(line in result.stderr.splitlines() for line in shown)


def test_the_guide_names_every_field_of_a_session():
    from curriculum.models import Session

    table = sections()["Ret en session"]
    assert [name for name in Session.model_fields if name != "id" and f"`{name}`" not in table] == []


def test_the_guide_names_every_field_of_a_run():
    from curriculum.models import Buddy, BuddyGroup, BuddyMeeting, Run, RunSession

    text = sections()["Start et nyt hold"]
    for model in (Run, RunSession, Buddy, BuddyGroup, BuddyMeeting):
        named = set(re.findall(r"`(\w+):?`", text))
        assert [name for name in model.model_fields if name not in named] == [], model.__name__


# ------------------------------------------------------ pictures of the tools


def picture_table() -> dict[str, set[str]]:
    """The guide's table of pictures: each `kind:` value and the fields its row names (besides title, note)."""
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", sections()["Billeder til værktøjerne"], flags=re.M)
    return {kind: set(re.findall(r"`(\w+)`", fields)) for kind, fields in rows}


def visual_examples() -> list[str]:
    """Every YAML example of a picture in the guide: the ```yaml blocks that begin with `visual:`."""
    return [body for lang, body in code_blocks(TEXT) if lang == "yaml" and body.startswith("visual:\n")]


def test_the_guide_names_every_kind_of_picture_by_its_value_with_its_fields():
    from curriculum.visuals.kinds import kinds

    table = picture_table()
    fields = {word: set(kind.model.model_fields) - {"kind", "title", "note"} for kind in kinds() for word in kind.words}
    assert table == fields


def test_every_kind_of_picture_has_an_example_in_the_guide_that_the_engine_accepts(tmp_path):
    """Each example, put at the end of a tool's file, validates, draws and gives `check` nothing to say."""
    from curriculum.lint import check
    from curriculum.validation import load_curriculum
    from curriculum.visuals.kinds import kinds

    tool_file = "tools/kompetencehjulet.yml"
    shown = []
    for number, example in enumerate(visual_examples()):
        project = tmp_path / str(number)
        write_modules(project, {tool_file: textwrap.dedent(MINIMAL[tool_file]) + example})
        curriculum = load_curriculum(project / "modules")
        visual = curriculum.tools["kompetencehjulet"].visual
        assert visual is not None
        shown.append(visual.kind)
        assert [str(p) for p in check(curriculum) if p.path.startswith("visual")] == []
    assert sorted(shown) == sorted(word for kind in kinds() for word in kind.words)  # one of each, no more
