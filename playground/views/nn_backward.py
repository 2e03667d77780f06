"""The backward pass, shown (docs/lecture.md §6): one pinned training point's forward pass (z and a in
every neuron), its backward pass (∂C/∂z in every neuron, through σ′(z)), the chain rule for one
weight beside its finite-difference estimate, and the same step by hand, one layer at a time."""

from __future__ import annotations

import numpy as np
import streamlit as st

from algorithms.nn.features import BY_NAME as FEATURE_ROWS
from playground import claims, common, figcache, livechart, nncharts, nnplots, state
from playground import livemath as m
from playground.compute import nn as nnc
from playground.compute import nn_probe
from playground.i18n import tr

fmt = nncharts.fmt


# ---- what is pinned and chosen (settings nn_pin, nn_weight, nn_hand, nn_phase) ------------------

def pinned(run: nnc.NNRun) -> int:
    return int(min(max(state.get("nn_pin"), 0), len(run.phi_tr) - 1))


def pin(n: int) -> None:
    state.set_widget("nn_pin", int(n))
    state.put("nn_phase", 0)


def weight(run: nnc.NNRun) -> tuple[int, int, int]:
    """The chosen weight (l, j, i), neurons 0-based, moved inside the network if it has shrunk."""
    l, j, i = (int(x) for x in str(state.get("nn_weight")).split(","))
    l = min(max(l, 1), run.L)
    return l, min(j, run.sizes[l - 1]) - 1, min(i, run.sizes[l]) - 1


def choose_weight(l: int, j: int, i: int) -> None:
    state.put("nn_weight", f"{l},{j + 1},{i + 1}")


def on_network_click(point: dict) -> None:
    """A click on a diagram: a neuron (customdata ["n", l, k]) is shown big (again: the output),
    a link (["w", l, j, i]) becomes the chosen weight."""
    data = point.get("customdata")
    if not isinstance(data, list) or not data:
        return
    if data[0] == "n" and len(data) == 3:
        focus = f"{int(data[1])}.{int(data[2]) + 1}"
        state.put("nn_focus", "out" if focus == state.get("nn_focus") else focus)
    elif data[0] == "w" and len(data) == 4:
        choose_weight(int(data[1]), int(data[2]), int(data[3]))


def on_point_click(point: dict) -> None:
    """A click on a training point of the output chart pins it (customdata = its index)."""
    n = point.get("customdata")
    if isinstance(n, (int, float)) and not isinstance(n, bool):
        pin(int(n))


def _from_boxes() -> None:
    l, j, i = (st.session_state[f"nn.w.{x}"] for x in "lji")
    choose_weight(int(l), int(j) - 1, int(i) - 1)


def controls(run: nnc.NNRun) -> tuple[int, tuple[int, int, int], bool]:
    row = st.container(horizontal=True, vertical_alignment="bottom")
    n = row.number_input(tr("nn.pin"), 0, len(run.phi_tr) - 1, step=1, key=state.wkey("nn_pin"),
                         on_change=state.from_widget, args=("nn_pin",), width=150)
    state.put("nn_pin", int(n))
    l, j, i = weight(run)
    for name, value, hi in (("l", l, run.L), ("j", j + 1, run.sizes[l - 1]),
                            ("i", i + 1, run.sizes[l])):
        st.session_state[f"nn.w.{name}"] = value
        row.selectbox(tr(f"nn.w_{name}"), list(range(1, hi + 1)), key=f"nn.w.{name}",
                      on_change=_from_boxes, width=110)
    hand = row.toggle(tr("nn.hand"), key=state.wkey("nn_hand"), on_change=state.from_widget,
                      args=("nn_hand",))
    st.caption(tr("nn.pin_help"))
    return pinned(run), (l, j, i), bool(hand)


# ---- the diagram for one point -----------------------------------------------------------------

def column_titles(run: nnc.NNRun) -> list[str]:
    """Above each column: its layer and its neurons (just "l · n" when columns are narrow)."""
    key = "nn.hidden_n" if run.L <= 4 else "nn.hidden_short"
    return [tr("nn.inputs")] + [tr(key, l=l, n=run.sizes[l]) for l in range(1, run.L)] + \
        [tr("nn.output")]



def _node_texts(run: nnc.NNRun, p: nn_probe.PointPass, phase: int | None):
    """Forward text, backward text and colour for every neuron; in the step by hand only what
    the phase has computed (forward through layer ``phase``, then backward from the output)."""
    L = run.L
    fwd_done = L if phase is None else min(phase, L)
    bwd_from = 1 if phase is None else (L + 1 if phase <= L else 2 * L + 1 - phase)
    forward, backward, colour = [], [], []
    for l, size in enumerate(run.sizes):
        for k in range(size):
            if l == 0:
                forward.append(f"a⁰={fmt(p.a[0][k])}")
                backward.append("")
                colour.append(0.0)
                continue
            f = f"z={fmt(p.z[l][k])} a={fmt(p.a[l][k])}" if l <= fwd_done else ""
            if l == L and l <= fwd_done:
                f += f" y={fmt(p.y)}" if size == 1 else ""
            shown = l >= bwd_from
            forward.append(f)
            backward.append(f"∂C/∂z={fmt(p.dz[l][k])}" if shown else "")
            colour.append(float(nncharts.gradient_colour(p.dz[l][k])) if shown else 0.0)
    return forward, backward, np.array(colour)


def _links(run: nnc.NNRun, g, p, step, phase, chosen) -> str:
    """Links drawn with the point's ∂C/∂w (width relative to the largest), the chosen one marked;
    in the step by hand: the weights until the backward pass reaches a layer."""
    L = run.L
    big = max(float(np.abs(p.dW[l]).max()) for l in range(1, L + 1)) or 1.0
    grads = [None] + [p.dW[l] / big for l in range(1, L + 1)]
    if phase is not None and phase <= 2 * L:
        bwd_from = L + 1 if phase <= L else 2 * L + 1 - phase
        grads = [None] + [grads[l] if l >= bwd_from else np.zeros_like(step.W[l]) + 1e-9
                          for l in range(1, L + 1)]
    return nnplots.links_uri(g, grads, scale=1.0, highlight=chosen, inset=nncharts.R)


def diagram(run: nnc.NNRun, p, step, chosen, phase) -> None:
    g = nnplots.Geometry(run.sizes)

    def build():
        titles = column_titles(run)
        links = [f"w<sub>{i + 1}{j + 1}</sub><sup>{l}</sup> · {tr('nn.click_weight')}"
                 for l in range(1, run.L + 1) for j in range(run.sizes[l - 1])
                 for i in range(run.sizes[l])]
        return nncharts.backward(g, titles=titles, link_text=links,
                                 input_labels=[FEATURE_ROWS[f].symbol for f in run.spec.features],
                                 height=g.height(1000, lo=340, hi=620))
    fig = figcache.reuse("nn.bwd", common.token(run), build)
    forward, backward, colour = _node_texts(run, p, phase)
    nncharts.set_backward(fig, g, forward, backward, colour,
                          _links(run, g, p, step, phase, chosen))
    livechart.show(fig, key="nn.bwd", title=tr("nn.bwd_title", n=p.n, t=p.t),
                   on_click=on_network_click)


# ---- the chain rule with its numbers ------------------------------------------------------------

def w_sym(l, j, i):
    return m.sup(m.sub(m.i("w"), m.n(f"{i + 1}{j + 1}")), m.n(str(l)))


def z_sym(l, i, name="z"):
    return m.sup(m.sub(m.i(name), m.n(str(i + 1))), m.n(str(l)))


def dC(of):
    return m.frac([m.o("∂"), m.i("C")], [m.o("∂"), of])


def chain_lines(run: nnc.NNRun, r: nn_probe.ChainRule, p: nn_probe.PointPass) -> list:
    """∂C/∂w = a_in · ∂C/∂z with its numbers, the finite difference, and the backward step that
    gave ∂C/∂z (σ′(z) times the weighted ∂C/∂z of the next layer, or a − y at the output)."""
    l, j, i = r.l, r.j, r.i
    a_in = z_sym(l - 1, j, "a")
    lines = [[dC(w_sym(l, j, i)), m.o("="), a_in, m.o("·"), dC(z_sym(l, i)), m.o("="),
              m.number(r.a_in), m.o("×"), m.number(r.dz), m.o("="), m.number(r.dC_dw)],
             [m.frac([m.i("C"), m.o("("), m.i("w"), m.o("+"), m.i("h"), m.o(")"), m.o("−"),
                      m.i("C"), m.o("("), m.i("w"), m.o("−"), m.i("h"), m.o(")")],
                     [m.n("2"), m.i("h")]), m.o("="), m.number(r.fd), m.SPACE,
              m.text(tr("nn.fd_h", h="10⁻⁵"))]]
    if l < run.L:
        total = float(sum(w * d for w, d in r.onward))
        lines.append([dC(z_sym(l, i)), m.o("="), m.i("σ′"), m.o("("), z_sym(l, i), m.o(")"),
                      m.sub(m.o("Σ"), m.i("k")),
                      m.sup(m.sub(m.i("w"), m.n(f"k{i + 1}")), m.n(str(l + 1))),
                      dC(m.sup(m.sub(m.i("z"), m.i("k")), m.n(str(l + 1)))), m.o("="),
                      m.number(r.sigma_prime), m.o("×"), m.number(total), m.o("="),
                      m.number(r.dz)])
    else:
        a_out = float(p.a[l][i])
        y = p.y if run.sizes[l] == 1 else float(i == int(p.y))
        lines.append([dC(z_sym(l, i)), m.o("="), z_sym(l, i, "a"), m.o("−"), m.i("y"), m.o("="),
                      m.number(a_out), m.o("−"), m.number(y), m.o("="), m.number(r.dz)])
    return lines


def gradient_claim(run: nnc.NNRun, p: nn_probe.PointPass, l: int) -> claims.Claim:
    """Every weight and bias of layer l: the backward pass's ∂C/∂θ within 10⁻⁴ (relative) of
    its finite difference."""
    def check(_run, _c):
        worst, count, where = nn_probe.gradient_check(run, p, l)
        text = f"w{where[2] + 1}{where[1] + 1}^{where[0]}" if where else tr("nn.a_bias")
        holds = worst < 1e-4
        # when it holds, a bound as a power of ten: the sentence stays put while epochs play
        shown = (f"1e{int(np.floor(np.log10(max(worst, 1e-16)))) + 1}" if holds
                 else f"{worst:.2g}")
        return holds, {"n": count, "l": l, "worst": shown.replace("-", "−"), "where": text}
    return claims.Claim("nn.claim.fd", "nn.claim.fd_not", check)


# ---- one step by hand ----------------------------------------------------------------------------

def _phase_move(delta: int, last: int) -> None:
    state.put("nn_phase", int(min(max(state.get("nn_phase") + delta, 0), last)))


def hand_lines(run, p, r, phase: int) -> tuple[str, list]:
    """The phase's sentence and its numbers (the chosen neuron of the layer the phase works on)."""
    L = run.L
    if phase == 0:
        return tr("nn.h.start", n=p.n, x=", ".join(fmt(v) for v in p.x)), []
    if phase <= L:
        l = phase
        i = r.i if l == r.l else 0
        z = float(p.z[l][i])
        line = [z_sym(l, i), m.o("="), m.sub(m.o("Σ"), m.i("j")),
                m.sup(m.sub(m.i("w"), m.n(f"{i + 1}j")), m.n(str(l))),
                m.sup(m.sub(m.i("a"), m.i("j")), m.n(str(l - 1))), m.o("+"),
                m.sup(m.sub(m.i("b"), m.n(str(i + 1))), m.n(str(l))), m.o("="), m.number(z),
                m.o(","), m.SPACE, z_sym(l, i, "a"), m.o("="), m.i("σ"), m.o("("), z_sym(l, i),
                m.o(")"), m.o("="), m.number(p.a[l][i])]
        return tr("nn.h.forward", l=l, L=L), [line]
    if phase <= 2 * L:
        l = 2 * L + 1 - phase
        i = r.i if l == r.l else 0
        lines = chain_lines(run, nn_probe.chain(run, p, l, 0, i), p)[2:]
        return tr("nn.h.backward", l=l), lines
    h = nn_probe.hand_step(run, p)
    w_new = float(h.W_after[r.l][r.j, r.i])
    w = w_sym(r.l, r.j, r.i)
    line = [w, m.o("←"), w, m.o("−"), m.i("η"), dC(w), m.o("="), m.number(r.w), m.o("−"),
            m.n(f"{h.lr:g}"), m.o("×"), m.number(r.dC_dw), m.o("="), m.number(w_new)]
    cost = [m.i("C"), m.o(":"), m.number(h.cost_before), m.o("→"), m.number(h.cost_after)]
    return tr("nn.h.update", lr=f"{h.lr:g}"), [line, cost]


def hand(run, p, r) -> int:
    last = 2 * run.L + 1
    phase = int(min(state.get("nn_phase"), last))
    row = st.container(horizontal=True, vertical_alignment="center")
    row.button(tr("nn.h.back"), icon=":material/arrow_back:", key="nn.h.back",
               on_click=_phase_move, args=(-1, last), disabled=phase == 0)
    row.button(tr("nn.h.next"), icon=":material/arrow_forward:", key="nn.h.next", type="primary",
               on_click=_phase_move, args=(1, last), disabled=phase == last)
    row.button(tr("nn.h.again"), icon=":material/replay:", key="nn.h.again",
               on_click=_phase_move, args=(-last, last))
    row.caption(tr("nn.h.phase", k=phase, n=last))
    return phase


def panel(run: nnc.NNRun, t: int) -> None:
    n, chosen, by_hand = controls(run)
    p = nn_probe.point(run, t, n)
    step = run.at(t)
    phase = None
    r = nn_probe.chain(run, p, *chosen)
    if by_hand:
        phase = hand(run, p, r)
        sentence, lines = hand_lines(run, p, r, phase)
        st.markdown(sentence)
        if lines:
            m.show(lines, key="nn.hand")
    diagram(run, p, step, chosen, phase)
    if not by_hand:
        left, right = st.columns([0.6, 0.4])
        with left:
            st.markdown(f"**{tr('nn.chain_title')}**")
            st.latex(r"\frac{\partial C}{\partial w} = \frac{\partial z}{\partial w}\cdot"
                     r"\frac{\partial C}{\partial z} = a_{\text{in}}\cdot\frac{\partial C}"
                     r"{\partial z},\qquad \frac{\partial C}{\partial z} = \sigma'(z)\sum_k w_k"
                     r"\frac{\partial C}{\partial z_k}")
            m.show(chain_lines(run, r, p), key="nn.chain")
        with right:
            common.metrics([(tr("nn.cost"), fmt(p.cost)), (tr("nn.target"), fmt(p.y)),
                            (tr("nn.pred"), fmt(p.prediction))])
            claims.say((gradient_claim(run, p, chosen[0]),), run, None)
