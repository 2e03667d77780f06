"""The engine fits behind every step, cached once per process (``st.cache_resource``).

No learning math here: ε_t, α_t, u_t, the bound, the margins, OOB predictions and the
pseudo-residuals are the estimators' own recorded attributes and methods; this module only picks
the lecture's data and settings and slices what the steps draw.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

import algorithms as A
from algorithms.tree_cut import cut_at_depth
from playground import compute, datasets, limits
from playground.compute import image as img

TTL = 3600
IMAGE_SIDE = 160  # the picture's side in pixels; its surfaces have one cell per pixel
IMAGE_TEST = 0.1  # pixels held out to test on: the trees train on the other 90 %
DEPTHS = (5, 10, 15, 20)
FOREST_T = 100
ADA_T = (10, 20, 50, 100)
ADA_DEPTH = 5
MARGIN_T = (5, 100, 1000)
# the AdaBoost page's data (docs/defaults.md): with depth-3 trees the test error at T = 1000 is
# below its value where the training error first reaches 0 on 18 of 20 seeds (280 training points
# and depth 2, the earlier choice: 6 of 10)
BOOST_DATA = {"data": "spirals", "n": 2000, "noise": 0.25, "test": 0.5}
BOOST_DEPTH = 3
STACK_DATA = {"data": "checkerboard", "n": 2000, "noise": 0.2, "test": 0.5}  # as the stacking page


def boost_key(seed: int = 0) -> compute.DataKey:
    return compute.DataKey.of(BOOST_DATA["data"], BOOST_DATA, seed=seed)


def stack_key(seed: int = 0) -> compute.DataKey:
    return compute.DataKey.of(STACK_DATA["data"], STACK_DATA, seed=seed)
STACK_LEARNERS = ("tree", "knn", "logreg", "nb")


def image_key(shape: str) -> compute.DataKey:
    """Every pixel of the silhouette at IMAGE_SIDE x IMAGE_SIDE, 90 % of them to train on."""
    return compute.DataKey.of(shape, n=limits.MAX_IMAGE_POINTS, seed=0, test=IMAGE_TEST,
                              resolution=IMAGE_SIDE)


# ---- 1. bagging ---------------------------------------------------------------------------------

@st.cache_resource(max_entries=16, ttl=TTL, show_spinner=False)
def bagging(seed: int, T: int, N: int = 12) -> dict:
    """Bagging of deep regression trees on N noisy sine points: each f_t, the average, OOB."""
    X, y = datasets.load("sine", n=N, noise=0.25, seed=seed)
    order = np.argsort(X[:, 0])
    X, y = np.asarray(X, float)[order], np.asarray(y, float)[order]
    X_te, y_te = datasets.load("sine", n=400, noise=0.25, seed=seed + 1)  # fresh data, same source
    est = A.BaggingRegressor(estimator=A.DecisionTreeRegressor(), n_estimators=T,
                             oob_score=True, random_state=seed).fit(X, y)
    lo, hi = float(X.min()), float(X.max())
    pad = 0.05 * (hi - lo)
    xs = np.linspace(lo - pad, hi + pad, 300)[:, None]
    copies = np.stack([np.bincount(np.asarray(s), minlength=N) for s in est.estimators_samples_])
    return {"X": X[:, 0], "y": y, "xs": xs[:, 0],
            "each": np.stack([m.predict(xs) for m in est.estimators_]),
            "avg": est.predict(xs), "copies": copies,
            "each_on_X": np.stack([m.predict(X) for m in est.estimators_]),
            "oob_pred": np.asarray(est.oob_prediction_, float),
            "oob_mse": float(est.oob_errors_[-1]),
            "test_mse": float(np.mean((est.predict(X_te) - np.asarray(y_te, float)) ** 2)),
            "test_mse_each": np.array([np.mean((m.predict(X_te) - np.asarray(y_te, float)) ** 2)
                                       for m in est.estimators_])}


# ---- 2. the image experiment ------------------------------------------------------------------
# Each run: the picture and one panel per depth / T, all painted on the picture's own pixels.

@dataclass(frozen=True)
class ImageRun:
    picture: img.Picture
    panels: list  # [compute.image.Panel]
    fit_ms: float  # fitting and painting, first time
    T: int = 1  # trees in each forest, or AdaBoost's rounds actually fitted
    stop: object = None  # AdaBoost's stop reason, when it stopped before max(ADA_T)

    def at(self, value: int):
        return next(p for p in self.panels if p.value == value)


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def image_trees(shape: str, depths: tuple = DEPTHS) -> ImageRun:
    """One tree per depth (each cheap: a few tens of ms on 23,000 pixels)."""
    start = time.perf_counter()
    key = image_key(shape)
    pic, d = img.picture(key), compute.dataset(key)
    panels = []
    for depth in depths:
        tree = A.DecisionTreeClassifier(max_depth=depth).fit(d["X_tr"], d["y_tr"])
        panels.append(img.proba_panel(pic, depth, img.tree_proba(tree, pic.grid),
                                      tree.get_n_leaves()))
    return ImageRun(pic, panels, 1000 * (time.perf_counter() - start))


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def image_forests(shape: str, n_trees: int = FOREST_T) -> ImageRun:
    """A random forest at each depth: one forest of depth max(DEPTHS), cut back to each depth
    (:func:`algorithms.tree_cut.cut_at_depth`): one fit instead of four."""
    start = time.perf_counter()
    key = image_key(shape)
    pic, d = img.picture(key), compute.dataset(key)
    deep = A.RandomForestClassifier(n_estimators=n_trees, max_depth=max(DEPTHS), random_state=0)
    deep.fit(d["X_tr"], d["y_tr"])
    panels = []
    for depth in DEPTHS:
        forest = cut_at_depth(deep, depth)
        leaves = round(np.mean([m.get_n_leaves() for m in forest.estimators_]))
        panels.append(img.proba_panel(pic, depth, img.tree_proba(forest, pic.grid), leaves))
    return ImageRun(pic, panels, 1000 * (time.perf_counter() - start), n_trees)


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def image_adaboost(shape: str, depth: int = ADA_DEPTH) -> ImageRun:
    """AdaBoost with depth-``depth`` trees, T = max(ADA_T); the other T are its first rounds."""
    start = time.perf_counter()
    key = image_key(shape)
    pic, d = img.picture(key), compute.dataset(key)
    est = A.AdaBoostClassifier(estimator=A.DecisionTreeClassifier(max_depth=depth),
                               n_estimators=max(ADA_T), random_state=0).fit(d["X_tr"], d["y_tr"])
    alpha = np.asarray(est.estimator_weights_, float)
    stages = [t for t in ADA_T if t <= len(alpha)]
    if len(alpha) < max(ADA_T) and len(alpha) not in stages:  # stopped early: show where
        stages.append(len(alpha))
    g = img.staged_votes([m.tree_ for m in est.estimators_], alpha, pic.grid, stages)
    panels = [img.panel(pic, t, g[t] > 0,
                        compute.encode_signed(g[t], 1.0 / alpha[:t].sum()).reshape(pic.grid.shape))
              for t in stages]
    return ImageRun(pic, panels, 1000 * (time.perf_counter() - start), len(alpha),
                    est.stop_reason_ if len(alpha) < max(ADA_T) else None)


PREFETCH_DELAY = 2.0  # seconds
_prefetching: dict = {}  # shape -> its prefetch thread
_prefetch_lock = threading.Lock()


def prefetch_image(shape: str) -> None:
    """Fit the forest and AdaBoost steps of ``shape`` in the background.

    A lecturer shows the single trees for a while before moving on; by then the next steps'
    fits (about 2 s of CPU together) are cached and open like a second visit. The caches' own
    per-key locks make a session that asks meanwhile wait for this fit instead of repeating it;
    when both are cached already, the thread only finds them there.
    """
    def fit_next():
        time.sleep(PREFETCH_DELAY)  # let the page that asked finish first
        image_forests(shape)
        image_adaboost(shape)

    with _prefetch_lock:
        running = _prefetching.get(shape)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(target=fit_next, name=f"prefetch-image-{shape}", daemon=True)
        add_script_run_ctx(thread, get_script_run_ctx())  # the caches warn without a context
        _prefetching[shape] = thread
        thread.start()


# ---- 3. the toy example -------------------------------------------------------------------------

@st.cache_resource(max_entries=1, ttl=TTL, show_spinner=False)
def toy() -> dict:
    r"""AdaBoost with stumps on the lecture's 10 points.

    Fitted with T = 4 so that the engine records u_4 (the weights after round 3) in
    ``sample_weights_``; boosting is sequential, so rounds 1-3 are those of a T = 3 fit.
    """
    X, y = datasets.load_adaboost_toy()
    est4 = A.AdaBoostClassifier(n_estimators=4).fit(X, y)
    est = A.AdaBoostClassifier(n_estimators=3).fit(X, y)
    cls = est.classes_
    sign = {cls[0]: -1, cls[1]: 1}
    xs = np.linspace(0, 11, 111)
    gx, gy = np.meshgrid(xs, xs)
    P = np.c_[gx.ravel(), gy.ravel()]

    def f_of(m, pts):  # members predict class indices 0/1; as the lecture's ±1
        return np.where(compute.member_index(m, cls, pts) == 1, 1, -1)

    stumps = []
    for m in est.estimators_:
        feat, thr = int(m.tree_.feature[0]), float(m.tree_.threshold[0])
        probe = np.array([[thr - 0.5, thr - 0.5], [thr + 0.5, thr + 0.5]])
        left, right = f_of(m, probe)
        stumps.append({"feature": feat, "threshold": thr, "left": int(left), "right": int(right)})
    g_staged = [np.asarray(g, float) for g in est.staged_decision_function(X)]
    return {
        "X": X, "y": np.array([sign[v] for v in y]), "labels": y,
        "eps": np.asarray(est.estimator_errors_, float),
        "alpha": np.asarray(est.estimator_weights_, float),
        "d": np.exp(np.asarray(est.estimator_weights_, float)),  # alpha_t = ln d_t
        "u": np.asarray(est4.sample_weights_[:4], float),  # u_1 .. u_4
        "f": np.stack([f_of(m, X) for m in est.estimators_]),
        "f_grid": np.stack([f_of(m, P).reshape(gx.shape) for m in est.estimators_]),
        "g_grid": np.asarray(est.decision_function(P), float).reshape(gx.shape),
        "g": g_staged[-1], "H": np.where(est.predict(X) == cls[1], 1, -1), "grid": xs,
        "stumps": stumps, "regions": _toy_regions(est, stumps),
        "same_as_T4": bool(np.allclose(est4.estimator_errors_[:3], est.estimator_errors_)),
    }


def _toy_regions(est, stumps: list[dict]) -> list[dict]:
    """The six regions cut by the three stumps: centre, f_t there, g and H there (engine)."""
    cls = est.classes_
    cuts = {0: [0.0, 11.0], 1: [0.0, 11.0]}
    for s in stumps:
        cuts[s["feature"]].append(s["threshold"])
    xb, yb = sorted(set(cuts[0])), sorted(set(cuts[1]))
    out = []
    for j in range(len(yb) - 1)[::-1]:
        for i in range(len(xb) - 1):
            c = np.array([[(xb[i] + xb[i + 1]) / 2, (yb[j] + yb[j + 1]) / 2]])
            f = [int(np.where(compute.member_index(m, cls, c)[0] == 1, 1, -1))
                 for m in est.estimators_]
            g = float(est.decision_function(c)[0])
            out.append({"x": (xb[i], xb[i + 1]), "y": (yb[j], yb[j + 1]), "centre": c[0],
                        "f": f, "g": g, "H": 1 if est.predict(c)[0] == cls[1] else -1})
    return out


# ---- 3. why training error goes to 0 ------------------------------------------------------------

@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def boost_long(seed: int = 0) -> dict:
    """AdaBoost with depth-3 trees on spirals, T = 1000: errors, bound, margins at 5/100/1000."""
    d = compute.dataset(boost_key(seed))
    est = A.AdaBoostClassifier(estimator=A.DecisionTreeClassifier(max_depth=BOOST_DEPTH),
                               n_estimators=max(MARGIN_T), random_state=seed)
    est.fit(d["X_tr"], d["y_tr"])
    train = np.array([np.mean(p != d["y_tr"]) for p in est.staged_predict(d["X_tr"])])
    test = np.array([np.mean(p != d["y_te"]) for p in est.staged_predict(d["X_te"])])
    M = np.array(list(est.staged_margins(d["X_tr"], d["y_tr"])))
    T = len(est.estimators_)
    zero = np.flatnonzero(train == 0)
    return {"train": train, "test": test, "bound": np.asarray(est.error_bound_, float),
            "eps": np.asarray(est.estimator_errors_, float), "T": T,
            "margins": {t: np.asarray(M[t - 1], float) for t in MARGIN_T if t <= T},
            "t_zero": int(zero[0]) + 1 if len(zero) else None, "data": d,
            "depth": BOOST_DEPTH, "n_train": len(d["y_tr"])}


# ---- 4. gradient boosting -----------------------------------------------------------------------

@st.cache_resource(max_entries=1, ttl=TTL, show_spinner=False)
def gb_vs_adaboost(T: int = 30) -> dict:
    """AdaBoost and GB(exponential loss, stumps, eta = 1, g_0 = 0, one alpha per stage)."""
    key = compute.DataKey.of("moons", n=200, noise=0.3, seed=0, test=0.3)
    d = compute.dataset(key)
    X, y = d["X_tr"], d["y_tr"]
    ada = A.AdaBoostClassifier(n_estimators=T).fit(X, y)
    gb = A.GradientBoostingClassifier(loss="exponential", max_depth=1, learning_rate=1.0,
                                      init="zero", line_search="per_stage", n_estimators=T)
    gb.fit(X, y)
    rows = []
    for t, (a, g) in enumerate(zip(ada.estimators_, gb.estimators_[:, 0]), start=1):
        rows.append({"t": t, "ada": (int(a.tree_.feature[0]), float(a.tree_.threshold[0]),
                                     float(ada.estimator_weights_[t - 1])),
                     "gb": (int(g.tree_.feature[0]), float(g.tree_.threshold[0]),
                            float(gb.estimator_weights_[t - 1]))})
    g_ada = np.asarray(ada.decision_function(X), float)
    g_gb = np.asarray(gb.decision_function(X), float)
    return {"rows": rows, "g_ada": g_ada, "g_gb": g_gb, "y": y, "X": X, "classes": ada.classes_,
            "alpha_ada": np.asarray(ada.estimator_weights_, float),
            "alpha_gb": np.asarray(gb.estimator_weights_, float),
            "eps": np.asarray(ada.estimator_errors_, float)}


LOSSES = ("squared_error", "absolute_error", "huber")


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def gb_losses(seed: int = 0, T: int = 60) -> dict:
    """1-D regression with a few outliers, one GB fit per loss: g_T and stage 1's residuals."""
    X, y = datasets.load("sine", n=120, noise=0.2, seed=seed)
    X, y = np.asarray(X, float), np.asarray(y, float).copy()
    order = np.argsort(X[:, 0])
    X, y = X[order], y[order]
    outliers = np.arange(5, len(y), 15)
    y[outliers] += 3.0  # outliers: where the losses disagree
    xs = np.linspace(X.min(), X.max(), 400)[:, None]
    out = {"X": X[:, 0], "y": y, "xs": xs[:, 0], "fits": {}}
    truth = np.sin(2 * np.pi * X[outliers, 0])  # the sine set's own curve, without noise
    for loss in LOSSES:
        est = A.GradientBoostingRegressor(loss=loss, n_estimators=T, max_depth=2,
                                          learning_rate=0.3, random_state=0).fit(X, y)
        view = est.stage_view(X, y, t=1)
        out["fits"][loss] = {"g": np.asarray(est.predict(xs), float),
                             "resid": np.asarray(view["residuals"], float),
                             "g0": np.asarray(view["g_prev"], float),
                             # how far g_T is pulled from the curve at the outliers
                             "pull": float(np.mean(np.abs(est.predict(X[outliers]) - truth)))}
    return out


# ---- 5. stacking --------------------------------------------------------------------------------

def stacking(seed: int = 0, cv: str = "holdout") -> compute.StackRun:
    """The lecture's stacking: part 1 trains the bases, part 2 (30 %) the final classifier
    (``cv="holdout"``, the lecture's picture), or every row trains the final classifier once, on
    the outputs of bases that never saw it (``cv="kfold"``, 5 folds: scikit-learn's cross-fitting,
    the stacking page's default). With 2,000 points the hold-out leaves the final classifier 300
    rows, and it beats voting on 8 of 20 seeds; 5-fold on 19 (docs/defaults.md)."""
    return compute.stacking_run(stack_key(seed), STACK_LEARNERS, "logreg", 1, cv, 0.3,
                                "soft", 100)
