"""``curriculum zensical``: the course site built with Zensical, the successor of Material for MkDocs.

Zensical reads mkdocs.yml but ignores its ``hooks`` (silently) and has no MkDocs plugins, so it never sees
the engine. This front end makes every step of the front-end adapter (``frontend.prepare``: the settings,
the pages, the language check, the navigation, what the theme prints, escaped — the steps the MkDocs
plugin makes) and gives Zensical a plain project:

1. the pages, calendar files and pictures of the run, with the hand-written pages of the docs folder and
   the generator's style sheets and scripts from the package, minified (``curriculum.assets``, as the plugin
   serves them), in ``.zensical/<edition>/docs`` beside mkdocs.yml;
2. ``.zensical/<edition>/mkdocs.yml``: mkdocs.yml (with ``INHERIT`` merged and ``!ENV`` resolved) less
   ``hooks``, ``watch`` and the ``curriculum`` plugin, with what the adapter puts into it
   (``Prepared.configure``: the run's navigation, the site's name, the 404 page's and the footer's words),
   the package's style sheets, scripts and theme overrides (with the course's own ``custom_dir`` over
   them, in ``.zensical/<edition>/overrides``) and Material's look (``theme.variant: classic``);
3. ``zensical build --clean --strict`` of that project;
4. every built page naming only the generator's style sheets and scripts it uses (``assets.load_only_used``)
   and given its Content-Security-Policy (``frontend.protect``), as the MkDocs plugin does — with inline
   styles allowed, which Zensical's search box writes from its script;
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

from . import assets, frontend
from .say import say, speaking
from .settings import Settings, SettingsError, load_config

WORK = ".zensical"  # beside mkdocs.yml: Zensical wants the docs and site folders inside the project


class ZensicalError(SettingsError):
    """Zensical is missing or its build failed."""

    def report(self) -> str:
        with speaking(self.language):
            return "\n".join([*self.problems, say("report.zensical.summary")])


def executable() -> Path:
    """The ``zensical`` command of this Python environment (``pip install '.[zensical]'``)."""
    beside = Path(sys.executable).parent / "zensical"
    found = beside if beside.exists() else shutil.which("zensical")
    if not found:
        raise ZensicalError([say("report.zensical.missing")])
    return Path(found)


def project(
    config_file: Path, environ: Mapping[str, str], *, run: str | None = None, edition: str | None = None, hint: str = ""
) -> tuple[Path, Settings]:
    """Write the plain Zensical project beside ``config_file``; returns its config file and the settings.
    ``run``, ``edition``: the command line's; ``hint``: how to choose a run, for the message."""
    config = load_config(config_file, environ)
    root = config_file.parent
    source_docs = root / str(config.get("docs_dir") or "docs")
    prepared = frontend.prepare(
        config_file,
        config,
        environ,
        docs_dir=source_docs,
        languages=frontend.written_languages(config),
        run=run,
        edition=edition,
        several_runs_hint=hint,
    )
    work = root / WORK / prepared.settings.edition.value
    docs = work / "docs"
    if work.exists():
        shutil.rmtree(work)
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    frontend.write(prepared.site, docs)
    use_assets = uses_assets(config)
    config = zensical_config(config, prepared.settings.site_url)
    prepared.configure(config)
    theme = config["theme"]
    own = (root / str(theme["custom_dir"])).resolve() if theme.get("custom_dir") else None
    if use_assets:
        theme["custom_dir"] = str(add_assets(config, work, docs, own))
    elif own is not None:  # the theme's overrides (the 404 page) stay where mkdocs.yml has them
        theme["custom_dir"] = str(own)
    target = work / "mkdocs.yml"
    target.write_text(
        "# Written by `curriculum zensical` from "
        + config_file.name
        + "; do not edit.\n"
        + _slugify_tag(yaml.safe_dump(_mark_slugify(config), allow_unicode=True, sort_keys=False)),
        encoding="utf-8",
    )
    return target, prepared.settings


def uses_assets(config: Mapping[str, Any]) -> bool:
    """Whether the site gets the generator's style sheets, scripts and overrides (the plugin's ``assets``)."""
    return (assets.plugin_options(config) or {}).get("assets", True) is not False


def add_assets(config: dict[str, Any], work: Path, docs: Path, own: Path | None) -> Path:
    """The generator's style sheets and scripts from the package (``curriculum.assets``) in the docs folder
    and first in ``extra_css``/``extra_javascript``, as the MkDocs plugin serves them; returns the theme
    folder: the package's overrides, with the course's own ``custom_dir`` over them."""
    for name in assets.site_files():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(assets.served(name))
    config["extra_css"] = assets.with_assets(config.get("extra_css"), assets.STYLESHEETS)
    config["extra_javascript"] = assets.with_assets(config.get("extra_javascript"), assets.SCRIPTS)
    overrides = work / "overrides"
    shutil.copytree(assets.OVERRIDES, overrides)
    if own is not None and own.is_dir():
        shutil.copytree(own, overrides, dirs_exist_ok=True)
    return overrides.resolve()


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


def zensical_config(config: dict[str, Any], site_url: str | None) -> dict[str, Any]:
    """mkdocs.yml's settings for a plain build of the generated pages (the adapter adds the navigation)."""
    config = {key: value for key, value in config.items() if key not in ("hooks", "watch", "INHERIT")}
    plugins = [p for p in config.get("plugins") or [] if p != assets.PLUGIN and not _names_plugin(p)]
    if "plugins" in config:  # this front end is the curriculum plugin's part for Zensical
        config["plugins"] = plugins
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["site_url"] = site_url or ""
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", "classic")  # Material's look, which the site's style sheets are made for
    config["theme"] = theme
    return config


def _names_plugin(entry: Any) -> bool:
    return isinstance(entry, Mapping) and assets.PLUGIN in entry


def build(
    config_file: Path,
    out: Path,
    environ: Mapping[str, str],
    *,
    run: str | None = None,
    edition: str | None = None,
    hint: str = "",
) -> Settings:
    """Build the site with Zensical into ``out``; a failed build leaves ``out`` as it was. Returns the
    settings it was built with."""
    command = executable()
    written, settings = project(config_file, environ, run=run, edition=edition, hint=hint)
    config = written.resolve()
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
                say("report.zensical.failed", status=result.returncode),
                *(result.stdout + result.stderr).strip().splitlines(),
            ]
        )
    secure(built, only_used=uses_assets(load_config(config_file, environ)))
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(out))
    return settings


def secure(site: Path, *, only_used: bool = True) -> None:
    """Put the Content-Security-Policy into every page of a built site (``frontend.protect``); ``only_used``:
    each page names only the generator's style sheets and scripts it uses first (``assets.load_only_used``)."""
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        if only_used:
            text = assets.load_only_used(text)
        page.write_text(frontend.protect(text, inline_styles=True), "utf-8")
