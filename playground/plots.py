"""Pure plot builders: data in, plotly figure out. No streamlit, no fitting.

Surfaces go to plotly as numpy uint8 (codes) / float32 arrays, which plotly serializes as compact
typed arrays; never as Python lists. Colours follow TensorFlow Playground: orange = class 0,
blue = class 1, then green, purple, red.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

CLASS_COLORS = ("#f59322", "#0877bd", "#2ca02c", "#9467bd", "#d62728")
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
           symbol: str = "circle", names=None, showlegend: bool = True,
           gl: bool = False) -> list[go.Scatter]:
    """One scatter trace per class; ``size`` may be per point (e.g. AdaBoost's u_t).

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
        traces.append(kind(
            x=X[m, 0].astype(np.float32), y=X[m, 1].astype(np.float32), mode="markers",
            name=f"{name} · {label}", showlegend=showlegend,
            marker=dict(size=np.ascontiguousarray(size[m]), color="white" if test else color,
                        symbol=symbol, line=dict(color=color if test else "white",
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


def round_bars(alpha: np.ndarray, eps: np.ndarray, t: int, *, labels, height=300) -> go.Figure:
    """α_t and ε_t per round; a band marks round t (t is 1-based; move it with set_band)."""
    T = len(alpha)
    x = np.arange(1, T + 1, dtype=np.int32)
    fig = go.Figure(
        [go.Bar(x=x, y=np.asarray(alpha, np.float32), marker_color="#6f9ec4", name="α_t"),
         go.Bar(x=x, y=np.asarray(eps, np.float32), marker_color="#f3a95f", name="ε_t",
                xaxis="x2", yaxis="y2")],
        layout=dict(
            xaxis=dict(domain=[0, 1], anchor="y", matches="x2", showticklabels=False),
            yaxis=dict(domain=[0.54, 1], title_text="α_t", gridcolor="#eee"),
            xaxis2=dict(domain=[0, 1], anchor="y2", title_text=labels["round"]),
            yaxis2=dict(domain=[0, 0.46], title_text="ε_t", range=[0, 0.55], gridcolor="#eee"),
            # the band is a one-pixel image stretched over round t: moving an image redraws only
            # the image, moving a shape makes plotly recompute and redraw every bar
            images=[dict(source=_pixel(MARK), xref="x", yref="paper", x=t - 0.5, sizex=1.0, y=1,
                         sizey=1, xanchor="left", yanchor="top", sizing="stretch", opacity=0.25,
                         layer="below", name="round")],
            shapes=[_hline(0.5, yref="y2")], bargap=0.15))
    return _layout(fig, height, legend=False)


def _pixel(hex_color: str) -> str:
    """A 1 x 1 PNG of one colour, as a data URI."""
    import base64
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (1, 1), _rgb(hex_color)).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def set_band(fig: go.Figure, t: int) -> None:
    """Move :func:`round_bars`' band to round t."""
    assign(fig.layout.images[0], x=t - 0.5)


def curves(x: np.ndarray, series: list[tuple[str, np.ndarray, dict]], t: int | None, *,
           xlabel: str, ylabel: str, height=300, log_y=False, title=None) -> go.Figure:
    """Line curves (errors, losses) with a marker line at round t.

    The marker is a thin image moved by :func:`set_curves_t`, so following t redraws only that
    line (see :func:`round_bars`); the curves' values at t are in the page's metrics and in the
    curves' hover labels."""
    fig = go.Figure()
    for name, y, style in series:
        fig.add_trace(go.Scatter(x=np.asarray(x, np.float32), y=np.asarray(y, np.float32),
                                 mode="lines", name=name, line={"width": 2, **style}))
    if t is not None:
        span = float(np.max(x) - np.min(x)) or 1.0
        w = span / 250
        fig.update_layout(images=[dict(source=_pixel(MARK), xref="x", yref="paper",
                                       x=float(x[t - 1]) - w / 2, sizex=w, y=1, sizey=1,
                                       xanchor="left", yanchor="top", sizing="stretch",
                                       opacity=0.9, layer="above", name="round")])
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee")
    fig.update_yaxes(title_text=ylabel, gridcolor="#eee", type="log" if log_y else "linear",
                     rangemode="tozero" if not log_y else None)
    return _layout(fig, height, title)


def set_curves_t(fig: go.Figure, x: np.ndarray, t: int) -> None:
    """Move the round marker of a :func:`curves` figure (built with a t) to round t."""
    img = fig.layout.images[0]
    assign(img, x=float(x[t - 1]) - img.sizex / 2)

def margin_cdf(margins: dict[int, np.ndarray], *, xlabel: str, ylabel: str, height=300,
               current: tuple | None = None) -> go.Figure:
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
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name="t",
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


def bars(labels: list[str], values: np.ndarray, *, xlabel: str = "", height=260,
         color="#0877bd", highlight: int | None = None) -> go.Figure:
    colors = np.full(len(labels), color, dtype=object)
    if highlight is not None:
        colors[highlight] = MARK
    fig = go.Figure(go.Bar(x=np.asarray(values, np.float32), y=labels, orientation="h",
                           marker_color=colors, text=[f"{v:.3f}" for v in values],
                           textposition="auto"))
    fig.update_xaxes(title_text=xlabel, gridcolor="#eee")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height, legend=False)


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
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(g_prev), mode="lines", name="g_{t−1}",
                             line=dict(color="#f59322", width=2, dash="dash")), 1, 1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(g_t), mode="lines", name="g_t",
                             line=dict(color="#0877bd", width=2.5)), 1, 1)
    fig.add_trace(go.Scatter(x=f32(x), y=f32(resid), mode="markers", name=labels["resid"],
                             marker=dict(size=5, color="#2ca02c")), 2, 1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(f_t), mode="lines", name="f_t",
                             line=dict(color=MARK, width=2.5, shape="hv")), 2, 1)
    fig.update_layout(shapes=[_hline(0.0, yref="y2", color="#aaa", dash="solid")])
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee")
    fig.update_yaxes(title_text="y, g", row=1, col=1)
    fig.update_yaxes(title_text="−∂l/∂g, f_t", row=2, col=1)
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
                                           color="#0877bd" if w >= 0 else "#f59322"),
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
