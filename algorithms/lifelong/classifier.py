r"""A small MLP that learns classification tasks one after another (docs/lecture.md §7).

``LifelongClassifier(method="ewc", lam=10).fit(tasks, eval_tasks)`` learns task 1, then task 2
with :math:`L'(\theta) = L_2(\theta) + \lambda\sum_i b_i(\theta_i - \theta_i^b)^2`, and so on (the
loop: :func:`~algorithms.lifelong.sequence.train_sequence`; the guards:
:mod:`~algorithms.lifelong.guards`; how they carry over tasks:
:mod:`~algorithms.lifelong.consolidation`). The classes are shared by every task (one softmax
head: the tasks are the same digits, drawn differently), and everything the run did is recorded:

* ``accuracy_matrix_`` :math:`R[i, j]` and ``accuracy_history_`` (every epoch's accuracy on every
  task: the matrix filling in), with ``average_accuracy_``, ``backward_transfer_``,
  ``forgetting_``, ``learning_accuracy_`` and ``new_task_accuracy_``
  (:mod:`~algorithms.lifelong.metrics`), and per
  epoch ``staged_average_accuracy_`` / ``staged_backward_transfer_`` (over the tasks seen so far);
* ``step_data_loss_`` and ``step_penalty_`` per step, ``epoch_data_loss_`` /
  ``epoch_penalty_`` / ``penalty_share_`` per epoch (the penalty's share of :math:`L'`);
* ``guards_[k]`` (:math:`b` in force while task k is learned; ``guards_by_layer(k)`` per layer),
  ``anchors_[k]`` (:math:`\theta^b`), ``task_seconds_``.
"""

from __future__ import annotations

import numbers
import time

import numpy as np

from .._base import BaseEstimator, ClassifierMixin
from .._constraints import Interval, Options
from .._validation import check_array, check_classification_targets, check_n_features
from ..nn import Network
from .guards import FISHER, METHODS
from .metrics import (average_accuracy, backward_transfer, forgetting, learning_accuracy,
                      new_task_accuracy, staged_metrics)
from .sequence import train_sequence

#: Stated bounds: a typing slip (λ = 1e12, a million epochs) is refused by name.
MAX_LAMBDA = 1e6
MAX_EPOCHS = 1000
MAX_TASKS = 50
MAX_HIDDEN_UNITS = 2000


class LifelongClassifier(ClassifierMixin, BaseEstimator):
    r"""An MLP trained on a sequence of tasks with fine-tuning, L2, EWC, MAS or SCP.

    Parameters
    ----------
    method : {"finetune", "l2", "ewc", "mas", "scp"}
        How the guards :math:`b_i` are measured (fine-tuning: no penalty).
    lam : float
        λ, the penalty's weight (0 is fine-tuning, step for step).
    hidden_layer_sizes : tuple of int
    activation : {"relu", "tanh", "sigmoid"}
    epochs : int
        Epochs per task.
    batch_size : int
    learning_rate : float
        Adam's step size (a fresh Adam for every task).
    fisher : {"model", "empirical"}
        EWC's expectation: over the model's own predictions, or at the true labels.
    n_directions : int
        SCP's number L of random directions.
    random_state : None, int or Generator
        Seeds the starting weights, the shuffling and SCP's directions.
    """

    _parameter_constraints = {
        "method": [Options(set(METHODS))],
        "lam": [Interval(float, 0, MAX_LAMBDA, closed="both")],
        "hidden_layer_sizes": ["array-like"],
        "activation": [Options({"relu", "tanh", "sigmoid"})],
        "epochs": [Interval(int, 1, MAX_EPOCHS, closed="both")],
        "batch_size": [Interval(int, 1, None, closed="left")],
        "learning_rate": [Interval(float, 0, 1, closed="right")],
        "fisher": [Options(set(FISHER))],
        "n_directions": [Interval(int, 1, 10_000, closed="both")],
        "random_state": ["random_state"],
    }

    def __init__(self, method="ewc", lam=10.0, *, hidden_layer_sizes=(100,), activation="relu",
                 epochs=10, batch_size=32, learning_rate=1e-3, fisher="model", n_directions=100,
                 random_state=None):
        self.method = method
        self.lam = lam
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.fisher = fisher
        self.n_directions = n_directions
        self.random_state = random_state

    # ---- checks -------------------------------------------------------------------------------

    def _hidden(self) -> tuple[int, ...]:
        sizes = self.hidden_layer_sizes
        sizes = (sizes,) if isinstance(sizes, numbers.Integral) else tuple(sizes)
        if not all(isinstance(h, numbers.Integral) and not isinstance(h, bool)
                   and 1 <= h <= MAX_HIDDEN_UNITS for h in sizes):
            raise ValueError(f"hidden_layer_sizes must hold ints in [1, {MAX_HIDDEN_UNITS}] "
                             f"(neurons per hidden layer); got {self.hidden_layer_sizes!r}.")
        return tuple(int(h) for h in sizes)

    def _check_tasks(self, tasks, what: str, n_features=None):
        try:
            tasks = list(tasks)
        except TypeError:
            raise ValueError(f"{what} must be a list of (X, y) pairs, one per task.") from None
        if not tasks or len(tasks) > MAX_TASKS:
            raise ValueError(f"{what} must hold between 1 and {MAX_TASKS} tasks; got "
                             f"{len(tasks)}.")
        out = []
        for k, pair in enumerate(tasks, start=1):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ValueError(f"task {k} of {what} must be a pair (X, y).")
            X = check_array(pair[0], name=f"X of task {k}", estimator=self)
            y = np.asarray(pair[1])
            if y.ndim != 1 or len(y) != len(X):
                raise ValueError(f"y of task {k} must be one label per row of X ({len(X)}); "
                                 f"got shape {y.shape}.")
            check_classification_targets(y)
            width = out[0][0].shape[1] if out else n_features
            if width is not None and X.shape[1] != width:
                raise ValueError(f"task {k} of {what} has {X.shape[1]} features; the tasks "
                                 f"share one network, so every task needs {width}.")
            out.append((X, y))
        return out

    # ---- fit ----------------------------------------------------------------------------------

    def fit(self, tasks, eval_tasks=None, *, callback=None):
        """Learn ``tasks`` (a list of (X, y)) in order; score every epoch on ``eval_tasks``
        (default: the training sets). ``callback(task, epoch)`` after every epoch."""
        self._validate_params()
        hidden = self._hidden()
        tasks = self._check_tasks(tasks, "tasks")
        n_features = tasks[0][0].shape[1]
        eval_tasks = tasks if eval_tasks is None else self._check_tasks(
            eval_tasks, "eval_tasks", n_features)
        if len(eval_tasks) != len(tasks):
            raise ValueError(f"eval_tasks must hold one (X, y) per task: {len(tasks)} tasks but "
                             f"{len(eval_tasks)} evaluation sets.")
        self.classes_ = np.unique(np.concatenate([y for _, y in tasks]))
        K = len(self.classes_)
        if K < 2:
            raise ValueError("the tasks hold only one class; a classifier needs at least two.")
        self.n_features_in_ = n_features
        self.network_ = Network((n_features, *hidden, K), activation=self.activation,
                                output="softmax", loss="cross_entropy",
                                random_state=self.random_state)
        encoded = [(X, np.eye(K)[np.searchsorted(self.classes_, y)]) for X, y in tasks]

        def accuracy(net, X, y):
            return float(np.mean(self.classes_[net.predict(X).argmax(axis=1)] == y))

        started = time.perf_counter()
        h = train_sequence(self.network_, encoded, method=self.method, lam=float(self.lam),
                           epochs=self.epochs, batch_size=self.batch_size, solver="adam",
                           learning_rate=float(self.learning_rate), eval_tasks=eval_tasks,
                           score=accuracy, fisher=self.fisher, n_directions=self.n_directions,
                           random_state=self.random_state, callback=callback)
        self.fit_time_ = time.perf_counter() - started
        self._record(h)
        return self

    def _record(self, h) -> None:
        self.history_ = h
        self.n_tasks_ = len(h.guards)
        self.accuracy_history_ = h.scores
        self.accuracy_matrix_ = h.score_matrix
        self.checkpoint_task_, self.checkpoint_epoch_ = h.checkpoint_task, h.checkpoint_epoch
        self.step_data_loss_, self.step_penalty_ = h.step_data_loss, h.step_penalty
        self.step_task_ = h.step_task
        self.epoch_data_loss_, self.epoch_penalty_ = h.data_loss, h.penalty
        total = h.data_loss + h.penalty
        # Omega / L' (0 while there is no penalty)
        self.penalty_share_ = np.divide(h.penalty, total, out=np.zeros_like(total),
                                        where=total > 0)
        self.guards_, self.anchors_ = h.guards, h.anchors
        self.task_seconds_ = h.task_seconds + h.importance_seconds
        R = self.accuracy_matrix_
        self.average_accuracy_ = average_accuracy(R)
        self.backward_transfer_ = backward_transfer(R)
        self.forgetting_ = forgetting(R)
        self.learning_accuracy_ = learning_accuracy(R)
        self.new_task_accuracy_ = new_task_accuracy(R)
        self.staged_average_accuracy_, self.staged_backward_transfer_ = staged_metrics(
            h.scores, h.checkpoint_task, R)

    # ---- use ----------------------------------------------------------------------------------

    def predict_proba(self, X) -> np.ndarray:
        X = check_n_features(self, X)
        return self.network_.predict(X)

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def score_tasks(self, tasks) -> np.ndarray:
        """The accuracy on each (X, y) of ``tasks``, now."""
        tasks = self._check_tasks(tasks, "tasks", self.n_features_in_)
        return np.array([np.mean(self.predict(X) == y) for X, y in tasks])

    def guards_by_layer(self, task: int) -> list[tuple[str, np.ndarray]]:
        """The guards :math:`b` in force while task ``task`` (0-based) is learned, per layer:
        [("W1", (fan_in, fan_out)), ..., ("b1", (fan_out,)), ...]."""
        check_n_features(self, np.zeros((1, self.n_features_in_)))
        if not 0 <= task < self.n_tasks_:
            raise ValueError(f"task must be in [0, {self.n_tasks_ - 1}]; got {task!r}.")
        net = self.network_
        return list(zip(net.parameter_names(), net.unflatten(self.guards_[task])))
