r"""Decision trees (CART): each node asks "x_j <= threshold?" and is chosen to reduce impurity most.

docs/lecture.md §2: the questions a tree asks are axis-aligned thresholds, chosen by a criterion (Gini or
entropy for classification, squared error for regression), and growth stops at ``max_depth``, at
pure nodes or when a split would leave fewer than ``min_samples_leaf`` samples on a side.

The impurity decrease of splitting node $i$ into $l, r$ is
$W_i I_i - W_l I_l - W_r I_r$ with $W$ the weighted sample count and $I$ the node impurity:

* Gini $I = 1 - \sum_c p_c^2$, entropy $I = -\sum_c p_c \log_2 p_c$ (classification);
* squared error $I = \frac{1}{W}\sum_n w_n (y_n - \bar y)^2$ (regression).

Trees grow level by level on coded features (see :mod:`algorithms._grower`): by default every
distinct value of a feature is a possible threshold (exact CART, scikit-learn's), ``max_bins``
opts into histogram bins. Missing values (NaN) are learnt split by split. ``max_leaf_nodes`` grows
best-first and ``ccp_alpha`` prunes by cost complexity (see :mod:`algorithms._pruning`).
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, is_classifier
from ._binning import MAX_BINS, Binner
from ._constraints import Interval, Options, RealNotInt
from ._export import export_text  # noqa: F401  (re-exported: algorithms.tree.export_text)
from ._grower import grow
from ._pruning import PruningPath, best_first_nodes, weakest_link_pruning
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


def expand_class_weight(class_weight, y_enc, n_classes, classes) -> np.ndarray:
    """Per-sample weights from ``class_weight``: a dict {label: weight} (labels left out weigh
    1) or "balanced" (n_samples / (n_classes * count of the class), scikit-learn's)."""
    if class_weight == "balanced":
        counts = np.bincount(y_enc, minlength=n_classes)
        per_class = len(y_enc) / (n_classes * np.maximum(counts, 1))
    else:
        per_class = np.ones(n_classes)
        labels = {c.item() if hasattr(c, "item") else c: k for k, c in enumerate(classes)}
        unknown = [c for c in class_weight if c not in labels]
        if unknown:
            raise ValueError(f"class_weight names labels {unknown!r} that are not classes of y "
                             f"({list(labels)!r}).")
        for c, weight in class_weight.items():
            if not (isinstance(weight, numbers.Real) and np.isfinite(weight) and weight >= 0):
                raise ValueError(f"class_weight[{c!r}] = {weight!r}: class weights must be "
                                 "finite numbers >= 0.")
            per_class[labels[c]] = float(weight)
    return per_class[y_enc]


_TREE_CONSTRAINTS = {
    "max_depth": [Interval(int, 1, None, "left"), None],
    "min_samples_split": [Interval(int, 2, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
    "min_samples_leaf": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "neither")],
    "max_features": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right"),
                     Options({"sqrt", "log2"}), None],
    "min_weight_fraction_leaf": [Interval(float, 0.0, 0.5, "both")],
    "max_leaf_nodes": [Interval(int, 2, None, "left"), None],
    "min_impurity_decrease": [Interval(float, 0.0, None, "left")],
    "ccp_alpha": [Interval(float, 0.0, None, "left")],
    "max_bins": [Interval(int, 2, MAX_BINS, "both"), None],
    "random_state": ["random_state"],
}
_CLASSIFIER_CRITERIA = {"gini", "entropy", "log_loss"}   # log_loss: scikit-learn's name for entropy


class _BaseTree(BaseEstimator):
    _criteria: set = set()
    #: missing values (NaN) are learnt, split by split (scikit-learn >= 1.3's rule)
    _allow_nan = True

    def __init__(self, *, criterion, max_depth=None, min_samples_split=2, min_samples_leaf=1,
                 min_weight_fraction_leaf=0.0, max_features=None, random_state=None,
                 max_leaf_nodes=None, min_impurity_decrease=0.0, ccp_alpha=0.0, max_bins=None):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.ccp_alpha = ccp_alpha
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

    def _grow_criterion(self) -> str:
        return "entropy" if self.criterion == "log_loss" else self.criterion

    def _growth_depth(self):
        """``max_depth``, capped at ``max_leaf_nodes - 1``: a tree of L leaves is never deeper."""
        if self.max_leaf_nodes is None:
            return self.max_depth
        cap = int(self.max_leaf_nodes) - 1
        return cap if self.max_depth is None else min(int(self.max_depth), cap)

    def _shrink(self, tree, leaf_of_row, ccp_alpha):
        """Best-first selection (``max_leaf_nodes``), then cost-complexity pruning; the training
        rows' leaves follow."""
        if self.max_leaf_nodes is not None and tree.n_leaves > self.max_leaf_nodes:
            tree, new_id = tree.keep_subtree(best_first_nodes(tree, int(self.max_leaf_nodes)))
            leaf_of_row = new_id[leaf_of_row]
        if ccp_alpha > 0 and tree.node_count > 1:
            keep, _, _ = weakest_link_pruning(tree, float(ccp_alpha))
            if not keep.all():
                tree, new_id = tree.keep_subtree(keep)
                leaf_of_row = new_id[leaf_of_row]
        return tree, leaf_of_row

    def _grow(self, X, channels, sample_weight, *, binner=None, Xb=None, ccp_alpha=None):
        """Code X (unless given pre-coded), grow one tree, record the fitted attributes."""
        max_features = resolve_max_features(self.max_features, X.shape[1])
        # only drawn feature subsets use randomness (creating a generator costs ~30 us a tree)
        rng = None if max_features is None else check_random_state(self.random_state)
        keep = np.flatnonzero(sample_weight > 0)
        if Xb is None:
            binner, Xb = code_features(X, self.max_bins, keep)
        mss, msl = self._resolved_counts(keep.size)
        trees, leaf_of_row = grow(
            Xb, binner, channels[keep], self._grow_criterion(), max_depth=self._growth_depth(),
            min_samples_split=mss, min_samples_leaf=msl,
            max_features=max_features, rng=rng,
            min_impurity_decrease=float(self.min_impurity_decrease),
            min_weight_fraction_leaf=float(self.min_weight_fraction_leaf),
            rows=None if keep.size == X.shape[0] else keep)
        tree, leaf_of_row = self._shrink(trees[0], leaf_of_row,
                                         self.ccp_alpha if ccp_alpha is None else ccp_alpha)
        self.tree_ = tree
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
        w = check_sample_weight(sample_weight, X.shape[0], y=y_enc)
        if getattr(self, "class_weight", None) is not None:
            w = check_sample_weight(w * expand_class_weight(self.class_weight, y_enc,
                                                            self.n_classes_, self.classes_),
                                    X.shape[0], y=y_enc)
        return X, y_enc, w

    def _fit_checked(self, X, y, w, ccp_alpha=None):
        """Grow from validated X, targets (class indices for a classifier) and weights."""
        raise NotImplementedError

    def cost_complexity_pruning_path(self, X, y, sample_weight=None) -> PruningPath:
        """The weakest-link pruning path of the tree these parameters grow on (X, y).

        Returns ``path.ccp_alphas`` (increasing effective alphas; the first is 0) and
        ``path.impurities`` (the total impurity of the leaves after each pruning step).
        Any ``ccp_alpha`` between two consecutive alphas gives the same pruned tree.
        """
        X, y, w = self._check_common(X, y, sample_weight, y_numeric=not is_classifier(self))
        grown = clone(self)._fit_checked(X, y, w, ccp_alpha=0.0)
        _, alphas, impurities = weakest_link_pruning(grown.tree_)
        return PruningPath(ccp_alphas=alphas, impurities=impurities)

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

    ``criterion``: "gini", "entropy" or "log_loss" (the same as "entropy"). ``class_weight``: a
    dict {label: weight} or "balanced", multiplying the sample weights.

    Fitted attributes: ``tree_`` (flat arrays: feature, threshold, left, right, value,
    n_node_samples, impurity, missing_go_to_left; scikit-learn's names too), ``classes_``,
    ``n_classes_``, ``n_features_in_``, ``feature_importances_``.
    """

    _criteria = _CLASSIFIER_CRITERIA
    _parameter_constraints = {"criterion": [Options(_CLASSIFIER_CRITERIA)],
                              "class_weight": ["dict", Options({"balanced"}), None],
                              **_TREE_CONSTRAINTS}

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1,
                 min_weight_fraction_leaf=0.0, max_features=None, random_state=None,
                 max_leaf_nodes=None, min_impurity_decrease=0.0, class_weight=None, ccp_alpha=0.0,
                 max_bins=None):
        super().__init__(criterion=criterion, max_depth=max_depth,
                         min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
                         min_weight_fraction_leaf=min_weight_fraction_leaf,
                         max_features=max_features, random_state=random_state,
                         max_leaf_nodes=max_leaf_nodes,
                         min_impurity_decrease=min_impurity_decrease, ccp_alpha=ccp_alpha,
                         max_bins=max_bins)
        self.class_weight = class_weight

    def fit(self, X, y, sample_weight=None):
        X, y_enc, w = self._check_common(X, y, sample_weight, y_numeric=False)
        return self._fit_checked(X, y_enc, w)

    def _fit_checked(self, X, y_enc, w, ccp_alpha=None):
        if not hasattr(self, "classes_"):
            self.classes_ = np.arange(int(y_enc.max()) + 1)
            self.n_classes_ = len(self.classes_)
        return self._fit_encoded(X, y_enc, w, ccp_alpha=ccp_alpha)

    def _fit_encoded(self, X, y_enc, w, *, binner=None, Xb=None, ccp_alpha=None):
        """Fit on class indices 0..K-1 (ensembles call this with a shared binning)."""
        if not hasattr(self, "classes_"):
            self.classes_ = np.arange(int(y_enc.max()) + 1)
            self.n_classes_ = len(self.classes_)
        channels = np.zeros((X.shape[0], self.n_classes_))
        channels[np.arange(X.shape[0]), y_enc] = w
        return self._grow(X, channels, w, binner=binner, Xb=Xb, ccp_alpha=ccp_alpha)

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
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features=None,
                 random_state=None, max_leaf_nodes=None, min_impurity_decrease=0.0, ccp_alpha=0.0,
                 max_bins=None):
        super().__init__(criterion=criterion, max_depth=max_depth,
                         min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
                         min_weight_fraction_leaf=min_weight_fraction_leaf,
                         max_features=max_features, random_state=random_state,
                         max_leaf_nodes=max_leaf_nodes,
                         min_impurity_decrease=min_impurity_decrease, ccp_alpha=ccp_alpha,
                         max_bins=max_bins)

    def fit(self, X, y, sample_weight=None):
        X, y, w = self._check_common(X, y, sample_weight, y_numeric=True)
        return self._fit_target(X, y, w)

    def _fit_checked(self, X, y, w, ccp_alpha=None):
        return self._fit_target(X, y, w, ccp_alpha=ccp_alpha)

    def _fit_target(self, X, y, w, *, binner=None, Xb=None, ccp_alpha=None):
        channels = np.column_stack([w, w * y])
        return self._grow(X, channels, w, binner=binner, Xb=Xb, ccp_alpha=ccp_alpha)

    def predict(self, X) -> np.ndarray:
        X = check_n_features(self, X, allow_nan=True)
        return self.tree_.predict(X)[:, 0]
