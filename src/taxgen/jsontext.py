"""JSON input that refuses duplicate keys, as the YAML loader does.

Python's json keeps the last of two equal keys without a word, so ``{"label": "a", "label": "b"}``
would silently become ``b``. ``loads`` raises ``DuplicateKey`` instead, located at the second key.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .diagnostics import line_column


class DuplicateKey(ValueError):
    def __init__(self, key: str, line: int, column: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line, self.column = key, line, column

    @property
    def message(self) -> str:
        return f"duplicate key {self.key!r} (JSON would silently keep only the last one)"


class _Duplicate(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        raise _Duplicate(next(key for key, _ in pairs if key in seen or seen.add(key)))
    return mapping


_decode = json.JSONDecoder(object_pairs_hook=_unique_keys).decode


def loads(text: str) -> Any:
    """``json.loads`` of a text; a duplicate key raises DuplicateKey with its line and column."""
    try:
        return _decode(text)
    except _Duplicate as exc:
        line, column = _second_key_position(text, exc.key)
        raise DuplicateKey(exc.key, line, column) from None


# Strings and the punctuation that tells keys from values; numbers, literals and commas do not matter.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _second_key_position(text: str, key: str) -> tuple[int, int]:
    """Line and column of the first key repeated within one object (only asked once one is known)."""
    objects: list[set | None] = []  # keys seen in each open object; None for an open array
    pending: tuple[str, int] | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{" or token == "[":
            objects.append(set() if token == "{" else None)
        elif token == "}" or token == "]":
            if objects:
                objects.pop()
        elif token == ":" and pending is not None and objects and objects[-1] is not None:
            name, start = pending
            if name == key and name in objects[-1]:
                return line_column(text, start)
            objects[-1].add(name)
        pending = (json.loads(token), match.start()) if token[0] == '"' else None
    return 1, 1
