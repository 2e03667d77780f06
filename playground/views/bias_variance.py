"""Why bagging works: bias and variance, live (docs/lecture.md §1).

Many training sets from one data set's own generator; every method fitted on each
(``compute.bias_variance``, decomposed by ``algorithms.bias_variance``). The page draws every fit
and their mean against the truth (regression) or the main prediction, its bias and its variance
as maps (classification), the parts against the ensemble size, and says the lecture's three
points only when this run's numbers bear them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from playground import bvcharts, controls, datasets, livechart, runner, settings, truth
from playground.claims import Claim
from playground.compute import bias_variance as bvc
from playground.i18n import tr

PAGE = "bv"


@dataclass(frozen=True)
class Choices:
    setup: bvc.Setup

    @property
    def regression(self) -> bool:
        return self.setup.task == "regression"


def sidebar() -> Choices:
    st.sidebar.subheader(tr("sb.model"))
    task = controls.select("bv_task", "bv.task", lambda v: tr(f"bv.task.{v}"), radio=True)
    T = controls.slider("bv_T", "bv.T")
    lr = controls.slider("bv_lr", "bv.lr", step=0.05)
    depth = controls.slider("bv_depth", "bv.depth")
    gb_depth = controls.slider("bv_gbdepth", "bv.gbdepth")
    st.sidebar.subheader(tr("sb.data"))
    name = controls.select("bv_data1" if task == "regression" else "bv_data2", "sb.dataset",
                           controls.dataset_label)
    own = {}
    for p in datasets.spec(name).params:
        if p.name not in settings.COMMON_DATA_PARAMS:
            own[p.name] = controls.slider(p.name, f"sb.{p.name}")
    n = controls.slider("bv_n", "bv.n", step=10)
    noise = controls.slider("bv_noise", "bv.noise", step=0.05)
    cap = max(2, bvc.MAX_WORK // (T * n))
    S = controls.slider("bv_sets", "bv.sets", max_value=cap)
    if cap < settings.bounds(settings.BY_NAME["bv_sets"])[1]:
        st.sidebar.caption(tr("bv.sets_capped", T=T, n=n, cap=cap))
    seed = controls.slider("seed", "sb.seed")
    params = tuple(sorted({"n": n, "noise": noise, **own}.items()))
    return Choices(bvc.Setup(task, name, params, S, T, depth, gb_depth, lr, seed))


def fit(c: Choices) -> bvc.BVRun:
    return bvc.bv_run(c.setup)


# ---- the lecture's three points, checked against this run ----------------------------------

def parts(run: bvc.BVRun) -> tuple[str, str]:
    """(variance part, bias part) of the run's decomposition."""
    return ("variance", "bias2") if run.setup.task == "regression" else ("net_variance", "bias")


def words(run: bvc.BVRun) -> dict:
    V, B = parts(run)
    d = run.setup.depth
    return {"vw": tr(f"bv.w.{V}"), "bw": tr(f"bv.w.{B}"), "T": run.T,
            "tree": tr("bv.a_tree_d", d=d) if d else tr("bv.a_tree"),
            "the_tree": tr("bv.the_tree_d", d=d) if d else tr("bv.the_tree")}


SMALL_N = 60  # points per training set below which a bootstrap set is a much coarser picture
FEW_SETS = 10  # training sets below which modes and variances are rough estimates


def check_bagging(run: bvc.BVRun, c: Choices) -> tuple[bool, dict]:
    V, B = parts(run)
    tree, bag = run.get("tree"), run.get("bagging")
    v0, v1, b0, b1 = tree.final(V), bag.final(V), tree.final(B), bag.final(B)
    cut = 1.0 - v1 / v0 if v0 > 0 else 0.0
    cuts = v0 > 0 and v1 <= 0.75 * v0
    holds = cuts and abs(b1 - b0) <= 0.5 * (v0 - v1)
    s = run.setup
    n = dict(s.params)["n"]
    if s.T == 1:
        why = tr("bv.why.T1")
    elif n < SMALL_N:
        why = tr("bv.why.bag_small", n=n)
    elif not cuts and 0 < s.depth <= 6:
        why = tr("bv.why.shallow", d=s.depth)
    elif not cuts:
        why = tr("bv.why.little")
    else:
        why = tr("bv.why.bag_bias", n=n)
    return holds, {**words(run), "v0": v0, "v1": v1, "b0": b0, "b1": b1, "cut": cut, "why": why}


def check_boosting(run: bvc.BVRun, c: Choices) -> tuple[bool, dict]:
    _, B = parts(run)
    gb = run.get("boosting")
    b1, bT, bs = gb.first(B), gb.final(B), run.get("stumps").final(B)
    holds = bT <= 0.5 * b1
    s = run.setup
    if b1 < 0.02:
        why = tr("bv.why.no_bias", gd=s.gb_depth)
    elif s.gb_depth == 1 and s.data in truth.NOT_ADDITIVE:
        why = tr("bv.why.additive")
    else:
        why = tr("bv.why.few", T=s.T, lr=s.lr, n=dict(s.params)["n"])
    cut = 1.0 - bT / b1 if b1 > 0 else 0.0
    return holds, {**words(run), "b1": b1, "bT": bT, "bs": bs, "cut": cut, "why": why}


def check_trees(run: bvc.BVRun, c: Choices) -> tuple[bool, dict]:
    V, B = parts(run)
    tree, stump = run.get("tree"), run.get("stumps")
    vt, bt, vs, bs = tree.final(V), tree.final(B), stump.final(V), stump.final(B)
    deep_varies, stump_misses = vt > bt, bs > vs
    s = run.setup
    noise = dict(s.params)["noise"]
    n = dict(s.params)["n"]
    if s.n_sets < FEW_SETS:
        why = tr("bv.why.rough", S=s.n_sets)
    elif not deep_varies and 0 < s.depth <= 6:
        why = tr("bv.why.depth", d=s.depth)
    elif not deep_varies and noise < 0.2:
        why = tr("bv.why.quiet", noise=noise)
    elif not deep_varies:
        why = tr("bv.why.hard", n=n)
    else:
        why = tr("bv.why.easy")
    return deep_varies and stump_misses, {**words(run), "vt": vt, "bt": bt, "vs": vs, "bs": bs,
                                          "why": why}


CLAIMS = (Claim("bv.c.bag", "bv.c.bag.no", check_bagging),
          Claim("bv.c.boost", "bv.c.boost.no", check_boosting),
          Claim("bv.c.trees", "bv.c.trees.no", check_trees))


# ---- drawing --------------------------------------------------------------------------------

def method_label(run: bvc.BVRun, name: str) -> str:
    if name == "tree" and run.setup.depth:
        return tr("bv.m.tree_d", d=run.setup.depth)
    return tr(f"bv.m.{name}")


ORDER = ("tree", "bagging", "forest", "stumps", "boosting")  # variance's row, then bias's


def part_label(run: bvc.BVRun, part: str) -> str:
    if part == "noise" and run.setup.task == "classification":
        return tr("bv.p.noise_c")
    return tr(f"bv.p.{part}")


def against_T_chart(run: bvc.BVRun, parts_: list[str]) -> None:
    """One subplot per part: the ensembles' curves over t, the single learners as levels."""
    panels = []
    for part in parts_:
        # a forest that is bagging (one feature) has bagging's numbers: dashed on top of them
        series = [(method_label(run, m), run.get(m).curves[part], m,
                   "dash" if m == "forest" and run.forest_is_bagging else None)
                  for m in bvc.ENSEMBLES]
        refs = [(method_label(run, m), run.get(m).final(part), m) for m in ("tree", "stumps")]
        panels.append({"title": part_label(run, part), "series": series, "refs": refs})
    livechart.show(bvcharts.against_T(run.T, panels, xlabel=tr("bv.t")), key="bv.against",
                   title=tr("bv.against"))


def numbers_table(run: bvc.BVRun, summed: list[str], total: str, extra: tuple = ()) -> None:
    """The parts that add up, their sum, the expected loss computed on its own, and ``extra``
    columns (the two variances the net variance is made of)."""
    name = tr("bv.method")
    rows = {name: [method_label(run, m) for m in ORDER]}
    for part in summed:
        rows[part_label(run, part)] = [run.get(m).final(part) for m in ORDER]
    rows[tr("bv.p.sum")] = np.sum([rows[part_label(run, p)] for p in summed], axis=0)
    rows[tr(f"bv.p.{total}")] = [run.get(m).final(total) for m in ORDER]
    for part in extra:
        rows[tr(f"bv.p.{part}")] = [run.get(m).final(part) for m in ORDER]
    fmt = {k: st.column_config.NumberColumn(format="%.4f") for k in rows if k != name}
    st.markdown(f"**{tr('bv.table', T=run.T)}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height="content",
                 column_config=fmt)
    st.caption(tr("bv.gap", gap=max(run.get(m).gap for m in ORDER)))


def parts_chart(run: bvc.BVRun, parts_: list[str], total: str, container) -> None:
    values = [(part_label(run, p), np.array([run.get(m).final(p) for m in ORDER]), p)
              for p in parts_]
    totals = np.array([run.get(m).final(total) for m in ORDER])
    fig = bvcharts.parts_bars([method_label(run, m) for m in ORDER], values, totals,
                              xlabel=tr(f"bv.p.{total}"), total_label=tr(f"bv.p.{total}"))
    livechart.show(fig, key="bv.parts", container=container, title=tr("bv.parts"))


def draw_regression(run: bvc.BVRun, c: Choices) -> None:
    s = run.setup
    panels = [{"name": m, "faint": run.get(m).faint, "main": run.get(m).main,
               "title": tr("bv.panel", name=method_label(run, m), b=run.get(m).final("bias2"),
                           v=run.get(m).final("variance"))} for m in ORDER]
    labels = {"fit": tr("bv.fit"), "mean": tr("bv.mean"), "truth": tr("bv.truth"),
              "example": tr("bv.example", S=s.n_sets)}
    livechart.show(bvcharts.fits_grid(run.x, run.f, panels, run.example, labels=labels),
                   key="bv.fits", title=tr("bv.fits", T=run.T))
    against_T_chart(run, ["bias2", "variance", "error"])
    left, right = st.columns([1, 1.3])
    parts_chart(run, ["noise", "bias2", "variance"], "error", left)
    with right:
        st.caption(tr("bv.how_reg", S=s.n_sets, n=dict(s.params)["n"],
                      sigma=np.sqrt(run.noise_var), m=len(run.x)))
        st.caption(tr("bv.forest_1d"))
    numbers_table(run, ["noise", "bias2", "variance"], "error")


def draw_classification(run: bvc.BVRun, c: Choices) -> None:
    s = run.setup
    panels = [{"title": tr("bv.panel_c", name=method_label(run, m), b=run.get(m).final("bias"),
                           v=run.get(m).final("net_variance")),
               "code": run.get(m).main, "bias": run.get(m).bias_map,
               "variance": run.get(m).variance_map} for m in ORDER]
    X, y = run.example
    labels = {"example": tr("bv.example", S=s.n_sets), "bayes": tr("bv.bayes")}
    livechart.show(bvcharts.maps_grid(run.grid, run.K, {"X": X, "y": y, "bayes": run.bayes},
                                      panels, labels=labels),
                   key="bv.maps", title=tr("bv.maps", S=s.n_sets, T=run.T))
    against_T_chart(run, ["bias", "net_variance", "loss"])
    left, right = st.columns([1, 1.3])
    parts_chart(run, ["noise", "bias", "net_variance"], "loss", left)
    right.caption(tr("bv.how_clf", S=s.n_sets, n=dict(s.params)["n"], m=bvc.N_TEST, G=bvc.GRID,
                     sigma=run.extra["sigma"], N=run.get("tree").final("bayes_error")))
    numbers_table(run, ["noise", "bias", "net_variance"], "loss",
                  ("unbiased_variance", "biased_variance"))


def draw(run: bvc.BVRun, c: Choices) -> None:
    st.session_state["perf.bv"] = run.fit_ms  # the cached run's own time (benchmarks read it)
    (draw_regression if c.regression else draw_classification)(run, c)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run(PAGE, sidebar=sidebar, fit=fit, draw=draw, lessons=CLAIMS)
