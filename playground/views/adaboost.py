"""AdaBoost, round by round (docs/lecture.md §3): u_t, ε_t, d_t, α_t, the bound, the margins."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from playground import (charts, claims, common, compute, controls, datasets, figcache, hands,
                        inspector, learners, livechart, plots, runner, state)
from playground import livemath as m  # m.i, m.n, m.sub ...: round t's numbers as MathML
from playground.i18n import tr


def point_sizes(u: np.ndarray) -> np.ndarray:
    """Marker size grows with the example weight u_t (area ~ u_t / mean u_t)."""
    rel = u / u.mean()
    return np.clip(4.0 + 5.0 * np.sqrt(rel), 3.0, 24.0).astype(np.float32)


GENERAL_BINARY = (
    r"\varepsilon_t = \frac{\sum_n u_t^n\,\delta(f_t(x^n)\neq y^n)}{Z_t} \\[8pt]"
    r" d_t = \sqrt{\frac{1-\varepsilon_t}{\varepsilon_t}},\qquad \alpha_t = \ln d_t \\[8pt]"
    r" u_{t+1}^n = u_t^n\, e^{-y^n f_t(x^n)\,\alpha_t} = \begin{cases} u_t^n \times d_t &"
    r" f_t(x^n)\neq y^n \\ u_t^n / d_t & f_t(x^n) = y^n \end{cases} \\[8pt]"
    r" \text{err}(H_t) \le \frac{Z_{t+1}}{N} = \prod_{\tau\le t}"
    r" 2\sqrt{\varepsilon_\tau(1-\varepsilon_\tau)}")
GENERAL_SAMME = (
    r"\varepsilon_t = \frac{\sum_n u_t^n\,\delta(f_t(x^n)\neq y^n)}{Z_t} \\[8pt]"
    r" \alpha_t = \ln\frac{1-\varepsilon_t}{\varepsilon_t} + \ln(K-1)")


def round_numbers(r: compute.AdaRound, K: int) -> list:
    """Round t's numbers in the formulas above them (docs/lecture.md §3), as :mod:`livemath` lines:
    ε_t as the weighted error over Z_t, d_t and α_t = ln d_t, err(H_t) under its bound."""
    k = m.n(str(r.t))
    lines = [[m.sub(m.i("ε"), k), m.o("="), m.frac(m.number(r.eps * r.Z), m.number(r.Z)),
              m.o("="), m.number(r.eps)]]
    if K == 2:
        lines.append([m.sub(m.i("d"), k), m.o("="), m.number(r.d), m.o(","), m.SPACE,
                      m.sub(m.i("α"), k), m.o("="), m.number(r.alpha)])
        lines.append([m.text("err"), m.o("("), m.sub(m.i("H"), k), m.o(")"), m.o("="),
                      m.number(r.train_err), m.o("≤"), m.number(r.bound)])
    else:
        lines.append([m.sub(m.i("α"), k), m.o("="), m.number(r.alpha)])
    return lines


def formulas(r: compute.AdaRound, K: int) -> None:
    """The round's formulas (docs/lecture.md §3), then round t's numbers in them.

    The general formulas do not change with t: one ``st.latex`` the browser keeps as it is while
    playing. The numbers are live MathML lines (:mod:`playground.livemath`), updated in place."""
    st.latex(r"\begin{gathered}" + (GENERAL_BINARY if K == 2 else GENERAL_SAMME)
             + r"\end{gathered}")
    m.show(round_numbers(r, K), key="ab.numbers")
    if K > 2:
        st.caption(tr("ab.binary_only", k=K))


def error_axis_top(run) -> float:
    """Where the error axis ends: a little above the training and test errors, so that the test
    error's fall stays visible; the bound starts near 1 and runs off the top (its legend says
    where it starts)."""
    errs = np.r_[run.train_err, run.test_err]
    errs = errs[np.isfinite(errs)]
    return float(max(0.05, 1.25 * errs.max())) if len(errs) else 1.0


def margin_rounds(T: int, t: int) -> list:
    """The chosen rounds for the margin CDF (within 1..T), round t included."""
    raw = state.get("ab_margins")
    rounds = {int(r) for r in raw.split(",") if r.strip().isdigit()}
    return sorted({r for r in rounds if 1 <= r <= T} | {t})


def boosts_stumps(learner: tuple) -> bool:
    """Whether the base learner is the lecture's: a decision stump (a tree of depth 1)."""
    name, params = learner
    return name == "tree" and dict(params).get("depth") == 1


def toy_table(run: compute.AdaRun, learner: tuple) -> None:
    """The lecture's table (docs/lecture.md §3) beside the engine's numbers for the toy set; the
    lecture boosts stumps, so with another learner the page says how round 1 differs instead."""
    import pandas as pd
    lecture = {r["t"]: r for r in datasets.adaboost_toy_rounds()}
    if not boosts_stumps(learner):
        name, params = learner
        row = {p.name: p for p in learners.get(name).params}
        label = controls.learner_label(name) + "".join(
            f", {tr(row[p].label)} {v}" for p, v in params if p in row)
        st.info(tr("ab.toy_other_learner", learner=label, eps=run.eps[0], alpha=run.alpha[0],
                   lec_eps=lecture[1]["epsilon"], lec_alpha=lecture[1]["alpha"]))
        return
    rows = []
    for i in range(min(run.T, 3)):
        lec = lecture.get(i + 1, {})
        rows.append({"t": i + 1, f"εₜ ({tr('ab.engine')})": run.eps[i],
                     f"εₜ ({tr('ab.lecture')})": lec.get("epsilon"),
                     f"dₜ ({tr('ab.engine')})": run.d[i],
                     f"dₜ ({tr('ab.lecture')})": lec.get("d"),
                     f"αₜ ({tr('ab.engine')})": run.alpha[i],
                     f"αₜ ({tr('ab.lecture')})": lec.get("alpha")})
    st.markdown(f"**{tr('ab.toy_table')}**")
    st.dataframe(pd.DataFrame(rows).style.format(precision=3), hide_index=True)


def views(run: compute.AdaRun, c: Choices, t: int) -> None:
    """Everything that follows round t. Figures are built once per fit and updated in place."""
    d, K, show_test, discrete = compute.dataset(run.key), run.K, c.show_test, c.discrete
    r = run.at(t)
    row = [("t", f"{t} / {run.T}"), ("εₜ", f"{r.eps:.3f}"), ("αₜ", f"{r.alpha:.3f}"),
           (tr("m.train_err"), f"{r.train_err:.3f}")]
    if len(d["y_te"]):
        row.append((tr("m.test_err"), f"{r.test_err:.3f}"))
    if r.bound is not None:
        row.append((tr("ab.bound"), f"{r.bound:.3f}" if r.bound >= 1e-3 else f"{r.bound:.2e}"))
    common.metrics(row)

    left, right = st.columns(2)

    def build_H():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"))]
        if show_test and len(d["y_te"]):
            layers.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"),
                                       test=True, size=7))
        return plots.surface(run.grid, r.H, K, layers, discrete=discrete)

    fig = figcache.reuse("ab.H", common.token(run, show_test, discrete), build_H)
    plots.set_surface(fig, run.grid, r.H, K, discrete)
    inspector.ring(fig, "ab", run)
    livechart.show(fig, key="ab.H", container=left, title=tr("ab.H"),
                   on_pick=inspector.on_pick("ab", run))

    def build_f():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name="uₜ",
                               size=point_sizes(r.u), gl=True),
                  [plots.crosses(d["X_tr"][r.wrong], tr("pt.misclassified"), gl=True)]]
        return plots.surface(run.grid, r.f, K, layers, discrete=True)

    fig = figcache.reuse("ab.f", common.token(run), build_f)
    plots.set_surface(fig, run.grid, r.f, K, True)
    plots.set_sizes(fig, 0, d["y_tr"], run.classes, point_sizes(r.u))
    plots.set_xy(fig, len(fig.data) - 1, d["X_tr"][r.wrong, 0], d["X_tr"][r.wrong, 1])
    inspector.ring(fig, "ab", run)
    livechart.show(fig, key="ab.f", container=right, title=tr("ab.f"))
    hands.adaboost_below(run, t)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('ab.formulas')}**")
        formulas(r, K)
    fig = figcache.reuse("ab.bars", common.token(run), lambda: charts.round_bars(
        run.alpha, run.eps, t, labels={"round": tr("pt.round")}))
    charts.set_band(fig, t)
    livechart.show(fig, key="ab.bars", container=right, title=tr("ab.bars"))

    left, right = st.columns(2)
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": plots.SERIES["train"]})]
    if len(d["y_te"]):
        series.append((tr("pt.test"), run.test_err, {"color": plots.SERIES["test"]}))
    top = error_axis_top(run)
    if run.bound is not None:
        name = tr("ab.bound") if run.bound[0] <= top else tr("ab.bound_off", b=run.bound[0])
        series.append((name, run.bound, {"color": plots.SERIES["bound"], "dash": "dash"}))
    fig = figcache.reuse("ab.curves", common.token(run), lambda: charts.curves(
        x, series, t, xlabel=tr("pt.round"), ylabel=tr("pt.error"), top=top))
    charts.set_curves_t(fig, x, t)
    livechart.show(fig, key="ab.curves", container=left, title=tr("ab.curves"))
    if run.margins is not None:
        rounds = [q for q in margin_rounds(run.T, t) if q != t] or [run.T]
        fig = figcache.reuse("ab.margins", common.token(run, tuple(rounds)),
                             lambda: charts.margin_cdf(
                                 {q: run.margins[q - 1] for q in rounds}, xlabel=tr("pt.margin"),
                                 ylabel=tr("pt.cdf"), current=(t, r.margins),
                                 current_label=tr("pt.current_round")))
        charts.set_margin_t(fig, t, r.margins)
        inspector.vmark(fig, "ab", run, lambda s: s.margin[t - 1])
        livechart.show(fig, key="ab.margins", container=right, title=tr("ab.margins"))
    else:
        right.markdown(f"**{tr('ab.margins')}**")
        right.caption(tr(run.margins_why, k=K))


@dataclass(frozen=True)
class Choices:
    T: int
    learner: tuple  # (name, ((param, value), ...))
    key: compute.DataKey
    res: int
    show_test: bool
    discrete: bool

    @classmethod
    def of(cls, v, key: compute.DataKey | None = None) -> Choices:
        """The page's choices from its settings' values (pure: what the widgets put there)."""
        return cls(v["ab_T"], controls.learner_of("ab", v), key or compute.DataKey.of(v["data"], v),
                   v["res"], v["show_test"], v["discrete"])


def sidebar() -> Choices:
    st.sidebar.subheader(tr("sb.model"))
    controls.slider("ab_T", "ab.T", step=1)
    controls.learner("ab", "boost")
    key = controls.data_2d()
    controls.display_controls()
    return Choices.of(state.cfg(), key)


def fit(c: Choices) -> compute.AdaRun:
    return compute.adaboost_run(c.key, c.T, c.res, *c.learner)


# ---- what the page claims, checked against the run ----------------------------------------------

def after_zero(run: compute.AdaRun, _c=None) -> tuple[bool, dict]:
    """docs/lecture.md §3: the test error keeps falling after the training error reaches 0."""
    T = run.T
    zero = np.flatnonzero(run.train_err == 0)
    nums = {"T": T, "low": float(run.train_err.min()), "end": float(run.test_err[-1])}
    if not np.isfinite(run.test_err).all():
        return False, {**nums, "case": "no_test"}
    if not len(zero):
        return False, {**nums, "case": "never"}
    t0 = int(zero[0]) + 1
    at = float(run.test_err[t0 - 1])
    holds = t0 < T and nums["end"] < at
    return holds, {**nums, "t0": t0, "at": at, **({} if holds else {"case": "flat"})}


def margins_grow(run: compute.AdaRun, _c=None) -> tuple[bool, dict]:
    """docs/lecture.md §3: the margins keep growing as rounds are added: the smallest normalized margin
    rises (the CDF's left end moves right; boosting keeps pushing the least sure points)."""
    if run.margins is None or run.T < 6:
        return False, {"T": run.T, "case": "short"}
    a, b = float(run.margins[4].min()), float(run.margins[-1].min())
    return b > a, {"a": a, "b": b, "T": run.T}


def under_bound(run: compute.AdaRun, _c=None) -> tuple[bool, dict]:
    """err(H_t) <= Π 2 sqrt(ε(1-ε)) at every round (binary AdaBoost's guarantee)."""
    if run.bound is None:
        return False, {"k": run.K, "case": "samme"}
    return bool(np.all(run.train_err <= run.bound + 1e-12)), {"b": float(run.bound[-1]),
                                                               "T": run.T, "k": run.K}


LESSONS = (
    claims.Claim("ab.claim.bound", "ab.claim.bound.not", under_bound),
    claims.Claim("ab.claim.after_zero", "ab.claim.after_zero.not", after_zero),
    claims.Claim("ab.claim.margins", "ab.claim.margins.not", margins_grow),
)


def after_rounds(run: compute.AdaRun, c: Choices) -> None:
    """What does not follow t: why boosting stopped early, the toy table, the margin rounds."""
    if run.T < c.T and run.stop is not None:
        st.info(tr("ab.stopped", n=run.T, reason=stop_text(run.stop)))
    if c.key.name == "adaboost_toy":
        toy_table(run, c.learner)
    with st.expander(tr("ab.margin_rounds")):
        st.text_input(tr("ab.margin_rounds"), key=state.wkey("ab_margins"),
                      on_change=state.from_widget, args=("ab_margins",))
    hands.adaboost_end(run)


def stop_text(stop) -> str:
    """The engine's structured stop reason in the page's language."""
    return tr(f"stop.{stop.code}", **stop.fields)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("ab", sidebar=sidebar, fit=fit, draw=after_rounds, lessons=LESSONS,
               rounds=runner.Rounds("ab_t", "pl.round", views))
