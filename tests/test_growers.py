"""The grower's three loops build the same trees (issue 13, section 4).

``grow`` has one general level loop and two lean ones that estimators reach: histogram subtraction
for boosting (``_grow_subtracting``) and the depth-1 stump (``_grow_stump``). Each lean loop is
pinned here to the general one on the same rows: identical structure, thresholds, missing-value
sides, values and training leaves. The general loop is reached with a positive but negligible
``min_impurity_decrease`` (it never prunes a split: even a zero gain passes 1e-300).
"""

from __future__ import annotations

import numpy as np
import pytest

from algorithms._binning import MAX_BINS, Binner
from algorithms._grower import grow

GENERAL = {"min_impurity_decrease": 1e-300}


def _assert_same(a, b):
    trees_a, leaves_a = a
    trees_b, leaves_b = b
    assert len(trees_a) == len(trees_b)
    for ta, tb in zip(trees_a, trees_b):
        for name in ("feature", "left", "n_node_samples", "missing_go_to_left", "depth"):
            np.testing.assert_array_equal(getattr(ta, name), getattr(tb, name), err_msg=name)
        np.testing.assert_array_equal(ta.threshold, tb.threshold)
        np.testing.assert_allclose(ta.value, tb.value, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(ta.impurity, tb.impurity, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(leaves_a, leaves_b)


def _boosting_rows(seed, n=2000, d=6, nan_share=0.0, unit=False):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    X[:, 2] = np.round(X[:, 2])                       # a feature with few values
    if nan_share:
        X[rng.random((n, d)) < nan_share] = np.nan
    r = np.sin(np.nan_to_num(X[:, 0])) + rng.normal(0, 0.3, n)
    w = np.ones(n) if unit else rng.uniform(0.1, 2.0, n)
    binner = Binner(MAX_BINS).fit(X)
    return binner.transform(X), binner, np.column_stack([w, w * r])


@pytest.mark.parametrize("seed, nan_share, unit, depth, min_leaf", [
    (0, 0.0, False, 3, 1), (1, 0.0, True, 5, 1), (2, 0.15, False, 4, 1), (3, 0.1, True, 3, 7),
    (4, 0.0, False, 8, 1)])
def test_subtracting_loop_builds_the_general_loops_trees(seed, nan_share, unit, depth, min_leaf):
    codes, binner, channels = _boosting_rows(seed, nan_share=nan_share, unit=unit)
    kw = dict(max_depth=depth, min_samples_leaf=min_leaf)
    _assert_same(grow(codes, binner, channels, "squared_error", subtract_histograms=True, **kw),
                 grow(codes, binner, channels, "squared_error", **GENERAL, **kw))


def test_subtracting_loop_with_row_subsets_and_several_trees():
    """Multiclass boosting grows K trees in one pass, each on its own rows (a subsample)."""
    codes, binner, channels = _boosting_rows(5, nan_share=0.05)
    rng = np.random.default_rng(5)
    rows = np.concatenate([np.sort(rng.choice(2000, 1200, replace=False)) for _ in range(3)])
    roots = np.repeat(np.arange(3), 1200)
    ch = channels[rows] * rng.uniform(0.5, 1.5, (rows.size, 1))
    kw = dict(max_depth=4, rows=rows, roots=roots, n_roots=3)
    _assert_same(grow(codes, binner, ch, "squared_error", subtract_histograms=True, **kw),
                 grow(codes, binner, ch, "squared_error", **GENERAL, **kw))


@pytest.mark.parametrize("criterion", ["gini", "entropy", "squared_error"])
@pytest.mark.parametrize("nan_share", [0.0, 0.2])
def test_stump_loop_builds_the_general_loops_stump(criterion, nan_share):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(500, 4))
    if nan_share:
        X[rng.random(X.shape) < nan_share] = np.nan
    y = (np.nan_to_num(X[:, 1]) + 0.5 * rng.normal(size=500) > 0).astype(int)
    w = rng.uniform(0.2, 3.0, 500)
    if criterion == "squared_error":
        channels = np.column_stack([w, w * (y + rng.normal(0, 0.1, 500))])
    else:
        channels = np.zeros((500, 2))
        channels[np.arange(500), y] = w
    binner = Binner(max_bins=None)
    codes = binner.fit_transform(X)
    _assert_same(grow(codes, binner, channels, criterion, max_depth=1),
                 grow(codes, binner, channels, criterion, max_depth=1, **GENERAL))
