"""Read one YAML file into plain Python data and remember where every value stands.

PyYAML composes the file into nodes, which carry their line and column; we turn
the nodes into dicts, lists and scalars ourselves and keep a map from each value's
field path to its position. Later stages (model validation, cross-references) use
that map to point an instructor at the exact line of a problem.

The scalar rules are deliberately smaller than YAML 1.1: only ``true``/``false``
are booleans, ``13:00`` stays the text "13:00" (not the number 780), and dates
stay text until the models parse them. Problems are reported, never raised as
PyYAML tracebacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Path, Problem, format_path
from .say import say

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40  # blocks and lists inside each other; no module file needs more than a dozen
MAX_DIGITS = 30  # of a number; every number in a module file is far shorter

# Typographic quotes (as word processors write them) by the opening one: the closing ones that may end a text
# wrapped in them. A plain text wrapped in a pair is read as if it were quoted (``check`` warns about it).
TYPOGRAPHIC = {"“": "”", "”": "”", "„": "“”", "«": "»", "»": "«", "‘": "’", "’": "’", "‚": "‘’"}
_ALL_TYPOGRAPHIC = "".join(TYPOGRAPHIC)
# What was opened and not closed (PyYAML's ``context``): the message that says so.
OPENED = {
    "quoted scalar": "report.yaml.unclosed_quote",
    "flow sequence": "report.yaml.unclosed_bracket",
    "flow mapping": "report.yaml.unclosed_brace",
}
# The message for a syntax error: the first whose words are in PyYAML's description of it.
SYNTAX = (
    (("expected a single document", "expected '<document start>'"), "report.yaml.documents"),
    (("found undefined alias",), "report.yaml.undefined_alias"),
    (("found unacceptable character", "special characters are not allowed"), "report.yaml.control"),
    (("expected ',' or ']'", "expected ',' or '}'"), "report.yaml.flow"),
    (("found unknown escape character",), "report.yaml.escape"),
    (("that cannot start any token",), "report.yaml.cannot_start"),
    (("but found '-'", "but found '<block sequence start>'"), "report.yaml.list_item_misplaced"),
    (("did not find expected '-' indicator",), "report.yaml.list_item_misplaced"),
    (("but found '<scalar>'", "but found ']'", "but found '}'"), "report.yaml.text_after_value"),
    (("expected <block end>", "did not find expected key"), "report.yaml.indentation"),
)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Loader(yaml.SafeLoader):
    """A SafeLoader with a small, predictable set of implicit scalar types."""

    yaml_implicit_resolvers: dict = {}


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]  # a base chosen at run time
    """The same rules on libyaml's C parser, when PyYAML has it: used first, for speed."""

    yaml_implicit_resolvers: dict = {}


for _loader in {_Loader, _FastLoader}:
    _loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    _loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    _loader.add_implicit_resolver(
        _FLOAT,
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    _loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


@dataclass
class Document:
    """One YAML file: its data and the position of every value and key in it."""

    file: str
    data: Any = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # For text values: where the value's source ends (line, column), to find a spot inside it.
    ends: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str = field(default="", repr=False)
    # Plain texts that were wrapped in typographic quotes, read as if quoted: the quotes seen, e.g. "“…”".
    typographic: dict[Path, str] = field(default_factory=dict)
    # A shared file as a course adapts it (``validation.adapt``): the fields its override file gives, by path,
    # with that file's document, which says where each of their values stands.
    parts: dict[Path, Document] = field(default_factory=dict)

    def origin(self, path: Path) -> Document:
        """The document that gave the value at ``path``: the override file's for a field it gives, else this."""
        if self.parts:
            path = tuple(path)
            for part, doc in self.parts.items():
                if path[: len(part)] == part:
                    return doc
        return self

    def file_at(self, path: Path) -> str:
        """The file that gave the value at ``path``."""
        return self.origin(path).file

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``.

        With ``key=True`` the position of the key naming it, where there is one.
        A path that does not exist (a missing field) falls back to its nearest
        existing parent, which is where the field should be added.
        """
        path = tuple(path)
        if self.parts and self.origin(path) is not self:
            return self.origin(path).position(path, key=key)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def inside(self, path: Path, value: str, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset`` of the text ``value`` at ``path``.

        Found in the file by counting: the n-th ``[`` of the value is the n-th ``[`` of its source (block
        scalars, plain and quoted text write such characters as they are). Falls back to where the value
        starts when the character is not found there (an escape in a quoted text, for one).
        """
        path = tuple(path)
        if self.parts and self.origin(path) is not self:
            return self.origin(path).inside(path, value, offset)
        start, end = self.values.get(path), self.ends.get(path)
        if start is None or end is None or not 0 <= offset < len(value) or not self.text:
            return self.position(path)
        wanted, count = value[offset], value.count(value[offset], 0, offset)
        lines = self.text.split("\n")
        line, column = start[0] - 1, start[1] - 1
        while line < min(end[0], len(lines)):
            row = lines[line]
            stop = end[1] - 1 if line == end[0] - 1 else len(row)
            index = row.find(wanted, column, stop)
            while index != -1:
                if count == 0:
                    return line + 1, index + 1
                count -= 1
                index = row.find(wanted, index + 1, stop)
            line, column = line + 1, 0
        return self.position(path)

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.file_at(path), line, column, format_path(tuple(path)), message)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _at(file: str, line: int, column: int, key: str, path: Path = (), /, **facts: Any) -> Problem:
    """The problem ``key`` of the catalogue (its placeholders filled from ``facts``) at a line and column."""
    return Problem(file, line, column, format_path(path), say(key, **facts))


# A backslash escape in a double-quoted text: \\, \uXXXX, \UXXXXXXXX or any other one character.
_ESCAPE = re.compile(r"\\\\|\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\.", re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Converter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0
        self.open: set[int] = set()  # the nodes being converted: an alias to one of them never ends

    def convert(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge()
        self.doc.values[path] = _mark(node)
        if isinstance(node, ScalarNode) and node.end_mark is not None:
            self.doc.ends[path] = (node.end_mark.line + 1, node.end_mark.column + 1)
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self.open:
                return self._refuse(node, path, "report.loader.alias_in_itself")
            if len(path) >= MAX_DEPTH:
                return self._refuse(node, path, "report.loader.nested", depth=MAX_DEPTH)
            self.open.add(id(node))
            try:
                return self._container(node, path)
            finally:
                self.open.discard(id(node))
        assert isinstance(node, ScalarNode)  # a YAML node is a mapping, a sequence or a scalar
        return self._scalar(node, path)

    def _refuse(self, node: Node, path: Path, key: str, /, **facts: Any) -> Any:
        """Report the message ``key`` at ``node`` and give no value for it."""
        self.problems.append(_at(self.doc.file, *_mark(node), key, path, **facts))
        return None

    def _container(self, node: MappingNode | SequenceNode, path: Path) -> Any:
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if node.tag != _SEQ:
            return self._refuse(node, path, "report.loader.tag", tag=node.tag)
        return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any] | None:
        if node.tag != _MAP:
            return self._refuse(node, path, "report.loader.tag", tag=node.tag)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._refuse(key_node, path, "report.loader.key_not_plain")
                continue
            key = str(key_node.value)
            key_path = path + (key,)
            if self._surrogate(key_node, path):  # (named by its block: the key cannot be printed)
                continue
            line = _mark(key_node)[0]
            if key in first_seen:
                self._refuse(key_node, key_path, "report.loader.key_twice", key=key, first=first_seen[key])
                continue
            first_seen[key] = line
            if self._split_text(key_node, value_node, key_path):
                continue
            self.doc.keys[key_path] = _mark(key_node)
            result[key] = self.convert(value_node, key_path)
        return result

    def _split_text(self, key_node: ScalarNode, value_node: Node, path: Path) -> bool:
        """Report a text in typographic quotes holding ': ' that YAML read as a field (``- “Rolle: leder”``)."""
        key, value = str(key_node.value), getattr(value_node, "value", None)
        if key_node.style or not key or key[0] not in TYPOGRAPHIC or not isinstance(value, str):
            return False
        if not value or value[-1] not in TYPOGRAPHIC[key[0]]:
            return False
        text = f"{key}: {value}"
        self.problems.append(
            _at(
                self.doc.file,
                *_mark(key_node),
                "report.loader.typographic_key",
                path[:-1],
                text=text,
                key=key,
                quote=key[0],
            )
        )
        return True

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        value = node.value
        if node.tag == _STR:
            return None if self._surrogate(node, path) else self._unwrap(node, path)
        if node.tag in (_INT, _FLOAT) and sum(ch.isdigit() for ch in value) > MAX_DIGITS:
            return self._refuse(node, path, "report.loader.long_number", digits=sum(ch.isdigit() for ch in value))
        if node.tag == _INT:
            return int(value)
        if node.tag == _FLOAT:
            return float(value)
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _NULL:
            return None
        return self._refuse(node, path, "report.loader.tag", tag=node.tag)

    def _unwrap(self, node: ScalarNode, path: Path) -> str:
        """A plain text wrapped in a pair of typographic quotes (“Borgerperspektiv”, as Word writes it) without
        another one inside, as if it were quoted: without them (``typographic`` keeps what was seen)."""
        value = node.value
        if not node.style and len(value) > 2 and value[-1] in TYPOGRAPHIC.get(value[0], ""):
            inner = value[1:-1]
            if not any(ch in _ALL_TYPOGRAPHIC for ch in inner) and inner.strip():
                self.doc.typographic[path] = f"{value[0]}…{value[-1]}"
                return inner
        return value

    def _surrogate(self, node: ScalarNode, path: Path) -> bool:
        """Report a text holding half of a character (a surrogate: only an escape such as \\ud800 in a
        double-quoted text makes one), at its escape; such a text cannot be written as UTF-8."""
        found = _SURROGATE.search(node.value)
        if found is None:
            return False
        high, low = found.group(), node.value[found.end() : found.end() + 1]
        if "\ud800" <= high < "\udc00" and "\udc00" <= low <= "\udfff":  # a pair, as JSON writes 😀
            code = 0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00)
            key, facts = "report.loader.surrogate_pair", {"character": chr(code), "yaml_escape": f"\\U{code:08X}"}
            facts["escape"] = f"\\u{ord(high):04x}\\u{ord(low):04x}"
        else:
            key, facts = "report.loader.lone_surrogate", {"escape": f"\\u{ord(high):04x}"}
        self.problems.append(_at(self.doc.file, *self._escape_position(node), key, path, **facts))
        return True

    def _escape_position(self, node: ScalarNode) -> tuple[int, int]:
        """Line and column of the first escape in ``node``'s text that writes a surrogate, else of the text."""
        text = self.doc.text
        start = _offset(text, node.start_mark.line, node.start_mark.column)
        end = _offset(text, node.end_mark.line, node.end_mark.column)
        for escape in _ESCAPE.finditer(text, start, end):
            digits = escape.group(1) or escape.group(2)
            if digits and 0xD800 <= int(digits, 16) <= 0xDFFF:
                return _line_column(text, escape.start())
        return _mark(node)


def _offset(text: str, line: int, column: int) -> int:
    """The index in ``text`` of a 0-based line and column."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    return start + column


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of the index ``offset`` in ``text``."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


class _TooLarge(Exception):
    pass


def _syntax_problem(file: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A syntax error in plain words, at the place the mistake probably is (where a quote opened, the line
    without a colon), not always where YAML gave up."""
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or ""
    opened = next((kind for kind in OPENED if kind in (error.context or "")), None)
    if (
        opened and error.context_mark is not None and "escape" not in what
    ):  # point at where it was opened, not where YAML gave up
        where = error.context_mark
        return _at(file, where.line + 1, where.column + 1, OPENED[opened], line=line)
    runaway = _runaway_quote(text, error.problem_mark)
    if runaway is not None:  # a quote closed, much later, by the first quote of another text
        return _at(file, runaway.line + 1, runaway.column + 1, "report.yaml.runaway_quote", line=line)
    quote = _typographic_start(text, mark)
    if quote:
        return _at(file, line, col, "report.yaml.typographic", quote=quote)
    if "'\\t'" in what or "\t" in what:
        return _at(file, line, col, "report.yaml.tab")
    if "could not find expected ':'" in what and error.context_mark is not None:  # at the line without one
        return _at(file, error.context_mark.line + 1, error.context_mark.column + 1, "report.yaml.missing_colon")
    if "mapping values are not allowed" in what:
        return _at(file, line, col, _colon_key(text, mark))
    if error.context in ("while scanning an alias", "while scanning an anchor") and error.context_mark is not None:
        where = error.context_mark  # a text starting with * or &: at its first character
        character = text.split("\n")[where.line][where.column : where.column + 1]
        return _at(file, where.line + 1, where.column + 1, "report.yaml.cannot_start", character=character)
    key = next((key for words, key in SYNTAX if any(w in what for w in words)), "report.yaml.other")
    found = _FOUND.search(what)
    return _at(file, line, col, key, what=what, character=found.group(1) if found else "", code=_code(what))


# The character PyYAML names: "found character '@' that cannot start any token", "but found '*'".
_FOUND = re.compile(r"found (?:character )?'(.)'")


def _code(what: str) -> str:
    """The escape PyYAML did not know: "found unknown escape character 'd'" -> ``\\d``."""
    found = _FOUND.search(what) or re.search(r"character '(.)'", what)
    return "\\" + found.group(1) if found else "\\"


def _colon_key(text: str, mark: yaml.Mark | None) -> str:
    """A colon YAML did not expect: in a text after a field's own colon (``title: Rolle: leder``), or a field
    indented under a field that has a value already (``id: a`` then ``  title: x``)."""
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return "report.yaml.colon_in_text"
    before = lines[mark.line][: mark.column]
    return (
        "report.yaml.colon_in_text"
        if ": " in before or before.rstrip().endswith(":")
        else "report.yaml.indented_too_far"
    )


# A line whose value starts with a typographic quote: ``title: “Rolle: leder”``, ``- “a: b”``.
_TYPOGRAPHIC_VALUE = re.compile(rf"^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?([{_ALL_TYPOGRAPHIC}])")


def _typographic_start(text: str, mark: yaml.Mark | None) -> str:
    """The typographic quote that starts the value on ``mark``'s line, where one does; else ''."""
    if mark is None:
        return ""
    lines = text.split("\n")
    found = _TYPOGRAPHIC_VALUE.match(lines[mark.line]) if mark.line < len(lines) else None
    return found.group(1) if found else ""


# A line that starts a field (``title:``, ``- module:``): in a quoted text, the sign its quote ran on.
_FIELD_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")


def _runaway_quote(text: str, problem: yaml.Mark | None) -> yaml.Mark | None:
    """Where a quoted text opens that ran on over the lines of other fields to the line of ``problem``.

    A quote left open is closed by the next quote in the file, often the first of another field's text many
    lines later, where YAML then gives up. When the last quoted text before the problem spans several lines,
    ends on the problem's line and holds lines that look like fields, its quote is the mistake.
    """
    if problem is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if (token.start_mark.line, token.start_mark.column) >= (problem.line, problem.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass  # the tokens before the error are all there is
    if last is None or not last.start_mark.line < last.end_mark.line == problem.line:
        return None
    lines = text.split("\n")[last.start_mark.line + 1 : last.end_mark.line + 1]
    lines[-1] = lines[-1][: last.end_mark.column - 1]  # the closing line, before the closing quote
    return last.start_mark if any(_FIELD_LINE.match(line) for line in lines) else None


def load_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text; return the document and the problems found in it."""
    doc = Document(file, text=text)
    try:
        root = yaml.compose(text, Loader=_FastLoader)
    except RecursionError:
        return doc, [_too_deep(file, text)]
    except yaml.YAMLError:
        root = None  # parse again below with the pure-Python parser, whose messages we know
    else:
        return _convert(doc, root)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        return doc, [_too_deep(file, text)]
    except yaml.MarkedYAMLError as error:
        return doc, [_syntax_problem(file, text, error)]
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        return doc, [_at(file, line, column, "report.loader.control_character", character=error.character)]
    except yaml.YAMLError as error:  # an unmarked error: report it without a traceback
        return doc, [_at(file, 1, 1, "report.yaml.other", what=error)]
    return _convert(doc, root)


def _too_deep(file: str, text: str) -> Problem:
    """The problem of a file nested too deeply for the parser: at the bracket that opens level MAX_DEPTH."""
    depth, line, column, quote = 0, 1, 0, ""
    for ch in text:
        column += 1
        if ch == "\n":
            line, column = line + 1, 0
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth == MAX_DEPTH:
                return _at(file, line, column, "report.loader.brackets_too_deep", depth=MAX_DEPTH)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return _at(file, 1, 1, "report.loader.file_too_deep", depth=MAX_DEPTH)


def _convert(doc: Document, root: Node | None) -> tuple[Document, list[Problem]]:
    file = doc.file
    if root is None:
        return doc, [_at(file, 1, 1, "report.loader.empty")]
    converter = _Converter(doc)
    try:
        doc.data = converter.convert(root, ())
    except _TooLarge:
        return doc, [_at(file, 1, 1, "report.loader.too_many_values", count=MAX_NODES)]
    problems = converter.problems
    if not isinstance(doc.data, dict) and not problems:
        problems.append(_at(file, *doc.position(()), "report.loader.not_fields"))
    return doc, problems


def load_file(path: FsPath, display: str) -> tuple[Document, list[Problem]]:
    """Read and parse one file; every failure comes back as a problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Document(display), [_at(display, 1, 1, "report.loader.unreadable", reason=error.strerror, file=display)]
    if len(raw) > MAX_FILE_BYTES:
        facts = {"size": len(raw) / 1_000_000, "limit": MAX_FILE_BYTES // 1_000_000}
        return Document(display), [_at(display, 1, 1, "report.loader.too_big", **facts)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Document(display), [_at(display, line, column, "report.loader.not_utf8", byte=raw[error.start])]
    return load_text(text, display)
