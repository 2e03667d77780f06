"""Pure plotly builders for the lecture steps: fitted records in, figures out (no streamlit).

Text comes in through ``tr`` (a ``key -> text`` callable) so the builders stay pure. Colours follow
the rest of the app: orange = class 0 / y = −1, blue = class 1 / y = +1. :func:`style` applies the
light or dark look and presentation sizes to any figure.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground import charts, plots
from playground.text import sub  # noqa: F401 (the steps write F.sub)

ORANGE, BLUE = plots.CLASS_COLORS[0], plots.CLASS_COLORS[1]
MARK = plots.MARK
GREY = "#8c8c8c"
Tr = Callable[..., str]
LOOK = {"light": {"bg": "#ffffff", "fg": "#262730", "grid": "#e6e6e6", "template": "plotly_white",
                  "line": "#262730"},
        "dark": {"bg": "#0e1117", "fg": "#e8e8e8", "grid": "#2f3340", "template": "plotly_dark",
                 "line": "#e8e8e8"}}


SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(n) -> str:
    return str(n).translate(SUP)


def style(fig: go.Figure, theme: str = "light", present: bool = False) -> go.Figure:
    """The page's look on a figure: template, background, grid, and larger type when presenting."""
    look = LOOK[theme]
    size = 19 if present else 13
    fig.update_layout(template=look["template"], paper_bgcolor=look["bg"], plot_bgcolor=look["bg"],
                      font=dict(color=look["fg"], size=size),
                      legend=dict(font=dict(size=size - 1), bgcolor="rgba(0,0,0,0)"))
    fig.update_xaxes(gridcolor=look["grid"], zerolinecolor=look["grid"], linecolor=look["grid"],
                     title_font=dict(size=size + 1), tickfont=dict(size=size - 1))
    fig.update_yaxes(gridcolor=look["grid"], zerolinecolor=look["grid"], linecolor=look["grid"],
                     title_font=dict(size=size + 1), tickfont=dict(size=size - 1))
    for ann in fig.layout.annotations or []:  # labels on their own box keep their colour
        if not ann.bgcolor:
            ann.font.color = look["fg"]
        if present and ann.font.size:
            ann.font.size = int(ann.font.size * 1.3)
    if present and fig.layout.height:
        fig.update_layout(height=int(fig.layout.height * 1.3))
    for shape in fig.layout.shapes or []:
        if shape.line and shape.line.color in ("#222", "#262730", "#e8e8e8"):
            shape.line.color = look["line"]
    return fig


def _pm_points(X, y, *, size=12, name_pos="y = +1", name_neg="y = −1", showlegend=True,
               text=None, outline="white"):
    """The lecture's ±1 examples as two traces (blue +1, orange −1)."""
    out = []
    size = np.broadcast_to(np.asarray(size, float), (len(y),))
    for sgn, color, name in ((1, BLUE, name_pos), (-1, ORANGE, name_neg)):
        m = y == sgn
        out.append(go.Scatter(
            x=X[m, 0], y=X[m, 1], mode="markers+text" if text is not None else "markers",
            name=name, showlegend=showlegend,
            text=None if text is None else [text[i] for i in np.flatnonzero(m)],
            textposition="top center", textfont=dict(size=12),
            marker=dict(size=size[m], color=color, line=dict(color=outline, width=1.5),
                        sizemode="diameter"), hoverinfo="text+x+y"))
    return out


# ---- 1. bagging --------------------------------------------------------------------------------

def bag_sets(b: dict, tr: Tr, height: int = 300) -> go.Figure:
    """One panel per bootstrap set: in-bag examples sized by copies, OOB ones crossed, f_t."""
    T = len(b["each"])
    cols = min(T, 4)
    rows = int(np.ceil(T / cols))
    titles = [tr("lec.bag.set_title", t=t + 1, oob=int(np.sum(b["copies"][t] == 0)),
                 n=len(b["y"])) for t in range(T)]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, shared_yaxes=True,
                        horizontal_spacing=0.03, vertical_spacing=0.16)
    for t in range(T):
        r, c = t // cols + 1, t % cols + 1
        k = b["copies"][t]
        inb = k > 0
        fig.add_trace(go.Scatter(x=b["X"][inb], y=b["y"][inb], mode="markers+text",
                                 text=[f"×{v}" if v > 1 else "" for v in k[inb]],
                                 textposition="top center", textfont=dict(size=11),
                                 marker=dict(size=6 + 4 * k[inb], color=BLUE),
                                 name=tr("lec.bag.inbag"), showlegend=t == 0), r, c)
        fig.add_trace(go.Scatter(x=b["X"][~inb], y=b["y"][~inb], mode="markers",
                                 marker=dict(symbol="x-thin", size=11,
                                             line=dict(color=MARK, width=2.5)),
                                 name=tr("lec.bag.oob"), showlegend=t == 0), r, c)
        fig.add_trace(go.Scatter(x=b["xs"], y=b["each"][t], mode="lines",
                                 line=dict(color=ORANGE, width=2.5, shape="hv"),
                                 name="fₜ", showlegend=t == 0), r, c)
    fig.update_xaxes(title_text="x", row=rows)
    fig.update_yaxes(title_text="y", col=1)
    fig.update_layout(height=height * rows + 40, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.12 * (2 / (rows + 1)), yanchor="top",
                                  x=0.5, xanchor="center"))
    return fig


def bag_average(b: dict, tr: Tr, height: int = 360) -> go.Figure:
    """Every f_t thin, their average thick: the bagged model."""
    fig = go.Figure()
    for t, curve in enumerate(b["each"]):
        fig.add_trace(go.Scatter(x=b["xs"], y=curve, mode="lines", opacity=0.55,
                                 line=dict(width=1.5, shape="hv", color=ORANGE),
                                 name="fₜ", showlegend=t == 0, legendgroup="f"))
    fig.add_trace(go.Scatter(x=b["xs"], y=b["avg"], mode="lines",
                             line=dict(width=4, color=BLUE, shape="hv"),
                             name=tr("lec.bag.avg", T=len(b["each"]))))
    fig.add_trace(go.Scatter(x=b["X"], y=b["y"], mode="markers", name=tr("lec.bag.train"),
                             marker=dict(size=10, color=GREY, line=dict(color="white", width=1))))
    fig.update_xaxes(title_text="x")
    fig.update_yaxes(title_text="y")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    return fig


def oob_matrix(b: dict, tr: Tr, height: int = 380) -> go.Figure:
    """Examples x learners: copies in the bootstrap set; OOB cells (the ones that score) marked."""
    copies = b["copies"].T  # (N, T)
    N, T = copies.shape
    text = np.where(copies == 0, "OOB", np.char.add("×", copies.astype(str)))
    fig = go.Figure(go.Heatmap(
        z=np.where(copies == 0, -1, copies).astype(float), x=[f"f{sub(t + 1)}" for t in range(T)],
        y=[f"x{sup(n + 1)}" for n in range(N)], text=text, texttemplate="%{text}",
        textfont=dict(size=14), colorscale=[[0, MARK], [0.2, "#f7d9e2"], [0.201, "#dbe8f3"],
                                            [1, BLUE]],
        zmin=-1, zmax=max(4, int(copies.max())), showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y}, %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title_text=tr("lec.bag.example"))
    fig.update_xaxes(side="top", title_text=tr("lec.bag.learner"))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=60, b=10))
    return fig


# ---- 3. the toy example -------------------------------------------------------------------------

def _stump_shape(s: dict) -> dict:
    if s["feature"] == 0:
        return dict(type="line", x0=s["threshold"], x1=s["threshold"], y0=0, y1=11,
                    line=dict(color="#222", width=3))
    return dict(type="line", x0=0, x1=11, y0=s["threshold"], y1=s["threshold"],
                line=dict(color="#222", width=3))


def _pm_heat(xs, z, opacity=0.2):
    return go.Heatmap(x=xs, y=xs, z=np.asarray(z, np.int8), zmin=-1, zmax=1, showscale=False,
                      colorscale=[[0, ORANGE], [0.5, "#ffffff"], [1, BLUE]], opacity=opacity,
                      hoverinfo="skip")


def _toy_axes(fig, height):
    fig.update_xaxes(range=[0, 11], title_text="x₁", dtick=1, constrain="domain")
    fig.update_yaxes(range=[0, 11], title_text="x₂", dtick=1, scaleanchor="x", constrain="domain")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", y=-0.1, yanchor="top", x=0.5, xanchor="center"))
    return fig


def toy_round(toy: dict, t: int, tr: Tr, height: int = 520) -> go.Figure:
    r"""Round t: f_t's two half-planes, its line, the points sized by u_{t+1} (weights after the
    round, from the engine) and labelled with them, f_t's mistakes crossed."""
    i = t - 1
    u_next = toy["u"][t]
    wrong = toy["f"][i] != toy["y"]
    size = 12 + 18 * np.sqrt(u_next / u_next.max())
    labels = [f"{v:.2f}" for v in u_next]
    fig = go.Figure([_pm_heat(toy["grid"], toy["f_grid"][i])] + _pm_points(
        toy["X"], toy["y"], size=size, text=labels))
    fig.add_trace(go.Scatter(x=toy["X"][wrong, 0], y=toy["X"][wrong, 1], mode="markers",
                             marker=dict(symbol="circle-open", size=size[wrong] + 14,
                                         line=dict(color=MARK, width=3)),
                             name=tr("lec.toy.wrong", ts=sub(t)), hoverinfo="skip"))
    s = toy["stumps"][i]
    side = "≤" if s["left"] == 1 else ">"
    title = tr("lec.toy.frame_title", ts=sub(t), rule=f"x{'₁₂'[s['feature']]} {side} {s['threshold']:g}",
               eps=toy["eps"][i], alpha=toy["alpha"][i])
    fig.update_layout(shapes=[_stump_shape(s)], title=dict(text=title, x=0.01))
    return _toy_axes(fig, height)


def _free_spot(region: dict, X: np.ndarray) -> tuple[float, float]:
    """A place for a region's label: the candidate inside it farthest from every point."""
    (x0, x1), (y0, y1) = region["x"], region["y"]
    cx = np.linspace(x0 + 0.4 * (x1 - x0), x1 - 0.4 * (x1 - x0), 3)
    cy = np.linspace(y0 + 0.15 * (y1 - y0), y1 - 0.15 * (y1 - y0), 9)
    C = np.array([(a, b) for a in cx for b in cy])
    dist = np.min(np.hypot(C[:, None, 0] - X[None, :, 0], (C[:, None, 1] - X[None, :, 1]) * 1.6),
                  axis=1)
    return tuple(C[int(np.argmax(dist))])


def toy_vote(toy: dict, regions: list[dict], tr: Tr, height: int = 560) -> go.Figure:
    """H = sign(Σ α_t f_t): the six regions, each with its weighted vote written in it."""
    a = toy["alpha"]
    fig = go.Figure([_pm_heat(toy["grid"], np.sign(toy["g_grid"]))] +
                    _pm_points(toy["X"], toy["y"], size=16))
    anns = []
    for r in regions:
        x, y = _free_spot(r, toy["X"])
        anns.append(dict(x=x, y=y, text=f"g = {r['g']:+.3f}<br><b>H = {r['H']:+d}</b>",
                         showarrow=False, font=dict(size=14, color="#222"),
                         bgcolor="rgba(255,255,255,0.8)", bordercolor=BLUE if r["H"] > 0 else
                         ORANGE, borderwidth=2, borderpad=3))
    shapes = [_stump_shape(s) for s in toy["stumps"]]
    fig.update_layout(shapes=shapes, annotations=anns,
                      title=dict(text=tr("lec.toy.vote_title", a1=a[0], a2=a[1], a3=a[2]),
                                 x=0.01))
    return _toy_axes(fig, height)


# ---- 3. training error, test error, margins -------------------------------------------------------

def bound_curves(bl: dict, tr: Tr, height: int = 420) -> go.Figure:
    T = bl["T"]
    x = np.arange(1, T + 1)
    fig = go.Figure([
        go.Scatter(x=x, y=bl["bound"], mode="lines", line=dict(width=3, color=GREY, dash="dash"),
                   name=tr("lec.bound.bound")),
        go.Scatter(x=x, y=bl["train"], mode="lines", line=dict(width=3, color=BLUE),
                   name=tr("lec.train_err"))])
    shapes = []
    if bl["t_zero"]:
        shapes.append(plots._vline(bl["t_zero"], color=MARK, dash="dot", width=2))
        fig.add_annotation(x=np.log10(bl["t_zero"]), y=0.9, yref="paper", showarrow=False,
                           xanchor="left", text=" " + tr("lec.zero_at", t=bl["t_zero"]),
                           font=dict(color=MARK))
    fig.update_layout(shapes=shapes, height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    fig.update_xaxes(type="log", title_text=tr("lec.T_log"))
    fig.update_yaxes(title_text=tr("lec.error"), range=[0, 1.02])
    return fig


def bound_factors(bl: dict, tr: Tr, n: int = 30, height: int = 420) -> go.Figure:
    r"""The factor of each round, 2√(ε_t(1−ε_t)) = bound_t / bound_{t−1} (both recorded), < 1."""
    b = bl["bound"][:n]
    factor = b / np.r_[1.0, b[:-1]]
    x = np.arange(1, len(b) + 1)
    fig = go.Figure([go.Bar(x=x, y=factor, marker_color=BLUE, name=tr("lec.bound.factor")),
                     go.Scatter(x=x, y=bl["eps"][:n], mode="lines+markers",
                                line=dict(color=ORANGE, width=2), name="εₜ")])
    fig.update_layout(shapes=[plots._hline(1.0, color=MARK, dash="dash", width=2),
                              plots._hline(0.5, color=GREY, dash="dot", width=1)],
                      height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    fig.update_xaxes(title_text=tr("lec.round"))
    fig.update_yaxes(range=[0, 1.05])
    return fig


def test_curves(bl: dict, tr: Tr, height: int = 440) -> go.Figure:
    T = bl["T"]
    x = np.arange(1, T + 1)
    fig = go.Figure([
        go.Scatter(x=x, y=bl["train"], mode="lines", line=dict(width=3, color=BLUE),
                   name=tr("lec.train_err")),
        go.Scatter(x=x, y=bl["test"], mode="lines", line=dict(width=3, color=ORANGE),
                   name=tr("lec.test_err"))])
    shapes = []
    if bl["t_zero"]:
        shapes.append(plots._vline(bl["t_zero"], color=MARK, dash="dot", width=2))
        fig.add_annotation(x=np.log10(bl["t_zero"]), y=0.95, yref="paper", showarrow=False,
                           xanchor="left", text=" " + tr("lec.zero_at", t=bl["t_zero"]),
                           font=dict(color=MARK))
    fig.update_layout(shapes=shapes, height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    fig.update_xaxes(type="log", title_text=tr("lec.T_log"))
    fig.update_yaxes(title_text=tr("lec.error"), rangemode="tozero")
    return fig


def margin_cdf(bl: dict, tr: Tr, height: int = 440) -> go.Figure:
    fig = charts.margin_cdf(bl["margins"], xlabel=tr("lec.margin_x"), ylabel=tr("lec.cdf"),
                           height=height)
    palette = {5: "#9ecae1", 100: "#4292c6", 1000: "#08306b"}
    for trace in fig.data:
        t = int(trace.name.split("=")[1])
        trace.line.color = palette.get(t, trace.line.color)
        trace.line.width = 3.5
        trace.name = f"T = {t}"
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10))
    return fig


# ---- 4. gradient boosting -------------------------------------------------------------------------

def gb_alpha(gv: dict, tr: Tr, height: int = 400) -> go.Figure:
    x = np.arange(1, len(gv["alpha_ada"]) + 1)
    fig = go.Figure([
        go.Bar(x=x, y=gv["alpha_ada"], name=tr("lec.gb.ada_alpha"), marker_color=BLUE,
               opacity=0.7),
        go.Scatter(x=x, y=gv["alpha_gb"][: len(x)], mode="markers", name=tr("lec.gb.gb_alpha"),
                   marker=dict(symbol="x-thin", size=14, line=dict(color=MARK, width=3)))])
    fig.update_xaxes(title_text=tr("lec.round"))
    fig.update_yaxes(title_text="αₜ")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    return fig


def gb_scatter(gv: dict, tr: Tr, height: int = 400) -> go.Figure:
    ga, gg = gv["g_ada"], gv["g_gb"]
    lo, hi = float(min(ga.min(), gg.min())), float(max(ga.max(), gg.max()))
    pos = gv["y"] == gv["classes"][1]
    fig = go.Figure([
        go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", line=dict(color=GREY, dash="dash"),
                   name="g_GB = g_AdaBoost"),
        go.Scatter(x=ga[pos], y=gg[pos], mode="markers", name="y = +1",
                   marker=dict(color=BLUE, size=8)),
        go.Scatter(x=ga[~pos], y=gg[~pos], mode="markers", name="y = −1",
                   marker=dict(color=ORANGE, size=8))])
    fig.update_xaxes(title_text=tr("lec.gb.g_ada"))
    fig.update_yaxes(title_text=tr("lec.gb.g_gb"), scaleanchor="x")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    return fig


LOSS_COLORS = {"squared_error": BLUE, "absolute_error": ORANGE, "huber": plots.CLASS_COLORS[2]}


def gb_losses(gl: dict, tr: Tr, height: int = 620) -> go.Figure:
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        row_heights=[0.58, 0.42],
                        subplot_titles=(tr("lec.gbl.top"), tr("lec.gbl.bottom")))
    fig.add_trace(go.Scatter(x=gl["X"], y=gl["y"], mode="markers", name=tr("lec.bag.train"),
                             marker=dict(color=GREY, size=7)), 1, 1)
    for loss, fit in gl["fits"].items():
        c = LOSS_COLORS[loss]
        fig.add_trace(go.Scatter(x=gl["xs"], y=fit["g"], mode="lines", name=tr(f"lec.loss.{loss}"),
                                 legendgroup=loss, line=dict(color=c, width=3)), 1, 1)
        fig.add_trace(go.Scatter(x=gl["X"], y=fit["resid"], mode="markers", legendgroup=loss,
                                 showlegend=False, name=tr(f"lec.loss.{loss}"),
                                 marker=dict(color=c, size=7)), 2, 1)
    fig.update_xaxes(title_text="x", row=2, col=1)
    fig.update_yaxes(title_text="y, g_T(x)", row=1, col=1)
    fig.update_yaxes(title_text="−∂l/∂g", row=2, col=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", y=1.06, yanchor="bottom", x=1, xanchor="right"))
    return fig


# ---- 5. stacking --------------------------------------------------------------------------------

def stack_split(run, d: dict, tr: Tr, height: int = 460) -> go.Figure:
    """The stacked model's surface with the hold-out split drawn: part 1 trains the base
    systems, part 2 (hollow diamonds) trains the final classifier."""
    p1, p2 = run.part1, run.part2
    pts = [plots.points(d["X_tr"][p1], d["y_tr"][p1], run.classes, name=tr("lec.sk.part1"),
                        size=7),
           plots.points(d["X_tr"][p2], d["y_tr"][p2], run.classes, name=tr("lec.sk.part2"),
                        size=10, test=True)]
    fig = plots.surface(run.grid, run.final_code, len(run.classes), pts, height=height)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    return fig


def stack_vote_surface(run, d: dict, tr: Tr, height: int = 460) -> go.Figure:
    pts = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("lec.bag.train"), size=6)]
    fig = plots.surface(run.grid, run.vote_code, len(run.classes), pts, height=height)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    return fig


def stack_scores(run, names: list[str], labels: list[str], tr: Tr, height: int = 400,
                 extra: tuple | None = None):
    """Train and test accuracy of each of ``names`` in ``run``; ``extra`` = (label, score) adds
    one more bar pair after the first (the lecture's hold-out stacking beside the 5-fold one)."""
    tr_acc = [run.scores[n].train for n in names]
    te_acc = [run.scores[n].test for n in names]
    if extra is not None:
        labels = [labels[0], extra[0], *labels[1:]]
        tr_acc.insert(1, extra[1].train)
        te_acc.insert(1, extra[1].test)
    tr_acc, te_acc = np.array(tr_acc), np.array(te_acc)
    fig = charts.grouped_bars(labels, {tr("lec.train_acc"): tr_acc, tr("lec.test_acc"): te_acc},
                             ylabel=tr("lec.accuracy"), height=height,
                             colors=[plots.SERIES["train_bar"], BLUE])
    fig.update_yaxes(range=[0.5, 1.08])
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10))
    return fig
