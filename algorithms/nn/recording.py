r"""Training computed ahead, with :math:`\theta` and its numbers kept after every epoch.

A player walks through the recorded epochs without training again: :func:`record_training` runs
the trainer epoch by epoch and keeps, at :math:`\theta_0` (the start) and after every epoch e,

* :math:`\theta_e` itself (so any view - a surface, one sample's forward and backward pass - can be
  recomputed at epoch e);
* the loss of the data term on the training set and on a test set, and the accuracy when the
  network is a classifier (cross-entropy);
* :math:`\lVert\partial L/\partial W^l\rVert` on the whole training set for every layer l: the
  numbers behind "sigmoid saturates" (in a deep sigmoid network the first layers' norms are orders
  of magnitude below the last layer's).

Training that diverges stops the record at the last finite epoch and says why (``stopped``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Softmax
from .training import Trainer, TrainingDiverged


@dataclass
class TrainingRecord:
    r"""What :func:`record_training` kept; index e = 0 is the start, e = 1..E after epoch e."""

    theta: np.ndarray  # (E + 1, n_parameters)
    train_loss: np.ndarray  # (E + 1,) data term, mean cost over the training set
    test_loss: np.ndarray  # (E + 1,) nan without a test set
    train_accuracy: np.ndarray  # (E + 1,) nan for a regression network
    test_accuracy: np.ndarray  # (E + 1,)
    grad_norms: np.ndarray  # (E + 1, L): |dL/dW^l| of the data term on the training set
    steps_per_epoch: int
    stopped: str = ""  # why recording ended before the epochs asked for ("" when it did not)

    @property
    def epochs(self) -> int:
        return len(self.theta) - 1


def is_classifier(net) -> bool:
    return net.loss.name == "cross_entropy"


def predicted_class(net, output: np.ndarray) -> np.ndarray:
    """Class index from the output layer: the largest softmax output, or sigmoid output > 1/2."""
    if isinstance(net.layers[-1].activation, Softmax) or output.shape[1] > 1:
        return output.argmax(axis=1)
    return (output[:, 0] > 0.5).astype(np.intp)


def evaluate(net, X, y) -> tuple[float, float, np.ndarray]:
    """(mean cost of the data term, accuracy or nan, |dL/dW^l| per layer) at the current theta."""
    if len(X) == 0:
        return np.nan, np.nan, np.full(len(net.layers), np.nan)
    fwd = net.forward(X)
    Y = net.targets(y, len(X))
    out = net.layers[-1].activation
    loss = float(net.loss.costs(fwd.z[-1], fwd.output, Y, out).mean())
    bwd = net.backward(fwd, Y, input_gradient=False)
    norms = np.array([np.linalg.norm(bwd.dW[l]) for l in range(1, len(net.layers) + 1)])
    acc = np.nan
    if is_classifier(net):
        labels = np.asarray(y).reshape(-1) if np.ndim(y) == 1 else np.asarray(y).argmax(1)
        acc = float(np.mean(predicted_class(net, fwd.output) == labels))
    return loss, acc, norms


def record_training(trainer: Trainer, X, y, epochs: int, X_test=None, y_test=None, *,
                    sample_weight=None) -> TrainingRecord:
    r"""Train ``epochs`` epochs with ``trainer`` and keep :math:`\theta` and its numbers at the
    start and after every epoch (see the module docstring).

    Classification targets are class indices (0/1 for a sigmoid output, 0..K-1 for softmax);
    regression targets are numbers. A test set is optional."""
    epochs = int(epochs)
    if epochs < 1:
        raise ValueError(f"epochs must be at least 1; got {epochs}.")
    net = trainer.net
    X = net._check_X(X)
    if X_test is None or len(X_test) == 0:
        X_test, y_test = X[:0], np.zeros(0)
    X_test = np.asarray(X_test, dtype=np.float64).reshape(-1, X.shape[1])
    thetas, rows = [net.get_theta()], [evaluate(net, X, y) + evaluate(net, X_test, y_test)[:2]]
    stopped = ""
    for e in range(1, epochs + 1):
        try:
            trainer.epoch(X, y, sample_weight)
        except TrainingDiverged as exc:
            stopped = str(exc)
            break
        if not np.isfinite(net.theta).all():  # pragma: no cover - the trainer raises first
            stopped = f"the parameters stopped being finite in epoch {e}."
            break
        thetas.append(net.get_theta())
        rows.append(evaluate(net, X, y) + evaluate(net, X_test, y_test)[:2])
    if not stopped and not np.isfinite([r[0] for r in rows]).all():
        stopped = "the training loss stopped being finite."
    train_loss, train_acc, norms, test_loss, test_acc = zip(*rows)
    return TrainingRecord(theta=np.array(thetas), train_loss=np.array(train_loss),
                          test_loss=np.array(test_loss), train_accuracy=np.array(train_acc),
                          test_accuracy=np.array(test_acc), grad_norms=np.array(norms),
                          steps_per_epoch=-(-len(X) // trainer.batch_size), stopped=stopped)
