"""The backpropagation lab in a real browser: Step and Play move the epoch and redraw the network's
pictures; a click on a training point pins it, a click on a link chooses its weight, a click on
a neuron shows it big; + adds a hidden layer to the drawn network. No console errors."""

from __future__ import annotations

import time

from e2e_helpers import EXCEPTION, dump, query, wait_settled

NET = '.ep-chart[data-slot="nn.net"]'

# Page pixel of data point (x, y) on the chart in slot ``slot`` (its own x and y axes).
PIXEL = """([slot, x, y]) => { const gd = document.querySelector(`.ep-chart[data-slot="${slot}"]`);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  return [r.left + xa._offset + xa.l2p(x), r.top + ya._offset + ya.l2p(y)]; }"""

# The training point farthest from every other drawn point: [x, y, index].
LONELY = """() => { const gd = document.querySelector('.ep-chart[data-slot="nn.out"]');
  const pts = [];
  gd.data.forEach((t, c) => { if (t.customdata) for (let i = 0; i < t.x.length; i++)
    pts.push([t.x[i], t.y[i], t.customdata[i]]); });
  let best = null, far = -1;
  for (const p of pts) { let near = Infinity;
    for (const q of pts) if (q !== p) near = Math.min(near, Math.hypot(p[0] - q[0], p[1] - q[1]));
    if (near > far) { far = near; best = p; } }
  return best; }"""

# The click target of weight w_ij^l on the network diagram: [x, y].
LINK = """([l, j, i]) => { const gd = document.querySelector('.ep-chart[data-slot="nn.net"]');
  const t = gd.data[1];
  for (let k = 0; k < t.x.length; k++) { const c = t.customdata[k];
    if (c[1] === l && c[2] === j && c[3] === i) return [t.x[k], t.y[k]]; }
  return null; }"""


def open_lab(page, app_url, params: str) -> None:
    page.goto(f"{app_url}/backpropagation?{params}", wait_until="domcontentloaded")
    page.wait_for_selector(f"{NET} .main-svg", timeout=90_000)
    wait_settled(page)


def net_pictures(page) -> list[str]:
    return page.evaluate(f"""() => document.querySelector('{NET}').layout.images
                               .map(im => im.source.slice(-40))""")


def wait_query(page, name: str, want, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = query(page).get(name)
        if (got == want) if isinstance(want, str) else want(got):
            return got
        page.wait_for_timeout(100)  # (not time.sleep: Playwright updates page.url in its calls)
    raise AssertionError(f"{name} = {query(page).get(name)!r}, expected {want!r}\n{dump(page)}")


def click_data(page, slot: str, x: float, y: float) -> None:
    page.locator(f'.ep-chart[data-slot="{slot}"]').scroll_into_view_if_needed()
    px, py = page.evaluate(PIXEL, [slot, x, y])
    page.mouse.move(px, py)
    page.wait_for_timeout(150)  # plotly finds the hovered point first
    page.mouse.click(px, py)


def test_step_play_pin_a_point_choose_a_weight_and_add_a_layer(page, app_url):
    open_lab(page, app_url, "nn_t=3")
    first = net_pictures(page)

    page.get_by_role("button", name="Step").click()
    wait_query(page, "nn_t", "4")
    page.wait_for_function(f"""(before) => document.querySelector('{NET}').layout.images
        .some((im, k) => im.source.slice(-40) !== before[k])""", arg=first, timeout=20_000)

    page.get_by_role("button", name="Play").click()
    seen = {tuple(net_pictures(page))}
    deadline = time.monotonic() + 20
    while len(seen) < 4 and time.monotonic() < deadline:
        seen.add(tuple(net_pictures(page)))
        page.wait_for_timeout(100)
    assert len(seen) >= 4, "playing redrew the network fewer than 3 times in 20 s"
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    wait_query(page, "nn_t", lambda t: t is not None and int(t) > 4)
    wait_settled(page)

    x, y, n = page.evaluate(LONELY)
    click_data(page, "nn.out", x, y)
    wait_query(page, "nn_pin", str(int(n)))
    page.locator('[data-testid="stMarkdownContainer"], .ep-title').filter(
        has_text=f"Point #{int(n)}").first.wait_for(timeout=20_000)

    lx, ly = page.evaluate(LINK, [2, 2, 0])   # w_13^2: neuron 3 of layer 1 -> neuron 1 of layer 2
    click_data(page, "nn.net", lx, ly)
    wait_query(page, "nn_weight", "2,3,1")

    click_data(page, "nn.net", 2.4, 0.5)      # neuron 2 of hidden layer 1
    wait_query(page, "nn_focus", "1.2")

    page.locator(".st-key-nn-layer-plus button").first.click()
    wait_query(page, "nn_layers", "3")
    page.wait_for_function(f"() => document.querySelector('{NET}').layout.images.length === 16",
                           timeout=60_000)          # links + 2 inputs + 3 x 4 hidden + 1 output
    wait_settled(page)
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
    assert page.console_log.unexpected() == [], page.console_log.unexpected()
