"""Property tests (hypothesis): invariances every exact CART tree and ensemble must have."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from algorithms import (AdaBoostClassifier, BaggingClassifier, DecisionTreeClassifier,
                        DecisionTreeRegressor, RandomForestClassifier)

SETTINGS = settings(max_examples=25, deadline=None)


@st.composite
def labelled_data(draw, max_rows=40, max_features=3, max_classes=3):
    """Small data sets on a 0.25 grid (exact in binary, few distinct values: exact thresholds)."""
    n = draw(st.integers(4, max_rows))
    d = draw(st.integers(1, max_features))
    X = draw(hnp.arrays(np.int64, (n, d), elements=st.integers(-20, 20))).astype(float) * 0.25
    k = draw(st.integers(2, max_classes))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    # at least two classes present
    y[0], y[1] = 0, 1
    return X, y


@SETTINGS
@given(data=labelled_data(), seed=st.integers(0, 2**16), depth=st.sampled_from([1, 2, 3, None]),
       criterion=st.sampled_from(["gini", "entropy"]))
def test_row_permutation_leaves_exact_tree_unchanged(data, seed, depth, criterion):
    """Deterministic ties (lower feature, then lower threshold) and exact thresholds make the tree a
    function of the *set* of rows, not their order."""
    X, y = data
    perm = np.random.default_rng(seed).permutation(len(y))
    a = DecisionTreeClassifier(max_depth=depth, criterion=criterion).fit(X, y)
    b = DecisionTreeClassifier(max_depth=depth, criterion=criterion).fit(X[perm], y[perm])
    grid = np.vstack([X, X + 0.125])
    np.testing.assert_array_equal(a.predict(grid), b.predict(grid))
    np.testing.assert_allclose(a.predict_proba(grid), b.predict_proba(grid), atol=1e-12)
    assert a.tree_.node_count == b.tree_.node_count


@SETTINGS
@given(data=labelled_data(), seed=st.integers(0, 2**16), depth=st.sampled_from([1, 3, None]))
def test_row_permutation_regression_predictions_on_training_rows(data, seed, depth):
    """Integer targets keep every sum exact, so the regression tree too ignores row order."""
    X, y = data
    perm = np.random.default_rng(seed).permutation(len(y))
    yt = (y * 3 - X[:, 0] * 4).astype(float)
    a = DecisionTreeRegressor(max_depth=depth).fit(X, yt)
    b = DecisionTreeRegressor(max_depth=depth).fit(X[perm], yt[perm])
    np.testing.assert_allclose(a.predict(X), b.predict(X), rtol=1e-12, atol=1e-12)


@SETTINGS
@given(data=labelled_data(), scale=st.floats(0.01, 100.0), col=st.integers(0, 2),
       depth=st.sampled_from([1, 2, None]))
def test_positive_feature_scaling_does_not_change_predictions(data, scale, col, depth):
    X, y = data
    col = col % X.shape[1]
    Xs = X.copy()
    Xs[:, col] *= scale
    a = DecisionTreeClassifier(max_depth=depth).fit(X, y)
    b = DecisionTreeClassifier(max_depth=depth).fit(Xs, y)
    np.testing.assert_array_equal(a.predict(X), b.predict(Xs))
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(Xs), atol=1e-12)
    # thresholds scale with the feature
    t, u = a.tree_, b.tree_
    assert t.node_count == u.node_count
    on_col = t.feature == col
    np.testing.assert_allclose(u.threshold[on_col], t.threshold[on_col] * scale, rtol=1e-12)


@SETTINGS
@given(data=labelled_data(), scale=st.integers(-6, 6).map(lambda k: 2.0 ** k))
def test_scaling_all_features_keeps_ensembles(data, scale):
    """Scaling by a power of two is exact, so every threshold (halfway between two values of a
    node) scales exactly too: an out-of-bag point lying on a threshold stays on it."""
    X, y = data
    for make in (lambda: RandomForestClassifier(5, random_state=0),
                 lambda: AdaBoostClassifier(n_estimators=5, random_state=0)):
        a, err_a = _fit_or_chance_error(make(), X, y)
        b, err_b = _fit_or_chance_error(make(), X * scale, y)
        assert err_a == err_b      # a first learner at chance level is so at any scale
        if a is not None:
            np.testing.assert_array_equal(a.predict(X), b.predict(X * scale))


def _fit_or_chance_error(model, X, y):
    """AdaBoost refuses data on which its first learner is no better than chance (so does
    scikit-learn's); that refusal, and only it, is an allowed outcome here."""
    try:
        return model.fit(X, y), None
    except ValueError as exc:
        assert isinstance(model, AdaBoostClassifier) and "no better than chance" in str(exc)
        return None, str(exc)


@SETTINGS
@given(data=labelled_data(), depth=st.sampled_from([1, 2, None]), seed=st.integers(0, 100))
def test_predict_proba_rows_sum_to_one(data, depth, seed):
    X, y = data
    Xq = np.vstack([X, X * 1.5 - 0.3])
    models = [DecisionTreeClassifier(max_depth=depth, random_state=seed, max_features="sqrt"),
              BaggingClassifier(n_estimators=4, random_state=seed),
              RandomForestClassifier(4, max_depth=depth, random_state=seed),
              AdaBoostClassifier(n_estimators=4, random_state=seed)]
    for m in models:
        if _fit_or_chance_error(m, X, y)[0] is None:
            continue
        P = m.predict_proba(Xq)
        assert P.shape == (len(Xq), len(np.unique(y)))
        assert np.all(np.isfinite(P)) and np.all(P >= -1e-12) and np.all(P <= 1 + 1e-12)
        np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=1e-9)
        np.testing.assert_array_equal(m.classes_[P.argmax(1)], m.predict(Xq))


@SETTINGS
@given(data=labelled_data(max_rows=30))
def test_unlimited_tree_separates_distinct_rows(data):
    """A full tree fits every row whose X is not shared with a differently-labelled row."""
    X, y = data
    est = DecisionTreeClassifier().fit(X, y)
    _, inv = np.unique(X, axis=0, return_inverse=True)
    inv = inv.ravel()
    consistent = np.array([len(set(y[inv == inv[i]])) == 1 for i in range(len(y))])
    np.testing.assert_array_equal(est.predict(X)[consistent], y[consistent])
