"""A fitted tree as flat arrays, the form the UI draws and prediction walks.

Node 0 is the root. An internal node ``i`` asks "x[feature[i]] <= threshold[i]?": yes goes to
``left[i]``, no to ``right[i] = left[i] + 1`` (children are stored side by side, so one gather per
level moves every row down: ``node = left[node] + (x > threshold)``). Leaves have ``feature = -1``,
``left = right = -1`` and ``threshold = nan``.
"""

from __future__ import annotations

import numpy as np

TREE_LEAF = -1


class Tree:
    """Flat-array decision tree: ``feature, threshold, left, right, value, impurity, n_node_samples``."""

    def __init__(self, feature, threshold, left, value, impurity, n_node_samples,
                 weighted_n_node_samples, depth):
        self.feature = np.asarray(feature, dtype=np.int64)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.where(self.left >= 0, self.left + 1, TREE_LEAF)
        self.value = np.asarray(value, dtype=np.float64)
        self.impurity = np.asarray(impurity, dtype=np.float64)
        self.n_node_samples = np.asarray(n_node_samples, dtype=np.int64)
        self.weighted_n_node_samples = np.asarray(weighted_n_node_samples, dtype=np.float64)
        self.depth = np.asarray(depth, dtype=np.int64)

    # -- shape ------------------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return int(self.feature.shape[0])

    @property
    def max_depth(self) -> int:
        return int(self.depth.max()) if self.node_count else 0

    @property
    def is_leaf(self) -> np.ndarray:
        return self.left < 0

    @property
    def n_leaves(self) -> int:
        return int(self.is_leaf.sum())

    # -- prediction -------------------------------------------------------------------------------
    def apply(self, X: np.ndarray) -> np.ndarray:
        """Leaf index of every row of X: one vectorized step per level.

        Leaves step to themselves (their own index, threshold +inf: never "go right"), so every
        row takes the same ``max_depth`` steps with no bookkeeping of finished rows.
        """
        X = np.asarray(X, dtype=np.float64)
        n, d = X.shape
        node = np.zeros(n, dtype=np.int64)
        if n == 0 or self.node_count <= 1:
            return node
        leaf = self.left < 0
        step = np.where(leaf, np.arange(self.node_count), self.left)
        feature = np.where(leaf, 0, self.feature)
        threshold = np.where(leaf, np.inf, self.threshold)
        flat = np.ascontiguousarray(X).ravel()
        base = np.arange(n) * d
        for _ in range(self.max_depth):
            node = step[node] + (flat.take(base + feature[node]) > threshold[node])
        return node

    def predict(self, X: np.ndarray) -> np.ndarray:
        """``value`` of the leaf each row falls in, shape (n, n_outputs)."""
        return self.value[self.apply(X)]

    def set_leaf_values(self, values) -> None:
        """Overwrite the value of every leaf (gradient boosting's per-leaf step)."""
        values = np.asarray(values, dtype=np.float64)
        self.value = values.reshape(self.node_count, -1).copy()

    # -- explanation ------------------------------------------------------------------------------
    def feature_importances(self, n_features: int) -> np.ndarray:
        r"""Mean decrease in impurity: $\sum_{\text{splits on } j} W_i I_i - W_l I_l - W_r I_r$, normalised."""
        inner = np.flatnonzero(~self.is_leaf)
        w, imp = self.weighted_n_node_samples, self.impurity
        l, r = self.left[inner], self.right[inner]
        decrease = w[inner] * imp[inner] - w[l] * imp[l] - w[r] * imp[r]
        out = np.bincount(self.feature[inner], weights=np.maximum(decrease, 0.0),
                          minlength=n_features)[:n_features]
        total = out.sum()
        return out / total if total > 0 else out

    def leaf_boxes(self, lower: np.ndarray, upper: np.ndarray):
        """Axis-aligned box ``(lo, hi]`` of every node, starting from the box ``(lower, upper]``.

        Returns ``(lo, hi)`` of shape (node_count, n_features); used to paint 2-D surfaces.
        """
        n_features = len(lower)
        lo = np.empty((self.node_count, n_features))
        hi = np.empty((self.node_count, n_features))
        lo[0], hi[0] = lower, upper
        # Nodes are numbered level by level, so parents always precede their children.
        for level in range(self.max_depth):
            parents = np.flatnonzero((self.depth == level) & ~self.is_leaf)
            if parents.size == 0:
                break
            f, t = self.feature[parents], self.threshold[parents]
            l, r = self.left[parents], self.right[parents]
            lo[l], hi[l], lo[r], hi[r] = lo[parents], hi[parents], lo[parents], hi[parents]
            hi[l, f] = np.minimum(hi[parents, f], t)
            lo[r, f] = np.maximum(lo[parents, f], t)
        return lo, hi
