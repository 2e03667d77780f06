r"""Decision surfaces on a regular 2-D grid, painted leaf by leaf instead of predicted point by point.

A tree on two features cuts the plane into axis-aligned rectangles, one per leaf. Adding a leaf's
value $v$ to the rectangle of grid cells ``[j0, j1) x [i0, i1)`` is four updates of a 2-D difference
array ($+v$ at (j0, i0) and (j1, i1), $-v$ at (j0, i1) and (j1, i0)); two cumulative sums then give
the whole grid. A boosted ensemble paints each round into its own layer, and a cumulative sum over
rounds gives every animation frame $g_t$ at once.

A grid point $(x_i, y_j)$ is in leaf box $(lo, hi]$ when $lo < x_i \le hi$, which matches the trees'
"x <= threshold goes left".

For the playground's live views, :class:`TreePainter` paints the same rectangles lazily: round t's
$S_t = \sum_{\tau \le t} v_\tau$ is painted only when round t is asked for, from rectangles
collected member by member and kept (so a refit pays nothing for frames nobody looks at, and
playing forward only adds the new members). :class:`PointPainter` is its fallback for members that
are not trees (evaluated at the grid points once, then kept). An ensemble says what it adds up
(:class:`SurfaceTerms`, from its ``surface_terms()``): :func:`staged_surfaces` asks the model, not
its type. Every painter here and :func:`trees_grid` share one rectangle finder
(:func:`_leaf_rectangles`) and one difference-array integrator (:func:`_integrate`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Sequence

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


def _leaf_rectangles_many(trees: Sequence[Tree], xs, ys) -> list:
    """:func:`_leaf_rectangles` of many trees at once (one level-by-level pass over all their
    nodes instead of one per tree: a forest of 100 deep trees in a few ms, not ~50 ms)."""
    if not trees:
        return []
    counts = np.array([t.node_count for t in trees])
    offset = np.concatenate([[0], np.cumsum(counts)[:-1]])
    feature = np.concatenate([t.feature for t in trees])
    if feature.size and feature.max() > 1:
        raise ValueError("surfaces can be painted only for models trained on 2 features.")
    threshold = np.concatenate([t.threshold for t in trees])
    is_leaf = np.concatenate([t.is_leaf for t in trees])
    depth = np.concatenate([t.depth for t in trees])
    # children as global node numbers (a leaf's own child entries are never read)
    left = np.concatenate([t.left + o for t, o in zip(trees, offset)])
    right = np.concatenate([t.right + o for t, o in zip(trees, offset)])
    n = int(counts.sum())
    lo, hi = np.full((n, 2), -np.inf), np.full((n, 2), np.inf)
    inner = np.flatnonzero(~is_leaf)
    inner = inner[np.argsort(depth[inner], kind="stable")]
    bounds = np.searchsorted(depth[inner], np.arange(int(depth.max()) + 2))
    for level in range(len(bounds) - 1):  # parents before children, as in Tree.leaf_boxes
        parents = inner[bounds[level]:bounds[level + 1]]
        if parents.size == 0:
            continue
        f, t = feature[parents], threshold[parents]
        l, r = left[parents], right[parents]
        lo[l], hi[l], lo[r], hi[r] = lo[parents], hi[parents], lo[parents], hi[parents]
        hi[l, f] = np.minimum(hi[parents, f], t)
        lo[r, f] = np.maximum(lo[parents, f], t)
    leaves = np.flatnonzero(is_leaf)
    i0 = np.searchsorted(xs, lo[leaves, 0], side="right")
    i1 = np.searchsorted(xs, hi[leaves, 0], side="right")
    j0 = np.searchsorted(ys, lo[leaves, 1], side="right")
    j1 = np.searchsorted(ys, hi[leaves, 1], side="right")
    cut = np.searchsorted(leaves, np.r_[offset, n])
    return [(leaves[a:b] - o, i0[a:b], i1[a:b], j0[a:b], j1[a:b])
            for a, b, o in zip(cut[:-1], cut[1:], offset)]


def _corner_keys(i0, i1, j0, j1, nx: int) -> np.ndarray:
    """Flat indices into an (ny + 1) x (nx + 1) difference array of every rectangle's four
    corners, in the order (j0, i0), (j0, i1), (j1, i0), (j1, i1): the signs +, -, -, + of
    :func:`_corner_values`."""
    W = nx + 1
    return np.concatenate([j0 * W + i0, j0 * W + i1, j1 * W + i0, j1 * W + i1])


def _corner_values(values: np.ndarray) -> np.ndarray:
    """$+v, -v, -v, +v$ for the corners listed by :func:`_corner_keys` (rows = rectangles)."""
    return np.concatenate([values, -values, -values, values])


def _integrate(keys, weights, nx: int, ny: int, n_layers: int = 1) -> np.ndarray:
    """Scatter corner weights into ``n_layers`` difference arrays and integrate them (two cumulative
    sums): the painted rectangles, shape (n_layers, ny, nx). The one integrator of this module."""
    W = nx + 1
    diff = np.bincount(keys, weights=weights, minlength=n_layers * (ny + 1) * W)
    diff = diff.reshape(n_layers, ny + 1, W)
    np.cumsum(diff, axis=1, out=diff)
    np.cumsum(diff, axis=2, out=diff)
    return diff[:, :ny, :nx]


def _paint(layers, values, i0, i1, j0, j1, n_layers, nx, ny):
    """Sum rectangle values into ``n_layers`` difference arrays; returns (n_layers, ny, nx)."""
    offset = np.tile(layers * ((ny + 1) * (nx + 1)), 4)
    return _integrate(offset + _corner_keys(i0, i1, j0, j1, nx), _corner_values(values),
                      nx, ny, n_layers)


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


@dataclass(frozen=True)
class SurfaceTerms:
    r"""What a tree ensemble adds up, round by round, so that it can be painted:
    $S_t = \text{start} + \sum_{\tau \le t} v_\tau$ over the first ``t * per_round`` trees
    (divided by t when ``average``: a vote share).

    ``trees``: the members' fitted :class:`~algorithms._tree_structure.Tree` s in order;
    ``values(i)``: tree i's per-node values, shape (n_nodes, C); ``start``: shape (C,);
    ``output``: the channel the model's ``staged_decision_function`` gives for two classes (None:
    all C channels). Ensembles provide it as ``surface_terms()``; :func:`staged_surfaces` and the
    playground's live views paint it with :class:`TreePainter`.
    """

    trees: list
    values: Callable[[int], np.ndarray]
    start: np.ndarray
    per_round: int = 1
    average: bool = False
    output: int | None = None


def staged_surfaces(model, xs, ys) -> np.ndarray:
    r"""Every round's decision surface of a fitted ensemble, shape (T, len(ys), len(xs)) — or
    (T, len(ys), len(xs), C) with several outputs.

    The model says what it adds up (``model.surface_terms()``: AdaBoost's $\alpha_t f_t$, a
    forest's class shares, gradient boosting's $\eta \alpha_t f_t$ from $g_0$); those are painted
    round by round with :class:`TreePainter`, the painter the playground uses. A model without
    trees (or whose ``surface_terms()`` is None) is evaluated at the grid points through its own
    ``staged_decision_function`` (or the positive class's ``staged_predict_proba``).
    """
    terms = model.surface_terms() if hasattr(model, "surface_terms") else None
    if terms is not None:
        painter = TreePainter(terms.trees, terms.values, xs, ys)
        T = len(terms.trees) // terms.per_round
        start = np.asarray(terms.start, float)[:, None, None]
        frames = []
        for t in range(1, T + 1):
            S = painter.total(t * terms.per_round) + start
            if terms.average:
                S /= t
            frames.append(S[terms.output] if terms.output is not None else np.moveaxis(S, 0, -1))
        return np.array(frames)
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


# ---- painting round t on demand ----------------------------------------------------------------

class TreePainter:
    r"""$S_t(x) = \sum_{\tau \le t} v_\tau(x)$ on a grid, painted when round t is asked for.

    ``trees[i]`` is member i's fitted :class:`~algorithms._tree_structure.Tree` (2 features) and
    ``node_values(i)`` its per-node values $v_i$, shape (n_nodes, C), weights included (e.g.
    $\alpha_i$ times the sign of the leaf's class for AdaBoost, $\eta \alpha_i \gamma_j$ for
    gradient boosting, the leaf's class shares for a forest). Each leaf is a rectangle of the grid;
    its value goes into a difference array at four corners and two cumulative sums give the whole
    grid (:func:`_integrate`), so $S_t$ costs one ``bincount`` over the first t members' corners
    plus two cumulative sums per channel, however many rounds there are.

    Lazy: member i's rectangles are collected (``trees[i]`` and ``node_values(i)`` called) the
    first time a round >= i + 1 is asked for, and kept. Thread-safe: several sessions may share
    one painter (collection happens under a lock; reads use an immutable snapshot).
    """

    def __init__(self, trees: Sequence, node_values: Callable[[int], np.ndarray], xs, ys):
        self.trees, self.node_values = trees, node_values
        self.xs, self.ys = np.asarray(xs, float), np.asarray(ys, float)
        self.nx, self.ny = len(self.xs), len(self.ys)
        self._keys: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        # snapshot (corner keys, corner values, offset per member) of the members collected so far;
        # replaced as a whole, so a reader never sees keys without their values
        self._cat: tuple = (np.zeros(0, np.int64), np.zeros((0, 0)), (0,))
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.trees)

    @property
    def n_collected(self) -> int:
        """How many members' rectangles have been collected so far."""
        return len(self._cat[2]) - 1

    def _rects(self, start: int, stop: int):
        """Corner keys and values of members start..stop-1 (their rectangles found together)."""
        rects = _leaf_rectangles_many([self.trees[i] for i in range(start, stop)],
                                      self.xs, self.ys)
        for i, (leaves, i0, i1, j0, j1) in zip(range(start, stop), rects):
            v = np.asarray(self.node_values(i), float)
            v = (v[:, None] if v.ndim == 1 else v)[leaves]
            yield _corner_keys(i0, i1, j0, j1, self.nx), _corner_values(v)

    def _upto(self, t: int):
        """Corner keys and values of members 0..t-1 (collected once, then reused)."""
        if not 0 <= t <= len(self.trees):
            raise IndexError(f"round {t} of an ensemble of {len(self.trees)} members")
        if self.n_collected < t:
            with self._lock:
                if self.n_collected < t:  # another thread may have collected them meanwhile
                    for k, v in self._rects(len(self._keys), t):
                        self._keys.append(k)
                        self._vals.append(v)
                    offsets = tuple(np.cumsum([0] + [len(k) for k in self._keys]).tolist())
                    self._cat = (np.concatenate(self._keys), np.concatenate(self._vals), offsets)
        keys, vals, offsets = self._cat
        n = offsets[t]
        return keys[:n], vals[:n]

    def _paint(self, keys, vals, channels=None) -> np.ndarray:
        channels = range(vals.shape[1]) if channels is None else list(channels)
        out = np.empty((len(channels), self.ny, self.nx))
        for o, c in enumerate(channels):
            out[o] = _integrate(keys, vals[:, c], self.nx, self.ny)[0]
        return out

    def total(self, t: int, channels=None) -> np.ndarray:
        r"""$S_t$ for t = 1..T, shape (C, ny, nx) (only the listed ``channels`` if given)."""
        if t < 1:
            raise IndexError(f"round {t}: rounds are numbered from 1")
        return self._paint(*self._upto(t), channels)

    def member(self, i: int, channels=None) -> np.ndarray:
        r"""$v_i$ alone (member i, 0-based), shape (C, ny, nx)."""
        self._upto(i + 1)
        return self._paint(self._keys[i], self._vals[i], channels)

    def subset(self, members, channels=None) -> np.ndarray:
        r"""$\sum_{i \in \text{members}} v_i$ for any set of members (0-based indices, or a
        boolean mask over all of them), shape (C, ny, nx): the ensemble with some members
        switched off, painted from the same rectangles (no member is evaluated again). The
        members ``0..t-1`` give :meth:`total` (t)."""
        chosen = _chosen(members, len(self.trees))
        if not chosen.size:
            return self._paint(np.zeros(0, np.int64), np.zeros((0, self._width())), channels)
        self._upto(int(chosen[-1]) + 1)
        keys = np.concatenate([self._keys[i] for i in chosen])
        vals = np.concatenate([self._vals[i] for i in chosen])
        return self._paint(keys, vals, channels)

    def _width(self) -> int:
        """C, the number of value channels (member 0's)."""
        self._upto(1)
        return self._vals[0].shape[1]

    def member_argmax(self, i: int, channels=None) -> np.ndarray:
        r"""$\arg\max_c v_{i,c}(x)$ over ``channels`` (positions within them), shape (ny, nx):
        member i's own decision, as ``member(i, channels).argmax(0)``.

        One channel painted instead of C: a member's leaves tile the plane, so painting each
        leaf's winning position gives that position in every cell of the leaf."""
        self._upto(i + 1)
        keys, vals = self._keys[i], self._vals[i]
        vals = vals if channels is None else vals[:, list(channels)]
        leaf_values = vals[: len(vals) // 4]  # corner rows: +v of every leaf first
        winner = leaf_values.argmax(1).astype(float)
        painted = _integrate(keys, _corner_values(winner), self.nx, self.ny)[0]
        return np.rint(painted).astype(np.intp)


class PointPainter:
    r"""The same as :class:`TreePainter` for members that are not trees.

    ``contribution(i, points)`` returns member i's $v_i$ at the grid points, shape (C, m); it is
    computed the first time a round needs it and kept (as float32). ``points`` are the grid
    points in row-major (y, x) order and ``shape`` = (ny, nx).
    """

    def __init__(self, members: Sequence, contribution: Callable[[int, np.ndarray], np.ndarray],
                 points: np.ndarray, shape):
        self.members, self.contribution = members, contribution
        self.points, self.shape = points, tuple(shape)
        self._memo: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.members)

    def _get(self, i: int) -> np.ndarray:
        if i not in self._memo:  # two threads computing the same member at once is harmless
            self._memo[i] = np.asarray(self.contribution(i, self.points), np.float32)
        return self._memo[i]

    def total(self, t: int, channels=None) -> np.ndarray:
        r"""$S_t = \sum_{\tau \le t} v_\tau$ at the grid points, shape (C, ny, nx)."""
        if not 1 <= t <= len(self.members):
            raise IndexError(f"round {t} of an ensemble of {len(self.members)} members")
        sel = slice(None) if channels is None else list(channels)
        out = np.zeros_like(self._get(0)[sel], dtype=np.float64)
        for i in range(t):
            out += self._get(i)[sel]
        return out.reshape((-1,) + self.shape)

    def member(self, i: int, channels=None) -> np.ndarray:
        r"""$v_i$ alone (0-based), shape (C, ny, nx)."""
        sel = slice(None) if channels is None else list(channels)
        return self._get(i)[sel].astype(np.float64).reshape((-1,) + self.shape)

    def subset(self, members, channels=None) -> np.ndarray:
        r"""$\sum_{i \in \text{members}} v_i$ (indices or a boolean mask), shape (C, ny, nx)
        (see TreePainter's)."""
        sel = slice(None) if channels is None else list(channels)
        out = np.zeros_like(self._get(0)[sel], dtype=np.float64)
        for i in _chosen(members, len(self.members)):
            out += self._get(int(i))[sel]
        return out.reshape((-1,) + self.shape)

    def member_argmax(self, i: int, channels=None) -> np.ndarray:
        r"""$\arg\max_c v_{i,c}(x)$ over ``channels``, shape (ny, nx) (see TreePainter's)."""
        sel = slice(None) if channels is None else list(channels)
        return self._get(i)[sel].argmax(0).reshape(self.shape)


def _chosen(members, n: int) -> np.ndarray:
    """Sorted member indices from indices or a boolean mask over n members."""
    m = np.asarray(members)
    if m.dtype == bool:
        if m.shape != (n,):
            raise ValueError(f"a mask over the members needs {n} entries, got {m.shape[0]}")
        return np.flatnonzero(m)
    idx = np.unique(m.astype(np.int64).ravel())
    if idx.size and (idx[0] < 0 or idx[-1] >= n):
        raise IndexError(f"member {int(idx[0] if idx[0] < 0 else idx[-1])} of an ensemble of "
                         f"{n} members")
    return idx


def is_tree_ensemble(members) -> bool:
    """True when every member is a fitted tree learner (has ``tree_``): TreePainter applies."""
    return len(members) > 0 and all(hasattr(m, "tree_") for m in members)


def class_columns(member, K: int) -> np.ndarray | None:
    """Columns of ``member.tree_.value`` -> ensemble class indices (None if they already match).

    A member fit on a sample missing some classes has fewer columns than the ensemble's K."""
    own = np.asarray(getattr(member, "classes_", np.arange(K)))
    if len(own) == K:
        return None
    return own.astype(int)


def spread(values: np.ndarray, cols: np.ndarray | None, K: int) -> np.ndarray:
    """Per-node (or per-point) class values over the member's own classes -> over all K classes."""
    if cols is None:
        return values
    out = np.zeros((values.shape[0], K))
    out[:, cols] = values
    return out
