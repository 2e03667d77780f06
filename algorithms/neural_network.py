r"""Multi-layer perceptrons with scikit-learn's API, trained on the neural-network core
(:mod:`algorithms.nn`).

Layer l computes :math:`z^l = W^l a^{l-1} + b^l`, :math:`a^l = \sigma(z^l)` with :math:`a^0 = x`;
the output layer is a sigmoid (two classes), a softmax (more) or linear (regression), and the
backward pass is the lecture's

.. math::
    \frac{\partial C}{\partial z^L} = a^L - y, \qquad
    \frac{\partial C}{\partial z^l} = \sigma'(z^l) \odot (W^{l+1})^\top
        \frac{\partial C}{\partial z^{l+1}}, \qquad
    \frac{\partial C}{\partial W^l} = \frac{\partial C}{\partial z^l} (a^{l-1})^\top

(:math:`\partial C/\partial z^L = a^L - y` holds for each output used here: sigmoid + binary
cross-entropy, softmax + cross-entropy, identity + half squared error). ``coefs_[l]`` has shape
(fan_in, fan_out), scikit-learn's layout, i.e. it is :math:`(W^{l+1})^\top`.

The cost of a mini-batch is scikit-learn's: the weighted mean of the sample costs plus an L2
penalty on the weights,
:math:`\frac{1}{\sum u}\big(\sum_n u^n C^n + \tfrac{\alpha}{2}\sum_l\lVert W^l\rVert^2\big)`.
Training is the core's :class:`~algorithms.nn.training.Trainer` (mini-batches, Adam or SGD with
momentum), one epoch per iteration, with scikit-learn's stopping rules (training loss, or a held-out
validation score with ``early_stopping``) and learning-rate schedules.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin
from ._constraints import Interval, Options, interval_of
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .linear_model import ConvergenceWarning
from .nn import L2, MAX_PARAMETERS, SGD, Adam, Network, Trainer, TrainingDiverged

#: Upper bounds stated in ``_parameter_constraints`` (a network with 10**9 neurons or a run of
#: 10**9 epochs is a typing slip, not a model: refused by name instead of a MemoryError or an
#: endless run).
MAX_HIDDEN_UNITS = 10_000
MAX_ITER = 100_000


def _check_hidden_layer_sizes(cls, value) -> tuple[int, ...]:
    """``hidden_layer_sizes`` as a tuple of ints, each within the bound the constraints state."""
    sizes = (value,) if isinstance(value, numbers.Integral) else value
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise ValueError(f"hidden_layer_sizes must be an int or a tuple of ints; got {value!r}."
                         ) from None
    bound = interval_of(cls, "hidden_layer_sizes")
    if not sizes or not all(isinstance(h, numbers.Integral) and bound.accepts(h) for h in sizes):
        raise ValueError(f"hidden_layer_sizes must hold one or more ints in [{bound.left}, "
                         f"{bound.right}] (neurons per hidden layer); got {value!r}.")
    return tuple(int(h) for h in sizes)


def _stratified_split(labels, n_val: int, rng):
    """Indices (train, validation) with about ``n_val`` validation rows, every class in
    proportion (largest remainders), so a rare class is not left out of either part."""
    classes, y = np.unique(labels, return_inverse=True)
    counts = np.bincount(y)
    share = counts * n_val / len(y)
    take = np.floor(share).astype(int)
    short = n_val - take.sum()
    take[np.argsort(-(share - take), kind="stable")[:short]] += 1
    val = np.concatenate([rng.permutation(np.flatnonzero(y == c))[:k]
                          for c, k in zip(range(len(classes)), take)])
    mask = np.zeros(len(y), bool)
    mask[val] = True
    return np.flatnonzero(~mask), np.flatnonzero(mask)


class _BaseMLP(BaseEstimator):
    _parameter_constraints = {
        "hidden_layer_sizes": ["array-like", Interval(int, 1, MAX_HIDDEN_UNITS, closed="both")],
        "activation": [Options({"logistic", "sigmoid", "tanh", "relu", "identity"})],
        "solver": [Options({"sgd", "adam"})],
        "alpha": [Interval(float, 0, None, closed="left")],
        "batch_size": [Options({"auto"}), Interval(int, 1, None, closed="left")],
        "learning_rate": [Options({"constant", "invscaling", "adaptive"})],
        "learning_rate_init": [Interval(float, 0, None, closed="neither")],
        "power_t": [Interval(float, 0, None, closed="left")],
        "max_iter": [Interval(int, 1, MAX_ITER, closed="both")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(float, 0, None, closed="left")],
        "verbose": ["boolean", Interval(int, 0, None, closed="left")],
        "warm_start": ["boolean"],
        "momentum": [Interval(float, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(float, 0, 1, closed="left")],
        "beta_1": [Interval(float, 0, 1, closed="left")],
        "beta_2": [Interval(float, 0, 1, closed="left")],
        "epsilon": [Interval(float, 0, None, closed="neither")],
        "n_iter_no_change": [Interval(int, 1, None, closed="left"), Options({np.inf})],
    }

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam", alpha=1e-4,
                 batch_size="auto", learning_rate="constant", learning_rate_init=1e-3,
                 power_t=0.5, max_iter=200, shuffle=True, random_state=None, tol=1e-4,
                 verbose=False, warm_start=False, momentum=0.9, nesterovs_momentum=True,
                 early_stopping=False, validation_fraction=0.1, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-8, n_iter_no_change=10):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change

    # coefs_ / intercepts_ are the network's own parameters (views into its theta): reading them
    # shows the live weights, and assigning copies values in, so the two never drift apart.
    @property
    def coefs_(self) -> list[np.ndarray]:
        return [layer.W for layer in self.network_.layers]

    @coefs_.setter
    def coefs_(self, value):
        for layer, W in zip(self.network_.layers, value, strict=True):
            layer.W[...] = W

    @property
    def intercepts_(self) -> list[np.ndarray]:
        return [layer.b for layer in self.network_.layers]

    @intercepts_.setter
    def intercepts_(self, value):
        for layer, b in zip(self.network_.layers, value, strict=True):
            layer.b[...] = b

    # -------------------------------------------------------------------------------------------
    # Training
    # -------------------------------------------------------------------------------------------

    def _initialize(self, n_features, n_outputs, rng):
        """A new network (Glorot-uniform start, scikit-learn's scale) and fresh records."""
        hidden = _check_hidden_layer_sizes(type(self), self.hidden_layer_sizes)
        activation = "sigmoid" if self.activation in ("logistic", "sigmoid") else self.activation
        loss = "squared_error" if self.out_activation_ == "identity" else "cross_entropy"
        output = {"logistic": "sigmoid", "softmax": "softmax", "identity": "linear"}[
            self.out_activation_]
        units = (n_features, *hidden, n_outputs)
        n_params = sum(a * b + b for a, b in zip(units[:-1], units[1:]))
        if n_params > MAX_PARAMETERS:
            raise ValueError(f"hidden_layer_sizes={hidden} with {n_features} features and "
                             f"{n_outputs} output(s) make {n_params:,} parameters; at most "
                             f"{MAX_PARAMETERS:,} are allowed.")
        self.network_ = Network((n_features, *hidden, n_outputs), activation, output, loss,
                                init="glorot_uniform", random_state=rng)
        self.n_features_in_ = n_features
        self.n_outputs_ = n_outputs
        self.n_layers_ = len(hidden) + 2
        self.n_iter_ = 0
        self.t_ = 0
        self.loss_curve_ = []
        self._no_improvement_count = 0
        if self.early_stopping:
            self.validation_scores_ = []
            self.best_validation_score_ = -np.inf
            self.best_loss_ = None
        else:
            self.validation_scores_ = None
            self.best_validation_score_ = None
            self.best_loss_ = np.inf
        self._trainer = None

    def _new_optimiser(self):
        if self.solver == "adam":
            return Adam(self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)
        return SGD(self.learning_rate_init, self.momentum, self.nesterovs_momentum)

    def _fit(self, X, Y, u, y_score, incremental):
        """Epochs of mini-batch training (one, for ``partial_fit``)."""
        first_pass = not hasattr(self, "network_") or (not self.warm_start and not incremental)
        rng = check_random_state(self.random_state)
        if first_pass:
            self._initialize(X.shape[1], Y.shape[1], rng)
        elif X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} is "
                             f"expecting {self.n_features_in_} features as input.")
        if self._trainer is None or not incremental:
            # a new optimiser for every fit (warm_start keeps only the parameters), as scikit-learn
            self._trainer = Trainer(self.network_, self._new_optimiser(), batch_size=1,
                                    shuffle=self.shuffle,
                                    penalties=[L2(self.alpha, per_sample=True)], random_state=rng)
        trainer = self._trainer
        self.history_ = trainer.history

        X_val = y_val = u_val = None
        if self.early_stopping:
            X, Y, u, X_val, y_val, u_val = self._hold_out(X, Y, u, y_score, rng)
        elif self.best_loss_ is None:  # warm start after a fit with early stopping
            self.best_loss_ = np.inf
        trainer.batch_size = self._batch_size(X.shape[0])
        if self.early_stopping:
            self._best_theta = self.network_.get_theta()
        self.n_iter_ = 0  # epochs of this call (loss_curve_ and t_ run on), as scikit-learn
        stopped = False
        for _ in range(1 if incremental else self.max_iter):
            self._epoch(trainer, X, Y, u)
            if self.verbose:
                print(f"Iteration {self.n_iter_}, loss = {self.loss_:.8f}")
            self._update_no_improvement_count(X_val, y_val, u_val)
            if self.solver == "sgd" and self.learning_rate == "invscaling":
                trainer.optimiser.lr = self.learning_rate_init / (self.t_ + 1) ** self.power_t
            if self._no_improvement_count > self.n_iter_no_change:
                if self._keep_going_at_lower_rate(trainer):
                    self._no_improvement_count = 0
                else:
                    stopped = True
                    break
        if not incremental and not stopped:
            warnings.warn(f"{type(self).__name__}: maximum iterations ({self.max_iter}) reached "
                          "and the optimisation has not converged yet.", ConvergenceWarning,
                          stacklevel=3)
        if self.early_stopping:
            self.network_.set_theta(self._best_theta)  # the epoch with the best validation score
        return self

    def _hold_out(self, X, Y, u, y_score, rng):
        """Set ``validation_fraction`` of the rows aside for early stopping (stratified by class
        for a classifier, as scikit-learn's split): (X, Y, u) to train on, then the held-out
        (X, y, u)."""
        n_val = int(np.ceil(self.validation_fraction * X.shape[0]))
        if n_val < 2 or X.shape[0] - n_val < 1:
            raise ValueError(f"The validation set is too small ({n_val} rows): increase "
                             "validation_fraction or the size of your dataset.")
        if isinstance(self, ClassifierMixin):
            tr, va = _stratified_split(y_score, n_val, rng)
        else:
            order = rng.permutation(X.shape[0])
            va, tr = order[:n_val], order[n_val:]
        u_tr, u_val = (None, None) if u is None else (u[tr], u[va])
        if u_val is not None and not u_val.any():
            u_val = None  # every held-out row has zero weight: score them unweighted
        if self.validation_scores_ is None:  # warm start after a fit without early stopping
            self.validation_scores_, self.best_validation_score_ = [], -np.inf
        return X[tr], Y[tr], u_tr, X[va], y_score[va], u_val

    def _batch_size(self, n: int) -> int:
        if self.batch_size == "auto":
            return min(200, n)
        if self.batch_size > n:
            warnings.warn(f"batch_size={self.batch_size} is larger than the {n} training rows; "
                          "it is clipped to the number of rows.", UserWarning, stacklevel=4)
        return min(self.batch_size, n)

    def _refuse_early_stopping(self):
        if self.early_stopping:
            raise ValueError("partial_fit does not support early_stopping=True: there is no "
                             "held-out set across calls (as in scikit-learn).")

    def _epoch(self, trainer, X, Y, u):
        try:
            self.loss_ = trainer.epoch(X, Y, u)
        except TrainingDiverged:
            scale = f"X's largest absolute value is {np.abs(X).max():.3g}"
            if self.out_activation_ == "identity":
                scale += f" and y's is {np.abs(Y).max():.3g}"
            raise ValueError(
                f"{type(self).__name__}: training diverged in epoch {self.n_iter_ + 1} (the loss "
                f"or its gradient became infinite or NaN): the inputs need scaling. {scale}; "
                "standardise the features (e.g. StandardScaler: mean 0, standard deviation 1)"
                f"{' and the target' if self.out_activation_ == 'identity' else ''}, or lower "
                "learning_rate_init.") from None
        self.n_iter_ += 1
        self.t_ += X.shape[0]
        self.loss_curve_.append(self.loss_)

    def _update_no_improvement_count(self, X_val, y_val, u_val):
        """scikit-learn's rule: an epoch improves when the training loss falls below the best so
        far minus ``tol`` (or, with early stopping, the validation score rises above the best
        plus ``tol``); the best validation epoch's parameters are kept."""
        if X_val is not None:
            score = self._validation_score(X_val, y_val, u_val)
            self.validation_scores_.append(score)
            if self.verbose:
                print(f"Validation score: {score:f}")
            if score < self.best_validation_score_ + self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if score > self.best_validation_score_:
                self.best_validation_score_ = score
                self._best_theta = self.network_.get_theta()
        else:
            if self.loss_curve_[-1] > self.best_loss_ - self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            self.best_loss_ = min(self.best_loss_, self.loss_curve_[-1])

    def _keep_going_at_lower_rate(self, trainer) -> bool:
        """``learning_rate="adaptive"`` (SGD): divide the step by 5 instead of stopping, until it
        falls to 1e-6."""
        if self.solver != "sgd" or self.learning_rate != "adaptive":
            return False
        if trainer.optimiser.lr <= 1e-6:
            return False
        trainer.optimiser.lr /= 5.0
        if self.verbose:
            print(f"Setting learning rate to {trainer.optimiser.lr:f}")
        return True

    # -------------------------------------------------------------------------------------------
    # Prediction
    # -------------------------------------------------------------------------------------------

    def _output(self, X):
        check_is_fitted(self, "network_")
        X = check_n_features(self, X)
        with np.errstate(over="ignore", invalid="ignore"):  # named in the error below instead
            out = self.network_.predict(X)
        if not np.isfinite(out).all():
            raise ValueError(
                f"X's values (largest absolute value {np.abs(X).max():.3g}) overflow the "
                f"network's computations; scale X as the training data was scaled.")
        return out

    def forward(self, X):
        r"""Every layer's activations :math:`[a^0 = X, a^1, \dots, a^L]` (for drawing)."""
        check_is_fitted(self, "network_")
        return self.network_.forward(check_n_features(self, X)).a


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Neural-network classifier: sigmoid output + binary cross-entropy for two classes, softmax +
    cross-entropy for more. See the module docstring for the forward and backward passes.

    Fitted attributes as scikit-learn's (``coefs_``, ``intercepts_``, ``loss_``, ``loss_curve_``,
    ``best_loss_``, ``validation_scores_``, ``best_validation_score_``, ``n_iter_``, ``t_``,
    ``classes_``, ...) plus ``network_`` (the core :class:`~algorithms.nn.Network`, for drawing
    forward and backward passes) and ``history_`` (every step's loss and per-layer gradient norm).
    """

    def _encode(self, y, n):
        """Targets for the output layer: a 0/1 column (sigmoid) or one-hot rows (softmax)."""
        Y = np.zeros((n, 1 if len(self.classes_) == 2 else len(self.classes_)))
        idx = np.searchsorted(self.classes_, y)
        if Y.shape[1] == 1:
            Y[:, 0] = idx
        else:
            Y[np.arange(n), idx] = 1.0
        return Y

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        _check_hidden_layer_sizes(type(self), self.hidden_layer_sizes)
        X, y = check_X_y(X, y, estimator=self)
        classes, y_idx = check_classification_targets(y)
        u = check_sample_weight(sample_weight, X.shape[0], y=y_idx)
        if (self.warm_start and hasattr(self, "network_")
                and not np.array_equal(classes, self.classes_)):
            raise ValueError(f"warm_start can only be used where y has the same classes as in "
                             f"the previous call to fit: previously {self.classes_}, now "
                             f"{classes}.")
        if not (self.warm_start and hasattr(self, "network_")):
            self.classes_ = classes
            self.out_activation_ = "logistic" if len(classes) == 2 else "softmax"
        return self._fit(X, self._encode(y, X.shape[0]), None if sample_weight is None else u,
                         y, incremental=False)

    def partial_fit(self, X, y, sample_weight=None, classes=None):
        """One epoch over (X, y). The first call needs ``classes`` (every label that will ever
        appear); later calls may see any subset of them."""
        self._refuse_early_stopping()
        first = not hasattr(self, "classes_") or not hasattr(self, "network_")
        if first:
            if classes is None:
                raise ValueError("classes must be passed on the first call to partial_fit (every "
                                 "label the model will ever see).")
            self._validate_params()
            _check_hidden_layer_sizes(type(self), self.hidden_layer_sizes)
            all_classes = np.unique(np.asarray(classes))
            if len(all_classes) < 2:
                raise ValueError(f"classes holds {len(all_classes)} label; a classifier needs at "
                                 "least 2.")
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"classes={classes!r} is not the same as on the first call to "
                             f"partial_fit ({self.classes_}).")
        X, y = check_X_y(X, y, estimator=self)
        known = all_classes if first else self.classes_
        unseen = np.setdiff1d(np.unique(y), known)
        if len(unseen):
            raise ValueError(f"y has classes not in classes ({known}): {unseen}.")
        u = check_sample_weight(sample_weight, X.shape[0])
        if first:
            self.classes_ = known
            self.out_activation_ = "logistic" if len(known) == 2 else "softmax"
        return self._fit(X, self._encode(y, X.shape[0]), None if sample_weight is None else u,
                         y, incremental=True)

    def _validation_score(self, X, y, u):
        pred = self.classes_[self._argmax(self.network_.predict(X))]
        return float(np.average(pred == y, weights=u))

    @staticmethod
    def _argmax(out):
        return (out[:, 0] > 0.5).astype(np.intp) if out.shape[1] == 1 else np.argmax(out, axis=1)

    def predict_proba(self, X):
        out = self._output(X)
        if out.shape[1] == 1:
            return np.hstack([1.0 - out, out])
        return out

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        out = self._output(X)  # checks fitted-ness before classes_ is read
        return self.classes_[self._argmax(out)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    r"""Neural-network regressor: identity output, cost :math:`\tfrac12 (y - a^L)^2`.

    Fitted attributes as :class:`MLPClassifier`'s (without ``classes_``).
    """

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        _check_hidden_layer_sizes(type(self), self.hidden_layer_sizes)
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        u = check_sample_weight(sample_weight, X.shape[0])
        self.out_activation_ = "identity"
        return self._fit(X, y[:, None], None if sample_weight is None else u, y,
                         incremental=False)

    def partial_fit(self, X, y, sample_weight=None):
        """One epoch over (X, y), continuing from the current parameters."""
        self._refuse_early_stopping()
        if not hasattr(self, "network_"):
            self._validate_params()
            _check_hidden_layer_sizes(type(self), self.hidden_layer_sizes)
        X, y = check_X_y(X, y, estimator=self, y_numeric=True)
        u = check_sample_weight(sample_weight, X.shape[0])
        self.out_activation_ = "identity"
        return self._fit(X, y[:, None], None if sample_weight is None else u, y,
                         incremental=True)

    def _validation_score(self, X, y, u):
        pred = self.network_.predict(X)[:, 0]
        w = np.ones(len(y)) if u is None else u
        mean = np.average(y, weights=w)
        ss_tot = float(w @ (y - mean) ** 2)
        ss_res = float(w @ (y - pred) ** 2)
        if ss_tot == 0.0:
            return 1.0 if ss_res == 0.0 else 0.0
        return 1.0 - ss_res / ss_tot                         # R^2 on the held-out rows

    def predict(self, X):
        return self._output(X)[:, 0]


__all__ = ["MLPClassifier", "MLPRegressor", "MAX_HIDDEN_UNITS", "MAX_ITER"]
