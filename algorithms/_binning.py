"""Code each feature once, so that every tree and every boosting round reuses the codes.

A split "x_j <= threshold" only matters through which training values fall on each side, so each
feature is replaced by small integer *codes* that keep the order of its values:

* **exact** (``max_bins=None``, trees' and forests' default, scikit-learn's exact trees): the code
  of a value is its rank among the feature's distinct values, so a tree can split between any two
  of them. A split of a node between its neighbouring codes ``a < b`` gets the threshold halfway
  between the two *values* (``v_a / 2 + v_b / 2``, CART's and scikit-learn's midpoint), so a fully
  grown tree separates every pair of distinct rows;
* **binned** (``max_bins=k``, gradient boosting's default, scikit-learn's HistGradientBoosting):
  at most k codes per feature. A feature with at most k distinct values is still coded exactly;
  otherwise the codes are bins between quantile edges and a split's threshold is its bin's edge.

Missing values (NaN) get one code of their own, ``missing_code_``, larger than every value's code,
so they sort after every value; the grower learns at every split which side they go to.

Codes are uint8 when they fit (up to 255 values and the missing code), else uint16 or uint32.
"""

from __future__ import annotations

import numpy as np

_QUANTILE_SUBSAMPLE = 200_000
MAX_BINS = 255   # binned mode: codes 0..254 for values, 255 for missing, uint8 throughout
# (``Binner()`` bins; trees and forests ask for exact codes, ``Binner(None)``)


def _code_dtype(n_codes: int):
    if n_codes <= 1 << 8:
        return np.uint8
    if n_codes <= 1 << 16:
        return np.uint16
    return np.uint32


class Binner:
    """Map each feature to integer codes that keep the order of its values (see the module doc).

    Fitted: ``values_`` (per feature, its sorted distinct values when coded exactly, else None),
    ``thresholds_`` (per feature, the cut between code b and b + 1: the midpoint of neighbouring
    distinct values, or the quantile edge), ``n_bins_`` (value codes per feature), ``has_nan_``,
    ``missing_code_`` (the code of NaN, one past the largest value code; None without NaN) and
    ``n_codes_`` (the number of codes in use, the histograms' width).
    """

    def __init__(self, max_bins: int | None = MAX_BINS, random_state=0):
        self.max_bins = max_bins
        self.random_state = random_state

    def fit(self, X: np.ndarray) -> "Binner":
        self._fit(np.asarray(X), want_codes=False)
        return self

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self._fit(np.asarray(X), want_codes=True)

    def _fit(self, X, want_codes):
        if self.max_bins is not None and not 2 <= self.max_bins <= MAX_BINS:
            raise ValueError(f"max_bins must be None (exact) or in [2, {MAX_BINS}], "
                             f"got {self.max_bins}.")
        if X.dtype.kind != "f":
            X = X.astype(np.float64)
        n, d = X.shape
        self.values_, self.thresholds_ = [], []
        self.has_nan_ = np.zeros(d, dtype=bool)
        inverse = []          # exact features: codes of the non-missing rows, from np.unique
        sample = None
        for j in range(d):
            col = X[:, j]
            nan = np.isnan(col)
            self.has_nan_[j] = nan.any()
            finite = col[~nan] if self.has_nan_[j] else col
            distinct, inv = np.unique(finite, return_inverse=True)
            if self.max_bins is None or len(distinct) <= self.max_bins:
                self.values_.append(distinct.astype(np.float64))
                self.thresholds_.append(_midpoints(distinct.astype(np.float64)))
                inverse.append(inv)
                continue
            if sample is None:
                rng = np.random.default_rng(self.random_state)
                sample = X if n <= _QUANTILE_SUBSAMPLE else X[rng.choice(n, _QUANTILE_SUBSAMPLE,
                                                                         replace=False)]
            s = sample[:, j]
            q = np.quantile(s[~np.isnan(s)], np.linspace(0, 1, self.max_bins + 1)[1:-1],
                            method="linear")
            cuts = np.unique(q)
            self.values_.append(None)
            self.thresholds_.append(cuts[cuts < distinct[-1]].astype(np.float64))
            inverse.append(None)
        self.n_bins_ = np.array([len(t) + 1 if v is None else max(len(v), 1)
                                 for t, v in zip(self.thresholds_, self.values_)], dtype=np.int64)
        top = int(self.n_bins_.max()) if d else 1
        self.missing_code_ = top if self.has_nan_.any() else None
        self.n_codes_ = top + (self.missing_code_ is not None)
        self._flat = None
        if not want_codes:
            return None
        codes = np.empty((n, d), dtype=_code_dtype(self.n_codes_))
        for j in range(d):
            if inverse[j] is None:
                codes[:, j] = self._code_column(X[:, j], j)
            elif self.has_nan_[j]:
                nan = np.isnan(X[:, j])
                codes[~nan, j] = inverse[j]
                codes[nan, j] = self.missing_code_
            else:
                codes[:, j] = inverse[j]
        return codes

    def _code_column(self, col, j):
        code = np.searchsorted(self.thresholds_[j], col, side="left")
        if self.has_nan_.any():
            code[np.isnan(col)] = self.missing_code_
        return code

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Codes of new rows: value v gets the code b with ``thresholds_[b-1] < v <= thresholds_[b]``
        (NaN gets ``missing_code_``; a fit without NaN sends NaN to the last code)."""
        X = np.asarray(X)
        codes = np.empty(X.shape, dtype=_code_dtype(self.n_codes_))
        for j in range(X.shape[1]):
            code = np.searchsorted(self.thresholds_[j], X[:, j], side="left")
            if self.missing_code_ is not None:
                code[np.isnan(X[:, j])] = self.missing_code_
            codes[:, j] = code
        return codes

    # -- thresholds of chosen splits ----------------------------------------------------------
    def split_thresholds(self, feature, code, next_code) -> np.ndarray:
        """Threshold of each split "code <= ``code`` goes left" of feature ``feature``, whose node
        holds no code between ``code`` and ``next_code`` (``next_code`` = ``missing_code_``: the
        right side holds only missing values, threshold +inf).

        Exact features: halfway between the two values (scikit-learn's ``v_a / 2 + v_b / 2``,
        kept below v_b); binned features: the bin's upper edge.
        """
        feature = np.asarray(feature, dtype=np.int64)
        code = np.asarray(code, dtype=np.int64)
        next_code = np.asarray(next_code, dtype=np.int64)
        if self._flat is None:
            self._flatten()
        exact, values, edges, offset, n_bins = self._flat
        out = np.full(feature.shape, np.inf)
        to_missing = next_code >= n_bins[feature]
        ex = exact[feature] & ~to_missing
        if ex.any():
            lo = values[offset[feature[ex]] + code[ex]]
            hi = values[offset[feature[ex]] + next_code[ex]]
            mid = lo / 2.0 + hi / 2.0
            out[ex] = np.where((mid >= hi) | ~np.isfinite(mid), lo, mid)
        bn = ~exact[feature] & (code < n_bins[feature] - 1)
        if bn.any():
            out[bn] = edges[offset[feature[bn]] + code[bn]]
        return out

    def _flatten(self):
        d = len(self.thresholds_)
        exact = np.array([v is not None for v in self.values_], dtype=bool)
        n_bins = self.n_bins_
        offset = np.concatenate([[0], np.cumsum(n_bins)[:-1]]).astype(np.int64)
        values = np.zeros(int(n_bins.sum()) if d else 0)
        edges = np.zeros_like(values)
        for j in range(d):
            if exact[j]:
                values[offset[j]:offset[j] + len(self.values_[j])] = self.values_[j]
            edges[offset[j]:offset[j] + len(self.thresholds_[j])] = self.thresholds_[j]
        self._flat = (exact, values, edges, offset, n_bins)


def _midpoints(distinct: np.ndarray) -> np.ndarray:
    """CART's candidate thresholds: halfway between consecutive distinct values (kept below the
    upper one when the halfway point rounds up to it)."""
    lo, hi = distinct[:-1], distinct[1:]
    mid = lo / 2.0 + hi / 2.0
    return np.where((mid >= hi) | ~np.isfinite(mid), lo, mid)
