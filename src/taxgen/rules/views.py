"""Views of a taxonomy's labels that several rules read, each worked out once per run (Context
builds and keeps them): the names and synonyms joined, their name keys, and all label texts joined
for searches. A rule uses a view as a pre-filter and runs its exact check on the labels the view
points at, so a clean 100,000-label taxonomy costs a few passes of C code, not a Python loop per text.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import chain, repeat
from operator import eq
from typing import Callable, Iterable, Sequence

from ..model import Label
from .textnorm import name_keys
from .textscan import JoinedTexts, owner_indexes


class TermTexts:
    """Every label's name, then every synonym, in one list joined for searches (``scan``): the terms
    of TermKeys, and part of LabelProse's texts."""

    def __init__(self, names: Sequence[str], synonym_groups: Sequence[tuple[str, ...]]):
        self.name_count = len(names)
        self.synonym_groups = synonym_groups
        self.scan = JoinedTexts([*names, *chain.from_iterable(synonym_groups)])

    @cached_property
    def synonym_owners(self) -> list[int]:
        return owner_indexes(self.synonym_groups)

    def owner(self, index: int) -> int:
        """The index of the label whose term is at ``index``."""
        return index if index < self.name_count else self.synonym_owners[index - self.name_count]


class TermKeys:
    """textnorm.name_key of each label's name (``names``, one per label) and of each synonym
    (``synonyms``, all labels' in one list; ``synonym_owners``: the index of each one's label)."""

    def __init__(self, terms: TermTexts):
        self._terms = terms
        keys = name_keys(terms.scan.texts, terms.scan)
        self.names, self.synonyms = keys[:terms.name_count], keys[terms.name_count:]

    @property
    def synonym_owners(self) -> list[int]:
        return self._terms.synonym_owners

    @cached_property
    def each_key_in_one_label(self) -> bool:
        """True when no key is a term of two labels, so no names or synonyms of two labels collide.

        Every term of a label adds a key, except a repeat within the label: the taxonomy has as
        many distinct keys as its terms less those repeats exactly when no two labels share one.
        Only a synonym that repeats its own label's name is counted as a repeat, so another repeat
        (a synonym given twice) reads as sharing: False, and the rules check closely."""
        groups = self._terms.synonym_groups
        own_name_of_each_synonym = chain.from_iterable(map(repeat, self.names, map(len, groups)))
        repeats = sum(map(eq, self.synonyms, own_name_of_each_synonym))
        distinct = set(self.names)
        distinct.update(self.synonyms)
        return len(distinct) == len(self.names) + len(self.synonyms) - repeats

    def labels_sharing_a_key(self) -> set[int]:
        """Indexes of the labels that have a key (of a name or synonym) in common with another label."""
        owner_of: dict[str, int] = {}
        sharing: set[int] = set()
        owners = chain(range(len(self.names)), self.synonym_owners)
        for key, owner in zip(chain(self.names, self.synonyms), owners):
            first = owner_of.setdefault(key, owner)
            if first != owner:
                sharing.update((first, owner))
        return sharing


class LabelProse:
    """Every text of every label (name, synonyms, definition, use / do-not-use rules, examples and
    their notes, near-misses and their reasons, attributes), joined for searches: the terms as
    TermTexts has them, the rest gathered here."""

    def __init__(self, labels: Sequence[Label], terms: TermTexts):
        self.labels = labels
        texts, starts = _label_texts(labels)
        self._parts = ((terms.scan, terms.owner), (JoinedTexts(texts), lambda index: bisect_right(starts, index) - 1))

    def labels_found(self, search: Callable[[JoinedTexts], Iterable[int]]) -> list[Label]:
        """The labels with a text that ``search`` (the indexes of the texts of a JoinedTexts it hits)
        hits, each once, in document order."""
        owners = {owner(index) for scan, owner in self._parts for index in search(scan)}
        return [self.labels[owner] for owner in sorted(owners)]


def _label_texts(labels: Sequence[Label]) -> tuple[list[str], list[int]]:
    """The labels' texts but their terms in one list, and the index where each label's texts start."""
    texts: list[str] = []
    starts: list[int] = []
    add, add_all, start = texts.append, texts.extend, starts.append
    for label in labels:  # one pass: at 100k labels, reading a label from memory costs more than the Python
        start(len(texts))
        add(label.definition)
        add_all(label.use_when)
        for rule in label.do_not_use_when:
            add(rule.text)
        for example in label.examples:
            add(example.text)
            add(example.note)
        for near in label.near_misses:
            add(near.text)
            add(near.why)
        for attribute in label.attributes:
            add(attribute.name)
            add(attribute.description)
            add_all(attribute.values)
    return texts, starts
