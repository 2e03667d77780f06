"""A fitted tree as flat arrays, the form the UI draws and prediction walks.

Node 0 is the root. An internal node ``i`` asks "x[feature[i]] <= threshold[i]?": yes goes to
``left[i]``, no to ``right[i] = left[i] + 1`` (children are stored side by side, so one gather per
level moves every row down: ``node = left[node] + (x > threshold)``). A missing value (NaN) goes left
when ``missing_go_to_left[i]``, else right.

The arrays carry scikit-learn's names and conventions too, so code written to walk a
scikit-learn tree walks this one: ``children_left`` / ``children_right`` (-1 at leaves),
``feature`` (-2 at leaves), ``threshold`` (-2.0 at leaves), ``value``, ``impurity``,
``n_node_samples``, ``weighted_n_node_samples``, ``missing_go_to_left``, ``node_count``,
``max_depth``, ``n_leaves``. One difference: ``value`` is (node_count, K) (class fractions or the
mean target) where scikit-learn's has a middle axis of one output, (node_count, 1, K).
"""

from __future__ import annotations

import numpy as np

TREE_LEAF = -1          # children of a leaf
TREE_UNDEFINED = -2     # feature and threshold of a leaf


class Tree:
    """Flat-array decision tree (see the module doc for the layout)."""

    def __init__(self, feature, threshold, left, value, impurity, n_node_samples,
                 weighted_n_node_samples, depth, missing_go_to_left=None):
        self.left = np.asarray(left, dtype=np.int64)
        leaf = self.left < 0
        self.feature = np.where(leaf, TREE_UNDEFINED, np.asarray(feature, dtype=np.int64))
        self.threshold = np.where(leaf, float(TREE_UNDEFINED),
                                  np.asarray(threshold, dtype=np.float64))
        self.right = np.where(leaf, TREE_LEAF, self.left + 1)
        self.value = np.asarray(value, dtype=np.float64)
        self.impurity = np.asarray(impurity, dtype=np.float64)
        self.n_node_samples = np.asarray(n_node_samples, dtype=np.int64)
        self.weighted_n_node_samples = np.asarray(weighted_n_node_samples, dtype=np.float64)
        self.depth = np.asarray(depth, dtype=np.int64)
        self.missing_go_to_left = (np.zeros(self.left.shape, dtype=np.uint8)
                                   if missing_go_to_left is None else
                                   np.asarray(missing_go_to_left, dtype=np.uint8))

    # -- scikit-learn's names ---------------------------------------------------------------------
    @property
    def children_left(self) -> np.ndarray:
        return self.left

    @property
    def children_right(self) -> np.ndarray:
        return self.right

    @property
    def n_outputs(self) -> int:
        return 1

    # -- shape ------------------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return int(self.left.shape[0])

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
        row takes the same ``max_depth`` steps with no bookkeeping of finished rows. A NaN compares
        False with every threshold (so it goes left) unless the node sends missing values right.
        """
        X = np.asarray(X)
        n, d = X.shape
        node = np.zeros(n, dtype=np.int64)
        if n == 0 or self.node_count <= 1:
            return node
        leaf = self.is_leaf
        step = np.where(leaf, np.arange(self.node_count), self.left)
        feature = np.where(leaf, 0, self.feature)
        threshold = np.where(leaf, np.inf, self.threshold)
        flat = np.ascontiguousarray(X).ravel()
        base = np.arange(n) * d
        nan_right = None
        if X.dtype.kind == "f" and np.isnan(flat).any():
            nan_right = ~leaf & (self.missing_go_to_left == 0)
        for _ in range(self.max_depth):
            x = flat.take(base + feature[node])
            go_right = x > threshold[node]
            if nan_right is not None:
                go_right |= np.isnan(x) & nan_right[node]
            node = step[node] + go_right
        return node

    def predict(self, X: np.ndarray) -> np.ndarray:
        """``value`` of the leaf each row falls in, shape (n, n_outputs)."""
        return self.value[self.apply(X)]

    def decision_path(self, X: np.ndarray) -> "NodeIndicator":
        """The nodes each row passes through, root to leaf (scikit-learn's CSR layout)."""
        leaves = self.apply(X)
        return NodeIndicator.from_paths(self.path_to(leaves), self.node_count)

    def path_to(self, nodes: np.ndarray) -> list:
        """Per level, the ancestor of each of ``nodes`` at that depth (-1 below its depth)."""
        parent = np.full(self.node_count, -1)
        inner = np.flatnonzero(~self.is_leaf)
        parent[self.left[inner]] = inner
        parent[self.right[inner]] = inner
        levels = [np.asarray(nodes, dtype=np.int64)]
        cur = levels[0]
        while (cur > 0).any():
            cur = np.where(cur > 0, parent[np.maximum(cur, 0)], -1)
            levels.append(cur)
        return levels[::-1]

    def set_leaf_values(self, values) -> None:
        """Overwrite the value of every leaf (gradient boosting's per-leaf step)."""
        values = np.asarray(values, dtype=np.float64)
        self.value = values.reshape(self.node_count, -1).copy()

    # -- explanation ------------------------------------------------------------------------------
    def improvement(self) -> np.ndarray:
        r"""Per node, $W_i I_i - W_l I_l - W_r I_r$ (0 at leaves): the impurity decrease a split
        buys, weighted by the samples it holds (scikit-learn's ``impurity_improvement`` times
        the root's weight)."""
        out = np.zeros(self.node_count)
        inner = np.flatnonzero(~self.is_leaf)
        w, imp = self.weighted_n_node_samples, self.impurity
        l, r = self.left[inner], self.right[inner]
        out[inner] = w[inner] * imp[inner] - w[l] * imp[l] - w[r] * imp[r]
        return out

    def feature_importances(self, n_features: int) -> np.ndarray:
        r"""Mean decrease in impurity: $\sum_{\text{splits on } j} W_i I_i - W_l I_l - W_r I_r$, normalised."""
        inner = np.flatnonzero(~self.is_leaf)
        out = np.bincount(self.feature[inner], weights=np.maximum(self.improvement()[inner], 0.0),
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

    # -- pruning ----------------------------------------------------------------------------------
    def keep_subtree(self, keep: np.ndarray):
        """The tree made of the nodes marked ``keep`` (a subtree that contains the root and, with
        every kept internal node, both its children or neither: a node whose children are
        dropped becomes a leaf). Returns ``(tree, new_id)`` with ``new_id[old] = new`` for kept
        nodes and the kept ancestor's id for dropped ones, so training leaves can be remapped."""
        keep = np.asarray(keep, dtype=bool)
        kept = np.flatnonzero(keep)          # level order is kept: children stay adjacent
        new_id = np.full(self.node_count, -1)
        new_id[kept] = np.arange(kept.size)
        leaf_now = self.is_leaf[kept] | ~keep[np.maximum(self.left[kept], 0)]
        left = np.where(leaf_now, -1, new_id[np.maximum(self.left[kept], 0)])
        tree = Tree(self.feature[kept], self.threshold[kept], left, self.value[kept],
                    self.impurity[kept], self.n_node_samples[kept],
                    self.weighted_n_node_samples[kept], self.depth[kept],
                    self.missing_go_to_left[kept])
        # dropped nodes map to their nearest kept ancestor (parents precede children)
        parent = np.full(self.node_count, -1)
        inner = np.flatnonzero(~self.is_leaf)
        parent[self.left[inner]] = inner
        parent[self.right[inner]] = inner
        for level in range(1, self.max_depth + 1):
            at = np.flatnonzero((self.depth == level) & ~keep)
            if at.size:
                new_id[at] = new_id[parent[at]]
        return tree, new_id


class NodeIndicator:
    """Which nodes each sample passes through: scikit-learn's ``decision_path`` result as a
    compressed sparse row matrix (``indptr``, ``indices``, ``data``, ``shape``), without scipy.

    Row i's nodes are ``indices[indptr[i]:indptr[i + 1]]``, root first. ``toarray()`` gives the
    dense 0/1 matrix (n_samples, node_count).
    """

    def __init__(self, indptr, indices, shape):
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.data = np.ones(self.indices.shape[0], dtype=np.int64)
        self.shape = tuple(shape)

    @classmethod
    def from_paths(cls, levels: list, node_count: int) -> "NodeIndicator":
        paths = np.stack(levels, axis=1) if levels else np.zeros((0, 0), dtype=np.int64)
        on = paths >= 0
        counts = on.sum(axis=1)
        indptr = np.concatenate([[0], np.cumsum(counts)])
        return cls(indptr, paths[on], (paths.shape[0], node_count))

    @property
    def nnz(self) -> int:
        return int(self.indices.shape[0])

    def toarray(self) -> np.ndarray:
        out = np.zeros(self.shape, dtype=np.int64)
        rows = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        out[rows, self.indices] = 1
        return out

    def __repr__(self) -> str:
        return f"NodeIndicator(shape={self.shape}, nnz={self.nnz})"
