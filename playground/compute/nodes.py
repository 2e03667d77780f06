"""One fitted tree's nodes as plain arrays, for the tree diagram (no learning math here).

Everything is the tree's own record (``tree_``: scikit-learn's names, children_left / right,
feature, threshold, value, n_node_samples, impurity), each node's region of the plane (the box
its questions cut, root to node: ``Tree.leaf_boxes``, clipped to the drawn grid) and the nodes a
pinned example passes through (``decision_path``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TreeNodes:
    """A tree as the diagram draws it. Node 0 is the root; a leaf has ``left == right == -1``."""

    feature: np.ndarray  # (m,) int, -2 at leaves
    threshold: np.ndarray  # (m,) float: "x[feature] <= threshold?" goes left
    left: np.ndarray
    right: np.ndarray
    depth: np.ndarray
    samples: np.ndarray  # n_node_samples: training rows that reach the node
    weight: np.ndarray  # weighted_n_node_samples (AdaBoost's Σ u, a bootstrap set's copies)
    impurity: np.ndarray
    value: np.ndarray  # (m, C): class shares (classifier) or the leaf's output (regression)
    kind: str  # "class" (value = class shares) or "value" (a regression tree's output)
    lo: np.ndarray  # (m, d): each node's box (lo, hi], clipped to the drawn extent
    hi: np.ndarray
    path: np.ndarray  # nodes of the pinned example, root first (empty without one)

    @property
    def node_count(self) -> int:
        return len(self.feature)

    @property
    def max_depth(self) -> int:
        return int(self.depth.max()) if len(self.depth) else 0


def tree_nodes(model, kind: str, extent: np.ndarray, point: np.ndarray | None = None,
               n_classes: int | None = None, columns: np.ndarray | None = None) -> TreeNodes:
    """The nodes of a fitted tree learner ``model`` (anything with ``tree_``).

    ``extent``: (2, d) lower and upper corner of the drawn plane (the boxes are clipped to it);
    ``point``: the pinned example's features (its path is recorded) or None; ``columns``: for a
    member fit on a sample missing some classes, its value columns' places among the ensemble's
    ``n_classes`` (the members' ``classes_``), so every diagram speaks of the same classes.
    """
    t = model.tree_
    lo, hi = t.leaf_boxes(np.asarray(extent[0], float), np.asarray(extent[1], float))
    value = np.asarray(t.value, float)
    if kind == "class" and n_classes is not None and value.shape[1] != n_classes:
        full = np.zeros((len(value), n_classes))
        full[:, np.arange(value.shape[1]) if columns is None else np.asarray(columns, int)] = value
        value = full
    path = np.zeros(0, np.int64)
    if point is not None:
        ind = t.decision_path(np.asarray(point, float).reshape(1, -1))
        path = ind.indices[ind.indptr[0]:ind.indptr[1]]
    return TreeNodes(np.asarray(t.feature), np.asarray(t.threshold, float),
                     np.asarray(t.children_left), np.asarray(t.children_right),
                     np.asarray(t.depth), np.asarray(t.n_node_samples),
                     np.asarray(t.weighted_n_node_samples, float), np.asarray(t.impurity, float),
                     value, kind, lo, hi, np.asarray(path, np.int64))


def extent_of(grid) -> np.ndarray:
    """The drawn plane's corners (2, 2) from a :class:`~playground.compute.data.Grid`."""
    return np.array([[grid.xs[0], grid.ys[0]], [grid.xs[-1], grid.ys[-1]]], float)
