"""The live charts (``playground.livechart``): what they send is exactly plotly's own JSON, the
per-round fast updates (``plots.assign``) equal plotly's validated updates, and the browser side
has what it loads (plotly.js from the installed package, the module)."""

from __future__ import annotations

import json
import os

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from playground import charts, compute, livechart, plots

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground", "app.py")


def plotly_json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def sent(fig) -> dict:
    """The figure as the browser receives it: packed into the chart's message and split back."""
    spec = livechart.unpack(livechart.pack({"slot": "test"}, livechart.spec(fig)))
    return {"data": [json.loads(t) for t in spec["traces"]], "layout": json.loads(spec["layout"])}


def test_a_message_splits_back_into_its_header_layout_and_traces():
    """Line-framed JSON must survive text that looks like framing: newlines and non-ASCII in
    titles, names and hover text."""
    fig = go.Figure([go.Scatter(x=[1, 2], y=[3, 4], name="line\none"),
                     go.Bar(x=["α", "中文"], y=[1, 2], hovertext=["a\nb", "c\r\nd"])],
                    layout=dict(title="Round t\n第 3 轮"))
    header = {"slot": "ab.H", "height": 400, "config": livechart.CONFIG}
    message = livechart.pack(header, livechart.spec(fig))
    assert isinstance(message, bytes)
    back = livechart.unpack(message)
    assert {k: back[k] for k in header} == header
    assert len(back["traces"]) == 2
    assert sent(fig) == plotly_json(fig)


@pytest.fixture(scope="module")
def scene():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    grid = compute.grid_for(X, 60)
    code = (rng.integers(0, 64, (60, 60))).astype(np.uint8)
    return X, y, grid, code


def test_spec_is_plotlys_own_json_for_every_live_figure(scene):
    X, y, grid, code = scene
    figs = [
        plots.surface(grid, code, 2, [plots.points(X, y, [0, 1], name="train", gl=True),
                                      [plots.crosses(X[:9], "wrong")]]),
        charts.round_bars(np.random.rand(30), np.random.rand(30) / 2, 4, labels={"round": "t"}),
        charts.curves(np.arange(1, 31), [("train", np.random.rand(30), {"color": "#000"})], 3,
                     xlabel="t", ylabel="err"),
        charts.margin_cdf({5: np.random.rand(300)}, xlabel="m", ylabel="cdf",
                         current=(7, np.random.rand(300))),
        plots.scalar_map(grid, np.random.rand(60, 60)),
        plots.bootstrap_grid(grid, 2, 4),
        go.Figure(go.Scatter(x=np.arange(20, dtype=np.int64), y=np.arange(20) * 1e12)),
        # no test set: NaN errors (lists and scalars become null, as in plotly's JSON)
        go.Figure(go.Scatter(x=[1.0, 2.0, 3.0], y=[0.1, float("nan"), 0.3]),
                  layout=dict(shapes=[dict(type="line", x0=np.float32("nan"), x1=1, y0=0, y1=1)])),
    ]
    for fig in figs:
        assert sent(fig) == plotly_json(fig)
    for fig in figs[:6]:  # the app's own figures: margins grow to fit tick labels and titles
        axes = [k for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]
        assert axes and all(fig.layout[k].automargin is True for k in axes), axes


def test_round_updates_without_validation_equal_plotlys_validated_updates(scene):
    X, y, grid, code = scene
    layers = [plots.points(X, y, [0, 1], name="u", size=np.ones(len(y)))]
    fast, slow = (plots.surface(grid, code, 2, layers) for _ in range(2))
    sizes = np.linspace(3, 20, len(y)).astype(np.float32)
    code2 = np.roll(code, 7, axis=1)
    plots.set_sizes(fast, 0, y, [0, 1], sizes)
    plots.set_surface(fast, grid, code2, 2)
    for j, c in enumerate([0, 1]):
        slow.data[j].marker.size = sizes[y == c]
    slow.layout.images[0].source = plots.surface_image(grid, code2, 2)["source"]
    assert sent(fast) == plotly_json(slow)
    assert sent(fast) != sent(plots.surface(grid, code, 2, layers))  # something did change

    fast, slow = plots.bootstrap_grid(grid, 2, 2), plots.bootstrap_grid(grid, 2, 2)
    plots.set_bootstrap_panel(fast, 1, grid, code, 2, X[:20], y[:20], np.arange(20), X[20:25],
                              "f_2")
    slow.data[3].update(plots.heatmap_xyz(grid, code, 2))
    slow.data[4].update(x=X[:20, 0].astype(np.float32), y=X[:20, 1].astype(np.float32),
                        marker=dict(size=(2.5 + 2.5 * np.arange(20)).astype(np.float32),
                                    color=y[:20].astype(np.uint8)))
    slow.data[5].update(x=X[20:25, 0].astype(np.float32), y=X[20:25, 1].astype(np.float32))
    slow.layout.annotations[1].text = "f_2"
    assert sent(fast) == plotly_json(slow)


def test_margin_cdf_is_exact_at_its_steps_and_the_round_t_curve_follows_it():
    """F(m) = share of margins <= m, at every step of the drawn line (201 steps on [-1, 1],
    whatever the number of examples); the round-t curve is that step line."""
    rng = np.random.default_rng(5)
    margins = np.clip(rng.normal(0.3, 0.4, 517), -1, 1)
    x, F = charts.ecdf(margins)
    assert x[0] == -1 and x[-1] == 1 and len(x) == 201
    for k in (0, 37, 100, 160, 200):
        assert F[k] == pytest.approx(np.mean(margins <= x[k]), abs=1e-6)
    assert np.all(np.diff(F) >= 0) and F[-1] == 1
    fig = charts.margin_cdf({3: margins}, xlabel="m", ylabel="F", current=(9, margins * 0.5))
    assert sent(fig)["data"][-1]["name"] == "t"  # the legend's entry for the round-t picture
    before = fig.layout.images[0].source
    charts.set_margin_t(fig, 10, margins)
    assert fig.layout.images[0].source != before
    np.testing.assert_allclose(fig.data[0].y, F)  # round 3's curve: the same margins
    # round t's curve is a picture over the axes: its step line is that same F, in data units
    image = sent(fig)["layout"]["images"][0]
    assert (image["xref"], image["yref"], image["x"], image["sizex"]) == ("x", "y", -1.0, 2.0)
    top = image["y"]
    assert image["sizey"] == top and sent(fig)["layout"]["yaxis"]["range"] == [0, top]
    xs, ys = step_line(image["source"])
    np.testing.assert_allclose(xs, x, atol=1e-4)
    np.testing.assert_allclose(top - ys, F, atol=1e-4)


def step_line(source: str) -> tuple[np.ndarray, np.ndarray]:
    """The corners of the hv step line in an SVG data URI (M x,y then H x V y ...), read back."""
    import base64
    import re
    doc = base64.b64decode(source.split(",", 1)[1]).decode("ascii")
    assert doc.startswith("<svg") and "<script" not in doc
    d = re.search(r' d="([^"]+)"', doc).group(1)
    x0, y0 = re.match(r"M([-\d.e]+),([-\d.e]+)", d).groups()
    steps = re.findall(r"H([-\d.e]+)V([-\d.e]+)", d)
    return (np.array([float(x0)] + [float(a) for a, _ in steps]),
            np.array([float(y0)] + [float(b) for _, b in steps]))


def test_surface_image_pixels_are_the_codes(scene):
    from PIL import Image
    import base64
    import io
    _, _, grid, code = scene
    src = plots.surface_image(grid, code, 2)["source"]
    img = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
    assert img.mode == "P" and img.size == (60, 60)
    np.testing.assert_array_equal(np.asarray(img)[::-1], code)  # bottom-up grid, top-down PNG
    rgb = np.asarray(img.convert("RGB"))[::-1]
    pal = plots.palette(2)
    np.testing.assert_array_equal(rgb, pal[code])


def test_typed_arrays_match_plotly_for_every_dtype():
    from _plotly_utils.utils import to_typed_array_spec
    for a in (np.arange(12, dtype=np.float64), np.arange(12, dtype=np.float32).reshape(3, 4),
              np.arange(12, dtype=np.uint8), np.arange(12, dtype=np.int64) * 1000,
              np.arange(12, dtype=np.int64) * 10**12, np.arange(12, dtype=np.int16)):
        ours, theirs = livechart.typed_array(a), to_typed_array_spec(a)
        if isinstance(theirs, np.ndarray):
            assert ours == theirs.tolist()
        else:
            assert ours == theirs


def test_browser_side_files_are_served_from_the_static_folder():
    static = livechart.STATIC
    plotly_js = os.path.join(static, livechart.PLOTLY_JS)
    assert os.path.getsize(plotly_js) == os.path.getsize(livechart._plotly_source())
    with open(os.path.join(static, livechart.MODULE_JS), encoding="utf-8") as fh:
        module = fh.read()
    assert "export function render(component)" in module
    assert "Plotly.react" in module and "Plotly.relayout" in module
    with open(os.path.join(os.path.dirname(static), os.pardir, ".streamlit", "config.toml"),
              encoding="utf-8") as fh:
        assert "enableStaticServing = true" in fh.read()


def test_without_static_serving_the_charts_fall_back_to_st_plotly_chart(monkeypatch):
    """A server started without the project's config (no static serving, so no plotly.js for the
    live charts) still draws every chart, with Streamlit's own element, and round t's numbers
    with ``st.latex``."""
    from streamlit.testing.v1 import AppTest
    monkeypatch.setattr(livechart, "enabled", lambda: False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["ab_t"] = "3"
    at.run()
    at.switch_page("views/adaboost.py").run()
    assert not at.exception
    assert not at.get("bidi_component")
    assert len(at.get("plotly_chart")) >= 5
    from playground.i18n import tr
    titles = {m.value for m in at.markdown}
    assert f"**{tr('ab.H')}**" in titles and f"**{tr('ab.margins')}**" in titles
    # round 3's numbers (livemath) as LaTeX instead, with the ε_t the metric shows
    eps = next(m.value for m in at.metric if m.label == "εₜ")
    assert any("{\\varepsilon }_{3}" in x.value and eps in x.value for x in at.get("latex"))


def _live_titles(page: str, query: dict):
    """(slot -> title of every live chart, the AppTest) for ``page`` opened with ``query``."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception
    heads = [livechart.unpack(el.proto.bytes) for el in at.get("bidi_component")
             if el.proto.WhichOneof("data") == "bytes" and "livechart" in el.proto.component_name]
    return {h["slot"]: h.get("title") for h in heads}, at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_titles_travel_with_their_charts_in_the_page_language(lang):
    """Titles are drawn by the chart's own element (no markdown element per chart), in the
    language of the page, and follow the round where they name it."""
    from playground import i18n
    got, at = _live_titles("adaboost", {"lang": lang})
    want = {f"ab.{k}": i18n.CATALOG[f"ab.{k}"][0 if lang == "en" else 1]
            for k in ("H", "f", "bars", "curves", "margins")}
    assert got == want
    assert not any(m.value.strip("*") in want.values() for m in at.markdown)
    got, _ = _live_titles("gradient_boosting", {"lang": lang, "gb_view": "2d", "gb_t": "4"})
    assert got["gb.f"] == "η α₄ f₄"


def test_garbage_is_collected_on_a_timer_once_per_process():
    """With Streamlit's per-run collection off (config.toml), cycles left by closed sessions
    are still collected: by one timer thread per process, however many sessions start it."""
    import gc
    import threading
    import time
    import weakref

    from playground import housekeeping
    housekeeping.stop()  # (an app run earlier in this process may have started one)
    try:
        assert housekeeping.start(period=0.05) is True
        assert housekeeping.start(period=0.05) is False  # a second session: no second thread
        assert [t.daemon for t in threading.enumerate()
                if t.name == "ensemble-playground-gc"] == [True]
        gc.disable()  # only the timer can collect now

        class Node:
            pass
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle, like a figure and its parent
        probe = weakref.ref(a)
        del a, b
        deadline = time.monotonic() + 5
        while probe() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert probe() is None, "the cycle was not collected by the timer"
    finally:
        gc.enable()
        housekeeping.stop()
