r"""Paint a boosted model of two features on a regular grid, every stage at once.

Each stage adds $\eta\,\alpha_t f_t$, painted leaf by leaf (:mod:`algorithms.surface`), to a running
sum that starts at $g_0$: the frames of the boosting animation,
$g_t = g_0 + \eta \sum_{s \le t} \alpha_s f_s$, without predicting a single grid point.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_is_fitted
from .surface import _add_tree, tree_grid  # noqa: F401  (tree_grid re-exported)


def _check(model, xs, ys):
    check_is_fitted(model, "estimators_")
    if model.n_features_in_ != 2:
        raise ValueError(f"Surfaces need a model of 2 features; this one has "
                         f"{model.n_features_in_}.")
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    if xs.ndim != 1 or ys.ndim != 1 or np.any(np.diff(xs) < 0) or np.any(np.diff(ys) < 0):
        raise ValueError("Grid coordinates xs and ys must be 1-D and sorted increasingly.")
    return xs, ys


def _g0_grid(model, xs, ys) -> np.ndarray:
    r"""$g_0$ on the grid, shape (len(ys), len(xs), K): the constant, or an init estimator's
    output at every grid point."""
    K = model.estimators_.shape[1]
    if isinstance(model.init_, np.ndarray):
        return np.broadcast_to(np.asarray(model.init_, float), (len(ys), len(xs), K))
    gx, gy = np.meshgrid(xs, ys)
    raw = model._raw_init(np.column_stack([gx.ravel(), gy.ravel()]))
    return raw.reshape(len(ys), len(xs), K)


def iter_staged_grids(model, xs, ys):
    r"""Yield $g_t$ on the grid for t = 1..T, shape (len(ys), len(xs), K).

    The leaves of one tree tile the plane, so adding each leaf's $\eta \alpha_t \gamma_j$ to its
    rectangle touches every grid cell once per tree; deep trees (many small leaves) go through
    the difference array instead. The yielded array is a buffer reused by the next stage; copy
    it to keep it.
    """
    xs, ys = _check(model, xs, ys)
    T, K = model.estimators_.shape
    ny, nx = len(ys), len(xs)
    run = np.zeros((K, ny, nx))
    g = np.empty((ny, nx, K))
    g0 = _g0_grid(model, xs, ys)
    for t in range(T):
        step = model.learning_rate * model.estimator_weights_[t]
        for k in range(K):
            _add_tree(run[k], model.estimators_[t, k].tree_, xs, ys,
                      model.estimators_[t, k].tree_.value[:, 0], step)
            np.add(run[k], g0[:, :, k], out=g[:, :, k])
        yield g


def staged_decision_grid(model, xs, ys, dtype=np.float64) -> np.ndarray:
    r"""$g_t$ of a fitted gradient-boosting model on the grid, for t = 1..T.

    Returns shape (T, len(ys), len(xs)) — or (T, len(ys), len(xs), K) for multiclass — where
    entry ``[t - 1, j, i]`` is $g_t(x = xs[i], y = ys[j])$.
    """
    T, K = model.estimators_.shape
    xs, ys = _check(model, xs, ys)
    if K == 1:   # paint straight into the frames: frame t starts as a copy of frame t - 1
        out = np.empty((T, len(ys), len(xs)), dtype=dtype)
        prev = np.array(_g0_grid(model, xs, ys)[:, :, 0])
        for t in range(T):
            frame = out[t]
            frame[...] = prev
            tree = model.estimators_[t, 0].tree_
            _add_tree(frame, tree, xs, ys, tree.value[:, 0],
                      model.learning_rate * model.estimator_weights_[t])
            prev = frame
        return out
    out = np.empty((T, len(ys), len(xs), K), dtype=dtype)
    for t, g in enumerate(iter_staged_grids(model, xs, ys)):
        out[t] = g
    return out


def staged_proba_grid(model, xs, ys, dtype=np.float32) -> np.ndarray:
    """Class probabilities after every stage on the grid: shape (T, len(ys), len(xs), n_classes).

    float32 by default: these are frames to draw (half the memory of float64, ~7 significant
    digits); pass ``dtype=np.float64`` for exact comparisons.
    """
    T, K = model.estimators_.shape
    xs, ys = _check(model, xs, ys)
    scale = getattr(model._loss, "raw_scale", None)
    if K == 1 and scale is not None:
        # binary: p1 = 1 / (1 + exp(-scale g)) over every stage at once, on contiguous arrays
        p1 = staged_decision_grid(model, xs, ys)
        p1 *= -scale
        with np.errstate(over="ignore"):
            np.exp(p1, out=p1)
        p1 += 1.0
        np.reciprocal(p1, out=p1)
        out = np.empty((T, len(ys), len(xs), 2), dtype=dtype)
        out[..., 1] = p1
        np.subtract(1.0, p1, out=out[..., 0])
        return out
    out = np.empty((T, len(ys), len(xs), max(K, 2)), dtype=dtype)
    for t, g in enumerate(iter_staged_grids(model, xs, ys)):
        out[t] = model._loss.proba(g.reshape(-1, K)).reshape(len(ys), len(xs), -1)
    return out
