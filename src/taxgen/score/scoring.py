"""From checked answers to the report: golden-item scores and agreement, per taxonomy. Pure."""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ..model import GoldenItem, Project
from . import agreement as coefficients
from .answers import Answers, collect_answers
from .golden import (ancestor_closure, compare_sets, confusion_counts, golden_answers, precision_recall_f1,
                     with_ancestors)
from .problems import Problems
from .records import Record
from .report import (Agreement, AnnotatorScore, ConfusedPair, Figure, GoldenScores, LabelScore, PairKappa,
                     ScoreReport, TaxonomyScores)


def score_records(project: Project, records: Iterable[Record], problems: Problems, *,
                  taxonomy: str | None = None) -> ScoreReport:
    """Check the records against the project and score them; problems go to ``problems``."""
    answers, counts = collect_answers(project, records, problems, taxonomy=taxonomy)
    counts.read += problems.rejected_records
    counts.invalid += problems.rejected_records
    scores = tuple(score_taxonomy(a, project.golden_for(a.taxonomy.id)) for a in answers)
    return ScoreReport(counts.to_dict(), problems.errors, problems.warnings, scores)


def score_taxonomy(answers: Answers, golden: tuple[GoldenItem, ...]) -> TaxonomyScores:
    taxonomy = answers.taxonomy
    return TaxonomyScores(
        taxonomy=taxonomy.id, title=taxonomy.title, version=taxonomy.version, task=taxonomy.task.kind,
        answers=answers.count, items=len(answers.items), annotators=len(answers.annotators),
        golden=score_golden(answers, golden), agreement=score_agreement(answers))


def score_golden(answers: Answers, golden: tuple[GoldenItem, ...]) -> GoldenScores | None:
    """Scores of the answers given to golden items, or None when no answer is on one."""
    given = golden_answers(answers, golden)
    if not given.count:
        return None
    taxonomy, count = answers.taxonomy, given.count
    labels = len(taxonomy.label_ids)
    exact = compare_sets(*given.given, *given.expected, count, labels)
    correct = (exact.hits == exact.answered) & (exact.hits == exact.expected)
    jaccard = exact.hits / (exact.answered + exact.expected - exact.hits)  # |E| >= 1: never 0/0
    closure = ancestor_closure(taxonomy)
    extended = compare_sets(*with_ancestors(*given.given, closure, labels),
                            *with_ancestors(*given.expected, closure, labels), count, labels)
    credit = 2 * extended.hits / (extended.answered + extended.expected)
    tp, fp, fn = (np.bincount(keys % labels, minlength=labels) for keys in
                  (exact.true_positive_keys, exact.false_positive_keys, exact.false_negative_keys))
    precision, recall, f1 = precision_recall_f1(tp, fp, fn)
    listed = np.flatnonzero(tp + fp + fn)
    micro = precision_recall_f1(tp.sum(), fp.sum(), fn.sum())[2]
    label_ids = taxonomy.label_ids
    multi = answers.multi
    return GoldenScores(
        golden_items=len(golden),
        items=len(np.unique(given.item)),
        answers=count,
        correct=int(correct.sum()),
        accuracy=float(correct.mean()),
        partial_credit=float(credit.mean()),
        jaccard=float(jaccard.mean()) if multi else None,
        macro_f1=float(f1[listed].mean()) if len(listed) else None,
        micro_f1=float(micro),
        annotators=_annotator_scores(answers.annotators, given.annotator, correct, credit, jaccard if multi else None),
        labels=tuple(LabelScore(label_ids[i], taxonomy.get(label_ids[i]).name, int(tp[i] + fn[i]), int(tp[i] + fp[i]),
                                int(tp[i]), precision[i], recall[i], f1[i]) for i in listed),
        confused_pairs=_confused_pairs(confusion_counts(exact, labels), label_ids),
    )


def _annotator_scores(names, annotator, correct, credit, jaccard) -> tuple[AnnotatorScore, ...]:
    width = len(names)
    answered = np.bincount(annotator, minlength=width)
    right = np.bincount(annotator, weights=correct, minlength=width)
    credits = np.bincount(annotator, weights=credit, minlength=width)
    overlaps = np.bincount(annotator, weights=jaccard, minlength=width) if jaccard is not None else None
    return tuple(
        AnnotatorScore(names[a], int(answered[a]), int(right[a]), right[a] / answered[a], credits[a] / answered[a],
                       overlaps[a] / answered[a] if overlaps is not None else None)
        for a in np.flatnonzero(answered))


def _confused_pairs(counts: dict[tuple[int, int], int], label_ids) -> tuple[ConfusedPair, ...]:
    """Unordered pairs, most confused first (then label order)."""
    pairs = {tuple(sorted(key)) for key in counts}
    ranked = sorted(pairs, key=lambda p: (-(counts.get(p, 0) + counts.get(p[::-1], 0)), p))
    return tuple(ConfusedPair(label_ids[a], label_ids[b], counts.get((a, b), 0), counts.get((b, a), 0))
                 for a, b in ranked)


def _ratings(answers: Answers) -> tuple[coefficients.Ratings, int]:
    """The ratings of items labeled by two or more annotators, and how many units each item has.

    Single-label: one unit per item, the value is the label. Multi-label: one unit per item and
    label used anywhere in the records, the value is whether the annotator gave that label (when
    no label was used at all, one unit per item: everyone said "none").
    """
    if not answers.multi:
        return coefficients.Ratings.of(answers.item, answers.annotator, answers.entry_label), 1
    used = np.unique(answers.entry_label)
    columns = max(len(used), 1)
    shared = np.flatnonzero(np.bincount(answers.item)[answers.item] >= 2)
    position = np.full(answers.count, -1, dtype=np.int64)
    position[shared] = np.arange(len(shared))
    present = np.zeros((len(shared), columns), dtype=np.int64)
    entry = np.flatnonzero(position[answers.entry_answer] >= 0)
    present[position[answers.entry_answer[entry]], np.searchsorted(used, answers.entry_label[entry])] = 1
    unit = answers.item[shared][:, None] * columns + np.arange(columns)
    return coefficients.Ratings.of(unit.ravel(), np.repeat(answers.annotator[shared], columns),
                                   present.ravel()), columns


def _figure(coefficient: coefficients.Coefficient, per_item: int) -> Figure:
    return Figure(coefficient.value, coefficient.units // per_item, coefficient.ratings // per_item,
                  coefficient.undefined)


def score_agreement(answers: Answers) -> Agreement:
    ratings, per_item = _ratings(answers)
    names = answers.annotators
    pairs = tuple(
        PairKappa((names[p.rater_a], names[p.rater_b]), p.units // per_item, p.observed, p.kappa, p.undefined)
        for p in coefficients.cohen_pairs(ratings))
    return Agreement(
        unit="item-label" if answers.multi else "item",
        items=ratings.units // per_item,
        annotators=len(np.unique(ratings.rater)),
        labels=len(np.unique(answers.entry_label)) if answers.multi else 0,
        fleiss_kappa=_figure(coefficients.fleiss_kappa(ratings), per_item),
        krippendorff_alpha=_figure(coefficients.krippendorff_alpha(ratings), per_item),
        cohen_kappa=pairs,
    )
