"""The backpropagation lab's other figures (pure builders): one point's forward and backward pass
on the network, and the sigmoid-against-ReLU charts (gradient norms per layer, activations per
layer, the activation functions with their saturated regions)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.nnplots import NEG, POS, Geometry, _axes, _links_image, click_targets
from playground.plots import MARK, _layout, assign

_MINUS = str.maketrans({"-": "\u2212"})
_GREY = "#c9ced4"
SCALE = [[0.0, NEG], [0.5, "#ffffff"], [1.0, POS]]


def fmt(v: float) -> str:
    """A number as the diagrams print it: three significant digits, a typeset minus sign."""
    v = float(v)
    if not np.isfinite(v):
        return "—"
    if v == 0:
        return "0"
    s = f"{v:.3g}"
    if "e" in s:
        m, e = s.split("e")
        s = f"{m}e{int(e)}"
    return s.translate(_MINUS)


def gradient_colour(d: np.ndarray, decades: float = 5.0) -> np.ndarray:
    """∂C/∂z on a signed log scale in [-1, 1]: its sign, and |∂C/∂z| from 10^-decades (white)
    to 1 (full colour)."""
    d = np.asarray(d, float)
    with np.errstate(divide="ignore"):
        mag = np.clip((np.log10(np.abs(d)) + decades) / decades, 0.0, 1.0)
    return np.sign(d) * mag


R = 0.2  # a neuron's circle in the backward diagram (radius, in row units)


def diverging(v: float) -> str:
    """A value in [-1, 1] as a colour: orange (negative), white (0), blue (positive)."""
    v = float(np.clip(v, -1.0, 1.0))
    end = POS if v > 0 else NEG
    rgb = [int(end[k:k + 2], 16) for k in (1, 3, 5)]
    return "rgb({},{},{})".format(*(round(255 + (c - 255) * abs(v)) for c in rgb))


def backward(g: Geometry, *, titles: list[str], input_labels: list[str], link_text: list[str],
             height: int) -> go.Figure:
    """The network for one point: a circle per neuron (colour = ∂C/∂z), its forward numbers above
    and its backward number below (annotations), the links' picture (width = |∂C/∂w|) under them,
    all filled by :func:`set_backward` as layout changes; links can be clicked."""
    nodes = list(g.nodes())
    fig = go.Figure(click_targets(g, link_text=link_text, inset=R)[1:])
    notes = [dict(x=g.x(l), y=g.yrange[1] - 0.05, text=t, showarrow=False, yanchor="top",
                  font=dict(size=11, color="#555")) for l, t in enumerate(titles)]
    notes += [dict(x=g.x(0) - R - 0.45, y=g.y(0, k), text=lab, showarrow=False, xanchor="right",
                   font=dict(size=12)) for k, lab in enumerate(input_labels)]
    shapes = []
    for _l, _k, x, y in nodes:
        # a light backing keeps the numbers legible over the links
        notes.append(dict(x=x, y=y + R + 0.02, text="", showarrow=False, yanchor="bottom",
                          font=dict(size=11, color="#222"), name="forward", borderpad=0,
                          bgcolor="rgba(255,255,255,0.7)"))
        notes.append(dict(x=x, y=y - R - 0.02, text="", showarrow=False, yanchor="top",
                          font=dict(size=11, color=MARK), name="backward", borderpad=0,
                          bgcolor="rgba(255,255,255,0.7)"))
        shapes.append(dict(type="circle", xref="x", yref="y", x0=x - R, x1=x + R, y0=y - R,
                           y1=y + R, fillcolor="white", line=dict(color="#555", width=1)))
    fig.update_layout(images=[_links_image(g, "")], annotations=notes, shapes=shapes,
                      hovermode="closest")
    _axes(fig, g)
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(l=4, r=4, t=4, b=4))
    return fig


def set_backward(fig: go.Figure, forward: list[str], backward_: list[str], colour: np.ndarray,
                 links: str) -> None:
    """One point's numbers into a :func:`backward` figure (lists in node order)."""
    n = len(forward)
    first = len(fig.layout.annotations) - 2 * n
    for k in range(n):
        assign(fig.layout.annotations[first + 2 * k], text=forward[k])
        assign(fig.layout.annotations[first + 2 * k + 1], text=backward_[k])
        assign(fig.layout.shapes[k], fillcolor=diverging(colour[k]))
    assign(fig.layout.images[0], source=links)


# ---- why sigmoid saturates ----------------------------------------------------------------------

ACT_COLOURS = {"sigmoid": "#b04a8d", "relu": "#2a8c5a", "tanh": "#4a6fb0"}


def norm_bars(names: dict, L: int, *, ylabel: str, height: int = 300) -> go.Figure:
    """|∂L/∂W^l| per layer, one bar series per activation, on a log axis (values via
    :func:`set_norm_bars`)."""
    x = [f"W{_sup(l)}" for l in range(1, L + 1)]
    fig = go.Figure([go.Bar(x=x, y=np.ones(L, np.float32), name=label,
                            marker_color=ACT_COLOURS.get(act, "#777"))
                     for act, label in names.items()])
    fig.update_yaxes(type="log", title_text=ylabel, gridcolor="#eee", exponentformat="power")
    fig.update_layout(barmode="group", bargap=0.2)
    return _layout(fig, height)


def set_norm_bars(fig: go.Figure, norms: dict) -> None:
    for trace, values in zip(fig.data, norms.values()):
        assign(trace, y=np.maximum(np.asarray(values, np.float32), 1e-12))


def _sup(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def activation_maps(names: dict, L: int, *, xlabel: str, ylabel: str,
                    height: int = 300) -> go.Figure:
    """For each activation, the share of training points at each value of a^l (rows) in each
    hidden layer l (columns): where the neurons sit (values via :func:`set_activation_maps`)."""
    fig = make_subplots(rows=1, cols=len(names), subplot_titles=list(names.values()),
                        horizontal_spacing=0.12)
    for c, _act in enumerate(names, start=1):
        fig.add_trace(go.Heatmap(x=np.arange(1, L + 1, dtype=np.int32), y=np.zeros(1, np.float32),
                                 z=np.zeros((1, L), np.float32), zmin=0, zmax=1,
                                 colorscale="Greys", showscale=c == len(names),
                                 colorbar=dict(thickness=10, title=dict(text="", side="right")),
                                 hovertemplate="l=%{x} a≈%{y:.2f}: %{z:.0%}<extra></extra>"),
                      1, c)
        fig.update_xaxes(title_text=xlabel, dtick=1, row=1, col=c)
        fig.update_yaxes(title_text=ylabel if c == 1 else None, row=1, col=c)
    fig.update_annotations(font=dict(size=12))
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(t=30))
    return fig


def set_activation_maps(fig: go.Figure, maps: dict) -> None:
    """(bin edges, (bins, layers) shares) per activation into :func:`activation_maps`."""
    for trace, (edges, shares) in zip(fig.data, maps.values()):
        centres = ((edges[1:] + edges[:-1]) / 2).astype(np.float32)
        # the shares' colour saturates at 60 %: a layer that sits at one value is black
        assign(trace, y=centres, z=np.minimum(np.asarray(shares, np.float32) / 0.6, 1.0))


def activation_functions(curves: dict, labels: dict, *, sat_label: str, deriv: str,
                         height: int = 340) -> go.Figure:
    """σ(z) (top) and σ′(z) (bottom) for each activation, the saturated regions shaded (where
    σ′(z) is under a tenth of its largest value)."""
    names = list(curves)
    fig = make_subplots(rows=2, cols=len(names), shared_xaxes=True, vertical_spacing=0.08,
                        horizontal_spacing=0.06, subplot_titles=[labels[n] for n in names])
    shapes = []
    for c, name in enumerate(names, start=1):
        z, a, d, regions = curves[name]
        col = ACT_COLOURS.get(name, "#333")
        fig.add_trace(go.Scatter(x=z.astype(np.float32), y=a.astype(np.float32), mode="lines",
                                 line=dict(color=col, width=2.5), showlegend=False,
                                 hovertemplate="z=%{x:.2f} σ=%{y:.3f}<extra></extra>"), 1, c)
        fig.add_trace(go.Scatter(x=z.astype(np.float32), y=d.astype(np.float32), mode="lines",
                                 line=dict(color=col, width=2.5, dash="dot"), showlegend=False,
                                 hovertemplate="z=%{x:.2f} σ′=%{y:.3f}<extra></extra>"), 2, c)
        k = "" if c == 1 else str(c)
        for lo, hi in regions:
            for row in (1, 2):
                yref = f"y{'' if (row - 1) * len(names) + c == 1 else (row - 1) * len(names) + c}"
                shapes.append(dict(type="rect", xref=f"x{k}", yref=f"{yref} domain", x0=lo, x1=hi,
                                   y0=0, y1=1, fillcolor="rgba(224,36,94,0.10)", line_width=0,
                                   layer="below"))
        fig.update_yaxes(title_text="σ(z)" if c == 1 else None, row=1, col=c, gridcolor="#eee")
        fig.update_yaxes(title_text=deriv if c == 1 else None, row=2, col=c, gridcolor="#eee")
        fig.update_xaxes(title_text="z", row=2, col=c, gridcolor="#eee")
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=sat_label,
                             marker=dict(symbol="square", size=12, color="rgba(224,36,94,0.25)")))
    fig.update_layout(shapes=shapes)
    fig.update_annotations(font=dict(size=12))
    return _layout(fig, height)
