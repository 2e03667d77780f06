"""Bin each feature once, so that every tree and every boosting round reuses the codes.

A split "x_j <= threshold" only matters through which training values fall on each side, so a tree
never needs more candidate thresholds than a feature has gaps between distinct values. With at most
``max_bins`` distinct values we keep them all (thresholds are the exact midpoints, as in CART);
otherwise the thresholds are quantile edges of the feature.

Bin ``b`` of feature ``j`` holds the values with ``thresholds[j][b-1] < x <= thresholds[j][b]``, so the
split "bin <= b goes left" is exactly the split "x <= thresholds[j][b]".
"""

from __future__ import annotations

import numpy as np

_QUANTILE_SUBSAMPLE = 200_000


class Binner:
    """Map each feature to uint8 bin codes (at most 256 bins per feature)."""

    def __init__(self, max_bins: int = 256, random_state=0):
        self.max_bins = max_bins
        self.random_state = random_state

    def fit(self, X: np.ndarray) -> "Binner":
        if not 2 <= self.max_bins <= 256:
            raise ValueError(f"max_bins must be in [2, 256], got {self.max_bins}.")
        X = np.asarray(X, dtype=np.float64)
        rng = np.random.default_rng(self.random_state)
        sample = X
        if X.shape[0] > _QUANTILE_SUBSAMPLE:
            sample = X[rng.choice(X.shape[0], _QUANTILE_SUBSAMPLE, replace=False)]
        self.thresholds_ = []
        self.exact_ = np.zeros(X.shape[1], dtype=bool)
        for j in range(X.shape[1]):
            distinct = np.unique(X[:, j])
            if len(distinct) <= self.max_bins:
                # CART's candidate thresholds: midpoints between consecutive distinct values.
                cuts = (distinct[:-1] + distinct[1:]) / 2.0
                # Midpoint of two adjacent floats can round up to the upper one; keep it below.
                cuts = np.where(cuts >= distinct[1:], distinct[:-1], cuts)
                self.exact_[j] = True
            else:
                q = np.quantile(sample[:, j], np.linspace(0, 1, self.max_bins + 1)[1:-1],
                                method="linear")
                cuts = np.unique(q)
                cuts = cuts[cuts < distinct[-1]]
            self.thresholds_.append(cuts.astype(np.float64))
        self.n_bins_ = np.array([len(t) + 1 for t in self.thresholds_], dtype=np.int64)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        codes = np.empty(X.shape, dtype=np.uint8)
        for j, cuts in enumerate(self.thresholds_):
            codes[:, j] = np.searchsorted(cuts, X[:, j], side="left")
        return codes

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).transform(X)
