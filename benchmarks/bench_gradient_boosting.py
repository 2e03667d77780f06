"""Gradient boosting: our pure-numpy engine against equal models, same data, same run, medians.

Equal models (issue 15 §3): 100 stages of depth-3 trees, learning rate 0.1, one thread each —

* scikit-learn's ``HistGradientBoostingClassifier(max_depth=3, max_iter=100,
  early_stopping=False)`` limited to one thread (its default trees are bigger: 31 leaves, any depth);
* LightGBM and XGBoost (``max_depth=3``, 255 bins, ``n_jobs=1``) when they are installed
  (``pip install lightgbm xgboost``: benchmarks only, never the runtime);
* scikit-learn's exact ``GradientBoostingClassifier`` at n = 10,000.

on make_classification with d = 20 at n = 10,000, 100,000 and 300,000, plus the log-log slope of
the fit time from 100,000 to 300,000 rows, the peak memory growth of a fit at n = 300,000, and the
staged decision surfaces (100 stages on a 200 x 200 grid) against ``staged_predict_proba``.

Run: ``python benchmarks/bench_gradient_boosting.py``.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sklearn import ensemble as ske  # noqa: E402
from sklearn.datasets import make_classification, make_moons  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from algorithms import GradientBoostingClassifier  # noqa: E402
from algorithms.surface import staged_surfaces  # noqa: E402
from bench_trees import memory_row  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))

try:    # optional references, benchmarks only
    import lightgbm
except ImportError:   # pragma: no cover
    lightgbm = None
try:
    import xgboost
except ImportError:   # pragma: no cover
    xgboost = None


def _median_times(fns, repeats=REPEATS):
    """Median wall time of each function and its last result. The functions take turns, so
    load from other processes on a shared machine hits all of them alike."""
    times = [[] for _ in fns]
    outs = [None] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            outs[i] = fn()
            times[i].append(time.perf_counter() - t0)
    return [float(np.median(t)) for t in times], outs


def _one_thread(make):
    """``make()`` under a one-thread limit (OpenMP and BLAS)."""
    def fit_limited():
        from threadpoolctl import threadpool_limits
        with threadpool_limits(1):
            return make()
    return fit_limited


def _row(name, ours_s, sklearn_s, ours_score, sklearn_score, target, runs=REPEATS):
    return {"name": name, "ours_s": ours_s, "sklearn_s": sklearn_s,
            "ratio": ours_s / sklearn_s, "ours_score": ours_score,
            "sklearn_score": sklearn_score, "target": target, "runs": runs}


def references(n):
    """(label, make, target) of the equal models available here."""
    refs = [("sklearn HistGradientBoosting depth 3 (1 thread)",
             lambda: ske.HistGradientBoostingClassifier(max_depth=3, max_iter=100,
                                                        early_stopping=False), None)]
    if lightgbm is not None:
        refs.append(("LightGBM depth 3 (1 thread)", lambda: lightgbm.LGBMClassifier(
            n_estimators=100, max_depth=3, num_leaves=8, max_bin=255, learning_rate=0.1,
            n_jobs=1, verbose=-1), 2.0 if n == 100_000 else None))
    if xgboost is not None:
        refs.append(("XGBoost depth 3 (1 thread)", lambda: xgboost.XGBClassifier(
            n_estimators=100, max_depth=3, max_bin=255, learning_rate=0.1, tree_method="hist",
            n_jobs=1), None))
    if n == 10_000:
        refs.append(("sklearn GradientBoosting (exact)", lambda: ske.GradientBoostingClassifier(
            n_estimators=100, max_depth=3, random_state=0), 0.15))
    return refs


def _fit_rows(n, repeats=REPEATS):
    X, y = make_classification(n_samples=n + n // 4, n_features=20, random_state=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, train_size=n, random_state=0)
    refs = references(n)

    def ours():
        return GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0).fit(
            Xtr, ytr)
    fits = [ours] + [_one_thread(lambda make=make: make().fit(Xtr, ytr)) for _, make, _ in refs]
    times, models = _median_times(fits, repeats)
    rows = [_row(f"GBC 100 x depth 3, n={n:,} d=20 vs {label}", times[0], times[i + 1],
                 models[0].score(Xte, yte), models[i + 1].score(Xte, yte), target, repeats)
            for i, (label, _, target) in enumerate(refs)]
    return rows, times, [label for label, _, _ in refs]


def _surface_row(repeats=REPEATS):
    X, y = make_moons(n_samples=1250, noise=0.3, random_state=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, train_size=1000, random_state=0)
    ours = GradientBoostingClassifier(n_estimators=100, random_state=0).fit(Xtr, ytr)
    ref = ske.GradientBoostingClassifier(n_estimators=100, random_state=0).fit(Xtr, ytr)
    xs = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 200)
    ys = np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, 200)
    grid = np.column_stack([np.tile(xs, len(ys)), np.repeat(ys, len(xs))])
    # ours: every stage painted by the painter the app uses, then its probabilities
    (ours_t, ref_t), (P, Q) = _median_times(
        [lambda: np.stack([ours.proba_from_scores(g.reshape(-1, 1))
                           for g in staged_surfaces(ours, xs, ys)]),
         lambda: np.stack(list(ref.staged_predict_proba(grid)))], max(repeats, 5))
    assert P.shape == (100, 200 * 200, 2) and Q.shape == (100, 200 * 200, 2)
    return _row("staged surfaces: 100 stages x 200x200 grid (moons n=1,000)", ours_t, ref_t,
                ours.score(Xte, yte), ref.score(Xte, yte), 1.0, max(repeats, 5))


def run(sizes=(10_000, 100_000, 300_000), repeats=REPEATS, memory=True):
    """All rows as dicts: name, ours_s, sklearn_s, ratio, ours_score, sklearn_score (+ target)."""
    rows, at = [], {}
    for n in sizes:
        fit_rows, times, labels = _fit_rows(n, repeats)
        rows += fit_rows
        at[n] = (times, labels)
    if 100_000 in at and 300_000 in at:
        (t1, labels), (t3, _) = at[100_000], at[300_000]
        slope = [float(np.log(b / a) / np.log(3.0)) for a, b in zip(t1, t3)]
        for i, label in enumerate(labels):
            rows.append({"name": f"log-log slope of fit time, 100k -> 300k: ours vs {label}",
                         "ours_s": slope[0], "sklearn_s": slope[i + 1], "ratio": slope[0],
                         "target": 1.1 if i == 0 else None, "ours_score": float("nan"),
                         "sklearn_score": float("nan"), "runs": repeats, "unit": "slope"})
    rows.append(_surface_row(repeats))
    if memory:
        ours_make = "algorithms.GradientBoostingClassifier(n_estimators=100, max_depth=3)"
        rows.append(memory_row(
            "memory: GBC 100 x depth 3, n=300k d=20 vs HistGradientBoosting (peak growth)", 2.0,
            ours_make, "sklearn.ensemble.HistGradientBoostingClassifier(max_depth=3, "
            "max_iter=100, early_stopping=False)", "import sklearn.ensemble", 300_000))
        if lightgbm is not None:
            rows.append(memory_row(
                "memory: GBC 100 x depth 3, n=300k d=20 vs LightGBM (peak growth)", 2.0,
                ours_make, "lightgbm.LGBMClassifier(n_estimators=100, max_depth=3, "
                "num_leaves=8, n_jobs=1, verbose=-1)", "import lightgbm", 300_000))
    return rows


def main():
    from bench_trees import format_table
    print(format_table(run()))


if __name__ == "__main__":
    main()
