"""The GAN lab's run: trained once per setting (every step recorded by the engine), and any moment
of it handed to the page as plain arrays.

A moment is a position (t, u): snapshot t of the recorded run (after step ``steps[t − 1]``) and u
more updates replayed exactly from it, one update ("phase") at a time: D's k updates, then G's, in
the order training did them (:meth:`algorithms.gan.GAN.replay` / ``advance``). A snapshot is
painted on first use and kept in a small LRU shared by the sessions (:class:`Frames`); a replayed
moment is painted from the session's own replay state. Painting evaluates the networks only (D's
probability on a grid, G on fixed noise and on a grid of z, D's pull on G's samples); every
number of the curves is the engine's own record.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, fields

import numpy as np
import streamlit as st
from threadpoolctl import ThreadpoolController

from algorithms import distributions
from algorithms.gan import GAN, generator_pull
from algorithms.gan_metrics import StagedScores, saturation, staged_scores
from playground.compute.data import TTL, Grid, grid_for
from playground.compute.paint import Frames, encode

RES = 90  # D's map is RES x RES cells
N_SHOW = 400  # generated samples drawn (the same noise at every moment)
N_ARROWS = 120  # of which this many carry an arrow
N_REAL_SHOWN = 400
CURVE_POINTS = 300  # a curve over the steps is drawn as the means of at most this many bins
N_SCORE = 256  # samples per side of the MMD and the mode count at each snapshot
MANIFOLD_LINES, MANIFOLD_POINTS = 11, 41
#: Snapshots keep both networks' parameters: at most this many values per run (8 bytes each).
SNAPSHOT_BUDGET = 1_000_000
MIN_RECORD_EVERY = 10

# Painting a moment multiplies thousands of grid points through D: OpenBLAS then starts its
# threads, which on a shared 2-core server cost more than they save (D's map: 15 ms of CPU with
# threads, 6 ms without, on a loaded machine). One painting at a time limits BLAS to one thread,
# and the lock keeps two sessions from restoring each other's limit out of order.
_BLAS = ThreadpoolController()
_ONE_THREAD = threading.Lock()


@dataclass(frozen=True)
class GanKey:
    """Everything that shapes a run: the real data and the GAN's settings."""

    data: str
    n: int
    std: float
    seed: int
    loss: str
    k: int
    n_steps: int
    head: int
    batch: int
    noise: str
    zdim: int
    g_layers: int
    g_width: int
    g_act: str
    d_layers: int
    d_width: int
    d_act: str
    g_lr: float
    d_lr: float
    g_opt: str
    d_opt: str

    def engine(self, record_every: int) -> GAN:
        return GAN(noise_dim=self.zdim, noise=self.noise, g_layers=self.g_layers,
                   g_width=self.g_width, g_activation=self.g_act, d_layers=self.d_layers,
                   d_width=self.d_width, d_activation=self.d_act, g_lr=self.g_lr, d_lr=self.d_lr,
                   g_optimizer=self.g_opt, d_optimizer=self.d_opt, k=self.k, loss=self.loss,
                   batch_size=self.batch, n_steps=self.n_steps, d_head_start=self.head,
                   record_every=record_every, checkpoint_every=10 * record_every,
                   random_state=self.seed)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


def record_every(key: GanKey) -> int:
    """Steps between two snapshots: 10, or more when the networks are large, so that a run's
    snapshots stay within :data:`SNAPSHOT_BUDGET` values."""
    g = key.zdim * key.g_width + (key.g_layers - 1) * key.g_width ** 2 + 2 * key.g_width
    d = 2 * key.d_width + (key.d_layers - 1) * key.d_width ** 2 + key.d_width
    n_params = g + d + key.g_layers * key.g_width + key.d_layers * key.d_width + 3
    frames = max(2, SNAPSHOT_BUDGET // n_params)
    return max(MIN_RECORD_EVERY, math.ceil(key.n_steps / (frames - 1)))


@dataclass(frozen=True)
class GanFrame:
    """One moment of the run, as plain arrays (what the page draws)."""

    t: int  # snapshot index (1-based)
    extra: int  # updates replayed after snapshot t
    step: int  # steps completed
    phase: int  # D updates done in the next step (0..k)
    d_map: np.ndarray  # uint8 codes of D(x) on the grid (class 1 = "real")
    fake: np.ndarray  # (N_SHOW, 2) G(z) for the run's fixed z
    pull_end: np.ndarray  # (N_ARROWS, 2) where the first samples' arrows end (G's loss pulling)
    pull_mean: float  # mean length of −∂C/∂x before scaling
    manifold: np.ndarray  # (m, 2) G over a grid of z, lines separated by NaN rows


@dataclass
class GanRun:
    """One training run, its records and its painted moments."""

    key: GanKey
    real: np.ndarray  # (≤ N_REAL_SHOWN, 2) real samples drawn
    centres: np.ndarray | None
    grid: Grid
    steps: np.ndarray  # (T,) each snapshot's step
    k: int
    d_loss: np.ndarray  # (S,) L_D per step (mean of its k updates)
    d_loss_each: np.ndarray  # (S, k) before each D update
    d_real_each: np.ndarray  # (S, k)
    d_fake_each: np.ndarray  # (S, k)
    d_real: np.ndarray  # (S,) mean D(x) per step (mean of its k batches)
    g_loss: np.ndarray  # (S,) L_G (the loss in use)
    g_fake: np.ndarray  # (S,) mean D(G(z)) on G's batch
    g_norm_minimax: np.ndarray  # (S,) ‖∇θG‖ of each loss on the same samples
    g_norm_ns: np.ndarray
    scores: StagedScores
    saturation: object  # algorithms.gan_metrics.Saturation
    arrow_scale: float
    fit_ms: float
    prep_ms: float = 0.0
    gan: GAN | None = None  # the engine (compute only: views read frames and records)
    frames: Frames | None = None
    z_show: np.ndarray | None = None  # (N_SHOW, zdim) the noise behind the samples drawn
    z_grid: np.ndarray | None = None  # the grid of z behind G's manifold
    arrow_max: float = 0.0  # longest arrow drawn (data units)

    @property
    def T(self) -> int:
        return len(self.steps)

    @property
    def S(self) -> int:
        return len(self.g_loss)

    def curve(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A per-step record as (step, value) at the centres of at most CURVE_POINTS bins, each the
        mean of its steps (what a chart shows; every step stays in the record)."""
        values = np.asarray(values, float)
        width = max(1, math.ceil(len(values) / CURVE_POINTS))
        n = len(values) // width * width
        x = np.arange(1, len(values) + 1, dtype=float)
        xs = x[:n].reshape(-1, width).mean(1)
        ys = values[:n].reshape(-1, width).mean(1)
        if n < len(values):
            xs, ys = np.r_[xs, x[n:].mean()], np.r_[ys, values[n:].mean()]
        return xs.astype(np.float32), ys.astype(np.float32)

    def at(self, t: int) -> GanFrame:
        return self.frames[t - 1]

    def span(self, t: int) -> int:
        """Updates from snapshot t to snapshot t + 1 ((k + 1) per step; 0 after the last)."""
        return 0 if t >= self.T else int(self.steps[t] - self.steps[t - 1]) * (self.k + 1)

    def position(self, t: int, extra: int) -> tuple[int, int]:
        """(steps completed, D updates into the next step) at moment (t, extra)."""
        done, phase = divmod(int(extra), self.k + 1)
        return int(self.steps[t - 1]) + done, phase

    def replayed(self, t: int, extra: int, cache: dict) -> GanFrame:
        """Moment (t, extra), replayed exactly from the recorded run. ``cache`` (the session's)
        keeps the last replay state, so stepping on costs one update instead of a replay from
        the nearest checkpoint."""
        if extra == 0:
            return self.at(t)
        step, phase = self.position(t, extra)
        state = cache.get("state") if cache.get("run") == id(self) else None
        if state is None or not 0 <= self._updates(state, step, phase) <= self.span(t):
            state = self.gan.replay(step, phase)
        while (state.step, state.phase) < (step, phase):
            self.gan.advance(state)
        cache.update(run=id(self), state=state)
        return self.paint(t, extra, state.generator, state.discriminator, step, phase)

    def _updates(self, state, step: int, phase: int) -> int:
        """Updates from ``state`` forward to (step, phase) (negative: it is past it)."""
        return (step - state.step) * (self.k + 1) + phase - state.phase

    def paint(self, t, extra, G, D, step, phase) -> GanFrame:
        with _ONE_THREAD, _BLAS.limit(limits=1, user_api="blas"):
            return self._paint(t, extra, G, D, step, phase)

    def _paint(self, t, extra, G, D, step, phase) -> GanFrame:
        p = D.predict(self.grid.points)[:, 0]
        d_map = encode(np.c_[1.0 - p, p], self.grid.shape)
        fake = G.predict(self.z_show)
        pull = generator_pull(D, fake, self.key.loss)
        length = np.linalg.norm(pull, axis=1, keepdims=True)
        scaled = np.minimum(length * self.arrow_scale, self.arrow_max)   # clip long arrows
        direction = pull / np.maximum(length, 1e-300)
        end = (fake + direction * scaled)[:N_ARROWS]
        manifold = split_lines(G.predict(self.z_grid).astype(np.float32), self.key.zdim)
        return GanFrame(t, extra, step, phase, d_map, fake.astype(np.float32),
                        end.astype(np.float32), float(length.mean()), manifold)

    def setup_painting(self, rng) -> None:
        self.z_show = self.gan.sample_noise(N_SHOW, rng)
        self.z_grid = manifold_noise(self.key.zdim, self.key.noise)
        span = float(np.ptp(self.grid.xs))
        self.arrow_max = 0.08 * span
        G, D = self.gan.generator_at, self.gan.discriminator_at
        self.frames = Frames(self.T, lambda i: self.paint(i + 1, 0, G(i), D(i),
                                                         int(self.steps[i]), 0), keep=48)


def manifold_noise(zdim: int, noise: str) -> np.ndarray:
    """A grid of z over the first two noise coordinates (the others 0), as lines separated by
    NaN rows; one line for a one-dimensional z."""
    lim = 1.0 if noise == "uniform" else 2.0
    ticks = np.linspace(-lim, lim, MANIFOLD_LINES)
    along = np.linspace(-lim, lim, MANIFOLD_POINTS)
    if zdim == 1:
        return along[:, None]
    lines = []
    for a in ticks:
        for pts in (np.c_[np.full_like(along, a), along], np.c_[along, np.full_like(along, a)]):
            z = np.zeros((MANIFOLD_POINTS, zdim))
            z[:, :2] = pts
            lines.append(z)
    return np.vstack(lines)


def split_lines(points: np.ndarray, zdim: int) -> np.ndarray:
    """The manifold's points with a NaN row after each line (for one line trace)."""
    if zdim == 1:
        return points
    rows = points.reshape(-1, MANIFOLD_POINTS, 2)
    gap = np.full((rows.shape[0], 1, 2), np.nan, np.float32)
    return np.concatenate([rows, gap], axis=1).reshape(-1, 2)


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def gan_run(key: GanKey) -> GanRun:
    """Train once on the real sample; record; score every snapshot; paint on demand."""
    real = distributions.sample(key.data, key.n, std=key.std, random_state=key.seed)
    start = time.perf_counter()
    gan = key.engine(record_every(key)).fit(real.X)
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    scores = staged_scores(gan, real.X, n=min(N_SCORE, key.n // 2), centres=real.centres,
                           std=real.std, random_state=key.seed)
    rng = np.random.default_rng(key.seed + 1)
    shown = real.X[rng.permutation(key.n)[:N_REAL_SHOWN]]
    box = np.r_[real.X, real.X.mean(0) + 1.6 * (real.X - real.X.mean(0))]  # room around p_r
    grid = grid_for(box, RES)
    # one arrow scale per run, from the non-saturating pull on real points (whatever the loss in
    # use): arrows of the two losses are comparable, and a saturated pull draws short
    pull_ref = np.median([np.linalg.norm(generator_pull(gan.discriminator_at(i), real.X[:64]),
                                         axis=1).mean()
                          for i in range(0, gan.n_snapshots, max(1, gan.n_snapshots // 8))])
    run = GanRun(
        key=key, real=shown.astype(np.float32), centres=real.centres, grid=grid,
        steps=np.asarray(gan.snapshot_steps_), k=gan.k, d_loss=gan.d_loss_.mean(1),
        d_loss_each=gan.d_loss_, d_real_each=gan.d_real_, d_fake_each=gan.d_fake_,
        d_real=gan.d_real_.mean(1), g_loss=gan.g_loss_, g_fake=gan.g_fake_,
        g_norm_minimax=gan.g_grad_norm_minimax_, g_norm_ns=gan.g_grad_norm_non_saturating_,
        scores=scores, saturation=saturation(gan),
        arrow_scale=0.04 * float(np.ptp(grid.xs)) / max(float(pull_ref), 1e-12),
        fit_ms=fit_ms, gan=gan)
    run.setup_painting(rng)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run
