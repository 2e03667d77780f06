"""Figures of the lifelong-learning lab (pure builders: arrays in, plotly figures out).

Each builder has a ``set_*`` partner that moves the figure to a new step t by writing a few arrays
(:func:`playground.plots.assign`): the loss maps, the accuracy matrix and the histograms are built
once per fit and only their paths, cells and bars change while the player runs.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plots import MARK, _layout, assign

#: One colour per method, the same in every chart (fine-tuning grey: the baseline).
COLORS = {"finetune": "#6b6b6b", "l2": "#9467bd", "ewc": "#0877bd", "mas": "#f59322",
          "scp": "#2ca02c"}
# darker = lower loss, as the lecture draws it
LOSS_SCALE = [[0.0, "#08306b"], [0.25, "#2171b5"], [0.5, "#6baed6"], [0.75, "#c6dbef"],
              [1.0, "#f7fbff"]]
GUARD_SCALE = [[0.0, "#fff5eb"], [0.35, "#fdae6b"], [0.7, "#e6550d"], [1.0, "#7f2704"]]


# ---- the two-parameter picture -------------------------------------------------------------------

def loss_map(t1, t2, L, *, methods: list[str], names: dict, task1_path, theta_b, ellipse=None,
             ellipse_name: str = "", labels: dict, height: int = 420) -> go.Figure:
    """A loss surface over (θ₁, θ₂) as filled contours of log₁₀ L (darker = lower), task 1's
    path, θᵇ, each method's path (drawn up to step t by :func:`set_paths`) and, optionally, a
    penalty ellipse."""
    fig = go.Figure(go.Contour(x=np.asarray(t1, np.float32), y=np.asarray(t2, np.float32),
                               z=_levels(L), colorscale=LOSS_SCALE, showscale=False,
                               contours=dict(coloring="fill", showlines=True, start=0, end=250,
                                             size=250 / 16),
                               line=dict(width=0.5, color="rgba(255,255,255,0.5)"),
                               hoverinfo="skip", name="log10 L"))
    fig.add_trace(go.Scatter(x=task1_path[:, 0], y=task1_path[:, 1], mode="lines",
                             line=dict(color="#222", width=1.5, dash="dot"),
                             name=labels["task1"], hoverinfo="skip", showlegend=False))
    if ellipse is not None:
        fig.add_trace(go.Scatter(x=ellipse[:, 0], y=ellipse[:, 1], mode="lines",
                                 line=dict(color=MARK, width=1.5, dash="dash"),
                                 name=ellipse_name, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[theta_b[0]], y=[theta_b[1]], mode="markers",
                             marker=dict(symbol="star", size=13, color="white",
                                         line=dict(color="#222", width=1)),
                             name="θᵇ", hoverinfo="skip", showlegend=False))
    for m in methods:
        fig.add_trace(go.Scatter(x=[theta_b[0]], y=[theta_b[1]], mode="lines",
                                 line=dict(color=COLORS[m], width=2.5), name=names[m],
                                 legendgroup=m, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=[theta_b[0]], y=[theta_b[1]], mode="markers",
                                 marker=dict(color=COLORS[m], size=9,
                                             line=dict(color="white", width=1.5)),
                                 legendgroup=m, showlegend=False, name=names[m],
                                 hovertemplate="θ = (%{x:.2f}, %{y:.2f})<extra>%{fullData.name}"
                                               "</extra>"))
    fig.update_xaxes(title_text="θ₁", range=[float(t1[0]), float(t1[-1])], showgrid=False,
                     zeroline=False, constrain="domain")
    fig.update_yaxes(title_text="θ₂", range=[float(t2[0]), float(t2[-1])], showgrid=False,
                     zeroline=False, scaleanchor="x", constrain="domain", constraintoward="top")
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(l=40, b=8, t=8))
    return fig


def _levels(L: np.ndarray) -> np.ndarray:
    """log₁₀ L in 251 levels (uint8): contours need no more, and a map then travels as 6 KB
    instead of 26 KB of float32 on every step the player shows."""
    z = np.log10(np.maximum(L, 1e-4))
    lo, hi = float(z.min()), float(z.max())
    return np.rint((z - lo) / ((hi - lo) or 1.0) * 250).astype(np.uint8)


def set_paths(fig: go.Figure, paths: dict, t: int) -> None:
    """Each method's path up to step t (its traces are the last two per method)."""
    n = len(paths)
    for i, xy in enumerate(paths.values()):
        line, dot = fig.data[len(fig.data) - 2 * (n - i)], fig.data[len(fig.data) - 2 * (n - i) + 1]
        assign(line, x=xy[:t + 1, 0].astype(np.float32), y=xy[:t + 1, 1].astype(np.float32))
        assign(dot, x=xy[t:t + 1, 0].astype(np.float32), y=xy[t:t + 1, 1].astype(np.float32))


def after_bars(methods: list[str], names: dict, loss1: list, loss2: list, *, labels: dict,
               height: int = 300) -> go.Figure:
    """Task 1's and task 2's loss at the end of task 2, per method."""
    x = [names[m] for m in methods]
    fig = go.Figure([
        go.Bar(x=x, y=np.asarray(loss1, np.float32), name=labels["loss1"],
               marker_color=[COLORS[m] for m in methods], text=[f"{v:.3f}" for v in loss1],
               textposition="outside"),
        go.Bar(x=x, y=np.asarray(loss2, np.float32), name=labels["loss2"],
               marker=dict(color=[COLORS[m] for m in methods], pattern_shape="/"),
               text=[f"{v:.3f}" for v in loss2], textposition="outside")])
    fig.update_yaxes(title_text=labels["loss"], gridcolor="#eee", rangemode="tozero")
    fig.update_layout(barmode="group")
    return _layout(fig, height)


# ---- the digit sequence ------------------------------------------------------------------------

def accuracy_matrix(matrix: np.ndarray, k: int, *, labels: dict, height: int = 330) -> go.Figure:
    """R[i, j] as cells with their accuracy written in; row k (the task being learned) framed.
    Cells of rows not reached yet are empty."""
    T = len(matrix)
    ticks = [str(i + 1) for i in range(T)]
    fig = go.Figure(go.Heatmap(z=matrix.astype(np.float32), x=ticks, y=ticks, zmin=0, zmax=1,
                               colorscale="Blues", texttemplate="%{z:.2f}",
                               textfont=dict(size=12), hoverongaps=False, xgap=2, ygap=2,
                               colorbar=dict(thickness=10, title=labels["acc"]),
                               hovertemplate=labels["hover"] + "<extra></extra>"))
    fig.update_layout(shapes=[_row_frame(k, T)])
    fig.update_xaxes(title_text=labels["x"], side="top", type="category")
    fig.update_yaxes(title_text=labels["y"], autorange="reversed", type="category")
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(l=40, t=40, b=8))
    return fig


def _row_frame(k: int, T: int) -> dict:
    return dict(type="rect", xref="x", yref="y", x0=-0.5, x1=T - 0.5, y0=k - 0.5, y1=k + 0.5,
                line=dict(color=MARK, width=2.5))


def set_matrix(fig: go.Figure, matrix: np.ndarray, k: int) -> None:
    assign(fig.data[0], z=matrix.astype(np.float32))
    fig.layout.shapes = [_row_frame(k, len(matrix))]


def task_bounds(task: np.ndarray) -> list[dict]:
    """A faint line where each new task starts (x = checkpoint number)."""
    starts = np.flatnonzero(np.r_[False, task[1:] != task[:-1]]) + 0.5
    return [dict(type="line", xref="x", yref="paper", x0=float(s), x1=float(s), y0=0, y1=1,
                 line=dict(color="#bbb", width=1)) for s in starts]


def summary_bars(methods: list[str], names: dict, avg: dict, bwt: dict, *, labels: dict,
                 height: int = 300) -> go.Figure:
    """Average accuracy (over the tasks seen so far) and backward transfer, per method: two
    panels of horizontal bars sharing the methods' axis."""
    y = [names[m] for m in methods]
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["avg"], labels["bwt"]),
                        shared_yaxes=True, horizontal_spacing=0.06)
    for col, values in ((1, avg), (2, bwt)):
        v = [values[m] for m in methods]
        fig.add_trace(go.Bar(y=y, x=np.asarray(v, np.float32), orientation="h",
                             marker_color=[COLORS[m] for m in methods], text=_bar_text(v, col == 2),
                             textposition="outside", cliponaxis=False, showlegend=False,
                             hoverinfo="skip"), row=1, col=col)
    fig.update_xaxes(range=[0, 1.18], row=1, col=1, gridcolor="#eee")
    fig.update_xaxes(range=[-1.05, 0.3], row=1, col=2, gridcolor="#eee", zeroline=True,
                     zerolinecolor="#888")
    fig.update_yaxes(autorange="reversed")
    fig.update_annotations(font=dict(size=12))
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(t=28))
    return fig


def _bar_text(values, signed: bool) -> list[str]:
    return [f"{v:+.2f}" if signed else f"{v:.2f}" for v in values]


def set_summary(fig: go.Figure, methods: list[str], avg: dict, bwt: dict) -> None:
    for trace, values, signed in ((fig.data[0], avg, False), (fig.data[1], bwt, True)):
        v = [values[m] for m in methods]
        assign(trace, x=np.asarray(v, np.float32), text=_bar_text(v, signed))


def guard_maps(guards: list, *, lo: float, hi: float, labels: dict, height: int = 330):
    """log₁₀ b of every weight, one heat map per layer (rows: the neuron the weight comes from;
    columns: the neuron it goes to), on one colour range [lo, hi] sent as 251 uint8 levels."""
    n = len(guards)
    widths = [g.shape[1] for _, g in guards]
    fig = make_subplots(rows=1, cols=n, column_widths=[max(w, 12) for w in widths],
                        subplot_titles=[name for name, _ in guards], horizontal_spacing=0.06)
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
    for i, (_, b) in enumerate(guards, start=1):
        fig.add_trace(go.Heatmap(
            z=_guard_levels(b, lo, hi), zmin=0, zmax=250, colorscale=GUARD_SCALE,
            showscale=i == n, hoverinfo="skip",
            colorbar=dict(thickness=10, title="log₁₀ b",
                          tickvals=((ticks - lo) / (hi - lo) * 250).tolist(),
                          ticktext=[f"{v:g}" for v in ticks])), row=1, col=i)
        fig.update_xaxes(title_text=labels["to"], row=1, col=i, showgrid=False)
        fig.update_yaxes(title_text=labels["from"] if i == 1 else None, row=1, col=i,
                         autorange="reversed", showgrid=False)
    fig.update_annotations(font=dict(size=12))
    return _layout(fig, height, legend=False)


def _guard_levels(b: np.ndarray, lo: float, hi: float) -> np.ndarray:
    z = np.log10(np.maximum(b, 10.0 ** lo))
    return np.rint(np.clip((z - lo) / (hi - lo), 0, 1) * 250).astype(np.uint8)


def set_guards(fig: go.Figure, guards: list, lo: float, hi: float) -> None:
    for trace, (_, b) in zip(fig.data, guards):
        assign(trace, z=_guard_levels(b, lo, hi))


def guard_histograms(edges: np.ndarray, counts: dict, names: dict, *, labels: dict,
                     height: int = 330) -> go.Figure:
    """How the guards b_i spread, per method: the share of parameters per bin of log₁₀ b."""
    centres = ((edges[1:] + edges[:-1]) / 2).astype(np.float32)
    fig = go.Figure()
    for m, c in counts.items():
        fig.add_trace(go.Scatter(x=centres, y=_shares(c), mode="lines", name=names[m],
                                 line=dict(color=COLORS[m], width=2, shape="hvh")))
    fig.update_xaxes(title_text="log₁₀ b", gridcolor="#eee")
    fig.update_yaxes(title_text=labels["share"], gridcolor="#eee", rangemode="tozero")
    return _layout(fig, height)


def _shares(c: np.ndarray) -> np.ndarray:
    total = c.sum()
    return (c / total if total else np.zeros(len(c))).astype(np.float32)


def set_histograms(fig: go.Figure, counts: dict) -> None:
    for trace, c in zip(fig.data, counts.values()):
        assign(trace, y=_shares(c))
