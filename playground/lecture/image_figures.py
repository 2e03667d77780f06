"""Plotly builders for the image experiment's steps (docs/lecture.md §2): the picture and the drawn
shapes side by side, and numbers against the depth or T. Pure: arrays in, figures out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground import plots
from playground.lecture.figures import BLUE, GREY, ORANGE, Tr


def panel_row(grid, codes: list, titles: list[str], height: int = 260,
              discrete: bool = False) -> go.Figure:
    """Surfaces side by side with equal aspect (the picture, then one per depth / per T); titles
    of up to three short lines."""
    n = len(codes)
    fig = make_subplots(rows=1, cols=n, subplot_titles=titles, horizontal_spacing=0.015)
    fig.update_annotations(font=dict(size=12))
    for i, code in enumerate(codes):
        fig.add_trace(plots.heatmap(grid, code, 2, discrete=discrete), 1, i + 1)
        fig.update_xaxes(scaleanchor=f"y{i + 1 if i else ''}", row=1, col=i + 1)
    xe, ye = plots._edges(grid.xs), plots._edges(grid.ys)  # whole cells, edge to edge
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain",
                     range=[float(xe[0]), float(xe[-1])])
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain",
                     range=[float(ye[0]), float(ye[-1])])
    fig.update_layout(height=height, margin=dict(l=4, r=4, t=76, b=4), showlegend=False)
    return fig


def single_panel(grid, code, title: str, height: int = 480) -> go.Figure:
    """One surface (a frame of the exported animation)."""
    fig = go.Figure(plots.heatmap(grid, code, 2, discrete=True))
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain",
                     range=[float(grid.xs[0]), float(grid.xs[-1])])
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain",
                     scaleanchor="x", range=[float(grid.ys[0]), float(grid.ys[-1])])
    fig.update_layout(height=height, title=dict(text=title, x=0.5), showlegend=False,
                      margin=dict(l=4, r=4, t=60, b=4))
    return fig


def error_lines(x: list, series: dict, tr: Tr, *, xlabel: str, height: int = 250,
                log_x: bool = False, ylabel: str | None = None, log_y: bool = False,
                fmt: str = ".3f") -> go.Figure:
    """Series against depth or T (errors by default), markers on the lecture's values."""
    fig = go.Figure()
    colors = {0: BLUE, 1: ORANGE, 2: GREY}
    ys = [np.asarray(v, float) for v in series.values()]
    for i, (name, y) in enumerate(zip(series, ys)):
        # at each x the higher of two series is labelled above its marker, the lower below
        other = ys[1 - i] if len(ys) == 2 else np.full_like(y, -np.inf if i else np.inf)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers+text", name=name,
                                 text=[format(v, fmt) for v in y],
                                 textposition=["top center" if a > b or (a == b and i == 0)
                                               else "bottom center" for a, b in zip(y, other)],
                                 line=dict(width=3, color=colors[i % 3]), marker=dict(size=10)))
    fig.update_xaxes(title_text=xlabel, type="log" if log_x else "linear",
                     tickvals=x, ticktext=[str(v) for v in x])
    values = np.concatenate([np.asarray(v, float) for v in series.values()])
    values = values[np.isfinite(values)]
    if log_y:  # outline distances span a few pixels down to a few hundredths
        lo, hi = float(values[values > 0].min()), float(values.max())
        ticks = [m * 10.0 ** e for e in range(-3, 4) for m in (1, 2, 5)
                 if lo / 2.5 <= m * 10.0 ** e <= hi * 2.5]
        fig.update_yaxes(title_text=ylabel, type="log", tickvals=ticks,
                         ticktext=[f"{t:g}" for t in ticks],
                         range=[np.log10(lo) - 0.35, np.log10(hi) + 0.35])
    else:
        top = float(values.max())
        fig.update_yaxes(title_text=ylabel or tr("lec.error"), range=[-0.025 * max(top, 0.1),
                                                                    top * 1.3 + 0.01])
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    return fig
