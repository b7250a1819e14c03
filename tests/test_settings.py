"""Settings: checked like the course files, and chosen in one order by every front end.

``--run`` beats ``CURRICULUM_RUN``, which beats ``extra.curriculum.run`` in mkdocs.yml; a misspelt key,
an edition or a run that does not exist stops the build with a message naming the file, the key and what
to write. The engine itself reads no environment variable.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, curriculum_cli, mkdocs_build, write_modules
from curriculum.editions import Edition
from curriculum.settings import SettingsError, load_config, resolve

SECOND_RUN = (
    textwrap.dedent(MINIMAL["runs/test-run.yml"])
    .replace("id: test-run", "id: second-run")
    .replace("name: Testholdet", "name: Andet hold")
)

MKDOCS_YML = """\
site_name: Testkursus
theme:
  name: material
  language: da
hooks:
  - hooks/curriculum_hook.py
extra:
  curriculum:
    modules: modules
    run: test-run
    edition: participant
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A minimal course with two runs, its mkdocs.yml (run: test-run) and the hook, as the working folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    write_modules(tmp_path, {"runs/second-run.yml": SECOND_RUN})
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def settings_problems(**kwargs) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        resolve(**kwargs)
    return caught.value.problems


# ---------------------------------------------------------------------------------- checked settings


def test_a_misspelt_key_is_named_with_its_line_and_what_to_write(project):
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("    edition: participant", "    edtion: instructor"), encoding="utf-8"
    )
    [problem] = settings_problems(config_file=Path("mkdocs.yml"))
    assert problem.startswith(
        "mkdocs.yml:11:5: extra.curriculum.edtion: indstillingen 'edtion' kendes ikke "
        "(mente du 'edition'?); indstillingerne er: modules ("
    )
    assert "edition (participant eller instructor" in problem


def test_an_unknown_edition_and_an_unknown_run_are_reported_together(project):
    text = MKDOCS_YML.replace("edition: participant", "edition: teacher").replace("run: test-run", "run: test-rum")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    problems = settings_problems(config_file=Path("mkdocs.yml"))
    assert problems == [
        "mkdocs.yml:11:5: extra.curriculum.edition: der er ingen udgave, der hedder 'teacher'; skriv "
        "en af disse: participant, instructor",
        "mkdocs.yml:10:5: extra.curriculum.run: der er intet forløb, der hedder 'test-rum' (mente du "
        "'test-run'?); skriv et af disse: second-run, test-run (filerne i modules/runs)",
    ]


def test_a_missing_modules_folder_is_named(project):
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("modules: modules", "modules: moduler"), encoding="utf-8")
    [problem] = settings_problems(config_file=Path("mkdocs.yml"))
    assert problem.startswith("mkdocs.yml:9:5: extra.curriculum.modules: mappen 'moduler' findes ikke; skriv ")


def test_a_key_set_in_an_inherited_file_is_found_there(project):
    (project / "mkdocs.instructor.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: Undervisere\nextra:\n  curriculum:\n    edition: instrutor\n", encoding="utf-8"
    )
    [problem] = settings_problems(config_file=Path("mkdocs.instructor.yml"))
    assert problem.startswith(
        "mkdocs.instructor.yml:5:5: extra.curriculum.edition: der er ingen udgave, der hedder "
        "'instrutor' (mente du 'instructor'?)"
    )
    (project / "mkdocs.instructor.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  curriculum:\n    edition: instructor\n", encoding="utf-8"
    )
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("run: test-run", "run: nope"), encoding="utf-8")
    [problem] = settings_problems(config_file=Path("mkdocs.instructor.yml"))
    assert problem.startswith("mkdocs.yml:10:5: extra.curriculum.run: der er intet forløb, der hedder 'nope'")


def test_env_tags_are_read_from_the_environment_the_front_end_passes(project):
    (project / "mkdocs.yml").write_text(MKDOCS_YML + "site_url: !ENV [SITE_URL, '']\n", encoding="utf-8")
    assert load_config(Path("mkdocs.yml"), {})["site_url"] == ""
    settings = resolve(Path("mkdocs.yml"), environ={"SITE_URL": "https://example.org/kursus/"})
    assert settings.site_url == "https://example.org/kursus/"


def test_a_misspelt_setting_stops_the_mkdocs_build_before_anything_is_built(project):
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("    edition: participant", "    edtion: instructor"), encoding="utf-8"
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 1
    assert (
        "mkdocs.yml:11:5: extra.curriculum.edtion: indstillingen 'edtion' kendes ikke (mente du 'edition'?)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_misspelt_setting_stops_curriculum_generate(project):
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("edition: participant", "edition: underviser"), encoding="utf-8"
    )
    result = curriculum_cli("generate", "--config", "mkdocs.yml", "--out", "out", cwd=project)
    assert result.returncode == 1
    assert "mkdocs.yml:11:5: extra.curriculum.edition: der er ingen udgave, der hedder 'underviser'" in result.stderr
    assert not (project / "out").exists()


# -------------------------------------------------------------------------------------- precedence


def test_run_precedence_command_line_then_environment_then_mkdocs_yml(project):
    config = Path("mkdocs.yml")
    assert resolve(config).run == "test-run"
    assert str(resolve(config).run_origin) == "mkdocs.yml:10:5: extra.curriculum.run"
    assert resolve(config, environ={"CURRICULUM_RUN": "second-run"}).run == "second-run"
    assert resolve(config, environ={"CURRICULUM_RUN": "second-run"}, run="test-run").run == "test-run"
    assert resolve(config, run="second-run").run == "second-run"
    [problem] = settings_problems(config_file=config, environ={"CURRICULUM_RUN": "tredje"})
    assert problem.startswith(
        "miljøvariablen: CURRICULUM_RUN: der er intet forløb, der hedder 'tredje'; skriv et af disse"
    )
    [problem] = settings_problems(config_file=config, environ={"CURRICULUM_RUN": "second-run"}, run="tredje")
    assert problem.startswith("kommandolinjen: --run: der er intet forløb, der hedder 'tredje'")


def test_edition_and_modules_on_the_command_line_beat_mkdocs_yml(project):
    assert resolve(Path("mkdocs.yml")).edition is Edition.participant
    assert resolve(Path("mkdocs.yml"), edition="instructor").edition is Edition.instructor
    other = write_modules(project / "other", {})
    assert resolve(Path("mkdocs.yml"), modules=other).modules == other


def test_generate_reads_the_run_from_the_config_and_the_environment_beats_it(project):
    def front_page(*args: str, env: dict[str, str] | None = None) -> str:
        shutil.rmtree(project / "out", ignore_errors=True)
        result = curriculum_cli("generate", "--out", "out", *args, cwd=project, env=env)
        assert result.returncode == 0, result.stderr
        return (project / "out" / "index.md").read_text("utf-8")

    assert "Testholdet" in front_page("--config", "mkdocs.yml")
    assert "Andet hold" in front_page("--config", "mkdocs.yml", env={"CURRICULUM_RUN": "second-run"})
    assert "Testholdet" in front_page(
        "--config", "mkdocs.yml", "--run", "test-run", env={"CURRICULUM_RUN": "second-run"}
    )
    assert "Andet hold" in front_page("--run", "second-run")


def test_generate_reads_mkdocs_yml_when_no_config_is_named_as_mkdocs_does(project):
    result = curriculum_cli("generate", "--out", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Testholdet" in (project / "out" / "index.md").read_text("utf-8")  # run: test-run of mkdocs.yml


def test_generate_with_several_runs_and_none_chosen_names_run(project):
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("    run: test-run\n", ""), encoding="utf-8")
    hint = (
        "skriv, hvilket der skal bygges: --run ID (eller CURRICULUM_RUN=ID, eller extra.curriculum.run i mkdocs.yml "
        "eller filen fra --config)"
    )
    result = curriculum_cli("generate", "--out", "out", cwd=project)
    assert result.returncode == 1
    assert f"modules/runs: der er 2 forløb (second-run, test-run); {hint}" in result.stderr
    (project / "mkdocs.yml").unlink()  # no settings file at all: the modules folder of the working folder
    result = curriculum_cli("generate", "--out", "out", cwd=project)
    assert result.returncode == 1
    assert f"modules/runs: der er 2 forløb (second-run, test-run); {hint}" in result.stderr
    assert not (project / "out").exists()


def test_the_mkdocs_build_honours_the_environment_variable(project):
    result = mkdocs_build(project, project / "site", env={"CURRICULUM_RUN": "second-run"})
    assert result.returncode == 0, result.stderr
    assert "Andet hold" in (project / "site" / "index.html").read_text("utf-8")


def test_no_module_of_the_engine_reads_the_environment():
    """Front ends own their settings: only the command line (cli.py) looks at the environment, and hands it on."""
    readers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "src" / "curriculum").rglob("*.py")
        if re.search(r"os\.environ|getenv\(", path.read_text("utf-8"))
    }
    # the two front ends in the package: the command line and the MkDocs plugin (imported only by MkDocs)
    assert readers == {"src/curriculum/cli.py", "src/curriculum/mkdocs_plugin.py"}
