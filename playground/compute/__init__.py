"""Cached fits: ask ``algorithms`` for fitted models once, hand each page plain arrays.

Moving the round slider never refits: a fit is cached (``st.cache_resource``, bounded by
``max_entries`` and ``ttl``) together with the histories the estimator recorded, and each run's
``at(t)`` slices round t out of them as plain arrays (a per-round snapshot). Round t's surfaces are
painted from the fitted trees when that round is first shown (``algorithms.surface``'s painters:
about a millisecond at 200 x 200) and kept in a small per-run LRU. No learning math lives here:
ε_t, α_t, d_t, Z_t, u_t, the bound, the margins, OOB errors, bootstrap counts, staged losses and
the stacking weights are the estimators' own attributes and methods.
"""

from playground.compute.adaboost import AdaRound, AdaRun, adaboost_run
from playground.compute.boosting import GBRound, GBRun, gb_run, gb_test_curve
from playground.compute.compare import CORE, ENSEMBLES, compare, methods
from playground.compute.data import TRAIN_ONLY, DataKey, Grid, dataset, encoded, grid_for
from playground.compute.forest import (DepthPanel, ForestRound, ForestRun, forest_run,
                                      tree_depths)
from playground.compute.paint import (Frames, encode, encode_index, encode_labels,
                                      encode_signed, member_index, res_for)
from playground.compute.stacking import Score, StackRun, stacking_run

__all__ = [
    "AdaRound", "AdaRun", "adaboost_run", "GBRound", "GBRun", "gb_run", "gb_test_curve",
    "CORE", "ENSEMBLES", "compare", "methods", "TRAIN_ONLY", "DataKey", "Grid", "dataset", "encoded",
    "grid_for", "DepthPanel", "ForestRound", "ForestRun", "forest_run", "tree_depths", "Frames", "encode",
    "encode_index", "encode_labels", "encode_signed", "member_index", "res_for", "Score",
    "StackRun", "stacking_run",
]
