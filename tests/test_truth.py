"""playground.truth against the generators it describes: noise-free draws follow f or lie on the
clean shapes, the noise has the stated σ, and the Bayes posterior is calibrated on fresh draws
and beats a fitted forest."""

from __future__ import annotations

import numpy as np
import pytest

import algorithms as A
from algorithms.bias_variance import gaussian_noise_posterior
from playground import datasets, truth


def gen(name, **kw):
    """The generator itself (above the app's per-session size cap)."""
    X, y = datasets.spec(name).make(**kw)
    return np.asarray(X, float), np.asarray(y)


@pytest.mark.parametrize("name", truth.names_1d())
def test_one_d_sets_are_f_plus_noise_of_sd_half_the_noise_setting(name):
    x, y0 = gen(name, n=500, noise=0.0, seed=3)
    np.testing.assert_array_equal(y0, truth.F[name](x[:, 0]))
    assert x.min() >= truth.X_RANGE[0] and x.max() <= truth.X_RANGE[1]
    x1, y1 = gen(name, n=20_000, noise=0.6, seed=5)
    _, y1_clean = gen(name, n=20_000, noise=0.0, seed=5)  # same x, no noise
    assert np.std(y1 - y1_clean) == pytest.approx(truth.noise_sd_1d(0.6), rel=0.03)


def test_every_one_d_set_has_its_truth():
    assert set(truth.names_1d()) == set(datasets.names("1d"))


SHAPES = [("moons", {}), ("circles", {"factor": 0.3}), ("spirals", {}), ("xor", {}),
          ("checkerboard", {"cells": 4}), ("checkerboard", {"cells": 3})]


@pytest.mark.parametrize("name, own", SHAPES)
def test_noise_free_draws_lie_on_their_classs_clean_shape(name, own):
    X, y = gen(name, n=2000, noise=0.0, seed=1, **own)
    clean, sigma = truth.clean_shapes(name, 0.0, **own)
    assert sigma == 0.0
    # within the quadrature's spacing (a board's cells hold 8 x 8 points: half a diagonal)
    tol = 0.75 * (2 / own["cells"]) / 8 if name == "checkerboard" else 0.05
    for c, Z in enumerate(clean):
        d = np.sqrt(((X[y == c, None, :] - Z[None]) ** 2).sum(-1)).min(axis=1)
        assert d.max() < tol, (name, c, d.max())


@pytest.mark.parametrize("name, own", SHAPES + [("blobs", {"classes": 4})])
def test_the_noise_added_has_the_stated_sigma(name, own):
    noise = 0.6
    X, y = gen(name, n=20_000, noise=noise, seed=2, **own)
    clean, sigma = truth.clean_shapes(name, noise, **own)
    if name == "blobs":  # the clean point is the blob's centre
        resid = X - np.concatenate(clean)[y]
    else:  # same seed, no noise: the same clean points
        resid = X - gen(name, n=20_000, noise=0.0, seed=2, **own)[0]
    assert np.std(resid, axis=0) == pytest.approx([sigma, sigma], rel=0.03)


@pytest.mark.parametrize("name, own", [("moons", {}), ("circles", {}), ("spirals", {}),
                                       ("xor", {}), ("blobs", {"classes": 3}),
                                       ("checkerboard", {})])
def test_bayes_posterior_is_calibrated_and_beats_a_fitted_forest(name, own):
    noise = 0.6
    X, y = gen(name, n=6000, noise=noise, seed=11, **own)
    clean, sigma = truth.clean_shapes(name, noise, **own)
    p = gaussian_noise_posterior(X, clean, sigma)
    bayes_acc = np.mean(p.argmax(1) == y)
    # calibrated: the accuracy it expects of itself is the accuracy it gets
    assert bayes_acc == pytest.approx(p.max(1).mean(), abs=0.015)
    Xf, yf = gen(name, n=2000, noise=noise, seed=12, **own)
    forest = A.RandomForestClassifier(n_estimators=50, random_state=0).fit(Xf, yf)
    assert bayes_acc >= forest.score(X, y) - 0.005


def test_a_set_without_a_fixed_truth_is_refused_with_the_reason():
    assert "linear" not in truth.names_2d()
    with pytest.raises(ValueError, match="no fixed truth"):
        truth.clean_shapes("linear", 0.3)
