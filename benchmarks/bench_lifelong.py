"""The lifelong-learning lab at its defaults (issue 18 §3): time and results of whole sequences.

* ``time``: one whole sequence (5 rotated digit tasks, 64-100-10 MLP, 10 epochs a task, Adam,
  batch 32) per method at its default λ, as the page fits it (one BLAS thread), the methods
  interleaved, median of ``--repeats`` runs; target <= 10 s. The reference in the same run:
  scikit-learn's ``MLPClassifier`` fine-tuned over the same tasks with ``partial_fit`` (the same
  network, optimiser, batch size and number of epochs) — the ratio says what the record, the
  guards and the penalty cost on top of plain training.
* ``seeds``: every method on seeds 0-4: average accuracy, backward transfer, task 1's
  forgetting, the new tasks' accuracy right after learning them, training time (the table in
  docs/lifelong.md).

    python benchmarks/bench_lifelong.py [--repeats 3] [--seeds 5] [--threads 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

TARGET_S = 10.0
METHODS = ("finetune", "l2", "ewc", "mas", "scp")


def _quiet():
    import logging
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")


def defaults():
    from playground import settings
    from playground.compute import lifelong as ll
    d = settings.defaults()
    spec = ll.SequenceSpec(d["ll_tasks"], d["ll_n"], float(d["ll_angle"]), d["ll_hidden"],
                           d["ll_epochs"], d["ll_fisher"], d["ll_dirs"], 0)
    lams = {"finetune": 0.0} | {k: float(d[f"ll_lam_{k}"]) for k in METHODS[1:]}
    return spec, lams


def fit_ours(spec, method, lam):
    from algorithms.lifelong import LifelongClassifier
    from playground.compute import lifelong as ll
    tasks, eval_tasks = ll.digit_tasks(spec)
    est = LifelongClassifier(method, lam, hidden_layer_sizes=(spec.hidden,), epochs=spec.epochs,
                             fisher=spec.fisher, n_directions=spec.dirs,
                             random_state=spec.seed)
    start = time.perf_counter()
    est.fit(tasks, eval_tasks)
    return time.perf_counter() - start, est


def fit_sklearn(spec):
    """scikit-learn's MLP fine-tuned task after task: partial_fit, one call per epoch."""
    from sklearn.neural_network import MLPClassifier
    from playground.compute import lifelong as ll
    tasks, _ = ll.digit_tasks(spec)
    clf = MLPClassifier((spec.hidden,), batch_size=32, learning_rate_init=1e-3,
                        random_state=spec.seed)
    classes = np.arange(10)
    start = time.perf_counter()
    for X, y in tasks:
        for _ in range(spec.epochs):
            clf.partial_fit(X, y, classes=classes)
    return time.perf_counter() - start


def time_rows(repeats: int) -> list[dict]:
    spec, lams = defaults()
    times = {m: [] for m in (*METHODS, "sklearn")}
    for r in range(repeats):
        order = list(METHODS) if r % 2 == 0 else list(reversed(METHODS))
        for m in order:
            times[m].append(fit_ours(spec, m, lams[m])[0])
            if m == "finetune":
                times["sklearn"].append(fit_sklearn(spec))
    ref = statistics.median(times["sklearn"])
    return [dict(name=f"whole sequence · {m} (λ = {lams[m]:g})", ours_s=statistics.median(t),
                 sklearn_s=ref, ratio=statistics.median(t) / ref, target_s=TARGET_S,
                 spread=(min(t), max(t)), n=len(t)) for m, t in times.items() if m != "sklearn"]


def seed_table(seeds) -> dict:
    spec, lams = defaults()
    out = {}
    for seed in seeds:
        s = spec.__class__(**{**spec.__dict__, "seed": seed})
        for m in METHODS:
            seconds, est = fit_ours(s, m, lams[m])
            out[seed, m] = dict(avg=est.average_accuracy_, bwt=est.backward_transfer_,
                                forget1=float(est.forgetting_[0]), new=est.new_task_accuracy_,
                                seconds=seconds)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (the page uses 1)")
    args = ap.parse_args(argv)
    _quiet()
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=args.threads, user_api="blas"):
        rows = time_rows(args.repeats)
        table = seed_table(range(args.seeds))
    print(f"BLAS threads {args.threads}, load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores\n")
    print("| method | whole sequence (median) | min – max | scikit-learn fine-tuning | ratio | "
          "target |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['ours_s']:.2f} s | {r['spread'][0]:.2f} – {r['spread'][1]:.2f}"
              f" s | {r['sklearn_s']:.2f} s | {r['ratio']:.2f} | <= {r['target_s']:.0f} s "
              f"{'yes' if r['ours_s'] <= r['target_s'] else 'NO'} |")
    seeds = sorted({s for s, _ in table})
    for key, label, fmt in (("avg", "average accuracy", "{:.3f}"),
                            ("bwt", "backward transfer", "{:+.3f}"),
                            ("forget1", "task 1 forgotten", "{:.3f}"),
                            ("new", "new tasks right after learning", "{:.3f}")):
        print(f"\n{label}\n\n| method | " + " | ".join(f"seed {s}" for s in seeds) + " | mean |")
        print("|---|" + "---|" * (len(seeds) + 1))
        for m in METHODS:
            v = [table[s, m][key] for s in seeds]
            print(f"| {m} | " + " | ".join(fmt.format(x) for x in v)
                  + f" | {fmt.format(np.mean(v))} |")
    ft = {s: table[s, "finetune"] for s in seeds}
    print("\nseeds on which a method beats fine-tuning (average accuracy / task 1 forgotten less)")
    for m in METHODS[1:]:
        better = sum(table[s, m]["avg"] > ft[s]["avg"] for s in seeds)
        kept = sum(table[s, m]["forget1"] < ft[s]["forget1"] for s in seeds)
        print(f"  {m}: {better} / {len(seeds)} and {kept} / {len(seeds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
