"""Cached fits: ask ``algorithms`` for fitted models once, record what every view needs.

Moving the round slider never refits: a fit is cached (``st.cache_resource``, bounded by
``max_entries`` and ``ttl``) with the curves every view needs (errors, losses, margins), and round
t's surfaces are painted from the fitted trees when that round is first shown (the engine's
``algorithms.surface.TreePainter``: about a millisecond at 200 x 200), then kept in a small
per-run LRU. A refit therefore costs the fit plus
one pass over the training and test points, not T full surfaces. No learning math lives here:
ε_t, α_t, u_t, the bound, OOB errors and the staged outputs are the estimators' own recorded
attributes and staged methods.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import algorithms
from algorithms import surface
from playground import data, limits

TTL = 3600


def engine(name: str):
    """The estimator class ``name`` from ``algorithms``, or None while it is being written."""
    return getattr(algorithms, name, None)


# ---- data -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DataKey:
    name: str
    n: int
    noise: float
    seed: int
    classes: int
    test: float
    upload: bytes | None = None  # raw bytes of an uploaded picture / CSV (never executed)
    label: str | None = None


TRAIN_ONLY = ("adaboost_toy",)


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def dataset(key: DataKey) -> dict:
    """Train/test split of a data set: X_tr, X_te, y_tr, y_te, classes."""
    if key.name == "upload_image":
        X, y = data.from_image(key.upload, key.n, key.seed)
    elif key.name == "csv":
        X, y = data.from_csv(key.upload, key.label)
    else:
        X, y = data.load(key.name, key.n, key.noise, key.seed, key.classes)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if key.name in TRAIN_ONLY:  # the lecture's 10 points: every one is a training example
        X_tr, X_te, y_tr, y_te = X, X[:0], y, y[:0]
    else:
        X_tr, X_te, y_tr, y_te = data.split(X, y, key.test, key.seed)
    return {"X_tr": X_tr, "X_te": X_te, "y_tr": y_tr, "y_te": y_te,
            "classes": np.unique(y), "n_features": X.shape[1]}


@dataclass
class Grid:
    xs: np.ndarray  # (res,) float64 axis values (plots send them as float32)
    ys: np.ndarray
    points: np.ndarray  # (res*res, 2) float64, row-major over (y, x)

    @property
    def shape(self):
        return (len(self.ys), len(self.xs))


def grid_for(X: np.ndarray, res: int) -> Grid:
    lo, hi = X.min(0), X.max(0)
    pad = 0.08 * (hi - lo) + 1e-9
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], res)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], res)
    gx, gy = np.meshgrid(xs, ys)
    return Grid(xs, ys, np.c_[gx.ravel(), gy.ravel()])


def encode(proba: np.ndarray, res_shape) -> np.ndarray:
    """Class probabilities (m, K) -> uint8 code = class * 32 + confidence (0..31).

    For two classes class 0 counts down (31 = unsure ... 0 = sure) so the codes 0..63 form one
    diverging scale, like TensorFlow Playground's; for K > 2 each class has its own band.
    """
    K = proba.shape[1]
    cls = proba.argmax(1)
    conf = (proba.max(1) - 1.0 / K) / (1.0 - 1.0 / K)
    level = np.clip(np.rint(conf * 31), 0, 31).astype(np.uint8)
    if K == 2:
        level = np.where(cls == 0, 31 - level, level)
    return (cls.astype(np.uint8) * 32 + level).reshape(res_shape)


def encode_labels(labels: np.ndarray, classes: np.ndarray, res_shape) -> np.ndarray:
    """Hard predictions -> the same codes at full confidence."""
    return encode_index(np.searchsorted(classes, labels), len(classes), res_shape)


def encode_index(idx: np.ndarray, K: int, res_shape) -> np.ndarray:
    """Class indices 0..K-1 -> codes at full confidence (for two classes, 0 and 63: the two ends
    of the diverging scale)."""
    full = np.array([0, 63] if K == 2 else [c * 32 + 31 for c in range(K)], np.uint8)
    return full[idx].reshape(res_shape)


def encode_signed(score: np.ndarray, scale=1.0) -> np.ndarray:
    """A binary score (sign = class, |score| * scale in [0, 1] = confidence) -> uint8 codes.

    Works in float32 and in place: 100 frames of 200 x 200 take a few tens of ms.
    """
    s = np.asarray(score, dtype=np.float32) * np.asarray(scale, dtype=np.float32)
    pos = s > 0
    np.abs(s, out=s)
    np.minimum(s, 1.0, out=s)
    s *= 31.0
    s += 0.5
    level = s.astype(np.uint8)
    code = np.subtract(31, level, dtype=np.uint8)
    np.add(level, 32, out=code, where=pos, dtype=np.uint8)
    return code


# ---- painting rounds on demand ----------------------------------------------------------------

class Frames:
    """``run.H[i]``: round i+1's uint8 code surface, painted on first use (a few ms) and kept in a
    small LRU, so several sessions or views at the same round share one frame."""

    def __init__(self, n: int, make, keep: int = 12):
        self.n, self._make, self._keep = n, make, keep
        self._memo: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> np.ndarray:
        i = int(i) + (self.n if i < 0 else 0)
        if not 0 <= i < self.n:
            raise IndexError(i)
        with self._lock:
            if i in self._memo:
                self._memo.move_to_end(i)
                return self._memo[i]
        code = self._make(i)
        with self._lock:
            self._memo[i] = code
            while len(self._memo) > self._keep:
                self._memo.popitem(last=False)
        return code


def _onehot(idx: np.ndarray, K: int) -> np.ndarray:
    return (np.arange(K)[None, :] == np.asarray(idx)[:, None]).astype(float)


def member_proba(member, X: np.ndarray, K: int) -> np.ndarray:
    """A member's class probabilities over the ensemble's K (encoded) classes, shape (n, K)."""
    if hasattr(member, "tree_"):
        p = np.asarray(member.tree_.predict(X), float)
    elif hasattr(member, "predict_proba"):
        p = np.asarray(member.predict_proba(X), float)
    else:
        return _onehot(np.asarray(member.predict(X)).astype(int), K)
    cols = surface.class_columns(member, K)
    return p if cols is None and p.shape[1] == K else surface.spread(p, cols, K)


def member_class(member, X: np.ndarray, K: int) -> np.ndarray:
    """The (encoded) class index a member predicts."""
    if hasattr(member, "tree_") or hasattr(member, "predict_proba"):
        return member_proba(member, X, K).argmax(1)
    return np.asarray(member.predict(X)).astype(int)


def _res_for(members, res: int) -> int:
    """The surface resolution of a fit: ``res`` within the per-session memory cap for this many
    rounds (``limits.grid_for``); learners that are not trees are evaluated point by point, so a
    coarser grid keeps that fast."""
    res = limits.grid_for(res, len(members))
    return res if surface.is_tree_ensemble(members) else min(res, 100)


# ---- AdaBoost ---------------------------------------------------------------------------------

LEARNER_SPEC = tuple  # (name, ((param, value), ...)) -- hashable for the caches


@dataclass
class AdaRun:
    est: object
    grid: Grid
    classes: np.ndarray
    H: Frames  # H[i]: uint8 codes of H_{i+1}, painted on demand
    painter: object
    X_tr: np.ndarray
    y_enc: np.ndarray  # training labels as class indices
    train_err: np.ndarray
    test_err: np.ndarray
    margins: np.ndarray | None  # (T, n_train) normalized margins, binary only
    fit_ms: float
    prep_ms: float = 0.0
    T: int = field(init=False)

    def __post_init__(self):
        self.T = len(self.est.estimators_)

    def f_code(self, i: int) -> np.ndarray:
        """uint8 codes of f_{i+1} alone (one member painted: ~1 ms)."""
        S = self.painter.member(i)
        K = len(self.classes)
        idx = (S[0] > 0).astype(int) if K == 2 else S.argmax(0)
        return encode_index(idx, K, self.grid.shape)

    def wrong(self, i: int) -> np.ndarray:
        """Training examples f_{i+1} misclassifies (bool, n_train)."""
        m = self.est.estimators_[i]
        return member_class(m, self.X_tr, len(self.classes)) != self.y_enc


def _ada_painter(est, grid: Grid, K: int):
    members, alpha = est.estimators_, np.asarray(est.estimator_weights_, float)

    def signed(idx, i):  # the lecture's alpha_t f_t(x): +alpha for classes_[1], -alpha otherwise
        return alpha[i] * (np.where(idx == 1, 1.0, -1.0)[:, None] if K == 2 else _onehot(idx, K))

    if surface.is_tree_ensemble(members) and grid.points.shape[1] == 2:
        return surface.TreePainter([m.tree_ for m in members],
                                 lambda i: signed(members[i].tree_.value.argmax(1), i),
                                 grid.xs, grid.ys)
    return surface.PointPainter(members, lambda i, P: signed(member_class(members[i], P, K), i).T,
                              grid.points, grid.shape)


def _staged_scores(est, X: np.ndarray) -> np.ndarray:
    """g_t(x) for every round on X in one pass, shape (T, n) binary or (T, n, K)."""
    if len(X) == 0:
        return np.zeros((len(est.estimators_), 0))
    return np.array(list(est.staged_decision_function(X)))


def _errors(G: np.ndarray, y_enc: np.ndarray) -> np.ndarray:
    if G.shape[1] == 0:
        return np.full(G.shape[0], np.nan)
    pred = (G > 0).astype(int) if G.ndim == 2 else G.argmax(-1)
    return (pred != y_enc[None, :]).mean(1)


def make_learner(name: str, seed: int, **params):
    """A fresh base learner for the name used in the UI, with the page's hyper-parameters."""
    e = engine
    p = dict(params)
    if name == "stump":
        return e("DecisionTreeClassifier")(max_depth=1, min_samples_leaf=p.get("leaf", 1))
    if name == "tree":
        depth = p.get("depth", 5)
        return e("DecisionTreeClassifier")(max_depth=None if depth == 0 else depth,
                                           min_samples_leaf=p.get("leaf", 1), random_state=seed)
    if name == "logreg":
        return e("LogisticRegression")(C=p.get("C", 1.0))
    if name == "knn":
        return e("KNeighborsClassifier")(n_neighbors=p.get("k", 15))
    if name == "nb":
        return e("GaussianNB")()
    if name == "mlp":
        return e("MLPClassifier")(hidden_layer_sizes=(p.get("hidden", 16),), max_iter=300,
                                  learning_rate_init=0.01, random_state=seed)
    raise ValueError(f"unknown base learner {name!r}")


def encoded(classes: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.searchsorted(classes, y)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def adaboost_run(key: DataKey, T: int, depth: int, res: int, learner: tuple = ("stump", ())) \
        -> AdaRun:
    """Fit once; record errors and margins; surfaces are painted per round when asked for.

    ``learner`` = (name, ((param, value), ...)); ``depth`` is the tree depth when name is "tree"
    (kept as its own argument so older callers with stumps/trees keep working)."""
    d = dataset(key)
    name, params = learner
    params = dict(params)
    if name in ("stump", "tree"):
        name = "stump" if depth == 1 and name == "stump" else "tree"
        params.setdefault("depth", depth)
    start = time.perf_counter()
    est = engine("AdaBoostClassifier")(estimator=make_learner(name, key.seed, **params),
                                       n_estimators=T, random_state=key.seed)
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    classes = est.classes_
    K = len(classes)
    res = _res_for(est.estimators_, res)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res)
    y_tr, y_te = encoded(classes, d["y_tr"]), encoded(classes, d["y_te"])
    n_tr = len(y_tr)
    G = _staged_scores(est, np.r_[d["X_tr"], d["X_te"]])  # train and test in one pass
    margins = None
    if K == 2:  # normalized margin y g_t(x) / sum_{tau<=t} alpha_tau (as est.margins computes)
        y_pm = np.where(y_tr == 1, 1.0, -1.0)
        margins = (G[:, :n_tr] * y_pm / np.cumsum(est.estimator_weights_)[:, None]
                   ).astype(np.float32)
    painter = _ada_painter(est, grid, K)
    cum_alpha = np.cumsum(est.estimator_weights_)

    def frame(i):
        S = painter.total(i + 1)
        if K == 2:
            return encode_signed(S[0], 1.0 / cum_alpha[i]).reshape(grid.shape)
        return encode(S.reshape(K, -1).T / cum_alpha[i], grid.shape)

    run = AdaRun(est, grid, classes, Frames(len(est.estimators_), frame), painter, d["X_tr"], y_tr,
                 _errors(G[:, :n_tr], y_tr), _errors(G[:, n_tr:], y_te), margins, fit_ms)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run


# ---- trees, bagging, forest -------------------------------------------------------------------

@dataclass
class ForestRun:
    est: object
    grid: Grid
    classes: np.ndarray
    vote: Frames  # vote[i]: uint8 codes of the ensemble of the first i+1 learners
    painter: object  # channels 0..K-1: sum of members' class probabilities; K..2K-1: one-hot votes
    train_err: np.ndarray
    test_err: np.ndarray
    oob_err: np.ndarray | None
    samples: list  # bootstrap index arrays (repeats kept)
    fit_ms: float
    prep_ms: float = 0.0
    members: Frames | None = None  # members[i]: uint8 codes of learner i+1 alone

    @property
    def T(self) -> int:
        return len(self.train_err)

    @property
    def K(self) -> int:
        return len(self.classes)

    def disagreement(self, t: int) -> np.ndarray:
        """Share of the first t learners voting against the majority, float32 (ny, nx)."""
        counts = self.painter.total(t, range(self.K, 2 * self.K))
        return (1.0 - counts.max(0) / t).astype(np.float32)

    def member_code(self, i: int) -> np.ndarray:
        """Learner i+1 alone, uint8 codes."""
        return self.members[i]


def forest_estimator(method: str, depth: int, criterion: str, T: int, maxf: str, maxs: float,
                     bootstrap: bool, seed: int, leaf: int = 1, learner: tuple = ("tree", ())):
    depth = None if depth == 0 else depth
    maxf = None if maxf == "all" else maxf
    Tree = engine("DecisionTreeClassifier")
    if method == "tree":
        return Tree(max_depth=depth, criterion=criterion, min_samples_leaf=leaf,
                    random_state=seed)
    if method == "bagging":
        name, params = learner
        base = Tree(max_depth=depth, criterion=criterion, min_samples_leaf=leaf) \
            if name == "tree" else make_learner(name, seed, **dict(params))
        return engine("BaggingClassifier")(
            estimator=base, n_estimators=T,
            max_samples=maxs, bootstrap=bootstrap, oob_score=bootstrap, random_state=seed)
    return engine("RandomForestClassifier")(
        n_estimators=T, criterion=criterion, max_depth=depth, max_features=maxf,
        min_samples_leaf=leaf, bootstrap=bootstrap, oob_score=bootstrap, max_samples=maxs,
        random_state=seed)


def member_index(member, classes: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Class index (into the ensemble's ``classes``) each member predicts, as uint8.

    Ensembles fit their members on encoded labels 0..K-1; a lone tree keeps the raw labels.
    """
    labels = np.asarray(member.predict(X))
    own = np.asarray(member.classes_)
    if len(own) == len(classes) and np.array_equal(own, np.arange(len(classes))) and not \
            np.array_equal(own, classes):
        return labels.astype(np.uint8)
    return np.searchsorted(classes, labels).astype(np.uint8)


def _vote_painter(members, grid: Grid, K: int):
    """One painter, 2K channels: the members' class probabilities (soft vote), then their one-hot
    votes (for the disagreement map and the single learners)."""
    if surface.is_tree_ensemble(members) and grid.points.shape[1] == 2:
        trees = [m.tree_ for m in members]
        cols = [surface.class_columns(m, K) for m in members]

        def values(i):
            p = surface.spread(trees[i].value, cols[i], K)
            return np.hstack([p, _onehot(p.argmax(1), K)])
        return surface.TreePainter(trees, values, grid.xs, grid.ys)

    def contribution(i, P):
        p = member_proba(members[i], P, K)
        return np.hstack([p, _onehot(p.argmax(1), K)]).T
    return surface.PointPainter(members, contribution, grid.points, grid.shape)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def forest_run(key: DataKey, method: str, depth: int, criterion: str, T: int, maxf: str,
               maxs: float, bootstrap: bool, res: int, leaf: int = 1,
               learner: tuple = ("tree", ())) -> ForestRun:
    d = dataset(key)
    est = forest_estimator(method, depth, criterion, T, maxf, maxs, bootstrap, key.seed, leaf,
                           learner)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    classes = est.classes_
    K = len(classes)
    members = list(getattr(est, "estimators_", [est]))
    if method == "tree":  # a lone tree keeps raw labels: its value columns are classes_ already
        members = [est]
    X_all = np.r_[d["X_tr"], d["X_te"]]
    res = _res_for(members, res)
    grid = grid_for(X_all, res)
    painter = _vote_painter(members, grid, K)
    # staged vote on train + test: one prediction per member, a running sum over members
    P = np.cumsum([member_proba(m, X_all, K) for m in members], axis=0)
    y_all = encoded(classes, np.r_[d["y_tr"], d["y_te"]])
    wrong = P.argmax(-1) != y_all[None, :]
    n_tr = len(d["y_tr"])
    train_err = wrong[:, :n_tr].mean(1)
    test_err = wrong[:, n_tr:].mean(1) if len(y_all) > n_tr else np.full(len(members), np.nan)

    def frame(i):
        return encode(painter.total(i + 1, range(K)).reshape(K, -1).T / (i + 1), grid.shape)

    def alone(i):
        return encode_index(painter.member_argmax(i, range(K, 2 * K)), K, grid.shape)

    oob = getattr(est, "oob_errors_", None)
    samples = list(getattr(est, "estimators_samples_", []))
    run = ForestRun(est, grid, classes, Frames(len(members), frame), painter,
                    train_err, test_err, None if oob is None else np.asarray(oob, float),
                    samples, fit_ms, members=Frames(len(members), alone, keep=32))
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def tree_depths(key: DataKey, depths: tuple, criterion: str, res: int):
    """The lecture's image experiment: one tree per depth -> list of (depth, code surface, acc)."""
    from algorithms.surface import tree_grid
    d = dataset(key)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], limits.grid_for(res, len(depths)))
    out = []
    for depth in depths:
        est = engine("DecisionTreeClassifier")(max_depth=depth, criterion=criterion).fit(
            d["X_tr"], d["y_tr"])
        proba = np.asarray(tree_grid(est.tree_, grid.xs, grid.ys)).reshape(-1, len(est.classes_))
        out.append((depth, encode(proba, grid.shape),
                    est.score(d["X_tr"], d["y_tr"]), est.score(d["X_te"], d["y_te"]),
                    est.get_n_leaves()))
    return grid, out


# ---- base learners, voting, stacking, compare ----------------------------------------------


def _proba_codes(est, X, grid: Grid) -> np.ndarray:
    return encode(np.asarray(est.predict_proba(X)), grid.shape)


@dataclass
class StackRun:
    stack: object
    vote: object
    grid: Grid
    classes: np.ndarray
    layer_codes: list  # per layer, per node: uint8 code surface of that node's own output
    final_code: np.ndarray
    vote_code: np.ndarray
    edges: list  # (node index in the last layer, weight)
    scores: dict  # name -> (train acc, test acc, fit ms)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def stacking_run(key: DataKey, learners: tuple, final: str, n_layers: int, cv: str,
                 holdout: float, voting: str, res: int) -> StackRun:
    d = dataset(key)
    X_tr, y_tr, X_te, y_te = d["X_tr"], d["y_tr"], d["X_te"], d["y_te"]
    seed = key.seed
    layers = [[(f"{n}" if li == 0 else f"{n}·L{li + 1}", make_learner(n, seed)) for n in learners]
              for li in range(n_layers)]
    scores = {}

    def timed(name, est):
        start = time.perf_counter()
        est.fit(X_tr, y_tr)
        ms = 1000 * (time.perf_counter() - start)
        scores[name] = (est.score(X_tr, y_tr), est.score(X_te, y_te), ms)
        return est

    stack = timed("stacking", engine("StackingClassifier")(
        layers if n_layers > 1 else layers[0], final_estimator=make_learner(final, seed),
        cv="holdout" if cv == "holdout" else 5, holdout_fraction=holdout, random_state=seed))
    vote = timed("voting", engine("VotingClassifier")(
        [(n, make_learner(n, seed)) for n in learners], voting=voting))
    for n in learners:
        timed(n, make_learner(n, seed))
    grid = grid_for(np.r_[X_tr, X_te], limits.grid_for(res, 1))
    # one pass through the stack: each base predicts the grid once (k-NN there is the cost)
    base_probas, _, final_proba = stack.forward_pass(grid.points)
    layer_codes = [[encode(p, grid.shape) for p in layer] for layer in base_probas]
    coef = getattr(stack.final_estimator_, "coef_", None)
    names = stack.final_feature_names_
    last = [nm for nm, _ in layers[-1]]
    edges = []
    for j, nm in enumerate(last):
        cols = [c for c, f in enumerate(names) if f == nm or f.startswith(nm + ":")
                or f.startswith(nm + "_") or f.startswith(nm + "[")]
        if coef is None or not cols:
            edges.append((j, 1.0))
        elif np.asarray(coef).shape[0] == 1:  # binary: one signed weight per column
            edges.append((j, float(np.asarray(coef)[0, cols].sum())))
        else:
            edges.append((j, float(np.abs(np.asarray(coef)[:, cols]).sum())))
    return StackRun(stack, vote, grid, stack.classes_, layer_codes,
                    encode(final_proba, grid.shape), _proba_codes(vote, grid.points, grid)
                    if hasattr(vote, "predict_proba") and voting == "soft" else
                    encode_labels(vote.predict(grid.points), stack.classes_, grid.shape),
                    edges, scores)


COMPARE_METHODS = ("tree", "bagging", "forest", "adaboost", "gb", "voting", "stacking",
                   "logreg", "knn", "nb", "mlp")


def _compare_estimator(name: str, T: int, seed: int):
    e = engine
    Tree = e("DecisionTreeClassifier")
    if name == "tree":
        return Tree(max_depth=None, random_state=seed)
    if name == "bagging":
        return e("BaggingClassifier")(estimator=Tree(), n_estimators=T, random_state=seed)
    if name == "forest":
        return e("RandomForestClassifier")(n_estimators=T, random_state=seed)
    if name == "adaboost":
        return e("AdaBoostClassifier")(estimator=Tree(max_depth=2), n_estimators=T,
                                       random_state=seed)
    if name == "gb":
        return e("GradientBoostingClassifier")(n_estimators=T, max_depth=3, learning_rate=0.1,
                                               random_state=seed)
    base = ("tree", "logreg", "knn", "nb")
    if name == "voting":
        return e("VotingClassifier")([(n, make_learner(n, seed)) for n in base], voting="soft")
    if name == "stacking":
        return e("StackingClassifier")([(n, make_learner(n, seed)) for n in base],
                                       final_estimator=make_learner("logreg", seed), cv=5,
                                       random_state=seed)
    return make_learner(name, seed)


_COMPARE_NEEDS = {"tree": "DecisionTreeClassifier", "bagging": "BaggingClassifier",
                  "forest": "RandomForestClassifier", "adaboost": "AdaBoostClassifier",
                  "gb": "GradientBoostingClassifier", "voting": "VotingClassifier",
                  "stacking": "StackingClassifier", "logreg": "LogisticRegression",
                  "knn": "KNeighborsClassifier", "nb": "GaussianNB", "mlp": "MLPClassifier"}


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def compare(key: DataKey, T: int) -> dict:
    """Every available method fit once on the same split: name -> (train acc, test acc, ms)."""
    d = dataset(key)
    out, missing, failed = {}, [], {}
    for name in COMPARE_METHODS:
        if engine(_COMPARE_NEEDS[name]) is None:
            missing.append(name)
            continue
        est = _compare_estimator(name, T, key.seed)
        try:
            start = time.perf_counter()
            est.fit(d["X_tr"], d["y_tr"])
            ms = 1000 * (time.perf_counter() - start)
            out[name] = (est.score(d["X_tr"], d["y_tr"]), est.score(d["X_te"], d["y_te"]), ms)
        except ValueError as exc:
            failed[name] = str(exc)
    return {"scores": out, "missing": missing, "failed": failed,
            "shape": (len(d["y_tr"]), d["n_features"], len(d["classes"]))}


# ---- gradient boosting ------------------------------------------------------------------------

@dataclass
class GBRun:
    est: object
    view: str  # "1d" regression or "2d" classification
    xs: np.ndarray | None  # 1-D: the curve's x values
    grid: Grid | None  # 2-D: the plane
    classes: np.ndarray | None
    surfaces: Frames | None  # 2-D: surfaces[i] = uint8 codes of g_{i+1}, painted on demand
    train_loss: np.ndarray
    test_loss: np.ndarray
    fit_ms: float
    painters: list | None = None  # 2-D: one painter per output column k of g
    prep_ms: float = 0.0

    @property
    def T(self) -> int:
        return len(self.train_loss)

    def f_values(self, i: int) -> np.ndarray:
        """η α_t f_t on the grid (stage i+1), shape (ny, nx): max |.| over columns if K > 2."""
        f = np.stack([p.member(i)[0] for p in self.painters])
        return f[0] if len(f) == 1 else np.abs(f).max(0)


def _staged_loss(est, loss: str, X, y) -> np.ndarray:
    """The engine's own loss l(y, g_t) on (X, y) after every stage (the test curve)."""
    from algorithms.losses import make_loss
    if len(y) == 0:
        return np.full(len(est.estimators_), np.nan)
    if hasattr(est, "classes_"):
        K = len(est.classes_)
        fn = make_loss(loss, n_classes=K)
        y_enc = np.searchsorted(est.classes_, y)
        y_enc = y_enc.astype(float) if K == 2 else y_enc
        staged = est.staged_decision_function(X)
    else:
        fn = make_loss(loss, alpha=getattr(est, "alpha", 0.9))
        y_enc = np.asarray(y, float)
        staged = est.staged_predict(X)
    return np.array([fn(y_enc, g) for g in staged])


def gb_estimator(view: str, loss: str, lr: float, T: int, depth: int, subsample: float, seed,
                 leaf: int = 1):
    cls = engine("GradientBoostingRegressor" if view == "1d" else "GradientBoostingClassifier")
    return cls(loss=loss, learning_rate=lr, n_estimators=T, max_depth=depth, subsample=subsample,
               min_samples_leaf=leaf, random_state=seed)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def gb_run(key: DataKey, view: str, loss: str, lr: float, T: int, depth: int, subsample: float,
           res: int, leaf: int = 1) -> GBRun:
    d = dataset(key)
    est = gb_estimator(view, loss, lr, T, depth, subsample, key.seed, leaf)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    test_loss = _staged_loss(est, loss, d["X_te"], d["y_te"])
    xs = grid = surfaces = classes = painters = None
    if view == "1d":
        X_all = np.r_[d["X_tr"], d["X_te"]]
        xs = np.linspace(X_all.min(), X_all.max(), 400)[:, None]
    else:
        grid = grid_for(np.r_[d["X_tr"], d["X_te"]], limits.grid_for(res, len(est.estimators_)))
        classes = est.classes_
        stages = est.estimators_  # (T, K) regression trees; g_t = g_0 + sum eta alpha_s f_s
        step = est.learning_rate * np.asarray(est.estimator_weights_, float)
        painters = [surface.TreePainter([stages[t, k].tree_ for t in range(stages.shape[0])],
                                      lambda t, k=k: step[t] * stages[t, k].tree_.value[:, :1],
                                      grid.xs, grid.ys)
                    for k in range(stages.shape[1])]
        g0 = np.asarray(est.init_, float)

        def frame(i):
            G = np.stack([p.total(i + 1)[0].ravel() for p in painters], 1) + g0
            return encode(np.asarray(est._loss.proba(G)), grid.shape)

        surfaces = Frames(stages.shape[0], frame)
    run = GBRun(est, view, xs, grid, classes, surfaces, np.asarray(est.train_score_, float),
                test_loss, fit_ms, painters)
    run.prep_ms = 1000 * (time.perf_counter() - start)
    return run


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def gb_test_curve(key: DataKey, view: str, loss: str, lr: float, T: int, depth: int,
                  subsample: float, leaf: int = 1) -> np.ndarray:
    """Test loss per stage for one learning rate (cached per rate: changing η fits one model)."""
    d = dataset(key)
    est = gb_estimator(view, loss, lr, T, depth, subsample, key.seed, leaf).fit(d["X_tr"], d["y_tr"])
    return _staged_loss(est, loss, d["X_te"], d["y_te"])


def gb_learning_rates(key: DataKey, view: str, loss: str, T: int, depth: int,
                      subsample: float, rates: tuple, leaf: int = 1) -> dict:
    """Test loss per stage for several learning rates (same data, same trees' depth)."""
    return {lr: gb_test_curve(key, view, loss, lr, T, depth, subsample, leaf) for lr in rates}
