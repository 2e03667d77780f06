"""Safe to share and to restart, in a real browser: a lecture hall reconnecting to a freshly started
server sees no traceback, and a link cannot put links or images into the app's own warnings."""

from __future__ import annotations

import tempfile

import pytest

from e2e_helpers import ALERT, EXCEPTION, free_port, launch, start_streamlit, stop, wait_healthy

TABS = 8


@pytest.fixture
def fresh_server(tmp_path, chromium):
    """A server nobody has visited yet: no page has imported pandas or plotly."""
    port = free_port()
    log = tmp_path / "server.log"
    proc = start_streamlit(port, str(log))
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc)
        yield f"http://127.0.0.1:{port}", log
    finally:
        stop(proc)


def test_a_room_opening_eight_tabs_on_a_fresh_server_sees_no_traceback(fresh_server, chromium,
                                                                         playwright_session):
    url, log = fresh_server
    paths = ["", "trees", "adaboost", "gradient-boosting", "stacking", "compare", "adaboost",
             "trees"][:TABS]
    ctx = launch(playwright_session, chromium, tempfile.mkdtemp(prefix="e2e-room-"))
    try:
        tabs = [ctx.new_page() for _ in paths]
        for tab, path in zip(tabs, paths):  # all at once: nobody waits for the others
            tab.goto(f"{url}/{path}", wait_until="commit")
        for tab in tabs:
            tab.wait_for_selector("h1", timeout=120_000)
            tab.wait_for_function(
                "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1",
                timeout=120_000)
        for tab, path in zip(tabs, paths):
            assert tab.locator(EXCEPTION).count() == 0, (path, tab.locator(EXCEPTION)
                                                         .all_inner_texts())
    finally:
        ctx.close()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "partially initialized" not in text, text[-2000:]


def test_a_link_cannot_put_a_link_or_an_image_into_our_warnings(page, app_url):
    evil = "https://evil.example"
    bad = {"n": f"[Session expired - log in again]({evil}/login)",
           f"![px]({evil}/p.png)": "1", "data": f"<img src={evil}/x.png>",
           "noise": f":red[alarm] $x$ **bold** :material/home:"}
    from urllib.parse import urlencode, urlparse
    fetched = []
    page.on("request", lambda r: fetched.append(r.url)
            if urlparse(r.url).hostname == "evil.example" else None)
    page.goto(f"{app_url}/trees?{urlencode(bad)}", wait_until="domcontentloaded")
    page.wait_for_selector(ALERT, timeout=60_000)
    page.wait_for_timeout(500)
    alerts = page.locator(ALERT)
    assert alerts.count() >= 3
    text = " ".join(alerts.all_inner_texts())
    assert "Session expired" in text and "![px]" in text and "<img" in text
    for sel in ("a[href*='evil.example']", "img[src*='evil.example']"):
        assert page.locator(f"{ALERT} {sel}").count() == 0, sel
    assert page.locator(f"{ALERT} strong, {ALERT} .katex").count() == 0
    assert fetched == []  # the browser never asked the outside host for anything
    assert page.locator(EXCEPTION).count() == 0
