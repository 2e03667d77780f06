"""Tree parameters a scikit-learn user types, each against scikit-learn's tree on the same data.

The data sets of tests/test_tree.py (a few integer levels per feature) are used where the best split
of every node is unique, so the two libraries must grow the same tree; the tie-free check is
repeated here where a parameter changes which nodes exist.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn import datasets
from sklearn import tree as skt

from algorithms import DecisionTreeClassifier, DecisionTreeRegressor, export_text
from tests.test_tree import (all_grid_points, assert_sklearn_splits_unique,
                             few_levels_classification, few_levels_regression, our_splits,
                             sk_splits)


def _same_tree(ours, sk, grid):
    assert our_splits(ours) == sk_splits(sk)
    if hasattr(sk, "predict_proba"):
        np.testing.assert_allclose(ours.predict_proba(grid), sk.predict_proba(grid), atol=1e-12)
    else:
        np.testing.assert_allclose(ours.predict(grid), sk.predict(grid), rtol=1e-10, atol=1e-10)
    assert ours.get_n_leaves() == sk.get_n_leaves()


GRID = all_grid_points(np.arange(-1, 7) * 0.75, 3)


def test_log_loss_is_entropy():
    X, y = few_levels_classification(seed=0)
    a = DecisionTreeClassifier(criterion="log_loss", max_depth=3).fit(X, y)
    b = DecisionTreeClassifier(criterion="entropy", max_depth=3).fit(X, y)
    np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
    np.testing.assert_allclose(a.tree_.impurity, b.tree_.impurity)
    sk = skt.DecisionTreeClassifier(criterion="log_loss", max_depth=3, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "entropy")
    _same_tree(a, sk, GRID)


@pytest.mark.parametrize("max_leaf_nodes", [4, 5, 8, 12])
def test_max_leaf_nodes_grows_best_first_as_scikit_learn(max_leaf_nodes):
    X, y = few_levels_classification(seed=0)
    sk = skt.DecisionTreeClassifier(max_leaf_nodes=max_leaf_nodes, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini")
    ours = DecisionTreeClassifier(max_leaf_nodes=max_leaf_nodes).fit(X, y)
    assert ours.get_n_leaves() == max_leaf_nodes
    _same_tree(ours, sk, GRID)
    # training rows land where prediction sends them (leaf ids remapped after the selection)
    np.testing.assert_array_equal(ours._train_leaves, ours.apply(X))


def test_max_leaf_nodes_regression():
    X, y = few_levels_regression(seed=0)
    sk = skt.DecisionTreeRegressor(max_leaf_nodes=7, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "squared_error")
    _same_tree(DecisionTreeRegressor(max_leaf_nodes=7).fit(X, y), sk, GRID)


@pytest.mark.parametrize("decrease", [0.002, 0.005, 0.02])
def test_min_impurity_decrease_stops_as_scikit_learn(decrease):
    X, y = few_levels_classification(seed=0)
    sk = skt.DecisionTreeClassifier(min_impurity_decrease=decrease, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini")
    ours = DecisionTreeClassifier(min_impurity_decrease=decrease).fit(X, y)
    _same_tree(ours, sk, GRID)
    # every split kept lowers the weighted impurity by at least the bound
    t = ours.tree_
    inner = t.children_left >= 0
    assert np.all(t.improvement()[inner] / t.weighted_n_node_samples[0] >= decrease - 1e-12)


def test_min_weight_fraction_leaf_as_scikit_learn():
    X, y = few_levels_classification(seed=0)
    w = np.random.default_rng(2).uniform(0.2, 3.0, len(y))
    sk = skt.DecisionTreeClassifier(min_weight_fraction_leaf=0.08, random_state=0).fit(
        X, y, sample_weight=w)
    assert_sklearn_splits_unique(sk, X, y, "gini", w=w)
    ours = DecisionTreeClassifier(min_weight_fraction_leaf=0.08).fit(X, y, sample_weight=w)
    _same_tree(ours, sk, GRID)
    t = ours.tree_
    leaves = t.children_left < 0
    assert t.weighted_n_node_samples[leaves].min() >= 0.08 * w.sum() - 1e-9


@pytest.mark.parametrize("class_weight", [{0: 3.0, 2: 0.5}, "balanced"])
def test_class_weight_as_scikit_learn(class_weight):
    X, y = few_levels_classification(seed=0)
    sk = skt.DecisionTreeClassifier(class_weight=class_weight, max_depth=3, random_state=0)
    sk.fit(X, y)
    cw = (len(y) / (3 * np.bincount(y)))[y] if class_weight == "balanced" else \
        np.vectorize(lambda c: class_weight.get(c, 1.0))(y)
    assert_sklearn_splits_unique(sk, X, y, "gini", w=cw)
    ours = DecisionTreeClassifier(class_weight=class_weight, max_depth=3).fit(X, y)
    _same_tree(ours, sk, GRID)
    # the same as passing the class weights as sample weights
    same = DecisionTreeClassifier(max_depth=3).fit(X, y, sample_weight=cw)
    np.testing.assert_allclose(ours.predict_proba(GRID), same.predict_proba(GRID))


def test_class_weight_names_unknown_labels():
    X, y = few_levels_classification(seed=0)
    with pytest.raises(ValueError, match="not classes of y"):
        DecisionTreeClassifier(class_weight={7: 2.0}).fit(X, y)


@pytest.mark.parametrize("kind", ["classification", "regression"])
def test_cost_complexity_pruning_path_is_scikit_learns(kind):
    if kind == "classification":
        X, y = few_levels_classification(seed=0)
        ours, sk = DecisionTreeClassifier(max_depth=4), skt.DecisionTreeClassifier(max_depth=4,
                                                                                   random_state=0)
    else:
        X, y = few_levels_regression(seed=0)
        ours, sk = DecisionTreeRegressor(max_depth=4), skt.DecisionTreeRegressor(max_depth=4,
                                                                                 random_state=0)
    sk.fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini" if kind == "classification" else "squared_error")
    path, ref = ours.cost_complexity_pruning_path(X, y), sk.cost_complexity_pruning_path(X, y)
    np.testing.assert_allclose(path.ccp_alphas, ref.ccp_alphas, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(path["impurities"], ref["impurities"], rtol=1e-9, atol=1e-12)
    assert np.all(np.diff(path.ccp_alphas) >= -1e-15)
    # an alpha between two of the path's prunes to scikit-learn's tree, whose leaves hold the
    # impurity of that step (exactly at a path alpha, rounding decides which side is taken)
    mids = (path.ccp_alphas[:-1] + path.ccp_alphas[1:]) / 2
    for alpha, impurity in zip(mids[::2], path.impurities[:-1:2]):
        pruned = type(ours)(max_depth=4, ccp_alpha=float(alpha)).fit(X, y)
        ref_pruned = type(sk)(max_depth=4, ccp_alpha=float(alpha), random_state=0).fit(X, y)
        _same_tree(pruned, ref_pruned, GRID)
        t = pruned.tree_
        leaves = t.children_left < 0
        total = np.sum(t.weighted_n_node_samples[leaves] * t.impurity[leaves]) / len(y)
        assert total == pytest.approx(impurity, rel=1e-9, abs=1e-12)
        np.testing.assert_array_equal(pruned._train_leaves, pruned.apply(X))


def test_largest_ccp_alpha_leaves_the_root():
    X, y = few_levels_classification(seed=1)
    path = DecisionTreeClassifier().cost_complexity_pruning_path(X, y)
    stump = DecisionTreeClassifier(ccp_alpha=float(path.ccp_alphas[-1])).fit(X, y)
    assert stump.tree_.node_count == 1


def test_decision_path_walks_root_to_leaf():
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    ours = DecisionTreeClassifier(max_depth=6).fit(X, y)
    sk = skt.DecisionTreeClassifier(max_depth=6, random_state=0).fit(X, y)
    path = ours.decision_path(X)
    dense = path.toarray()
    assert path.shape == (300, ours.tree_.node_count) and dense.shape == path.shape
    leaves = ours.apply(X)
    t = ours.tree_
    for i in range(0, 300, 7):
        nodes = path.indices[path.indptr[i]:path.indptr[i + 1]]
        assert nodes[0] == 0 and nodes[-1] == leaves[i]
        for parent, child in zip(nodes[:-1], nodes[1:]):
            assert child in (t.children_left[parent], t.children_right[parent])
        np.testing.assert_array_equal(np.flatnonzero(dense[i]), np.sort(nodes))
    # the same tree as scikit-learn's (moons: no ties at depth 6), so the same path lengths
    np.testing.assert_allclose(ours.predict_proba(X), sk.predict_proba(X))
    np.testing.assert_array_equal(np.diff(path.indptr), np.diff(sk.decision_path(X).indptr))


def _rules_as_scikit_learn_documents(est):
    """scikit-learn's documented way to walk ``tree_`` ("Understanding the decision tree
    structure"), written against its names only: every leaf's conditions, as a set."""
    t = est.tree_
    rules, stack = set(), [(0, ())]
    while stack:
        node, path = stack.pop()
        if t.children_left[node] == t.children_right[node]:          # a leaf
            rules.add((path, int(np.argmax(t.value[node]))))
            continue
        f, thr = int(t.feature[node]), round(float(t.threshold[node]), 6)
        stack.append((t.children_left[node], path + ((f, "<=", thr),)))
        stack.append((t.children_right[node], path + ((f, ">", thr),)))
    assert t.node_count == len(t.impurity) == len(t.n_node_samples)
    assert t.max_depth == est.get_depth()
    return rules


def test_tree_walking_code_written_for_scikit_learn_reads_ours():
    X, y = few_levels_classification(seed=0)
    sk = skt.DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini")
    ours = DecisionTreeClassifier(max_depth=4).fit(X, y)
    assert _rules_as_scikit_learn_documents(ours) == _rules_as_scikit_learn_documents(sk)
    leaf = ours.tree_.children_left < 0
    assert np.all(ours.tree_.feature[leaf] == skt._tree.TREE_UNDEFINED)
    assert np.all(ours.tree_.threshold[leaf] == skt._tree.TREE_UNDEFINED)


@pytest.mark.parametrize("show_weights", [False, True])
def test_export_text_is_scikit_learns(show_weights):
    X, y = few_levels_classification(seed=0)
    sk = skt.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini")
    ours = DecisionTreeClassifier(max_depth=3).fit(X, y)
    names = ["a", "b", "c"]
    assert export_text(ours, show_weights=show_weights) == \
        skt.export_text(sk, show_weights=show_weights)
    assert export_text(ours, feature_names=names, class_names=["x", "y", "z"], max_depth=1,
                       decimals=3, spacing=2) == \
        skt.export_text(sk, feature_names=names, class_names=["x", "y", "z"], max_depth=1,
                        decimals=3, spacing=2)
    Xr, yr = few_levels_regression(seed=0)
    skr = skt.DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xr, yr)
    assert export_text(DecisionTreeRegressor(max_depth=3).fit(Xr, yr)) == skt.export_text(skr)


def test_export_text_refuses_wrong_names():
    X, y = few_levels_classification(seed=0)
    ours = DecisionTreeClassifier(max_depth=2).fit(X, y)
    with pytest.raises(ValueError, match="feature_names must contain 3"):
        export_text(ours, feature_names=["a"])
    with pytest.raises(ValueError, match="class_names must contain 3"):
        export_text(ours, class_names=["a"])


# ------------------------------------------------------------------------------------------------
# weights: properties every exact tree has
# ------------------------------------------------------------------------------------------------
@st.composite
def weighted_data(draw):
    n = draw(st.integers(4, 40))
    d = draw(st.integers(1, 3))
    X = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-5, 5, width=32)))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 2)))
    y[0], y[1] = 0, 1
    w = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 3)))
    w[0] = w[1] = 1
    return X, y, w


@settings(max_examples=40, deadline=None)
@given(data=weighted_data(), depth=st.sampled_from([1, 2, None]),
       criterion=st.sampled_from(["gini", "entropy"]))
def test_zero_weight_rows_never_change_a_fit(data, depth, criterion):
    """A row of weight 0 is a row removed: same thresholds, same predictions everywhere."""
    X, y, w = data
    keep = w > 0
    a = DecisionTreeClassifier(max_depth=depth, criterion=criterion).fit(X, y, sample_weight=w)
    b = DecisionTreeClassifier(max_depth=depth, criterion=criterion).fit(X[keep], y[keep],
                                                                         sample_weight=w[keep])
    if len(np.unique(y[keep])) == len(np.unique(y)):
        np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
        np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-12)
    r1 = DecisionTreeRegressor(max_depth=depth).fit(X, y * 1.5, sample_weight=w)
    r2 = DecisionTreeRegressor(max_depth=depth).fit(X[keep], y[keep] * 1.5, sample_weight=w[keep])
    np.testing.assert_array_equal(r1.tree_.threshold, r2.tree_.threshold)
    np.testing.assert_allclose(r1.predict(X), r2.predict(X), rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(data=weighted_data(), depth=st.sampled_from([1, 3, None]))
def test_integer_weights_equal_repeated_rows(data, depth):
    """Weight k is the row k times: the same splits (counted in weight) and predictions."""
    X, y, w = data
    Xr, yr = np.repeat(X, w, axis=0), np.repeat(y, w)
    a = DecisionTreeClassifier(max_depth=depth).fit(X, y, sample_weight=w)
    b = DecisionTreeClassifier(max_depth=depth).fit(Xr, yr)
    if len(np.unique(yr)) == len(np.unique(y)):
        np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
        np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-12)
        np.testing.assert_allclose(a.tree_.weighted_n_node_samples,
                                   b.tree_.weighted_n_node_samples)
