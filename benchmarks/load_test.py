"""A lecture hall at once: N real Streamlit websocket sessions on loopback, then memory after.

    python benchmarks/load_test.py                 # starts `streamlit run` on a free loopback port
    python benchmarks/load_test.py --sessions 30 --seconds 40

Each session speaks Streamlit's own protocol (protobuf BackMsg / ForwardMsg over
``ws://127.0.0.1:<port>/_stcore/stream``), exactly what a browser tab sends, minus the drawing:
it opens the AdaBoost page (which starts playing on a first visit: the server asks the client to
rerun the training fragment every interval, and we do, like the frontend), then every few seconds
changes a setting (noise, seed, number of points: a refit), moves the round slider, and presses
Play again when the player stopped at the last round. Bounded: ``--seconds`` of activity, then
every session closes; the script stops by itself.

Reported: rerun latency p50 / p95 (BackMsg sent -> ``script_finished``), split into full reruns
(a setting changed: refit + every chart) and fragment reruns (one animation tick); errors
(exception elements, failed runs, dropped connections: none expected); server RSS at baseline
(warm, no session), with all sessions open, per session, and after the sessions closed and a wait
(Streamlit keeps a closed session ``server.disconnectedSessionTTL`` seconds for a reconnect; the
app's housekeeping thread then drops it; caches stay, bounded by ``max_entries`` / ``ttl``), and how much of that the app's caches hold (the server's own
``/_stcore/metrics``, deep sizes).

Loopback only: the URL must be 127.0.0.1 / localhost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "e2e"))
sys.path.insert(0, os.path.dirname(HERE))

from e2e_helpers import free_port, start_streamlit, stop, wait_healthy  # noqa: E402
from playground.housekeeping import PERIOD  # noqa: E402

PAGE = "adaboost"
# (slider label, values to choose from): settings a student changes; each one refits.
CHANGES = [("Noise", [0.1, 0.2, 0.3, 0.4]), ("Seed", [1, 2, 3, 4, 5, 6, 7, 8]),
           ("Number of points", [200, 300, 400, 500])]


def cached_bytes(url: str) -> int | None:
    """Bytes held by the app's caches (``st.cache_data`` / ``st.cache_resource``), as the server's
    own ``/_stcore/metrics`` counts them (deep sizes: the server we start sets
    ``server.enableExpensiveMemoryStats``); None if the server does not report them."""
    import urllib.request
    try:
        with urllib.request.urlopen(url + "/_stcore/metrics", timeout=60) as r:
            body = r.read().decode("utf-8", "replace")
    except OSError:
        return None
    sizes = [float(line.rsplit(" ", 1)[1]) for line in body.splitlines()
             if line.startswith("cache_memory_bytes{")]
    return int(sum(sizes)) if sizes else None


def rss_kb(pid: int) -> int:
    """Resident memory of the server process and its children (kB)."""
    total = 0
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(q / 100 * (len(xs) - 1))))
    return xs[k]


class Session:
    """One browser tab's worth of protocol, without the drawing."""

    def __init__(self, url: str, index: int, seconds: float, stats: dict, spread: bool = False,
                 change_every: float = 4.5):
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.index = index
        self.seconds = seconds
        self.stats = stats
        self.widgets: dict[str, object] = {}  # label -> element proto (slider / button)
        self.states: dict[str, object] = {}   # widget id -> WidgetState we report
        self.fragment: tuple[str, float] | None = None  # (fragment id, interval) while playing
        self.finished = asyncio.Event()
        self.n_finished = 0  # script_finished messages so far
        self.change_every = change_every
        self.rng = random.Random(index)
        # Behind nginx's ip_hash every loopback client (127.0.0.x) hashes alike; a source address
        # in its own /24 (127.0.<i>.1, all loopback on Linux) stands for a distinct student.
        self.local = {"local_addr": (f"127.0.{index % 250 + 1}.1", 0)} if spread else {}

    async def run(self):
        import websockets

        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"],
                                          max_size=64 * 2**20, open_timeout=30,
                                          **self.local) as ws:
                self.ws = ws
                reader = asyncio.create_task(self.read())
                try:
                    await self.drive()
                finally:
                    reader.cancel()
        except Exception as exc:  # a dropped connection is an error of the run
            self.stats["errors"].append(f"session {self.index}: {type(exc).__name__}: {exc}")

    async def read(self):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        async for raw in self.ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                etype = el.WhichOneof("type")
                if etype == "exception":
                    self.stats["errors"].append(f"session {self.index}: exception shown: "
                                                f"{el.exception.type}: {el.exception.message[:120]}")
                elif etype in ("slider", "button"):
                    w = getattr(el, etype)
                    self.widgets[w.label] = w
            elif kind == "new_session":
                # the page this session is on, sent back with every request as a browser does
                # (a rerun the app asks for itself, st.rerun, then stays on this page)
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "auto_rerun":
                self.fragment = (msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
            elif kind == "stop_auto_rerun":
                if self.fragment and self.fragment[0] in msg.stop_auto_rerun.fragment_ids:
                    self.fragment = None
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.stats["errors"].append(f"session {self.index}: script failed to compile")
                self.last_status = status
                self.n_finished += 1
                self.finished.set()
            elif kind == "session_event" and msg.session_event.WhichOneof("type") == \
                    "script_compilation_exception":
                self.stats["errors"].append(f"session {self.index}: compilation exception")

    async def rerun(self, kind: str, fragment_id: str = "", query: str = ""):
        from streamlit.proto.BackMsg_pb2 import BackMsg

        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = query
        cs.page_name = PAGE
        cs.page_script_hash = getattr(self, "page_hash", "")
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = True
        cs.widget_states.widgets.extend(self.states.values())
        seen = self.n_finished
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        # the next run to finish: ours, or the one ours was merged into (a request that arrives
        # while a full rerun is under way is served by that run, like the browser's)
        deadline = t0 + 60
        while self.n_finished == seen:
            self.finished.clear()
            try:
                await asyncio.wait_for(self.finished.wait(), timeout=5)
            except asyncio.TimeoutError:
                if kind == "fragment" and (self.fragment is None or self.fragment[0] != fragment_id):
                    # the player stopped (last round) while this tick was on its way: the server
                    # drops a tick for a timer it no longer runs, as the browser's timer stops too
                    return
                if time.perf_counter() > deadline:
                    self.stats["errors"].append(f"session {self.index}: {kind} rerun took > 60 s")
                    return
        dt = time.perf_counter() - t0
        if getattr(self, "last_status", None) == 2:  # FINISHED_EARLY_FOR_RERUN: not a full run
            return
        self.stats[kind].append(dt)
        # a trigger (button press) is sent once; the next run reports it as released
        for wid, st in list(self.states.items()):
            if st.WhichOneof("value") == "trigger_value":
                del self.states[wid]

    def set_slider(self, label: str, value: float) -> bool:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        w = self.widgets.get(label)
        if w is None:
            return False
        value = min(max(value, w.min), w.max)
        st = WidgetState(id=w.id)
        st.double_array_value.data.append(value)
        self.states[w.id] = st
        return True

    def press(self, label: str) -> bool:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        w = next((b for lab, b in self.widgets.items() if lab.endswith(label)), None)
        if w is None:
            return False
        self.states[w.id] = WidgetState(id=w.id, trigger_value=True)
        return True

    async def drive(self):
        await asyncio.sleep(self.rng.uniform(0, 2.0))  # students don't click in lockstep
        await self.rerun("full", query="")  # the page opens (and starts playing)
        end = time.monotonic() + self.seconds
        every = self.change_every
        next_change = time.monotonic() + (self.rng.uniform(2, 5) if every else 0.5)
        while time.monotonic() < end:
            if time.monotonic() >= next_change:
                if every:
                    label, values = self.rng.choice(CHANGES)
                    if self.set_slider(label, self.rng.choice(values)):
                        await self.rerun("full")
                if self.fragment is None and self.press("Play"):
                    await self.rerun("full")
                next_change = time.monotonic() + (self.rng.uniform(0.67, 1.33) * every
                                                  if every else 0.5)
            elif self.fragment is not None:
                fid, interval = self.fragment
                await asyncio.sleep(interval)
                if self.fragment is not None:
                    await self.rerun("fragment", fragment_id=fid)
            else:
                r = self.widgets.get("Round t")
                if r is not None and self.set_slider("Round t", self.rng.randint(int(r.min), int(r.max))):
                    await self.rerun("full")
                await asyncio.sleep(0.5)


async def hall(url: str, n: int, seconds: float, pid: int | None, stats: dict, spread=False,
               change_every: float = 4.5):
    sessions = [Session(url, i, seconds, stats, spread, change_every) for i in range(n)]
    tasks = [asyncio.create_task(s.run()) for s in sessions]
    peak = 0
    while not all(t.done() for t in tasks):
        await asyncio.sleep(1.0)
        if pid:
            peak = max(peak, rss_kb(pid))
    return peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running app on loopback (RSS is then not measured)")
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=40.0, help="activity per session")
    ap.add_argument("--ttl", type=float, default=120.0,
                    help="server.disconnectedSessionTTL of the server we start (Streamlit's default"
                         " 120 s: a closed tab's session is kept that long for a reconnect)")
    ap.add_argument("--settle", type=float, default=None,
                    help="wait after the sessions closed before reading RSS (default: ttl + the server's "
                         "housekeeping period + 10 s, so the closed sessions have been dropped)")
    ap.add_argument("--spread", action="store_true",
                    help="give each session its own loopback source address (127.0.<i>.1) so a "
                         "load balancer's ip_hash spreads them (for deploy/run_local.sh)")
    ap.add_argument("--change-every", type=float, default=4.5,
                    help="mean seconds between two setting changes (refits) of one session; 0: "
                         "the hall only watches and plays (presses Play again at the end)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="repeat the whole hall; RSS after each round shows whether memory is bounded")
    args = ap.parse_args()
    if not 1 <= args.sessions <= 100 or not 1 <= args.seconds <= 300 or not 1 <= args.rounds <= 5:
        ap.error("bounded on purpose: 1-100 sessions, 1-300 s, 1-5 rounds")
    settle = args.ttl + PERIOD + 10 if args.settle is None else args.settle
    proc = None
    url = args.url
    if url is None:
        port = free_port()
        log = tempfile.NamedTemporaryFile(prefix="load-streamlit-", suffix=".log", delete=False)
        proc = start_streamlit(port, log.name, ["--server.disconnectedSessionTTL", str(int(args.ttl)),
                                                "--server.enableExpensiveMemoryStats", "true"])
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
    if urlparse(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        ap.error("loopback only")
    pid = proc.pid if proc else None
    stats: dict = {"full": [], "fragment": [], "errors": []}
    try:
        # warm: one session visits once so caches and imports are in place (the baseline)
        asyncio.run(hall(url, 1, 3.0, None, {"full": [], "fragment": [], "errors": []}))
        time.sleep(3)
        base = rss_kb(pid) if pid else 0
        base_cached = cached_bytes(url)
        peaks, afters, cached = [], [], []
        t0 = time.monotonic()
        for r in range(args.rounds):
            print(f"round {r + 1}: {args.sessions} sessions for {args.seconds:.0f} s, then {settle:.0f} s"
                  " idle", file=sys.stderr, flush=True)
            peaks.append(asyncio.run(hall(url, args.sessions, args.seconds, pid, stats, args.spread,
                                          args.change_every)))
            time.sleep(settle)
            afters.append(rss_kb(pid) if pid else 0)
            cached.append(cached_bytes(url))
        wall = time.monotonic() - t0
        if proc is not None and proc.poll() is not None:
            stats["errors"].append(f"the server exited with code {proc.returncode}")
    finally:
        if proc is not None:
            stop(proc)
    full, frag = stats["full"], stats["fragment"]
    ms = lambda x: f"{x * 1000:.0f} ms"  # noqa: E731
    print(f"load test: {args.rounds} x {args.sessions} websocket sessions x {args.seconds:.0f} s, a "
          f"setting changed every {args.change_every:g} s per session (0 = never), on "
          f"{url} (page {PAGE}), wall {wall:.0f} s, load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print("| measure                                    | value          |")
    print("|--------------------------------------------|----------------|")
    print(f"| full reruns (setting changed / page open) | {len(full):>14} |")
    print(f"|   p50 / p95 latency                        | {ms(pct(full, 50)):>6} / {ms(pct(full, 95)):>6} |")
    print(f"| fragment reruns (animation ticks)         | {len(frag):>14} |")
    print(f"|   p50 / p95 latency                        | {ms(pct(frag, 50)):>6} / {ms(pct(frag, 95)):>6} |")
    print(f"| ticks per session per second              | {len(frag) / args.sessions / args.seconds / args.rounds:>14.2f} |")
    print(f"| errors                                    | {len(stats['errors']):>14} |")
    if pid:
        print(f"| server RSS, warm baseline                 | {base / 1024:>11.0f} MB |")
        for r, (peak, after) in enumerate(zip(peaks, afters), 1):
            print(f"| round {r}: RSS peak with all sessions       | {peak / 1024:>11.0f} MB |")
            print(f"| round {r}: per session ((peak - base) / N)  | "
                  f"{(peak - base) / 1024 / args.sessions:>11.1f} MB |")
            print(f"| round {r}: RSS {settle:.0f} s after all closed      | {after / 1024:>11.0f} MB |")
            print(f"| round {r}: after - baseline                 | {(after - base) / 1024:>+11.0f} MB |")
            if base_cached is not None and cached[r - 1] is not None:
                grown = (cached[r - 1] - base_cached) / 2 ** 20
                print(f"| round {r}:   of which the app's caches grew   | {grown:>+11.0f} MB |")
    for e in stats["errors"][:20]:
        print("error:", e)
    return 1 if stats["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
