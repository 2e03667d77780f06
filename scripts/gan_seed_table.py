"""The GAN lab's figures over seeds (docs/gan.md): at the page's defaults and at the settings that
break each lesson, per seed, the numbers the page's claims quote.

    python scripts/gan_seed_table.py            # 5 seeds, markdown tables on stdout

Each run is the page's own cached run (``playground.compute.gan.gan_run``) on the page's default
settings, with one setting changed where a table says so; the claims' numbers are the page's
(``views/gan.py``: the saturation and the coverage checks). The mode count is also given with
2,500 of G's samples (PacGAN's count) besides the page's 256.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
logging.disable(logging.WARNING)
warnings.filterwarnings("ignore")

from algorithms import distributions  # noqa: E402
from algorithms.gan_metrics import modes_covered  # noqa: E402
from playground import settings  # noqa: E402
from playground.compute import gan as compute  # noqa: E402
from playground.views import gan as page  # noqa: E402

VARIANTS = {
    "defaults (non-saturating, D's head start 500 steps)": {},
    "minimax loss": {"loss": "minimax"},
    "no head start": {"head": 0},
    "D's learning rate 0.01 (10x G's)": {"d_lr": 0.01},
}


def default_key(seed: int, **change) -> compute.GanKey:
    d = settings.defaults()
    values = {f: d[s] for f, s in page.RUN_SETTINGS.items()}
    key = compute.GanKey(data=d["gan_data"], n=d["gan_n"], std=d["gan_std"], seed=seed,
                         **values)
    return compute.GanKey(**{**key.__dict__, **change})


def row(seed: int, run: compute.GanRun, key: compute.GanKey) -> str:
    c = page.Choices(key)
    sat_ok, sat = page._saturation(run, c)
    cov_ok, cov = page._coverage(run, c)
    real = distributions.sample(key.data, key.n, std=key.std, random_state=seed)
    big = modes_covered(run.gan.generate(2500, random_state=seed + 100), real.centres, real.std)
    ratio = sat.get("ratio", "–")
    r = run.saturation.ratios
    share = f"{100 * (r >= 10).mean():.0f}%" if len(r) else "–"
    smallest = sat.get("smallest", "–")
    return (f"| {seed} | {cov['m']} {'✓' if cov_ok else '✗'} | {big.n_covered} | {cov['best']} | "
            f"{cov['q']}% | {run.scores.mmd2[-1]:.4f} ({run.scores.mmd2_floor:.4f}) | "
            f"{sat['n']} | {sat['low']} | {ratio}{'×' if ratio != '–' else ''} "
            f"{'✓' if sat_ok else '✗'} | {share} | {smallest}{'×' if smallest != '–' else ''} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    args = ap.parse_args()
    for title, change in VARIANTS.items():
        print(f"\n**{title}**\n")
        print("| seed | modes (page, 256 samples) | modes (2,500 samples) | best during training "
              "| samples within 3σ | MMD² at the end (two real samples) | rejecting steps "
              "(of the first 600) | lowest mean D(G(z)) | median ratio ‖∇ non-sat.‖ / "
              "‖∇ minimax‖ | steps with ratio ≥ 10 | smallest ratio |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for seed in range(args.seeds):
            key = default_key(seed, **change)
            compute.gan_run.clear()
            print(row(seed, compute.gan_run(key), key), flush=True)


if __name__ == "__main__":
    main()
