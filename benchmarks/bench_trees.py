"""Trees, random forest and AdaBoost: ours vs scikit-learn on the same data in the same run.

Each row times both libraries ``REPEATS`` times, alternating, and reports the medians and their ratio
(ours / scikit-learn; < 1 means ours is faster) with both test scores. Targets from issue 2 are
printed beside each ratio.

    python benchmarks/bench_trees.py
"""

from __future__ import annotations

import os
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


def _median_time(fn, repeats=REPEATS):
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


def _split(X, y, seed=0):
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(y))
    cut = len(y) // 2
    return X[idx[:cut]], y[idx[:cut]], X[idx[cut:]], y[idx[cut:]]


def compare(name, target, make_ours, make_sk, data, *, fit_only=True):
    Xtr, ytr, Xte, yte = data
    rows_ours, rows_sk = [], []
    model_o = model_s = None
    for _ in range(REPEATS):  # alternate so both see the same machine load
        t0 = time.perf_counter()
        model_o = make_ours().fit(Xtr, ytr)
        rows_ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        model_s = make_sk().fit(Xtr, ytr)
        rows_sk.append(time.perf_counter() - t0)
    o, s = float(np.median(rows_ours)), float(np.median(rows_sk))
    return {"name": name, "ours_s": o, "sklearn_s": s, "ratio": o / s, "target": target,
            "ours_score": model_o.score(Xte, yte), "sklearn_score": model_s.score(Xte, yte)}


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
            "ours_score": mo.score(X, y), "sklearn_score": ms.score(X, y)}


def run():
    rows = []
    X, y = make_classification(200_000, 20, n_informative=10, random_state=0)
    rows.append(compare("DecisionTree depth 8, n=100k d=20", 0.5,
                        lambda: ours.DecisionTreeClassifier(max_depth=8),
                        lambda: sk_tree.DecisionTreeClassifier(max_depth=8, random_state=0),
                        _split(X, y)))
    X, y = make_classification(20_000, 20, n_informative=10, random_state=1)
    rows.append(compare("RandomForest 100 trees, n=10k d=20", 1.0,
                        lambda: ours.RandomForestClassifier(100, random_state=0),
                        lambda: sk_ensemble.RandomForestClassifier(100, random_state=0, n_jobs=1),
                        _split(X, y)))
    X, y = make_moons(2000, noise=0.3, random_state=0)
    rows.append(compare("RandomForest 100 trees, moons n=1k", 0.5,
                        lambda: ours.RandomForestClassifier(100, random_state=0),
                        lambda: sk_ensemble.RandomForestClassifier(100, random_state=0, n_jobs=1),
                        _split(X, y)))
    X, y = make_classification(20_000, 20, n_informative=10, random_state=2)
    rows.append(compare("AdaBoost 200 stumps, n=10k d=20", 0.25,
                        lambda: ours.AdaBoostClassifier(n_estimators=200),
                        lambda: sk_ensemble.AdaBoostClassifier(
                            sk_tree.DecisionTreeClassifier(max_depth=1), n_estimators=200),
                        _split(X, y)))
    rows.append(staged_surface_row())
    return rows


def format_table(rows) -> str:
    lines = ["| benchmark | ours (s) | scikit-learn (s) | ratio | target | ours score | sklearn score |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        target = f"<= {r['target']}" if r.get("target") is not None else ""
        ok = "" if r.get("target") is None else (" ✓" if r["ratio"] <= r["target"] else " ✗")
        lines.append(f"| {r['name']} | {r['ours_s']:.3f} | {r['sklearn_s']:.3f} | "
                     f"{r['ratio']:.2f}{ok} | {target} | {r['ours_score']:.4f} | "
                     f"{r['sklearn_score']:.4f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run()))
