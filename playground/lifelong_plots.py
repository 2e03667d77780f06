"""Figures of the lifelong-learning lab (pure builders: arrays in, plotly figures out).

Each builder has a ``set_*`` partner that moves the figure to a new step t by writing a few arrays
(:func:`playground.plots.assign`): the loss maps, the accuracy matrix and the histograms are built
once per fit and only their paths, cells and bars change while the player runs.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plots import MARK, _edges, _layout, assign

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
    """A loss surface over (θ₁, θ₂) as filled contours of log₁₀ L (darker = lower; a picture, see
    :func:`contour_image`), task 1's path, θᵇ, optionally a penalty ellipse, and each method's
    path up to step t (a second picture, see :func:`paths_image`, moved by :func:`set_paths`)."""
    fig = go.Figure()
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
    for m in methods:  # legend entries only: the paths themselves are the picture
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines+markers", name=names[m],
                                 line=dict(color=COLORS[m], width=2.5),
                                 marker=dict(color=COLORS[m], size=8), hoverinfo="skip"))
    xe, ye = _edges(t1), _edges(t2)
    box = dict(xref="x", yref="y", x=float(xe[0]), y=float(ye[-1]), sizex=float(xe[-1] - xe[0]),
               sizey=float(ye[-1] - ye[0]), xanchor="left", yanchor="top", sizing="stretch")
    fig.update_layout(images=[dict(source=contour_image(L), layer="below", name="loss", **box),
                              dict(source="", layer="above", name="paths", **box)])
    fig.update_xaxes(title_text="θ₁", range=[float(xe[0]), float(xe[-1])], showgrid=False,
                     zeroline=False, constrain="domain")
    fig.update_yaxes(title_text="θ₂", range=[float(ye[0]), float(ye[-1])], showgrid=False,
                     zeroline=False, scaleanchor="x", constrain="domain", constraintoward="top")
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(l=40, b=8, t=8))
    return fig


LOSS_BANDS = 16


def _loss_palette() -> list[int]:
    """Band k's colour (k = 0 the lowest loss, the darkest) and, 16 codes on, the same colour
    lightened for the contour line at the band's edge."""
    stops = np.array([s for s, _ in LOSS_SCALE])
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for _, c in LOSS_SCALE], float)
    at = (np.arange(LOSS_BANDS) + 0.5) / LOSS_BANDS
    fill = np.stack([np.interp(at, stops, rgb[:, j]) for j in range(3)], -1)
    line = fill + 0.35 * (255 - fill)
    return np.rint(np.r_[fill, line]).astype(np.uint8).ravel().tolist()


def contour_image(L: np.ndarray) -> str:
    """Filled contours of log₁₀ L as a palette PNG (data URI), row 0 the top of the map.

    A picture behind the paths, not a contour trace: a step of the player changes the paths only,
    and plotly re-traces every level of a contour trace whenever any trace of its figure
    changes (90-160 ms per map and step in the browser)."""
    import base64
    import io

    from PIL import Image
    z = np.log10(np.maximum(L, 1e-4))
    lo, hi = float(z.min()), float(z.max())
    band = np.clip(((z - lo) / ((hi - lo) or 1.0) * LOSS_BANDS).astype(int), 0, LOSS_BANDS - 1)
    edge = np.zeros(band.shape, bool)
    edge[1:] |= band[1:] != band[:-1]                       # a band starts: its contour line
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    codes = (band + LOSS_BANDS * edge)[::-1].astype(np.uint8)
    img = Image.fromarray(np.ascontiguousarray(codes), "P")
    img.putpalette(_loss_palette())
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=6)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def paths_image(paths: dict, t: int, box: tuple) -> str:
    """Each method's path up to step t and a dot at step t, as an SVG data URI whose picture spans
    the map's axes ``box`` = (x0, x1, y0, y1) in data units.

    A picture, not traces: a new step swaps this one image (plotly's relayout, ~1 ms), where a
    changed trace makes plotly redraw the whole map (Plotly.react, 70-120 ms per map and step in
    a busy browser). Strokes keep their screen width however the picture is stretched; the axes
    have one scale, so the dots stay round."""
    import base64
    x0, x1, y0, y1 = box
    r = (x1 - x0) / 70
    parts = []
    for m, xy in paths.items():
        pts = xy[:t + 1]
        line = " ".join(f"{x:.4f},{y1 - y:.4f}" for x, y in pts)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{COLORS[m]}" '
                     'stroke-width="2.5" stroke-linejoin="round" '
                     'vector-effect="non-scaling-stroke"/>')
    for m, xy in paths.items():  # the dots on top of every line
        x, y = xy[t]
        parts.append(f'<circle cx="{x:.4f}" cy="{y1 - y:.4f}" r="{r:.4f}" fill="{COLORS[m]}" '
                     'stroke="white" stroke-width="1.5" vector-effect="non-scaling-stroke"/>')
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:g} 0 {x1 - x0:g} {y1 - y0:g}" '
           f'preserveAspectRatio="none">{"".join(parts)}</svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(doc.encode("ascii")).decode("ascii")


def set_paths(fig: go.Figure, paths: dict, t: int) -> None:
    """The paths up to step t into a :func:`loss_map` figure (its second layout image)."""
    img = fig.layout.images[1]
    box = (img.x, img.x + img.sizex, img.y - img.sizey, img.y)
    assign(img, source=paths_image(paths, t, box))


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
