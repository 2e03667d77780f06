"""Multiclass AdaBoost (SAMME) with stumps: exact stumps, scikit-learn's rounds, and why four blobs
make the test error alternate.

Four Gaussian blobs at 90 degrees (the playground's blobs with four classes): our SAMME must follow
scikit-learn's round by round. It did not while stumps were found on binned features (over 256
distinct values the thresholds were quantile edges): the early rounds then favoured other classes
and the error alternated 0.06 / 0.49 where scikit-learn's stayed at 0.05-0.07.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.ensemble import AdaBoostClassifier as SkAdaBoost
from sklearn.tree import DecisionTreeClassifier as SkTree

from algorithms import AdaBoostClassifier, DecisionTreeClassifier


def four_blobs(seed, n=1000, k=4, noise=0.25, test=0.3):
    """The playground's blobs (k centres on the unit circle, sd 0.15 + 0.45 noise) and its
    stratified 70/30 split, written out here so the engine's test stands alone."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(k), n // k)
    angle = 2 * np.pi * np.arange(k) / k + np.pi / 2
    X = np.c_[np.cos(angle), np.sin(angle)][y] + rng.normal(0.0, 0.15 + 0.45 * noise, (n, 2))
    rng = np.random.default_rng(seed)
    tests, trains = [], []
    for c in range(k):
        idx = rng.permutation(np.flatnonzero(y == c))
        m = int(math.floor(test * len(idx) + 0.5))
        tests.append(idx[:m])
        trains.append(idx[m:])
    te, tr = rng.permutation(np.concatenate(tests)), rng.permutation(np.concatenate(trains))
    return X[tr], X[te], y[tr], y[te]


def staged_test_error(model, X, y):
    return np.array([np.mean(p != y) for p in model.staged_predict(X)])


@pytest.mark.parametrize("seed", [0, 1, 3, 8])
def test_four_blobs_test_error_follows_sklearn_from_round_20(seed):
    """Within 2 points of scikit-learn's SAMME at every round from 20 to 100. On seeds 0, 1 and 8
    the binned stumps differed from scikit-learn's by 0.40-0.45 (seed 0, the playground's default:
    ours alternated 0.06 / 0.49, scikit-learn's stayed within 0.05-0.07); seed 3 settles in both."""
    Xa, Xb, ya, yb = four_blobs(seed)
    ours = staged_test_error(AdaBoostClassifier(n_estimators=100).fit(Xa, ya), Xb, yb)
    theirs = staged_test_error(SkAdaBoost(SkTree(max_depth=1), n_estimators=100,
                                          random_state=0).fit(Xa, ya), Xb, yb)
    assert len(ours) == len(theirs) == 100
    gap = np.abs(ours[19:] - theirs[19:])
    assert gap.max() <= 0.02, (int(gap.argmax()) + 20, ours[19:][gap.argmax()],
                               theirs[19:][gap.argmax()])


@pytest.mark.parametrize("seed", [1, 2])
def test_samme_stumps_fall_into_a_two_cycle_on_four_blobs(seed):
    """The alternation is SAMME's own: two stumps take turns with eps = 1/4 exactly and
    alpha = ln 9; each is at chance level (eps = 3/4) on the weights the other leaves, and the
    weights repeat every two rounds."""
    Xa, _, ya, _ = four_blobs(seed)
    ada = AdaBoostClassifier(n_estimators=60).fit(Xa, ya)
    eps, alpha = ada.estimator_errors_[-10:], ada.estimator_weights_[-10:]
    np.testing.assert_allclose(eps, 0.25, rtol=1e-6)
    np.testing.assert_allclose(alpha, np.log(9.0), rtol=1e-6)
    splits = [(int(e.tree_.feature[0]), float(e.tree_.threshold[0])) for e in ada.estimators_[-10:]]
    assert splits[0::2] == [splits[0]] * 5 and splits[1::2] == [splits[1]] * 5
    assert splits[0][0] != splits[1][0]          # one stump per axis
    U = ada.sample_weights_[-10:]
    U = U / U.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(U[2:], U[:-2], rtol=1e-6)
    # each stump names two of the four classes
    for e in ada.estimators_[-2:]:
        assert len({int(np.argmax(v)) for v in e.tree_.value[1:]}) == 2


def test_depth_two_trees_settle_on_four_blobs():
    """Trees of depth 2 can name all four classes: no cycle, and the test error stays low."""
    for seed in range(4):
        Xa, Xb, ya, yb = four_blobs(seed)
        err = staged_test_error(AdaBoostClassifier(DecisionTreeClassifier(max_depth=2),
                                                   n_estimators=100).fit(Xa, ya), Xb, yb)
        assert err[19:].max() <= 0.07, (seed, err[19:].max())


def test_default_stump_is_the_exact_weighted_best_stump():
    """Under arbitrary weights, with 700 distinct values per feature: the stump AdaBoost trains is
    scikit-learn's (same feature, same threshold, same leaves). Values are float32 so that
    scikit-learn's float32 thresholds are ours too."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(700, 3)).astype(np.float32).astype(np.float64)
    y = (X[:, 0] + 0.5 * X[:, 2] + rng.normal(0, 0.5, 700) > 0).astype(int)
    for seed in range(5):
        u = np.random.default_rng(seed).exponential(size=700)
        ada = AdaBoostClassifier(n_estimators=1).fit(X, y, sample_weight=u)
        ours = ada.estimators_[0].tree_
        sk = SkTree(max_depth=1).fit(X, y, sample_weight=u).tree_
        assert ours.feature[0] == sk.feature[0]
        assert ours.threshold[0] == pytest.approx(sk.threshold[0], abs=1e-6)
        np.testing.assert_allclose(ours.value[1:], sk.value[1:, 0], rtol=1e-9)
        np.testing.assert_allclose(ours.impurity, sk.impurity, rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(ours.n_node_samples, sk.n_node_samples)


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("K", [2, 3])
def test_stump_search_equals_the_tree_engine_on_few_distinct_values(criterion, K):
    """With <= 256 distinct values the tree engine is exact too: both give the same stump
    (the same tie rule included: integer data makes many exact ties)."""
    rng = np.random.default_rng(K)
    X = rng.integers(0, 12, (300, 3)).astype(float)
    y = (X[:, 0] + X[:, 1] + rng.integers(0, 6, 300)) % K
    for seed in range(4):
        u = np.random.default_rng(seed).integers(1, 4, 300).astype(float)
        template = DecisionTreeClassifier(max_depth=1, criterion=criterion, min_samples_leaf=3)
        f = AdaBoostClassifier(template, n_estimators=1).fit(X, y, sample_weight=u).estimators_[0]
        tree = DecisionTreeClassifier(max_depth=1, criterion=criterion,
                                      min_samples_leaf=3).fit(X, y, sample_weight=u)
        for name in ("feature", "threshold", "value", "impurity", "n_node_samples",
                     "weighted_n_node_samples"):
            np.testing.assert_allclose(getattr(f.tree_, name), getattr(tree.tree_, name),
                                       rtol=1e-12, err_msg=name)


def test_weight_cycle_is_recorded_where_the_weights_repeat():
    Xa, _, ya, _ = four_blobs(2)
    ada = AdaBoostClassifier(n_estimators=40).fit(Xa, ya)
    c = ada.weight_cycle_
    assert c["code"] == "weight_cycle" and c["period"] == 2
    shares = ada.sample_weights_ / ada.weight_sums_[:, None]
    t0 = c["round"] - 1
    np.testing.assert_allclose(shares[t0 + 2:], shares[t0:-2], rtol=1e-8, atol=1e-15)
    assert not np.allclose(shares[t0 + 1], shares[t0 - 1], rtol=1e-6)   # not one round earlier
    assert str(c).startswith(f"from round {c['round']} on, the weights u_t repeat every 2 rounds")
    from sklearn.datasets import make_moons
    X, y = make_moons(300, noise=0.3, random_state=0)
    assert AdaBoostClassifier(n_estimators=60).fit(X, y).weight_cycle_ is None
