"""Every training example's history, as the engine records it, against an independent replay.

The inspector of the playground tells one example's story from these numbers: AdaBoost's u_t^n
and its share of Z_t, a bagged learner's vote and the out-of-bag vote as learners are added,
gradient boosting's pseudo-residuals stage by stage, stacking's per-learner terms, the painters'
ensemble with members switched off, and each tree node's region of the plane. Each is recomputed
here from the fitted members alone (their own ``predict``), by the lecture's formulas.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets

from algorithms import (AdaBoostClassifier, BaggingClassifier, DecisionTreeClassifier,
                        GradientBoostingClassifier, GradientBoostingRegressor, LogisticRegression,
                        GaussianNB, KNeighborsClassifier, RandomForestClassifier,
                        StackingClassifier)
from algorithms import surface


@pytest.fixture(scope="module")
def moons():
    return datasets.make_moons(160, noise=0.3, random_state=3)


# ---- AdaBoost: u_t^n, its share of Z_t, which f_t got it wrong, its margin --------------------

def replay_adaboost(est, X, y):
    """The lecture's loop, replayed from the fitted f_t alone: u_1 = 1, then
    u_{t+1} = u_t d_t when f_t(x) != y, u_t / d_t otherwise (binary)."""
    u = np.ones(len(y))
    us, wrongs, g = [], [], np.zeros(len(y))
    total, margins = 0.0, []
    ypm = np.where(y == est.classes_[1], 1.0, -1.0)
    for f in est.estimators_:
        pred = f.predict(X)                          # members speak class indices 0 / 1
        wrong = pred != (ypm > 0).astype(int)
        eps = u[wrong].sum() / u.sum()
        d = np.sqrt((1 - eps) / eps)
        alpha = np.log(d)
        us.append(u.copy())
        wrongs.append(wrong)
        g += alpha * np.where(pred == 1, 1.0, -1.0)  # g_t = Σ α f
        total += alpha
        margins.append(ypm * g / total)
        u = np.where(wrong, u * d, u / d)
    return np.array(us), np.array(wrongs), np.array(margins)


def test_adaboost_histories_per_example_equal_a_replay_of_the_lecture(moons):
    X, y = moons
    est = AdaBoostClassifier(n_estimators=25, random_state=0).fit(X, y)
    U, W, M = replay_adaboost(est, X, y)
    np.testing.assert_allclose(est.sample_weights_, U, rtol=1e-9)
    np.testing.assert_array_equal(est.training_mistakes_, W)
    shares = est.weight_shares()
    np.testing.assert_allclose(shares, U / U.sum(1, keepdims=True), rtol=1e-9)
    np.testing.assert_allclose(shares.sum(1), 1.0)
    np.testing.assert_allclose(est.margins(X, y), M, atol=1e-12)
    # the share of Z_t is what ε_t weighs: ε_t = Σ_n share_t^n δ(f_t(x^n) ≠ y^n)
    np.testing.assert_allclose((shares * W).sum(1), est.estimator_errors_, rtol=1e-9)


def test_adaboost_share_of_a_misclassified_example_grows_by_d_t_squared_relative(moons):
    """One example's share after round t: ×d_t/(Z_{t+1}/Z_t) when f_t got it wrong, ÷d_t/... when
    right; the ratio of two examples' shares (one wrong, one right) grows by exactly d_t²."""
    X, y = moons
    est = AdaBoostClassifier(n_estimators=6, random_state=0).fit(X, y)
    S, W, d = est.weight_shares(), est.training_mistakes_, est.estimator_factors_
    for t in range(5):
        a, b = np.flatnonzero(W[t])[0], np.flatnonzero(~W[t])[0]
        ratio = (S[t + 1, a] / S[t + 1, b]) / (S[t, a] / S[t, b])
        assert ratio == pytest.approx(d[t] ** 2, rel=1e-9)


# ---- bagging and forests: votes, bootstrap counts, the OOB vote as T grows --------------------

@pytest.mark.parametrize("make", [
    lambda: RandomForestClassifier(n_estimators=12, max_depth=4, oob_score=True, random_state=1),
    lambda: BaggingClassifier(estimator=GaussianNB(), n_estimators=9, oob_score=True,
                              random_state=2),
])
def test_bagging_votes_and_staged_oob_vote_equal_a_brute_force_count(moons, make):
    X, y = moons
    est = make().fit(X, y)
    T, n, K = len(est.estimators_), len(y), len(est.classes_)
    votes = est.learner_votes(X)
    expect = np.array([np.asarray(m.predict_proba(X)).argmax(1) for m in est.estimators_])
    np.testing.assert_array_equal(votes, expect)
    counts = est.bootstrap_counts()
    staged = est.staged_oob_proba(X)
    assert staged.shape == (T, n, K)
    for k in range(T):  # the OOB vote after k+1 learners, example by example
        for i in range(0, n, 7):
            missed = [j for j in range(k + 1) if counts[j, i] == 0]
            if not missed:
                assert np.isnan(staged[k, i]).all()
                continue
            p = np.mean([est.estimators_[j].predict_proba(X[i:i + 1])[0] for j in missed], 0)
            np.testing.assert_allclose(staged[k, i], p, atol=1e-12)
    np.testing.assert_allclose(staged[-1], est.oob_decision_function_, atol=1e-12)
    for k in range(T):  # the OOB error curve is the error of these votes
        scored = ~np.isnan(staged[k, :, 0])
        err = np.mean(staged[k, scored].argmax(1) != y[scored]) if scored.any() else np.nan
        np.testing.assert_allclose(err, est.oob_errors_[k])


def test_staged_oob_needs_the_training_rows(moons):
    X, y = moons
    est = RandomForestClassifier(n_estimators=3, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="training set"):
        est.staged_oob_proba(X[:10])


# ---- gradient boosting: the pseudo-residuals each stage was fitted to -------------------------

def test_gb_regression_residuals_are_y_minus_the_previous_stage():
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, (120, 1))
    y = np.sin(X[:, 0]) + 0.1 * rng.normal(size=120)
    est = GradientBoostingRegressor(n_estimators=15, learning_rate=0.3, max_depth=2).fit(X, y)
    R = np.array(list(est.staged_residuals(X, y)))
    g_prev = np.vstack([np.full(len(y), y.mean()), np.array(list(est.staged_predict(X)))[:-1]])
    np.testing.assert_allclose(R, y - g_prev, atol=1e-10)           # r_t = y - g_{t-1}
    for t in (1, 7, 15):
        np.testing.assert_allclose(R[t - 1], est.stage_view(X, y, t=t)["residuals"], atol=1e-12)


def test_gb_log_loss_residuals_are_y_minus_the_previous_probability(moons):
    X, y = moons
    est = GradientBoostingClassifier(n_estimators=10, max_depth=2).fit(X, y)
    R = np.array(list(est.staged_residuals(X, y)))
    g0 = np.log(y.mean() / (1 - y.mean()))
    G = np.vstack([np.full(len(y), g0), np.array(list(est.staged_decision_function(X)))[:-1]])
    np.testing.assert_allclose(R, y - 1 / (1 + np.exp(-G)), atol=1e-10)  # r_t = y - σ(g_{t-1})
    # each stage's tree was grown on exactly these targets: its leaves' Newton steps agree
    leaf = est.estimators_[0, 0].tree_.apply(X)
    p = y - R[0]
    for j in np.unique(leaf):
        m = leaf == j
        step = R[0][m].sum() / (p[m] * (1 - p[m])).sum()
        assert est.estimators_[0, 0].tree_.value[j, 0] == pytest.approx(step, rel=1e-9)


# ---- stacking: how the final learner adds up each base learner's outputs ----------------------

def test_stacking_final_terms_add_up_to_the_final_decision(moons):
    X, y = moons
    est = StackingClassifier([("nb", GaussianNB()), ("knn", KNeighborsClassifier(5)),
                              ("tree", DecisionTreeClassifier(max_depth=3))],
                             final_estimator=LogisticRegression(), cv="holdout",
                             random_state=0).fit(X, y)
    b, terms = est.final_terms(X)
    assert terms.shape == (len(y), 3, 1)
    # each base's meta-feature is its own p(class 1 | x); the term is its coefficient times that
    coef = np.asarray(est.final_estimator_.coef_, float).ravel()
    for m, base in enumerate(est.layers_[0]):
        z = np.asarray(base.predict_proba(X))[:, 1]
        np.testing.assert_allclose(terms[:, m, 0], coef[m] * z, rtol=1e-6, atol=1e-9)
    score = b[0] + terms.sum(1)[:, 0]
    np.testing.assert_allclose(score, est.decision_function(X), rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(est.classes_[(score > 0).astype(int)], est.predict(X))


def test_stacking_final_terms_refuse_a_final_learner_without_weights(moons):
    X, y = moons
    est = StackingClassifier([("nb", GaussianNB()), ("lr", LogisticRegression())],
                             final_estimator=DecisionTreeClassifier(max_depth=2),
                             cv="holdout").fit(X, y)
    with pytest.raises(ValueError, match="no coefficients"):
        est.final_terms(X)


# ---- the painters: the ensemble with members switched off -------------------------------------

def test_painter_subset_is_the_sum_of_the_chosen_members(moons):
    X, y = moons
    est = AdaBoostClassifier(n_estimators=20, random_state=0).fit(X, y)
    terms = est.surface_terms()
    xs, ys = surface.grid_axes(X, resolution=31)
    painter = surface.TreePainter(terms.trees, terms.values, xs, ys)
    rng = np.random.default_rng(0)
    for _ in range(5):
        keep = rng.random(20) < 0.5
        want = sum((painter.member(i) for i in np.flatnonzero(keep)), np.zeros((1, 31, 31)))
        np.testing.assert_allclose(painter.subset(keep), want, atol=1e-9)
        np.testing.assert_allclose(painter.subset(np.flatnonzero(keep)), want, atol=1e-9)
    np.testing.assert_allclose(painter.subset(np.arange(7)), painter.total(7), atol=1e-9)
    assert not painter.subset(np.zeros(20, bool)).any()
    # the same vote at the grid points, member by member through the members' own predictions
    gx, gy = np.meshgrid(xs, ys)
    P = np.column_stack([gx.ravel(), gy.ravel()])
    alpha = est.estimator_weights_

    def contribution(i, pts):
        return (alpha[i] * np.where(est.estimators_[i].predict(pts) == 1, 1.0, -1.0))[None, :]

    points = surface.PointPainter(est.estimators_, contribution, P, (31, 31))
    keep = rng.random(20) < 0.5
    # (a PointPainter keeps its members' values as float32)
    np.testing.assert_allclose(points.subset(keep), painter.subset(keep), rtol=1e-6, atol=1e-6)
    with pytest.raises(ValueError, match="20 entries"):
        painter.subset(np.ones(3, bool))
    with pytest.raises(IndexError):
        painter.subset([25])


# ---- a tree node's region: the rectangles its questions cut, root to node ---------------------

def test_every_nodes_box_is_the_intersection_of_the_questions_on_its_path(moons):
    X, y = moons
    tree = DecisionTreeClassifier(max_depth=6).fit(X, y).tree_
    lo, hi = tree.leaf_boxes(np.array([-np.inf, -np.inf]), np.array([np.inf, np.inf]))
    parent = {}
    for i in range(tree.node_count):
        if tree.children_left[i] >= 0:
            parent[tree.children_left[i]] = (i, True)
            parent[tree.children_right[i]] = (i, False)
    for node in range(tree.node_count):
        box_lo, box_hi = np.full(2, -np.inf), np.full(2, np.inf)
        cur = node
        while cur in parent:  # walk up: each ancestor's question bounds one side
            p, left = parent[cur]
            f, thr = tree.feature[p], tree.threshold[p]
            if left:
                box_hi[f] = min(box_hi[f], thr)   # x_f <= threshold
            else:
                box_lo[f] = max(box_lo[f], thr)   # x_f > threshold
            cur = p
        np.testing.assert_array_equal(lo[node], box_lo)
        np.testing.assert_array_equal(hi[node], box_hi)
    # a point is in a leaf's box exactly when the tree sends it to that leaf
    rng = np.random.default_rng(1)
    P = rng.uniform(X.min(0) - 0.5, X.max(0) + 0.5, (400, 2))
    leaf = tree.apply(P)
    inside = np.all((P[:, None, :] > lo[None]) & (P[:, None, :] <= hi[None]), axis=2)
    leaves = np.flatnonzero(tree.is_leaf)
    np.testing.assert_array_equal(inside[:, leaves].argmax(1), np.searchsorted(leaves, leaf))
    assert np.all(inside[:, leaves].sum(1) == 1)
