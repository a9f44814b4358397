"""Agreement between annotators on nominal ratings: Cohen's kappa per pair, Fleiss' kappa, Krippendorff's alpha.

Input is long form: one rating per row as integer arrays ``unit``, ``rater``, ``value`` (a unit is
an item, or an (item, label) decision for multi-label tasks), at most one rating per (unit, rater).
Only units rated by two or more raters carry information about agreement; the others are left out
and every figure says how many units it rests on.

The formulas are the textbook ones, computed on counts in a few vectorised passes so that a
million ratings take a fraction of a second; the test suite checks each against the reference
implementation on random data (scikit-learn ``cohen_kappa_score``, statsmodels ``fleiss_kappa``,
the ``krippendorff`` package). Those take one dense raters x units matrix (or a units x values x
values tensor) per call, which does not fit a million ratings, hence our own pass over counts.

* Cohen's kappa of raters a and b over the n units both rated:
  ``(p_o - p_e) / (1 - p_e)`` with ``p_o`` the share of units they agree on and
  ``p_e = sum_v (n_av / n) (n_bv / n)``, each rater's own label distribution.
* Fleiss' kappa, generalised to a varying number of raters per unit (Gwet, *Handbook of
  Inter-Rater Reliability*): ``(P_a - P_e) / (1 - P_e)`` with ``P_a`` the mean over units of
  ``sum_v r_uv (r_uv - 1) / (r_u (r_u - 1))`` and ``P_e = sum_v pi_v^2``, ``pi_v`` the mean over
  units of ``r_uv / r_u``. With the same number of raters on every unit this is Fleiss (1971).
* Krippendorff's alpha, nominal: ``1 - (n - 1) (n - sum_v o_vv) / (n^2 - sum_v n_v^2)`` with the
  coincidences ``o_vv = sum_u r_uv (r_uv - 1) / (r_u - 1)``, ``n_v = sum_u r_uv`` and ``n`` all pairable values.

A coefficient is undefined (None, with the reason) when chance agreement is total: every rating is
the same value, so there is no disagreement that could have been avoided.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ONE_VALUE = "all ratings are the same, so the agreement expected by chance is total"
NO_UNITS = "no item was rated by two or more annotators"


@dataclass(frozen=True)
class Coefficient:
    value: float | None
    units: int  # units rated by two or more raters
    ratings: int  # ratings on those units
    undefined: str | None = None


@dataclass(frozen=True)
class PairAgreement:
    rater_a: int
    rater_b: int
    units: int
    agreed: int
    kappa: float | None
    undefined: str | None = None

    @property
    def observed(self) -> float:
        return self.agreed / self.units


@dataclass(frozen=True)
class Ratings:
    """Ratings of the units rated at least twice; units renumbered 0..units-1."""

    unit: np.ndarray
    rater: np.ndarray
    value: np.ndarray

    @classmethod
    def of(cls, unit, rater, value) -> "Ratings":
        unit, rater, value = (np.asarray(a, dtype=np.int64) for a in (unit, rater, value))
        if not len(unit):
            return cls(unit, rater, value)
        _, unit = np.unique(unit, return_inverse=True)
        shared = np.bincount(unit)[unit] >= 2
        _, unit = np.unique(unit[shared], return_inverse=True)
        return cls(unit.reshape(-1), rater[shared], value[shared])

    @property
    def units(self) -> int:
        return int(self.unit.max()) + 1 if len(self.unit) else 0

    def value_counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per (unit, value) with ratings: the unit, the value, how many raters chose it; and ratings per unit."""
        width = int(self.value.max()) + 1
        keys, counts = np.unique(self.unit * width + self.value, return_counts=True)
        return keys // width, keys % width, counts.astype(np.float64), np.bincount(self.unit).astype(np.float64)


def fleiss_kappa(ratings: Ratings) -> Coefficient:
    units = ratings.units
    if not units:
        return Coefficient(None, 0, 0, NO_UNITS)
    unit, value, r_uv, r_u = ratings.value_counts()
    if len(np.unique(value)) == 1:
        return Coefficient(None, units, len(ratings.unit), ONE_VALUE)
    p_agree = np.bincount(unit, weights=r_uv * (r_uv - 1), minlength=units) / (r_u * (r_u - 1))
    pi = np.bincount(value, weights=r_uv / r_u[unit]) / units
    p_a, p_e = p_agree.mean(), float(np.sum(pi * pi))
    return Coefficient(float((p_a - p_e) / (1 - p_e)), units, len(ratings.unit))


def krippendorff_alpha(ratings: Ratings) -> Coefficient:
    units = ratings.units
    if not units:
        return Coefficient(None, 0, 0, NO_UNITS)
    unit, value, r_uv, r_u = ratings.value_counts()
    if len(np.unique(value)) == 1:
        return Coefficient(None, units, len(ratings.unit), ONE_VALUE)
    n = float(r_u.sum())
    agreeing = float(np.sum(r_uv * (r_uv - 1) / (r_u[unit] - 1)))
    n_v = np.bincount(value, weights=r_uv)
    alpha = 1 - (n - 1) * (n - agreeing) / (n * n - float(np.sum(n_v * n_v)))
    return Coefficient(float(alpha), units, len(ratings.unit))


PAIR_ROWS_PER_CHUNK = 4_000_000  # bounds memory when many annotators share items (200 on one item: 19,900 pairs)
DENSE_KEYS = 1 << 23  # sum by key with a dense array up to this many possible keys, else by sorting


def sum_by_key(keys: np.ndarray, weights: np.ndarray | None, space: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (0 <= key < space) in order and the sum of ``weights`` (or the count) of each."""
    if space <= DENSE_KEYS:
        sums = np.bincount(keys, weights=weights, minlength=space)
        present = np.flatnonzero(np.bincount(keys, minlength=space))
        return present, sums[present]
    unique, inverse = np.unique(keys, return_inverse=True)
    return unique, np.bincount(inverse.reshape(-1), weights=weights, minlength=len(unique))


def _rating_pairs(ratings: Ratings):
    """Chunks of every pair of ratings on the same unit: (rater a, rater b, value a, value b), rater a < rater b."""
    order = np.lexsort((ratings.rater, ratings.unit))
    unit, rater, value = ratings.unit[order], ratings.rater[order], ratings.value[order]
    starts = np.flatnonzero(np.r_[True, unit[1:] != unit[:-1]])
    sizes = np.diff(np.r_[starts, len(unit)])
    for size in np.unique(sizes):  # units with the same number of raters form one rectangular block
        first, second = np.triu_indices(size, 1)
        block = starts[sizes == size]
        step = max(1, PAIR_ROWS_PER_CHUNK // len(first))
        for begin in range(0, len(block), step):
            rows = block[begin:begin + step, None] + np.arange(size)
            a, b = rows[:, first].ravel(), rows[:, second].ravel()
            yield rater[a], rater[b], value[a], value[b]


def cohen_pairs(ratings: Ratings) -> list[PairAgreement]:
    """Cohen's kappa of every pair of raters that rated a unit in common, ordered by rater codes.

    Per pair: the units in common, those agreed on, and how often each rater gave each value on
    them, summed chunk by chunk.
    """
    if not ratings.units:
        return []
    raters, width = int(ratings.rater.max()) + 1, int(ratings.value.max()) + 1
    pair_space = raters * raters
    parts: list[tuple] = []
    for rater_a, rater_b, value_a, value_b in _rating_pairs(ratings):
        pair = rater_a * raters + rater_b
        parts.append((*sum_by_key(pair, None, pair_space), *sum_by_key(pair, (value_a == value_b) * 1.0, pair_space),
                      *sum_by_key(pair * width + value_a, None, pair_space * width),
                      *sum_by_key(pair * width + value_b, None, pair_space * width)))

    def total(key_column: int, sum_column: int, space: int):
        return sum_by_key(np.concatenate([p[key_column] for p in parts]),
                          np.concatenate([p[sum_column] for p in parts]).astype(np.float64), space)

    pair_keys, n = total(0, 1, pair_space)
    _, agreed = total(2, 3, pair_space)
    keys_a, counts_a = total(4, 5, pair_space * width)
    keys_b, counts_b = total(6, 7, pair_space * width)
    common, at_a, at_b = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    chance = np.bincount(np.searchsorted(pair_keys, common // width), weights=counts_a[at_a] * counts_b[at_b],
                         minlength=len(pair_keys))  # n^2 p_e, an exact integer
    out = []
    for index, key in enumerate(pair_keys.tolist()):
        units, both, expected = n[index], agreed[index], chance[index]
        if expected == units * units:
            kappa, why = None, "both annotators gave one and the same answer to every item they share"
        else:
            kappa, why = float((units * both - expected) / (units * units - expected)), None
        out.append(PairAgreement(key // raters, key % raters, int(units), int(both), kappa, why))
    return out
