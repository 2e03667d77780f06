r"""Gradient boosting: gradient descent in function space, one regression tree per step (docs/lecture.md §4).

The lecture's recipe, step by step (``_fit_stage`` runs one ``t``):

1. $g_0(x)$ = the constant minimising the loss (``init=None``, scikit-learn's default) or
   $g_0 = 0$ (``init="zero"``, the lecture's start).
2. For $t = 1..T$: the pseudo-residuals $r^n = -\partial l(y^n, g)/\partial g\,|_{g = g_{t-1}(x^n)}$
   (the direction of steepest descent of $L(g) = \sum_n l(y^n, g(x^n))$ at the training points).
3. Fit a regression tree $f_t$ to $r$ (squared error), so $f_t$ "points the same way" as
   $-\partial L/\partial g$.
4. Line search. ``line_search="per_leaf"`` (default, Friedman's TreeBoost, as scikit-learn): every
   leaf $j$ gets its own step $\gamma_j = \arg\min_\gamma \sum_{n \in j} l(y^n, g_{t-1}(x^n) +
   \gamma)$ (exact where closed-form, one Newton step otherwise) and $\alpha_t = 1$.
   ``line_search="per_stage"`` (the lecture): the leaves keep the fitted direction and one
   $\alpha_t = \arg\min_\alpha L(g_{t-1} + \alpha f_t)$ is searched for the whole stage.
5. $g_t = g_{t-1} + \eta\,\alpha_t f_t$ with the learning rate $\eta$ (shrinkage).

Multiclass log-loss grows K trees per stage (one per class score $g_k$), all K in one pass of the
grower. The features are binned once per ``fit`` and every stage reuses the bin codes; the trees
are grown with histogram subtraction; the running $g$ on the training rows is updated from each
tree's leaf assignment of those rows, never by predicting the training set again.

AdaBoost as a special case (the lecture's identity): ``GradientBoostingClassifier(loss="exponential",
max_depth=1, learning_rate=1.0)`` (``init`` and ``line_search`` default to ``"auto"``, which for the
exponential loss means the lecture's ``g_0 = 0`` and one line search per stage). With $l = e^{-y g}$ the
pseudo-residual is $r^n = y^n u_t^n$, $u_t^n = e^{-y^n g_{t-1}(x^n)}$: the stump is grown on
targets $y$ with weights $u_t$ (weighted squared error on $\pm 1$ targets is twice the weighted
Gini impurity, so this is AdaBoost's stump), its leaves carry the sign of their weighted vote, so
$f_t \in \{-1, +1\}$, and the line search gives $\alpha_t = \ln\sqrt{(1-\varepsilon_t)/\varepsilon_t}$
in closed form. Every stage then equals AdaBoost's round $t$, and AdaBoost's example weights are the
size of the pseudo-residuals, $u_t^n = |r^n|$.

For the UI: ``stage_view(X, y, t)`` recomputes $g_{t-1}$, the pseudo-residuals, $f_t$, $\alpha_t$
and $g_t$ at any points; ``surface_terms()`` says what each stage adds, so that
:func:`algorithms.surface.staged_surfaces` paints every stage's $g_t$ on a 2-D grid.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, has_fit_parameter
from ._binning import MAX_BINS, Binner
from ._constraints import Interval, Options
from ._grower import grow
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .losses import make_loss
from .bagging import MAX_ESTIMATORS
from .tree import DecisionTreeRegressor, resolve_max_features

# Histogram subtraction: build the smaller child's histogram, the sibling's is parent - child.
_SUBTRACT_HISTOGRAMS = True

_COMMON_CONSTRAINTS = {
    "learning_rate": [Interval(float, 0.0, None, "neither")],
    "n_estimators": [Interval(int, 1, MAX_ESTIMATORS, "both")],
    "subsample": [Interval(float, 0.0, 1.0, "right")],
    "max_depth": [Interval(int, 1, None, "left"), None],
    "min_samples_split": [Interval(int, 2, None, "left"), Interval(float, 0.0, 1.0, "right")],
    "min_samples_leaf": [Interval(int, 1, None, "left"), Interval(float, 0.0, 1.0, "neither")],
    "max_features": [Interval(int, 1, None, "left"), Interval(float, 0.0, 1.0, "right"),
                     Options({"sqrt", "log2"}), None],
    "init": [Options({"zero", "auto"}), "estimator", None],
    "warm_start": ["boolean"],
    "verbose": [Interval(int, 0, None, "left"), "boolean"],
    "max_bins": [Interval(int, 2, MAX_BINS, "both"), None],
    "line_search": [Options({"per_leaf", "per_stage", "auto"})],
    "validation_fraction": [Interval(float, 0.0, 1.0, "neither")],
    "n_iter_no_change": [Interval(int, 1, None, "left"), None],
    "tol": [Interval(float, 0.0, None, "left")],
    "random_state": ["random_state"],
}


def _link(loss, out) -> np.ndarray:
    r"""Raw scores $g$ (n, K) from an init estimator's output (scikit-learn's link functions):
    the prediction itself for regression; for two classes the log-odds of $p_1$ (half of them
    for the exponential loss, whose $p = \sigma(2g)$); for K classes $\ln p_k$ centred."""
    if loss.name not in ("log_loss", "exponential"):
        return out
    if loss.n_trees > 1:
        logp = np.log(out)
        return logp - logp.mean(axis=1, keepdims=True)
    p1 = out[:, 1:2]
    logit = np.log(p1) - np.log1p(-p1)
    return 0.5 * logit if loss.name == "exponential" else logit


def _take(a: np.ndarray, idx) -> np.ndarray:
    """``a[idx]``, or ``a`` itself when ``idx`` is None (every row, in order)."""
    return a if idx is None else a[idx]


class _BaseGradientBoosting(BaseEstimator):
    """The boosting loop shared by the regressor and the classifier."""

    #: missing values (NaN) are learnt by every stage's tree, split by split
    _allow_nan = True

    def __init__(self, *, loss, learning_rate, n_estimators, subsample, min_samples_split,
                 min_samples_leaf, max_depth, init, random_state, max_features,
                 validation_fraction, n_iter_no_change, tol, line_search, warm_start=False,
                 verbose=0, max_bins=MAX_BINS):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_depth = max_depth
        self.init = init
        self.random_state = random_state
        self.max_features = max_features
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.line_search = line_search
        self.warm_start = warm_start
        self.verbose = verbose
        self.max_bins = max_bins

    # ------------------------------------------------------------------------------------ fitting
    def _clear_state(self):
        """Forget a previous fit (kept by ``warm_start``, to add stages to it)."""
        if self.warm_start and hasattr(self, "estimators_"):
            return
        for name in ("estimators_", "estimator_weights_", "train_score_", "oob_improvement_",
                     "oob_scores_", "oob_score_", "init_", "n_estimators_", "stop_reason_",
                     "n_features_in_"):
            self.__dict__.pop(name, None)

    def _split_validation(self, y, rng):
        """Hold out ``validation_fraction`` of the rows (stratified by class for classifiers)."""
        n = len(y)
        if self._is_clf:
            val = []
            for c in np.unique(y):
                idx = rng.permutation(np.flatnonzero(y == c))
                val.append(idx[:int(round(self.validation_fraction * idx.size))])
            val = np.sort(np.concatenate(val))
        else:
            n_val = int(np.ceil(self.validation_fraction * n))
            val = np.sort(rng.permutation(n)[:n_val])
        if val.size == 0 or val.size == n:
            raise ValueError(f"validation_fraction={self.validation_fraction} leaves "
                             f"{val.size} of {n} samples for validation; early stopping needs "
                             "samples on both sides.")
        train = np.setdiff1d(np.arange(n), val, assume_unique=True)
        return train, val

    def _fit(self, X, y, w):
        """Run the stages on validated X (n, d), encoded y and weights w (from stage 1, or, with
        ``warm_start``, from the stages already fitted on)."""
        n, d = X.shape
        resume = self.warm_start and hasattr(self, "estimators_")
        if resume:
            if d != self.n_features_in_:
                raise ValueError(f"warm_start needs the {self.n_features_in_} features of the "
                                 f"first fit; X has {d}.")
            if self.n_estimators < self.estimators_.shape[0]:
                raise ValueError(f"n_estimators = {self.n_estimators} must be at least the "
                                 f"{self.estimators_.shape[0]} stages already fitted when "
                                 "warm_start=True.")
            rng = self._rng
        else:
            rng = check_random_state(self.random_state)
        self.n_features_in_ = d
        loss = self._loss
        K = loss.n_trees

        X_val = y_val = w_val = None
        if self.n_iter_no_change is not None:
            if not resume:
                self._split_rows = self._split_validation(y, rng)
            tr, va = self._split_rows
            if self._is_clf and np.unique(y[tr]).size != self.n_classes_:
                raise ValueError("The training part of the early-stopping split is missing a "
                                 "class; lower validation_fraction or change random_state.")
            X, X_val, y, y_val, w, w_val = X[tr], X[va], y[tr], y[va], w[tr], w[va]
            n = X.shape[0]

        # Bin once; every stage's tree reuses the codes. Rows of weight 0 take no part in the
        # fit, so they must not place thresholds either.
        if not resume:
            self._binner = Binner(self.max_bins).fit(X[w > 0])
        binner = self._binner
        Xb = binner.transform(X)
        Xb_t = np.ascontiguousarray(Xb.T)   # the grower's slot-major view, made once

        # "auto": the lecture's form for the exponential loss (g_0 = 0, one alpha_t per stage:
        # AdaBoost), scikit-learn's for every other loss (best constant, per-leaf steps).
        lecture = loss.name == "exponential"
        line_search = (("per_stage" if lecture else "per_leaf") if self.line_search == "auto"
                       else self.line_search)
        if resume:
            G = self._raw_predict(X)
            G_val = None if X_val is None else self._raw_predict(X_val)
        else:
            self._start_from_init(X, y, w, lecture)
            self.line_search_ = line_search
            G = self._raw_init(X)
            G_val = None if X_val is None else self._raw_init(X_val)

        mss = self.min_samples_split
        if isinstance(mss, float):
            mss = max(2, int(np.ceil(mss * n)))
        msl = self.min_samples_leaf
        if isinstance(msl, float):
            msl = max(1, int(np.ceil(msl * n)))
        max_features = resolve_max_features(self.max_features, d)
        self.max_features_ = max_features or d
        per_stage = line_search == "per_stage"
        do_oob = self.subsample < 1.0
        n_inbag = max(1, int(self.subsample * n))

        T0, T = (self.estimators_.shape[0] if resume else 0), self.n_estimators
        estimators = np.empty((T - T0, K), dtype=object)
        weights, train_score = np.ones(T - T0), np.zeros(T - T0)
        oob_improvement, oob_scores = np.zeros(T - T0), np.zeros(T - T0)
        self.stop_reason_ = None
        history = np.full(self.n_iter_no_change or 1, np.inf)
        all_rows = np.arange(n)

        t = 0
        for t in range(T - T0):
            stage = T0 + t + 1                  # 1-based, for messages
            inbag = np.sort(rng.choice(n, n_inbag, replace=False)) if do_oob else all_rows
            if do_oob and not np.any(w[inbag] > 0):
                raise ValueError(
                    f"subsample={self.subsample} drew {n_inbag} samples for stage {stage} and all "
                    "of them have sample_weight 0: the weights leave no sample to fit. Give more "
                    "samples a positive weight or raise subsample.")
            if do_oob:
                oob = np.setdiff1d(all_rows, inbag, assume_unique=True)
                oob_before = loss(y[oob], G[oob], w[oob]) if oob.size else 0.0

            trees, F, alpha = self._fit_stage(X, Xb, binner, y, w, G, inbag, rng,
                                              mss, msl, max_features, per_stage, Xb_t=Xb_t)
            if per_stage and alpha == 0.0:
                # f_t cannot lower the loss (e.g. AdaBoost's eps_t = 0.5): later stages would
                # repeat it forever.
                self.stop_reason_ = f"stage {stage}: the line search found no descent (alpha = 0)"
                break
            for k, tree in enumerate(trees):
                estimators[t, k] = self._wrap(tree, d)
            weights[t] = alpha
            G += (self.learning_rate * alpha) * F

            train_score[t] = (loss(y[inbag], G[inbag], w[inbag]) if do_oob else loss(y, G, w))
            if do_oob:
                oob_scores[t] = loss(y[oob], G[oob], w[oob]) if oob.size else 0.0
                oob_improvement[t] = oob_before - oob_scores[t]
            if self.verbose:
                print(f"stage {stage}: training loss {train_score[t]:.6g}")
            if G_val is not None:
                for k, tree in enumerate(trees):
                    G_val[:, k] += (self.learning_rate * alpha) * tree.predict(X_val)[:, 0]
                val_loss = loss(y_val, G_val, w_val)
                if np.any(val_loss + self.tol < history):
                    history[t % history.size] = val_loss
                else:
                    self.stop_reason_ = (f"early stopping: no validation improvement > tol in "
                                         f"{self.n_iter_no_change} stages")
                    t += 1
                    break
            if per_stage and loss.name == "exponential" and self._last_eps == 0.0:
                self.stop_reason_ = f"stage {stage}: weighted error eps_t = 0"
                t += 1
                break
        else:
            t = T - T0
        if T0 + t == 0:
            raise ValueError("The first stage could not lower the training loss (alpha_1 = 0); "
                             "nothing was fitted.")

        def joined(name, new):
            return np.concatenate([getattr(self, name), new[:t]]) if resume else new[:t]
        self.estimators_ = joined("estimators_", estimators)
        self.estimator_weights_ = joined("estimator_weights_", weights)
        self.train_score_ = joined("train_score_", train_score)
        if do_oob:
            self.oob_improvement_ = joined("oob_improvement_", oob_improvement)
            self.oob_scores_ = joined("oob_scores_", oob_scores)
            self.oob_score_ = float(self.oob_scores_[-1])
        self.n_estimators_ = self.estimators_.shape[0]
        self._rng = rng                  # a warm start continues the same random stream
        return self

    def _start_from_init(self, X, y, w, lecture):
        r"""$g_0$: the lecture's 0, the loss's best constant, or a fitted estimator's output."""
        init = self.init
        if init == "auto":
            init = "zero" if lecture else None
        if init is None or init == "zero":
            K = self._loss.n_trees
            self.init_ = np.zeros(K) if init == "zero" else self._loss.init_value(y, w)
            self.init_kind_ = init or "constant"
            return
        est = clone(init)
        labels = self.classes_[y.astype(np.intp)] if self._is_clf else y
        uniform = bool(np.all(w == w[0]))
        if uniform:
            est.fit(X, labels)
        elif has_fit_parameter(est, "sample_weight"):
            est.fit(X, labels, sample_weight=w)
        else:
            raise ValueError(f"The init estimator {type(est).__name__} takes no sample_weight; "
                             "fit without weights or choose an init estimator that takes them.")
        if self._is_clf and not hasattr(est, "predict_proba"):
            raise ValueError(f"The init estimator {type(est).__name__} has no predict_proba; a "
                             "classifier's g_0 is the log-odds of its probabilities.")
        self.init_ = est
        self.init_kind_ = "estimator"

    def _fit_stage(self, X, Xb, binner, y, w, G, inbag, rng, mss, msl, max_features,
                   per_stage, Xb_t=None):
        r"""One stage: pseudo-residuals, K trees in one grower pass, leaf values, alpha_t.

        Returns the trees, $F$ = the stage's outputs $f_t(x^n)$ on every training row (n, K) and
        $\alpha_t$; the caller adds $\eta \alpha_t F$ to $g$.
        """
        loss = self._loss
        K = loss.n_trees
        n = X.shape[0]
        # (Gathers of every row, in order, are skipped: ``_take(a, None)`` is ``a`` itself.)
        all_in = None if inbag.size == n else inbag   # no subsampling: every row is in the bag
        yi, Gi, wi = _take(y, all_in), _take(G, all_in), _take(w, all_in)
        loss.begin_stage(y, G, w)  # Huber's delta from all training rows, as scikit-learn
        r = loss.negative_gradient(yi, Gi)

        chans, rows, roots, parts = [], [], [], []
        for k in range(K):
            wk, target = loss.tree_problem(yi, Gi, r, wi, k, per_stage)
            keep = np.flatnonzero(wk > 0)  # the grower takes positive weights only
            keep = None if keep.size == wk.size else keep
            wk, target = _take(wk, keep), _take(target, keep)
            ch = np.empty((wk.size, 2))   # channels (w, w r) of the regression tree
            ch[:, 0] = wk
            np.multiply(wk, target, out=ch[:, 1])
            chans.append(ch)
            rows.append(_take(inbag, keep))
            if K > 1:
                roots.append(np.full(wk.size, k))
            parts.append((keep, wk, target))
        rows = rows[0] if K == 1 else np.concatenate(rows)
        identity = K == 1 and rows.size == n  # every row, in order: no gather needed
        trees, leaf_of_row = grow(
            Xb, binner, chans[0] if K == 1 else np.concatenate(chans), "squared_error",
            max_depth=self.max_depth, min_samples_split=mss, min_samples_leaf=msl,
            max_features=max_features, rng=rng,
            rows=None if identity else rows, roots=np.concatenate(roots) if K > 1 else None,
            n_roots=K, subtract_histograms=_SUBTRACT_HISTOGRAMS, codes_t=Xb_t)

        F = np.empty((n, K))
        start = 0
        for k, tree in enumerate(trees):
            keep, wk, target = parts[k]
            node = leaf_of_row[start:start + wk.size]
            start += wk.size
            m = tree.node_count
            value = tree.value[:, 0].copy()
            leaves = tree.is_leaf
            if per_stage:
                # f_t's leaves: the weighted mean of the tree's targets, made a direction
                # (the sign of the vote for AdaBoost's exponential loss).
                s = np.bincount(node, weights=wk * target, minlength=m)
                W = np.bincount(node, weights=wk, minlength=m)
                means = np.divide(s, W, out=np.zeros(m), where=W > 0)
                value[leaves] = loss.stage_direction(means[leaves])
            else:
                gamma = loss.leaf_values(_take(yi, keep), _take(Gi, keep), _take(r, keep),
                                         _take(wi, keep), node, m, k)
                value[leaves] = gamma[leaves]
            tree.set_leaf_values(value)
            # Rows the grower saw: their leaf is known. The others (out-of-bag, zero weight):
            # route them down the tree.
            seen = _take(inbag, keep)
            if seen.size == n:
                F[:, k] = value[node]
            else:
                F[seen, k] = value[node]
                other = np.ones(n, dtype=bool)
                other[seen] = False
                F[other, k] = tree.predict(X[other])[:, 0]

        alpha = 1.0
        if per_stage:
            alpha = float(loss.line_search(yi, Gi, F[inbag], wi))
            if loss.name == "exponential":
                u = wi * np.exp(-(2.0 * yi - 1.0) * Gi[:, 0])
                self._last_eps = float(np.sum(u[F[inbag, 0] != 2.0 * yi - 1.0]) / np.sum(u))
        return trees, F, alpha

    def _wrap(self, tree, d):
        """The stage's tree as a fitted DecisionTreeRegressor (the UI draws ``est.tree_``)."""
        est = DecisionTreeRegressor(max_depth=self.max_depth,
                                    min_samples_split=self.min_samples_split,
                                    min_samples_leaf=self.min_samples_leaf,
                                    max_features=self.max_features)
        est.tree_ = tree
        est.n_features_in_ = d
        est.max_features_ = self.max_features_
        return est

    # --------------------------------------------------------------------------------- prediction
    def _stage_output(self, X, t):
        r"""$f_t(x)$ for validated X: the leaf values of stage t's K trees, shape (n, K)."""
        return np.column_stack([est.tree_.predict(X)[:, 0] for est in self.estimators_[t]])

    def apply(self, X):
        """Leaf index of every sample in every stage's trees: shape (n, n_stages, K) for a
        classifier (K = 1 for two classes), (n, n_stages) for a regressor."""
        X = self._validated(X)
        T, K = self.estimators_.shape
        out = np.empty((X.shape[0], T, K), dtype=np.int64)
        for t in range(T):
            for k in range(K):
                out[:, t, k] = self.estimators_[t, k].tree_.apply(X)
        return out if self._is_clf else out[:, :, 0]

    def __len__(self) -> int:
        check_is_fitted(self, "estimators_")
        return self.estimators_.shape[0]

    def __getitem__(self, index):
        check_is_fitted(self, "estimators_")
        return self.estimators_[index]

    def _raw_init(self, X):
        r"""$g_0(x)$, shape (n, K): the constant, or the init estimator's output in raw-score
        units (scikit-learn's link: log-odds of its probabilities for a classifier)."""
        if not isinstance(self.init_, np.ndarray):
            return _link(self._loss, self._init_output(X))
        return np.tile(np.asarray(self.init_, dtype=np.float64), (X.shape[0], 1))

    def _init_output(self, X):
        """The init estimator's predictions (probabilities of ``classes_`` for a classifier)."""
        if not self._is_clf:
            return np.asarray(self.init_.predict(X), dtype=np.float64).reshape(-1, 1)
        proba = np.asarray(self.init_.predict_proba(X), dtype=np.float64)
        eps = np.finfo(np.float64).eps
        return np.clip(proba, eps, 1 - eps)

    def _staged_raw(self, X):
        G = self._raw_init(X)
        for t in range(self.estimators_.shape[0]):
            G = G + (self.learning_rate * self.estimator_weights_[t]) * self._stage_output(X, t)
            yield G

    def _raw_predict(self, X):
        G = self._raw_init(X)
        for t in range(self.estimators_.shape[0]):
            G += (self.learning_rate * self.estimator_weights_[t]) * self._stage_output(X, t)
        return G

    def _validated(self, X):
        check_is_fitted(self, "estimators_")
        return check_n_features(self, X, allow_nan=True)

    def _out(self, G):
        return G[:, 0] if G.shape[1] == 1 else G

    def stage_view(self, X, y=None, t=1):
        r"""What stage ``t`` (1-based) did at the points X, for the UI.

        Returns a dict (arrays have shape (n,), or (n, K) for multiclass):

        * ``g_prev``: $g_{t-1}(x)$, from the staged outputs (``t = 1`` gives $g_0$);
        * ``residuals``: the pseudo-residuals $-\partial l / \partial g$ at $g_{t-1}$ (needs y);
        * ``f``: $f_t(x)$, the stage's tree (per-leaf steps, or the direction under
          ``line_search="per_stage"``);
        * ``alpha``: $\alpha_t$ (1 with per-leaf steps);
        * ``g``: $g_t(x) = g_{t-1}(x) + \eta\,\alpha_t f_t(x)$.

        Nothing here is stored during ``fit``: it is recomputed from the fitted trees.
        """
        X = self._validated(X)
        T = self.estimators_.shape[0]
        if not (isinstance(t, numbers.Integral) and 1 <= t <= T):
            raise ValueError(f"t must be a stage number in 1..{T}, got {t!r}.")
        g_prev = self._raw_init(X)
        for s in range(t - 1):
            g_prev += (self.learning_rate * self.estimator_weights_[s]) * self._stage_output(X, s)
        f = self._stage_output(X, t - 1)
        alpha = float(self.estimator_weights_[t - 1])
        out = {"g_prev": self._out(g_prev), "f": self._out(f), "alpha": alpha,
               "g": self._out(g_prev + self.learning_rate * alpha * f), "residuals": None}
        if y is not None:
            y_enc = self._encode_for_loss(y, len(X))
            self._loss.begin_stage(y_enc, g_prev, np.ones(len(X)))
            out["residuals"] = self._out(self._loss.negative_gradient(y_enc, g_prev))
        return out

    def staged_residuals(self, X, y):
        r"""The pseudo-residuals $r_t^n = -\partial l(y^n, g)/\partial g\,|_{g = g_{t-1}(x^n)}$
        that stage t's tree was fitted to, for t = 1..T: one array per stage, shape (n,) (or
        (n, K) for multiclass), as ``stage_view(X, y, t)["residuals"]`` gives them one stage at a
        time. With the squared error they are $y^n - g_{t-1}(x^n)$, with the log-loss
        $y^n - p_{t-1}(x^n)$: an example the model already fits well stops pulling."""
        X = self._validated(X)
        y_enc = self._encode_for_loss(y, len(X))
        ones = np.ones(len(X))
        g_prev = self._raw_init(X)                               # g_0
        for G in self._staged_raw(X):
            self._loss.begin_stage(y_enc, g_prev, ones)
            yield self._out(self._loss.negative_gradient(y_enc, g_prev))   # r_t at g_{t-1}
            g_prev = G

    def surface_terms(self):
        r"""What $g_t = g_0 + \eta \sum_{s \le t} \alpha_s f_s$ adds up, stage by stage (K trees a
        stage, tree k adding to output k), for painting on a plane:
        :func:`algorithms.surface.staged_surfaces`. None unless the model has two features."""
        from .surface import SurfaceTerms  # painting is optional here
        check_is_fitted(self, "estimators_")
        if self.n_features_in_ != 2 or not isinstance(self.init_, np.ndarray):
            return None  # an estimator as init: g_0 varies over the plane (evaluated instead)
        T, K = self.estimators_.shape
        step = self.learning_rate * np.asarray(self.estimator_weights_, float)

        def values(i):
            t, k = divmod(i, K)
            tree = self.estimators_[t, k].tree_
            out = np.zeros((tree.node_count, K))
            out[:, k] = step[t] * tree.value[:, 0]
            return out

        return SurfaceTerms([self.estimators_[t, k].tree_ for t in range(T) for k in range(K)],
                            values, np.asarray(self.init_, float).reshape(K), per_round=K,
                            output=0 if K == 1 else None)

    def staged_loss(self, X, y):
        r"""$L(g_t) = \frac{1}{N}\sum_n l(y^n, g_t(x^n))$ on (X, y) after every stage t = 1..T, in the
        loss's own scale (as ``train_score_`` records it on the training rows): the test curve."""
        X = self._validated(X)
        y_enc = self._encode_for_loss(y, len(X))
        for G in self._staged_raw(X):
            yield float(self._loss(y_enc, G))

    @property
    def feature_importances_(self):
        r"""Mean over all trees of each tree's normalised impurity decrease, renormalised."""
        check_is_fitted(self, "estimators_")
        imps = [est.tree_.feature_importances(self.n_features_in_)
                for est in self.estimators_.ravel() if est.tree_.node_count > 1]
        if not imps:
            return np.zeros(self.n_features_in_)
        mean = np.mean(imps, axis=0)
        return mean / mean.sum() if mean.sum() > 0 else mean


_DOC_PARAMS = r"""
    Parameters
    ----------
    loss : the loss $l(y, g)$ (see :mod:`algorithms.losses`).
    learning_rate : $\eta$ in $g_t = g_{t-1} + \eta\,\alpha_t f_t$ (shrinkage), > 0.
    n_estimators : number of stages T.
    subsample : fraction of the rows (drawn without replacement each stage) a stage is fitted on;
        < 1 gives stochastic gradient boosting and the out-of-bag curves ``oob_scores_``,
        ``oob_improvement_`` (the loss drop on *this stage's* out-of-bag rows).
    max_depth, min_samples_split, min_samples_leaf, max_features : of each stage's tree.
    init : None = $g_0$ is the loss's best constant (scikit-learn); "zero" = $g_0 = 0$ (lecture);
        "auto" (default) = "zero" for the exponential loss, None otherwise.
    line_search : "per_leaf" (each leaf its own step, scikit-learn) or "per_stage" (one
        $\alpha_t$ per stage, the lecture; with the exponential loss this is AdaBoost); "auto"
        (default) = "per_stage" for the exponential loss, "per_leaf" otherwise.
    validation_fraction, n_iter_no_change, tol : early stopping. With ``n_iter_no_change`` set, a
        held-out ``validation_fraction`` of the data is scored after every stage; fitting stops
        once none of the last ``n_iter_no_change`` stages beat the best by more than ``tol``.
    random_state : seeds the subsampling, the feature draws and the validation split.

    Attributes
    ----------
    init_ : $g_0$, shape (K,); ``init_kind_`` and ``line_search_`` say which forms "auto" chose.
    estimators_ : (n_stages, K) array of fitted ``DecisionTreeRegressor`` (leaf values = $f_t$).
    estimator_weights_ : $\alpha_t$ per stage (all 1 with ``line_search="per_leaf"``).
    train_score_ : training loss after each stage (scikit-learn's scale: MSE, binomial deviance).
    n_estimators_ : stages actually fitted (fewer after early stopping).
    oob_scores_, oob_improvement_, oob_score_ : with ``subsample < 1``.
    stop_reason_ : why fitting stopped before ``n_estimators`` (None if it did not).
"""


class GradientBoostingRegressor(RegressorMixin, _BaseGradientBoosting):
    __doc__ = r"""Gradient boosting for regression: squared, absolute, Huber or quantile loss.

    ``alpha`` is the quantile of the ``quantile`` loss and the outlier quantile of ``huber``.
    """ + _DOC_PARAMS

    _is_clf = False
    _parameter_constraints = {
        "loss": [Options({"squared_error", "absolute_error", "huber", "quantile"})],
        "alpha": [Interval(float, 0.0, 1.0, "neither")],
        **_COMMON_CONSTRAINTS,
    }

    def __init__(self, loss="squared_error", learning_rate=0.1, n_estimators=100, subsample=1.0,
                 min_samples_split=2, min_samples_leaf=1, max_depth=3, init="auto",
                 random_state=None, max_features=None, alpha=0.9, validation_fraction=0.1,
                 n_iter_no_change=None, tol=1e-4, line_search="auto", warm_start=False,
                 verbose=0, max_bins=MAX_BINS):
        super().__init__(loss=loss, learning_rate=learning_rate, n_estimators=n_estimators,
                         subsample=subsample, min_samples_split=min_samples_split,
                         min_samples_leaf=min_samples_leaf, max_depth=max_depth, init=init,
                         random_state=random_state, max_features=max_features,
                         validation_fraction=validation_fraction,
                         n_iter_no_change=n_iter_no_change, tol=tol, line_search=line_search,
                         warm_start=warm_start, verbose=verbose, max_bins=max_bins)
        self.alpha = alpha

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        self._clear_state()
        X, y = check_X_y(X, y, estimator=self, y_numeric=True, allow_nan=True)
        w = check_sample_weight(sample_weight, X.shape[0])
        self._loss = make_loss(self.loss, alpha=self.alpha)
        return self._fit(X, y, w)

    def _encode_for_loss(self, y, n):
        y = np.asarray(y, dtype=np.float64).ravel()
        if y.shape[0] != n:
            raise ValueError(f"y has {y.shape[0]} values for {n} rows of X.")
        return y

    def predict(self, X):
        r"""$g_T(x)$."""
        return self._raw_predict(self._validated(X))[:, 0]

    def staged_predict(self, X):
        """$g_t(x)$ after each stage t = 1..n_stages."""
        X = self._validated(X)
        for G in self._staged_raw(X):
            yield G[:, 0]


class GradientBoostingClassifier(ClassifierMixin, _BaseGradientBoosting):
    __doc__ = r"""Gradient boosting for classification: log-loss (binary / K-class) or exponential.

    Binary: one tree per stage on the score $g$ of ``classes_[1]``; ``predict_proba`` is
    $\sigma(g)$ for log-loss and $\sigma(2g)$ for the exponential loss (whose minimiser is half the
    log-odds). Multiclass log-loss: K trees per stage, softmax of the K scores.
    ``predict`` = the class with the largest score: for binary, $H(x) = \mathrm{sign}(g_T(x))$.
    """ + _DOC_PARAMS

    _is_clf = True
    _parameter_constraints = {
        "loss": [Options({"log_loss", "exponential"})],
        **_COMMON_CONSTRAINTS,
    }

    def __init__(self, loss="log_loss", learning_rate=0.1, n_estimators=100, subsample=1.0,
                 min_samples_split=2, min_samples_leaf=1, max_depth=3, init="auto",
                 random_state=None, max_features=None, validation_fraction=0.1,
                 n_iter_no_change=None, tol=1e-4, line_search="auto", warm_start=False,
                 verbose=0, max_bins=MAX_BINS):
        super().__init__(loss=loss, learning_rate=learning_rate, n_estimators=n_estimators,
                         subsample=subsample, min_samples_split=min_samples_split,
                         min_samples_leaf=min_samples_leaf, max_depth=max_depth, init=init,
                         random_state=random_state, max_features=max_features,
                         validation_fraction=validation_fraction,
                         n_iter_no_change=n_iter_no_change, tol=tol, line_search=line_search,
                         warm_start=warm_start, verbose=verbose, max_bins=max_bins)

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        self._clear_state()
        X, y = check_X_y(X, y, estimator=self, allow_nan=True)
        classes, y_enc = check_classification_targets(y)
        if hasattr(self, "estimators_") and not np.array_equal(classes, self.classes_):
            raise ValueError("warm_start needs the classes of the first fit; got other labels.")
        self.classes_ = classes
        w = check_sample_weight(sample_weight, X.shape[0], y=y_enc)
        self.n_classes_ = len(self.classes_)
        self._loss = make_loss(self.loss, n_classes=self.n_classes_)
        y_enc = y_enc.astype(np.float64) if self.n_classes_ == 2 else y_enc
        return self._fit(X, y_enc, w)

    def _encode_for_loss(self, y, n):
        y = np.asarray(y).ravel()
        if y.shape[0] != n:
            raise ValueError(f"y has {y.shape[0]} labels for {n} rows of X.")
        idx = np.searchsorted(self.classes_, y)
        idx = np.minimum(idx, len(self.classes_) - 1)
        if np.any(self.classes_[idx] != y):
            raise ValueError("y holds labels the classifier was not fitted on.")
        return idx.astype(np.float64) if self.n_classes_ == 2 else idx

    def decision_function(self, X):
        r"""$g_T(x)$: shape (n,) for binary (score of ``classes_[1]``), (n, K) for multiclass."""
        return self._out(self._raw_predict(self._validated(X)))

    def staged_decision_function(self, X):
        X = self._validated(X)
        for G in self._staged_raw(X):
            yield self._out(G)

    def predict_proba(self, X):
        G = self._raw_predict(self._validated(X))
        return self._loss.proba(G)

    def staged_predict_proba(self, X):
        X = self._validated(X)
        for G in self._staged_raw(X):
            yield self._loss.proba(G)

    def proba_from_scores(self, G):
        r"""Class probabilities from raw scores $g(x)$ (n, K), through the loss's link: $\sigma(g)$
        for two classes, softmax for more (what ``predict_proba`` applies to $g_T$)."""
        return self._loss.proba(np.asarray(G, dtype=np.float64).reshape(len(G), -1))

    def _label(self, G):
        if G.shape[1] == 1:
            return self.classes_[(G[:, 0] > 0).astype(np.intp)]
        return self.classes_[np.argmax(G, axis=1)]

    def predict(self, X):
        return self._label(self._raw_predict(self._validated(X)))

    def staged_predict(self, X):
        X = self._validated(X)
        for G in self._staged_raw(X):
            yield self._label(G)
