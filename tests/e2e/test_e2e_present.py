"""Presentation mode in a real browser: every lecture step fits one screen, at a laptop's and at a
projector's size, without scrolling; the dark theme keeps every control readable."""

from __future__ import annotations

import pytest

from e2e_helpers import EXCEPTION

from playground.lecture import track

SIZES = [(1440, 900), (1280, 720)]

_OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return main ? main.scrollHeight - main.clientHeight : -1;
}"""


def _settle(page):
    page.wait_for_selector("h1", timeout=120_000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1",
                           timeout=120_000)
    page.wait_for_timeout(1200)  # the fit runs on the frame after the content has its size


@pytest.mark.parametrize("width, height", SIZES)
def test_every_presentation_step_fits_the_screen(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    too_tall = {}
    for step in range(1, track.N_STEPS + 1):
        page.goto(f"{app_url}/lecture?step={step}&present=1", wait_until="domcontentloaded")
        _settle(page)
        assert page.locator(EXCEPTION).count() == 0, step
        over = page.evaluate(_OVERFLOW_JS)
        if over > 2:
            too_tall[step] = over
    assert not too_tall, f"steps that scroll at {width} x {height} (pixels too tall): {too_tall}"


def test_dark_presentation_controls_are_readable(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/lecture?step=6&present=1&theme=dark", wait_until="domcontentloaded")
    _settle(page)
    # every button's text is light on the dark page (contrast against #0e1117)
    colours = page.eval_on_selector_all(  # buttons with words (a chart's icon buttons have none)
        "button", "bs => bs.filter(b => b.offsetParent && b.innerText.trim())"
                  ".map(b => getComputedStyle(b).color)")
    assert colours
    for c in colours:
        r, g, b = (int(v) for v in c[c.index("(") + 1:c.index(")")].split(",")[:3])
        assert (0.299 * r + 0.587 * g + 0.114 * b) > 140, colours
