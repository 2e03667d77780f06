"""Decision trees, bagging and random forest (LECTURE.md §1-2)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, controls, live, plots, state
from playground.i18n import tr

PAGE = "trees"
GRID_LEARNERS = 8


def sidebar():
    st.sidebar.subheader(tr("sb.model"))
    method = controls.select("tr_method", "tr.method", lambda m: tr(f"tr.m.{m}"), radio=True)
    depth = controls.slider("tr_depth", "tr.depth")
    criterion = controls.select("tr_criterion", "tr.criterion", radio=True)
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
    return method, depth, criterion, T or 1, maxf or "all", maxs, bootstrap, key, show_test, discrete


def point_layers(d, classes, show_test):
    layers = [plots.points(d["X_tr"], d["y_tr"], classes, name=tr("pt.train"), size=5)]
    if show_test:
        layers.append(plots.points(d["X_te"], d["y_te"], classes, name=tr("pt.test"), test=True,
                                   symbol="triangle-up", size=7))
    return layers


def single_tree(key, depth, criterion, res, d, show_test, discrete):
    run = compute.forest_run(key, "tree", depth, criterion, 1, "all", 1.0, True, res)
    est, K = run.est, len(run.classes)
    left, right = st.columns([1.2, 1])
    left.markdown(f"**{tr('tr.single')}**")
    left.plotly_chart(plots.surface(run.grid, run.vote[0], K, point_layers(d, run.classes,
                                                                            show_test),
                                    discrete=discrete, height=430),
                      width="stretch", key="tr.tree")
    right.metric(tr("m.train_acc"), f"{1 - run.train_err[0]:.1%}")
    right.metric(tr("m.test_acc"), f"{1 - run.test_err[0]:.1%}")
    right.caption(f"depth {est.get_depth()} · {est.get_n_leaves()} leaves · {run.fit_ms:.0f} ms")
    right.plotly_chart(plots.bars([f"x{j + 1}" for j in range(len(est.feature_importances_))],
                                  est.feature_importances_, xlabel=tr("pt.importance"),
                                  height=180), width="stretch", key="tr.imp1")
    st.markdown(f"**{tr('tr.depths')}**")
    grid, items = compute.tree_depths(key, (5, 10, 15, 20), criterion, min(res, 100))
    panels = [{"traces": plots.points(d["X_tr"], d["y_tr"], run.classes, name="", size=3,
                                      showlegend=False)} for _ in items]
    titles = [tr("tr.stats", d=dep, l=leaves, tr=a_tr, te=a_te)
              for dep, _, a_tr, a_te, leaves in items]
    st.plotly_chart(plots.learner_grid(grid, [c for _, c, *_ in items], K, panels, cols=4,
                                       height_per_row=260, titles=titles),
                    width="stretch", key="tr.depths")


def ensemble_views(run: compute.ForestRun, d, t: int, show_test: bool, discrete: bool):
    K = len(run.classes)
    i = t - 1
    m = st.columns(4)
    m[0].metric("t", f"{t} / {run.T}")
    m[1].metric(tr("m.train_err"), f"{run.train_err[i]:.3f}")
    m[2].metric(tr("m.test_err"), f"{run.test_err[i]:.3f}")
    if run.oob_err is not None and np.isfinite(run.oob_err[i]):
        m[3].metric(tr("m.oob_err"), f"{run.oob_err[i]:.3f}")

    left, right = st.columns(2)
    left.markdown(f"**{tr('tr.vote')}**")
    left.plotly_chart(plots.surface(run.grid, run.vote[i], K, point_layers(d, run.classes,
                                                                            show_test),
                                    discrete=discrete),
                      width="stretch", key="tr.vote")
    votes = run.each[:t]
    counts = np.stack([(votes == k).sum(0) for k in range(K)])
    disagree = (1.0 - counts.max(0) / t).astype(np.float32).reshape(run.grid.shape)
    right.markdown(f"**{tr('tr.disagree')}**")
    right.plotly_chart(plots.scalar_map(run.grid, disagree, zmax=1 - 1 / K, colors="Purples"),
                       width="stretch", key="tr.disagree")

    # the learners ending at t, each with its own bootstrap sample
    first = max(0, t - GRID_LEARNERS)
    idx = list(range(first, t))
    n = len(d["y_tr"])
    panels, titles = [], []
    for k in idx:
        traces = []
        if run.samples:
            copies = np.bincount(np.asarray(run.samples[k]), minlength=n)
            inbag = copies > 0
            sizes = (2.5 + 2.5 * copies[inbag]).astype(np.float32)
            traces += plots.points(d["X_tr"][inbag], d["y_tr"][inbag], run.classes, name="",
                                   size=sizes, showlegend=False)
            traces.append(plots.crosses(d["X_tr"][~inbag], tr("pt.oob_pts"), color="#555",
                                        size=4))
            titles.append(f"f_{k + 1} · OOB {np.mean(~inbag):.0%}")
        else:
            titles.append(f"f_{k + 1}")
        panels.append({"traces": traces})
    codes = [compute.encode_labels(run.classes[run.each[k]], run.classes, run.grid.shape)
             for k in idx]
    st.markdown(f"**{tr('tr.grid')}**")
    st.plotly_chart(plots.learner_grid(run.grid, codes, K, panels, cols=4, titles=titles),
                    width="stretch", key="tr.grid")
    if run.samples:
        oob_frac = np.mean([np.mean(np.bincount(np.asarray(s), minlength=n) == 0)
                            for s in run.samples[:t]])
        st.caption(tr("tr.oob_note", frac=oob_frac))

    left, right = st.columns([1.4, 1])
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": "#0877bd"}),
              (tr("pt.test"), run.test_err, {"color": "#f59322"})]
    if run.oob_err is not None:
        series.append((tr("pt.oob"), run.oob_err, {"color": "#2ca02c", "dash": "dash"}))
    left.markdown(f"**{tr('tr.oob_curve')}**")
    left.plotly_chart(plots.curves(x, series, t, xlabel=tr("pt.n_learners"),
                                   ylabel=tr("pt.error")),
                      width="stretch", key="tr.curves")
    imp = getattr(run.est, "feature_importances_", None)
    if imp is None:
        imp = np.mean([e.feature_importances_ for e in run.est.estimators_], axis=0)
    right.markdown(f"**{tr('tr.importance')}**")
    right.plotly_chart(plots.bars([f"x{j + 1}" for j in range(len(imp))], imp,
                                  xlabel=tr("pt.importance"), height=300),
                       width="stretch", key="tr.imp")


def main() -> None:
    common.header("tr.title", "tr.lead")
    method, depth, criterion, T, maxf, maxs, bootstrap, key, show_test, discrete = sidebar()
    needed = {"tree": ("DecisionTreeClassifier",), "bagging": ("BaggingClassifier",),
              "forest": ("RandomForestClassifier",)}[method]
    if not common.need(*needed):
        state.write_url(PAGE)
        return
    res = state.get("res")
    d = compute.dataset(key)
    try:
        if method == "tree":
            single_tree(key, depth, criterion, res, d, show_test, discrete)
            state.write_url(PAGE)
            return
        with st.spinner("…"):
            run = compute.forest_run(key, method, depth, criterion, T, maxf, maxs, bootstrap, res)
    except Exception as exc:  # the engine is being written: say so, keep running
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
        state.write_url(PAGE)
        return
    live.autoplay_once(PAGE, "tr_t")
    run_every = live.controls(PAGE, "tr_t", run.T)

    @st.fragment(run_every=run_every)
    def training():
        live.tick(PAGE, "tr_t", run.T)
        if run.T > 1:
            t = controls.slider("tr_t", "pl.n_learners", container=st, max_value=run.T)
        else:
            t = 1
        ensemble_views(run, d, t, show_test, discrete)
        state.write_url(PAGE)

    training()


main()
