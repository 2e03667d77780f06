"""Hands on the playground in a real browser: draw points on the pad (they appear in the chart and
in the link), delete and undo, the pad's codec against Python's; play, pause and step with the
keyboard, which stays silent while typing."""

from __future__ import annotations

import time

import numpy as np

from urllib.parse import parse_qs

from e2e_helpers import EXCEPTION, dump, slider_values, wait_charts, wait_settled
from playground import drawn

PAD = ".ep-pad-canvas"


def two_clusters(n: int = 40, marked: int = 8, seed: int = 0) -> str:
    """Class 0 left, class 1 right, the first ``marked`` points marked as test points (so every
    point drawn later is a training point, drawn in the chart)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = np.where(y[:, None] == 0, [-1.0, -0.5], [1.0, -0.5]) + rng.normal(0, 0.25, (n, 2))
    q, _ = drawn.quantise(X)
    return drawn.encode(q, y, np.arange(n) < marked)


def open_pad(page, app_url, pts: str):
    page.goto(f"{app_url}/adaboost?data=draw&ab_t=3&ab_T=20&pts={pts}",
              wait_until="domcontentloaded")
    wait_charts(page, 3)
    page.wait_for_selector(PAD)
    wait_settled(page)
    pad = page.locator(PAD)
    pad.scroll_into_view_if_needed()
    return pad.bounding_box()


def query(page) -> dict[str, str]:
    """The link as the page holds it now (``location``: Playwright's ``page.url`` may lag behind a
    history entry pushed by the app)."""
    return {k: v[0] for k, v in parse_qs(page.evaluate("location.search").lstrip("?")).items()}


def drawn_now(page) -> drawn.Drawn:
    return drawn.decode(query(page).get("pts", ""))


def wait_points(page, n: int, timeout: float = 30.0) -> drawn.Drawn:
    """Until the link holds ``n`` points (the server took the pad's newest set)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        d = drawn_now(page)
        if len(d) == n:
            return d
        time.sleep(0.1)
    raise AssertionError(f"the link holds {len(drawn_now(page))} points, not {n}: {dump(page)}")


def chart_points(page, index: int = 0) -> set:
    """The training points the chart ``index`` draws (its scatter traces "train · c"), rounded."""
    pts = page.evaluate("""(i) => {
      const gd = document.querySelectorAll('.js-plotly-plot')[i];
      return gd.data.filter(t => (t.name || '').includes('·') && t.x && t.y)
        .flatMap(t => Array.from(t.x).map((x, j) => [x, t.y[j]]));
    }""", index)
    return {(round(x, 3), round(y, 3)) for x, y in pts}


def test_three_clicks_on_the_pad_add_three_points_seen_in_the_chart_and_the_link(page, app_url):
    start = two_clusters()
    box = open_pad(page, app_url, start)
    n0 = len(drawn.decode(start))
    where = [(0.12, 0.12), (0.88, 0.15), (0.5, 0.9)]  # corners of the pad, far from the clusters
    for i, (fx, fy) in enumerate(where):
        if i < 2:  # class 1, then class 0 (a click may scroll the sidebar: measure again)
            page.locator(".ep-pad-classes button").nth(1 - i).click()
            box = page.locator(PAD).bounding_box()
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    d = wait_points(page, n0 + 3)
    new = d.X[n0:]
    want = np.array([[-2 + 4 * fx, 2 - 4 * fy] for fx, fy in where])
    assert np.abs(new - want).max() < 0.05, (new, want)  # where the clicks were
    assert d.cls[n0:].tolist() == [1, 0, 0] and not d.test[n0:].any()
    # ... and in the ensemble's chart, as training points, once the page has refit
    deadline = time.monotonic() + 30
    shown = chart_points(page)
    while not all((round(x, 3), round(y, 3)) in shown for x, y in new.astype(np.float32).tolist()):
        assert time.monotonic() < deadline, (new, sorted(shown)[:5], dump(page))
        time.sleep(0.2)
        shown = chart_points(page)
    assert page.locator(EXCEPTION).count() == 0
    assert "43 / 1,000 points" in page.locator(".ep-pad-status").inner_text()


def test_the_eraser_and_shift_click_delete_a_point_and_undo_brings_it_back(page, app_url):
    start = two_clusters(n=20, marked=0)
    box = open_pad(page, app_url, start)
    d0 = drawn.decode(start)

    def at(i):
        x, y = d0.X[i]
        return box["x"] + (x + 2) / 4 * box["width"], box["y"] + (2 - y) / 4 * box["height"]

    def rest(*gone):
        return sorted(map(tuple, np.delete(d0.q, list(gone), 0).tolist()))

    page.keyboard.down("Shift")  # drawing: Shift+click deletes the point under the pointer
    page.mouse.click(*at(5))
    page.keyboard.up("Shift")
    d = wait_points(page, 19)
    assert sorted(map(tuple, d.q.tolist())) == rest(5)
    page.locator(".ep-pad-tools button").nth(1).click()  # the eraser
    box = page.locator(PAD).bounding_box()
    page.mouse.click(*at(8))
    d = wait_points(page, 18)
    assert sorted(map(tuple, d.q.tolist())) == rest(5, 8)
    page.locator(".ep-pad").get_by_role("button", name="Undo").click()
    page.locator(".ep-pad").get_by_role("button", name="Undo").click()
    d = wait_points(page, 20)
    assert sorted(map(tuple, d.q.tolist())) == sorted(map(tuple, d0.q.tolist()))


def test_a_finger_taps_a_point_and_paints_a_stroke(page, app_url):
    """Touch input (Chromium's own touch events, turned into pointer events of type "touch"): a tap
    adds one point, a swipe paints a stroke of points instead of scrolling the page."""
    start = two_clusters()
    box = open_pad(page, app_url, start)
    n0 = len(drawn.decode(start))
    page.evaluate("""() => { window.__types = [];
      document.querySelector('.ep-pad-canvas').addEventListener(
        'pointerdown', (e) => window.__types.push(e.pointerType), true); }""")
    cdp = page.context.new_cdp_session(page)
    x, y = box["x"] + 0.1 * box["width"], box["y"] + 0.1 * box["height"]

    def touch(kind, *points):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": kind, "touchPoints": [{"x": px, "y": py} for px, py in points]})

    touch("touchStart", (x, y))
    touch("touchEnd")
    d = wait_points(page, n0 + 1)
    assert np.abs(d.X[-1] - [-2 + 0.4, 2 - 0.4]).max() < 0.05
    scrolled = page.evaluate("document.querySelector('[data-testid=\"stSidebarContent\"]')"
                             "?.scrollTop ?? 0")
    touch("touchStart", (x, y + 120))
    for i in range(1, 13):
        touch("touchMove", (x + 12 * i, y + 120))
    touch("touchEnd")
    deadline = time.monotonic() + 30
    while len(drawn_now(page)) < n0 + 10:
        assert time.monotonic() < deadline, dump(page)
        time.sleep(0.1)
    stroke = drawn_now(page).X[n0 + 1:]
    assert np.ptp(stroke[:, 0]) > 0.5 and np.ptp(stroke[:, 1]) < 0.2  # along the swipe
    assert page.evaluate("window.__types") == ["touch", "touch"]
    assert page.evaluate("document.querySelector('[data-testid=\"stSidebarContent\"]')"
                         "?.scrollTop ?? 0") == scrolled  # the swipe drew, it did not scroll


def test_the_pads_codec_is_pythons(page, app_url):
    """static/drawpad.js as the app serves it writes and reads the format of playground/drawn.py."""
    rng = np.random.default_rng(4)
    n = 37
    q = rng.integers(0, 256, (n, 2))
    cls = rng.integers(0, 5, n)
    test = rng.random(n) < 0.3
    text = drawn.encode(q, cls, test)
    page.goto(f"{app_url}/_stcore/health")
    got = page.evaluate("""async ([url, pts, text]) => {
      const mod = await import(url);
      const back = mod.decode(text);
      return {encoded: mod.encode(pts), back};
    }""", [f"{app_url}/app/static/drawpad.js",
           [{"x": int(a), "y": int(b), "c": int(c), "t": bool(t)}
            for (a, b), c, t in zip(q, cls, test)], text])
    assert got["encoded"] == text
    assert [(p["x"], p["y"], p["c"], p["t"]) for p in got["back"]] == \
        [(int(a), int(b), int(c), bool(t)) for (a, b), c, t in zip(q, cls, test)]


# ---- the keyboard ---------------------------------------------------------------------------

def round_t(page) -> str:
    return slider_values(page).get("Round t", "")


def wait_for(page, check, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: {dump(page)}")


def test_space_plays_and_pauses_and_arrows_step_by_keyboard(page, app_url):
    page.goto(f"{app_url}/adaboost?ab_t=5&ab_T=60", wait_until="domcontentloaded")
    wait_charts(page, 3)
    page.wait_for_selector(".ep-keys")
    wait_settled(page)
    assert "Space" in page.locator(".ep-keys").inner_text()  # the hint
    page.keyboard.press("ArrowRight")
    wait_for(page, lambda: query(page).get("ab_t") == "6" and round_t(page) == "6", "→ steps")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_for(page, lambda: query(page).get("ab_t") == "4", "← ← step back")
    page.keyboard.press("End")
    wait_for(page, lambda: query(page).get("ab_t") == "60", "End: the last round")
    page.keyboard.press("Home")
    wait_for(page, lambda: round_t(page) == "1", "Home: the first round")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)  # playing
    wait_for(page, lambda: int(round_t(page) or 0) > 1, "the round moves while playing")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)  # paused
    wait_settled(page)
    paused_at = query(page).get("ab_t")
    assert paused_at and int(paused_at) > 1
    # after a click on Step (focus on that button) Space still plays and pauses
    page.get_by_role("button", name="Step").click()
    wait_for(page, lambda: query(page).get("ab_t") == str(int(paused_at) + 1), "Step")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    page.keyboard.press("Space")
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)


def test_keys_typed_in_a_text_field_do_not_drive_the_player(page, app_url):
    page.goto(f"{app_url}/adaboost?ab_t=5&ab_T=60", wait_until="domcontentloaded")
    wait_charts(page, 3)
    wait_settled(page)
    page.get_by_text("Margin CDF at rounds").first.click()
    field = page.get_by_label("Margin CDF at rounds")
    field.click()
    field.press("End")
    for key in (" ", "ArrowLeft", "ArrowRight", "Home", "End"):
        field.press("Space" if key == " " else key)
    field.type(" 7")
    page.wait_for_timeout(1500)
    assert page.evaluate("(window.__epKeyLog || []).length") == 0  # nothing was sent
    assert page.get_by_role("button", name="Play").count() == 1
    assert query(page).get("ab_t") == "5" and round_t(page) == "5"
    assert field.input_value().endswith("  7")
