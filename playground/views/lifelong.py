"""Lifelong learning (docs/lecture.md §7): the lecture's two-parameter picture, live, and a real
sequence of digit tasks learned by fine-tuning, L2, EWC, MAS and SCP."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from playground import charts, claims, common, controls, figcache, livechart, runner, state
from playground import lifelong_claims as lessons
from playground import lifelong_plots as lp
from playground import livemath as m
from playground.compute import lifelong as ll
from playground.i18n import tr

METHODS = ll.METHODS
PENALISED = ("l2", "ewc", "mas", "scp")


def names() -> dict:
    return {k: tr(f"ll.m.{k}") for k in METHODS}


@dataclass(frozen=True)
class Choices:
    view: str
    plam: float
    pmethod: str
    spec: ll.SequenceSpec
    lams: tuple  # ((method, λ), ...) for the penalised methods
    method: str  # the sequence's focus: its matrix, guards and formula

    def lam(self, method: str) -> float:
        return dict(self.lams).get(method, 0.0)


def sidebar() -> Choices:
    view = controls.select("ll_view", "ll.view", lambda v: tr(f"ll.v.{v}"), radio=True)
    label = names().get
    plam = state.get("ll_plam")
    pmethod = state.get("ll_pmethod")
    if view == "picture":
        plam = controls.slider("ll_plam", "ll.plam", step=0.1)
        pmethod = controls.select("ll_pmethod", "ll.pmethod", label)
        return Choices(view, plam, pmethod, ll.SequenceSpec(), (), "ewc")
    st.sidebar.subheader(tr("ll.sb.tasks"))
    kind = controls.select("ll_tasks", "ll.tasks", lambda k: tr(f"ll.k.{k}"))
    n_tasks = controls.slider("ll_n", "ll.n")
    angle = controls.slider("ll_angle", "ll.angle", step=2.5) if kind == "rotated" else 0.0
    st.sidebar.subheader(tr("ll.sb.model"))
    hidden = controls.slider("ll_hidden", "ll.hidden", step=4)
    epochs = controls.slider("ll_epochs", "ll.epochs")
    st.sidebar.subheader(tr("ll.sb.methods"))
    lams = tuple((k, controls.slider(f"ll_lam_{k}", f"ll.lam_{k}")) for k in PENALISED)
    fisher = controls.select("ll_fisher", "ll.fisher", lambda f: tr(f"ll.f.{f}"))
    dirs = controls.slider("ll_dirs", "ll.dirs")
    focus = controls.select("ll_method", "ll.method", label)
    seed = controls.slider("seed", "sb.seed")
    spec = ll.SequenceSpec(kind, n_tasks, float(angle), hidden, epochs, fisher, dirs, seed)
    return Choices(view, plam, pmethod, spec, lams, focus)


def fit(c: Choices):
    if c.view == "picture":
        return ll.picture_run(float(c.plam))
    slot = st.empty()  # progress while the methods train (each one cached once trained)
    for i, k in enumerate(METHODS):
        slot.progress(i / len(METHODS), text=tr("ll.training", method=names()[k], i=i + 1,
                                                 n=len(METHODS), n_tasks=c.spec.n_tasks))
        ll.method_run(c.spec, k, float(c.lam(k)))
    slot.empty()
    return ll.sequence_run(c.spec, tuple((k, float(c.lam(k))) for k in METHODS), c.method)


def rounds(c: Choices) -> runner.Rounds:
    if c.view == "picture":
        return runner.Rounds("ll_pt", "ll.step_t", picture_views)
    return runner.Rounds("ll_t", "ll.epoch_t", sequence_views)


# ---- the two-parameter picture -------------------------------------------------------------------

def picture_views(run: ll.PictureRun, c: Choices, t: int) -> None:
    k = c.pmethod
    theta, losses, omega = run.paths[k][t], run.losses[k][t], run.penalty[k][t]
    common.metrics([(tr("ll.step"), f"{t} / {run.T}"), (f"θ ({names()[k]})",
                                                         f"({theta[0]:.2f}, {theta[1]:.2f})"),
                    ("L₁", f"{losses[0]:.4f}"), ("L₂", f"{losses[1]:.4f}"), ("Ω", f"{omega:.4f}")])
    labels = {"task1": tr("ll.task1")}
    ellipse_name = tr("ll.ellipse", method=names()[k])
    maps = (("ll.L1", run.L1, METHODS, run.ellipses.get(k)), ("ll.L2", run.L2, METHODS, None),
            ("ll.Lp", run.Lp[k], (k,), run.ellipses.get(k)))
    row1, row2 = st.columns(2), st.columns(2)  # the lecture's two surfaces side by side
    for col, (key, L, shown, ellipse) in zip([*row1, row2[0]], maps):
        slot = f"ll.map.{key}"
        fig = figcache.reuse(slot, common.token(run, k), lambda: lp.loss_map(
            run.t1, run.t2, L, methods=list(shown), names=names(), task1_path=run.task1_path,
            theta_b=run.theta_b, ellipse=ellipse, ellipse_name=ellipse_name, labels=labels))
        lp.set_paths(fig, {s: run.paths[s] for s in shown}, t)
        livechart.show(fig, key=slot, container=col, title=tr(key, method=names()[k]))
    x = np.arange(run.T + 1)
    fig = figcache.reuse("ll.L1_steps", common.token(run), lambda: charts.curves(
        x, [(names()[s], run.losses[s][:, 0], {"color": lp.COLORS[s]}) for s in METHODS], t + 1,
        xlabel=tr("ll.ax.step"), ylabel=tr("ll.loss1"), height=380))
    charts.set_curves_t(fig, x, t + 1)
    livechart.show(fig, key="ll.L1_steps", container=row2[1], title=tr("ll.L1_steps"))


def picture_after(run: ll.PictureRun, c: Choices) -> None:
    """What does not follow t: the lesson with its numbers, the losses after task 2, the guards."""
    st.caption(tr("ll.picture_note"))
    claims.say(lessons.PICTURE, run, c)
    left, right = st.columns([3, 2])
    fig = lp.after_bars(list(METHODS), names(), [run.losses[k][-1, 0] for k in METHODS],
                        [run.losses[k][-1, 1] for k in METHODS],
                        labels={"loss1": tr("ll.loss1"), "loss2": tr("ll.loss2"),
                                "loss": tr("ll.loss")})
    livechart.show(fig, key="ll.after", container=left, title=tr("ll.after"))
    import pandas as pd
    right.markdown(f"**{tr('ll.guards_table')}**")
    right.dataframe(pd.DataFrame({tr("ll.col.method"): [names()[k] for k in METHODS],
                                  "b₁": [run.b[k][0] for k in METHODS],
                                  "b₂": [run.b[k][1] for k in METHODS]}).style.format(
        {"b₁": "{:.4f}", "b₂": "{:.4f}"}), hide_index=True)


# ---- the digit sequence --------------------------------------------------------------------------

def formula_lines(lam: float, data_loss: float, penalty: float, share: float) -> list:
    """L′ = L + Ω with this epoch's numbers, then λ and Ω's share of L′ (live MathML)."""
    prime = [m.sup(m.i("L"), m.o("′"))]
    return [[*prime, m.o("="), m.i("L"), m.o("+"), m.i("Ω"), m.o("="), m.number(data_loss),
             m.o("+"), m.number(penalty), m.o("="), m.number(data_loss + penalty)],
            [m.i("λ"), m.o("="), m.n(f"{lam:g}"), m.o(","), m.SPACE, m.i("Ω"), m.o("/"), *prime,
             m.o("="), m.n(f"{100 * share:.1f}"), m.o("%")]]


def sequence_views(run: ll.SequenceRun, c: Choices, t: int) -> None:
    s = run.at(t)
    focus = run.runs[run.focus]
    T = run.spec.n_tasks
    common.metrics([("t", tr("ll.task_epoch", k=s.task + 1, T=T, e=s.epoch)),
                    (f"λ ({names()[run.focus]})", f"{focus.lam:g}"),
                    ("L", f"{s.data_loss:.3f}"), ("Ω", f"{s.penalty:.3f}"),
                    ("Ω / L′", f"{100 * s.share:.1f} %")])
    token = common.token(run)
    left, right = st.columns(2)
    fig = figcache.reuse("ll.matrix", token, lambda: lp.accuracy_matrix(s.matrix, s.task, labels={
        "acc": tr("pt.accuracy"), "x": tr("ll.ax.on"), "y": tr("ll.ax.after"),
        "hover": "R[%{y}, %{x}] = %{z:.3f}"}))
    lp.set_matrix(fig, s.matrix, s.task)
    livechart.show(fig, key="ll.matrix", container=left,
                   title=tr("ll.matrix", method=names()[run.focus]))
    x = np.arange(1, run.T + 1)
    fig = figcache.reuse("ll.first", token, lambda: first_task_curves(run, x, t))
    charts.set_curves_t(fig, x, t)
    livechart.show(fig, key="ll.first", container=right, title=tr("ll.first"))

    left, right = st.columns(2)
    fig = figcache.reuse("ll.summary", token, lambda: lp.summary_bars(
        list(METHODS), names(), s.avg, s.bwt, labels={"avg": tr("ll.avg"), "bwt": tr("ll.bwt")}))
    lp.set_summary(fig, list(METHODS), s.avg, s.bwt)
    livechart.show(fig, key="ll.summary", container=left, title=tr("ll.summary"))
    with right:
        st.markdown(f"**{tr('ll.formula')}**")
        st.latex(r"L'(\theta) = L(\theta) + \Omega(\theta),\qquad "
                 r"\Omega(\theta) = \lambda \sum_i b_i\,(\theta_i - \theta_i^b)^2")
        m.show(formula_lines(focus.lam, s.data_loss, s.penalty, s.share), key="ll.formula")
        st.caption(tr("ll.formula_note", method=names()[run.focus]))

    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('ll.guards', method=names()[run.focus], k=s.task + 1)}**")
        if run.focus == "finetune":
            st.caption(tr("ll.no_guards_ft"))
        elif s.task == 0:
            st.caption(tr("ll.no_guards"))
        else:
            lo, hi = focus.log_b
            fig = figcache.reuse("ll.guards", token, lambda: lp.guard_maps(
                s.guards, lo=lo, hi=hi, labels={"from": tr("ll.ax.from"), "to": tr("ll.ax.to")}))
            lp.set_guards(fig, s.guards, lo, hi)
            livechart.show(fig, key="ll.guards")
    with right:
        st.markdown(f"**{tr('ll.bdist', k=s.task + 1)}**")
        if s.task == 0:
            st.caption(tr("ll.no_guards"))
        else:
            counts = {k: s.b_hist[k] for k in PENALISED}
            fig = figcache.reuse("ll.bdist", token, lambda: lp.guard_histograms(
                ll.LOG_B, counts, names(), labels={"share": tr("ll.share")}))
            lp.set_histograms(fig, counts)
            livechart.show(fig, key="ll.bdist")


def first_task_curves(run: ll.SequenceRun, x: np.ndarray, t: int):
    series = [(names()[k], r.scores[:, 0], {"color": lp.COLORS[k]}) for k, r in run.runs.items()]
    fig = charts.curves(x, series, t, xlabel=tr("ll.ax.epoch"), ylabel=tr("ll.ax.acc1"),
                        height=330)
    fig.update_layout(shapes=lp.task_bounds(run.runs[run.focus].task))
    fig.update_yaxes(range=[0, 1.02])
    return fig


def sequence_after(run: ll.SequenceRun, c: Choices) -> None:
    """What does not follow t: the lessons, every method's final numbers, the carry-over rules."""
    claims.say(lessons.SEQUENCE, run, c)
    import pandas as pd
    rows = [{tr("ll.col.method"): names()[k], tr("ll.col.lam"): r.lam,
             tr("ll.col.avg"): r.average_accuracy, tr("ll.col.bwt"): r.backward_transfer,
             tr("ll.col.forget1"): r.forgetting_first, tr("ll.col.new"): r.new_task_accuracy,
             tr("ll.col.time"): r.fit_s} for k, r in run.runs.items()]
    st.markdown(f"**{tr('ll.table')}**")
    st.dataframe(pd.DataFrame(rows).style.format(precision=3).format(
        "{:g}", subset=[tr("ll.col.lam")]).format("{:.2f}", subset=[tr("ll.col.time")]),
        hide_index=True)
    st.markdown(tr("ll.rules"))


def after_rounds(run, c: Choices) -> None:
    (picture_after if c.view == "picture" else sequence_after)(run, c)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("ll", sidebar=sidebar, fit=fit, draw=after_rounds, rounds=rounds)
