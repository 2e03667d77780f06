"""Why sigmoid saturates (docs/lecture.md §6): a 6-layer sigmoid network against the same with ReLU,
trained alike; the gradient norm of every layer while training, where each layer's activations
sit, and the activation functions with the regions where σ′(z) is nearly 0."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import claims, figcache, livechart, nncharts, state
from playground.compute import nn as nnc
from playground.compute import nn_probe
from playground.i18n import tr
from playground.text import plain


def names() -> dict:
    return {a: tr(f"nn.a.{a}") for a in nn_probe.DEEP_ACTIVATIONS}


def ratio_claim(deep: nn_probe.DeepRun) -> claims.Claim:
    """Sigmoid's layer 1 gets at most 10⁻² of layer 6's gradient, ReLU's at least 10⁻¹; when the
    ReLU network died (every gradient 0) the otherwise-text says so."""
    dead = deep.dead_from("relu")

    def check(_run, _c):
        s, r = deep.ratio("sigmoid"), deep.ratio("relu")
        holds = dead is None and s <= -2.0 and r >= -1.0
        return holds, {"sig": f"{s:.1f}", "relu": f"{r:.1f}", "epoch": dead or 0}
    return claims.Claim("nn.claim.vanish",
                        "nn.claim.vanish_dead" if dead is not None else "nn.claim.vanish_not",
                        check)


def log_range(deep: nn_probe.DeepRun) -> tuple[int, int]:
    """Whole powers of ten that hold every nonzero gradient norm of the run (at most 10⁻¹²)."""
    norms = np.concatenate([r.grad_norms.ravel() for r in deep.records.values()])
    norms = norms[norms > 0]
    if not len(norms):
        return -6, 0
    lo = int(max(-12, np.floor(np.log10(norms.min()))))
    return lo, max(lo + 1, int(np.ceil(np.log10(norms.max()))))


def panel(run: nnc.NNRun, t: int) -> None:
    st.caption(tr("nn.sat_lead", layers=len(nn_probe.DEEP_HIDDEN)))
    try:
        with st.spinner(tr("nn.sat_fitting")):
            deep = nn_probe.deep_run(run.spec)
    except ValueError as exc:  # a deep network diverged in its first epoch: say so, in words
        st.error(tr("nn.sat_failed", err=plain(exc, 400)), icon=":material/error:")
        return
    for act, why in deep.stopped.items():
        if why:
            st.warning(tr("nn.sat_stopped", act=tr(f"nn.a.{act}"), t=deep.records[act].epochs,
                          why=why), icon=":material/warning:")
    t_deep = min(t, deep.T)
    token = (id(deep), state.get("lang"))
    left, right = st.columns(2)
    L = len(nn_probe.DEEP_HIDDEN) + 1
    fig = figcache.reuse("nn.norms", token, lambda: nncharts.norm_bars(
        names(), L, *log_range(deep), ylabel=tr("nn.norm_axis")))
    nncharts.set_norm_bars(fig, deep.norms(t_deep))
    livechart.show(fig, key="nn.norms", container=left, title=tr("nn.norms", t=t_deep))
    fig = figcache.reuse("nn.acts", token, lambda: nncharts.activation_maps(
        names(), len(nn_probe.DEEP_HIDDEN), deep.his, xlabel=tr("nn.layer_axis"), ylabel="a",
        share=tr("nn.share")))
    nncharts.set_activation_maps(fig, deep.activations(t_deep))
    livechart.show(fig, key="nn.acts", container=right, title=tr("nn.acts", t=t_deep))
    claims.say((ratio_claim(deep),), run, None)
    curves = nn_probe.activation_curves()
    fig = figcache.reuse("nn.funcs", state.get("lang"), lambda: nncharts.activation_functions(
        curves, {a: tr(f"nn.a.{a}") for a in curves}, sat_label=tr("nn.saturated"),
        deriv="σ′(z)"))
    livechart.show(fig, key="nn.funcs", title=tr("nn.funcs"))
