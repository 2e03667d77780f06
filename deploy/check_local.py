"""Check the local deployment (deploy/run_local.sh --check): the app works through nginx.

    python deploy/check_local.py http://127.0.0.1:8080 RUN_DIR 8501 8502

1. the page and /_stcore/health load through nginx;
2. a Streamlit websocket session through nginx (Upgrade proxied) runs the app and receives charts;
3. stickiness: repeated sessions from this client all reach the same replica (ip_hash);
4. failover: stop that replica (by its pid file in RUN_DIR), the next session is served by the other;
5. if chromium and playwright are available, a real browser draws a chart through nginx.
Exit status 0 only if every check passed.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))


async def ws_session(base: str) -> int:
    """Open one websocket session, run the landing page; return the number of charts received."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    charts = 0
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=64 * 2**20) as ws:
        back = BackMsg()
        back.rerun_script.query_string = "ov_t=3"  # a pinned round: the demo does not play
        back.rerun_script.page_name = ""
        await ws.send(back.SerializeToString())
        async with asyncio.timeout(90):
            async for raw in ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    el = msg.delta.new_element
                    # plotly charts: st.plotly_chart, or a live chart (playground/livechart.py:
                    # its figure travels as bytes; the plotly.js preloader sends a dict)
                    if el.WhichOneof("type") == "plotly_chart" or (
                            el.WhichOneof("type") == "bidi_component"
                            and el.bidi_component.component_name.endswith(".livechart")
                            and el.bidi_component.WhichOneof("data") == "bytes"):
                        charts += 1
                    if el.WhichOneof("type") == "exception":
                        raise AssertionError(f"the app raised: {el.exception.message[:200]}")
                if kind == "script_finished":
                    break
    return charts


def upstreams(run_dir: str) -> list[str]:
    """The replica that answered each websocket request, in order (from nginx's access log; when
    nginx had to try several, $upstream_addr lists them all and the last one answered)."""
    time.sleep(0.3)  # nginx writes the line when the connection closes
    with open(os.path.join(run_dir, "access.log")) as f:
        return [m.group(1).split(", ")[-1] for line in f if "/_stcore/stream" in line
                for m in [re.search(r"upstream=(.*?) rt=", line)] if m]


def browser_check(base: str) -> str:
    from e2e_helpers import chromium_path, launch

    exe = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped (playwright not installed)"
    if exe is None:
        return "skipped (chromium not found)"
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="deploy-check-") as profile:
        ctx = launch(p, exe, profile)
        try:
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(base + "/?ov_t=2")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            dt = time.perf_counter() - t0
            assert page.locator('[data-testid="stException"]').count() == 0
            return f"ok (first chart after {dt:.1f} s)"
        finally:
            ctx.close()


def main() -> int:
    base, run_dir, *ports = sys.argv[1:]
    ok = True

    def report(name, passed, detail=""):
        nonlocal ok
        ok &= bool(passed)
        print(f"[{'ok' if passed else 'FAIL'}] {name} {detail}")

    with urllib.request.urlopen(base + "/", timeout=10) as r:
        html = r.read().decode("utf-8", "replace")
    report("page through nginx", r.status == 200 and 'id="root"' in html, f"HTTP {r.status}")
    with urllib.request.urlopen(base + "/_stcore/health", timeout=10) as r:
        report("health through nginx", r.read().strip() == b"ok")

    charts = [asyncio.run(ws_session(base)) for _ in range(3)]
    report("websocket sessions through nginx", all(c >= 1 for c in charts),
           f"charts received per session: {charts}")
    used = upstreams(run_dir)[-3:]
    report("sticky (ip_hash): one replica for this client", len(set(used)) == 1, f"{used}")

    if len(ports) >= 2 and used:
        served = used[-1].rsplit(":", 1)[-1]
        with open(os.path.join(run_dir, f"replica-{served}.pid")) as f:
            os.kill(int(f.read()), signal.SIGTERM)
        time.sleep(2)
        c = asyncio.run(ws_session(base))
        after = upstreams(run_dir)[-1]
        report("failover: replica stopped, the other one serves", c >= 1 and after != used[-1],
               f"{used[-1]} -> {after}")

    detail = browser_check(base)
    report("browser draws a chart through nginx", not detail.startswith("FAIL"), detail)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
