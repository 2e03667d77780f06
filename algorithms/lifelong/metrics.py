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
  the network is too stiff to learn new tasks); :func:`new_task_accuracy` leaves out task 1,
  which every method learns alike (no penalty yet).
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


def new_task_accuracy(R) -> float:
    r""":math:`\frac1{T-1}\sum_{j>1} R[j, j]`: how well tasks 2..T are learned under the penalty."""
    R = _matrix(R)
    return float(np.mean(np.diag(R)[1:])) if len(R) > 1 else float(R[0, 0])


def staged_metrics(scores, checkpoint_task, R) -> tuple[np.ndarray, np.ndarray]:
    r"""The two summaries while the sequence runs, one value per checkpoint c (task k being
    learned, ``scores[c, j]`` the accuracy on task j then): the average accuracy over the tasks
    seen so far, :math:`\frac1{k+1}\sum_{j\le k}` ``scores[c, j]``, and the backward transfer so
    far, :math:`\frac1k\sum_{j<k}(` ``scores[c, j]`` :math:`- R[j, j])` (0 during task 1)."""
    scores = np.asarray(scores, dtype=np.float64)
    tasks = np.asarray(checkpoint_task)
    R = _matrix(R)
    if scores.ndim != 2 or scores.shape != (len(tasks), len(R)):
        raise ValueError(f"scores must be (checkpoints, tasks) = ({len(tasks)}, {len(R)}); got "
                         f"{scores.shape}.")
    seen = np.arange(len(R))[None, :] <= tasks[:, None]            # task j seen at checkpoint c
    before = np.arange(len(R))[None, :] < tasks[:, None]            # ... and finished
    average = (scores * seen).sum(axis=1) / seen.sum(axis=1)
    drop = ((scores - np.diag(R)[None, :]) * before).sum(axis=1)
    bwt = np.divide(drop, before.sum(axis=1), out=np.zeros(len(tasks)), where=before.any(axis=1))
    return average, bwt
