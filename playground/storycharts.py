"""The inspector's charts (pure builders: one example's recorded numbers in, plotly figure out).

Each history chart is built once per (fit, example, language) and follows round t with the same
thin marker the page's curves use (:func:`playground.charts.set_curves_t`): a new round moves one
image, nothing is drawn again.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from playground.charts import set_curves_t  # noqa: F401 -- the panel moves the marker with it
from playground.plots import CLASS_COLORS, MARK, OKABE_ITO, SERIES, _hline, _layout, _pixel

WRONG = OKABE_ITO[4]  # vermillion: a learner that got this example wrong
RIGHT = OKABE_ITO[2]  # bluish green: one that got it right
HEIGHT = 230


def _f32(a) -> np.ndarray:
    return np.asarray(a, np.float32)


def _marker(x: np.ndarray, t: int) -> dict:
    """The round marker (a one-pixel image stretched over round t, as charts.curves draws it)."""
    span = float(np.max(x) - np.min(x)) or 1.0
    w = span / 250
    return dict(source=_pixel(MARK), xref="x", yref="paper", x=float(x[t - 1]) - w / 2, sizex=w,
                y=1, sizey=1, xanchor="left", yanchor="top", sizing="stretch", opacity=0.9,
                layer="above", name="round")


def history(x: np.ndarray, lines: list[tuple[str, np.ndarray, dict]], t: int | None, *,
            xlabel: str, ylabel: str, marks: tuple | None = None, log_y: bool = False,
            refs: tuple = (), height: int = HEIGHT, y_range=None) -> go.Figure:
    """Lines over the rounds, optional point marks (``(name, x, y, color, symbol)``) on them,
    horizontal reference lines ``refs`` ((y, label) pairs), and the round-t marker."""
    fig = go.Figure()
    for name, y, style in lines:
        fig.add_trace(go.Scatter(x=_f32(x), y=_f32(y), mode="lines", name=name,
                                 line={"width": 2, **style}))
    for name, mx, my, color, symbol in marks or ():
        fig.add_trace(go.Scatter(x=_f32(mx), y=_f32(my), mode="markers", name=name,
                                 marker=dict(color=color, symbol=symbol, size=7,
                                             line=dict(color=color, width=1.5))))
    fig.update_layout(shapes=[_hline(y, color="#999", dash="dot") for y, _ in refs],
                      annotations=[dict(xref="paper", x=0.0, y=y, yref="y", text=label,
                                        showarrow=False, xanchor="left", yanchor="bottom",
                                        font=dict(size=10, color="#666"))
                                   for y, label in refs if label])
    if t is not None:
        fig.update_layout(images=[_marker(x, t)])
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee")
    fig.update_yaxes(title_text=ylabel, gridcolor="#eee", type="log" if log_y else "linear",
                     range=y_range, exponentformat="power" if log_y else "B")
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(y=1.02, font=dict(size=10)), margin=dict(t=30))
    return fig


def per_learner(k: np.ndarray, copies: np.ndarray | None, wrong: np.ndarray, t: int | None, *,
                names: dict, height: int = HEIGHT) -> go.Figure:
    """Bagging: copies of the example in each learner's bootstrap set (bars; a ring at 0 where it
    was out of bag), coloured by whether that learner votes for its class."""
    fig = go.Figure()
    y = np.ones(len(k)) if copies is None else np.asarray(copies, float)
    for label, sel, color in ((names["right"], ~wrong, RIGHT), (names["wrong"], wrong, WRONG)):
        fig.add_trace(go.Bar(x=_f32(k[sel]), y=_f32(y[sel]), name=label, marker_color=color))
    if copies is not None:
        out = np.asarray(copies) == 0
        fig.add_trace(go.Scatter(x=_f32(k[out]), y=np.zeros(int(out.sum()), np.float32),
                                 mode="markers", name=names["oob"],
                                 marker=dict(symbol="circle-open", size=8, color="#444",
                                             line=dict(width=1.5))))
    if t is not None:
        fig.update_layout(images=[_marker(k, t)])
    fig.update_layout(barmode="overlay", bargap=0.15)
    fig.update_xaxes(title_text=names["x"], gridcolor="#eee")
    fig.update_yaxes(title_text=names["y"], gridcolor="#eee", dtick=1,
                     rangemode="tozero")
    fig = _layout(fig, height)
    fig.update_layout(legend=dict(y=1.02, font=dict(size=10)), margin=dict(t=30))
    return fig


def terms(labels: list[str], values: np.ndarray, *, xlabel: str, colors=None,
          height: int | None = None) -> go.Figure:
    """Horizontal bars, one per row label (stacking: each base learner's term w·z and the
    intercept; or each base learner's probability of the example's class). The labels carry the
    numbers: a bar's own text would fall over the axis for a negative value."""
    values = np.asarray(values, float)
    colors = colors or [CLASS_COLORS[1] if v >= 0 else CLASS_COLORS[0] for v in values]
    fig = go.Figure(go.Bar(x=_f32(values), y=labels, orientation="h", marker_color=colors))
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee", zeroline=True, zerolinecolor="#888",
                     title_font=dict(size=11))
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, height or 80 + 30 * len(labels), legend=False)
    return fig


def ring_trace(name: str) -> go.Scatter:
    """The pinned example, drawn on every chart of the plane: a thick ring over its marker."""
    return go.Scatter(x=np.zeros(0, np.float32), y=np.zeros(0, np.float32), mode="markers",
                      name=name, hoverinfo="skip", showlegend=False, uid="pinned",
                      marker=dict(symbol="circle-open", size=18, color="#111",
                                  line=dict(width=3, color="#111")))

