r"""Stacking: a final estimator learns how to combine the base systems' outputs (LECTURE.md §5).

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

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, has_fit_parameter
from ._constraints import Interval, Options
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .voting import (Bunch, _check_names, _fit_one, _NamedEstimatorsMixin, _proba_all_classes,
                     _validate_named_list, available_if)

__all__ = ["StackingClassifier", "StackingRegressor"]

_METHODS = ("predict_proba", "decision_function", "predict")


def _is_pair(item) -> bool:
    return isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str)


def _is_layered(estimators) -> bool:
    """A list of layers (lists of pairs) rather than one list of pairs."""
    return (isinstance(estimators, (list, tuple)) and len(estimators) > 0
            and all(isinstance(item, (list, tuple)) and not _is_pair(item) for item in estimators))


def _estimator_kind(est):
    """"classifier" / "regressor" / None; ours say it in ``_estimator_type``, scikit-learn's in
    their tags."""
    kind = getattr(est, "_estimator_type", None)
    if kind is None and hasattr(est, "__sklearn_tags__"):
        try:
            kind = est.__sklearn_tags__().estimator_type
        except Exception:  # foreign tag implementations: unknown kind, not an error
            kind = None
    return kind


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


def _stack_output(est, method: str, Z, n_classes: int) -> np.ndarray:
    """One base's columns of z: probabilities (binary: only p(class 1), like scikit-learn, since
    p(class 0) = 1 - p(class 1) adds nothing), decision values or predictions."""
    if method == "predict_proba":
        out = _proba_all_classes(est, Z, n_classes)
        return out[:, 1:] if n_classes == 2 else out
    out = np.asarray(getattr(est, method)(Z), dtype=float)
    return out[:, None] if out.ndim == 1 else out


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


class _BaseStacking(_NamedEstimatorsMixin, BaseEstimator):
    _parameter_constraints = {
        "estimators": ["array-like"],
        "final_estimator": ["estimator", None],
        "cv": [Interval(int, 2, None, "left"), Options({"holdout"})],
        "passthrough": ["boolean"],
        "holdout_fraction": [Interval(float, 0.0, 1.0, "neither")],
        "random_state": ["random_state"],
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
        layers = self._validate_layers()
        final = clone(self.final_estimator) if self.final_estimator is not None \
            else self._default_final()
        self._check_final(final)
        methods = [[self._resolve_method(n, e) for n, e in layer] for layer in layers]
        X, y = check_X_y(X, y, estimator=self, y_numeric=not self._is_classifier)
        y_t = self._encode_targets(y)
        n = X.shape[0]
        w = None if sample_weight is None else check_sample_weight(sample_weight, n)
        if w is not None:
            unweighted = [n_ for layer in layers for n_, e in layer
                          if not has_fit_parameter(e, "sample_weight")]
            if not has_fit_parameter(final, "sample_weight"):
                unweighted.append("final_estimator")
            if unweighted:
                raise ValueError(f"{owner}: sample_weight was given but "
                                 f"{', '.join(repr(u) for u in unweighted)} cannot take it.")
        rng = check_random_state(self.random_state)
        k = len(self.classes_) if self._is_classifier else 0
        classes = getattr(self, "classes_", None)

        rows = np.arange(n)  # the training rows the current layer may use
        Z = X                # the current layer's input on those rows
        self.layers_, self.layer_train_indices_, layer_names = [], [], []
        self.fold_of_row_ = self.holdout_indices_ = None
        for depth, (pairs, layer_methods) in enumerate(zip(layers, methods)):
            y_l = y_t[rows]
            w_l = None if w is None else w[rows]
            if self.cv == "holdout":
                part1, part2 = holdout_split(y_l, self.holdout_fraction, rng,
                                             stratify=self._is_classifier)
                self._check_holdout(depth, part1, part2, y_l)
                fitted = [_fit_one(owner, nm, e, Z[part1], y_l[part1],
                                   None if w_l is None else w_l[part1]) for nm, e in pairs]
                Z_next = [_stack_output(m, meth, Z[part2], k)
                          for m, meth in zip(fitted, layer_methods)]
                self.layer_train_indices_.append(rows[part1])
                if depth == 0:
                    self.holdout_indices_ = rows[part2]
                rows = rows[part2]
            else:
                folds = self._folds(y_l, rng)
                Z_next = [self._out_of_fold(nm, e, meth, Z, y_l, w_l, folds, k)
                          for (nm, e), meth in zip(pairs, layer_methods)]
                if depth == 0:
                    self.fold_of_row_ = folds
                # the bases used at predict time: refit on every row this layer was given
                fitted = [_fit_one(owner, nm, e, Z, y_l, w_l) for nm, e in pairs]
                self.layer_train_indices_.append(rows.copy())
            layer_names.append([name for (nm, _), block, meth in zip(pairs, Z_next, layer_methods)
                                for name in _output_names(nm, meth, block.shape[1], classes)])
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
        self.named_estimators_ = Bunch({nm: m for layer, fitted in zip(layers, self.layers_)
                                        for (nm, _), m in zip(layer, fitted)})
        self.final_feature_names_ = layer_names[-1] + (
            [f"x{j}" for j in range(X.shape[1])] if self.passthrough else [])
        # a stacking final estimator adds its own layers to the picture
        self.layer_feature_names_ = layer_names + list(
            getattr(final, "layer_feature_names_", []))
        self.n_features_in_ = X.shape[1]
        return self

    def _folds(self, y_l, rng) -> np.ndarray:
        n = y_l.shape[0]
        if n < self.cv:
            raise ValueError(f"{type(self).__name__}: cv={self.cv} folds need at least {self.cv} "
                             f"samples, got {n} sample(s).")
        return stratified_folds(y_l, self.cv, rng) if self._is_classifier \
            else plain_folds(n, self.cv, rng)

    def _out_of_fold(self, name, est, method, Z, y, w, folds, k) -> np.ndarray:
        """z for every row from a copy of ``est`` trained on the other folds only."""
        block = None
        for f in range(self.cv):
            test = folds == f
            train = ~test
            model = _fit_one(type(self).__name__, name, est, Z[train], y[train],
                             None if w is None else w[train])
            out = _stack_output(model, method, Z[test], k)
            if block is None:
                block = np.empty((Z.shape[0], out.shape[1]))
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
    def _layer_outputs(self, X) -> tuple[list[np.ndarray], np.ndarray]:
        check_is_fitted(self, "final_estimator_")
        X = check_n_features(self, X)
        k = len(self.classes_) if self._is_classifier else 0
        outs, Z = [], X
        for fitted, meths in zip(self.layers_, self._layer_methods()):
            Z = np.hstack([_stack_output(m, meth, Z, k) for m, meth in zip(fitted, meths)])
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
    estimators : list of (str, estimator), or a list of such lists (one per layer)
        At least two base estimators per layer; names unique across layers.
    final_estimator : estimator or None
        The final classifier (None: :class:`algorithms.linear_model.LogisticRegression`). It may
        be a stacking classifier itself (one more layer).
    cv : int >= 2 or "holdout"
        k: stratified k-fold out-of-fold outputs, then the bases are refit on all the rows.
        ``"holdout"``: the lecture's split; bases on part 1 only (not refit), final on part 2.
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

    Attributes
    ----------
    estimators_ : fitted bases, shaped like ``estimators`` (a flat list, or one list per layer).
    layers_ : list of lists, always one list of fitted bases per layer.
    named_estimators_ : Bunch name -> fitted base.
    final_estimator_ : the fitted final estimator; its ``coef_`` are the edge weights from
        ``final_feature_names_`` to the classes.
    stack_method_ : the method used for each base (shaped like ``estimators``).
    classes_, n_features_in_.
    layer_feature_names_ : the column names of each ``transform_layers`` array.
    final_feature_names_ : the final estimator's input column names (``transform``).
    layer_train_indices_ : for each layer then the final estimator, the training rows it was fitted
        on (with ``cv=k`` every layer gets all rows; with "holdout" disjoint parts).
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
                 passthrough=False, holdout_fraction=0.3, random_state=None):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.passthrough = passthrough
        self.holdout_fraction = holdout_fraction
        self.random_state = random_state

    def _default_final(self):
        from .linear_model import LogisticRegression  # lazy: a sibling module
        return LogisticRegression()

    def _check_final(self, final) -> None:
        if not (hasattr(final, "fit") and hasattr(final, "predict")):
            raise ValueError(f"StackingClassifier: final_estimator {type(final).__name__} needs "
                             "fit and predict.")
        if _estimator_kind(final) == "regressor":
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
        X = check_n_features(self, X)
        K = len(self.classes_)
        base_probas, outs, Z = [], [], X
        for fitted, meths in zip(self.layers_, self._layer_methods()):
            probas, blocks = [], []
            for m, meth in zip(fitted, meths):
                p = _proba_all_classes(m, Z, K) if hasattr(m, "predict_proba") else None
                blocks.append((p[:, 1:] if K == 2 else p) if meth == "predict_proba"
                              else _stack_output(m, meth, Z, K))
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

    def __init__(self, estimators, final_estimator=None, *, cv=5, passthrough=False,
                 holdout_fraction=0.3, random_state=None):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.passthrough = passthrough
        self.holdout_fraction = holdout_fraction
        self.random_state = random_state

    def _default_final(self):
        from .linear_model import Ridge  # lazy: a sibling module
        return Ridge()

    def _check_final(self, final) -> None:
        if not (hasattr(final, "fit") and hasattr(final, "predict")):
            raise ValueError(f"StackingRegressor: final_estimator {type(final).__name__} needs "
                             "fit and predict.")
        if _estimator_kind(final) == "classifier":
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
        return np.asarray(self.final_estimator_.predict(Z), dtype=float).ravel()
