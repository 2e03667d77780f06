"""Voting and stacking fitted once per setting (docs/lecture.md §5): each node's own surface, the final
learner's weight per base learner (the engine's ``final_weights_``), the hold-out split, and the
scores of stacking, voting and every base learner alone."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

import algorithms
from playground import learners, limits
from playground.compute import inspectors
from playground.compute.data import TTL, DataKey, Grid, dataset, grid_for
from playground.compute.paint import encode, encode_labels


@dataclass(frozen=True)
class Score:
    train: float
    test: float
    fit_ms: float


@dataclass
class StackRun:
    key: DataKey
    grid: Grid
    classes: np.ndarray
    learners: tuple  # the base learners' names (each layer has the same ones)
    final: str
    layer_codes: list  # per layer, per node: uint8 code surface of that node's own output
    final_code: np.ndarray
    vote_code: np.ndarray
    weights: np.ndarray  # the final learner's weight per base learner of the last layer
    scores: dict  # name -> Score ("stacking", "voting" and each base learner alone)
    part1: np.ndarray | None  # hold-out: training rows of the bases (None with k-fold)
    part2: np.ndarray | None  # hold-out: rows the final learner was trained on
    inspect: object = None  # compute.inspectors.Inspector: one example's story, members

    @property
    def K(self) -> int:
        return len(self.classes)

    def best_single(self) -> str:
        return max(self.learners, key=lambda n: self.scores[n].test)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def stacking_run(key: DataKey, names: tuple, final: str, n_layers: int, cv: str,
                 holdout: float, voting: str, res: int) -> StackRun:
    d = dataset(key)
    X_tr, y_tr, X_te, y_te = d["X_tr"], d["y_tr"], d["X_te"], d["y_te"]
    seed = key.seed
    layers = [[(n if li == 0 else f"{n}·L{li + 1}", learners.make(n, seed)) for n in names]
              for li in range(n_layers)]
    scores = {}

    def timed(name, est):
        start = time.perf_counter()
        est.fit(X_tr, y_tr)
        ms = 1000 * (time.perf_counter() - start)
        scores[name] = Score(est.score(X_tr, y_tr),
                             est.score(X_te, y_te) if len(y_te) else np.nan, ms)
        return est

    stack = timed("stacking", algorithms.StackingClassifier(
        layers if n_layers > 1 else layers[0], final_estimator=learners.make(final, seed),
        cv="holdout" if cv == "holdout" else 5, holdout_fraction=holdout, random_state=seed))
    vote = timed("voting", algorithms.VotingClassifier(
        [(n, learners.make(n, seed)) for n in names], voting=voting))
    for n in names:
        timed(n, learners.make(n, seed))
    grid = grid_for(np.r_[X_tr, X_te], limits.grid_for(res, 1))
    # one pass through the stack: each base predicts the grid once (k-NN there is the cost)
    base_probas, outs, final_proba = stack.forward_pass(grid.points)
    classes = stack.classes_
    inputs = [grid.points] + list(outs[:-1])  # what each layer reads
    layer_codes = [[encode(p, grid.shape) if p is not None else  # a base without probabilities:
                    encode_labels(classes[np.asarray(m.predict(Z)).astype(int)], classes,
                                  grid.shape)  # its labels
                    for p, m in zip(layer, fitted)]
                   for layer, fitted, Z in zip(base_probas, stack.layers_, inputs)]
    final_code = encode(final_proba, grid.shape) if final_proba is not None else \
        encode_labels(stack.predict(grid.points), classes, grid.shape)
    vote_code = encode(np.asarray(vote.predict_proba(grid.points)), grid.shape) \
        if voting == "soft" else encode_labels(vote.predict(grid.points), classes, grid.shape)
    holdout_rows = cv == "holdout" and stack.holdout_indices_ is not None
    run = StackRun(key, grid, classes, tuple(names), final, layer_codes, final_code, vote_code,
                    np.asarray(stack.final_weights_, float), scores,
                    np.asarray(stack.train_indices_) if holdout_rows else None,
                    np.asarray(stack.holdout_indices_) if holdout_rows else None)
    run.inspect = inspectors.for_stacking(stack, d, grid, layer_codes[-1])
    return run
