"""Decision trees: parity with scikit-learn, the flat-array structure, thresholds, ties, weights.

References are independent of our code: scikit-learn's trees on the same data, impurities computed
here by brute force, and invariants of a CART tree.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier as SkTreeClf
from sklearn.tree import DecisionTreeRegressor as SkTreeReg

from algorithms import DecisionTreeClassifier, DecisionTreeRegressor
from algorithms._binning import Binner


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
def _impurity(y, w, criterion, n_classes=None):
    W = w.sum()
    if criterion == "squared_error":
        m = np.sum(w * y) / W
        return np.sum(w * (y - m) ** 2) / W
    p = np.bincount(y, weights=w, minlength=n_classes) / W
    if criterion == "gini":
        return 1.0 - np.sum(p ** 2)
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def assert_sklearn_splits_unique(sk, X, y, criterion, w=None, gap=1e-9):
    """Brute-force every candidate split at every internal node of scikit-learn's tree and check the
    best one is unique (by more than ``gap``) and is the one scikit-learn chose.

    When this holds, tie-breaking (random in scikit-learn, lower index in ours) cannot matter, so
    an exact CART tree of the same depth must be the same tree."""
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    t = sk.tree_
    path = sk.decision_path(X).tocsc()
    n_classes = None if criterion == "squared_error" else int(y.max()) + 1
    n_internal = 0
    for node in range(t.node_count):
        if t.children_left[node] == -1:
            continue
        n_internal += 1
        rows = path[:, node].nonzero()[0]
        Xn, yn, wn = X[rows], y[rows], w[rows]
        cands = []
        for j in range(X.shape[1]):
            v = np.unique(Xn[:, j])
            for a, b in zip(v[:-1], v[1:]):
                m = (a + b) / 2
                L = Xn[:, j] <= m
                cost = (wn[L].sum() * _impurity(yn[L], wn[L], criterion, n_classes)
                        + wn[~L].sum() * _impurity(yn[~L], wn[~L], criterion, n_classes))
                cands.append((cost, j, m))
        cands.sort()
        assert len(cands) == 1 or cands[1][0] - cands[0][0] > gap, (
            f"precondition: node {node} has tied best splits {cands[:2]}")
        assert (cands[0][1], cands[0][2]) == (t.feature[node], t.threshold[node])
        # scikit-learn takes midpoints of the values present at the node, we of the whole column:
        # they agree when the chosen split separates values adjacent in the whole column.
        v_all = np.unique(X[:, cands[0][1]])
        assert cands[0][2] in set(((v_all[:-1] + v_all[1:]) / 2).tolist()), "precondition"
    assert n_internal >= 3


def few_levels_classification(seed=0, n=300):
    """Three features with 5 integer levels each; 3 classes from a noisy linear score."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 5, (n, 3)).astype(float)
    score = X[:, 0] + 0.7 * X[:, 1] - 0.4 * X[:, 2] + rng.normal(0, 1.0, n)
    return X, np.digitize(score, [2.0, 4.0])


def few_levels_regression(seed=0, n=300):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 6, (n, 3)).astype(float)
    y = np.sin(X[:, 0]) + 0.3 * X[:, 1] - 0.1 * X[:, 2] ** 2 + rng.normal(0, 0.1, n)
    return X, y


def all_grid_points(levels, d):
    g = np.meshgrid(*[np.asarray(levels, float)] * d, indexing="ij")
    return np.column_stack([a.ravel() for a in g])


def internal_splits(tree_feature, tree_threshold, is_leaf):
    return sorted((int(f), float(t)) for f, t, leaf in zip(tree_feature, tree_threshold, is_leaf)
                  if not leaf)


def our_splits(est):
    t = est.tree_
    return internal_splits(t.feature, t.threshold, t.feature < 0)


def sk_splits(sk):
    t = sk.tree_
    return internal_splits(t.feature, t.threshold, t.children_left == -1)


# ------------------------------------------------------------------------------------------------
# parity with scikit-learn
# ------------------------------------------------------------------------------------------------
def _cv_score(make, X, y, classification, k=5):
    split = (StratifiedKFold if classification else KFold)(k, shuffle=True, random_state=0)
    return float(np.mean([make().fit(X[a], y[a]).score(X[b], y[b]) for a, b in split.split(X, y)]))


def _load(name):
    if name == "make_classification":
        return datasets.make_classification(3000, 10, n_informative=5, random_state=0)
    if name == "moons":
        return datasets.make_moons(2000, noise=0.3, random_state=0)
    if name == "make_regression":
        return datasets.make_regression(2000, 8, noise=10.0, random_state=0)
    loader = {"iris": datasets.load_iris, "wine": datasets.load_wine,
              "breast_cancer": datasets.load_breast_cancer, "diabetes": datasets.load_diabetes}[name]
    return loader(return_X_y=True)


@pytest.mark.parametrize("name, depth", [("make_classification", 8), ("moons", 6), ("iris", 3),
                                         ("wine", 4), ("breast_cancer", 4)])
def test_classifier_accuracy_parity_with_sklearn(name, depth):
    """5-fold CV accuracy within 1.5 points of scikit-learn's. scikit-learn's own accuracy moves with
    its random tie-breaking (up to ~1.3 points on iris), so we compare with the range it spans over
    three seeds, widened by 1.5 points."""
    X, y = _load(name)
    ours = _cv_score(lambda: DecisionTreeClassifier(max_depth=depth), X, y, True)
    theirs = [_cv_score(lambda: SkTreeClf(max_depth=depth, random_state=s), X, y, True)
              for s in range(3)]
    assert min(theirs) - 0.015 <= ours <= max(theirs) + 0.015, (ours, theirs)


@pytest.mark.parametrize("name, depth", [("diabetes", 3), ("make_regression", 8)])
def test_regressor_r2_parity_with_sklearn(name, depth):
    X, y = _load(name)
    ours = _cv_score(lambda: DecisionTreeRegressor(max_depth=depth), X, y, False)
    theirs = [_cv_score(lambda: SkTreeReg(max_depth=depth, random_state=s), X, y, False)
              for s in range(3)]
    assert min(theirs) - 0.015 <= ours <= max(theirs) + 0.015, (ours, theirs)


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("depth", [1, 2, 4])
def test_exact_tree_equals_sklearn_on_few_distinct_values(criterion, depth):
    """Features take 5 integer levels (<= 256 distinct values: exact midpoints). The data set
    (seed 0) is chosen so that at every node of scikit-learn's tree the best split is unique
    (checked below by brute force), hence our tree must make the same splits and predictions."""
    X, y = few_levels_classification(seed=0)
    sk = SkTreeClf(criterion=criterion, max_depth=depth, random_state=0).fit(X, y)
    if depth > 1:
        assert_sklearn_splits_unique(sk, X, y, criterion)
    ours = DecisionTreeClassifier(criterion=criterion, max_depth=depth).fit(X, y)
    assert our_splits(ours) == sk_splits(sk)
    grid = np.vstack([all_grid_points(np.arange(-1, 6) * 0.5, 3), X])  # includes unseen values
    np.testing.assert_array_equal(ours.predict(grid), sk.predict(grid))
    np.testing.assert_allclose(ours.predict_proba(grid), sk.predict_proba(grid), atol=1e-12)
    assert ours.get_depth() == sk.get_depth()
    assert ours.get_n_leaves() == sk.get_n_leaves()


@pytest.mark.parametrize("depth", [2, 4, 6])
def test_exact_regression_tree_equals_sklearn_on_few_distinct_values(depth):
    """Integer features (6 levels), continuous noisy target: tied squared-error gains are (checked)
    absent, so the trees must coincide."""
    X, y = few_levels_regression(seed=0)
    sk = SkTreeReg(max_depth=depth, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "squared_error")
    ours = DecisionTreeRegressor(max_depth=depth).fit(X, y)
    assert our_splits(ours) == sk_splits(sk)
    grid = all_grid_points(np.arange(-1, 7) * 0.75, 3)
    np.testing.assert_allclose(ours.predict(grid), sk.predict(grid), rtol=1e-10, atol=1e-10)


def test_weighted_exact_tree_equals_sklearn():
    X, y = few_levels_classification(seed=0)
    w = np.random.default_rng(1).uniform(0.2, 3.0, len(y))
    sk = SkTreeClf(max_depth=3, random_state=0).fit(X, y, sample_weight=w)
    assert_sklearn_splits_unique(sk, X, y, "gini", w=w)
    ours = DecisionTreeClassifier(max_depth=3).fit(X, y, sample_weight=w)
    assert our_splits(ours) == sk_splits(sk)
    grid = all_grid_points(np.arange(0, 5), 3)
    np.testing.assert_allclose(ours.predict_proba(grid), sk.predict_proba(grid), atol=1e-12)


def test_feature_importances_close_to_sklearn_on_clear_cut_data():
    """x0 drives y, x1 a little, x2 not at all: the importances are dominated by x0 and match
    scikit-learn's (same tree, unique splits)."""
    X, y = few_levels_classification(seed=0)
    sk = SkTreeClf(max_depth=3, random_state=0).fit(X, y)
    assert_sklearn_splits_unique(sk, X, y, "gini")
    ours = DecisionTreeClassifier(max_depth=3).fit(X, y)
    imp = ours.feature_importances_
    assert imp.shape == (3,)
    assert imp.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(imp >= 0)
    np.testing.assert_allclose(imp, sk.feature_importances_, atol=0.02)
    assert imp[0] > imp[1] > imp[2]

    Xr, yr = few_levels_regression(seed=0)
    skr = SkTreeReg(max_depth=3, random_state=0).fit(Xr, yr)
    oursr = DecisionTreeRegressor(max_depth=3).fit(Xr, yr)
    assert oursr.feature_importances_.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(oursr.feature_importances_, skr.feature_importances_, atol=0.02)


# ------------------------------------------------------------------------------------------------
# the flat-array structure
# ------------------------------------------------------------------------------------------------
def _depths(t):
    depth = np.zeros(t.node_count, dtype=int)
    for node in range(t.node_count):  # parents precede children in a valid layout (checked)
        if t.feature[node] >= 0:
            assert t.left[node] > node and t.right[node] > node
            depth[t.left[node]] = depth[t.right[node]] = depth[node] + 1
    return depth


@pytest.mark.parametrize("kind", ["clf_gini", "clf_entropy", "reg"])
@pytest.mark.parametrize("max_depth", [1, 3, 6, None])
def test_tree_structure_is_consistent(kind, max_depth):
    X, y = datasets.make_moons(400, noise=0.35, random_state=1)
    if kind == "reg":
        y = X[:, 0] * 2 + np.sin(3 * X[:, 1]) + np.random.default_rng(0).normal(0, 0.2, len(y))
        est = DecisionTreeRegressor(max_depth=max_depth).fit(X, y)
    else:
        est = DecisionTreeClassifier(criterion=kind[4:], max_depth=max_depth).fit(X, y)
    t = est.tree_
    n = t.node_count
    leaf = t.feature == -2
    inner = ~leaf
    for arr in (t.feature, t.threshold, t.left, t.right, t.impurity, t.n_node_samples,
                t.weighted_n_node_samples):
        assert len(arr) == n
    assert t.value.shape[0] == n
    # children adjacent, leaves marked, every non-root node has exactly one parent
    np.testing.assert_array_equal(t.right[inner], t.left[inner] + 1)
    assert np.all(t.left[leaf] == -1) and np.all(t.right[leaf] == -1)
    assert np.all(t.threshold[leaf] == -2.0) and np.all(t.feature[leaf] == -2)
    assert np.all(np.isfinite(t.threshold[inner]))
    assert np.all((t.feature[inner] >= 0) & (t.feature[inner] < X.shape[1]))
    children = np.concatenate([t.left[inner], t.right[inner]])
    np.testing.assert_array_equal(np.sort(children), np.arange(1, n))
    # counts add up
    assert t.n_node_samples[0] == len(y)
    assert t.weighted_n_node_samples[0] == pytest.approx(len(y))
    np.testing.assert_array_equal(t.n_node_samples[inner],
                                  t.n_node_samples[t.left[inner]] + t.n_node_samples[t.right[inner]])
    np.testing.assert_allclose(t.weighted_n_node_samples[inner],
                               t.weighted_n_node_samples[t.left[inner]]
                               + t.weighted_n_node_samples[t.right[inner]])
    # depth
    depth = _depths(t)
    assert est.get_depth() == depth.max() == t.max_depth
    if max_depth is not None:
        assert est.get_depth() <= max_depth
    assert est.get_n_leaves() == leaf.sum()
    # apply lands on leaves, and each leaf holds as many training rows as it says
    ids = est.apply(X)
    assert np.all(leaf[ids])
    np.testing.assert_array_equal(np.bincount(ids, minlength=n)[leaf], t.n_node_samples[leaf])
    # leaf values are the class fractions / target means of the rows in the leaf
    if kind == "reg":
        means = np.bincount(ids, weights=y, minlength=n)[leaf] / t.n_node_samples[leaf]
        np.testing.assert_allclose(t.value[leaf, 0], means, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(est.predict(X), t.value[ids, 0])
        var = [np.var(y[ids == node]) for node in np.flatnonzero(leaf)]
        np.testing.assert_allclose(t.impurity[leaf], var, rtol=1e-8, atol=1e-10)
    else:
        for node in np.flatnonzero(leaf):
            frac = np.bincount(y[ids == node], minlength=2) / np.sum(ids == node)
            np.testing.assert_allclose(t.value[node], frac, atol=1e-12)
        np.testing.assert_allclose(est.predict_proba(X), t.value[ids])
        pure = t.value[leaf].max(axis=1) == 1.0
        assert pure.any() or max_depth is not None
        np.testing.assert_array_equal(t.impurity[leaf][pure], 0.0)
        crit = kind[4:]
        assert t.impurity[0] == pytest.approx(_impurity(y, np.ones(len(y)), crit, 2), rel=1e-10)
        # impurity never increases on the (weighted) average from a parent to its children
        wl = t.weighted_n_node_samples
        child = (wl[t.left[inner]] * t.impurity[t.left[inner]]
                 + wl[t.right[inner]] * t.impurity[t.right[inner]])
        assert np.all(child <= wl[inner] * t.impurity[inner] + 1e-9)


def test_unlimited_tree_fits_training_data_exactly():
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    est = DecisionTreeClassifier().fit(X, y)
    assert est.score(X, y) == 1.0
    assert np.all(est.tree_.impurity[est.tree_.feature == -2] == 0)


def test_classes_and_string_labels():
    X, y = datasets.load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    est = DecisionTreeClassifier(max_depth=3).fit(X, names)
    np.testing.assert_array_equal(est.classes_, ["setosa", "versicolor", "virginica"])
    assert est.n_classes_ == 3 and est.n_features_in_ == 4
    ref = DecisionTreeClassifier(max_depth=3).fit(X, y)
    np.testing.assert_array_equal(est.predict(X), est.classes_[ref.predict(X)])
    proba = est.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(est.classes_[proba.argmax(axis=1)], est.predict(X))


def test_stump_is_depth_one():
    X, y = datasets.make_moons(200, noise=0.2, random_state=0)
    est = DecisionTreeClassifier(max_depth=1).fit(X, y)
    assert est.get_depth() == 1 and est.get_n_leaves() == 2 and est.tree_.node_count == 3


# ------------------------------------------------------------------------------------------------
# thresholds and binning
# ------------------------------------------------------------------------------------------------
def test_thresholds_are_midpoints_between_consecutive_distinct_values():
    """Values on a quarter grid (exact in binary): every threshold is exactly (a + b) / 2 for the
    consecutive distinct values a < b of that feature *among the node's rows* (scikit-learn's
    rule), so it is also halfway between two training values of the whole column."""
    rng = np.random.default_rng(3)
    X = np.column_stack([rng.integers(0, 200, 500) * 0.25, rng.integers(-30, 30, 500) * 1.5,
                         rng.choice([-7.0, 0.0, 2.5, 100.0], 500)])
    y = ((X[:, 0] > 20) ^ (X[:, 1] > 3) | (X[:, 2] > 1)).astype(int)
    y[rng.random(500) < 0.1] ^= 1
    for est in (DecisionTreeClassifier(max_depth=8).fit(X, y),
                DecisionTreeRegressor(max_depth=8).fit(X, X[:, 0] * X[:, 1] + X[:, 2])):
        t = est.tree_
        through = est.decision_path(X).toarray().astype(bool)
        inner = np.flatnonzero(t.feature >= 0)
        assert len(inner) >= 10
        for node in inner:
            v = X[through[:, node], t.feature[node]]
            a, b = v[v <= t.threshold[node]].max(), v[v > t.threshold[node]].min()
            assert t.threshold[node] == (a + b) / 2, (node, t.threshold[node], a, b)


def test_binner_exact_midpoints_and_codes():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.integers(0, 256, 2000) * 0.5,       # exactly 256 distinct values
                         rng.choice([1.0, 2.0, 4.0, 8.0], 2000),
                         np.full(2000, 3.0)])                      # constant
    b = Binner(max_bins=None).fit(X)
    codes = b.transform(X)
    assert codes.dtype == np.uint8 and codes.shape == X.shape
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        mids = (v[:-1] + v[1:]) / 2
        th = np.asarray(b.thresholds_[j])
        np.testing.assert_array_equal(th[th < v[-1]], mids)
        # each distinct value has its own bin, in order, and the bin rule holds
        c = codes[:, j]
        np.testing.assert_array_equal(c, np.searchsorted(v, X[:, j]))
        for value, code in zip(v, np.searchsorted(v, v)):
            assert (code == 0 or th[code - 1] < value) and (code >= len(th) or value <= th[code])


def test_binner_quantile_edges_for_many_distinct_values():
    rng = np.random.default_rng(1)
    X = np.column_stack([rng.normal(size=5000), rng.exponential(size=5000)])
    b = Binner(max_bins=255).fit(X)
    codes = b.transform(X)
    assert codes.dtype == np.uint8
    for j in range(2):
        th = np.asarray(b.thresholds_[j])
        assert 100 <= len(th) <= 254
        assert np.all(np.diff(th) > 0)
        order = np.argsort(X[:, j])
        assert np.all(np.diff(codes[order, j].astype(int)) >= 0)  # monotone
        c = codes[:, j].astype(int)
        inside = c < len(th)
        assert np.all(X[inside, j] <= th[c[inside]])
        assert np.all(X[c > 0, j] > th[c[c > 0] - 1])
        # quantile edges: the bins hold roughly equal counts
        counts = np.bincount(c, minlength=len(th) + 1)
        assert counts.max() <= 3 * len(X) / (len(th) + 1)


def test_binned_tree_splits_on_bin_edges():
    """``max_bins`` opts into histogram bins: thresholds are the binner's quantile edges."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(3000, 2))
    y = (X[:, 0] + 0.3 * rng.normal(size=3000) > 0.1).astype(int)
    est = DecisionTreeClassifier(max_depth=4, max_bins=255).fit(X, y)
    b = Binner(max_bins=255).fit(X)
    t = est.tree_
    for node in np.flatnonzero(t.feature >= 0):
        assert t.threshold[node] in set(np.asarray(b.thresholds_[t.feature[node]]).tolist())


@pytest.mark.parametrize("n", [2000, 20_000])
def test_fully_grown_tree_separates_every_distinct_value(n):
    """Issue 15 bug 5: one feature of n distinct values and random labels. A fully grown exact
    tree fits its training data perfectly, with as many leaves as scikit-learn's; with 255 bins
    it cannot (at most 255 leaves on one feature)."""
    rng = np.random.default_rng(0)
    X = rng.permutation(n).reshape(-1, 1) + rng.uniform(0, 0.5, (n, 1))
    y = rng.integers(0, 2, n)
    ours = DecisionTreeClassifier().fit(X, y)
    ref = SkTreeClf(random_state=0).fit(X, y)
    assert ours.score(X, y) == 1.0
    assert ours.get_n_leaves() == ref.get_n_leaves()
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    binned = DecisionTreeClassifier(max_bins=255).fit(X, y)
    assert binned.get_n_leaves() <= 255 and binned.score(X, y) < 0.8
    yr = np.sin(X[:, 0] / 50) + rng.normal(0, 0.1, n)
    reg = DecisionTreeRegressor().fit(X, yr)
    assert reg.score(X, yr) == 1.0
    assert reg.get_n_leaves() == n


# ------------------------------------------------------------------------------------------------
# deterministic ties
# ------------------------------------------------------------------------------------------------
def test_duplicated_feature_columns_lower_index_wins():
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    noise = np.random.default_rng(0).normal(size=(300, 1))
    # columns: noise, x0, x1, copy of x0, copy of x1
    Xd = np.hstack([noise, X, X])
    for seed in range(3):
        est = DecisionTreeClassifier(max_depth=6, random_state=seed).fit(Xd, y)
        used = set(est.tree_.feature[est.tree_.feature >= 0].tolist())
        assert not used & {3, 4}, used
        assert {1, 2} <= used
    reg = DecisionTreeRegressor(max_depth=5).fit(Xd, X[:, 0] + X[:, 1] ** 2)
    assert not set(reg.tree_.feature[reg.tree_.feature >= 0].tolist()) & {3, 4}
    # the same tree as on the original columns
    ref = DecisionTreeClassifier(max_depth=6).fit(Xd[:, :3], y)
    np.testing.assert_array_equal(DecisionTreeClassifier(max_depth=6).fit(Xd, y).predict(Xd),
                                  ref.predict(Xd[:, :3]))


def test_equal_gain_thresholds_lower_threshold_wins():
    """y = 0 1 1 0 on x = 0 1 2 3: x <= 0.5 and x <= 2.5 have the same gain; take 0.5."""
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    est = DecisionTreeClassifier(max_depth=1).fit(X, [0, 1, 1, 0])
    assert est.tree_.threshold[0] == 0.5
    reg = DecisionTreeRegressor(max_depth=1).fit(X, [0.0, 1.0, 1.0, 0.0])
    assert reg.tree_.threshold[0] == 0.5


# ------------------------------------------------------------------------------------------------
# sample_weight
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("max_depth", [2, 5, None])
def test_integer_weights_equal_repeated_rows(max_depth):
    X, y = few_levels_classification(seed=4, n=200)
    counts = np.random.default_rng(0).integers(1, 4, len(y))
    Xr, yr = np.repeat(X, counts, axis=0), np.repeat(y, counts)
    grid = all_grid_points(np.arange(0, 5), 3)
    a = DecisionTreeClassifier(max_depth=max_depth).fit(X, y, sample_weight=counts)
    b = DecisionTreeClassifier(max_depth=max_depth).fit(Xr, yr)
    assert our_splits(a) == our_splits(b)
    np.testing.assert_allclose(a.predict_proba(grid), b.predict_proba(grid), atol=1e-12)
    np.testing.assert_allclose(a.tree_.weighted_n_node_samples[0], len(yr))

    yc = X @ [1.0, -0.5, 0.25] + np.random.default_rng(1).normal(0, 0.3, len(y))
    ra = DecisionTreeRegressor(max_depth=max_depth).fit(X, yc, sample_weight=counts)
    rb = DecisionTreeRegressor(max_depth=max_depth).fit(Xr, np.repeat(yc, counts))
    np.testing.assert_allclose(ra.predict(grid), rb.predict(grid), rtol=1e-9, atol=1e-9)


def test_zero_weight_equals_row_removed():
    """Rows whose feature values all occur elsewhere too (so the candidate thresholds are the same)
    get weight 0: the tree must equal the one fit without them."""
    X, y = few_levels_classification(seed=5, n=400)
    rng = np.random.default_rng(0)
    w = np.ones(len(y))
    drop = rng.choice(len(y), 80, replace=False)
    keep = np.setdiff1d(np.arange(len(y)), drop)
    for j in range(3):
        assert set(X[keep, j]) == set(X[:, j])
    w[drop] = 0.0
    grid = all_grid_points(np.arange(0, 5), 3)
    for depth in (3, None):
        a = DecisionTreeClassifier(max_depth=depth).fit(X, y, sample_weight=w)
        b = DecisionTreeClassifier(max_depth=depth).fit(X[keep], y[keep])
        np.testing.assert_allclose(a.predict_proba(grid), b.predict_proba(grid), atol=1e-12)
        yc = X @ [1.0, -0.5, 0.25] + rng.normal(0, 0.3, len(y))
        ra = DecisionTreeRegressor(max_depth=depth).fit(X, yc, sample_weight=w)
        rb = DecisionTreeRegressor(max_depth=depth).fit(X[keep], yc[keep])
        np.testing.assert_allclose(ra.predict(grid), rb.predict(grid), rtol=1e-9, atol=1e-9)


def test_weights_change_the_tree():
    """Up-weighting one class moves predictions towards it (weights are not ignored)."""
    X, y = datasets.make_moons(300, noise=0.5, random_state=0)
    w = np.where(y == 1, 10.0, 1.0)
    plain = DecisionTreeClassifier(max_depth=3).fit(X, y)
    heavy = DecisionTreeClassifier(max_depth=3).fit(X, y, sample_weight=w)
    assert heavy.predict(X).mean() > plain.predict(X).mean() + 0.05


# ------------------------------------------------------------------------------------------------
# stopping rules and max_features
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("min_samples_leaf", [1, 5, 20])
def test_min_samples_leaf_respected(min_samples_leaf):
    X, y = datasets.make_moons(500, noise=0.3, random_state=0)
    for est in (DecisionTreeClassifier(min_samples_leaf=min_samples_leaf).fit(X, y),
                DecisionTreeRegressor(min_samples_leaf=min_samples_leaf).fit(X, X[:, 0] - X[:, 1])):
        t = est.tree_
        leaf = t.feature == -2
        assert t.n_node_samples[leaf].min() >= min_samples_leaf
        assert leaf.sum() > 5
        sk = (SkTreeClf if est._estimator_type == "classifier" else SkTreeReg)
        # with a leaf floor of 20 the tree is much smaller than without
        if min_samples_leaf == 20:
            assert leaf.sum() < sk(random_state=0).fit(X, y).get_n_leaves()


def test_min_samples_leaf_float_is_a_fraction():
    X, y = datasets.make_moons(500, noise=0.3, random_state=0)
    est = DecisionTreeClassifier(min_samples_leaf=0.05).fit(X, y)
    assert est.tree_.n_node_samples[est.tree_.feature == -2].min() >= 25


@pytest.mark.parametrize("min_samples_split", [2, 10, 50])
def test_min_samples_split_respected(min_samples_split):
    X, y = datasets.make_moons(500, noise=0.3, random_state=0)
    t = DecisionTreeClassifier(min_samples_split=min_samples_split).fit(X, y).tree_
    assert t.n_node_samples[t.feature >= 0].min() >= min_samples_split


@pytest.mark.parametrize("max_features, k", [(None, 8), (1.0, 8), ("sqrt", 2), ("log2", 3),
                                             (1, 1), (3, 3), (0.5, 4)])
def test_max_features_variants(max_features, k):
    X, y = datasets.make_classification(600, 8, n_informative=6, n_redundant=0, random_state=0)
    fits = [DecisionTreeClassifier(max_features=max_features, max_depth=6, random_state=s).fit(X, y)
            for s in (0, 0, 1)]
    np.testing.assert_array_equal(fits[0].predict(X), fits[1].predict(X))  # same seed, same tree
    assert our_splits(fits[0]) == our_splits(fits[1])
    if k < 8:
        # random subsets: another seed grows another tree
        assert our_splits(fits[0]) != our_splits(fits[2])
    else:
        assert our_splits(fits[0]) == our_splits(fits[2])
    assert fits[0].score(X, y) > 0.7
    assert fits[0].feature_importances_.sum() == pytest.approx(1.0)


def test_max_features_one_draws_a_feature_per_split():
    """One informative and one pure-noise feature, max_features=1: a per-tree subset would give a
    tree using only one of them; a fresh draw at every split uses both in the same tree."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 2))
    y = (X[:, 0] > 0).astype(int)
    y[rng.random(400) < 0.2] ^= 1
    for s in range(5):
        t = DecisionTreeClassifier(max_features=1, random_state=s).fit(X, y).tree_
        assert set(t.feature[t.feature >= 0].tolist()) == {0, 1}


def test_refit_clears_previous_results():
    X, y = datasets.load_iris(return_X_y=True)
    est = DecisionTreeClassifier(max_depth=2).fit(X, y)
    est.fit(X[:, :2], (y > 0).astype(int))
    assert est.n_features_in_ == 2 and len(est.classes_) == 2
    assert est.predict_proba(X[:, :2]).shape == (150, 2)


def test_fit_returns_self_and_params_roundtrip():
    est = DecisionTreeClassifier(max_depth=3, criterion="entropy")
    X, y = datasets.load_iris(return_X_y=True)
    assert est.fit(X, y) is est
    params = est.get_params()
    assert params["max_depth"] == 3 and params["criterion"] == "entropy"
    assert DecisionTreeRegressor().get_params()["criterion"] == "squared_error"


def test_zero_gain_split_is_still_made_when_it_helps_deeper():
    """XOR: every first split has zero impurity decrease, yet an unlimited tree (like CART in
    scikit-learn) must keep splitting and fit all four points."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    est = DecisionTreeClassifier().fit(X, y)
    np.testing.assert_array_equal(est.predict(X), y)
    assert est.get_depth() == 2 and est.tree_.feature[0] == 0  # lower feature index on the tie
    reg = DecisionTreeRegressor().fit(X, y.astype(float))
    np.testing.assert_array_equal(reg.predict(X), y)
