"""scikit-learn's estimator checks on every tree-engine estimator, through the test-only adapter.

The adapter only mixes in scikit-learn's BaseEstimator (for tags) and translates our not-fitted
error into scikit-learn's class. Every check that still fails is listed below with its reason.
"""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from algorithms import (AdaBoostClassifier, BaggingClassifier, BaggingRegressor,
                        DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier,
                        RandomForestRegressor)
from tests.sklearn_adapter import adapted_instance

# Small ensembles keep the checks fast; every parameter is still at its public default otherwise.
ESTIMATORS = [
    DecisionTreeClassifier(),
    DecisionTreeRegressor(),
    BaggingClassifier(n_estimators=5),
    BaggingRegressor(n_estimators=5),
    RandomForestClassifier(n_estimators=10),
    RandomForestRegressor(n_estimators=10),
    AdaBoostClassifier(n_estimators=10),
]

# Genuine exceptions, each investigated:
# * check_sample_weight_equivalence_on_dense_data for bagging / forests: a bootstrap set draws
#   max_samples x N rows in proportion to the weights; the data set with repeated rows has sum(w)
#   rows, so it draws another number of rows from another random stream and grows other trees
#   (scikit-learn lists this check for its own bagging and forests for the same reason). Trees and
#   AdaBoost pass it: zero-weight rows neither propose thresholds nor count as samples.
_SW_BAG = ("a bootstrap set draws max_samples x N rows in proportion to the weights; the repeated "
           "data set draws from sum(w) rows with another random stream")
EXPECTED_FAILURES: dict[str, dict[str, str]] = {
    "BaggingClassifier": {"check_sample_weight_equivalence_on_dense_data": _SW_BAG},
    "BaggingRegressor": {"check_sample_weight_equivalence_on_dense_data": _SW_BAG},
    "RandomForestClassifier": {"check_sample_weight_equivalence_on_dense_data": _SW_BAG},
    "RandomForestRegressor": {"check_sample_weight_equivalence_on_dense_data": _SW_BAG},
}


@parametrize_with_checks([adapted_instance(e) for e in ESTIMATORS],
                         expected_failed_checks=lambda e: EXPECTED_FAILURES.get(type(e).__name__, {}),
                         xfail_strict=True)
def test_sklearn_compatible(estimator, check):
    check(estimator)
