"""The fast path of YAML loading: the same YamlDocument as the reference loader, built faster.

The reference loader (yaml_source.parse_yaml) folds PyYAML's event stream in Python and
spends most of its time creating an event and two marks per value. Taxonomy files are
nearly always written in one simple shape: block mappings and sequences, one value per
line, plain or quoted scalars and ``|``/``>`` block scalars. For that shape the position
of every key and value follows from the line and column where it starts, so this module
reads such files line by line into the same plain data, positions and written texts.

Two things keep the result identical to the reference loader:

* anything outside the simple shape (flow collections, anchors, aliases, tags, tabs,
  multi-line plain scalars, duplicate keys, control characters, ...) makes the reader give
  up, and the reference loader reads that file, reporting any problem with its own
  located diagnostic and message;
* the data read this way is compared with what the fastest available YAML parser (yaml-rs)
  makes of the same text; any difference also hands the file to the reference loader.
  Scalars are resolved by yaml_source.resolve_plain (YAML 1.2 core schema) here, never
  by the fast parser, so ``NO``, ``on`` or ``yes`` stay strings whatever it does.

Without yaml-rs installed, or with ``TAXGEN_PARSER=pyyaml``, every file takes the
reference path.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import yaml_source
from .yaml_source import YamlDocument, resolve_plain

try:
    import yaml_rs
except ImportError:  # the optional `taxgen[fast]` extra
    yaml_rs = None

PARSER_VARIABLE = "TAXGEN_PARSER"
_MAX_DEPTH = 32  # deeper files go to the reference loader, whose limit (64) reports them

# What the reference loader treats differently or rejects: characters PyYAML refuses, other
# line breaks (CR, NEL, LS, PS), tabs, a byte-order mark inside the text.
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# First characters that start something other than a plain scalar (indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Plain scalars that resolve_plain may turn into numbers or null start with one of these;
# the only others that are not text are these words (a property test keeps this in step).
_NUMBER_START = frozenset("~0123456789+-.")
_WORDS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))
_BLOCK_HEADER = re.compile(r"([|>])([+-]?)(?: +#.*)?\Z")
_FLOW_SPECIAL = re.compile("[][{}#:'\"]")  # what a flow sequence read here may not hold


class _GiveUp(Exception):
    """The text leaves the simple shape: the reference loader reads it."""


@contextmanager
def gc_paused():
    """Keep the cyclic garbage collector off the objects that loading creates.

    Loading creates millions of dicts, lists and dataclasses and no reference cycles, so the
    collector finds nothing in them, yet its passes over the growing heap cost more than the
    parsing itself on a 100,000-label project. It is paused while loading; at the end the
    loaded objects move to the permanent generation (gc.freeze), so that later passes skip
    them too. Reference counting still frees them when the model is dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def fast_path_enabled() -> bool:
    """False when ``TAXGEN_PARSER=pyyaml`` asks for the reference path alone (no cache either)."""
    return os.environ.get(PARSER_VARIABLE, "").lower() != "pyyaml"


def fast_parser_name() -> str | None:
    """The parser the fast path checks its reading against, or None (reference path only)."""
    if yaml_rs is None or not fast_path_enabled():
        return None
    return f"yaml-rs {getattr(yaml_rs, '__version__', '')}".strip()


def open_cache(build_dir: Path):
    """The document cache of a project (a cache.DocumentCache), or None on the reference path."""
    if not fast_path_enabled():
        return None
    from .cache import CACHE_FOLDER, DocumentCache

    return DocumentCache(build_dir / CACHE_FOLDER)


def load_document(text: str, path: str, cache=None) -> YamlDocument:
    """The document of a project file: from ``cache`` (see open_cache) when it has it, else parsed.

    Raises yaml_source.YamlError, exactly as the reference loader does, on bad input.
    """
    if not fast_path_enabled():
        return yaml_source.parse_yaml(text, path)
    if cache is None:
        return _parse(text, path)[0]
    key = cache.key(text)  # hashing a 30 MB file takes a while: once
    cached = cache.get(text, path, key)
    if cached is not None:
        return cached
    doc, containers = _parse(text, path)
    return cache.adopt(doc, text, containers, key)


def parse(text: str, path: str) -> YamlDocument:
    """The YamlDocument of ``text``: fast when possible, else the reference loader's.

    Raises yaml_source.YamlError, exactly as the reference loader does, on bad input.
    """
    return _parse(text, path)[0]


def _parse(text: str, path: str) -> tuple[YamlDocument, list | None]:
    """The document, and its containers when the fast reader made them (None otherwise)."""
    if fast_parser_name() is not None:
        read = _read(text, path)
        if read is not None and _same_as_fast_parser(text, read[0].data):
            return read
    return yaml_source.parse_yaml(text, path), None


def _same_as_fast_parser(text: str, data: Any) -> bool:
    """Whether yaml-rs reads the same data: a guard against any misreading of the shape."""
    try:
        other = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any failure of the guard: the reference loader decides
        return False
    return _equal(data, other)


def _equal(ours: Any, theirs: Any) -> bool:
    # == alone would let 1 == 1.0 == True pass; the scalars' types were checked while reading
    # (resolve_plain), so a type mismatch can only come from a structural misreading, which
    # also changes the values. A NaN never equals itself: such a file takes the reference path.
    return type(ours) is type(theirs) and ours == theirs


def read_simple(text: str, path: str) -> YamlDocument | None:
    """Read a file of the simple shape with positions (no cross-check); None for other shapes."""
    read = _read(text, path)
    return None if read is None else read[0]


def _read(text: str, path: str) -> tuple[YamlDocument, list] | None:
    """The fast reader's document and the containers it made; None for any other shape."""
    if _OUTSIDE.search(text):
        return None
    reader = _Reader(text)
    try:
        data, root = reader.read()
    except _GiveUp:
        return None
    doc = YamlDocument(path=path, data=data, positions=reader.positions, root=root, plain_texts=reader.plain_texts)
    return doc, reader.containers


class _Frame:
    """An open block mapping or sequence: its column, the container and its positions."""

    __slots__ = ("column", "container", "marks")

    def __init__(self, column: int, container: Any, marks: Any):
        self.column, self.container, self.marks = column, container, marks


class _Reader:
    """One pass over the lines with a stack of open blocks.

    Positions follow the reference loader's (libyaml's marks, 1-based): a key or scalar at
    its first character (the quote or ``|``/``>`` indicator included), a block mapping at its
    first key, a block sequence at its first ``-``, an empty value (null) just after its
    ``:`` or ``-``.
    """

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.final_break = self.lines[-1] == ""
        if self.final_break:
            self.lines.pop()  # what follows the last line break is not a line
        self.positions: dict[int, Any] = {}
        self.containers: list[Any] = []  # every dict and list made, for the cache
        self.plain_texts: dict[tuple[int, int], str] = {}  # non-string plain scalars as written
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_pos: tuple[int, int] | None = None
        # a `key:` or `-` whose value is on the lines below: (frame, key, key position, empty value position)
        self.pending: tuple | None = None

    def read(self) -> tuple[Any, tuple[int, int]]:
        # The hot loop: one iteration per line, the common cases inline (10^6 lines in a
        # 100,000-label file); anything unusual goes through the helpers below.
        lines = self.lines
        stack = self.stack
        total = len(lines)
        number = 0
        deepest = None  # after a scalar, a more indented line would continue it (or be an error)
        started = False
        while number < total:
            line = lines[number]
            rest = line.lstrip(" ")
            if not rest or rest[0] == "#":
                number += 1
                continue
            column = len(line) - len(rest)
            if deepest is not None and column > deepest:
                raise _GiveUp
            if column == 0 and (rest[0] in ".%" or rest.startswith("---")):
                if started or rest.rstrip(" ") != "---":
                    raise _GiveUp  # directives, document markers other than a leading `---`
                number += 1
                continue
            started = True
            if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                top = stack[-1] if stack else None
                if self.pending is None and top is not None and top.column == column and type(top.container) is list:
                    frame = top
                else:
                    frame = self._frame_for(column, number, True)
                inner = rest[1:].lstrip(" ")
                if not inner or inner[0] == "#":
                    self.pending = (frame, None, None, (number + 1, column + 2))
                    deepest = None
                    number += 1
                    continue
                inner_column = column + len(rest) - len(inner)
                colon = _key_end(inner)
                if colon < 0:  # `- scalar`
                    frame.marks.append((number + 1, inner_column + 1))
                    value = inner.rstrip(" ")  # a plain text, as in lists of examples: the common case inline
                    if inner[0] in _INDICATORS or inner[0] in _NUMBER_START or value in _WORDS or " #" in inner:
                        value, number = self._scalar(inner, number, inner_column, column)
                    else:
                        number += 1
                    frame.container.append(value)
                    deepest = column
                    continue
                mapping: dict = {}  # `- key: ...` opens a mapping at the key's column
                marks: dict = {}
                frame.container.append(mapping)
                frame.marks.append((number + 1, inner_column + 1))
                self.positions[id(mapping)] = marks
                self.containers.append(mapping)
                frame = self._push(inner_column, mapping, marks)
                number, deepest = self._entry(frame, inner, colon, number, inner_column)
                continue
            colon = _key_end(rest)
            if colon < 0:
                raise _GiveUp  # a bare scalar on its own line
            top = stack[-1] if stack else None
            if self.pending is None and top is not None and top.column == column and type(top.container) is dict:
                frame = top
            else:
                frame = self._frame_for(column, number, False)
            number, deepest = self._entry(frame, rest, colon, number, column)
        if not started:
            raise _GiveUp  # empty files: the reference loader says so
        self._settle_pending()
        self.lines = []  # a million strings in a big file: freed before the cross-check parses it again
        return self.root, self.root_pos

    # ---- blocks --------------------------------------------------------------------------------
    def _frame_for(self, column: int, number: int, sequence: bool) -> _Frame:
        """The open block a ``-`` entry (``sequence``) or a key at ``column`` belongs to."""
        pending = self.pending
        if pending is not None:
            frame, key, key_pos, _empty = pending
            if column > frame.column or (sequence and key is not None and column == frame.column):
                self.pending = None  # the new block is the value of the pending `key:` or `-`
                container, marks = ([], []) if sequence else ({}, {})
                self.positions[id(container)] = marks
                self.containers.append(container)
                self._place(frame, key, key_pos, container, (number + 1, column + 1))
                return self._push(column, container, marks)
            self._settle_pending()
        stack = self.stack
        while stack and stack[-1].column > column:
            stack.pop()
        if not sequence and stack and stack[-1].column == column and type(stack[-1].container) is list:
            stack.pop()  # a key ends the sequence written at its mapping's column (`key:\n- item`)
        if not stack:
            if self.root_pos is not None:
                raise _GiveUp
            container, marks = ([], []) if sequence else ({}, {})
            self.positions[id(container)] = marks
            self.containers.append(container)
            self.root, self.root_pos = container, (number + 1, column + 1)
            return self._push(column, container, marks)
        top = stack[-1]
        if top.column != column or (type(top.container) is list) != sequence:
            raise _GiveUp  # YAML reports these as errors
        return top

    def _push(self, column: int, container: Any, marks: Any) -> _Frame:
        if len(self.stack) >= _MAX_DEPTH:
            raise _GiveUp
        frame = _Frame(column, container, marks)
        self.stack.append(frame)
        return frame

    def _place(self, frame: _Frame, key: str | None, key_pos, value: Any, value_pos) -> None:
        if key is None:
            frame.container.append(value)
            frame.marks.append(value_pos)
        else:
            frame.container[key] = value
            frame.marks[key] = (key_pos, value_pos)

    def _settle_pending(self) -> None:
        """Nothing more indented followed the pending `key:` or `-`: its value is null."""
        if self.pending is not None:
            frame, key, key_pos, empty_pos = self.pending
            self.pending = None
            self.plain_texts[empty_pos] = ""
            self._place(frame, key, key_pos, None, empty_pos)

    # ---- entries and scalars -----------------------------------------------------------------
    def _entry(self, frame: _Frame, text: str, colon: int, number: int, column: int) -> tuple[int, int | None]:
        """``key: value`` at ``column``; returns the next line and the deepest column allowed next."""
        if text[0] in _INDICATORS:
            raise _GiveUp  # quoted, complex or empty keys (`"a":`, `? a`, `: a`)
        key = text[:colon]
        if key[-1] == " ":
            key = key.rstrip(" ")
        if len(key) > 1000 or key[0] in _NUMBER_START or key in _WORDS:
            raise _GiveUp  # long keys, or keys that are not text (`1:`, `true:`)
        mapping = frame.container
        if key in mapping:
            raise _GiveUp  # duplicate keys get the reference loader's diagnostic
        key_pos = (number + 1, column + 1)
        after = text[colon + 1:].lstrip(" ")
        if not after or after[0] == "#":
            self.pending = (frame, key, key_pos, (number + 1, column + colon + 2))
            return number + 1, None
        value_column = column + len(text) - len(after)
        value_pos = (number + 1, value_column + 1)
        if after[0] in _INDICATORS:
            value, following = self._scalar(after, number, value_column, column)
        else:  # a plain scalar, by far the most common value: inline
            comment = after.find(" #")
            plain = after[:comment].rstrip(" ") if comment >= 0 else after.rstrip(" ")
            if plain.find(": ") >= 0 or plain[-1] == ":":
                raise _GiveUp  # YAML reports these as errors
            value = resolve_plain(plain) if plain[0] in _NUMBER_START or plain in _WORDS else plain
            if type(value) is not str:
                self.plain_texts[value_pos] = plain
            following = number + 1
        mapping[key] = value
        frame.marks[key] = (key_pos, value_pos)
        return following, column

    def _scalar(self, text: str, number: int, column: int, owner: int) -> tuple[Any, int]:
        """The scalar written at ``column`` of line ``number``: its value and the next line."""
        first = text[0]
        if first == "'" or first == '"':
            value, end = _quoted(text)
            if text[end:].lstrip(" ")[:1] not in ("", "#") or text[end:end + 1] not in ("", " "):
                raise _GiveUp
            return value, number + 1
        if first == "|" or first == ">":
            header = _BLOCK_HEADER.match(text)
            if header is None:
                raise _GiveUp  # indentation indicators and other rare headers
            return self._block(number, owner, header.group(1), header.group(2))
        if first == "[":
            return self._flow_sequence(text, number, column), number + 1
        if first in _INDICATORS and (first not in "-?:" or len(text) == 1 or text[1] == " "):
            raise _GiveUp  # flow mappings, anchors, aliases, tags, reserved characters
        comment = text.find(" #")
        plain = (text[:comment] if comment >= 0 else text).rstrip(" ")
        if ": " in plain or plain[-1] == ":":
            raise _GiveUp  # YAML reports these as errors
        value = _plain(plain)
        if type(value) is not str:
            self.plain_texts[(number + 1, column + 1)] = plain
        return value, number + 1

    def _flow_sequence(self, text: str, number: int, column: int) -> list:
        """``[a, b, c]`` closed on its line, of plain scalars without ``:``, ``#`` or quotes."""
        end = text.find("]")
        if end < 0 or text[end + 1:].strip(" ") or _FLOW_SPECIAL.search(text, 1, end):
            raise _GiveUp  # nested, multi-line, commented, or items that need a closer look
        items: list[Any] = []
        marks: list[tuple[int, int]] = []
        inner = text[1:end]
        if inner.strip(" "):
            offset = column + 1
            for part in inner.split(","):
                item = part.lstrip(" ")
                plain = item.rstrip(" ")
                if not plain or plain[0] in _INDICATORS and (plain[0] != "-" or len(plain) == 1 or plain[1] == " "):
                    raise _GiveUp  # empty entries, indicators (PyYAML reads `?x` in a flow as a key, not text)
                position = (number + 1, offset + len(part) - len(item) + 1)
                value = _plain(plain)
                if type(value) is not str:
                    self.plain_texts[position] = plain
                items.append(value)
                marks.append(position)
                offset += len(part) + 1
        self.positions[id(items)] = marks
        self.containers.append(items)
        return items

    def _block(self, number: int, owner: int, style: str, chomping: str) -> tuple[str, int]:
        """A ``|`` or ``>`` block scalar whose header is on line ``number``: value, next line."""
        lines = self.lines
        indent = None
        content: list[str] = []
        blank_run = 0
        index = number + 1
        while index < len(lines):
            line = lines[index]
            stripped = line.lstrip(" ")
            if not stripped:
                if len(line) > (0 if indent is None else indent):
                    raise _GiveUp  # whitespace-only lines that carry spaces into the value
                blank_run += 1
                content.append("")
                index += 1
                continue
            spaces = len(line) - len(stripped)
            if indent is None:
                if spaces <= owner:
                    break
                indent = spaces
            elif spaces < indent:
                if spaces > owner:
                    raise _GiveUp  # a less indented line inside the scalar
                break
            blank_run = 0
            content.append(line[indent:])
            index += 1
        if indent is None or index == len(lines) and not self.final_break:
            raise _GiveUp  # empty block scalars, or no line break after the last line (blank or not)
        body = content[:len(content) - blank_run] if blank_run else content
        text = "\n".join(body) if style == "|" else _fold(body)
        if chomping == "-":
            return text, index
        if chomping == "+":
            return text + "\n" * (blank_run + 1), index
        return text + "\n", index


def _key_end(text: str) -> int:
    """Index of the ``:`` that ends a key on this line, or -1 when the line holds a scalar."""
    colon = text.find(": ")
    if colon < 0:
        if text[-1] != ":":
            return -1
        colon = len(text) - 1
    if "#" in text:
        comment = text.find(" #")
        if 0 <= comment < colon:
            return -1
    return colon


def _quoted(text: str) -> tuple[str, int]:
    """A quoted scalar closed on its line: its value and the index after the closing quote."""
    if text[0] == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[:end]:
            raise _GiveUp  # multi-line, or escapes
        return text[1:end], end + 1
    index = 1
    while True:
        end = text.find("'", index)
        if end < 0:
            raise _GiveUp  # multi-line
        if text[end + 1:end + 2] == "'":
            index = end + 2
            continue
        return text[1:end].replace("''", "'"), end + 1


def _plain(text: str) -> Any:
    """resolve_plain, skipping its regular expressions for text that can only be text."""
    if text and text[0] not in _NUMBER_START and text not in _WORDS:
        return text
    return resolve_plain(text)


def _fold(lines: list[str]) -> str:
    """Folded block scalar body: line breaks between text lines become spaces."""
    if any(line.startswith(" ") for line in lines):
        raise _GiveUp  # more-indented lines keep their breaks: left to the reference loader
    out: list[str] = []
    breaks = 0
    for line in lines:
        if not line:
            breaks += 1
            continue
        if out:
            out.append("\n" * breaks if breaks else " ")
        elif breaks:
            out.append("\n" * breaks)
        out.append(line)
        breaks = 0
    return "".join(out)
