"""Lifelong learning fitted once per setting (docs/lecture.md §7), handed to the page as plain arrays.

* :func:`picture_run`: the lecture's two-parameter picture (``algorithms.lifelong.picture``):
  both tasks' loss surfaces and every method's L′ on a grid, θ's path under each method, the
  penalty's ellipse from b;
* :func:`method_run`: one method on the digit sequence (``LifelongClassifier``), one cached fit
  per method and λ, so moving one method's λ refits that method only. :class:`SequenceRun`
  gathers the five and :meth:`SequenceRun.at` slices epoch t out of their records.

Everything learned is the engine's own record (accuracies, R, the staged average accuracy and
backward transfer, losses, penalties and their share, the guards per layer); this module only
loads the digits, evaluates recorded quantities on a grid, bins the guards for histograms and
slices. The fits run with one BLAS thread: on this machine's small matrices a second thread
only waits (a busy shared machine made a whole sequence 9x slower with two).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st
from threadpoolctl import threadpool_limits

from algorithms import lifelong
from playground import datasets
from playground.compute.data import TTL

METHODS = lifelong.METHODS
PICTURE_STEPS = 100
GRID = (-2.5, 2.5, -1.5, 2.5)  # θ₁ from, to; θ₂ from, to
GRID_RES = 241  # the maps are pictures (palette PNGs): a fine grid costs a few KB
LOG_B = np.linspace(-12.0, 4.0, 65)  # bins of log10 b for the guards' distributions


# ---- the two-parameter picture -----------------------------------------------------------------

@dataclass
class PictureRun:
    lam: float
    t1: np.ndarray                # (G,) θ₁ grid
    t2: np.ndarray                # (G,) θ₂ grid
    L1: np.ndarray                # (G, G) task 1's loss, rows along θ₂
    L2: np.ndarray                # (G, G) task 2's loss
    Lp: dict                      # method -> (G, G) L′ = L₂ + Ω
    task1_path: np.ndarray        # (steps + 1, 2) θ during task 1 (every method's)
    paths: dict                   # method -> (steps + 1, 2) θ during task 2
    losses: dict                  # method -> (steps + 1, 2) L₁, L₂ along the task-2 path
    penalty: dict                 # method -> (steps + 1,) Ω along the task-2 path
    b: dict                       # method -> (2,) guards
    theta_b: np.ndarray           # (2,) end of task 1 = θᵇ
    ellipses: dict                # method -> (n, 2) Ω's level set through the path's end
    fit_ms: float

    @property
    def T(self) -> int:
        return len(self.task1_path) - 1

    def moved(self, method: str) -> np.ndarray:
        """(Δθ₁, Δθ₂) over task 2."""
        return self.paths[method][-1] - self.paths[method][0]


@st.cache_resource(max_entries=16, ttl=TTL, show_spinner=False)
def picture_run(lam: float) -> PictureRun:
    started = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):
        tasks, runs = lifelong.two_parameter_paths(lam, steps=PICTURE_STEPS)
    t1 = np.linspace(GRID[0], GRID[1], GRID_RES)
    t2 = np.linspace(GRID[2], GRID[3], GRID_RES)
    g1, g2 = np.meshgrid(t1, t2)
    L1, L2 = (lifelong.quadratic_loss(X, y, g1, g2) for X, y in tasks)
    s = PICTURE_STEPS
    theta_b = runs["finetune"].theta[s]
    Lp, paths, losses, penalty, b, ellipses = {}, {}, {}, {}, {}, {}
    for m, r in runs.items():
        paths[m], losses[m], b[m] = r.theta[s:], r.task_losses[s:], r.b
        if r.theta_b is None:                               # fine-tuning: no penalty
            Lp[m], penalty[m] = L2, np.zeros(s + 1)
            continue
        Lp[m] = L2 + lifelong.penalty_value(lam, r.b, r.theta_b, g1, g2, r.const)
        penalty[m] = lifelong.penalty_value(lam, r.b, r.theta_b, paths[m][:, 0], paths[m][:, 1],
                                            r.const)
        if lam > 0 and penalty[m][-1] > 0:
            ellipses[m] = lifelong.penalty_ellipse(lam, r.b, r.theta_b,
                                                   penalty[m][-1] - lam * r.const)
    return PictureRun(lam, t1, t2, L1, L2, Lp, runs["finetune"].theta[:s + 1], paths, losses,
                      penalty, b, theta_b, ellipses, 1000 * (time.perf_counter() - started))


# ---- the digit sequence --------------------------------------------------------------------------

@dataclass(frozen=True)
class SequenceSpec:
    tasks: str = "rotated"   # "rotated" | "permuted"
    n_tasks: int = 5
    angle: float = 22.5      # degrees added per task (rotated)
    hidden: int = 100
    epochs: int = 10
    fisher: str = "model"
    dirs: int = 100          # SCP's directions
    seed: int = 0            # the split, the starting weights, the shuffling, the permutations


def digit_tasks(spec: SequenceSpec):
    """(training tasks, evaluation tasks): scikit-learn's bundled 8 x 8 digits (pixels / 16), one
    70/30 split, every task the same digits rotated by k · angle or with pixels permuted."""
    X, y, _, _ = datasets.load_tabular("digits")
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X / 16.0, y, 0.3, spec.seed)
    if spec.tasks == "rotated":
        tr = lifelong.rotated_tasks(X_tr, spec.n_tasks, spec.angle)
        te = lifelong.rotated_tasks(X_te, spec.n_tasks, spec.angle)
    elif spec.tasks == "permuted":
        perms = lifelong.task_permutations(X.shape[1], spec.n_tasks, spec.seed)
        tr, te = [X_tr[:, p] for p in perms], [X_te[:, p] for p in perms]
    else:
        raise ValueError(f"unknown kind of task sequence {spec.tasks!r}")
    return [(X, y_tr) for X in tr], [(X, y_te) for X in te]


@dataclass
class MethodRun:
    """One method's run over the sequence (C checkpoints = tasks x epochs, T tasks)."""

    method: str
    lam: float
    scores: np.ndarray           # (C, T) accuracy on every task after every epoch
    R: np.ndarray                # (T, T)
    task: np.ndarray             # (C,) task being learned
    epoch: np.ndarray            # (C,) its epoch
    data_loss: np.ndarray        # (C,) mean L over the epoch
    penalty: np.ndarray          # (C,) mean Ω over the epoch
    share: np.ndarray            # (C,) Ω / L′
    staged_avg: np.ndarray       # (C,) average accuracy over the tasks seen so far
    staged_bwt: np.ndarray       # (C,) backward transfer so far
    guards: list                 # (T,) [(name, array)] per weight layer: b in force in task k
    b_hist: np.ndarray           # (T, bins) counts of log10 b over every parameter
    average_accuracy: float
    backward_transfer: float
    forgetting_first: float      # task 1: best ever minus final
    learning_accuracy: float     # mean of R's diagonal
    new_task_accuracy: float     # mean of R's diagonal after task 1
    log_b: tuple                 # (lo, hi): the heat maps' colour range of log10 b
    fit_s: float

    @property
    def C(self) -> int:
        return len(self.task)


@st.cache_resource(max_entries=40, ttl=TTL, show_spinner=False)
def method_run(spec: SequenceSpec, method: str, lam: float) -> MethodRun:
    tasks, eval_tasks = digit_tasks(spec)
    est = lifelong.LifelongClassifier(
        method, lam if method != "finetune" else 0.0, hidden_layer_sizes=(spec.hidden,),
        epochs=spec.epochs, fisher=spec.fisher, n_directions=spec.dirs, random_state=spec.seed)
    with threadpool_limits(limits=1, user_api="blas"):
        est.fit(tasks, eval_tasks)
    n_layers = len(est.network_.layers)
    guards, hist = [], []
    for k in range(est.n_tasks_):
        layers = est.guards_by_layer(k)
        guards.append([(name, b.astype(np.float32)) for name, b in layers[:n_layers]])
        flat = est.guards_[k]
        hist.append(np.histogram(np.log10(np.clip(flat[flat > 0], 10.0 ** LOG_B[0], None)),
                                 LOG_B)[0] if flat.any() else np.zeros(len(LOG_B) - 1, int))
    forgetting = est.forgetting_
    top = max((float(np.log10(g.max())) for gs in guards for _, g in gs if g.max() > 0),
              default=0.0)
    return MethodRun(method, float(lam), est.accuracy_history_, est.accuracy_matrix_,
                     est.checkpoint_task_, est.checkpoint_epoch_, est.epoch_data_loss_,
                     est.epoch_penalty_, est.penalty_share_, est.staged_average_accuracy_,
                     est.staged_backward_transfer_, guards, np.array(hist),
                     est.average_accuracy_, est.backward_transfer_,
                     float(forgetting[0]) if len(forgetting) else 0.0, est.learning_accuracy_,
                     est.new_task_accuracy_, (top - 6.0, top), est.fit_time_)


@dataclass(frozen=True)
class SequenceStep:
    """Epoch t of the sequence, every method at once (plain arrays)."""

    t: int
    task: int                    # 0-based task being learned
    epoch: int
    matrix: np.ndarray           # (T, T) the focus method's R filling in (nan: not yet)
    first: dict                  # method -> accuracy on task 1 now
    avg: dict                    # method -> staged average accuracy
    bwt: dict                    # method -> staged backward transfer
    data_loss: float             # the focus method's L (mean over the epoch)
    penalty: float               # its Ω
    share: float                 # Ω / L′
    guards: list                 # its b per weight layer, in force during this task
    b_hist: dict                 # method -> counts of log10 b in force during this task


@dataclass
class SequenceRun:
    spec: SequenceSpec
    runs: dict                   # method -> MethodRun
    focus: str

    @property
    def T(self) -> int:
        return self.runs[self.focus].C

    @property
    def fit_ms(self) -> float:  # figures' token: any refit changes it
        return 1000 * sum(r.fit_s for r in self.runs.values())

    def at(self, t: int) -> SequenceStep:
        f = self.runs[self.focus]
        c = t - 1
        k = int(f.task[c])
        matrix = np.full_like(f.R, np.nan)
        matrix[:k] = f.R[:k]
        matrix[k] = f.scores[c]
        return SequenceStep(
            t, k, int(f.epoch[c]), matrix,
            {m: float(r.scores[c, 0]) for m, r in self.runs.items()},
            {m: float(r.staged_avg[c]) for m, r in self.runs.items()},
            {m: float(r.staged_bwt[c]) for m, r in self.runs.items()},
            float(f.data_loss[c]), float(f.penalty[c]), float(f.share[c]), f.guards[k],
            {m: r.b_hist[k] for m, r in self.runs.items()})


@st.cache_resource(max_entries=16, ttl=TTL, show_spinner=False)
def sequence_run(spec: SequenceSpec, lams: tuple, focus: str) -> SequenceRun:
    """The five methods' runs together (each from :func:`method_run`'s cache), one object per
    setting: the page's figures are keyed by it, so a rerun that changes nothing rebuilds none."""
    lam = dict(lams)
    return SequenceRun(spec, {k: method_run(spec, k, float(lam.get(k, 0.0))) for k in METHODS},
                       focus)
