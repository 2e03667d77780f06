"""The GAN lab in a real browser: Step D and the → key replay the recorded updates one at a time
(the URL names the moment, the right button is enabled), space plays and pauses, and playing
redraws the samples while the step moves on."""

from __future__ import annotations

import time

from e2e_helpers import EXCEPTION, chart_signatures, query, wait_changed, wait_charts, \
    wait_settled


def open_gan(page, app_url, params: str) -> None:
    page.goto(f"{app_url}/gan?{params}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=120_000)
    wait_charts(page, 7, timeout=180)            # the first visit trains the default run
    wait_settled(page, timeout=120)


def wait_query(page, key: str, value: str | None, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if query(page).get(key) == value:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{key} never became {value!r}: {query(page)}")


def step_shown(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="step").first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().split("/")[0]
               .strip().replace(",", "").split(" ")[0])


def enabled(page, name: str) -> bool:
    return page.get_by_role("button", name=name).is_enabled()


def test_step_d_then_the_arrow_key_replay_one_update_each(page, app_url):
    open_gan(page, app_url, "gan_t=60")
    assert enabled(page, "Step D") and not enabled(page, "Step G")
    before = chart_signatures(page)
    page.get_by_role("button", name="Step D").click()
    wait_query(page, "gan_phase", "1")
    wait_changed(page, before)                   # D moved: its map is redrawn
    wait_settled(page)
    assert enabled(page, "Step G") and not enabled(page, "Step D")
    page.locator("h1").click()                   # the focus off the buttons: keys are the page's
    page.keyboard.press("ArrowRight")            # the next update is G's
    wait_query(page, "gan_phase", "2")
    wait_settled(page)
    assert step_shown(page) == 591               # snapshot 60 is step 590; G's update ends 591
    assert page.locator(EXCEPTION).count() == 0


def test_space_plays_and_pauses_and_playing_moves_the_steps(page, app_url):
    open_gan(page, app_url, "gan_t=100")
    start_step = step_shown(page)
    page.locator("h1").click()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    seen = [chart_signatures(page)]
    for _ in range(3):
        seen.append(wait_changed(page, seen[-1]))
    assert step_shown(page) > start_step
    page.locator("h1").click()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    wait_settled(page)
    t = int(query(page).get("gan_t"))
    assert t > 100 and "gan_phase" not in query(page)
    frozen = chart_signatures(page)
    page.wait_for_timeout(2000)
    assert chart_signatures(page) == frozen and query(page).get("gan_t") == str(t)
