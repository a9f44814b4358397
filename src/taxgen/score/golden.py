"""Answers against golden items: accuracy, per-label precision/recall/F1, confusions, partial credit.

Every answer and every expected answer is a set of labels (one label in a single-label task),
so one computation serves single- and multi-label tasks:

* an answer is **correct** when its set equals the expected set (for single-label: accuracy);
* per label, a true positive is a label in both sets, a false positive a label only in the
  answer, a false negative a label only in the expected set; precision, recall and F1 follow.
  For a single-label task these are the usual multi-class figures;
* **Jaccard** of an answer: ``|A & E| / |A | E|`` (reported for multi-label tasks);
* a **confusion** of expected label e with answered label g is counted once for every answer that
  misses e and adds g (a wrong single-label answer is exactly one confusion);
* **hierarchical partial credit** is the hierarchical F-measure of Kiritchenko et al. (2005): both
  sets are extended with every ancestor of their labels (all parents, in a DAG), giving Â and Ê,
  and the credit is ``2 |Â & Ê| / (|Â| + |Ê|)``. The right label scores 1, an unrelated one 0.
  Expected ``negative.complaint.billing`` (Ê has 3 labels): answering its parent
  ``negative.complaint`` scores 2*2/(2+3) = 0.8, its sibling ``negative.complaint.delivery``
  2*2/(3+3) = 0.67, the unrelated ``positive.praise`` 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import GoldenItem, Taxonomy
from .answers import Answers


@dataclass(frozen=True)
class SetComparison:
    """Per answer and per label counts of two collections of label sets over the same answers."""

    hits: np.ndarray  # per answer: |A & E|
    answered: np.ndarray  # per answer: |A|
    expected: np.ndarray  # per answer: |E|
    false_negative_keys: np.ndarray  # answer * labels + label, expected but not answered
    false_positive_keys: np.ndarray  # answered but not expected
    true_positive_keys: np.ndarray


def compare_sets(answer_of_given, given, answer_of_expected, expected, answers: int, labels: int) -> SetComparison:
    """Compare, answer by answer, the given labels with the expected ones (both in long form)."""
    given_keys = np.unique(answer_of_given * labels + given)
    expected_keys = np.unique(answer_of_expected * labels + expected)
    hits = np.intersect1d(given_keys, expected_keys, assume_unique=True)
    return SetComparison(
        hits=np.bincount(hits // labels, minlength=answers),
        answered=np.bincount(given_keys // labels, minlength=answers),
        expected=np.bincount(expected_keys // labels, minlength=answers),
        false_negative_keys=np.setdiff1d(expected_keys, given_keys, assume_unique=True),
        false_positive_keys=np.setdiff1d(given_keys, expected_keys, assume_unique=True),
        true_positive_keys=hits,
    )


def ratio(numerator, denominator) -> np.ndarray:
    """Element-wise ratio, NaN where the denominator is 0 (undefined, reported as null)."""
    numerator, denominator = np.asarray(numerator, dtype=np.float64), np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def precision_recall_f1(tp, fp, fn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per label; undefined (NaN) where a denominator is 0: precision of a label never answered, and so on."""
    tp, fp, fn = (np.asarray(a, dtype=np.float64) for a in (tp, fp, fn))
    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, lengths)])`` without the Python loop."""
    lengths = np.asarray(lengths, dtype=np.int64)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(lengths) + lengths, lengths)
    return shift + np.arange(int(lengths.sum()))


def confusion_counts(comparison: SetComparison, labels: int) -> dict[tuple[int, int], int]:
    """(expected, answered) -> count: each answer that misses e and adds g counts once for (e, g)."""
    fn, fp = comparison.false_negative_keys, comparison.false_positive_keys
    fn_answer, fp_answer = fn // labels, fp // labels
    low, high = np.searchsorted(fp_answer, fn_answer, "left"), np.searchsorted(fp_answer, fn_answer, "right")
    repeats = high - low  # each missed label pairs with every added label of the same answer
    partner = ranges(low, repeats)
    expected = np.repeat(fn % labels, repeats)
    answered = fp[partner] % labels
    keys, counts = np.unique(expected * labels + answered, return_counts=True)
    return {(int(k // labels), int(k % labels)): int(c) for k, c in zip(keys, counts)}


def ancestor_closure(taxonomy: Taxonomy) -> tuple[np.ndarray, np.ndarray]:
    """Long form of each label with all its ancestors: (label code, code of itself or an ancestor)."""
    codes = {label_id: i for i, label_id in enumerate(taxonomy.label_ids)}
    pairs = [(i, codes[a]) for i, label_id in enumerate(taxonomy.label_ids)
             for a in (label_id, *taxonomy.ancestors(label_id))]
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return table[:, 0], table[:, 1]


def with_ancestors(answer_of, label, closure: tuple[np.ndarray, np.ndarray], labels: int):
    """Long-form label sets extended by every ancestor of their labels."""
    source, target = closure
    offsets = np.searchsorted(source, np.arange(labels + 1))
    lengths = np.diff(offsets)[label]
    return np.repeat(answer_of, lengths), target[ranges(offsets[label], lengths)]


@dataclass(frozen=True)
class GoldenAnswers:
    """The answers given to golden items, renumbered 0..count-1, with their expected label sets."""

    count: int
    annotator: np.ndarray  # per golden answer
    item: np.ndarray  # per golden answer: the answers' item code
    given: tuple[np.ndarray, np.ndarray]  # (golden answer, label) long form
    expected: tuple[np.ndarray, np.ndarray]


def golden_answers(answers: Answers, golden: tuple[GoldenItem, ...]) -> GoldenAnswers:
    item_codes = {item_id: code for code, item_id in enumerate(answers.items)}
    codes = {label_id: i for i, label_id in enumerate(answers.taxonomy.label_ids)}
    expected_of = np.full(len(answers.items), -1, dtype=np.int64)
    offsets, expected_codes = [0], []
    for item in golden:
        known = [codes[e] for e in item.expected if e in codes]
        if item.id in item_codes and known:
            expected_of[item_codes[item.id]] = len(offsets) - 1
            expected_codes.extend(known)
            offsets.append(len(expected_codes))
    chosen = np.flatnonzero(expected_of[answers.item] >= 0)
    renumber = np.full(answers.count, -1, dtype=np.int64)
    renumber[chosen] = np.arange(len(chosen))
    entry = np.flatnonzero(renumber[answers.entry_answer] >= 0)
    starts, ends = np.array(offsets[:-1], dtype=np.int64), np.array(offsets[1:], dtype=np.int64)
    which = expected_of[answers.item[chosen]]
    lengths = (ends - starts)[which]
    position = ranges(starts[which], lengths)
    return GoldenAnswers(
        count=len(chosen),
        annotator=answers.annotator[chosen],
        item=answers.item[chosen],
        given=(renumber[answers.entry_answer[entry]], answers.entry_label[entry]),
        expected=(np.repeat(np.arange(len(chosen)), lengths), np.array(expected_codes, dtype=np.int64)[position]),
    )
