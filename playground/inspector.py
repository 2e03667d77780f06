"""Ask any training example its story (issue 16 §2): pin it, see it on every chart, read its
history from the engine's own records.

A page pins an example by a click on its main surface (``livechart.show(..., on_pick=...)``) or
by typing its number; the pin is a setting (``<page>_pin``, 1-based, in the URL). Every chart of
the plane marks it (:func:`ring`), and :func:`panel` draws its story from ``run.inspect``
(:mod:`playground.compute.inspectors`): plain arrays, drawn here and nowhere computed.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, controls, figcache, livechart, plots, state, storycharts
from playground.i18n import tr
from playground.text import sub


def percent(x: float) -> str:
    """A share as a percentage with three significant digits (0.00% would hide a weight of
    1e-14 that is still a weight): 12.3%, 0.0457%, 6.36e-13%."""
    v = 100 * float(x)
    return f"{v:.3g}%" if v == 0 or v >= 1e-4 else f"{v:.2e}%"


def token(run, *extra) -> tuple:
    """What shapes the inspector's figures besides t: the fit (its inspector), the language."""
    return (id(run.inspect), state.get("lang")) + extra


def setting(page: str) -> str:
    return f"{page}_pin"


def pinned(page: str, run) -> int:
    """The pinned example n (1-based) if it exists in this fit's training set, else 0."""
    n = int(state.get(setting(page)))
    return n if run.inspect is not None and 1 <= n <= len(run.inspect.X) else 0


def pin(page: str, n: int) -> None:
    """Pin example n (0: none). Only from a callback or before the panel's input is drawn."""
    state.set_widget(setting(page), int(n))


def on_pick(page: str, run):
    """The callback for a click on the page's main surface: pin the nearest training example
    (a click on the pinned one again lets it go)."""
    def picked(where):
        # a click on the data's plot only (gradient boosting's 1-D stage has the residuals below)
        if not where or run.inspect is None or where.get("subplot", "xy") != "xy":
            return
        n = run.inspect.pick(float(where["x"]), float(where["y"]))
        if n is not None:
            pin(page, 0 if n == state.get(setting(page)) else n)
    return picked


# ---- the pinned example on every chart of the plane -------------------------------------------

_RING = (("#ffffff", 5.5, 11), ("#111111", 2.5, 10))  # (colour, width, radius px): white halo


def ring(fig, page: str, run, axes=(("x", "y"),), at=None) -> None:
    """Mark the pinned example on a chart of the plane: a ring (fixed size on screen) around it
    on each subplot ``axes`` ((xref, yref) pairs), at its features or at ``at`` (one (x, y) per
    subplot, e.g. its target and its residual in 1-D). The shapes stay when nothing is pinned
    (hidden), so pinning changes a few numbers and redraws nothing else."""
    n = pinned(page, run)
    if at is None:
        at = [run.inspect.point(n)[:2] if n else (0.0, 0.0)] * len(axes)
    mine = [s for s in (fig.layout.shapes or ()) if s.name == "pinned"]
    if len(mine) == len(axes) * len(_RING):  # built before: move them (no validation)
        for j, shape in enumerate(mine):
            x, y = at[j // len(_RING)]
            plots.assign(shape, xanchor=float(x), yanchor=float(y), visible=bool(n))
        return
    shapes = [s for s in (fig.layout.shapes or ()) if s.name != "pinned"]
    for (xref, yref), (x, y) in zip(axes, at):
        for color, width, r in _RING:
            shapes.append(dict(type="circle", name="pinned", xref=xref, yref=yref,
                               xsizemode="pixel", ysizemode="pixel", xanchor=float(x),
                               yanchor=float(y), x0=-r, x1=r, y0=-r, y1=r, visible=bool(n),
                               line=dict(color=color, width=width), layer="above"))
    fig.layout.shapes = shapes


def vmark(fig, page: str, run, value) -> None:
    """Mark the pinned example's value on a chart whose x axis is a per-example quantity (the
    margin distribution): a vertical line at ``value(story)``."""
    n = pinned(page, run)
    x = float(value(run.inspect.story(n))) if n else 0.0
    name = f"x{_sup(n)}" if n else ""
    mine = [s for s in (fig.layout.shapes or ()) if s.name == "pinned"]
    if mine:
        plots.assign(mine[0], x0=x, x1=x, visible=bool(n), label__text=name)
        return
    shapes = [s for s in (fig.layout.shapes or ()) if s.name != "pinned"]
    shapes.append(dict(type="line", name="pinned", xref="x", yref="paper", x0=x, x1=x, y0=0,
                       y1=1, visible=bool(n), line=dict(color="#111", width=2, dash="dash"),
                       label=dict(text=name, textposition="end", font=dict(size=11))))
    fig.layout.shapes = shapes


# ---- the panel ----------------------------------------------------------------------------------

def panel(page: str, run, t: int | None, *, where: str) -> None:
    """The inspector: the pin's input, then example n's story (or how to pin one).
    ``where``: the text key naming the chart a click pins on."""
    ins = run.inspect
    if ins is None or ins.story is None:
        return
    box = st.container(border=True)
    head = box.container(horizontal=True, vertical_alignment="bottom")
    head.markdown(f"**{tr('in.title')}**")
    N = len(ins.X)
    asked = int(state.get(setting(page)))
    if asked > N:  # a link made for other data
        box.warning(tr("in.no_such", n=asked, N=N), icon=":material/warning:")
        pin(page, 0)
    head.number_input(tr("in.n"), min_value=0, max_value=N, step=1, help=tr("in.n_help", N=N),
                      key=state.wkey(setting(page)), on_change=state.from_widget,
                      args=(setting(page),), width=170)
    n = pinned(page, run)
    if not n:
        box.caption(tr("in.how", chart=tr(where)))
        return
    head.button(tr("in.unpin"), key=f"{page}.unpin", on_click=pin, args=(page, 0),
                icon=":material/close:")
    s = ins.story(n)
    draw = {"AdaStory": _ada, "ForestStory": _forest, "GBStory": _gb, "StackStory": _stack}
    draw[type(s).__name__](box, page, run, s, t)


def _who(s) -> str:
    coords = ", ".join(f"{v:.2f}" for v in np.ravel(s.x)[:2])
    return tr("in.who", n=s.n, sup=_sup(s.n), x=coords, label=s.label)


def _sup(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _chart(box, page: str, run, s, slot: str, build, x, t: int | None, title: str) -> None:
    """One chart of the story, built once per (fit, example, language); round t's marker moved
    (``x``: the chart's rounds, ``t`` the 1-based position in them)."""
    fig = figcache.reuse(f"{page}.in.{slot}", token(run, s.n), build)
    if t is not None and fig.layout.images:
        storycharts.set_curves_t(fig, x, t)
    livechart.show(fig, key=f"{page}.in.{slot}", container=box, title=title)


def _ada(box, page, run, s, t) -> None:
    T = len(s.u)
    x = np.arange(1, T + 1)
    i = t - 1
    common.metrics([(tr("in.example"), _who(s)), (f"u{sub(t)}{_sup(s.n)}", f"{s.u[i]:.3g}"),
                    (tr("in.share", t=sub(t)), percent(s.share[i])),
                    (tr("in.wrong_rounds"), tr("in.of", k=int(s.wrong[:t].sum()), n=t))]
                   + ([(tr("in.margin_t", t=t), f"{s.margin[i]:+.3f}")]
                      if s.margin is not None else []), container=box)
    left, right = box.columns(2)
    wrong = np.flatnonzero(s.wrong)
    _chart(left, page, run, s, "u", lambda: storycharts.history(
        x, [(f"uₜ{_sup(s.n)}", s.u, {"color": storycharts.CLASS_COLORS[1]})], t,
        xlabel=tr("pt.round"), ylabel=tr("in.u_axis"), log_y=True,
        marks=[(tr("in.f_wrong"), wrong + 1, s.u[wrong], storycharts.WRONG, "x")]),
        x, t, tr("in.u_title"))
    if s.margin is not None:
        _chart(right, page, run, s, "margin", lambda: storycharts.history(
            x, [(tr("in.margin"), s.margin, {"color": storycharts.CLASS_COLORS[1]})], t,
            xlabel=tr("pt.round"), ylabel=tr("pt.margin"), refs=((0.0, tr("in.wrong_side")),),
            y_range=[-1.05, 1.05],
            marks=[(tr("in.f_wrong"), wrong + 1, s.margin[wrong], storycharts.WRONG, "x")]),
            x, t, tr("in.margin_title"))


def _forest(box, page, run, s, t) -> None:
    T = len(s.votes)
    k = np.arange(1, T + 1)
    i = t - 1
    row = [(tr("in.example"), _who(s)),
           (tr("in.votes_wrong"), tr("in.of", k=int(s.wrong[:t].sum()), n=t))]
    if s.copies is not None:
        row.append((tr("in.copies", t=sub(t)), f"{int(s.copies[i])}"))
        row.append((tr("in.oob_for"), tr("in.of", k=int((s.copies[:t] == 0).sum()), n=t)))
    if s.oob_share is not None:
        v = s.oob_share[i]
        row.append((tr("in.oob_vote", t=t), "—" if not np.isfinite(v) else f"{v:.0%}"))
    common.metrics(row, container=box)
    left, right = box.columns(2)
    names = {"right": tr("in.votes_right_n"), "wrong": tr("in.votes_wrong_n"),
             "oob": tr("pt.oob_pts"), "x": tr("in.learner_k"), "y": tr("in.copies_axis")}
    _chart(left, page, run, s, "copies", lambda: storycharts.per_learner(
        k, s.copies, s.wrong, t, names=names), k, t, tr("in.copies_title"))
    if s.oob_share is not None:
        _chart(right, page, run, s, "oob", lambda: storycharts.history(
            k, [(tr("in.oob_line"), s.oob_share, {"color": storycharts.SERIES["oob"]})], t,
            xlabel=tr("pt.n_learners"), ylabel=tr("in.oob_axis"), y_range=[-0.03, 1.03],
            refs=((0.5, tr("in.half")),)), k, t, tr("in.oob_title"))
    else:
        right.caption(tr("in.no_oob"))


def _gb(box, page, run, s, t) -> None:
    T = len(s.residual)
    x = np.arange(1, T + 1)
    i = t - 1
    common.metrics([(tr("in.example"), _who(s)),
                    (tr("in.residual_t", t=sub(t)), f"{s.residual[i]:+.3f}"),
                    (f"g{sub(t)}(x{_sup(s.n)})" if s.regression
                     else f"p{sub(t)}(y{_sup(s.n)} | x{_sup(s.n)})", f"{s.output[i]:.3f}"),
                    (tr("in.target"), f"{s.target:.3g}")], container=box)
    left, right = box.columns(2)
    _chart(left, page, run, s, "resid", lambda: storycharts.history(
        x, [(tr("in.residual"), s.residual, {"color": storycharts.CLASS_COLORS[2]})], t,
        xlabel=tr("pt.stage"), ylabel=tr("in.residual_axis"), refs=((0.0, ""),)),
        x, t, tr("in.residual_title"))
    label = tr("in.g_line") if s.regression else tr("in.p_line")
    x0 = np.arange(0, T + 1)
    _chart(right, page, run, s, "out", lambda: storycharts.history(
        x0, [(label, np.r_[s.start, s.output], {"color": storycharts.CLASS_COLORS[1]})],
        t + 1, xlabel=tr("pt.stage"), ylabel=label, refs=((s.target, tr("in.target")),)),
        x0, t + 1, tr("in.g_title") if s.regression else tr("in.p_title"))


def _stack(box, page, run, s, t) -> None:
    labels = [controls.learner_label(nm.split("·")[0]) + (f" ({nm.split('·')[1]})"
                                                          if "·" in nm else "")
              for nm in s.names]
    row = [(tr("in.example"), _who(s)),
           (tr("in.stack_p"), "—" if not np.isfinite(s.proba[s.y_index])
            else f"{s.proba[s.y_index]:.1%}")]
    if s.part2 is not None:
        row.append((tr("in.split"), tr("sk.part2") if s.part2 else tr("sk.part1")))
    common.metrics(row, container=box)
    left, right = box.columns(2)
    own = np.nan_to_num(s.own, nan=0.0)
    _chart(left, page, run, s, "own", lambda: storycharts.terms(
        [f"{lb} · {v:.2f}" for lb, v in zip(labels, own)], own, xlabel=tr("in.own_axis"),
        colors=[storycharts.CLASS_COLORS[s.y_index % 5]] * len(labels)), None, None,
        tr("in.own_title", label=s.label))
    if s.terms is None:
        right.caption(tr("in.no_terms"))
        return
    rows = [tr("in.intercept"), *labels, tr("in.total")]
    vals = np.r_[s.intercept, s.terms, s.intercept + s.terms.sum()]
    c = run.classes[-1] if len(run.classes) == 2 else s.label  # whose score the terms add to
    _chart(right, page, run, s, "terms", lambda: storycharts.terms(
        [f"{r} · {v:+.2f}" for r, v in zip(rows, vals)], vals, xlabel=tr("in.terms_axis", c=c)),
        None, None, tr("in.terms_title", c=c))
