"""How often each page's lessons hold, over 20 seeds, for candidate settings.

    python scripts/defaults_study.py ab '{"data": "spirals", "ab_learner": "tree", "ab_depth": 2}' ...
    python scripts/defaults_study.py --defaults        # every page at its defaults

Prints one markdown row per (page, settings): the share of seeds on which each claim holds, and
the claims' sentences on seed 0. The tables in docs/defaults.md come from here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import logging  # noqa: E402

logging.disable(logging.WARNING)  # bare-mode cache warnings of streamlit

from playground import lessons  # noqa: E402


def row(page: str, overrides: dict, seeds: int) -> str:
    start = time.perf_counter()
    out = lessons.run_over_seeds(page, overrides, range(seeds))
    secs = time.perf_counter() - start
    cells = [f"{k.split('.', 2)[-1]} {sum(h for _, h, _ in v)}/{len(v)}" for k, v in out.items()]
    first = " / ".join(v[0][2] for v in out.values())
    return f"| {page} | `{json.dumps(overrides)}` | {' · '.join(cells)} | {secs:.0f} s | {first} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("page", nargs="?")
    ap.add_argument("candidates", nargs="*", help="JSON objects of settings to try")
    ap.add_argument("--defaults", action="store_true")
    ap.add_argument("--seeds", type=int, default=20)
    args = ap.parse_args()
    print("| page | settings (over the defaults) | claims holding | time | seed 0 says |")
    print("|---|---|---|---|---|")
    if args.defaults:
        for page in lessons.pages():
            print(row(page, {}, args.seeds), flush=True)
        return
    for cand in args.candidates or ["{}"]:
        print(row(args.page, json.loads(cand), args.seeds), flush=True)


if __name__ == "__main__":
    main()
