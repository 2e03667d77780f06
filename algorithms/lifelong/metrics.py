r"""What a sequence of tasks did to the tasks, read from the accuracy matrix R.

:math:`R[i, j]` is the accuracy on task j after learning tasks 1..i (T x T; row i fills in while
task i is learned; entries above the diagonal are tasks not seen yet). Following Lopez-Paz &
Ranzato (2017) and Chaudhry et al. (2018):

* average accuracy :math:`\frac1T\sum_j R[T, j]` — every task, at the end;
* backward transfer :math:`\mathrm{BWT} = \frac1{T-1}\sum_{j<T}(R[T, j] - R[j, j])` — how the
  later tasks changed the earlier ones (negative: forgetting);
* forgetting of task j: :math:`\max_{i<T} R[i, j] - R[T, j]` (j < T) — the best it ever was,
  minus what is left;
* learning accuracy :math:`\frac1T\sum_j R[j, j]` — each task right after it was learned (low:
  the network is too stiff to learn new tasks).
"""

from __future__ import annotations

import numpy as np


def _matrix(R) -> np.ndarray:
    R = np.asarray(R, dtype=np.float64)
    if R.ndim != 2 or R.shape[0] != R.shape[1] or R.shape[0] < 1:
        raise ValueError(f"R must be a square T x T matrix of accuracies; got shape {R.shape}.")
    return R


def average_accuracy(R) -> float:
    R = _matrix(R)
    return float(R[-1].mean())


def backward_transfer(R) -> float:
    R = _matrix(R)
    T = len(R)
    if T < 2:
        return 0.0
    return float(np.mean(R[-1, :-1] - np.diag(R)[:-1]))


def forgetting(R) -> np.ndarray:
    R = _matrix(R)
    T = len(R)
    return np.array([R[j:T - 1, j].max() - R[-1, j] for j in range(T - 1)])


def learning_accuracy(R) -> float:
    return float(np.mean(np.diag(_matrix(R))))
