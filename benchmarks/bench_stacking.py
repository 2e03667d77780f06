"""Stacking benchmark: ours vs scikit-learn's StackingClassifier, same data, same run, medians.

Three bases (decision tree of depth 5, 5-nearest neighbours, logistic regression), 5 folds, a
logistic-regression final estimator, ``make_classification`` with 10,000 training rows and 20
features (plus 2,000 test rows for accuracy). Target: time ratio ours / scikit-learn <= 2.0,
accuracy within 1.5 points.

Run: ``python -m benchmarks.bench_stacking`` (or ``python benchmarks/bench_stacking.py``).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

N_TRAIN, N_TEST, N_FEATURES, REPEATS = 10_000, 2_000, 20, 3


def _data():
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=N_TRAIN + N_TEST, n_features=N_FEATURES,
                               n_informative=10, random_state=0)
    return X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def _ours(cv):
    from algorithms import DecisionTreeClassifier, StackingClassifier
    from algorithms.linear_model import LogisticRegression
    from algorithms.neighbors import KNeighborsClassifier
    return StackingClassifier([("tree", DecisionTreeClassifier(max_depth=5, random_state=0)),
                               ("knn", KNeighborsClassifier(5)),
                               ("lr", LogisticRegression())],
                              final_estimator=LogisticRegression(), cv=cv, random_state=0)


def _sklearn():
    from sklearn.ensemble import StackingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier
    return StackingClassifier([("tree", DecisionTreeClassifier(max_depth=5, random_state=0)),
                               ("knn", KNeighborsClassifier(5)),
                               ("lr", LogisticRegression())],
                              final_estimator=LogisticRegression(), cv=5)


def _time_fit(make, X, y, Xte, yte):
    times, score = [], None
    for _ in range(REPEATS):
        model = make()
        start = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - start)
        score = model.score(Xte, yte)
    return float(np.median(times)), float(score)


def run() -> list[dict]:
    """One row per configuration: name, ours_s, sklearn_s, ratio, ours_score, sklearn_score."""
    X, y, Xte, yte = _data()
    sk_s, sk_score = _time_fit(_sklearn, X, y, Xte, yte)
    rows = []
    for label, cv in (("stacking 3 bases, 5-fold, n=10k d=20", 5),
                      ("stacking 3 bases, holdout (lecture), n=10k d=20", "holdout")):
        ours_s, ours_score = _time_fit(lambda: _ours(cv), X, y, Xte, yte)
        rows.append({"name": label, "ours_s": ours_s, "sklearn_s": sk_s,
                     "ratio": ours_s / sk_s, "ours_score": ours_score,
                     "sklearn_score": sk_score})
    return rows


if __name__ == "__main__":
    print(f"{'name':50s} {'ours_s':>8s} {'sklearn_s':>9s} {'ratio':>6s} {'ours':>7s} "
          f"{'sklearn':>7s}")
    for r in run():
        print(f"{r['name']:50s} {r['ours_s']:8.3f} {r['sklearn_s']:9.3f} {r['ratio']:6.2f} "
              f"{r['ours_score']:7.4f} {r['sklearn_score']:7.4f}")
