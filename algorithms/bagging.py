r"""Bagging: train one learner per bootstrap set, then average (regression) or vote (classification).

LECTURE.md §1. From N training examples draw N' with replacement (a bootstrap set), train f_k on it,
repeat for k = 1..T; the ensemble averages the outputs

$$ H(x) = \frac{1}{T}\sum_{k=1}^{T} f_k(x) \quad\text{(regression; for classification the vote is
the average of class probabilities, a majority vote for fully grown trees)}.$$

Each example n is *out of bag* for the learners whose bootstrap set missed it (about
$(1-1/N)^N \approx 36.8\%$ of the learners). Scoring every example with only those learners gives the
out-of-bag (OOB) error, an estimate of the test error without a validation set; ``oob_errors_[k-1]``
is that estimate using the first k learners, the curve the playground draws as T grows.

Learners that accept ``sample_weight`` are trained with the bootstrap counts as weights (equivalent
to repeating the drawn rows); others are trained on the drawn rows themselves.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, has_fit_parameter
from ._binning import Binner
from ._constraints import Interval, RealNotInt
from ._grower import grow
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .tree import DecisionTreeClassifier, DecisionTreeRegressor, resolve_max_features

_ROWS_PER_CHUNK = 1_500_000  # (tree, sample) rows grown in one pass; bounds memory


def draw_samples(rng, n_samples: int, n_draw: int, n_estimators: int, bootstrap: bool):
    """Index sets, one per learner: with replacement (repeats kept) for bootstrap, else without."""
    if bootstrap:
        return list(rng.integers(0, n_samples, size=(n_estimators, n_draw)))
    return [rng.permutation(n_samples)[:n_draw] for _ in range(n_estimators)]


def fit_trees_batched(template, X, channels, samples, rng, *, binner=None, Xb=None):
    """Grow one tree of ``template``'s kind per index set in ``samples``, all in one pass.

    Rows are (tree, sample) pairs weighted by how often the sample was drawn; each tree is a root of
    the same level-wise growth (chunked so that memory stays bounded). Returns fitted estimators.
    """
    n, d = X.shape
    if Xb is None:
        binner = Binner().fit(X)
        Xb = binner.transform(X)
    mss, msl = template._resolved_counts(n)
    k = resolve_max_features(template.max_features, d)
    T = len(samples)
    per_tree = max(1, min(T, _ROWS_PER_CHUNK // max(n, 1)))
    fitted = []
    for start in range(0, T, per_tree):
        chunk = samples[start:start + per_tree]
        t_idx = np.concatenate([np.full(len(s), t) for t, s in enumerate(chunk)])
        flat = t_idx * n + np.concatenate(chunk)
        counts = np.bincount(flat, minlength=len(chunk) * n)
        pairs = np.flatnonzero(counts)
        roots, rows = pairs // n, pairs % n
        ch = channels[rows] * counts[pairs, None]
        keep = ch[:, 0] > 0 if template.criterion == "squared_error" else ch.sum(axis=1) > 0
        trees, _ = grow(Xb, binner.thresholds_, ch[keep], template.criterion,
                        max_depth=template.max_depth, min_samples_split=mss,
                        min_samples_leaf=msl, max_features=k, rng=rng, rows=rows[keep],
                        roots=roots[keep], n_roots=len(chunk))
        for tree in trees:
            est = clone(template)
            est.tree_ = tree
            est.n_features_in_ = d
            est.max_features_ = k or d
            fitted.append(est)
    return fitted


class _BaseBagging(BaseEstimator):
    _parameter_constraints = {
        "estimator": ["estimator", None],
        "n_estimators": [Interval(int, 1, None, "left")],
        "max_samples": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
        "bootstrap": ["boolean"],
        "oob_score": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator=None, n_estimators=10, *, max_samples=1.0, bootstrap=True,
                 oob_score=False, random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def _n_draw(self, n):
        if isinstance(self.max_samples, numbers.Integral):
            if self.max_samples > n:
                raise ValueError(f"max_samples = {self.max_samples} is larger than the number of "
                                 f"training samples ({n}).")
            return int(self.max_samples)
        return max(1, int(round(self.max_samples * n)))

    def _template(self):
        return clone(self.estimator) if self.estimator is not None else self._default_estimator()

    def _fit_learners(self, X, y_fit, w, channels, rng):
        """Fit ``estimators_`` on the drawn sets (batched for our own trees)."""
        n = self._n_samples_fit = X.shape[0]
        self.estimators_samples_ = draw_samples(rng, n, self._n_draw(n), self.n_estimators,
                                                self.bootstrap)
        template = self._template()
        if type(template) in (DecisionTreeClassifier, DecisionTreeRegressor):
            self.estimators_ = fit_trees_batched(template, X, channels * w[:, None],
                                                 self.estimators_samples_, rng)
            for est in self.estimators_:
                self._finish_tree(est)
            return
        weighted = has_fit_parameter(template, "sample_weight")
        self.estimators_ = []
        for idx in self.estimators_samples_:
            est = clone(template)
            if "random_state" in est.get_params(deep=False):
                est.set_params(random_state=int(rng.integers(2**31 - 1)))
            if weighted:
                counts = np.bincount(idx, minlength=n) * w
                nz = counts > 0
                est.fit(X[nz], y_fit[nz], sample_weight=counts[nz])
            else:
                est.fit(X[idx], y_fit[idx])
            self.estimators_.append(est)

    def _finish_tree(self, est):
        pass

    def bootstrap_counts(self) -> np.ndarray:
        """(T, N) int: how many times each training example was drawn into learner k's set
        (0 = out of bag for that learner). Row means of ``== 0`` are each learner's OOB share,
        about (1 - 1/N)^N ~ 36.8 % with bootstrap."""
        check_is_fitted(self, "estimators_samples_")
        n = self._n_samples_fit
        return np.stack([np.bincount(np.asarray(idx), minlength=n)
                         for idx in self.estimators_samples_])

    @property
    def feature_importances_(self) -> np.ndarray:
        """Mean of the learners' ``feature_importances_`` (only when every learner has them)."""
        check_is_fitted(self, "estimators_")
        if not all(hasattr(type(e), "feature_importances_") for e in self.estimators_):
            raise AttributeError(f"{type(self).__name__}'s learners have no feature_importances_")
        return np.mean([e.feature_importances_ for e in self.estimators_], axis=0)

    def _oob_masks(self, n):
        """(T, n) boolean: example n is out of bag for learner k."""
        masks = np.ones((len(self.estimators_samples_), n), dtype=bool)
        for k, idx in enumerate(self.estimators_samples_):
            masks[k, idx] = False
        return masks


class BaggingClassifier(ClassifierMixin, _BaseBagging):
    """Bagging by majority / probability vote. Default learner: a fully grown decision tree.

    Fitted: ``estimators_``, ``estimators_samples_`` (indices drawn, repeats kept), ``classes_``,
    and with ``oob_score=True``: ``oob_score_``, ``oob_decision_function_``, ``oob_errors_``.
    """

    def _default_estimator(self):
        return DecisionTreeClassifier()

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        w = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, y_enc = check_classification_targets(y)
        self.n_classes_ = len(self.classes_)
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        onehot = np.zeros((X.shape[0], self.n_classes_))
        onehot[np.arange(X.shape[0]), y_enc] = 1.0
        self._fit_learners(X, y_enc, w, onehot, rng)
        for attr in ("oob_score_", "oob_decision_function_", "oob_errors_"):
            self.__dict__.pop(attr, None)
        if self.oob_score:
            self._compute_oob(X, y_enc)
        return self

    def _finish_tree(self, est):
        est.classes_ = np.arange(self.n_classes_)
        est.n_classes_ = self.n_classes_

    def _learner_proba(self, est, X):
        """Class probabilities of one learner over *all* of ``self.classes_``."""
        if hasattr(est, "predict_proba"):
            p = est.predict_proba(X)
            if p.shape[1] == self.n_classes_:
                return p
            out = np.zeros((X.shape[0], self.n_classes_))
            out[:, np.asarray(est.classes_, dtype=int)] = p
            return out
        out = np.zeros((X.shape[0], self.n_classes_))
        out[np.arange(X.shape[0]), np.asarray(est.predict(X), dtype=int)] = 1.0
        return out

    def _compute_oob(self, X, y_enc):
        masks = self._oob_masks(X.shape[0])
        votes = np.zeros((X.shape[0], self.n_classes_))
        errors = np.empty(len(self.estimators_))
        for k, (est, oob) in enumerate(zip(self.estimators_, masks)):
            if oob.any():
                votes[oob] += self._learner_proba(est, X[oob])
            scored = votes.sum(axis=1) > 0
            errors[k] = (np.mean(votes[scored].argmax(axis=1) != y_enc[scored])
                         if scored.any() else np.nan)
        scored = votes.sum(axis=1) > 0
        with np.errstate(invalid="ignore"):
            self.oob_decision_function_ = votes / votes.sum(axis=1, keepdims=True)
        self.oob_errors_ = errors
        self.oob_score_ = float(np.mean(votes[scored].argmax(axis=1) == y_enc[scored]))

    def staged_predict_proba(self, X):
        """Average of the first k learners' probabilities, k = 1..T."""
        X = check_n_features(self, X)
        total = np.zeros((X.shape[0], self.n_classes_))
        for k, est in enumerate(self.estimators_, start=1):
            total += self._learner_proba(est, X)
            yield total / k

    def staged_predict(self, X):
        for proba in self.staged_predict_proba(X):
            yield self.classes_[proba.argmax(axis=1)]

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        total = np.zeros((X.shape[0], self.n_classes_))
        for est in self.estimators_:
            total += self._learner_proba(est, X)
        return total / len(self.estimators_)

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]


class BaggingRegressor(RegressorMixin, _BaseBagging):
    """Bagging by averaging. Default learner: a fully grown regression tree.

    With ``oob_score=True``: ``oob_score_`` (R^2), ``oob_prediction_``, ``oob_errors_`` (OOB mean
    squared error using the first k learners).
    """

    def _default_estimator(self):
        return DecisionTreeRegressor()

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        w = check_sample_weight(sample_weight, X.shape[0])
        self.n_features_in_ = X.shape[1]
        rng = check_random_state(self.random_state)
        self._fit_learners(X, y, w, np.column_stack([np.ones_like(y), y]), rng)
        for attr in ("oob_score_", "oob_prediction_", "oob_errors_"):
            self.__dict__.pop(attr, None)
        if self.oob_score:
            self._compute_oob(X, y)
        return self

    def _compute_oob(self, X, y):
        masks = self._oob_masks(X.shape[0])
        total = np.zeros(X.shape[0])
        count = np.zeros(X.shape[0])
        errors = np.empty(len(self.estimators_))
        for k, (est, oob) in enumerate(zip(self.estimators_, masks)):
            if oob.any():
                total[oob] += est.predict(X[oob])
                count[oob] += 1
            scored = count > 0
            errors[k] = (np.mean((total[scored] / count[scored] - y[scored]) ** 2)
                         if scored.any() else np.nan)
        scored = count > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            self.oob_prediction_ = total / count
        self.oob_errors_ = errors
        ys, ps = y[scored], self.oob_prediction_[scored]
        ss_tot = np.sum((ys - ys.mean()) ** 2)
        self.oob_score_ = float(1 - np.sum((ys - ps) ** 2) / ss_tot) if ss_tot > 0 else 0.0

    def staged_predict(self, X):
        X = check_n_features(self, X)
        total = np.zeros(X.shape[0])
        for k, est in enumerate(self.estimators_, start=1):
            total += est.predict(X)
            yield total / k

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        return np.mean([est.predict(X) for est in self.estimators_], axis=0)
