"""The generator's own files of every course site, shipped inside the package (``curriculum/theme/``):

- ``overrides/``: the theme's templates (the 404 page and the footer in the course's language);
- ``stylesheets/``: the site's style sheets, in the order the site loads them;
- ``javascripts/``: the site's scripts (none of them makes a request to another host).

The built site gets each style sheet and script minified (``served``: rcssmin, rjsmin); the package keeps the
readable source. A page loads only the files it uses (``load_only_used``): every page the ones ``USED_WHERE``
gives no marks, any other page a file only when its markup carries one of that file's marks — what the file
styles or acts on, written as in CSS: ``.block`` (the class ``block`` or one of its BEM elements or
modifiers, ``block__x``, ``block--y``), ``[name]`` (an attribute of that name) or ``#id`` (a word of the
markup that reads like one counts too: at worst a page loads a file it does not need).
So a page declares what it needs by what is on it (a picture, a logbook, the programme), whichever builder
made it and whether the engine or the course wrote it.

Every front end with a theme takes them from here, so that upgrading the package upgrades every course:
the MkDocs plugin (``curriculum.mkdocs_plugin``) adds them to the build's files, to ``extra_css`` and
``extra_javascript`` and the overrides as a theme folder; ``curriculum zensical`` copies them into the
plain project it writes. A course's ``mkdocs.yml`` names none of them. Nothing here imports a builder.

``copies`` lists the files a course made by an earlier ``curriculum init`` still carries (it copied them);
``curriculum check`` tells the course which of them it can delete.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import buildcache

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
#: Where each file is loaded: on every page (no marks), or only on a page with one of its marks (see above).
#: A new kind of picture or page that needs a file carries one of its marks, or adds one here.
USED_WHERE: dict[str, tuple[str, ...]] = {
    "stylesheets/extra.css": (),
    "stylesheets/visuals.css": (".course-visual", ".course-assess"),  # the pictures, the wheel's form
    "stylesheets/print.css": (),  # any page may be printed
    "stylesheets/logbook.css": (".course-logbook",),
    "javascripts/next.js": ("#course-next", "[data-course-start]"),  # the front page's box, the programme
    "javascripts/shorttitle.js": (),  # the header of every page; a page's print button
    # the wheel's form (the logbook's wheel table finds the rounds on its own where this is not loaded)
    "javascripts/selfassessment.js": ("[data-course-assess]",),
    "javascripts/logbook.js": ("[data-course-logbook]", "[data-course-logbook-page]", "[data-course-logbook-sheet]"),
    "javascripts/radar.js": (".course-radar",),
}
#: The plugin's name in mkdocs.yml (``plugins: - curriculum``; pyproject.toml's entry point).
PLUGIN = "curriculum"
#: What an earlier ``curriculum init`` copied into a course beside the files above (in ``docs_dir``).
OLD_HOOK = "hooks/curriculum_hook.py"


def site_files() -> dict[str, Path]:
    """The style sheets and scripts: their address in the built site -> the file in the package."""
    return {name: ROOT / name for name in (*STYLESHEETS, *SCRIPTS)}


def served(name: str) -> bytes:
    """A style sheet or script (``site_files``' name) as the built site serves it: minified. Made once per
    version of the file (a live preview makes it again after the file is saved)."""
    stat = (ROOT / name).stat()
    return _minified(name, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _minified(name: str, mtime_ns: int, size: int) -> bytes:
    return minified(name, (ROOT / name).read_text("utf-8")).encode("utf-8")


def minified(name: str, text: str) -> str:
    """``text``, the style sheet or script ``name``, minified: comments and needless white space left out."""
    if name.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(text)
    import rjsmin

    return rjsmin.jsmin(text)


_SPACE = frozenset(" \t\n\r\f")
_QUOTE = frozenset("\"'")
#: What may stand before and after a mark's word: (before, after, two characters after instead).
_AROUND = {
    ".": (_SPACE | _QUOTE, _SPACE | _QUOTE, ("__", "--")),  # a class, or a BEM element or modifier of it
    "[": (_SPACE, _SPACE | frozenset("=/>"), ()),  # an attribute's name
    "#": (_QUOTE, _QUOTE, ()),  # an id's value (``id=`` before it)
}


@dataclass(frozen=True)
class _Mark:
    """One mark as a page's markup writes it: ``word``, with what may stand before and after it."""

    kind: str  # ".", "[" or "#"
    word: str

    @classmethod
    def of(cls, mark: str) -> _Mark:
        kind, word = mark[0], mark.strip(".#[]")
        assert kind in ".[#" and word, f"a mark is .class, [attribute] or #id: {mark}"
        return cls(kind, word)

    def on(self, page: str) -> bool:
        """Whether ``page`` has the mark (plain searches for the word: fast, a page has few of them)."""
        before, after, pairs = _AROUND[self.kind]
        size = len(self.word)
        at = page.find(self.word)
        while at != -1:
            if (
                page[at - 1 : at] in before
                and (page[at + size : at + size + 1] in after or page[at + size : at + size + 2] in pairs)
                and (self.kind != "#" or page[at - 4 : at - 1] == "id=")
            ):
                return True
            at = page.find(self.word, at + 1)
        return False


_USED = {name: tuple(_Mark.of(mark) for mark in marks) for name, marks in USED_WHERE.items() if marks}
# Where the builder names one of the files: a style sheet's <link> or a script's <script> element (MkDocs'
# extra_css and extra_javascript, Zensical's, the theme's head), at the site's root or above the page.
_NAMED = re.compile(
    r"""<link\b[^<>]*?\shref="(?:\.\./|\./|/[^"]*/|/)*(?P<css>stylesheets/[\w.-]+\.css)(?:\?[^"]*)?"[^<>]*>"""
    r"""|<script\b[^<>]*?\ssrc="(?:\.\./|\./|/[^"]*/|/)*(?P<js>javascripts/[\w.-]+\.js)(?:\?[^"]*)?"[^<>]*>\s*</script>"""
)
_TAG_START = re.compile(r"<(?:link|script)\b")


def used(page: str) -> set[str]:
    """The files ``page`` (a built page's HTML) uses: every page's, and those whose marks are on it."""
    return {name for name in USED_WHERE if name not in _USED or any(mark.on(page) for mark in _USED[name])}


def load_only_used(page: str) -> str:
    """``page`` (a built page's HTML) without the ``<link>`` and ``<script>`` elements of the generator's files
    it does not use (``USED_WHERE``), each with the white space before it on its line and its line's end;
    every other element is left as it is. What to leave out of a page built before, unchanged, is remembered
    (``buildcache``: by the page's digest)."""
    digest = hashlib.sha256(b"assets\0" + page.encode("utf-8", "surrogatepass")).digest()
    cuts = buildcache.recall(digest)
    if cuts is None:
        cuts = tuple(_unused(page))
        buildcache.remember(digest, cuts)
    for begin, end in reversed(cuts):
        page = page[:begin] + page[end:]
    return page


def _unused(page: str) -> list[tuple[int, int]]:
    """Where ``page`` names a file of ours it does not use: (begin, end) of each such element's lines, in order."""
    cuts = []
    needed: set[str] | None = None
    for folder in ("stylesheets/", "javascripts/"):  # a handful of places in a page: found by plain search
        at = page.find(folder)
        while at != -1:
            begin = page.rfind("<", 0, at)
            match = _NAMED.match(page, begin) if _TAG_START.match(page, begin) else None
            name = match and (match.group("css") or match.group("js"))
            if match and name in _USED:
                needed = used(page) if needed is None else needed
                if name not in needed:
                    cuts.append(_whole_lines(page, begin, match.end()))
            at = page.find(folder, match.end() if match else at + 1)
    return sorted(cuts)


def _whole_lines(page: str, begin: int, end: int) -> tuple[int, int]:
    """``begin``-``end`` with the spaces and tabs before it and, when its line ends there, the line's end."""
    while begin > 0 and page[begin - 1] in " \t":
        begin -= 1
    while end < len(page) and page[end] in " \t":
        end += 1
    if end < len(page) and page[end] == "\n":
        end += 1
    return begin, end


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
