r"""What AdaBoost records per round (what the playground draws), each checked against an independent
recomputation from the fitted learners: Z_t, d_t, the mistakes of f_t, the bound, the margins;
and the parameters a scikit-learn user types: learning_rate, feature_importances_.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import AdaBoostClassifier as SkAdaBoost
from sklearn.tree import DecisionTreeClassifier as SkTree
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor

from algorithms import (AdaBoostClassifier, DecisionTreeClassifier, DecisionTreeRegressor,
                        EngineMessage, LogisticRegression)


def moons(n=300, seed=0):
    return datasets.make_moons(n, noise=0.3, random_state=seed)


def class_index(ada, est, X):
    """f_t(x) as a class index, recomputed from the learner alone."""
    return np.asarray(est.predict(X)).astype(int)


@pytest.mark.parametrize("K", [2, 3])
@pytest.mark.parametrize("eta", [1.0, 0.4])
def test_per_round_records_match_a_recomputation(K, eta):
    if K == 2:
        X, y = moons()
    else:
        X, y = datasets.make_blobs(300, centers=3, cluster_std=2.5, random_state=0)
    ada = AdaBoostClassifier(n_estimators=20, learning_rate=eta).fit(X, y)
    T, n = ada.n_estimators_, len(y)
    assert T == 20
    y_enc = np.searchsorted(ada.classes_, y)
    U = ada.sample_weights_
    assert U.shape == ada.training_mistakes_.shape == (T, n)
    assert ada.training_mistakes_.dtype == bool
    np.testing.assert_allclose(ada.weight_sums_, U.sum(axis=1), rtol=1e-12)          # Z_t
    np.testing.assert_allclose(ada.estimator_factors_, np.exp(ada.estimator_weights_),
                               rtol=1e-12)                                           # d_t = e^alpha
    for t, f in enumerate(ada.estimators_):
        wrong = class_index(ada, f, X) != y_enc
        np.testing.assert_array_equal(ada.training_mistakes_[t], wrong)
        eps = U[t][wrong].sum() / U[t].sum()
        assert ada.estimator_errors_[t] == pytest.approx(eps, rel=1e-10)
        if K == 2:
            # the lecture's alpha_t = ln sqrt((1 - eps)/eps), shrunk by eta
            assert ada.estimator_weights_[t] == pytest.approx(eta * 0.5 * np.log((1 - eps) / eps))
        else:
            assert ada.estimator_weights_[t] == pytest.approx(
                eta * (np.log((1 - eps) / eps) + np.log(K - 1)))
        if t + 1 < T:
            ratio = U[t + 1] / U[t]
            d = ada.estimator_factors_[t]
            np.testing.assert_allclose(ratio[wrong], d if K > 2 else d, rtol=1e-10)
            np.testing.assert_allclose(ratio[~wrong], 1.0 if K > 2 else 1.0 / d, rtol=1e-10)


@pytest.mark.parametrize("eta", [1.0, 0.3, 1.7])
def test_error_bound_is_Z_over_Z1_and_bounds_the_training_error(eta):
    X, y = moons()
    u1 = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    ada = AdaBoostClassifier(n_estimators=30, learning_rate=eta).fit(X, y, sample_weight=u1)
    Z = ada.weight_sums_
    bound = ada.error_bound_
    np.testing.assert_allclose(bound[:-1], Z[1:] / Z[0], rtol=1e-9)   # Z_{t+1} / Z_1
    if eta == 1.0:
        eps = ada.estimator_errors_
        np.testing.assert_allclose(bound, np.cumprod(2 * np.sqrt(eps * (1 - eps))), rtol=1e-9)
    # Z_{T+1} / Z_1 = sum_n u_1 exp(-y g) / sum u_1 >= the weighted training error
    ys = np.where(y == ada.classes_[1], 1.0, -1.0)
    for t, g in enumerate(ada.staged_decision_function(X)):
        assert bound[t] == pytest.approx(np.sum(u1 * np.exp(-ys * g)) / u1.sum(), rel=1e-9)
        assert np.average(np.sign(g) != ys, weights=u1) <= bound[t] + 1e-12


def test_error_bound_is_none_for_samme():
    X, y = datasets.load_iris(return_X_y=True)
    ada = AdaBoostClassifier(n_estimators=5).fit(X, y)
    assert ada.error_bound_ is None


@pytest.mark.parametrize("K", [2, 3, 4])
def test_staged_margins_recomputed_from_the_votes(K):
    X, y = datasets.make_blobs(240, centers=K, cluster_std=3.0, random_state=K)
    Xt, yt = X[::2] + 0.1, y[::2]
    ada = AdaBoostClassifier(n_estimators=15).fit(X, y)
    M = list(ada.staged_margins(Xt, yt))
    assert len(M) == ada.n_estimators_
    votes = np.zeros((len(yt), K))      # g_{t,k} = sum alpha delta(f = k), from the learners
    total = 0.0
    for t, (f, a) in enumerate(zip(ada.estimators_, ada.estimator_weights_)):
        votes[np.arange(len(yt)), class_index(ada, f, Xt)] += a
        total += a
        others = np.where(np.eye(K, dtype=bool)[yt], -np.inf, votes)
        expected = (votes[np.arange(len(yt)), yt] - others.max(axis=1)) / total
        np.testing.assert_allclose(M[t], expected, atol=1e-12)
        assert np.all((M[t] >= -1 - 1e-12) & (M[t] <= 1 + 1e-12))
    # > 0 exactly where H_t is right (ties, margin 0, are not counted right)
    for m, pred in zip(M, ada.staged_predict(Xt)):
        np.testing.assert_array_equal(m > 0, (pred == yt) & (m != 0))
    # margins() is the same numbers as one array; unnormalized = times sum of alpha
    np.testing.assert_allclose(ada.margins(Xt, yt), np.array(M))
    np.testing.assert_allclose(ada.margins(Xt, yt, normalized=False),
                               np.array(M) * np.cumsum(ada.estimator_weights_)[:, None])


def test_binary_margin_is_the_lectures_y_g_over_sum_alpha():
    X, y = moons()
    y = np.where(y == 1, "pos", "neg")
    ada = AdaBoostClassifier(n_estimators=12).fit(X, y)
    ys = np.where(y == "pos", 1.0, -1.0)
    G = np.array(list(ada.staged_decision_function(X)))
    np.testing.assert_allclose(ada.margins(X, y), ys * G / np.cumsum(ada.estimator_weights_)[:, None],
                               atol=1e-12)


def test_margins_refuse_unknown_labels():
    X, y = moons()
    ada = AdaBoostClassifier(n_estimators=3).fit(X, y)
    with pytest.raises(ValueError, match="not trained on"):
        ada.margins(X, np.where(y == 1, 7, 0))


@pytest.mark.parametrize("eta", [0.5, 0.1])
def test_learning_rate_follows_sklearn(eta):
    """Binary: scikit-learn's SAMME alpha is twice ours but its update multiplies mistakes by the
    same (1 - eps)/eps ratio: the same stumps, the same eps_t, alpha_t = alpha_sk / 2, the same H.
    Wine (3 classes): the same alpha_t. Exact stumps, so the runs are deterministic alike."""
    X, y = datasets.load_breast_cancer(return_X_y=True)
    X = X.astype(np.float32).astype(np.float64)   # scikit-learn's trees split float32 values
    ours = AdaBoostClassifier(n_estimators=25, learning_rate=eta).fit(X, y)
    sk = SkAdaBoost(SkTree(max_depth=1), n_estimators=25, learning_rate=eta,
                    random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.estimator_errors_, sk.estimator_errors_, rtol=1e-6)
    np.testing.assert_allclose(2 * ours.estimator_weights_, sk.estimator_weights_, rtol=1e-6)
    np.testing.assert_array_equal(ours.predict(X), sk.predict(X))
    np.testing.assert_allclose(ours.feature_importances_, sk.feature_importances_, atol=1e-9)

    X, y = datasets.load_wine(return_X_y=True)
    X = X.astype(np.float32).astype(np.float64)
    ours = AdaBoostClassifier(n_estimators=25, learning_rate=eta).fit(X, y)
    sk = SkAdaBoost(SkTree(max_depth=1), n_estimators=25, learning_rate=eta,
                    random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.estimator_weights_, sk.estimator_weights_, rtol=1e-6)
    np.testing.assert_array_equal(ours.predict(X), sk.predict(X))
    np.testing.assert_allclose(ours.feature_importances_, sk.feature_importances_, atol=1e-9)


def test_feature_importances_are_alpha_weighted_and_named_when_missing():
    X, y = moons()
    ada = AdaBoostClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=10).fit(X, y)
    by_hand = sum(a * f.feature_importances_ for a, f in zip(ada.estimator_weights_,
                                                              ada.estimators_))
    np.testing.assert_allclose(ada.feature_importances_, by_hand / ada.estimator_weights_.sum())
    assert ada.feature_importances_.sum() == pytest.approx(1.0)
    lr = AdaBoostClassifier(LogisticRegression(), n_estimators=3).fit(X, y)
    with pytest.raises(AttributeError, match="LogisticRegression has none"):
        lr.feature_importances_
    with pytest.raises(AttributeError, match="not fitted"):
        AdaBoostClassifier().feature_importances_


def test_stop_reasons_are_structured_messages():
    X, y = datasets.make_blobs(100, centers=[[-3, 0], [3, 0]], cluster_std=0.5, random_state=0)
    r = AdaBoostClassifier(DecisionTreeClassifier(), n_estimators=10).fit(X, y).stop_reason_
    assert isinstance(r, EngineMessage)
    assert r == {"code": "perfect_fit", "round": 1, "epsilon": 0.0, "floor": 1e-10}
    assert r.round == 1 and str(r) == ("round 1: epsilon = 0, the learner classifies every "
                                       "training example correctly; boosting stopped (alpha from "
                                       "epsilon clipped to 1e-10).")
    import pickle
    assert pickle.loads(pickle.dumps(r)) == r


def test_regressor_and_oversized_T_are_refused_by_name():
    X, y = moons()
    with pytest.raises(ValueError, match="needs a classifier.*DecisionTreeRegressor is a regressor"):
        AdaBoostClassifier(estimator=DecisionTreeRegressor()).fit(X, y)
    with pytest.raises(ValueError, match="needs a classifier"):
        AdaBoostClassifier(estimator=SkTreeRegressor()).fit(X, y)
    with pytest.raises(ValueError, match=r"n_estimators.*\[1, 10000\]"):
        AdaBoostClassifier(n_estimators=10**9).fit(X, y)
    with pytest.raises(ValueError, match="learning_rate"):
        AdaBoostClassifier(learning_rate=0.0).fit(X, y)
    with pytest.raises(ValueError, match="min_samples_leaf"):
        AdaBoostClassifier(DecisionTreeClassifier(max_depth=1, min_samples_leaf=0)).fit(X, y)


def test_weights_leaving_one_class_are_refused():
    X = np.arange(6.0).reshape(-1, 1)
    y = np.array([0, 0, 0, 1, 1, 1])
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        AdaBoostClassifier().fit(X, y, sample_weight=[0, 0, 0, 1, 1, 1])
