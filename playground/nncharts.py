"""The backpropagation lab's other figures (pure builders): one point's forward and backward pass
on the network, and the sigmoid-against-ReLU charts (gradient norms per layer, activations per
layer, the activation functions with their saturated regions)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.nnplots import (GREYS, NEG, POS, Geometry, _axes, _links_image, _svg_uri,
                                click_targets, png_uri)
from playground.plots import MARK, _layout, assign

_MINUS = str.maketrans({"-": "\u2212"})


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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def backward(g: Geometry, *, titles: list[str], input_labels: list[str], link_text: list[str],
             height: int) -> go.Figure:
    """The network for one point: the links' picture (width = |∂C/∂w|) under the neurons'
    picture (a circle per neuron, colour = ∂C/∂z, its forward numbers above and its backward
    number below), both filled by :func:`set_backward`: following the epoch swaps two images.
    Links can be clicked."""
    fig = go.Figure(click_targets(g, link_text=link_text, inset=R)[1:])
    notes = [dict(x=g.x(l), y=g.yrange[1] - 0.05, text=t, showarrow=False, yanchor="top",
                  font=dict(size=11, color="#555")) for l, t in enumerate(titles)]
    notes += [dict(x=g.x(0) - R - 0.45, y=g.y(0, k), text=lab, showarrow=False, xanchor="right",
                   font=dict(size=12)) for k, lab in enumerate(input_labels)]
    below = _links_image(g, "")
    # plotly.js tells images apart by their boxes: the second one's differs invisibly
    above = dict(below, layer="above", name="nodes", y=below["y"] + 1e-9)
    fig.update_layout(images=[below, above], annotations=notes, hovermode="closest")
    _axes(fig, g)
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(l=4, r=4, t=4, b=4))
    return fig


def nodes_uri(g: Geometry, forward: list[str], backward_: list[str], colour: np.ndarray) -> str:
    """Every neuron's circle and numbers as one SVG picture over the diagram's axes (text with a
    white halo, ~12 px where the chart is 1,000 px wide)."""
    (x0, x1), (y0, y1) = g.xrange, g.yrange
    fs = 0.0125 * (x1 - x0)
    halo = f'paint-order="stroke" stroke="#fff" stroke-width="{fs / 4:.4f}" stroke-linejoin="round"'
    parts = [f'<g font-family="Helvetica, Arial, sans-serif" font-size="{fs:.4f}" '
             'text-anchor="middle">']
    for (_l, _k, x, y), f, b, c in zip(g.nodes(), forward, backward_, colour):
        cy = y1 - y
        parts.append(f'<circle cx="{x:.3f}" cy="{cy:.3f}" r="{R}" fill="{diverging(c)}" '
                     'stroke="#555" stroke-width="1" vector-effect="non-scaling-stroke"/>')
        parts.append(f'<text class="f" x="{x:.3f}" y="{cy - R - 0.25 * fs:.3f}" fill="#222" '
                     f'{halo}>{_esc(f)}</text>')
        parts.append(f'<text class="b" x="{x:.3f}" y="{cy + R + 0.95 * fs:.3f}" fill="{MARK}" '
                     f'{halo}>{_esc(b)}</text>')
    parts.append("</g>")
    return _svg_uri("".join(parts), x0, 0, x1 - x0, y1 - y0)


def set_backward(fig: go.Figure, g: Geometry, forward: list[str], backward_: list[str],
                 colour: np.ndarray, links: str) -> None:
    """One point's numbers (lists in node order) into a :func:`backward` figure."""
    assign(fig.layout.images[0], source=links)
    assign(fig.layout.images[1], source=nodes_uri(g, forward, backward_, colour))


# ---- why sigmoid saturates ----------------------------------------------------------------------

ACT_COLOURS = {"sigmoid": "#b04a8d", "relu": "#2a8c5a", "tanh": "#4a6fb0"}


def _sup(k: int) -> str:
    return str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def norm_bars(names: dict, L: int, lo: int, hi: int, *, ylabel: str,
              height: int = 300) -> go.Figure:
    """|∂L/∂W^l| per layer, one bar per activation, on a log scale from 10^lo to 10^hi (fixed
    for the run); the bars are one picture swapped by :func:`set_norm_bars`."""
    fig = go.Figure([go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                marker=dict(symbol="square", size=12,
                                            color=ACT_COLOURS.get(act, "#777")))
                     for act, label in names.items()])
    fig.update_layout(images=[dict(source="", xref="x", yref="y", x=0.5, y=hi, sizex=L,
                                   sizey=hi - lo, xanchor="left", yanchor="top",
                                   sizing="stretch", layer="above", name="bars")],
                      meta=dict(lo=lo, hi=hi, acts=list(names)))
    fig.update_xaxes(range=[0.5, L + 0.5], tickvals=list(range(1, L + 1)),
                     ticktext=[f"W{_sup(l)}" for l in range(1, L + 1)], showgrid=False)
    fig.update_yaxes(range=[lo, hi], tickvals=list(range(lo, hi + 1)),
                     ticktext=[f"10{_sup(k)}" for k in range(lo, hi + 1)], title_text=ylabel,
                     gridcolor="#eee", zeroline=False)
    return _layout(fig, height)


def set_norm_bars(fig: go.Figure, norms: dict) -> None:
    """Epoch t's norms (activation -> per layer) as the bars' picture."""
    lo, hi, acts = fig.layout.meta["lo"], fig.layout.meta["hi"], fig.layout.meta["acts"]
    L = len(next(iter(norms.values())))
    width = 0.8 / len(acts)
    parts = []
    for a, act in enumerate(acts):
        top = np.clip(np.log10(np.maximum(np.asarray(norms[act], float), 1e-300)), lo, hi)
        for l in range(L):
            x = l + 0.1 + a * width                           # layer l + 1 spans [l + .5, l + 1.5]
            parts.append(f'<rect x="{x:.3f}" y="{hi - top[l]:.4f}" width="{width * 0.92:.3f}" '
                         f'height="{top[l] - lo:.4f}" fill="{ACT_COLOURS.get(act, "#777")}"/>')
    assign(fig.layout.images[0], source=_svg_uri("".join(parts), 0, 0, L, hi - lo))


def activation_maps(names: dict, L: int, his: dict, *, xlabel: str, ylabel: str,
                    share: str, height: int = 300) -> go.Figure:
    """For each activation, the share of training points at each value of a^l (rows, from 0 to
    ``his[act]``) in each hidden layer l (columns): a grey picture per activation, swapped by
    :func:`set_activation_maps`."""
    fig = make_subplots(rows=1, cols=len(names), subplot_titles=list(names.values()),
                        horizontal_spacing=0.12)
    images = []
    for c, act in enumerate(names, start=1):
        k = "" if c == 1 else str(c)
        images.append(dict(source="", xref=f"x{k}", yref=f"y{k}", x=0.5, y=his[act], sizex=L,
                           sizey=his[act], xanchor="left", yanchor="top", sizing="stretch",
                           layer="above", name=act))
        fig.update_xaxes(range=[0.5, L + 0.5], dtick=1, title_text=xlabel, row=1, col=c)
        fig.update_yaxes(range=[0, his[act]], title_text=ylabel if c == 1 else None, row=1,
                         col=c)
    # the colour bar alone (an empty heatmap on the last panel)
    fig.add_trace(go.Heatmap(z=[[0.0, 1.0]], x=[L, L], y=[0, 0], zmin=0, zmax=0.6, opacity=0,
                             colorscale=[[0, "white"], [1, "rgb(30,30,30)"]], hoverinfo="skip",
                             colorbar=dict(thickness=10, tickformat=".0%",
                                           title=dict(text=share, side="right"))),
                  1, len(names))
    fig.update_layout(images=images)
    fig.update_annotations(font=dict(size=12))
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(t=30))
    return fig


def set_activation_maps(fig: go.Figure, maps: dict) -> None:
    """(bin edges, (bins, layers) shares) per activation as each panel's picture: the grey
    saturates at 60 % (a layer whose neurons all sit at one value is black)."""
    for img, (_edges, shares) in zip(fig.layout.images, maps.values()):
        codes = np.rint(np.minimum(np.asarray(shares) / 0.6, 1.0) * 63).astype(np.uint8)
        assign(img, source=png_uri(codes, GREYS))


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
