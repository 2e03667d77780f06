"""The neural-network core: every gradient against finite differences (hypothesis over shapes,
activations, losses, weights and penalties), the Hessian-vector product against extrapolated
differences of the gradient and a closed form, input gradients, gradients from given output
gradients (MAS, SCP, a GAN), hand-computed lecture numbers, masks, parameters as plain arrays,
and the trainer step for step against scikit-learn's MLP."""

import pickle
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sklearn import neural_network as sk_nn
from sklearn.datasets import make_moons

from algorithms.nn import (L1, L2, SGD, Adam, Anchor, Network, Trainer, TrainingDiverged,
                           minibatches)

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
OUTPUTS = [("linear", "squared_error"), ("sigmoid", "squared_error"), ("tanh", "squared_error"),
           ("softmax", "squared_error"), ("sigmoid", "cross_entropy"),
           ("softmax", "cross_entropy")]
KINKED = {"relu", "leaky_relu"}


def _targets(rng, output, loss, n, k):
    if output == "softmax":
        return np.eye(k)[rng.integers(0, k, n)]
    if output == "sigmoid" and loss == "cross_entropy":
        return rng.integers(0, 2, (n, k)).astype(float)
    return rng.normal(size=(n, k))


@st.composite
def problems(draw):
    """A random network (0-3 hidden layers of 1-5 neurons, any activations, any output and loss),
    its data, sample weights or none, and penalties or none."""
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)
    d = draw(st.integers(1, 4))
    hidden = draw(st.lists(st.integers(1, 5), min_size=0, max_size=3))
    output, loss = draw(st.sampled_from(OUTPUTS))
    k = draw(st.integers(2, 3)) if output == "softmax" else draw(st.integers(1, 2))
    acts = [draw(st.sampled_from(HIDDEN)) for _ in hidden]
    n = draw(st.integers(1, 6))
    net = Network((d, *hidden, k), acts, output, loss, init="glorot_normal", random_state=seed)
    net.theta += rng.normal(0.0, 0.3, net.n_parameters)    # nonzero biases, varied weights
    X = rng.normal(size=(n, d))
    Y = _targets(rng, output, loss, n, k)
    u = rng.uniform(0.1, 2.0, n) if draw(st.booleans()) else None
    penalties = []
    if draw(st.booleans()):
        penalties = [L2(rng.uniform(0.01, 1.0)),
                     Anchor(rng.uniform(0.1, 2.0), rng.uniform(0, 1, net.n_parameters),
                            rng.normal(size=net.n_parameters))]
    return net, X, Y, u, penalties, rng


def _kinks_clear(net, X, margin):
    """True when no ReLU-type unit sits within ``margin`` of its kink (finite differences across
    a kink measure a different function)."""
    fwd = net.forward(X)
    return all(np.abs(fwd.z[l]).min() > margin for l, layer in enumerate(net.layers, start=1)
               if layer.activation.name in KINKED)


def _numeric_gradient(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(problems())
def test_parameter_gradient_matches_finite_differences(problem):
    net, X, Y, u, penalties, _ = problem
    assume(_kinks_clear(net, X, 1e-4))
    theta0 = net.get_theta()

    def loss_at(theta):
        net.set_theta(theta)
        return net.loss_value(X, Y, u, penalties)

    numeric = _numeric_gradient(loss_at, theta0)
    net.set_theta(theta0)
    _, grad = net.loss_and_gradient(X, Y, u, penalties)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7 * (1 + np.abs(numeric).max()))
    # backward() gives the same gradient, and its per-layer views agree with the flat vector
    bwd = net.backward(net.forward(X), Y, sample_weight=u, penalties=penalties)
    np.testing.assert_allclose(bwd.grad, grad, rtol=1e-12, atol=1e-14)
    L = len(net.layers)
    for l in range(1, L + 1):
        np.testing.assert_array_equal(bwd.dW[l], net.unflatten(bwd.grad)[l - 1])
        np.testing.assert_array_equal(bwd.db[l], net.unflatten(bwd.grad)[L + l - 1])


@SETTINGS
@given(problems())
def test_input_gradient_matches_finite_differences(problem):
    net, X, Y, u, _, _ = problem
    assume(_kinks_clear(net, X, 1e-4))
    numeric = _numeric_gradient(lambda Xp: net.loss_value(Xp, Y, u), X)
    dx = net.backward(net.forward(X), Y, sample_weight=u).dx
    np.testing.assert_allclose(dx, numeric, rtol=1e-5, atol=1e-7 * (1 + np.abs(numeric).max()))


@SETTINGS
@given(problems())
def test_hessian_vector_product_within_1e_6_of_extrapolated_differences(problem):
    # Reference: Richardson-extrapolated central differences of the (exact) gradient along v,
    # truncation error O(h^4); the R-operator result must agree to 1e-6 relative.
    net, X, Y, u, penalties, rng = problem
    h = 1e-3
    assume(_kinks_clear(net, X, 1e-2))  # the differences must not step across a ReLU kink
    theta0 = net.get_theta()
    v = rng.normal(size=net.n_parameters)

    def grad_at(theta):
        net.set_theta(theta)
        return net.loss_and_gradient(X, Y, u, penalties)[1]

    d1 = (grad_at(theta0 + h * v) - grad_at(theta0 - h * v)) / (2 * h)
    d2 = (grad_at(theta0 + 2 * h * v) - grad_at(theta0 - 2 * h * v)) / (4 * h)
    reference = (4 * d1 - d2) / 3
    net.set_theta(theta0)
    Hv = net.hvp(X, Y, v, u, penalties)
    scale = max(np.linalg.norm(reference), 1e-8)
    assert np.linalg.norm(Hv - reference) <= 1e-6 * scale, (Hv, reference)
    # H is symmetric: w . Hv == v . Hw
    w = rng.normal(size=net.n_parameters)
    assert w @ Hv == pytest.approx(v @ net.hvp(X, Y, w, u, penalties), rel=1e-9, abs=1e-12)


def test_hessian_of_a_linear_layer_with_squared_error_is_the_data_covariance():
    # L = 1/(2n) sum_n |x_n W + b - y_n|^2: with x~ = (x, 1), the Hessian with respect to the
    # column of outputs k is (1/n) X~^T X~, the same for every k and zero across outputs.
    rng = np.random.default_rng(0)
    n, d, k = 7, 3, 2
    X, Y = rng.normal(size=(n, d)), rng.normal(size=(n, k))
    net = Network((d, k), [], "linear", "squared_error", random_state=0)
    Xt = np.hstack([X, np.ones((n, 1))])
    G = Xt.T @ Xt / n
    H = np.column_stack([net.hvp(X, Y, e) for e in np.eye(net.n_parameters)])
    # theta = (W row-major (d, k), b (k)): parameter (j, c) for input j (j = d: the bias), output c
    index = [j * k + c for j in range(d) for c in range(k)] + [d * k + c for c in range(k)]
    rows = {(j, c): index[j * k + c] if j < d else d * k + c for j in range(d + 1)
            for c in range(k)}
    for (j, c), p in rows.items():
        for (i, e), q in rows.items():
            assert H[p, q] == pytest.approx(G[j, i] if c == e else 0.0, abs=1e-12)


def test_second_order_maml_meta_gradient():
    # MAML: theta' = phi - alpha grad L_train(phi); d L_test(theta')/d phi
    # = (I - alpha H_train(phi)) grad L_test(theta'), with H v from the R-operator.
    rng = np.random.default_rng(3)
    net = Network((1, 6, 6, 1), "tanh", "linear", "squared_error", random_state=1)
    Xtr, Xte = rng.uniform(-3, 3, (5, 1)), rng.uniform(-3, 3, (8, 1))
    ytr, yte = np.sin(Xtr + 0.4), np.sin(Xte + 0.4)
    alpha = 0.05
    phi = net.get_theta()

    def meta_loss(p):
        net.set_theta(p)
        g = net.loss_and_gradient(Xtr, ytr)[1]
        net.set_theta(p - alpha * g)
        return net.loss_value(Xte, yte)

    numeric = _numeric_gradient(meta_loss, phi, h=1e-6)
    net.set_theta(phi)
    theta_prime = phi - alpha * net.loss_and_gradient(Xtr, ytr)[1]
    net.set_theta(theta_prime)
    g_test = net.loss_and_gradient(Xte, yte)[1]
    net.set_theta(phi)
    meta_grad = g_test - alpha * net.hvp(Xtr, ytr, g_test)
    np.testing.assert_allclose(meta_grad, numeric, rtol=1e-5, atol=1e-9)
    # first-order MAML (dropping the Hessian) is measurably different here
    assert np.linalg.norm(g_test - numeric) > 1e-4 * np.linalg.norm(numeric)


@pytest.mark.parametrize("output", ["linear", "sigmoid", "softmax", "tanh"])
def test_backward_from_given_output_gradients(output):
    rng = np.random.default_rng(5)
    net = Network((3, 5, 4, 3), ["tanh", "relu"], output, "squared_error", random_state=2)
    X = rng.normal(size=(6, 3))
    xi = rng.normal(size=3)
    xi /= np.linalg.norm(xi)
    cases = {
        # MAS: C = sum_n |f(x_n)|^2, dC/da = 2 a
        "mas": (lambda th: np.sum(net.predict(X) ** 2), lambda a: 2 * a),
        # SCP: C = sum_n (xi . f(x_n))^2 for one slicing direction xi, dC/da = 2 (xi . a) xi
        "scp": (lambda th: np.sum((net.predict(X) @ xi) ** 2),
                lambda a: 2 * (a @ xi)[:, None] * xi[None, :]),
    }
    theta0 = net.get_theta()
    for name, (C, dC_da) in cases.items():
        def at(th):
            net.set_theta(th)
            return C(th)
        numeric = _numeric_gradient(at, theta0)
        net.set_theta(theta0)
        fwd = net.forward(X)
        grad = net.backward(fwd, dC_da=dC_da(fwd.output)).grad
        np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9, err_msg=name)


def test_gan_generator_learns_through_the_discriminator():
    # G: noise -> 2-D point (linear output), D: point -> probability "real". Non-saturating
    # generator loss C = -sum log D(G(s)) = sum softplus(-z_D); dC/dz_D = -(1 - D).
    # The minimax loss log(1 - D) has dC/dz_D = -D. G's gradient flows through D's input gradient.
    rng = np.random.default_rng(8)
    G = Network((3, 6, 2), "relu", "linear", "squared_error", random_state=0)
    D = Network((2, 5, 1), "tanh", "sigmoid", "cross_entropy", random_state=1)
    S = rng.normal(size=(9, 3))
    losses = {
        "non-saturating": (lambda d: -np.sum(np.log(d)), lambda d: -(1 - d)),
        "minimax": (lambda d: np.sum(np.log1p(-d)), lambda d: -d),
    }
    theta0 = G.get_theta()
    for name, (C, dC_dz) in losses.items():
        def at(th):
            G.set_theta(th)
            return C(D.predict(G.predict(S)))
        numeric = _numeric_gradient(at, theta0)
        G.set_theta(theta0)
        fake = G.forward(S)
        judged = D.forward(fake.output)
        dx = D.backward(judged, dC_dz=dC_dz(judged.output)).dx     # through D to its input
        grad = G.backward(fake, dC_da=dx).grad                      # then through G
        np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9, err_msg=name)


def test_forward_and_backward_by_hand():
    # x = (1, 2); hidden: z = 0.5*1 - 0.25*2 + 0.1 = 0.1, a = sigmoid(0.1);
    # output: z = 2 a - 1, a2 = sigmoid(z); cost for y = 1 is -ln a2.
    # Backward: dC/dz2 = a2 - y; dC/dw2 = a1 dC/dz2; dC/dz1 = sigma'(z1) w2 dC/dz2 with
    # sigma'(z1) = a1 (1 - a1); dC/dw1_j = x_j dC/dz1; dC/dx_j = w1_j dC/dz1.
    net = Network((2, 1, 1), "sigmoid", "sigmoid", "cross_entropy")
    net.set_theta([np.array([[0.5], [-0.25]]), np.array([[2.0]]), np.array([0.1]),
                   np.array([-1.0])])
    X, y = np.array([[1.0, 2.0]]), np.array([1.0])
    a1 = 1 / (1 + np.exp(-0.1))
    a2 = 1 / (1 + np.exp(-(2 * a1 - 1)))
    fwd = net.forward(X)
    assert fwd.z[1][0, 0] == pytest.approx(0.1)
    assert fwd.a[1][0, 0] == pytest.approx(a1)
    assert fwd.z[2][0, 0] == pytest.approx(2 * a1 - 1)
    assert fwd.output[0, 0] == pytest.approx(a2)
    assert net.loss_value(X, y) == pytest.approx(-np.log(a2))
    assert net.loss_value(X, y, penalties=[L2(0.2)]) == pytest.approx(
        -np.log(a2) + 0.1 * (0.25 + 0.0625 + 4.0))
    bwd = net.backward(fwd, y)
    dz2 = a2 - 1
    dz1 = a1 * (1 - a1) * 2.0 * dz2
    assert bwd.dz[2][0, 0] == pytest.approx(dz2)
    assert bwd.dW[2][0, 0] == pytest.approx(a1 * dz2)
    assert bwd.db[2][0] == pytest.approx(dz2)
    assert bwd.dz[1][0, 0] == pytest.approx(dz1)
    np.testing.assert_allclose(bwd.dW[1][:, 0], [1.0 * dz1, 2.0 * dz1])
    np.testing.assert_allclose(bwd.dx[0], [0.5 * dz1, -0.25 * dz1])
    assert fwd.z[0] is None and bwd.dz[0] is None and bwd.dW[0] is None


def test_batch_gradient_is_the_weighted_mean_of_per_sample_gradients():
    # L = sum_n u_n C^n / sum u: the batch gradient is the u-weighted mean of the single-sample
    # gradients, each computed on its own (the slow obvious way).
    rng = np.random.default_rng(2)
    net = Network((3, 4, 3), "tanh", "softmax", "cross_entropy", random_state=0)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 3, 5)
    u = rng.uniform(0.5, 2, 5)
    per_sample = [net.loss_and_gradient(X[i:i + 1], y[i:i + 1])[1] for i in range(5)]
    expected = np.average(per_sample, axis=0, weights=u)
    np.testing.assert_allclose(net.loss_and_gradient(X, y, u)[1], expected, rtol=1e-12)


def test_cross_entropy_stays_exact_when_the_output_saturates():
    net = Network((1, 1), [], "sigmoid", "cross_entropy")
    net.set_theta([np.array([[1.0]]), np.array([0.0])])
    # z = -800: a = sigmoid(z) underflows to 0 but C = ln(1 + e^800) = 800 exactly
    assert net.loss_value(np.array([[-800.0]]), np.array([1.0])) == pytest.approx(800.0)
    net2 = Network((1, 3), [], "softmax", "cross_entropy")
    net2.set_theta([np.array([[1.0, 0.0, -1.0]]), np.zeros(3)])
    assert net2.loss_value(np.array([[900.0]]), np.array([2])) == pytest.approx(1800.0)


def test_parameters_are_plain_arrays_copied_compared_restored():
    net = Network((2, 4, 1), "relu", "sigmoid", "cross_entropy", random_state=0)
    theta_b = net.get_theta()
    assert [p.shape for p in net.parameters()] == [(2, 4), (4, 1), (4,), (1,)]
    assert net.parameter_names() == ["W1", "W2", "b1", "b2"]
    net.layers[0].W[0, 0] += 1.0                 # the views write through to theta
    assert net.theta[0] == theta_b[0] + 1.0
    assert not np.array_equal(net.theta, theta_b)
    net.set_theta(theta_b)
    np.testing.assert_array_equal(net.theta, theta_b)
    clone = net.copy()
    clone.theta += 1.0
    np.testing.assert_array_equal(net.theta, theta_b)  # the copy is independent
    loaded = pickle.loads(pickle.dumps(net))
    np.testing.assert_array_equal(loaded.theta, theta_b)
    loaded.theta[:] = 0.0                        # an unpickled network's views are still bound
    assert not loaded.layers[1].W.any() and not loaded.predict(np.ones((1, 2))).ravel() - 0.5
    X = np.random.default_rng(0).normal(size=(4, 2))
    np.testing.assert_array_equal(net.predict(X), pickle.loads(pickle.dumps(net)).predict(X))


def test_masks_keep_pruned_weights_at_zero():
    rng = np.random.default_rng(0)
    X, y = make_moons(200, noise=0.2, random_state=0)
    net = Network((2, 8, 1), "relu", "sigmoid", "cross_entropy", random_state=0)
    W1 = net.layers[0].W
    keep = np.abs(W1) > np.median(np.abs(W1))   # prune the smaller half by magnitude
    net.set_mask([keep, None, None, None])
    assert np.all(W1[~keep] == 0) and np.all(W1[keep] != 0)
    mask_view = net.unflatten(net.mask)[0]
    _, grad = net.loss_and_gradient(X, y)
    assert np.all(net.unflatten(grad)[0][~keep] == 0)
    assert np.all(net.unflatten(net.hvp(X, y, rng.normal(size=net.n_parameters)))[0][~keep] == 0)
    Trainer(net, Adam(0.05), batch_size=50, random_state=0).fit(X, y, 5)
    assert np.all(net.layers[0].W[~keep] == 0) and np.all(mask_view == keep)
    net.set_theta(np.ones(net.n_parameters))     # restoring keeps the pruned entries at zero
    assert np.all(net.layers[0].W[~keep] == 0)
    net.set_mask(None)
    net.set_theta(np.ones(net.n_parameters))
    assert np.all(net.theta == 1)


def _sklearn_initial_weights(seed, units, activation):
    """The weights scikit-learn's MLP starts from (Glorot uniform from RandomState(seed))."""
    rs = np.random.RandomState(seed)
    coefs, intercepts = [], []
    for a, b in zip(units[:-1], units[1:]):
        r = np.sqrt((2.0 if activation == "logistic" else 6.0) / (a + b))
        coefs.append(rs.uniform(-r, r, (a, b)))
        intercepts.append(rs.uniform(-r, r, b))
    return coefs + intercepts


@pytest.mark.parametrize("activation, solver, nesterov, classes", [
    ("relu", "adam", True, 2), ("logistic", "sgd", True, 2), ("tanh", "sgd", False, 3),
    ("tanh", "adam", True, 3),
])
def test_trainer_follows_sklearn_mlp_step_for_step(activation, solver, nesterov, classes):
    # Same starting weights and batch order (no shuffling): every update must be scikit-learn's,
    # so the parameters after 15 epochs agree to rounding. This pins the loss, its L2 term,
    # the backward pass and the optimiser (Adam's bias correction, Nesterov momentum).
    X, y = make_moons(600, noise=0.3, random_state=0)
    if classes == 3:
        y = np.where(X[:, 0] > 1.0, 2, y)
    kw = dict(activation=activation, solver=solver, alpha=1e-3, learning_rate_init=0.01,
              shuffle=False, random_state=0, nesterovs_momentum=nesterov, batch_size=128)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sk_nn.MLPClassifier((8, 8), max_iter=15, tol=0, n_iter_no_change=10**6,
                                  **kw).fit(X, y)
    k = 1 if classes == 2 else classes
    net = Network((2, 8, 8, k), "sigmoid" if activation == "logistic" else activation,
                  "sigmoid" if k == 1 else "softmax", "cross_entropy")
    net.set_theta(_sklearn_initial_weights(0, (2, 8, 8, k), activation))
    opt = Adam(0.01) if solver == "adam" else SGD(0.01, momentum=0.9, nesterov=nesterov)
    trainer = Trainer(net, opt, batch_size=128, shuffle=False,
                      penalties=[L2(1e-3, per_sample=True)])
    trainer.fit(X, y if k > 1 else y.astype(float), 15)
    np.testing.assert_allclose(net.theta, np.concatenate(
        [p.ravel() for p in ref.coefs_ + ref.intercepts_]), rtol=1e-9, atol=1e-12)
    # scikit-learn clips probabilities at machine epsilon in its loss; ours is exact
    np.testing.assert_allclose(trainer.history.epoch_loss, ref.loss_curve_, rtol=1e-9)


def test_history_records_step_losses_and_layer_gradient_norms():
    X, y = make_moons(300, noise=0.2, random_state=1)
    net = Network((2, 6, 6, 1), "tanh", "sigmoid", "cross_entropy", random_state=0)
    trainer = Trainer(net, SGD(0.1), batch_size=64, random_state=0)
    before = net.copy()
    first = trainer.epoch(X, y)
    h = trainer.history
    assert len(h) == trainer.n_steps == 5 and h.grad_norms.shape == (5, 3)
    assert h.epoch_loss[0] == first == pytest.approx(
        np.average(h.step_loss, weights=[64, 64, 64, 64, 44]))
    # The first step's numbers, recomputed independently: replay the same shuffle.
    order = np.random.default_rng(0).permutation(300)
    Xb, yb = X[order[:64]], y[order[:64]]
    bwd = before.backward(before.forward(Xb), yb)
    assert h.step_loss[0] == pytest.approx(before.loss_value(Xb, yb))
    np.testing.assert_allclose(h.grad_norms[0], [np.linalg.norm(bwd.dW[l]) for l in (1, 2, 3)])
    np.testing.assert_allclose(before.theta - 0.1 * bwd.grad,
                               _replay_first_step(X, y, order[:64]))


def _replay_first_step(X, y, rows):
    net = Network((2, 6, 6, 1), "tanh", "sigmoid", "cross_entropy", random_state=0)
    Trainer(net, SGD(0.1), batch_size=64, shuffle=False).step(X[rows], y[rows])
    return net.theta


def test_deep_sigmoid_gradients_vanish_towards_the_input_relu_ones_do_not():
    # The lecture's "sigmoid saturates": sigma' <= 1/4, so dC/dz shrinks by about
    # (1/4)|W| per layer on the way back; ReLU passes dC/dz through where z > 0.
    X, y = make_moons(500, noise=0.2, random_state=0)
    ratios = {}
    for act in ("sigmoid", "relu"):
        r = []
        for seed in range(5):
            net = Network((2, 8, 8, 8, 8, 8, 8, 1), act, "sigmoid", "cross_entropy",
                          random_state=seed)
            trainer = Trainer(net, SGD(0.1), batch_size=100, random_state=seed)
            trainer.epoch(X, y)
            norms = trainer.history.grad_norms.mean(axis=0)
            r.append(norms[0] / norms[5])            # layer 1 against layer 6
        ratios[act] = np.median(r)
    # measured: sigmoid 6e-5, ReLU 0.3 (medians over the 5 seeds)
    assert ratios["sigmoid"] < 1e-3
    assert ratios["relu"] > 0.1


def test_trainer_reports_divergence():
    X, y = make_moons(100, noise=0.2, random_state=0)
    net = Network((2, 4, 1), "relu", "linear", "squared_error", random_state=0)
    with pytest.raises(TrainingDiverged, match="diverged"):
        Trainer(net, SGD(10.0, momentum=0.9), batch_size=10).fit(X * 1e3, y * 1e3, 50)
    assert issubclass(TrainingDiverged, ValueError)


def test_optimiser_updates_by_their_formulas():
    theta, g = np.array([1.0, -2.0]), np.array([0.5, -1.0])
    t = theta.copy()
    SGD(0.1).step(t, g)
    np.testing.assert_allclose(t, theta - 0.1 * g)
    t, opt = theta.copy(), SGD(0.1, momentum=0.9)
    opt.step(t, g)
    opt.step(t, g)                                   # v = -0.1 g, then 0.9 v - 0.1 g
    np.testing.assert_allclose(t, theta - 0.1 * g - 0.19 * g)
    t, opt = theta.copy(), Adam(0.01)
    opt.step(t, g)                                   # first Adam step moves each by ~lr
    m, s = 0.1 * g, 0.001 * g * g
    lr_t = 0.01 * np.sqrt(1 - 0.999) / (1 - 0.9)
    np.testing.assert_allclose(t, theta - lr_t * m / (np.sqrt(s) + 1e-8))
    np.testing.assert_allclose(np.abs(t - theta), 0.01, rtol=1e-5)


def test_penalty_values_and_l1_gradient():
    net = Network((2, 2, 1), "tanh", "linear", "squared_error", random_state=0)
    W = net.theta[:net.n_weights]
    assert L2(0.5).value(net) == pytest.approx(0.25 * np.sum(W ** 2))
    assert L2(0.5, per_sample=True).value(net, 4.0) == pytest.approx(0.25 * np.sum(W ** 2) / 4)
    assert L1(0.3).value(net) == pytest.approx(0.3 * np.sum(np.abs(W)))
    g = L1(0.3).gradient(net)
    np.testing.assert_allclose(g[:net.n_weights], 0.3 * np.sign(W))
    assert not g[net.n_weights:].any()               # biases are not penalised
    anchor = Anchor(2.0, np.ones(net.n_parameters), net.get_theta())
    assert anchor.value(net) == 0.0 and not anchor.gradient(net).any()
    net.theta[0] += 0.5
    assert anchor.value(net) == pytest.approx(2.0 * 0.25)
    with pytest.raises(ValueError, match="one per parameter"):
        Anchor(1.0, np.ones(3), np.ones(4))


def test_minibatches_cover_every_row_once():
    batches = list(minibatches(10, 4, rng=0))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches)) == list(range(10))
    assert list(minibatches(5, 2, shuffle=False)) == [slice(0, 2), slice(2, 4), slice(4, 5)]


def test_seeded_networks_are_reproducible():
    a = Network((3, 5, 2), "relu", "softmax", "cross_entropy", random_state=4)
    b = Network((3, 5, 2), "relu", "softmax", "cross_entropy", random_state=4)
    c = Network((3, 5, 2), "relu", "softmax", "cross_entropy", random_state=5)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert not np.array_equal(a.theta, c.theta)


@pytest.mark.parametrize("kwargs, message", [
    (dict(layer_sizes=(2,)), "at least two"),
    (dict(layer_sizes=(2, 0, 1)), "positive ints"),
    (dict(layer_sizes=(2, 5000, 5000, 1)), "at most 10,000,000"),
    (dict(layer_sizes=(2, 3, 1), activation="swish"), "Unknown activation"),
    (dict(layer_sizes=(2, 3, 1), activation=["relu", "tanh"]), "one per hidden layer"),
    (dict(layer_sizes=(2, 3, 2), activation="softmax"), "output activation only"),
    (dict(layer_sizes=(2, 3, 1), output="linear", loss="cross_entropy"), "sigmoid or softmax"),
    (dict(layer_sizes=(2, 3, 1), loss="hinge"), "Unknown loss"),
    (dict(layer_sizes=(2, 3, 1), init="orthogonal"), "Unknown initialiser"),
])
def test_bad_network_specs_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Network(**kwargs)


def test_bad_data_is_refused_by_name():
    net = Network((2, 3, 3), "relu", "softmax", "cross_entropy", random_state=0)
    with pytest.raises(ValueError, match=r"shape \(n_samples, 2\)"):
        net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"integers in \[0, 3\)"):
        net.loss_value(np.ones((2, 2)), [0, 3])
    with pytest.raises(ValueError, match="exactly one of"):
        net.backward(net.forward(np.ones((2, 2))))
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        net.backward(net.forward(np.ones((2, 2))), dC_da=np.ones((2, 2)))
    with pytest.raises(ValueError, match="one per parameter"):
        net.hvp(np.ones((2, 2)), [0, 1], np.ones(3))
    with pytest.raises(ValueError, match="batch_size"):
        Trainer(net, batch_size=0)


@pytest.mark.parametrize("output, loss, k", [("softmax", "cross_entropy", 3),
                                             ("linear", "squared_error", 2)])
def test_per_sample_gradients_equal_one_sample_at_a_time(output, loss, k):
    rng = np.random.default_rng(4)
    net = Network((3, 5, 4, k), ["relu", "sigmoid"], output, loss, random_state=0)
    net.set_mask(rng.uniform(size=net.n_parameters) > 0.2)
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, k, 6) if output == "softmax" else rng.normal(size=(6, k))
    G = net.per_sample_gradients(X, y)
    slow = np.array([net.loss_and_gradient(X[i:i + 1], y[i:i + 1])[1] for i in range(6)])
    np.testing.assert_allclose(G, slow, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(G.mean(axis=0), net.loss_and_gradient(X, y)[1], rtol=1e-12,
                               atol=1e-15)
    # MAS: each sample's gradient of |f(x)|^2, from dC/da = 2 a, one sample at a time
    a = net.predict(X)
    G_mas = net.per_sample_gradients(X, dC_da=2 * a)
    for i in range(6):
        fwd = net.forward(X[i:i + 1])
        np.testing.assert_allclose(G_mas[i], net.backward(fwd, dC_da=2 * fwd.output).grad,
                                   rtol=1e-12, atol=1e-15)
