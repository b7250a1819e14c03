"""The two front ends give the same pages: the MkDocs hook (in memory) and `curriculum generate` (on disk)."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load
from mkdocs.structure.files import get_files

from conftest import ROOT, curriculum_cli, published

pytestmark = pytest.mark.published  # reads the published course (tests/course_use.py)


def hook_pages(config_file: str = "mkdocs.yml") -> dict[str, bytes]:
    config = load_config(str(ROOT / config_file))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return {f.src_uri: f.content_bytes for f in files if f.generated_by}


@pytest.mark.parametrize(
    "edition,config_file", [("participant", "mkdocs.yml"), ("instructor", "mkdocs.instructor.yml")]
)
def test_hook_and_generate_write_identical_pages(tmp_path, monkeypatch, edition, config_file):
    monkeypatch.delenv("CURRICULUM_RUN", raising=False)
    out = tmp_path / "pages"
    course = published()
    result = curriculum_cli("generate", "--out", str(out), "--run", course.run_id, "--edition", edition, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    in_memory = hook_pages(config_file)
    assert any(p.startswith(f"{course.address('teaching')}/") for p in on_disk) == (edition == "instructor")
    assert len(in_memory) >= len(course.run.sessions) + 5
    assert on_disk == in_memory


def test_generate_writes_the_navigation(tmp_path):
    import yaml

    course = published()
    nav = tmp_path / "nav.yml"
    result = curriculum_cli(
        "generate", "--out", str(tmp_path / "p"), "--nav", str(nav), "--run", course.run_id, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    entries = yaml.safe_load(nav.read_text("utf-8"))["nav"]
    label = course.messages("pages.programme")
    programme = next(e[label] for e in entries if label in e)
    sessions = course.address("sessions")
    assert [next(iter(e.values())) for e in programme] == [f"{sessions}/{s.module}.md" for s in course.run.sessions]


def test_generated_pages_build_with_plain_mkdocs_and_no_hook(tmp_path):
    """Another builder can take the pages: here, MkDocs itself without the hook."""
    import yaml

    from conftest import mkdocs_build

    docs = tmp_path / "docs"
    nav = tmp_path / "nav.yml"
    course = published()
    result = curriculum_cli("generate", "--out", str(docs), "--nav", str(nav), "--run", course.run_id, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    config = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))  # MkDocs' own loader: it knows !ENV
    config.pop("hooks")
    config.pop("watch")
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["docs_dir"] = "docs"
    config["nav"] = yaml.safe_load(nav.read_text("utf-8"))["nav"]
    config["validation"]["omitted_files"] = "info"  # the hand-written pages are not in this copy
    css = docs / "stylesheets"
    css.mkdir()
    (css / "extra.css").write_text((ROOT / "content/stylesheets/extra.css").read_text("utf-8"), encoding="utf-8")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    # yaml.dump, not safe_dump: toc's slugify is a function (!!python/name:curriculum.slugs.slugify)
    (tmp_path / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    built = mkdocs_build(tmp_path, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for slot in course.run.sessions:
        assert (tmp_path / "site" / course.address("sessions") / slot.module / "index.html").is_file()
