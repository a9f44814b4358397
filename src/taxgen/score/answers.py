"""Records checked against their taxonomy and encoded as integer columns for the metrics.

Each record is assigned a taxonomy (its ``taxonomy`` field, else the one given on the command
line, else the project's only taxonomy, else the taxonomy of the golden item it answers). Its
label ids are looked up once per distinct id: unknown ids and malformed single-label answers are
errors (the record is skipped); deprecated and non-selectable labels are warnings (the answer
still counts, it is simply wrong against a golden item that expects the replacement).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from ..model import Project, Taxonomy
from ..rules.base import did_you_mean
from .problems import Problems
from .records import Record


@dataclass(frozen=True, eq=False)
class Answers:
    """The valid answers of one taxonomy: one answer per (item, annotator), labels in long form.

    Label codes index ``taxonomy.label_ids``; annotator codes index ``annotators`` (sorted by
    name); answer ``i`` holds the labels ``entry_label[entry_answer == i]``.
    """

    taxonomy: Taxonomy
    items: tuple[str, ...]
    annotators: tuple[str, ...]
    item: np.ndarray  # per answer
    annotator: np.ndarray  # per answer
    entry_answer: np.ndarray  # per (answer, label) entry
    entry_label: np.ndarray

    @property
    def count(self) -> int:
        return len(self.item)

    @property
    def multi(self) -> bool:
        return self.taxonomy.task.multi


@dataclass
class RecordCounts:
    read: int = 0
    scored: int = 0
    invalid: int = 0
    replaced: int = 0  # earlier answers of an annotator to an item that a later record replaced
    other_taxonomy: int = 0  # records of a taxonomy not selected with --taxonomy

    def to_dict(self) -> dict:
        return {"read": self.read, "scored": self.scored, "invalid": self.invalid, "replaced": self.replaced,
                "other_taxonomy": self.other_taxonomy}


@dataclass
class _TaxonomyAnswers:
    """Answers of one taxonomy while records are read; later records of an (item, annotator) win."""

    taxonomy: Taxonomy
    codes: dict[str, int]
    items: dict[str, int] = field(default_factory=dict)
    annotators: dict[str, int] = field(default_factory=dict)
    answers: dict[tuple[int, int], tuple[tuple[int, ...], Record]] = field(default_factory=dict)
    checked: dict[str, tuple[int | None, tuple | None]] = field(default_factory=dict)

    def label_code(self, label_id: str) -> tuple[int | None, tuple | None]:
        """The code of a label id and the problem it carries (code, message, hint), cached per id."""
        known = self.checked.get(label_id)
        if known is None:
            known = self.checked[label_id] = self._check_label(label_id)
        return known

    def _check_label(self, label_id: str) -> tuple[int | None, tuple | None]:
        taxonomy = self.taxonomy
        label = taxonomy.get(label_id)
        if label is None:
            return None, ("TS101", f"unknown label '{label_id}' in taxonomy '{taxonomy.id}'",
                          did_you_mean(label_id, taxonomy.label_ids))
        code = self.codes[label_id]
        if label.deprecated:
            hint = f"use '{label.replaced_by[0]}' instead" if label.replaced_by else None
            return code, ("TS102", f"deprecated label '{label_id}'", hint)
        if taxonomy.task.leaf_only and not taxonomy.is_leaf(label_id):
            children = ", ".join(f"'{c}'" for c in taxonomy.children(label_id)[:5])
            return code, ("TS103", f"'{label_id}' is not a leaf label and the task is leaf-only",
                          f"choose one of its children: {children}")
        return code, None

    def _codes(self, record: Record, problems: Problems) -> tuple[int, ...] | None:
        """The label codes of a record, after reporting its problems; None when it cannot be scored."""
        codes: list[int] = []
        failed = False
        for label_id in record.labels:
            code, issue = self.label_code(label_id)
            if issue is not None:
                problems.add(issue[0], issue[1], record.location, issue[2])
            if code is None:
                failed = True
            else:
                codes.append(code)
        if not self.taxonomy.task.multi and len(record.labels) != 1:
            problems.add("TS104", f"a single-label task takes exactly one label, this record has {len(record.labels)}",
                         record.location, "one 'label' per record")
            failed = True
        return None if failed else tuple(codes)

    def add(self, record: Record, problems: Problems, counts: RecordCounts) -> None:
        labels = record.labels
        known = self.checked.get(labels[0]) if len(labels) == 1 else None
        if known is not None and known[1] is None:  # the common case: one known label without problems
            codes: tuple[int, ...] | None = (known[0],)
        else:
            codes = self._codes(record, problems)
            if codes is None:
                counts.invalid += 1
                return
        key = (self.items.setdefault(record.item, len(self.items)),
               self.annotators.setdefault(record.annotator, len(self.annotators)))
        earlier = self.answers.get(key)
        if earlier is not None:
            counts.replaced += 1
            problems.add("TS105", f"annotator '{record.annotator}' labeled item '{record.item}' before "
                         f"({earlier[1].location}); this answer replaces it", record.location)
        self.answers[key] = (codes, record)

    def freeze(self) -> Answers:
        names = sorted(self.annotators)
        renumber = np.zeros(len(names), dtype=np.int64)
        for rank, name in enumerate(names):
            renumber[self.annotators[name]] = rank
        count = len(self.answers)
        item = np.fromiter((key[0] for key in self.answers), dtype=np.int64, count=count)
        annotator = np.fromiter((key[1] for key in self.answers), dtype=np.int64, count=count)
        label_lists = [codes for codes, _record in self.answers.values()]
        lengths = np.fromiter((len(codes) for codes in label_lists), dtype=np.int64, count=len(label_lists))
        entry_label = np.fromiter((code for codes in label_lists for code in codes), dtype=np.int64,
                                  count=int(lengths.sum()))
        return Answers(
            taxonomy=self.taxonomy,
            items=tuple(self.items),
            annotators=tuple(names),
            item=item,
            annotator=renumber[annotator],
            entry_answer=np.repeat(np.arange(len(label_lists), dtype=np.int64), lengths),
            entry_label=entry_label,
        )


def _golden_owners(project: Project) -> dict[str, str | None]:
    """Golden item id -> its taxonomy, or None when several taxonomies use the id."""
    owners: dict[str, str | None] = {}
    for item in project.golden_items:
        owners[item.id] = item.taxonomy if owners.get(item.id, item.taxonomy) == item.taxonomy else None
    return owners


def collect_answers(project: Project, records: Iterable[Record], problems: Problems, *,
                    taxonomy: str | None = None) -> tuple[list[Answers], RecordCounts]:
    """Check every record against its taxonomy; the answers of each taxonomy that has any, in project order.

    ``taxonomy`` selects one taxonomy: records naming another are counted and left out, and
    records naming none belong to it.
    """
    counts = RecordCounts()
    builders = {t.id: _TaxonomyAnswers(t, {label_id: i for i, label_id in enumerate(t.label_ids)})
                for t in project.taxonomies}
    only = project.taxonomies[0].id if len(project.taxonomies) == 1 else None
    owners = _golden_owners(project) if taxonomy is None and only is None else {}
    for record in records:
        counts.read += 1
        if taxonomy is not None and record.taxonomy not in (None, taxonomy):
            counts.other_taxonomy += 1
            continue
        name = record.taxonomy or taxonomy or only or owners.get(record.item)
        builder = builders.get(name) if name else None
        if builder is None:
            counts.invalid += 1
            if name:
                problems.add("TS004", f"unknown taxonomy '{name}'", record.location,
                             did_you_mean(name, builders) or f"the project has: {', '.join(builders)}")
            else:
                problems.add("TS005", "record does not say its taxonomy, and the project has several",
                             record.location, "add a 'taxonomy' field to the records, or pass --taxonomy")
            continue
        builder.add(record, problems, counts)
    answers = [builder.freeze() for builder in builders.values() if builder.answers]
    counts.scored = sum(a.count for a in answers)
    return answers, counts
