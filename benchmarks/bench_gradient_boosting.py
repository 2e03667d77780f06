"""Gradient boosting: our pure-numpy engine against scikit-learn, same data, same run, medians.

Rows (issue 3 §4 targets in brackets):

* GradientBoostingClassifier, 100 stages of depth 3, make_classification n = 10,000, d = 20:
  vs scikit-learn's GradientBoostingClassifier [<= 0.15] and HistGradientBoostingClassifier
  (max_iter=100, early_stopping=False) [<= 2.0]; at n = 100,000 vs HistGradientBoosting [<= 4.0].
* Staged decision surfaces: the 100 stages' class probabilities on a 200 x 200 grid (make_moons,
  n = 1,000), painted leaf rectangles vs scikit-learn's ``staged_predict_proba`` on the grid
  points [<= 1.0].

Scores are hold-out accuracies; they should agree within 1.5 points on every row.
HistGradientBoosting runs OpenMP threads; on a busy shared machine those can be slowed far more
than single-threaded code, so a one-thread HistGradientBoosting row is printed as well.

Run: ``python -m benchmarks.bench_gradient_boosting`` (or ``python benchmarks/bench_...py``).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sklearn import ensemble as ske  # noqa: E402
from sklearn.datasets import make_classification, make_moons  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from algorithms import GradientBoostingClassifier  # noqa: E402
from algorithms.surface import staged_surfaces  # noqa: E402

REPEATS = 3


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


def _limited(make, threads):
    """``make().fit`` under a thread limit (None = the library's default)."""
    if threads is None:
        return make

    def fit_limited():
        from threadpoolctl import threadpool_limits
        with threadpool_limits(threads):
            return make()
    return fit_limited


def _row(name, ours_s, sklearn_s, ours_score, sklearn_score, target):
    return {"name": name, "ours_s": ours_s, "sklearn_s": sklearn_s,
            "ratio": ours_s / sklearn_s, "ours_score": ours_score,
            "sklearn_score": sklearn_score, "target": target}


def _fit_rows(n, refs, repeats=REPEATS):
    X, y = make_classification(n_samples=n + n // 4, n_features=20, random_state=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, train_size=n, random_state=0)

    def ours():
        return GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0).fit(
            Xtr, ytr)
    fits = [ours] + [_limited(lambda make=make: make().fit(Xtr, ytr), threads)
                     for _, make, _, threads in refs]
    times, models = _median_times(fits, repeats)
    return [_row(f"GBC 100x depth 3, n={n:,} d=20 vs {label}", times[0], times[i + 1],
                 models[0].score(Xte, yte), models[i + 1].score(Xte, yte), target)
            for i, (label, _, target, _) in enumerate(refs)]


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
                ours.score(Xte, yte), ref.score(Xte, yte), 1.0)


def run(sizes=(10_000, 100_000), repeats=REPEATS):
    """All rows as dicts: name, ours_s, sklearn_s, ratio, ours_score, sklearn_score (+ target)."""
    rows = []
    hist = lambda: ske.HistGradientBoostingClassifier(max_iter=100, early_stopping=False)  # noqa
    if 10_000 in sizes:
        rows += _fit_rows(10_000, [
            ("sklearn GradientBoosting", lambda: ske.GradientBoostingClassifier(
                n_estimators=100, max_depth=3, random_state=0), 0.15, None),
            ("sklearn HistGradientBoosting", hist, 2.0, None),
            ("sklearn HistGradientBoosting (1 thread)", hist, None, 1)], repeats)
    if 100_000 in sizes:
        rows += _fit_rows(100_000, [("sklearn HistGradientBoosting", hist, 4.0, None),
                                    ("sklearn HistGradientBoosting (1 thread)", hist, None, 1)],
                          repeats)
    rows.append(_surface_row(repeats))
    return rows


def main():
    rows = run()
    print(f"{'benchmark':<72} {'ours s':>8} {'sklearn s':>9} {'ratio':>6} {'target':>7} "
          f"{'ours acc':>8} {'skl acc':>8}")
    for r in rows:
        target = "" if r["target"] is None else f"<={r['target']:.2f}"
        flag = "" if r["target"] is None or r["ratio"] <= r["target"] else "  MISSED"
        print(f"{r['name']:<72} {r['ours_s']:8.3f} {r['sklearn_s']:9.3f} {r['ratio']:6.3f} "
              f"{target:>7} {r['ours_score']:8.4f} {r['sklearn_score']:8.4f}{flag}")


if __name__ == "__main__":
    main()
