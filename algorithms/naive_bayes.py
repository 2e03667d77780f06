r"""Gaussian naive Bayes: each class is a product of independent 1-D Gaussians.

.. math::
    \log P(c \mid x) = \log P(c) - \tfrac12 \sum_j \Big[\log(2\pi\sigma^2_{cj})
    + \frac{(x_j - \mu_{cj})^2}{\sigma^2_{cj}}\Big] - \log Z(x)

with :math:`\mu_{cj}`, :math:`\sigma^2_{cj}` the (weighted) mean and variance of feature j in class c.
Every variance gets :math:`\epsilon = ` ``var_smoothing`` :math:`\cdot \max_j \mathrm{Var}(x_j)`
added, as in scikit-learn, so a constant feature cannot divide by zero.
"""

from __future__ import annotations

import numpy as np

from ._base import BaseEstimator, ClassifierMixin
from ._constraints import Interval
from ._validation import (check_classification_targets, check_n_features, check_sample_weight,
                          check_X_y)


class GaussianNB(ClassifierMixin, BaseEstimator):
    r"""Gaussian naive Bayes with weighted class statistics.

    With example weights :math:`u^n`: :math:`N_c = \sum_{n: y^n = c} u^n`,
    :math:`\mu_c = \sum_{y^n=c} u^n x^n / N_c`,
    :math:`\sigma_c^2 = \sum_{y^n=c} u^n (x^n - \mu_c)^2 / N_c + \epsilon`, and the prior
    :math:`P(c) = N_c / \sum_c N_c` unless ``priors`` is given. Integer weights therefore equal
    repeated rows, except that :math:`\epsilon` uses the unweighted variance of X (as scikit-learn).
    """

    _parameter_constraints = {
        "priors": ["array-like", None],
        "var_smoothing": [Interval(float, 0, None, closed="left")],
    }

    def __init__(self, *, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        self.classes_, y_idx = check_classification_targets(y)
        u = check_sample_weight(sample_weight, X.shape[0])
        self.n_features_in_ = X.shape[1]
        K = len(self.classes_)
        self.epsilon_ = float(self.var_smoothing * np.max(np.var(X, axis=0)))
        onehot_u = np.zeros((X.shape[0], K))
        onehot_u[np.arange(X.shape[0]), y_idx] = u
        self.class_count_ = onehot_u.sum(axis=0)
        if np.any(self.class_count_ <= 0):
            empty = self.classes_[self.class_count_ <= 0]
            raise ValueError(f"GaussianNB cannot estimate the mean and variance of class(es) "
                             f"{empty.tolist()!r}: their samples have zero total sample_weight.")
        self.theta_ = onehot_u.T @ X / self.class_count_[:, None]
        # Two passes (mean, then squared deviations) to avoid E[x^2] - E[x]^2 cancellation.
        dev = X - self.theta_[y_idx]
        self.var_ = onehot_u.T @ (dev * dev) / self.class_count_[:, None] + self.epsilon_
        if self.priors is None:
            self.class_prior_ = self.class_count_ / self.class_count_.sum()
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
        return self

    def _joint_log_likelihood(self, X):
        X = check_n_features(self, X)
        with np.errstate(divide="ignore"):  # a zero prior gives log P(c) = -inf, as it should
            log_prior = np.log(self.class_prior_)
        jll = np.empty((X.shape[0], len(self.classes_)))
        for c in range(len(self.classes_)):  # K is small; each class is fully vectorised
            log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_[c]))
            jll[:, c] = log_prior[c] + log_norm - 0.5 * np.sum(
                (X - self.theta_[c]) ** 2 / self.var_[c], axis=1)
        return jll

    def predict_log_proba(self, X):
        jll = self._joint_log_likelihood(X)
        m = jll.max(axis=1, keepdims=True)
        return jll - (m + np.log(np.exp(jll - m).sum(axis=1, keepdims=True)))

    def predict_proba(self, X):
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        jll = self._joint_log_likelihood(X)  # checks fitted-ness before classes_ is read
        return self.classes_[np.argmax(jll, axis=1)]
