"""The lecture track's steps (docs/lecture.md §1-5), one function per step id of
:data:`playground.lecture.track.STEPS`. Every number a step shows comes from the engine's recorded
histories (:mod:`playground.lecture.fits`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import numpy as np
import streamlit as st

from playground import compute, export, state
from playground.i18n import tr
from playground.lecture import figures as F
from playground.lecture import fits
from playground.lecture import image_claims as IC
from playground.lecture import image_figures as IF
from playground.lecture import lessons as L
from playground.lecture.look import (Ctx, animation, chart, heading, lesson, md_table, metrics,
                                     takeaway)
from playground.views.stacking import LESSONS as _SK  # the page's claims, on the lecture's fit

# The slide's own chain (docs/lecture.md §3): each number rounded to two decimals before the next
# round uses it. Quoted from the slide, not computed: the exact chain is the engine's.
SLIDE_CHAIN = ((0.30, 1.53, 0.42), (0.21, 1.94, 0.66), (0.13, 2.59, 0.95))


# ---- §1 bagging --------------------------------------------------------------------------------------

def step_bag_sets(ctx: Ctx) -> None:
    T, seed = ctx.vals["bag_T"], ctx.vals["seed"]
    b = fits.bagging(seed, T)
    heading(ctx)
    lesson(L.BAG_SETS, b)
    chart(ctx, F.bag_sets(b, tr), "sets")
    left, right = st.columns([1.6, 1])
    chart(ctx, F.bag_average(b, tr), "average", left)
    with right:
        rows = [[f"f{F.sub(t + 1)}", f"{m:.3f}"] for t, m in enumerate(b["test_mse_each"])]
        rows.append([f"**{tr('lec.bag.avg', T=T)}**", f"**{b['test_mse']:.3f}**"])
        st.markdown(md_table([tr("lec.bag.model"), tr("lec.test_mse")], rows))
        st.caption(tr("lec.bag_sets.note", N=len(b["y"])))
    ctx.csv.append(("bagging_train.csv", lambda: export.data_csv(
        {"x": b["X"], "y": b["y"], **{f"copies_in_set_{t + 1}": b["copies"][t] for t in range(T)}})))


def step_bag_oob(ctx: Ctx) -> None:
    T, seed = ctx.vals["bag_T"], ctx.vals["seed"]
    b = fits.bagging(seed, T)
    N = len(b["y"])
    share = float(np.mean(b["copies"] == 0))
    heading(ctx)
    takeaway(tr("lec.bag_oob.take", oob=b["oob_mse"], test=b["test_mse"], share=share,
                theory=(1 - 1 / N) ** N, N=N))
    left, right = st.columns([1, 1.25])
    chart(ctx, F.oob_matrix(b, tr), "oob_matrix", left)
    with right:
        rows = []
        for n in range(N):
            oob = np.flatnonzero(b["copies"][:, n] == 0)
            scored = ", ".join(f"f{F.sub(t + 1)}" for t in oob) or "—"
            pred = b["oob_pred"][n]
            rows.append([f"x{F.sup(n + 1)}", f"{b['X'][n]:.2f}", f"{b['y'][n]:.2f}", scored,
                         "—" if not np.isfinite(pred) else f"{pred:.2f}"])
        st.markdown(md_table(["n", "x", "y", tr("lec.oob.scored_by"), tr("lec.oob.pred")], rows))
    metrics([(tr("lec.oob.mse"), f"{b['oob_mse']:.3f}"), (tr("lec.test_mse"), f"{b['test_mse']:.3f}"),
             (tr("lec.oob.share"), f"{share:.1%}")])
    ctx.csv.append(("bagging_oob.csv", lambda: export.data_csv(
        {"x": b["X"], "y": b["y"], "oob_prediction": b["oob_pred"],
         **{f"copies_in_set_{t + 1}": b["copies"][t] for t in range(T)}})))
    st.page_link("views/bias_variance.py", label=tr("bv.link"), icon=":material/insights:")


# ---- §2 the image experiment ---------------------------------------------------------------------------

def _image_csv(ctx: Ctx, shape: str) -> None:
    def make():
        d = compute.dataset(fits.image_key(shape))
        return export.data_csv({"x": d["X_tr"][:, 0], "y": d["X_tr"][:, 1],
                                "inside": d["y_tr"]})
    ctx.csv.append((f"silhouette_{shape}_train.csv", make))


def _image_view(ctx: Ctx, run, what: str, xlabel: str, errors: dict, outlines: dict) -> None:
    """The picture beside the drawn shapes, then test errors and outline distances against the
    depth or T (``errors`` / ``outlines``: series name -> values per panel)."""
    pic = run.picture
    h, w = pic.mask.shape
    titles = [tr("lec.img.target", w=w, h=h)] + [
        tr(f"lec.{what}.panel", v=p.value, tr_err=p.train_err, te_err=p.test_err, out=p.outline)
        for p in run.panels]
    codes = [pic.code] + [p.code for p in run.panels]
    chart(ctx, IF.panel_row(pic.grid, codes, titles, discrete=True), "surfaces")
    values = [p.value for p in run.panels]
    # presenting, the curves (their numbers are in the panels' titles) wait in an expander, so
    # the step fits one screen
    with st.expander(tr("lec.img.curves")) if ctx.present else st.container():
        left, right = st.columns(2)
        chart(ctx, IF.error_lines(values, errors, tr, xlabel=xlabel), "errors", left)
        chart(ctx, IF.error_lines(values, outlines, tr, xlabel=xlabel,
                                  ylabel=tr("lec.img.outline"), log_y=True, fmt=".2f"),
              "outline", right)
    animation(ctx, "frames", [IF.single_panel(pic.grid, c, t.replace("<br>", " · "))
                              for c, t in zip(codes, titles)],
              ["0"] + [str(v) for v in values], prefix=xlabel + " = ")
    n, m = len(pic.train), len(pic.test)
    st.caption(tr("lec.img.colour", w=w, h=h, n=n, N=pic.n_pixels, share=n / pic.n_pixels, m=m))


def step_img_trees(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    run = fits.image_trees(shape)
    heading(ctx, verdict=IC.TREE_TITLE.evaluate(run, ctx.vals)[1])
    takeaway(IC.TREE_FITS.evaluate(run, ctx.vals)[1])
    _image_view(ctx, run, "img_trees", tr("lec.depth"),
                {tr("lec.train_err"): [p.train_err for p in run.panels],
                 tr("lec.test_err"): [p.test_err for p in run.panels]},
                {tr("lec.img.tree"): [p.outline for p in run.panels]})
    _image_csv(ctx, shape)
    fits.prefetch_image(shape)  # the next two steps, while this one is discussed


def step_img_forest(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    trees, forests = fits.image_trees(shape), fits.image_forests(shape)
    both = (trees, forests)
    heading(ctx, T=forests.T, verdict=IC.FOREST_TITLE.evaluate(both, ctx.vals)[1])
    takeaway(IC.FOREST_GAIN.evaluate(both, ctx.vals)[1])
    one, many = tr("lec.img.tree"), tr("lec.img.forest")
    _image_view(ctx, forests, "img_forest", tr("lec.depth"),
                {tr("lec.img.series", who=one, what=tr("lec.test_err")):
                 [p.test_err for p in trees.panels],
                 tr("lec.img.series", who=many, what=tr("lec.test_err")):
                 [p.test_err for p in forests.panels]},
                {one: [p.outline for p in trees.panels],
                 many: [p.outline for p in forests.panels]})
    _image_csv(ctx, shape)


def step_img_ada(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    run = fits.image_adaboost(shape)
    heading(ctx, depth=fits.ADA_DEPTH, verdict=IC.ADA_TITLE.evaluate(run, ctx.vals)[1])
    takeaway(IC.ADA_SHARPENS.evaluate(run, ctx.vals)[1])
    _image_view(ctx, run, "img_ada", "T",
                {tr("lec.train_err"): [p.train_err for p in run.panels],
                 tr("lec.test_err"): [p.test_err for p in run.panels]},
                {"AdaBoost": [p.outline for p in run.panels]})
    _image_csv(ctx, shape)


# ---- §3 the toy example ----------------------------------------------------------------------------------

def _frac(x: float) -> str:
    f = Fraction(x).limit_denominator(100)
    return f"{f.numerator}/{f.denominator}" if abs(float(f) - x) < 1e-9 else ""


def toy_table(ctx: Ctx, toy: dict, upto: int) -> None:
    rounded = st.toggle(tr("lec.toy.rounded"), key=state.wkey("rounded"),
                        on_change=state.from_widget, args=("rounded",))
    header = ["t", "εₜ", "dₜ = √((1−εₜ)/εₜ)", "αₜ = ln dₜ"]
    if rounded:
        header += [tr("lec.toy.slide") + " εₜ", tr("lec.toy.slide") + " dₜ",
                   tr("lec.toy.slide") + " αₜ"]
    rows = []
    for i in range(upto):
        row = [str(i + 1), f"{toy['eps'][i]:.3f} ({_frac(toy['eps'][i])})", f"{toy['d'][i]:.3f}",
               f"{toy['alpha'][i]:.3f}"]
        if rounded:
            row += [f"{v:.2f}" for v in SLIDE_CHAIN[i]]
        rows.append(row)
    st.markdown(md_table(header, rows))
    if rounded:
        st.markdown(tr("lec.toy.rounded_why"))


def _toy_csv(ctx: Ctx, toy: dict) -> None:
    ctx.csv.append(("adaboost_toy.csv", lambda: export.data_csv(
        {"x1": toy["X"][:, 0], "x2": toy["X"][:, 1], "y": toy["y"],
         **{f"u_{t + 1}": toy["u"][t] for t in range(len(toy["u"]))}})))


def _toy_animation(ctx: Ctx, toy: dict) -> None:
    animation(ctx, "rounds", [F.toy_round(toy, t, tr) for t in (1, 2, 3)], ["1", "2", "3"],
              prefix="t = ")


def step_toy(ctx: Ctx, t: int) -> None:
    toy = fits.toy()
    i = t - 1
    wrong = np.flatnonzero(toy["f"][i] != toy["y"])
    heading(ctx, t=t, ts=F.sub(t), d=toy["d"][i])
    takeaway(tr(f"lec.toy_{t}.take", eps=toy["eps"][i], d=toy["d"][i]))
    left, right = st.columns([1.25, 1])
    chart(ctx, F.toy_round(toy, t, tr), f"round{t}", left)
    with right:
        u, u_next = toy["u"][i], toy["u"][t]
        st.markdown(tr("lec.toy.weights_note", t=t, ts=F.sub(t), ts1=F.sub(t + 1),
                       d=toy["d"][i]))
        rows = [[f"x{F.sup(n + 1)}", f"{toy['y'][n]:+d}", f"{toy['f'][i][n]:+d}",
                 f"{u[n]:.3f}", ("**" if n in wrong else "") + f"{u_next[n]:.3f}" +
                 ("**" if n in wrong else "")] for n in range(len(u))]
        st.markdown(md_table(["n", "y", f"f{F.sub(t)}(xⁿ)", f"u{F.sub(t)}ⁿ", f"u{F.sub(t + 1)}ⁿ"],
                             rows))
        toy_table(ctx, toy, t)
    _toy_csv(ctx, toy)
    _toy_animation(ctx, toy)


def step_toy_vote(ctx: Ctx) -> None:
    toy = fits.toy()
    regions = toy["regions"]
    a = toy["alpha"]
    correct = int(np.sum(toy["H"] == toy["y"]))
    heading(ctx, a1=a[0], a2=a[1], a3=a[2])
    takeaway(tr("lec.toy_vote.take", k=correct, n=len(toy["y"])))
    left, right = st.columns([1.25, 1])
    chart(ctx, F.toy_vote(toy, regions, tr), "vote", left)
    with right:
        rows = [[f"{r['x'][0]:g} < x₁ ≤ {r['x'][1]:g}, {r['y'][0]:g} < x₂ ≤ {r['y'][1]:g}",
                 *[f"{f:+d}" for f in r["f"]], f"{r['g']:+.3f}", f"**{r['H']:+d}**"]
                for r in regions]
        st.markdown(md_table([tr("lec.toy.region"), "f₁", "f₂", "f₃", "g = Σ α_t f_t", "H"], rows))
        toy_table(ctx, toy, 3)
    _toy_csv(ctx, toy)
    _toy_animation(ctx, toy)


# ---- §3 why the training error goes to 0 -----------------------------------------------------------------

def _boost_csv(ctx: Ctx, bl: dict) -> None:
    d = bl["data"]
    ctx.csv.append(("spirals_train.csv", lambda: export.data_csv(
        {"x1": d["X_tr"][:, 0], "x2": d["X_tr"][:, 1], "y": d["y_tr"]})))


def step_bound(ctx: Ctx) -> None:
    bl = fits.boost_long(ctx.vals["seed"])
    heading(ctx)
    lesson(L.BOUND, bl)
    left, right = st.columns([1.4, 1])
    chart(ctx, F.bound_curves(bl, tr), "bound", left)
    chart(ctx, F.bound_factors(bl, tr), "factors", right)
    st.latex(r"\text{err}(H) \le \frac{1}{N}\sum_n e^{-y^n g(x^n)} = \frac{Z_{T+1}}{N} = "
             r"\prod_{t=1}^{T} 2\sqrt{\varepsilon_t(1-\varepsilon_t)}")
    st.caption(tr("lec.bound.data", T=bl["T"], depth=bl["depth"], n=bl["n_train"]))
    _boost_csv(ctx, bl)


def step_test_err(ctx: Ctx) -> None:
    bl = fits.boost_long(ctx.vals["seed"])
    heading(ctx)
    lesson(L.TEST_ERR, bl)
    chart(ctx, F.test_curves(bl, tr), "errors")
    st.caption(tr("lec.bound.data", T=bl["T"], depth=bl["depth"], n=bl["n_train"]))
    _boost_csv(ctx, bl)


def step_margins(ctx: Ctx) -> None:
    bl = fits.boost_long(ctx.vals["seed"])
    ms = bl["margins"]
    heading(ctx)
    lesson(L.MARGINS, bl)
    left, right = st.columns([1.5, 1])
    chart(ctx, F.margin_cdf(bl, tr), "margin_cdf", left)
    with right:
        rows = [[str(t), f"{np.min(m):+.3f}", f"{np.median(m):+.3f}", f"{np.mean(m < 0.1):.1%}",
                 f"{bl['train'][t - 1]:.3f}", f"{bl['test'][t - 1]:.3f}"] for t, m in ms.items()]
        st.markdown(md_table(["T", tr("lec.m.min"), tr("lec.m.median"), tr("lec.m.small"),
                              tr("lec.train_err"), tr("lec.test_err")], rows))
        st.latex(r"\text{margin}(x^n) = \frac{y^n\, g(x^n)}{\sum_t \alpha_t} \in [-1, 1]")
    _boost_csv(ctx, bl)


# ---- §4 gradient boosting -------------------------------------------------------------------------------

def step_gb_ada(ctx: Ctx) -> None:
    gv = fits.gb_vs_adaboost()
    same_stumps = all(r["ada"][:2] == r["gb"][:2] for r in gv["rows"])
    dalpha = float(np.max(np.abs(gv["alpha_ada"] - gv["alpha_gb"][: len(gv["alpha_ada"])])))
    dg = float(np.max(np.abs(gv["g_ada"] - gv["g_gb"])))
    sign = float(np.mean(np.sign(gv["g_ada"]) == np.sign(gv["g_gb"])))
    heading(ctx)
    lesson(L.GB_ADA, gv)
    metrics([(tr("lec.gb.same_stumps"), f"{sum(r['ada'][:2] == r['gb'][:2] for r in gv['rows'])}"
              f" / {len(gv['rows'])}"),
             (tr("lec.gb.max_dalpha"), f"{dalpha:.1e}"), (tr("lec.gb.max_dg"), f"{dg:.1e}"),
             (tr("lec.gb.sign"), f"{sign:.0%}")])
    left, right = st.columns(2)
    chart(ctx, F.gb_alpha(gv, tr), "alpha", left)
    chart(ctx, F.gb_scatter(gv, tr), "g", right)
    fx = ("x₁", "x₂")
    rows = [[str(r["t"]), f"{fx[r['ada'][0]]} ≤ {r['ada'][1]:.3f}", f"{r['ada'][2]:.3f}",
             f"{fx[r['gb'][0]]} ≤ {r['gb'][1]:.3f}", f"{r['gb'][2]:.3f}"] for r in gv["rows"][:6]]
    st.markdown(md_table(["t", tr("lec.gb.ada_stump"), "α_t (AdaBoost)", tr("lec.gb.gb_stump"),
                          "α_t (GB)"], rows))
    st.caption(tr("lec.gb_ada.note", ok="✓" if same_stumps else "✗"))
    X, y = gv["X"], gv["y"]
    ctx.csv.append(("moons_train.csv", lambda: export.data_csv(
        {"x1": X[:, 0], "x2": X[:, 1], "y": y})))


def step_gb_losses(ctx: Ctx) -> None:
    gl = fits.gb_losses(ctx.vals["seed"])
    heading(ctx)
    lesson(L.GB_LOSSES, gl)
    chart(ctx, F.gb_losses(gl, tr), "losses")
    ctx.csv.append(("sine_outliers.csv", lambda: export.data_csv({"x": gl["X"], "y": gl["y"]})))


# ---- §5 stacking ----------------------------------------------------------------------------------------

def step_stacking(ctx: Ctx) -> None:
    run = fits.stacking(ctx.vals["seed"])  # the lecture's hold-out: the picture
    cv = fits.stacking(ctx.vals["seed"], "kfold")  # every row feeds the final classifier once
    d = compute.dataset(fits.stack_key(ctx.vals["seed"]))
    names = ["stacking", "voting", *fits.STACK_LEARNERS]
    labels = [tr("lec.sk.cv_bar")] + [tr(f"ln.{n}") for n in names[1:]]
    heading(ctx)
    takeaway(tr("lec.stacking.take", n1=len(run.part1), n2=len(run.part2),
                s=run.scores["stacking"].test, v=run.scores["voting"].test,
                s_cv=cv.scores["stacking"].test))
    for claim in _SK:  # the page's claims, on the 5-fold fit (the hold-out's 300 rows are few)
        lesson(claim, cv)
    left, mid = st.columns(2)
    with left:
        st.markdown(f"**{tr('lec.sk.split_title')}**")
    chart(ctx, F.stack_split(run, d, tr), "holdout", left)
    with mid:
        st.markdown(f"**{tr('lec.sk.vote_title')}**")
    chart(ctx, F.stack_vote_surface(run, d, tr), "voting", mid)
    chart(ctx, F.stack_scores(cv, names, labels, tr,
                              extra=(tr("lec.sk.holdout_bar"), run.scores["stacking"])), "scores")
    part = np.zeros(len(d["y_tr"]), dtype=int)
    part[run.part2] = 2
    part[run.part1] = 1
    ctx.csv.append(("moons_stacking.csv", lambda: export.data_csv(
        {"x1": d["X_tr"][:, 0], "x2": d["X_tr"][:, 1], "y": d["y_tr"], "part": part})))


RENDER: dict[str, Callable[[Ctx], None]] = {
    "bag_sets": step_bag_sets, "bag_oob": step_bag_oob,
    "img_trees": step_img_trees, "img_forest": step_img_forest, "img_ada": step_img_ada,
    "toy_1": lambda c: step_toy(c, 1), "toy_2": lambda c: step_toy(c, 2),
    "toy_3": lambda c: step_toy(c, 3), "toy_vote": step_toy_vote,
    "bound": step_bound, "test_err": step_test_err, "margins": step_margins,
    "gb_ada": step_gb_ada, "gb_losses": step_gb_losses, "stacking": step_stacking,
}
