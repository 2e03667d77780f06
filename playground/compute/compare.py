"""Compare: every method fit once on the same split; train / test accuracy and fit time.

The ensembles are rows of :data:`ENSEMBLES` (each names the base learner it is built from, so the
page can say whether the ensemble beat it); the single learners are the rows of
:mod:`playground.learners` that can stand alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import streamlit as st

import algorithms as A
from playground import learners, limits
from playground.compute.data import TTL, DataKey, dataset

_CORE = ("tree", "logreg", "knn", "nb")  # voting's and stacking's base learners


@dataclass(frozen=True)
class Ensemble:
    name: str  # its text is ln.<name>
    base: str  # text key of the learner it combines ("" for several: the best of them)
    make: Callable[[int, int], object]  # (T, seed) -> estimator
    make_base: Callable[[int], object] | None  # seed -> that learner alone (None: several)


def _tree(seed, depth=None):
    return A.DecisionTreeClassifier(max_depth=depth, random_state=seed)


ENSEMBLES: tuple[Ensemble, ...] = (
    Ensemble("bagging", "cp.base.tree", lambda T, s: A.BaggingClassifier(
        estimator=A.DecisionTreeClassifier(), n_estimators=T, random_state=s), _tree),
    Ensemble("forest", "cp.base.tree", lambda T, s: A.RandomForestClassifier(n_estimators=T,
                                                                             random_state=s),
             _tree),
    Ensemble("adaboost", "cp.base.tree2", lambda T, s: A.AdaBoostClassifier(
        estimator=A.DecisionTreeClassifier(max_depth=2), n_estimators=T, random_state=s),
        lambda s: _tree(s, 2)),
    Ensemble("gb", "cp.base.tree3", lambda T, s: A.GradientBoostingClassifier(
        n_estimators=T, max_depth=3, learning_rate=0.1, random_state=s),
        lambda s: A.DecisionTreeClassifier(max_depth=3, random_state=s)),
    Ensemble("voting", "", lambda T, s: A.VotingClassifier(
        [(n, learners.make(n, s)) for n in _CORE], voting="soft"), None),
    Ensemble("stacking", "", lambda T, s: A.StackingClassifier(
        [(n, learners.make(n, s)) for n in _CORE], final_estimator=learners.make("logreg", s),
        cv=5, random_state=s), None),
)
CORE = _CORE


def methods() -> tuple[str, ...]:
    """Every method Compare fits: the ensembles, then the single learners."""
    return tuple(e.name for e in ENSEMBLES) + learners.offered("single")


def _estimator(name: str, T: int, seed: int):
    for e in ENSEMBLES:
        if e.name == name:
            return e.make(T, seed)
    if name == "tree":  # alone, a tree grows fully (the base of bagging and the forest)
        return _tree(seed)
    return learners.make(name, seed)


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def compare(key: DataKey, T: int) -> dict:
    """name -> (train acc, test acc, ms) for every method; ``bases``: ensemble -> the same for its
    own base learner alone; ``failed``: name -> the engine's message for a method that could not
    fit these data."""
    d = dataset(key)
    X_tr, y_tr = d["X_tr"], d["y_tr"]
    n_full = len(y_tr)
    n_use = limits.compare_rows(n_full, d["n_features"], T)
    if n_use < n_full:  # one visitor's request stays within the stated budget
        keep = np.sort(np.random.default_rng(key.seed).permutation(n_full)[:n_use])
        X_tr, y_tr = X_tr[keep], y_tr[keep]
    out, failed, bases = {}, {}, {}

    def score(est):
        start = time.perf_counter()
        est.fit(X_tr, y_tr)
        ms = 1000 * (time.perf_counter() - start)
        return (est.score(X_tr, y_tr),
                est.score(d["X_te"], d["y_te"]) if len(d["y_te"]) else np.nan, ms)

    for name in methods():
        try:
            out[name] = score(_estimator(name, T, key.seed))
        except ValueError as exc:
            failed[name] = str(exc)
    for e in ENSEMBLES:  # each ensemble's own base learner, alone (for "did it beat it?")
        if e.make_base is not None and e.name in out:
            bases[e.name] = score(e.make_base(key.seed))
    return {"scores": out, "failed": failed, "bases": bases, "rows_used": n_use,
            "shape": (n_full, d["n_features"], len(d["classes"]))}
