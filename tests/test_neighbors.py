"""k-NN against scikit-learn (same neighbours, same predictions), hand-made cases and bad input."""

import numpy as np
import pytest
from sklearn import neighbors as sk_nb
from sklearn.datasets import load_iris, make_classification, make_regression

import algorithms.neighbors as nb_module
from algorithms import KNeighborsClassifier, KNeighborsRegressor
from algorithms._base import has_fit_parameter

_rng = np.random.default_rng(0)
CLF_DATA = {
    # Continuous features: no two distances tie, so "the k nearest" is unambiguous.
    "binary": make_classification(600, 6, random_state=0),
    "multiclass": make_classification(600, 10, n_informative=5, n_classes=4, random_state=1),
    "iris_jittered": (load_iris().data + _rng.normal(0, 1e-3, (150, 4)), load_iris().target),
}


def _split(X, y):
    return X[: 2 * len(y) // 3], X[2 * len(y) // 3:], y[: 2 * len(y) // 3], y[2 * len(y) // 3:]


@pytest.mark.parametrize("name", list(CLF_DATA))
@pytest.mark.parametrize("k", [1, 5, 15])
@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_classifier_matches_sklearn(name, k, p, weights):
    Xtr, Xte, ytr, _ = _split(*CLF_DATA[name])
    ours = KNeighborsClassifier(k, weights=weights, p=p).fit(Xtr, ytr)
    ref = sk_nb.KNeighborsClassifier(k, weights=weights, p=p).fit(Xtr, ytr)
    d_ours, i_ours = ours.kneighbors(Xte)
    d_ref, i_ref = ref.kneighbors(Xte)
    np.testing.assert_array_equal(i_ours, i_ref)
    np.testing.assert_allclose(d_ours, d_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-12)
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))


@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("p", [1, 2])
def test_regressor_matches_sklearn(weights, p):
    X, y = make_regression(500, 5, noise=2.0, random_state=3)
    Xtr, Xte, ytr, yte = _split(X, y)
    ours = KNeighborsRegressor(7, weights=weights, p=p).fit(Xtr, ytr)
    ref = sk_nb.KNeighborsRegressor(7, weights=weights, p=p).fit(Xtr, ytr)
    np.testing.assert_allclose(ours.predict(Xte), ref.predict(Xte), rtol=1e-12)
    assert ours.predict(Xte).shape == (len(yte),)
    assert ours.score(Xte, yte) == pytest.approx(ref.score(Xte, yte), abs=1e-12)


def test_training_set_neighbours_exclude_the_point_itself():
    X, y = CLF_DATA["binary"]
    ours = KNeighborsClassifier(4).fit(X, y)
    ref = sk_nb.KNeighborsClassifier(4).fit(X, y)
    d_ours, i_ours = ours.kneighbors()
    d_ref, i_ref = ref.kneighbors()
    np.testing.assert_array_equal(i_ours, i_ref)
    np.testing.assert_allclose(d_ours, d_ref, atol=1e-12)
    assert not np.any(i_ours == np.arange(len(y))[:, None])


def test_blocking_does_not_change_the_answer(monkeypatch):
    # Blocks of 7 query rows instead of thousands: the same neighbours in the same order.
    Xtr, Xte, ytr, _ = _split(*CLF_DATA["multiclass"])
    full = KNeighborsClassifier(6).fit(Xtr, ytr).kneighbors(Xte)
    for p in (1, 2):
        monkeypatch.setattr(nb_module, "_BLOCK_ELEMENTS", 7 * len(ytr) * Xtr.shape[1])
        small = KNeighborsClassifier(6, p=p).fit(Xtr, ytr).kneighbors(Xte)
        monkeypatch.undo()
        ref = KNeighborsClassifier(6, p=p).fit(Xtr, ytr).kneighbors(Xte)
        np.testing.assert_array_equal(small[1], ref[1])
        np.testing.assert_allclose(small[0], ref[0])
    assert full[1].shape == (len(Xte), 6)


def test_hand_computed_votes():
    # Points on a line at 0, 1, 3 (class a, b, b); query at 0.5 with k = 3:
    # uniform -> P(b) = 2/3; distance weights 1/0.5, 1/0.5, 1/2.5 -> P(a) = 2 / 4.4.
    X = np.array([[0.0], [1.0], [3.0]])
    y = np.array(["a", "b", "b"])
    uni = KNeighborsClassifier(3).fit(X, y)
    np.testing.assert_allclose(uni.predict_proba([[0.5]]), [[1 / 3, 2 / 3]])
    dist = KNeighborsClassifier(3, weights="distance").fit(X, y)
    np.testing.assert_allclose(dist.predict_proba([[0.5]]), [[2 / 4.4, 2.4 / 4.4]])
    # A query on a training point takes that point's label only.
    np.testing.assert_allclose(dist.predict_proba([[3.0]]), [[0.0, 1.0]])
    reg = KNeighborsRegressor(2, weights="distance").fit(X, [0.0, 10.0, 30.0])
    # Neighbours of 0.9: 1 (d = 0.1) and 0 (d = 0.9): (10/0.1 + 0/0.9) / (1/0.1 + 1/0.9) = 9.
    assert reg.predict([[0.9]])[0] == pytest.approx(9.0)


def test_string_labels_and_proba_rows():
    X, y = CLF_DATA["multiclass"]
    labels = np.array(["w", "x", "y", "z"])[y]
    m = KNeighborsClassifier(5).fit(X, labels)
    assert list(m.classes_) == ["w", "x", "y", "z"]
    np.testing.assert_allclose(m.predict_proba(X).sum(axis=1), 1.0)
    assert set(m.predict(X)) <= set(labels)


def test_no_sample_weight_in_fit():
    # Ensembles read this to fall back to re-sampling.
    assert not has_fit_parameter(KNeighborsClassifier(), "sample_weight")
    assert not has_fit_parameter(KNeighborsRegressor(), "sample_weight")


@pytest.mark.parametrize("Est", [KNeighborsClassifier, KNeighborsRegressor])
def test_bad_input(Est):
    X, y = CLF_DATA["binary"]
    with pytest.raises(ValueError, match="n_neighbors <= n_samples_fit"):
        Est(10).fit(X[:5], y[:5]).predict(X)
    with pytest.raises(ValueError, match="'n_neighbors' parameter"):
        Est(0).fit(X, y)
    with pytest.raises(ValueError, match="'weights' parameter"):
        Est(weights="gaussian").fit(X, y)
    with pytest.raises(ValueError, match="'p' parameter"):
        Est(p=3).fit(X, y)
    bad = X.copy()
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        Est().fit(bad, y)
    m = Est().fit(X, y)
    with pytest.raises(ValueError, match="X contains NaN"):
        m.predict(np.full((2, X.shape[1]), np.nan))
    with pytest.raises(ValueError, match="2 features, but .* expecting 6 features"):
        m.predict(X[:, :2])


def test_classifier_rejects_one_class():
    X, _ = CLF_DATA["binary"]
    with pytest.raises(ValueError, match="1 class"):
        KNeighborsClassifier().fit(X, np.ones(len(X)))
