"""Safe YAML loading that keeps the file position of every value.

PyYAML's event stream (its C parser when available) is folded into plain dicts,
lists and scalars by our own small builder, so that

* no Python object is ever constructed from a tag (unknown tags are diagnostics),
* duplicate mapping keys are caught (PyYAML silently keeps the last one),
* alias expansion and nesting depth are bounded (billion-laughs, deep nesting),
* plain scalars follow the YAML 1.2 core schema whatever the parser: ``NO``,
  ``on`` or ``yes`` stay strings (the "Norway problem" never renames a label),
* every mapping value, key and list item has a 1-based line and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Location, Severity, line_column

try:  # the C parser is several times faster; the pure-Python one is the fallback
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_FILE_BYTES = 64 * 1024 * 1024
ALIAS_ALLOWANCE = 10_000

_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+\Z")
_OCT = re.compile(r"^0o[0-7]+\Z")
_HEX = re.compile(r"^0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)\Z")

_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}
# Tags PyYAML's full loader turns into imports and calls (as resolved: %TAG directives and %-escapes undone)
_CODE_TAGS = ("tag:yaml.org,2002:python/object", "tag:yaml.org,2002:python/module")
_CORE_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Position = tuple[int, int]


@dataclass
class YamlDocument:
    """Plain data of one YAML document plus the positions of its values.

    ``positions`` maps ``id(container)`` to, for a dict, ``{key: (key_pos, value_pos)}``
    and, for a list, ``[item_pos, ...]``. The document keeps ``data`` alive, so ids are stable.
    """

    path: str
    data: Any
    positions: dict[int, Any] = field(default_factory=dict)
    root: Position = (1, 1)
    plain_texts: dict[Position, str] = field(default_factory=dict)  # as written, for non-string plain scalars

    def written(self, json_path) -> str | None:
        """The text of a plain scalar that did not load as a string (``012``, ``1e3``, ``~``), as written."""
        location = self.locate(json_path)
        return self.plain_texts.get((location.line, location.column))

    def locate(self, json_path, *, key: bool = False) -> Location:
        """Location of the value at ``json_path`` (or of its key), or of its deepest known parent."""
        line, col = self.root
        node = self.data
        for step in json_path:
            marks = self.positions.get(id(node))
            if isinstance(node, dict) and marks is not None and step in marks:
                key_pos, value_pos = marks[step]
                line, col = value_pos
                if key and step == json_path[-1]:
                    line, col = key_pos
                node = node[step]
            elif isinstance(node, list) and marks is not None and isinstance(step, int) and 0 <= step < len(marks):
                line, col = marks[step]
                node = node[step]
            else:
                break
        return Location(self.path, line, col)


class YamlError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _error(code: str, message: str, path: str, line: int, col: int, hint: str | None = None) -> YamlError:
    return YamlError(Diagnostic(code, Severity.ERROR, message, Location(path, line, col), hint))


def too_large(size: int, path: str, hint: str = "split the taxonomy across several files") -> YamlError:
    return _error("TG007", f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit", path, 1, 1, hint)


UTF8_BOM = b"\xef\xbb\xbf"  # tolerated, and dropped, by decode_source
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # looked for before UTF-16's: one starts the same


def decode_source(raw: bytes, path: str) -> str:
    """Bytes to text; UTF-8 only (a UTF-8 BOM is tolerated)."""
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(len(raw), path)
    if raw.startswith(_UTF32_BOMS):
        raise _error("TG005", "file is UTF-32 encoded; taxgen reads UTF-8 only", path, 1, 1,
                     "re-save the file as UTF-8")
    if raw.startswith(_UTF16_BOMS):
        raise _error("TG005", "file is UTF-16 encoded; taxgen reads UTF-8 only", path, 1, 1,
                     "re-save the file as UTF-8")
    if _looks_utf16(raw):
        raise _error("TG005", "file looks UTF-16 encoded (no byte-order mark); taxgen reads UTF-8 only", path, 1, 1,
                     "re-save the file as UTF-8")
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8")
        line, col = line_column(prefix, len(prefix))
        raise _error("TG005", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", path, line, col,
                     "re-save the file as UTF-8") from None


def plain_utf8(raw: bytes) -> bool:
    """Whether decode_source takes the bytes as they are: not too large, no byte-order mark, not
    UTF-16 or UTF-32 (it may still find an invalid UTF-8 byte)."""
    return len(raw) <= MAX_FILE_BYTES and not raw.startswith((UTF8_BOM, *_UTF16_BOMS, *_UTF32_BOMS)) and \
        not _looks_utf16(raw)


def _looks_utf16(raw: bytes) -> bool:
    """ASCII text saved as UTF-16 without a BOM: every other byte of the first characters is NUL."""
    head = raw[:8]
    if len(head) < 4:
        return False
    return (not any(head[1::2]) and all(head[0::2])) or (not any(head[0::2]) and all(head[1::2]))


# Every plain scalar that is not text (null, booleans, numbers) starts with one of these.
_NOT_TEXT_START = frozenset("~nNtTfF+-.0123456789")


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema for an untagged plain scalar."""
    if text and text[0] not in _NOT_TEXT_START:  # most scalars are words: no pattern can match
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Marks:
    """Parser marks as 1-based (line, column), lines ending at '\\n' as editors count them.

    PyYAML also ends lines at a lone CR, NEL, U+2028 and U+2029; only in a text holding one
    of those are positions recomputed from the character index. libyaml puts the end of a
    text without a final newline on a line of its own; that mark becomes the text's last character.
    """

    def __init__(self, text: str, line_offset: int):
        self.line_offset = line_offset
        self.length = len(text)
        self.end = line_column(text, len(text))
        self.starts: list[int] | None = None
        if _ODD_BREAKS.search(text):
            self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def __call__(self, mark) -> Position:
        if mark.index >= self.length:
            return (self.end[0] + self.line_offset, self.end[1])
        if self.starts is None:
            return (mark.line + 1 + self.line_offset, mark.column + 1)
        line = bisect.bisect_right(self.starts, mark.index)
        return (line + self.line_offset, mark.index - self.starts[line - 1] + 1)


class _Builder:
    """Folds a YAML event stream into plain data, recording positions."""

    def __init__(self, path: str, marks: _Marks, lenient_tags: bool = False):
        self.path = path
        self.lenient_tags = lenient_tags
        self.at = marks
        self.positions: dict[int, Any] = {}
        self.plain_texts: dict[Position, str] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.documents = 0
        self.root: Any = None
        self.root_pos: Position = (1 + marks.line_offset, 1)

    def fail(self, code: str, message: str, mark, hint: str | None = None) -> YamlError:
        line, col = self.at(mark)
        return _error(code, message, self.path, line, col, hint)

    def check_tag(self, event) -> str | None:
        tag = event.tag
        if tag in _STR_TAGS or tag in _CORE_TAGS:
            return tag
        if self.lenient_tags and not tag.startswith(_CODE_TAGS):  # mkdocs.yml's !!python/name, !ENV: kept as text
            return "!"
        if self.lenient_tags:  # MkDocs reads mkdocs.yml with PyYAML's full loader: this tag would run code
            raise self.fail("TG006", f"YAML tag '{_as_written(tag)}' is not allowed: MkDocs would run it as "
                                     "Python code when it reads the file", event.start_mark,
                            "remove it; of the Python tags, settings need only !!python/name: (Markdown extensions)")
        raise self.fail("TG006", f"YAML tag '{_as_written(tag)}' is not allowed", event.start_mark,
                        "taxgen reads plain YAML data only; remove the tag")

    def scalar(self, event) -> Any:
        tag = self.check_tag(event)
        value = event.value
        if tag in _STR_TAGS:
            plain = not event.style and tag is None  # C parser: '', Python parser: None
            return resolve_plain(value) if plain else value
        resolved = resolve_plain(value)
        expected = {
            "tag:yaml.org,2002:null": type(None),
            "tag:yaml.org,2002:bool": bool,
            "tag:yaml.org,2002:int": int,
            "tag:yaml.org,2002:float": (float, int),
        }.get(tag)
        if expected is None or not isinstance(resolved, expected) or isinstance(resolved, bool) != (tag.endswith("bool")):
            raise self.fail("TG006", f"{value!r} does not match its tag '{_as_written(tag)}'", event.start_mark)
        return float(resolved) if tag.endswith("float") else resolved

    def build(self, events) -> None:
        # One frame per open mapping or sequence:
        # [container, its positions, pending key, key position, values inside (aliases expanded), anchor]
        stack: list[list] = []
        at, place = self.at, self.place
        count = 0
        for event in events:  # scalars first: they are most of the stream
            count += 1
            kind = type(event)
            if kind is _ScalarEvent:
                pos = at(event.start_mark)
                if event.tag is None:  # untagged: plain scalars resolve, quoted ones are text
                    value = event.value if event.style else resolve_plain(event.value)
                else:
                    value = self.scalar(event)
                if value.__class__ is not str:
                    self.plain_texts[pos] = event.value
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                place(stack, value, pos, 1)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                self.check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail("TG004", f"nesting deeper than {MAX_DEPTH} levels", event.start_mark,
                                    "taxonomy files need only a few levels; flatten the data")
                value, marks = ({}, {}) if kind is _MappingStartEvent else ([], [])
                self.positions[id(value)] = marks
                place(stack, value, at(event.start_mark), 0)
                stack.append([value, marks, _NO_KEY, None, 1, event.anchor])
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                value, _marks, _key, _key_pos, size, anchor = stack.pop()
                if anchor:
                    self.anchors[anchor] = (value, size)
                if stack:
                    stack[-1][4] += size
            elif kind is _AliasEvent:
                if event.anchor not in self.anchors:
                    raise self.fail("TG001", f"unknown alias *{event.anchor}", event.start_mark)
                value, size = self.anchors[event.anchor]
                self.expanded += size
                if self.expanded > ALIAS_ALLOWANCE + count:
                    raise self.fail("TG003", "aliases expand to too many values (alias bomb?)",
                                    event.start_mark, "write the values out instead of nesting aliases")
                place(stack, value, at(event.start_mark), size)
            elif kind is _DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise self.fail("TG001", "a file holds one YAML document; found a second one",
                                    event.start_mark, "remove the '---' separator or split the file")
            # stream start and end, document end: nothing to build

    def place(self, stack: list[list], value: Any, pos: Position, size: int) -> None:
        """Put ``value`` into the innermost open container (or make it the root)."""
        if not stack:
            self.root, self.root_pos = value, pos
            return
        frame = stack[-1]
        container, marks = frame[0], frame[1]
        frame[4] += size
        if container.__class__ is list:
            container.append(value)
            marks.append(pos)
            return
        key = frame[2]
        if key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _error("TG006", "mapping keys must be plain strings", self.path, pos[0], pos[1],
                             "write the key as plain text, not as a list or mapping")
            text = value if value.__class__ is str else _key_text(value)
            if text in container:
                first_line = marks[text][0][0]
                raise _error("TG002", f"duplicate key {text!r} (first defined at line {first_line})",
                             self.path, pos[0], pos[1],
                             "YAML would silently keep only the last value; remove or rename one")
            frame[2], frame[3] = text, pos
            return
        container[key] = value
        marks[key] = (frame[3], pos)
        frame[2], frame[3] = _NO_KEY, None


_NO_KEY = object()
_ScalarEvent, _AliasEvent, _DocumentStartEvent = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MappingStartEvent, _MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStartEvent, _SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _as_written(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` back to the ``!!python/object`` the user wrote."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_yaml(text: str, path: str, *, line_offset: int = 0, lenient_tags: bool = False,
               loader: type = _Loader) -> YamlDocument:
    """Parse one YAML document; raise YamlError with a located diagnostic on bad input."""
    marks = _Marks(text, line_offset)
    builder = _Builder(path, marks, lenient_tags)
    try:
        builder.build(yaml.parse(text, Loader=loader))
    except YamlError:
        raise
    except yaml.reader.ReaderError as exc:
        offset = exc.position  # the C reader counts UTF-8 bytes, the Python one characters
        if loader is not yaml.SafeLoader:
            offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
        line, col = line_column(text, offset)
        line += line_offset
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise _error("TG005", f"character U+{char:04X} is not allowed in YAML ({exc.reason})",
                     path, line, col, "remove control characters and NUL bytes") from None
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader and "maximum nesting depth" in str(exc.problem):
            # libyaml >= 0.2.6 scans ahead to a depth limit of its own (1000): the Python parser
            # has none, so the builder reports TG004 where level 65 opens, whatever the libyaml
            return parse_yaml(text, path, line_offset=line_offset, lenient_tags=lenient_tags,
                              loader=yaml.SafeLoader)
        mark = exc.problem_mark or exc.context_mark
        line, col = marks(mark) if mark else (1 + line_offset, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise _error("TG001", f"YAML syntax error: {problem}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise _error("TG001", f"YAML syntax error: {exc}", path, 1 + line_offset, 1) from None
    except RecursionError:
        raise _error("TG004", "nesting too deep", path, 1 + line_offset, 1) from None
    return YamlDocument(path=path, data=builder.root, positions=builder.positions, root=builder.root_pos,
                        plain_texts=builder.plain_texts)


def load_yaml_bytes(raw: bytes, path: str) -> YamlDocument:
    return parse_yaml(decode_source(raw, path), path)
