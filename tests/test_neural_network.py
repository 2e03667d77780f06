"""MLPs: backward pass against finite differences, a hand-computed forward pass, parity with
scikit-learn's MLPs, sample weights, stopping rule and bad input."""

import warnings

import numpy as np
import pytest
from sklearn import neural_network as sk_nn
from sklearn.datasets import load_wine, make_classification, make_regression
from sklearn.preprocessing import StandardScaler

from algorithms import MLPClassifier, MLPRegressor
from algorithms._base import has_fit_parameter
from algorithms.linear_model import ConvergenceWarning
from algorithms.neural_network import forward_pass, loss_and_gradients

pytestmark = pytest.mark.filterwarnings("ignore::algorithms.linear_model.ConvergenceWarning",
                                        "ignore::sklearn.exceptions.ConvergenceWarning")


def _random_net(rng, sizes):
    coefs = [rng.normal(0, 0.7, (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    intercepts = [rng.normal(0, 0.3, b) for b in sizes[1:]]
    return coefs, intercepts


@pytest.mark.parametrize("activation", ["logistic", "tanh", "relu", "identity"])
@pytest.mark.parametrize("out_activation, n_out", [("logistic", 1), ("softmax", 3),
                                                    ("identity", 1)])
@pytest.mark.parametrize("hidden", [(5,), (4, 3)])
def test_backward_pass_matches_finite_differences(activation, out_activation, n_out, hidden):
    rng = np.random.default_rng(7)
    n, d = 9, 4
    X = rng.normal(size=(n, d))
    if out_activation == "softmax":
        Y = np.eye(n_out)[rng.integers(0, n_out, n)]
    elif out_activation == "logistic":
        Y = rng.integers(0, 2, (n, 1)).astype(float)
    else:
        Y = rng.normal(size=(n, 1))
    u = rng.uniform(0.2, 2.0, n)
    alpha = 0.3
    coefs, intercepts = _random_net(rng, (d, *hidden, n_out))
    _, dW, db = loss_and_gradients(coefs, intercepts, X, Y, u, alpha, activation, out_activation)
    h = 1e-6
    for params, grads in ((coefs, dW), (intercepts, db)):
        for P, G in zip(params, grads):
            numeric = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + h
                up = loss_and_gradients(coefs, intercepts, X, Y, u, alpha, activation,
                                        out_activation)[0]
                P[idx] = old - h
                down = loss_and_gradients(coefs, intercepts, X, Y, u, alpha, activation,
                                          out_activation)[0]
                P[idx] = old
                numeric[idx] = (up - down) / (2 * h)
            np.testing.assert_allclose(G, numeric, rtol=1e-5, atol=1e-8)


def test_forward_pass_and_loss_by_hand():
    # x = (1, 2); hidden: z = 0.5*1 - 0.25*2 + 0.1 = 0.1, a = sigmoid(0.1);
    # output: z = 2 a - 1, p = sigmoid(z); cost for y = 1 is -log p, plus alpha/2 * |W|^2 / 1.
    W1, b1 = np.array([[0.5], [-0.25]]), np.array([0.1])
    W2, b2 = np.array([[2.0]]), np.array([-1.0])
    X, Y = np.array([[1.0, 2.0]]), np.array([[1.0]])
    a1 = 1 / (1 + np.exp(-0.1))
    p = 1 / (1 + np.exp(-(2 * a1 - 1)))
    A = forward_pass([W1, W2], [b1, b2], X, "logistic", "logistic")
    assert A[1][0, 0] == pytest.approx(a1)
    assert A[2][0, 0] == pytest.approx(p)
    loss, dW, db = loss_and_gradients([W1, W2], [b1, b2], X, Y, np.ones(1), 0.2, "logistic",
                                      "logistic")
    assert loss == pytest.approx(-np.log(p) + 0.1 * (0.25 + 0.0625 + 4.0))
    # delta^2 = p - y; dC/dW2 = delta^2 a1 + alpha W2; delta^1 = a1 (1 - a1) W2 delta^2.
    assert dW[1][0, 0] == pytest.approx((p - 1) * a1 + 0.2 * 2.0)
    d1 = a1 * (1 - a1) * 2.0 * (p - 1)
    np.testing.assert_allclose(dW[0].ravel(), d1 * np.array([1.0, 2.0]) + 0.2 * W1.ravel())
    assert db[0][0] == pytest.approx(d1)


_CLF = {
    "binary": make_classification(1500, 10, n_informative=5, random_state=0),
    "multiclass": make_classification(1500, 10, n_informative=6, n_classes=3, random_state=1),
    "wine": (StandardScaler().fit_transform(load_wine().data), load_wine().target),
}


def _mean_scores(Ours, Ref, X, y, seeds=(0, 1, 2), **kw):
    idx = np.random.default_rng(0).permutation(len(y))
    cut = int(0.4 * len(y))
    tr, te = idx[:cut], idx[cut:]
    ours = [Ours(random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te]) for s in seeds]
    ref = [Ref(random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te]) for s in seeds]
    return np.mean(ours), np.mean(ref)


@pytest.mark.parametrize("name, activation, solver", [
    ("binary", "logistic", "adam"), ("binary", "tanh", "adam"), ("binary", "relu", "sgd"),
    ("multiclass", "relu", "adam"), ("multiclass", "tanh", "sgd"), ("wine", "logistic", "adam"),
])
def test_classifier_accuracy_within_1_5_points_of_sklearn(name, activation, solver):
    # Different random initialisations, so compare the mean over three seeds; alpha = 1 makes the
    # optimum less dependent on the starting point.
    X, y = _CLF[name]
    ours, ref = _mean_scores(MLPClassifier, sk_nn.MLPClassifier, X, y, hidden_layer_sizes=(16,),
                             activation=activation, solver=solver, alpha=1.0, max_iter=150,
                             learning_rate_init=0.01)
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("hidden, activation", [((32,), "relu"), ((16, 8), "tanh")])
def test_regressor_r2_within_1_5_points_of_sklearn(hidden, activation):
    X, y = make_regression(1000, 8, noise=10.0, random_state=2)
    y = (y - y.mean()) / y.std()
    ours, ref = _mean_scores(MLPRegressor, sk_nn.MLPRegressor, X, y, hidden_layer_sizes=hidden,
                             activation=activation, max_iter=200, learning_rate_init=0.01)
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("Est", [MLPClassifier, MLPRegressor])
def test_integer_weights_equal_repeated_rows_in_full_batch_training(Est):
    # Full batch and no shuffling: each step's gradient is the weighted mean of the sample
    # gradients, the same number for weights and for repeated rows.
    X, y = _CLF["multiclass"]
    X, y = X[:200], y[:200]
    w = np.random.default_rng(0).integers(0, 4, len(y))
    kw = dict(hidden_layer_sizes=(6, 5), activation="tanh", batch_size=10_000, shuffle=False,
              max_iter=30, tol=0.0, n_iter_no_change=1000, random_state=3, solver="sgd",
              learning_rate_init=0.05)
    a = Est(**kw).fit(X, y, sample_weight=w)
    b = Est(**kw).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    for Wa, Wb in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
        np.testing.assert_allclose(Wa, Wb, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(a.loss_curve_, b.loss_curve_, rtol=1e-9)
    assert has_fit_parameter(Est(), "sample_weight")


def test_training_curve_and_stopping_rule():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=60, random_state=0).fit(X, y)
    assert len(m.loss_curve_) == m.n_iter_ <= 60
    assert m.loss_curve_[-1] < m.loss_curve_[0]
    # With a huge tol only the first epoch improves (on an infinite best loss); training stops
    # once n_iter_no_change + 1 epochs in a row have not improved - as scikit-learn's rule does.
    quick = MLPClassifier(hidden_layer_sizes=(8,), tol=10.0, n_iter_no_change=3,
                          random_state=0).fit(X, y)
    ref = sk_nn.MLPClassifier(hidden_layer_sizes=(8,), tol=10.0, n_iter_no_change=3,
                              random_state=0).fit(X, y)
    assert quick.n_iter_ == ref.n_iter_ == 1 + 3 + 1
    with pytest.warns(ConvergenceWarning, match="maximum iterations"):
        MLPClassifier(hidden_layer_sizes=(4,), max_iter=2, random_state=0).fit(X, y)


def test_random_state_reproducible_and_sigmoid_alias():
    X, y = _CLF["binary"]
    kw = dict(hidden_layer_sizes=(5, 4), max_iter=5)
    a = MLPClassifier(activation="sigmoid", random_state=11, **kw).fit(X, y)
    b = MLPClassifier(activation="logistic", random_state=11, **kw).fit(X, y)
    np.testing.assert_array_equal(a.predict_proba(X), b.predict_proba(X))
    c = MLPClassifier(activation="logistic", random_state=12, **kw).fit(X, y)
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])
    assert [W.shape for W in a.coefs_] == [(10, 5), (5, 4), (4, 1)]


def test_string_labels_proba_and_forward():
    X, y = _CLF["multiclass"]
    labels = np.array(["r", "g", "b"])[y]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=20, random_state=0).fit(X, labels)
    assert list(m.classes_) == ["b", "g", "r"]
    proba = m.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert set(m.predict(X)) <= {"r", "g", "b"}
    layers = m.forward(X[:5])
    assert [a.shape for a in layers] == [(5, 10), (5, 8), (5, 3)]
    np.testing.assert_allclose(layers[-1], proba[:5])
    r = MLPRegressor(hidden_layer_sizes=(4,), max_iter=5, random_state=0).fit(X, y.astype(float))
    assert r.predict(X).shape == (len(y),)


@pytest.mark.parametrize("params, name", [
    (dict(hidden_layer_sizes=(0,)), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=()), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=(3, "a")), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=-2), "hidden_layer_sizes"),
    (dict(activation="softplus"), "activation"), (dict(solver="lbfgs"), "solver"),
    (dict(learning_rate_init=0.0), "learning_rate_init"), (dict(alpha=-1.0), "alpha"),
    (dict(batch_size=0), "batch_size"), (dict(max_iter=0), "max_iter"),
    (dict(momentum=1.5), "momentum"), (dict(beta_2=1.0), "beta_2"),
])
def test_absurd_parameters_are_rejected_by_name(params, name):
    X, y = _CLF["binary"]
    with pytest.raises(ValueError, match=name):
        MLPClassifier(**params).fit(X, y)


def test_bad_data():
    X, y = _CLF["binary"]
    bad = X.copy()
    bad[1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        MLPClassifier().fit(bad, y)
    with pytest.raises(ValueError, match="1 class"):
        MLPClassifier().fit(X, np.zeros(len(y)))
    m = MLPRegressor(hidden_layer_sizes=(3,), max_iter=2).fit(X, y.astype(float))
    with pytest.raises(ValueError, match="4 features, but MLPRegressor is expecting 10"):
        m.predict(X[:, :4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="not fitted"):
            MLPClassifier().predict(X)
