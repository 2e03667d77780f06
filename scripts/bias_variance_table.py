"""The seed-by-method table behind the bias-variance page's defaults (docs/bias-variance.md).

    python scripts/bias_variance_table.py                 # the page's defaults, seeds 0-19
    python scripts/bias_variance_table.py --seeds 10 --sets 30 --T 30 --task classification

For every seed: each method's bias and variance (bias² and variance for regression; Domingos's
bias and net variance for classification) at T, boosting's bias after one stage, and whether each
of the page's three claims holds (the page's own checks). Prints a Markdown table per task and
the count of seeds on which each claim holds.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def main() -> None:
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    from playground import settings
    from playground.compute import bias_variance as bvc
    from playground.views import bias_variance as page

    d = settings.page_defaults("bv")
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--task", choices=("regression", "classification", "both"), default="both")
    for name in ("sets", "T", "n", "depth", "gbdepth"):
        ap.add_argument(f"--{name}", type=int, default=d[f"bv_{name}"])
    for name in ("noise", "lr"):
        ap.add_argument(f"--{name}", type=float, default=d[f"bv_{name}"])
    ap.add_argument("--data", default=None)
    a = ap.parse_args()
    tasks = ("regression", "classification") if a.task == "both" else (a.task,)
    for task in tasks:
        data = a.data or d["bv_data1" if task == "regression" else "bv_data2"]
        V, B = ("variance", "bias2") if task == "regression" else ("net_variance", "bias")
        print(f"\n{task}: {data}, {a.sets} training sets of {a.n} points, noise {a.noise}, "
              f"T = {a.T}, η = {a.lr}, deep tree depth {a.depth or 'unlimited'}, boosting depth "
              f"{a.gbdepth}\n")
        print(f"| seed | tree {V} / {B} | stump {B} / {V} | bagging {V} / {B} | "
              f"forest {V} / {B} | boosting {B} at 1 / at T | bagging | boosting | trees | s |")
        print("|---:|---|---|---|---|---|:-:|:-:|:-:|---:|")
        held = [0, 0, 0]
        for seed in range(a.seeds):
            setup = bvc.Setup(task, data, tuple(sorted({"n": a.n, "noise": a.noise}.items())),
                              a.sets, a.T, a.depth, a.gbdepth, a.lr, seed)
            t0 = time.perf_counter()
            run = bvc.bv_run(setup)
            secs = time.perf_counter() - t0
            c = page.Choices(setup)
            ok = [claim.check(run, c)[0] for claim in page.CLAIMS]
            held = [h + o for h, o in zip(held, ok)]
            g = run.get
            print(f"| {seed} | {g('tree').final(V):.4f} / {g('tree').final(B):.4f} "
                  f"| {g('stumps').final(B):.4f} / {g('stumps').final(V):.4f} "
                  f"| {g('bagging').final(V):.4f} / {g('bagging').final(B):.4f} "
                  f"| {g('forest').final(V):.4f} / {g('forest').final(B):.4f} "
                  f"| {g('boosting').first(B):.4f} / {g('boosting').final(B):.4f} | "
                  + " | ".join("✓" if o else "✗" for o in ok) + f" | {secs:.1f} |")
        print(f"\nclaims held on {held[0]}, {held[1]}, {held[2]} of {a.seeds} seeds "
              "(bagging, boosting, trees)")


if __name__ == "__main__":
    main()
