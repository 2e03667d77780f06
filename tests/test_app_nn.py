"""The backpropagation lab in Streamlit's AppTest: it draws the network, the output, the losses and
the pinned point's passes; the numbers it shows for the pinned point are the lecture's formulas
recomputed by hand; its controls change what is drawn; the URL round-trips; 中文 works; bad URL
values are reported and replaced by defaults."""

from __future__ import annotations

import html
import json
import os
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground import i18n, livechart, livemath, nncharts
from playground.compute import nn as nnc
from test_app_pages import _elements
from test_nn_lab import by_hand, default_spec

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")


def start(query: dict | None = None) -> AppTest:
    """A new session with ``query`` in its URL, on the lab's page. (The session's first run
    reads the URL and warns about its bad values; ``at.first_warnings`` keeps them.)"""
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.first_warnings = [w.value for w in at.warning]
    at.switch_page("views/nn.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def live(at) -> dict:
    """Every live chart on the page by its slot: {"data": traces, "layout": layout, "title"}."""
    out = {}
    for el in _elements(at._tree):
        if el.type == "bidi_component" and "livechart" in el.proto.component_name \
                and el.proto.WhichOneof("data") == "bytes":
            sent = livechart.unpack(el.proto.bytes)
            out[sent["slot"]] = {"data": [json.loads(t) for t in sent["traces"]],
                                 "layout": json.loads(sent["layout"]),
                                 "title": sent.get("title", "")}
    return out


def math(at, key: str) -> list[str]:
    for el in _elements(at._tree):
        if el.type == "bidi_component" and "livemath" in el.proto.component_name \
                and el.proto.id.endswith(f"math.{key}") or (
                el.type == "bidi_component" and f"math.{key}" in getattr(el.proto, "id", "")):
            return [livemath.latex(line) for line in json.loads(el.proto.bytes)["lines"]]
    return []


def sources(chart) -> list[str]:
    return [im["source"] for im in chart["layout"].get("images", [])]


def texts(chart, name: str) -> list[str]:
    """The backward diagram's numbers, in neuron order, as its picture of the neurons draws them
    ("forward" above each neuron, "backward" below)."""
    from playground.nnplots import svg_text
    svg = svg_text(chart["layout"]["images"][1]["source"])
    cls = {"forward": "f", "backward": "b"}[name]
    return [html.unescape(t) for t in re.findall(rf'<text class="{cls}"[^>]*>(.*?)</text>', svg)]


def claim_lines(at) -> list[tuple[bool, str]]:
    """The page's checked claims as (holds, text): the lines of its lessons box."""
    out = []
    for m in at.markdown:
        for line in m.value.split("\n"):
            line = line.strip()
            if line.startswith(("✓ ", "• ")):
                out.append((line.startswith("✓"), re.sub(r"\\(.)", r"\1", line[2:])))
    return out


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_page_draws_the_network_the_output_the_losses_and_the_pinned_point():
    at = start({"nn_t": "10"})
    charts = live(at)
    assert {"nn.net", "nn.out", "nn.loss", "nn.bwd"} <= set(charts)
    assert metric(at, "epoch") == "10 / 100"
    net = sources(charts["nn.net"])
    # the links' picture, then one picture per neuron: 2 inputs, 4 + 4 hidden, 1 output
    assert len(net) == 1 + 2 + 4 + 4 + 1
    assert net[0].startswith("data:image/svg+xml") and all(
        s.startswith("data:image/png;base64,") for s in net[1:])
    assert len(set(net[3:7])) == 4  # four hidden neurons, four different pictures
    assert charts["nn.out"]["layout"]["images"][0]["source"].startswith("data:image/png")
    assert len(texts(charts["nn.bwd"], "backward")) == 11
    assert not at.error and sum(holds for holds, _ in claim_lines(at)) >= 2


def test_the_numbers_shown_for_the_pinned_point_are_the_formulas_by_hand():
    at = start({"nn_t": "30", "nn_pin": "7", "nn_weight": "2,3,1"})
    run = nnc.nn_run(default_spec(0))
    z, a, dz, dW, cost = by_hand(run, 30, 7)
    bwd = live(at)["nn.bwd"]
    forward, backward = texts(bwd, "forward"), texts(bwd, "backward")
    fmt = nncharts.fmt
    assert forward[:2] == [f"a⁰={fmt(v)}" for v in a[0]]
    k = 2
    for l in range(1, run.L + 1):
        for i in range(run.sizes[l]):
            assert forward[k].startswith(f"z={fmt(z[l][i])} a={fmt(a[l][i])}"), (l, i)
            assert backward[k] == f"∂C/∂z={fmt(dz[l][i])}", (l, i)
            k += 1
    assert "#7" in bwd["title"] and "30" in bwd["title"]
    assert metric(at, "cost C of the point") == fmt(cost)
    # the chain rule for w_13^2: a_3^1 · ∂C/∂z_1^2 = ∂C/∂w, with these numbers
    lines = math(at, "nn.chain")
    num = lambda v: livemath.latex(livemath.number(v))  # noqa: E731
    assert f"={num(a[1][2])}\\times {num(dz[2][0])}={num(dW[2][2, 0])}" in lines[0], lines[0]
    assert num(dW[2][2, 0]) in lines[1]                     # the finite difference agrees
    onward = sum(run.net_at(30).layers[2].W[0, k] * dz[3][k] for k in range(run.sizes[3]))
    assert f"={num(1 - np.tanh(z[2][0]) ** 2)}\\times {num(onward)}={num(dz[2][0])}" in lines[2]


def test_the_controls_change_what_is_drawn():
    at = start({"nn_t": "5"})
    before = live(at)
    next(s for s in at.slider if s.key == "w.nn_t").set_value(60).run()
    after = live(at)
    assert sources(after["nn.net"])[1:3] == sources(before["nn.net"])[1:3]   # inputs stay
    assert sources(after["nn.net"])[3:] != sources(before["nn.net"])[3:]     # neurons change
    assert sources(after["nn.out"]) != sources(before["nn.out"])
    assert at.query_params.get("nn_t") == "60"

    at.checkbox(key="nn.f.x1sq").check().run()
    assert at.query_params.get("nn_features") == "x1,x2,x1sq"
    assert len(sources(live(at)["nn.net"])) == 1 + 3 + 4 + 4 + 1
    assert metric(at, "epoch") == "60 / 100"  # the new network, at the same epoch

    at.button(key="nn.layer.plus").click().run()
    assert at.query_params.get("nn_layers") == "3"
    assert len(sources(live(at)["nn.net"])) == 1 + 3 + 4 + 4 + 4 + 1
    at.button(key="nn.n0.minus").click().run()
    assert at.query_params.get("nn_widths") == "3,4,4,4,4,4"
    assert len(sources(live(at)["nn.net"])) == 1 + 3 + 3 + 4 + 4 + 1

    out = sources(live(at)["nn.out"])
    at.selectbox(key="w.nn_act").set_value("relu").run()
    assert sources(live(at)["nn.out"]) != out and at.query_params.get("nn_act") == "relu"

    bwd = texts(live(at)["nn.bwd"], "forward")
    at.number_input(key="w.nn_pin").set_value(12).run()
    assert texts(live(at)["nn.bwd"], "forward") != bwd and at.query_params.get("nn_pin") == "12"

    at.toggle(key="w.nn_hand").set_value(True).run()
    assert at.query_params.get("nn_hand") == "1"
    assert all(t == "" for t in texts(live(at)["nn.bwd"], "backward"))   # nothing run back yet
    for _ in range(5):   # forward through the 4 layers, then the output's ∂C/∂z
        at.button(key="nn.h.next").click().run()
    bwd = texts(live(at)["nn.bwd"], "backward")
    assert bwd[-1] != "" and all(t == "" for t in bwd[:-1])
    assert any("a" in line and "y" in line for line in math(at, "nn.hand"))

    at.radio(key="w.nn_panel").set_value("saturation").run()
    charts = live(at)
    assert {"nn.norms", "nn.acts", "nn.funcs"} <= set(charts)
    assert len(charts["nn.norms"]["data"]) == 2 and not at.exception


def test_a_link_reproduces_the_view():
    at = start({"nn_t": "5"})
    at.selectbox(key="w.nn_act").set_value("sigmoid").run()
    at.checkbox(key="nn.f.x1x2").check().run()
    at.button(key="nn.n1.plus").click().run()
    next(s for s in at.slider if s.key == "w.nn_t").set_value(40).run()
    at.number_input(key="w.nn_pin").set_value(3).run()
    link = dict(at.query_params.items())
    assert {"nn_act", "nn_features", "nn_widths", "nn_t", "nn_pin"} <= set(link)
    charts = live(at)
    again = start({k: v[0] if isinstance(v, list) else v for k, v in link.items()})
    assert dict(again.query_params.items()) == link
    charts2 = live(again)
    for slot in ("nn.net", "nn.out"):
        assert sources(charts2[slot]) == sources(charts[slot]), slot
    assert texts(charts2["nn.bwd"], "forward") == texts(charts["nn.bwd"], "forward")
    assert metric(again, "epoch") == metric(at, "epoch") == "40 / 100"


def test_chinese():
    at = start({"lang": "zh", "nn_t": "3"})
    zh = {k: v[1] for k, v in i18n.CATALOG.items()}
    assert at.title[0].value == zh["nn.title"]
    assert zh["nn.panel.backward"] in at.radio(key="w.nn_panel").options
    assert live(at)["nn.net"]["title"] == zh["nn.diagram"]
    shown = " ".join(text for _, text in claim_lines(at))
    assert "训练有效" in shown and "Training works" not in shown


@pytest.mark.parametrize("query,names", [
    ({"nn_layers": "9", "nn_widths": "3,x", "nn_act": "softmax"},
     ["nn_layers", "nn_widths", "nn_act"]),
    ({"nn_features": "x9", "nn_weight": "0,1,1", "nn_lr": "abc", "nn_focus": "9.9",
      "nn_t": "-3"}, ["nn_features", "nn_weight", "nn_lr", "nn_focus", "nn_t"]),
])
def test_bad_url_values_are_named_and_replaced_by_defaults(query, names):
    at = start(query)
    warned = re.sub(r"\\(.)", r"\1", " ".join(at.first_warnings))
    for name in names:
        assert name in warned, (name, warned)
    assert metric(at, "epoch") == "1 / 100"
    assert len(sources(live(at)["nn.net"])) == 1 + 2 + 4 + 4 + 1


def test_a_weight_or_focus_left_outside_a_smaller_network_is_moved_inside():
    at = start({"nn_layers": "1", "nn_weight": "3,8,8", "nn_focus": "2.4"})
    assert not at.error
    assert at.selectbox(key="nn.w.l").value == 2        # the output layer of a 1-hidden network
    assert "neuron" not in live(at)["nn.out"]["title"]   # focus on a missing neuron: the output


def test_the_step_by_hand_ends_with_the_update_of_the_chosen_weight_by_hand():
    at = start({"nn_t": "20", "nn_pin": "5", "nn_weight": "2,3,1", "nn_hand": "1",
                "nn_phase": "7"})
    run = nnc.nn_run(default_spec(0))
    _, _, _, dW, cost = by_hand(run, 20, 5)
    w = run.net_at(20).layers[1].W[2, 0]
    lr = run.spec.lr
    num = lambda v: livemath.latex(livemath.number(v))  # noqa: E731
    update, costs = math(at, "nn.hand")
    assert f"={num(w)}-{lr:g}\\times {num(dW[2][2, 0])}={num(w - lr * dW[2][2, 0])}" in update, \
        update
    assert costs.startswith(f"C:{num(cost)}"), costs
    # after the update every link shows its gradient, every neuron its ∂C/∂z
    assert all(t for t in texts(live(at)["nn.bwd"], "backward")[2:])


def test_deep_networks_that_diverge_are_said_in_words():
    """1-D data, momentum and η = 3: the lab's own small network survives a few epochs, the two
    deep ones blow up in their first: the panel says why instead of failing."""
    at = start({"nn_problem": "1d", "nn_opt": "momentum", "nn_lr": "3",
                "nn_panel": "saturation"})
    errors = re.sub(r"\\(.)", r"\1", " ".join(e.value for e in at.error))
    assert "The deep networks could not be trained" in errors and "diverged" in errors, errors
    assert {"nn.net", "nn.out"} <= set(live(at)) and not at.exception
