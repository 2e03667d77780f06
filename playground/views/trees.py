"""Decision trees, bagging and random forest (LECTURE.md §1-2)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, controls, figcache, live, livechart, plots, state
from playground.i18n import tr

PAGE = "trees"
GRID_LEARNERS = 4


def sidebar():
    st.sidebar.subheader(tr("sb.model"))
    method = controls.select("tr_method", "tr.method", lambda m: tr(f"tr.m.{m}"), radio=True)
    learner = ("tree", ())
    if method == "bagging":
        learner = controls.base_learner("tr", tree_controls=False)
    if learner[0] == "stump":  # a depth-1 tree: the tree controls with depth fixed at 1
        learner = ("tree", ())
        state.set_widget("tr_depth", 1) if state.get("tr_depth") != 1 else None
    if learner[0] == "tree":
        depth = controls.slider("tr_depth", "tr.depth")
        criterion = controls.select("tr_criterion", "tr.criterion", radio=True)
        leaf = controls.slider("tr_leaf", "sb.leaf")
    else:
        depth, criterion, leaf = state.get("tr_depth"), state.get("tr_criterion"), 1
    T = maxf = None
    maxs, bootstrap = 1.0, True
    if method != "tree":
        T = controls.slider("tr_T", "tr.T")
        if method == "forest":
            maxf = controls.select("tr_maxf", "tr.max_features", radio=True)
        bootstrap = controls.toggle("tr_bootstrap", "tr.bootstrap")
        maxs = controls.slider("tr_maxs", "tr.max_samples", step=0.05)
    key = controls.data_2d()
    show_test, discrete = controls.display_controls()
    common.share_note()
    return (method, depth, criterion, T or 1, maxf or "all", maxs, bootstrap, key, show_test,
            discrete, leaf, learner)


def point_layers(d, classes, show_test):
    layers = [plots.points(d["X_tr"], d["y_tr"], classes, name=tr("pt.train"), size=5)]
    if show_test:
        layers.append(plots.points(d["X_te"], d["y_te"], classes, name=tr("pt.test"), test=True,
                                   symbol="triangle-up", size=7))
    return layers


def single_tree(key, depth, criterion, res, d, show_test, discrete, leaf=1):
    run = compute.forest_run(key, "tree", depth, criterion, 1, "all", 1.0, True, res, leaf)
    est, K = run.est, len(run.classes)
    left, right = st.columns([1.2, 1])
    livechart.show(plots.surface(run.grid, run.vote[0], K, point_layers(d, run.classes, show_test),
                                 discrete=discrete, height=430),
                   key="tr.tree", container=left, title=tr("tr.single"))
    right.metric(tr("m.train_acc"), f"{1 - run.train_err[0]:.1%}")
    right.metric(tr("m.test_acc"), f"{1 - run.test_err[0]:.1%}")
    right.caption(f"depth {est.get_depth()} · {est.get_n_leaves()} leaves · {run.fit_ms:.0f} ms")
    livechart.show(plots.bars([f"x{j + 1}" for j in range(len(est.feature_importances_))],
                              est.feature_importances_, xlabel=tr("pt.importance"), height=180),
                   key="tr.imp1", container=right)
    grid, items = compute.tree_depths(key, (5, 10, 15, 20), criterion, min(res, 100))
    panels = [{"traces": plots.points(d["X_tr"], d["y_tr"], run.classes, name="", size=3,
                                      showlegend=False)} for _ in items]
    titles = [tr("tr.stats", d=dep, l=leaves, tr=a_tr, te=a_te)
              for dep, _, a_tr, a_te, leaves in items]
    livechart.show(plots.learner_grid(grid, [c for _, c, *_ in items], K, panels, cols=4,
                                      height_per_row=260, titles=titles),
                   key="tr.depths", title=tr("tr.depths"))


def _token(run, *extra):
    return (id(run), run.fit_ms, state.get("lang")) + extra


def importances(est) -> np.ndarray | None:
    """The ensemble's feature importances (bagging: the mean of its trees'), or None.

    Read once per fit: a forest's ``feature_importances_`` averages its trees on every access.
    """
    imp = getattr(est, "feature_importances_", None)
    if imp is None and all(hasattr(e, "feature_importances_") for e in est.estimators_):
        imp = np.mean([e.feature_importances_ for e in est.estimators_], axis=0)
    return imp


def ensemble_views(run: compute.ForestRun, d, t: int, show_test: bool, discrete: bool):
    """Everything that follows t. Figures are built once per fit and updated in place."""
    K = len(run.classes)
    i = t - 1
    row = [("t", f"{t} / {run.T}"), (tr("m.train_err"), f"{run.train_err[i]:.3f}")]
    if len(d["y_te"]):
        row.append((tr("m.test_err"), f"{run.test_err[i]:.3f}"))
    if run.oob_err is not None:  # "—" while some point has not been out of bag yet
        row.append((tr("m.oob_err"), f"{run.oob_err[i]:.3f}" if np.isfinite(run.oob_err[i]) else "—"))
    common.metrics(row)

    left, right = st.columns(2)
    fig = figcache.reuse("tr.vote", _token(run, show_test, discrete), lambda: plots.surface(
        run.grid, run.vote[i], K, point_layers(d, run.classes, show_test), discrete=discrete))
    plots.set_surface(fig, run.grid, run.vote[i], K, discrete)
    livechart.show(fig, key="tr.vote", container=left, title=tr("tr.vote"))
    disagree = run.disagreement(t)
    fig = figcache.reuse("tr.disagree", _token(run), lambda: plots.scalar_map(
        run.grid, disagree, zmax=1 - 1 / K, colors="Purples"))
    plots.set_scalar(fig, run.grid, disagree, 1 - 1 / K)
    livechart.show(fig, key="tr.disagree", container=right, title=tr("tr.disagree"))

    # the learners ending at t, each with its own bootstrap sample
    first = max(0, t - GRID_LEARNERS)
    n = len(d["y_tr"])
    n_panels = min(GRID_LEARNERS, run.T)
    fig = figcache.reuse("tr.grid", _token(run, n_panels), lambda: plots.bootstrap_grid(
        run.grid, K, n_panels, oob_name=tr("pt.oob_pts")))
    y_idx = compute.encoded(run.classes, d["y_tr"])
    for p in range(n_panels):
        k = first + p
        if k >= t:  # fewer learners than panels so far
            plots.set_bootstrap_panel(fig, p, run.grid, np.zeros((1, 1), np.uint8), K)
            continue
        if run.samples:
            copies = np.bincount(np.asarray(run.samples[k]), minlength=n)
            inbag = copies > 0
            plots.set_bootstrap_panel(fig, p, run.grid, run.member_code(k), K,
                                      d["X_tr"][inbag], y_idx[inbag], copies[inbag],
                                      d["X_tr"][~inbag], f"f_{k + 1} · OOB {np.mean(~inbag):.0%}")
        else:
            plots.set_bootstrap_panel(fig, p, run.grid, run.member_code(k), K,
                                      title=f"f_{k + 1}")
    livechart.show(fig, key="tr.grid", title=tr("tr.grid"))
    if run.samples:
        # each learner's out-of-bag share, counted once per fit (not once per round)
        oob_share = figcache.reuse("tr.oob_share", _token(run), lambda: np.array(
            [np.mean(np.bincount(np.asarray(s), minlength=n) == 0) for s in run.samples]))
        st.caption(tr("tr.oob_note", frac=float(oob_share[:t].mean())))

    left, right = st.columns([1.4, 1])
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": "#0877bd"})]
    if len(d["y_te"]):
        series.append((tr("pt.test"), run.test_err, {"color": "#f59322"}))
    if run.oob_err is not None:
        series.append((tr("pt.oob"), run.oob_err, {"color": "#2ca02c", "dash": "dash"}))
    fig = figcache.reuse("tr.curves", _token(run), lambda: plots.curves(
        x, series, t, xlabel=tr("pt.n_learners"), ylabel=tr("pt.error")))
    plots.set_curves_t(fig, x, t)
    livechart.show(fig, key="tr.curves", container=left, title=tr("tr.oob_curve"))
    imp = figcache.reuse("tr.imp_values", _token(run), lambda: importances(run.est))
    if imp is not None:
        fig = figcache.reuse("tr.imp", _token(run), lambda: plots.bars(
            [f"x{j + 1}" for j in range(len(imp))], imp, xlabel=tr("pt.importance"), height=300))
        livechart.show(fig, key="tr.imp", container=right, title=tr("tr.importance"))


def main() -> None:
    common.header("tr.title", "tr.lead")
    (method, depth, criterion, T, maxf, maxs, bootstrap, key, show_test, discrete, leaf,
     learner) = sidebar()
    needed = {"tree": ("DecisionTreeClassifier",), "bagging": ("BaggingClassifier",),
              "forest": ("RandomForestClassifier",)}[method]
    if not common.need(*needed):
        state.write_url(PAGE)
        return
    res = state.get("res")
    d = compute.dataset(key)
    try:
        if method == "tree":
            single_tree(key, depth, criterion, res, d, show_test, discrete, leaf)
            state.write_url(PAGE)
            return
        with st.spinner("…"):
            run = compute.forest_run(key, method, depth, criterion, T, maxf, maxs, bootstrap, res,
                                     leaf, learner)
    except Exception as exc:  # the engine is being written: say so, keep running
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
        state.write_url(PAGE)
        return
    live.player(PAGE, "tr_t", run.T, "pl.n_learners",
                lambda t: ensemble_views(run, d, t, show_test, discrete))


main()
