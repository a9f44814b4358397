"""Positions of model objects in their files: taken from a located document, or found later.

A document read with positions (the fast located reader or the reference loader) gives each
object its positions as it is built. A document read without them (lazy.py) gives each object
a Deferred instead: the same positions, found in the file's text only when a diagnostic asks
where the object is. Both go through ``field_positions`` and ``value_position`` below, so they
cannot differ.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping

from .yaml_source import YamlDocument

_NO_MARKS: dict = {}


def field_positions(doc: YamlDocument, node: dict, ref_fields: Iterable[str] = ()) -> MappingProxyType:
    """Positions of a mapping's values, and of the items of its reference lists."""
    positions = doc.positions
    out = {key: value_pos for key, (_key_pos, value_pos) in positions.get(id(node), _NO_MARKS).items()}
    for key in ref_fields:
        value = node.get(key)
        if not isinstance(value, list):
            continue
        for index, pos in enumerate(positions.get(id(value), ())):
            out[f"{key}/{index}"] = pos
            item = value[index]
            if isinstance(item, dict):
                for sub, (_kp, vp) in positions.get(id(item), _NO_MARKS).items():
                    out[f"{key}/{index}/{sub}"] = vp
    return MappingProxyType(out)


def value_position(doc: YamlDocument, container: Any, key: Any) -> tuple[int, int]:
    """Where ``container[key]`` is; the document's start when that is not known."""
    marks = doc.positions.get(id(container))
    if isinstance(container, dict) and marks and key in marks:
        return marks[key][1]
    if isinstance(container, list) and marks and isinstance(key, int) and key < len(marks):
        return marks[key]
    return doc.root


class Locator:
    """One file's text, read again with positions the first time one is asked for. Where its
    labels start is known without that (``items``: lazy.label_items), so that findings about
    whole labels, the most common, do not need it."""

    __slots__ = ("path", "text", "items", "_read", "_document")

    def __init__(self, path: str, text: str, read, items: tuple[tuple[int, int], ...] = ()):
        self.path, self.text, self.items, self._read, self._document = path, text, items, read, None

    @property
    def document(self) -> YamlDocument:
        if self._document is None:
            self._document = self._read(self.text, self.path)
        return self._document


_MISSING = object()


def _node_at(data: Any, path: tuple) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


class Deferred(Mapping):
    """The position of the value at ``path`` of a file, and the positions of its fields (a
    Mapping, as ``field_positions`` gives them), found on first use."""

    __slots__ = ("locator", "path", "ref_fields", "only", "_fields")

    def __init__(self, locator: Locator, path: tuple, ref_fields: tuple[str, ...] = (), only: tuple[str, ...] = ()):
        # only: the fields the mapping holds (each, when missing, at the node itself), as build_label
        # gives a rule its 'instead' and a near miss its 'use'
        self.locator, self.path, self.ref_fields, self.only, self._fields = locator, path, ref_fields, only, None

    def resolve(self) -> tuple[int, int]:
        if len(self.path) == 2 and self.path[0] == "labels" and self.locator.items:
            return self.locator.items[self.path[1]]
        doc = self.locator.document
        container = _node_at(doc.data, self.path[:-1])
        return value_position(doc, container, self.path[-1]) if container is not _MISSING else doc.root

    def _found(self) -> Mapping:
        if self._fields is None:
            doc = self.locator.document
            node = _node_at(doc.data, self.path)
            found = field_positions(doc, node, self.ref_fields) if isinstance(node, dict) else _NO_MARKS
            self._fields = {name: found.get(name) or self.resolve() for name in self.only} if self.only else found
        return self._fields

    def __getitem__(self, key: str) -> tuple[int, int]:
        return self._found()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())

    def __repr__(self) -> str:  # as the position it stands for, so a model's repr reads the same either way
        return repr(self.resolve())


class Item(tuple):
    """The position of item ``index`` of the list ``key`` of the mapping at ``path`` (a label's
    example, say): ``Item((locator, path, key, index))``, found as a Deferred would find it. One
    small object where a Deferred and its path are two: a big taxonomy has three examples a label."""

    __slots__ = ()

    def resolve(self) -> tuple[int, int]:
        locator, path, key, index = self
        return Deferred(locator, (*path, key, index)).resolve()

    def __repr__(self) -> str:
        return repr(self.resolve())
