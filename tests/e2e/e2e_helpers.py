"""What the end-to-end tests and the browser benchmarks share: starting ``streamlit run`` on
loopback, finding chromium, and reading a Streamlit page.

Only user-visible things: the page heading, plotly charts (their drawn data as the browser holds
it), slider values (the range input behind each thumb), alerts, the URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]


def chromium_path() -> str | None:
    """Debian's chromium (``/usr/bin/chromium``), or ``$CHROMIUM``; never a downloaded build."""
    for cand in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout:.0f} s")


def start_streamlit(port: int, log_path: str, extra: list[str] | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", os.path.join("playground", "app.py"),
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *(extra or [])]
    log = open(log_path, "wb")
    return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def launch(playwright, executable: str, profile: str, **kw):
    """Headless chromium with a fresh user-data-dir ``profile`` (one persistent context)."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1400, "height": 1000}, **kw)


CHART = ".js-plotly-plot"
ALERT = '[data-testid="stAlert"]'
EXCEPTION = '[data-testid="stException"]'

# The drawn data of every plotly chart on the page, as the browser holds it (gd.data).
_CHARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const seen = new WeakSet();
  return JSON.stringify(gd.data || [], (k, v) => {
    if (ArrayBuffer.isView(v)) return Array.from(v);
    if (v && typeof v === 'object') { if (seen.has(v)) return undefined; seen.add(v); }
    return v;
  });
})"""


def chart_signatures(page) -> list[str]:
    """One short hash per chart of its drawn data; changes whenever a trace changes."""
    return [hashlib.sha1(s.encode()).hexdigest()[:12] for s in page.evaluate(_CHARTS_JS)]


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_charts(page, n: int = 1, timeout: float = 60.0) -> None:
    """Until at least ``n`` plotly charts are drawn (their SVG exists)."""
    page.wait_for_function(
        f"document.querySelectorAll('{CHART} .main-svg').length >= {n}", timeout=timeout * 1000)


def wait_settled(page, quiet: float = 1.0, timeout: float = 60.0) -> None:
    """Until Streamlit has shown no 'running' status for ``quiet`` seconds (a paused page)."""
    deadline = time.monotonic() + timeout
    calm_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            calm_since = None
        elif calm_since is None:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= quiet:
            return
        time.sleep(0.1)
    raise AssertionError(f"the app was still running after {timeout:.0f} s")


def wait_changed(page, before: list[str], timeout: float = 20.0, read=None) -> list[str]:
    """Poll until the chart signatures (or what ``read(page)`` returns) differ from ``before``;
    returns the new ones."""
    read = read or chart_signatures
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = read(page)
        if now and now != before:
            return now
        time.sleep(0.05)
    raise AssertionError(f"no chart changed within {timeout:.0f} s")


def slider_values(page) -> dict[str, str]:
    """Every slider on the page as {label: value shown} (the range input behind the thumb)."""
    return page.evaluate("""() => Object.fromEntries(
      Array.from(document.querySelectorAll('[data-testid="stSlider"]')).map(s => [
        (s.querySelector('[data-testid="stWidgetLabel"]') || {}).innerText || '',
        Array.from(s.querySelectorAll('input[type="range"]')).map(i => i.value).join('-')]))""")


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def nav_links(page) -> list[tuple[str, str]]:
    """(label, href) of every page in the sidebar navigation."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    return [(a.inner_text().strip().split("\n")[-1], a.get_attribute("href")) for a in links.all()]


def dump(page) -> str:
    return json.dumps({"url": page.url, "alerts": page.locator(ALERT).all_inner_texts()},
                      ensure_ascii=False)
