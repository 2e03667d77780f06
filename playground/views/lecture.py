"""Lecture mode (issue 5): the lecture's experiments as a track of steps, in LECTURE.md's order.

Every number on a step comes from the engine's recorded histories (``playground.lecture.fits``).
``/lecture?step=6`` opens a step; ``&present=1`` is presentation mode (large type, no sidebar,
only previous / next), ``&theme=dark`` the dark look. Every chart can be taken home as PNG (the
modebar camera) or standalone HTML (with animation frames for stepped views); the settings as a
link or JSON (loading JSON restores the view); the data as CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

import numpy as np
import streamlit as st

from playground import compute, export, state
from playground.i18n import tr
from playground.lecture import figures as F
from playground.lecture import fits, track

PAGE = "lecture"
# The slide's own chain (LECTURE.md §3): each number rounded to two decimals before the next
# round uses it. Quoted from the slide, not computed: the exact chain is the engine's.
SLIDE_CHAIN = ((0.30, 1.53, 0.42), (0.21, 1.94, 0.66), (0.13, 2.59, 0.95))


# ---- settings: URL <-> session <-> widgets ---------------------------------------------------
# The lecture's settings are declared in ``state.SETTINGS`` (pages=("lecture",)) and live in the
# session's ``state.cfg()`` with every other setting; ``state`` parses them from the URL (bad values
# become warnings naming them) and writes them back. Widgets are keyed ``lec.w.<name>``.

def values() -> dict:
    """The lecture's settings (a snapshot: change them with :func:`set_value`)."""
    cfg = state.cfg()
    return {name: cfg[name] for name in state.page_defaults(PAGE)}


def set_value(name: str, value) -> None:
    if name == "lang":  # the app-wide language switch owns the language
        state.set_widget("lang", value)
        return
    state.put(name, value)
    st.session_state[f"lec.w.{name}"] = value  # callbacks run before widgets are drawn


def wkey(name: str) -> str:
    key = f"lec.w.{name}"
    if key not in st.session_state:
        st.session_state[key] = state.get(name)
    return key


def from_widget(name: str) -> None:
    state.put(name, st.session_state[f"lec.w.{name}"])


def go(delta: int) -> None:
    step = min(max(values()["step"] + delta, 1), track.N_STEPS)
    set_value("step", step)


def apply_settings(new: dict) -> None:
    for name, value in new.items():
        set_value(name, value)


def load_json() -> None:
    """Callback of the "Load" button: strict parse, then restore the view (or say why not)."""
    up = st.session_state.get("lec.json_file")
    raw = up.getvalue() if up is not None else st.session_state.get("lec.json_text", "")
    try:
        new = export.parse_settings_json(raw)
    except ValueError as exc:
        st.session_state["lec.json_error"] = str(exc)
        return
    st.session_state["lec.json_error"] = ""
    apply_settings(new)


def write_url() -> None:
    """The lecture's own keys only (always the step), as :func:`export.settings_link` writes them."""
    want = state.url_params(PAGE, state.cfg(), shared=False)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != want:
        st.query_params.from_dict(want)


def base_url() -> str:
    try:
        url = st.context.url or ""
    except Exception:  # AppTest / older runtimes
        url = ""
    url = url.split("?")[0]
    return url if url.rstrip("/").endswith("/lecture") else url.rstrip("/") + "/lecture" \
        if url else "http://localhost:8501/lecture"


# ---- look -----------------------------------------------------------------------------------------

BASE_CSS = """
.lec-section {text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: #f59322;
  font-weight: 700; margin-bottom: -.6rem}
.lec-takeaway {border-left: 5px solid #f59322; padding: .45rem .9rem; margin: .1rem 0 1rem;
  font-size: 1.12rem; background: rgba(245,147,34,.09); border-radius: 0 .4rem .4rem 0}
.lec-count {text-align: center; font-weight: 600; padding-top: .45rem; opacity: .8}
"""
PRESENT_CSS = """
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stSidebarNav"] {display: none !important}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 100% !important;
  padding: 1rem 2.2rem 1.5rem !important}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th {font-size: 1.4rem !important}
h1 {font-size: 2.7rem !important; line-height: 1.15 !important}
.lec-section {font-size: 1.05rem}
.lec-takeaway, .lec-takeaway p {font-size: 1.6rem !important}
[data-testid="stMetricValue"] {font-size: 2.4rem !important}
[data-testid="stMetricLabel"] p {font-size: 1.2rem !important}
.stButton button p {font-size: 1.25rem !important}
"""
DARK_CSS = """
.stApp, [data-testid="stAppViewContainer"], header[data-testid="stHeader"], [data-testid="stBottom"] > div
  {background-color: #0e1117 !important; color: #e8e8e8 !important}
section[data-testid="stSidebar"] {background-color: #171a22 !important}
.stApp h1, .stApp h2, .stApp h3, .stApp h4, .stApp p, .stApp li, .stApp label, .stApp td,
.stApp th, .stApp summary, .stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stMetricValue"],
.stApp [data-testid="stMetricLabel"], .stApp span {color: #e8e8e8 !important}
.stApp table td, .stApp table th {border-color: #3a3f4b !important}
.stApp table tr {background: transparent !important}
.stApp .stButton button, .stApp .stDownloadButton button, .stApp [data-testid="stBaseButton-secondary"],
.stApp [data-testid="stBaseButton-tertiary"] {background: #262730 !important; color: #e8e8e8 !important;
  border-color: #4a4f5c !important}
.stApp code, .stApp pre {background: #1c1f2a !important; color: #e8e8e8 !important}
.stApp textarea, .stApp input, .stApp [data-baseweb="select"] > div, .stApp [data-baseweb="input"]
  {background: #262730 !important; color: #e8e8e8 !important}
.stApp [data-testid="stExpander"] details {border-color: #3a3f4b !important}
.stApp [data-testid="stFileUploaderDropzone"] {background: #1c1f2a !important}
.lec-takeaway {background: rgba(245,147,34,.14)}
"""


def inject_css(theme: str, present: bool) -> None:
    css = BASE_CSS + (PRESENT_CSS if present else "") + (DARK_CSS if theme == "dark" else "")
    st.html(f"<style>{css}</style>")


# ---- one step's context and the widgets it draws ------------------------------------------------------

@dataclass
class Ctx:
    step: int
    theme: str
    present: bool
    vals: dict
    charts: list = field(default_factory=list)  # (name, figure) of every chart on the step
    animations: list = field(default_factory=list)  # (name, figure with frames)
    csv: list = field(default_factory=list)  # (file name, () -> csv text)


def chart(ctx: Ctx, fig, name: str, box=None) -> None:
    F.style(fig, ctx.theme, ctx.present)
    (box or st).plotly_chart(
        fig, theme=None, key=f"lec.{ctx.step}.{name}",
        config={"displaylogo": False,
                "toImageButtonOptions": {"format": "png", "scale": 2,
                                         "filename": f"lecture-step{ctx.step}-{name}"}})
    ctx.charts.append((name, fig))


def animation(ctx: Ctx, name: str, figs: list, labels: list[str], prefix: str = "") -> None:
    for f in figs:
        F.style(f, ctx.theme, False)
    ctx.animations.append((name, export.animate(figs, labels, play=tr("lec.play"),
                                                pause=tr("lec.pause"), prefix=prefix)))


def heading(ctx: Ctx, **fmt) -> None:
    sid = track.step_id(ctx.step)
    sec = track.STEPS[ctx.step - 1][1]
    st.markdown(f"<div class='lec-section'>§{sec} · {tr(f'lec.sec.{sec}')}</div>",
                unsafe_allow_html=True)
    st.title(tr(f"lec.{sid}.title", **fmt))


def takeaway(text: str) -> None:
    st.markdown(f"<div class='lec-takeaway'>{text}</div>", unsafe_allow_html=True)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def metrics(items: list[tuple[str, str]]) -> None:
    cols = st.columns(len(items))
    for c, (label, value) in zip(cols, items):
        c.metric(label, value)


# ---- §1 bagging --------------------------------------------------------------------------------------

def step_bag_sets(ctx: Ctx) -> None:
    T, seed = ctx.vals["bag_T"], ctx.vals["seed"]
    b = fits.bagging(seed, T)
    heading(ctx)
    takeaway(tr("lec.bag_sets.take", mse=np.mean(b["test_mse_each"]), avg=b["test_mse"], T=T))
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


# ---- §2 the image experiment ---------------------------------------------------------------------------

def _image_csv(ctx: Ctx, shape: str) -> None:
    def make():
        d = compute.dataset(fits.image_key(shape))
        return export.data_csv({"x": d["X_tr"][:, 0], "y": d["X_tr"][:, 1],
                                "inside": d["y_tr"]})
    ctx.csv.append((f"silhouette_{shape}_train.csv", make))


def _panels(ctx: Ctx, grid, rows: list, what: str, xlabel: str) -> None:
    """rows: (value, code, train acc, test acc) for each panel."""
    titles = [tr(f"lec.{what}.panel", v=v, tr_err=1 - a, te_err=1 - b) for v, _, a, b in rows]
    chart(ctx, F.panel_row(grid, [c for _, c, _, _ in rows], titles), "surfaces")
    chart(ctx, F.error_lines([v for v, *_ in rows],
                             {tr("lec.train_err"): np.array([1 - a for *_, a, _ in rows]),
                              tr("lec.test_err"): np.array([1 - b for *_, b in rows])},
                             tr, xlabel=xlabel), "errors")
    animation(ctx, "frames", [F.single_panel(grid, c, t) for (_, c, _, _), t in zip(rows, titles)],
              [str(v) for v, *_ in rows], prefix=xlabel + " = ")
    st.caption(tr("lec.img.colour", r=fits.RES,
                  n=len(compute.dataset(fits.image_key(ctx.vals["shape"]))["y_tr"])))


def step_img_trees(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    grid, out = fits.image_trees(shape)
    rows = [(depth, code, a, b) for depth, code, a, b, _ in out]
    heading(ctx)
    takeaway(tr("lec.img_trees.take", d=rows[-1][0], tr_err=1 - rows[-1][2],
                te_err=1 - rows[-1][3], leaves=out[-1][4]))
    _panels(ctx, grid, rows, "img_trees", tr("lec.depth"))
    _image_csv(ctx, shape)


def step_img_forest(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    grid, trees = fits.image_trees(shape)
    rows = fits.image_forests(shape)
    heading(ctx)
    better = rows[-1][3] > trees[-1][3]
    takeaway(tr("lec.img_forest.take" if better else "lec.img_forest.take_not",
                tree=1 - trees[-1][3], forest=1 - rows[-1][3]))
    _panels(ctx, grid, rows, "img_forest", tr("lec.depth"))
    _image_csv(ctx, shape)


def step_img_ada(ctx: Ctx) -> None:
    shape = ctx.vals["shape"]
    run = fits.image_adaboost(shape)
    rows = [(T, run.H[T - 1], 1 - run.train_err[T - 1], 1 - run.test_err[T - 1])
            for T in fits.ADA_T if T <= run.T]
    heading(ctx)
    takeaway(tr("lec.img_ada.take", a=rows[0][0], ea=1 - rows[0][3], b=rows[-1][0],
                eb=1 - rows[-1][3]))
    _panels(ctx, run.grid, rows, "img_ada", "T")
    _image_csv(ctx, shape)


# ---- §3 the toy example ----------------------------------------------------------------------------------

def _frac(x: float) -> str:
    f = Fraction(x).limit_denominator(100)
    return f"{f.numerator}/{f.denominator}" if abs(float(f) - x) < 1e-9 else ""


def toy_table(ctx: Ctx, toy: dict, upto: int) -> None:
    rounded = st.toggle(tr("lec.toy.rounded"), key=wkey("rounded"),
                        on_change=from_widget, args=("rounded",))
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
    regions = fits.toy_regions(toy)
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
    bl = fits.boost_long()
    heading(ctx)
    takeaway(tr("lec.bound.take", t0=bl["t_zero"], b10=bl["bound"][9], b100=bl["bound"][99]))
    left, right = st.columns([1.4, 1])
    chart(ctx, F.bound_curves(bl, tr), "bound", left)
    chart(ctx, F.bound_factors(bl, tr), "factors", right)
    st.latex(r"\text{err}(H) \le \frac{1}{N}\sum_n e^{-y^n g(x^n)} = \frac{Z_{T+1}}{N} = "
             r"\prod_{t=1}^{T} 2\sqrt{\varepsilon_t(1-\varepsilon_t)}")
    st.caption(tr("lec.bound.data", T=bl["T"]))
    _boost_csv(ctx, bl)


def step_test_err(ctx: Ctx) -> None:
    bl = fits.boost_long()
    t0 = bl["t_zero"]
    heading(ctx)
    takeaway(tr("lec.test_err.take", t0=t0, at=bl["test"][t0 - 1] if t0 else float("nan"),
                end=bl["test"][-1], T=bl["T"]))
    chart(ctx, F.test_curves(bl, tr), "errors")
    st.caption(tr("lec.bound.data", T=bl["T"]))
    _boost_csv(ctx, bl)


def step_margins(ctx: Ctx) -> None:
    bl = fits.boost_long()
    ms = bl["margins"]
    heading(ctx)
    takeaway(tr("lec.margins.take"))
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
    takeaway(tr("lec.gb_ada.take", T=len(gv["rows"])))
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
    gl = fits.gb_losses()
    heading(ctx)
    takeaway(tr("lec.gb_losses.take"))
    chart(ctx, F.gb_losses(gl, tr), "losses")
    ctx.csv.append(("sine_outliers.csv", lambda: export.data_csv({"x": gl["X"], "y": gl["y"]})))


# ---- §5 stacking ----------------------------------------------------------------------------------------

def step_stacking(ctx: Ctx) -> None:
    run = fits.stacking()
    d = compute.dataset(fits.STACK_KEY)
    names = ["stacking", "voting", *fits.STACK_LEARNERS]
    labels = [tr(f"ln.{n}") for n in names]
    s_te, v_te = run.scores["stacking"][1], run.scores["voting"][1]
    heading(ctx)
    takeaway(tr("lec.stacking.take", n1=len(run.stack.train_indices_),
                n2=len(run.stack.holdout_indices_), s=s_te, v=v_te))
    left, mid = st.columns(2)
    with left:
        st.markdown(f"**{tr('lec.sk.split_title')}**")
    chart(ctx, F.stack_split(run, d, tr), "holdout", left)
    with mid:
        st.markdown(f"**{tr('lec.sk.vote_title')}**")
    chart(ctx, F.stack_vote_surface(run, d, tr), "voting", mid)
    chart(ctx, F.stack_scores(run, names, labels, tr), "scores")
    part = np.zeros(len(d["y_tr"]), dtype=int)
    part[np.asarray(run.stack.holdout_indices_)] = 2
    part[np.asarray(run.stack.train_indices_)] = 1
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


# ---- navigation, sidebar, export ----------------------------------------------------------------------

def step_label(n: int) -> str:
    return f"{n}. {tr('lec.' + track.step_id(n) + '.short')}"


def nav(vals: dict, where: str) -> None:
    step = vals["step"]
    cols = st.columns([1, 3, 1])
    cols[0].button(tr("lec.prev"), key=f"lec.prev.{where}", on_click=go, args=(-1,),
                   disabled=step <= 1, width="stretch",
                   shortcut="Left" if where == "top" else "PageUp")
    cols[1].markdown(f"<div class='lec-count'>{step} / {track.N_STEPS} · "
                     f"{tr('lec.' + track.step_id(step) + '.short')}</div>",
                     unsafe_allow_html=True)
    cols[2].button(tr("lec.next"), key=f"lec.next.{where}", on_click=go, args=(1,),
                   disabled=step >= track.N_STEPS, width="stretch", type="primary",
                   shortcut="Right" if where == "top" else "PageDown")


def sidebar(vals: dict) -> None:
    sb = st.sidebar
    sb.subheader(tr("lec.sb.title"))
    sb.selectbox(tr("lec.sb.step"), list(range(1, track.N_STEPS + 1)), format_func=step_label,
                 key=wkey("step"), on_change=from_widget, args=("step",))
    sb.toggle(tr("lec.sb.present"), key=wkey("present"), on_change=from_widget,
              args=("present",), help=tr("lec.sb.present_help"))
    sb.segmented_control(tr("lec.sb.theme"), ["light", "dark"], key=wkey("theme"),
                         format_func=lambda t: tr(f"lec.theme.{t}"), on_change=_theme_widget)
    sb.selectbox(tr("lec.sb.shape"), list(track.SILHOUETTES), key=wkey("shape"),
                 format_func=lambda s: tr(f"ds.{s}"), on_change=from_widget, args=("shape",))
    lo, hi = state.bounds(state.BY_NAME["bag_T"])
    sb.slider(tr("lec.sb.bag_T"), lo, hi, key=wkey("bag_T"), on_change=from_widget,
              args=("bag_T",))
    lo, hi = state.bounds(state.BY_NAME["seed"])
    sb.number_input(tr("lec.sb.seed"), lo, hi, step=1, key=wkey("seed"),
                    on_change=from_widget, args=("seed",))


def _theme_widget() -> None:
    value = st.session_state["lec.w.theme"] or values()["theme"]  # re-click deselects
    set_value("theme", value)


def toggle_theme() -> None:
    set_value("theme", "light" if values()["theme"] == "dark" else "dark")


def exit_present() -> None:
    set_value("present", False)


def _html_of(fig, title):
    return lambda: export.figure_html(fig, title=title)


def take_home(ctx: Ctx) -> None:
    """Downloads of this step: charts (HTML; PNG via the modebar), animations, data, settings."""
    with st.expander(tr("lec.ex.title"), icon=":material/download:"):
        st.caption(tr("lec.ex.png"))
        title = tr("lec." + track.step_id(ctx.step) + ".short")
        cols = st.columns(3)
        i = 0
        for name, fig in ctx.charts:
            cols[i % 3].download_button(
                tr("lec.ex.chart_html", name=name), _html_of(fig, f"{title} · {name}"),
                file_name=f"lecture-step{ctx.step}-{name}.html", mime="text/html",
                key=f"lec.dl.{ctx.step}.{name}", on_click="ignore", icon=":material/public:")
            i += 1
        for name, fig in ctx.animations:
            cols[i % 3].download_button(
                tr("lec.ex.anim_html", name=name), _html_of(fig, f"{title} · {name}"),
                file_name=f"lecture-step{ctx.step}-{name}-animated.html", mime="text/html",
                key=f"lec.dla.{ctx.step}.{name}", on_click="ignore", icon=":material/animation:")
            i += 1
        for fname, make in ctx.csv:
            cols[i % 3].download_button(tr("lec.ex.csv", name=fname), make, file_name=fname,
                                        mime="text/csv", key=f"lec.dlc.{ctx.step}.{fname}",
                                        on_click="ignore", icon=":material/table:")
            i += 1
        st.markdown(f"**{tr('lec.ex.settings')}**")
        link = export.settings_link(base_url(), ctx.vals)
        st.code(link, language=None)
        text = export.settings_json(ctx.vals)
        left, right = st.columns([1, 1])
        left.code(text, language="json")
        left.download_button(tr("lec.ex.json"), text, file_name=f"lecture-step{ctx.step}.json",
                             mime="application/json", key=f"lec.dlj.{ctx.step}",
                             on_click="ignore", icon=":material/settings:")
        with right:
            st.text_area(tr("lec.ex.paste"), key="lec.json_text", height=140)
            st.file_uploader(tr("lec.ex.upload"), type=["json"], key="lec.json_file")
            st.button(tr("lec.ex.load"), on_click=load_json, key="lec.json_load",
                      icon=":material/upload:")
            err = st.session_state.get("lec.json_error")
            if err:
                st.error(tr("lec.ex.bad_json", err=err), icon=":material/error:")


def main() -> None:
    vals = values()
    state.show_url_problems()
    st.session_state["url_problems"] = []  # shown once, the defaults are already in place
    present = vals["present"]
    if not present:
        sidebar(vals)
    vals = values()
    theme, present, step = vals["theme"], vals["present"], vals["step"]
    inject_css(theme, present)
    nav(vals, "top")
    ctx = Ctx(step, theme, present, vals)
    try:
        with st.spinner(tr("lec.fitting")):
            RENDER[track.step_id(step)](ctx)
    except Exception as exc:  # an engine part is being rewritten: say so, keep the track usable
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
    st.divider()
    nav(vals, "bottom")
    if present:
        cols = st.columns([6, 1, 1])
        cols[1].button(tr("lec.theme.toggle"), on_click=toggle_theme, key="lec.theme_btn",
                       type="tertiary", icon=":material/contrast:", width="stretch")
        cols[2].button(tr("lec.exit_present"), on_click=exit_present, key="lec.exit",
                       type="tertiary", icon=":material/close_fullscreen:", width="stretch")
    else:
        take_home(ctx)
    write_url()


main()
