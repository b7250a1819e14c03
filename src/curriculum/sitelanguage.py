"""The theme and the search must speak the course's language: one check for every front end.

Material writes its own words (the search box, "Skip to content", the palette switch) in
``theme.language``, and the search stems words by ``plugins.search.lang``; the generator writes the
course's pages in ``language:`` of course.yml. When they differ the site speaks two languages, so the
MkDocs hook and ``curriculum zensical`` stop the build with one problem per setting that differs, naming
the settings file (mkdocs.yml, or the file it inherits the setting from), the line and what to write:

    mkdocs.yml:13:3: theme.language is 'da', but the course's language (language: in course.yml) is 'en';
    write `language: en` there

Reads mkdocs.yml with PyYAML only (no MkDocs, no Babel): the front ends pass the values they read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

SEARCH_PLUGINS = ("search", "material/search")


def primary(language: str) -> str:
    """``en-GB`` -> ``en`` (as ``messages.primary``, without importing Babel: the hook runs this on every
    build, also one that takes its pages from the build cache)."""
    return language.replace("_", "-").split("-")[0].lower()


def search_lang(config: Mapping[str, Any]) -> Any:
    """The search plugin's ``lang`` in mkdocs.yml's settings (a language, a list of them, or None)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, Mapping):
            for name in SEARCH_PLUGINS:
                if isinstance(entry.get(name), Mapping):
                    return entry[name].get("lang")
    return None


def _node(root: yaml.Node | None, keys: tuple[str, ...]) -> tuple[yaml.Node | None, yaml.Mark | None]:
    """The node at ``keys`` and the mark of its key; a key may also name an entry of a list of plugins
    (``plugins: [{search: {lang: da}}]``, ``plugins: [search]``)."""
    mark = None
    for key in keys:
        if isinstance(root, yaml.SequenceNode):
            root = next(
                (
                    item
                    for item in root.value
                    if (isinstance(item, yaml.ScalarNode) and item.value == key)
                    or (isinstance(item, yaml.MappingNode) and any(k.value == key for k, _ in item.value))
                ),
                None,
            )
            if isinstance(root, yaml.ScalarNode):
                return root, root.start_mark
        if not isinstance(root, yaml.MappingNode):
            return None, mark
        match = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if match is None:
            return None, mark
        mark, root = match[0].start_mark, match[1]
    return root, mark


def locate(config_file: Path, keys: tuple[str, ...]) -> tuple[str, bool]:
    """(``mkdocs.yml:13:3``, True): where ``keys`` is written in ``config_file`` or in the file it inherits
    it from. When it is written nowhere: where its nearest parent is (``theme:`` for ``theme.language``),
    or line 1, and False."""
    best: str | None = None
    path: Path | None = config_file
    while path is not None:
        try:
            root = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            break
        for depth in range(len(keys), 0, -1):
            node, mark = _node(root, keys[:depth])
            if node is not None and mark is not None:
                where = f"{path}:{mark.line + 1}:{mark.column + 1}"
                if depth == len(keys):
                    return where, True
                best = best or where
                break
        parent, _ = _node(root, ("INHERIT",))
        path = path.parent / str(parent.value) if isinstance(parent, yaml.ScalarNode) else None
    return best or f"{config_file}:1:1", False


def problems(config_file: Path, theme_language: Any, search: Any, course_language: str) -> list[str]:
    """One problem per setting of ``config_file`` whose language is not the course's (primary subtags
    compared: ``en-GB`` is English). ``theme_language``: theme.language (None: Material's default,
    English); ``search``: the search's ``lang`` (None: not set, which follows the theme)."""
    from .say import speaking  # (the catalogues only when there is something to say)

    with speaking(course_language):  # in the course's language, whatever the front end speaks
        return _problems(config_file, theme_language, search, course_language)


def _problems(config_file: Path, theme_language: Any, search: Any, course_language: str) -> list[str]:
    from .say import say

    course = primary(course_language)
    found = []
    if primary(str(theme_language or "en")) != course:
        where, written = locate(config_file, ("theme", "language"))
        if written and theme_language:
            found.append(
                f"{where}: {say('report.sitelanguage.theme', theme=theme_language, course=course_language, code=course)}"
            )
        else:
            found.append(f"{where}: {say('report.sitelanguage.theme_unset', course=course_language, code=course)}")
    langs = search if isinstance(search, list) else [search] if search else []
    if langs and course not in [primary(str(lang)) for lang in langs]:
        located = [locate(config_file, ("plugins", name, "lang")) for name in SEARCH_PLUGINS]
        where = next((w for w, written in located if written), located[0][0])
        found.append(
            f"{where}: {say('report.sitelanguage.search', search=search, course=course_language, code=course)}"
        )
    return found
