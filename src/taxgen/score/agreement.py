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


def _coefficient(ratings: Ratings, formula) -> Coefficient:
    """A coefficient from the per-(unit, value) counts; undefined without shared units or with one value."""
    units = ratings.units
    if not units:
        return Coefficient(None, 0, 0, NO_UNITS)
    unit, value, r_uv, r_u = ratings.value_counts()
    if len(np.unique(value)) == 1:
        return Coefficient(None, units, len(ratings.unit), ONE_VALUE)
    return Coefficient(float(formula(units, unit, value, r_uv, r_u)), units, len(ratings.unit))


def _fleiss(units, unit, value, r_uv, r_u) -> float:
    p_agree = np.bincount(unit, weights=r_uv * (r_uv - 1), minlength=units) / (r_u * (r_u - 1))
    pi = np.bincount(value, weights=r_uv / r_u[unit]) / units
    p_a, p_e = p_agree.mean(), float(np.sum(pi * pi))
    return (p_a - p_e) / (1 - p_e)


def _krippendorff(units, unit, value, r_uv, r_u) -> float:
    n = float(r_u.sum())
    agreeing = float(np.sum(r_uv * (r_uv - 1) / (r_u[unit] - 1)))
    n_v = np.bincount(value, weights=r_uv)
    return 1 - (n - 1) * (n - agreeing) / (n * n - float(np.sum(n_v * n_v)))


def fleiss_kappa(ratings: Ratings) -> Coefficient:
    return _coefficient(ratings, _fleiss)


def krippendorff_alpha(ratings: Ratings) -> Coefficient:
    return _coefficient(ratings, _krippendorff)


PAIR_ROWS_PER_CHUNK = 4_000_000  # bounds memory when many annotators share items (200 on one item: 19,900 pairs)
DENSE_KEYS = 1 << 23  # sums by key in a dense array up to this many possible keys, else by sorting


class KeySums:
    """Sums by integer key (0 <= key < space) over chunks: a dense array when the key space is small
    (a few passes, no sorting), else sorted partial sums merged at the end."""

    def __init__(self, space: int, dense_limit: int = DENSE_KEYS):
        self.dense = np.zeros(space) if space <= dense_limit else None
        self.parts: list[tuple[np.ndarray, np.ndarray]] = []
        self.space = space

    def add(self, keys: np.ndarray, weights: np.ndarray | None = None) -> None:
        if self.dense is not None:
            self.dense += np.bincount(keys, weights=weights, minlength=self.space)
            return
        unique, inverse = np.unique(keys, return_inverse=True)
        self.parts.append((unique, np.bincount(inverse.reshape(-1), weights=weights, minlength=len(unique))))

    def _merged(self) -> tuple[np.ndarray, np.ndarray]:
        if len(self.parts) != 1:
            keys = np.concatenate([p[0] for p in self.parts]) if self.parts else np.zeros(0, dtype=np.int64)
            sums = np.concatenate([p[1] for p in self.parts]).astype(np.float64) if self.parts else np.zeros(0)
            unique, inverse = np.unique(keys, return_inverse=True)
            self.parts = [(unique, np.bincount(inverse.reshape(-1), weights=sums, minlength=len(unique)))]
        return self.parts[0]

    def nonzero(self) -> np.ndarray:
        """The keys whose sum is not zero, in order."""
        if self.dense is not None:
            return np.flatnonzero(self.dense)
        keys, sums = self._merged()
        return keys[sums != 0]

    def at(self, keys: np.ndarray) -> np.ndarray:
        """The sums of the given keys (0 for a key never added)."""
        if self.dense is not None:
            return self.dense[keys]
        known, sums = self._merged()
        if not len(known):
            return np.zeros(len(keys))
        where = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        return np.where(known[where] == keys, sums[where], 0.0)


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
            columns = np.arange(size)[:, None] + block[None, begin:begin + step]  # rater slot x unit
            raters, values = rater[columns], value[columns]  # row gathers below are ~10x faster than column ones
            yield raters[first].ravel(), raters[second].ravel(), values[first].ravel(), values[second].ravel()


def cohen_pairs(ratings: Ratings, dense_limit: int = DENSE_KEYS) -> list[PairAgreement]:
    """Cohen's kappa of every pair of raters that rated a unit in common, ordered by rater codes.

    Per pair: the units in common, those agreed on, and how often each rater gave each value on
    them (keys ``pair * values + value``), summed chunk by chunk.
    """
    if not ratings.units:
        return []
    raters, width = int(ratings.rater.max()) + 1, int(ratings.value.max()) + 1
    space = raters * raters
    shared, agreed = KeySums(space, dense_limit), KeySums(space, dense_limit)
    given_a, given_b = KeySums(space * width, dense_limit), KeySums(space * width, dense_limit)
    for rater_a, rater_b, value_a, value_b in _rating_pairs(ratings):
        pair = rater_a * raters + rater_b
        shared.add(pair)
        agreed.add(pair[value_a == value_b])
        given_a.add(pair * width + value_a)
        given_b.add(pair * width + value_b)
    pair_keys = shared.nonzero()
    n, both = shared.at(pair_keys), agreed.at(pair_keys)
    keys_a = given_a.nonzero()
    chance = np.bincount(np.searchsorted(pair_keys, keys_a // width), weights=given_a.at(keys_a) * given_b.at(keys_a),
                         minlength=len(pair_keys))  # n^2 p_e, an exact integer
    out = []
    for index, key in enumerate(pair_keys.tolist()):
        units, agreeing, expected = n[index], both[index], chance[index]
        if expected == units * units:
            kappa, why = None, "both annotators gave one and the same answer to every item they share"
        else:
            kappa, why = float((units * agreeing - expected) / (units * units - expected)), None
        out.append(PairAgreement(key // raters, key % raters, int(units), int(agreeing), kappa, why))
    return out
