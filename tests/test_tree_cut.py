"""Cutting a fitted tree (or a forest of trees) back to depth d gives the tree grown with
max_depth=d (the lecture's forests of depth 5, 10, 15 from one depth-20 forest, docs/lecture.md §2).

References: fits with ``max_depth=d`` on the same data, and each sample's path walked node by node
here (a loop, independent of the cut)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_moons

from algorithms import (AdaBoostClassifier, BaggingClassifier, DecisionTreeClassifier,
                        DecisionTreeRegressor, KNeighborsClassifier, NotFittedError,
                        RandomForestClassifier, RandomForestRegressor)
from algorithms.tree_cut import cut_at_depth, cut_tree


@pytest.fixture(scope="module")
def moons():
    return make_moons(600, noise=0.3, random_state=0)


def _walk(tree, x, depth):
    """Value of the node where x's path stops: its leaf, or the node at ``depth``."""
    node, level = 0, 0
    while tree.left[node] >= 0 and level < depth:
        go_left = x[tree.feature[node]] <= tree.threshold[node]
        node = tree.left[node] if go_left else tree.right[node]
        level += 1
    return tree.value[node]


def _same_tree(a, b):
    assert a.node_count == b.node_count
    assert np.array_equal(a.feature, b.feature) and np.array_equal(a.left, b.left)
    assert np.array_equal(a.threshold, b.threshold, equal_nan=True)
    assert np.allclose(a.value, b.value) and np.array_equal(a.depth, b.depth)
    assert np.array_equal(a.n_node_samples, b.n_node_samples)


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("depth", [1, 3, 6])
def test_cut_tree_is_the_tree_grown_to_that_depth(moons, criterion, depth):
    X, y = moons
    deep = DecisionTreeClassifier(criterion=criterion).fit(X, y)
    assert deep.get_depth() > depth
    cut = cut_at_depth(deep, depth)
    grown = DecisionTreeClassifier(criterion=criterion, max_depth=depth).fit(X, y)
    _same_tree(cut.tree_, grown.tree_)
    assert np.array_equal(cut.predict_proba(X), grown.predict_proba(X))
    assert cut.get_depth() == depth and cut.max_depth == depth
    # each sample's prediction is the value where its path through the deep tree is cut off
    want = np.array([_walk(deep.tree_, x, depth) for x in X[:200]])
    assert np.allclose(cut.predict_proba(X[:200]), want)


def test_cut_regression_tree(moons):
    X, y = moons
    yr = X[:, 0] ** 2 + y
    deep = DecisionTreeRegressor(max_depth=12).fit(X, yr)
    cut = cut_at_depth(deep, 4)
    _same_tree(cut.tree_, DecisionTreeRegressor(max_depth=4).fit(X, yr).tree_)


@pytest.mark.parametrize("max_features", ["sqrt", None])
def test_cut_forest_is_the_forest_grown_to_that_depth(moons, max_features):
    """Same bootstrap sets, same feature draws level by level: every tree is the same."""
    X, y = moons
    deep = RandomForestClassifier(n_estimators=15, max_depth=20, max_features=max_features,
                                  random_state=3).fit(X, y)
    for depth in (2, 5, 9):
        cut = cut_at_depth(deep, depth)
        grown = RandomForestClassifier(n_estimators=15, max_depth=depth,
                                       max_features=max_features, random_state=3).fit(X, y)
        for a, b in zip(cut.estimators_, grown.estimators_):
            _same_tree(a.tree_, b.tree_)
        assert np.allclose(cut.predict_proba(X), grown.predict_proba(X))
        assert cut.max_depth == depth


def test_cut_bagged_trees_and_regression_forest(moons):
    X, y = moons
    bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=8, random_state=0).fit(X, y)
    cut = cut_at_depth(bag, 3)
    assert cut.estimator.max_depth == 3 and bag.estimator.max_depth is None
    assert max(m.get_depth() for m in cut.estimators_) == 3
    grown = BaggingClassifier(DecisionTreeClassifier(max_depth=3), n_estimators=8,
                              random_state=0).fit(X, y)
    assert np.allclose(cut.predict_proba(X), grown.predict_proba(X))
    rf = RandomForestRegressor(n_estimators=5, random_state=0).fit(X, X[:, 1] + y)
    grown = RandomForestRegressor(n_estimators=5, max_depth=4, random_state=0).fit(X, X[:, 1] + y)
    assert np.allclose(cut_at_depth(rf, 4).predict(X), grown.predict(X))


def test_cutting_leaves_the_model_alone_and_deeper_cuts_change_nothing(moons):
    X, y = moons
    rf = RandomForestClassifier(n_estimators=5, max_depth=8, oob_score=True, random_state=0)
    rf.fit(X, y)
    before = [m.tree_.node_count for m in rf.estimators_]
    proba = rf.predict_proba(X)
    cut = cut_at_depth(rf, 2)
    assert [m.tree_.node_count for m in rf.estimators_] == before and rf.max_depth == 8
    assert hasattr(rf, "oob_score_") and not hasattr(cut, "oob_score_")  # the deep trees' record
    assert np.array_equal(cut_at_depth(rf, 30).predict_proba(X), proba)
    assert cut_at_depth(rf, 30).max_depth == 8
    tree = rf.estimators_[0].tree_
    assert cut_tree(tree, tree.max_depth).node_count == tree.node_count


@pytest.mark.parametrize("depth", [0, -2, 1.5, True, "3", None])
def test_bad_depths_are_named(moons, depth):
    tree = DecisionTreeClassifier(max_depth=4).fit(*moons)
    with pytest.raises(ValueError, match="depth to cut at must be a whole number"):
        cut_at_depth(tree, depth)


def test_only_trees_and_their_bagging_can_be_cut(moons):
    X, y = moons
    with pytest.raises(ValueError, match="trees depend on one another"):
        cut_at_depth(AdaBoostClassifier(n_estimators=3).fit(X, y), 1)
    with pytest.raises(ValueError, match="only trees can be cut"):
        cut_at_depth(BaggingClassifier(KNeighborsClassifier(), n_estimators=2).fit(X, y), 1)
    with pytest.raises(ValueError, match="not KNeighborsClassifier"):
        cut_at_depth(KNeighborsClassifier().fit(X, y), 1)
    with pytest.raises(NotFittedError):
        cut_at_depth(RandomForestClassifier(), 2)
    with pytest.raises(NotFittedError):
        cut_at_depth(DecisionTreeClassifier(), 2)
