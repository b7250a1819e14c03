"""The GitHub workflows: a pull request's check shows every problem on its file and line (annotations), builds
both editions, and `make lint` holds the workflows to actionlint and zizmor."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from conftest import BIN, MINIMAL, ROOT, write_modules
from curriculum.actions import annotation
from curriculum.problems import Problem
from curriculum.validation import load_curriculum

PULL_REQUEST = ROOT / ".github" / "workflows" / "pull-request.yml"


def steps() -> list[dict]:
    return yaml.safe_load(PULL_REQUEST.read_text("utf-8"))["jobs"]["check"]["steps"]


def run_step(name: str, cwd) -> subprocess.CompletedProcess:
    """The workflow's step ``name`` as the runner runs it, with this project's .venv."""
    command = next(step["run"] for step in steps() if step.get("name") == name)
    env = {key: value for key, value in os.environ.items() if key != "CURRICULUM_RUN"}
    command = command.replace(".venv/bin/", f"{BIN}/")
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_an_annotation_names_file_line_column_and_field_and_cannot_be_broken_out_of():
    problem = Problem("modules/a,b:c.yml", 3, 7, "tools[1]", "50% done\n::error::x")
    assert (
        annotation(problem) == "::error file=modules/a%2Cb%3Ac.yml,line=3,col=7,title=tools[1]::50%25 done%0A::error::x"
    )
    warning = Problem("modules/course.yml", 2, 1, "", "warning: add a contact")
    assert annotation(warning) == "::warning file=modules/course.yml,line=2,col=1::add a contact"


def test_the_pull_request_check_annotates_every_problem_and_then_every_warning(tmp_path):
    broken = MINIMAL["sessions/webinar-1.yml"].replace("format: webinar", "format: webinarx")
    write_modules(tmp_path, {"sessions/webinar-1.yml": broken, "runs/test-run.yml": None})
    validated = run_step("Validate the course files", tmp_path)
    assert validated.returncode == 1 and "Traceback" not in validated.stderr
    lines = validated.stdout.splitlines()
    assert "::error file=modules/runs/,line=1,col=1::der er ingen fil med et forløb" in validated.stdout
    assert any(
        line.startswith("::error file=modules/sessions/webinar-1.yml,line=3,col=9,title=format::'webinarx'")
        for line in lines
    ), lines
    assert len(lines) == validated.stderr.count("\n") - 1  # one annotation for each problem the text lists

    modules = write_modules(tmp_path, {"sessions/webinar-1.yml": MINIMAL["sessions/webinar-1.yml"]})
    checked = run_step("List content warnings (they do not stop the pull request)", tmp_path)
    assert checked.returncode == 0
    warnings = checked.stdout.splitlines()
    assert warnings and all(line.startswith("::warning file=modules/") for line in warnings)
    assert "::warning file=modules/sessions/webinar-1.yml,line=1,col=1,title=questions::sessionen har intet" in (
        checked.stdout
    )
    assert load_curriculum(modules)  # the warnings are about a course that builds


def test_the_pull_request_check_builds_both_editions_and_attaches_the_participant_site():
    runs = [step.get("run", "").strip() for step in steps()]
    assert "make site" in runs and "make instructor" in runs
    upload = next(step for step in steps() if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site" and runs.index("make site") < steps().index(upload)
    assert "pull_request" in yaml.safe_load(PULL_REQUEST.read_text("utf-8"))[True]  # YAML 1.1 reads `on` as True


@pytest.mark.published  # `make -n` in the repository (tests/course_use.py)
def test_make_lint_runs_actionlint_and_zizmor_on_the_workflows_and_on_those_init_writes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "lint", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert "/actionlint .github/workflows/*.yml" in dry and "/zizmor --offline --quiet .github/workflows/" in dry
    # and on the workflows `curriculum init` writes for a new course
    assert "curriculum init .lint-init" in dry
    assert "/actionlint .lint-init/.github/workflows/*.yml" in dry and "zizmor --offline --quiet .lint-init/" in dry


def test_the_dev_container_builds_the_site_and_forwards_the_previews_ports():
    """Opened in a codespace (or VS Code with Docker), the repository installs the generator and builds the site
    (`make site`), suggests the YAML extension the schemas are written for, and labels both previews' ports."""
    import json
    import re

    container = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text("utf-8"))
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert container["postCreateCommand"] == "make site" and re.search(r"^site:", makefile, flags=re.M)
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))["recommendations"]
    assert container["customizations"]["vscode"]["extensions"] == recommended
    ports = {"8000": "make serve", "8001": "make serve-instructor"}
    assert re.search(r"^PORT \?= 8000$", makefile, flags=re.M) and re.search(
        r"^INSTRUCTOR_PORT \?= 8001$", makefile, flags=re.M
    )
    assert container["forwardPorts"] == [int(port) for port in ports]
    for port, command in ports.items():
        assert f"({command})" in container["portsAttributes"][port]["label"]


def test_a_new_course_gets_the_pull_request_check_and_a_dev_container():
    """`curriculum init` writes the same check for pull requests (with the generator its requirements.txt pins)
    and a dev container that installs it, writes the schemas the YAML extension uses and builds the site."""
    import json
    import re

    from curriculum import newcourse

    files = newcourse.planned("da", "Æble & Co")
    check = yaml.safe_load(files[".github/workflows/pull-request.yml"])
    assert list(check[True]) == ["pull_request"] and check["permissions"] == {}
    runs = [step.get("run", "") for step in check["jobs"]["check"]["steps"]]
    assert runs[2:7] == [
        "python -m pip install -r requirements.txt",
        "curriculum validate --format github",
        "curriculum check --format github",
        # a library of courses (`curriculum library`) builds every site with `curriculum sites`
        "if [ -d modules/courses ] && [ ! -f modules/course.yml ]; then curriculum sites; else mkdocs build --strict; fi",
        "if [ ! -f modules/course.yml ]; then exit 0; fi; mkdocs build --strict -f mkdocs.instructor.yml",
    ]
    container = json.loads(files[".devcontainer/devcontainer.json"])
    makefile = files["Makefile"].decode("utf-8")
    commands = container["postCreateCommand"].split(" && ")
    assert commands == ["make install", "make schemas", "make site"]
    assert all(re.search(rf"^{command.split()[1]}:", makefile, flags=re.M) for command in commands)
    schemas = container["customizations"]["vscode"]["settings"]["yaml.schemas"]
    assert "./schemas/session.schema.json" in schemas and container["forwardPorts"] == [8000]
    assert "(make serve)" in container["portsAttributes"]["8000"]["label"]
