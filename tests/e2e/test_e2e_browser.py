"""The playground in a real browser (Debian's chromium via Playwright) against ``streamlit run``.

What a student sees: every page loads with its heading and charts and no console error; Play and
Step move the round and redraw the charts; a shared link restores the view; the 中文 switch
translates the UI; a broken CSV upload is reported and the app keeps working.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from e2e_helpers import (ALERT, EXCEPTION, chart_signatures, dump, heading, nav_links, query,
                         slider_values, wait_changed, wait_charts, wait_settled)

# Pages whose purpose is a chart: they must draw at least one (a lecture/notes page may not).
CHART_PAGES = {"overview", "trees", "adaboost", "gradient-boosting", "stacking", "compare", "gan"}


def open_app(page, app_url, path="", params="", charts=1):
    page.goto(f"{app_url}/{path}{'?' + params if params else ''}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    if charts:
        wait_charts(page, charts)


def test_every_page_loads_without_errors(page, app_url):
    open_app(page, app_url, params="ov_t=1")
    links = nav_links(page)
    paths = [href.rstrip("/").rsplit("/", 1)[-1] for _label, href in links]
    assert {"trees", "adaboost", "compare"} <= set(paths), links  # the navigation itself works
    seen = {}
    for label, href in links:
        path = urlparse(href).path.strip("/")
        page.goto(href, wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=60_000)
        if path in CHART_PAGES or path == "":
            wait_charts(page, 1, timeout=180 if path == "gan" else 60)  # gan: its first run trains
        try:  # let the whole script run once (an error may come after the first chart);
            wait_settled(page, quiet=0.6, timeout=4)  # a playing page never goes quiet: fine
        except AssertionError:
            pass
        assert page.locator(EXCEPTION).count() == 0, (label, page.locator(EXCEPTION).all_inner_texts())
        seen[label] = heading(page)
        assert page.console_log.unexpected() == [], (label, page.console_log.unexpected())
    assert len(set(seen.values())) == len(seen), f"two pages share a heading: {seen}"


def test_step_advances_round_and_redraws(page, app_url):
    open_app(page, app_url, "adaboost", "ab_t=5", charts=3)  # a pinned round: no autoplay
    wait_settled(page)
    assert query(page).get("ab_t") == "5"
    before = wait_stable(page, n_charts=page.locator(".js-plotly-plot").count())
    page.get_by_role("button", name="Step").click()
    wait_changed(page, before)
    after = wait_stable(page, n_charts=len(before))
    assert after != before  # the same views, redrawn for round 6
    assert query(page).get("ab_t") == "6", dump(page)
    assert "6" in slider_values(page).values(), slider_values(page)
    # round 6's numbers (live MathML under the formulas): ε_6, with the value the ε_t metric shows
    eps = page.locator('[data-testid="stMetric"]').filter(has_text="εₜ").first \
        .locator('[data-testid="stMetricValue"]').inner_text().strip()
    first = page.locator(".ep-math math").first
    assert first.locator("msub").first.text_content() == "ε6", dump(page)
    assert eps in first.text_content(), (eps, first.text_content())


def test_live_math_builds_mathml_and_never_markup(page, app_url):
    """static/livemath.js as the app serves it: a line becomes MathML (a fraction, a subscript);
    text that looks like HTML stays text (an element is never created from it)."""
    page.goto(f"{app_url}/_stcore/health")
    built = page.evaluate("""async (url) => {
      const mod = await import(url);
      const box = document.createElement('div');
      document.body.appendChild(box);
      const lines = [[["sub", ["i", "ε"], ["n", "3"]], ["o", "="],
                      ["frac", ["n", "1.5"], ["n", "6"]]],
                     [["t", "<img src=x onerror=\\"window.__pwned=1\\">"], ["o", "<b>"]]];
      mod.render({parentElement: box,
                  data: new TextEncoder().encode(JSON.stringify({lines}))});
      await new Promise((ok) => setTimeout(ok, 300));
      return {maths: box.querySelectorAll('math').length, frac: box.querySelectorAll('mfrac').length,
              sub: box.querySelector('msub')?.textContent, html: box.querySelectorAll('img, b').length,
              text: box.textContent, pwned: window.__pwned === 1};
    }""", f"{app_url}/app/static/livemath.js")
    assert built["maths"] == 2 and built["frac"] == 1 and built["sub"] == "ε3", built
    assert built["html"] == 0 and not built["pwned"] and "<img src=x" in built["text"], built


def test_play_keeps_redrawing_then_pause_stops(page, app_url):
    open_app(page, app_url, "adaboost", "ab_t=1", charts=3)
    wait_settled(page)
    page.get_by_role("button", name="Play").click()
    seen = [chart_signatures(page)]
    rounds = {1}
    deadline = time.monotonic() + 20
    while len(seen) < 4 and time.monotonic() < deadline:
        seen.append(wait_changed(page, seen[-1]))
        rounds.add(int(round_shown(page)[1]))
    assert len(seen) >= 4, "playing produced fewer than 3 redraws in 20 s"
    assert max(rounds) > 1, rounds
    # while playing the URL stays put (no browser history entry per round) ...
    assert query(page).get("ab_t") in (None, "1"), query(page)  # (t = 1 is left out of links)
    history = page.evaluate("history.length")
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)  # the player shows Play again
    frozen = wait_stable(page, n_charts=len(seen[0]))
    t = query(page).get("ab_t")
    assert int(t) > 1 and page.evaluate("history.length") <= history + 1  # ... and Pause writes it
    page.wait_for_timeout(2500)  # longer than the slowest play interval
    assert chart_signatures(page) == frozen and query(page).get("ab_t") == t


def test_pause_leaves_slider_metric_and_url_on_the_same_round(page, app_url):
    """A Pause usually crosses a tick already sent by the browser's timer: afterwards the slider,
    the t metric and the URL must still name one round. Three cycles, pausing at different
    moments of a tick."""
    open_app(page, app_url, "adaboost", "ab_t=1", charts=3)
    wait_settled(page)
    for played_ms in (2500, 1300, 1900):
        page.get_by_role("button", name="Play").click()
        page.wait_for_timeout(played_ms)
        page.get_by_role("button", name="Pause").click()
        page.get_by_role("button", name="Play").wait_for(timeout=30_000)
        page.wait_for_timeout(2000)
        t = query(page).get("ab_t")
        assert t and int(t) > 1, t  # it played
        assert round_shown(page) == (t, t), (played_ms, round_shown(page), t)


def round_shown(page) -> tuple[str, str]:
    """(the Round t slider's value, the t metric's round) as the page shows them."""
    slider_t = slider_values(page).get("Round t")
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="t").first
    metric_t = metric.locator('[data-testid="stMetricValue"]').inner_text().split("/")[0].strip()
    return slider_t, metric_t


def test_a_shared_link_opens_paused_even_at_round_1(page, app_url):
    """A link carries a view; t = 1 is left out of links, so no t must not mean 'play'."""
    open_app(page, app_url, "adaboost", "ab_T=30&data=circles", charts=3)
    wait_settled(page)
    page.wait_for_timeout(1500)  # several play intervals
    assert page.get_by_role("button", name="Play").count() == 1  # not "Pause"
    assert round_shown(page) == ("1", "1")


def wait_stable(page, n_charts: int, quiet: float = 1.0, timeout: float = 30.0) -> list[str]:
    """Chart signatures once all ``n_charts`` charts are drawn and none changed for ``quiet`` s."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = chart_signatures(page)
        if now != last or len(now) != n_charts:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return now
        time.sleep(0.1)
    raise AssertionError(f"charts kept changing (or not all {n_charts} drawn) for {timeout:.0f} s")


def test_shared_link_restores_the_view(page, app_url):
    params = "ab_T=40&data=circles&n=300&seed=7&ab_t=12&show_test=1"
    open_app(page, app_url, "adaboost", params, charts=3)
    wait_settled(page)
    sliders = slider_values(page)
    shown = set(sliders.values())
    for want in ("40", "300", "7", "12"):
        assert want in shown, (want, sliders)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_role("combobox", name="Data set").input_value() == "Circles"
    show_test = sidebar.get_by_label("Show test points")
    assert show_test.is_checked()
    q = query(page)
    for k, v in (("ab_T", "40"), ("data", "circles"), ("ab_t", "12"), ("seed", "7")):
        assert q.get(k) == v, q  # the link survives the first rerun, ready to be copied again
    assert page.locator(ALERT).count() == 0, dump(page)


def test_bad_url_parameter_warns_and_uses_default(page, app_url):
    open_app(page, app_url, "adaboost", "ab_T=abc&ab_t=3", charts=3)
    wait_settled(page)
    alerts = " ".join(page.locator(ALERT).all_inner_texts())
    assert "ab_T" in alerts, alerts


def test_language_switch_shows_chinese(page, app_url):
    open_app(page, app_url, params="ov_t=1")
    wait_settled(page)
    assert "Overview" in page.locator('[data-testid="stSidebarNav"]').inner_text()
    page.locator('[data-testid="stSidebar"] button', has_text="中文").first.click()
    page.wait_for_function(
        "document.querySelector('[data-testid=\"stSidebarNav\"]').innerText.includes('总览')",
        timeout=20_000)
    wait_settled(page)
    assert query(page).get("lang") == "zh"
    assert "集成" in heading(page)
    assert page.locator("button", has_text="单步").count() == 1  # the player speaks Chinese too
    # ... and a link with lang=zh opens in Chinese
    open_app(page, app_url, "adaboost", "lang=zh&ab_t=3", charts=3)
    assert "总览" in page.locator('[data-testid="stSidebarNav"]').inner_text()
    # the charts' titles (drawn by the live charts themselves) are Chinese as well
    page.wait_for_function("document.querySelectorAll('.ep-title').length >= 5", timeout=20_000)
    titles = page.locator(".ep-title").all_inner_texts()
    from playground.i18n import CATALOG
    assert {CATALOG[k][1] for k in ("ab.H", "ab.f", "ab.bars", "ab.curves", "ab.margins")} <= set(titles)


def test_bad_csv_upload_shows_error_and_app_keeps_working(page, app_url, tmp_path):
    open_app(page, app_url, "compare", "cp_data=upload_csv", charts=0)  # the uploader of "own CSV"
    wait_settled(page)
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"x1,x2,label\n1,2,a\n3,oops,b\n\xff\xfe\x00garbage\n")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.wait_for_selector(ALERT, timeout=30_000)
    wait_settled(page)
    errors = " ".join(page.locator(ALERT).all_inner_texts())
    assert "Could not use this data" in errors, errors
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
    # The app keeps working: charts are drawn (fallback data), and another page still runs.
    wait_charts(page, 1)
    open_app(page, app_url, "adaboost", "ab_t=2", charts=3)
    assert page.locator(EXCEPTION).count() == 0


def test_url_cannot_exceed_the_per_session_caps(page, app_url):
    from playground import limits
    too_big = {"n": limits.MAX_POINTS * 10, "ab_T": limits.MAX_ROUNDS * 10, "res": limits.MAX_GRID * 10}
    open_app(page, app_url, "adaboost", "&".join(f"{k}={v}" for k, v in too_big.items()) + "&ab_t=2",
             charts=3)
    wait_settled(page)  # charts may be on screen before the sidebar's sliders: read a whole run
    alerts = " ".join(page.locator(ALERT).all_inner_texts())
    for name in too_big:
        assert name in alerts, (name, alerts)  # each refused value is named...
    shown = [int(v) for v in slider_values(page).values() if v.isdigit()]
    assert max(shown) <= max(limits.MAX_POINTS, limits.MAX_ROUNDS, limits.MAX_GRID)  # ...and not used
