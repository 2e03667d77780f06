"""k-NN's metrics and algorithm names against scikit-learn, and values near the float limits."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import neighbors as sk_nb
from sklearn.datasets import make_classification, make_regression

from algorithms import KNeighborsClassifier, KNeighborsRegressor

METRICS = [dict(metric="euclidean"), dict(metric="manhattan"), dict(metric="chebyshev"),
           dict(metric="minkowski", p=3), dict(metric="minkowski", p=1.5),
           dict(metric="minkowski", p=np.inf), dict(metric="cosine"),
           dict(metric="minkowski", metric_params={"p": 4})]


@pytest.mark.filterwarnings("ignore:Parameter p is found in metric_params")
@pytest.mark.parametrize("kw", METRICS, ids=lambda kw: str(kw))
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_metrics_match_sklearn(kw, weights):
    X, y = make_classification(500, 5, n_informative=3, n_classes=3, random_state=0)
    Xtr, Xte, ytr = X[:350], X[350:], y[:350]
    ours = KNeighborsClassifier(7, weights=weights, **kw).fit(Xtr, ytr)
    ref = sk_nb.KNeighborsClassifier(7, weights=weights, algorithm="brute", **kw).fit(Xtr, ytr)
    d_ours, i_ours = ours.kneighbors(Xte)
    d_ref, i_ref = ref.kneighbors(Xte)
    np.testing.assert_array_equal(i_ours, i_ref)
    np.testing.assert_allclose(d_ours, d_ref, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-9)
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
    assert ours.effective_metric_ == ref.effective_metric_
    assert ours.effective_metric_params_.get("p") == ref.effective_metric_params_.get("p")
    d_tr, i_tr = ours.kneighbors()                      # the training set, each point left out
    np.testing.assert_array_equal(i_tr, ref.kneighbors()[1])
    Xr, yr = make_regression(300, 4, noise=3.0, random_state=1)
    reg = KNeighborsRegressor(5, weights=weights, **kw).fit(Xr[:200], yr[:200])
    ref_reg = sk_nb.KNeighborsRegressor(5, weights=weights, **kw).fit(Xr[:200], yr[:200])
    np.testing.assert_allclose(reg.predict(Xr[200:]), ref_reg.predict(Xr[200:]), rtol=1e-9)


@pytest.mark.parametrize("algorithm", ["auto", "ball_tree", "kd_tree", "brute"])
def test_every_algorithm_name_finds_the_same_neighbours(algorithm):
    X, y = make_classification(400, 2, n_informative=2, n_redundant=0, random_state=2)
    g = np.linspace(-3, 3, 40)
    Q = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)     # a grid: the tiled search
    ours = KNeighborsClassifier(9, algorithm=algorithm, leaf_size=5, n_jobs=2).fit(X, y)
    ref = sk_nb.KNeighborsClassifier(9, algorithm=algorithm).fit(X, y)
    np.testing.assert_allclose(ours.kneighbors(Q)[0], ref.kneighbors(Q)[0], rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(ours.predict(Q), ref.predict(Q))


def test_huge_values_pick_the_right_neighbours():
    """|x| near 1e308: squares and differences would overflow; the issue's example gave class 1
    (or crashed reshaping) where the nearest point, at distance 0, is of class 0."""
    X = [[1e308], [-1e308], [1e308], [0.0]]
    y = [0, 1, 0, 1]
    for metric in ("euclidean", "manhattan", "chebyshev", "minkowski"):
        clf = KNeighborsClassifier(n_neighbors=1, metric=metric, p=3).fit(X, y)
        assert clf.predict([[1e308]]).tolist() == [0]
        assert clf.predict([[-9e307], [1e300]]).tolist() == [1, 1]
        dist, ind = clf.kneighbors([[1e308]], n_neighbors=3)
        assert ind.tolist() == [[0, 2, 3]] and dist[0, :2].tolist() == [0.0, 0.0]
        assert dist[0, 2] == pytest.approx(1e308)
        d_tr, i_tr = clf.kneighbors(n_neighbors=3)     # no crash, each point left out
        assert i_tr.shape == (4, 3) and not np.isnan(d_tr).any()
        assert np.isinf(d_tr[1, -1])                   # 2e308 is beyond float64: inf, not nan
    reg = KNeighborsRegressor(2, weights="distance").fit([[1e200, -1e200], [3e200, 1e200],
                                                          [-1e200, 0.0]], [1.0, 3.0, -1.0])
    assert np.isfinite(reg.predict([[1.5e200, -0.5e200]])).all()
    # tiny values: squares would underflow to 0 and tie everything
    tiny = KNeighborsClassifier(1).fit([[1e-200], [3e-200], [8e-200]], [0, 1, 2])
    assert tiny.predict([[2.9e-200], [7e-200]]).tolist() == [1, 2]
    # queries far beyond the training values (ranked in the queries' scale)
    far = KNeighborsClassifier(1).fit([[1e299], [-2e299]], [0, 1])
    assert far.predict([[1e300], [-1e300]]).tolist() == [0, 1]


def test_cosine_zero_vector_is_at_distance_one():
    X = np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    ours = KNeighborsClassifier(3, metric="cosine").fit(X, [0, 1, 2])
    ref = sk_nb.KNeighborsClassifier(3, metric="cosine", algorithm="brute").fit(X, [0, 1, 2])
    Q = np.array([[3.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(ours.kneighbors(Q)[0], ref.kneighbors(Q)[0], atol=1e-12)
