"""What a student waits for, measured in a real browser (Debian's chromium via Playwright).

    python benchmarks/bench_browser.py            # starts `streamlit run` on a free loopback port
    python benchmarks/bench_browser.py --url http://127.0.0.1:8080   # an already running app/proxy

At the app's defaults (no query parameters):
* first chart: navigation start -> the first plotly chart drawn, in a fresh tab (= new session).
  The very first visit after a server start (cold caches) is reported on its own line;
* slider -> chart: one key press on the "Round t" slider (paused page, slider focused) -> the frame
  that paints the first chart that follows t, both in the page's own clock, on the landing page
  (the app's defaults) and on the AdaBoost page (five charts, the formulas and six metrics follow
  t); also a model slider (rounds T, which refits);
* playing: rounds drawn per second while the player runs (redraws of the chart that follows t),
  landing page and AdaBoost page (default speed and "fast"); with the browser's draw time per
  chart.

* bias-variance first view: navigation start -> all three charts of the bias-variance page painted,
  its fit not cached (each visit a seed of its own, the defaults' work), both views.

* the drawing pad (issue 16): a click on the pad (a new point: the server refits on the drawn set)
  -> the frame that paints the first chart that changed, on the AdaBoost page with the pad's
  preset start (two moons, 500 points); and a key press (→, nothing focused) -> the redrawn chart.

Targets (issue 6): first chart <= 3 s, slider -> chart <= 250 ms median, playing >= 5 updates/s;
(issue 14 §3) the bias-variance page's first view <= 2 s. ``--draw-only`` measures only the
drawing pad and the keys.
Prints a table; exits 0 whatever the figures (a benchmark, not a test). Bounded: < ~3 minutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "e2e"))

from e2e_helpers import chromium_path, free_port, launch, start_streamlit, stop, wait_healthy  # noqa: E402

# Installed in the page: counts every redraw of any chart, timestamped with performance.now().
# A redraw is new data objects (st.plotly_chart remounts, Plotly.react) or, for the live charts
# (playground/livechart.py), a finished draw of any kind (their counter __epDrawn), which also
# catches a surface that changed by relayout alone. ``__painted`` holds, for each redraw, the start
# of the frame that puts it on screen; ``__key`` the time of the first key press since (the
# event's own time stamp: a slider change starts when the browser gets the key, not when the test
# process asked for it, tens of ms earlier on a busy machine).
TRACKER = """() => {
  const sig = () => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .flatMap(g => [g.data, g.__epDrawn || 0]);
  let prev = sig();
  window.__upd = [];
  window.__painted = [];
  window.__key = null;
  if (!window.__keyHook) {
    window.__keyHook = true;
    document.addEventListener('keydown', (e) => { if (window.__key === null) window.__key = e.timeStamp; }, true);
  }
  clearInterval(window.__updTimer);
  window.__updTimer = setInterval(() => {
    const s = sig();
    if (s.length !== prev.length || s.some((d, i) => d !== prev[i])) {
      window.__upd.push(performance.now()); prev = s;
      requestAnimationFrame(() => window.__painted.push(performance.now()));
    }
  }, 4);
}"""
FIRST_CHART = "document.querySelector('.js-plotly-plot .main-svg') !== null"
# Installed before the page's own scripts: the moment a plotly chart is first in the page, then the
# start of the next frame (the one that paints it), in the page's own clock. Reading the clock from
# the test process instead would add the wait for a main thread that may still be drawing the
# page's other charts.
FIRST_CHART_CLOCK = """(() => {
  const seen = () => document.querySelector('.js-plotly-plot .main-svg') !== null;
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    obs.disconnect();
    window.__epFirstChartInDom = performance.now();
    requestAnimationFrame(() => { window.__epFirstChart = performance.now(); });
  });
  obs.observe(document, {childList: true, subtree: true});
})()"""


def first_chart(ctx, url: str) -> float:
    """Seconds from navigation start to the frame that paints the first plotly chart."""
    page = ctx.new_page()
    try:
        page.add_init_script(FIRST_CHART_CLOCK)
        page.goto(url, wait_until="commit")
        return page.wait_for_function("window.__epFirstChart", timeout=120_000).json_value() / 1000.0
    finally:
        page.close()


# Every chart of a page drawn: ``n`` plotly charts in the DOM, then the frame that paints them.
ALL_CHARTS_CLOCK = """(n) => new Promise(resolve => {
  const done = () => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n;
  const finish = () => requestAnimationFrame(() => resolve(performance.now()));
  if (done()) return finish();
  const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); finish(); } });
  obs.observe(document, {childList: true, subtree: true});
})"""


def bias_variance_view(ctx, url: str, seed: int, task: str) -> float:
    """Seconds from navigation start to the frame that paints all three charts of the
    bias-variance page, its fit not cached (a seed of its own: the defaults' work)."""
    page = ctx.new_page()
    try:
        q = f"seed={seed}" + ("" if task == "regression" else f"&bv_task={task}")
        page.goto(f"{url}/bias-variance?{q}", wait_until="commit")
        return page.evaluate(ALL_CHARTS_CLOCK, 3) / 1000.0
    finally:
        page.close()


def settle(page, quiet: float = 1.0, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    calm = None
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count():
            calm = None
        elif calm is None:
            calm = time.monotonic()
        elif time.monotonic() - calm >= quiet:
            return
        time.sleep(0.05)


LONG_TASKS = """() => { window.__lt = [];
  if (!window.__obs) {
    window.__obs = new PerformanceObserver(l => l.getEntries().forEach(e => window.__lt.push(e.duration)));
    window.__obs.observe({type: 'longtask'});
  } }"""


def watch_script_finished(page) -> list[float]:
    """perf_counter times at which the server's ``script_finished`` message reached the browser."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    done: list[float] = []

    def on_frame(payload):
        if isinstance(payload, (bytes, bytearray)) and len(payload) < 4096:
            msg = ForwardMsg()
            try:
                msg.ParseFromString(bytes(payload))
            except Exception:
                return
            if msg.WhichOneof("type") == "script_finished":
                done.append(time.perf_counter())

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return done


def slider_to_chart(ctx, url: str, slider: str, presses: int, key: str = "ArrowRight",
                    detail: dict | None = None) -> list[float]:
    """Seconds from a key press on ``slider`` to the frame that paints the first chart whose data
    changed.

    ``detail`` collects, per press, when the server's run finished (as seen by the browser) and
    the browser's main-thread long tasks (ms) in the window: where the time goes."""
    page = ctx.new_page()
    out = []
    done = watch_script_finished(page)
    try:
        page.goto(url)
        page.wait_for_function(FIRST_CHART, timeout=120_000)
        settle(page)
        for _ in range(presses):
            page.evaluate(TRACKER)
            page.evaluate(LONG_TASKS)
            handle = page.get_by_role("slider", name=slider).first
            handle.focus()
            page.wait_for_timeout(100)  # the focus is drawn: the press below is the only change
            done.clear()
            w0 = time.perf_counter()
            t0 = page.evaluate("performance.now()")
            page.keyboard.press(key)
            page.wait_for_function("window.__painted.length > 0", timeout=30_000, polling=4)
            key_at = page.evaluate("window.__key")
            out.append((page.evaluate("window.__painted[0]") - key_at) / 1000.0)
            if detail is not None:
                page.wait_for_timeout(300)  # let the frames of this run arrive
                # from the key event: the test process's clock started (key_at - t0) earlier
                detail.setdefault("server", []).append(
                    done[0] - w0 - (key_at - t0) / 1000.0 if done else float("nan"))
                detail.setdefault("longtask", []).append(sum(page.evaluate("window.__lt")) / 1000)
            settle(page, quiet=0.6)
    finally:
        page.close()
    return out


# The time of a pointer press on the drawing pad, in the page's clock (the event's own stamp).
PAD_CLOCK = """() => { window.__padDown = null;
  if (!window.__padHook) {
    window.__padHook = true;
    document.addEventListener('pointerdown', (e) => {
      if (window.__padDown === null && e.target.closest && e.target.closest('.ep-pad-canvas'))
        window.__padDown = e.timeStamp;
    }, true);
  } }"""


def pad_to_chart(ctx, url: str, clicks: int, detail: dict | None = None) -> list[float]:
    """Seconds from a click on the drawing pad (a new point, a refit) to the frame that paints the
    first chart that changed. Each click lands on an empty spot along the pad's top edge."""
    page = ctx.new_page()
    out = []
    done = watch_script_finished(page)
    try:
        page.goto(url)
        page.wait_for_function(FIRST_CHART, timeout=120_000)
        page.wait_for_selector(".ep-pad-canvas")
        settle(page)
        pad = page.locator(".ep-pad-canvas")
        pad.scroll_into_view_if_needed()
        for i in range(clicks):
            box = pad.bounding_box()
            page.evaluate(TRACKER)
            page.evaluate(PAD_CLOCK)
            done.clear()
            w0 = time.perf_counter()
            t0 = page.evaluate("performance.now()")
            fx = 0.06 + 0.88 * i / max(1, clicks - 1)
            page.mouse.click(box["x"] + fx * box["width"], box["y"] + 0.05 * box["height"])
            page.wait_for_function("window.__painted.length > 0 && window.__padDown !== null",
                                   timeout=60_000, polling=4)
            down = page.evaluate("window.__padDown")
            out.append((page.evaluate("window.__painted[0]") - down) / 1000.0)
            if detail is not None:
                page.wait_for_timeout(300)
                detail.setdefault("server", []).append(
                    done[0] - w0 - (down - t0) / 1000.0 if done else float("nan"))
            settle(page, quiet=0.6)
    finally:
        page.close()
    return out


def key_to_chart(ctx, url: str, presses: int, key: str = "ArrowRight") -> list[float]:
    """Seconds from a key of the player's keyboard (nothing focused) to the redrawn chart."""
    page = ctx.new_page()
    out = []
    try:
        page.goto(url)
        page.wait_for_function(FIRST_CHART, timeout=120_000)
        page.wait_for_selector(".ep-keys")
        settle(page)
        for _ in range(presses):
            page.evaluate(TRACKER)
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.keyboard.press(key)
            page.wait_for_function("window.__painted.length > 0", timeout=30_000, polling=4)
            out.append((page.evaluate("window.__painted[0]") - page.evaluate("window.__key"))
                       / 1000.0)
            settle(page, quiet=0.6)
    finally:
        page.close()
    return out


def draw_lines(ctx, url: str, n: int) -> list[str]:
    med = statistics.median
    d_pad: dict = {}
    t_pad = pad_to_chart(ctx, url + "/adaboost?data=draw&ab_t=20", n, detail=d_pad)
    say("pad click", [round(x, 3) for x in t_pad], d_pad)
    t_key = key_to_chart(ctx, url + "/adaboost?ab_t=20", n)
    say("key", [round(x, 3) for x in t_key])
    return [
        row(f"pad click -> chart, AdaBoost page, refit (median of {n})",
            f"{med(t_pad) * 1000:.0f} ms", "-"),
        row("  (min / max)", f"{min(t_pad) * 1000:.0f} / {max(t_pad) * 1000:.0f} ms", ""),
        row("  server run finished (median)", f"{med(d_pad['server']) * 1000:.0f} ms", ""),
        row(f"key → -> chart, AdaBoost page (median of {n})", f"{med(t_key) * 1000:.0f} ms",
            "<= 250 ms", med(t_key) <= 0.25),
    ]


def playing_rate(ctx, url: str, seconds: float, speed: str | None) -> tuple[float, int]:
    """Rounds drawn per second while playing: the redraws of the live chart that redraws most
    often (each round redraws every chart that follows t once), as the slope of their count over
    time (:func:`draws_per_second`; "fast" can reach the last round before the window ends). On a
    page without live charts: bursts of chart changes less than 50 ms apart."""
    page = ctx.new_page()
    try:
        page.goto(url)
        page.wait_for_function(FIRST_CHART, timeout=120_000)
        settle(page)
        if speed:
            page.locator("button", has_text=speed).first.click()
            settle(page)
        page.locator("button", has_text="Play").first.click()
        time.sleep(1.0)  # let the first tick register
        page.evaluate(TRACKER)
        page.evaluate("window.__epDraws = []")
        time.sleep(seconds)
        times = page.evaluate("window.__upd")
        draws = page.evaluate("window.__epDraws || []")
    finally:
        page.close()
    by_slot: dict = {}
    when: dict = {}
    for slot, ms, how, at in draws:
        by_slot.setdefault(f"{slot} ({how})", []).append(ms)
        when.setdefault(slot, []).append(at)
    say("  browser draw per chart while playing (median ms):",
        {k: round(statistics.median(v), 1) for k, v in sorted(by_slot.items())})
    if when:
        at = max(when.values(), key=len)
    else:
        at = [t for i, t in enumerate(times) if i == 0 or t - times[i - 1] > 50]
    if len(at) < 3:
        return 0.0, len(at)
    return draws_per_second(at), len(at)


def draws_per_second(times_ms: list[float]) -> float:
    """The slope of the least-squares line through (time, number of draws so far): draws per
    second over the whole window. (First-to-last divides by a span that two draws' own jitter,
    tens of ms each, stretches or shrinks; the fitted line uses every draw.)"""
    import numpy as np
    t = (np.asarray(times_ms, float) - times_ms[0]) / 1000.0
    return float(np.polyfit(t, np.arange(len(t)), 1)[0])


def lifelong_rows(ctx, url: str, seconds: float) -> list[str]:
    """The lifelong-learning lab (issue 18) while playing: steps of the two-parameter picture and
    epochs of the digit sequence drawn per second (the sequence's fits are made first, while the
    page opens, so the window measures the player only)."""
    picture, _ = playing_rate(ctx, url + "/lifelong?ll_pt=1", seconds, None)
    say(f"playing lifelong picture {picture:.2f}/s")
    sequence, _ = playing_rate(ctx, url + "/lifelong?ll_view=sequence&ll_t=1", seconds, None)
    say(f"playing lifelong sequence {sequence:.2f}/s")
    return [row("playing, lifelong picture", f"{picture:.2f} upd/s", ">= 5 /s", picture >= 5),
            row("playing, lifelong digit sequence", f"{sequence:.2f} upd/s", ">= 5 /s",
                sequence >= 5)]


# ---- the GAN lab (issue 19) ---------------------------------------------------------------------

# Installed in the GAN page: every change of the "step" metric, with the page's clock.
STEP_WATCH = """() => { window.__ganSteps = [];
  clearInterval(window.__ganTimer);
  window.__ganTimer = setInterval(() => {
    const m = Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
      .find(e => (e.querySelector('[data-testid="stMetricLabel"]') || {}).innerText === 'step');
    if (!m) return;
    const v = parseInt(m.querySelector('[data-testid="stMetricValue"]').innerText
      .split('/')[0].replace(/[^0-9]/g, ''), 10);
    const log = window.__ganSteps;
    if (!log.length || log[log.length - 1][1] !== v) log.push([performance.now(), v]);
  }, 20); }"""


def gan_playing(ctx, url: str, seconds: float, speed: str | None) -> dict:
    """The GAN page while playing: training steps drawn per second.

    Counted: (a) frames drawn per second, the redraws of the data-space chart (D's map, the
    samples, the arrows; livechart's own draw log), as a fitted slope; (b) the step the page
    shows ("step" metric) against the page's clock, as a fitted slope: the training steps the
    display moves through per second. Each frame is a snapshot, ``record_every`` = 10 steps
    after the last at the defaults ("fast": 4 snapshots a tick), so (b) = 10 x (a) when no
    frame is dropped; a frame the browser had no time to draw is dropped (livechart draws only
    the newest), which shows as (b) > 10 x (a)."""
    import numpy as np
    page = ctx.new_page()
    try:
        page.goto(url + "/gan?gan_t=2")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 7",
                               timeout=300_000)
        settle(page, timeout=120)
        if speed:
            page.locator("button", has_text=speed).first.click()
            settle(page)
        page.get_by_role("button", name="Play").click()
        time.sleep(1.5)
        page.evaluate("window.__epDraws = []")
        page.evaluate(STEP_WATCH)
        page.wait_for_timeout(seconds * 1000)
        draws = page.evaluate("window.__epDraws || []")
        steps = page.evaluate("window.__ganSteps")
    finally:
        page.close()
    space = [at for slot, ms, how, at in draws if slot == "gan.space"]
    ms = [d[1] for d in draws if d[0] == "gan.space"]
    frames = draws_per_second(space) if len(space) >= 3 else 0.0
    rate = 0.0
    if len(steps) >= 3:
        t = (np.asarray([a for a, _ in steps]) - steps[0][0]) / 1000.0
        rate = float(np.polyfit(t, [s for _, s in steps], 1)[0])
    return {"frames": frames, "steps": rate, "n": len(space),
            "draw_ms": statistics.median(ms) if ms else float("nan")}


def gan_step_latency(ctx, url: str, presses: int) -> list[float]:
    """Seconds from a Step D / Step G click (the enabled one) to the frame that paints the first
    chart that changed (D's map after D's update, the samples after G's)."""
    page = ctx.new_page()
    out = []
    try:
        page.goto(url + "/gan?gan_t=150")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 7",
                               timeout=300_000)
        settle(page, timeout=120)
        for _ in range(presses):
            page.evaluate(TRACKER)
            button = page.locator("button:enabled", has_text="Step ").first
            t0 = page.evaluate("performance.now()")
            button.click()
            page.wait_for_function("window.__painted.length > 0", timeout=30_000, polling=4)
            out.append((page.evaluate("window.__painted[0]") - t0) / 1000.0)
            settle(page, quiet=0.6)
    finally:
        page.close()
    return out


def gan_rows(ctx, url: str, seconds: float, n: int) -> list[str]:
    cold = first_chart(ctx, url + "/gan?gan_t=2")        # trains the default run if new
    warm = statistics.median(first_chart(ctx, url + "/gan?gan_t=2") for _ in range(3))
    normal = gan_playing(ctx, url, seconds, None)
    say("gan playing", normal)
    fast = gan_playing(ctx, url, seconds, "fast")
    say("gan playing fast", fast)
    latency = gan_step_latency(ctx, url, n)
    say("gan step latency", [round(x, 3) for x in latency])
    med = statistics.median
    return [
        row("GAN page: first chart, first visit (trains)", f"{cold:.2f} s", "-"),
        row("GAN page: first chart, run cached (median 3)", f"{warm:.2f} s", "<= 3 s", warm <= 3),
        row("GAN page playing: training steps drawn / s", f"{normal['steps']:.1f} steps/s",
            ">= 10 /s", normal["steps"] >= 10),
        row("  frames drawn / s (10 steps each)", f"{normal['frames']:.2f} /s", ""),
        row("  browser draw of the data-space chart", f"{normal['draw_ms']:.0f} ms", ""),
        row("GAN page playing 'fast': steps drawn / s", f"{fast['steps']:.1f} steps/s",
            ">= 10 /s", fast["steps"] >= 10),
        row("  frames drawn / s (40 steps each)", f"{fast['frames']:.2f} /s", ""),
        row(f"GAN page: Step D / G click -> chart (median of {n})",
            f"{med(latency) * 1000:.0f} ms", ""),
    ]


def say(*a):
    print(*a, file=sys.stderr, flush=True)


# ---- hands on the ensemble (issue 16 §2-4): pin, hover, toggle ------------------------------------

# Pinning: where point i of the first chart's first trace is on screen, and a watch that stamps
# the frame painting the panel once its "point" metric names another point than before. The
# latency runs from the click's own stamp (livechart.js sets __epPicked as it sends the click).
_PIN_AT = """(i) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return [box.left + xa.d2p(gd.data[0].x[i]), box.top + ya.d2p(gd.data[0].y[i])];
}"""
_PIN_WATCH = """() => {
  const told = () => (Array.from(document.querySelectorAll('[data-testid=stMetric]'))
    .map((m) => m.innerText).find((s) => s.startsWith('point')) || '');
  const before = told();
  window.__pinPainted = null;
  const obs = new MutationObserver(() => {
    if (told() === before) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__pinPainted = performance.now(); });
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""

# Hover in the page: the handler's own work (synchronous) and the next frame that shows it;
# ``shown`` = [selector, attribute, value it must no longer have / must have].
_HOVER = """([sel, shown]) => new Promise((done) => {
  const el = document.querySelector(sel);
  const t0 = performance.now();
  el.dispatchEvent(new MouseEvent('mouseenter'));
  const work = performance.now() - t0;
  const [what, attr, value] = shown;
  const ok = document.querySelector(what).getAttribute(attr) === value;
  requestAnimationFrame(() => {
    const frame = performance.now() - t0;
    el.dispatchEvent(new MouseEvent('mouseleave'));
    done([work, frame, ok]);
  });
})"""

# Switch a member off (a click) until the new H arrives from the server, then its frame.
_TOGGLE = """(k) => new Promise((done) => {
  const img = () => document.querySelector('.ep-members .ep-big-img');
  const before = img().getAttribute('src');
  const t0 = performance.now();
  const wait = () => {
    const now = img();
    if (now && now.getAttribute('data-showing') === 'H' && now.getAttribute('src') !== before) {
      requestAnimationFrame(() => done(performance.now() - t0));
    } else setTimeout(wait, 2);
  };
  document.querySelector(`.ep-members .ep-cell[data-member="${k}"]`).click();
  wait();
})"""


def hands(ctx, url: str, n: int) -> dict:
    """Latencies of issue 16's interactions on the AdaBoost page (ms; ``n`` samples each):
    pinning a point by a click on Hₜ (a server round trip: the training fragment reruns with the
    story), hovering a tree node (its region lit) and a member of the strip (it becomes the big
    picture) — both in the browser alone: the handler's work and the next frame —, and switching
    a member off (the strip's fragment adds H up again on the server)."""
    out: dict = {k: [] for k in ("pin", "node_work", "node_frame", "member_work",
                                 "member_frame", "toggle")}
    page = ctx.new_page()
    try:
        page.goto(url + "/adaboost?ab_t=30")
        page.wait_for_function(FIRST_CHART, timeout=120_000)
        page.wait_for_selector(".ep-members .ep-cell", timeout=60_000)
        settle(page)
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        first = page.evaluate("document.querySelectorAll('.js-plotly-plot')[0].data[0].x.length")
        for i in range(n):
            xy = page.evaluate(_PIN_AT, (7 + 13 * i) % first)
            page.evaluate(_PIN_WATCH)
            page.mouse.click(*xy)
            page.wait_for_function("window.__pinPainted !== null", timeout=30_000)
            out["pin"].append(page.evaluate("window.__pinPainted - window.__epPicked"))
            settle(page, quiet=0.5)
        region = [".ep-tree .ep-region", "visibility", "visible"]
        for i in range(n):
            work, frame, ok = page.evaluate(_HOVER, [f'.ep-tree .ep-node[data-node="{i % 3}"]',
                                                     region])
            assert ok, "the node's region was not lit"
            out["node_work"].append(work)
            out["node_frame"].append(frame)
        for i in range(n):
            k = 1 + (7 * i) % 100
            work, frame, ok = page.evaluate(_HOVER, [
                f'.ep-members .ep-cell[data-member="{k}"]',
                [".ep-members .ep-big-img", "data-showing", str(k)]])
            assert ok, "the member was not shown"
            out["member_work"].append(work)
            out["member_frame"].append(frame)
        for i in range(n):
            out["toggle"].append(page.evaluate(_TOGGLE, 2 + i))
            settle(page, quiet=0.5)
    finally:
        page.close()
    return out


def hands_rows(touch: dict, n: int) -> list[str]:
    """The table rows of :func:`hands` (with the table's header)."""
    med = statistics.median
    frame = 1000 / 60
    return [
        "| measure (defaults, headless chromium, loopback) | value              | target     | met  |",
        "|-------------------------------------------------|--------------------|------------|------|",
        row(f"pin a point (click on Hₜ) -> its story (med. of {n})", f"{med(touch['pin']):.0f} ms",
            "<= 250 ms", med(touch["pin"]) <= 250),
        row("hover a tree node: handler's work", f"{med(touch['node_work']):.2f} ms",
            f"<= {frame:.0f} ms", med(touch["node_work"]) <= frame),
        row("  -> next frame painted", f"{med(touch['node_frame']):.1f} ms", ""),
        row("hover a member: handler's work", f"{med(touch['member_work']):.2f} ms",
            f"<= {frame:.0f} ms", med(touch["member_work"]) <= frame),
        row("  -> next frame painted", f"{med(touch['member_frame']):.1f} ms", ""),
        row(f"switch a member off -> new H (med. of {n})", f"{med(touch['toggle']):.0f} ms",
            "<= 250 ms", med(touch["toggle"]) <= 250),
    ]


def row(name, value, target, ok=None):
    met = "" if ok is None else ("yes" if ok else "NO")
    return f"| {name:<47} | {value:>18} | {target:>10} | {met:>4} |"


def nn_rows(ctx, url: str, n: int, seconds: float) -> list[str]:
    """The backpropagation lab: its first chart, and epochs drawn per second while playing with
    the backward-pass panel (network, output, losses, the pinned point's passes: six live charts)
    and with the sigmoid-vs-ReLU panel open."""
    first = [first_chart(ctx, url + "/backpropagation") for _ in range(n)]
    say("backpropagation first chart", [round(x, 2) for x in first])
    rate_bwd, _ = playing_rate(ctx, url + "/backpropagation?nn_t=1", seconds, None)
    say(f"playing backpropagation {rate_bwd:.2f}/s")
    rate_sat, _ = playing_rate(ctx, url + "/backpropagation?nn_t=1&nn_panel=saturation", seconds,
                               None)
    say(f"playing backpropagation, saturation panel {rate_sat:.2f}/s")
    med = statistics.median(first)
    return [
        row(f"first chart, backpropagation lab (median of {n})", f"{med:.2f} s", "<= 3 s",
            med <= 3),
        row("playing, backpropagation lab (backward pass)", f"{rate_bwd:.2f} upd/s", ">= 5 /s",
            rate_bwd >= 5),
        row("playing, backpropagation lab (sigmoid vs ReLU)", f"{rate_sat:.2f} upd/s", ">= 5 /s",
            rate_sat >= 5),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="measure this running app instead of starting one")
    ap.add_argument("--repeats", type=int, default=7, help="samples per median (>= 5)")
    ap.add_argument("--play-seconds", type=float, default=10.0)
    ap.add_argument("--gan", action="store_true", help="the GAN lab's rows only")
    ap.add_argument("--nn-only", action="store_true", help="only the backpropagation lab's rows")
    ap.add_argument("--draw-only", action="store_true", help="only the drawing pad and the keys")
    ap.add_argument("--hands-only", action="store_true",
                    help="only issue 16's pin / hover / toggle latencies")
    args = ap.parse_args()
    exe = chromium_path()
    if exe is None:
        print("chromium not found (/usr/bin/chromium): apt-get install -y chromium")
        return 1
    from playwright.sync_api import sync_playwright

    proc = None
    url = args.url
    if url is None:
        port = free_port()
        log = tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log", delete=False)
        proc = start_streamlit(port, log.name)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
    url = url.rstrip("/")
    n = max(5, args.repeats)
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    try:
        with sync_playwright() as p:
            ctx = launch(p, exe, profile)
            if args.gan:
                try:
                    gan = gan_rows(ctx, url, args.play_seconds, n)
                finally:
                    ctx.close()
                print("\n".join(gan))
                print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} "
                      "cores (shared machine: figures include contention)")
                return 0
            try:
                if args.nn_only:
                    first_chart(ctx, url + "/backpropagation")  # warm: the first fit
                    print("\n".join(nn_rows(ctx, url, n, args.play_seconds)))
                    return 0
                if args.draw_only:
                    first_chart(ctx, url + "/adaboost")  # warm the server
                    print("\n".join(draw_lines(ctx, url, n)))
                    return 0
                touch = hands(ctx, url, n)
                say("hands", {k: [round(x, 1) for x in v] for k, v in touch.items()})
                if args.hands_only:
                    print("\n".join(hands_rows(touch, n)))
                    return 0
                cold = first_chart(ctx, url + "/")
                say(f"cold first chart {cold:.2f} s")
                land = [first_chart(ctx, url + "/") for _ in range(n)]
                say("landing", [round(x, 2) for x in land])
                ada = [first_chart(ctx, url + "/adaboost") for _ in range(n)]
                ada[0] = first_chart(ctx, url + "/adaboost")  # the first one filled the cache
                say("adaboost", [round(x, 2) for x in ada])
                d_land, d_round, d_T = {}, {}, {}
                t_land = slider_to_chart(ctx, url + "/?ov_t=50", "Round t", n, detail=d_land)
                say("landing round slider", [round(x, 3) for x in t_land], d_land)
                t_round = slider_to_chart(ctx, url + "/adaboost?ab_t=50", "Round t", n, detail=d_round)
                say("round slider", [round(x, 3) for x in t_round], d_round)
                t_rounds_T = slider_to_chart(ctx, url + "/adaboost?ab_t=5", "Rounds T", n, detail=d_T)
                say("T slider", [round(x, 3) for x in t_rounds_T], d_T)
                rate_land, _ = playing_rate(ctx, url + "/?ov_t=1", args.play_seconds, None)
                say(f"playing landing {rate_land:.2f}/s")
                rate_default, _ = playing_rate(ctx, url + "/adaboost?ab_t=1", args.play_seconds, None)
                say(f"playing {rate_default:.2f}/s")
                rate_fast, _ = playing_rate(ctx, url + "/adaboost?ab_t=1", args.play_seconds, "fast")
                say(f"playing fast {rate_fast:.2f}/s")
                lifelong = lifelong_rows(ctx, url, args.play_seconds)
                gan = gan_rows(ctx, url, args.play_seconds, n)
                lab = nn_rows(ctx, url, n, args.play_seconds)
                bv = {task: [bias_variance_view(ctx, url, 1000 + k, task) for k in range(n)]
                      for task in ("regression", "classification")}
                say("bias-variance first view", {k: [round(x, 2) for x in v] for k, v in bv.items()})
                pad_lines = draw_lines(ctx, url, n)
            finally:
                ctx.close()
    finally:
        if proc is not None:
            stop(proc)
    med = statistics.median
    lines = [
        "| measure (defaults, headless chromium, loopback) | value              | target     | met  |",
        "|-------------------------------------------------|--------------------|------------|------|",
        row("first chart, very first visit (cold server)", f"{cold:.2f} s", "-"),
        row(f"first chart, landing page (median of {n})", f"{med(land):.2f} s", "<= 3 s", med(land) <= 3),
        row(f"first chart, AdaBoost page (median of {n})", f"{med(ada):.2f} s", "<= 3 s", med(ada) <= 3),
        row(f"round slider -> chart, landing page (median of {n})",
            f"{med(t_land) * 1000:.0f} ms", "<= 250 ms", med(t_land) <= 0.25),
        row("  server run finished (median)", f"{med(d_land['server']) * 1000:.0f} ms", ""),
        row(f"round slider -> chart, AdaBoost page (median of {n})",
            f"{med(t_round) * 1000:.0f} ms", "<= 250 ms", med(t_round) <= 0.25),
        row("  (min / max)", f"{min(t_round) * 1000:.0f} / {max(t_round) * 1000:.0f} ms", ""),
        row("  server run finished (median)", f"{med(d_round['server']) * 1000:.0f} ms", ""),
        row("  browser long tasks in the window (median)", f"{med(d_round['longtask']) * 1000:.0f} ms",
            ""),
        row(f"rounds-T slider -> chart, refit (median of {n})", f"{med(t_rounds_T) * 1000:.0f} ms",
            "<= 250 ms", med(t_rounds_T) <= 0.25),
        row("  server run finished (median)", f"{med(d_T['server']) * 1000:.0f} ms", ""),
        row("playing, landing page", f"{rate_land:.2f} upd/s", ">= 5 /s", rate_land >= 5),
        row("playing, AdaBoost page", f"{rate_default:.2f} upd/s", ">= 5 /s", rate_default >= 5),
        row("playing, AdaBoost page, 'fast'", f"{rate_fast:.2f} upd/s", ">= 5 /s", rate_fast >= 5),
        *lifelong,
        *gan,
        *lab,
        *[row(f"bias-variance first view, {task} (median of {n})", f"{med(v):.2f} s", "<= 2 s",
              med(v) <= 2) for task, v in bv.items()],
        *pad_lines,
    ]
    lines += hands_rows(touch, n)[2:]
    print("\n".join(lines))
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          f"(shared machine: figures include contention)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
