r"""Surfaces of the first t members of a fitted ensemble, painted when round t is asked for.

Precomputing every round's surface (T x res x res) made each refit pay for frames nobody may look
at: ~0.2-1 s at T = 100 and 200 x 200. Here a refit costs nothing extra, and round t costs about a
millisecond:

* trees (:class:`TreePainter`): each leaf is an axis-aligned rectangle of the grid. Its value
  $v$ goes into a 2-D difference array at four corners; two cumulative sums give
  $S_t(x) = \sum_{\tau \le t} v_\tau(x)$ for the whole grid (the technique of
  ``algorithms.surface``). Rectangles are collected member by member the first time a round needs
  them and kept, so playing forward only ever adds the new members.
* any other learner (:class:`PointPainter`): its contribution is evaluated at the grid points once,
  the first time a round needs it, and kept.

Both return one channel per class (or one signed channel), shape (C, ny, nx); turning sums into
colours is the caller's job (``compute``).
"""

from __future__ import annotations

import threading
from typing import Callable, Sequence

import numpy as np

from algorithms.surface import _leaf_rectangles


class TreePainter:
    r"""$S_t = \sum_{\tau \le t} v_\tau$ over the grid, $v_\tau$ = per-node values of tree τ.

    ``node_values(i)`` returns member i's per-node values, shape (n_nodes, C), weights included
    (e.g. $\alpha_\tau$ times the sign of the leaf's class for AdaBoost).
    """

    def __init__(self, trees: Sequence, node_values: Callable[[int], np.ndarray], xs, ys):
        self.trees, self.node_values = trees, node_values
        self.xs, self.ys = np.asarray(xs, float), np.asarray(ys, float)
        self.nx, self.ny = len(self.xs), len(self.ys)
        self._keys: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        self._cat = (np.zeros(0, np.int64), None, [0])  # keys, values, offset per member
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.trees)

    def _rects(self, i: int):
        leaves, i0, i1, j0, j1 = _leaf_rectangles(self.trees[i], self.xs, self.ys)
        W = self.nx + 1
        keys = np.concatenate([j0 * W + i0, j0 * W + i1, j1 * W + i0, j1 * W + i1])
        v = np.asarray(self.node_values(i), float)[leaves]
        return keys, np.concatenate([v, -v, -v, v])

    def _upto(self, t: int):
        """Concatenated rectangles of members 0..t-1 (collected once, then reused)."""
        if len(self._keys) < t:
            with self._lock:
                while len(self._keys) < t:
                    k, v = self._rects(len(self._keys))
                    self._keys.append(k)
                    self._vals.append(v)
                offsets = np.cumsum([0] + [len(k) for k in self._keys]).tolist()
                self._cat = (np.concatenate(self._keys), np.concatenate(self._vals), offsets)
        keys, vals, offsets = self._cat
        n = offsets[t]
        return keys[:n], vals[:n]

    def _paint(self, keys, vals, channels=None) -> np.ndarray:
        size = (self.ny + 1) * (self.nx + 1)
        channels = range(vals.shape[1]) if channels is None else channels
        out = np.empty((len(channels), self.ny, self.nx))
        for o, c in enumerate(channels):
            diff = np.bincount(keys, weights=vals[:, c], minlength=size).reshape(self.ny + 1, -1)
            np.cumsum(diff, axis=0, out=diff)
            np.cumsum(diff, axis=1, out=diff)
            out[o] = diff[: self.ny, : self.nx]
        return out

    def total(self, t: int, channels=None) -> np.ndarray:
        """$S_t$, shape (C, ny, nx) (only the listed ``channels`` if given)."""
        return self._paint(*self._upto(t), channels)

    def member(self, i: int, channels=None) -> np.ndarray:
        """$v_i$ alone (0-based), shape (C, ny, nx)."""
        self._upto(i + 1)
        return self._paint(self._keys[i], self._vals[i], channels)


class PointPainter:
    """The same for learners that are not trees: ``contribution(i, points)`` -> (C, m), kept."""

    def __init__(self, members: Sequence, contribution: Callable[[int, np.ndarray], np.ndarray],
                 points: np.ndarray, shape):
        self.members, self.contribution = members, contribution
        self.points, self.shape = points, tuple(shape)
        self._memo: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.members)

    def _get(self, i: int) -> np.ndarray:
        if i not in self._memo:  # two sessions computing the same member at once is harmless
            self._memo[i] = np.asarray(self.contribution(i, self.points), np.float32)
        return self._memo[i]

    def total(self, t: int, channels=None) -> np.ndarray:
        sel = slice(None) if channels is None else list(channels)
        out = np.zeros_like(self._get(0)[sel], dtype=np.float64)
        for i in range(t):
            out += self._get(i)[sel]
        return out.reshape((-1,) + self.shape)

    def member(self, i: int, channels=None) -> np.ndarray:
        sel = slice(None) if channels is None else list(channels)
        return self._get(i)[sel].astype(np.float64).reshape((-1,) + self.shape)


def is_tree_ensemble(members) -> bool:
    return len(members) > 0 and all(hasattr(m, "tree_") for m in members)


def class_columns(member, K: int) -> np.ndarray | None:
    """Columns of ``member.tree_.value`` -> ensemble class indices (None if they already match)."""
    own = np.asarray(getattr(member, "classes_", np.arange(K)))
    if len(own) == K:
        return None
    return own.astype(int)


def spread(values: np.ndarray, cols: np.ndarray | None, K: int) -> np.ndarray:
    """Per-node class values over the member's own classes -> over all K ensemble classes."""
    if cols is None:
        return values
    out = np.zeros((values.shape[0], K))
    out[:, cols] = values
    return out
