"""The GAN trainer (algorithms.gan): every gradient against finite differences (through D to its
input, into G's parameters, D's own), the recorded numbers of a chosen step against a recomputation
written here from the parameters alone, exact replays from checkpoints, seeds, D's head start and
bad settings refused by name."""

import numpy as np
import pytest

from algorithms import distributions as dist
from algorithms.gan import (GAN, LOSSES, discriminator_gradient, generator_gradients,
                            generator_pull, input_gradient)
from algorithms.nn import Network


def _numeric_gradient(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _per_sample_generator_loss(loss, d):
    """C for each generated sample given D(x): log(1 - D) (minimax) or -log D."""
    return np.log1p(-d) if loss == "minimax" else -np.log(d)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu", "relu"])
@pytest.mark.parametrize("loss", LOSSES)
def test_gradient_through_D_to_its_input_matches_finite_differences(activation, loss):
    rng = np.random.default_rng(0)
    D = Network((2, 7, 5, 1), activation, "sigmoid", "cross_entropy", random_state=1)
    D.theta += rng.normal(0, 0.3, D.n_parameters)
    X = rng.normal(size=(9, 2))

    def C(x):
        return _per_sample_generator_loss(loss, D.predict(x.reshape(X.shape))).sum()

    numeric = _numeric_gradient(C, X.ravel()).reshape(X.shape)
    if activation == "relu":  # keep away from the kinks, where a difference quotient lies
        assert np.abs(D.forward(X).z[1]).min() > 1e-4 and np.abs(D.forward(X).z[2]).min() > 1e-4
    np.testing.assert_allclose(-generator_pull(D, X, loss), numeric, rtol=1e-6, atol=1e-9)
    fwd = D.forward(X)                       # the same from the function the trainer uses
    dC_dz = -fwd.output if loss == "minimax" else -(1 - fwd.output)   # per sample, on z_D
    np.testing.assert_allclose(input_gradient(D, fwd.z, fwd.a, dC_dz), numeric, rtol=1e-6,
                               atol=1e-9)


@pytest.mark.parametrize("g_act, d_act", [("tanh", "tanh"), ("leaky_relu", "sigmoid")])
def test_generator_gradients_match_finite_differences_of_both_losses(g_act, d_act):
    rng = np.random.default_rng(2)
    G = Network((3, 6, 2), g_act, "linear", "squared_error", random_state=3)
    D = Network((2, 5, 4, 1), d_act, "sigmoid", "cross_entropy", random_state=4)
    z = rng.normal(size=(11, 3))
    got = generator_gradients(G, D, z)
    theta0 = G.get_theta()
    for loss in LOSSES:
        def L(theta):
            G.set_theta(theta)
            return _per_sample_generator_loss(loss, D.predict(G.predict(z))).mean()
        numeric = _numeric_gradient(L, theta0)
        G.set_theta(theta0)
        np.testing.assert_allclose(got.grad[loss], numeric, rtol=1e-6, atol=1e-10, err_msg=loss)
        assert got.loss[loss] == pytest.approx(L(theta0), rel=1e-12)
        G.set_theta(theta0)
    assert got.d_fake == pytest.approx(D.predict(G.predict(z)).mean(), rel=1e-12)


def test_discriminator_gradient_matches_finite_differences():
    rng = np.random.default_rng(5)
    D = Network((2, 6, 1), "tanh", "sigmoid", "cross_entropy", random_state=6)
    real, fake = rng.normal(1, 1, (8, 2)), rng.normal(-1, 1, (5, 2))

    def L(theta):
        D.set_theta(theta)
        return -np.log(D.predict(real)).mean() - np.log1p(-D.predict(fake)).mean()

    theta0 = D.get_theta()
    numeric = _numeric_gradient(L, theta0)
    D.set_theta(theta0)
    got = discriminator_gradient(D, real, fake)
    np.testing.assert_allclose(got.grad, numeric, rtol=1e-6, atol=1e-10)
    assert got.loss == pytest.approx(L(theta0), rel=1e-12)
    D.set_theta(theta0)
    assert got.d_real == pytest.approx(D.predict(real).mean())
    assert got.d_fake == pytest.approx(D.predict(fake).mean())


# ---- the recorded run ---------------------------------------------------------------------------

SMALL = dict(n_steps=60, record_every=4, checkpoint_every=25, d_head_start=5, batch_size=16,
             g_width=8, d_width=8, k=2)


@pytest.fixture(scope="module")
def small_fit():
    real = dist.sample("ring", 300, random_state=0).X
    return GAN(random_state=7, **SMALL).fit(real), real


def _mlp(theta, sizes, hidden, out):
    """A plain forward pass from a flat parameter vector (weights first, then biases), written
    here without the core: a(x) = out(W_L ... hidden(W_1 x + b_1) ... + b_L)."""
    L = len(sizes) - 1
    Ws, bs, at = [], [], 0
    for a, b in zip(sizes[:-1], sizes[1:]):
        Ws.append(theta[at:at + a * b].reshape(a, b))
        at += a * b
    for b in sizes[1:]:
        bs.append(theta[at:at + b])
        at += b

    def f(x):
        for l in range(L):
            x = x @ Ws[l] + bs[l]
            x = out(x) if l == L - 1 else hidden(x)
        return x
    return f


def _relu(x):
    return np.maximum(x, 0)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.mark.parametrize("step", [1, 37])  # inside D's head start, and after it, off a checkpoint
def test_recorded_numbers_equal_an_independent_recomputation(small_fit, step):
    gan, real = small_fit
    m, k = gan.batch_size, gan.k
    g_sizes, d_sizes = (2, 8, 8, 2), (2, 8, 8, 1)
    for j in range(k):  # D's j-th update of the step: from the state just before it
        s = gan.replay(step - 1, j)
        rng = s.rng                                   # the batches: real rows, then noise
        x = real[rng.integers(0, len(real), m)]
        z = rng.standard_normal((m, 2))
        G = _mlp(s.generator.theta, g_sizes, _relu, lambda a: a)
        theta_d = s.discriminator.theta.copy()

        def L_D(th):
            D = _mlp(th, d_sizes, _relu, _sigmoid)
            return -np.log(D(x)).mean() - np.log(1 - D(G(z))).mean()

        D = _mlp(theta_d, d_sizes, _relu, _sigmoid)
        assert gan.d_loss_[step - 1, j] == pytest.approx(L_D(theta_d), rel=1e-9)
        assert gan.d_real_[step - 1, j] == pytest.approx(D(x).mean(), rel=1e-9)
        assert gan.d_fake_[step - 1, j] == pytest.approx(D(G(z)).mean(), rel=1e-9)
        norm = np.linalg.norm(_numeric_gradient(L_D, theta_d))
        assert gan.d_grad_norm_[step - 1, j] == pytest.approx(norm, rel=1e-5)
    s = gan.replay(step - 1, k)                       # G's update: fresh noise
    z = s.rng.standard_normal((m, 2))
    D = _mlp(s.discriminator.theta, d_sizes, _relu, _sigmoid)
    theta_g = s.generator.theta.copy()
    losses = {"minimax": lambda d: np.log(1 - d).mean(),
              "non_saturating": lambda d: -np.log(d).mean()}
    norms = {}
    for name, f in losses.items():
        def L_G(th, f=f):
            return f(D(_mlp(th, g_sizes, _relu, lambda a: a)(z)))
        norms[name] = np.linalg.norm(_numeric_gradient(L_G, theta_g))
        if name == gan.loss:
            assert gan.g_loss_[step - 1] == pytest.approx(L_G(theta_g), rel=1e-9)
    assert gan.g_fake_[step - 1] == pytest.approx(
        D(_mlp(theta_g, g_sizes, _relu, lambda a: a)(z)).mean(), rel=1e-9)
    assert gan.g_grad_norm_minimax_[step - 1] == pytest.approx(norms["minimax"], rel=1e-5)
    assert gan.g_grad_norm_non_saturating_[step - 1] == pytest.approx(norms["non_saturating"],
                                                                      rel=1e-5)
    assert gan.g_grad_norm_[step - 1] == gan.g_grad_norm_non_saturating_[step - 1]


def test_replays_rebuild_every_snapshot_and_record_exactly(small_fit):
    gan, _ = small_fit
    for i, step in enumerate(gan.snapshot_steps_):
        s = gan.replay(int(step))
        np.testing.assert_array_equal(s.generator.theta, gan.generator_thetas_[i])
        np.testing.assert_array_equal(s.discriminator.theta, gan.discriminator_thetas_[i])
    s = gan.replay(30)                                # phase by phase: D, D, G, D, D, G
    for step in (31, 32):
        for j in range(gan.k):
            r = gan.advance(s)
            assert (r.kind, r.step, r.index) == ("D", step, j + 1) and s.phase == j + 1
            assert r.loss == gan.d_loss_[step - 1, j] and r.d_fake == gan.d_fake_[step - 1, j]
        r = gan.advance(s)
        assert (r.kind, r.step, s.step, s.phase) == ("G", step, step, 0)
        assert r.loss == gan.g_loss_[step - 1] and r.grad_norm == gan.g_grad_norm_[step - 1]
    np.testing.assert_array_equal(s.generator.theta, gan.generator_thetas_[8])   # step 32
    assert gan.replay(32).generator is not gan.replay(32).generator


def test_seeded_fits_are_reproducible_and_seeds_differ():
    real = dist.sample("ring", 200, random_state=1).X
    kw = dict(SMALL, n_steps=20)
    a, b = GAN(random_state=3, **kw).fit(real), GAN(random_state=3, **kw).fit(real)
    for name in ("d_loss_", "g_loss_", "g_grad_norm_minimax_", "generator_thetas_"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    c = GAN(random_state=4, **kw).fit(real)
    assert not np.array_equal(a.g_loss_, c.g_loss_)


def test_G_waits_during_Ds_head_start_then_learns(small_fit):
    gan, _ = small_fit
    head = gan.snapshot_steps_ <= gan.d_head_start
    assert (gan.generator_thetas_[head] == gan.generator_thetas_[0]).all()
    assert not (gan.discriminator_thetas_[1] == gan.discriminator_thetas_[0]).all()
    assert not (gan.generator_thetas_[~head][0] == gan.generator_thetas_[0]).all()


def test_staged_generate_follows_the_snapshots(small_fit):
    gan, _ = small_fit
    z = gan.sample_noise(5, 0)
    staged = list(gan.staged_generate(z))
    assert len(staged) == gan.n_snapshots
    np.testing.assert_array_equal(staged[3], gan.generator_at(3).predict(z))
    np.testing.assert_array_equal(staged[-1], gan.generator_.predict(z))
    assert gan.sample_noise(4, 1).shape == (4, 2)
    u = GAN(noise="uniform", noise_dim=3).sample_noise(1000, 0)
    assert u.shape == (1000, 3) and u.min() >= -1 and u.max() <= 1


@pytest.mark.parametrize("kwargs, message", [
    (dict(loss="wasserstein"), "'loss' parameter"),
    (dict(k=0), "'k' parameter"),
    (dict(noise="cauchy"), "'noise' parameter"),
    (dict(g_lr=0.0), "'g_lr' parameter"),
    (dict(g_activation="softmax"), "'g_activation' parameter"),
    (dict(n_steps=100_000, record_every=1, g_width=64, d_width=64), "record less often"),
])
def test_bad_settings_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GAN(**kwargs).fit(np.zeros((10, 2)))


def test_bad_data_and_questions_are_refused_by_name(small_fit):
    gan, _ = small_fit
    with pytest.raises(ValueError, match="at least 2 real samples"):
        GAN().fit(np.zeros((1, 2)))
    with pytest.raises(ValueError, match="NaN"):
        GAN().fit(np.full((5, 2), np.nan))
    with pytest.raises(ValueError, match="step must be"):
        gan.replay(gan.n_steps + 1)
    with pytest.raises(ValueError, match="phase must be"):
        gan.replay(3, gan.k + 1)
    with pytest.raises(ValueError, match="snapshot index"):
        gan.generator_at(gan.n_snapshots)
    with pytest.raises(ValueError, match="noise_dim"):
        next(gan.staged_generate(np.zeros((2, 3))))
    with pytest.raises(ValueError, match="diverged"):
        GAN(g_lr=10.0, d_lr=10.0, d_optimizer="sgd", g_optimizer="sgd", n_steps=300,
            d_head_start=0, random_state=0).fit(dist.sample("ring", 100, random_state=0).X * 1e6)
