"""Forest, bagging and gradient-boosting parameters a scikit-learn user types (issue 15, section 2),
each against scikit-learn on the same data: the same answers where the computation is
deterministic, accuracy within 1.5 points where the random streams differ."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import ensemble as ske
from sklearn import tree as skt
from sklearn.datasets import make_classification, make_moons, make_regression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split

from algorithms import (BaggingClassifier, BaggingRegressor, DecisionTreeClassifier,
                        GradientBoostingClassifier, GradientBoostingRegressor,
                        KNeighborsClassifier, LinearRegression, RandomForestClassifier,
                        RandomForestRegressor)


@pytest.fixture(scope="module")
def split():
    X, y = make_classification(3000, 10, n_informative=5, random_state=0)
    return train_test_split(X, y, test_size=0.5, random_state=0)


@pytest.fixture(scope="module")
def imbalanced():
    X, y = make_classification(3000, 8, n_informative=4, weights=[0.9, 0.1], random_state=1)
    return train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)


def _near(ours, ref, tol=0.015):
    assert abs(ours - ref) <= tol, (ours, ref)


# -------------------------------------------------------------------------------------- forests
def test_forest_warm_start_adds_trees_and_keeps_the_first(split):
    Xa, Xb, ya, yb = split
    rf = RandomForestClassifier(20, random_state=0, oob_score=True).fit(Xa, ya)
    first = [est.tree_ for est in rf]
    rf.set_params(warm_start=True, n_estimators=60).fit(Xa, ya)
    assert len(rf) == 60 and len(rf.estimators_samples_) == 60 and len(rf.oob_errors_) == 60
    assert all(a is b.tree_ for a, b in zip(first, rf[:20]))
    ref = ske.RandomForestClassifier(60, random_state=0).fit(Xa, ya).score(Xb, yb)
    _near(rf.score(Xb, yb), ref)
    # warm-started growth is reproducible
    again = RandomForestClassifier(20, random_state=0).fit(Xa, ya)
    again.set_params(warm_start=True, n_estimators=60).fit(Xa, ya)
    np.testing.assert_array_equal(again.predict_proba(Xb), rf.predict_proba(Xb))
    with pytest.raises(ValueError, match="must be at least the 60 learners"):
        rf.set_params(n_estimators=10).fit(Xa, ya)


def test_forest_is_a_sequence_of_trees(split):
    Xa, Xb, ya, yb = split
    rf = RandomForestClassifier(7, random_state=0).fit(Xa, ya)
    assert len(rf) == 7 and rf[3] is rf.estimators_[3]
    assert [e for e in rf] == rf.estimators_
    np.testing.assert_allclose(rf.predict_proba(Xb),
                               np.mean([t.predict_proba(Xb) for t in rf], axis=0))
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(rf.predict_log_proba(Xb), np.log(rf.predict_proba(Xb)))


@pytest.mark.parametrize("class_weight", ["balanced", "balanced_subsample", {0: 1.0, 1: 9.0}])
def test_forest_class_weight_as_scikit_learn(imbalanced, class_weight):
    Xa, Xb, ya, yb = imbalanced
    ours = RandomForestClassifier(100, class_weight=class_weight, min_samples_leaf=5,
                                  random_state=0).fit(Xa, ya)
    ref = ske.RandomForestClassifier(100, class_weight=class_weight, min_samples_leaf=5,
                                     random_state=0).fit(Xa, ya)
    _near(balanced_accuracy_score(yb, ours.predict(Xb)),
          balanced_accuracy_score(yb, ref.predict(Xb)), 0.02)
    plain = RandomForestClassifier(100, min_samples_leaf=5, random_state=0).fit(Xa, ya)
    assert (balanced_accuracy_score(yb, ours.predict(Xb))
            > balanced_accuracy_score(yb, plain.predict(Xb)))


@pytest.mark.parametrize("params", [{"max_leaf_nodes": 16}, {"min_impurity_decrease": 0.002},
                                    {"ccp_alpha": 0.002}, {"min_weight_fraction_leaf": 0.01},
                                    {"criterion": "log_loss", "max_depth": 6}])
def test_forest_passes_tree_parameters_on(split, params):
    Xa, Xb, ya, yb = split
    ours = RandomForestClassifier(50, random_state=0, **params).fit(Xa, ya)
    ref = ske.RandomForestClassifier(50, random_state=0, **params).fit(Xa, ya)
    _near(ours.score(Xb, yb), ref.score(Xb, yb), 0.02)
    for est in ours:
        assert est.get_params()[next(iter(params))] == params[next(iter(params))]
    if "max_leaf_nodes" in params:
        assert max(est.get_n_leaves() for est in ours) <= 16
    full = RandomForestClassifier(50, random_state=0).fit(Xa, ya)
    assert np.mean([e.tree_.node_count for e in ours]) < np.mean([e.tree_.node_count for e in full])


def test_forest_n_jobs_grows_the_same_kind_of_forest(split):
    Xa, Xb, ya, yb = split
    two = RandomForestClassifier(60, n_jobs=2, random_state=0).fit(Xa, ya)
    again = RandomForestClassifier(60, n_jobs=2, random_state=0).fit(Xa, ya)
    one = RandomForestClassifier(60, n_jobs=1, random_state=0).fit(Xa, ya)
    assert len(two) == 60
    np.testing.assert_array_equal(two.predict_proba(Xb), again.predict_proba(Xb))
    _near(two.score(Xb, yb), one.score(Xb, yb), 0.02)
    reg = RandomForestRegressor(20, n_jobs=-1, random_state=0).fit(Xa, ya.astype(float))
    assert len(reg) == 20


def test_n_jobs_and_verbose_are_parameters_everywhere():
    for est in (RandomForestClassifier(), RandomForestRegressor(), BaggingClassifier(),
                BaggingRegressor()):
        assert {"n_jobs", "verbose", "warm_start"} <= set(est.get_params())
    for est in (GradientBoostingClassifier(), GradientBoostingRegressor()):
        assert {"verbose", "warm_start"} <= set(est.get_params())


# -------------------------------------------------------------------------------------- bagging
@pytest.mark.parametrize("params", [{"max_features": 0.5}, {"max_features": 4},
                                    {"bootstrap_features": True},
                                    {"max_features": 0.6, "bootstrap": False,
                                     "max_samples": 0.7}])
def test_bagging_feature_subsets_as_scikit_learn(split, params):
    Xa, Xb, ya, yb = split
    ours = BaggingClassifier(n_estimators=40, random_state=0, **params).fit(Xa, ya)
    ref = ske.BaggingClassifier(n_estimators=40, random_state=0, **params).fit(Xa, ya)
    _near(ours.score(Xb, yb), ref.score(Xb, yb), 0.02)
    k = {0.5: 5, 4: 4, 0.6: 6}.get(params.get("max_features", 1.0), 10)
    for est, feats in zip(ours, ours.estimators_features_):
        assert len(feats) == k
        used = set(est.tree_.feature[est.tree_.children_left >= 0].tolist())
        assert used <= set(np.asarray(feats).tolist())       # global feature numbers
        np.testing.assert_array_equal(est.predict(Xb), est.predict(Xb))


def test_bagging_feature_subsets_with_another_learner(split):
    Xa, Xb, ya, yb = split
    ours = BaggingClassifier(KNeighborsClassifier(5), n_estimators=10, max_features=0.5,
                             oob_score=True, random_state=0).fit(Xa, ya)
    k = 5
    for est, feats in zip(ours, ours.estimators_features_):
        assert est.n_features_in_ == k and len(feats) == k
    members = np.mean([est.predict_proba(Xb[:, f])
                       for est, f in zip(ours, ours.estimators_features_)], axis=0)
    np.testing.assert_allclose(ours.predict_proba(Xb), members)
    assert 0.7 < ours.oob_score_ < 1.0


def test_bagging_predict_log_proba_and_warm_start(split):
    Xa, Xb, ya, yb = split
    bag = BaggingClassifier(n_estimators=5, random_state=0).fit(Xa, ya)
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(bag.predict_log_proba(Xb), np.log(bag.predict_proba(Xb)))
    bag.set_params(warm_start=True, n_estimators=12).fit(Xa, ya)
    assert len(bag) == 12 and len(bag.estimators_features_) == 12


# ----------------------------------------------------------------------------- gradient boosting
def test_gradient_boosting_warm_start_equals_fitting_at_once(split):
    Xa, Xb, ya, yb = split
    once = GradientBoostingClassifier(n_estimators=40, subsample=0.8, random_state=0).fit(Xa, ya)
    step = GradientBoostingClassifier(n_estimators=15, subsample=0.8, random_state=0,
                                      warm_start=True).fit(Xa, ya)
    step.set_params(n_estimators=40).fit(Xa, ya)
    np.testing.assert_allclose(step.decision_function(Xb), once.decision_function(Xb))
    np.testing.assert_allclose(step.oob_scores_, once.oob_scores_)
    assert len(step) == 40
    with pytest.raises(ValueError, match="at least the 40 stages"):
        step.set_params(n_estimators=5).fit(Xa, ya)


def test_gradient_boosting_apply_gives_every_trees_leaf(split):
    Xa, Xb, ya, yb = split
    gb = GradientBoostingClassifier(n_estimators=8, random_state=0).fit(Xa, ya)
    leaves = gb.apply(Xb)
    assert leaves.shape == (len(Xb), 8, 1)
    ref = ske.GradientBoostingClassifier(n_estimators=8, random_state=0).fit(Xa, ya)
    assert ref.apply(Xb).shape == leaves.shape
    for t in range(8):
        tree = gb.estimators_[t, 0].tree_
        np.testing.assert_array_equal(leaves[:, t, 0], tree.apply(Xb))
        assert np.all(tree.children_left[leaves[:, t, 0]] < 0)
    Xm, ym = make_classification(300, 5, n_informative=3, n_classes=3, random_state=0)
    assert GradientBoostingClassifier(n_estimators=4).fit(Xm, ym).apply(Xm).shape == (300, 4, 3)
    Xr, yr = make_regression(200, 4, random_state=0)
    assert GradientBoostingRegressor(n_estimators=4).fit(Xr, yr).apply(Xr).shape == (200, 4)


def test_gradient_boosting_init_estimator_as_scikit_learn():
    """A depth-2 tree as g_0 (the same tree in both libraries on integer features): the same
    starting scores, and the boosted models agree."""
    rng = np.random.default_rng(0)
    X = rng.integers(0, 6, (800, 3)).astype(float)
    y = (X[:, 0] + X[:, 1] + rng.normal(0, 1.5, 800) > 5).astype(int)
    ours = GradientBoostingClassifier(n_estimators=20, init=DecisionTreeClassifier(max_depth=2),
                                      random_state=0).fit(X, y)
    ref = ske.GradientBoostingClassifier(n_estimators=20,
                                         init=skt.DecisionTreeClassifier(max_depth=2,
                                                                         random_state=0),
                                         random_state=0).fit(X, y)
    assert isinstance(ours.init_, DecisionTreeClassifier)
    np.testing.assert_allclose(ours._raw_init(X)[:, 0], ref._raw_predict_init(X)[:, 0],
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X), atol=1e-6)
    Xr = X
    yr = X[:, 0] * 2 - X[:, 1] + rng.normal(0, 0.3, 800)
    reg = GradientBoostingRegressor(n_estimators=10, init=LinearRegression()).fit(Xr, yr)
    assert reg.score(Xr, yr) > GradientBoostingRegressor(n_estimators=10).fit(Xr, yr).score(Xr, yr)


def test_gradient_boosting_init_estimator_needs_predict_proba_for_classifiers():
    from algorithms import LinearSVC
    X, y = make_moons(200, noise=0.2, random_state=0)
    with pytest.raises(ValueError, match="no predict_proba"):
        GradientBoostingClassifier(init=LinearSVC()).fit(X, y)


def test_gradient_boosting_verbose_reports_stages(capsys):
    X, y = make_moons(200, noise=0.2, random_state=0)
    GradientBoostingClassifier(n_estimators=3, verbose=1).fit(X, y)
    out = capsys.readouterr().out
    assert out.count("stage") == 3 and "training loss" in out
    GradientBoostingClassifier(n_estimators=3).fit(X, y)
    assert capsys.readouterr().out == ""
