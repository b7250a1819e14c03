"""The generator's own files of every course site, shipped inside the package (``curriculum/theme/``):

- ``overrides/``: the theme's templates (the 404 page and the footer in the course's language);
- ``stylesheets/``: the site's style sheets, in the order the site loads them;
- ``javascripts/``: the site's scripts (none of them makes a request to another host).

Every front end with a theme takes them from here, so that upgrading the package upgrades every course:
the MkDocs plugin (``curriculum.mkdocs_plugin``) adds them to the build's files, to ``extra_css`` and
``extra_javascript`` and the overrides as a theme folder; ``curriculum zensical`` copies them into the
plain project it writes. A course's ``mkdocs.yml`` names none of them. Nothing here imports a builder.

``copies`` lists the files a course made by an earlier ``curriculum init`` still carries (it copied them);
``curriculum check`` tells the course which of them it can delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent / "theme"
OVERRIDES = ROOT / "overrides"
#: The style sheets and scripts, as the built site names them, in the order the site loads them.
STYLESHEETS = ("stylesheets/extra.css", "stylesheets/visuals.css", "stylesheets/print.css", "stylesheets/logbook.css")
SCRIPTS = (
    "javascripts/next.js",  # the front page's "what's next" box and programme position
    "javascripts/shorttitle.js",  # the course's short name in the header on phones
    "javascripts/selfassessment.js",  # the competence wheel's self-assessment; stored only in the browser
    "javascripts/logbook.js",  # the participant's logbook; stored only in the browser, never sent
    "javascripts/radar.js",  # the radar: a blip and its name light up together
)
#: The plugin's name in mkdocs.yml (``plugins: - curriculum``; pyproject.toml's entry point).
PLUGIN = "curriculum"
#: What an earlier ``curriculum init`` copied into a course beside the files above (in ``docs_dir``).
OLD_HOOK = "hooks/curriculum_hook.py"


def site_files() -> dict[str, Path]:
    """The style sheets and scripts: their address in the built site -> the file in the package."""
    return {name: ROOT / name for name in (*STYLESHEETS, *SCRIPTS)}


def overrides() -> dict[str, Path]:
    """The theme's templates: their name under the theme folder -> the file in the package."""
    return {path.relative_to(OVERRIDES).as_posix(): path for path in sorted(OVERRIDES.rglob("*.html"))}


def with_assets(listed: Any, ours: tuple[str, ...]) -> list[Any]:
    """``extra_css`` or ``extra_javascript`` as a course lists them, with the package's first (in their
    order) and each named once: a course made by an earlier ``init`` still lists them itself."""
    own = [entry for entry in (listed or []) if str(entry) not in ours]
    return [*ours, *own]


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The curriculum plugin's options as mkdocs.yml writes them (``{}`` for a bare ``- curriculum``);
    None when mkdocs.yml does not name the plugin."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, Mapping) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return None


def copies(root: Path, docs_dir: str = "content") -> dict[str, bool]:
    """The generator's files an earlier ``curriculum init`` copied into the course at ``root``, as the course
    names them -> whether the copy is still the same as the package's file (False: the course changed it)."""
    ours: dict[str, Path | None] = {OLD_HOOK: None}
    ours.update({f"overrides/{name}": path for name, path in overrides().items()})
    ours.update({f"{docs_dir}/{name}": path for name, path in site_files().items()})
    found = {}
    for name, path in ours.items():
        copy = root / name
        if copy.is_file() and (path is None or copy.resolve() != path.resolve()):  # a link to ours is no copy
            found[name] = path is None or copy.read_bytes() == path.read_bytes()
    return found
