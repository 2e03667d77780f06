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
        Est(p=0).fit(X, y)
    with pytest.raises(ValueError, match="'metric' parameter"):
        Est(metric="mahalanobis").fit(X, y)
    with pytest.raises(ValueError, match="'algorithm' parameter"):
        Est(algorithm="lsh").fit(X, y)
    with pytest.raises(ValueError, match="metric_params may only hold 'p'"):
        Est(metric_params={"w": 1}).fit(X, y)
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


# --------------------------------------------------------------------------------------------------
# The tiled search (<= 2 features, >= 512 queries, >= 256 training points): a decision surface's
# grid. References: scikit-learn's brute force, and KD-tree, whose Euclidean distances are summed
# directly; brute Euclidean uses |q|^2 - 2 q.x + |x|^2, good to ~1e-8 only (5.96e-08 for a query on
# a training point), too coarse for the 1e-12 checks below.
# --------------------------------------------------------------------------------------------------
def _surface_problem(n_features=2, n_fit=400, seed=7):
    """Training points, labels, targets, and >= 512 queries: a 40 x 40 grid over (and beyond) the
    data, random points, exact copies of training points, repeated queries, far-away points."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_fit, n_features)) * np.array([2.0, 0.7][:n_features]) + 1.5
    y = (X[:, 0] + np.sin(3 * X[:, -1]) + rng.normal(0, 0.5, n_fit) > 1.5).astype(int)
    y[rng.random(n_fit) < 0.1] = 2                       # a third class, scattered
    target = np.sin(X[:, 0]) + X[:, -1] ** 2
    lo, hi = X.min(axis=0) - 1.0, X.max(axis=0) + 1.0
    axes = [np.linspace(lo[j], hi[j], 40 if n_features == 2 else 1600) for j in range(n_features)]
    grid = np.stack(np.meshgrid(*axes), axis=-1).reshape(-1, n_features)
    random = rng.uniform(lo - 2.0, hi + 2.0, (150, n_features))
    on_train = X[rng.choice(n_fit, 60, replace=False)]
    far = rng.choice([-1.0, 1.0], (30, n_features)) * rng.uniform(50, 1000, (30, n_features))
    Q = np.vstack([grid, random, on_train, far])
    Q = np.vstack([Q, Q[rng.choice(len(Q), 40, replace=False)]])   # repeated queries
    return X, y, target, Q


def _untied_rows(X, Q, k, p):
    """Rows whose k nearest training points are unambiguous: no two of the k + 1 nearest exact
    distances tie (so the indices themselves must agree with any exact method)."""
    diff = np.abs(Q[:, None, :] - X[None, :, :])
    D = np.sqrt((diff ** 2).sum(axis=2)) if p == 2 else diff.sum(axis=2)
    near = np.sort(D, axis=1)[:, :k + 1]
    gaps = np.diff(near, axis=1)
    return (gaps > 1e-9 * np.maximum(near[:, 1:], 1.0)).all(axis=1)


@pytest.fixture
def tiled_calls(monkeypatch):
    """Counts the calls of the tiled search, so each test can assert it really ran."""
    calls = []
    original = nb_module._NeighborsBase._tiled_kneighbors

    def spy(self, Q, k, ordered=True, *rest):
        calls.append(len(Q))
        return original(self, Q, k, ordered, *rest)

    monkeypatch.setattr(nb_module._NeighborsBase, "_tiled_kneighbors", spy)
    return calls


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("k", [1, 5, 16])
def test_tiled_kneighbors_match_sklearn(p, k, tiled_calls):
    X, y, _, Q = _surface_problem()
    assert len(Q) >= 512 and nb_module._use_tiles(Q.shape, len(X), k)
    d_ours, i_ours = KNeighborsClassifier(k, p=p).fit(X, y).kneighbors(Q)
    assert tiled_calls == [len(Q)]
    d_brute, i_brute = sk_nb.NearestNeighbors(n_neighbors=k, algorithm="brute", p=p).fit(X) \
        .kneighbors(Q)
    d_tree, _ = sk_nb.NearestNeighbors(n_neighbors=k, algorithm="kd_tree", p=p).fit(X) \
        .kneighbors(Q)
    np.testing.assert_allclose(d_ours, d_tree, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d_ours, d_brute, rtol=1e-12, atol=1e-12 if p == 1 else 1e-7)
    untied = _untied_rows(X, Q, k, p)
    assert untied.mean() > 0.95                      # the index check below is not vacuous
    np.testing.assert_array_equal(i_ours[untied], i_brute[untied])
    # tied rows: every index returned really is at the reported distance (exactly recomputed)
    diff = np.abs(X[i_ours] - Q[:, None, :])
    exact = np.sqrt((diff ** 2).sum(axis=2)) if p == 2 else diff.sum(axis=2)
    np.testing.assert_allclose(exact, d_ours, rtol=1e-12, atol=1e-12)
    assert np.all(np.diff(d_ours, axis=1) >= 0)      # nearest first


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_tiled_predictions_match_sklearn(p, weights, tiled_calls):
    X, y, target, Q = _surface_problem()
    untied = _untied_rows(X, Q, 7, p)
    clf = KNeighborsClassifier(7, weights=weights, p=p).fit(X, y)
    ref = sk_nb.KNeighborsClassifier(7, weights=weights, p=p, algorithm="kd_tree").fit(X, y)
    proba = clf.predict_proba(Q)
    np.testing.assert_allclose(proba[untied], ref.predict_proba(Q)[untied], atol=1e-12)
    np.testing.assert_array_equal(clf.predict(Q)[untied], ref.predict(Q)[untied])
    reg = KNeighborsRegressor(7, weights=weights, p=p).fit(X, target)
    ref_reg = sk_nb.KNeighborsRegressor(7, weights=weights, p=p, algorithm="kd_tree").fit(X, target)
    np.testing.assert_allclose(reg.predict(Q)[untied], ref_reg.predict(Q)[untied],
                               rtol=1e-12, atol=1e-12)
    # predict_proba, predict, the regressor's predict: each one tiled search of all queries
    assert tiled_calls == [len(Q)] * 3
    # a query on a training point takes that point's label (distance weights): exact matches
    on_train = np.flatnonzero((X[None, :, :] == Q[:, None, :]).all(axis=2).any(axis=1))
    assert on_train.size >= 60
    if weights == "distance":
        hit = np.argmax((X[None, :, :] == Q[on_train][:, None, :]).all(axis=2), axis=1)
        np.testing.assert_array_equal(clf.predict(Q[on_train]), y[hit])


@pytest.mark.parametrize("n_features", [1, 2])
@pytest.mark.parametrize("p", [1, 2])
def test_tiled_and_brute_paths_agree_exactly(n_features, p, tiled_calls, monkeypatch):
    X, y, target, Q = _surface_problem(n_features=n_features)
    for k in (1, 4, 9):
        clf = KNeighborsClassifier(k, weights="distance", p=p).fit(X, y)
        reg = KNeighborsRegressor(k, p=p).fit(X, target)
        tiled = (clf.kneighbors(Q), clf.predict_proba(Q), reg.predict(Q))
        assert len(tiled_calls) == 3
        # the same queries below the tiling threshold, a few hundred at a time: the brute path
        chunks = [Q[i:i + 300] for i in range(0, len(Q), 300)]
        assert not nb_module._use_tiles(chunks[0].shape, len(X), k)
        small = (
            tuple(np.concatenate(part) for part in zip(*(clf.kneighbors(c) for c in chunks))),
            np.concatenate([clf.predict_proba(c) for c in chunks]),
            np.concatenate([reg.predict(c) for c in chunks]),
        )
        assert len(tiled_calls) == 3
        # and the brute path forced on all queries at once
        with monkeypatch.context() as mp:
            mp.setattr(nb_module, "_use_tiles", lambda *args: False)
            brute = (clf.kneighbors(Q), clf.predict_proba(Q), reg.predict(Q))
        assert len(tiled_calls) == 3
        tiled_calls.clear()
        for other in (small, brute):
            np.testing.assert_array_equal(tiled[0][0], other[0][0])   # distances, bit for bit
            np.testing.assert_array_equal(tiled[0][1], other[0][1])   # indices
            np.testing.assert_array_equal(tiled[1], other[1])
            np.testing.assert_array_equal(tiled[2], other[2])


@pytest.mark.parametrize("p", [1, 2])
def test_tiled_ties_keep_the_lowest_training_index(p, tiled_calls):
    # 100 distinct points, each stored three times (indices i, i + 100, i + 200): copies are at
    # exactly equal distance from every query, so the k-th place is often a tie between copies.
    rng = np.random.default_rng(3)
    P = rng.uniform(-3, 3, (100, 2))
    X = np.vstack([P, P, P])
    y = np.repeat([0, 1, 2], 100)
    g = np.linspace(-4, 4, 30)
    Q = np.vstack([np.stack(np.meshgrid(g, g), -1).reshape(-1, 2), P[:40]])   # 940 queries
    diff = np.abs(Q[:, None, :] - P[None, :, :])
    D = np.sqrt((diff ** 2).sum(axis=2)) if p == 2 else diff.sum(axis=2)
    first, second = np.argsort(D, axis=1)[:, :2].T
    clear = np.take_along_axis(D, second[:, None], 1)[:, 0] > \
        np.take_along_axis(D, first[:, None], 1)[:, 0] * (1 + 1e-9) + 1e-12
    assert clear.mean() > 0.95
    model = KNeighborsClassifier(4, p=p).fit(X, y)
    dist, ind = model.kneighbors(Q)
    assert tiled_calls == [len(Q)]
    # all three copies of the nearest point (lowest index first), then the lowest-index copy of
    # the second nearest point: the k-th place is a three-way tie, won by index second
    expected = np.column_stack([first, first + 100, first + 200, second])
    np.testing.assert_array_equal(ind[clear], expected[clear])
    for k in (1, 2):
        np.testing.assert_array_equal(model.kneighbors(Q, n_neighbors=k)[1][clear],
                                      expected[clear][:, :k])
    assert np.all(dist[:, 0] == dist[:, 2])            # the copies' distances are identical
    # queries on a stored point: distance 0 three times, indices in training order
    np.testing.assert_array_equal(ind[-40:, :3], np.arange(40)[:, None] + [0, 100, 200])
    np.testing.assert_array_equal(dist[-40:, :3], 0.0)
    # uniform vote over the tied copies (labels 0, 1, 2 by copy): the chosen 4 decide
    proba = model.predict_proba(Q)
    want = np.zeros((len(Q), 3))
    np.add.at(want, (np.arange(len(Q))[:, None], y[expected]), 0.25)
    np.testing.assert_allclose(proba[clear], want[clear], atol=1e-15)
