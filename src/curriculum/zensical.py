"""``curriculum zensical``: the course site built with Zensical, the successor of Material for MkDocs.

Zensical reads mkdocs.yml but ignores its ``hooks`` (silently), so it never sees the engine. This front end
makes the same generation step as every other (``frontend.build``) and gives Zensical a plain project:

0. the theme's and the search's language checked against the course's (``sitelanguage``: a mismatch stops
   the build, naming mkdocs.yml, the line and what to write there), as the MkDocs hook does;
1. the pages, calendar files and pictures of the run, with the hand-written pages of the docs folder,
   in ``.zensical/<edition>/docs`` beside mkdocs.yml;
2. ``.zensical/<edition>/mkdocs.yml``: mkdocs.yml (with ``INHERIT`` merged and ``!ENV`` resolved) less
   ``hooks`` and ``watch``, with the run's navigation and Material's look (``theme.variant: classic``);
3. ``zensical build --clean --strict`` of that project;
4. the engine's Content-Security-Policy (``curriculum.csp``) put into every built page, as the MkDocs hook
   does — with inline styles allowed, which Zensical's search box writes from its script;
5. the site then replaces ``--out`` — only when the build is complete, as ``make site`` does.

Zensical is not imported: it runs as its own command, as a developer would run it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from . import csp, frontend, sitelanguage
from .settings import Settings, SettingsError, load_config

WORK = ".zensical"  # beside mkdocs.yml: Zensical wants the docs and site folders inside the project


class ZensicalError(SettingsError):
    """Zensical is missing or its build failed."""

    def report(self) -> str:
        return "\n".join([*self.problems, "Nothing was built; the previous site is as it was."])


def executable() -> Path:
    """The ``zensical`` command of this Python environment (``pip install '.[zensical]'``)."""
    beside = Path(sys.executable).parent / "zensical"
    found = beside if beside.exists() else shutil.which("zensical")
    if not found:
        raise ZensicalError(
            [
                "zensical is not installed here: run `make zensical`, which installs it "
                "(pyproject.toml's `zensical` extra)"
            ]
        )
    return Path(found)


def project(config_file: Path, settings: Settings, environ: Mapping[str, str]) -> Path:
    """Write the plain Zensical project for ``settings`` beside ``config_file``; returns its config file."""
    config = load_config(config_file, environ)
    root = config_file.parent
    source_docs = root / str(config.get("docs_dir") or "docs")
    work = root / WORK / settings.edition.value
    docs = work / "docs"
    if work.exists():
        shutil.rmtree(work)
    site = frontend.build(settings)
    # Zensical writes its own words in theme.language: the course's language, as the MkDocs hook checks
    wrong = sitelanguage.problems(
        config_file, (config.get("theme") or {}).get("language"), sitelanguage.search_lang(config), site.language
    )
    if wrong:
        raise ZensicalError(wrong)
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
        clashes = sorted(path for path in {**site.pages, **site.files} if (source_docs / path).exists())
        if clashes:
            raise ZensicalError(
                [
                    f"{source_docs / path} has the same name as a page made from the modules; "
                    "rename or delete the hand-written file"
                    for path in clashes
                ]
            )
    frontend.write(site, docs)
    config = zensical_config(
        config, frontend.navigation(site, docs) if config.get("nav") is None else None, settings.site_url
    )
    theme = config["theme"]
    if theme.get("custom_dir"):  # the theme's overrides (the 404 page) stay where mkdocs.yml has them
        theme["custom_dir"] = str((root / str(theme["custom_dir"])).resolve())
    config["extra"] = {
        **(config.get("extra") or {}),
        "curriculum_words": site.theme_words,
        "curriculum_footer": frontend.footer(site, docs),
    }
    if site.site_name:  # named from the course, as the MkDocs hook does
        config["site_name"] = site.site_name
    target = work / "mkdocs.yml"
    target.write_text(
        "# Written by `curriculum zensical` from "
        + config_file.name
        + "; do not edit.\n"
        + _slugify_tag(yaml.safe_dump(_mark_slugify(config), allow_unicode=True, sort_keys=False)),
        encoding="utf-8",
    )
    return target


_SLUGIFY = "curriculum.slugs.slugify"


def _mark_slugify(config: dict[str, Any]) -> dict[str, Any]:
    """toc's ``slugify: !!python/name:curriculum.slugs.slugify`` is read as its (empty) text: mark it, so
    that the written config names the function again (anchors with ae, oe, aa, as MkDocs makes them)."""
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and isinstance(entry.get("toc"), dict) and "slugify" in entry["toc"]:
            entry["toc"]["slugify"] = _SLUGIFY
    return config


def _slugify_tag(text: str) -> str:
    return text.replace(f"slugify: {_SLUGIFY}", f"slugify: !!python/name:{_SLUGIFY}")


def zensical_config(config: dict[str, Any], nav: list[Any] | None, site_url: str | None) -> dict[str, Any]:
    """mkdocs.yml's settings for a plain build of the generated pages (``nav``: None keeps mkdocs.yml's)."""
    config = {key: value for key, value in config.items() if key not in ("hooks", "watch", "INHERIT")}
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["site_url"] = site_url or ""
    if nav is not None:
        config["nav"] = nav
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", "classic")  # Material's look, which the site's style sheets are made for
    config["theme"] = theme
    return config


def build(config_file: Path, settings: Settings, out: Path, environ: Mapping[str, str]) -> Path:
    """Build the site of ``settings`` with Zensical into ``out``; a failed build leaves ``out`` as it was."""
    command = executable()
    config = project(config_file, settings, environ).resolve()
    result = subprocess.run(
        [str(command), "build", "--clean", "--strict", "--config-file", str(config)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**environ, "NO_COLOR": "1"},
    )
    built = config.parent / "site"
    if result.returncode != 0 or not (built / "index.html").is_file():
        raise ZensicalError(
            [
                f"zensical build failed (exit status {result.returncode}):",
                *(result.stdout + result.stderr).strip().splitlines(),
            ]
        )
    secure(built)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(out))
    return out


def secure(site: Path) -> None:
    """Put the Content-Security-Policy into every page of a built site (``curriculum.csp``)."""
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        page.write_text(csp.apply(text, inline_styles=True), "utf-8")
