"""Missing values (NaN) in trees, forests and gradient boosting, as scikit-learn >= 1.3 does them.

Every split learns where missing values go: it is scored with the node's missing rows on the
right and on the left, and the better one wins; a node that saw no missing value in training sends
them to its larger child. References: a brute-force search over every (feature, threshold,
side of the missing rows) of each node, and scikit-learn's trees on the same data.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import ensemble as ske
from sklearn import tree as skt

from algorithms import (AdaBoostClassifier, BaggingClassifier, DecisionTreeClassifier,
                        DecisionTreeRegressor, GradientBoostingClassifier,
                        GradientBoostingRegressor, KNeighborsClassifier, LogisticRegression,
                        RandomForestClassifier, RandomForestRegressor)


def _with_gaps(n, seed, share=0.2, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = ((X[:, 0] + X[:, 1] * X[:, 2]) > 0.2).astype(int)
    X[rng.random((n, d)) < share] = np.nan
    return X, y


def _cost(y, w, criterion):
    """W * impurity of a set of rows (0 for an empty set)."""
    W = w.sum()
    if W == 0:
        return 0.0
    if criterion == "squared_error":
        m = np.sum(w * y) / W
        return float(np.sum(w * (y - m) ** 2))
    p = np.bincount(y, weights=w, minlength=2) / W
    if criterion == "gini":
        return float(W * (1 - np.sum(p ** 2)))
    p = p[p > 0]
    return float(-W * np.sum(p * np.log2(p)))


def _brute_force_best(X, y, criterion):
    """The lowest W_l I_l + W_r I_r over every split "x <= t" (t halfway between two values of
    the node), with the missing rows on either side, and "values | missing"."""
    w = np.ones(len(y))
    best = np.inf
    for j in range(X.shape[1]):
        x = X[:, j]
        miss = np.isnan(x)
        v = np.unique(x[~miss])
        cuts = list((v[:-1] + v[1:]) / 2)
        if miss.any() and v.size:
            cuts.append(np.inf)                       # every value left, missing right
        for t in cuts:
            for miss_left in ([False, True] if miss.any() else [False]):
                left = np.where(miss, miss_left, x <= t)
                if left.all() or not left.any():
                    continue
                best = min(best, _cost(y[left], w[left], criterion)
                           + _cost(y[~left], w[~left], criterion))
    return best


@pytest.mark.parametrize("criterion", ["gini", "entropy", "squared_error"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_split_is_the_best_one_with_missing_values_on_either_side(criterion, seed):
    X, y = _with_gaps(300, seed)
    if criterion == "squared_error":
        y = np.nan_to_num(X[:, 0]) * 2 + y + np.random.default_rng(seed).normal(0, 0.3, len(y))
        est = DecisionTreeRegressor(max_depth=4).fit(X, y)
    else:
        est = DecisionTreeClassifier(criterion=criterion, max_depth=4).fit(X, y)
    t = est.tree_
    through = est.decision_path(X).toarray().astype(bool)
    inner = np.flatnonzero(t.children_left >= 0)
    assert inner.size >= 7
    for node in inner:
        rows = through[:, node]
        Xn, yn = X[rows], y[rows]
        x = Xn[:, t.feature[node]]
        left = np.where(np.isnan(x), bool(t.missing_go_to_left[node]), x <= t.threshold[node])
        ours = (_cost(yn[left], np.ones(left.sum()), criterion)
                + _cost(yn[~left], np.ones((~left).sum()), criterion))
        assert ours == pytest.approx(_brute_force_best(Xn, yn, criterion), rel=1e-9, abs=1e-9)
        # the rows the tree sent left are the ones the split says go left
        np.testing.assert_array_equal(through[rows, t.children_left[node]], left)


def test_tree_with_missing_values_equals_scikit_learns():
    """Where no two splits tie, the same tree: features, thresholds, missing-value sides."""
    X, y = _with_gaps(400, 0)
    Xt, _ = _with_gaps(400, 1)
    for depth in (1, 2, 3):
        ours = DecisionTreeClassifier(max_depth=depth).fit(X, y)
        ref = skt.DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X, y)
        np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-12)
        np.testing.assert_allclose(ours.predict_proba(Xt), ref.predict_proba(Xt), atol=1e-12)
        assert sorted(ours.tree_.missing_go_to_left.tolist()) == \
            sorted(ref.tree_.missing_go_to_left.tolist())
    full = DecisionTreeClassifier().fit(X, y)
    assert full.score(X, y) == skt.DecisionTreeClassifier(random_state=0).fit(X, y).score(X, y)


def test_missing_values_follow_the_class_they_belong_to():
    """The missing rows of x0 are all class 1, and class 1 lies left of the split: they go left,
    and a missing x0 at prediction time is predicted class 1."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, 200)
    y = (x < 0.5).astype(int)
    x[rng.choice(np.flatnonzero(y == 1), 30, replace=False)] = np.nan
    X = x.reshape(-1, 1)
    est = DecisionTreeClassifier(max_depth=1).fit(X, y)
    assert est.tree_.missing_go_to_left[0] == 1
    assert est.predict([[np.nan]])[0] == 1
    ref = skt.DecisionTreeClassifier(max_depth=1).fit(X, y)
    assert ref.tree_.missing_go_to_left[0] == 1
    # scikit-learn's thresholds are midpoints of float32 values
    assert est.tree_.threshold[0] == pytest.approx(ref.tree_.threshold[0], rel=1e-6)


def test_missing_values_at_prediction_only_go_to_the_larger_child():
    """A tree fitted without missing values sends them to the child that held more samples, as
    scikit-learn's does."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(300, 3))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0.3).astype(int)
    ours = DecisionTreeClassifier(max_depth=5).fit(X, y)
    ref = skt.DecisionTreeClassifier(max_depth=5, random_state=0).fit(X, y)
    Xt = rng.normal(size=(500, 3))
    Xt[rng.random((500, 3)) < 0.3] = np.nan
    np.testing.assert_allclose(ours.predict_proba(Xt), ref.predict_proba(Xt), atol=1e-12)
    t = ours.tree_
    inner = t.children_left >= 0
    larger_left = t.n_node_samples[t.children_left[inner]] > t.n_node_samples[t.children_right[inner]]
    np.testing.assert_array_equal(t.missing_go_to_left[inner].astype(bool), larger_left)


def test_a_column_of_only_missing_values_is_never_split_on():
    X, y = _with_gaps(200, 4)
    X[:, 3] = np.nan
    est = DecisionTreeClassifier().fit(X, y)
    assert 3 not in set(est.tree_.feature[est.tree_.children_left >= 0].tolist())
    # rows missing everywhere else cannot be told apart: as scikit-learn's, no better, no worse
    assert est.score(X, y) == skt.DecisionTreeClassifier(random_state=0).fit(X, y).score(X, y)


@pytest.mark.parametrize("make_ours, make_ref", [
    (lambda: RandomForestClassifier(100, random_state=0),
     lambda: ske.RandomForestClassifier(100, random_state=0)),
    (lambda: BaggingClassifier(n_estimators=30, random_state=0),
     lambda: ske.BaggingClassifier(n_estimators=30, random_state=0)),
    (lambda: GradientBoostingClassifier(random_state=0),
     lambda: ske.HistGradientBoostingClassifier(max_depth=3, max_iter=100, max_leaf_nodes=None,
                                                min_samples_leaf=1, early_stopping=False)),
])
def test_ensembles_with_missing_values_are_as_accurate_as_scikit_learns(make_ours, make_ref):
    X, y = _with_gaps(3000, 5)
    Xt, yt = _with_gaps(3000, 6)
    ours = make_ours().fit(X, y).score(Xt, yt)
    ref = make_ref().fit(X, y).score(Xt, yt)
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("make_ours, make_ref", [
    (lambda: RandomForestRegressor(50, random_state=0),
     lambda: ske.RandomForestRegressor(50, random_state=0)),
    (lambda: GradientBoostingRegressor(random_state=0),
     lambda: ske.HistGradientBoostingRegressor(max_depth=3, max_iter=100, max_leaf_nodes=None,
                                               min_samples_leaf=1, early_stopping=False)),
])
def test_regressors_with_missing_values_score_as_scikit_learns(make_ours, make_ref):
    X, _ = _with_gaps(3000, 7)
    Xt, _ = _with_gaps(3000, 8)

    def target(A):
        return np.nan_to_num(A[:, 0], nan=1.5) * 2 + np.nan_to_num(A[:, 1]) ** 2

    ours = make_ours().fit(X, target(X)).score(Xt, target(Xt))
    ref = make_ref().fit(X, target(X)).score(Xt, target(Xt))
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("make", [
    lambda: AdaBoostClassifier(n_estimators=3),
    lambda: BaggingClassifier(KNeighborsClassifier(), n_estimators=3),
    lambda: LogisticRegression(),
])
def test_learners_that_do_not_learn_missing_values_keep_refusing_them(make):
    X, y = _with_gaps(60, 9)
    with pytest.raises(ValueError, match="NaN"):
        make().fit(X, y)


@pytest.mark.parametrize("make", [DecisionTreeClassifier, RandomForestClassifier,
                                  GradientBoostingClassifier])
def test_infinity_is_still_refused(make):
    X, y = _with_gaps(60, 10)
    X[5, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        make().fit(X, y)
