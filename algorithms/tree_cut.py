"""A fitted tree, or a forest of them, cut back to a smaller depth.

A tree grown level by level decides the splits of levels 0..d-1 before it looks deeper, and each
node keeps its own class shares, so the nodes of depth <= d of a deep tree are the tree its data
grow to depth d. Cutting one depth-20 forest at depths 5, 10 and 15 therefore gives forests of
those depths (docs/lecture.md §2) from a single fit: every tree keeps its bootstrap set and the
features drawn for its splits. A fresh fit with ``max_depth=d`` draws the same bootstrap sets, and
the same features as long as the forest is grown in one pass (the engine grows very large forests
in chunks, and a chunk's draws then follow from how deep the previous chunk grew), so its trees
are the cut ones. ``tests/test_tree_cut.py`` checks the cut against such fits and against each
sample's path walked node by node.
"""

from __future__ import annotations

import copy
import numbers

import numpy as np

from ._tree_structure import TREE_LEAF, Tree
from ._validation import check_is_fitted


def cut_tree(tree: Tree, depth: int) -> Tree:
    """The nodes of ``tree`` down to ``depth``; those at ``depth`` become leaves."""
    depth = _check_depth(depth)
    # Nodes are numbered level by level, so the kept nodes are a prefix and keep their numbers.
    k = int(np.searchsorted(tree.depth, depth, side="right"))
    left = tree.left[:k].copy()
    leaf = (left == TREE_LEAF) | (tree.depth[:k] == depth)
    left[leaf] = TREE_LEAF
    return Tree(np.where(leaf, TREE_LEAF, tree.feature[:k]),
                np.where(leaf, np.nan, tree.threshold[:k]), left, tree.value[:k].copy(),
                tree.impurity[:k].copy(), tree.n_node_samples[:k].copy(),
                tree.weighted_n_node_samples[:k].copy(), tree.depth[:k].copy())


def cut_at_depth(model, depth: int):
    """A fitted copy of ``model`` whose trees stop at ``depth`` (``model`` is left as it is).

    ``model``: a fitted decision tree, or a bagging ensemble / random forest of decision trees.
    The copy predicts as if it had been fitted with ``max_depth=depth``; its ``max_depth``
    parameter says so. Records of the training run that belong to the deep trees (the training
    rows' leaves, out-of-bag estimates) are not carried over.
    """
    depth = _check_depth(depth)
    if hasattr(model, "tree_") or _is_tree(model):
        check_is_fitted(model, "tree_")
        out = copy.copy(model)
        out.tree_ = cut_tree(model.tree_, depth)
        out.__dict__.pop("_train_leaves", None)
    elif hasattr(model, "n_estimators"):
        check_is_fitted(model, "estimators_")
        # Bagging and forests record their bootstrap sets; boosting's trees depend on one another.
        if not hasattr(model, "estimators_samples_"):
            raise ValueError(f"{type(model).__name__} is not a bagging ensemble or a forest: its "
                             "trees depend on one another and cannot be cut one by one")
        members = list(model.estimators_)
        if not all(hasattr(m, "tree_") for m in members):
            raise ValueError(f"only trees can be cut at a depth; this {type(model).__name__} "
                             f"holds {type(members[0]).__name__} learners")
        out = copy.copy(model)
        out.estimators_ = [cut_at_depth(m, depth) for m in members]
        for name in ("oob_score_", "oob_errors_", "oob_decision_function_", "oob_prediction_"):
            out.__dict__.pop(name, None)
        if getattr(out, "estimator", None) is not None and hasattr(out.estimator, "max_depth"):
            out.estimator = copy.copy(out.estimator)
            out.estimator.max_depth = _shallower(out.estimator.max_depth, depth)
    else:
        raise ValueError(f"only a decision tree or an ensemble of trees can be cut at a depth, "
                         f"not {type(model).__name__}")
    if hasattr(out, "max_depth"):
        out.max_depth = _shallower(model.max_depth, depth)
    return out


def _is_tree(model) -> bool:
    return "max_depth" in getattr(model, "__dict__", {}) and not hasattr(model, "n_estimators")


def _shallower(max_depth, depth: int) -> int:
    return depth if max_depth is None else min(int(max_depth), depth)


def _check_depth(depth) -> int:
    if isinstance(depth, bool) or not isinstance(depth, numbers.Integral) or depth < 1:
        raise ValueError(f"the depth to cut at must be a whole number of at least 1, got {depth!r}")
    return int(depth)
