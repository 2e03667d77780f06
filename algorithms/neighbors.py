r"""k-nearest neighbours: predict from the k training points closest to x.

Distances are Minkowski with ``p = 2`` (Euclidean) or ``p = 1`` (Manhattan). The Euclidean case
uses :math:`\lVert q - x\rVert^2 = \lVert q\rVert^2 - 2\,q\cdot x + \lVert x\rVert^2` (one matrix
product per block of queries); queries are processed in blocks so the distance matrix never holds
more than about ``_BLOCK_ELEMENTS`` numbers, and the distances of the k chosen neighbours are then
recomputed directly so they carry no cancellation error.

``fit`` takes no ``sample_weight``: a weighted vote would change which points count as neighbours
only through duplicates, so ensembles that need weights re-sample the training set instead.
"""

from __future__ import annotations

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin
from ._constraints import Interval, Options
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_X_y)

_BLOCK_ELEMENTS = 1 << 22  # ~32 MiB of float64 distances per block of queries


class _NeighborsBase(BaseEstimator):
    _parameter_constraints = {
        "n_neighbors": [Interval(int, 1, None, closed="left")],
        "weights": [Options({"uniform", "distance"})],
        "p": [Options({1, 2})],
    }

    def __init__(self, n_neighbors=5, *, weights="uniform", p=2):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def _fit_X(self, X):
        self._X = X
        self._sq_norms = np.einsum("ij,ij->i", X, X)
        self.n_features_in_ = X.shape[1]
        self.n_samples_fit_ = X.shape[0]

    def _block_distances(self, Q: np.ndarray) -> np.ndarray:
        """Distances (squared for p = 2, used only for ranking) from each query to each point."""
        if self.p == 2:
            D = Q @ self._X.T
            D *= -2.0
            D += self._sq_norms
            D += np.einsum("ij,ij->i", Q, Q)[:, None]
            return D
        return np.abs(Q[:, None, :] - self._X[None, :, :]).sum(axis=2)

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        r"""Indices (and distances) of the k nearest training points, nearest first.

        ``X=None`` asks for the neighbours of every training point, the point itself excluded.
        Equal distances are ordered by training index.
        """
        check_is_fitted(self, "n_features_in_")
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
            raise ValueError(f"n_neighbors must be a positive int; got {k!r}.")
        query_is_train = X is None
        if query_is_train:
            Q, k_query = self._X, k + 1
        else:
            Q, k_query = check_n_features(self, X), k
        n_fit = self.n_samples_fit_
        if k_query > n_fit:
            extra = (" (each training point is excluded from its own neighbours, so at most "
                     f"{n_fit - 1} are available)" if query_is_train else "")
            raise ValueError(f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k}, "
                             f"n_samples_fit = {n_fit}{extra}; lower n_neighbors or fit on more "
                             "samples.")
        per_row = n_fit * (Q.shape[1] if self.p == 1 else 1)
        block = max(1, _BLOCK_ELEMENTS // per_row)
        ind = np.empty((Q.shape[0], k_query), dtype=np.intp)
        for start in range(0, Q.shape[0], block):
            D = self._block_distances(Q[start:start + block])
            if k_query < n_fit:
                cand = np.argpartition(D, k_query - 1, axis=1)[:, :k_query]
            else:
                cand = np.broadcast_to(np.arange(n_fit), D.shape).copy()
            ind[start:start + block] = cand
        dist = self._exact_distances(Q, ind)
        order = _rowwise_lexsort(dist, ind)
        ind = np.take_along_axis(ind, order, axis=1)
        dist = np.take_along_axis(dist, order, axis=1)
        if query_is_train:  # drop each point from its own list (or the farthest, for duplicates)
            self_hit = ind == np.arange(ind.shape[0])[:, None]
            no_self = ~self_hit.any(axis=1)
            self_hit[no_self, -1] = True
            keep = ~self_hit
            ind = ind[keep].reshape(ind.shape[0], k)
            dist = dist[keep].reshape(dist.shape[0], k)
        return (dist, ind) if return_distance else ind

    def _exact_distances(self, Q: np.ndarray, ind: np.ndarray) -> np.ndarray:
        diff = self._X[ind] - Q[:, None, :]
        if self.p == 2:
            return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
        return np.abs(diff).sum(axis=2)

    def _neighbor_weights(self, dist: np.ndarray) -> np.ndarray:
        r"""Uniform: every neighbour counts 1. Distance: :math:`1/d`; a query that coincides with
        training points (:math:`d = 0`) takes the vote of those points only."""
        if self.weights == "uniform":
            return np.ones_like(dist)
        with np.errstate(divide="ignore"):
            w = 1.0 / dist
        exact = np.isinf(w)
        rows = exact.any(axis=1)
        w[rows] = exact[rows]
        return w


def _rowwise_lexsort(dist: np.ndarray, ind: np.ndarray) -> np.ndarray:
    """Per row: order by distance, ties by training index."""
    by_index = np.argsort(ind, axis=1, kind="stable")
    d_sorted = np.take_along_axis(dist, by_index, axis=1)
    by_dist = np.argsort(d_sorted, axis=1, kind="stable")
    return np.take_along_axis(by_index, by_dist, axis=1)


class KNeighborsClassifier(ClassifierMixin, _NeighborsBase):
    r"""Vote among the k nearest training points.

    :math:`P(c \mid x) = \sum_{j \in N_k(x)} w_j\, \delta(y^j = c) / \sum_{j \in N_k(x)} w_j`,
    with :math:`w_j = 1` (``"uniform"``) or :math:`w_j = 1 / d(x, x^j)` (``"distance"``);
    the prediction is the class with the largest :math:`P` (the first such class on ties).
    """

    def fit(self, X, y):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        self.classes_, self._y = check_classification_targets(y)
        self._fit_X(X)
        return self

    def predict_proba(self, X):
        dist, ind = self.kneighbors(X)
        w = self._neighbor_weights(dist)
        n, K = ind.shape[0], len(self.classes_)
        votes = np.bincount((np.arange(n)[:, None] * K + self._y[ind]).ravel(),
                            weights=w.ravel(), minlength=n * K).reshape(n, K)
        return votes / votes.sum(axis=1, keepdims=True)

    def predict(self, X):
        proba = self.predict_proba(X)  # checks fitted-ness before classes_ is read
        return self.classes_[np.argmax(proba, axis=1)]


class KNeighborsRegressor(RegressorMixin, _NeighborsBase):
    r"""Average of the k nearest targets: :math:`\hat y = \sum_j w_j y^j / \sum_j w_j`."""

    def fit(self, X, y):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        self._y = y
        self._fit_X(X)
        return self

    def predict(self, X):
        dist, ind = self.kneighbors(X)
        w = self._neighbor_weights(dist)
        return np.einsum("ij,ij->i", w, self._y[ind]) / w.sum(axis=1)


__all__ = ["KNeighborsClassifier", "KNeighborsRegressor"]
