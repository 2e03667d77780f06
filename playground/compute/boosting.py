"""Gradient boosting fitted once per setting (docs/lecture.md §4), and stage t handed to the page as
plain arrays: g_{t−1}, the pseudo-residuals, η α_t f_t and g_t (the engine's ``stage_view``), the
losses (``train_score_``, ``staged_loss``) and, in the plane, the surfaces of g_t."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

import algorithms
from algorithms import surface
from playground import limits
from playground.compute import inspectors
from playground.compute.data import TTL, DataKey, Grid, dataset, grid_for
from playground.compute.paint import Frames, encode


@dataclass(frozen=True)
class GBRound:
    t: int
    alpha: float  # α_t
    eta: float  # η
    train_loss: float
    test_loss: float
    # 1-D: the stage on the curve's x and at the training points (sorted by x)
    g_prev: np.ndarray | None = None
    f_step: np.ndarray | None = None  # η α_t f_t(x) on the curve
    g: np.ndarray | None = None
    residuals: np.ndarray | None = None
    # 2-D: g_t's surface and η α_t f_t on the grid (largest |.| over columns if K > 2)
    surface: np.ndarray | None = None
    f_grid: np.ndarray | None = None


@dataclass
class GBRun:
    key: DataKey
    view: str  # "1d" regression or "2d" classification
    eta: float
    alpha: np.ndarray  # (T,)
    train_loss: np.ndarray
    test_loss: np.ndarray
    fit_ms: float
    xs: np.ndarray | None = None  # 1-D: the curve's x values
    x_train: np.ndarray | None = None  # 1-D: training x, sorted
    y_train: np.ndarray | None = None
    grid: Grid | None = None  # 2-D: the plane
    classes: np.ndarray | None = None
    step_scale: float = 1.0  # 2-D: max_t max_x |η α_t f_t(x)|, one colour scale for all stages
    surfaces: Frames | None = None
    painter: object = None  # 2-D: every stage's trees, painted on demand
    stage_view: object = None  # 1-D: t -> (curve view, view at the data)
    prep_ms: float = 0.0
    inspect: object = None  # compute.inspectors.Inspector: one example's story, trees, members

    @property
    def T(self) -> int:
        return len(self.train_loss)

    def at(self, t: int) -> GBRound:
        i = t - 1
        common = dict(t=t, alpha=float(self.alpha[i]), eta=self.eta,
                      train_loss=float(self.train_loss[i]), test_loss=float(self.test_loss[i]))
        if self.view == "1d":
            curve, at_data = self.stage_view(t)
            return GBRound(**common, g_prev=np.asarray(curve["g_prev"]),
                           f_step=self.eta * curve["alpha"] * np.asarray(curve["f"]),
                           g=np.asarray(curve["g"]), residuals=np.asarray(at_data["residuals"]))
        K = len(self.painter) // self.T  # trees per stage
        f = np.stack([self.painter.member(i * K + k)[k] for k in range(K)])
        return GBRound(**common, surface=self.surfaces[i],
                       f_grid=f[0] if len(f) == 1 else np.abs(f).max(0))


def estimator(view: str, loss: str, lr: float, T: int, depth: int, subsample: float, seed,
              leaf: int = 1):
    cls = algorithms.GradientBoostingRegressor if view == "1d" else \
        algorithms.GradientBoostingClassifier
    return cls(loss=loss, learning_rate=lr, n_estimators=T, max_depth=depth, subsample=subsample,
               min_samples_leaf=leaf, random_state=seed)


def _test_loss(est, X, y) -> np.ndarray:
    if len(y) == 0:
        return np.full(len(est.estimators_), np.nan)
    return np.fromiter(est.staged_loss(X, y), float)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def gb_run(key: DataKey, view: str, loss: str, lr: float, T: int, depth: int, subsample: float,
           res: int, leaf: int = 1) -> GBRun:
    d = dataset(key)
    est = estimator(view, loss, lr, T, depth, subsample, key.seed, leaf)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    alpha = np.asarray(est.estimator_weights_, float)
    run = GBRun(key, view, float(est.learning_rate), alpha, np.asarray(est.train_score_, float),
                _test_loss(est, d["X_te"], d["y_te"]), fit_ms)
    if view == "1d":
        X_all = np.r_[d["X_tr"], d["X_te"]]
        order = np.argsort(d["X_tr"][:, 0])
        run.xs = np.linspace(X_all.min(), X_all.max(), 400)[:, None]
        run.x_train, run.y_train = d["X_tr"][order, 0], d["y_tr"][order]
        X_sorted, y_sorted = d["X_tr"][order], d["y_tr"][order]
        run.stage_view = lambda t: (est.stage_view(run.xs, t=t),
                                    est.stage_view(X_sorted, y_sorted, t=t))
    else:
        grid = grid_for(np.r_[d["X_tr"], d["X_te"]], limits.grid_for(res, len(est.estimators_)))
        terms = est.surface_terms()  # g_t = g_0 + Σ η α_s f_s, K trees a stage
        painter = surface.TreePainter(terms.trees, terms.values, grid.xs, grid.ys)
        K, start_g = terms.per_round, np.asarray(terms.start, float)[:, None]

        def frame(i):
            G = painter.total((i + 1) * K).reshape(K, -1) + start_g
            return encode(np.asarray(est.proba_from_scores(G.T)), grid.shape)

        run.grid, run.classes, run.painter = grid, est.classes_, painter
        run.surfaces = Frames(len(terms.trees) // K, frame)
        run.step_scale = float(max(np.abs(terms.values(i)).max()
                                   for i in range(len(terms.trees)))) or 1.0
    run.inspect = inspectors.for_gb(est, d, run.grid, run.painter)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def gb_test_curve(key: DataKey, view: str, loss: str, lr: float, T: int, depth: int,
                  subsample: float, leaf: int = 1) -> np.ndarray:
    """Test loss per stage for one learning rate (cached per rate: changing η fits one model)."""
    d = dataset(key)
    est = estimator(view, loss, lr, T, depth, subsample, key.seed, leaf).fit(d["X_tr"], d["y_tr"])
    return _test_loss(est, d["X_te"], d["y_te"])
