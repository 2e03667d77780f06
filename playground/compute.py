"""Cached fits: ask ``algorithms`` for fitted models once, record what every view needs.

Moving the round slider never refits: a fit is cached (``st.cache_resource``, bounded by
``max_entries`` and ``ttl``) together with its staged surfaces encoded as uint8, and the pages
slice that record at round t. No learning math lives here: ε_t, α_t, u_t, the bound, OOB errors and
the staged outputs are the estimators' own recorded attributes and staged methods.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import algorithms
from playground import data

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
    idx = np.searchsorted(classes, labels)
    K = len(classes)
    code = idx * 32 + 31
    if K == 2:
        code = np.where(idx == 0, 0, 63)
    return code.astype(np.uint8).reshape(res_shape)


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


def _staged_codes(est, grid: Grid, classes) -> np.ndarray:
    """uint8 codes of every stage's surface; binary tree ensembles are painted by the engine."""
    name = type(est).__name__
    if len(classes) == 2 and name in ("AdaBoostClassifier", "BaggingClassifier",
                                      "RandomForestClassifier") and _paintable(est):
        from algorithms.surface import staged_surfaces
        S = staged_surfaces(est, grid.xs, grid.ys)
        if name == "AdaBoostClassifier":  # g_t / sum of alpha so far: the normalized score
            return encode_signed(S, 1.0 / np.cumsum(est.estimator_weights_)[:, None, None])
        return encode_signed(S - 0.5, 2.0)  # vote share of classes_[1] -> [-1, 1]
    if name == "GradientBoostingClassifier":
        from algorithms.gb_surface import staged_proba_grid
        P = staged_proba_grid(est, grid.xs, grid.ys, dtype=np.float32)
        return np.stack([encode(p.reshape(-1, p.shape[-1]), grid.shape) for p in P])
    if hasattr(est, "staged_predict_proba"):
        frames = [encode(p, grid.shape) for p in est.staged_predict_proba(grid.points)]
    else:
        frames = [encode_labels(p, classes, grid.shape) for p in est.staged_predict(grid.points)]
    return np.stack(frames)


def _paintable(est) -> bool:
    return all(hasattr(m, "tree_") for m in getattr(est, "estimators_", [])) and \
        getattr(est, "n_features_in_", 2) == 2


def member_codes(est, grid: Grid, classes) -> np.ndarray:
    """(T, res*res) uint8 class index each member predicts on the grid (painted for trees)."""
    members = getattr(est, "estimators_", [est])
    if _paintable(est) or hasattr(est, "tree_"):
        from algorithms.surface import tree_grid
        return np.stack([np.asarray(tree_grid(m.tree_, grid.xs, grid.ys)).argmax(-1).ravel()
                         .astype(np.uint8) for m in members])
    return np.stack([member_index(m, classes, grid.points) for m in members])


def _staged_error(est, X, y) -> np.ndarray:
    return np.array([np.mean(p != y) for p in est.staged_predict(X)])


# ---- AdaBoost ---------------------------------------------------------------------------------

@dataclass
class AdaRun:
    est: object
    grid: Grid
    classes: np.ndarray
    H: np.ndarray  # (T, res, res) uint8 codes of H_t
    f_train: np.ndarray  # (T, n_train) f_t's predictions on the training set
    train_err: np.ndarray
    test_err: np.ndarray
    margins: np.ndarray | None  # (T, n_train) normalized margins, binary only
    fit_ms: float
    T: int = field(init=False)

    def __post_init__(self):
        self.T = len(self.est.estimators_)

    def f_code(self, i: int) -> np.ndarray:
        """uint8 codes of f_{i+1} alone, painted when t moves (a few ms, nothing stored)."""
        m = self.est.estimators_[i]
        if hasattr(m, "tree_") and self.grid.points.shape[1] == 2:
            from algorithms.surface import tree_grid
            k = np.asarray(tree_grid(m.tree_, self.grid.xs, self.grid.ys)).argmax(-1)
            return encode_labels(self.classes[k], self.classes, self.grid.shape)
        return encode_labels(m.predict(self.grid.points), self.classes, self.grid.shape)


def _normalized_margins(est, X, y) -> np.ndarray | None:
    r"""Normalized margins y·g_t(x)/Σ_{τ≤t} α_τ per round: the estimator's ``margins`` (binary)."""
    if len(est.classes_) != 2 or not hasattr(est, "margins"):
        return None
    return np.asarray(est.margins(X, y, normalized=True), dtype=np.float32)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def adaboost_run(key: DataKey, T: int, depth: int, res: int) -> AdaRun:
    d = dataset(key)
    Ada, Tree = engine("AdaBoostClassifier"), engine("DecisionTreeClassifier")
    start = time.perf_counter()
    est = Ada(estimator=Tree(max_depth=depth), n_estimators=T, random_state=key.seed)
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res)
    classes = est.classes_
    H = _staged_codes(est, grid, classes)
    f_train = np.stack([m.predict(d["X_tr"]) for m in est.estimators_])
    return AdaRun(est, grid, classes, H, f_train,
                  _staged_error(est, d["X_tr"], d["y_tr"]),
                  _staged_error(est, d["X_te"], d["y_te"]),
                  _normalized_margins(est, d["X_tr"], d["y_tr"]), fit_ms)


# ---- trees, bagging, forest -------------------------------------------------------------------

@dataclass
class ForestRun:
    est: object
    grid: Grid
    classes: np.ndarray
    vote: np.ndarray  # (T, res, res) uint8 codes of the ensemble of the first t learners
    each: np.ndarray  # (T, res*res) uint8 class index predicted by each learner
    train_err: np.ndarray
    test_err: np.ndarray
    oob_err: np.ndarray | None
    samples: list  # bootstrap index arrays (repeats kept)
    fit_ms: float

    @property
    def T(self) -> int:
        return len(self.each)


def forest_estimator(method: str, depth: int, criterion: str, T: int, maxf: str, maxs: float,
                     bootstrap: bool, seed: int):
    depth = None if depth == 0 else depth
    maxf = None if maxf == "all" else maxf
    Tree = engine("DecisionTreeClassifier")
    if method == "tree":
        return Tree(max_depth=depth, criterion=criterion, random_state=seed)
    if method == "bagging":
        return engine("BaggingClassifier")(
            estimator=Tree(max_depth=depth, criterion=criterion), n_estimators=T,
            max_samples=maxs, bootstrap=bootstrap, oob_score=bootstrap, random_state=seed)
    return engine("RandomForestClassifier")(
        n_estimators=T, criterion=criterion, max_depth=depth, max_features=maxf,
        bootstrap=bootstrap, oob_score=bootstrap, max_samples=maxs, random_state=seed)


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


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def forest_run(key: DataKey, method: str, depth: int, criterion: str, T: int, maxf: str,
               maxs: float, bootstrap: bool, res: int) -> ForestRun:
    d = dataset(key)
    est = forest_estimator(method, depth, criterion, T, maxf, maxs, bootstrap, key.seed)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res)
    classes = est.classes_
    each = member_codes(est, grid, classes)
    if hasattr(est, "staged_predict_proba"):
        vote = _staged_codes(est, grid, classes)
        train_err = _staged_error(est, d["X_tr"], d["y_tr"])
        test_err = _staged_error(est, d["X_te"], d["y_te"])
    else:
        vote = encode(est.predict_proba(grid.points), grid.shape)[None]
        train_err = np.array([np.mean(est.predict(d["X_tr"]) != d["y_tr"])])
        test_err = np.array([np.mean(est.predict(d["X_te"]) != d["y_te"])])
    oob = getattr(est, "oob_errors_", None)
    samples = list(getattr(est, "estimators_samples_", []))
    return ForestRun(est, grid, classes, vote, each, train_err, test_err,
                     None if oob is None else np.asarray(oob, float), samples, fit_ms)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def tree_depths(key: DataKey, depths: tuple, criterion: str, res: int):
    """The lecture's image experiment: one tree per depth -> list of (depth, code surface, acc)."""
    d = dataset(key)
    grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res)
    out = []
    for depth in depths:
        est = engine("DecisionTreeClassifier")(max_depth=depth, criterion=criterion).fit(
            d["X_tr"], d["y_tr"])
        out.append((depth, encode(est.predict_proba(grid.points), grid.shape),
                    est.score(d["X_tr"], d["y_tr"]), est.score(d["X_te"], d["y_te"]),
                    est.get_n_leaves()))
    return grid, out


# ---- base learners, voting, stacking, compare ----------------------------------------------

def make_learner(name: str, seed: int):
    """A fresh base learner for the name used in the UI (settings ``sk_learners``)."""
    e = engine
    return {
        "stump": lambda: e("DecisionTreeClassifier")(max_depth=1),
        "tree": lambda: e("DecisionTreeClassifier")(max_depth=5, random_state=seed),
        "logreg": lambda: e("LogisticRegression")(),
        "knn": lambda: e("KNeighborsClassifier")(n_neighbors=15),
        "nb": lambda: e("GaussianNB")(),
        "mlp": lambda: e("MLPClassifier")(hidden_layer_sizes=(16,), max_iter=300,
                                          learning_rate_init=0.01, random_state=seed),
    }[name]()


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
    grid = grid_for(np.r_[X_tr, X_te], res)
    inputs = [grid.points] + list(stack.transform_layers(grid.points))
    layer_codes = [[_proba_codes(m, inputs[li], grid) for m in fitted]
                   for li, fitted in enumerate(stack.layers_)]
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
                    _proba_codes(stack, grid.points, grid), _proba_codes(vote, grid.points, grid)
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
    surfaces: np.ndarray | None  # 2-D: (T, res, res) uint8 codes of g_t
    train_loss: np.ndarray
    test_loss: np.ndarray
    fit_ms: float

    @property
    def T(self) -> int:
        return len(self.train_loss)


def _staged_loss(est, loss: str, X, y) -> np.ndarray:
    """The engine's own loss l(y, g_t) on (X, y) after every stage (the test curve)."""
    from algorithms.losses import make_loss
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


def gb_estimator(view: str, loss: str, lr: float, T: int, depth: int, subsample: float, seed):
    cls = engine("GradientBoostingRegressor" if view == "1d" else "GradientBoostingClassifier")
    return cls(loss=loss, learning_rate=lr, n_estimators=T, max_depth=depth, subsample=subsample,
               random_state=seed)


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def gb_run(key: DataKey, view: str, loss: str, lr: float, T: int, depth: int, subsample: float,
           res: int) -> GBRun:
    d = dataset(key)
    est = gb_estimator(view, loss, lr, T, depth, subsample, key.seed)
    start = time.perf_counter()
    est.fit(d["X_tr"], d["y_tr"])
    fit_ms = 1000 * (time.perf_counter() - start)
    test_loss = _staged_loss(est, loss, d["X_te"], d["y_te"])
    xs = grid = surfaces = classes = None
    if view == "1d":
        X_all = np.r_[d["X_tr"], d["X_te"]]
        xs = np.linspace(X_all.min(), X_all.max(), 400)[:, None]
    else:
        grid = grid_for(np.r_[d["X_tr"], d["X_te"]], res)
        classes = est.classes_
        surfaces = _staged_codes(est, grid, classes)
    return GBRun(est, view, xs, grid, classes, surfaces, np.asarray(est.train_score_, float),
                 test_loss, fit_ms)


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def gb_learning_rates(key: DataKey, view: str, loss: str, T: int, depth: int,
                      subsample: float, rates: tuple) -> dict:
    """Test loss per stage for several learning rates (same data, same trees' depth)."""
    d = dataset(key)
    out = {}
    for lr in rates:
        est = gb_estimator(view, loss, lr, T, depth, subsample, key.seed).fit(d["X_tr"], d["y_tr"])
        out[lr] = _staged_loss(est, loss, d["X_te"], d["y_te"])
    return out
