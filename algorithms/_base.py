"""Estimator plumbing shared by every learner: parameters, cloning, scoring.

scikit-learn's conventions, written out without scikit-learn:

* ``__init__`` only stores its arguments, under the same names;
* ``get_params`` / ``set_params`` read and write them, ``estimator__max_depth`` style for nested
  estimators;
* each class declares its allowed values once, in ``_parameter_constraints`` (see
  :mod:`algorithms._constraints`); ``fit`` checks them and the playground reads the same table to
  bound its sliders, so the two can never disagree.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Mapping

import numpy as np

from ._constraints import validate_parameter


class BaseEstimator:
    """Parameter handling for every estimator in :mod:`algorithms`."""

    #: ``{parameter name: [allowed value descriptions]}``; see :mod:`algorithms._constraints`.
    _parameter_constraints: dict = {}

    @classmethod
    def _get_param_names(cls) -> list[str]:
        # cached per class: AdaBoost clones a learner every round, and inspect is slow
        cached = cls.__dict__.get("_param_names_cache")
        if cached is not None:
            return list(cached)
        init = cls.__init__
        names = []
        if init is not object.__init__:
            sig = inspect.signature(init)
            names = sorted(p.name for p in sig.parameters.values()
                           if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
        cls._param_names_cache = tuple(names)
        return names

    def get_params(self, deep: bool = True) -> dict:
        out = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for sub, sub_value in value.get_params(deep=True).items():
                    out[f"{name}__{sub}"] = sub_value
            out[name] = value
        return out

    def set_params(self, **params):
        if not params:
            return self
        valid = self.get_params(deep=True)
        nested: dict[str, dict] = {}
        for key, value in params.items():
            name, delim, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                    f"Valid parameters are: {sorted(self._get_param_names())!r}.")
            if delim:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def _validate_params(self) -> None:
        """Check every constructor argument against ``_parameter_constraints`` (called by ``fit``)."""
        for name, allowed in self._parameter_constraints.items():
            validate_parameter(type(self).__name__, name, getattr(self, name), allowed)

    def __repr__(self) -> str:
        defaults = {
            p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()
            if p.default is not inspect.Parameter.empty}
        changed = []
        for name in self._get_param_names():
            value = getattr(self, name)
            default = defaults.get(name, inspect.Parameter.empty)
            same = False
            try:
                same = bool(value is default or value == default)
            except Exception:  # arrays and the like compare element-wise
                same = False
            if not same or isinstance(value, BaseEstimator):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __getstate__(self):
        return self.__dict__.copy()

    def __setstate__(self, state):
        self.__dict__.update(state)


def clone(estimator, *, safe: bool = True):
    """A new, unfitted estimator with the same parameters (nested estimators cloned too)."""
    if isinstance(estimator, (list, tuple, set, frozenset)):
        return type(estimator)(clone(e, safe=safe) for e in estimator)
    if not hasattr(estimator, "get_params") or isinstance(estimator, type):
        if not safe:
            return copy.deepcopy(estimator)
        raise TypeError(f"Cannot clone object {estimator!r}: it is not an estimator "
                        "(it has no get_params method).")
    params = estimator.get_params(deep=False)
    new_params = {name: clone(value, safe=False) for name, value in params.items()}
    return type(estimator)(**new_params)


def has_fit_parameter(estimator, name: str) -> bool:
    """Whether ``estimator.fit`` accepts the keyword ``name`` (e.g. ``sample_weight``)."""
    try:
        return name in inspect.signature(estimator.fit).parameters
    except (TypeError, ValueError):
        return False


class ClassifierMixin:
    """``score`` is the (weighted) accuracy."""

    _estimator_type = "classifier"

    def score(self, X, y, sample_weight=None) -> float:
        y = np.asarray(y)
        pred = self.predict(X)
        hit = (pred == y.reshape(pred.shape)).astype(float)
        if sample_weight is None:
            return float(hit.mean())
        return float(np.average(hit, weights=np.asarray(sample_weight, dtype=float)))


class RegressorMixin:
    """``score`` is the coefficient of determination R^2 = 1 - SS_res / SS_tot."""

    _estimator_type = "regressor"

    def score(self, X, y, sample_weight=None) -> float:
        y = np.asarray(y, dtype=float).ravel()
        pred = np.asarray(self.predict(X), dtype=float).ravel()
        w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        ss_res = np.sum(w * (y - pred) ** 2)
        ss_tot = np.sum(w * (y - np.average(y, weights=w)) ** 2)
        if ss_tot == 0.0:
            return 1.0 if ss_res == 0.0 else 0.0
        return float(1.0 - ss_res / ss_tot)


def estimator_kind(estimator) -> str | None:
    """"classifier", "regressor" or None: ours say it in ``_estimator_type``, scikit-learn's (>= 1.6)
    in their tags."""
    kind = getattr(estimator, "_estimator_type", None)
    if kind is None and hasattr(estimator, "__sklearn_tags__"):
        try:
            kind = estimator.__sklearn_tags__().estimator_type
        except Exception:  # a foreign tag implementation: unknown kind, not an error
            kind = None
    return kind


def is_classifier(estimator) -> bool:
    return estimator_kind(estimator) == "classifier"


def is_regressor(estimator) -> bool:
    return estimator_kind(estimator) == "regressor"


class EngineMessage(Mapping):
    """A message a fitted estimator records for the UI (``stop_reason_``): a code and its numbers.

    It reads as the dict ``{"code": code, **fields}`` (``msg["round"]``, ``dict(msg)``), its fields
    also as attributes (``msg.round``), and ``str(msg)`` is the English sentence (``text`` filled
    with the fields). A UI in another language says the same thing from ``code`` and the fields.
    """

    def __init__(self, code: str, text: str, **fields):
        self.code = code
        self.text = text
        self.fields = fields

    def __getitem__(self, key):
        if key == "code":
            return self.code
        return self.fields[key]

    def __iter__(self):
        yield "code"
        yield from self.fields

    def __len__(self) -> int:
        return 1 + len(self.fields)

    def __getattr__(self, name):
        fields = self.__dict__.get("fields")  # absent while unpickling: no recursion
        if fields is not None and name in fields:
            return fields[name]
        raise AttributeError(name)

    def __str__(self) -> str:
        return self.text.format(**self.fields)

    def __repr__(self) -> str:
        return f"EngineMessage({dict(self)!r})"
