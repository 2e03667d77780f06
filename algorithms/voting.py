r"""Voting: several learned functions f_1..f_M answer together (docs/lecture.md §5).

* hard voting (classification): every f_m casts its predicted class, weighted by w_m; the class with
  the most weight wins,
  .. math:: \hat y(x) = \arg\max_k \sum_m w_m \, [f_m(x) = k];
* soft voting (classification): average the class probabilities, then take the most probable class,
  .. math:: p(k \mid x) = \frac{\sum_m w_m \, p_m(k \mid x)}{\sum_m w_m}, \quad
            \hat y(x) = \arg\max_k p(k \mid x);
* regression: the weighted mean of the predictions,
  .. math:: \hat y(x) = \frac{\sum_m w_m f_m(x)}{\sum_m w_m}.

This module also holds the plumbing shared with :mod:`algorithms.stacking` for estimators made of
named sub-estimators: ``(name, estimator)`` lists, ``name__param`` parameters, a conditional-method
descriptor and a ``Bunch`` for ``named_estimators_``.
"""

from __future__ import annotations

import functools
import types

import numpy as np

from ._base import (BaseEstimator, ClassifierMixin, RegressorMixin, clone, has_fit_parameter,
                    is_classifier)
from ._constraints import Interval, Options
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_sample_weight, check_X_y)

__all__ = ["VotingClassifier", "VotingRegressor"]


class Bunch(dict):
    """A dict whose keys also read as attributes: ``named_estimators_.tree``."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self):
        return list(self.keys())

    def __getstate__(self):
        return dict(self)

    def __setstate__(self, state):
        self.update(state)


class available_if:
    """A method that exists only when ``check(self)`` is true, so ``hasattr`` tells the truth.

    Soft-voting ``predict_proba`` is the example: a hard-voting ensemble has no probabilities, and
    callers (the playground, scikit-learn's checks) ask with ``hasattr`` before calling.
    """

    def __init__(self, check):
        self.check = check

    def __call__(self, fn):
        self.fn = fn
        functools.update_wrapper(self, fn)
        return self

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.fn
        if not self.check(obj):
            raise AttributeError(f"This {type(obj).__name__} has no attribute "
                                 f"{self.fn.__name__!r} with its current parameters.")
        return types.MethodType(self.fn, obj)


DROP = "drop"  # an estimator given as "drop" takes no part (scikit-learn's convention)


def _validate_named_list(owner: str, estimators, *, layer: str = "") -> list[tuple[str, object]]:
    """Check one list of ``(name, estimator)`` pairs, ``"drop"`` allowed for an estimator, at
    least one not dropped; return it as a list (dropped entries included)."""
    where = f" in {layer}" if layer else ""
    if not isinstance(estimators, (list, tuple)):
        raise ValueError(f"{owner}: 'estimators' must be a list of (name, estimator) tuples, "
                         f"got {type(estimators).__name__}.")
    pairs = []
    for i, item in enumerate(estimators):
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str)):
            raise ValueError(f"{owner}: entry {i}{where} of 'estimators' must be a (name, "
                             f"estimator) tuple, got {item!r}.")
        name, est = item
        if not (_is_drop(est) or (hasattr(est, "fit") and hasattr(est, "get_params"))):
            raise ValueError(f"{owner}: estimator {name!r}{where} must be an estimator with fit "
                             f"and get_params, or 'drop', got {est!r}.")
        pairs.append((name, est))
    if not any(not _is_drop(e) for _, e in pairs):
        raise ValueError(f"{owner} needs at least one base estimator{where}, got "
                         f"{'none' if not pairs else 'only dropped ones'}.")
    return pairs


def _is_drop(est) -> bool:
    return isinstance(est, str) and est == DROP


def _active(pairs):
    """The pairs that take part (not "drop")."""
    return [(n, e) for n, e in pairs if not _is_drop(e)]


def _check_names(owner: str, names: list[str], reserved) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise ValueError(f"{owner}: estimator names must be unique; {name!r} appears twice.")
        seen.add(name)
        if "__" in name:
            raise ValueError(f"{owner}: estimator name {name!r} must not contain '__' (it "
                             "separates nested parameter names).")
        if name in reserved:
            raise ValueError(f"{owner}: estimator name {name!r} clashes with the constructor "
                             "parameter of the same name.")


class _NamedEstimatorsMixin:
    """``get_params`` / ``set_params`` that see each named sub-estimator (``tree__max_depth``).

    Subclasses provide ``_named_pairs()`` (every ``(name, estimator)`` in declaration order) and
    ``_replace_named(name, est)``.
    """

    def _named_pairs(self) -> list[tuple[str, object]]:
        raise NotImplementedError

    def _safe_named_pairs(self):
        try:
            return [(n, e) for n, e in self._named_pairs()
                    if isinstance(n, str) and e is not None]
        except (TypeError, ValueError, AttributeError):
            return []  # malformed list: fit reports it, get_params must not crash first

    def get_params(self, deep: bool = True) -> dict:
        out = BaseEstimator.get_params(self, deep=deep)
        if not deep:
            return out
        for name, est in self._safe_named_pairs():
            out[name] = est
            if hasattr(est, "get_params") and not isinstance(est, type):
                for key, value in est.get_params(deep=True).items():
                    out[f"{name}__{key}"] = value
        return out

    def set_params(self, **params):
        own = set(self._get_param_names())
        named = {n for n, _ in self._safe_named_pairs()}
        rest = {}
        for key, value in params.items():
            if key in named and key not in own:
                self._replace_named(key, value)
            else:
                rest[key] = value
        return BaseEstimator.set_params(self, **rest)


def _check_weights(owner: str, weights, n_estimators: int):
    if weights is None:
        return None
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.shape[0] != n_estimators:
        raise ValueError(f"{owner}: 'weights' has {w.size} value(s) but there are {n_estimators} "
                         "estimators; give one weight per estimator.")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise ValueError(f"{owner}: 'weights' must be finite and >= 0 with a positive sum, got "
                         f"{list(w)}.")
    return w


def _fit_one(owner: str, name: str, est, X, y, sample_weight):
    """Fit a clone of ``est``, with ``sample_weight`` only when given (refused if unsupported);
    a base that cannot fit is named in the error."""
    model = clone(est)
    if sample_weight is not None and not has_fit_parameter(model, "sample_weight"):
        raise ValueError(f"{owner}: base estimator {name!r} ({type(model).__name__}) does not "
                         "support sample_weight; fit without weights or drop that estimator.")
    try:
        if sample_weight is None:
            return model.fit(X, y)
        return model.fit(X, y, sample_weight=sample_weight)
    except ValueError as exc:   # say which base could not learn
        raise ValueError(f"{owner}: base estimator {name!r} ({type(model).__name__}) could not "
                         f"be fitted: {exc}") from exc


class _BaseVoting(_NamedEstimatorsMixin, BaseEstimator):
    _parameter_constraints = {"estimators": ["array-like"], "weights": ["array-like", None],
                              "n_jobs": [None, Interval(int, None, None, "neither")],
                              "verbose": ["boolean", Interval(int, 0, None, "left")]}

    def _named_pairs(self):
        return [(n, e) for n, e in self.estimators]

    def _replace_named(self, name, est):
        self.estimators = [(n, est if n == name else e) for n, e in self.estimators]

    def _validate_estimators(self):
        """The voters that take part and their weights (``weights`` has one entry per estimator,
        dropped ones included, as in scikit-learn)."""
        owner = type(self).__name__
        pairs = _validate_named_list(owner, self.estimators)
        _check_names(owner, [n for n, _ in pairs], set(self._get_param_names()))
        w = _check_weights(owner, self.weights, len(pairs))
        if w is not None:
            w = w[[not _is_drop(e) for _, e in pairs]]
            if w.sum() <= 0:
                raise ValueError(f"{owner}: the estimators that are not dropped all have weight "
                                 "0; at least one needs a positive weight.")
        self._active_weights = w
        return _active(pairs), w

    def _fit_estimators(self, pairs, X, y, sample_weight):
        owner = type(self).__name__
        if sample_weight is not None:
            sample_weight = check_sample_weight(
                sample_weight, X.shape[0], y=y if is_classifier(self) else None)
        self.estimators_ = [_fit_one(owner, n, e, X, y, sample_weight) for n, e in pairs]
        fitted = dict(zip([n for n, _ in pairs], self.estimators_))
        # scikit-learn's named_estimators_ keeps a dropped estimator's name, with "drop"
        self.named_estimators_ = Bunch({n: fitted.get(n, DROP) for n, _ in self.estimators})
        self._active_names = [n for n, _ in pairs]
        self.n_features_in_ = X.shape[1]

    def fit_transform(self, X, y, sample_weight=None):
        """``fit(X, y)`` then ``transform(X)`` (each voter's answers on its own training rows)."""
        return self.fit(X, y, sample_weight).transform(X)

    def _weights_or_ones(self) -> np.ndarray:
        return np.ones(len(self.estimators_)) if self._active_weights is None else \
            self._active_weights


class VotingClassifier(ClassifierMixin, _BaseVoting):
    r"""Hard or soft (optionally weighted) voting over several classifiers.

    Parameters
    ----------
    estimators : list of (str, estimator or "drop")
        The classifiers, each fitted (as a clone) on the whole training set; one is enough, and
        ``"drop"`` leaves one out (``set_params(name="drop")``).
    voting : {"hard", "soft"}
        ``"hard"``: weighted majority of predicted labels,
        :math:`\hat y = \arg\max_k \sum_m w_m [f_m(x) = k]` (ties go to the first class in
        ``classes_``). ``"soft"``: argmax of the weighted mean of ``predict_proba``; every
        estimator must then have ``predict_proba``.
    weights : array of shape (n_estimators,) or None
        The w_m above (None: all 1).
    flatten_transform : bool
        Shape of ``transform`` under soft voting: (n, M * K) if True, else (M, n, K).
    n_jobs, verbose :
        Accepted for scikit-learn code; they change nothing here (the voters are fitted one after
        another, silently).

    Attributes
    ----------
    estimators_ : list of fitted classifiers, in the order given.
    named_estimators_ : Bunch name -> fitted classifier (``"drop"`` for a dropped one).
    classes_ : the sorted labels. The voters are fitted on the label *indices* 0..K-1 (so every
        voter speaks the same vocabulary); ``classes_[i]`` turns an index back into a label.
    n_features_in_ : int.
    """

    _parameter_constraints = {**_BaseVoting._parameter_constraints,
                              "voting": [Options({"hard", "soft"})],
                              "flatten_transform": ["boolean"]}

    def __init__(self, estimators, *, voting="hard", weights=None, n_jobs=None,
                 flatten_transform=True, verbose=False):
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        self.n_jobs = n_jobs
        self.flatten_transform = flatten_transform
        self.verbose = verbose

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        pairs, _ = self._validate_estimators()
        if self.voting == "soft":
            lacking = [n for n, e in pairs if not hasattr(e, "predict_proba")]
            if lacking:
                raise ValueError(
                    "voting='soft' averages predict_proba, but estimator(s) "
                    f"{', '.join(repr(n) for n in lacking)} have no predict_proba; use "
                    "voting='hard' or pick classifiers that output probabilities.")
        X, y = check_X_y(X, y, estimator=self, keep_float32=True)
        self.classes_, y_idx = check_classification_targets(y)
        self._fit_estimators(pairs, X, y_idx, sample_weight)
        return self

    def _votes(self, X) -> np.ndarray:
        r"""Weighted label counts, shape (n, K): votes[i, k] = \sum_m w_m [f_m(x_i) = k]."""
        labels = self._predict_labels(X)
        w = self._weights_or_ones()
        n, K = labels.shape[0], len(self.classes_)
        votes = np.zeros((n, K))
        rows = np.arange(n)
        for m in range(labels.shape[1]):  # M voters, each step vectorised over all samples
            votes[rows, labels[:, m]] += w[m]  # one label per row: no repeated index
        return votes

    def _predict_labels(self, X) -> np.ndarray:
        """Each voter's predicted label index, shape (n, M)."""
        preds = [np.asarray(est.predict(X)).astype(np.intp) for est in self.estimators_]
        return np.column_stack(preds)

    def _collect_probas(self, X) -> np.ndarray:
        """Each voter's class probabilities over all K classes, shape (M, n, K)."""
        return np.stack([_proba_all_classes(est, X, len(self.classes_))
                         for est in self.estimators_])

    def predict(self, X):
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X, keep_float32=True)
        if self.voting == "soft":
            return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
        return self.classes_[np.argmax(self._votes(X), axis=1)]

    @available_if(lambda self: self.voting == "soft")
    def predict_proba(self, X):
        r"""Soft voting's p(k | x) = \sum_m w_m p_m(k | x) / \sum_m w_m (rows sum to 1)."""
        if self.voting != "soft":
            raise AttributeError("predict_proba is not available when voting='hard'.")
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X, keep_float32=True)
        return np.average(self._collect_probas(X), axis=0, weights=self._active_weights)

    def transform(self, X):
        """Each voter's own answer for X.

        ``voting="soft"``: the probabilities, (n, M * K) (column block m is voter m) or (M, n, K)
        when ``flatten_transform=False``. ``voting="hard"``: the predicted label *indices*, (n, M)
        (``classes_[transform(X)]`` gives the labels).
        """
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X, keep_float32=True)
        if self.voting == "soft":
            probas = self._collect_probas(X)
            return np.hstack(list(probas)) if self.flatten_transform else probas
        return self._predict_labels(X)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of ``transform``'s columns, as scikit-learn's: ``votingclassifier_<name>`` (hard)
        or ``votingclassifier_<name><k>`` for class index k (soft, flattened)."""
        check_is_fitted(self, "estimators_")
        if self.voting == "soft" and not self.flatten_transform:
            raise ValueError("get_feature_names_out is not supported when voting='soft' and "
                             "flatten_transform=False (transform is then 3-D).")
        prefix = type(self).__name__.lower()
        if self.voting == "hard":
            return np.asarray([f"{prefix}_{n}" for n in self._active_names], dtype=object)
        return np.asarray([f"{prefix}_{n}{k}" for n in self._active_names
                           for k in range(len(self.classes_))], dtype=object)


class VotingRegressor(RegressorMixin, _BaseVoting):
    r"""The weighted mean of several regressors, :math:`\hat y = \sum_m w_m f_m(x) / \sum_m w_m`.

    ``estimators`` as for :class:`VotingClassifier` (one is enough, ``"drop"`` leaves one out);
    ``n_jobs`` and ``verbose`` are accepted and change nothing. Attributes: ``estimators_``,
    ``named_estimators_``, ``n_features_in_``; ``transform(X)`` gives every regressor's
    prediction, shape (n, M).
    """

    def __init__(self, estimators, *, weights=None, n_jobs=None, verbose=False):
        self.estimators = estimators
        self.weights = weights
        self.n_jobs = n_jobs
        self.verbose = verbose

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        pairs, _ = self._validate_estimators()
        X, y = check_X_y(X, y, estimator=self, y_numeric=True, keep_float32=True)
        self._fit_estimators(pairs, X, y, sample_weight)
        return self

    def transform(self, X):
        """Every regressor's prediction, shape (n, M)."""
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X, keep_float32=True)
        return np.column_stack([_floats(est.predict(X)).ravel()
                                for est in self.estimators_])

    def predict(self, X):
        return np.average(self.transform(X), axis=1, weights=self._active_weights)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """``votingregressor_<name>`` for each regressor taking part (scikit-learn's names)."""
        check_is_fitted(self, "estimators_")
        return np.asarray([f"{type(self).__name__.lower()}_{n}" for n in self._active_names],
                          dtype=object)


def _proba_all_classes(est, X, n_classes: int, labels=None) -> np.ndarray:
    """``est.predict_proba(X)`` with one column per class index 0..n_classes-1.

    A learner trained on rows that lacked some class (a small fold or hold-out part) has fewer
    columns; its ``classes_`` (label indices, or labels when ``labels`` - the ensemble's
    ``classes_`` - is given) say where each column goes, the rest are 0.
    """
    proba = _floats(est.predict_proba(X))
    known = np.asarray(getattr(est, "classes_", []))
    if labels is None and proba.ndim == 2 and proba.shape[1] == n_classes:
        return proba
    if labels is not None and known.shape[0] == proba.shape[1]:
        pos = np.clip(np.searchsorted(labels, known), 0, len(labels) - 1)
        if np.any(labels[pos] != known):
            raise ValueError(f"{type(est).__name__} was fitted on classes {known.tolist()!r}, "
                             f"not all among y's {np.asarray(labels).tolist()!r}.")
    elif proba.ndim != 2 or known.shape[0] != proba.shape[1] or known.dtype.kind not in "iu":
        raise ValueError(f"{type(est).__name__}.predict_proba returned shape {proba.shape}, "
                         f"expected (n_samples, {n_classes}).")
    else:
        pos = known.astype(np.intp)
    full = np.zeros((proba.shape[0], n_classes), dtype=proba.dtype)
    full[:, pos] = proba
    return full


def _floats(a) -> np.ndarray:
    """``a`` as floats, float32 kept (a float32 input gives float32 outputs, as in scikit-learn)."""
    a = np.asarray(a)
    return a if a.dtype in (np.float32, np.float64) else a.astype(np.float64)
