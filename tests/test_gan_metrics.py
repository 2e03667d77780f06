"""The GAN lab's distances and mode counts (algorithms.gan_metrics) and its real distributions
(algorithms.distributions), against independent computations: the MMD against a double loop over
pairs and against its closed form for two Gaussians, the mode count against samples placed by
hand."""

import numpy as np
import pytest

from algorithms import distributions as dist
from algorithms.gan_metrics import (kernel, median_bandwidths, mmd2, modes_covered)


def _mmd2_by_pairs(X, Y, hs, unbiased):
    """The definition, one pair at a time."""
    def k(a, b):
        return sum(np.exp(-np.sum((a - b) ** 2) / (2 * h * h)) for h in hs)
    m, n = len(X), len(Y)
    xx = sum(k(X[i], X[j]) for i in range(m) for j in range(m) if i != j or not unbiased)
    yy = sum(k(Y[i], Y[j]) for i in range(n) for j in range(n) if i != j or not unbiased)
    xy = sum(k(X[i], Y[j]) for i in range(m) for j in range(n))
    mx, ny = (m * (m - 1), n * (n - 1)) if unbiased else (m * m, n * n)
    return xx / mx + yy / ny - 2 * xy / (m * n)


@pytest.mark.parametrize("unbiased", [True, False])
def test_mmd_equals_the_definition_pair_by_pair(unbiased):
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(17, 2)), rng.normal(0.5, 1.3, size=(11, 2))
    hs = [0.3, 1.0, 2.5]
    assert mmd2(X, Y, hs, unbiased=unbiased) == pytest.approx(
        _mmd2_by_pairs(X, Y, hs, unbiased), rel=1e-12)


def test_mmd_converges_to_its_closed_form_for_two_gaussians():
    # X ~ N(0, s^2 I), Y ~ N(mu, s^2 I) in 2-D, Gaussian kernel of bandwidth h:
    # E k(x, x') = c = h^2 / (h^2 + 2 s^2) and E k(x, y) = c exp(-|mu|^2 / (2 (h^2 + 2 s^2))),
    # so MMD^2 = 2 c (1 - exp(-|mu|^2 / (2 (h^2 + 2 s^2)))).
    rng = np.random.default_rng(1)
    s, h, mu = 0.7, 1.1, np.array([0.9, -0.4])
    c = h * h / (h * h + 2 * s * s)
    exact = 2 * c * (1 - np.exp(-mu @ mu / (2 * (h * h + 2 * s * s))))
    estimates = [mmd2(rng.normal(0, s, (400, 2)), mu + rng.normal(0, s, (400, 2)), [h])
                 for _ in range(20)]
    assert np.mean(estimates) == pytest.approx(exact, rel=0.03)


def test_mmd_is_zero_in_expectation_for_one_distribution_and_biased_never_negative():
    rng = np.random.default_rng(2)
    same = [mmd2(rng.normal(size=(200, 2)), rng.normal(size=(200, 2))) for _ in range(30)]
    moved = mmd2(rng.normal(size=(200, 2)), rng.normal(1.0, 1.0, (200, 2)))
    assert abs(np.mean(same)) < 0.1 * moved and min(same) < 0 < max(same)   # unbiased: around 0
    X = rng.normal(size=(50, 2))
    assert mmd2(X, X, unbiased=False) == pytest.approx(0.0, abs=1e-12)
    assert all(mmd2(rng.normal(size=(30, 2)), rng.normal(size=(30, 2)), unbiased=False) > 0
               for _ in range(10))
    Y = rng.normal(size=(40, 2))
    assert mmd2(X, Y, [1.0]) == pytest.approx(mmd2(Y, X, [1.0]), rel=1e-12)  # symmetric


def test_kernel_and_median_bandwidths():
    X = np.array([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]])            # distances 5, 5, 10
    np.testing.assert_allclose(median_bandwidths(X, levels=3), [5.0, 2.5, 1.25])
    K = kernel(X, X, [5.0])
    assert K[0, 1] == pytest.approx(np.exp(-25 / 50)) and K[0, 2] == pytest.approx(np.exp(-2))


def test_modes_covered_counts_samples_placed_by_hand():
    centres = dist.ring_centres()
    std = 0.05
    rng = np.random.default_rng(3)
    # 100 samples: 40 at mode 0, 30 at mode 3, 2 at mode 5 (below 20 % of the fair share 100/8,
    # i.e. 2.5), 10 at mode 6 just outside 3 sigma, 18 at the centre of the ring, far from all
    parts = [centres[0] + 0.5 * std * rng.standard_normal((40, 2)),
             centres[3] + 0.5 * std * rng.standard_normal((30, 2)),
             np.repeat(centres[5:6], 2, axis=0),
             centres[6] + np.array([3.2 * std, 0.0]) + np.zeros((10, 2)),
             np.zeros((18, 2))]
    cov = modes_covered(np.vstack(parts), centres, std)
    assert cov.n_covered == 2 and list(np.flatnonzero(cov.covered)) == [0, 3]
    assert list(cov.counts) == [40, 0, 0, 30, 0, 2, 0, 0]
    assert cov.high_quality == pytest.approx(0.72)
    # one more sample at mode 5: 3 of 101 / 8 * 0.2 = 2.525, covered
    more = np.vstack(parts + [centres[5:6]])
    assert modes_covered(more, centres, std).n_covered == 3
    assert modes_covered(more, centres, std, min_share=0.3).n_covered == 2


def test_real_distributions_have_their_modes_and_spread():
    for name in dist.NAMES:
        r = dist.sample(name, 4000, random_state=0)
        assert r.X.shape == (4000, 2) and np.isfinite(r.X).all()
        if name in ("ring", "grid"):
            assert r.n_modes == (8 if name == "ring" else 25)
            cov = modes_covered(r.X, r.centres, r.std)
            assert cov.n_covered == r.n_modes and cov.high_quality > 0.98   # 3 sigma: 98.9 %
            nearest = ((r.X[:, None] - r.centres[None]) ** 2).sum(2).argmin(1)
            spread = (r.X - r.centres[nearest]).std()
            assert spread == pytest.approx(r.std, rel=0.05)
        else:
            assert r.centres is None and r.n_modes == 0
    np.testing.assert_array_equal(dist.sample("ring", 10, random_state=4).X,
                                  dist.sample("ring", 10, random_state=4).X)


@pytest.mark.parametrize("call, message", [
    (lambda: dist.sample("donut"), "unknown real distribution"),
    (lambda: dist.sample("ring", 0), "whole number of points"),
    (lambda: dist.sample("ring", std=-1.0), "std must be"),
    (lambda: mmd2(np.zeros((3, 2)), np.zeros((3, 3))), "same number of columns"),
    (lambda: mmd2(np.zeros((1, 2)), np.zeros((3, 2))), "at least 2 samples"),
    (lambda: mmd2(np.zeros((3, 2)), np.ones((3, 2)), [0.0]), "bandwidths must be positive"),
    (lambda: modes_covered(np.zeros((3, 2)), np.zeros((2, 2)), 0.0), "std must be"),
    (lambda: mmd2(np.full((3, 2), np.nan), np.zeros((3, 2))), "NaN"),
])
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_staged_scores_are_the_mmd_and_mode_count_of_each_snapshot():
    from algorithms.gan import GAN
    from algorithms.gan_metrics import staged_scores
    real = dist.sample("ring", 400, random_state=0)
    gan = GAN(n_steps=40, record_every=10, d_head_start=0, batch_size=32, g_width=8,
              d_width=8, random_state=1).fit(real.X)
    sc = staged_scores(gan, real.X, n=100, centres=real.centres, std=real.std, random_state=5)
    # the same draws the function makes: a permutation of the real rows, then the noise
    rng = np.random.default_rng(5)
    order = rng.permutation(len(real.X))
    X_ref, X_other = real.X[order[:100]], real.X[order[100:200]]
    z = gan.sample_noise(100, rng)
    h = median_bandwidths(X_ref)
    assert sc.mmd2_floor == pytest.approx(mmd2(X_ref, X_other, h, unbiased=False), rel=1e-10)
    for i in (0, 2, 4):
        Y = gan.generator_at(i).predict(z)
        assert sc.mmd2[i] == pytest.approx(mmd2(X_ref, Y, h, unbiased=False), rel=1e-10)
        assert sc.modes[i] == modes_covered(Y, real.centres, real.std).n_covered
    np.testing.assert_array_equal(sc.steps, [0, 10, 20, 30, 40])
    assert sc.mmd2[-1] < sc.mmd2[0]                   # G moved towards the ring
