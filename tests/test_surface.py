"""Painted decision surfaces equal the models' own predictions at every grid point."""

from __future__ import annotations

import time

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


# ---- the incremental painter (round t painted on demand) -----------------------------------------

from algorithms import GradientBoostingClassifier  # noqa: E402


class Recording(list):
    """A list of trees that records which members were read."""

    def __init__(self, items):
        super().__init__(items)
        self.read = set()

    def __getitem__(self, i):
        self.read.add(i)
        return super().__getitem__(i)


def ada_values(model):
    """AdaBoost's alpha_t f_t per node: +alpha where the leaf says classes_[1], else -alpha."""
    return lambda i: model.estimator_weights_[i] * np.where(
        model.estimators_[i].tree_.value.argmax(1) == 1, 1.0, -1.0)[:, None]


def test_painter_equals_staged_surfaces_for_adaboost(moons):
    X, y = moons
    ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=2), n_estimators=20,
                             random_state=0).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=41)
    S = surface.staged_surfaces(ada, xs, ys)
    painter = surface.TreePainter([e.tree_ for e in ada.estimators_], ada_values(ada), xs, ys)
    for t in (1, 2, 7, 20, 3):  # out of order: later rounds reuse collected rectangles
        np.testing.assert_allclose(painter.total(t)[0], S[t - 1], atol=1e-9)


@pytest.mark.parametrize("cls", [RandomForestClassifier, BaggingClassifier])
def test_painter_equals_staged_surfaces_for_bagged_trees(moons, cls):
    X, y = moons
    model = cls(n_estimators=9, random_state=1).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=37)
    S = surface.staged_surfaces(model, xs, ys)  # vote share of class 1 among the first t
    trees = [e.tree_ for e in model.estimators_]
    painter = surface.TreePainter(trees, lambda i: trees[i].value, xs, ys)
    for t in range(1, 10):
        total = painter.total(t)
        assert total.shape == (2, len(ys), len(xs))
        np.testing.assert_allclose(total[1] / t, S[t - 1], atol=1e-9)
        np.testing.assert_allclose(total.sum(0), t, atol=1e-9)  # shares of one tree sum to 1
        np.testing.assert_allclose(painter.total(t, [1])[0], total[1])  # one channel alone


def test_painter_equals_staged_surfaces_for_gradient_boosting(moons):
    X, y = moons
    gb = GradientBoostingClassifier(n_estimators=15, max_depth=3, learning_rate=0.3,
                                    random_state=0).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=33)
    S = surface.staged_surfaces(gb, xs, ys)  # g_t = g_0 + eta sum alpha_s f_s
    step = gb.learning_rate * np.asarray(gb.estimator_weights_, float)
    trees = [gb.estimators_[t, 0].tree_ for t in range(15)]
    painter = surface.TreePainter(trees, lambda t: step[t] * trees[t].value[:, :1], xs, ys)
    g0 = float(np.asarray(gb.init_, float)[0])
    for t in (1, 5, 15):
        np.testing.assert_allclose(painter.total(t)[0] + g0, S[t - 1], atol=1e-9)


def test_painter_member_equals_tree_grid(moons):
    X, y = moons
    forest = RandomForestClassifier(n_estimators=6, max_depth=6, random_state=0).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=29)
    trees = [e.tree_ for e in forest.estimators_]
    painter = surface.TreePainter(trees, lambda i: trees[i].value, xs, ys)
    for i in (4, 0, 5):
        np.testing.assert_allclose(np.moveaxis(painter.member(i), 0, -1),
                                   surface.tree_grid(trees[i], xs, ys), atol=1e-12)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_painter_member_argmax_is_the_members_own_prediction(n_classes):
    """One painted channel (each leaf's winning class) gives the member's decision at every grid
    point: the same as painting all class channels and taking the argmax, and as predicting."""
    from sklearn.datasets import make_blobs
    X, y = make_blobs(n_samples=300, centers=n_classes, cluster_std=2.5, random_state=1)
    forest = RandomForestClassifier(n_estimators=5, max_depth=7, random_state=0).fit(X, y)
    xs, ys, P = grid(X, n=41)
    trees = [e.tree_ for e in forest.estimators_]
    painter = surface.TreePainter(trees, lambda i: trees[i].value, xs, ys)
    for i in (3, 0, 4):
        got = painter.member_argmax(i)
        np.testing.assert_array_equal(got, painter.member(i).argmax(0))
        own = forest.estimators_[i].predict(P).reshape(len(ys), len(xs))
        np.testing.assert_array_equal(forest.classes_[got], own)


def test_painter_is_lazy(moons):
    X, y = moons
    ada = AdaBoostClassifier(n_estimators=12, random_state=0).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=21)
    trees = Recording([e.tree_ for e in ada.estimators_])
    asked = []
    values = ada_values(ada)
    painter = surface.TreePainter(trees, lambda i: asked.append(i) or values(i), xs, ys)
    assert trees.read == set() and asked == []  # building a painter paints nothing
    painter.total(4)
    assert trees.read == {0, 1, 2, 3} and sorted(asked) == [0, 1, 2, 3]
    painter.total(2)
    painter.member(3)
    assert painter.n_collected == 4 and sorted(asked) == [0, 1, 2, 3]  # kept, not collected again
    painter.total(6)
    assert sorted(asked) == list(range(6)) and max(trees.read) == 5


def test_painter_is_safe_from_two_threads(moons):
    import threading
    X, y = moons
    ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=3), n_estimators=40,
                             random_state=0).fit(X, y)
    xs, ys = surface.grid_axes(X, resolution=31)
    S = surface.staged_surfaces(ada, xs, ys)
    values = ada_values(ada)
    calls = []

    def slow_values(i):  # widen the window in which two threads collect at once
        calls.append(i)
        time.sleep(0.001)
        return values(i)

    painter = surface.TreePainter([e.tree_ for e in ada.estimators_], slow_values, xs, ys)
    errors, start = [], threading.Barrier(2)

    def play(rounds):
        try:
            start.wait()
            for t in rounds:
                np.testing.assert_allclose(painter.total(t)[0], S[t - 1], atol=1e-9)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=play, args=(range(1, 41),)),
               threading.Thread(target=play, args=(range(40, 0, -3),))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors
    assert sorted(calls) == list(range(40))  # every member collected exactly once


def test_point_painter_equals_member_sums(moons):
    """The non-tree fallback: members evaluated at the grid points, summed per round."""
    from algorithms import LogisticRegression
    X, y = moons
    members = [LogisticRegression(C=c).fit(X, y) for c in (0.01, 1.0, 100.0)]
    xs, ys, P = grid(X, n=15)
    painter = surface.PointPainter(members, lambda i, pts: members[i].predict_proba(pts).T, P,
                                   (len(ys), len(xs)))
    want = np.cumsum([m.predict_proba(P) for m in members], axis=0)
    for t in (1, 2, 3):
        np.testing.assert_allclose(painter.total(t).reshape(2, -1).T, want[t - 1], atol=1e-5)
    np.testing.assert_allclose(painter.member(1)[1].ravel(), members[1].predict_proba(P)[:, 1],
                               atol=1e-6)


def test_spread_puts_a_members_columns_under_the_ensembles_classes():
    class Member:
        classes_ = np.array([0, 2])
    cols = surface.class_columns(Member(), 3)
    assert cols.tolist() == [0, 2]
    out = surface.spread(np.array([[0.25, 0.75]]), cols, 3)
    assert out.tolist() == [[0.25, 0.0, 0.75]]
    Member.classes_ = np.arange(3)
    assert surface.class_columns(Member(), 3) is None


def test_rectangles_of_many_trees_at_once_match_tree_by_tree():
    """The batched rectangle finder (one pass over a whole forest's nodes) gives every tree's
    leaves and grid ranges exactly as the per-tree finder does, including one-leaf trees."""
    from sklearn.datasets import make_moons

    import algorithms
    from algorithms.surface import _leaf_rectangles, _leaf_rectangles_many
    X, y = make_moons(400, noise=0.3, random_state=1)
    forest = algorithms.RandomForestClassifier(n_estimators=12, random_state=0).fit(X, y)
    stump = algorithms.DecisionTreeClassifier(max_depth=1).fit(X, y)
    pure = algorithms.DecisionTreeRegressor().fit(X, np.zeros(len(y)))  # one leaf
    trees = [e.tree_ for e in forest.estimators_] + [stump.tree_, pure.tree_]
    xs, ys = np.linspace(-2, 3, 57), np.linspace(-1.5, 2, 43)
    many = _leaf_rectangles_many(trees, xs, ys)
    assert len(many) == len(trees)
    for tree, got in zip(trees, many):
        want = _leaf_rectangles(tree, xs, ys)
        for a, b in zip(want, got):
            np.testing.assert_array_equal(a, b)
