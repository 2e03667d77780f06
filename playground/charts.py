"""Line and bar charts (pure builders: data in, plotly figure out): error and loss curves with a
round marker, AdaBoost's per-round bars, the margin CDF, accuracy bars, gradient boosting's 1-D
stage, the stacking diagram. Surfaces and points are :mod:`playground.plots`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.plots import (CLASS_COLORS, MARK, OKABE_ITO, SERIES, _hline, _layout, _mix, _pixel,
                              _vline, assign)

def round_bars(alpha: np.ndarray, eps: np.ndarray, t: int, *, labels, height=300) -> go.Figure:
    """α_t and ε_t per round; a band marks round t (t is 1-based; move it with set_band)."""
    T = len(alpha)
    x = np.arange(1, T + 1, dtype=np.int32)
    fig = go.Figure(
        [go.Bar(x=x, y=np.asarray(alpha, np.float32), marker_color=SERIES["train_bar"], name="αₜ"),
         go.Bar(x=x, y=np.asarray(eps, np.float32), marker_color=CLASS_COLORS[0], name="εₜ",
                xaxis="x2", yaxis="y2")],
        layout=dict(
            xaxis=dict(domain=[0, 1], anchor="y", matches="x2", showticklabels=False),
            yaxis=dict(domain=[0.54, 1], title_text="αₜ", gridcolor="#eee"),
            xaxis2=dict(domain=[0, 1], anchor="y2", title_text=labels["round"]),
            yaxis2=dict(domain=[0, 0.46], title_text="εₜ", range=[0, 0.55], gridcolor="#eee"),
            # the band is a one-pixel image stretched over round t: moving an image redraws only
            # the image, moving a shape makes plotly recompute and redraw every bar
            images=[dict(source=_pixel(MARK), xref="x", yref="paper", x=t - 0.5, sizex=1.0, y=1,
                         sizey=1, xanchor="left", yanchor="top", sizing="stretch", opacity=0.25,
                         layer="below", name="round")],
            shapes=[_hline(0.5, yref="y2")], bargap=0.15))
    return _layout(fig, height, legend=False)


def set_band(fig: go.Figure, t: int) -> None:
    """Move :func:`round_bars`' band to round t."""
    assign(fig.layout.images[0], x=t - 0.5)


def curves(x: np.ndarray, series: list[tuple[str, np.ndarray, dict]], t: int | None, *,
           xlabel: str, ylabel: str, height=300, log_y=False, title=None,
           top: float | None = None) -> go.Figure:
    """Line curves (errors, losses) with a marker line at round t.

    The marker is a thin image moved by :func:`set_curves_t`, so following t redraws only that
    line (see :func:`round_bars`); the curves' values at t are in the page's metrics and in the
    curves' hover labels. ``top``: the y axis ends there (a curve that starts higher, such as
    AdaBoost's bound, runs off the top instead of squashing the others). A series without a
    colour takes the next one of the Okabe–Ito palette."""
    fig = go.Figure()
    auto = iter(OKABE_ITO)
    for name, y, style in series:
        line = {"width": 2, **style}
        line.setdefault("color", next(auto))
        fig.add_trace(go.Scatter(x=np.asarray(x, np.float32), y=np.asarray(y, np.float32),
                                 mode="lines", name=name, line=line))
    if t is not None:
        span = float(np.max(x) - np.min(x)) or 1.0
        w = span / 250
        fig.update_layout(images=[dict(source=_pixel(MARK), xref="x", yref="paper",
                                       x=float(x[t - 1]) - w / 2, sizex=w, y=1, sizey=1,
                                       xanchor="left", yanchor="top", sizing="stretch",
                                       opacity=0.9, layer="above", name="round")])
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee")
    fig.update_yaxes(title_text=ylabel, gridcolor="#eee", type="log" if log_y else "linear",
                     rangemode="tozero" if not log_y else None,
                     range=[0, top] if top is not None and not log_y else None)
    return _layout(fig, height, title)


def spread_out(series_values) -> bool:
    """Whether curves span so many orders of magnitude that a linear axis flattens all but one
    (e.g. gradient boosting's exponential loss with η = 1 diverging to 10⁵): use a log axis."""
    v = np.concatenate([np.asarray(y, float).ravel() for y in series_values])
    v = v[np.isfinite(v) & (v > 0)]
    return len(v) > 1 and v.max() / max(np.median(v), 1e-300) > 50


def set_curves_t(fig: go.Figure, x: np.ndarray, t: int) -> None:
    """Move the round marker of a :func:`curves` figure (built with a t) to round t."""
    img = fig.layout.images[0]
    assign(img, x=float(x[t - 1]) - img.sizex / 2)

def margin_cdf(margins: dict[int, np.ndarray], *, xlabel: str, ylabel: str, height=300,
               current: tuple | None = None, current_label: str = "t") -> go.Figure:
    """Cumulative distribution of the normalized margins at a few rounds.

    Round t's curve (``current``, moved by :func:`set_margin_t`) is a picture of the step line
    laid over the axes, as the round markers of :func:`round_bars` are: a new round swaps one
    image (plotly redraws nothing else), where a changed trace cost plotly's ``react`` 30-50 ms
    of the browser's time every round. A legend-only line names it."""
    fig = go.Figure()
    rounds = sorted(margins)
    shades = np.linspace(0.75, 0.0, max(len(rounds), 2))
    for r, shade in zip(rounds, shades):
        m, frac = ecdf(margins[r])
        fig.add_trace(go.Scatter(x=m, y=frac, mode="lines", line=dict(
            shape="hv", width=2.2, color=_mix(CLASS_COLORS[1], float(shade))), name=f"t = {r}"))
    images = []
    if current is not None:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=current_label,
                                 line=dict(width=CURRENT_WIDTH, color=MARK)))
        images = [dict(source="", xref="x", yref="y", x=-1.0, y=CDF_TOP, sizex=2.0,
                       sizey=CDF_TOP, xanchor="left", yanchor="top", sizing="stretch",
                       layer="above", name="round t")]
    fig.update_layout(shapes=[_vline(0.0, color="#888", width=1)], images=images)
    fig.update_xaxes(title_text=xlabel, range=[-1, 1], gridcolor="#eee")
    fig.update_yaxes(title_text=ylabel, range=[0, CDF_TOP], gridcolor="#eee")
    if current is not None:
        set_margin_t(fig, *current)
    return _layout(fig, height)


CDF_TOP = 1.02  # the y axis' top: a curve at 1 stays inside the frame
CURRENT_WIDTH = 3


def step_line_svg(x: np.ndarray, y: np.ndarray, *, x0: float, x1: float, top: float,
                  color: str, width: float) -> str:
    """An ``hv`` step line through (x, y) as an SVG data URI whose picture spans [x0, x1] x
    [0, top] in data units: laid over the axes as a stretched layout image it sits exactly where
    the same trace would. Its stroke keeps ``width`` screen pixels however it is stretched."""
    import base64
    xs = np.asarray(x, np.float64)
    ys = top - np.asarray(y, np.float64)  # SVG's y runs down
    d = [f"M{xs[0]:.4g},{ys[0]:.5g}"] + [f"H{a:.4g}V{b:.5g}" for a, b in zip(xs[1:], ys[1:])]
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:g} 0 {x1 - x0:g} {top:g}" '
           f'preserveAspectRatio="none"><path d="{"".join(d)}" fill="none" stroke="{color}" '
           f'stroke-width="{width:g}" vector-effect="non-scaling-stroke"/></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(doc.encode("ascii")).decode("ascii")


MARGIN_STEPS = np.linspace(-1.0, 1.0, 201)


def ecdf(margins: np.ndarray, at: np.ndarray = MARGIN_STEPS) -> tuple[np.ndarray, np.ndarray]:
    r"""$F(m) = \frac{1}{N} \#\{n : \text{margin}^n \le m\}$, exact at the margins ``at`` (every
    0.01 on [-1, 1], the chart's range): a step line of 201 points instead of one per example, so
    that redrawing it every round costs the browser the same for 100 examples or 10,000."""
    m = np.sort(np.asarray(margins, np.float64))
    frac = np.searchsorted(m, at, side="right") / max(len(m), 1)
    return at.astype(np.float32), frac.astype(np.float32)


def set_margin_t(fig: go.Figure, t: int, margins: np.ndarray) -> None:
    """Draw round t's margin curve (the picture :func:`margin_cdf` lays over its axes)."""
    x, frac = ecdf(margins)
    assign(fig.layout.images[0], source=step_line_svg(
        x, frac, x0=-1.0, x1=1.0, top=CDF_TOP, color=MARK, width=CURRENT_WIDTH))


def bars(labels: list[str], values: np.ndarray, *, xlabel: str = "", height=260,
         color=SERIES["test_bar"], highlight: int | None = None) -> go.Figure:
    colors = np.full(len(labels), color, dtype=object)
    if highlight is not None:
        colors[highlight] = MARK
    fig = go.Figure(go.Bar(x=np.asarray(values, np.float32), y=labels, orientation="h",
                           marker_color=colors, text=[f"{v:.3g}" for v in values],
                           textposition="auto"))
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height, legend=False)


def accuracy_bars(categories: list[str], train: np.ndarray, test: np.ndarray, *, labels: dict,
                  height=None) -> go.Figure:
    """Train and test accuracy side by side, one row per method (horizontal: long names read
    level), the axis zoomed to the data's range so that 0.97 against 0.99 shows, and said so:
    ``labels`` = {"train", "test", "axis"} (axis: a text with {lo} for where the axis starts)."""
    train, test = np.asarray(train, float), np.asarray(test, float)
    finite = np.r_[train, test][np.isfinite(np.r_[train, test])]
    lo = float(np.floor((finite.min() - 0.02) * 50) / 50) if len(finite) else 0.0
    lo = max(0.0, min(lo, 0.9))
    fig = go.Figure()
    for name, vals, color, text in ((labels["train"], train, SERIES["train_bar"], False),
                                    (labels["test"], test, SERIES["test_bar"], True)):
        fig.add_trace(go.Bar(y=categories, x=np.asarray(vals, np.float32), name=name,
                             orientation="h", marker_color=color,
                             text=[f"{v:.1%}" for v in vals] if text else None,
                             textposition="outside", cliponaxis=False))
    fig.update_xaxes(range=[lo, 1.0], tickformat=".0%", gridcolor="#eee",
                     title_text=labels["axis"].format(lo=lo) if lo > 0 else None)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", bargap=0.25)
    return _layout(fig, height or 90 + 34 * len(categories))


def grouped_bars(categories: list[str], groups: dict[str, np.ndarray], *, ylabel: str,
                 height=340, colors=None) -> go.Figure:
    fig = go.Figure()
    for i, (name, vals) in enumerate(groups.items()):
        fig.add_trace(go.Bar(x=categories, y=np.asarray(vals, np.float32), name=name,
                             marker_color=(colors or CLASS_COLORS)[i % 5],
                             text=[f"{v:.2f}" for v in vals] if len(categories) <= 6 else None,
                             textposition="outside"))
    fig.update_yaxes(title_text=ylabel, gridcolor="#eee")
    fig.update_layout(barmode="group")
    return _layout(fig, height)


def regression_stage(x, y, g_prev, resid, f_t, g_t, xs, *, labels, height=420) -> go.Figure:
    """Gradient boosting in 1-D: top g_{t-1} and g_t over the data, bottom residuals and f_t."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        row_heights=[0.55, 0.45])
    f32 = lambda a: np.asarray(a, np.float32)  # noqa: E731
    fig.add_trace(go.Scatter(x=f32(x), y=f32(y), mode="markers", name=labels["data"],
                             marker=dict(size=5, color="#999")), 1, 1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(g_prev), mode="lines", name="gₜ₋₁",
                             line=dict(color=CLASS_COLORS[0], width=2, dash="dash")), 1, 1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(g_t), mode="lines", name="gₜ",
                             line=dict(color=CLASS_COLORS[1], width=2.5)), 1, 1)
    fig.add_trace(go.Scatter(x=f32(x), y=f32(resid), mode="markers", name=labels["resid"],
                             marker=dict(size=5, color=CLASS_COLORS[2])), 2, 1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(f_t), mode="lines", name="fₜ",
                             line=dict(color=MARK, width=2.5, shape="hv")), 2, 1)
    fig.update_layout(shapes=[_hline(0.0, yref="y2", color="#aaa", dash="solid")])
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee")
    fig.update_yaxes(title_text="y, g", row=1, col=1)
    fig.update_yaxes(title_text="−∂l/∂g, fₜ", row=2, col=1)
    return _layout(fig, height)


def stack_diagram(layers: list[list[dict]], final: dict, edges: list[tuple], *,
                  height=420) -> go.Figure:
    """Layer diagram: nodes carry their own small decision surface (as an image), edges weighted.

    ``layers``: list of layers, each a list of nodes {"label", "image": uint8 (h, w, 3)}.
    ``edges``: (layer index, node index, weight) into the final learner.
    """
    fig = go.Figure()
    n_cols = len(layers) + 1
    xs = np.linspace(0, 1, n_cols + 1)[:-1] + 0.5 / n_cols
    pos = {}
    for li, layer in enumerate(layers + [[final]]):
        ys = np.linspace(0, 1, len(layer) + 2)[1:-1][::-1]
        for ni, node in enumerate(layer):
            pos[(li, ni)] = (xs[li], ys[ni])
    size = min(0.62 / max(max(len(layer) for layer in layers + [[final]]), 1), 0.2)
    wmax = max([abs(w) for *_, w in edges] + [1e-9])
    for li, ni, w in edges:
        (x0, y0), (x1, y1) = pos[(li, ni)], pos[(len(layers), 0)]
        fig.add_trace(go.Scatter(x=[x0 + size / 2, x1 - size / 2], y=[y0, y1], mode="lines",
                                 line=dict(width=1 + 9 * abs(w) / wmax,
                                           color=CLASS_COLORS[1] if w >= 0 else CLASS_COLORS[0]),
                                 hoverinfo="text", text=f"{w:+.2f}", showlegend=False))
        fig.add_annotation(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"{w:+.2f}", showarrow=False,
                           font=dict(size=10, color="#333"), bgcolor="rgba(255,255,255,0.8)")
    for li, layer in enumerate(layers):
        if li > 0:  # dense edges between hidden layers (no single coefficient: thin grey)
            for a in range(len(layers[li - 1])):
                for b in range(len(layer)):
                    (x0, y0), (x1, y1) = pos[(li - 1, a)], pos[(li, b)]
                    fig.add_trace(go.Scatter(x=[x0 + size / 2, x1 - size / 2], y=[y0, y1],
                                             mode="lines", line=dict(width=1, color="#ccc"),
                                             hoverinfo="skip", showlegend=False))
    for (li, ni), (x, y) in pos.items():
        node = final if li == len(layers) else layers[li][ni]
        fig.add_layout_image(dict(source=node["image"], x=x - size / 2, y=y + size / 2,
                                  sizex=size, sizey=size, xref="x", yref="y", layer="above",
                                  sizing="stretch"))
        fig.add_shape(type="rect", x0=x - size / 2, x1=x + size / 2, y0=y - size / 2,
                      y1=y + size / 2, line=dict(color="#333", width=1.5 if li < len(layers) else 3))
        if li == 0:  # labels left of the first layer, below the others
            fig.add_annotation(x=x - size / 2 - 0.01, y=y, text=node["label"], showarrow=False,
                               xanchor="right", font=dict(size=11))
        else:
            fig.add_annotation(x=x, y=y - size / 2 - 0.01, text=node["label"], showarrow=False,
                               yanchor="top", font=dict(size=11))
    fig.update_xaxes(range=[-0.12, 1], visible=False)
    fig.update_yaxes(range=[-0.08, 1.02], visible=False, scaleanchor="x",
                     scaleratio=height / 900)
    return _layout(fig, height, legend=False)
