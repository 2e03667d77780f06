"""The GAN lab's figures (pure builders: data in, plotly figure out), built once per run and
updated in place for each moment: D's map with the real and generated samples and the arrows of
G's loss, and G's manifold. Curves over the steps are :func:`playground.charts.curves`.

Colours follow the app's two classes: generated samples and "fake" in orange (class 0), real
samples and "real" in blue (class 1); D's map shades the plane from orange (D(x) = 0) to blue
(D(x) = 1).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from playground import plots
from playground.plots import CLASS_COLORS, assign

FAKE, REAL = CLASS_COLORS[0], CLASS_COLORS[1]
FAKE_EDGE = "#7a3d00"  # generated points sit on D's orange: a dark rim keeps them apart
ARROW = "#3a3a3a"
MANIFOLD = "#9467bd"


def arrow_xy(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Segments start -> end as one line with a gap (NaN) after each."""
    n = len(start)
    xy = np.full((n, 3, 2), np.nan, np.float32)
    xy[:, 0], xy[:, 1] = start, end
    xy = xy.reshape(-1, 2)
    return xy[:, 0], xy[:, 1]


def _real(real: np.ndarray, name: str, opacity=0.55) -> go.Scattergl:
    return go.Scattergl(x=real[:, 0], y=real[:, 1], mode="markers", name=name,
                        marker=dict(size=4, color=REAL, opacity=opacity), hoverinfo="skip")


def data_space(grid, code, real, fake, end, *, labels: dict, height=400) -> go.Figure:
    """D's probability over the plane (an image), the real samples, the generated ones and the
    arrows of G's loss on the first ``len(end)`` of them. Traces: 0 real, 1 arrows, 2 generated."""
    ax, ay = arrow_xy(fake[:len(end)], end)
    layers = [[_real(real, labels["real"])],
              [go.Scattergl(x=ax, y=ay, mode="lines", name=labels["pull"],
                            line=dict(color=ARROW, width=1.2), hoverinfo="skip")],
              [go.Scattergl(x=fake[:, 0], y=fake[:, 1], mode="markers", name=labels["fake"],
                            marker=dict(size=5, color=FAKE, line=dict(color=FAKE_EDGE, width=0.8)),
                            hoverinfo="skip")]]
    return plots.surface(grid, code, 2, layers, height=height)


def set_data_space(fig: go.Figure, grid, code, fake, end) -> None:
    plots.set_surface(fig, grid, code, 2)
    ax, ay = arrow_xy(fake[:len(end)], end)
    assign(fig.data[1], x=ax, y=ay)
    assign(fig.data[2], x=fake[:, 0], y=fake[:, 1])


def manifold(grid, real, lines, *, labels: dict, height=400) -> go.Figure:
    """G's manifold: a grid of z mapped through G (lines), over the real samples. Traces: 0 real,
    1 the manifold."""
    xe, ye = plots._edges(grid.xs), plots._edges(grid.ys)
    fig = go.Figure([_real(real, labels["real"], 0.35),
                     go.Scattergl(x=lines[:, 0], y=lines[:, 1], mode="lines",
                                  name=labels["manifold"], connectgaps=False,
                                  line=dict(color=MANIFOLD, width=1.3), hoverinfo="skip")])
    fig.update_xaxes(range=[float(xe[0]), float(xe[-1])], showgrid=False, zeroline=False,
                     constrain="domain")
    fig.update_yaxes(range=[float(ye[0]), float(ye[-1])], showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
    fig = plots._layout(fig, height)
    fig.update_layout(margin=dict(l=40, b=28), plot_bgcolor="#fafafa")
    return fig


def set_manifold(fig: go.Figure, lines: np.ndarray) -> None:
    assign(fig.data[1], x=lines[:, 0], y=lines[:, 1])


def set_marker(fig: go.Figure, x: float) -> None:
    """Move a :func:`playground.charts.curves` figure's marker line to x (a step)."""
    img = fig.layout.images[0]
    assign(img, x=float(x) - img.sizex / 2)
