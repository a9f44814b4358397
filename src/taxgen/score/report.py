"""The quality report: plain immutable data, and its JSON form (the contract for reporters and the site).

Figures are rounded to 6 decimals so that the JSON is byte-identical across runs and machines;
an undefined figure is ``null`` (never NaN), with the reason next to it where one is useful.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REPORT_FORMAT = "taxgen-score-report"
REPORT_VERSION = 1
DIGITS = 6


def number(value: float | None) -> float | None:
    """A figure for JSON: rounded, and None for NaN/undefined."""
    if value is None or math.isnan(value):
        return None
    return round(float(value), DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class LabelScore:
    label: str
    name: str
    support: int  # answers that expected the label
    predicted: int  # answers that gave it
    true_positives: int
    precision: float | None
    recall: float | None
    f1: float | None

    def to_dict(self) -> dict:
        return {"label": self.label, "name": self.name, "support": self.support, "predicted": self.predicted,
                "true_positives": self.true_positives, "precision": number(self.precision),
                "recall": number(self.recall), "f1": number(self.f1)}


@dataclass(frozen=True)
class AnnotatorScore:
    annotator: str
    answers: int
    correct: int
    accuracy: float
    partial_credit: float
    jaccard: float | None  # multi-label tasks only

    def to_dict(self) -> dict:
        return {"annotator": self.annotator, "answers": self.answers, "correct": self.correct,
                "accuracy": number(self.accuracy), "partial_credit": number(self.partial_credit),
                "jaccard": number(self.jaccard)}


@dataclass(frozen=True)
class ConfusedPair:
    """Two labels confused with each other, in either direction; ``first < second`` in label order."""

    first: str
    second: str
    first_as_second: int  # expected first, answered second
    second_as_first: int

    @property
    def count(self) -> int:
        return self.first_as_second + self.second_as_first

    def to_dict(self) -> dict:
        return {"labels": [self.first, self.second], "count": self.count,
                "first_as_second": self.first_as_second, "second_as_first": self.second_as_first}


@dataclass(frozen=True)
class GoldenScores:
    golden_items: int  # golden items of the taxonomy
    items: int  # golden items answered at least once
    answers: int
    correct: int
    accuracy: float
    partial_credit: float
    jaccard: float | None
    macro_f1: float | None
    micro_f1: float | None
    annotators: tuple[AnnotatorScore, ...]
    labels: tuple[LabelScore, ...]
    confused_pairs: tuple[ConfusedPair, ...]

    def to_dict(self) -> dict:
        return {"golden_items": self.golden_items, "items": self.items, "answers": self.answers,
                "correct": self.correct, "accuracy": number(self.accuracy),
                "partial_credit": number(self.partial_credit), "jaccard": number(self.jaccard),
                "macro_f1": number(self.macro_f1), "micro_f1": number(self.micro_f1),
                "annotators": [a.to_dict() for a in self.annotators],
                "labels": [label.to_dict() for label in self.labels],
                "confused_pairs": [p.to_dict() for p in self.confused_pairs]}


@dataclass(frozen=True)
class Figure:
    """An agreement coefficient with the items and ratings it rests on."""

    value: float | None
    items: int
    ratings: int
    undefined: str | None = None

    def to_dict(self) -> dict:
        return {"value": number(self.value), "items": self.items, "ratings": self.ratings,
                "undefined": self.undefined}


@dataclass(frozen=True)
class PairKappa:
    annotators: tuple[str, str]
    items: int
    observed: float  # share of decisions the two agree on
    kappa: float | None
    undefined: str | None = None

    def to_dict(self) -> dict:
        return {"annotators": list(self.annotators), "items": self.items, "observed": number(self.observed),
                "kappa": number(self.kappa), "undefined": self.undefined}


@dataclass(frozen=True)
class Agreement:
    """Agreement on the items labeled by two or more annotators.

    ``unit`` is ``item`` (single-label: one decision per item) or ``item-label`` (multi-label:
    one yes/no decision per item and label, over the ``labels`` used in the records).
    """

    unit: str
    items: int
    annotators: int
    labels: int
    fleiss_kappa: Figure
    krippendorff_alpha: Figure
    cohen_kappa: tuple[PairKappa, ...]

    def to_dict(self) -> dict:
        return {"unit": self.unit, "items": self.items, "annotators": self.annotators, "labels": self.labels,
                "fleiss_kappa": self.fleiss_kappa.to_dict(), "krippendorff_alpha": self.krippendorff_alpha.to_dict(),
                "cohen_kappa": [p.to_dict() for p in self.cohen_kappa]}


@dataclass(frozen=True)
class TaxonomyScores:
    taxonomy: str
    title: str
    version: str
    task: str
    answers: int
    items: int
    annotators: int
    golden: GoldenScores | None
    agreement: Agreement

    def to_dict(self) -> dict:
        return {"taxonomy": self.taxonomy, "title": self.title, "version": self.version, "task": self.task,
                "answers": self.answers, "items": self.items, "annotators": self.annotators,
                "golden": self.golden.to_dict() if self.golden else None, "agreement": self.agreement.to_dict()}


@dataclass(frozen=True)
class ScoreReport:
    records: dict  # counts: read, scored, invalid, replaced, other_taxonomy
    errors: int
    warnings: int
    taxonomies: tuple[TaxonomyScores, ...]

    def to_dict(self) -> dict:
        return {"format": REPORT_FORMAT, "version": REPORT_VERSION, "records": dict(self.records),
                "problems": {"errors": self.errors, "warnings": self.warnings},
                "taxonomies": [t.to_dict() for t in self.taxonomies]}
