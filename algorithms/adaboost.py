r"""AdaBoost, exactly as the lecture derives it (LECTURE.md §3).

Binary labels $y^n \in \{+1, -1\}$ (``classes_[1]`` is +1). Start with $u_1^n = 1$. For
$t = 1, \dots, T$:

1. train $f_t$ on the training set weighted by $u_t$ (re-weighting; learners whose ``fit`` has no
   ``sample_weight`` are trained on a re-sample drawn with probabilities $u_t^n / Z_t$ instead);
2. weighted error $\varepsilon_t = \sum_n u_t^n\,\delta(f_t(x^n) \ne y^n) / Z_t$ with
   $Z_t = \sum_n u_t^n$;
3. $d_t = \sqrt{(1-\varepsilon_t)/\varepsilon_t}$ and $\alpha_t = \ln d_t$;
4. $u_{t+1}^n = u_t^n \exp(-y^n f_t(x^n)\,\alpha_t)$: misclassified examples are multiplied by $d_t$,
   correct ones divided by $d_t$, after which $f_t$'s weighted error under $u_{t+1}$ is exactly 0.5.

The ensemble is $H(x) = \mathrm{sign}(g(x))$ with $g(x) = \sum_t \alpha_t f_t(x)$. Its training error
is bounded by $\prod_t 2\sqrt{\varepsilon_t(1-\varepsilon_t)}$ (``error_bound_``), which falls with
every round because each factor is < 1.

Stopping: $\varepsilon_t \ge 0.5$ means $f_t$ is no better than chance; it is dropped and training
stops. $\varepsilon_t = 0$ means $f_t$ is perfect on the training set; it is kept with $\alpha_t$
computed from $\varepsilon_t$ clipped to ``EPS_FLOOR`` (so that H equals $f_t$ on the training set),
and training stops. Both are recorded in ``stop_reason_``.

More than two classes: SAMME (Zhu et al. 2009), $\alpha_t = \ln\frac{1-\varepsilon_t}{\varepsilon_t} +
\ln(K-1)$, misclassified weights multiplied by $e^{\alpha_t}$, $H(x) = \arg\max_k \sum_t \alpha_t
\delta(f_t(x) = k)$. For K = 2 SAMME's $\alpha$ is twice the lecture's and $H$ is the same; the
binary case here always uses the lecture's $\alpha_t = \ln d_t$.
"""

from __future__ import annotations

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, clone, has_fit_parameter
from ._binning import Binner
from ._constraints import Interval
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .tree import DecisionTreeClassifier

EPS_FLOOR = 1e-10
_OUTPUT_BLOCK = 1 << 21   # members' outputs computed at once: (members x rows) numbers


class AdaBoostClassifier(ClassifierMixin, BaseEstimator):
    """Discrete AdaBoost with the lecture's names: ``estimator_errors_`` (epsilon_t),
    ``estimator_weights_`` (alpha_t), ``sample_weights_`` (u_t, one row per round),
    ``error_bound_`` (prod of 2 sqrt(eps(1-eps)) after each round), ``stop_reason_``.
    """

    _parameter_constraints = {
        "estimator": ["estimator", None],
        "n_estimators": [Interval(int, 1, None, "left")],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator=None, n_estimators=50, random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.random_state = random_state

    # -- training -----------------------------------------------------------------------------------
    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        u = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, y_enc = check_classification_targets(y)
        self.n_classes_ = K = len(self.classes_)
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        template = clone(self.estimator) if self.estimator is not None else \
            DecisionTreeClassifier(max_depth=1)
        fast_tree = type(template) is DecisionTreeClassifier
        reweight = fast_tree or has_fit_parameter(template, "sample_weight")
        binner = Binner().fit(X[u > 0]) if fast_tree else None
        Xb = binner.transform(X) if fast_tree else None
        y_pm = np.where(y_enc == 1, 1.0, -1.0)  # the lecture's y^n (binary case)

        self.estimators_, errors, alphas, weights, bound = [], [], [], [], []
        self.stop_reason_ = None
        Z_bound = 1.0
        for t in range(self.n_estimators):
            f_t, pred = self._fit_learner(template, X, y_enc, u, rng, fast_tree, reweight,
                                          binner, Xb)
            miss = pred != y_enc
            Z = u.sum()
            eps = float(u[miss].sum() / Z)
            if eps >= 1.0 - 1.0 / K:
                self.stop_reason_ = (f"round {t + 1}: epsilon = {eps:.4f} >= {1 - 1 / K:.2f}, the "
                                     "learner is no better than chance; it was dropped and "
                                     "boosting stopped.")
                break
            weights.append(u.copy())
            eps_used = max(eps, EPS_FLOOR)
            if K == 2:
                alpha = 0.5 * np.log((1.0 - eps_used) / eps_used)      # alpha_t = ln d_t
                f_pm = np.where(pred == 1, 1.0, -1.0)
                u = u * np.exp(-y_pm * f_pm * alpha)                   # u_{t+1}
            else:
                alpha = np.log((1.0 - eps_used) / eps_used) + np.log(K - 1.0)   # SAMME
                u = u * np.exp(alpha * miss)
            Z_bound *= 2.0 * np.sqrt(eps * (1.0 - eps))
            self.estimators_.append(f_t)
            errors.append(eps)
            alphas.append(alpha)
            bound.append(Z_bound)
            if eps == 0.0:
                self.stop_reason_ = (f"round {t + 1}: epsilon = 0, the learner classifies every "
                                     "training example correctly; boosting stopped (alpha from "
                                     f"epsilon clipped to {EPS_FLOOR:g}).")
                break
            if not 1e-200 < u.sum() < 1e200:  # only ratios of u matter; keep them representable
                u = u * (len(u) / u.sum())
        if not self.estimators_:
            raise ValueError("AdaBoostClassifier could not fit: the first learner's weighted error "
                             f"is {eps:.3f} (>= {1 - 1 / K:.2f}), no better than chance. Use a "
                             "stronger base learner.")
        self.estimator_errors_ = np.array(errors)
        self.estimator_weights_ = np.array(alphas)
        self.sample_weights_ = np.array(weights)
        self.error_bound_ = np.array(bound)
        self.n_estimators_ = len(self.estimators_)
        return self

    def _fit_learner(self, template, X, y_enc, u, rng, fast_tree, reweight, binner, Xb):
        """Train f_t on the u-weighted data; return it and its predictions (class indices) on X."""
        est = clone(template)
        if "random_state" in est.get_params(deep=False):
            est.set_params(random_state=int(rng.integers(2**31 - 1)))
        if fast_tree:
            est.classes_ = np.arange(self.n_classes_)
            est.n_classes_ = self.n_classes_
            est._fit_encoded(X, y_enc, u, binner=binner, Xb=Xb)
            # the training rows' leaves are known from growth: no need to predict them again
            pred = est.tree_.value[est._train_leaves].argmax(axis=1)
            return est, pred
        if reweight:
            est.fit(X, y_enc, sample_weight=u / u.mean())
        else:
            idx = rng.choice(len(u), size=len(u), replace=True, p=u / u.sum())
            est.fit(X[idx], y_enc[idx])
        return est, np.asarray(est.predict(X)).astype(np.intp)

    # -- the ensemble ---------------------------------------------------------------------------------
    def _learner_output(self, est, X):
        """f_t(x): +-1 (binary) or class index (multiclass)."""
        if isinstance(est, DecisionTreeClassifier) and hasattr(est, "tree_"):
            pred = est.tree_.predict(X).argmax(axis=1)
        else:
            pred = np.asarray(est.predict(X)).astype(np.intp)
        return np.where(pred == 1, 1.0, -1.0) if self.n_classes_ == 2 else pred

    def _member_outputs(self, X):
        """f_t(x) for t = 1..T, one row per member. Stumps (trees of depth <= 1) are evaluated
        all at once in blocks of rows: f_t(x) = right class if x[feature_t] > threshold_t else
        left class."""
        members = self.estimators_
        stumps = all(isinstance(e, DecisionTreeClassifier) and hasattr(e, "tree_")
                     and e.tree_.node_count <= 3 for e in members)
        if not stumps:
            for est in members:
                yield self._learner_output(est, X)
            return
        trees = [e.tree_ for e in members]
        split = np.array([t.node_count == 3 for t in trees])
        feature = np.array([t.feature[0] if s else 0 for t, s in zip(trees, split)])
        threshold = np.array([t.threshold[0] if s else np.inf for t, s in zip(trees, split)])
        left = np.array([t.value[1 if s else 0].argmax() for t, s in zip(trees, split)])
        right = np.array([t.value[2 if s else 0].argmax() for t, s in zip(trees, split)])
        if self.n_classes_ == 2:
            left, right = np.where(left == 1, 1.0, -1.0), np.where(right == 1, 1.0, -1.0)
        block = max(1, _OUTPUT_BLOCK // max(X.shape[0], 1))
        for lo in range(0, len(trees), block):
            sl = slice(lo, lo + block)
            go_right = X[:, feature[sl]].T > threshold[sl, None]
            yield from np.where(go_right, right[sl, None], left[sl, None])

    def staged_decision_function(self, X):
        r"""$g_t(x) = \sum_{\tau \le t} \alpha_\tau f_\tau(x)$ for t = 1..T (binary: shape (n,);
        multiclass: (n, K) weighted votes)."""
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        K = self.n_classes_
        g = np.zeros(X.shape[0]) if K == 2 else np.zeros((X.shape[0], K))
        for f, alpha in zip(self._member_outputs(X), self.estimator_weights_):
            if K == 2:
                g = g + alpha * f
            else:
                g = g.copy()
                g[np.arange(X.shape[0]), f] += alpha
            yield g

    def decision_function(self, X) -> np.ndarray:
        g = None
        for g in self.staged_decision_function(X):
            pass
        return g

    def staged_predict(self, X):
        for g in self.staged_decision_function(X):
            yield self._label(g)

    def predict(self, X) -> np.ndarray:
        """$H(x) = \\mathrm{sign}(g(x))$ (binary) or the class with the largest weighted vote."""
        return self._label(self.decision_function(X))

    def _label(self, g):
        if self.n_classes_ == 2:
            return self.classes_[(g > 0).astype(int)]
        return self.classes_[g.argmax(axis=1)]

    def _proba(self, g):
        if self.n_classes_ == 2:
            # exponential loss's link: g = 1/2 ln(p / (1 - p))  =>  p = 1 / (1 + exp(-2 g))
            p1 = 1.0 / (1.0 + np.exp(-2.0 * g))
            return np.column_stack([1.0 - p1, p1])
        return g / g.sum(axis=1, keepdims=True)

    def staged_predict_proba(self, X):
        for g in self.staged_decision_function(X):
            yield self._proba(g)

    def predict_proba(self, X) -> np.ndarray:
        """Binary: $p(+1 \\mid x) = 1/(1 + e^{-2g(x)})$; multiclass: normalised weighted votes."""
        return self._proba(self.decision_function(X))

    # -- what the playground draws ----------------------------------------------------------------------
    def margins(self, X, y, *, normalized: bool = True) -> np.ndarray:
        r"""Margins after every round, shape (T, n): $y\,g_t(x)$, divided by $\sum_{\tau\le t}
        \alpha_\tau$ when ``normalized`` (then in [-1, 1]). Binary only (LECTURE.md §3)."""
        if self.n_classes_ != 2:
            raise ValueError("margins are defined here for binary AdaBoost only.")
        y = np.asarray(y)
        y_pm = np.where(y == self.classes_[1], 1.0, -1.0)
        G = np.array(list(self.staged_decision_function(X)))
        M = G * y_pm
        if normalized:
            M = M / np.cumsum(self.estimator_weights_)[:, None]
        return M
