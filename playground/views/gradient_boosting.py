"""Gradient boosting (LECTURE.md §4): stage by stage, g_{t-1}, pseudo-residuals, f_t, g_t."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, controls, figcache, live, livechart, plots, state
from playground import livemath as m  # round t's numbers as MathML
from playground.i18n import tr

PAGE = "gb"
ENGINES = {"1d": "GradientBoostingRegressor", "2d": "GradientBoostingClassifier"}
ORDER = ("squared_error", "absolute_error", "huber", "quantile", "log_loss", "exponential")


def losses(view: str) -> tuple:
    """The losses the engine declares for this view (``_parameter_constraints``), lecture order."""
    from algorithms._constraints import options_of
    cls = compute.engine(ENGINES[view])
    declared = options_of(cls, "loss") if cls is not None else []
    return tuple(x for x in ORDER if x in declared) or tuple(declared)
RATES = (0.05, 0.1, 0.3, 1.0)


def loss_label(loss: str) -> str:
    return tr("gb.exp_is_ada") if loss == "exponential" else loss.replace("_", " ")


def sidebar():
    st.sidebar.subheader(tr("sb.model"))
    view = controls.select("gb_view", "gb.view", lambda v: tr(f"gb.v.{v}"), radio=True)
    loss = controls.select("gb_loss", "gb.loss", loss_label, options=losses(view))
    lr = controls.slider("gb_lr", "gb.lr", step=0.01)
    T = controls.slider("gb_T", "gb.T")
    depth = controls.slider("gb_depth", "gb.depth")
    subsample = controls.slider("gb_subsample", "gb.subsample", step=0.05)
    controls.slider("gb_leaf", "gb.leaf")
    if view == "1d":
        st.sidebar.subheader(tr("sb.data"))
        name = controls.select("gb_data1d", "gb.data1d", controls.dataset_label)
        controls.slider("n", "sb.n", step=20)
        controls.slider("noise", "sb.noise", step=0.05)
        controls.slider("test", "sb.test", step=0.05)
        controls.slider("seed", "sb.seed")
        key = controls.checked(compute.DataKey(name, state.get("n"), state.get("noise"),
                                               state.get("seed"), 2, state.get("test")))
        show_test = discrete = False
    else:
        key = controls.data_2d()
        show_test, discrete = controls.display_controls()
    common.share_note()
    return view, loss, lr, T, depth, subsample, key, show_test, discrete


def stage_1d(run: compute.GBRun, d: dict, t: int):
    est = run.est
    curve = est.stage_view(run.xs, t=t)
    at_data = est.stage_view(d["X_tr"], d["y_tr"], t=t)
    order = np.argsort(d["X_tr"][:, 0])
    f_scaled = est.learning_rate * curve["alpha"] * np.asarray(curve["f"])
    fig = plots.regression_stage(
        d["X_tr"][order, 0], d["y_tr"][order], curve["g_prev"], np.asarray(at_data["residuals"])[order],
        f_scaled, curve["g"], run.xs[:, 0],
        labels={"data": tr("pt.train"), "resid": tr("gb.residuals")})
    livechart.show(fig, key="gb.stage", title=tr("gb.stage_view"))
    m.show([stage_step(t, est.learning_rate, curve["alpha"])], key="gb.step")


def stage_step(t: int, eta: float, alpha: float) -> list:
    """g_t(x) = g_{t-1}(x) + η α_t f_t(x), with this stage's η and α_t (LECTURE.md, gradient
    boosting): a live MathML line (:mod:`playground.livemath`) that follows t."""
    x = [m.o("("), m.i("x"), m.o(")")]
    return [m.sub(m.i("g"), m.n(str(t))), *x, m.o("="), m.sub(m.i("g"), m.n(str(t - 1))), *x,
            m.o("+"), m.i("η"), m.sub(m.i("α"), m.n(str(t))), m.sub(m.i("f"), m.n(str(t))), *x,
            m.o(","), m.SPACE, m.i("η"), m.o("="), m.n(f"{eta:g}"), m.o(","), m.SPACE,
            m.sub(m.i("α"), m.n(str(t))), m.o("="), m.number(alpha)]


def largest_step(run: compute.GBRun) -> float:
    r"""$\max_t \max_x |\eta\,\alpha_t f_t(x)|$: the largest leaf value any stage adds."""
    step = run.est.learning_rate * np.abs(np.asarray(run.est.estimator_weights_, float))
    stages = run.est.estimators_
    return float(max(step[t] * np.abs(stages[t, k].tree_.value).max()
                     for t in range(stages.shape[0]) for k in range(stages.shape[1]))) or 1.0


def stage_2d(run: compute.GBRun, d: dict, t: int, show_test: bool, discrete: bool):
    K = len(run.classes)
    left, right = st.columns(2)

    def build():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"), size=5)]
        if show_test and len(d["y_te"]):
            layers.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"),
                                       test=True, symbol="triangle-up", size=7))
        return plots.surface(run.grid, run.surfaces[t - 1], K, layers, discrete=discrete)

    fig = figcache.reuse("gb.surface", (id(run), run.fit_ms, state.get("lang"), show_test,
                                        discrete), build)
    plots.set_surface(fig, run.grid, run.surfaces[t - 1], K, discrete)
    livechart.show(fig, key="gb.surface", container=left, title=tr("gb.surface"))
    token = (id(run), run.fit_ms)
    # one colour scale for every stage (the largest step any stage takes), so that playing shows
    # the steps shrinking instead of every stage re-scaled to full colour
    lim = figcache.reuse("gb.f_lim", token, lambda: largest_step(run))
    f = run.f_values(t - 1)
    z = np.clip((f + lim) / (2 * lim), 0.0, 1.0)
    fig = figcache.reuse("gb.f", token, lambda: plots.scalar_map(
        run.grid, z, colors=[[0, "#f59322"], [0.5, "white"], [1, "#0877bd"]],
        labels=(-lim, lim)))
    plots.set_scalar(fig, run.grid, z)
    livechart.show(fig, key="gb.f", container=right, title=f"η α_{t} f_{t}")


def rates_chart(key, view, loss, lr, run, depth, subsample, leaf):
    """Test loss for several learning rates; one cached fit per rate, the current one reused."""
    rates = tuple(sorted(set(RATES) | {lr}))
    curves = {r: run.test_loss if r == lr else
              compute.gb_test_curve(key, view, loss, r, run.T, depth, subsample, leaf)
              for r in rates}
    series = [(f"η = {r:g}", v, {"width": 3 if r == lr else 1.5}) for r, v in curves.items()]
    livechart.show(plots.curves(np.arange(1, run.T + 1), series, None, xlabel=tr("pt.stage"),
                                ylabel=tr("m.test_loss")), key="gb.rates", title=tr("gb.lrs"))


def stage_views(run: compute.GBRun, d: dict, t: int, view: str, loss: str, show_test: bool,
                discrete: bool) -> None:
    """Everything that follows stage t."""
    common.metrics([("t", f"{t} / {run.T}"), ("α_t", f"{run.est.estimator_weights_[t - 1]:.3f}"),
                    (tr("m.train_loss"), f"{run.train_loss[t - 1]:.4f}"),
                    (tr("m.test_loss"), f"{run.test_loss[t - 1]:.4f}")])
    if view == "1d":
        stage_1d(run, d, t)
    else:
        stage_2d(run, d, t, show_test, discrete)
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_loss, {"color": "#0877bd"})]
    if len(d["y_te"]):
        series.append((tr("pt.test"), run.test_loss, {"color": "#f59322"}))
    fig = figcache.reuse("gb.loss", (id(run), run.fit_ms, state.get("lang")),
                         lambda: plots.curves(x, series, t, xlabel=tr("pt.stage"),
                                              ylabel=tr("pt.loss"), height=280))
    plots.set_curves_t(fig, x, t)
    livechart.show(fig, key="gb.loss", title=f"{tr('gb.losscurve')} · {loss_label(loss)}")


def main() -> None:
    common.header("gb.title", "gb.lead")
    view, loss, lr, T, depth, subsample, key, show_test, discrete = sidebar()
    need = "GradientBoostingRegressor" if view == "1d" else "GradientBoostingClassifier"
    if not common.need(need):
        state.write_url(PAGE)
        return
    try:
        with st.spinner("…"):
            run = compute.gb_run(key, view, loss, lr, T, depth, subsample, state.get("res"),
                                 state.get("gb_leaf"))
    except Exception as exc:  # the engine is being written: say so, keep running
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
        state.write_url(PAGE)
        return
    d = compute.dataset(key)
    live.player(PAGE, "gb_t", run.T, "pl.stage", lambda t: stage_views(run, d, t, view, loss,
                                                                      show_test, discrete))
    if len(d["y_te"]):  # does not follow t: outside the fragment, drawn once per change
        rates_chart(key, view, loss, lr, run, depth, subsample, state.get("gb_leaf"))


main()
