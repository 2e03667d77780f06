"""A single tree, bagging or a random forest fitted once per setting (docs/lecture.md §1-2), and
t learners' vote handed to the page as plain arrays.

The staged vote is the engine's ``staged_predict_proba``; the bootstrap sets are
``bootstrap_counts()``; OOB errors ``oob_errors_``; importances ``feature_importances_``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

import algorithms
from algorithms.surface import tree_grid
from playground import learners, limits
from playground.compute import inspectors
from playground.compute.data import TTL, DataKey, Grid, dataset, grid_for
from playground.compute.paint import Frames, encode, encode_index, res_for, vote_painter


@dataclass(frozen=True)
class ForestRound:
    """The ensemble of the first t learners, as plain arrays."""

    t: int
    vote: np.ndarray  # uint8 codes of the soft vote of learners 1..t
    disagreement: np.ndarray  # float32: share of learners 1..t voting against the majority
    train_err: float
    test_err: float
    oob_err: float | None  # nan while some point has not been out of bag yet; None without OOB


@dataclass
class ForestRun:
    key: DataKey
    method: str  # "tree" | "bagging" | "forest"
    grid: Grid
    classes: np.ndarray
    train_err: np.ndarray  # (T,)
    test_err: np.ndarray
    oob_err: np.ndarray | None
    counts: np.ndarray | None  # (T, n_train) bootstrap counts (0 = out of bag)
    importances: np.ndarray | None
    base_train_err: float  # the base learner alone (same settings) on all the training data
    base_test_err: float
    depth: int  # of the lone tree / the deepest member
    leaves: int  # of the lone tree / mean over members
    vote: Frames  # vote[i]: uint8 codes of the ensemble of the first i+1 learners
    members: Frames  # members[i]: learner i+1 alone
    painter: object
    fit_ms: float
    prep_ms: float = 0.0
    inspect: object = None  # compute.inspectors.Inspector: one example's story, trees, members

    @property
    def T(self) -> int:
        return len(self.train_err)

    @property
    def K(self) -> int:
        return len(self.classes)

    def oob_share(self) -> np.ndarray | None:
        """Each learner's share of training examples out of its bootstrap set."""
        return None if self.counts is None else (self.counts == 0).mean(1)

    def at(self, t: int) -> ForestRound:
        i = t - 1
        counts = self.painter.total(t, range(self.K, 2 * self.K))
        return ForestRound(
            t=t, vote=self.vote[i],
            disagreement=(1.0 - counts.max(0) / t).astype(np.float32),
            train_err=float(self.train_err[i]), test_err=float(self.test_err[i]),
            oob_err=None if self.oob_err is None else float(self.oob_err[i]))


def estimator(method: str, depth: int, criterion: str, T: int, maxf: str, maxs: float,
              bootstrap: bool, seed: int, leaf: int = 1, learner: str = "tree",
              params: tuple = ()):
    """The engine estimator for the trees page's settings (depth 0 = unlimited)."""
    depth = None if depth == 0 else depth
    tree = algorithms.DecisionTreeClassifier(max_depth=depth, criterion=criterion,
                                             min_samples_leaf=leaf, random_state=seed)
    if method == "tree":
        return tree
    if method == "bagging":
        base = tree if learner == "tree" else learners.make(learner, seed, **dict(params))
        return algorithms.BaggingClassifier(estimator=base, n_estimators=T, max_samples=maxs,
                                            bootstrap=bootstrap, oob_score=bootstrap,
                                            random_state=seed)
    return algorithms.RandomForestClassifier(
        n_estimators=T, criterion=criterion, max_depth=depth, max_features=None
        if maxf == "all" else maxf, min_samples_leaf=leaf, bootstrap=bootstrap,
        oob_score=bootstrap, max_samples=maxs, random_state=seed)


def _base_errors(c_method, learner, params, depth, criterion, leaf, seed, d) -> tuple:
    """The ensemble's base learner alone, with the same settings, on all the training data."""
    base = estimator("tree", depth, criterion, 1, "all", 1.0, True, seed, leaf) \
        if c_method != "bagging" or learner == "tree" else learners.make(learner, seed, **dict(params))
    base.fit(d["X_tr"], d["y_tr"])
    test = 1 - base.score(d["X_te"], d["y_te"]) if len(d["y_te"]) else np.nan
    return 1 - base.score(d["X_tr"], d["y_tr"]), test


def _staged_errors(est, method, X, y) -> np.ndarray:
    if len(y) == 0:
        return np.full(getattr(est, "n_estimators", 1), np.nan)
    if method == "tree":
        return np.array([np.mean(est.predict(X) != y)])
    return np.array([np.mean(p != y) for p in est.staged_predict(X)])


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def forest_run(key: DataKey, method: str, depth: int, criterion: str, T: int, maxf: str,
               maxs: float, bootstrap: bool, res: int, leaf: int = 1, learner: str = "tree",
               params: tuple = ()) -> ForestRun:
    d = dataset(key)
    est = estimator(method, depth, criterion, T, maxf, maxs, bootstrap, key.seed, leaf, learner,
                    params)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    classes = est.classes_
    K = len(classes)
    members = [est] if method == "tree" else list(est.estimators_)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res_for(members, res))
    painter = vote_painter(members, grid, K)

    def frame(i):
        return encode(painter.total(i + 1, range(K)).reshape(K, -1).T / (i + 1), grid.shape)

    def alone(i):
        return encode_index(painter.member_argmax(i, range(K, 2 * K)), K, grid.shape)

    trees = [m for m in members if hasattr(m, "get_depth")]
    oob = getattr(est, "oob_errors_", None)
    train_err = _staged_errors(est, method, d["X_tr"], d["y_tr"])
    test_err = _staged_errors(est, method, d["X_te"], d["y_te"])
    base = (train_err[0], test_err[0]) if method == "tree" else \
        _base_errors(method, learner, params, depth, criterion, leaf, key.seed, d)
    run = ForestRun(
        key, method, grid, classes, train_err, test_err,
        None if oob is None else np.asarray(oob, float),
        est.bootstrap_counts() if method != "tree" and bootstrap else None,
        getattr(est, "feature_importances_", None), float(base[0]), float(base[1]),
        max((m.get_depth() for m in trees), default=0),
        int(round(np.mean([m.get_n_leaves() for m in trees]))) if trees else 0,
        Frames(len(members), frame), Frames(len(members), alone, keep=32), painter, fit_ms)
    run.inspect = inspectors.for_forest(est, d, grid, painter, method, bootstrap)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run


@dataclass(frozen=True)
class DepthPanel:
    depth: int
    code: np.ndarray
    train_acc: float
    test_acc: float
    leaves: int


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def tree_depths(key: DataKey, depths: tuple, criterion: str, res: int):
    """The lecture's image experiment: one tree per depth -> (grid, [DepthPanel])."""
    d = dataset(key)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], limits.grid_for(res, len(depths)))
    out = []
    for depth in depths:
        est = algorithms.DecisionTreeClassifier(max_depth=depth, criterion=criterion).fit(
            d["X_tr"], d["y_tr"])
        proba = np.asarray(tree_grid(est.tree_, grid.xs, grid.ys)).reshape(-1, len(est.classes_))
        out.append(DepthPanel(depth, encode(proba, grid.shape), est.score(d["X_tr"], d["y_tr"]),
                              est.score(d["X_te"], d["y_te"]) if len(d["y_te"]) else np.nan,
                              est.get_n_leaves()))
    return grid, out

