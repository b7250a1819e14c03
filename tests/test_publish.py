"""Publishing: the GitHub Actions workflow builds exactly as the Makefile does, and needs no browser."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def makefile_rule(target: str) -> tuple[list[str], list[str]]:
    """The prerequisites and the recipe lines of a Makefile target."""
    lines = (ROOT / "Makefile").read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(rf"^{target}:(?!=)", line))
    prerequisites = lines[index].split(":", 1)[1].split()
    recipe = []
    for line in lines[index + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return prerequisites, recipe


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


@pytest.mark.published
def test_the_workflow_builds_with_the_makefile_and_the_makefile_builds_strictly():
    runs = [step["run"].strip() for step in steps("build") if "run" in step]
    assert "make site" in runs
    _, recipe = makefile_rule("site")
    builds = [line for line in recipe if "mkdocs build" in line]
    assert len(builds) == 1 and "mkdocs build --strict" in builds[0]
    # what make would really run for `make site` (a dry run: nothing is built or installed)
    dry = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert ".venv/bin/mkdocs build --strict" in dry


def test_the_workflow_publishes_the_folder_the_makefile_builds():
    _, recipe = makefile_rule("site")
    moved = [line for line in recipe if line.startswith("rm -rf site && mv ")]
    assert moved, recipe
    built_dir = moved[0].split()[-1]
    uploads = [
        step for step in steps("build") if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert len(uploads) == 1
    assert uploads[0]["with"]["path"].rstrip("/") == built_dir == "site"
    assert steps("build").index(uploads[0]) > [s.get("run", "").strip() for s in steps("build")].index("make site")


def test_the_workflow_deploys_to_github_pages():
    data = workflow()
    # each job only the permissions it needs (zizmor, in `make lint`): only the deploy job may publish
    assert data["permissions"] == {}
    assert data["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert data["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in data["on"]


@pytest.mark.published
def test_the_workflow_prints_the_handbook_into_the_site_without_downloading_a_browser():
    """`make site` prints the participant handbook into the built site and links it from the handbook page
    (curriculum.pdf --into) before the site replaces site/; the workflow requires it (HANDBOOK_PDF=required),
    with the runner's own /usr/bin/chromium: no browser download, no test run."""
    text = WORKFLOW.read_text("utf-8").lower()
    for word in ("make test", "playwright install", "browser-actions", "setup-chrome"):
        lines = [line for line in text.splitlines() if word in line and not line.lstrip().startswith("#")]
        assert lines == [], word
    build = next(step for step in steps("build") if step.get("run", "").strip() == "make site")
    assert build["env"]["HANDBOOK_PDF"] == "required"
    prerequisites, recipe = makefile_rule("site")
    assert {"chromium", "$(VENV)/.installed-pdf"} <= set(prerequisites)
    printing = [n for n, line in enumerate(recipe) if "-m curriculum.pdf --into .site-build" in line]
    building = [n for n, line in enumerate(recipe) if "mkdocs build" in line]
    moving = [n for n, line in enumerate(recipe) if line.startswith("rm -rf site && mv .site-build site")]
    assert len(printing) == 1 and building[0] < printing[0] < moving[0], recipe
    for told, flag in (([], False), (["HANDBOOK_PDF=required"], True)):
        dry = subprocess.run(["make", "-n", "site", *told], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        line = next(line for line in dry.splitlines() if "curriculum.pdf --into" in line)
        assert ("--required" in line) == flag, line


def test_the_workflow_python_is_one_the_project_supports():
    version = next(s["with"]["python-version"] for s in steps("build") if "setup-python" in str(s.get("uses")))
    required = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    minimum = tuple(int(x) for x in re.match(r">=\s*([\d.]+)", required).group(1).split("."))
    assert tuple(int(x) for x in str(version).split(".")) >= minimum


def test_the_guide_documents_the_same_steps_for_any_static_host():
    guide = (ROOT / "docs" / "instruktoervejledning.md").read_text("utf-8")
    publishing = guide[guide.index("## Udgiv sitet") :]
    assert "make site" in publishing and "`site/`" in publishing
    assert ".github/workflows/publish.yml" in publishing
    assert "Build the site" in publishing  # the name of the workflow step an instructor looks for
    assert any(
        s.get("name", "").startswith("Build the site") and s.get("run", "").strip() == "make site"
        for s in steps("build")
    )


def test_the_workflow_publishes_only_the_participant_edition():
    """The instructor edition holds notes participants must not see: it is never built or uploaded here."""
    text = WORKFLOW.read_text("utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for word in ("instructor", "mkdocs.instructor.yml", "site-instructor", "make pdf", "pdf/"):
        assert word not in code


# ------------------------------------------------------------ the workflow `curriculum init` writes


def init_workflow(language: str) -> tuple[dict, str]:
    from curriculum import newcourse

    files = newcourse.planned(language, "A & B")
    text = files[".github/workflows/publish.yml"].decode("utf-8")
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))
    return data, files["requirements.txt"].decode("utf-8")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_new_course_publishes_the_participant_edition_with_the_pinned_generator(language):
    from importlib.metadata import version

    data, requirements = init_workflow(language)
    assert f"curriculum[site]=={version('curriculum')}" in requirements.splitlines()  # pinned: one-step upgrade
    build = data["jobs"]["build"]["steps"]
    runs = [step.get("run", "").strip() for step in build]
    install = runs.index("python -m pip install -r requirements.txt")
    # a course's site with mkdocs, a library's (`curriculum library`) with `curriculum sites`
    command = "if [ -d modules/courses ] && [ ! -f modules/course.yml ]; then curriculum sites; else mkdocs build --strict; fi"
    assert runs.index(command) > install  # the generator from requirements.txt, then the build
    built = next(step for step in build if step.get("run", "").strip() == command)
    assert built["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"  # GitHub's expressions, unrendered
    assert built["env"]["CURRICULUM_RUN"] == "${{ inputs.run }}"
    (upload,) = [s for s in build if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site" and build.index(upload) > runs.index(command)
    assert data["permissions"] == workflow()["permissions"]
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    assert [s["uses"].split("@")[0] for s in data["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]
    code = yaml.safe_dump(data)  # the instructor edition is never published; no browser is needed
    assert "instructor" not in code and "chromium" not in code
