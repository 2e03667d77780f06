r"""Decision trees (CART): each node asks "x_j <= threshold?" and is chosen to reduce impurity most.

LECTURE.md §2: the questions a tree asks are axis-aligned thresholds, chosen by a criterion (Gini or
entropy for classification, squared error for regression), and growth stops at ``max_depth``, at
pure nodes or when a split would leave fewer than ``min_samples_leaf`` samples on a side.

The impurity decrease of splitting node $i$ into $l, r$ is
$W_i I_i - W_l I_l - W_r I_r$ with $W$ the weighted sample count and $I$ the node impurity:

* Gini $I = 1 - \sum_c p_c^2$, entropy $I = -\sum_c p_c \log_2 p_c$ (classification);
* squared error $I = \frac{1}{W}\sum_n w_n (y_n - \bar y)^2$ (regression).

Trees grow level by level on binned features (see :mod:`algorithms._grower`).
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin
from ._binning import MAX_BINS, Binner
from ._constraints import Interval, Options, RealNotInt
from ._grower import grow
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)


def code_features(X, max_bins, keep=None):
    """``(binner, codes)`` of X: exact codes (``max_bins=None``) or at most ``max_bins`` bins.

    Exact codes may come from every row: a split's threshold is taken between the values its node
    holds, so rows of weight 0 place no threshold. Bins are quantiles, so only the rows of
    positive weight (``keep``) place them.
    """
    binner = Binner(max_bins)
    if max_bins is None or keep is None or keep.size == X.shape[0]:
        return binner, binner.fit_transform(X)
    return binner, binner.fit(X[keep]).transform(X)


def resolve_max_features(max_features, n_features: int) -> int | None:
    """Number of features drawn at each split (None = all)."""
    if max_features is None:
        return None
    if max_features == "sqrt":
        k = int(np.sqrt(n_features))
    elif max_features == "log2":
        k = int(np.log2(n_features))
    elif isinstance(max_features, numbers.Integral):
        if max_features > n_features:
            raise ValueError(f"max_features = {max_features} is larger than the number of "
                             f"features ({n_features}); it must be at most {n_features}.")
        k = int(max_features)
    else:
        k = int(max_features * n_features)
    k = max(1, min(k, n_features))
    return None if k >= n_features else k


_TREE_CONSTRAINTS = {
    "max_depth": [Interval(int, 1, None, "left"), None],
    "min_samples_split": [Interval(int, 2, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
    "min_samples_leaf": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "neither")],
    "max_features": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right"),
                     Options({"sqrt", "log2"}), None],
    "max_bins": [Interval(int, 2, MAX_BINS, "both"), None],
    "random_state": ["random_state"],
}


class _BaseTree(BaseEstimator):
    _criteria: set = set()
    #: missing values (NaN) are learnt, split by split (scikit-learn >= 1.3's rule)
    _allow_nan = True

    def __init__(self, *, criterion, max_depth=None, min_samples_split=2, min_samples_leaf=1,
                 max_features=None, random_state=None, max_bins=None):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_bins = max_bins

    # -- shared fitting -----------------------------------------------------------------------------
    def _resolved_counts(self, n_samples):
        mss = self.min_samples_split
        if isinstance(mss, float):
            mss = max(2, int(np.ceil(mss * n_samples)))
        msl = self.min_samples_leaf
        if isinstance(msl, float):
            msl = max(1, int(np.ceil(msl * n_samples)))
        return mss, msl

    def _grow(self, X, channels, sample_weight, *, binner=None, Xb=None):
        """Code X (unless given pre-coded), grow one tree, record the fitted attributes."""
        max_features = resolve_max_features(self.max_features, X.shape[1])
        # only drawn feature subsets use randomness (creating a generator costs ~30 us a tree)
        rng = None if max_features is None else check_random_state(self.random_state)
        keep = np.flatnonzero(sample_weight > 0)
        if Xb is None:
            binner, Xb = code_features(X, self.max_bins, keep)
        mss, msl = self._resolved_counts(keep.size)
        trees, leaf_of_row = grow(
            Xb, binner, channels[keep], self.criterion, max_depth=self.max_depth,
            min_samples_split=mss, min_samples_leaf=msl,
            max_features=max_features, rng=rng,
            rows=None if keep.size == X.shape[0] else keep)
        self.tree_ = trees[0]
        self.n_features_in_ = X.shape[1]
        self.max_features_ = max_features or X.shape[1]
        self._train_leaves = np.full(X.shape[0], -1)
        self._train_leaves[keep] = leaf_of_row
        return self

    def _check_common(self, X, y, sample_weight, y_numeric):
        self._validate_params()
        if self.criterion not in self._criteria:
            raise ValueError(f"criterion must be one of {sorted(self._criteria)}, "
                             f"got {self.criterion!r}.")
        X, y = check_X_y(X, y, estimator=self, y_numeric=y_numeric, allow_nan=True)
        if y_numeric:
            return X, y, check_sample_weight(sample_weight, X.shape[0])
        self.classes_, y_enc = check_classification_targets(y)
        self.n_classes_ = len(self.classes_)
        return X, y_enc, check_sample_weight(sample_weight, X.shape[0], y=y_enc)

    # -- inspection ---------------------------------------------------------------------------------
    def apply(self, X) -> np.ndarray:
        """Index (in ``tree_``) of the leaf each sample ends up in."""
        X = check_n_features(self, X, allow_nan=True)
        return self.tree_.apply(X)

    def decision_path(self, X):
        """The nodes each sample passes through: row i's are
        ``indices[indptr[i]:indptr[i + 1]]``, root first (scikit-learn's CSR layout;
        ``toarray()`` gives the 0/1 matrix of shape (n_samples, node_count))."""
        X = check_n_features(self, X, allow_nan=True)
        return self.tree_.decision_path(X)

    def get_depth(self) -> int:
        check_is_fitted(self, "tree_")
        return self.tree_.max_depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self, "tree_")
        return self.tree_.n_leaves

    @property
    def feature_importances_(self) -> np.ndarray:
        check_is_fitted(self, "tree_")
        return self.tree_.feature_importances(self.n_features_in_)


class DecisionTreeClassifier(ClassifierMixin, _BaseTree):
    """CART classifier. ``max_depth=1`` is the decision stump AdaBoost uses in the lecture.

    Fitted attributes: ``tree_`` (flat arrays: feature, threshold, left, right, value,
    n_node_samples, impurity), ``classes_``, ``n_classes_``, ``n_features_in_``,
    ``feature_importances_``.
    """

    _criteria = {"gini", "entropy"}
    _parameter_constraints = {"criterion": [Options({"gini", "entropy"})], **_TREE_CONSTRAINTS}

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1,
                 max_features=None, random_state=None, max_bins=None):
        super().__init__(criterion=criterion, max_depth=max_depth,
                         min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
                         max_features=max_features, random_state=random_state, max_bins=max_bins)

    def fit(self, X, y, sample_weight=None):
        X, y_enc, w = self._check_common(X, y, sample_weight, y_numeric=False)
        return self._fit_encoded(X, y_enc, w)

    def _fit_encoded(self, X, y_enc, w, *, binner=None, Xb=None):
        """Fit on class indices 0..K-1 (ensembles call this with a shared binning)."""
        if not hasattr(self, "classes_"):
            self.classes_ = np.arange(int(y_enc.max()) + 1)
            self.n_classes_ = len(self.classes_)
        channels = np.zeros((X.shape[0], self.n_classes_))
        channels[np.arange(X.shape[0]), y_enc] = w
        return self._grow(X, channels, w, binner=binner, Xb=Xb)

    def predict_proba(self, X) -> np.ndarray:
        """Weighted class fractions of the leaf each sample falls in."""
        X = check_n_features(self, X, allow_nan=True)
        return self.tree_.predict(X)

    def predict_log_proba(self, X) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class DecisionTreeRegressor(RegressorMixin, _BaseTree):
    """CART regressor (squared error): each leaf predicts the weighted mean of its samples."""

    _criteria = {"squared_error"}
    _parameter_constraints = {"criterion": [Options({"squared_error"})], **_TREE_CONSTRAINTS}

    def __init__(self, criterion="squared_error", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, max_features=None, random_state=None, max_bins=None):
        super().__init__(criterion=criterion, max_depth=max_depth,
                         min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
                         max_features=max_features, random_state=random_state, max_bins=max_bins)

    def fit(self, X, y, sample_weight=None):
        X, y, w = self._check_common(X, y, sample_weight, y_numeric=True)
        return self._fit_target(X, y, w)

    def _fit_target(self, X, y, w, *, binner=None, Xb=None):
        channels = np.column_stack([w, w * y])
        return self._grow(X, channels, w, binner=binner, Xb=Xb)

    def predict(self, X) -> np.ndarray:
        X = check_n_features(self, X, allow_nan=True)
        return self.tree_.predict(X)[:, 0]
