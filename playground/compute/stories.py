"""One training example's story, as the engine recorded it (docs/lecture.md §1, §3, §4, §5).

A :class:`Story` holds plain arrays over the rounds t = 1..T for one example n (the inspector's
panel draws them); every number is the fitted estimator's own record or method:

* AdaBoost: u_t^n (``sample_weights_``), its share u_t^n / Z_t (``weight_shares()``), whether f_t
  got it wrong (``training_mistakes_``) and its margin (``staged_margins``);
* bagging and forests: copies of it in each learner's bootstrap set (``bootstrap_counts()``),
  each learner's vote on it (``learner_votes``) and the out-of-bag vote for its class as learners
  are added (``staged_oob_proba``);
* gradient boosting: the pseudo-residual each stage's tree was fitted to (``staged_residuals``)
  and the model's output at it after each stage (``staged_predict`` / ``staged_predict_proba``);
* stacking: its meta-features (``transform``), each base learner's own probabilities
  (``forward_pass``) and the final learner's per-learner terms (``final_terms``).

The histories of all examples are computed once per fit, on first use (an inspector that is never
opened costs nothing), and sliced per example here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Story:
    n: int  # 1-based: x^n
    x: np.ndarray  # its features (d,)
    label: str  # y^n, as the data name it
    y_index: int  # its class index (classification), 0 for regression


@dataclass(frozen=True)
class AdaStory(Story):
    u: np.ndarray  # u_t^n, t = 1..T
    share: np.ndarray  # u_t^n / Z_t
    wrong: np.ndarray  # bool: f_t(x^n) != y^n
    margin: np.ndarray | None  # y g_t(x^n) / Σ α (None where the engine defines none)
    alpha: np.ndarray  # α_t (the rounds' weights, to read the margin's steps)


@dataclass(frozen=True)
class ForestStory(Story):
    votes: np.ndarray  # class index learner k votes for at x^n
    wrong: np.ndarray  # bool: learner k votes against y^n
    copies: np.ndarray | None  # copies of x^n in learner k's bootstrap set (None: no bootstrap)
    oob_share: np.ndarray | None  # OOB vote for its class after k learners (nan before any)


@dataclass(frozen=True)
class GBStory(Story):
    residual: np.ndarray  # pseudo-residual r_t^n each stage's tree was fitted to
    output: np.ndarray  # g_t(x^n) (regression) or p_t(y^n | x^n) (classification), t = 1..T
    start: float  # the same at g_0
    target: float  # y^n (regression) or 1 (the probability the model should give its class)
    regression: bool


@dataclass(frozen=True)
class StackStory(Story):
    names: tuple  # the last layer's base learners (the final learner's inputs, grouped)
    columns: tuple  # the meta-feature names (the final learner's input columns)
    z: np.ndarray  # its meta-features: the final learner's input for x^n
    own: np.ndarray  # (M,) each base learner's probability of y^n's class (nan without one)
    terms: np.ndarray | None  # (M,) the final learner's w·z per learner, for classes_[1] with
    # two classes (one row of weights), else for y^n's class; None without weights
    intercept: float | None
    proba: np.ndarray  # the stack's class probabilities at x^n (nan without predict_proba)
    part2: bool | None  # hold-out split: x^n trained the final learner (not the bases)


class _Once:
    """Histories of every example, computed on first use and kept (thread-safe)."""

    def __init__(self, make):
        self._make, self._value, self._lock = make, None, threading.Lock()

    def get(self):
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._make()
        return self._value


def _check(n: int, N: int) -> int:
    if not 1 <= n <= N:
        raise IndexError(f"example {n} of a training set of {N}")
    return n - 1


def ada_stories(est, X, y):
    """``story(n)`` for a fitted :class:`algorithms.AdaBoostClassifier` on its training set."""
    def make():
        try:
            margins = np.array(list(est.staged_margins(X, y)))
        except ValueError:  # no margins defined for this case
            margins = None
        return est.weight_shares(), margins

    once = _Once(make)
    y_idx = np.searchsorted(est.classes_, y)

    def story(n: int) -> AdaStory:
        i = _check(n, len(y))
        shares, margins = once.get()
        return AdaStory(n, X[i], str(y[i]), int(y_idx[i]), est.sample_weights_[:, i],
                        shares[:, i], est.training_mistakes_[:, i],
                        None if margins is None else margins[:, i],
                        np.asarray(est.estimator_weights_, float))
    return story


def forest_stories(est, X, y, bootstrap: bool):
    """``story(n)`` for a fitted bagging ensemble or forest."""
    y_idx = np.searchsorted(est.classes_, y)

    def make():
        votes = est.learner_votes(X)
        if not bootstrap:
            return votes, None, None
        oob = est.staged_oob_proba(X)
        return votes, est.bootstrap_counts(), oob[:, np.arange(len(y)), y_idx]

    once = _Once(make)

    def story(n: int) -> ForestStory:
        i = _check(n, len(y))
        votes, counts, oob = once.get()
        v = votes[:, i]
        return ForestStory(n, X[i], str(y[i]), int(y_idx[i]), v, v != y_idx[i],
                           None if counts is None else counts[:, i],
                           None if oob is None else oob[:, i])
    return story


def gb_stories(est, X, y, regression: bool):
    """``story(n)`` for fitted gradient boosting (regressor: g_t(x^n) -> y^n; classifier:
    p_t(y^n | x^n) -> 1, the residual of y^n's own score)."""
    y_idx = np.zeros(len(y), int) if regression else np.searchsorted(est.classes_, y)
    rows = np.arange(len(y))

    def make():
        R = np.array(list(est.staged_residuals(X, y)))  # (T, n) or (T, n, K)
        if R.ndim == 3:
            R = R[:, rows, y_idx]
        if regression:
            out = np.array(list(est.staged_predict(X)))
            start = np.full(len(y), float(np.ravel(est.init_)[0]))
        else:
            P = np.array(list(est.staged_predict_proba(X)))
            out = P[:, rows, y_idx]
            p0 = est.proba_from_scores(np.tile(np.ravel(est.init_), (1, 1)))[0]
            start = p0[y_idx]
        return R, out, start

    once = _Once(make)

    def story(n: int) -> GBStory:
        i = _check(n, len(y))
        R, out, start = once.get()
        return GBStory(n, X[i], f"{y[i]:.3g}" if regression else str(y[i]), int(y_idx[i]),
                       R[:, i], out[:, i], float(start[i]),
                       float(y[i]) if regression else 1.0, regression)
    return story


def stack_stories(est, X, y):
    """``story(n)`` for a fitted :class:`algorithms.StackingClassifier` on its training set."""
    y_idx = np.searchsorted(est.classes_, y)
    rows = np.arange(len(y))
    part2 = getattr(est, "holdout_indices_", None)

    def make():
        base_probas, layers, proba = est.forward_pass(X)
        own = np.column_stack([np.full(len(y), np.nan) if p is None else p[rows, y_idx]
                               for p in base_probas[-1]])
        try:
            b, terms = est.final_terms(X)
        except ValueError:  # the final learner does not add its input up
            b, terms = None, None
        return np.asarray(est.transform(X), float), own, b, terms, proba

    once = _Once(make)

    def story(n: int) -> StackStory:
        i = _check(n, len(y))
        Z, own, b, terms, proba = once.get()
        row = 0 if terms is None or terms.shape[2] == 1 else int(y_idx[i])  # R = 1: classes_[1]
        return StackStory(
            n, X[i], str(y[i]), int(y_idx[i]), tuple(est.final_learner_names_),
            tuple(est.final_feature_names_), Z[i], own[i],
            None if terms is None else terms[i, :len(est.final_learner_names_), row],
            None if b is None else float(b[row]),
            np.full(len(est.classes_), np.nan) if proba is None else proba[i],
            None if part2 is None else bool(np.isin(i, part2)))
    return story


def nearest(X: np.ndarray, x: float, y: float, span: np.ndarray,
            within: float = 0.04) -> int | None:
    """The 1-based index of the training example nearest to (x, y), measured in shares of the
    drawn plane (``span``: its width and height), or None when none is within ``within``."""
    if not len(X):
        return None
    d = np.hypot((X[:, 0] - x) / span[0], (X[:, 1] - y) / span[1])
    i = int(np.argmin(d))
    return i + 1 if d[i] <= within else None
