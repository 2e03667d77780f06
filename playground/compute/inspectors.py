"""What the inspector, the tree diagram and the member strip ask of a fit, as plain arrays.

Each page's run carries an :class:`Inspector` (``run.inspect``), made when the fit is cached and
doing nothing until asked:

* ``story(n)``: training example n's history (:mod:`playground.compute.stories`);
* ``pick(x, y)``: the training example nearest to a click on the plane;
* ``tree(k, point)``: member k's nodes (:mod:`playground.compute.nodes`), or None when it is not
  a tree;
* ``thumb(i)``: member i's own decision on a small grid (uint8 codes, :mod:`compute.paint`);
* ``vote(on)``: the ensemble of the members switched on — its surface and errors — added up from
  the members' recorded surfaces (the run's painter's :meth:`subset`) and their recorded values at
  the examples: nothing is fitted or predicted again.

How a page adds its members up (AdaBoost's Σ α f, a forest's mean class shares, gradient
boosting's g_0 + Σ η α f, stacking's final weighted sum) is the page's ``decode``: the same
decoding its round-by-round frames use (``compute.adaboost``, ``compute.forest``, ...).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np

from algorithms import surface
from playground.compute.data import Grid
from playground.compute.nodes import TreeNodes, extent_of, tree_nodes
from playground.compute.paint import encode, encode_index, encode_signed
from playground.compute.stories import (ada_stories, forest_stories, gb_stories, nearest,
                                         stack_stories)

THUMB_RES = 48  # a member's small surface: 48 x 48 cells


@dataclass(frozen=True)
class Vote:
    """The ensemble of the members switched on."""

    code: np.ndarray  # uint8 surface codes on the run's grid
    train_err: float  # nan when no member is on
    test_err: float  # nan without a test set (or no member on)
    n_on: int


def points_painter(painter, P: np.ndarray):
    """The members' values at the points P (m, d), shape (C, 1, m) per member, from the same
    per-node values (trees: the leaf each point falls in) or contributions the grid painter
    paints: the ensemble at the examples with any set of members on, as on the plane."""
    if isinstance(painter, surface.TreePainter):
        def at(i, pts):
            v = np.asarray(painter.node_values(i), float)
            v = v[:, None] if v.ndim == 1 else v
            return v[painter.trees[i].apply(pts)].T
        return surface.PointPainter(painter.trees, at, P, (1, len(P)))
    return surface.PointPainter(painter.members, painter.contribution, P, (1, len(P)))


def small_painter(painter, grid: Grid, res: int = THUMB_RES):
    """The same members on a coarse res x res grid spanning the run's plane (thumbnails)."""
    xs = np.linspace(grid.xs[0], grid.xs[-1], res)
    ys = np.linspace(grid.ys[0], grid.ys[-1], res)
    if isinstance(painter, surface.TreePainter):
        return surface.TreePainter(painter.trees, painter.node_values, xs, ys)
    gx, gy = np.meshgrid(xs, ys)
    return surface.PointPainter(painter.members, painter.contribution,
                                np.c_[gx.ravel(), gy.ravel()], (res, res))


class Inspector:
    """See the module doc. ``decode(S, on) -> (code or None, labels)``: the page's reading of the
    members' sum S (C, ...) with ``on`` of them switched on — the surface codes when S is on the
    grid (``grid=True``) and the class index at each point otherwise."""

    def __init__(self, *, X, y, X_te, y_te, classes, grid: Grid | None, story: Callable,
                 painter=None, weights=(), decode: Callable | None = None,
                 thumb: Callable | None = None, members=(), per_round: int = 1,
                 tree_kind: str = "class", tree_columns: Callable | None = None,
                 extent: np.ndarray | None = None):
        self.X, self.y, self.X_te, self.y_te = X, y, X_te, y_te
        self.classes, self.grid, self.per_round = classes, grid, per_round
        self.extent = extent_of(grid) if extent is None else extent
        self._story, self._painter, self._decode, self._thumb = story, painter, decode, thumb
        self.weights = np.asarray(weights, float)
        self._members, self._tree_kind, self._columns = members, tree_kind, tree_columns
        self._lock = threading.Lock()
        self._small = self._at_points = None
        self._thumbs: dict[int, np.ndarray] = {}
        self.drawn: dict = {}  # what the views drew from this fit once (thumbnail PNGs), kept here

    # -- one example ------------------------------------------------------------------------
    def story(self, n: int):
        return self._story(n)

    def pick(self, x: float, y: float) -> int | None:
        """The example nearest a click at (x, y) on the plane (None if none is near); in 1-D
        the plane is (x, y) with the targets y."""
        if self.X.shape[1] == 1:
            P = np.c_[self.X[:, 0], self.y]
            span = np.array([self.extent[1, 0] - self.extent[0, 0], np.ptp(self.y) or 1.0])
            return nearest(P, x, y, span)
        return nearest(self.X, x, y, self.extent[1] - self.extent[0])

    def point(self, n: int) -> np.ndarray:
        return self.X[n - 1]

    # -- the members ------------------------------------------------------------------------
    @property
    def n_members(self) -> int:
        return len(self.weights)

    @property
    def can_vote(self) -> bool:
        """Members can be switched off (the plane is drawn and the sum can be re-added)."""
        return self.grid is not None and self._painter is not None

    def is_tree(self, k: int) -> bool:
        return 1 <= k <= len(self._members) and hasattr(self._members[k - 1], "tree_")

    def tree(self, k: int, point: np.ndarray | None = None) -> TreeNodes | None:
        """Member k's (1-based) nodes, with the pinned example's path; None if not a tree."""
        if not self.is_tree(k):
            return None
        m = self._members[k - 1]
        return tree_nodes(m, self._tree_kind, self.extent, point, len(self.classes),
                          None if self._columns is None else self._columns(m))

    def thumb(self, i: int) -> np.ndarray:
        """Member i's (0-based) own decision on a THUMB_RES grid (uint8 codes, kept)."""
        with self._lock:
            if i in self._thumbs:
                return self._thumbs[i]
            if self._small is None:
                self._small = small_painter(self._painter, self.grid)
        code = self._thumb(self._small, i)
        with self._lock:
            self._thumbs[i] = code
        return code

    def vote(self, on: np.ndarray) -> Vote:
        """The ensemble of the members with ``on[i]`` True (``on`` covers members 0..len-1;
        the rest are off): its surface and its training and test errors."""
        mask = np.zeros(self.n_members, bool)
        on = np.asarray(on, bool)[:self.n_members]
        mask[:len(on)] = on
        code, labels = self._added_up(mask)
        n = len(self.y)
        idx = np.searchsorted(self.classes, np.r_[self.y, self.y_te])
        wrong = labels != idx
        none = not mask.any()
        return Vote(code, np.nan if none else float(wrong[:n].mean()),
                    np.nan if none or not len(self.y_te) else float(wrong[n:].mean()),
                    int(mask.sum()))

    def _added_up(self, mask: np.ndarray):
        """(surface codes, class index at every training then test example) of the members on."""
        trees = np.repeat(mask, self.per_round)  # a stage of K trees is one member
        with self._lock:
            if self._at_points is None:
                self._at_points = points_painter(self._painter, np.r_[self.X, self.X_te])
        code, _ = self._decode(self._painter.subset(trees), mask, grid=True)
        _, labels = self._decode(self._at_points.subset(trees)[:, 0], mask, grid=False)
        return code, labels


# ---- each page's decoding of the members' sum -----------------------------------------------

def ada_decode(alpha: np.ndarray, K: int, shape):
    """AdaBoost: S = Σ_on α_t f_t; H = sign(S) (two classes) or argmax (SAMME), coloured by
    S / Σ_on α_t as the round frames are."""
    def decode(S, on, grid):
        total = float(alpha[on].sum()) or 1.0
        if K == 2:
            labels = (S[0] > 0).astype(int)
            return (encode_signed(S[0], 1.0 / total).reshape(shape) if grid else None), labels
        labels = S.reshape(K, -1).argmax(0)
        return (encode(S.reshape(K, -1).T / total, shape) if grid else None), labels
    return decode


def ada_thumb(K: int):
    def thumb(small, i):
        S = small.member(i)
        idx = (S[0] > 0).astype(int) if K == 2 else S.argmax(0)
        return encode_index(idx, K, S.shape[1:])
    return thumb


def vote_decode(K: int, shape):
    """Bagging / forest: the mean of the members' class shares (channels 0..K-1)."""
    def decode(S, on, grid):
        p = S[:K].reshape(K, -1).T / max(int(on.sum()), 1)
        return (encode(p, shape) if grid else None), p.argmax(1)
    return decode


def vote_thumb(K: int):
    def thumb(small, i):
        return encode_index(small.member_argmax(i, range(K, 2 * K)), K, (THUMB_RES, THUMB_RES))
    return thumb


def gb_decode(start: np.ndarray, proba_from_scores: Callable, shape):
    """Gradient boosting: g = g_0 + Σ_on η α_t f_t, through the loss's link to probabilities."""
    K = len(start)

    def decode(S, on, grid):
        G = S.reshape(K, -1).T + start[None, :]
        p = np.asarray(proba_from_scores(G))
        return (encode(p, shape) if grid else None), p.argmax(1)
    return decode


def gb_thumb(K: int, scale: float):
    """A stage's own step η α_t f_t (its K trees): sign and size (binary), or the class it
    pushes up most."""
    def thumb(small, i):
        S = small.subset(np.arange(i * K, (i + 1) * K))
        if K == 1:
            return encode_signed(S[0], 1.0 / scale)
        return encode_index(S.argmax(0), K, S.shape[1:])
    return thumb


class StackInspector(Inspector):
    """Stacking: the members are the last layer's base learners, added up by a linear final
    learner (``final_terms``: intercept + Σ w·z); a learner switched off contributes its average
    term over the training examples. A final learner without weights cannot have learners
    switched off (``can_vote`` is False)."""

    def __init__(self, *, est, codes: list, **kw):
        super().__init__(**kw)
        self._est, self._codes, self._terms = est, codes, None
        self._linear = getattr(est.final_estimator_, "coef_", None) is not None

    @property
    def can_vote(self) -> bool:
        return self._linear and self.grid is not None

    def thumb(self, i: int) -> np.ndarray:
        code = self._codes[i]
        step = max(1, code.shape[0] // THUMB_RES)
        return code[::step, ::step]

    def _added_up(self, mask: np.ndarray):
        with self._lock:
            if self._terms is None:  # the final learner's terms on the plane and at the examples
                self._terms = (self._est.final_terms(self.grid.points),
                               self._est.final_terms(np.r_[self.X, self.X_te]))
        (b, on_grid), (_, at_points) = self._terms
        M = len(mask)
        # s(x) = b + Σ_on w·z(x) + Σ_off (w·z averaged over the training examples): a learner
        # switched off says what it says on average, so the sum keeps its usual level (leaving
        # its term out would shift every score by that average and mostly show the intercept)
        usual = at_points[:len(self.X), :M].mean(0)
        off = ~mask
        S_grid = b + on_grid[:, :M][:, mask].sum(1) + usual[off].sum(0)
        S_points = b + at_points[:, :M][:, mask].sum(1) + usual[off].sum(0)
        if S_grid.shape[1] == 1:  # one row of weights: the score of classes_[1]
            top = float(np.abs(S_grid).max()) or 1.0
            return (encode_signed(S_grid[:, 0], 1.0 / top).reshape(self.grid.shape),
                    (S_points[:, 0] > 0).astype(int))
        K = S_grid.shape[1]
        return encode_index(S_grid.argmax(1), K, self.grid.shape), S_points.argmax(1)


# ---- one inspector per page, made where the page's fit is cached ------------------------------

def for_adaboost(est, d: dict, grid: Grid, painter) -> Inspector:
    K = len(est.classes_)
    alpha = np.asarray(est.estimator_weights_, float)
    return Inspector(X=d["X_tr"], y=d["y_tr"], X_te=d["X_te"], y_te=d["y_te"],
                     classes=est.classes_, grid=grid, story=ada_stories(est, d["X_tr"], d["y_tr"]),
                     painter=painter, weights=alpha, decode=ada_decode(alpha, K, grid.shape),
                     thumb=ada_thumb(K), members=list(est.estimators_),
                     tree_columns=lambda m: surface.class_columns(m, K))


def for_forest(est, d: dict, grid: Grid, painter, method: str, bootstrap: bool) -> Inspector:
    K = len(est.classes_)
    members = [est] if method == "tree" else list(est.estimators_)
    story = None if method == "tree" else forest_stories(est, d["X_tr"], d["y_tr"], bootstrap)
    return Inspector(X=d["X_tr"], y=d["y_tr"], X_te=d["X_te"], y_te=d["y_te"],
                     classes=est.classes_, grid=grid, story=story, painter=painter,
                     weights=np.full(len(members), 1.0 / len(members)),
                     decode=vote_decode(K, grid.shape), thumb=vote_thumb(K), members=members,
                     tree_columns=lambda m: surface.class_columns(m, K))


def for_gb(est, d: dict, grid: Grid | None, painter) -> Inspector:
    regression = grid is None
    T, K = est.estimators_.shape
    step = est.learning_rate * np.asarray(est.estimator_weights_, float)  # η α_t
    X_all = np.r_[d["X_tr"], d["X_te"]]
    kw = dict(X=d["X_tr"], y=d["y_tr"], X_te=d["X_te"], y_te=d["y_te"],
              story=gb_stories(est, d["X_tr"], d["y_tr"], regression), weights=step,
              members=[est.estimators_[t, 0] for t in range(T)], per_round=K, tree_kind="value")
    if regression:
        return Inspector(classes=np.zeros(1), grid=None,
                         extent=np.array([[X_all[:, 0].min()], [X_all[:, 0].max()]]), **kw)
    scale = float(max(np.abs(painter.node_values(i)).max() for i in range(len(painter)))) or 1.0
    return Inspector(classes=est.classes_, grid=grid, painter=painter,
                     decode=gb_decode(np.ravel(est.init_).astype(float), est.proba_from_scores,
                                      grid.shape),
                     thumb=gb_thumb(K, scale), **kw)


def for_stacking(est, d: dict, grid: Grid, codes: list) -> StackInspector:
    return StackInspector(est=est, codes=codes, X=d["X_tr"], y=d["y_tr"], X_te=d["X_te"],
                          y_te=d["y_te"], classes=est.classes_, grid=grid,
                          story=stack_stories(est, d["X_tr"], d["y_tr"]),
                          weights=np.asarray(est.final_weights_, float),
                          members=list(est.layers_[-1]),
                          tree_columns=lambda m: surface.class_columns(m, len(est.classes_)))
