"""Screenshots of every page (and every lecture step) as a student sees them.

    python scripts/screenshots.py [--out shots] [--sizes 1440x900,1280x720] [--langs en,zh]
                                  [--pages ab,tr] [--steps 1-15] [--url http://host:port]

Starts ``streamlit run`` on a free loopback port (unless ``--url`` is given), opens each page in
Debian's headless chromium, waits until its charts are drawn and the page is quiet, and writes
``<out>/<page>-<lang>-<W>x<H>.png``: what the viewport shows, then, scrolled screen by screen,
``...-2.png``, ``...-3.png`` (Streamlit scrolls its main block, not the page). Pages come from the pages table; the lecture's
steps are ``lec<step>``, in presentation mode too (``lec<step>p``). Look at them: anything cut
off, overlapping or unreadable is a defect.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from e2e_helpers import (chromium_path, free_port, launch, start_streamlit, stop,  # noqa: E402
                         wait_healthy)


def _steps(spec: str) -> list[int]:
    if not spec:
        return []
    a, _, b = spec.partition("-")
    return list(range(int(a), int(b or a) + 1))


def _quiet(page, seconds: float = 1.0, timeout: float = 60.0) -> None:
    """Until no chart has changed and Streamlit shows no 'running' status for ``seconds``."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = page.evaluate("""() => [document.querySelectorAll('.js-plotly-plot .main-svg')
            .length, !!document.querySelector('[data-testid="stStatusWidget"]'),
            document.body.innerText.length]""")
        if state != last:
            last, since = state, time.monotonic()
        elif time.monotonic() - since >= seconds and not state[1]:
            return
        time.sleep(0.2)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from playground import pages

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="shots")
    ap.add_argument("--sizes", default="1440x900,1280x720")
    ap.add_argument("--langs", default="en,zh")
    ap.add_argument("--pages", default=",".join(p.id for p in pages.PAGES if p.id != "lec"))
    ap.add_argument("--steps", default="", help="lecture steps, e.g. 1-15")
    ap.add_argument("--present", action="store_true", help="lecture steps in presentation mode")
    ap.add_argument("--query", default="", help="extra query string for every page")
    ap.add_argument("--url", default="")
    ap.add_argument("--screens", type=int, default=4, help="screens per page, scrolled")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    proc = None
    url = args.url
    if not url:
        port = free_port()
        proc = start_streamlit(port, os.path.join(args.out, "server.log"))
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
    targets = [(p, "" if pages.get(p).default else pages.get(p).url, "t=1")
               for p in args.pages.split(",") if p]
    for s in _steps(args.steps):
        targets.append((f"lec{s}", "lecture", f"step={s}"))
        if args.present:
            targets.append((f"lec{s}p", "lecture", f"step={s}&present=1"))
    try:
        with sync_playwright() as pw:
            for size in args.sizes.split(","):
                w, h = (int(v) for v in size.split("x"))
                ctx = launch(pw, chromium_path(), tempfile.mkdtemp(prefix="shots-"))
                page = ctx.new_page()
                page.set_viewport_size({"width": w, "height": h})
                for lang in args.langs.split(","):
                    for name, path, q in targets:
                        query = "&".join(x for x in (q if not q.startswith("t=") else "",
                                                     f"lang={lang}" if lang != "en" else "",
                                                     args.query) if x)
                        # a pinned round: pages with a player do not autoplay
                        t_key = {"ab": "ab_t", "tr": "tr_t", "gb": "gb_t", "ov": "ov_t"}.get(name)
                        if t_key:
                            query = "&".join(x for x in (query, f"{t_key}=30") if x)
                        page.goto(f"{url}/{path}?{query}", wait_until="domcontentloaded")
                        page.wait_for_selector("h1", timeout=120_000)
                        _quiet(page)
                        base = os.path.join(args.out, f"{name}-{lang}-{w}x{h}")
                        page.screenshot(path=base + ".png")
                        print(base + ".png", flush=True)
                        for k in range(2, args.screens + 1):
                            moved = page.evaluate(f"""() => {{
                                const m = document.querySelector('[data-testid="stMain"]');
                                if (!m) return false;
                                const before = m.scrollTop; m.scrollTop = before + {h - 120};
                                return m.scrollTop > before; }}""")
                            if not moved:
                                break
                            page.wait_for_timeout(600)
                            page.screenshot(path=f"{base}-{k}.png")
                            print(f"{base}-{k}.png", flush=True)
                ctx.close()
    finally:
        if proc is not None:
            stop(proc)


if __name__ == "__main__":
    main()
