r"""Learning tasks one after another with the penalised loss, and recording everything.

Task k = 1, ..., T is learned by mini-batch steps on
:math:`L'(\theta) = L_k(\theta) + \lambda\sum_i b_i(\theta_i - \theta^b_i)^2` (the penalty from
:mod:`.consolidation`; none while learning task 1), with a fresh optimiser per task (the
previous task's moment estimates would push the new task's first steps along the old task's
directions). At the end of task k the method measures its guards :math:`b` on task k's training
inputs (:mod:`.guards`) at the end point :math:`\theta^*_k`, and the memory carries them to
the next task.

:class:`SequenceHistory` keeps every step (data loss :math:`L_k`, penalty :math:`\Omega`) and every
checkpoint (the end of each epoch: accuracy or loss on every task's evaluation set, the mean data
loss and penalty over the epoch), the guards and anchor in force during each task, and, on
request, :math:`\theta` after every step (the two-parameter picture draws that path).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_random_state
from ..nn import SGD, Adam, Network, Trainer, minibatches
from .consolidation import Memory
from .guards import importance


@dataclass
class SequenceHistory:
    """What :func:`train_sequence` records (arrays; T tasks, S steps, C checkpoints)."""

    step_task: np.ndarray = None      # (S,) task index of each step (0-based)
    step_data_loss: np.ndarray = None  # (S,) L_k on the step's batch, before the update
    step_penalty: np.ndarray = None    # (S,) Omega before the update
    step_theta: np.ndarray | None = None  # (S + 1, P) theta before every step and at the end
    checkpoint_task: np.ndarray = None   # (C,) task being learned
    checkpoint_epoch: np.ndarray = None  # (C,) epoch within the task, 1-based
    checkpoint_step: np.ndarray = None   # (C,) steps done so far
    scores: np.ndarray = None            # (C, T) score on every task's evaluation set
    data_loss: np.ndarray = None         # (C,) mean L_k over the epoch's steps
    penalty: np.ndarray = None           # (C,) mean Omega over the epoch's steps
    guards: list = field(default_factory=list)   # (T,) b in force while learning task k
    anchors: list = field(default_factory=list)  # (T,) theta^b in force (None for task 1)
    consts: list = field(default_factory=list)   # (T,) EWC's constant c (0 otherwise)
    new_guards: list = field(default_factory=list)  # (T,) b measured at the end of task k
    ends: list = field(default_factory=list)     # (T,) theta*_k
    task_seconds: np.ndarray = None              # (T,) training time per task
    importance_seconds: np.ndarray = None        # (T,) time to measure the guards per task

    @property
    def score_matrix(self) -> np.ndarray:
        r""":math:`R[i, j]`: the score on task j at the end of task i (the last checkpoint of
        each task)."""
        last = np.flatnonzero(np.r_[self.checkpoint_task[1:] != self.checkpoint_task[:-1], True])
        return self.scores[last]


def make_optimiser(solver: str, learning_rate: float):
    if solver == "adam":
        return Adam(learning_rate)
    if solver == "sgd":
        return SGD(learning_rate)
    raise ValueError(f"solver must be 'adam' or 'sgd'; got {solver!r}.")


def train_sequence(net: Network, tasks, *, method: str, lam: float, epochs: int,
                   batch_size: int, solver: str = "adam", learning_rate: float = 1e-3,
                   shuffle: bool = True, eval_tasks=None, score=None, fisher: str = "model",
                   n_directions: int = 100, record_theta: bool = False, random_state=None,
                   callback=None) -> SequenceHistory:
    r"""Learn ``tasks`` (a list of (X, Y), Y as the network's targets) in order, in place.

    ``score(net, X, y)`` scores a task's evaluation set (``eval_tasks``, default the training
    sets) at every checkpoint. ``random_state``: an int or a numpy Generator; the shuffling and
    SCP's directions draw from two independent streams, so λ = 0 is fine-tuning step for step.
    ``learning_rate``: one step size, or one per task. ``callback(task, epoch)`` is called after
    every epoch (progress).
    """
    rates = np.broadcast_to(np.asarray(learning_rate, dtype=np.float64), (len(tasks),))
    seeds = np.random.SeedSequence(int(check_random_state(random_state).integers(2 ** 63)))
    shuffle_rng, directions_rng = (np.random.default_rng(s) for s in seeds.spawn(2))
    eval_tasks = tasks if eval_tasks is None else eval_tasks
    memory = Memory(method, lam, net.n_parameters)
    h = SequenceHistory()
    step_task, step_data, step_pen, thetas = [], [], [], []
    ck_task, ck_epoch, ck_step, scores, ck_data, ck_pen = [], [], [], [], [], []
    task_s, imp_s = [], []
    if record_theta:
        thetas.append(net.get_theta())
    for k, (X, Y) in enumerate(tasks):
        started = time.perf_counter()
        penalty = memory.penalty()
        h.guards.append(memory.b.copy())
        h.anchors.append(None if penalty is None else penalty.theta_b.copy())
        h.consts.append(memory.const)
        trainer = Trainer(net, make_optimiser(solver, float(rates[k])), batch_size=batch_size,
                          shuffle=False, penalties=[] if penalty is None else [penalty])
        n = len(X)
        for epoch in range(1, epochs + 1):
            first = len(step_data)
            for idx in minibatches(n, batch_size, shuffle_rng, shuffle=shuffle):
                omega = 0.0 if penalty is None else penalty.value(net)
                total = trainer.step(X[idx], Y[idx])          # L' before the update
                step_data.append(total - omega)               # L_k = L' - Omega
                step_pen.append(omega)
                step_task.append(k)
                if record_theta:
                    thetas.append(net.get_theta())
            ck_task.append(k)
            ck_epoch.append(epoch)
            ck_step.append(len(step_data))
            ck_data.append(float(np.mean(step_data[first:])))
            ck_pen.append(float(np.mean(step_pen[first:])))
            scores.append([score(net, Xe, ye) for Xe, ye in eval_tasks])
            if callback is not None:
                callback(k, epoch)
        task_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        end = net.get_theta()
        b_new = importance(method, net, X, Y, fisher=fisher, n_directions=n_directions,
                           random_state=directions_rng)
        memory.remember(b_new, end)
        h.new_guards.append(b_new)
        h.ends.append(end)
        imp_s.append(time.perf_counter() - started)
    h.step_task, h.step_data_loss = np.array(step_task), np.array(step_data)
    h.step_penalty = np.array(step_pen)
    h.step_theta = np.array(thetas) if record_theta else None
    h.checkpoint_task, h.checkpoint_epoch = np.array(ck_task), np.array(ck_epoch)
    h.checkpoint_step, h.scores = np.array(ck_step), np.array(scores, dtype=np.float64)
    h.data_loss, h.penalty = np.array(ck_data), np.array(ck_pen)
    h.task_seconds, h.importance_seconds = np.array(task_s), np.array(imp_s)
    return h
