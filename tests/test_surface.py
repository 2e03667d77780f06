"""Painted decision surfaces equal the models' own predictions at every grid point."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets

from algorithms import (AdaBoostClassifier, BaggingClassifier, DecisionTreeClassifier,
                        DecisionTreeRegressor, RandomForestClassifier)
from algorithms import surface


@pytest.fixture(scope="module")
def moons():
    return datasets.make_moons(300, noise=0.3, random_state=0)


def grid(model_X, thresholds=(), n=57):
    """Grid axes over the data, with the trees' thresholds inserted so that points lying exactly on
    a split are covered ("x <= threshold goes left")."""
    xs, ys = surface.grid_axes(model_X, resolution=n)
    tx = [t for f, t in thresholds if f == 0]
    ty = [t for f, t in thresholds if f == 1]
    xs = np.unique(np.concatenate([xs, tx]))
    ys = np.unique(np.concatenate([ys, ty]))
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def splits_of(*trees):
    out = []
    for t in trees:
        inner = t.feature >= 0
        out += list(zip(t.feature[inner].tolist(), t.threshold[inner].tolist()))
    return out


@pytest.mark.parametrize("depth", [1, 3, None])
def test_tree_grid_equals_predict_proba(moons, depth):
    X, y = moons
    clf = DecisionTreeClassifier(max_depth=depth).fit(X, y)
    xs, ys, P = grid(X, splits_of(clf.tree_))
    painted = surface.tree_grid(clf.tree_, xs, ys)
    assert painted.shape == (len(ys), len(xs), 2)
    np.testing.assert_allclose(painted.reshape(-1, 2), clf.predict_proba(P), atol=1e-12)
    np.testing.assert_array_equal(clf.classes_[painted.reshape(-1, 2).argmax(1)], clf.predict(P))


def test_tree_grid_regressor(moons):
    X, _ = moons
    y = np.sin(3 * X[:, 0]) + X[:, 1]
    reg = DecisionTreeRegressor(max_depth=6).fit(X, y)
    xs, ys, P = grid(X, splits_of(reg.tree_))
    painted = surface.tree_grid(reg.tree_, xs, ys)
    assert painted.shape == (len(ys), len(xs), 1)
    np.testing.assert_allclose(painted[..., 0].ravel(), reg.predict(P), atol=1e-10)


def test_adaboost_staged_surfaces_equal_staged_decision_function(moons):
    X, y = moons
    ada = AdaBoostClassifier(n_estimators=15, random_state=0).fit(X, y)
    xs, ys, P = grid(X, splits_of(*[e.tree_ for e in ada.estimators_]))
    S = surface.staged_surfaces(ada, xs, ys)
    assert S.shape == (15, len(ys), len(xs))
    for t, g in enumerate(ada.staged_decision_function(P)):
        np.testing.assert_allclose(S[t].ravel(), g, atol=1e-9)
    g = S[-1].ravel()
    clear = np.abs(g) > 1e-9
    assert clear.mean() > 0.95
    painted_pred = np.where(g > 0, ada.classes_[1], ada.classes_[0])
    np.testing.assert_array_equal(painted_pred[clear], ada.predict(P)[clear])


@pytest.mark.parametrize("cls", [RandomForestClassifier, BaggingClassifier])
def test_bagged_trees_surface_equals_predict(moons, cls):
    X, y = moons
    model = cls(n_estimators=12, random_state=0).fit(X, y)
    xs, ys, P = grid(X, splits_of(*[e.tree_ for e in model.estimators_]))
    S = surface.staged_surfaces(model, xs, ys)
    assert S.shape == (12, len(ys), len(xs))
    for t, p in enumerate(model.staged_predict_proba(P)):
        np.testing.assert_allclose(S[t].ravel(), p[:, 1], atol=1e-9)
    share = S[-1].ravel()
    np.testing.assert_allclose(share, model.predict_proba(P)[:, 1], atol=1e-9)
    clear = np.abs(share - 0.5) > 1e-9
    np.testing.assert_array_equal(np.where(share > 0.5, 1, 0)[clear], model.predict(P)[clear])


def test_trees_grid_weighted_sum(moons):
    X, y = moons
    trees = [DecisionTreeRegressor(max_depth=4).fit(X, y * k + X[:, 0]) for k in (1.0, -2.0, 0.5)]
    w = np.array([0.3, 1.2, -0.7])
    xs, ys, P = grid(X, splits_of(*[t.tree_ for t in trees]))
    total = surface.trees_grid([t.tree_ for t in trees], w, xs, ys)
    expect = sum(wk * t.predict(P) for wk, t in zip(w, trees))
    np.testing.assert_allclose(total.ravel(), expect, atol=1e-9)
    staged = surface.trees_grid([t.tree_ for t in trees], w, xs, ys, staged=True)
    np.testing.assert_allclose(staged[0].ravel(), w[0] * trees[0].predict(P), atol=1e-9)
    np.testing.assert_allclose(staged[-1], total, atol=1e-9)


def test_surface_needs_two_features():
    X, y = datasets.make_classification(100, 3, n_informative=3, n_redundant=0, random_state=0)
    clf = DecisionTreeClassifier(max_depth=4).fit(X, y)
    assert clf.tree_.feature.max() == 2
    with pytest.raises(ValueError, match="2 features"):
        surface.tree_grid(clf.tree_, np.linspace(-3, 3, 5), np.linspace(-3, 3, 5))


def test_grid_axes_cover_the_data(moons):
    X, _ = moons
    xs, ys = surface.grid_axes(X, resolution=30)
    assert len(xs) == len(ys) == 30
    assert xs[0] < X[:, 0].min() and xs[-1] > X[:, 0].max()
    assert ys[0] < X[:, 1].min() and ys[-1] > X[:, 1].max()
    assert np.all(np.diff(xs) > 0) and np.all(np.diff(ys) > 0)
