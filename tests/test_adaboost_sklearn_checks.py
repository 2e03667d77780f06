"""scikit-learn's estimator checks on AdaBoost beyond the default stumps (which
``test_tree_sklearn_checks`` covers): the regressor (AdaBoost.R2) and the classifier with a learner
that takes sample weights (the re-weighting path) and with a shrunk learning rate."""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from algorithms import AdaBoostClassifier, AdaBoostRegressor, LogisticRegression
from tests.sklearn_adapter import adapted_instance

ESTIMATORS = [
    AdaBoostRegressor(n_estimators=10, random_state=0),
    AdaBoostClassifier(LogisticRegression(), n_estimators=5, learning_rate=0.5),
]

EXPECTED_FAILURES: dict[str, dict[str, str]] = {}


@parametrize_with_checks([adapted_instance(e) for e in ESTIMATORS],
                         expected_failed_checks=lambda e: EXPECTED_FAILURES.get(type(e).__name__, {}),
                         xfail_strict=True)
def test_sklearn_compatible(estimator, check):
    check(estimator)
