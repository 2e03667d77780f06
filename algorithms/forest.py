r"""Random forest: bagging of decision trees that may use only a random subset of features per split.

LECTURE.md §1: bootstrap sets alone give trees that are too alike; a random forest also draws, at
*every split*, a fresh random subset of ``max_features`` features the split may use, so the trees
differ more and their average varies less. Everything else (bootstrap sets, averaging, out-of-bag
error) is bagging's (:mod:`algorithms.bagging`); the whole forest is grown in one level-wise pass.
"""

from __future__ import annotations

import numpy as np

from ._constraints import Interval, Options, RealNotInt
from ._validation import check_is_fitted
from .bagging import MAX_ESTIMATORS, BaggingClassifier, BaggingRegressor, _BaseBagging
from .tree import _TREE_CONSTRAINTS, DecisionTreeClassifier, DecisionTreeRegressor

_FOREST_CONSTRAINTS = {
    "n_estimators": [Interval(int, 1, MAX_ESTIMATORS, "both")],
    "bootstrap": ["boolean"],
    "oob_score": ["boolean"],
    "max_samples": [None, Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
    **_TREE_CONSTRAINTS,
}


class _ForestMixin:
    def _template(self):
        return self._tree_class(criterion=self.criterion, max_depth=self.max_depth,
                                min_samples_split=self.min_samples_split,
                                min_samples_leaf=self.min_samples_leaf,
                                max_features=self.max_features, max_bins=self.max_bins)

    def _n_draw(self, n, what="training samples"):
        if self.max_samples is None:
            return n
        return _BaseBagging._n_draw(self, n, what)

    @property
    def feature_importances_(self) -> np.ndarray:
        """Mean of the trees' impurity-decrease importances."""
        check_is_fitted(self, "estimators_")
        imp = np.mean([est.feature_importances_ for est in self.estimators_], axis=0)
        total = imp.sum()
        return imp / total if total > 0 else imp


class RandomForestClassifier(_ForestMixin, BaggingClassifier):
    """Random forest of CART classifiers (``max_features="sqrt"`` features tried per split)."""

    _tree_class = DecisionTreeClassifier
    _parameter_constraints = {"criterion": [Options({"gini", "entropy"})], **_FOREST_CONSTRAINTS}

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, max_features="sqrt", bootstrap=True, oob_score=False,
                 max_samples=None, random_state=None, max_bins=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.max_samples = max_samples
        self.random_state = random_state
        self.max_bins = max_bins


class RandomForestRegressor(_ForestMixin, BaggingRegressor):
    """Random forest of regression trees (all features tried per split by default, as scikit-learn)."""

    _tree_class = DecisionTreeRegressor
    _parameter_constraints = {"criterion": [Options({"squared_error"})], **_FOREST_CONSTRAINTS}

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, max_features=1.0, bootstrap=True,
                 oob_score=False, max_samples=None, random_state=None, max_bins=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.max_samples = max_samples
        self.random_state = random_state
        self.max_bins = max_bins
