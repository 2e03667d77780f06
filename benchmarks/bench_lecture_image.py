"""What the lecture's image steps (docs/lecture.md §2) cost when they are first opened.

    python benchmarks/bench_lecture_image.py              # the fits, in this process
    python benchmarks/bench_lecture_image.py --browser    # also first views on a fresh server

The fits (every silhouette: 160 x 160 pixels, 23,040 to train on): CPU seconds of each step's
cached fit with its painting and numbers, caches cleared before each sample, median of
``--repeats``; the same work by scikit-learn in the same run, interleaved, as a ratio (the forest
step: ours fits one depth-20 forest and cuts it back, scikit-learn fits the four depths; AdaBoost:
100 depth-5 trees, SAMME).

In the browser (headless chromium, ``--browser``): a fresh ``streamlit run``; each image step
opened in a new tab, in the lecture's order, as a lecturer would (step 3, a pause, step 4, ...):
seconds to the charts and to a settled page, and the server's CPU seconds for that view (from
/proc). Wall clock on a shared machine includes everyone else's load; the CPU figures do not.
Exits 0 whatever the figures (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
logging.getLogger("streamlit").setLevel(logging.ERROR)  # cached fits outside a server

SHAPES = ("cat", "rabbit", "rocket", "star")


def _cpu(f) -> float:
    start = time.process_time()
    f()
    return time.process_time() - start


def fits_table(repeats: int) -> list[str]:
    from sklearn.ensemble import AdaBoostClassifier as SkAda
    from sklearn.ensemble import RandomForestClassifier as SkForest
    from sklearn.tree import DecisionTreeClassifier as SkTree

    from playground import compute
    from playground.lecture import fits

    lines = ["| silhouette | step    | ours (CPU s) | scikit-learn (CPU s) | ratio |",
             "|------------|---------|--------------|----------------------|-------|"]
    for shape in SHAPES:
        d = compute.dataset(fits.image_key(shape))
        X, y = d["X_tr"], d["y_tr"]

        def sk_forests():
            for depth in fits.DEPTHS:
                SkForest(fits.FOREST_T, max_depth=depth, random_state=0, n_jobs=1).fit(X, y)

        def sk_ada():
            SkAda(SkTree(max_depth=fits.ADA_DEPTH), n_estimators=max(fits.ADA_T),
                  random_state=0).fit(X, y)

        def sk_trees():
            for depth in fits.DEPTHS:
                SkTree(max_depth=depth).fit(X, y)

        rows = {"trees": (fits.image_trees, sk_trees), "forest": (fits.image_forests, sk_forests),
                "AdaBoost": (fits.image_adaboost, sk_ada)}
        for step, (ours, theirs) in rows.items():
            a, b = [], []
            for _ in range(repeats):  # interleaved
                ours.clear()
                a.append(_cpu(lambda: ours(shape)))
                b.append(_cpu(theirs))
            ma, mb = statistics.median(a), statistics.median(b)
            lines.append(f"| {shape:<10} | {step:<7} | {ma:12.2f} | {mb:20.2f} | "
                         f"{ma / mb:5.2f} |")
            print(f"{shape} {step}: ours {[round(v, 2) for v in a]}, scikit-learn "
                  f"{[round(v, 2) for v in b]}", file=sys.stderr, flush=True)
    return lines


def _server_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _settled(page, quiet: float = 1.0, timeout: float = 300.0) -> float:
    """Time at which the page stopped running (no status widget, no spinner) for ``quiet`` s."""
    deadline = time.monotonic() + timeout
    calm = None
    while time.monotonic() < deadline:
        busy = page.evaluate("() => !!document.querySelector('[data-testid=\"stStatusWidget\"],"
                             " [data-testid=\"stSpinner\"]')")
        if busy:
            calm = None
        elif calm is None:
            calm = time.monotonic()
        elif time.monotonic() - calm >= quiet:
            return calm
        time.sleep(0.05)
    raise TimeoutError("the page did not settle")


def browser_table(pause: float) -> list[str]:
    from e2e_helpers import (chromium_path, free_port, launch, start_streamlit, stop, wait_charts,
                             wait_healthy)
    from playwright.sync_api import sync_playwright

    from playground.lecture import track

    exe = chromium_path()
    if exe is None:
        return ["(chromium not found: no browser figures)"]
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-lecture-", suffix=".log", delete=False)
    proc = start_streamlit(port, log.name)
    url = f"http://127.0.0.1:{port}"
    lines = ["| first view (fresh server, 1440 x 900) | to charts | settled | server CPU |",
             "|---------------------------------------|-----------|---------|------------|"]
    try:
        wait_healthy(url, proc)
        with sync_playwright() as p:
            ctx = launch(p, exe, tempfile.mkdtemp(prefix="bench-chromium-"))
            page = ctx.new_page()  # the server's own start-up (imports) is not a step's cost
            page.goto(url)
            wait_charts(page, 1, timeout=300)
            _settled(page)
            page.close()
            for sid in ("img_trees", "img_forest", "img_ada"):
                step = 1 + [s for s, _ in track.STEPS].index(sid)
                page = ctx.new_page()
                page.set_viewport_size({"width": 1440, "height": 900})
                c0, t0 = _server_cpu(proc.pid), time.monotonic()
                page.goto(f"{url}/lecture?step={step}")
                wait_charts(page, 3, timeout=300)
                t1 = time.monotonic()
                done = _settled(page)
                c1 = _server_cpu(proc.pid)
                lines.append(f"| step {step} ({sid:<10})                  | {t1 - t0:7.1f} s | "
                             f"{done - t0:5.1f} s | {c1 - c0:8.2f} s |")
                print(lines[-1], file=sys.stderr, flush=True)
                page.close()
                time.sleep(pause)  # the lecturer talks about the step
            ctx.close()
    finally:
        stop(proc)
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="also first views in chromium")
    ap.add_argument("--pause", type=float, default=20.0,
                    help="seconds spent on each step before the next (browser)")
    args = ap.parse_args()
    out = fits_table(max(1, args.repeats))
    if args.browser:
        out += [""] + browser_table(args.pause)
    print("\n".join(out))
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          f"(shared machine: wall clock includes contention)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
