"""The test-only bridge to scikit-learn's estimator checks.

``adapt(OurClass)`` returns a subclass that mixes in scikit-learn's ``BaseEstimator`` (so the checks
can read its tags) and translates our not-fitted error into scikit-learn's class. Nothing more: every
other behaviour the checks see is our estimator's own.
"""

from __future__ import annotations

import functools
import inspect
import types

from sklearn.base import BaseEstimator as SkBaseEstimator
from sklearn.exceptions import NotFittedError as SkNotFittedError

from algorithms import NotFittedError

_cache: dict[type, type] = {}
_TRANSLATED = ("predict", "predict_proba", "predict_log_proba", "decision_function",
               "transform", "score", "apply")


def _translate(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except NotFittedError as exc:
            raise SkNotFittedError(str(exc)) from exc
    return wrapper


def adapt(cls: type) -> type:
    """Our estimator class, seen by scikit-learn as one of its own."""
    if cls in _cache:
        return _cache[cls]
    # Conditional methods (our ``available_if``: predict_proba of hard voting does not exist) are
    # re-wrapped as conditional, so hasattr() keeps telling the truth; properties stay as they are.
    namespace = {}
    for name in _TRANSLATED:
        static = inspect.getattr_static(cls, name, None)
        if isinstance(static, types.FunctionType):
            namespace[name] = _translate(static)
        elif hasattr(static, "check") and hasattr(static, "fn"):
            namespace[name] = type(static)(static.check)(_translate(static.fn))

    def __sklearn_tags__(self):
        tags = SkBaseEstimator.__sklearn_tags__(self)
        # estimators that learn where missing values go say so (the NaN checks then expect fits)
        tags.input_tags.allow_nan = bool(getattr(self, "_allow_nan", False))
        kind = getattr(self, "_estimator_type", None)
        tags.estimator_type = kind
        if kind == "classifier":
            from sklearn.utils import ClassifierTags  # noqa: I001
            tags.classifier_tags = ClassifierTags()
            tags.target_tags.required = True
        if hasattr(self, "transform"):
            from sklearn.utils import TransformerTags
            tags.transformer_tags = TransformerTags()
        if kind == "regressor":
            from sklearn.utils import RegressorTags
            tags.regressor_tags = RegressorTags()
            tags.target_tags.required = True
        return tags

    namespace["__sklearn_tags__"] = __sklearn_tags__
    namespace["__module__"] = __name__
    namespace["__doc__"] = cls.__doc__
    # Same class name, so scikit-learn's messages ("X has 3 features, but <Name> ...") read naturally.
    adapted = type(cls.__name__, (cls, SkBaseEstimator), namespace)
    # __init__ must be the original's for get_params introspection.
    adapted.__init__ = cls.__init__
    _cache[cls] = adapted
    globals()[cls.__name__] = adapted  # picklable: resolvable as tests.sklearn_adapter.<Name>
    return adapted


def adapted_instance(estimator):
    """An adapted copy of an (unfitted) estimator instance, nested estimators kept as they are."""
    return adapt(type(estimator))(**estimator.get_params(deep=False))
