"""GaussianNB against scikit-learn, a hand computation, weights and bad input."""

import numpy as np
import pytest
from sklearn import naive_bayes as sk_nb
from sklearn.datasets import load_iris, load_wine, make_classification

from algorithms import GaussianNB
from algorithms._base import has_fit_parameter

DATA = {
    "binary": make_classification(500, 7, random_state=0),
    "iris": (load_iris().data, load_iris().target),
    "wine": (load_wine().data, load_wine().target),
}


@pytest.mark.parametrize("name", list(DATA))
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("var_smoothing", [1e-9, 1e-2])
def test_matches_sklearn(name, weighted, var_smoothing):
    X, y = DATA[name]
    u = np.random.default_rng(0).uniform(0.1, 3.0, len(y)) if weighted else None
    ours = GaussianNB(var_smoothing=var_smoothing).fit(X, y, sample_weight=u)
    ref = sk_nb.GaussianNB(var_smoothing=var_smoothing).fit(X, y, sample_weight=u)
    np.testing.assert_allclose(ours.theta_, ref.theta_, rtol=1e-10)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-9)
    np.testing.assert_allclose(ours.class_prior_, ref.class_prior_, rtol=1e-12)
    assert ours.epsilon_ == pytest.approx(ref.epsilon_, rel=1e-12)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-8)
    np.testing.assert_allclose(ours.predict_log_proba(X), ref.predict_log_proba(X),
                               rtol=1e-7, atol=1e-8)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_hand_computed_posterior():
    # Class a: x = 0, 2 (mean 1, var 1); class b: x = 4, 6, 8 (mean 6, var 8/3). var_smoothing = 0.
    X = np.array([[0.0], [2.0], [4.0], [6.0], [8.0]])
    y = np.array(["a", "a", "b", "b", "b"])
    m = GaussianNB(var_smoothing=0.0).fit(X, y)
    np.testing.assert_allclose(m.theta_.ravel(), [1.0, 6.0])
    np.testing.assert_allclose(m.var_.ravel(), [1.0, 8 / 3])
    x = 3.0
    pa = 0.4 * np.exp(-0.5 * (x - 1) ** 2 / 1.0) / np.sqrt(2 * np.pi * 1.0)
    pb = 0.6 * np.exp(-0.5 * (x - 6) ** 2 / (8 / 3)) / np.sqrt(2 * np.pi * 8 / 3)
    np.testing.assert_allclose(m.predict_proba([[x]]), [[pa / (pa + pb), pb / (pa + pb)]])


def test_integer_weights_equal_repeated_rows():
    # var_smoothing = 0: epsilon uses the *unweighted* variance of X, so it alone would differ.
    X, y = DATA["wine"]
    w = np.random.default_rng(1).integers(0, 4, len(y))
    w[[0, 70, 140]] = 1
    a = GaussianNB(var_smoothing=0.0).fit(X, y, sample_weight=w)
    b = GaussianNB(var_smoothing=0.0).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    np.testing.assert_allclose(a.theta_, b.theta_, rtol=1e-10)
    np.testing.assert_allclose(a.var_, b.var_, rtol=1e-9)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-10)
    assert has_fit_parameter(GaussianNB(), "sample_weight")


def test_priors_and_string_labels():
    X, y = DATA["iris"]
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    m = GaussianNB(priors=[0.2, 0.3, 0.5]).fit(X, labels)
    ref = sk_nb.GaussianNB(priors=[0.2, 0.3, 0.5]).fit(X, labels)
    np.testing.assert_allclose(m.predict_proba(X), ref.predict_proba(X), atol=1e-8)
    np.testing.assert_allclose(m.predict_proba(X).sum(axis=1), 1.0)
    assert list(m.predict(X[:3])) == list(ref.predict(X[:3]))


def test_bad_input():
    X, y = DATA["iris"]
    with pytest.raises(ValueError, match="sum of the priors"):
        GaussianNB(priors=[0.5, 0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="Number of priors"):
        GaussianNB(priors=[0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="'var_smoothing' parameter"):
        GaussianNB(var_smoothing=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="1 class"):
        GaussianNB().fit(X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="class"):
        GaussianNB().fit(X, y, sample_weight=(y != 0).astype(float))
    bad = X.copy()
    bad[5, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        GaussianNB().fit(bad, y)
    with pytest.raises(ValueError, match="1 features, but GaussianNB is expecting 4"):
        GaussianNB().fit(X, y).predict(X[:, :1])
