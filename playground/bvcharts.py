"""Charts of the bias-variance page (pure builders: arrays in, plotly figure out).

Every method keeps one colour on every chart, from the Okabe–Ito palette (safe for colour-blind
readers); the parts of a decomposition take theirs from Paul Tol's, so a part is never mistaken
for a method.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plots import CLASS_COLORS, _edges, _layout, colorscale

METHOD_COLORS = {"tree": "#D55E00", "stumps": "#CC79A7", "bagging": "#0072B2",
                 "forest": "#009E73", "boosting": "#E69F00"}
PART_COLORS = {"noise": "#BBBBBB", "bias2": "#332288", "bias": "#332288",
               "variance": "#88CCEE", "net_variance": "#88CCEE"}
TRUTH = "#000000"
BIAS_RED = "rgba(204, 0, 51, 0.55)"


def f32(a) -> np.ndarray:
    return np.asarray(a, np.float32)


def faint_lines(x: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Many curves as one trace: each row of Y, separated by a gap (NaN), so that 50 fits cost
    the browser one path, not 50 traces."""
    S, m = Y.shape
    xs = np.tile(np.r_[x, np.nan], S)
    ys = np.c_[Y, np.full(S, np.nan)].ravel()
    return f32(xs), f32(ys)


def fits_grid(x, f, panels: list[dict], example: tuple, *, labels: dict,
              height=520) -> go.Figure:
    """Regression: per method its S fits (faint), their mean (bold) and the truth (dashed).

    ``panels``: dicts with ``name`` (colour key), ``title``, ``faint`` (S, m), ``main`` (m,); the
    sixth cell shows one training set with the truth."""
    cells = panels + [None]
    fig = make_subplots(rows=2, cols=3, subplot_titles=[p["title"] for p in panels] +
                        [labels["example"]], horizontal_spacing=0.05, vertical_spacing=0.14)
    for i, p in enumerate(cells):
        r, c = i // 3 + 1, i % 3 + 1
        if p is None:
            fig.add_trace(go.Scatter(x=f32(example[0][:, 0]), y=f32(example[1]), mode="markers",
                                     marker=dict(size=4, color="#777"), showlegend=False,
                                     hoverinfo="skip"), r, c)
        else:
            color = METHOD_COLORS[p["name"]]
            xs, ys = faint_lines(x, p["faint"])
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False,
                                     line=dict(color=color, width=1), opacity=0.28,
                                     hoverinfo="skip"), r, c)
            fig.add_trace(go.Scatter(x=f32(x), y=f32(p["main"]), mode="lines", showlegend=False,
                                     line=dict(color=color, width=3), name=labels["mean"]),
                          r, c)
        fig.add_trace(go.Scatter(x=f32(x), y=f32(f), mode="lines", showlegend=False,
                                 line=dict(color=TRUTH, width=1.6, dash="dash"),
                                 name=labels["truth"]), r, c)
    # the legend says what each kind of line is, in neutral grey
    for name, line in ((labels["fit"], dict(color="#888", width=1)),
                       (labels["mean"], dict(color="#555", width=3)),
                       (labels["truth"], dict(color=TRUTH, width=1.6, dash="dash"))):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=name, line=line))
    every = np.concatenate([f, example[1]] + [p["faint"].ravel() for p in panels])
    pad = 0.05 * float(np.ptp(every))
    lo, hi = float(every.min()) - pad, float(every.max()) + pad
    fig.update_yaxes(range=[lo, hi], gridcolor="#eee", zeroline=False)
    fig.update_xaxes(gridcolor="#eee", zeroline=False)
    fig.update_annotations(font=dict(size=12))
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(y=-0.06, yanchor="top", x=0.5, xanchor="center"),
                      margin=dict(t=44, b=8))
    return fig


def against_T(T: int, panels: list[dict], *, xlabel: str, height=330) -> go.Figure:
    """Parts of the decomposition against the ensemble size t = 1..T, one subplot per part
    (``panels``: dicts with ``title``, ``series`` — ``(label, values, colour key, dash)`` per
    ensemble — and ``refs`` — ``(label, value, colour key)``, a dotted level per single
    learner). One legend for all: a method has the same colour in every subplot."""
    x = np.arange(1, T + 1, dtype=np.float32)
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p["title"] for p in panels],
                        horizontal_spacing=0.07)
    for i, p in enumerate(panels):
        first = i == 0
        for label, value, key in p["refs"]:
            fig.add_trace(go.Scatter(x=[1.0, float(max(T, 2))], y=[float(value)] * 2,
                                     mode="lines", name=label, showlegend=first,
                                     legendgroup=key,
                                     line=dict(color=METHOD_COLORS[key], width=2, dash="dot")),
                          1, i + 1)
        for label, values, key, dash in p["series"]:
            fig.add_trace(go.Scatter(x=x, y=f32(values), mode="lines", name=label,
                                     showlegend=first, legendgroup=key,
                                     line=dict(color=METHOD_COLORS[key], width=2.5, dash=dash)),
                          1, i + 1)
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee", range=[1, max(T, 2)])
    fig.update_yaxes(gridcolor="#eee", rangemode="tozero")
    fig.update_annotations(font=dict(size=12))
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(y=1.12, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(t=70, b=8))
    return fig


def parts_bars(labels: list[str], parts: list[tuple], totals: np.ndarray,
               *, xlabel: str, total_label: str, height=300) -> go.Figure:
    """Stacked horizontal bars: each method's parts (``(label, values, colour key)``), which add
    up to its expected loss (the marker at the bar's end, computed on its own)."""
    fig = go.Figure()
    for label, values, key in parts:
        fig.add_trace(go.Bar(y=labels, x=f32(values), name=label, orientation="h",
                             marker_color=PART_COLORS[key],
                             text=[f"{v:.3f}" for v in values],
                             textposition="inside", insidetextanchor="middle", textangle=0,
                             textfont=dict(size=10)))
    fig.add_trace(go.Scatter(y=labels, x=f32(totals), mode="markers+text", name=total_label,
                             marker=dict(symbol="line-ns", size=18, color=TRUTH,
                                         line=dict(width=2.5, color=TRUTH)),
                             text=[f"  {v:.3f}" for v in totals], textposition="middle right",
                             cliponaxis=False))
    # a label that does not fit its segment at 9 px is left out rather than shrunk
    fig.update_layout(barmode="relative", uniformtext=dict(minsize=9, mode="hide"))
    fig.update_yaxes(autorange="reversed",
                     tickfont=dict(color="#333"))
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee",
                     range=[min(0.0, float(np.min([np.min(v) for _, v, _ in parts])) * 1.1),
                            float(np.max(totals)) * 1.25])
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(y=1.02, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(b=8, t=30))
    return fig


def maps_grid(grid, K: int, first: dict, panels: list[dict], *, labels: dict,
              height=420) -> go.Figure:
    """Classification: per method (columns) its main prediction with the biased cells in red
    (top) and its variance (bottom). ``first`` fills the first column: one training set (top)
    and the Bayes-optimal label y* (bottom). ``panels``: dicts with ``title``, ``code`` (the
    main prediction coloured by agreement), ``bias`` and ``variance`` maps (G, G)."""
    cols = len(panels) + 1
    titles = [labels["example"]] + [p["title"] for p in panels] + \
        [labels["bayes"]] + [""] * len(panels)
    fig = make_subplots(rows=2, cols=cols, subplot_titles=titles, horizontal_spacing=0.012,
                        vertical_spacing=0.08)
    xe, ye = f32(_edges(grid.xs)), f32(_edges(grid.ys))
    vmax = 1.0 - 1.0 / K
    X, y = first["X"], first["y"]
    for c in range(K):
        m = y == c
        fig.add_trace(go.Scatter(x=f32(X[m, 0]), y=f32(X[m, 1]), mode="markers",
                                 marker=dict(size=4, color=CLASS_COLORS[c % 5]),
                                 showlegend=False, hoverinfo="skip"), 1, 1)
    fig.add_trace(go.Heatmap(x=xe, y=ye, z=first["bayes"], colorscale=colorscale(K), zmin=0,
                             zmax=32 * K - 1, showscale=False, hoverinfo="skip"), 2, 1)
    for i, p in enumerate(panels):
        col = i + 2
        fig.add_trace(go.Heatmap(x=xe, y=ye, z=p["code"], colorscale=colorscale(K), zmin=0,
                                 zmax=32 * K - 1, showscale=False, hoverinfo="skip"), 1, col)
        fig.add_trace(go.Heatmap(x=xe, y=ye, z=p["bias"].astype(np.uint8),
                                 colorscale=[[0, "rgba(0,0,0,0)"], [1, BIAS_RED]], zmin=0,
                                 zmax=1, showscale=False, hoverinfo="skip"), 1, col)
        fig.add_trace(go.Heatmap(x=xe, y=ye, z=f32(p["variance"]), colorscale="Purples",
                                 zmin=0, zmax=vmax, hoverinfo="skip",
                                 showscale=i == len(panels) - 1,
                                 colorbar=dict(thickness=8, len=0.42, y=0.21, x=1.0,
                                               title=dict(text="V", side="top"))), 2, col)
    rng = dict(x=[float(xe[0]), float(xe[-1])], y=[float(ye[0]), float(ye[-1])])
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, range=rng["x"])
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, range=rng["y"])
    fig.update_annotations(font=dict(size=11))
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(t=40, b=4, l=4, r=30))
    return fig
