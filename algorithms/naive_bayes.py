r"""Gaussian naive Bayes: each class is a product of independent 1-D Gaussians.

.. math::
    \log P(c \mid x) = \log P(c) - \tfrac12 \sum_j \Big[\log(2\pi\sigma^2_{cj})
    + \frac{(x_j - \mu_{cj})^2}{\sigma^2_{cj}}\Big] - \log Z(x)

with :math:`\mu_{cj}`, :math:`\sigma^2_{cj}` the (weighted) mean and variance of feature j in class c.
Every variance gets :math:`\epsilon = ` ``var_smoothing`` :math:`\cdot \max_j \mathrm{Var}(x_j)`
added, as in scikit-learn, so a feature constant within a class cannot divide by zero. When *every*
feature is constant that maximum is 0 (scikit-learn then returns NaN probabilities); here
:math:`\epsilon` falls back to ``var_smoothing`` times the largest :math:`x^2` (1 when X is all
zeros), so the Gaussians stay proper and the posterior is the prior.

``partial_fit`` learns from batches: per class, the running weight, mean and variance are merged
with each batch's (Chan, Golub and LeVeque's update, scikit-learn's), so batches give what one
``fit`` on all the rows gives.
"""

from __future__ import annotations

import numpy as np

from ._base import BaseEstimator, ClassifierMixin
from ._constraints import Interval
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_sample_weight, check_X_y)


def _merge(n_a, mean_a, var_a, n_b, mean_b, var_b):
    r"""Weight, mean and variance of two groups pooled (arrays broadcast over features): with
    $f = n_b / (n_a + n_b)$, $\mu = \mu_a + f(\mu_b - \mu_a)$ and
    $\sigma^2 = (1-f)\sigma_a^2 + f\sigma_b^2 + f(1-f)(\mu_b - \mu_a)^2$ (an empty group leaves the
    other exactly as it is)."""
    n = n_a + n_b
    with np.errstate(invalid="ignore", divide="ignore"):
        f = np.where(n > 0, n_b / n, 0.0)
    gap = mean_b - mean_a
    return n, mean_a + f * gap, (1.0 - f) * var_a + f * var_b + f * (1.0 - f) * gap * gap


class GaussianNB(ClassifierMixin, BaseEstimator):
    r"""Gaussian naive Bayes with weighted class statistics.

    With example weights :math:`u^n`: :math:`N_c = \sum_{n: y^n = c} u^n`,
    :math:`\mu_c = \sum_{y^n=c} u^n x^n / N_c`,
    :math:`\sigma_c^2 = \sum_{y^n=c} u^n (x^n - \mu_c)^2 / N_c + \epsilon`, and the prior
    :math:`P(c) = N_c / \sum_c N_c` unless ``priors`` is given. Integer weights therefore equal
    repeated rows, except that :math:`\epsilon` uses the unweighted variance of X (as scikit-learn).
    float32 input keeps float32 ``theta_``, ``var_`` and probabilities (computed in float64).
    """

    _parameter_constraints = {
        "priors": ["array-like", None],
        "var_smoothing": [Interval(float, 0, None, closed="left")],
    }

    def __init__(self, *, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        """Forget earlier data and learn from (X, y)."""
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self, keep_float32=True)
        self.classes_, y_idx = check_classification_targets(y)
        self._start(X, len(self.classes_))
        return self._learn(X, y_idx, sample_weight)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Learn from one more batch. The first call needs ``classes`` (every label that will
        ever appear), as in scikit-learn; later batches may hold any subset of them."""
        self._validate_params()
        first = not hasattr(self, "classes_") or not hasattr(self, "_n_seen")
        if first and classes is None:
            raise ValueError("classes must be passed on the first call to partial_fit: every "
                             "label the batches will hold.")
        X, y = check_X_y(X, y, estimator=self, keep_float32=True)
        if first:
            self.classes_ = np.unique(np.asarray(classes))
            if len(self.classes_) < 2:
                raise ValueError(f"classes holds {len(self.classes_)} label(s); a classifier "
                                 "needs at least 2.")
            self._start(X, len(self.classes_))
        else:
            if classes is not None and not np.array_equal(np.unique(np.asarray(classes)),
                                                          self.classes_):
                raise ValueError(f"classes={np.unique(classes).tolist()!r} differs from the "
                                 f"first call's {self.classes_.tolist()!r}.")
            if X.shape[1] != self.n_features_in_:
                raise ValueError(f"X has {X.shape[1]} features, but GaussianNB is expecting "
                                 f"{self.n_features_in_} features as input.")
        y = np.asarray(y)
        idx = np.clip(np.searchsorted(self.classes_, y), 0, len(self.classes_) - 1)
        unknown = self.classes_[idx] != y
        if unknown.any():
            raise ValueError(f"y holds label(s) {np.unique(y[unknown]).tolist()!r} not among the "
                             f"classes given on the first call, {self.classes_.tolist()!r}.")
        return self._learn(X, idx.astype(np.intp), sample_weight, batch=True)

    def _start(self, X, K):
        d = X.shape[1]
        self._dtype = X.dtype
        self.n_features_in_ = d
        self.class_count_ = np.zeros(K)
        self._mean = np.zeros((K, d))
        self._var = np.zeros((K, d))
        # unweighted running statistics of all rows, for epsilon (scikit-learn's: unweighted)
        self._n_seen, self._mean_all, self._var_all = 0.0, np.zeros(d), np.zeros(d)

    def _learn(self, X, y_idx, sample_weight, batch=False):
        K = len(self.classes_)
        X = X.astype(np.float64, copy=False)
        # a batch may hold one class only; a whole fit may not (weights included)
        u = check_sample_weight(sample_weight, X.shape[0], y=None if batch else y_idx)
        onehot_u = np.zeros((X.shape[0], K))
        onehot_u[np.arange(X.shape[0]), y_idx] = u
        N = onehot_u.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(N[:, None] > 0, onehot_u.T @ X / N[:, None], 0.0)
            # two passes (mean, then squared deviations): no E[x^2] - E[x]^2 cancellation
            dev = X - mean[y_idx]
            var = np.where(N[:, None] > 0, onehot_u.T @ (dev * dev) / N[:, None], 0.0)
        self.class_count_, self._mean, self._var = _merge(
            self.class_count_[:, None], self._mean, self._var, N[:, None], mean, var)
        self.class_count_ = self.class_count_[:, 0]
        self._n_seen, self._mean_all, self._var_all = _merge(
            self._n_seen, self._mean_all, self._var_all, float(X.shape[0]), X.mean(axis=0),
            X.var(axis=0))
        if not batch and np.any(self.class_count_ <= 0):
            empty = self.classes_[self.class_count_ <= 0]
            raise ValueError(f"GaussianNB cannot estimate the mean and variance of class(es) "
                             f"{empty.tolist()!r}: their samples have zero total sample_weight.")
        self._finish()
        return self

    def _finish(self):
        spread = float(np.max(self._var_all))
        if spread == 0.0:   # every feature constant: a scale from the values themselves
            spread = max(float(np.max(self._mean_all ** 2)), 1.0)
        self.epsilon_ = float(self.var_smoothing * spread)
        if self.epsilon_ == 0.0:   # var_smoothing = 0 on constant features
            self.epsilon_ = float(np.finfo(np.float64).tiny)
        self.theta_ = self._mean.astype(self._dtype)
        self.var_ = (self._var + self.epsilon_).astype(self._dtype)
        K = len(self.classes_)
        if self.priors is None:
            total = self.class_count_.sum()
            self.class_prior_ = self.class_count_ / total if total > 0 else np.full(K, 1.0 / K)
        else:
            priors = np.asarray(self.priors, dtype=float).ravel()
            if priors.shape[0] != K:
                raise ValueError(f"Number of priors ({priors.shape[0]}) must match the number of "
                                 f"classes ({K}).")
            if np.any(priors < 0):
                raise ValueError("priors must be non-negative.")
            if not np.isclose(priors.sum(), 1.0):
                raise ValueError(f"The sum of the priors should be 1; got {priors.sum():g}.")
            self.class_prior_ = priors

    def _joint_log_likelihood(self, X):
        check_is_fitted(self, "theta_")
        X = check_n_features(self, X).astype(np.float64, copy=False)
        with np.errstate(divide="ignore"):  # a zero prior gives log P(c) = -inf, as it should
            log_prior = np.log(self.class_prior_)
        theta, var = self.theta_.astype(np.float64), self.var_.astype(np.float64)
        jll = np.empty((X.shape[0], len(self.classes_)))
        for c in range(len(self.classes_)):  # K is small; each class is fully vectorised
            log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * var[c]))
            jll[:, c] = log_prior[c] + log_norm - 0.5 * np.sum((X - theta[c]) ** 2 / var[c],
                                                               axis=1)
        return jll

    def predict_log_proba(self, X):
        jll = self._joint_log_likelihood(X)
        m = jll.max(axis=1, keepdims=True)
        out = jll - (m + np.log(np.exp(jll - m).sum(axis=1, keepdims=True)))
        return out.astype(self.theta_.dtype, copy=False)

    def predict_proba(self, X):
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        jll = self._joint_log_likelihood(X)  # checks fitted-ness before classes_ is read
        return self.classes_[np.argmax(jll, axis=1)]
