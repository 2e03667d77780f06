"""Trees, random forest and AdaBoost: ours vs scikit-learn on the same data in the same run.

Each row times both libraries ``REPEATS`` times, alternating, and reports the medians and their ratio
(ours / scikit-learn; < 1 means ours is faster) with both test scores. Targets (issue 15) are
printed beside each ratio. Trees are exact (every distinct value a threshold) unless a row says
``max_bins=255``: those rows show what exactness costs against the binned path. Memory rows give
the fit's peak growth of resident memory, measured in a fresh subprocess per fit.

    python benchmarks/bench_trees.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sklearn import ensemble as sk_ensemble  # noqa: E402
from sklearn import tree as sk_tree  # noqa: E402
from sklearn.datasets import make_classification, make_moons  # noqa: E402

import algorithms as ours  # noqa: E402
from algorithms.surface import grid_axes, staged_surfaces  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _split(X, y, seed=0):
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(y))
    cut = len(y) // 2
    return X[idx[:cut]], y[idx[:cut]], X[idx[cut:]], y[idx[cut:]]


def compare(name, target, make_ours, make_sk, data, repeats=None):
    """Fit both ``repeats`` times, taking turns, so both see the same machine load."""
    Xtr, ytr, Xte, yte = data
    rows_ours, rows_sk = [], []
    model_o = model_s = None
    for _ in range(repeats or REPEATS):
        t0 = time.perf_counter()
        model_o = make_ours().fit(Xtr, ytr)
        rows_ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        model_s = make_sk().fit(Xtr, ytr)
        rows_sk.append(time.perf_counter() - t0)
    o, s = float(np.median(rows_ours)), float(np.median(rows_sk))
    return {"name": name, "ours_s": o, "sklearn_s": s, "ratio": o / s, "target": target,
            "ours_score": model_o.score(Xte, yte), "sklearn_score": model_s.score(Xte, yte),
            "runs": repeats or REPEATS}


# -------------------------------------------------------------------------------------- memory
_MEMORY_SCRIPT = r"""
import json, sys
sys.path.insert(0, {root!r})
import numpy as np
from sklearn.datasets import make_classification
X, y = make_classification({n}, 20, n_informative=10, random_state=0)
{imports}
model = {make}
def status(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field)) / 1024.0
with open("/proc/self/clear_refs", "w") as f:   # reset the peak (VmHWM) to the current size
    f.write("5")
before = status("VmRSS:")
model.fit(X, y)
print(json.dumps({{"peak_growth_mib": status("VmHWM:") - before}}))
"""


def peak_growth_mib(make: str, imports: str, n: int) -> float:
    """Peak resident-memory growth (MiB) of one ``fit`` in a fresh Python process: the largest
    the process was during the fit (Linux's VmHWM, reset just before it) minus its size before
    (data already made)."""
    code = _MEMORY_SCRIPT.format(root=ROOT, n=n, imports=imports, make=make)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_growth_mib"]


def memory_row(name, target, ours_make, sk_make, sk_imports, n, repeats=2):
    o = float(np.median([peak_growth_mib(ours_make, "import algorithms", n)
                         for _ in range(repeats)]))
    s = float(np.median([peak_growth_mib(sk_make, sk_imports, n) for _ in range(repeats)]))
    return {"name": name, "ours_s": o, "sklearn_s": s, "ratio": o / max(s, 1e-9),
            "target": target, "ours_score": float("nan"), "sklearn_score": float("nan"),
            "runs": repeats, "unit": "MiB"}


def staged_surface_row():
    X, y = make_moons(1000, noise=0.3, random_state=0)
    xs, ys = grid_axes(X, 200)
    gx, gy = np.meshgrid(xs, ys)
    P = np.column_stack([gx.ravel(), gy.ravel()])
    mo = ours.AdaBoostClassifier(n_estimators=200).fit(X, y)
    ms = sk_ensemble.AdaBoostClassifier(sk_tree.DecisionTreeClassifier(max_depth=1),
                                        n_estimators=200).fit(X, y)
    to, so = [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        frames = staged_surfaces(mo, xs, ys)
        to.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _p in ms.staged_predict_proba(P):
            pass
        so.append(time.perf_counter() - t0)
    assert frames.shape == (200, 200, 200)
    o, s = float(np.median(to)), float(np.median(so))
    return {"name": "AdaBoost staged surfaces, 200 rounds, 200x200 grid", "ours_s": o,
            "sklearn_s": s, "ratio": o / s, "target": 1.0,
            "ours_score": mo.score(X, y), "sklearn_score": ms.score(X, y), "runs": REPEATS}


def _with_gaps(X, share=0.2, seed=0):
    X = X.copy()
    X[np.random.default_rng(seed).random(X.shape) < share] = np.nan
    return X


def run(memory=True):
    rows = []
    X, y = make_classification(200_000, 20, n_informative=10, random_state=0)
    big = _split(X, y)
    rows.append(compare("DecisionTree depth 8, n=100k d=20 (exact)", 0.5,
                        lambda: ours.DecisionTreeClassifier(max_depth=8),
                        lambda: sk_tree.DecisionTreeClassifier(max_depth=8, random_state=0), big))
    rows.append(compare("DecisionTree depth 8, n=100k d=20, max_bins=255", None,
                        lambda: ours.DecisionTreeClassifier(max_depth=8, max_bins=255),
                        lambda: sk_tree.DecisionTreeClassifier(max_depth=8, random_state=0), big))
    rows.append(compare("DecisionTree fully grown, n=100k d=20 (exact)", 0.6,
                        lambda: ours.DecisionTreeClassifier(),
                        lambda: sk_tree.DecisionTreeClassifier(random_state=0), big))
    rows.append(compare("DecisionTree fully grown, n=100k d=20, max_bins=255", None,
                        lambda: ours.DecisionTreeClassifier(max_bins=255),
                        lambda: sk_tree.DecisionTreeClassifier(random_state=0), big))
    Xn = _with_gaps(X)
    rows.append(compare("DecisionTree depth 8, n=100k d=20, 20% NaN", None,
                        lambda: ours.DecisionTreeClassifier(max_depth=8),
                        lambda: sk_tree.DecisionTreeClassifier(max_depth=8, random_state=0),
                        _split(Xn, y)))
    X, y = make_classification(2000, 20, n_informative=10, random_state=3)
    rows.append(compare("DecisionTree fully grown, n=1k d=20", 1.0,
                        lambda: ours.DecisionTreeClassifier(),
                        lambda: sk_tree.DecisionTreeClassifier(random_state=0), _split(X, y),
                        repeats=max(REPEATS, 21)))
    X, y = make_moons(2000, noise=0.3, random_state=0)
    rows.append(compare("DecisionTree fully grown, moons n=1k", 1.0,
                        lambda: ours.DecisionTreeClassifier(),
                        lambda: sk_tree.DecisionTreeClassifier(random_state=0), _split(X, y),
                        repeats=max(REPEATS, 21)))
    X, y = make_classification(20_000, 20, n_informative=10, random_state=1)
    mid = _split(X, y)
    for jobs in (1, 2):
        rows.append(compare(f"RandomForest 100 trees, n=10k d=20, n_jobs={jobs}", 1.0,
                            lambda j=jobs: ours.RandomForestClassifier(100, random_state=0,
                                                                       n_jobs=j),
                            lambda j=jobs: sk_ensemble.RandomForestClassifier(
                                100, random_state=0, n_jobs=j), mid))
    rows.append(compare("RandomForest 100 trees, n=10k d=20, max_bins=255", None,
                        lambda: ours.RandomForestClassifier(100, random_state=0, max_bins=255),
                        lambda: sk_ensemble.RandomForestClassifier(100, random_state=0, n_jobs=1),
                        mid))
    rows.append(compare("RandomForest 100 trees, n=10k d=20, 20% NaN", None,
                        lambda: ours.RandomForestClassifier(100, random_state=0),
                        lambda: sk_ensemble.RandomForestClassifier(100, random_state=0, n_jobs=1),
                        _split(_with_gaps(X), y)))
    X, y = make_moons(2000, noise=0.3, random_state=0)
    for jobs in (1, 2):
        rows.append(compare(f"RandomForest 100 trees, moons n=1k, n_jobs={jobs}", 0.5,
                            lambda j=jobs: ours.RandomForestClassifier(100, random_state=0,
                                                                       n_jobs=j),
                            lambda j=jobs: sk_ensemble.RandomForestClassifier(
                                100, random_state=0, n_jobs=j), _split(X, y),
                            repeats=max(REPEATS, 5)))
    X, y = make_classification(20_000, 20, n_informative=10, random_state=2)
    rows.append(compare("AdaBoost 200 stumps, n=10k d=20", 0.25,
                        lambda: ours.AdaBoostClassifier(n_estimators=200),
                        lambda: sk_ensemble.AdaBoostClassifier(
                            sk_tree.DecisionTreeClassifier(max_depth=1), n_estimators=200),
                        _split(X, y)))
    rows.append(staged_surface_row())
    if memory:
        rows.append(memory_row(
            "memory: RandomForest 100 trees, n=100k d=20 (peak growth)", 2.0,
            "algorithms.RandomForestClassifier(100, random_state=0)",
            "sklearn.ensemble.RandomForestClassifier(100, random_state=0, n_jobs=1)",
            "import sklearn.ensemble", 100_000))
    return rows


def format_table(rows) -> str:
    lines = ["| benchmark | ours | scikit-learn | ratio | target | ours score | sklearn score "
             "| runs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        target = f"<= {r['target']}" if r.get("target") is not None else ""
        ok = "" if r.get("target") is None else (" ✓" if r["ratio"] <= r["target"] else " ✗")
        unit = r.get("unit", "s")
        fmt = {"MiB": lambda v: f"{v:.1f} MiB", "slope": lambda v: f"{v:.2f}"}.get(
            unit, lambda v: f"{v:.3f} s")
        score = (lambda v: "" if v != v else f"{v:.4f}")
        lines.append(f"| {r['name']} | {fmt(r['ours_s'])} | {fmt(r['sklearn_s'])} | "
                     f"{r['ratio']:.2f}{ok} | {target} | {score(r['ours_score'])} | "
                     f"{score(r['sklearn_score'])} | {r.get('runs', '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run()))
