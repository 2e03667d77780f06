"""scikit-learn's estimator checks on MLP settings beyond the defaults checked with the other base
learners: early stopping (a held-out split inside fit) and SGD with the adaptive schedule."""

import warnings

from sklearn.utils.estimator_checks import parametrize_with_checks

from algorithms import MLPClassifier, MLPRegressor
from algorithms.linear_model import ConvergenceWarning
from tests.sklearn_adapter import adapted_instance

_PARTIAL_FIT = ("partial_fit refuses early_stopping=True with a ValueError, as scikit-learn's MLP "
                "does (scikit-learn's own MLP fails this check the same way)")
EXPECTED_FAILURES = {
    "check_fit_score_takes_y": _PARTIAL_FIT,
    "check_n_features_in_after_fitting": _PARTIAL_FIT,
    "check_estimators_partial_fit_n_features": _PARTIAL_FIT,
    "check_sample_weight_equivalence_on_dense_data":
        "the held-out split draws rows, so repeating a row changes which rows are held out "
        "(scikit-learn's own MLP with early_stopping fails this check the same way)",
}

ESTIMATORS = [
    MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, early_stopping=True,
                  validation_fraction=0.2, random_state=0),
    # (a regressor with early_stopping is left out: several checks fit on 1-10 rows, too few
    # to hold any out - scikit-learn's own MLP fails them the same way)
    MLPRegressor(hidden_layer_sizes=(32,), solver="sgd", learning_rate="adaptive",
                 learning_rate_init=0.01, momentum=0.5, max_iter=200, random_state=0),
    MLPClassifier(hidden_layer_sizes=(32,), solver="sgd", learning_rate="adaptive",
                  learning_rate_init=0.05, max_iter=200, random_state=0),
]


@parametrize_with_checks([adapted_instance(e) for e in ESTIMATORS],
                         expected_failed_checks=lambda e: (EXPECTED_FAILURES if e.early_stopping
                                                           else {}))
def test_sklearn_compatible(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)
