r"""Multi-layer perceptrons trained by backpropagation, written out as in the course's lecture.

Notation (one sample, column vectors as on the slides): layer l computes
:math:`z^l = W^l a^{l-1} + b^l`, :math:`a^l = \sigma(z^l)`, with :math:`a^0 = x`. For the cost C
of one sample, the backward pass is

.. math::
    \delta^L = \frac{\partial C}{\partial z^L} = a^L - y, \qquad
    \delta^l = \sigma'(z^l) \odot (W^{l+1})^\top \delta^{l+1}, \qquad
    \frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^\top, \quad
    \frac{\partial C}{\partial b^l} = \delta^l .

(:math:`\delta^L = a^L - y` holds for each output layer used here: sigmoid + binary cross-entropy,
softmax + cross-entropy, identity + half squared error.)

In code a mini-batch is a matrix whose *rows* are samples, and weights are stored as scikit-learn
stores ``coefs_``: ``coefs_[l]`` has shape (fan_in, fan_out), i.e. it is :math:`(W^l)^\top`. The same
formulas then read ``Z = A @ coefs_[l] + intercepts_[l]``,
``delta_prev = sigma'(Z_prev) * (delta @ coefs_[l].T)`` and ``dW = A_prev.T @ delta``.

The batch cost is the weighted mean of the sample costs plus an L2 penalty,
:math:`\frac{1}{\sum u}\big(\sum_n u^n C^n + \tfrac{\alpha}{2}\sum_l\lVert W^l\rVert^2\big)`,
exactly scikit-learn's ``MLPClassifier`` / ``MLPRegressor`` cost.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin
from ._constraints import Interval, Options
from ._validation import (check_classification_targets, check_n_features, check_random_state,
                          check_sample_weight, check_X_y)
from .linear_model import ConvergenceWarning


# --------------------------------------------------------------------------------------------
# Activations: each forward function sits next to its derivative (written in terms of a = sigma(z)).
# --------------------------------------------------------------------------------------------

def _logistic(z):
    r""":math:`\sigma(z) = 1 / (1 + e^{-z})`."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # same value, no overflow warning for large |z|


def _logistic_prime(a):
    r""":math:`\sigma'(z) = \sigma(z)(1 - \sigma(z)) = a (1 - a)`."""
    return a * (1.0 - a)


def _tanh_prime(a):
    r""":math:`\tanh'(z) = 1 - \tanh^2(z) = 1 - a^2`."""
    return 1.0 - a * a


def _relu(z):
    r""":math:`\max(0, z)`."""
    return np.maximum(z, 0.0)


def _relu_prime(a):
    r""":math:`\mathrm{ReLU}'(z) = 1` where :math:`z > 0`, else 0 (and :math:`a > 0 \iff z > 0`)."""
    return (a > 0).astype(a.dtype)


def _identity(z):
    return z


def _identity_prime(a):
    return np.ones_like(a)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


ACTIVATIONS = {"logistic": (_logistic, _logistic_prime), "sigmoid": (_logistic, _logistic_prime),
               "tanh": (np.tanh, _tanh_prime), "relu": (_relu, _relu_prime),
               "identity": (_identity, _identity_prime)}
OUTPUTS = {"logistic": _logistic, "softmax": _softmax, "identity": _identity}


def forward_pass(coefs, intercepts, X, activation, out_activation):
    r"""Activations :math:`[a^0 = X, a^1, \dots, a^L]`, with :math:`a^l = \sigma(a^{l-1} W + b)`."""
    sigma = ACTIVATIONS[activation][0]
    A = [X]
    for l, (W, b) in enumerate(zip(coefs, intercepts)):
        z = A[-1] @ W + b                                     # z^l = W^l a^{l-1} + b^l
        last = l == len(coefs) - 1
        A.append(OUTPUTS[out_activation](z) if last else sigma(z))   # a^l = sigma(z^l)
    return A


def sample_costs(Y, out, out_activation):
    r"""Per-sample cost: cross-entropy (sigmoid / softmax outputs) or :math:`\tfrac12 (y-a)^2`."""
    if out_activation == "identity":
        return 0.5 * np.mean((Y - out) ** 2, axis=1)
    eps = np.finfo(out.dtype).eps
    p = np.clip(out, eps, 1.0 - eps)
    if out_activation == "logistic":
        return -(Y * np.log(p) + (1.0 - Y) * np.log(1.0 - p)).sum(axis=1)
    return -(Y * np.log(p)).sum(axis=1)


def loss_and_gradients(coefs, intercepts, X, Y, u, alpha, activation, out_activation):
    r"""Batch cost and its gradient with respect to every ``coefs_[l]`` and ``intercepts_[l]``.

    Forward pass, then the backward pass of the module docstring, with each sample's
    :math:`\delta^L` scaled by :math:`u^n / \sum u` (the weighted mean) and the penalty's gradient
    :math:`\alpha W^l / \sum u` added.
    """
    A = forward_pass(coefs, intercepts, X, activation, out_activation)
    s = u.sum()
    penalty = 0.5 * alpha * sum(float(np.vdot(W, W)) for W in coefs) / s
    loss = float(u @ sample_costs(Y, A[-1], out_activation)) / s + penalty
    sigma_prime = ACTIVATIONS[activation][1]
    L = len(coefs)
    dW, db = [None] * L, [None] * L
    delta = (A[-1] - Y) * (u / s)[:, None]                  # delta^L = a^L - y (weighted)
    for l in range(L - 1, -1, -1):
        dW[l] = A[l].T @ delta + (alpha / s) * coefs[l]      # dC/dW^l = delta^l (a^{l-1})^T
        db[l] = delta.sum(axis=0)                           # dC/db^l = delta^l
        if l > 0:                                           # delta^{l-1} = sigma'(z) * W^T delta^l
            delta = sigma_prime(A[l]) * (delta @ coefs[l].T)
    return loss, dW, db


# --------------------------------------------------------------------------------------------
# Optimisers
# --------------------------------------------------------------------------------------------

class _SGD:
    r"""Momentum SGD: :math:`v \leftarrow \mu v - \eta g`; step :math:`v` (or Nesterov's
    :math:`\mu v - \eta g`)."""

    def __init__(self, params, lr, momentum, nesterov):
        self.lr, self.momentum, self.nesterov = lr, momentum, nesterov
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        mu, lr = self.momentum, self.lr
        for p, g, v in zip(params, grads, self.velocity):
            v *= mu
            v -= lr * g
            p += (mu * v - lr * g) if self.nesterov else v


class _Adam:
    r"""Adam: :math:`m \leftarrow \beta_1 m + (1-\beta_1) g`, :math:`v \leftarrow \beta_2 v + (1-\beta_2) g^2`,
    step :math:`-\eta \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t} \frac{m}{\sqrt v + \epsilon}`."""

    def __init__(self, params, lr, beta_1, beta_2, epsilon):
        self.lr, self.b1, self.b2, self.eps, self.t = lr, beta_1, beta_2, epsilon, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        self.t += 1
        lr_t = self.lr * np.sqrt(1.0 - self.b2 ** self.t) / (1.0 - self.b1 ** self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.b1
            m += (1.0 - self.b1) * g
            v *= self.b2
            v += (1.0 - self.b2) * (g * g)
            p -= lr_t * m / (np.sqrt(v) + self.eps)


# --------------------------------------------------------------------------------------------
# Estimators
# --------------------------------------------------------------------------------------------

def _check_hidden_layer_sizes(value) -> tuple[int, ...]:
    sizes = (value,) if isinstance(value, numbers.Integral) else value
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise ValueError(f"hidden_layer_sizes must be an int or a tuple of ints; got {value!r}."
                         ) from None
    if not sizes or not all(isinstance(h, numbers.Integral) and not isinstance(h, bool) and h >= 1
                            for h in sizes):
        raise ValueError(f"hidden_layer_sizes must hold one or more positive ints (one per hidden "
                         f"layer); got {value!r}.")
    return tuple(int(h) for h in sizes)


class _BaseMLP(BaseEstimator):
    _parameter_constraints = {
        "hidden_layer_sizes": ["array-like", Interval(int, 1, None, closed="left")],
        "activation": [Options({"logistic", "sigmoid", "tanh", "relu", "identity"})],
        "solver": [Options({"sgd", "adam"})],
        "alpha": [Interval(float, 0, None, closed="left")],
        "batch_size": [Options({"auto"}), Interval(int, 1, None, closed="left")],
        "learning_rate_init": [Interval(float, 0, None, closed="neither")],
        "max_iter": [Interval(int, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(float, 0, None, closed="left")],
        "momentum": [Interval(float, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
        "beta_1": [Interval(float, 0, 1, closed="left")],
        "beta_2": [Interval(float, 0, 1, closed="left")],
        "epsilon": [Interval(float, 0, None, closed="neither")],
        "n_iter_no_change": [Interval(int, 1, None, closed="left")],
    }

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam", alpha=1e-4,
                 batch_size="auto", learning_rate_init=1e-3, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, momentum=0.9, nesterovs_momentum=True, beta_1=0.9,
                 beta_2=0.999, epsilon=1e-8, n_iter_no_change=10):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change

    def _init_weights(self, layer_units, rng):
        r"""Glorot uniform: :math:`W, b \sim U(-r, r)`, :math:`r = \sqrt{k / (n_{in} + n_{out})}`,
        k = 2 for sigmoid units and 6 otherwise (scikit-learn's choice)."""
        k = 2.0 if self.activation in ("logistic", "sigmoid") else 6.0
        self.coefs_, self.intercepts_ = [], []
        for fan_in, fan_out in zip(layer_units[:-1], layer_units[1:]):
            r = np.sqrt(k / (fan_in + fan_out))
            self.coefs_.append(rng.uniform(-r, r, (fan_in, fan_out)))
            self.intercepts_.append(rng.uniform(-r, r, fan_out))

    def _fit(self, X, Y, u):
        r"""Mini-batch training; one epoch = one pass over the (shuffled) rows.

        Stops when the epoch loss has not dropped below (best loss - ``tol``) for more than
        ``n_iter_no_change`` epochs in a row, or after ``max_iter`` epochs.
        """
        hidden = _check_hidden_layer_sizes(self.hidden_layer_sizes)
        activation = "logistic" if self.activation == "sigmoid" else self.activation
        rng = check_random_state(self.random_state)
        n = X.shape[0]
        self.n_features_in_ = X.shape[1]
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(hidden) + 2
        self._init_weights((X.shape[1], *hidden, Y.shape[1]), rng)
        params = self.coefs_ + self.intercepts_
        if self.solver == "adam":
            opt = _Adam(params, self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)
        else:
            opt = _SGD(params, self.learning_rate_init, self.momentum, self.nesterovs_momentum)
        batch = min(200, n) if self.batch_size == "auto" else min(self.batch_size, n)
        self.loss_curve_ = []
        self.best_loss_, no_improvement = np.inf, 0
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            if self.shuffle:
                order = rng.permutation(n)
                Xe, Ye, ue = X[order], Y[order], u[order]
            else:
                Xe, Ye, ue = X, Y, u
            total = 0.0
            for start in range(0, n, batch):
                sl = slice(start, start + batch)
                ub = ue[sl]
                if ub.sum() <= 0:  # a batch of zero-weight rows carries no gradient
                    continue
                loss, dW, db = loss_and_gradients(self.coefs_, self.intercepts_, Xe[sl], Ye[sl],
                                                  ub, self.alpha, activation, self.out_activation_)
                total += loss * ub.shape[0]
                opt.step(params, dW + db)
            self.n_iter_ += 1
            self.loss_ = total / n
            self.loss_curve_.append(self.loss_)
            no_improvement = no_improvement + 1 if self.loss_ > self.best_loss_ - self.tol else 0
            self.best_loss_ = min(self.best_loss_, self.loss_)
            if no_improvement > self.n_iter_no_change:
                break
        else:
            warnings.warn(f"{type(self).__name__}: maximum iterations ({self.max_iter}) reached "
                          "and the optimisation has not converged yet.", ConvergenceWarning,
                          stacklevel=3)
        self.t_ = self.n_iter_ * n
        return self

    def _forward(self, X):
        X = check_n_features(self, X)
        activation = "logistic" if self.activation == "sigmoid" else self.activation
        return forward_pass(self.coefs_, self.intercepts_, X, activation, self.out_activation_)

    def forward(self, X):
        r"""Every layer's activations :math:`[a^0 = X, a^1, \dots, a^L]` (for drawing the network)."""
        return self._forward(X)


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Neural-network classifier: sigmoid output + binary cross-entropy for two classes, softmax +
    cross-entropy for more. See the module docstring for the forward and backward passes."""

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        _check_hidden_layer_sizes(self.hidden_layer_sizes)
        X, y = check_X_y(X, y, estimator=self)
        self.classes_, y_idx = check_classification_targets(y)
        u = check_sample_weight(sample_weight, X.shape[0])
        K = len(self.classes_)
        if K == 2:
            self.out_activation_ = "logistic"
            Y = y_idx[:, None].astype(float)
        else:
            self.out_activation_ = "softmax"
            Y = np.zeros((X.shape[0], K))
            Y[np.arange(X.shape[0]), y_idx] = 1.0
        return self._fit(X, Y, u)

    def predict_proba(self, X):
        out = self._forward(X)[-1]
        if out.shape[1] == 1:
            return np.hstack([1.0 - out, out])
        return out

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        proba = self.predict_proba(X)  # checks fitted-ness before classes_ is read
        return self.classes_[np.argmax(proba, axis=1)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    r"""Neural-network regressor: identity output, cost :math:`\tfrac12 (y - a^L)^2`."""

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        _check_hidden_layer_sizes(self.hidden_layer_sizes)
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        u = check_sample_weight(sample_weight, X.shape[0])
        self.out_activation_ = "identity"
        return self._fit(X, y[:, None], u)

    def predict(self, X):
        return self._forward(X)[-1].ravel()
