"""Why bagging works (docs/lecture.md §1), measured: each method fitted on many training sets drawn
from a data set's own generator, decomposed by ``algorithms.bias_variance``.

One cached run per setting. Every ensemble's staged predictions give its decomposition at every
size t = 1..T from one fit per training set; the run keeps those curves (plain arrays), the faint
curves of every fit (regression) or the maps of the main prediction, its bias and its variance
(classification), at T. The truth each decomposition needs (f and σ², or the Bayes-optimal label
and P(t | x)) comes from :mod:`playground.truth`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import algorithms
from algorithms import bias_variance as bv
from playground import datasets, truth
from playground.compute.data import TTL, Grid, grid_for
from playground.compute.paint import encode, encode_index

METHODS = ("tree", "stumps", "bagging", "forest", "boosting")
ENSEMBLES = ("bagging", "forest", "boosting")  # the methods with a size t = 1..T
# parts of each decomposition, in the order they add up to the expected loss
PARTS = {"regression": ("noise", "bias2", "variance", "error"),
         "classification": ("noise", "bias", "net_variance", "loss", "variance",
                            "unbiased_variance", "biased_variance", "bayes_error")}
X_POINTS = 200  # regression test points: midpoints of equal cells of [-1, 1] (x is uniform there)
GRID = 40  # classification maps: GRID x GRID points
N_TEST = 500  # classification numbers: fresh points from the generator (the expectation over x)
MAX_WORK = 600_000  # training sets x ensemble size x points: 5x the defaults (40 x 20 x 150)


@dataclass(frozen=True)
class Setup:
    """Everything a run depends on (hashable: the cache key)."""

    task: str  # "regression" | "classification"
    data: str
    params: tuple  # the data set's own parameters ((name, value), ...), n and noise included
    n_sets: int
    T: int
    depth: int  # of the deep tree (and of bagging's and the forest's trees); 0 = unlimited
    gb_depth: int  # of boosting's trees (1 = stumps)
    lr: float  # boosting's learning rate η
    seed: int

    @property
    def work(self) -> int:
        return self.n_sets * self.T * int(dict(self.params)["n"])


@dataclass
class MethodResult:
    """One method's decomposition: ``curves[part]`` has one value per ensemble size 1..T (one
    value for a single tree); the per-point arrays are at size T."""

    name: str
    curves: dict
    main: np.ndarray  # regression: ȳ(x) (m,); classification: y_m's colour code on the grid
    #                   (G, G uint8: the class, paler where the training sets disagree)
    gap: float = 0.0  # largest |sum of the parts - expected loss| over t (rounding only)
    faint: np.ndarray | None = None  # regression: every training set's fit at T, (S, m)
    bias_map: np.ndarray | None = None  # classification: B on the grid (G, G)
    variance_map: np.ndarray | None = None  # classification: V on the grid (G, G)

    def final(self, part: str) -> float:
        return float(self.curves[part][-1])

    def first(self, part: str) -> float:
        return float(self.curves[part][0])


@dataclass
class BVRun:
    setup: Setup
    methods: dict  # name -> MethodResult
    K: int = 0  # classes (classification)
    x: np.ndarray | None = None  # regression test points (m,)
    f: np.ndarray | None = None  # the truth f(x) (m,)
    noise_var: float = 0.0
    grid: Grid | None = None  # classification: the maps' grid
    bayes: np.ndarray | None = None  # y* on the grid (G, G)
    example: tuple | None = None  # one training set (X, y), to show what the data look like
    forest_is_bagging: bool = False  # one feature: the forest grows bagging's trees
    fit_ms: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def T(self) -> int:
        return self.setup.T

    def get(self, name: str) -> MethodResult:
        return self.methods[name]


def estimators(task: str, T: int, depth: int, gb_depth: int, lr: float) -> dict:
    """The engine's estimators for the page's five methods."""
    reg = task == "regression"
    A = algorithms
    tree = A.DecisionTreeRegressor if reg else A.DecisionTreeClassifier
    d = None if depth == 0 else int(depth)
    return {
        "tree": tree(max_depth=d),
        "stumps": tree(max_depth=1),
        "bagging": (A.BaggingRegressor if reg else A.BaggingClassifier)(tree(max_depth=d),
                                                                          n_estimators=T),
        "forest": (A.RandomForestRegressor if reg else A.RandomForestClassifier)(
            n_estimators=T, max_depth=d),
        "boosting": (A.GradientBoostingRegressor if reg else A.GradientBoostingClassifier)(
            n_estimators=T, max_depth=gb_depth, learning_rate=lr),
    }


def check_work(s: Setup) -> None:
    if s.work > MAX_WORK:
        raise ValueError(
            f"{s.n_sets} training sets × T = {s.T} × {dict(s.params)['n']} points is more work "
            f"than this page fits at once (at most {MAX_WORK:,} of that product): use fewer "
            "training sets, a smaller T or fewer points")


def _sampler(s: Setup):
    params = dict(s.params)
    return lambda seed: datasets.load(s.data, seed=seed, **params)


def _regression(s: Setup) -> BVRun:
    sets = bv.draw_training_sets(_sampler(s), s.n_sets, random_state=s.seed)
    lo, hi = truth.X_RANGE
    x = lo + (hi - lo) * (np.arange(X_POINTS) + 0.5) / X_POINTS
    f = truth.F[s.data](x)
    noise_var = truth.noise_sd_1d(dict(s.params)["noise"]) ** 2
    out = {}
    for name, est in estimators(s.task, s.T, s.depth, s.gb_depth, s.lr).items():
        if name == "forest":  # one feature: a forest's feature draw has nothing to choose from
            out[name] = MethodResult(name, *_same(out["bagging"]))
            continue
        P = bv.staged_predictions(est, sets, x[:, None], random_state=s.seed)
        d = bv.squared_loss_decomposition(P, f, noise_var)
        curves = {p: d.mean(p) for p in PARTS[s.task]}
        gap = np.abs(curves["noise"] + curves["bias2"] + curves["variance"] - curves["error"])
        out[name] = MethodResult(name, curves, d.main[-1], gap=float(gap.max()),
                                 faint=P[:, -1].astype(np.float32))
    return BVRun(s, out, x=x, f=f, noise_var=noise_var, example=sets[0],
                 forest_is_bagging=True)


def _same(r: MethodResult) -> tuple:
    return r.curves, r.main, r.gap, r.faint, r.bias_map, r.variance_map


def _classification(s: Setup) -> BVRun:
    params = dict(s.params)
    own = {k: v for k, v in params.items() if k not in ("n", "noise")}
    sets = bv.draw_training_sets(_sampler(s), s.n_sets, random_state=s.seed)
    clean, sigma = truth.clean_shapes(s.data, params["noise"], **own)
    K = len(clean)
    X_test, _ = datasets.load(s.data, n=N_TEST, noise=params["noise"], seed=s.seed + 7_919,
                              **own)
    # the maps cover where nearly all the points fall (a few far-out noisy points would
    # otherwise shrink the shapes to the middle of the picture)
    every = np.concatenate([X for X, _ in sets] + [X_test])
    grid = grid_for(np.quantile(every, [0.005, 0.995], axis=0), GRID)
    X_all = np.r_[grid.points, X_test]
    posterior = bv.gaussian_noise_posterior(X_all, clean, sigma)
    y_star = posterior.argmax(axis=1)
    # the numbers average over the fresh test points only (the grid draws the maps)
    weights = np.r_[np.zeros(len(grid.points)), np.ones(N_TEST)]
    shape, g = grid.shape, len(grid.points)
    out = {}
    for name, est in estimators(s.task, s.T, s.depth, s.gb_depth, s.lr).items():
        P = bv.staged_predictions(est, sets, X_all, classes=np.arange(K), random_state=s.seed)
        d = bv.zero_one_decomposition(P, y_star, K, posterior=posterior, weights=weights)
        curves = {p: np.atleast_1d(d.mean(p)) for p in PARTS[s.task]}
        gap = np.abs(curves["noise"] + curves["bias"] + curves["net_variance"] - curves["loss"])
        out[name] = MethodResult(
            name, curves, encode(d.votes[-1, :g], shape), gap=float(gap.max()),
            bias_map=d.bias[-1, :g].reshape(shape).astype(np.float32),
            variance_map=d.variance[-1, :g].reshape(shape).astype(np.float32))
    return BVRun(s, out, K=K, grid=grid, bayes=encode_index(y_star[:g], K, shape),
                 example=sets[0], extra={"sigma": sigma})


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def bv_run(setup: Setup) -> BVRun:
    """The decomposition of every method under ``setup`` (cached per setup)."""
    check_work(setup)
    start = time.perf_counter()
    run = _regression(setup) if setup.task == "regression" else _classification(setup)
    run.fit_ms = 1000 * (time.perf_counter() - start)
    return run
