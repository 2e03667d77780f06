"""Hands on the ensemble (issue 16 §2-4), page by page: what each page shows below its main
surfaces (the inspector's panel and a tree diagram) and at its end (the member strip).

The pages call these with a line each; the drawing is :mod:`playground.inspector`,
:mod:`playground.treeview` and :mod:`playground.members`, the numbers ``run.inspect``.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import compute, controls, inspector, live, members, state, treeview
from playground.i18n import tr
from playground.text import sub

# ---- AdaBoost ----------------------------------------------------------------------------------


def adaboost_below(run, t: int, discrete: bool = False) -> None:
    """Below AdaBoost's surfaces: the pinned example's story, then fₜ's tree."""
    inspector.panel("ab", run, t, where="in.where.ab")
    r = run.at(t)
    shown = treeview.show("ab", run, t, title=tr("tv.ab", t=sub(t)), token=inspector.token(run),
                          background=r.f, K=run.K)
    if not shown:
        st.caption(tr("tv.not_tree"))


def _open_round(page: str, t_name: str):
    def open_member(k: int) -> None:
        live.stop(page, t_name)
        state.set_widget(t_name, int(k))
    return open_member


def adaboost_end(run) -> None:
    """The whole ensemble: f₁ … f_T linked to H by their αₜ."""
    T = run.T
    labels = [f"f{sub(k)}" for k in range(1, T + 1)]
    alone = [tr("mb.alone", f=f"f{sub(k)}", w=f"α{sub(k)} = {run.alpha[k - 1]:.3f}")
             for k in range(1, T + 1)]
    members.strip("ab", run, labels=labels, alone=alone, weight_name="αₜ", K=run.K,
                  open_member=_open_round("ab", "ab_t") if run.inspect.is_tree(1) else None)


# ---- trees, bagging, forests -------------------------------------------------------------------

def pick_tree(run, first: int, n_panels: int):
    """A click on one of the bootstrap panels opens that learner's tree."""
    def picked(where):
        if not where:
            return
        sp = str(where.get("subplot", "xy"))
        digits = sp[1:sp.index("y")] if "y" in sp else ""
        p = int(digits) - 1 if digits.isdigit() else 0
        if 0 <= p < n_panels:
            state.set_widget("tr_tree", first + p + 1)
    return picked


def forest_below(run, t: int) -> None:
    """Below the forest's vote: the pinned example's story."""
    inspector.panel("tr", run, t, where="in.where.tr")


def forest_tree(run, t: int) -> None:
    """Tree k of the ensemble (chosen here, by a click on its small panel or in the strip)."""
    T = run.T
    if state.get("tr_tree") > T:
        state.set_widget("tr_tree", T)
    head = st.container(horizontal=True, vertical_alignment="bottom")
    head.number_input(tr("tv.k", T=T), min_value=1, max_value=T, step=1,
                      key=state.wkey("tr_tree"), on_change=state.from_widget, args=("tr_tree",),
                      width=200)
    k = int(state.get("tr_tree"))
    head.caption(tr("tv.k_how"), width=260)
    shown = treeview.show("tr", run, k, title=tr("tv.tr", k=k, T=T), token=inspector.token(run),
                          background=run.members[k - 1], K=run.K, controls=head)
    if not shown:
        st.caption(tr("tv.not_tree"))


def forest_end(run) -> None:
    T = run.T
    labels = [f"f{sub(k)}" for k in range(1, T + 1)]
    alone = [tr("mb.alone", f=f"f{sub(k)}", w=f"1/{T}") for k in range(1, T + 1)]
    members.strip("tr", run, labels=labels, alone=alone, weight_name="1/T", K=run.K,
                  open_member=_open_tree if run.inspect.is_tree(1) else None)


def _open_tree(k: int) -> None:
    state.set_widget("tr_tree", int(k))


def single_tree(run) -> None:
    """The trees page's lone tree, opened."""
    treeview.show("tr", run, 1, title=tr("tv.single"), token=inspector.token(run),
                  background=run.at(1).vote, K=run.K)


# ---- gradient boosting -------------------------------------------------------------------------

def gb_below(run, t: int) -> None:
    """Below gradient boosting's stage: the pinned example's story, then stage t's tree."""
    inspector.panel("gb", run, t, where=f"in.where.gb{run.view}")
    title = tr("tv.gb", t=sub(t))
    r = run.at(t)
    if run.view == "2d":  # fₜ's own step η αₜ fₜ as the gb.f chart shows it, blue up, orange down
        code = compute.encode_signed(r.f_grid, 1.0 / run.step_scale)
        treeview.show("gb", run, t, title=title, token=inspector.token(run), background=code, K=2)
        return
    n = inspector.pinned("gb", run)
    pin = None
    if n:
        pin = (float(run.inspect.point(n)[0]), float(run.inspect.story(n).residual[t - 1]))
    y = np.asarray(r.residuals, float)
    pad = 0.1 * (np.ptp(y) or 1.0)
    treeview.show("gb", run, t, title=title, token=inspector.token(run),
                  points=(run.x_train, y, np.zeros(len(y), int)),
                  y_range=(float(y.min() - pad), float(y.max() + pad)), pin_xy=pin)


def gb_end(run) -> None:
    if run.view != "2d":
        return
    T, step = run.T, run.inspect.weights
    labels = [f"f{sub(k)}" for k in range(1, T + 1)]
    alone = [tr("mb.alone_gb", f=f"η α{sub(k)} f{sub(k)}", w=f"{step[k - 1]:.3f}")
             for k in range(1, T + 1)]
    members.strip("gb", run, labels=labels, alone=alone, weight_name="η αₜ",
                  K=len(run.classes), open_member=_open_round("gb", "gb_t"))


# ---- stacking ----------------------------------------------------------------------------------

def stacking_below(run) -> None:
    inspector.panel("sk", run, None, where="in.where.sk")


def stacking_end(run) -> None:
    ins = run.inspect
    names = [controls.learner_label(n) for n in run.learners]
    alone = [tr("mb.alone_sk", f=nm, w=f"{w:+.2f}") for nm, w in zip(names, ins.weights)]
    if not ins.can_vote:
        st.caption(tr("mb.no_vote_sk"))
        return
    members.strip("sk", run, labels=names, alone=alone,
                  weight_name=tr("mb.final_weight"), K=run.K, title=tr("mb.title_sk"),
                  wide=True, hint=tr("mb.hint_sk"))


def ring_1d(fig, run, t: int) -> None:
    """Gradient boosting in 1-D: the pinned example at (xⁿ, yⁿ) on the data and at (xⁿ, rₜⁿ)
    on the residuals (the stage chart's two rows)."""
    n = inspector.pinned("gb", run)
    x = float(run.inspect.point(n)[0]) if n else 0.0
    at = [(x, float(run.inspect.y[n - 1]) if n else 0.0),
          (x, float(run.inspect.story(n).residual[t - 1]) if n else 0.0)]
    inspector.ring(fig, "gb", run, axes=(("x", "y"), ("x2", "y2")), at=at)
