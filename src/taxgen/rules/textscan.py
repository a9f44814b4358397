"""Many texts looked through at once, to find the few a rule must check closely.

A rule that tests every text of 100,000 labels one by one spends most of its time in Python's
per-text overhead. Joined into one string by a separator, the texts are searched by one pass of
C code (str.find, a regular expression); only the few texts a search hits are worked out (by
counting separators) and handed to the rule's exact check. A search is a pre-filter: it may hit
texts the exact check then clears, never miss one the exact check would flag.
"""

from __future__ import annotations

import re
from functools import cached_property, partial
from itertools import chain, count, repeat
from typing import Callable, Iterable, Iterator, Sequence, Sized

SEPARATOR = "\x00"
_SEPARATOR_BYTE = b"\x00"


class JoinedTexts:
    """``texts`` joined by SEPARATOR, and the indexes of the texts that searches hit.

    YAML can write the separator ("\\0"): when a text holds it, the texts cannot be told apart in
    the joined string, and a search that hits anything answers "every text" (the rule then checks
    them all). So does any search over anything but texts (which the exact check then meets as it
    always did)."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.size = len(texts)
        try:
            self.joined: str | None = SEPARATOR.join(texts)
        except TypeError:
            self.joined = None

    @cached_property
    def separable(self) -> bool:
        """Whether no text holds the separator (counted only when a search needs it: 20 MB take 9 ms)."""
        return self.joined is not None and self.joined.count(SEPARATOR) == self.size - 1

    def containing(self, *needles: str) -> list[int]:
        """Indexes (ascending) of the texts that contain any of ``needles`` (which hold no separator).
        A text holding the separator is found all the same, so separators are counted only on a hit."""
        if self.joined is None:
            return list(range(self.size))
        found: set[int] = set()
        for needle in needles:
            find = partial(self.joined.find, needle)
            if find(0) != -1:
                if not self.separable:
                    return list(range(self.size))
                found.update(self._hit_indexes(self.joined, find))
        return sorted(found)

    def matching(self, pattern: re.Pattern | bytes | str, within: str | bytes | None = None) -> list[int]:
        """Indexes (ascending) of the texts where ``pattern`` (a regular expression, or a plain text
        to find) hits. It must not match a separator: a text holding one would be searched in pieces,
        so separators are counted first. ``within``: the joined text changed in a way that keeps
        every separator and adds none (e.g. reduced to its digits), to be searched instead."""
        haystack = self.joined if within is None else within
        if haystack is None or not (self.separable if haystack is self.joined else
                                    haystack.count(_separator_of(haystack)) == self.size - 1):
            return list(range(self.size))
        if isinstance(pattern, re.Pattern):
            def find(start: int) -> int:
                match = pattern.search(haystack, start)
                return -1 if match is None else match.start()
        else:
            find = partial(haystack.find, pattern)
        return list(self._hit_indexes(haystack, find))

    @staticmethod
    def _hit_indexes(haystack: str | bytes, find: Callable[[int], int]) -> Iterator[int]:
        """The index of each text in which ``find(start)`` (the first hit at or after ``start``,
        or -1) hits, searching each text once: after a hit, on from the next text. Only for
        separable texts."""
        separator = _separator_of(haystack)
        index, counted_to, position = 0, 0, find(0)
        while position != -1:
            index += haystack.count(separator, counted_to, position)
            yield index
            end = haystack.find(separator, position)
            if end == -1:
                return
            index, counted_to = index + 1, end + 1
            position = find(end + 1)


def _separator_of(haystack: str | bytes) -> str | bytes:
    return SEPARATOR if isinstance(haystack, str) else _SEPARATOR_BYTE


def owner_indexes(groups: Iterable[Sized]) -> list[int]:
    """For each item of the groups (flattened in order), the index of the group it belongs to."""
    return list(chain.from_iterable(map(repeat, count(), map(len, groups))))

