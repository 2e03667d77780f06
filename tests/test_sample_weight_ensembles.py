"""Sample weights in bagging, forests, trees and gradient boosting (issue 15, bugs 1, 2 and 7).

Weights are frequencies, as in scikit-learn: a bootstrap set draws rows in proportion to their
weights, whatever the learner's ``fit`` accepts; weights that leave a single class are refused.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import ensemble as ske
from sklearn import neighbors as skn

from algorithms import (BaggingClassifier, BaggingRegressor, DecisionTreeClassifier,
                        GradientBoostingClassifier, KNeighborsClassifier, LogisticRegression,
                        RandomForestClassifier, RandomForestRegressor)


def _line():
    X = np.arange(20.0).reshape(-1, 1)
    y = (X[:, 0] >= 10).astype(int)
    return X, y


def test_bagging_draws_rows_in_proportion_to_weights_for_a_learner_without_weights():
    """Rows 0-2 (class 0) carry the weight, row 19 (class 1) a hundredth of it: the bootstrap sets
    are made of rows 0-2 almost only, so 1-NN says class 0 at x = 15, as scikit-learn's bagging
    does; unweighted, 1-NN says class 1."""
    X, y = _line()
    w = np.zeros(20)
    w[[0, 1, 2]] = 1.0
    w[19] = 0.01
    ours = BaggingClassifier(KNeighborsClassifier(1), n_estimators=5, random_state=0)
    ref = ske.BaggingClassifier(skn.KNeighborsClassifier(1), n_estimators=5, random_state=0)
    assert ref.fit(X, y, sample_weight=w).predict([[15.0]])[0] == 0
    assert ours.fit(X, y, sample_weight=w).predict([[15.0]])[0] == 0
    assert ours.fit(X, y).predict([[15.0]])[0] == 1
    for idx in ours.fit(X, y, sample_weight=w).estimators_samples_:
        assert set(np.asarray(idx).tolist()) <= {0, 1, 2, 19}


def test_bagging_never_draws_zero_weight_rows_for_a_weighted_learner():
    """4 weighted rows of 100 (two per class): every learner is fitted on them alone (before, a set
    of zero-weight rows failed with 'y has 1 class')."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 3))
    y = (X[:, 0] > 0).astype(int)
    w = np.zeros(100)
    chosen = np.r_[np.flatnonzero(y == 1)[:2], np.flatnonzero(y == 0)[:2]]
    w[chosen] = 1.0
    bag = BaggingClassifier(LogisticRegression(), n_estimators=10, random_state=0)
    bag.fit(X, y, sample_weight=w)
    for idx in bag.estimators_samples_:
        assert set(np.asarray(idx).tolist()) <= set(chosen.tolist())


@pytest.mark.parametrize("make", [
    lambda: RandomForestClassifier(n_estimators=100, random_state=0),
    lambda: BaggingClassifier(random_state=0),
])
def test_forest_and_bagged_trees_with_mostly_zero_weights_give_probabilities(make):
    """Weight 1 on two rows per class, 0 elsewhere: no NaN (a tree that drew only zero-weight rows
    used to have 0/0 leaves), and accuracy as scikit-learn's forest on the same weights."""
    rng = np.random.default_rng(1)
    X = np.r_[rng.normal(-1.5, 1.0, (20, 2)), rng.normal(1.5, 1.0, (20, 2))]
    y = np.r_[np.zeros(20), np.ones(20)].astype(int)
    w = np.zeros(40)
    w[[0, 1, 20, 21]] = 1.0
    model = make().fit(X, y, sample_weight=w)
    proba = model.predict_proba(X)
    assert np.isfinite(proba).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    ref = ske.RandomForestClassifier(100, random_state=0).fit(X, y, sample_weight=w)
    assert abs(model.score(X, y) - ref.score(X, y)) <= 0.1
    assert model.score(X, y) > 0.8


def test_forest_regressor_with_mostly_zero_weights_is_finite():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(40, 2))
    y = X[:, 0] * 3 + rng.normal(0, 0.1, 40)
    w = np.zeros(40)
    w[[0, 1]] = 1.0
    pred = RandomForestRegressor(50, random_state=0).fit(X, y, sample_weight=w).predict(X)
    assert np.isfinite(pred).all()
    # every tree saw only the two weighted rows: predictions are averages of their targets
    assert y[:2].min() - 1e-12 <= pred.min() and pred.max() <= y[:2].max() + 1e-12


def test_bagging_without_bootstrap_refuses_weights_a_learner_cannot_take():
    class NoWeights(KNeighborsClassifier):
        def fit(self, X, y):
            return super().fit(X, y)

    X, y = _line()
    w = np.linspace(0.5, 2.0, 20)
    with pytest.raises(ValueError, match="takes no sample_weight.*bootstrap=True"):
        BaggingClassifier(NoWeights(1), bootstrap=False, random_state=0).fit(X, y,
                                                                           sample_weight=w)


@pytest.mark.parametrize("make", [
    DecisionTreeClassifier, RandomForestClassifier, BaggingClassifier, GradientBoostingClassifier,
])
def test_weights_leaving_one_class_are_refused(make):
    X = np.arange(6.0).reshape(-1, 1)
    y = np.array([0, 0, 0, 1, 1, 1])
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        make().fit(X, y, sample_weight=[0, 0, 0, 1, 1, 1])


def test_gradient_boosting_subsample_of_zero_weight_rows_says_so():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    y = (X[:, 0] > 0).astype(int)
    w = np.zeros(300)
    w[np.flatnonzero(y == 1)[:3]] = 1.0
    w[np.flatnonzero(y == 0)[:3]] = 1.0
    with pytest.raises(ValueError, match="weights leave no sample"):
        GradientBoostingClassifier(subsample=0.3, random_state=0).fit(X, y, sample_weight=w)


@pytest.mark.parametrize("make", [RandomForestClassifier, BaggingRegressor])
def test_denormal_and_huge_weights_fit_like_unit_weights(make):
    """check_sample_weight rescales weights whose sum is denormal or near overflow: the fit is the
    one of the same weights rescaled (estimators here ignore a common factor)."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    base = rng.uniform(0.5, 2.0, 60)
    ref = make(n_estimators=5, random_state=0).fit(X, y, sample_weight=base).predict(X)
    for scale in (1e-310, 1e300):
        got = make(n_estimators=5, random_state=0).fit(X, y, sample_weight=base * scale).predict(X)
        assert np.isfinite(got).all()
        np.testing.assert_allclose(got, ref)
