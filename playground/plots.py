"""Pure plot builders: data in, plotly figure out. No streamlit, no fitting.

Surfaces go to plotly as numpy uint8 (codes) / float32 arrays, which plotly serializes as compact
typed arrays; never as Python lists. Colours are the Okabe–Ito palette (readable with every common
colour-vision deficiency): as in TensorFlow Playground orange = class 0 and blue = class 1, then
green, purple, vermillion; classes are also told apart by their marker's shape.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

# Okabe & Ito (2008): orange, blue, bluish green, reddish purple, vermillion, sky blue, black
OKABE_ITO = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
CLASS_COLORS = OKABE_ITO[:5]
CLASS_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")
# the curves every page draws, one colour each wherever they appear
SERIES = {"train": "#0072B2", "test": "#E69F00", "oob": "#009E73", "bound": "#555555",
          "train_bar": "#56B4E9", "test_bar": "#0072B2", "time": "#D55E00"}
FONT = dict(family="Inter, Helvetica, Arial, sans-serif", size=12)
MARK = "#e0245e"


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def _mix(hex_color: str, white: float) -> str:
    r, g, b = (round(c + (255 - c) * white) for c in _rgb(hex_color))
    return f"rgb({r},{g},{b})"


def colorscale(K: int) -> list:
    """Colour scale for the uint8 codes of ``compute.encode`` (class * 32 + confidence)."""
    top = 32 * K - 1
    if K == 2:
        return [[0.0, _mix(CLASS_COLORS[0], 0.25)], [31 / top, _mix(CLASS_COLORS[0], 0.97)],
                [32 / top, _mix(CLASS_COLORS[1], 0.97)], [1.0, _mix(CLASS_COLORS[1], 0.25)]]
    scale = []
    for c in range(K):
        color = CLASS_COLORS[c % len(CLASS_COLORS)]
        scale += [[c * 32 / top, _mix(color, 0.9)], [(c * 32 + 31) / top, _mix(color, 0.35)]]
    return scale


def discretize(code: np.ndarray, K: int) -> np.ndarray:
    """Hard output: every cell at its class's full colour (TensorFlow Playground's toggle)."""
    cls = code // 32
    if K == 2:
        return np.where(cls == 0, 8, 55).astype(np.uint8)
    return (cls * 32 + 24).astype(np.uint8)


def _vline(x: float, color=MARK, dash="dot", width=1.5, xref="x") -> dict:
    """A vertical line as a plain layout shape (plotly's add_vline is ~20x slower)."""
    return dict(type="line", xref=xref, yref="paper", x0=x, x1=x, y0=0, y1=1,
                line=dict(color=color, dash=dash, width=width))


def _hline(y: float, yref="y", color="#888", dash="dot", width=1) -> dict:
    return dict(type="line", xref="paper", yref=yref, x0=0, x1=1, y0=y, y1=y,
                line=dict(color=color, dash=dash, width=width))


def _layout(fig: go.Figure, height: int, title: str | None = None, legend: bool = True) -> go.Figure:
    fig.update_layout(
        # An explicit width: Streamlit still stretches the chart to its column, but it hides a
        # chart whose layout has *no* width until it has measured the column, so without one every
        # update while playing blanks the chart for a render. Narrower than a column (so the
        # render before the stretch is never clipped) and close to one (so it barely moves).
        width=400,
        height=height, margin=dict(l=8, r=8, t=36 if title else 8, b=8), font=FONT,
        title=dict(text=title, font=dict(size=13), x=0.01) if title else None,
        plot_bgcolor="white", paper_bgcolor="white", showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1,
                    font=dict(size=11)),
        uirevision="keep",
    )
    # tight margins, widened by plotly to fit each axis's tick labels and title (without this the
    # "0." of "0.8" is cut off at the chart's left edge)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _edges(v: np.ndarray) -> np.ndarray:
    """Cell edges around evenly spaced cell centres."""
    v = np.asarray(v, float)
    h = (v[1] - v[0]) / 2 if len(v) > 1 else 0.5
    return np.r_[v[0] - h, (v[1:] + v[:-1]) / 2, v[-1] + h]


def compact(xs: np.ndarray, ys: np.ndarray, z: np.ndarray):
    """The same picture with fewer cells: a column (row) equal to its left (lower) neighbour is
    merged into it, and x / y become the cell edges (plotly draws bricks of any width).

    Exact, not a resampling: a tree ensemble's surface is constant between its split thresholds,
    so 200 x 200 cells of AdaBoost's stumps shrink to a few dozen columns and rows.
    """
    z = np.asarray(z)
    keep_x = np.ones(z.shape[1], bool)
    keep_y = np.ones(z.shape[0], bool)
    if z.shape[1] > 1:
        np.any(z[:, 1:] != z[:, :-1], axis=0, out=keep_x[1:])
    if z.shape[0] > 1:
        np.any(z[1:, :] != z[:-1, :], axis=1, out=keep_y[1:])
    ix, iy = np.flatnonzero(keep_x), np.flatnonzero(keep_y)
    xe = _edges(xs)[np.r_[ix, z.shape[1]]].astype(np.float32)
    ye = _edges(ys)[np.r_[iy, z.shape[0]]].astype(np.float32)
    return xe, ye, np.ascontiguousarray(z[np.ix_(iy, ix)])


def heatmap_xyz(grid, code: np.ndarray, K: int, discrete: bool = False) -> dict:
    z = discretize(code, K) if discrete else code
    xe, ye, zc = compact(grid.xs, grid.ys, np.asarray(z, dtype=np.uint8))
    return dict(x=xe, y=ye, z=zc)


def heatmap(grid, code: np.ndarray, K: int, discrete: bool = False, opacity: float = 1.0):
    return go.Heatmap(**heatmap_xyz(grid, code, K, discrete),
                      colorscale=colorscale(K), zmin=0, zmax=32 * K - 1, showscale=False,
                      hoverinfo="skip", opacity=opacity)


def assign(obj, **props) -> None:
    """Write values straight into a plotly object's properties, skipping plotly's validation.

    Only for the per-round updates of figures built (and validated) once: the values are of the
    kinds the builder already put there (float32 / uint8 arrays, numbers, strings). Validating
    them costs ~0.5 ms per property through plotly's validators, a fifth of a round's server
    budget on a page with a dozen of them. ``marker__size=...`` writes ``marker.size``.
    """
    target = obj._props  # noqa: SLF001 -- the figure's own dict (plotly keeps children as views)
    for key, value in props.items():
        *path, leaf = key.split("__")
        node = target
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = value


def set_sizes(fig: go.Figure, first: int, y: np.ndarray, classes, size: np.ndarray) -> None:
    """Per-point marker sizes into the per-class traces that :func:`points` made."""
    size = np.asarray(size, np.float32)
    j = first
    for c in classes:
        m = y == c
        if m.any():
            assign(fig.data[j], marker__size=np.ascontiguousarray(size[m]))
            j += 1


def set_xy(fig: go.Figure, index: int, x, y, **kw) -> None:
    assign(fig.data[index], x=np.asarray(x, np.float32), y=np.asarray(y, np.float32), **kw)


def points(X: np.ndarray, y: np.ndarray, classes, *, name: str, size=6.0, test: bool = False,
           symbol: str = "class", names=None, showlegend: bool = True,
           gl: bool = False) -> list[go.Scatter]:
    """One scatter trace per class; ``size`` may be per point (e.g. AdaBoost's u_t).

    Each class has its colour and (``symbol="class"``) its shape; test points are drawn hollow.

    ``gl=True`` draws with WebGL (``scattergl``): for points that change every round (sizes,
    positions), where redrawing a thousand SVG markers would cost a frame (the live charts fall
    back to SVG in a browser without WebGL).
    """
    kind = go.Scattergl if gl else go.Scatter
    traces = []
    size = np.broadcast_to(np.asarray(size, dtype=np.float32), (len(y),))
    for i, c in enumerate(classes):
        m = y == c
        if not m.any():
            continue
        color = CLASS_COLORS[i % len(CLASS_COLORS)]
        label = names[i] if names else f"{c}"
        shape = CLASS_SYMBOLS[i % len(CLASS_SYMBOLS)] if symbol == "class" else symbol
        traces.append(kind(
            x=X[m, 0].astype(np.float32), y=X[m, 1].astype(np.float32), mode="markers",
            name=f"{name} · {label}", showlegend=showlegend,
            marker=dict(size=np.ascontiguousarray(size[m]), color="white" if test else color,
                        symbol=shape, line=dict(color=color if test else "white",
                                                width=1.6 if test else 0.8)),
            hoverinfo="skip"))
    return traces


def palette(K: int, discrete: bool = False) -> np.ndarray:
    """RGB of every uint8 code 0..255 (:func:`colorscale` sampled at each code), shape (256, 3)."""
    scale = colorscale(K)
    stops = np.array([s for s, _ in scale]) * (32 * K - 1)
    cols = np.array([[int(v) for v in c[4:-1].split(",")] for _, c in scale], float)
    codes = np.arange(256, dtype=float)
    if discrete:
        codes = discretize(np.arange(256), K).astype(float)
    return np.rint(np.stack([np.interp(codes, stops, cols[:, j]) for j in range(3)], -1)
                   ).astype(np.uint8)


_PALETTES: dict = {}


def _png(code: np.ndarray, K: int, discrete: bool) -> bytes:
    """A code surface as an 8-bit palette PNG, row 0 at the top (codes are bottom-up)."""
    import io

    from PIL import Image
    key = (K, discrete)
    if key not in _PALETTES:
        _PALETTES[key] = palette(K, discrete).ravel().tolist()
    img = Image.fromarray(np.ascontiguousarray(np.asarray(code, np.uint8)[::-1]), "P")
    img.putpalette(_PALETTES[key])
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def surface_image(grid, code: np.ndarray, K: int, discrete: bool = False) -> dict:
    """The decision surface as a layout image covering the grid's cells.

    An image, not a heatmap trace: changing it redraws only the picture (plotly's "arraydraw"),
    while a changed heatmap makes plotly recompute and redraw every point on the chart. A palette
    PNG of a tree ensemble's piecewise-constant surface is a few KB.
    """
    xe, ye = _edges(grid.xs), _edges(grid.ys)
    return dict(source=surface_image_source(code, K, discrete), xref="x", yref="y",
                x=float(xe[0]), y=float(ye[-1]), sizex=float(xe[-1] - xe[0]),
                sizey=float(ye[-1] - ye[0]), xanchor="left", yanchor="top", sizing="stretch",
                layer="below", name="surface")


def set_surface(fig: go.Figure, grid, code: np.ndarray, K: int, discrete: bool = False) -> None:
    """Round t's surface into a :func:`surface` figure (its first layout image)."""
    assign(fig.layout.images[0], source=surface_image_source(code, K, discrete))


def surface(grid, code, K, layers: list, *, title=None, height=380, discrete=False,
            legend=True) -> go.Figure:
    """A decision surface (a layout image, see :func:`surface_image`) with point layers on top."""
    xe, ye = _edges(grid.xs), _edges(grid.ys)
    fig = go.Figure([tr for layer in layers for tr in layer])
    fig.update_layout(images=[surface_image(grid, code, K, discrete)])
    fig.update_xaxes(range=[float(xe[0]), float(xe[-1])], showgrid=False, zeroline=False,
                     constrain="domain")
    fig.update_yaxes(range=[float(ye[0]), float(ye[-1])], showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
    fig = _layout(fig, height, title, legend)
    fig.update_layout(margin=dict(l=40, b=28))  # room for the axes' tick labels
    return fig


def crosses(X: np.ndarray, name: str, color: str = "#222", size: float = 7,
            gl: bool = False) -> go.Scatter:
    return (go.Scattergl if gl else go.Scatter)(x=X[:, 0].astype(np.float32), y=X[:, 1].astype(np.float32), mode="markers",
                      name=name, marker=dict(symbol="x-thin", size=size,
                                             line=dict(color=color, width=1.5)),
                      hoverinfo="skip")


def _pixel(hex_color: str) -> str:
    """A 1 x 1 PNG of one colour, as a data URI."""
    import base64
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (1, 1), _rgb(hex_color)).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def learner_grid(grid, codes: list[np.ndarray], K: int, panels: list[dict], *, cols=4,
                 height_per_row=190, titles=None) -> go.Figure:
    """Small multiples: each learner's surface with its own points (in bag sized by copies)."""
    n = len(codes)
    rows = int(np.ceil(n / cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.02,
                        vertical_spacing=min(0.3 / rows, 0.12) if rows > 1 else 0.02)
    for i, (code, panel) in enumerate(zip(codes, panels)):
        r, c = i // cols + 1, i % cols + 1
        fig.add_trace(heatmap(grid, code, K), r, c)
        for tr in panel.get("traces", []):
            fig.add_trace(tr, r, c)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[float(grid.xs[0]), float(grid.xs[-1])])
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[float(grid.ys[0]), float(grid.ys[-1])])
    fig.update_annotations(font=dict(size=11))
    fig = _layout(fig, rows * height_per_row + 40, legend=False)
    fig.update_layout(margin=dict(t=44 if titles and any("<br>" in x for x in titles) else 28))
    return fig


def scalar_map(grid, z: np.ndarray, *, title=None, height=340, zmax=1.0,
               colors="Greys", colorbar_title="", labels: tuple | None = None) -> go.Figure:
    """A map of values in [0, zmax] over the plane (e.g. disagreement share).

    Sent as 251 uint8 levels and compacted (:func:`compact`): a float32 200 x 200 map would be
    213 KB of base64 on every round, this is a few KB. ``labels=(lo, hi)`` names the colour bar's
    ends when z is a rescaled quantity (z = 0 is lo, z = zmax is hi).
    """
    lo, hi = labels if labels is not None else (0.0, zmax)
    xe, ye, zc = _levels(grid, z, zmax)
    ticks = np.linspace(0, 250, 3)
    fig = go.Figure(go.Heatmap(x=xe, y=ye, z=zc, zmin=0, zmax=250, colorscale=colors,
                               hoverinfo="skip",
                               colorbar=dict(title=colorbar_title, thickness=10,
                                             tickvals=ticks.tolist(),
                                             ticktext=[f"{lo + (hi - lo) * v / 250:.2g}"
                                                       for v in ticks])))
    fig.update_xaxes(showgrid=False, zeroline=False, constrain="domain",
                     range=[float(xe[0]), float(xe[-1])])
    fig.update_yaxes(showgrid=False, zeroline=False, scaleanchor="x", constrain="domain",
                     range=[float(ye[0]), float(ye[-1])])
    fig = _layout(fig, height, title, legend=False)
    fig.update_layout(margin=dict(l=40, b=28))  # room for the axes' tick labels
    return fig


def _levels(grid, z, zmax):
    levels = np.clip(np.rint(np.asarray(z, np.float32) / (zmax or 1.0) * 250), 0, 250)
    return compact(grid.xs, grid.ys, levels.astype(np.uint8))


def set_scalar(fig: go.Figure, grid, z: np.ndarray, zmax: float = 1.0) -> None:
    """New values into a :func:`scalar_map` figure (same zmax)."""
    xe, ye, zc = _levels(grid, z, zmax)
    assign(fig.data[0], x=xe, y=ye, z=zc)


def surface_image_source(code: np.ndarray, K: int, discrete: bool = False) -> str:
    """A code surface as a PNG data URI (surfaces, the stacking diagram's nodes)."""
    import base64
    return "data:image/png;base64," + base64.b64encode(_png(code, K, discrete)).decode()


def bootstrap_grid(grid, K: int, n_panels: int, *, cols=4, height_per_row=190,
                   oob_name: str = "out of bag") -> go.Figure:
    """Empty small multiples for single learners, filled per round by :func:`set_bootstrap_panel`
    (built once: make_subplots with 8 panels costs ~150 ms, updating it ~1 ms per panel).

    Each panel: the learner's surface, its bootstrap sample (size = copies drawn, colour = class),
    and its out-of-bag points (crosses).
    """
    rows = int(np.ceil(n_panels / cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[" "] * n_panels,
                        horizontal_spacing=0.02,
                        vertical_spacing=min(0.3 / rows, 0.12) if rows > 1 else 0.02)
    scale = [[i / max(K - 1, 1), CLASS_COLORS[i % len(CLASS_COLORS)]] for i in range(K)]
    empty = np.zeros(0, np.float32)
    for i in range(n_panels):
        r, c = i // cols + 1, i % cols + 1
        fig.add_trace(go.Heatmap(x=empty, y=empty, z=np.zeros((0, 0), np.uint8),
                                 colorscale=colorscale(K), zmin=0, zmax=32 * K - 1,
                                 showscale=False, hoverinfo="skip"), r, c)
        # WebGL points: every round redraws all panels' samples
        fig.add_trace(go.Scattergl(x=empty, y=empty, mode="markers", showlegend=False,
                                   hoverinfo="skip",
                                   marker=dict(size=empty, color=empty, colorscale=scale, cmin=0,
                                               cmax=max(K - 1, 1),
                                               line=dict(color="white", width=0.6))), r, c)
        fig.add_trace(go.Scattergl(x=empty, y=empty, mode="markers", name=oob_name,
                                   showlegend=False, hoverinfo="skip",
                                   marker=dict(symbol="x-thin", size=4,
                                               line=dict(color="#555", width=1.2))), r, c)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[float(grid.xs[0]), float(grid.xs[-1])])
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[float(grid.ys[0]), float(grid.ys[-1])])
    fig.update_annotations(font=dict(size=11))
    fig = _layout(fig, rows * height_per_row + 40, legend=False)
    fig.update_layout(margin=dict(t=28))
    return fig


def set_bootstrap_panel(fig: go.Figure, p: int, grid, code, K: int, X_in=None, cls_in=None,
                        copies=None, X_out=None, title: str = "") -> None:
    """Fill panel p (0-based); ``None`` point sets leave the panel without points."""
    assign(fig.data[3 * p], **heatmap_xyz(grid, code, K))
    empty = np.zeros((0, 2), np.float32)
    X_in = empty if X_in is None else X_in
    X_out = empty if X_out is None else X_out
    assign(fig.data[3 * p + 1], x=X_in[:, 0].astype(np.float32), y=X_in[:, 1].astype(np.float32),
           marker__size=(2.5 + 2.5 * np.asarray(copies if copies is not None else [], float))
           .astype(np.float32),
           marker__color=np.asarray(cls_in if cls_in is not None else [], np.uint8))
    assign(fig.data[3 * p + 2], x=X_out[:, 0].astype(np.float32), y=X_out[:, 1].astype(np.float32))
    assign(fig.layout.annotations[p], text=title)


def small_image_source(code: np.ndarray, K: int, discrete: bool = False) -> str:
    """:func:`surface_image_source` with a palette of only the colours the picture uses (1, 2, 4
    or 8 bits a cell): a member's thumbnail of one or two colours is ~100 bytes instead of ~900
    (most of those were the 256-colour palette)."""
    import base64
    import io

    from PIL import Image
    used, idx = np.unique(np.asarray(code, np.uint8), return_inverse=True)
    img = Image.fromarray(np.ascontiguousarray(
        idx.reshape(np.shape(code)).astype(np.uint8)[::-1]), "P")
    img.putpalette(palette(K, discrete)[used].ravel().tolist())
    bits = next(b for b in (1, 2, 4, 8) if len(used) <= 2 ** b)
    buf = io.BytesIO()
    img.save(buf, "PNG", bits=bits)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
