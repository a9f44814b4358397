"""Taxonomy files read by yaml-rs alone, their positions found only for diagnostics.

A check of a clean project reports nothing, so it needs no positions; building marks for every
value of a 100,000-label taxonomy took most of a check's time. A taxonomy file that yaml-rs
reads and that its compiled schema validator finds valid is therefore loaded from yaml-rs's
data alone: its model objects carry positions.Deferred, and the file is read again with
positions (fast.parse: the located reader cross-checked by yaml-rs, else the reference loader)
only when a diagnostic asks where one of them is.

The data must be what the reference loader makes of the file, or the check would differ. Any
file where yaml-rs and the reference loader may disagree takes the located path from the start:

* characters, line breaks and tabs the reference loader treats otherwise (fast._OUTSIDE);
* a text without a final line break (yaml-rs gives a block scalar on the last line one), a
  block scalar with an indentation indicator or keep chomping (``|2``, ``>+``), and an empty one;
* anchors, aliases and tags (``&``, ``*``, ``!`` where a key or value starts, outside block
  scalars and one-line quoted scalars; also in plain prose, which only costs speed), directives, complex keys (``?``), flow mappings, and flow sequences that
  hold a quote, a colon, a comment, another collection or an item starting with an indicator,
  or go on after their line;
* plain scalars YAML 1.2's core schema keeps as text and yaml-rs reads as numbers: ``1_000``,
  ``_8``, ``0b1``, ``0X1F``, ``0O7``, ``+0x1`` (tests/fastpath/test_lazy.py compares the two on
  generated number-like scalars);
* a file yaml-rs rejects (duplicate keys, syntax errors) or does not read as one mapping (a
  second document), a golden items file, or one the compiled schema validator does not find
  valid: their diagnostics need positions anyway. The taxonomy schema closes every mapping and
  types every value, so a valid file holds no merge key (``<<``) and nothing nested deeper than
  a few levels (the reference loader's nesting limit, 64, cannot be reached).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import fast, fast_schema
from .fast_schema import certainly_valid
from .positions import Locator
from .yaml_source import Location

# The patterns below are searched only when a character they need is in the text: a regex over
# all of a 30 MB text costs about as much as yaml-rs's reading of it, a character search almost nothing.
#
# A flow sequence yaml-rs reads as the reference loader does: on one line, its items plain text
# with no colon, comment, bracket or brace, none starting with a quote or an indicator (`[>]`,
# `[a, -]` are refused by the reference loader, `[:0]` read otherwise). Every `[` where a value
# starts must start one (elsewhere, in prose, it is text).
_FLOW_ITEM = r"[^-?|>!&*%@`,\]\n\[{}#:'\" ][^\]\n\[{}#:,]*"
_PLAIN_FLOW = re.compile(rf"\[[ ]*(?:{_FLOW_ITEM}(?:,[ ]*{_FLOW_ITEM})*(?:,[ ]*)?)?\][ ]*(?:#[^\n]*)?(?=\n)")
# A quoted scalar on one line, where a key or value may start (or after a space in prose, where
# cutting it out hides only more prose); `don't` starts none.
_QUOTED = re.compile(r"""(?<![^ \n:,\[-])(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*(?:''[^'\n]*)*')""")
# a block scalar's header (`|`, `>-`, ...) at the end of a line, after a key or a dash
_BLOCK_HEADER = re.compile(r"(?::[ ]+|^[ ]*-[ ]+|^[ ]*)([|>])([^ \n#]*)[ ]*(?:#.*)?$", re.M)
_COMPLEX_KEY = re.compile(r"^[ ]*(?:-[ ]+)*\?(?:[ ]|$)", re.M)
_PREFIXED_NUMBER = re.compile(r"0[bBoOxX]")
_VALUE_START = frozenset(":[,-\n")  # what comes before a value's or key's start, spaces aside
_ASCII_INSIDE = bytes(range(0x20, 0x7F)) + b"\n"  # what fast._OUTSIDE lets through of ASCII
_TOKEN_END = frozenset(" \n[,")  # what comes before a plain scalar's first character


class LazyDocument:
    """A schema-valid taxonomy file's data, with a Locator for the positions.

    It has no ``positions``: its data are not the objects the located document's positions are
    keyed by, so positions are asked by path (``locate``) or through positions.Deferred.
    """

    def __init__(self, path: str, data: dict, locator: Locator):
        self.path, self.data, self.locator = path, data, locator
        self.valid_for = {"taxonomy"}  # loading/fast_schema.known_valid skips validating it again
        self.built: list | None = None  # its labels, when built as it was read (loading/readahead.py)

    def locate(self, json_path, *, key: bool = False) -> Location:
        return self.locator.document.locate(json_path, key=key)


def read_lazily(text: str, path: str, schema: dict) -> LazyDocument | None:
    """The file as a LazyDocument, or None when it must be read with positions (see above)."""
    if fast.fast_parser_name() is None or fast_schema.jsonschema_rs is None or not _safe(text):
        return None
    try:
        data = fast.yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # rejected: the located readers report it with a position
        return None
    if not isinstance(data, dict) or "golden_items" in data or not certainly_valid(data, "taxonomy", schema):
        return None
    labels = data.get("labels")
    items = label_items(text, len(labels)) if isinstance(labels, list) else ()
    return LazyDocument(path, data, Locator(path, text, fast.parse, items))


def _safe(text: str) -> bool:
    """False when the text may hold something yaml-rs reads otherwise than the reference loader."""
    if _outside(text) or not text.endswith("\n"):  # yaml-rs ends a last block scalar with a break it lacks
        return False
    text = _without_block_bodies(text)  # prose there is only text, whatever characters it holds
    if text is not None and ('"' in text or "'" in text):
        text = _QUOTED.sub('""', text)  # and so it is in quotes
    if text is None or "{" in text or ("%" in text and ("\n%" in text or text.startswith("%"))):
        return False
    if ("?" in text and _COMPLEX_KEY.search(text)) or ("[" in text and not _plain_flows(text)):
        return False
    return not any(_starts_value(text, match.start()) for char in "&*!_" for match in _every(char, text)) and \
        not any(_starts_value(text, match.start(), sign=True) for match in _PREFIXED_NUMBER.finditer(text))


def _plain_flows(text: str) -> bool:
    plain = [match.start() for match in _PLAIN_FLOW.finditer(text)]
    if len(plain) == text.count("["):
        return True
    plain_set = set(plain)
    return not any(_starts_value(text, match.start()) for match in re.finditer(r"\[", text)
                   if match.start() not in plain_set)


def _without_block_bodies(text: str) -> str | None:
    """The text with the content lines of its block scalars cut out; None when one is not of the
    kind yaml-rs reads as the reference loader does (see _block_end)."""
    if "|" not in text and ">" not in text:
        return text
    pieces, position = [], 0
    for header in _BLOCK_HEADER.finditer(text):
        if header.start() < position:
            continue  # a '|' or '>' in a body already cut out
        end = _block_end(text, header)
        if end is None:
            return None
        pieces.append(text[position:header.end()])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _block_end(text: str, header: re.Match) -> int | None:
    """Where a block scalar's content ends (at the line break before the next line that is not
    blank and not indented beyond the key); None for a block scalar with an indentation
    indicator or keep chomping (``|2``, ``>+``), or an empty one (yaml-rs reads it as a line break)."""
    if header.group(2) not in ("", "-"):
        return None
    line_start = text.rfind("\n", 0, header.start()) + 1
    line = text[line_start:header.start(1)]
    key = line.lstrip(" -")
    # `- key: |`: the key's column counts; `- |`: the dash's (the body need only be right of it)
    indent = len(line) - len(key) if key else line.rstrip().rfind("-")
    end = _body_end(indent).search(text, header.end())
    end = end.start() if end else len(text) - 1
    return end if text[header.end() + 1:end].strip(" \n") else None


@lru_cache(maxsize=None)
def _body_end(indent: int) -> re.Pattern:
    """A line break followed by a line that is neither blank nor indented beyond ``indent``."""
    return re.compile(rf"\n(?![ ]{{{indent + 1}}}|[ ]*(?:\n|\Z))")


def _outside(text: str) -> bool:
    """Whether the text holds a character fast._OUTSIDE matches. ASCII text, the common case, is
    tested by deleting its printable bytes (several times faster than the regex)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_INSIDE))
    return fast._OUTSIDE.search(text) is not None


def _every(char: str, text: str):
    return re.finditer(re.escape(char), text) if char in text else ()


def _starts_value(text: str, index: int, sign: bool = False) -> bool:
    """Whether ``text[index]`` begins a key or value (after ``:``, ``-``, ``[``, ``,`` or at a line's
    start, spaces aside). A prefixed number may follow a sign; an underscore counts when the plain
    scalar it is in starts as a number (a sign, a digit, a point or an underscore)."""
    before = index - 1
    if sign and before >= 0 and text[before] in "+-":
        before -= 1
    elif text[index] == "_":
        while before >= 0 and text[before] not in _TOKEN_END:
            before -= 1
        token = text[before + 1:index + 1].lstrip("+-")
        if token[0] not in "0123456789._":
            return False  # a word, such as do_not_use_when
    while before >= 0 and text[before] == " ":
        before -= 1
    return before < 0 or text[before] in _VALUE_START


def label_items(text: str, count: int) -> tuple[tuple[int, int], ...]:
    """Where each item of the top-level ``labels`` block sequence starts (line, and column of its
    first key: where the located readers put the item), found in the text: () unless exactly
    ``count`` items are found (then a label's position is found by reading the file again, and
    incremental.py re-checks that file in full).

    Only for a file yaml-rs read and the schema found valid: there, the block ends at the first
    line that starts left of its items with anything but a comment, and a line that starts with
    ``-`` at its items' column starts an item (block scalars are indented further).
    """
    found_list = labels_list(text)
    if found_list is None:
        return ()
    start, stop, items = found_list
    line, position, found = text.count("\n", 0, start) + 2, start, []  # line: the one after position
    for item in items.finditer(text, start, stop):
        line += text.count("\n", position, item.start())
        position = item.start()
        found.append((line, item.end() - item.start()))  # the key's column, counted from 1
    return tuple(found) if len(found) == count else ()


_LABELS_HEAD = re.compile(r"^labels:[ ]*(?:#.*)?\n", re.M)
_FIRST_DASH = re.compile(r"(?:[ ]*(?:#.*)?\n)*([ ]*)-(?:[ ]|\n)")  # blank and comment lines before it


def labels_list(text: str) -> tuple[int, int, re.Pattern] | None:
    """Where the top-level ``labels`` block sequence is (see label_items): the line break before
    its first item, where it ends, and the pattern that finds its items' starts (a line break, the
    items' indentation, a dash and the spaces before the item's first key); None without one."""
    head = _LABELS_HEAD.search(text)
    first = _FIRST_DASH.match(text, head.end()) if head else None
    if first is None:
        return None
    indent = first.group(1)
    end = _list_end(indent).search(text, first.start(1))
    return first.start(1) - 1, end.start() if end else len(text), _item_start(indent)


@lru_cache(maxsize=None)
def _list_end(indent: str) -> re.Pattern:
    """A line that starts left of the items (comments aside): it ends the list."""
    return re.compile(r"\n(?:[^- \n#]|-[^ \n])" if not indent else r"\n[^ \n#]")


@lru_cache(maxsize=None)
def _item_start(indent: str) -> re.Pattern:
    return re.compile(re.escape("\n" + indent) + r"-[ ]+(?![ #\n])")  # a literal start: a fast search
