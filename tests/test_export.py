"""playground.export: strict settings JSON, links, CSV, and standalone HTML whose animation frames
play offline (checked in headless Chromium)."""

from __future__ import annotations

import csv
import concurrent.futures
import io
import os
import re
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest

from playground import export, settings
from playground.lecture import track

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic"]


def some_values(**over):
    v = settings.page_defaults("lec")
    v.update(step=9, theme="dark", present=True, shape="star", bag_T=6, seed=42, rounded=True)
    v.update(over)
    return v


# ---- settings ---------------------------------------------------------------------------------

def test_settings_json_round_trip():
    v = some_values()
    assert export.parse_settings_json(export.settings_json(v)) == v
    assert export.parse_settings_json(export.settings_json(v).encode()) == v
    # a bare object of some settings: the rest are defaults
    got = export.parse_settings_json('{"step": 4}')
    assert got == {**settings.page_defaults("lec"), "step": 4}


@pytest.mark.parametrize("text, words", [
    ('{"step": 4, "colour": "red"}', ["unknown", "colour"]),
    ('{"step": 0}', ["step", "outside"]),
    (f'{{"step": {track.N_STEPS + 1}}}', ["step", "outside"]),
    ('{"step": 3.0}', ["step", "whole number"]),
    ('{"step": true}', ["step", "whole number"]),
    ('{"present": 1}', ["present", "true or false"]),
    ('{"theme": "neon"}', ["theme", "light, dark"]),
    ('{"shape": "__import__(\'os\')"}', ["shape", "one of"]),
    ('{"seed": NaN}', ["NaN"]),
    ('[1, 2]', ["object"]),
    ('{"step": ', ["not valid JSON"]),
    ('', ["empty"]),
    ('{"format": "other", "settings": {}}', ["format"]),
    ('{"format": "ensemble-playground/lecture", "settings": {}, "x": 1}', ["unknown", "x"]),
])
def test_bad_settings_are_rejected_with_the_reason(text, words):
    with pytest.raises(ValueError) as err:
        export.parse_settings_json(text)
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_settings_json_size_limit():
    big = '{"step": 1' + " " * export.MAX_JSON_BYTES + "}"
    with pytest.raises(ValueError, match="limit|longer"):
        export.parse_settings_json(big)


def test_link_round_trips_through_the_url_parser():
    v = some_values()
    link = export.settings_link("http://host:8501/lecture", v)
    parts = urlsplit(link)
    assert parts.path == "/lecture"
    query = dict(parse_qsl(parts.query))
    back = settings.page_defaults("lec")
    back.update({k: settings.parse(settings.BY_NAME[k], raw) for k, raw in query.items()})
    assert back == v
    # defaults are left out of the link, except the step
    link = export.settings_link("http://h/lecture", settings.page_defaults("lec"))
    assert set(parse_qsl(urlsplit(link).query)) == {("step", "1")}


# ---- data -------------------------------------------------------------------------------------

def test_csv_round_trip():
    x = np.array([0.1, 1 / 3, 2.0])
    y = np.array([1, -1, 1])
    text = export.data_csv({"x": x, "y": y})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["x", "y"]
    assert np.array_equal(np.array([float(r[0]) for r in rows[1:]]), x)  # full precision
    assert [int(r[1]) for r in rows[1:]] == list(y)
    with pytest.raises(ValueError, match="different lengths"):
        export.data_csv({"x": x, "y": y[:2]})


# ---- charts -----------------------------------------------------------------------------------

def stepped_figures(n=3):
    figs = []
    for t in range(1, n + 1):
        f = go.Figure([go.Scatter(x=[0, 1, 2], y=[0, t, t * t], mode="lines+markers"),
                       go.Heatmap(z=np.arange(9).reshape(3, 3) * t)])
        f.update_layout(title=f"round {t}", shapes=[dict(type="line", x0=t, x1=t, y0=0, y1=1)])
        figs.append(f)
    return figs


def test_animate_builds_named_frames_with_controls():
    figs = stepped_figures()
    out = export.animate(figs, ["1", "2", "3"], prefix="t = ")
    assert [f.name for f in out.frames] == ["1", "2", "3"]
    assert [f.layout.title.text for f in out.frames] == ["round 1", "round 2", "round 3"]
    assert list(out.frames[2].data[0].y) == [0, 3, 9]
    assert out.layout.updatemenus[0].buttons[0].method == "animate"
    assert [s.label for s in out.layout.sliders[0].steps] == ["1", "2", "3"]
    bad = stepped_figures(2)
    bad[1].add_trace(go.Scatter(x=[0], y=[0]))
    with pytest.raises(ValueError, match="same traces"):
        export.animate(bad, ["a", "b"])


def test_html_is_standalone():
    html = export.figure_html(export.animate(stepped_figures(), ["1", "2", "3"]), title="x<y")
    assert "<title>x&lt;y</title>" in html
    assert not re.search(r"<script[^>]*\ssrc=", html)  # plotly.js is inlined, nothing fetched
    assert "Plotly.addFrames" in html


def test_lecture_animation_has_the_rounds():
    """The toy example's export: three frames, one per round, each with that round's stump."""
    from playground.lecture import figures as F
    from playground.lecture import fits
    toy = fits.toy()
    figs = [F.toy_round(toy, t, lambda k, **kw: k) for t in (1, 2, 3)]
    out = export.animate(figs, ["1", "2", "3"])
    lines = [(fr.layout.shapes[0].x0, fr.layout.shapes[0].y0) for fr in out.frames]
    stumps = [(s["threshold"], 0) if s["feature"] == 0 else (0, s["threshold"])
              for s in toy["stumps"]]
    assert lines == stumps


def english(key, **fmt):
    from playground.i18n import CATALOG
    return CATALOG[key][0].format(**fmt)


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed at "
                    "/usr/bin/chromium (the test never downloads a browser)")
def test_exported_html_plays_offline_in_chromium(tmp_path):
    """The lecture's own export of the AdaBoost toy rounds, opened from disk with no network."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright not installed")
    from playground.lecture import figures as F
    from playground.lecture import fits
    toy = fits.toy()
    figs = [F.toy_round(toy, t, english) for t in (1, 2, 3)]
    want_title = figs[2].layout.title.text
    path = tmp_path / "rounds.html"
    path.write_text(export.figure_html(export.animate(figs, ["1", "2", "3"])), encoding="utf-8")
    def drive():
        external = []
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 900, "height": 700})

            def block(route):  # offline: anything not from the file itself is refused and recorded
                if not route.request.url.startswith("file://"):
                    external.append(route.request.url)
                    return route.abort()
                return route.continue_()

            page.route("**/*", block)
            page.goto(path.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20000)
            info = page.evaluate("""() => {
                const gd = document.querySelector('.js-plotly-plot');
                const r = gd.getBoundingClientRect();
                return {frames: gd._transitionData._frames.map(f => f.name),
                        w: r.width, h: r.height, title: gd.layout.title.text,
                        lines: document.querySelectorAll('.scatterlayer .trace').length,
                        buttons: document.querySelectorAll('.updatemenu-button').length,
                        sliderSteps: document.querySelectorAll('.slider-group .slider-label').length}
            }""")
            assert info["frames"] == ["1", "2", "3"]
            assert info["w"] > 300 and info["h"] > 300 and info["lines"] >= 1
            assert info["buttons"] == 2
            # go to the last frame (as the slider / play button does): the title follows
            page.evaluate("""() => Plotly.animate(document.querySelector('.js-plotly-plot'), ['3'],
                              {frame: {duration: 0, redraw: true}, transition: {duration: 0}})""")
            page.wait_for_function("""(t) => document.querySelector('.js-plotly-plot')
                                          .layout.title.text === t""", arg=want_title, timeout=10000)
            assert page.evaluate("""() => document.querySelector('.js-plotly-plot')
                                    .layout.shapes[0].y0""") == toy["stumps"][2]["threshold"]
            shot = page.screenshot()
            browser.close()
        return external, shot

    # Playwright's sync API refuses a thread whose asyncio loop another test left running
    # (AppTest, the e2e fixtures): drive the browser from a fresh thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        external, shot = pool.submit(drive).result()
    assert not external, external
    from PIL import Image
    img = np.asarray(Image.open(io.BytesIO(shot)).convert("L"), dtype=float)
    assert img.std() > 10  # something was drawn, not a blank page
