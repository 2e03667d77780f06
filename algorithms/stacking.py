r"""Stacking: a final estimator learns how to combine the base systems' outputs (docs/lecture.md §5).

Each base system f_m turns x into an output (class probabilities, a decision value or a prediction);
the *final* estimator (kept simple: logistic regression / ridge) takes the vector
:math:`z(x) = (f_1(x), \dots, f_M(x))` as its features and learns the weights of the combination.

The lecture's one rule: the final estimator must be trained on outputs the base systems produced for
rows they were **not** trained on; otherwise it learns to trust whichever base overfits most. Two
ways to honour it:

* ``cv="holdout"`` -- the lecture's way ("blending"): split the training set, train the bases on
  part 1 (``train_indices_``), compute z on part 2 (``holdout_indices_``) and train the final
  estimator there. The bases are **not** refit on all the data afterwards: the bases used at
  predict time are exactly those whose outputs the final estimator learned to weigh.
* ``cv=k`` -- the usual generalisation: split into k folds (stratified for classifiers); for each
  fold, train each base on the other k-1 folds and compute z for the fold ("out-of-fold"
  predictions), so every row gets a z from bases that never saw it. The final estimator trains on
  all these z; then the bases are refit on all the data for prediction.

Layers can be stacked more than once: ``estimators`` may be a list of layers (each a list of
``(name, estimator)``), layer l+1 taking layer l's outputs as its input, and ``final_estimator``
may itself be a stacking estimator. A list of layers behaves exactly like the nested form: with
``cv="holdout"`` each layer splits the rows it was given again (layer l trains on a
``(1 - holdout_fraction) * holdout_fraction**(l-1)`` share of the rows, the final estimator on
``holdout_fraction**L``); with ``cv=k`` each layer gets out-of-fold outputs of the layer before.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._base import (BaseEstimator, ClassifierMixin, RegressorMixin, clone, estimator_kind,
                    has_fit_parameter)
from ._constraints import Interval, Options
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .voting import (DROP, Bunch, _active, _check_names, _fit_one, _floats, _NamedEstimatorsMixin, _proba_all_classes, _validate_named_list,
                     available_if)

__all__ = ["StackingClassifier", "StackingRegressor"]

_METHODS = ("predict_proba", "decision_function", "predict")


def _is_pair(item) -> bool:
    return isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str)


def _is_layered(estimators) -> bool:
    """A list of layers (lists of pairs) rather than one list of pairs."""
    return (isinstance(estimators, (list, tuple)) and len(estimators) > 0
            and all(isinstance(item, (list, tuple)) and not _is_pair(item) for item in estimators))


def stratified_folds(y_idx: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Fold id (0..k-1) per row, each class dealt round-robin so every fold keeps its proportions.

    Rows are shuffled, then stably sorted by class, and dealt out as 0, 1, ..., k-1, 0, 1, ...: a
    class with c rows puts floor(c/k) or ceil(c/k) of them in each fold, and fold sizes differ by
    at most one.
    """
    perm = rng.permutation(y_idx.shape[0])
    order = perm[np.argsort(y_idx[perm], kind="stable")]
    folds = np.empty(y_idx.shape[0], dtype=np.intp)
    folds[order] = np.arange(y_idx.shape[0]) % k
    return folds


def plain_folds(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """Fold id per row for regression: a random permutation dealt round-robin."""
    folds = np.empty(n, dtype=np.intp)
    folds[rng.permutation(n)] = np.arange(n) % k
    return folds


def holdout_split(y_idx, fraction: float, rng: np.random.Generator, stratify: bool):
    """(part 1, part 2) row positions; part 2 holds ``round(fraction * count)`` rows of each class
    (of all rows when not stratified), and part 1 keeps at least one row of every class."""
    n = y_idx.shape[0]
    if not stratify:
        perm = rng.permutation(n)
        h = min(max(int(round(fraction * n)), 1), n - 1) if n >= 2 else 0
        return np.sort(perm[h:]), np.sort(perm[:h])
    held = []
    for c in np.unique(y_idx):  # K classes: a short loop
        rows = rng.permutation(np.flatnonzero(y_idx == c))
        held.append(rows[:min(int(round(fraction * rows.shape[0])), rows.shape[0] - 1)])
    hold = np.sort(np.concatenate(held))
    mask = np.ones(n, dtype=bool)
    mask[hold] = False
    return np.flatnonzero(mask), hold


def _stack_output(est, method: str, Z, n_classes: int, labels=None) -> np.ndarray:
    """One base's columns of z: probabilities (binary: only p(class 1), like scikit-learn, since
    p(class 0) = 1 - p(class 1) adds nothing), decision values or predictions (as label indices).

    ``labels``: the stack's ``classes_`` when ``est`` was fitted on the labels themselves
    (``cv="prefit"``) rather than on their indices 0..K-1."""
    if method == "predict_proba":
        out = _proba_all_classes(est, Z, n_classes, labels=labels)
        return out[:, 1:] if n_classes == 2 else out
    out = np.asarray(getattr(est, method)(Z))
    if method == "predict" and labels is not None:
        out = _label_indices(out, labels, est)
    out = _floats(out)
    return out[:, None] if out.ndim == 1 else out


def _label_indices(pred, labels, est) -> np.ndarray:
    idx = np.clip(np.searchsorted(labels, pred), 0, len(labels) - 1)
    if np.any(labels[idx] != pred):
        raise ValueError(f"{type(est).__name__} predicts labels the stack's y does not hold "
                         f"(y's classes are {labels.tolist()!r}).")
    return idx


def _output_names(name: str, method: str, width: int, classes) -> list[str]:
    """Column names such as ``"tree:proba_1"``, ``"svm:decision"``, ``"knn:predict"``."""
    if method == "predict_proba":
        labels = classes[1:] if len(classes) == 2 else classes
        return [f"{name}:proba_{c}" for c in labels]
    if width == 1:
        return [f"{name}:{'decision' if method == 'decision_function' else method}"]
    short = "decision" if method == "decision_function" else method
    if classes is not None and width == len(classes):
        return [f"{name}:{short}_{c}" for c in classes]
    return [f"{name}:{short}_{j}" for j in range(width)]


def _check_prefit(owner: str, name: str, est):
    """cv="prefit": the base must be fitted already (it has a fitted attribute, ``x_``)."""
    fitted = any(a.endswith("_") and not a.startswith("_") for a in vars(est))
    if not fitted:
        raise ValueError(f"{owner}: cv='prefit' uses the base estimators as they are, but "
                         f"{name!r} ({type(est).__name__}) is not fitted; fit it first or use "
                         "cv=5.")
    return est


class _BaseStacking(_NamedEstimatorsMixin, BaseEstimator):
    _parameter_constraints = {
        "estimators": ["array-like"],
        "final_estimator": ["estimator", None],
        "cv": [Interval(int, 2, None, "left"), Options({"holdout", "prefit"}), "cv_object"],
        "passthrough": ["boolean"],
        "holdout_fraction": [Interval(float, 0.0, 1.0, "neither")],
        "random_state": ["random_state"],
        "n_jobs": [None, Interval(int, None, None, "neither")],
        "verbose": ["boolean", Interval(int, 0, None, "left")],
    }

    # ----- the (possibly layered) estimators list -------------------------------------------
    def _layers(self) -> list[list]:
        return [list(layer) for layer in self.estimators] if _is_layered(self.estimators) \
            else [list(self.estimators)]

    def _named_pairs(self):
        return [(n, e) for layer in self._layers() for n, e in layer]

    def _replace_named(self, name, est):
        swap = [[(n, est if n == name else e) for n, e in layer] for layer in self._layers()]
        self.estimators = swap if _is_layered(self.estimators) else swap[0]

    def _validate_layers(self) -> list[list[tuple[str, object]]]:
        owner = type(self).__name__
        if not isinstance(self.estimators, (list, tuple)):
            raise ValueError(f"{owner}: 'estimators' must be a list of (name, estimator) tuples "
                             "or a list of such lists (layers), got "
                             f"{type(self.estimators).__name__}.")
        layered = _is_layered(self.estimators)
        layers = [_validate_named_list(owner, layer, layer=f"layer {i + 1}" if layered else "")
                  for i, layer in enumerate(self._layers())]
        _check_names(owner, [n for layer in layers for n, _ in layer],
                     set(self._get_param_names()))
        return layers

    # ----- hooks the two subclasses fill in ----------------------------------------------------
    def _default_final(self):
        raise NotImplementedError

    def _check_final(self, final) -> None:
        raise NotImplementedError

    def _resolve_method(self, name, est) -> str:
        raise NotImplementedError

    def _encode_targets(self, y):
        raise NotImplementedError

    # ----- fitting ----------------------------------------------------------------------------
    def _fit_stack(self, X, y, sample_weight):
        owner = type(self).__name__
        self._validate_params()
        declared = self._validate_layers()
        layers = [_active(layer) for layer in declared]      # "drop" takes no part
        final = clone(self.final_estimator) if self.final_estimator is not None \
            else self._default_final()
        self._check_final(final)
        methods = [[self._resolve_method(n, e) for n, e in layer] for layer in layers]
        X, y = check_X_y(X, y, estimator=self, y_numeric=not self._is_classifier,
                         keep_float32=True)
        y_t = self._encode_targets(y)
        n = X.shape[0]
        prefit = isinstance(self.cv, str) and self.cv == "prefit"
        if prefit and len(layers) > 1:
            raise ValueError(f"{owner}: cv='prefit' takes one layer of fitted estimators, got "
                             f"{len(layers)} layers.")
        w = None if sample_weight is None else check_sample_weight(
            sample_weight, n, y=y_t if self._is_classifier else None)
        if w is not None:
            unweighted = [] if prefit else [n_ for layer in layers for n_, e in layer
                                            if not has_fit_parameter(e, "sample_weight")]
            if not has_fit_parameter(final, "sample_weight"):
                unweighted.append("final_estimator")
            if unweighted:
                raise ValueError(f"{owner}: sample_weight was given but "
                                 f"{', '.join(repr(u) for u in unweighted)} cannot take it.")
        rng = check_random_state(self.random_state)
        k = len(self.classes_) if self._is_classifier else 0
        classes = getattr(self, "classes_", None)
        self._prefit = prefit
        self._layer_names = [[nm for nm, _ in layer] for layer in layers]

        rows = np.arange(n)  # the training rows the current layer may use
        Z = X                # the current layer's input on those rows
        self.layers_, self.layer_train_indices_, layer_names, widths = [], [], [], []
        self.fold_of_row_ = self.holdout_indices_ = None
        for depth, (pairs, layer_methods) in enumerate(zip(layers, methods)):
            y_l = y_t[rows]
            w_l = None if w is None else w[rows]
            if prefit:
                # scikit-learn's "prefit": the bases were fitted elsewhere (on the labels
                # themselves); the final estimator learns from their outputs on every row
                fitted = [_check_prefit(owner, nm, e) for nm, e in pairs]
                Z_next = [self._base_output(nm, m, meth, Z, k, depth, labels=classes)
                          for (nm, _), m, meth in zip(pairs, fitted, layer_methods)]
                self.layer_train_indices_.append(None)   # not known: fitted elsewhere
            elif self.cv == "holdout":
                part1, part2 = holdout_split(y_l, self.holdout_fraction, rng,
                                             stratify=self._is_classifier)
                self._check_holdout(depth, part1, part2, y_l)
                fitted = [_fit_one(owner, nm, e, Z[part1], y_l[part1],
                                   None if w_l is None else w_l[part1]) for nm, e in pairs]
                Z_next = [self._base_output(nm, m, meth, Z[part2], k, depth)
                          for (nm, _), m, meth in zip(pairs, fitted, layer_methods)]
                self.layer_train_indices_.append(rows[part1])
                if depth == 0:
                    self.holdout_indices_ = rows[part2]
                rows = rows[part2]
            else:
                splits, folds = self._splits(Z, y_l, rng)
                Z_next = [self._out_of_fold(nm, e, meth, Z, y_l, w_l, splits, k, depth)
                          for (nm, e), meth in zip(pairs, layer_methods)]
                if depth == 0:
                    self.fold_of_row_ = folds
                # the bases used at predict time: refit on every row this layer was given
                fitted = [_fit_one(owner, nm, e, Z, y_l, w_l) for nm, e in pairs]
                self.layer_train_indices_.append(rows.copy())
            layer_names.append([name for (nm, _), block, meth in zip(pairs, Z_next, layer_methods)
                                for name in _output_names(nm, meth, block.shape[1], classes)])
            widths.append([block.shape[1] for block in Z_next])
            self.layers_.append(fitted)
            Z = np.hstack(Z_next)

        Z_final = np.hstack([Z, X[rows]]) if self.passthrough else Z
        if w is None:
            final.fit(Z_final, y_t[rows])
        else:
            final.fit(Z_final, y_t[rows], sample_weight=w[rows])
        self.final_estimator_ = final
        self.layer_train_indices_.append(rows)
        self.train_indices_ = self.layer_train_indices_[0]

        layered = _is_layered(self.estimators)
        self.estimators_ = self.layers_ if layered else self.layers_[0]
        self.stack_method_ = methods if layered else methods[0]
        fitted_by_name = {nm: m for layer, fitted in zip(layers, self.layers_)
                          for (nm, _), m in zip(layer, fitted)}
        # scikit-learn's named_estimators_ keeps a dropped estimator's name, with "drop"
        self.named_estimators_ = Bunch({nm: fitted_by_name.get(nm, DROP)
                                        for layer in declared for nm, _ in layer})
        self.final_feature_names_ = layer_names[-1] + (
            [f"x{j}" for j in range(X.shape[1])] if self.passthrough else [])
        # which columns of the final estimator's input each last-layer base produced
        self.final_learner_names_ = list(self._layer_names[-1])
        starts = np.cumsum([0] + widths[-1])
        self.final_columns_ = [np.arange(a, b) for a, b in zip(starts[:-1], starts[1:])]
        # a stacking final estimator adds its own layers to the picture
        self.layer_feature_names_ = layer_names + list(
            getattr(final, "layer_feature_names_", []))
        self.n_features_in_ = X.shape[1]
        return self

    def _base_output(self, name, model, method, Z, k, depth, labels=None) -> np.ndarray:
        """A base's columns of z, refused by the base's name when they are not finite (the final
        estimator would otherwise report NaN in *its* X, the stack's own meta-features)."""
        out = _stack_output(model, method, Z, k, labels)
        if not np.all(np.isfinite(out)):
            where = f" in layer {depth + 1}" if _is_layered(self.estimators) else ""
            bad = int(np.count_nonzero(~np.all(np.isfinite(out), axis=1)))
            raise ValueError(
                f"{type(self).__name__}: base estimator {name!r}{where} "
                f"({type(model).__name__}) produced non-finite {method} outputs (NaN or infinity) "
                f"for {bad} of {out.shape[0]} rows, which the final estimator cannot use. Its "
                "input is probably too large or badly scaled: scale X (e.g. StandardScaler) or "
                "drop that estimator.")
        return out

    def _splits(self, Z, y_l, rng):
        """``cv`` as a list of (training rows, held-out rows) and each row's fold. The held-out
        parts must cover every row exactly once: every row needs an out-of-fold output."""
        owner = type(self).__name__
        n = y_l.shape[0]
        if isinstance(self.cv, numbers.Integral):
            if n < self.cv:
                raise ValueError(f"{owner}: cv={self.cv} folds need at least {self.cv} samples, "
                                 f"got {n} sample(s).")
            folds = stratified_folds(y_l, self.cv, rng) if self._is_classifier \
                else plain_folds(n, self.cv, rng)
            return [(np.flatnonzero(folds != f), np.flatnonzero(folds == f))
                    for f in range(self.cv)], folds
        raw = self.cv.split(Z, y_l) if callable(getattr(self.cv, "split", None)) else self.cv
        splits = [(np.asarray(tr, dtype=np.intp).ravel(), np.asarray(te, dtype=np.intp).ravel())
                  for tr, te in raw]
        folds = np.full(n, -1, dtype=np.intp)
        for f, (train, test) in enumerate(splits):
            for part in (train, test):
                if part.size and (part.min() < 0 or part.max() >= n):
                    raise ValueError(f"{owner}: cv's fold {f} names row {int(part.max())} of "
                                     f"{n} rows.")
            if train.size == 0 or test.size == 0:
                raise ValueError(f"{owner}: cv's fold {f} has an empty training or held-out "
                                 "part.")
            if np.any(folds[test] >= 0) or np.intersect1d(train, test).size:
                raise ValueError(f"{owner}: cv's held-out parts must not overlap each other or "
                                 f"their training part (fold {f} does).")
            folds[test] = f
        if np.any(folds < 0):
            raise ValueError(
                f"{owner}: cv's held-out parts must cover every training row exactly once (each "
                f"row needs an out-of-fold output), but {int(np.sum(folds < 0))} of {n} rows are "
                "in no held-out part; use a splitter such as KFold or StratifiedKFold.")
        return splits, folds

    def _out_of_fold(self, name, est, method, Z, y, w, splits, k, depth) -> np.ndarray:
        """z for every row from a copy of ``est`` trained without that row's fold."""
        block = None
        for f, (train, test) in enumerate(splits):
            model = _fit_one(type(self).__name__, name, est, Z[train], y[train],
                             None if w is None else w[train])
            out = self._base_output(name, model, method, Z[test], k, depth)
            if block is None:
                block = np.empty((Z.shape[0], out.shape[1]), dtype=out.dtype)
            elif out.shape[1] != block.shape[1]:
                raise ValueError(
                    f"{type(self).__name__}: base estimator {name!r} gave {out.shape[1]} "
                    f"{method} column(s) on fold {f} but {block.shape[1]} on fold 0 (a fold "
                    "probably lacks a class); use fewer folds or stack_method='predict_proba'.")
            block[test] = out
        return block

    def _check_holdout(self, depth, part1, part2, y_l) -> None:
        where = f" (layer {depth + 1})" if depth else ""
        if part1.shape[0] == 0 or part2.shape[0] == 0:
            raise ValueError(
                f"{type(self).__name__}: holdout_fraction={self.holdout_fraction} on "
                f"{y_l.shape[0]} sample(s){where} leaves an empty part; both the bases and the "
                "final estimator need rows. Use more data or another holdout_fraction.")
        if self._is_classifier and np.unique(y_l[part2]).shape[0] < 2:
            raise ValueError(
                f"{type(self).__name__}: the hold-out part{where} ({part2.shape[0]} rows) holds "
                "a single class, so the final estimator cannot learn; use more data or a larger "
                "holdout_fraction.")

    # ----- prediction ---------------------------------------------------------------------------
    def _labels_of_layer(self, depth):
        """Prefit bases speak the labels themselves, the others label indices."""
        return getattr(self, "classes_", None) if (self._prefit and depth == 0) else None

    def _layer_outputs(self, X) -> tuple[list[np.ndarray], np.ndarray]:
        check_is_fitted(self, "final_estimator_")
        X = check_n_features(self, X, keep_float32=True)
        k = len(self.classes_) if self._is_classifier else 0
        outs, Z = [], X
        for depth, (fitted, meths, names) in enumerate(zip(self.layers_, self._layer_methods(),
                                                           self._layer_names)):
            Z = np.hstack([self._base_output(nm, m, meth, Z, k, depth,
                                             self._labels_of_layer(depth))
                           for nm, m, meth in zip(names, fitted, meths)])
            outs.append(Z)
        return outs, X

    def _layer_methods(self):
        return self.stack_method_ if _is_layered(self.estimators) else [self.stack_method_]

    def transform(self, X) -> np.ndarray:
        """The final estimator's input for X: the last layer's outputs (then X if passthrough)."""
        outs, X = self._layer_outputs(X)
        return np.hstack([outs[-1], X]) if self.passthrough else outs[-1]

    def fit_transform(self, X, y, sample_weight=None):
        """``fit(X, y)`` then ``transform(X)``. With ``cv=k`` these are the refit bases' in-sample
        outputs, not the out-of-fold ones the final estimator was trained on."""
        return self.fit(X, y, sample_weight).transform(X)

    def transform_layers(self, X) -> list[np.ndarray]:
        """Every layer's outputs for X, first layer first (column names: ``layer_feature_names_``).

        If the final estimator is itself a stacking estimator its layers follow, so the list walks
        the whole diagram up to (not including) the innermost final estimator, whose weights are
        ``final_estimator_.coef_`` (or ``final_estimator_.final_estimator_.coef_`` when nested).
        """
        outs, X = self._layer_outputs(X)
        if hasattr(self.final_estimator_, "transform_layers"):
            Z_final = np.hstack([outs[-1], X]) if self.passthrough else outs[-1]
            outs = outs + list(self.final_estimator_.transform_layers(Z_final))
        return outs

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """scikit-learn's names for ``transform``'s columns: ``<class>_<name>`` for a base with one
        column, ``<class>_<name><i>`` for several, then the input features if passthrough
        (``input_features``, or x0, x1, ...)."""
        check_is_fitted(self, "final_estimator_")
        prefix = type(self).__name__.lower()
        names = []
        for name, cols in zip(self.final_learner_names_, self.final_columns_):
            names += [f"{prefix}_{name}"] if cols.size == 1 else \
                [f"{prefix}_{name}{i}" for i in range(cols.size)]
        if self.passthrough:
            if input_features is None:
                input_features = [f"x{j}" for j in range(self.n_features_in_)]
            elif len(input_features) != self.n_features_in_:
                raise ValueError(f"input_features has {len(input_features)} names but the stack "
                                 f"was fitted on {self.n_features_in_} features.")
            names += [str(f) for f in input_features]
        return np.asarray(names, dtype=object)

    def final_terms(self, X) -> tuple[np.ndarray, np.ndarray]:
        r"""How a linear final estimator adds up its input for X, learner by learner:
        $s(x) = b + \sum_m \sum_{j \in \text{cols}(m)} w_j z_j(x)$.

        Returns ``(intercept, terms)``: ``intercept`` $b$ of shape (R,) and ``terms`` of shape
        (n, M, R), ``terms[:, m]`` $= \sum_{j \in \text{final\_columns\_}[m]} w_j z_j(x)$ for
        the M bases of the last layer (``final_learner_names_``), then one more for the input
        features when ``passthrough``. R is the number of coefficient rows (1 for two classes
        and for regression, K otherwise). ``intercept + terms.sum(1)`` is the final estimator's
        ``decision_function`` (regression: its prediction) on ``transform(X)``. A final estimator
        without ``coef_`` (a tree, k-NN) does not add its input up: ValueError."""
        check_is_fitted(self, "final_estimator_")
        final = self.final_estimator_
        if getattr(final, "coef_", None) is None:
            raise ValueError(f"the final estimator {type(final).__name__} has no coefficients: "
                             "it does not combine its input as a weighted sum, so there are no "
                             "per-learner terms to show.")
        W = np.asarray(final.coef_, dtype=np.float64)
        W = W[None, :] if W.ndim == 1 else W                      # (R, columns)
        b = np.broadcast_to(np.asarray(getattr(final, "intercept_", 0.0), np.float64),
                            (W.shape[0],)).copy()
        Z = np.asarray(self.transform(X), dtype=np.float64)
        groups = list(self.final_columns_)
        if self.passthrough:
            groups.append(np.arange(groups[-1][-1] + 1 if groups else 0, Z.shape[1]))
        terms = np.stack([Z[:, cols] @ W[:, cols].T for cols in groups], axis=1)  # w_j z_j
        return b, terms

    @property
    def final_weights_(self) -> np.ndarray:
        r"""The final estimator's weight on each base of the last layer (``final_learner_names_``):
        the sum of its coefficients over that base's columns (``final_columns_``), signed when
        there is one row of coefficients (two classes, or regression), of absolute values when
        there is one row per class; 1.0 each when the final estimator has no ``coef_``."""
        check_is_fitted(self, "final_estimator_")
        coef = getattr(self.final_estimator_, "coef_", None)
        if coef is None:
            return np.ones(len(self.final_columns_))
        coef = np.asarray(coef, dtype=np.float64)
        coef = coef[None, :] if coef.ndim == 1 else coef
        if coef.shape[0] == 1:
            return np.array([coef[0, cols].sum() for cols in self.final_columns_])
        return np.array([np.abs(coef[:, cols]).sum() for cols in self.final_columns_])


def _final_has(method):
    def check(self):
        final = getattr(self, "final_estimator_", None)
        if final is None:
            final = self.final_estimator
        return final is None or hasattr(final, method)  # None: logistic regression has both
    return check


class StackingClassifier(ClassifierMixin, _BaseStacking):
    r"""Stack classifiers: a final classifier learns from the bases' out-of-sample outputs.

    Parameters
    ----------
    estimators : list of (str, estimator or "drop"), or a list of such lists (one per layer)
        One base estimator per layer is enough; ``"drop"`` leaves one out. Names unique across
        layers.
    final_estimator : estimator or None
        The final classifier (None: :class:`algorithms.linear_model.LogisticRegression`). It may
        be a stacking classifier itself (one more layer).
    cv : int >= 2, "holdout", "prefit", a splitter or a list of (train, test) index pairs
        k: stratified k-fold out-of-fold outputs, then the bases are refit on all the rows.
        A splitter with ``split(X, y)`` (scikit-learn's KFold, StratifiedKFold, ...) or a list
        of (train, test) pairs gives the folds instead; their held-out parts must cover every
        row once. ``"holdout"``: the lecture's split; bases on part 1 only (not refit), final on
        part 2. ``"prefit"``: the bases are already fitted (on the labels themselves) and used
        as they are; the final estimator learns from their outputs on all the rows (one layer).
    stack_method : {"auto", "predict_proba", "decision_function", "predict"}
        Which output of each base becomes z. "auto" takes, per base, the first of predict_proba,
        decision_function, predict that it has. With two classes predict_proba gives only the
        column p(classes_[1] | x). With "predict" the column holds the predicted label *index*.
    passthrough : bool
        Also give the final estimator the original features (after the last layer's outputs).
    holdout_fraction : float in (0, 1)
        ``cv="holdout"`` only: the share of each class kept for the final estimator (part 2).
    random_state : None, int or Generator
        Shuffles the folds / the hold-out split.
    n_jobs, verbose :
        Accepted for scikit-learn code; they change nothing here (the bases are fitted one
        after another, silently).

    Attributes
    ----------
    estimators_ : fitted bases (dropped ones left out), shaped like ``estimators`` (a flat list,
        or one list per layer).
    layers_ : list of lists, always one list of fitted bases per layer.
    named_estimators_ : Bunch name -> fitted base (``"drop"`` for a dropped one).
    final_estimator_ : the fitted final estimator; its ``coef_`` are the edge weights from
        ``final_feature_names_`` to the classes.
    final_learner_names_ : the names of the last layer's bases (those not dropped).
    final_columns_ : for each of them, the positions of its columns in the final estimator's
        input (recorded while stacking, not read from the names).
    final_weights_ : the final estimator's weight on each of them (see the property).
    stack_method_ : the method used for each base (shaped like ``estimators``).
    classes_, n_features_in_.
    layer_feature_names_ : the column names of each ``transform_layers`` array.
    final_feature_names_ : the final estimator's input column names (``transform``).
    layer_train_indices_ : for each layer then the final estimator, the training rows it was fitted
        on (with ``cv=k`` every layer gets all rows; with "holdout" disjoint parts; with "prefit"
        None for the bases, fitted elsewhere).
    train_indices_ : rows the first layer's bases were fitted on.
    holdout_indices_ : "holdout" only (else None): rows the first layer did not train on.
    fold_of_row_ : ``cv=k`` only (else None): each row's fold in the first layer.

    All bases are trained on label indices 0..K-1 (``classes_[i]`` maps back), as in
    scikit-learn, so every base and the final estimator speak the same vocabulary.
    """

    _parameter_constraints = {
        **_BaseStacking._parameter_constraints,
        "stack_method": [Options({"auto", "predict_proba", "decision_function", "predict"})],
    }
    _is_classifier = True

    def __init__(self, estimators, final_estimator=None, *, cv=5, stack_method="auto",
                 n_jobs=None, passthrough=False, verbose=0, holdout_fraction=0.3,
                 random_state=None):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.n_jobs = n_jobs
        self.passthrough = passthrough
        self.verbose = verbose
        self.holdout_fraction = holdout_fraction
        self.random_state = random_state

    def _default_final(self):
        from .linear_model import LogisticRegression  # lazy: a sibling module
        return LogisticRegression()

    def _check_final(self, final) -> None:
        if not (hasattr(final, "fit") and hasattr(final, "predict")):
            raise ValueError(f"StackingClassifier: final_estimator {type(final).__name__} needs "
                             "fit and predict.")
        if estimator_kind(final) == "regressor":
            raise ValueError(f"StackingClassifier: final_estimator {type(final).__name__} is a "
                             "regressor; it must be a classifier.")

    def _resolve_method(self, name, est) -> str:
        if self.stack_method == "auto":
            for method in _METHODS:
                if hasattr(est, method):
                    return method
        elif hasattr(est, self.stack_method):
            return self.stack_method
        raise ValueError(f"StackingClassifier: stack_method={self.stack_method!r} but base "
                         f"estimator {name!r} ({type(est).__name__}) has no "
                         f"{'predict' if self.stack_method == 'auto' else self.stack_method}.")

    def _encode_targets(self, y):
        self.classes_, y_idx = check_classification_targets(y)
        return y_idx

    def fit(self, X, y, sample_weight=None):
        return self._fit_stack(X, y, sample_weight)

    def predict(self, X):
        Z = self.transform(X)
        return self.classes_[np.asarray(self.final_estimator_.predict(Z)).astype(np.intp)]

    @available_if(_final_has("predict_proba"))
    def predict_proba(self, X):
        """The final estimator's class probabilities on z(x), one column per class in classes_."""
        Z = self.transform(X)  # first: it raises NotFittedError before fit
        return _proba_all_classes(self.final_estimator_, Z, len(self.classes_))

    @available_if(_final_has("decision_function"))
    def decision_function(self, X):
        Z = self.transform(X)  # first: it raises NotFittedError before fit
        return self.final_estimator_.decision_function(Z)

    def forward_pass(self, X):
        """Everything the stack computes for X in one pass (each base predicts once).

        Returns ``(base_probas, layers, proba)``: ``base_probas[l][m]`` is base m of layer l's own
        class probabilities on that layer's input, shape (n, n_classes) (None for a base without
        ``predict_proba``); ``layers`` is ``transform_layers(X)``; ``proba`` is
        ``predict_proba(X)`` (None when the final estimator has no ``predict_proba``).
        """
        check_is_fitted(self, "final_estimator_")
        X = check_n_features(self, X, keep_float32=True)
        K = len(self.classes_)
        base_probas, outs, Z = [], [], X
        for depth, (fitted, meths, names) in enumerate(zip(self.layers_, self._layer_methods(),
                                                           self._layer_names)):
            labels = self._labels_of_layer(depth)
            probas, blocks = [], []
            for nm, m, meth in zip(names, fitted, meths):
                p = _proba_all_classes(m, Z, K, labels=labels) \
                    if hasattr(m, "predict_proba") else None
                if meth == "predict_proba" and np.all(np.isfinite(p)):
                    blocks.append(p[:, 1:] if K == 2 else p)
                else:   # other outputs, and non-finite probabilities refused by the base's name
                    blocks.append(self._base_output(nm, m, meth, Z, K, depth, labels))
                probas.append(p)
            Z = np.hstack(blocks)
            base_probas.append(probas)
            outs.append(Z)
        Z_final = np.hstack([outs[-1], X]) if self.passthrough else outs[-1]
        proba = _proba_all_classes(self.final_estimator_, Z_final, K) \
            if hasattr(self.final_estimator_, "predict_proba") else None
        if hasattr(self.final_estimator_, "transform_layers"):
            outs = outs + list(self.final_estimator_.transform_layers(Z_final))
        return base_probas, outs, proba


class StackingRegressor(RegressorMixin, _BaseStacking):
    r"""Stack regressors: the final regressor (default :class:`~algorithms.linear_model.Ridge`)
    learns :math:`\hat y = w_0 + \sum_m w_m f_m(x)` from out-of-sample predictions f_m(x).

    Same parameters and attributes as :class:`StackingClassifier`, without ``stack_method``
    (a regressor's output is its prediction: ``stack_method_`` is all "predict") and without
    ``classes_``; folds and the hold-out split are plain random (not stratified).
    """

    _is_classifier = False

    def __init__(self, estimators, final_estimator=None, *, cv=5, n_jobs=None,
                 passthrough=False, verbose=0, holdout_fraction=0.3, random_state=None):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.n_jobs = n_jobs
        self.passthrough = passthrough
        self.verbose = verbose
        self.holdout_fraction = holdout_fraction
        self.random_state = random_state

    def _default_final(self):
        from .linear_model import Ridge  # lazy: a sibling module
        return Ridge()

    def _check_final(self, final) -> None:
        if not (hasattr(final, "fit") and hasattr(final, "predict")):
            raise ValueError(f"StackingRegressor: final_estimator {type(final).__name__} needs "
                             "fit and predict.")
        if estimator_kind(final) == "classifier":
            raise ValueError(f"StackingRegressor: final_estimator {type(final).__name__} is a "
                             "classifier; it must be a regressor.")

    def _resolve_method(self, name, est) -> str:
        if not hasattr(est, "predict"):
            raise ValueError(f"StackingRegressor: base estimator {name!r} "
                             f"({type(est).__name__}) has no predict.")
        return "predict"

    def _encode_targets(self, y):
        return y

    def fit(self, X, y, sample_weight=None):
        return self._fit_stack(X, y, sample_weight)

    def predict(self, X):
        Z = self.transform(X)  # first: it raises NotFittedError before fit
        return _floats(self.final_estimator_.predict(Z)).ravel()
