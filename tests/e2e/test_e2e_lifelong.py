"""The lifelong-learning lab in a real browser (Debian's chromium via Playwright): Step and Play
move θ along its path on the picture's maps; the digit sequence shows its progress while the
five methods train, then Step walks through the epochs."""

from __future__ import annotations

import time

from e2e_helpers import (EXCEPTION, wait_changed, chart_signatures, dump, query, slider_values,
                         wait_charts, wait_settled)


def open_lab(page, app_url, params: str, charts: int):
    page.goto(f"{app_url}/lifelong?{params}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    wait_charts(page, charts, timeout=120)
    wait_settled(page, timeout=120)


def drawn(page) -> list[str]:
    """One string per chart: its data signature and its layout pictures."""
    sources = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
      .map(gd => ((gd.layout || {}).images || []).map(i => i.source || '').join('|'))""")
    return [f"{a}:{hash(b)}" for a, b in zip(chart_signatures(page), sources)]


def changed(page, before: list[str], timeout: float = 20.0) -> list[str]:
    return wait_changed(page, before, timeout, read=drawn)


def stable(page, quiet: float = 1.0, timeout: float = 30.0) -> list[str]:
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        now = drawn(page)
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
    lessons = " ".join(page.locator('[data-testid="stMarkdownContainer"]').all_inner_texts())
    assert "✓ θ₁ moves, θ₂ stays" in lessons, lessons  # the checked claim holds, in the lessons box
    before = stable(page)
    page.get_by_role("button", name="Step").click()
    changed(page, before)
    stable(page)
    assert query(page).get("ll_pt") == "11", dump(page)
    assert metric_value(page, "step") == "11 / 100"
    page.get_by_role("button", name="Play").click()
    seen = [drawn(page)]
    deadline = time.monotonic() + 20
    while len(seen) < 4 and time.monotonic() < deadline:
        seen.append(changed(page, seen[-1]))
    assert len(seen) >= 4, "playing produced fewer than 3 redraws in 20 s"
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    stable(page)
    t = int(query(page).get("ll_pt"))
    assert t > 11 and metric_value(page, "step") == f"{t} / 100", dump(page)
    assert str(t) in slider_values(page).values()


def test_sequence_shows_progress_while_training_then_steps_through_epochs(page, app_url):
    params = "ll_view=sequence&ll_n=3&ll_epochs=8&ll_hidden=64&seed=4321&ll_t=8"
    # a progress bar may come and go between two polls: record every one the page ever shows
    page.add_init_script("""new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="stProgress"]');
      if (bar) window.__progress = (window.__progress || new Set()).add(bar.innerText);
    }).observe(document, {childList: true, subtree: true, characterData: true});""")
    page.goto(f"{app_url}/lifelong?{params}", wait_until="domcontentloaded")
    wait_charts(page, 4, timeout=120)
    wait_settled(page, timeout=120)
    shown = page.evaluate("Array.from(window.__progress || [])")
    assert any("Training" in text for text in shown), shown       # while the five methods train
    assert page.locator('[data-testid="stProgress"]').count() == 0  # and gone once they have
    assert metric_value(page, "t") == "task 1 / 3 · epoch 8"
    before = stable(page)
    page.get_by_role("button", name="Step").click()
    changed(page, before)
    stable(page)
    assert query(page).get("ll_t") == "9", dump(page)
    assert metric_value(page, "t") == "task 2 / 3 · epoch 1"
    assert page.locator(EXCEPTION).count() == 0
