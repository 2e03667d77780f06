"""Overview: what an ensemble is, a live AdaBoost demo, and a map of the lecture."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, figcache, live, livechart, plots, state
from playground.i18n import tr

PAGE = "overview"
DEMO = compute.DataKey("moons", 400, 0.25, 0, 3, 0.3)
DEMO_T = 80


def demo() -> None:
    if not common.need("AdaBoostClassifier", "DecisionTreeClassifier"):
        return
    run = compute.adaboost_run(DEMO, DEMO_T, 1, 100)
    d = compute.dataset(DEMO)
    live.player(PAGE, "ov_t", run.T, "pl.round", lambda t: demo_views(run, d, t))


def demo_views(run: compute.AdaRun, d: dict, t: int) -> None:
    """The demo's round t: H_t with points sized by u_t, and the error curves."""
    i = t - 1
    est = run.est
    left, right = st.columns([1.1, 1])
    u = np.asarray(est.sample_weights_[i], float)
    sizes = np.clip(4 + 5 * np.sqrt(u / u.mean()), 3, 22).astype(np.float32)
    token = (id(run), run.fit_ms, state.get("lang"))
    fig = figcache.reuse("ov.H", token, lambda: plots.surface(
        run.grid, run.H[i], 2, [plots.points(d["X_tr"], d["y_tr"], run.classes, name="u_t",
                                             size=sizes, gl=True)], height=360, legend=False))
    plots.set_surface(fig, run.grid, run.H[i], 2)
    plots.set_sizes(fig, 0, d["y_tr"], run.classes, sizes)
    livechart.show(fig, key="ov.H", container=left)
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": "#0877bd"}),
              (tr("pt.test"), run.test_err, {"color": "#f59322"})]
    bound = getattr(est, "error_bound_", None)
    if bound is not None:
        series.append((tr("ab.bound"), np.asarray(bound), {"color": "#666", "dash": "dash"}))
    with right:
        common.metrics([("α_t", f"{est.estimator_weights_[i]:.3f}"),
                        (tr("m.train_err"), f"{run.train_err[i]:.3f}"),
                        (tr("m.test_err"), f"{run.test_err[i]:.3f}")])
        fig = figcache.reuse("ov.curves", token, lambda: plots.curves(
            x, series, t, xlabel=tr("pt.round"), ylabel=tr("pt.error"), height=260))
        plots.set_curves_t(fig, x, t)
        livechart.show(fig, key="ov.curves")


def lecture_map() -> None:
    st.subheader(tr("ov.map"))
    st.markdown(tr("ov.framework"))
    cols = st.columns(4)
    items = [("ov.bagging", "views/trees.py", "nav.trees", ":material/park:"),
             ("ov.boosting", "views/adaboost.py", "nav.adaboost", ":material/balance:"),
             ("ov.gb", "views/gradient_boosting.py", "nav.gb", ":material/trending_down:"),
             ("ov.stacking", "views/stacking.py", "nav.stacking", ":material/stacks:")]
    for col, (text, page, title, icon) in zip(cols, items):
        with col.container(border=True):
            st.markdown(tr(text))
            st.page_link(page, label=tr(title), icon=icon)
    st.page_link("views/compare.py", label=tr("nav.compare"), icon=":material/leaderboard:")
    st.subheader(tr("ov.try"))
    st.markdown("\n".join(f"- {tr(k)}" for k in ("ov.try1", "ov.try2", "ov.try3")))


def main() -> None:
    common.header("ov.title", "ov.lead")
    common.share_note()
    demo()
    lecture_map()
    state.write_url(PAGE)


main()
