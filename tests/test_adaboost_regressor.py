r"""AdaBoost.R2 (Drucker 1997) as scikit-learn implements it: every recorded number recomputed from
the fitted learners, the weighted median by hand, and accuracy against scikit-learn's (the re-samples
are drawn by different generators, so the runs differ; their average R^2 must not).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import AdaBoostRegressor as SkAdaBoostRegressor
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor

from algorithms import (AdaBoostRegressor, BaseEstimator, DecisionTreeClassifier,
                        DecisionTreeRegressor, RegressorMixin)


def friedman(n=400, seed=0):
    return datasets.make_friedman1(n, noise=1.0, random_state=seed)


@pytest.mark.parametrize("loss", ["linear", "square", "exponential"])
@pytest.mark.parametrize("eta", [1.0, 0.5])
def test_r2_records_match_a_recomputation(loss, eta):
    X, y = friedman()
    ada = AdaBoostRegressor(n_estimators=15, loss=loss, learning_rate=eta, random_state=0).fit(X, y)
    T = ada.n_estimators_
    assert T == 15 and ada.stop_reason_ is None
    U = ada.sample_weights_
    np.testing.assert_array_equal(U[0], 1.0)                                  # u_1 = 1
    np.testing.assert_allclose(ada.weight_sums_, U.sum(axis=1), rtol=1e-12)   # Z_t
    for t, f in enumerate(ada.estimators_):
        err = np.abs(f.predict(X) - y)
        L = err / err.max()
        L = {"linear": L, "square": L ** 2, "exponential": 1 - np.exp(-L)}[loss]
        np.testing.assert_allclose(ada.training_losses_[t], L, rtol=1e-12)
        Lbar = U[t] @ L / U[t].sum()
        assert ada.estimator_errors_[t] == pytest.approx(Lbar, rel=1e-10)
        beta = Lbar / (1 - Lbar)
        assert ada.estimator_betas_[t] == pytest.approx(beta, rel=1e-10)
        assert ada.estimator_weights_[t] == pytest.approx(eta * np.log(1 / beta), rel=1e-10)
        if t + 1 < T:
            np.testing.assert_allclose(U[t + 1], U[t] * beta ** (eta * (1 - L)), rtol=1e-10)


def test_weighted_median_by_hand():
    X, y = friedman()
    ada = AdaBoostRegressor(n_estimators=9, random_state=1).fit(X, y)
    Xq = X[:25] + 0.01
    P = np.column_stack([f.predict(Xq) for f in ada.estimators_])
    alpha = ada.estimator_weights_
    expected = []
    for row in P:   # the smallest prediction whose cumulative weight reaches half the total
        order = np.argsort(row, kind="stable")
        cdf = np.cumsum(alpha[order])
        expected.append(row[order[np.flatnonzero(cdf >= 0.5 * cdf[-1])[0]]])
    np.testing.assert_allclose(ada.predict(Xq), expected)
    stages = list(ada.staged_predict(Xq))
    assert len(stages) == 9
    np.testing.assert_allclose(stages[-1], ada.predict(Xq))
    np.testing.assert_allclose(stages[0], P[:, 0])
    scores = list(ada.staged_score(Xq, y[:25]))
    assert scores[-1] == pytest.approx(ada.score(Xq, y[:25]))


@pytest.mark.parametrize("loss", ["linear", "square", "exponential"])
def test_r2_accuracy_close_to_sklearn(loss):
    X, y = friedman(600)
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.3, random_state=0)
    ours = np.mean([AdaBoostRegressor(n_estimators=40, loss=loss, random_state=s).fit(Xa, ya)
                    .score(Xb, yb) for s in range(8)])
    theirs = np.mean([SkAdaBoostRegressor(SkTreeRegressor(max_depth=3), n_estimators=40,
                                          loss=loss, random_state=s).fit(Xa, ya).score(Xb, yb)
                      for s in range(8)])
    assert abs(ours - theirs) <= 0.015, (ours, theirs)
    assert ours > 0.7


class _Constant(RegressorMixin, BaseEstimator):
    """Test-local learner: predicts ``value`` whatever it was trained on."""

    def __init__(self, value=10.0):
        self.value = value

    def fit(self, X, y):
        return self

    def predict(self, X):
        return np.full(len(X), float(self.value))


def test_first_learner_with_average_loss_at_least_half_is_kept_alone():
    """scikit-learn keeps such a first learner (weight 0) rather than fail; so do we, and say so."""
    X = np.arange(20.0).reshape(-1, 1)
    y = np.r_[np.zeros(19), 10.0]
    ada = AdaBoostRegressor(_Constant(10.0), n_estimators=5, random_state=0).fit(X, y)
    assert ada.n_estimators_ == 1
    r = ada.stop_reason_
    assert r["code"] == "loss_at_least_half" and r["round"] == 1 and r["fate"] == "kept alone"
    assert r["epsilon"] >= 0.5
    np.testing.assert_allclose(ada.predict(X), ada.estimators_[0].predict(X))


def test_perfect_learner_stops_with_a_structured_reason():
    X = np.arange(30.0).reshape(-1, 1)
    y = 2.0 * X[:, 0]
    ada = AdaBoostRegressor(DecisionTreeRegressor(), n_estimators=5, random_state=0)
    ada.fit(X, np.where(X[:, 0] < 15, 0.0, 1.0))   # two values: any re-sample's full tree is exact
    assert ada.stop_reason_["code"] == "perfect_regression" and ada.n_estimators_ == 1
    assert ada.estimator_errors_[0] == 0.0
    np.testing.assert_allclose(ada.predict(X), np.where(X[:, 0] < 15, 0.0, 1.0))
    assert y.shape == (30,)


def test_classifier_estimator_refused_and_feature_importances():
    X, y = friedman()
    with pytest.raises(ValueError, match="needs a regressor.*DecisionTreeClassifier is a classifier"):
        AdaBoostRegressor(DecisionTreeClassifier()).fit(X, y)
    with pytest.raises(ValueError, match="loss"):
        AdaBoostRegressor(loss="huber").fit(X, y)
    ada = AdaBoostRegressor(n_estimators=10, random_state=0).fit(X, y)
    imp = ada.feature_importances_
    assert imp.sum() == pytest.approx(1.0)
    # friedman1: features 5..9 are noise; 0, 1, 3 carry most of the signal
    assert imp[[0, 1, 3]].sum() > imp[5:].sum()
