"""Bagging (docs/lecture.md §1): bootstrap sets, aggregation, out-of-bag estimates, staged predictions."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets

from algorithms import (BaggingClassifier, BaggingRegressor, BaseEstimator, ClassifierMixin,
                        DecisionTreeClassifier, DecisionTreeRegressor)


@pytest.fixture(scope="module")
def moons():
    X, y = datasets.make_moons(600, noise=0.3, random_state=0)
    return X, y


def _grid_data(n=300, seed=0):
    """Integer-valued features (few distinct values) without duplicate rows with clashing labels."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 40, (n, 2)).astype(float)
    X = np.unique(X, axis=0)
    y = ((X[:, 0] - 20) ** 2 + (X[:, 1] - 20) ** 2 + rng.normal(0, 60, len(X)) < 150).astype(int)
    return X, y


# ------------------------------------------------------------------------------------------------
# bootstrap sets
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("max_samples, size", [(1.0, 300), (0.5, 150), (120, 120)])
def test_estimators_samples_are_bootstrap_index_arrays(max_samples, size):
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    bag = BaggingClassifier(n_estimators=8, max_samples=max_samples, random_state=0).fit(X, y)
    assert len(bag.estimators_) == len(bag.estimators_samples_) == 8
    for idx in bag.estimators_samples_:
        idx = np.asarray(idx)
        assert idx.shape == (size,)
        assert np.issubdtype(idx.dtype, np.integer)
        assert idx.min() >= 0 and idx.max() < 300
        assert len(np.unique(idx)) < size  # with replacement: repeats kept (P(no repeat) ~ 0)
    # about 1 - 1/e of the rows appear in a full-size bootstrap set
    if size == 300:
        frac = np.mean([len(np.unique(i)) / 300 for i in bag.estimators_samples_])
        assert 0.58 < frac < 0.69
    # sets differ from one learner to the next
    assert not np.array_equal(np.sort(bag.estimators_samples_[0]), np.sort(bag.estimators_samples_[1]))


def test_without_bootstrap_draws_without_replacement():
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    bag = BaggingClassifier(n_estimators=4, bootstrap=False, max_samples=0.5, random_state=0).fit(X, y)
    for idx in bag.estimators_samples_:
        assert len(idx) == 150 and len(np.unique(idx)) == 150


def test_each_learner_is_trained_on_its_bootstrap_set():
    """Refit a (deterministic) tree on X[idx] alone: it predicts as the ensemble's member on those
    rows. (Off those rows thresholds may differ: the member may use midpoints of the whole column.)"""
    X, y = _grid_data()
    bag = BaggingClassifier(DecisionTreeClassifier(max_depth=4), n_estimators=5,
                            random_state=1).fit(X, y)
    for est, idx in zip(bag.estimators_, bag.estimators_samples_):
        ref = DecisionTreeClassifier(max_depth=4).fit(X[idx], y[idx])
        np.testing.assert_allclose(est.predict_proba(X[idx]), ref.predict_proba(X[idx]),
                                   atol=1e-12)
    Xr = X
    yr = X[:, 0] * 0.3 - np.sqrt(X[:, 1]) + np.random.default_rng(0).normal(0, 0.5, len(X))
    bagr = BaggingRegressor(DecisionTreeRegressor(max_depth=5), n_estimators=5,
                            random_state=2).fit(Xr, yr)
    for est, idx in zip(bagr.estimators_, bagr.estimators_samples_):
        ref = DecisionTreeRegressor(max_depth=5).fit(Xr[idx], yr[idx])
        np.testing.assert_allclose(est.predict(Xr[idx]), ref.predict(Xr[idx]), rtol=1e-9)


# ------------------------------------------------------------------------------------------------
# aggregation and staged predictions
# ------------------------------------------------------------------------------------------------
def test_classifier_averages_member_probabilities(moons):
    X, y = moons
    bag = BaggingClassifier(n_estimators=7, random_state=0).fit(X, y)
    mean = np.mean([e.predict_proba(X) for e in bag.estimators_], axis=0)
    np.testing.assert_allclose(bag.predict_proba(X), mean, atol=1e-12)
    np.testing.assert_array_equal(bag.predict(X), bag.classes_[mean.argmax(axis=1)])
    np.testing.assert_allclose(bag.predict_proba(X).sum(axis=1), 1.0)


def test_regressor_averages_member_predictions():
    X, y = datasets.make_regression(300, 4, noise=5, random_state=0)
    bag = BaggingRegressor(n_estimators=6, random_state=0).fit(X, y)
    np.testing.assert_allclose(bag.predict(X), np.mean([e.predict(X) for e in bag.estimators_], 0))


def test_staged_predictions_end_at_predict(moons):
    X, y = moons
    bag = BaggingClassifier(n_estimators=9, random_state=3).fit(X, y)
    stages = list(bag.staged_predict(X))
    assert len(stages) == 9
    np.testing.assert_array_equal(stages[-1], bag.predict(X))
    probas = list(bag.staged_predict_proba(X))
    assert len(probas) == 9
    np.testing.assert_allclose(probas[-1], bag.predict_proba(X))
    np.testing.assert_allclose(probas[0], bag.estimators_[0].predict_proba(X))
    k3 = np.mean([e.predict_proba(X) for e in bag.estimators_[:3]], axis=0)
    np.testing.assert_allclose(probas[2], k3, atol=1e-12)

    Xr, yr = datasets.make_regression(200, 3, noise=5, random_state=0)
    reg = BaggingRegressor(n_estimators=5, random_state=0).fit(Xr, yr)
    rs = list(reg.staged_predict(Xr))
    assert len(rs) == 5
    np.testing.assert_allclose(rs[-1], reg.predict(Xr))
    np.testing.assert_allclose(rs[1], (reg.estimators_[0].predict(Xr) + reg.estimators_[1].predict(Xr)) / 2)


def test_bagging_reduces_variance_of_deep_trees():
    """The lecture's point: bagging helps a complex model. Bagged full trees beat one full tree."""
    X, y = datasets.make_moons(1500, noise=0.35, random_state=0)
    Xt, yt = datasets.make_moons(3000, noise=0.35, random_state=1)
    single = DecisionTreeClassifier(random_state=0).fit(X, y).score(Xt, yt)
    bagged = BaggingClassifier(n_estimators=30, random_state=0).fit(X, y).score(Xt, yt)
    assert bagged > single + 0.02


# ------------------------------------------------------------------------------------------------
# out of bag
# ------------------------------------------------------------------------------------------------
def test_oob_uses_exactly_the_learners_that_missed_each_point():
    """Full trees on rows without clashing duplicates have pure leaves, so the OOB decision function
    is the mean of the one-hot votes of the learners whose bootstrap set missed the point."""
    X, y = _grid_data(seed=3)
    bag = BaggingClassifier(n_estimators=25, oob_score=True, random_state=0).fit(X, y)
    n = len(y)
    votes = np.zeros((n, 2))
    for est, idx in zip(bag.estimators_, bag.estimators_samples_):
        oob = np.ones(n, bool)
        oob[idx] = False
        assert 0.25 < oob.mean() < 0.5  # ~ 36.8 %
        votes[oob] += np.eye(2)[est.predict(X[oob])]
    scored = votes.sum(1) > 0
    assert scored.mean() > 0.99
    np.testing.assert_allclose(bag.oob_decision_function_[scored],
                               votes[scored] / votes[scored].sum(1, keepdims=True), atol=1e-12)
    acc = np.mean(votes[scored].argmax(1) == y[scored])
    assert bag.oob_score_ == pytest.approx(acc, abs=1e-12)


def test_oob_errors_curve(moons):
    X, y = moons
    T = 30
    bag = BaggingClassifier(n_estimators=T, oob_score=True, random_state=0).fit(X, y)
    errs = np.asarray(bag.oob_errors_)
    assert errs.shape == (T,)
    assert errs[-1] == pytest.approx(1 - bag.oob_score_, abs=1e-12)
    assert np.all((errs >= 0) & (errs <= 1))
    # k = 1: the first learner alone, on the points it did not see
    oob = np.ones(len(y), bool)
    oob[bag.estimators_samples_[0]] = False
    e1 = np.mean(bag.estimators_[0].predict(X[oob]) != y[oob])
    assert errs[0] == pytest.approx(e1, abs=1e-12)


def test_oob_score_close_to_held_out_accuracy():
    X, y = datasets.make_moons(1500, noise=0.35, random_state=0)
    Xt, yt = datasets.make_moons(4000, noise=0.35, random_state=1)
    bag = BaggingClassifier(n_estimators=40, oob_score=True, random_state=0).fit(X, y)
    assert abs(bag.oob_score_ - bag.score(Xt, yt)) < 0.03
    Xr, yr = datasets.make_friedman1(2000, noise=1.0, random_state=0)
    reg = BaggingRegressor(DecisionTreeRegressor(max_depth=10), n_estimators=25, oob_score=True,
                           random_state=0).fit(Xr[:800], yr[:800])
    assert abs(reg.oob_score_ - reg.score(Xr[800:], yr[800:])) < 0.05


def test_regressor_oob_prediction():
    X, y = datasets.make_regression(250, 3, noise=5, random_state=0)
    reg = BaggingRegressor(n_estimators=25, oob_score=True, random_state=0).fit(X, y)
    n = len(y)
    tot, cnt = np.zeros(n), np.zeros(n)
    for est, idx in zip(reg.estimators_, reg.estimators_samples_):
        oob = np.ones(n, bool)
        oob[idx] = False
        tot[oob] += est.predict(X[oob])
        cnt[oob] += 1
    s = cnt > 0
    np.testing.assert_allclose(reg.oob_prediction_[s], tot[s] / cnt[s], rtol=1e-10)
    r2 = 1 - np.sum((y[s] - tot[s] / cnt[s]) ** 2) / np.sum((y[s] - y[s].mean()) ** 2)
    assert reg.oob_score_ == pytest.approx(r2, abs=1e-10)
    assert np.asarray(reg.oob_errors_).shape == (25,)
    mse = np.mean((y[s] - tot[s] / cnt[s]) ** 2)
    assert reg.oob_errors_[-1] == pytest.approx(mse, rel=1e-9)


def test_no_oob_attributes_without_oob_score(moons):
    X, y = moons
    bag = BaggingClassifier(n_estimators=3, random_state=0).fit(X, y)
    assert not hasattr(bag, "oob_score_")


# ------------------------------------------------------------------------------------------------
# reproducibility
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", [BaggingClassifier, BaggingRegressor])
def test_random_state_reproducible(cls, moons):
    X, y = moons
    a = cls(n_estimators=6, random_state=7).fit(X, y)
    b = cls(n_estimators=6, random_state=7).fit(X, y)
    c = cls(n_estimators=6, random_state=8).fit(X, y)
    for ia, ib in zip(a.estimators_samples_, b.estimators_samples_):
        np.testing.assert_array_equal(ia, ib)
    Xt = np.random.default_rng(0).normal(size=(500, 2))
    np.testing.assert_array_equal(a.predict(Xt), b.predict(Xt))
    assert not all(np.array_equal(ia, ic) for ia, ic in zip(a.estimators_samples_, c.estimators_samples_))
    if cls is BaggingClassifier:
        assert not np.array_equal(a.predict_proba(Xt), c.predict_proba(Xt))
    else:
        assert not np.array_equal(a.predict(Xt), c.predict(Xt))
    # a Generator is accepted too
    g1 = cls(n_estimators=3, random_state=np.random.default_rng(5)).fit(X, y)
    g2 = cls(n_estimators=3, random_state=np.random.default_rng(5)).fit(X, y)
    np.testing.assert_array_equal(g1.estimators_samples_[0], g2.estimators_samples_[0])


# ------------------------------------------------------------------------------------------------
# other learners
# ------------------------------------------------------------------------------------------------
class _CentroidNoWeights(ClassifierMixin, BaseEstimator):
    """A nearest-centroid classifier whose fit takes no sample_weight (test-local)."""

    def __init__(self, shrink=0.0):
        self.shrink = shrink

    def fit(self, X, y):
        self.classes_, enc = np.unique(y, return_inverse=True)
        self.centroids_ = np.array([X[enc == k].mean(0) for k in range(len(self.classes_))])
        self.seen_ = X.copy()
        return self

    def predict_proba(self, X):
        d = ((X[:, None, :] - self.centroids_[None]) ** 2).sum(-1)
        p = np.eye(len(self.classes_))[d.argmin(1)]
        return p

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(1)]


def test_learner_without_sample_weight_gets_the_drawn_rows(moons):
    X, y = moons
    bag = BaggingClassifier(_CentroidNoWeights(), n_estimators=4, random_state=0).fit(X, y)
    for est, idx in zip(bag.estimators_, bag.estimators_samples_):
        np.testing.assert_array_equal(np.sort(est.seen_, axis=0), np.sort(X[idx], axis=0))
    assert bag.score(X, y) > 0.7
    np.testing.assert_allclose(bag.predict_proba(X).sum(1), 1.0)


@pytest.mark.parametrize("cls", [BaggingClassifier, BaggingRegressor])
def test_oob_score_without_bootstrap_is_refused(cls, moons):
    """BaggingRegressor reported oob_score_ = 0.0 here, which reads as a real R^2 (issue 15 bug 3)."""
    X, y = moons
    with pytest.raises(ValueError, match="oob_score=True needs bootstrap=True"):
        cls(n_estimators=3, oob_score=True, bootstrap=False).fit(X, y)


@pytest.mark.parametrize("cls", [BaggingClassifier, BaggingRegressor])
def test_huge_n_estimators_names_its_bound(cls, moons):
    X, y = moons
    with pytest.raises(ValueError, match=r"n_estimators.*\[1, 10000\]"):
        cls(n_estimators=10**9).fit(X, y)
