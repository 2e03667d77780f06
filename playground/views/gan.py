"""Generative adversarial networks in the plane (docs/lecture.md §8): G maps noise to points, D tells
real from generated, G learns through D's gradient; the minimax loss saturates while D wins, the
non-saturating one does not; mode collapse shows in the mode count."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from playground import (charts, claims, common, controls, figcache, ganplayer, ganplots,
                        livechart, runner, state)
from playground.compute import gan as compute
from playground.i18n import tr

# settings of the run, in the order of compute.GanKey's fields (all but the data and the seed)
RUN_SETTINGS = {"loss": "gan_loss", "k": "gan_k", "n_steps": "gan_steps", "head": "gan_head",
                "batch": "gan_batch", "noise": "gan_noise", "zdim": "gan_zdim",
                "g_layers": "gan_g_layers", "g_width": "gan_g_width", "g_act": "gan_g_act",
                "d_layers": "gan_d_layers", "d_width": "gan_d_width", "d_act": "gan_d_act",
                "g_lr": "gan_g_lr", "d_lr": "gan_d_lr", "g_opt": "gan_g_opt",
                "d_opt": "gan_d_opt"}
MODE_SHARE = 0.75  # the coverage claim holds when G covers at least this share of the modes


@dataclass(frozen=True)
class Choices:
    key: compute.GanKey


def _net_controls(who: str, box) -> None:
    controls.slider(f"gan_{who}_layers", "gan.layers", container=box)
    controls.slider(f"gan_{who}_width", "gan.width", container=box)
    controls.select(f"gan_{who}_act", "gan.activation", container=box)
    controls.slider(f"gan_{who}_lr", "gan.lr", container=box)
    controls.select(f"gan_{who}_opt", "gan.optimizer", container=box, radio=True)


def sidebar() -> Choices:
    sb = st.sidebar
    sb.subheader(tr("gan.sb.real"))
    controls.select("gan_data", "gan.data", lambda n: tr(f"gan.ds.{n}"))
    controls.slider("gan_n", "gan.n", step=100)
    controls.slider("gan_std", "gan.std", step=0.01)
    controls.slider("seed", "sb.seed")
    sb.subheader(tr("gan.sb.training"))
    controls.select("gan_loss", "gan.loss", lambda n: tr(f"gan.loss.{n}"), radio=True)
    controls.slider("gan_k", "gan.k")
    controls.slider("gan_head", "gan.head", step=50)
    controls.slider("gan_steps", "gan.steps", step=100)
    controls.slider("gan_batch", "gan.batch", step=16)
    for who in ("g", "d"):
        with sb.expander(tr(f"gan.sb.{who}")):
            _net_controls(who, st)
    with sb.expander(tr("gan.sb.noise")):
        controls.select("gan_noise", "gan.noise", lambda n: tr(f"gan.noise.{n}"), container=st,
                        radio=True)
        controls.slider("gan_zdim", "gan.zdim", container=st)
    values = {f: state.get(s) for f, s in RUN_SETTINGS.items()}
    return Choices(compute.GanKey(data=state.get("gan_data"), n=state.get("gan_n"),
                                  std=state.get("gan_std"), seed=state.get("seed"), **values))


def fit(c: Choices) -> compute.GanRun:
    return compute.gan_run(c.key)


# ---- the lecture's points, checked against the run ------------------------------------------

def _saturation(run: compute.GanRun, c: Choices) -> tuple[bool, dict]:
    sat = run.saturation
    low = f"{sat.lowest:.3f}" if sat.lowest >= 1e-3 else f"{sat.lowest:.1e}"
    nums = dict(w=sat.window, n=len(sat.steps), low=low, at=sat.lowest_step, head=c.key.head)
    if not len(sat.steps):
        return False, nums | dict(detail=tr("gan.sat.none", **nums))
    r = sat.median_ratio
    nums |= dict(first=int(sat.steps[0]), last=int(sat.steps[-1]),
                 ratio=f"{r:.0f}" if r >= 10 else f"{r:.1f}", smallest=f"{sat.smallest_ratio:.1f}")
    holds = sat.median_ratio >= 10
    return holds, nums | dict(detail=tr("gan.sat.weak", **nums))


def _coverage(run: compute.GanRun, c: Choices) -> tuple[bool, dict]:
    sc = run.scores
    m, K = int(sc.modes[-1]), sc.n_modes
    return m >= MODE_SHARE * K, dict(m=m, K=K, S=f"{run.S:,}",
                                     q=f"{100 * sc.high_quality[-1]:.0f}",
                                     best=int(sc.modes.max()))


LESSONS = (
    claims.Claim("gan.claim.sat", "gan.claim.sat_not", _saturation),
    claims.Claim("gan.claim.modes", "gan.claim.collapse", _coverage,
                 applies=lambda c: c.key.data in ("ring", "grid")),
)


# ---- one moment -------------------------------------------------------------------------------

def metrics_row(run: compute.GanRun, f: compute.GanFrame) -> None:
    s = f.step
    i = min(max(s, 1), run.S) - 1
    sc = run.scores
    row = [(tr("gan.m.step"), f"{s:,} / {run.S:,}" + (f" + D {f.phase}" if f.phase else ""))]
    if s:
        row += [("D(x)", f"{run.d_real[i]:.2f}"), ("D(G(z))", f"{run.g_fake[i]:.3f}"),
                (tr("gan.m.grad"), f"{run.g_norm_minimax[i]:.2g} / {run.g_norm_ns[i]:.2g}")]
    row.append((tr("gan.m.mmd"), f"{sc.mmd2[f.t - 1]:.3g}"))
    if sc.n_modes:
        row.append((tr("gan.m.modes"), f"{int(sc.modes[f.t - 1])} / {sc.n_modes}"))
    common.metrics(row)


def position_caption(run: compute.GanRun, c: Choices, f: compute.GanFrame) -> None:
    """What the moment is, in words (paused only: while playing it changes five times a
    second)."""
    upcoming = ganplayer.next_update(run, f.t, f.extra)
    if f.extra == 0:
        text = tr("gan.pos.snapshot", step=f"{f.step:,}")
    elif f.phase:
        s, j = f.step, f.phase
        text = tr("gan.pos.after_d", step=f"{s + 1:,}", j=j, k=run.k,
                  loss=f"{run.d_loss_each[s, j - 1]:.3f}", real=f"{run.d_real_each[s, j - 1]:.2f}",
                  fake=f"{run.d_fake_each[s, j - 1]:.3f}")
    else:
        text = tr("gan.pos.after_g", step=f"{f.step:,}", loss=f"{run.g_loss[f.step - 1]:.3f}",
                  fake=f"{run.g_fake[f.step - 1]:.3f}")
    nxt = {"D": "gan.next.d", "G": "gan.next.g", None: "gan.next.none"}[upcoming]
    parts = [text, tr(nxt, j=f.phase + 1, k=run.k, step=f"{f.step + 1:,}")]
    if upcoming == "G" and f.step < c.key.head:
        parts.append(tr("gan.pos.waits", head=c.key.head))
    st.caption(" ".join(parts))


def views(run: compute.GanRun, c: Choices, t: int, extra: int) -> None:
    f = run.replayed(t, extra, st.session_state.setdefault("gan.replay", {}))
    token = common.token(run)
    labels = {"real": tr("gan.real"), "fake": tr("gan.fake"), "pull": tr("gan.pull"),
              "manifold": tr("gan.manifold")}
    left, right = st.columns(2)
    fig = figcache.reuse("gan.space", token, lambda: ganplots.data_space(
        run.grid, f.d_map, run.real, f.fake, f.pull_end, labels=labels))
    ganplots.set_data_space(fig, run.grid, f.d_map, f.fake, f.pull_end)
    livechart.show(fig, key="gan.space", container=left, title=tr("gan.space"))
    fig = figcache.reuse("gan.manifold", token, lambda: ganplots.manifold(
        run.grid, run.real, f.manifold, labels=labels))
    ganplots.set_manifold(fig, f.manifold)
    livechart.show(fig, key="gan.manifold", container=right, title=tr("gan.manifold_title"))
    metrics_row(run, f)
    if not ganplayer.live.playing(ganplayer.PREFIX):
        position_caption(run, c, f)
    curves(run, c, f, token)


def _curve(slot, token, run, series, at, box, *, log_y=False, title="", x=None, hline=None,
           hline_text=""):
    """A chart of records over the steps with a marker at step ``at``; per-step records are drawn
    as bin means (:meth:`GanRun.curve`), ``x`` given: as they are."""
    def build():
        drawn = [(name, *((x, y) if x is not None else run.curve(y)), style)
                 for name, y, style in series]
        xs = drawn[0][1]
        fig = charts.curves(xs, [(n, y, st_) for n, _, y, st_ in drawn], 1,
                            xlabel=tr("gan.x.step"), ylabel="", height=260, log_y=log_y)
        if log_y:  # one tick per power of ten (plotly labels 2 and 5 within each decade)
            fig.update_yaxes(dtick=1)
        if hline is not None:  # a reference level, named in the legend
            fig.add_trace(go.Scatter(x=[float(xs[0]), float(xs[-1])], y=[hline, hline],
                                     mode="lines", name=hline_text, hoverinfo="skip",
                                     line=dict(color="#999", dash="dash", width=1)))
        return fig
    fig = figcache.reuse(slot, token, build)
    ganplots.set_marker(fig, at)
    livechart.show(fig, key=slot, container=box, title=title)


def curves(run: compute.GanRun, c: Choices, f: compute.GanFrame, token) -> None:
    at = f.step
    ns, mm = ("solid", "dot") if c.key.loss == "non_saturating" else ("dot", "solid")
    cols = st.columns(3)
    _curve("gan.losses", token, run, [
        ("L_D", run.d_loss, {"color": ganplots.REAL, "width": 1.5}),
        ("L_G", run.g_loss, {"color": ganplots.FAKE, "width": 1.5})], at, cols[0],
        title=tr("gan.losses"))
    _curve("gan.verdict", token, run, [
        ("D(x)", run.d_real, {"color": ganplots.REAL, "width": 1.5}),
        ("D(G(z))", run.g_fake, {"color": ganplots.FAKE, "width": 1.5})], at, cols[1],
        title=tr("gan.verdict"), hline=0.1, hline_text="0.1")
    _curve("gan.grads", token, run, [
        (tr("gan.loss.minimax"), run.g_norm_minimax,
         {"color": "#d62728", "dash": mm, "width": 1.5}),
        (tr("gan.loss.non_saturating"), run.g_norm_ns,
         {"color": "#2ca02c", "dash": ns, "width": 1.5})], at, cols[2], log_y=True,
        title=tr("gan.grads"))
    sc, steps = run.scores, run.steps.astype(np.float32)
    cols = st.columns(2)
    _curve("gan.mmd", token, run, [("MMD²", np.maximum(sc.mmd2, 1e-9),
                                     {"color": ganplots.MANIFOLD})], at, cols[0], x=steps,
           log_y=True, title=tr("gan.mmd"), hline=max(sc.mmd2_floor, 1e-9),
           hline_text=tr("gan.floor"))
    if sc.n_modes:
        _curve("gan.modes", token, run, [
            (tr("gan.m.modes"), sc.modes.astype(np.float32),
             {"color": ganplots.MANIFOLD, "shape": "hv"})], at, cols[1], x=steps,
            title=tr("gan.modes", K=sc.n_modes))
    else:
        cols[1].caption(tr("gan.no_modes"))


def after(run: compute.GanRun, c: Choices) -> None:
    """What does not follow the moment: what a step is, and what the arrows are."""
    with st.expander(tr("gan.how")):
        st.markdown(tr("gan.how_text", k=c.key.k, every=int(run.steps[1] - run.steps[0])
                       if run.T > 1 else 0, head=c.key.head))
    st.caption(tr("gan.timing", fit=f"{run.fit_ms / 1000:.1f}", prep=f"{run.prep_ms / 1000:.1f}"))


def draw(run: compute.GanRun, c: Choices) -> None:
    ganplayer.player(run, lambda t, u: views(run, c, t, u))
    after(run, c)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("gan", sidebar=sidebar, fit=fit, draw=draw, lessons=LESSONS)
