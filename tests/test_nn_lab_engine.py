"""The backpropagation lab's engine parts (algorithms.nn.features / recording / gradcheck /
saturation), each against an independent recomputation: the feature formulas written out, the
record against a second trainer run and numpy by hand, finite differences against closed forms,
the saturated regions against their solved thresholds."""

import numpy as np
import pytest

from algorithms.nn import SGD, Network, Trainer
from algorithms.nn.features import FEATURES, check_features, feature_map, feature_names
from algorithms.nn.gradcheck import numerical_gradient, weight_index
from algorithms.nn.recording import record_training
from algorithms.nn.saturation import curve, saturated, saturated_regions

# ---- input features -----------------------------------------------------------------------------


def test_every_feature_is_its_formula_in_the_order_asked():
    X = np.random.default_rng(0).uniform(-3, 3, (50, 2))
    x1, x2 = X[:, 0], X[:, 1]
    by_hand = {"x1": x1, "x2": x2, "x1sq": x1 * x1, "x2sq": x2 * x2, "x1x2": x1 * x2,
               "sinx1": np.sin(x1), "sinx2": np.sin(x2)}
    assert {f.name for f in FEATURES} == set(by_hand)
    order = ("x2sq", "x1", "sinx2", "x1x2")
    got = feature_map(X, order)
    assert got.shape == (50, 4)
    for k, name in enumerate(order):
        np.testing.assert_array_equal(got[:, k], by_hand[name])


def test_squares_make_circles_linearly_separable():
    """The lesson behind the tick boxes: in (x1², x2²) the circle x1² + x2² = r² is a line."""
    rng = np.random.default_rng(1)
    angle = rng.uniform(0, 2 * np.pi, 400)
    r = np.where(np.arange(400) < 200, 1.0, 0.5)
    X = r[:, None] * np.c_[np.cos(angle), np.sin(angle)]
    phi = feature_map(X, ("x1sq", "x2sq"))
    side = phi @ np.array([1.0, 1.0]) - 0.75 ** 2          # w = (1, 1), b = -0.5625
    assert np.all((side > 0) == (r == 1.0))


def test_one_input_allows_only_the_features_of_x1():
    assert feature_names(1) == ("x1", "x1sq", "sinx1")
    assert set(feature_names(2)) == {f.name for f in FEATURES}
    np.testing.assert_array_equal(feature_map(np.array([[2.0], [-1.0]]), ("x1sq",))[:, 0],
                                  [4.0, 1.0])


@pytest.mark.parametrize("names,n_inputs,words", [
    ((), 2, "at least one"), (("x3",), 2, "unknown"), (("x2",), 1, "needs x₂"),
    (("x1", "x1"), 2, "twice")])
def test_bad_feature_lists_are_refused_in_words(names, n_inputs, words):
    with pytest.raises(ValueError, match=words):
        check_features(names, n_inputs)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="NaN"):
        feature_map(np.array([[np.nan, 1.0]]), ("x1",))
    with pytest.raises(ValueError, match="shape"):
        feature_map(np.zeros(3), ("x1",))


# ---- the training record ------------------------------------------------------------------------

def _data(seed=0, n=120):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    return X[:90], y[:90], X[90:], y[90:]


def _numpy_forward(theta, sizes, X, hidden="tanh"):
    """The network by hand: weights first then biases, W (fan_in, fan_out), tanh, sigmoid out."""
    Ws, bs, start = [], [], 0
    for a, b in zip(sizes[:-1], sizes[1:]):
        Ws.append(theta[start:start + a * b].reshape(a, b))
        start += a * b
    for b in sizes[1:]:
        bs.append(theta[start:start + b])
        start += b
    a = X
    for W, b in zip(Ws[:-1], bs[:-1]):
        a = np.tanh(a @ W + b)
    z = a @ Ws[-1] + bs[-1]
    return z[:, 0]


def test_the_record_is_the_training_replayed_and_its_numbers_by_hand():
    X, y, X_te, y_te = _data()
    sizes = (2, 5, 3, 1)
    make = lambda: Network(sizes, "tanh", "sigmoid", "cross_entropy", random_state=3)  # noqa: E731
    net = make()
    theta0 = net.get_theta()
    rec = record_training(Trainer(net, SGD(0.2), batch_size=16, random_state=4), X, y, 6,
                          X_te, y_te)
    assert rec.epochs == 6 and rec.theta.shape == (7, net.n_parameters) and not rec.stopped
    np.testing.assert_array_equal(rec.theta[0], theta0)
    # an independent trainer with the same seeds reaches the same θ after every epoch
    other = make()
    replay = Trainer(other, SGD(0.2), batch_size=16, random_state=4)
    for e in range(1, 7):
        replay.epoch(X, y)
        np.testing.assert_allclose(rec.theta[e], other.theta, rtol=0, atol=1e-12)
    for e in (0, 3, 6):
        for Xs, ys, loss, acc in ((X, y, rec.train_loss, rec.train_accuracy),
                                  (X_te, y_te, rec.test_loss, rec.test_accuracy)):
            z = _numpy_forward(rec.theta[e], sizes, Xs)
            cost = np.logaddexp(0.0, z) - ys * z                 # ln(1 + e^z) - y z
            assert loss[e] == pytest.approx(cost.mean(), rel=1e-12)
            assert acc[e] == pytest.approx(np.mean((z > 0) == (ys == 1)))
    # per-layer gradient norms = norms of finite differences of the training loss
    probe = make()
    for e in (0, 6):
        probe.set_theta(rec.theta[e])
        fd = numerical_gradient(probe, X, y, np.arange(probe.n_weights))
        starts = np.cumsum([0, 10, 15, 3])
        for l in range(3):
            np.testing.assert_allclose(rec.grad_norms[e, l],
                                       np.linalg.norm(fd[starts[l]:starts[l + 1]]), rtol=1e-6)
    assert rec.steps_per_epoch == 6


def test_training_that_diverges_keeps_the_finite_epochs_and_says_why():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 1)) * 10
    y = 50 * X[:, 0] ** 2
    net = Network((1, 8, 1), "relu", "linear", "squared_error", random_state=0)
    rec = record_training(Trainer(net, SGD(5.0), batch_size=10, random_state=0), X, y, 30)
    assert rec.stopped and "diverged" in rec.stopped
    assert rec.epochs < 30 and np.isfinite(rec.theta).all() and np.isfinite(rec.train_loss).all()
    assert np.isnan(rec.train_accuracy).all()                   # a regression network


def test_record_refuses_no_epochs():
    X, y, *_ = _data()
    net = Network((2, 3, 1), "tanh", "sigmoid", "cross_entropy", random_state=0)
    with pytest.raises(ValueError, match="epochs"):
        record_training(Trainer(net), X, y, 0)


# ---- finite differences -------------------------------------------------------------------------

def test_numerical_gradient_of_a_linear_model_is_its_closed_form_and_theta_is_restored():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(30, 3)), rng.normal(size=30)
    net = Network((3, 1), output="linear", loss="squared_error", random_state=0)
    net.theta[:] = rng.normal(size=4)
    before = net.get_theta()
    w, b = net.theta[:3], net.theta[3]
    r = X @ w + b - y                                           # L = mean ½ r²
    closed = np.r_[X.T @ r / 30, r.mean()]
    np.testing.assert_allclose(numerical_gradient(net, X, y), closed, rtol=1e-7, atol=1e-10)
    np.testing.assert_array_equal(net.theta, before)            # bit for bit
    np.testing.assert_allclose(numerical_gradient(net, X, y, [2, 0]), closed[[2, 0]], rtol=1e-7)


def test_numerical_gradient_refuses_bad_steps_and_indices():
    net = Network((2, 1), output="linear", loss="squared_error", random_state=0)
    X, y = np.ones((2, 2)), np.ones(2)
    for h in (0, -1e-5, np.nan):
        with pytest.raises(ValueError, match="step h"):
            numerical_gradient(net, X, y, h=h)
    with pytest.raises(ValueError, match="indices"):
        numerical_gradient(net, X, y, [3])


def test_weight_index_points_at_w_ij_of_layer_l():
    net = Network((3, 4, 2, 1), random_state=0)
    net.theta[:] = np.arange(net.n_parameters)
    for l, layer in enumerate(net.layers, start=1):
        for j in range(layer.fan_in):
            for i in range(layer.fan_out):
                assert net.theta[weight_index(net, l, j, i)] == layer.W[j, i]
    for bad in ((0, 0, 0), (4, 0, 0), (1, 3, 0), (2, 0, 2)):
        with pytest.raises(ValueError):
            weight_index(net, *bad)


# ---- saturation ----------------------------------------------------------------------------------

def test_curves_are_the_functions_and_their_derivatives():
    z = np.linspace(-5, 5, 101)
    s = 1 / (1 + np.exp(-z))
    a, d = curve("sigmoid", z)
    np.testing.assert_allclose(a, s, rtol=1e-12)
    np.testing.assert_allclose(d, s * (1 - s), rtol=1e-12)
    a, d = curve("tanh", z)
    np.testing.assert_allclose(d, 1 / np.cosh(z) ** 2, rtol=1e-10)
    a, d = curve("relu", z)
    np.testing.assert_array_equal(d, (z > 0).astype(float))
    with pytest.raises(ValueError, match="softmax"):
        curve("softmax", z)


def test_saturated_regions_are_where_the_derivative_falls_under_a_tenth_of_its_peak():
    # sigmoid: a(1 - a) = 0.025 at a = (1 - sqrt(0.9)) / 2; tanh: 1 - a² = 0.1 at a = sqrt(0.9)
    a = (1 - np.sqrt(0.9)) / 2
    z_sig = np.log((1 - a) / a)
    z_tanh = np.arctanh(np.sqrt(0.9))
    step = 12 / 2400
    (l1, r1), (l2, r2) = saturated_regions("sigmoid")
    assert (l1, l2) == (-6.0, pytest.approx(z_sig, abs=step)) and r2 == 6.0
    assert r1 == pytest.approx(-z_sig, abs=step)
    (l1, r1), (l2, r2) = saturated_regions("tanh")
    assert r1 == pytest.approx(-z_tanh, abs=step) and l2 == pytest.approx(z_tanh, abs=step)
    (l1, r1), = saturated_regions("relu")
    assert l1 == -6.0 and r1 == pytest.approx(0.0, abs=step) and r1 <= 0
    assert saturated_regions("linear") == []
    assert saturated("sigmoid", np.array([-5.0, 0.0, 5.0])).tolist() == [True, False, True]
    with pytest.raises(ValueError):
        saturated_regions("sigmoid", 1.0, 6.0)
