"""The lifelong-learning lab in a real browser (Debian's chromium via Playwright): Step and Play
move θ along its path on the picture's maps; the digit sequence shows its progress while the
five methods train, then Step walks through the epochs."""

from __future__ import annotations

import time

from e2e_helpers import (ALERT, EXCEPTION, chart_signatures, dump, query, slider_values,
                         wait_changed, wait_charts, wait_settled)


def open_lab(page, app_url, params: str, charts: int):
    page.goto(f"{app_url}/lifelong?{params}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    wait_charts(page, charts, timeout=120)
    wait_settled(page, timeout=120)


def stable(page, quiet: float = 1.0, timeout: float = 30.0) -> list[str]:
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        now = chart_signatures(page)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return now
        time.sleep(0.1)
    raise AssertionError(f"the charts kept changing for {timeout:.0f} s")


def metric_value(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_picture_step_then_play_and_pause(page, app_url):
    open_lab(page, app_url, "ll_pt=10", charts=4)               # a pinned step: no autoplay
    assert page.locator(EXCEPTION).count() == 0
    assert "θ₁ moves, θ₂ stays" in " ".join(page.locator(ALERT).all_inner_texts()), dump(page)
    before = stable(page)
    page.get_by_role("button", name="Step").click()
    wait_changed(page, before)
    stable(page)
    assert query(page).get("ll_pt") == "11", dump(page)
    assert metric_value(page, "step") == "11 / 100"
    page.get_by_role("button", name="Play").click()
    seen = [chart_signatures(page)]
    deadline = time.monotonic() + 20
    while len(seen) < 4 and time.monotonic() < deadline:
        seen.append(wait_changed(page, seen[-1]))
    assert len(seen) >= 4, "playing produced fewer than 3 redraws in 20 s"
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    stable(page)
    t = int(query(page).get("ll_pt"))
    assert t > 11 and metric_value(page, "step") == f"{t} / 100", dump(page)
    assert str(t) in slider_values(page).values()


def test_sequence_shows_progress_while_training_then_steps_through_epochs(page, app_url):
    params = "ll_view=sequence&ll_n=3&ll_epochs=2&ll_hidden=24&seed=4321&ll_t=2"
    page.goto(f"{app_url}/lifelong?{params}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stProgress"]', timeout=60_000)   # five methods train
    wait_charts(page, 4, timeout=120)
    wait_settled(page, timeout=120)
    assert page.locator('[data-testid="stProgress"]').count() == 0          # and it is gone
    assert metric_value(page, "t") == "task 1 / 3 · epoch 2"
    before = stable(page)
    page.get_by_role("button", name="Step").click()
    wait_changed(page, before)
    stable(page)
    assert query(page).get("ll_t") == "3", dump(page)
    assert metric_value(page, "t") == "task 2 / 3 · epoch 1"
    assert page.locator(EXCEPTION).count() == 0
