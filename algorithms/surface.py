r"""Decision surfaces on a regular 2-D grid, painted leaf by leaf instead of predicted point by point.

A tree on two features cuts the plane into axis-aligned rectangles, one per leaf. Adding a leaf's
value $v$ to the rectangle of grid cells ``[j0, j1) x [i0, i1)`` is four updates of a 2-D difference
array ($+v$ at (j0, i0) and (j1, i1), $-v$ at (j0, i1) and (j1, i0)); two cumulative sums then give
the whole grid. A boosted ensemble paints each round into its own layer, and a cumulative sum over
rounds gives every animation frame $g_t$ at once.

A grid point $(x_i, y_j)$ is in leaf box $(lo, hi]$ when $lo < x_i \le hi$, which matches the trees'
"x <= threshold goes left".
"""

from __future__ import annotations

import numpy as np

from ._tree_structure import Tree


def grid_axes(X, resolution: int = 200, margin: float = 0.1):
    """Evenly spaced x and y coordinates covering the first two columns of X plus a margin."""
    X = np.asarray(X, dtype=float)
    lo, hi = X[:, :2].min(axis=0), X[:, :2].max(axis=0)
    pad = (hi - lo) * margin + 1e-9
    return (np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution),
            np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution))


def _leaf_rectangles(tree: Tree, xs, ys):
    """Grid index ranges [i0, i1) x [j0, j1) of every leaf of a 2-feature tree."""
    if tree.feature.size and tree.feature.max() > 1:
        raise ValueError("surfaces can be painted only for models trained on 2 features.")
    lo, hi = tree.leaf_boxes(np.array([-np.inf, -np.inf]), np.array([np.inf, np.inf]))
    leaves = np.flatnonzero(tree.is_leaf)
    i0 = np.searchsorted(xs, lo[leaves, 0], side="right")
    i1 = np.searchsorted(xs, hi[leaves, 0], side="right")
    j0 = np.searchsorted(ys, lo[leaves, 1], side="right")
    j1 = np.searchsorted(ys, hi[leaves, 1], side="right")
    return leaves, i0, i1, j0, j1


def _paint(layers, values, i0, i1, j0, j1, n_layers, nx, ny):
    """Sum rectangle values into ``n_layers`` difference arrays; returns (n_layers, ny, nx)."""
    W = nx + 1
    size = (ny + 1) * W
    key = np.concatenate([layers * size + j0 * W + i0, layers * size + j0 * W + i1,
                          layers * size + j1 * W + i0, layers * size + j1 * W + i1])
    val = np.concatenate([values, -values, -values, values])
    diff = np.bincount(key, weights=val, minlength=n_layers * size).reshape(n_layers, ny + 1, W)
    return np.cumsum(np.cumsum(diff, axis=1), axis=2)[:, :ny, :nx]


def tree_grid(tree: Tree, xs, ys) -> np.ndarray:
    """Leaf values of ``tree`` at every grid point: shape (len(ys), len(xs), n_outputs)."""
    leaves, i0, i1, j0, j1 = _leaf_rectangles(tree, xs, ys)
    out = np.empty((len(ys), len(xs), tree.value.shape[1]))
    for c in range(tree.value.shape[1]):
        out[:, :, c] = _paint(np.zeros(leaves.size, dtype=np.int64), tree.value[leaves, c],
                              i0, i1, j0, j1, 1, len(xs), len(ys))[0]
    return out


_MAX_RECTANGLES = 64   # up to this many leaves, add rectangles in place; beyond, difference arrays


def _add_tree(canvas, tree, xs, ys, node_values, scale):
    """canvas += scale * (the tree's ``node_values`` at its leaf, painted on the grid)."""
    leaves, i0, i1, j0, j1 = _leaf_rectangles(tree, xs, ys)
    vals = scale * node_values[leaves]
    if leaves.size <= _MAX_RECTANGLES:
        # each leaf is one slice-add; the leaves tile the plane, so every cell is touched once
        for a, b, c, d, v in zip(j0.tolist(), j1.tolist(), i0.tolist(), i1.tolist(),
                                 vals.tolist()):
            canvas[a:b, c:d] += v
    else:
        canvas += _paint(np.zeros(leaves.size, dtype=np.int64), vals, i0, i1, j0, j1, 1,
                         len(xs), len(ys))[0]


def iter_trees_grid(trees, weights, xs, ys, *, output=0, start=0.0):
    r"""Yield the running sum $g_t = \text{start} + \sum_{\tau \le t} w_\tau v_\tau$ on the grid
    after each tree, where $v_\tau$ is leaf value column ``output`` of tree $\tau$ (or a callable
    ``output(tree) -> per-node values``). The yielded (ny, nx) buffer is reused: copy to keep it.
    """
    canvas = np.zeros((len(ys), len(xs))) + start
    for tree, w in zip(trees, weights):
        node_values = output(tree) if callable(output) else tree.value[:, output]
        _add_tree(canvas, tree, xs, ys, node_values, w)
        yield canvas


def trees_grid(trees, weights, xs, ys, *, output=0, staged=False, dtype=np.float64) -> np.ndarray:
    r"""$\sum_t w_t\, v_t(x)$ over trees on the grid (see :func:`iter_trees_grid`).

    ``staged=True`` returns every running sum, shape (T, ny, nx); otherwise the final one.
    """
    if not staged:
        out = None
        for out in iter_trees_grid(trees, weights, xs, ys, output=output):
            pass
        return np.zeros((len(ys), len(xs))) if out is None else out.copy()
    frames = np.empty((len(trees), len(ys), len(xs)), dtype=dtype)
    for t, g in enumerate(iter_trees_grid(trees, weights, xs, ys, output=output)):
        frames[t] = g
    return frames


def _tree_of(est):
    return est.tree_ if hasattr(est, "tree_") else None


def staged_surfaces(model, xs, ys) -> np.ndarray:
    """Every round's decision surface of a fitted ensemble, shape (T, len(ys), len(xs)).

    * AdaBoost (binary): $g_t(x) = \\sum_{\\tau \\le t} \\alpha_\\tau f_\\tau(x)$;
    * bagging / random forest (binary): the vote share of the positive class among the first t;
    * gradient boosting: $g_t = g_0 + \\eta \\sum_{s \\le t} \\alpha_s f_s$ (:mod:`algorithms.gb_surface`);
    * anything else: falls back to the model's own ``staged_decision_function`` on the grid points
      (for more than two classes the result is (T, ny, nx, K): one value per class).
    Trees are painted; other learners are evaluated at the grid points.
    """
    name = type(model).__name__
    if name.startswith("GradientBoosting") and getattr(model, "n_features_in_", 0) == 2:
        from .gb_surface import staged_decision_grid
        return staged_decision_grid(model, xs, ys)
    trees = [_tree_of(e) for e in np.ravel(getattr(model, "estimators_", []))]
    if trees and all(t is not None for t in trees) and getattr(model, "n_classes_", 2) == 2:
        if name == "AdaBoostClassifier":
            # f_t(x) = +1 where the leaf's majority class is classes_[1], else -1
            def sign_of(tree):
                return np.where(tree.value.argmax(axis=1) == 1, 1.0, -1.0)
            return trees_grid(trees, model.estimator_weights_, xs, ys, output=sign_of, staged=True)
        if name in ("BaggingClassifier", "RandomForestClassifier"):
            cum = trees_grid(trees, np.ones(len(trees)), xs, ys, output=1, staged=True)
            return cum / np.arange(1, len(trees) + 1)[:, None, None]
    gx, gy = np.meshgrid(xs, ys)
    P = np.column_stack([gx.ravel(), gy.ravel()])
    if hasattr(model, "staged_decision_function"):
        stages = model.staged_decision_function(P)
    else:
        stages = (p[:, 1] for p in model.staged_predict_proba(P))
    # binary: one value per point; multiclass: one per point and class -> (T, ny, nx, K)
    return np.array([np.asarray(s).reshape(len(ys), len(xs), -1).squeeze(axis=2)
                     if np.asarray(s).ndim == 1 else np.asarray(s).reshape(len(ys), len(xs), -1)
                     for s in stages])
