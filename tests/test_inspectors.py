"""What the inspector, the tree diagram and the member strip are handed (``run.inspect``), against
an independent recomputation from the fitted estimators (refitted here with the page's settings,
read through their own ``predict`` / ``predict_proba`` and the lecture's formulas)."""

from __future__ import annotations

import numpy as np
import pytest

import algorithms
from playground import compute, learners, settings
from playground.compute import forest as forest_compute
from playground.compute.nodes import tree_nodes


@pytest.fixture(scope="module")
def key():
    return compute.DataKey.of("moons", {**settings.defaults(), "n": 300})


@pytest.fixture(scope="module")
def d(key):
    return compute.dataset(key)


def ada(d, T=30):
    return algorithms.AdaBoostClassifier(estimator=learners.make("stump", 0), n_estimators=T,
                                         random_state=0).fit(d["X_tr"], d["y_tr"])


# ---- stories ------------------------------------------------------------------------------------

def test_adaboost_story_is_the_lecture_replayed(key, d):
    run = compute.adaboost_run(key, 30, 60)
    est = ada(d)
    X, y = d["X_tr"], d["y_tr"]
    target = np.searchsorted(est.classes_, y)
    u = np.ones(len(y))
    g = np.zeros(len(y))
    total = 0.0
    for n in (1, 17, len(y)):
        s = run.inspect.story(n)
        assert s.n == n and np.array_equal(s.x, X[n - 1]) and s.label == str(y[n - 1])
    stories = {n: run.inspect.story(n) for n in (1, 17, 90)}
    for t, f in enumerate(est.estimators_):
        pred = f.predict(X)
        wrong = pred != target
        eps = u[wrong].sum() / u.sum()
        alpha = 0.5 * np.log((1 - eps) / eps)
        g += alpha * np.where(pred == 1, 1.0, -1.0)
        total += alpha
        for n, s in stories.items():
            assert s.u[t] == pytest.approx(u[n - 1], rel=1e-9)
            assert s.share[t] == pytest.approx(u[n - 1] / u.sum(), rel=1e-9)
            assert s.wrong[t] == wrong[n - 1]
            ypm = 1.0 if target[n - 1] == 1 else -1.0
            assert s.margin[t] == pytest.approx(ypm * g[n - 1] / total, abs=1e-12)
        u = np.where(wrong, u * np.exp(alpha), u * np.exp(-alpha))


def test_forest_story_counts_copies_votes_and_the_oob_vote(key, d):
    run = compute.forest_run(key, "forest", 5, "gini", 12, "sqrt", 1.0, True, 60)
    est = forest_compute.estimator("forest", 5, "gini", 12, "sqrt", 1.0, True, 0)
    X, y = d["X_tr"], d["y_tr"]
    est.fit(X, y)
    target = np.searchsorted(est.classes_, y)
    for n in (2, 50, 133):
        s = run.inspect.story(n)
        copies = np.array([np.sum(np.asarray(idx) == n - 1) for idx in est.estimators_samples_])
        votes = np.array([m.predict_proba(X[n - 1:n])[0].argmax() for m in est.estimators_])
        np.testing.assert_array_equal(s.copies, copies)
        np.testing.assert_array_equal(s.votes, votes)
        np.testing.assert_array_equal(s.wrong, votes != target[n - 1])
        for k in range(len(copies)):
            oob = [j for j in range(k + 1) if copies[j] == 0]
            if not oob:
                assert np.isnan(s.oob_share[k])
            else:
                p = np.mean([est.estimators_[j].predict_proba(X[n - 1:n])[0] for j in oob], 0)
                assert s.oob_share[k] == pytest.approx(p[target[n - 1]], abs=1e-12)


def test_gradient_boosting_story_moves_towards_the_target(key, d):
    run = compute.gb_run(key, "2d", "log_loss", 0.3, 20, 2, 1.0, 60)
    est = algorithms.GradientBoostingClassifier(loss="log_loss", learning_rate=0.3,
                                                n_estimators=20, max_depth=2,
                                                random_state=0).fit(d["X_tr"], d["y_tr"])
    X, y = d["X_tr"], d["y_tr"]
    for n in (3, 77):
        s = run.inspect.story(n)
        x = X[n - 1:n]
        g = float(est.init_[0])
        c = int(np.searchsorted(est.classes_, y[n - 1]))
        assert s.start == pytest.approx([1 - 1 / (1 + np.exp(-g)), 1 / (1 + np.exp(-g))][c])
        for t in range(20):
            p1 = 1 / (1 + np.exp(-g))
            assert s.residual[t] == pytest.approx(c - p1, abs=1e-10)   # r = y - σ(g_{t-1})
            g += 0.3 * est.estimator_weights_[t] * est.estimators_[t, 0].predict(x)[0]
            p1 = 1 / (1 + np.exp(-g))
            assert s.output[t] == pytest.approx(p1 if c == 1 else 1 - p1, abs=1e-10)


def test_stacking_story_is_each_bases_output_and_the_final_terms(key, d):
    names = ("tree", "knn", "logreg", "nb")
    run = compute.stacking_run(key, names, "logreg", 1, "holdout", 0.3, "soft", 40)
    stack = algorithms.StackingClassifier(
        [(n, learners.make(n, 0)) for n in names], final_estimator=learners.make("logreg", 0),
        cv="holdout", holdout_fraction=0.3, random_state=0).fit(d["X_tr"], d["y_tr"])
    X, y = d["X_tr"], d["y_tr"]
    coef = np.asarray(stack.final_estimator_.coef_, float).ravel()
    b = float(np.ravel(stack.final_estimator_.intercept_)[0])
    for n in (5, 99):
        s = run.inspect.story(n)
        c = int(np.searchsorted(stack.classes_, y[n - 1]))
        p1 = np.array([m.predict_proba(X[n - 1:n])[0, 1] for m in stack.layers_[0]])
        np.testing.assert_allclose(s.z, p1, rtol=1e-6)
        np.testing.assert_allclose(s.own, p1 if c == 1 else 1 - p1, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(s.terms, coef * p1, rtol=1e-5, atol=1e-9)
        assert s.intercept == pytest.approx(b)
        score = b + coef @ p1
        assert s.proba[1] == pytest.approx(1 / (1 + np.exp(-score)), rel=1e-5)
        assert s.part2 == bool(np.isin(n - 1, stack.holdout_indices_))


# ---- the ensemble with members switched off -----------------------------------------------------

def test_adaboost_vote_without_some_members_is_the_sum_of_the_others(key, d):
    run = compute.adaboost_run(key, 30, 60)
    est = ada(d)
    X, y = d["X_tr"], d["y_tr"]
    on = np.ones(30, bool)
    on[[0, 4, 9]] = False
    vote = run.inspect.vote(on)
    g = sum(a * np.where(f.predict(X) == 1, 1.0, -1.0)
            for a, f, keep in zip(est.estimator_weights_, est.estimators_, on) if keep)
    assert vote.train_err == pytest.approx(np.mean(est.classes_[(g > 0).astype(int)] != y))
    assert vote.n_on == 27
    # on the plane: the painted sign agrees with the members' own predictions at the grid points
    grid = run.grid
    G = sum(a * np.where(f.predict(grid.points) == 1, 1.0, -1.0)
            for a, f, keep in zip(est.estimator_weights_, est.estimators_, on) if keep)
    painted_class = vote.code.ravel() >= 32  # codes 32.. are class 1 (compute.paint)
    agree = np.mean(painted_class == (G > 0))
    assert agree > 0.995, agree  # cells exactly on a threshold may round either way
    full = run.inspect.vote(np.ones(30, bool))
    assert full.train_err == pytest.approx(run.train_err[-1])
    assert full.test_err == pytest.approx(run.test_err[-1])
    none = run.inspect.vote(np.zeros(30, bool))
    assert np.isnan(none.train_err) and none.n_on == 0


def test_forest_vote_of_some_trees_is_their_mean_probability(key, d):
    run = compute.forest_run(key, "forest", 5, "gini", 12, "sqrt", 1.0, True, 60)
    est = forest_compute.estimator("forest", 5, "gini", 12, "sqrt", 1.0, True, 0)
    est.fit(d["X_tr"], d["y_tr"])
    on = np.zeros(12, bool)
    on[[1, 2, 7]] = True
    P = np.mean([m.predict_proba(d["X_te"]) for m, k in zip(est.estimators_, on) if k], 0)
    vote = run.inspect.vote(on)
    assert vote.test_err == pytest.approx(np.mean(est.classes_[P.argmax(1)] != d["y_te"]))


def test_gradient_boosting_vote_without_stages_adds_up_the_rest(key, d):
    run = compute.gb_run(key, "2d", "log_loss", 0.3, 20, 2, 1.0, 60)
    est = algorithms.GradientBoostingClassifier(loss="log_loss", learning_rate=0.3,
                                                n_estimators=20, max_depth=2,
                                                random_state=0).fit(d["X_tr"], d["y_tr"])
    on = np.ones(20, bool)
    on[:5] = False
    X = d["X_tr"]
    g = est.init_[0] + sum(0.3 * est.estimator_weights_[t] * est.estimators_[t, 0].predict(X)
                           for t in range(20) if on[t])
    vote = run.inspect.vote(on)
    assert vote.train_err == pytest.approx(np.mean(est.classes_[(g > 0).astype(int)] != d["y_tr"]))
    np.testing.assert_allclose(run.inspect.weights, 0.3 * est.estimator_weights_)


def test_stacking_vote_puts_a_learners_average_term_in_the_final_sum(key, d):
    names = ("tree", "knn", "logreg", "nb")
    run = compute.stacking_run(key, names, "logreg", 1, "holdout", 0.3, "soft", 40)
    stack = algorithms.StackingClassifier(
        [(n, learners.make(n, 0)) for n in names], final_estimator=learners.make("logreg", 0),
        cv="holdout", holdout_fraction=0.3, random_state=0).fit(d["X_tr"], d["y_tr"])
    coef = np.asarray(stack.final_estimator_.coef_, float).ravel()
    b = float(np.ravel(stack.final_estimator_.intercept_)[0])
    X, y = d["X_te"], d["y_te"]
    Z = np.column_stack([m.predict_proba(X)[:, 1] for m in stack.layers_[0]])
    Z_tr = np.column_stack([m.predict_proba(d["X_tr"])[:, 1] for m in stack.layers_[0]])
    on = np.array([True, False, True, True])
    # k-NN switched off: its term is its average over the training examples
    score = b + Z[:, on] @ coef[on] + coef[1] * Z_tr[:, 1].mean()
    vote = run.inspect.vote(on)
    assert vote.test_err == pytest.approx(np.mean(stack.classes_[(score > 0).astype(int)] != y))
    assert run.inspect.vote(np.ones(4, bool)).test_err == pytest.approx(
        1 - run.scores["stacking"].test)
    assert run.inspect.can_vote
    tree_final = compute.stacking_run(key, names, "tree", 1, "holdout", 0.3, "soft", 40)
    assert not tree_final.inspect.can_vote


# ---- a tree's nodes for the diagram, and picking a point ----------------------------------------

def test_tree_nodes_are_the_trees_arrays_with_clipped_regions_and_the_path(key, d):
    X, y = d["X_tr"], d["y_tr"]
    m = algorithms.DecisionTreeClassifier(max_depth=4).fit(X, y)
    extent = np.array([[-2.0, -1.0], [2.5, 1.5]])
    nodes = tree_nodes(m, "class", extent, X[7])
    t = m.tree_
    assert nodes.node_count == t.node_count and nodes.max_depth == 4
    np.testing.assert_array_equal(nodes.left, t.children_left)
    np.testing.assert_array_equal(nodes.samples, t.n_node_samples)
    np.testing.assert_allclose(nodes.value, t.value)
    assert np.all(nodes.lo >= extent[0]) and np.all(nodes.hi <= extent[1])
    np.testing.assert_array_equal(nodes.lo[0], extent[0])   # the root is the whole plane
    path = [0]
    while t.children_left[path[-1]] >= 0:
        i = path[-1]
        path.append(t.children_left[i] if X[7, t.feature[i]] <= t.threshold[i]
                    else t.children_right[i])
    np.testing.assert_array_equal(nodes.path, path)
    # X[7] lies inside every box on its path
    assert np.all((nodes.lo[path] < X[7]) & (X[7] <= nodes.hi[path]))


def test_a_member_missing_a_class_speaks_of_the_ensembles_classes():
    X = np.array([[0.0, 0], [1, 0], [2, 0], [3, 0]])
    m = algorithms.DecisionTreeClassifier(max_depth=1).fit(X, np.array([0, 0, 2, 2]))
    nodes = tree_nodes(m, "class", np.array([[-1.0, -1], [4, 1]]), None, n_classes=3,
                       columns=np.array([0, 2]))
    assert nodes.value.shape == (3, 3)
    np.testing.assert_allclose(nodes.value[:, 1], 0.0)
    np.testing.assert_allclose(nodes.value[:, [0, 2]], m.tree_.value)


def test_a_click_picks_the_nearest_training_point_or_none(key, d):
    run = compute.adaboost_run(key, 30, 60)
    X = d["X_tr"]
    assert run.inspect.pick(*X[41]) == 42
    assert run.inspect.pick(*(X[41] + 0.01)) == 42
    far = run.inspect.extent[1] + 1.0
    assert run.inspect.pick(*far) is None
