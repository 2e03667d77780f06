"""Gradient boosting (docs/lecture.md §4): stage by stage, g_{t-1}, pseudo-residuals, f_t, g_t."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from playground import (charts, claims, common, compute, controls, figcache, hands, inspector,
                        livechart, plots, runner, settings)
from playground import livemath as m  # round t's numbers as MathML
from playground import state
from playground.i18n import tr
from playground.text import sub

RATES = (0.05, 0.1, 0.3, 1.0)


def loss_label(loss: str) -> str:
    return tr("gb.exp_is_ada") if loss == "exponential" else loss.replace("_", " ")


@dataclass(frozen=True)
class Choices:
    view: str
    loss: str
    lr: float
    T: int
    depth: int
    subsample: float
    leaf: int
    key: compute.DataKey
    show_test: bool
    discrete: bool
    res: int = 200

    @classmethod
    def of(cls, v, key: compute.DataKey | None = None) -> "Choices":
        """The page's choices from its settings' values (pure: what the widgets put there)."""
        view = v["gb_view"]
        loss = v["gb_loss"] if v["gb_loss"] in settings.gb_losses(view) else \
            settings.gb_losses(view)[0]
        key = key or compute.DataKey.of(v["gb_data1d"] if view == "1d" else v["data"], v)
        return cls(view, loss, v["gb_lr"], v["gb_T"], v["gb_depth"], v["gb_subsample"],
                   v["gb_leaf"], key, v["show_test"] and view == "2d",
                   v["discrete"] and view == "2d", v["res"])


def sidebar() -> Choices:
    st.sidebar.subheader(tr("sb.model"))
    view = controls.select("gb_view", "gb.view", lambda v: tr(f"gb.v.{v}"), radio=True)
    controls.select("gb_loss", "gb.loss", loss_label, options=settings.gb_losses(view))
    controls.slider("gb_lr", "gb.lr", step=0.01)
    controls.slider("gb_T", "gb.T")
    controls.slider("gb_depth", "gb.depth")
    controls.slider("gb_subsample", "gb.subsample", step=0.05)
    controls.slider("gb_leaf", "gb.leaf")
    if view == "1d":
        key = controls.data_1d("gb_data1d")
    else:
        key = controls.data_2d()
        controls.display_controls()
    return Choices.of(state.cfg(), key)


def fit(c: Choices) -> compute.GBRun:
    return compute.gb_run(c.key, c.view, c.loss, c.lr, c.T, c.depth, c.subsample, c.res, c.leaf)


def loss_falls(run: compute.GBRun, c: Choices) -> tuple[bool, dict]:
    """docs/lecture.md §4: each stage is a step of gradient descent in function space, so the training
    loss falls (with the full data every stage; a subsample makes the steps noisy)."""
    a, b = float(run.train_loss[0]), float(run.train_loss[-1])
    nums = {"a": a, "b": b, "T": run.T}
    if c.subsample < 1:
        return b < a, {**nums, "case": "subsample"}
    rises = np.flatnonzero(np.diff(run.train_loss) > 1e-9 * max(abs(a), 1.0))
    return not len(rises), {**nums, **({"t": int(rises[0]) + 2} if len(rises) else {})}


LESSONS = (claims.Claim("gb.claim.falls", "gb.claim.falls.not", loss_falls),)


def stage_1d(run: compute.GBRun, r: compute.GBRound):
    fig = charts.regression_stage(
        run.x_train, run.y_train, r.g_prev, r.residuals, r.f_step, r.g, run.xs[:, 0],
        labels={"data": tr("pt.train"), "resid": tr("gb.residuals")})
    hands.ring_1d(fig, run, r.t)
    livechart.show(fig, key="gb.stage", title=tr("gb.stage_view"),
                   on_pick=inspector.on_pick("gb", run))
    m.show([stage_step(r.t, r.eta, r.alpha)], key="gb.step")


def stage_step(t: int, eta: float, alpha: float) -> list:
    """g_t(x) = g_{t-1}(x) + η α_t f_t(x), with this stage's η and α_t (docs/lecture.md, gradient
    boosting): a live MathML line (:mod:`playground.livemath`) that follows t."""
    x = [m.o("("), m.i("x"), m.o(")")]
    return [m.sub(m.i("g"), m.n(str(t))), *x, m.o("="), m.sub(m.i("g"), m.n(str(t - 1))), *x,
            m.o("+"), m.i("η"), m.sub(m.i("α"), m.n(str(t))), m.sub(m.i("f"), m.n(str(t))), *x,
            m.o(","), m.SPACE, m.i("η"), m.o("="), m.n(f"{eta:g}"), m.o(","), m.SPACE,
            m.sub(m.i("α"), m.n(str(t))), m.o("="), m.number(alpha)]


def stage_2d(run: compute.GBRun, r: compute.GBRound, c: Choices):
    d = compute.dataset(run.key)
    K = len(run.classes)
    left, right = st.columns(2)

    def build():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"), size=5)]
        if c.show_test and len(d["y_te"]):
            layers.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"),
                                       test=True, size=7))
        return plots.surface(run.grid, r.surface, K, layers, discrete=c.discrete)

    fig = figcache.reuse("gb.surface", common.token(run, c.show_test, c.discrete), build)
    plots.set_surface(fig, run.grid, r.surface, K, c.discrete)
    inspector.ring(fig, "gb", run)
    livechart.show(fig, key="gb.surface", container=left, title=tr("gb.surface"),
                   on_pick=inspector.on_pick("gb", run))
    # one colour scale for every stage (the largest step any stage takes), so that playing shows
    # the steps shrinking instead of every stage re-scaled to full colour
    lim = run.step_scale
    z = np.clip((r.f_grid + lim) / (2 * lim), 0.0, 1.0)
    fig = figcache.reuse("gb.f", common.token(run), lambda: plots.scalar_map(
        run.grid, z, colors=[[0, plots.CLASS_COLORS[0]], [0.5, "white"], [1, plots.CLASS_COLORS[1]]],
        labels=(-lim, lim)))
    plots.set_scalar(fig, run.grid, z)
    inspector.ring(fig, "gb", run)
    livechart.show(fig, key="gb.f", container=right, title=f"η α{sub(r.t)} f{sub(r.t)}")


def rates_chart(run: compute.GBRun, c: Choices) -> None:
    """Test loss for several learning rates; one cached fit per rate, the current one reused."""
    if not np.isfinite(run.test_loss).any():
        return
    rates = tuple(sorted(set(RATES) | {c.lr}))
    curves = {r: run.test_loss if r == c.lr else
              compute.gb_test_curve(c.key, c.view, c.loss, r, run.T, c.depth, c.subsample,
                                    c.leaf)
              for r in rates}
    series = [(f"η = {r:g}" + (" ←" if r == c.lr else ""), v,
               {"width": 3.5 if r == c.lr else 1.8}) for r, v in curves.items()]
    log = charts.spread_out(curves.values())
    livechart.show(charts.curves(np.arange(1, run.T + 1), series, None, xlabel=tr("pt.stage"),
                                 ylabel=tr("m.test_loss") + (tr("pt.log_axis") if log else ""),
                                 log_y=log),
                   key="gb.rates", title=tr("gb.lrs"))


def stage_views(run: compute.GBRun, c: Choices, t: int) -> None:
    """Everything that follows stage t."""
    r = run.at(t)
    common.metrics([("t", f"{t} / {run.T}"), ("αₜ", f"{r.alpha:.3f}"),
                    (tr("m.train_loss"), f"{r.train_loss:.4f}"),
                    (tr("m.test_loss"), f"{r.test_loss:.4f}")])
    if c.view == "1d":
        stage_1d(run, r)
    else:
        stage_2d(run, r, c)
    hands.gb_below(run, t)
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_loss, {"color": plots.SERIES["train"]})]
    if np.isfinite(run.test_loss).any():
        series.append((tr("pt.test"), run.test_loss, {"color": plots.SERIES["test"]}))
    fig = figcache.reuse("gb.loss", common.token(run), lambda: charts.curves(
        x, series, t, xlabel=tr("pt.stage"), ylabel=tr("pt.loss"), height=280))
    charts.set_curves_t(fig, x, t)
    livechart.show(fig, key="gb.loss", title=f"{tr('gb.losscurve')} · {loss_label(c.loss)}")


def after_stages(run: compute.GBRun, c: Choices) -> None:
    """What does not follow t: the learning rates compared, every stage at once."""
    rates_chart(run, c)
    hands.gb_end(run)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("gb", sidebar=sidebar, fit=fit, draw=after_stages, lessons=LESSONS,
               rounds=runner.Rounds("gb_t", "pl.stage", stage_views))
