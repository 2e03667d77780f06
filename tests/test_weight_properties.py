"""Property tests (hypothesis) for sample weights in AdaBoost and the base learners: a row of weight
0 is a row removed, an integer weight is the row repeated, and a common factor on every weight
changes nothing. Where the fit is exact (AdaBoost's stumps, least squares, naive Bayes' statistics)
the answers must agree to rounding; the iterative solvers to their tolerance."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from algorithms import (AdaBoostClassifier, GaussianNB, LinearRegression, LogisticRegression,
                        Ridge)

SETTINGS = settings(max_examples=30, deadline=None)


@st.composite
def weighted_data(draw, max_rows=30, max_features=3, max_classes=3):
    n = draw(st.integers(6, max_rows))
    d = draw(st.integers(1, max_features))
    X = draw(hnp.arrays(np.int64, (n, d), elements=st.integers(-12, 12))).astype(float) * 0.5
    k = draw(st.integers(2, max_classes))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    y[:k] = np.arange(k)          # every class present
    w = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 3))).astype(float)
    w[:k] = np.maximum(w[:k], 1)  # every class keeps weight
    return X, y, w


def _same_ensemble(a, b, grid):
    """Equal votes g (to rounding), and equal predictions wherever the vote is not a tie (an exact
    tie of equal alphas is broken by the last bit of each sum)."""
    ga, gb = a.decision_function(grid), b.decision_function(grid)
    np.testing.assert_allclose(ga, gb, rtol=1e-9, atol=1e-9)
    if ga.ndim == 1:
        clear = np.abs(ga) > 1e-9
    else:
        top2 = np.sort(ga, axis=1)[:, -2:]
        clear = top2[:, 1] - top2[:, 0] > 1e-9
    np.testing.assert_array_equal(a.predict(grid)[clear], b.predict(grid)[clear])


def _ada(X, y, w):
    try:
        return AdaBoostClassifier(n_estimators=6).fit(X, y, sample_weight=w)
    except ValueError as exc:     # a first stump at chance level is refused, with or without rows
        assert "no better than chance" in str(exc)
        return None


@SETTINGS
@given(data=weighted_data())
def test_adaboost_zero_weight_rows_are_rows_removed(data):
    X, y, w = data
    keep = w > 0
    a, b = _ada(X, y, w), _ada(X[keep], y[keep], w[keep])
    assert (a is None) == (b is None)
    if a is None:
        return
    np.testing.assert_allclose(a.estimator_errors_, b.estimator_errors_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.estimator_weights_, b.estimator_weights_, rtol=1e-9)
    _same_ensemble(a, b, np.vstack([X, X + 0.25]))
    np.testing.assert_allclose(a.sample_weights_[:, keep], b.sample_weights_, rtol=1e-9)
    assert np.all(a.sample_weights_[:, ~keep] == 0)


@SETTINGS
@given(data=weighted_data())
def test_adaboost_integer_weights_are_repeated_rows(data):
    X, y, w = data
    keep = w > 0
    reps = w.astype(int)
    a, b = _ada(X, y, w), _ada(np.repeat(X, reps, axis=0), np.repeat(y, reps), None)
    assert (a is None) == (b is None)
    if a is None:
        return
    np.testing.assert_allclose(a.estimator_errors_, b.estimator_errors_, rtol=1e-9, atol=1e-12)
    _same_ensemble(a, b, np.vstack([X, X - 0.25]))
    np.testing.assert_allclose(a.error_bound_ if a.n_classes_ == 2 else 0,
                               b.error_bound_ if b.n_classes_ == 2 else 0, rtol=1e-9)
    assert keep.any()


@SETTINGS
@given(data=weighted_data(), scale=st.sampled_from([1e-3, 0.5, 7.0, 1e4]))
def test_a_common_factor_on_the_weights_changes_nothing(data, scale):
    X, y, w = data
    a, b = _ada(X, y, w), _ada(X, y, w * scale)
    if a is not None:
        np.testing.assert_allclose(a.estimator_weights_, b.estimator_weights_, rtol=1e-9)
        np.testing.assert_allclose(a.error_bound_ if a.n_classes_ == 2 else 0,
                                   b.error_bound_ if b.n_classes_ == 2 else 0, rtol=1e-9)
    # (not so for penalised models: there, as in scikit-learn, the weights scale the loss
    # against the penalty, i.e. C)
    p, q = GaussianNB().fit(X, y, sample_weight=w), GaussianNB().fit(X, y, sample_weight=w * scale)
    np.testing.assert_allclose(p.theta_, q.theta_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(p.var_, q.var_, rtol=1e-9)
    np.testing.assert_allclose(p.class_prior_, q.class_prior_, rtol=1e-12)
    # (probabilities on the weighted rows only: a class whose rows share a value has variance
    # epsilon ~ 1e-9, whose likelihood far away magnifies the last bit of theta a million-fold)
    np.testing.assert_allclose(p.predict_proba(X[w > 0]), q.predict_proba(X[w > 0]), atol=1e-6)
    keep = w > 0
    if np.linalg.matrix_rank(np.c_[X[keep], np.ones(keep.sum())]) == X.shape[1] + 1:
        t = y + 0.5 * X[:, 0]      # (a unique least-squares fit: the weighted rows have full rank)
        p, q = LinearRegression().fit(X, t, sample_weight=w), \
            LinearRegression().fit(X, t, sample_weight=w * scale)
        np.testing.assert_allclose(p.predict(X), q.predict(X), rtol=1e-7, atol=1e-7)


@SETTINGS
@given(data=weighted_data(max_classes=2), alpha=st.sampled_from([0.0, 0.3, 3.0]))
def test_least_squares_weights_are_removed_or_repeated_rows(data, alpha):
    X, y, w = data
    t = (y * 2.0 - X[:, 0] + 0.25 * X.sum(axis=1))
    keep = w > 0
    reps = w.astype(int)
    assume(np.linalg.matrix_rank(np.c_[X[keep], np.ones(keep.sum())]) == X.shape[1] + 1)
    for make in (LinearRegression, lambda: Ridge(alpha=alpha)):
        a = make().fit(X, t, sample_weight=w)
        b = make().fit(X[keep], t[keep], sample_weight=w[keep])
        c = make().fit(np.repeat(X, reps, axis=0), np.repeat(t, reps))
        for other in (b, c):
            np.testing.assert_allclose(a.coef_, other.coef_, rtol=1e-7, atol=1e-9)
            np.testing.assert_allclose(a.intercept_, other.intercept_, rtol=1e-7, atol=1e-9)


@SETTINGS
@given(data=weighted_data())
def test_logistic_and_naive_bayes_weights_are_repeated_rows(data):
    X, y, w = data
    reps = w.astype(int)
    Xr, yr = np.repeat(X, reps, axis=0), np.repeat(y, reps)
    a = LogisticRegression(tol=1e-8).fit(X, y, sample_weight=w)
    b = LogisticRegression(tol=1e-8).fit(Xr, yr)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-6)
    # naive Bayes: the class statistics are exact; only epsilon (scikit-learn's: from the
    # unweighted variance of X) sees the rows themselves, so compare them without it
    p, q = GaussianNB().fit(X, y, sample_weight=w), GaussianNB().fit(Xr, yr)
    np.testing.assert_allclose(p.theta_, q.theta_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(p.var_ - p.epsilon_, q.var_ - q.epsilon_, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(p.class_prior_, q.class_prior_, rtol=1e-12)
