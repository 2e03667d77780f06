"""The backpropagation lab's network diagrams (pure builders: arrays in, plotly figures out).

A network is drawn as TensorFlow Playground draws it: one column per layer (the input features,
the hidden layers, the output), each neuron a small picture of its own output over the plane
(or its curve over x for 1-D data), and every weight a link whose width is |w| and whose colour
is its sign (blue positive, orange negative). Everything that changes while training is a layout
image - the neurons' pictures and one SVG picture of all the links - so following the epoch is a
``relayout`` of images in the browser, never a redraw of traces. Invisible markers on the neurons
and on the links catch clicks (customdata ``["n", l, k]`` and ``["w", l, j, i]``).
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from playground.plots import CLASS_COLORS, MARK, _layout, assign, palette

POS, NEG = CLASS_COLORS[1], CLASS_COLORS[0]  # blue for positive values, orange for negative
DX = 2.4  # distance between two columns, in units of the distance between two neurons
S = 0.66  # a neuron's picture is S x S
_FRAME = "#9aa3ad"


# ---- small pictures, fast ---------------------------------------------------------------------

def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


_PLTE = _chunk(b"PLTE", palette(2)[:64].tobytes())  # the binary diverging scale, codes 0..63
GREYS = _chunk(b"PLTE", np.repeat(np.linspace(255, 30, 64).round().astype(np.uint8), 3).tobytes())


def png_uri(code: np.ndarray, plte: bytes = _PLTE) -> str:
    """uint8 codes 0..63 (row 0 at the bottom) as a palette PNG data URI, written directly: a
    neuron's 30 x 30 picture in ~0.03 ms (PIL takes ~0.3 ms, and a diagram has up to 56).
    ``plte``: the diverging class scale, or :data:`GREYS` (0 white .. 63 near black)."""
    code = np.asarray(code, np.uint8)
    h, w = code.shape
    raw = np.zeros((h, w + 1), np.uint8)                      # filter byte 0 before each row
    raw[:, 1:] = code[::-1]
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0))
            + plte + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 1)) + _chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _svg_uri(body: str, x0: float, y0: float, w: float, h: float) -> str:
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.4g} {y0:.4g} {w:.4g} {h:.4g}" '
           f'preserveAspectRatio="none">{body}</svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(doc.encode("utf-8")).decode("ascii")


def svg_text(uri: str) -> str:
    """The SVG document inside a picture made here (what the browser draws; tests read it)."""
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def curve_uri(values: np.ndarray, lo: float, hi: float, *, color: str = "#333",
              width: float = 2.0, dash: bool = False) -> str:
    """A curve through ``values`` (evenly spaced in x) as an SVG picture of [0, 1] x [lo, hi]:
    laid over axes as a stretched image, it sits where the same line would."""
    v = np.clip(np.asarray(values, float), lo, hi)
    xs = np.linspace(0.0, 1.0, len(v))
    ys = (hi - v) / (hi - lo) if hi > lo else np.full(len(v), 0.5)
    pts = " ".join(f"{x:.4f},{y:.4f}" for x, y in zip(xs, ys))
    style = ' stroke-dasharray="5 3"' if dash else ""
    return _svg_uri(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{width}"'
                    f' vector-effect="non-scaling-stroke"{style}/>', 0, 0, 1, 1)


# ---- the diagram's geometry -------------------------------------------------------------------

@dataclass(frozen=True)
class Geometry:
    """Where every neuron sits: column c = layer l (0 = inputs), row k from the top."""

    sizes: tuple[int, ...]  # neurons per layer, inputs first

    @property
    def rows(self) -> int:
        return max(4, max(self.sizes))

    @property
    def dx(self) -> float:
        """Distance between two columns: wide for a shallow network, never under 1.6 (the links
        between two layers stay visible)."""
        return float(np.clip(DX * 3 / max(len(self.sizes) - 1, 1), 1.6, DX))

    def x(self, l: int) -> float:
        return l * self.dx

    def height(self, width_px: float, lo: int = 260, hi: int = 560) -> int:
        """The figure height (px) at which a chart ``width_px`` wide fills its width (neurons are
        square: both axes share a scale)."""
        (x0, x1), (y0, y1) = self.xrange, self.yrange
        return int(np.clip(width_px * (y1 - y0) / (x1 - x0), lo, hi))

    def y(self, l: int, k: int) -> float:
        return (self.sizes[l] - 1) / 2 - k

    @property
    def xrange(self) -> tuple[float, float]:
        return -1.25, self.x(len(self.sizes) - 1) + 0.75

    @property
    def yrange(self) -> tuple[float, float]:
        return -self.rows / 2 - 0.1, self.rows / 2 + 0.55

    def nodes(self):
        for l, m in enumerate(self.sizes):
            for k in range(m):
                yield l, k, self.x(l), self.y(l, k)

    def link(self, l: int, j: int, i: int, inset: float = S / 2) -> tuple[float, ...]:
        """From neuron j of layer l-1 (its right edge) to neuron i of layer l (its left edge),
        each ``inset`` from the neuron's centre."""
        return (self.x(l - 1) + inset, self.y(l - 1, j), self.x(l) - inset, self.y(l, i))


@lru_cache(maxsize=64)
def _segments(g: Geometry, inset: float) -> tuple[list, np.ndarray]:
    """Every link's "M x0 y0 L x1 y1" in the links picture's coordinates (y down from the top of
    the diagram's range), in (l, j, i) order, and its layer (computed once per shape)."""
    top = g.yrange[1]
    out, layer = [], []
    for l in range(1, len(g.sizes)):
        for j in range(g.sizes[l - 1]):
            for i in range(g.sizes[l]):
                ax, ay, bx, by = g.link(l, j, i, inset)
                out.append(f"M{ax:.3f} {top - ay:.3f}L{bx:.3f} {top - by:.3f}")
                layer.append(l)
    return out, np.array(layer)


def links_uri(g: Geometry, W: list, *, scale: float = 4.0, highlight: tuple | None = None,
              inset: float = S / 2) -> str:
    """Every weight as a line: width 0.5 + 2.5 min(|w| / scale, 1) px in steps of 0.25 px, blue
    if w ≥ 0, orange if w < 0; ``highlight`` = (l, j, i) on top in the mark colour. Lines of one
    colour and width are one SVG path: a 6 x 8 network's 400 links are ~20 paths, a few KB."""
    x0, x1 = g.xrange
    y0, y1 = g.yrange
    segments, _ = _segments(g, inset)
    w = np.concatenate([np.asarray(W[l], float).ravel() for l in range(1, len(g.sizes))])
    width = np.round((0.5 + 2.5 * np.minimum(np.abs(w) / scale, 1.0)) * 4) / 4
    negative = w < 0
    parts = []
    for neg, colour in ((False, POS), (True, NEG)):
        for px in np.unique(width[negative == neg]):
            d = "".join(segments[k] for k in np.flatnonzero((negative == neg) & (width == px)))
            parts.append(f'<path d="{d}" stroke="{colour}" stroke-width="{px:g}"'
                         ' stroke-opacity="0.85" fill="none" vector-effect="non-scaling-stroke"/>')
    if highlight is not None:
        l, j, i = highlight
        k = sum(a * b for a, b in zip(g.sizes[:l - 1], g.sizes[1:l])) + j * g.sizes[l] + i
        parts.append(f'<path d="{segments[k]}" stroke="{MARK}" stroke-width="4.5" fill="none"'
                     ' vector-effect="non-scaling-stroke"/>')
    return _svg_uri("".join(parts), x0, 0, x1 - x0, y1 - y0)


def _image(source: str, x: float, y: float, size: float = S, name: str = "") -> dict:
    return dict(source=source, xref="x", yref="y", x=x - size / 2, y=y + size / 2, sizex=size,
                sizey=size, xanchor="left", yanchor="top", sizing="stretch", layer="above",
                name=name)


def _links_image(g: Geometry, source: str) -> dict:
    x0, x1 = g.xrange
    y0, y1 = g.yrange
    return dict(source=source, xref="x", yref="y", x=x0, y=y1, sizex=x1 - x0, sizey=y1 - y0,
                xanchor="left", yanchor="top", sizing="stretch", layer="below", name="links")


def _axes(fig: go.Figure, g: Geometry) -> None:
    fig.update_xaxes(range=list(g.xrange), visible=False, fixedrange=True)
    fig.update_yaxes(range=list(g.yrange), visible=False, scaleanchor="x", scaleratio=1,
                     fixedrange=True)


def click_targets(g: Geometry, *, weights: bool = True, hover_node="%{text}",
                  node_text=None, link_text=None, inset: float = S / 2) -> list:
    """Invisible markers that catch clicks: one per neuron (customdata ["n", l, k]) and, with
    ``weights``, one a third of the way along every link (["w", l, j, i])."""
    nodes = list(g.nodes())
    traces = [go.Scatter(
        x=[n[2] for n in nodes], y=[n[3] for n in nodes], mode="markers", showlegend=False,
        customdata=[["n", l, k] for l, k, *_ in nodes], text=node_text or [""] * len(nodes),
        hovertemplate=hover_node + "<extra></extra>",
        marker=dict(symbol="square", size=26, color="rgba(0,0,0,0)"))]
    if weights:
        pts, data = [], []
        for l in range(1, len(g.sizes)):
            for j in range(g.sizes[l - 1]):
                for i in range(g.sizes[l]):
                    ax, ay, bx, by = g.link(l, j, i, inset)
                    pts.append((ax + (bx - ax) / 3, ay + (by - ay) / 3))
                    data.append(["w", l, j, i])
        traces.append(go.Scatter(
            x=[p[0] for p in pts], y=[p[1] for p in pts], mode="markers", showlegend=False,
            customdata=data, text=link_text or [""] * len(pts),
            hovertemplate="%{text}<extra></extra>",
            marker=dict(size=9, color="rgba(120,120,120,0.12)")))
    return traces


def network(g: Geometry, *, titles: list[str], input_labels: list[str], node_text: list[str],
            link_text: list[str], height: int = 460) -> go.Figure:
    """The training diagram: one picture per neuron (sources filled by :func:`set_network`),
    the links' picture under them, a frame round the neuron whose surface is shown big."""
    fig = go.Figure(click_targets(g, node_text=node_text, link_text=link_text))
    images = [_links_image(g, "")] + [_image("", x, y) for _l, _k, x, y in g.nodes()]
    shapes = [dict(type="rect", x0=x - S / 2, x1=x + S / 2, y0=y - S / 2, y1=y + S / 2,
                   line=dict(color=_FRAME, width=1)) for _l, _k, x, y in g.nodes()]
    shapes.insert(0, dict(type="rect", x0=0, x1=0, y0=0, y1=0, line=dict(color=MARK, width=3),
                          name="focus"))
    notes = [dict(x=g.x(l), y=g.yrange[1] - 0.05, text=t, showarrow=False, yanchor="top",
                  font=dict(size=11, color="#555")) for l, t in enumerate(titles)]
    notes += [dict(x=g.x(0) - S / 2 - 0.08, y=g.y(0, k), text=lab, showarrow=False,
                   xanchor="right", font=dict(size=12)) for k, lab in enumerate(input_labels)]
    fig.update_layout(images=images, shapes=shapes, annotations=notes, hovermode="closest")
    _axes(fig, g)
    fig = _layout(fig, height, legend=False)
    fig.update_layout(margin=dict(l=4, r=4, t=4, b=4))
    return fig


def set_network(fig: go.Figure, g: Geometry, sources: list[str], links: str,
                focus: tuple[int, int] | None) -> None:
    """Epoch t's pictures (one per neuron, in :meth:`Geometry.nodes` order) and links; a frame
    round neuron ``focus`` = (l, k), none for the output surface."""
    assign(fig.layout.images[0], source=links)
    for img, src in zip(fig.layout.images[1:], sources):
        assign(img, source=src)
    box = dict(x0=0, x1=0, y0=0, y1=0)
    if focus is not None:
        x, y = g.x(focus[0]), g.y(*focus)
        pad = S / 2 + 0.07
        box = dict(x0=x - pad, x1=x + pad, y0=y - pad, y1=y + pad)
    assign(fig.layout.shapes[0], **box)


# ---- the output: points that can be pinned ----------------------------------------------------

def clickable_points(X: np.ndarray, y_idx: np.ndarray, K: int, names: list[str], *,
                     size: float = 6) -> list:
    """Training points, one trace per class, each carrying its index (customdata) for a click."""
    out = []
    for c in range(K):
        m = np.flatnonzero(y_idx == c)
        if len(m):
            out.append(go.Scatter(
                x=X[m, 0].astype(np.float32), y=X[m, 1].astype(np.float32), mode="markers",
                name=names[c], customdata=m.astype(np.int32),
                hovertemplate="#%{customdata}<extra></extra>",
                marker=dict(size=size, color=CLASS_COLORS[c % len(CLASS_COLORS)],
                            line=dict(color="white", width=0.8))))
    return out


def ring(x: float, y: float, r: float) -> dict:
    """The pinned point's ring (a layout shape: moving it redraws nothing else)."""
    return dict(type="circle", xref="x", yref="y", x0=x - r, x1=x + r, y0=y - r, y1=y + r,
                line=dict(color=MARK, width=3), name="pin")


def curve_chart(xs: np.ndarray, X: np.ndarray, y: np.ndarray, *, names: dict, height: int = 380,
                X_test=None, y_test=None) -> go.Figure:
    """1-D regression: the data (clickable), the network's curve as a picture over the axes
    (source set by the caller), a second picture for a neuron's own curve."""
    lo = float(min(y.min(), (y_test if y_test is not None and len(y_test) else y).min()))
    hi = float(max(y.max(), (y_test if y_test is not None and len(y_test) else y).max()))
    pad = 0.1 * (hi - lo) + 1e-9
    y0, y1 = lo - pad, hi + pad
    traces = [go.Scatter(x=X[:, 0].astype(np.float32), y=y.astype(np.float32), mode="markers",
                         name=names["train"], customdata=np.arange(len(y), dtype=np.int32),
                         hovertemplate="#%{customdata}<extra></extra>",
                         marker=dict(size=5, color="#9aa3ad"))]
    if X_test is not None and len(X_test):
        traces.append(go.Scatter(x=X_test[:, 0].astype(np.float32), y=y_test.astype(np.float32),
                                 mode="markers", name=names["test"], hoverinfo="skip",
                                 marker=dict(size=6, symbol="triangle-up", color="#f59322")))
    traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=names["net"],
                             line=dict(color=POS, width=3)))
    fig = go.Figure(traces)
    box = dict(xref="x", yref="y", x=float(xs[0]), y=y1, sizex=float(xs[-1] - xs[0]),
               sizey=y1 - y0, xanchor="left", yanchor="top", sizing="stretch", layer="above")
    # plotly.js tells images apart by their boxes: the second one's differs invisibly
    fig.update_layout(images=[dict(box, source="", name="surface"),
                              dict(box, source="", name="neuron", y=y1 + 1e-9 * (y1 - y0))],
                      shapes=[ring(0, 0, 0)], hovermode="closest")
    fig.update_xaxes(range=[float(xs[0]), float(xs[-1])], title_text="x", gridcolor="#eee")
    fig.update_yaxes(range=[y0, y1], title_text="y", gridcolor="#eee")
    fig = _layout(fig, height)
    fig.layout.meta = dict(y0=y0, y1=y1)
    return fig
