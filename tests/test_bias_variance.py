"""algorithms.bias_variance: the decompositions add up exactly (by hand on small cases, on random
predictions, against Monte Carlo draws of the noise), the staged predictions are the fitted
estimators' own, and the Bayes posterior of a clean-shape-plus-Gaussian generator is right."""

from __future__ import annotations

import re

import numpy as np
import pytest

import algorithms as A
from algorithms import bias_variance as bv


def sine_sets(n_sets=6, n=40, sd=0.3, seed=0):
    def sample(s):
        rng = np.random.default_rng(s)
        x = rng.uniform(-1, 1, n)
        return x[:, None], np.sin(2 * np.pi * x) + rng.normal(0, sd, n)
    return bv.draw_training_sets(sample, n_sets, random_state=seed)


# ---- squared loss ------------------------------------------------------------------------

def test_squared_loss_by_hand():
    # two training sets, two test points: ŷ = (1, 2) and (3, 0); f = (1, 1); σ² = 0.25
    d = bv.squared_loss_decomposition([[1.0, 2.0], [3.0, 0.0]], [1.0, 1.0], 0.25)
    assert d.main.tolist() == [2.0, 1.0]                  # ȳ
    assert d.bias2.tolist() == [1.0, 0.0]                 # (ȳ − f)²
    assert d.variance.tolist() == [1.0, 1.0]              # ((1−2)² + (3−2)²)/2, ((2−1)² + (0−1)²)/2
    assert d.error.tolist() == [2.25, 1.25]               # 0.25 + (0² + 2²)/2, 0.25 + (1² + 1²)/2
    assert (d.mean("bias2"), d.mean("variance"), d.mean("noise"), d.mean("error")) == \
        (0.5, 1.0, 0.25, 1.75)


def test_squared_loss_parts_sum_to_the_error_at_every_stage_and_point():
    rng = np.random.default_rng(1)
    P = rng.normal(size=(30, 7, 50)) * rng.uniform(0.1, 3, 50)  # (S, T, m)
    f = rng.normal(size=50)
    noise = rng.uniform(0, 0.5, 50)  # a noise level per test point
    w = rng.uniform(0, 1, 50)
    d = bv.squared_loss_decomposition(P, f, noise, weights=w)
    np.testing.assert_allclose(d.noise + d.bias2 + d.variance, d.error, rtol=1e-12, atol=1e-12)
    total = d.mean("noise") + d.mean("bias2") + d.mean("variance")
    np.testing.assert_allclose(total, d.mean("error"), rtol=1e-12)
    assert d.mean("error").shape == (7,)
    np.testing.assert_allclose(d.mean("noise"), np.average(noise, weights=w))


def test_expected_error_matches_monte_carlo_draws_of_the_noise():
    """error = E_{D,ε}[(f + ε − ŷ_D)²], estimated here by drawing ε: the cross term vanishes."""
    rng = np.random.default_rng(2)
    P = rng.normal(size=(20, 5))
    f, sd = rng.normal(size=5), 0.7
    d = bv.squared_loss_decomposition(P, f, sd ** 2)
    eps = rng.normal(0, sd, size=(200_000, 1, 1))
    mc = ((f + eps - P[None]) ** 2).mean(axis=(0, 1))
    np.testing.assert_allclose(mc, d.error, rtol=0.01)


def test_staged_predictions_are_the_fitted_estimators_own():
    sets = sine_sets()
    X_test = np.linspace(-1, 1, 25)[:, None]
    P = bv.staged_predictions(A.DecisionTreeRegressor(), sets, X_test)
    assert P.shape == (6, 1, 25)
    for s, (X, y) in enumerate(sets):  # a deterministic learner: one fit per set, no seed
        np.testing.assert_array_equal(P[s, 0], A.DecisionTreeRegressor().fit(X, y).predict(X_test))
    gb = A.GradientBoostingRegressor(n_estimators=8, max_depth=1, learning_rate=0.5)
    P = bv.staged_predictions(gb, sets, X_test)
    assert P.shape == (6, 8, 25)
    for s, (X, y) in enumerate(sets):
        fitted = A.GradientBoostingRegressor(n_estimators=8, max_depth=1,
                                             learning_rate=0.5).fit(X, y)
        np.testing.assert_allclose(P[s], np.stack(list(fitted.staged_predict(X_test))))
        np.testing.assert_allclose(P[s, -1], fitted.predict(X_test))


def test_each_training_set_gets_its_own_randomness():
    sets = sine_sets()
    X_test = np.linspace(-1, 1, 25)[:, None]
    same = [sets[0]] * 4  # four copies of one set: only the bootstrap draws differ
    P = bv.staged_predictions(A.BaggingRegressor(n_estimators=3), same, X_test, random_state=0)
    assert not np.allclose(P[0], P[1])
    again = bv.staged_predictions(A.BaggingRegressor(n_estimators=3), same, X_test,
                                  random_state=0)
    np.testing.assert_array_equal(P, again)  # reproducible from random_state


def test_with_one_feature_a_forest_grows_baggings_trees():
    """What the page says of 1-D regression: same seeds, same predictions, stage by stage."""
    sets = sine_sets()
    X_test = np.linspace(-1, 1, 25)[:, None]
    forest = bv.staged_predictions(A.RandomForestRegressor(n_estimators=6), sets, X_test,
                                   random_state=4)
    bagging = bv.staged_predictions(A.BaggingRegressor(A.DecisionTreeRegressor(),
                                                       n_estimators=6), sets, X_test,
                                    random_state=4)
    np.testing.assert_array_equal(forest, bagging)


# ---- 0-1 loss (Domingos 2000) -----------------------------------------------------------

HAND = np.array([[0, 1, 0], [0, 1, 1], [0, 1, 0], [1, 0, 1]])  # 4 training sets x 3 points
HAND_STAR = np.array([0, 0, 1])


def test_zero_one_decomposition_by_hand():
    d = bv.zero_one_decomposition(HAND, HAND_STAR, 2)
    # point 1: votes (3/4, 1/4) for class 0 = y*: unbiased, V = 1/4, loss 1/4
    # point 2: votes (1/4, 3/4): main 1 ≠ y* = 0: biased, V = 1/4, net −P(ŷ = y*) = −1/4, loss 3/4
    # point 3: a 2-2 tie goes to class 0 ≠ y* = 1: biased, V = 1/2, net −1/2, loss 1/2
    assert d.main.tolist() == [0, 1, 0]
    assert d.bias.tolist() == [0, 1, 1]
    assert d.variance.tolist() == [0.25, 0.25, 0.5]
    assert d.net_variance.tolist() == [0.25, -0.25, -0.5]
    assert d.loss.tolist() == [0.25, 0.75, 0.5]
    assert d.noise.tolist() == [0, 0, 0]  # no posterior: labels are y* itself
    assert d.mean("unbiased_variance") == pytest.approx(0.25 / 3)
    assert d.mean("biased_variance") == pytest.approx(0.75 / 3)
    assert d.mean("net_variance") == pytest.approx(0.25 / 3 - 0.75 / 3)
    # two classes: Domingos's biased variance is E[B V]
    assert d.mean("biased_variance") == pytest.approx(np.mean(d.bias * d.variance))


def test_zero_one_noise_term_by_hand():
    # point 1 with P(t = y*) = 0.9: N = 0.1; c₁ = 2 P(ŷ = y*) − 1 = 0.5 (two classes)
    posterior = np.array([[0.9, 0.1], [0.6, 0.4], [0.2, 0.8]])
    d = bv.zero_one_decomposition(HAND, HAND_STAR, 2, posterior=posterior)
    # E[L] = P(ŷ = 0)·0.1 + P(ŷ = 1)·0.9 = 0.75·0.1 + 0.25·0.9 = 0.3
    assert d.loss[0] == pytest.approx(0.3)
    assert d.noise[0] == pytest.approx(0.5 * 0.1)
    q_star = np.array([0.75, 0.25, 0.5])
    np.testing.assert_allclose(d.noise, (2 * q_star - 1) * (1 - posterior.max(axis=1)))
    np.testing.assert_allclose(d.noise + d.bias + d.net_variance, d.loss, atol=1e-15)


@pytest.mark.parametrize("K", [2, 3, 5])
def test_zero_one_parts_sum_to_the_loss_for_any_number_of_classes(K):
    rng = np.random.default_rng(K)
    S, T, m = 25, 4, 60
    # learners that mostly agree, so that every kind of point occurs
    base = rng.integers(0, K, size=m)
    P = np.where(rng.uniform(size=(S, T, m)) < 0.7, base, rng.integers(0, K, size=(S, T, m)))
    posterior = rng.dirichlet(np.ones(K) * 0.7, size=m)
    y_star = posterior.argmax(axis=1)
    w = rng.uniform(size=m)
    d = bv.zero_one_decomposition(P, y_star, K, posterior=posterior, weights=w)
    np.testing.assert_allclose(d.noise + d.bias + d.net_variance, d.loss, atol=1e-14)
    np.testing.assert_allclose(d.mean("noise") + d.mean("bias") + d.mean("unbiased_variance") -
                               d.mean("biased_variance"), d.mean("loss"), atol=1e-14)
    # the expected loss against labels drawn from the posterior, by drawing them
    t = (rng.uniform(size=(4000, m, 1)) > posterior.cumsum(axis=1)[None]).sum(axis=2)
    mc = (P[:, :, None, :] != t[None, None]).mean(axis=(0, 2))
    np.testing.assert_allclose(mc, d.loss, atol=0.02)
    assert d.bias.min() == 0 and d.bias.max() == 1  # both kinds of point were there
    assert d.votes.shape == (T, m, K)
    np.testing.assert_allclose(d.votes.sum(axis=-1), 1.0)


def test_zero_one_on_fitted_classifiers_sums_exactly():
    rng = np.random.default_rng(3)

    def sample(s):
        g = np.random.default_rng(s)
        X = g.normal(size=(60, 2))
        return X, (X[:, 0] + 0.5 * g.normal(size=60) > 0).astype(int)
    sets = bv.draw_training_sets(sample, 8, random_state=rng)
    X_test = rng.normal(size=(40, 2))
    y_star = (X_test[:, 0] > 0).astype(int)
    P = bv.staged_predictions(A.BaggingClassifier(n_estimators=5), sets, X_test,
                              classes=np.array([0, 1]), random_state=0)
    assert P.shape == (8, 5, 40) and P.dtype == np.int16
    d = bv.zero_one_decomposition(P, y_star, 2)
    np.testing.assert_allclose(d.bias + d.net_variance, d.loss, atol=1e-15)
    assert d.mean("loss").shape == (5,)


# ---- the Bayes posterior ----------------------------------------------------------------

def test_posterior_of_point_blobs_is_the_gaussian_softmax():
    rng = np.random.default_rng(4)
    centres = rng.normal(size=(3, 2))
    X = rng.normal(size=(50, 2)) * 2
    sigma = 0.8
    p = bv.gaussian_noise_posterior(X, [c[None] for c in centres], sigma)
    logits = -((X[:, None, :] - centres[None]) ** 2).sum(-1) / (2 * sigma ** 2)
    expect = np.exp(logits - logits.max(1, keepdims=True))
    np.testing.assert_allclose(p, expect / expect.sum(1, keepdims=True), rtol=1e-10)


def test_posterior_with_priors_tiny_and_zero_sigma():
    X = np.array([[-0.3, 0.0], [0.2, 0.0], [0.0, 0.0]])
    clean = [np.array([[-1.0, 0.0]]), np.array([[1.0, 0.0]])]
    p = bv.gaussian_noise_posterior(X, clean, 1.0, priors=[0.75, 0.25])
    # at x = 0 the likelihoods are equal: the posterior is the prior
    np.testing.assert_allclose(p[2], [0.75, 0.25])
    tiny = bv.gaussian_noise_posterior(X, clean, 1e-3)  # no overflow: log-sum-exp
    assert np.isfinite(tiny).all() and tiny.argmax(1)[:2].tolist() == [0, 1]
    np.testing.assert_array_equal(bv.gaussian_noise_posterior(X[:2], clean, 0.0),
                                  [[1.0, 0.0], [0.0, 1.0]])  # σ = 0: the nearest clean point


# ---- bad input is named -----------------------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: bv.draw_training_sets(lambda s: (np.zeros((3, 1)), np.zeros(3)), 1), "at least 2"),
    (lambda: bv.draw_training_sets(lambda s: (np.zeros(3), np.zeros(3)), 3), "shape (n, d)"),
    (lambda: bv.draw_training_sets(lambda s: (np.full((3, 1), np.nan), np.zeros(3)), 3),
     "NaN"),
    (lambda: bv.squared_loss_decomposition([[1.0, 2.0]], [0.0, 0.0]), "S >= 2"),
    (lambda: bv.squared_loss_decomposition([[1.0], [2.0]], [0.0, 0.0]), "truth at the 1"),
    (lambda: bv.squared_loss_decomposition([[1.0], [2.0]], [0.0], -1.0), "non-negative"),
    (lambda: bv.squared_loss_decomposition([[1.0], [2.0]], [0.0], weights=[-1.0]),
     "non-negative"),
    (lambda: bv.zero_one_decomposition([[0.5], [1.0]], [0], 2), "class indices"),
    (lambda: bv.zero_one_decomposition([[0], [2]], [0], 2), "0..1"),
    (lambda: bv.zero_one_decomposition([[0], [1]], [0], 2, posterior=[[0.5, 0.6]]),
     "summing to 1"),
    (lambda: bv.gaussian_noise_posterior(np.zeros((1, 2)), [np.zeros((1, 2))], 1.0),
     "two classes"),
    (lambda: bv.gaussian_noise_posterior(np.zeros((1, 2)), [np.zeros((1, 2))] * 2, -1.0),
     "sigma"),
])
def test_bad_input_raises_a_value_error_that_names_it(call, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        call()


def test_early_stopping_that_changes_the_number_of_stages_is_named():
    sets = sine_sets(n_sets=6, n=60)
    gb = A.GradientBoostingRegressor(n_estimators=200, n_iter_no_change=2, learning_rate=0.5)
    with pytest.raises(ValueError, match="early stopping"):
        bv.staged_predictions(gb, sets, np.zeros((3, 1)), random_state=0)
