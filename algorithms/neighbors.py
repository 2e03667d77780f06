r"""k-nearest neighbours: predict from the k training points closest to x.

Distances (``metric``): Minkowski :math:`(\sum_j |q_j - x_j|^p)^{1/p}` with ``p`` (2 Euclidean,
1 Manhattan, :math:`\infty` Chebyshev :math:`\max_j |q_j - x_j|`), or cosine
:math:`1 - q\cdot x / (\lVert q\rVert \lVert x\rVert)`. The Euclidean case uses
:math:`\lVert q - x\rVert^2 = \lVert q\rVert^2 - 2\,q\cdot x + \lVert x\rVert^2` (one matrix
product per block of queries); queries are processed in blocks so the distance matrix never holds
more than about ``_BLOCK_ELEMENTS`` numbers, and the distances of the k chosen neighbours are then
recomputed directly so they carry no cancellation error. Every ``algorithm`` name is accepted and
finds the same neighbours (exact search; ``leaf_size`` changes nothing).

Values beyond ~1e150 would overflow the squares (and a difference of two values near 1e308 is
infinite): then every coordinate is divided by the largest magnitude before distances are
computed, which changes no ranking, and the distances reported are scaled back.

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
_TILE_QUERIES = 32         # queries per spatial tile (low-dimensional queries only)
_TILE_POINTS = 16         # at most about this many training points per tile (if spread evenly)
_TILE_BATCH = 1 << 17      # (query, candidate) distances ranked at once
_SAFE = (1e-150, 1e150)    # magnitudes whose squares (and sums of them) are normal numbers
_P_OF = {"euclidean": 2.0, "l2": 2.0, "manhattan": 1.0, "l1": 1.0, "cityblock": 1.0,
         "chebyshev": np.inf, "infinity": np.inf}
_NAME_OF_P = {2.0: "euclidean", 1.0: "manhattan", np.inf: "chebyshev"}


class _NeighborsBase(BaseEstimator):
    _parameter_constraints = {
        "n_neighbors": [Interval(int, 1, None, closed="left")],
        "weights": [Options({"uniform", "distance"})],
        "algorithm": [Options({"auto", "ball_tree", "kd_tree", "brute"})],
        "leaf_size": [Interval(int, 1, None, closed="left")],
        "p": [Interval(float, 0, None, closed="neither"), Options({np.inf})],
        "metric": [Options({"minkowski", "cosine", *_P_OF})],
        "metric_params": [None, "dict"],
        "n_jobs": [None, Interval(int, None, None, "neither")],
    }

    def __init__(self, n_neighbors=5, *, weights="uniform", algorithm="auto", leaf_size=30, p=2,
                 metric="minkowski", metric_params=None, n_jobs=None):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric
        self.metric_params = metric_params
        self.n_jobs = n_jobs

    def _fit_X(self, X):
        self._resolve_metric()
        self._X = X
        self._scale = float(np.max(np.abs(X))) if X.size else 0.0
        self._sq_norms = np.einsum("ij,ij->i", X, X) if self._p == 2 else None
        self.n_features_in_ = X.shape[1]
        self.n_samples_fit_ = X.shape[0]

    def _resolve_metric(self):
        """``effective_metric_`` / ``effective_metric_params_`` as scikit-learn names them; the
        search itself uses ``_p`` (a Minkowski power, inf for Chebyshev) or "cosine"."""
        params = dict(self.metric_params or {})
        unknown = set(params) - {"p"}
        if unknown:
            raise ValueError(f"metric_params may only hold 'p' here, got {sorted(unknown)!r}.")
        if self.metric == "cosine":
            self._p = "cosine"
            self.effective_metric_, self.effective_metric_params_ = "cosine", {}
            return
        p = _P_OF.get(self.metric, float(params.get("p", self.p)))
        self._p = p
        self.effective_metric_ = _NAME_OF_P.get(p, "minkowski")
        self.effective_metric_params_ = {} if p in _NAME_OF_P else {"p": p}

    def _working_space(self, Q):
        """(training points, their squared norms, queries, scale): divided by the largest
        magnitude when squares would leave the normal range, else as they are (scale 1)."""
        s = max(self._scale, float(np.max(np.abs(Q))) if Q.size else 0.0)
        if self._p == "cosine" or _SAFE[0] <= s <= _SAFE[1] or s == 0.0:
            return self._X, self._sq_norms, Q, 1.0
        X, Qs = self._X / s, Q / s
        sq = np.einsum("ij,ij->i", X, X) if self._p == 2 else None
        return X, sq, Qs, s

    def _block_distances(self, Xf, sq, Q: np.ndarray) -> np.ndarray:
        """Ranking distances from each query to each point: squared for p = 2, the p-th power
        for other Minkowski p, the distance itself for p = 1, Chebyshev and cosine."""
        if self._p == 2:
            D = Q @ Xf.T
            D *= -2.0
            D += sq
            D += np.einsum("ij,ij->i", Q, Q)[:, None]
            return D
        if self._p == "cosine":
            return 1.0 - _unit_rows(Q) @ _unit_rows(Xf).T
        diff = np.abs(Q[:, None, :] - Xf[None, :, :])
        if self._p == 1:
            return diff.sum(axis=2)
        if self._p == np.inf:
            return diff.max(axis=2)
        return (diff ** self._p).sum(axis=2)

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        r"""Indices (and distances) of the k nearest training points, nearest first.

        ``X=None`` asks for the neighbours of every training point, the point itself excluded.
        Equal distances are ordered by training index.
        """
        return self._kneighbors(X, n_neighbors, return_distance, ordered=True)

    def kneighbors_graph(self, X=None, n_neighbors=None, mode="connectivity"):
        raise ValueError("kneighbors_graph returns a sparse matrix, and sparse output is not "
                         "supported here; use kneighbors.")

    def _kneighbors(self, X, n_neighbors, return_distance, ordered):
        """``kneighbors``; with ``ordered=False`` (prediction: the vote ignores the order) each
        row's neighbours come in training-index order, which skips a sort."""
        dist, ind, scale = self._search(X, n_neighbors, ordered)
        if not return_distance:
            return ind
        with np.errstate(over="ignore"):  # a true distance beyond 1.8e308 is reported as inf
            return (dist * scale if scale != 1.0 else dist), ind

    def _search(self, X, n_neighbors, ordered):
        """(distances in the working space, indices, scale of the working space)."""
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
        Xf, sq, Q, scale = self._working_space(Q)
        ordered = ordered or query_is_train
        if self._p in (1, 2) and _use_tiles(Q.shape, n_fit, k_query):
            dist, ind = self._tiled_kneighbors(Q, k_query, ordered, Xf)
        else:
            elements = n_fit * (Q.shape[1] if self._p not in (2, "cosine") else 1)
            block = max(1, _BLOCK_ELEMENTS // elements)
            ind = np.empty((Q.shape[0], k_query), dtype=np.intp)
            for start in range(0, Q.shape[0], block):
                D = self._block_distances(Xf, sq, Q[start:start + block])
                ind[start:start + block] = _smallest_k(D, k_query, ordered=False)
            dist = self._exact_distances(Xf, Q, ind)
            if ordered:
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
        return dist, ind, scale

    def _tiled_kneighbors(self, Q: np.ndarray, k: int, ordered: bool = True, Xf=None):
        r"""Exact k nearest neighbours of many low-dimensional queries (a 2-D grid, say).

        Queries are cut into spatial tiles. For a tile with centre c and radius
        :math:`\rho = \max_q d(q, c)`, let :math:`d_c` be the distance from c to its k-th nearest
        training point. Those k points lie within :math:`d_c + \rho` of every query q of the tile,
        so q's k nearest neighbours (ties included) lie within :math:`d_c + 2\rho` of c (triangle
        inequality, for p = 1 and p = 2 alike): only the training points in that ball are ranked.
        Tiles with similar numbers of queries and candidates are ranked together, padded to the
        largest (padding candidates sit at infinity). The chosen k are the smallest by (distance,
        training index), nearest first.
        """
        Xf = self._X if Xf is None else Xf
        n_q, d = Q.shape
        lo, hi = Q.min(axis=0), Q.max(axis=0)
        # tiles small in queries (few per ranking) and in area (few training points per tile)
        n_fit = Xf.shape[0]
        g = max(1, int(round(max(n_q / _TILE_QUERIES, n_fit / _TILE_POINTS) ** (1.0 / d))))
        cell = np.clip(((Q - lo) / np.where(hi > lo, hi - lo, 1.0) * g).astype(np.intp), 0, g - 1)
        tile = np.ravel_multi_index(tuple(cell.T), (g,) * d)
        order = np.argsort(tile, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(tile[order]) != 0])
        n_in = np.diff(np.r_[starts, n_q])
        t_lo = np.minimum.reduceat(Q[order], starts, axis=0)
        t_hi = np.maximum.reduceat(Q[order], starts, axis=0)
        centre = (t_lo + t_hi) / 2.0
        rho = self._grid_distances(list(t_hi.T[:, :, None]), list(centre.T[:, :, None]))[:, 0, 0]
        to_fit = self._grid_distances(list(Xf.T[:, None, :]),
                                      list(centre.T[:, :, None]))[:, 0, :]
        d_c = np.partition(to_fit, k - 1, axis=1)[:, k - 1]
        ball = to_fit <= ((d_c + 2.0 * rho) * (1.0 + 1e-9) + 1e-12)[:, None]  # slack: rounding
        n_cand = ball.sum(axis=1)
        dist = np.empty((n_q, k))
        ind = np.empty((n_q, k), dtype=np.intp)
        by_size = np.argsort(n_cand * (n_in.max() + 1) + n_in, kind="stable")
        # candidate coordinates feature by feature; padding points sit at infinity (distance inf)
        far = [np.append(Xf[:, j], np.inf) for j in range(d)]
        q_cols = [np.ascontiguousarray(Q[:, j]) for j in range(d)]
        lo_t = 0
        while lo_t < by_size.size:   # a few chunks of tiles, each one padded array
            hi_t = lo_t + 1
            while hi_t < by_size.size and (hi_t + 1 - lo_t) * n_in[by_size[hi_t]] * \
                    n_cand[by_size[hi_t]] <= _TILE_BATCH:
                hi_t += 1
            tiles = by_size[lo_t:hi_t]
            lo_t = hi_t
            B, M = int(n_in[tiles].max()), int(n_cand[tiles].max())
            slot = np.arange(B)
            q_pos = starts[tiles][:, None] + np.minimum(slot, n_in[tiles][:, None] - 1)
            rows = order[q_pos].ravel()                    # (tiles * B), a tile's last row repeated
            cand = np.argsort(~ball[tiles], axis=1, kind="stable")[:, :M]  # ascending index
            cand[np.arange(M)[None, :] >= n_cand[tiles][:, None]] = Xf.shape[0]
            D = self._grid_distances([x[cand] for x in far],
                                     [q[rows].reshape(len(tiles), B) for q in q_cols])
            sel = _smallest_k(D.reshape(-1, M), k, ordered)
            flat = sel + (np.arange(rows.size) * M)[:, None]
            tile_flat = sel + (np.arange(rows.size) // B * M)[:, None]
            if (n_in[tiles] == B).all():
                dist[rows], ind[rows] = D.ravel().take(flat), cand.ravel().take(tile_flat)
            else:
                real = (slot[None, :] < n_in[tiles][:, None]).ravel()
                dist[rows[real]] = D.ravel().take(flat[real])
                ind[rows[real]] = cand.ravel().take(tile_flat[real])
        return dist, ind

    def _grid_distances(self, Xc: list, Qc: list) -> np.ndarray:
        """(t, B, M) distances from queries (t, B) to points (t, M), given feature by feature
        (lists of d arrays), summed in the same order as ``_exact_distances`` (so the numbers
        are identical)."""
        D = None
        for xj, qj in zip(Xc, Qc):
            t = xj[:, None, :] - qj[:, :, None]
            if self._p == 2:
                np.multiply(t, t, out=t)
            else:
                np.abs(t, out=t)
            D = t if D is None else np.add(D, t, out=D)
        return np.sqrt(D, out=D) if self._p == 2 else D

    def _exact_distances(self, Xf, Q: np.ndarray, ind: np.ndarray) -> np.ndarray:
        """The chosen neighbours' distances, computed directly (no cancellation)."""
        if self._p == "cosine":
            return 1.0 - np.einsum("ijk,ik->ij", _unit_rows(Xf)[ind], _unit_rows(Q))
        diff = Xf[ind] - Q[:, None, :]
        if self._p == 2:
            return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
        diff = np.abs(diff)
        if self._p == 1:
            return diff.sum(axis=2)
        if self._p == np.inf:
            return diff.max(axis=2)
        return (diff ** self._p).sum(axis=2) ** (1.0 / self._p)

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


def _unit_rows(A: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (first by their largest entry, so no square overflows); a zero
    row stays zero (cosine distance 1 to everything, as scikit-learn's)."""
    top = np.max(np.abs(A), axis=1, keepdims=True)
    A = A / np.where(top > 0, top, 1.0)
    norm = np.sqrt(np.einsum("ij,ij->i", A, A))[:, None]
    return A / np.where(norm > 0, norm, 1.0)


def _use_tiles(q_shape, n_fit: int, k: int) -> bool:
    """Tiles pay off for many queries in one or two dimensions (a surface's grid) against a
    training set much larger than k; elsewhere one distance matrix per block of queries is as
    fast. (With two features at most, summing feature by feature gives the very numbers
    ``_exact_distances`` gives.)"""
    n_q, d = q_shape
    n_tiles = n_q / _TILE_QUERIES   # bounds the (tile, training point) distance matrix too
    return (d <= 2 and n_q >= 512 and n_fit >= 8 * max(k, 32)
            and n_tiles * n_fit * d <= _BLOCK_ELEMENTS)


def _smallest_k(D: np.ndarray, k: int, ordered: bool = True) -> np.ndarray:
    """Per row, the column positions of the k smallest entries, ties at the k-th value going to
    the lower position; ordered by (value, position) if ``ordered``, else by position.
    (``np.partition`` then a mask: several times faster than ``np.argpartition`` on short rows.)"""
    n, M = D.shape
    if k >= M:
        pos = np.broadcast_to(np.arange(M), D.shape)
    else:
        kth = np.partition(D, k - 1, axis=1)[:, k - 1:k]
        keep = D <= kth
        tie = np.flatnonzero(np.count_nonzero(keep, axis=1) > k)
        if tie.size:   # the k-th value is shared beyond k: keep the lowest positions among it
            Dt, kt = D[tie], kth[tie]
            tied = Dt == kt
            room = k - np.count_nonzero(Dt < kt, axis=1)[:, None]
            keep[tie] = (Dt < kt) | (tied & (np.cumsum(tied, axis=1) <= room))
        pos = (np.flatnonzero(keep) % M).reshape(n, k)   # row-major: ascending position
    if not ordered:
        return pos
    by_value = np.argsort(np.take_along_axis(D, pos, axis=1), axis=1, kind="stable")
    return np.take_along_axis(pos, by_value, axis=1)


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
        dist, ind, _ = self._search(X, None, ordered=False)   # 1/d weights ignore the scale
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
        dist, ind, _ = self._search(X, None, ordered=False)
        w = self._neighbor_weights(dist)
        return np.einsum("ij,ij->i", w, self._y[ind]) / w.sum(axis=1)


__all__ = ["KNeighborsClassifier", "KNeighborsRegressor"]
