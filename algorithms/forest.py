r"""Random forest: bagging of decision trees that may use only a random subset of features per split.

docs/lecture.md §1: bootstrap sets alone give trees that are too alike; a random forest also draws, at
*every split*, a fresh random subset of ``max_features`` features the split may use, so the trees
differ more and their average varies less. Everything else (bootstrap sets, averaging, out-of-bag
error, ``warm_start``, ``n_jobs``) is bagging's (:mod:`algorithms.bagging`); the whole forest is
grown in one level-wise pass (in chunks of trees that bound memory).

``class_weight``: a dict {label: weight}, "balanced" (n / (K n_c) on the whole training set: the
bootstrap sets draw rows in proportion to sample weight times class weight) or
"balanced_subsample" (the same computed on each tree's bootstrap set, as tree weights).
"""

from __future__ import annotations

import numpy as np

from ._constraints import Interval, Options, RealNotInt
from ._validation import check_is_fitted, check_sample_weight
from .bagging import _ENSEMBLE_CONSTRAINTS, BaggingClassifier, BaggingRegressor, _BaseBagging
from .tree import (_CLASSIFIER_CRITERIA, _TREE_CONSTRAINTS, DecisionTreeClassifier,
                   DecisionTreeRegressor, expand_class_weight)

_FOREST_CONSTRAINTS = {
    "max_samples": [None, Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
    **_ENSEMBLE_CONSTRAINTS,
    **_TREE_CONSTRAINTS,
}
_TREE_PARAMS = ("criterion", "max_depth", "min_samples_split", "min_samples_leaf",
                "min_weight_fraction_leaf", "max_features", "max_leaf_nodes",
                "min_impurity_decrease", "ccp_alpha", "max_bins")


class _ForestMixin:
    _feature_subsets = False     # a forest draws features at every split, not per tree

    def _template(self):
        return self._tree_class(**{name: getattr(self, name) for name in _TREE_PARAMS})

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
    _parameter_constraints = {
        "criterion": [Options(_CLASSIFIER_CRITERIA)],
        "class_weight": ["dict", Options({"balanced", "balanced_subsample"}), None],
        **_FOREST_CONSTRAINTS}

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features="sqrt",
                 max_leaf_nodes=None,
                 min_impurity_decrease=0.0, bootstrap=True, oob_score=False, n_jobs=None,
                 random_state=None, verbose=0, warm_start=False, class_weight=None, ccp_alpha=0.0,
                 max_samples=None, max_bins=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose
        self.warm_start = warm_start
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples
        self.max_bins = max_bins

    def _class_weighted(self, w, y_enc):
        """Sample weights times the class weights (dict or "balanced")."""
        if self.class_weight is None or self.class_weight == "balanced_subsample":
            return w
        cw = expand_class_weight(self.class_weight, y_enc, len(self.classes_), self.classes_)
        return check_sample_weight(w * cw, len(w), y=y_enc)

    def _class_scale_of(self, y_enc):
        """"balanced_subsample": each tree's class weights from its own bootstrap set."""
        if self.class_weight != "balanced_subsample":
            return None
        K = len(self.classes_)

        def scale(samples):
            out = np.zeros((len(samples), K))
            for t, idx in enumerate(samples):
                counts = np.bincount(y_enc[idx], minlength=K)
                present = counts > 0
                out[t, present] = len(idx) / (present.sum() * counts[present])
            return out
        return scale


class RandomForestRegressor(_ForestMixin, BaggingRegressor):
    """Random forest of regression trees (all features tried per split by default, as scikit-learn)."""

    _tree_class = DecisionTreeRegressor
    _parameter_constraints = {"criterion": [Options({"squared_error"})], **_FOREST_CONSTRAINTS}

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=1.0, max_leaf_nodes=None,
                 min_impurity_decrease=0.0, bootstrap=True, oob_score=False, n_jobs=None,
                 random_state=None, verbose=0, warm_start=False, ccp_alpha=0.0, max_samples=None,
                 max_bins=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose
        self.warm_start = warm_start
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples
        self.max_bins = max_bins
