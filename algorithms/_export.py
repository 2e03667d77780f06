"""A fitted tree as indented text rules, one line per split side and per leaf.

The format is scikit-learn's ``export_text``, so the two can be read side by side::

    |--- petal width (cm) <= 0.80
    |   |--- class: 0
    |--- petal width (cm) >  0.80
    |   |--- petal width (cm) <= 1.75
    |   |   |--- class: 1
"""

from __future__ import annotations

import numpy as np

from ._base import is_classifier
from ._validation import check_is_fitted


def export_text(decision_tree, *, feature_names=None, class_names=None, max_depth=10, spacing=3,
                decimals=2, show_weights=False) -> str:
    """The rules of a fitted ``DecisionTreeClassifier`` or ``DecisionTreeRegressor`` as text.

    ``feature_names``: one name per feature (default ``feature_0, feature_1, ...``);
    ``class_names``: names for ``classes_`` (default the classes themselves); ``max_depth``: levels
    shown (deeper branches read "truncated branch of depth d"); ``spacing``: spaces between
    edges; ``decimals``: digits of thresholds and values; ``show_weights``: each leaf's weighted
    sample count per class (classifiers).
    """
    check_is_fitted(decision_tree, "tree_")
    tree = decision_tree.tree_
    n_features = decision_tree.n_features_in_
    if feature_names is not None and len(feature_names) != n_features:
        raise ValueError(f"feature_names must contain {n_features} elements, got "
                         f"{len(feature_names)}.")
    classifier = is_classifier(decision_tree)
    if classifier:
        if class_names is None:
            class_names = decision_tree.classes_
        elif len(class_names) != len(decision_tree.classes_):
            raise ValueError(f"class_names must contain {len(decision_tree.classes_)} names, one "
                             f"per class, got {len(class_names)}.")
    if not (isinstance(spacing, int) and spacing > 0):
        raise ValueError(f"spacing must be a positive int, got {spacing!r}.")
    if not (isinstance(decimals, int) and decimals >= 0):
        raise ValueError(f"decimals must be an int >= 0, got {decimals!r}.")
    if not (isinstance(max_depth, int) and max_depth >= 0):
        raise ValueError(f"max_depth must be an int >= 0, got {max_depth!r}.")
    names = (list(feature_names) if feature_names is not None
             else [f"feature_{j}" for j in range(n_features)])
    depth_below = _depth_below(tree)
    lines = []

    def leaf(node, indent):
        value = tree.value[node]
        if classifier:
            text = ""
            if show_weights:
                w = tree.weighted_n_node_samples[node]
                text = "[" + ", ".join(f"{v * w:.{decimals}f}" for v in value) + "]"
                lines.append(f"{indent} weights: {text} class: {class_names[int(np.argmax(value))]}")
            else:
                lines.append(f"{indent} class: {class_names[int(np.argmax(value))]}")
        else:
            lines.append(f"{indent} value: [" + ", ".join(f"{v:.{decimals}f}" for v in value)
                         + "]")

    # depth-first, left before right, as a stack of (node, depth, side): side None = the node
    stack = [(0, 1, None)]
    while stack:
        node, depth, side = stack.pop()
        indent = ("|" + " " * spacing) * depth
        indent = indent[:-spacing] + "-" * spacing
        if side is not None:                      # the second line of a split: "x >  t"
            lines.append(side)
            continue
        if depth > max_depth + 1:
            if depth_below[node] == 1:
                leaf(node, indent)
            else:
                lines.append(f"{indent} truncated branch of depth {depth_below[node]}")
            continue
        if tree.children_left[node] < 0:
            leaf(node, indent)
            continue
        name = names[tree.feature[node]]
        threshold = f"{tree.threshold[node]:.{decimals}f}"
        lines.append(f"{indent} {name} <= {threshold}")
        stack.append((tree.children_right[node], depth + 1, None))
        stack.append((node, depth, f"{indent} {name} >  {threshold}"))
        stack.append((tree.children_left[node], depth + 1, None))
    return "\n".join(lines) + "\n"


def _depth_below(tree) -> np.ndarray:
    """Levels of each node's branch, itself included (a leaf: 1)."""
    out = np.ones(tree.node_count, dtype=np.int64)
    for node in range(tree.node_count - 1, -1, -1):   # children have larger ids (level order)
        if tree.children_left[node] >= 0:
            out[node] = 1 + max(out[tree.children_left[node]], out[tree.children_right[node]])
    return out
