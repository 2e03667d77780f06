"""AdaBoost fitted once per setting, and round t handed to the page as plain arrays.

Everything here is the estimator's own record (docs/lecture.md §3): ε_t (``estimator_errors_``), α_t
(``estimator_weights_``), d_t (``estimator_factors_``), Z_t (``weight_sums_``), u_t
(``sample_weights_``), which examples f_t got wrong (``training_mistakes_``), the bound
(``error_bound_``) and the margins (``staged_margins``). This module only paints surfaces and
slices the histories; :meth:`AdaRun.at` is all a view reads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

import algorithms
from algorithms import surface
from playground import learners
from playground.compute import inspectors
from playground.compute.data import TTL, DataKey, Grid, dataset, grid_for
from playground.compute.paint import (Frames, encode, encode_index, encode_signed, member_class,
                                      onehot, res_for)


@dataclass(frozen=True)
class AdaRound:
    """Round t of a fit, as plain arrays (what the AdaBoost page draws)."""

    t: int
    H: np.ndarray  # uint8 codes of H_t = sign(g_t)
    f: np.ndarray  # uint8 codes of f_t alone
    u: np.ndarray  # u_t^n, (n_train,)
    wrong: np.ndarray  # bool (n_train,): f_t(x^n) != y^n
    eps: float  # ε_t
    alpha: float  # α_t
    d: float  # d_t (binary: sqrt((1 - ε_t) / ε_t) = e^{α_t})
    Z: float  # Z_t = Σ_n u_t^n
    bound: float | None  # Π_{τ≤t} 2 sqrt(ε_τ (1 - ε_τ)) (binary)
    train_err: float
    test_err: float  # nan without a test set
    margins: np.ndarray | None  # normalized margins after round t (n_train,)


@dataclass
class AdaRun:
    """One fit and its recorded histories; :meth:`at` gives round t."""

    key: DataKey
    grid: Grid
    classes: np.ndarray
    eps: np.ndarray  # (T,)
    alpha: np.ndarray
    d: np.ndarray
    Z: np.ndarray
    bound: np.ndarray | None  # (T,) binary only
    u: np.ndarray  # (T, n_train)
    mistakes: np.ndarray  # (T, n_train) bool
    train_err: np.ndarray
    test_err: np.ndarray
    margins: np.ndarray | None  # (T, n_train) float32
    margins_why: str  # text key saying why there are no margins ("" when there are)
    stop: object  # the engine's structured stop reason (or None)
    H: Frames  # H[i]: uint8 codes of H_{i+1}, painted on demand
    f_codes: Frames  # f_codes[i]: f_{i+1} alone
    fit_ms: float
    prep_ms: float = 0.0
    inspect: object = None  # compute.inspectors.Inspector: one example's story, trees, members

    @property
    def T(self) -> int:
        return len(self.eps)

    @property
    def K(self) -> int:
        return len(self.classes)

    def at(self, t: int) -> AdaRound:
        i = t - 1
        return AdaRound(
            t=t, H=self.H[i], f=self.f_codes[i], u=self.u[i], wrong=self.mistakes[i],
            eps=float(self.eps[i]), alpha=float(self.alpha[i]), d=float(self.d[i]),
            Z=float(self.Z[i]), bound=None if self.bound is None else float(self.bound[i]),
            train_err=float(self.train_err[i]), test_err=float(self.test_err[i]),
            margins=None if self.margins is None else self.margins[i])


def _painter(est, grid: Grid, K: int):
    """α_t f_t(x) on the grid for every round, as the engine adds it up (``surface_terms``): +α
    for classes_[1] and −α otherwise (binary), α on the chosen class's channel (SAMME). Members
    that are not trees are evaluated at the grid points."""
    terms = est.surface_terms()
    if terms is not None:
        return surface.TreePainter(terms.trees, terms.values, grid.xs, grid.ys)
    members, alpha = est.estimators_, np.asarray(est.estimator_weights_, float)

    def signed(idx, i):
        return alpha[i] * (np.where(idx == 1, 1.0, -1.0)[:, None] if K == 2 else onehot(idx, K))

    return surface.PointPainter(members, lambda i, P: signed(member_class(members[i], P, K), i).T,
                                grid.points, grid.shape)


def _errors(est, X, y) -> np.ndarray:
    """Error of H_t on (X, y) after every round (nan without examples)."""
    if len(y) == 0:
        return np.full(len(est.estimators_), np.nan)
    return np.array([np.mean(p != y) for p in est.staged_predict(X)])


def _margins(est, X, y):
    try:
        return np.array(list(est.staged_margins(X, y)), dtype=np.float32), ""
    except ValueError:  # the engine defines no margins for this case
        return None, "ab.no_margins"


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def adaboost_run(key: DataKey, T: int, res: int, learner: str = "stump",
                 params: tuple = ()) -> AdaRun:
    """Fit once; record the histories; surfaces are painted per round when asked for.

    ``learner`` names a row of :mod:`playground.learners`, ``params`` its UI values
    ``((name, value), ...)``."""
    d = dataset(key)
    start = time.perf_counter()
    est = algorithms.AdaBoostClassifier(estimator=learners.make(learner, key.seed, **dict(params)),
                                        n_estimators=T, random_state=key.seed)
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    classes = est.classes_
    K = len(classes)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res_for(est.estimators_, res))
    painter = _painter(est, grid, K)
    cum_alpha = np.cumsum(est.estimator_weights_)

    def frame(i):
        S = painter.total(i + 1)
        if K == 2:
            return encode_signed(S[0], 1.0 / cum_alpha[i]).reshape(grid.shape)
        return encode(S.reshape(K, -1).T / cum_alpha[i], grid.shape)

    def alone(i):
        S = painter.member(i)
        idx = (S[0] > 0).astype(int) if K == 2 else S.argmax(0)
        return encode_index(idx, K, grid.shape)

    margins, why = _margins(est, d["X_tr"], d["y_tr"])
    T_fit = len(est.estimators_)
    run = AdaRun(key, grid, classes, np.asarray(est.estimator_errors_, float),
                 np.asarray(est.estimator_weights_, float),
                 np.asarray(est.estimator_factors_, float), np.asarray(est.weight_sums_, float),
                 np.asarray(est.error_bound_, float) if K == 2 else None,
                 np.asarray(est.sample_weights_, float), np.asarray(est.training_mistakes_, bool),
                 _errors(est, d["X_tr"], d["y_tr"]), _errors(est, d["X_te"], d["y_te"]),
                 margins, why, est.stop_reason_, Frames(T_fit, frame),
                 Frames(T_fit, alone, keep=32), fit_ms)
    run.inspect = inspectors.for_adaboost(est, d, grid, painter)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run
