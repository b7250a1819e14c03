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

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40  # blocks and lists inside each other; no module file needs more than a dozen
MAX_DIGITS = 30  # of a number; every number in a module file is far shorter

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

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``.

        With ``key=True`` the position of the key naming it, where there is one.
        A path that does not exist (a missing field) falls back to its nearest
        existing parent, which is where the field should be added.
        """
        path = tuple(path)
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
        return Problem(self.file, line, column, format_path(tuple(path)), message)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
                return self._refuse(
                    node,
                    path,
                    "an alias (*name) is used inside the block its anchor (&name) marks, so the block "
                    "would contain itself without end; remove the alias",
                )
            if len(path) >= MAX_DEPTH:
                return self._refuse(
                    node,
                    path,
                    f"the values are nested more than {MAX_DEPTH} levels deep here (lists or blocks inside "
                    "each other); check the brackets and the indentation",
                )
            self.open.add(id(node))
            try:
                return self._container(node, path)
            finally:
                self.open.discard(id(node))
        assert isinstance(node, ScalarNode)  # a YAML node is a mapping, a sequence or a scalar
        return self._scalar(node, path)

    def _refuse(self, node: Node, path: Path, message: str) -> None:
        """Report ``message`` at ``node`` and give no value for it."""
        line, col = _mark(node)
        self.problems.append(Problem(self.doc.file, line, col, format_path(path), message))

    def _container(self, node: MappingNode | SequenceNode, path: Path) -> Any:
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if node.tag != _SEQ:
            self._bad_tag(node, path)
            return None
        return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self._bad_tag(node, path)
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _mark(key_node)
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        col,
                        format_path(path),
                        "a key must be a plain name followed by a colon, e.g. 'title:'",
                    )
                )
                continue
            key = str(key_node.value)
            key_path = path + (key,)
            line, col = _mark(key_node)
            if key in first_seen:
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        col,
                        format_path(key_path),
                        f"'{key}' is given twice in the same block (first on line "
                        f"{first_seen[key]}); keep only one of them",
                    )
                )
                continue
            first_seen[key] = line
            self.doc.keys[key_path] = (line, col)
            result[key] = self.convert(value_node, key_path)
        return result

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        value = node.value
        if node.tag == _STR:
            return value
        if node.tag in (_INT, _FLOAT) and sum(ch.isdigit() for ch in value) > MAX_DIGITS:
            line, col = _mark(node)
            self.problems.append(
                Problem(
                    self.doc.file,
                    line,
                    col,
                    format_path(path),
                    (
                        f"this number has {sum(ch.isdigit() for ch in value)} digits, more than any field takes; "
                        "correct it, or put it in quotes if it is meant as text"
                    ),
                )
            )
            return None
        if node.tag == _INT:
            return int(value)
        if node.tag == _FLOAT:
            return float(value)
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _NULL:
            return None
        return self._bad_tag(node, path)

    def _bad_tag(self, node: Node, path: Path) -> None:
        line, col = _mark(node)
        self.problems.append(
            Problem(
                self.doc.file,
                line,
                col,
                format_path(path),
                f"the YAML tag {node.tag!r} is not supported here; remove it",
            )
        )
        return None


class _TooLarge(Exception):
    pass


_OPENED = {"quoted scalar": "the quote", "flow sequence": "the bracket [", "flow mapping": "the brace {"}
_CLOSE = {
    "quoted scalar": "add the same quote where the text ends",
    "flow sequence": "add ']' where the list ends",
    "flow mapping": "add '}' where the block ends",
}


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or "the file is not valid YAML"
    hint = "check the indentation and the colons on this line and the one above"
    opened = next((kind for kind in _OPENED if kind in (error.context or "")), None)
    if opened and error.context_mark is not None:  # point at where it was opened, not where YAML gave up
        where = error.context_mark
        return Problem(
            file,
            where.line + 1,
            where.column + 1,
            "",
            (
                f"YAML syntax error: {_OPENED[opened]} opened here is not closed (YAML gave up on line {line}: "
                f"{what}); {_CLOSE[opened]}, or remove {_OPENED[opened]}"
            ),
        )
    if "'\\t'" in what or "\t" in what:
        what, hint = "a tab character is used", "indent with spaces, not tabs"
    elif "mapping values are not allowed" in what:
        hint = "a text containing ': ' must be put in quotes, or written on its own line after '>-'"
    elif "expected a single document" in what or "expected '<document start>'" in what:
        hint = "a module file holds one document: remove the extra '---' line"
    elif "found undefined alias" in what:
        hint = "an alias '*name' needs an anchor '&name' earlier in the file"
    elif "found unacceptable character" in what or "special characters are not allowed" in what:
        hint = "remove the invisible control character, or save the file again as plain text"
    return Problem(file, line, col, "", f"YAML syntax error: {what}; {hint}")


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
        return doc, [_syntax_problem(file, error)]
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        return doc, [
            Problem(
                file,
                line,
                column,
                "",
                f"the file contains the control character #x{error.character:04x}, "
                "which YAML does not allow; delete it (it may be invisible in your editor)",
            )
        ]
    except yaml.YAMLError as error:  # an unmarked error: report it without a traceback
        return doc, [Problem(file, 1, 1, "", f"YAML syntax error: {error}")]
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
                return Problem(
                    file,
                    line,
                    column,
                    "",
                    (
                        f"more than {MAX_DEPTH} brackets are opened inside each other here; check the brackets "
                        "(a text that starts with [ or { must be put in quotes)"
                    ),
                )
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return Problem(
        file,
        1,
        1,
        "",
        (
            f"the file is nested more than {MAX_DEPTH} levels deep (lists or blocks "
            "inside each other); check the indentation"
        ),
    )


def _convert(doc: Document, root: Node | None) -> tuple[Document, list[Problem]]:
    file = doc.file
    if root is None:
        return doc, [Problem(file, 1, 1, "", "the file is empty; fill it in or delete it")]
    converter = _Converter(doc)
    try:
        doc.data = converter.convert(root, ())
    except _TooLarge:
        return doc, [
            Problem(
                file,
                1,
                1,
                "",
                f"the file expands to more than {MAX_NODES} values "
                "(check anchors and aliases); split it or remove the aliases",
            )
        ]
    problems = converter.problems
    if not isinstance(doc.data, dict) and not problems:
        line, col = doc.position(())
        problems.append(
            Problem(file, line, col, "", "the file must hold fields such as 'id:' and 'title:', one per line")
        )
    return doc, problems


def load_file(path: FsPath, display: str) -> tuple[Document, list[Problem]]:
    """Read and parse one file; every failure comes back as a problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Document(display), [
            Problem(
                display,
                1,
                1,
                "",
                (
                    f"cannot read the file ({error.strerror}); make it readable for your user (e.g. chmod u+rw "
                    f"{display}) or move it out of the modules folder"
                ),
            )
        ]
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) / 1_000_000
        return Document(display), [
            Problem(
                display,
                1,
                1,
                "",
                f"the file is {size:.1f} MB, more than the {MAX_FILE_BYTES // 1_000_000} MB a module "
                "file may be; split it into smaller modules",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Document(display), [
            Problem(
                display,
                line,
                column,
                "",
                f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                "save it again with the encoding UTF-8 in your editor",
            )
        ]
    return load_text(text, display)
