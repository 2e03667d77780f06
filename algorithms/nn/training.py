r"""Mini-batch training of a :class:`~algorithms.nn.network.Network`, one step or one epoch at a
time, with every step's numbers recorded.

One step on a mini-batch B: the loss
:math:`L_B(\theta) = \sum_{n\in B} u^n C^n / \sum_{n\in B} u^n + \Omega(\theta)`, its gradient
by the backward pass, one optimiser update of :math:`\theta`. One epoch: the rows in a fresh random
order (``shuffle``), cut into consecutive batches of ``batch_size``, one step per batch.

The history (:class:`History`) keeps the loss of every step and epoch and, per step, the norm of
the data term's gradient :math:`\lVert\partial L/\partial W^l\rVert` for every layer l - the numbers
behind "sigmoid saturates": in a deep sigmoid network the first layers' norms are orders of
magnitude below the last layer's.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_random_state
from .network import Network
from .optim import Adam, get_optimiser


class TrainingDiverged(ValueError):
    """The loss became NaN or infinite: the steps were too large for the scale of the data."""


class History:
    r"""What training recorded: ``step_loss`` (one per step), ``epoch_loss`` (the mean over each
    epoch's steps, weighted by batch size), ``grad_norms`` (steps x layers:
    :math:`\lVert\partial L/\partial W^l\rVert` of the data term before the update)."""

    def __init__(self):
        self._step_loss: list[float] = []
        self._epoch_loss: list[float] = []
        self._grad_norms: list[np.ndarray] = []

    @property
    def step_loss(self) -> np.ndarray:
        return np.asarray(self._step_loss)

    @property
    def epoch_loss(self) -> np.ndarray:
        return np.asarray(self._epoch_loss)

    @property
    def grad_norms(self) -> np.ndarray:
        return np.asarray(self._grad_norms)

    def __len__(self) -> int:
        return len(self._step_loss)


def minibatches(n: int, batch_size: int, rng=None, shuffle: bool = True):
    """Index arrays (or slices, without shuffling) that cover ``range(n)`` once, in batches of
    ``batch_size`` (the last one smaller if n is not a multiple)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1; got {batch_size}.")
    if not shuffle:
        for start in range(0, n, batch_size):
            yield slice(start, min(start + batch_size, n))
        return
    order = check_random_state(rng).permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


class Trainer:
    r"""Trains a network step by step.

    Parameters
    ----------
    net : Network
    optimiser : optimiser instance or name
        :class:`~algorithms.nn.optim.SGD`, :class:`~algorithms.nn.optim.Adam` (default Adam with
        ``lr=0.001``) or "sgd" / "adam".
    batch_size : int
        Rows per step (an epoch's last batch may be smaller).
    shuffle : bool
        A new random order of the rows every epoch.
    penalties : sequence of Penalty
        Added to the loss (L1, L2, Anchor...).
    random_state : None, int or Generator
        Seeds the shuffling.
    """

    def __init__(self, net: Network, optimiser=None, *, batch_size: int = 32, shuffle: bool = True,
                 penalties=(), random_state=None):
        self.net = net
        self.optimiser = Adam() if optimiser is None else get_optimiser(optimiser)
        if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int; got {batch_size!r}.")
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.penalties = list(penalties)
        self.rng = check_random_state(random_state)
        self.history = History()
        self.n_steps = 0
        self.n_epochs = 0

    def _prepare(self, X, y, sample_weight):
        net = self.net
        X = net._check_X(X)
        Y = net.targets(y, len(X))
        u = None
        if sample_weight is not None:
            u = np.asarray(sample_weight, dtype=np.float64)
            if u.shape != (len(X),) or not np.all(np.isfinite(u)) or np.any(u < 0):
                raise ValueError(f"sample_weight must hold {len(X)} finite weights >= 0.")
        return X, Y, u

    def step(self, X, y, sample_weight=None) -> float:
        """One update on the batch (X, y); returns the batch's loss before the update."""
        return self._step(*self._prepare(X, y, sample_weight))

    def _step(self, X, Y, u) -> float:
        net = self.net
        loss, grad, norms = net._loss_and_gradient(X, Y, u, self.penalties)
        if not np.isfinite(loss) or not np.isfinite(norms).all():
            raise TrainingDiverged(
                f"training diverged at step {self.n_steps + 1}: the loss became {loss} and the "
                "gradient is not finite. The steps are too large for the scale of the data: "
                "scale the inputs (and targets) to about unit size or lower the learning rate.")
        self.optimiser.step(net.theta, grad)
        if net.mask is not None:
            net.theta *= net.mask                            # pruned weights stay exactly zero
        self.n_steps += 1
        self.history._step_loss.append(loss)
        self.history._grad_norms.append(norms)
        return loss

    def epoch(self, X, y, sample_weight=None) -> float:
        """One pass over the rows in mini-batches; returns the epoch's mean batch loss (each
        batch's loss weighted by its number of rows, as scikit-learn's ``loss_curve_``)."""
        X, Y, u = self._prepare(X, y, sample_weight)
        return self._epoch(X, Y, u)

    def _epoch(self, X, Y, u) -> float:
        n = len(X)
        if self.shuffle:
            order = self.rng.permutation(n)
            X, Y = X[order], Y[order]                        # one gather; the batches are views
            u = None if u is None else u[order]
        total = 0.0
        for start in range(0, n, self.batch_size):
            sl = slice(start, start + self.batch_size)
            ub = None if u is None else u[sl]
            if ub is not None and not ub.any():
                continue                                     # zero-weight rows carry no gradient
            total += self._step(X[sl], Y[sl], ub) * (min(start + self.batch_size, n) - start)
        if not np.isfinite(self.net.theta).all():
            raise TrainingDiverged(
                f"training diverged in epoch {self.n_epochs + 1}: the parameters are no longer "
                "finite. Scale the inputs (and targets) to about unit size or lower the learning "
                "rate.")
        self.n_epochs += 1
        loss = total / n
        self.history._epoch_loss.append(loss)
        return loss

    def fit(self, X, y, epochs: int, sample_weight=None) -> History:
        """``epochs`` epochs; returns the history."""
        X, Y, u = self._prepare(X, y, sample_weight)
        for _ in range(int(epochs)):
            self._epoch(X, Y, u)
        return self.history
