"""Backpropagation & network basics (docs/lecture.md §6): a network trained live, every neuron's own
surface, one point's forward and backward pass, and why sigmoid saturates."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from algorithms.nn.features import BY_NAME as FEATURE_ROWS
from algorithms.nn.features import feature_names
from playground import (
    charts,
    claims,
    common,
    controls,
    figcache,
    livechart,
    nnplots,
    plots,
    runner,
    settings_course,
    state,
)
from playground.compute import nn as nnc
from playground.compute import nn_probe
from playground.i18n import tr
from playground.views import nn_backward, nn_saturation

DEFAULT_WIDTH = 4


@dataclass(frozen=True)
class Choices:
    spec: nnc.NetSpec
    show_test: bool
    discrete: bool
    res: int


# ---- the network's shape: +/- buttons (TensorFlow Playground's) ---------------------------------

def widths() -> list[int]:
    raw = [int(x) for x in str(state.get("nn_widths")).split(",") if x.strip()]
    return (raw + [DEFAULT_WIDTH] * nnc.HIDDEN_MAX)[:nnc.HIDDEN_MAX]


def hidden() -> tuple[int, ...]:
    return tuple(widths()[:state.get("nn_layers")])


def _set_shape(layers: int, sizes: list[int]) -> None:
    state.put("nn_layers", int(min(max(layers, 0), nnc.HIDDEN_MAX)))
    state.put("nn_widths", ",".join(str(int(min(max(w, 1), nnc.WIDTH_MAX))) for w in sizes))
    state.put("nn_focus", "out")  # the neuron shown big may no longer exist


def add_layer(delta: int) -> None:
    _set_shape(state.get("nn_layers") + delta, widths())


def add_neuron(l: int, delta: int) -> None:
    sizes = widths()
    sizes[l] += delta
    _set_shape(state.get("nn_layers"), sizes)


def shape_controls() -> None:
    """Hidden layers and neurons per layer, above the diagram."""
    depth, sizes = state.get("nn_layers"), widths()
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    group = row.container(horizontal=True, vertical_alignment="center", gap="small",
                          width="content")
    group.markdown(f"**{tr('nn.layers', n=depth)}**", width="content")
    group.button("", icon=":material/remove:", key="nn.layer.minus", on_click=add_layer,
                 args=(-1,), disabled=depth == 0, help=tr("nn.layer_minus"), type="tertiary")
    group.button("", icon=":material/add:", key="nn.layer.plus", on_click=add_layer, args=(1,),
                 disabled=depth == nnc.HIDDEN_MAX, help=tr("nn.layer_plus"), type="tertiary")
    if depth:
        row.caption(tr("nn.neurons"), width="content")
    for l in range(depth):
        group = row.container(horizontal=True, vertical_alignment="center", gap=None,
                              width="content")
        group.caption(tr("nn.layer_n", l=l + 1, n=sizes[l]), width="content")
        group.button("", icon=":material/remove:", key=f"nn.n{l}.minus", on_click=add_neuron,
                     args=(l, -1), disabled=sizes[l] == 1, type="tertiary",
                     help=tr("nn.neuron_minus", l=l + 1))
        group.button("", icon=":material/add:", key=f"nn.n{l}.plus", on_click=add_neuron,
                     args=(l, 1), disabled=sizes[l] == nnc.WIDTH_MAX, type="tertiary",
                     help=tr("nn.neuron_plus", l=l + 1))


# ---- the sidebar ---------------------------------------------------------------------------------

def _toggle_feature(name: str) -> None:
    chosen = [f for f in state.get("nn_features").split(",") if f]
    if st.session_state[f"nn.f.{name}"]:
        chosen = [f for f in settings_course.NN_FEATURES if f in chosen or f == name]
    elif len(chosen) > 1:
        chosen = [f for f in chosen if f != name]
    state.put("nn_features", ",".join(chosen))
    state.put("nn_focus", "out")


def feature_boxes(n_inputs: int) -> tuple[str, ...]:
    """One tick box per input feature the data allow (TensorFlow Playground's inputs)."""
    allowed = feature_names(n_inputs)
    chosen = [f for f in state.get("nn_features").split(",") if f in allowed] or ["x1"]
    state.put("nn_features", ",".join(chosen))
    st.sidebar.subheader(tr("nn.features"))
    cols = st.sidebar.columns(2)
    for k, name in enumerate(allowed):
        box = f"nn.f.{name}"
        st.session_state[box] = name in chosen
        cols[k % 2].checkbox(FEATURE_ROWS[name].symbol, key=box, on_change=_toggle_feature,
                             args=(name,), disabled=chosen == [name])
    return tuple(chosen)


def sidebar() -> Choices:
    shape_controls()
    problem = controls.select("nn_problem", "nn.problem", lambda v: tr(f"nn.p.{v}"), radio=True)
    key = controls.data_1d("nn_data1d") if problem == "1d" else controls.data_2d()
    features = feature_boxes(1 if problem == "1d" else 2)
    st.sidebar.subheader(tr("sb.model"))
    act = controls.select("nn_act", "nn.act", lambda a: tr(f"nn.a.{a}"))
    opt = controls.select("nn_opt", "nn.opt", lambda o: tr(f"nn.o.{o}"))
    lr = controls.slider("nn_lr", "nn.lr")
    batch = controls.slider("nn_batch", "nn.batch")
    reg = controls.select("nn_reg", "nn.reg", lambda r: tr(f"nn.r.{r}"), radio=True)
    rate = controls.slider("nn_rate", "nn.rate") if reg != "none" else state.get("nn_rate")
    epochs = controls.slider("nn_epochs", "nn.epochs", step=10)
    show_test = controls.toggle("show_test", "sb.show_test")
    discrete = controls.toggle("discrete", "sb.discrete") if problem == "2d" else False
    spec = nnc.NetSpec(key, problem, features, hidden(), act, float(lr), int(batch), reg,
                       float(rate), opt, int(epochs))
    return Choices(spec, show_test, discrete, nnc.BIG_RES)


def fit(c: Choices) -> nnc.NNRun:
    return nnc.nn_run(c.spec, c.res)


# ---- what follows the epoch ---------------------------------------------------------------------

def focus_of(run: nnc.NNRun) -> tuple[int, int] | None:
    """(layer, neuron) shown big, None for the network's output; a stale choice is dropped."""
    raw = state.get("nn_focus")
    if raw == "out":
        return None
    l, k = (int(x) for x in raw.split("."))
    if l > run.L or k > run.sizes[l] or (l == run.L and run.sizes[l] == 1):
        return None
    return l, k - 1


def neuron_name(run: nnc.NNRun, l: int, k: int) -> str:
    if l == 0:
        return FEATURE_ROWS[run.spec.features[k]].symbol
    if l == run.L:
        return tr("nn.out_neuron", k=k + 1)
    return tr("nn.neuron", l=l, k=k + 1)


def sources(run: nnc.NNRun, step: nnc.NNStep) -> list[str]:
    """Every neuron's picture in :meth:`nnplots.Geometry.nodes` order."""
    if run.regression:
        pics = [nnplots.curve_uri(v, -1.05, 1.05, width=1.5) for v in run.inputs / (
            np.abs(run.inputs).max(axis=1, keepdims=True) + 1e-12)]
        for l in range(1, run.L + 1):
            centre, half = nnc.value_range(run.activations[l - 1])
            lo, hi = ((centre - half, centre + half) if l < run.L else
                      (float(run.y_tr.min()), float(run.y_tr.max())))
            pics += [nnplots.curve_uri(v, lo, hi, width=1.5) for v in step.neurons[l]]
        return pics
    pics = [nnplots.png_uri(c) for c in run.inputs]
    for l in range(1, run.L + 1):
        pics += [nnplots.png_uri(c) for c in step.neurons[l]]
    return pics


def diagram(run: nnc.NNRun, step: nnc.NNStep, focus, container) -> None:
    g = nnplots.Geometry(run.sizes)

    def build():
        titles = nn_backward.column_titles(run)
        nodes = [neuron_name(run, l, k) for l, k, *_ in g.nodes()]
        links = [f"w<sub>{i + 1}{j + 1}</sub><sup>{l}</sup>" for l in range(1, run.L + 1)
                 for j in range(run.sizes[l - 1]) for i in range(run.sizes[l])]
        return nnplots.network(g, titles=titles, node_text=[f"{n} · {tr('nn.click_big')}"
                                                            for n in nodes],
                               input_labels=[FEATURE_ROWS[f].symbol for f in run.spec.features],
                               link_text=[f"{w} · {tr('nn.click_weight')}" for w in links],
                               height=nn_height(run))
    fig = figcache.reuse("nn.net", common.token(run), build)
    nnplots.set_network(fig, g, sources(run, step), nnplots.links_uri(g, step.W), focus)
    livechart.show(fig, key="nn.net", container=container, title=tr("nn.diagram"),
                   on_click=nn_backward.on_network_click)


def nn_height(run: nnc.NNRun) -> int:
    # the left column is ~530 px wide at 1440 px, ~450 px at 1280 px
    return nnplots.Geometry(run.sizes).height(520)


def output(run: nnc.NNRun, step: nnc.NNStep, c: Choices, t: int, focus, container) -> None:
    """The big picture: the network's output (or the chosen neuron's) with the data; a click on
    a training point pins it."""
    pin = nn_backward.pinned(run)
    title = tr("nn.big") if focus is None else tr("nn.big_neuron", name=neuron_name(run, *focus))
    if run.regression:
        shown = slice(None) if c.show_test else slice(0)
        fig = figcache.reuse("nn.out", common.token(run, c.show_test), lambda: nnplots.curve_chart(
            run.xs, run.X_tr, run.y_tr, X_test=run.X_te[shown], y_test=run.y_te[shown],
            names={"train": tr("pt.train"), "test": tr("pt.test"), "net": tr("nn.net_curve")}))
        y0, y1 = fig.layout.meta["y0"], fig.layout.meta["y1"]
        plots.assign(fig.layout.images[0], source=nnplots.curve_uri(step.out, y0, y1,
                                                                    color=nnplots.POS, width=3))
        neuron = ""
        if focus is not None:
            values = (run.inputs[focus[1]] if focus[0] == 0 else step.neurons[focus[0]][focus[1]])
            centre, half = nnc.value_range(run.activations[focus[0] - 1] if focus[0] else "linear")
            neuron = nnplots.curve_uri(values, centre - half, centre + half, color="#7b3fa0",
                                       dash=True)
        plots.assign(fig.layout.images[1], source=neuron)
        span = float(run.xs[-1] - run.xs[0])  # a round ring: the axes' scales differ
        plots.assign(fig.layout.shapes[0], **_ring(run.X_tr[pin, 0], run.y_tr[pin],
                                                   0.025 * span, 0.025 * (y1 - y0)))
    else:
        def build():
            layers = [nnplots.clickable_points(run.X_tr, run.y_tr, run.K,
                                               [f"{tr('pt.class')} {c_}" for c_ in run.classes])]
            if c.show_test and len(run.X_te):
                layers.append(plots.points(run.X_te, run.classes[run.y_te], run.classes,
                                           name=tr("pt.test"), test=True, symbol="triangle-up",
                                           size=7, showlegend=False))
            fig = plots.surface(run.grid, step.out, max(run.K, 2), layers, discrete=c.discrete,
                                height=420)
            fig.update_layout(shapes=[nnplots.ring(0, 0, 0)])
            return fig
        fig = figcache.reuse("nn.out", common.token(run, c.show_test, c.discrete), build)
        if focus is None:
            plots.set_surface(fig, run.grid, step.out, max(run.K, 2), c.discrete)
        else:
            plots.assign(fig.layout.images[0], source=nnplots.png_uri(
                run.focus_surface(t, *focus)))
        span = float(run.grid.xs[-1] - run.grid.xs[0])
        plots.assign(fig.layout.shapes[0], **_ring(*run.X_tr[pin], 0.025 * span, 0.025 * span))
    livechart.show(fig, key="nn.out", container=container, title=title,
                   on_click=nn_backward.on_point_click)


def _ring(x: float, y: float, rx: float, ry: float) -> dict:
    return dict(x0=float(x - rx), x1=float(x + rx), y0=float(y - ry), y1=float(y + ry))


def curves(run: nnc.NNRun, t: int, container) -> None:
    x = np.arange(1, run.T + 1)
    rec = run.record
    series = [(tr("pt.train"), rec.train_loss[1:], {"color": "#0877bd"})]
    if np.isfinite(rec.test_loss[1:]).any():
        series.append((tr("pt.test"), rec.test_loss[1:], {"color": "#f59322"}))
    fig = figcache.reuse("nn.loss", common.token(run), lambda: charts.curves(
        x, series, t, xlabel=tr("nn.epoch_axis"), ylabel=tr("pt.loss"), height=240))
    charts.set_curves_t(fig, x, t)
    livechart.show(fig, key="nn.loss", container=container, title=tr("nn.losses"))


def views(run: nnc.NNRun, c: Choices, t: int) -> None:
    """Everything that follows epoch t. Its CPU time (this thread's, unlike the player's wall
    clock in ``perf.nn``, not inflated by other jobs on a busy machine) goes to ``cpu.nn`` for
    benchmarks/bench_app.py."""
    started = time.thread_time()
    _views(run, c, t)
    st.session_state["cpu.nn"] = 1000 * (time.thread_time() - started)


def _views(run: nnc.NNRun, c: Choices, t: int) -> None:
    step = run.at(t)
    row = [(tr("nn.epoch_metric"), f"{t} / {run.T}"),
           (tr("m.train_loss"), f"{step.train_loss:.4f}")]
    if np.isfinite(step.test_loss):
        row.append((tr("m.test_loss"), f"{step.test_loss:.4f}"))
    if not run.regression:
        row.append((tr("m.train_acc"), f"{step.train_acc:.1%}"))
        if np.isfinite(step.test_acc):
            row.append((tr("m.test_acc"), f"{step.test_acc:.1%}"))
    common.metrics(row)
    focus = focus_of(run)
    left, right = st.columns([0.56, 0.44])
    diagram(run, step, focus, left)
    curves(run, t, left)
    output(run, step, c, t, focus, right)
    panel = controls.select("nn_panel", "nn.panel", lambda p: tr(f"nn.panel.{p}"), container=st,
                            radio=True)
    if panel == "backward":
        nn_backward.panel(run, t)
    else:
        nn_saturation.panel(run, t)


def lessons(run: nnc.NNRun, c: Choices) -> tuple:
    out = [claims.Claim("nn.claim.falls", "nn.claim.falls_not", loss_falls)]
    if c.spec.problem == "2d":
        out.append(claims.Claim("nn.claim.squares", "nn.claim.squares_not", squares_help))
    return tuple(out)


def loss_falls(run: nnc.NNRun, c: Choices) -> tuple[bool, dict]:
    """The training loss after the last epoch is under half of the first epoch's."""
    first, last = run.record.train_loss[1], run.record.train_loss[-1]
    return last < 0.5 * first, {"first": f"{first:.3f}", "last": f"{last:.3f}", "T": run.T,
                                "lr": f"{c.spec.lr:g}"}


def squares_help(run: nnc.NNRun, c: Choices) -> tuple[bool, dict]:
    """A model without hidden layers gains at least 10 points of test accuracy from x₁², x₂²."""
    acc = nn_probe.linear_features(c.spec.key)
    return acc["squares"] >= acc["plain"] + 0.10, {"plain": f"{acc['plain']:.0%}",
                                                   "squares": f"{acc['squares']:.0%}"}


def after(run: nnc.NNRun, c: Choices) -> None:
    """What does not follow the epoch: why training stopped early, the lessons."""
    if run.record.stopped:
        st.warning(tr("nn.stopped", t=run.T, why=run.record.stopped), icon=":material/warning:")
    elif run.T < run.epochs_asked:
        st.info(tr("nn.budget", t=run.T, asked=run.epochs_asked, steps=nnc.MAX_STEPS),
                icon=":material/timer:")
    st.subheader(tr("nn.lessons"))
    claims.say(lessons(run, c), run, c)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("nn", sidebar=sidebar, fit=fit, draw=after,
               rounds=runner.Rounds("nn_t", "nn.epoch", views))
