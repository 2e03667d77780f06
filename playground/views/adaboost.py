"""AdaBoost, round by round (LECTURE.md §3): u_t, ε_t, d_t, α_t, the bound, the margins."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, controls, figcache, live, livechart, plots, state
from playground import livemath as m  # m.i, m.n, m.sub ...: round t's numbers as MathML
from playground.i18n import tr

PAGE = "adaboost"


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


def round_numbers(run: compute.AdaRun, t: int) -> list:
    """Round t's numbers in the formulas above them (LECTURE.md §3), as :mod:`livemath` lines:
    ε_t as the weighted error over Z_t, d_t and α_t = ln d_t, err(H_t) under its bound."""
    est = run.est
    i = t - 1
    eps = float(est.estimator_errors_[i])
    alpha = float(est.estimator_weights_[i])
    Z = float(np.asarray(est.sample_weights_[i], float).sum())
    k = m.n(str(t))
    lines = [[m.sub(m.i("ε"), k), m.o("="), m.frac(m.number(eps * Z), m.number(Z)), m.o("="),
              m.number(eps)]]
    if len(run.classes) == 2:
        d = float(np.exp(alpha))  # alpha_t = ln d_t, recorded by the estimator
        lines.append([m.sub(m.i("d"), k), m.o("="), m.number(d), m.o(","), m.SPACE,
                      m.sub(m.i("α"), k), m.o("="), m.number(alpha)])
        bound = getattr(est, "error_bound_", None)
        if bound is not None:
            lines.append([m.text("err"), m.o("("), m.sub(m.i("H"), k), m.o(")"), m.o("="),
                          m.number(float(run.train_err[i])), m.o("≤"), m.number(float(bound[i]))])
    else:
        lines.append([m.sub(m.i("α"), k), m.o("="), m.number(alpha)])
    return lines


def formulas(run: compute.AdaRun, t: int) -> None:
    """The round's formulas (LECTURE.md §3), then round t's numbers in them.

    The general formulas do not change with t: one ``st.latex`` the browser keeps as it is while
    playing. The numbers are live MathML lines (:mod:`playground.livemath`), updated in place."""
    binary = len(run.classes) == 2
    st.latex(r"\begin{gathered}" + (GENERAL_BINARY if binary else GENERAL_SAMME)
             + r"\end{gathered}")
    m.show(round_numbers(run, t), key="ab.numbers")
    if not binary:
        st.caption(tr("ab.binary_only", k=len(run.classes)))


def margin_rounds(T: int, t: int) -> list:
    """The chosen rounds for the margin CDF (within 1..T), round t included."""
    raw = state.get("ab_margins")
    rounds = {int(r) for r in raw.split(",") if r.strip().isdigit()}
    return sorted({r for r in rounds if 1 <= r <= T} | {t})


def toy_table(run: compute.AdaRun) -> None:
    """The lecture's table (LECTURE.md §3) beside the engine's numbers for the toy set."""
    import json
    import os
    import pandas as pd
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "assets",
                        "adaboost_toy.json")
    with open(path, encoding="utf-8") as fh:
        lecture = {r["t"]: r for r in json.load(fh)["rounds"]}
    est = run.est
    rows = []
    for i in range(min(run.T, 3)):
        lec = lecture.get(i + 1, {})
        eps, alpha = float(est.estimator_errors_[i]), float(est.estimator_weights_[i])
        rows.append({"t": i + 1, f"ε_t ({tr('ab.engine')})": eps,
                     f"ε_t ({tr('ab.lecture')})": lec.get("epsilon"),
                     f"d_t ({tr('ab.engine')})": float(np.exp(alpha)),
                     f"d_t ({tr('ab.lecture')})": lec.get("d"),
                     f"α_t ({tr('ab.engine')})": alpha,
                     f"α_t ({tr('ab.lecture')})": lec.get("alpha")})
    st.markdown(f"**{tr('ab.toy_table')}**")
    st.dataframe(pd.DataFrame(rows).style.format(precision=3), hide_index=True)


def _token(run, *extra):
    return (id(run), run.fit_ms, state.get("lang")) + extra


def views(run: compute.AdaRun, d: dict, t: int, show_test: bool, discrete: bool) -> None:
    """Everything that follows round t. Figures are built once per fit and updated in place."""
    est, K = run.est, len(run.classes)
    i = t - 1
    u = np.asarray(est.sample_weights_[i], float)
    row = [("t", f"{t} / {run.T}"), ("ε_t", f"{est.estimator_errors_[i]:.3f}"),
           ("α_t", f"{est.estimator_weights_[i]:.3f}"), (tr("m.train_err"), f"{run.train_err[i]:.3f}")]
    if len(d["y_te"]):
        row.append((tr("m.test_err"), f"{run.test_err[i]:.3f}"))
    bound = getattr(est, "error_bound_", None)
    if bound is not None and K == 2:
        row.append((tr("ab.bound"), f"{bound[i]:.3f}" if bound[i] >= 1e-3 else f"{bound[i]:.2e}"))
    common.metrics(row)

    left, right = st.columns(2)

    def build_H():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"))]
        if show_test and len(d["y_te"]):
            layers.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"),
                                       test=True, symbol="triangle-up", size=7))
        return plots.surface(run.grid, run.H[i], K, layers, discrete=discrete)

    fig = figcache.reuse("ab.H", _token(run, show_test, discrete), build_H)
    plots.set_surface(fig, run.grid, run.H[i], K, discrete)
    livechart.show(fig, key="ab.H", container=left, title=tr("ab.H"))

    wrong = run.wrong(i)

    def build_f():
        layers = [plots.points(d["X_tr"], d["y_tr"], run.classes, name="u_t",
                               size=point_sizes(u), gl=True),
                  [plots.crosses(d["X_tr"][wrong], tr("pt.misclassified"), gl=True)]]
        return plots.surface(run.grid, run.f_code(i), K, layers, discrete=True)

    fig = figcache.reuse("ab.f", _token(run), build_f)
    plots.set_surface(fig, run.grid, run.f_code(i), K, True)
    plots.set_sizes(fig, 0, d["y_tr"], run.classes, point_sizes(u))
    plots.set_xy(fig, len(fig.data) - 1, d["X_tr"][wrong, 0], d["X_tr"][wrong, 1])
    livechart.show(fig, key="ab.f", container=right, title=tr("ab.f"))

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('ab.formulas')}**")
        formulas(run, t)
    fig = figcache.reuse("ab.bars", _token(run), lambda: plots.round_bars(
        est.estimator_weights_[: run.T], est.estimator_errors_[: run.T], t,
        labels={"round": tr("pt.round")}))
    plots.set_band(fig, t)
    livechart.show(fig, key="ab.bars", container=right, title=tr("ab.bars"))

    left, right = st.columns(2)
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": "#0877bd"})]
    if len(d["y_te"]):
        series.append((tr("pt.test"), run.test_err, {"color": "#f59322"}))
    if bound is not None and K == 2:
        series.append((tr("ab.bound"), np.asarray(bound[: run.T]), {"color": "#666", "dash": "dash"}))
    fig = figcache.reuse("ab.curves", _token(run), lambda: plots.curves(
        x, series, t, xlabel=tr("pt.round"), ylabel=tr("pt.error")))
    plots.set_curves_t(fig, x, t)
    livechart.show(fig, key="ab.curves", container=left, title=tr("ab.curves"))
    if run.margins is not None:
        rounds = [r for r in margin_rounds(run.T, t) if r != t] or [run.T]
        fig = figcache.reuse("ab.margins", _token(run, tuple(rounds)), lambda: plots.margin_cdf(
            {r: run.margins[r - 1] for r in rounds}, xlabel=tr("pt.margin"),
            ylabel=tr("pt.cdf"), current=(t, run.margins[i])))
        plots.set_margin_t(fig, t, run.margins[i])
        livechart.show(fig, key="ab.margins", container=right, title=tr("ab.margins"))
    else:
        right.markdown(f"**{tr('ab.margins')}**")
        right.caption(tr("ab.binary_only", k=K))


def main() -> None:
    common.header("ab.title", "ab.lead")
    st.sidebar.subheader(tr("sb.model"))
    T = controls.slider("ab_T", "ab.T", step=1)
    learner = controls.base_learner("ab", depth_name="ab_depth", depth_label="ab.depth")
    depth = state.get("ab_depth") if learner[0] == "tree" else 1
    if controls.resamples(learner[0]):
        st.sidebar.info(tr("ab.resample"), icon=":material/shuffle:")
    key = controls.data_2d()
    show_test, discrete = controls.display_controls()
    common.share_note()
    if not common.need("AdaBoostClassifier", "DecisionTreeClassifier"):
        state.write_url(PAGE)
        return
    try:
        with st.spinner("…"):
            run = compute.adaboost_run(key, T, depth, state.get("res"), learner)
    except Exception as exc:  # the engine is being written: say so, keep running
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
        state.write_url(PAGE)
        return
    d = compute.dataset(key)
    if run.T < T and getattr(run.est, "stop_reason_", None):
        st.info(tr("ab.stopped", n=run.T, reason=run.est.stop_reason_))
    live.player(PAGE, "ab_t", run.T, "pl.round", lambda t: views(run, d, t, show_test, discrete))
    if key.name == "adaboost_toy":
        toy_table(run)
    with st.expander(tr("ab.margin_rounds")):
        st.text_input(tr("ab.margin_rounds"), key=state.wkey("ab_margins"),
                      on_change=lambda: state.put("ab_margins",
                                                  st.session_state["w.ab_margins"]))


main()
