"""Bad input (issue 2, section 4): every case is a ValueError whose message names the problem."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

import algorithms
from algorithms import NotFittedError

CLASSIFIERS = [("DecisionTreeClassifier", {}), ("BaggingClassifier", {"n_estimators": 3}),
               ("RandomForestClassifier", {"n_estimators": 3}),
               ("AdaBoostClassifier", {"n_estimators": 3})]
REGRESSORS = [("DecisionTreeRegressor", {}), ("BaggingRegressor", {"n_estimators": 3}),
              ("RandomForestRegressor", {"n_estimators": 3}),
              ("AdaBoostRegressor", {"n_estimators": 3, "random_state": 0})]
ALL = CLASSIFIERS + REGRESSORS
ENSEMBLES = [c for c in ALL if not c[0].startswith("DecisionTree")]
WITH_MAX_DEPTH = [c for c in ALL if c[0].startswith(("DecisionTree", "RandomForest"))]


def make(name, params):
    # looked up at test time, so one missing class fails its own tests, not the whole file
    return getattr(algorithms, name)(**params)


def ids(cases):
    return [c[0] for c in cases]


def data(name, n=20, d=5):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, d))
    y = np.arange(n) % 2 if "Classifier" in name else rng.normal(size=n)
    return X, y


@pytest.fixture(params=ALL, ids=ids(ALL))
def case(request):
    name, params = request.param
    return name, make(name, params)


def test_X_not_2d(case):
    name, est = case
    X, y = data(name)
    with pytest.raises(ValueError, match="2-D"):
        est.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="2-D"):
        est.fit(X.reshape(20, 5, 1), y)


def test_X_not_numeric(case):
    name, est = case
    X, y = data(name)
    Xs = X.astype(str).astype(object)
    Xs[3, 2] = "abc"
    with pytest.raises(ValueError, match="numeric"):
        est.fit(Xs, y)


@pytest.mark.parametrize("bad, word", [(np.nan, "NaN"), (np.inf, "inf"), (-np.inf, "inf")])
def test_nan_or_inf_in_X(case, bad, word):
    """Infinity is refused everywhere; NaN too, except by the trees and their ensembles, which
    learn where missing values go (tests/test_missing_values.py)."""
    name, est = case
    X, y = data(name)
    if np.isnan(bad) and not name.startswith("AdaBoost"):
        X[4, 1] = bad
        est.fit(X, y)
        assert np.all(np.isfinite(est.predict(X)))
        return
    X[4, 1] = bad
    with pytest.raises(ValueError, match=word):
        est.fit(X, y)
    X[4, 1] = 0.0
    est.fit(X, y)
    X[2, 0] = bad
    with pytest.raises(ValueError, match=word):
        est.predict(X)


def test_length_mismatch(case):
    name, est = case
    X, y = data(name)
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples.*20.*19"):
        est.fit(X, y[:-1])


def test_y_none(case):
    name, est = case
    X, _ = data(name)
    with pytest.raises(ValueError, match="y"):
        est.fit(X, None)


def test_empty_X(case):
    name, est = case
    with pytest.raises(ValueError, match="0 sample"):
        est.fit(np.empty((0, 3)), np.empty(0))


@pytest.mark.parametrize("name, params", CLASSIFIERS, ids=ids(CLASSIFIERS))
def test_fewer_than_two_classes(name, params):
    X, _ = data(name)
    with pytest.raises(ValueError, match="1 class"):
        make(name, params).fit(X, np.zeros(20))


@pytest.mark.parametrize("name, params", CLASSIFIERS, ids=ids(CLASSIFIERS))
def test_continuous_target_for_classifier(name, params):
    X, _ = data(name)
    with pytest.raises(ValueError, match="continuous"):
        make(name, params).fit(X, np.linspace(0, 1, 20))


@pytest.mark.parametrize("name, params", ENSEMBLES, ids=ids(ENSEMBLES))
@pytest.mark.parametrize("value", [0, -3, 2.5])
def test_n_estimators_below_one(name, params, value):
    X, y = data(name)
    with pytest.raises(ValueError, match="n_estimators"):
        make(name, {**params, "n_estimators": value}).fit(X, y)


@pytest.mark.parametrize("name, params", WITH_MAX_DEPTH, ids=ids(WITH_MAX_DEPTH))
@pytest.mark.parametrize("value", [0, -1])
def test_max_depth_below_one(name, params, value):
    X, y = data(name)
    with pytest.raises(ValueError, match="max_depth"):
        make(name, {**params, "max_depth": value}).fit(X, y)


@pytest.mark.parametrize("name, params", WITH_MAX_DEPTH, ids=ids(WITH_MAX_DEPTH))
@pytest.mark.parametrize("param, value", [("min_samples_leaf", 0), ("min_samples_split", 1),
                                          ("max_features", "all"), ("max_features", 0),
                                          ("criterion", "mae")])
def test_bad_tree_parameters(name, params, param, value):
    X, y = data(name)
    with pytest.raises(ValueError, match=param):
        make(name, {**params, param: value}).fit(X, y)


@pytest.mark.parametrize("name, params", [c for c in ENSEMBLES if not c[0].startswith("Ada")],
                         ids=ids([c for c in ENSEMBLES if not c[0].startswith("Ada")]))
@pytest.mark.parametrize("value", [0, 0.0, 1.5, -2])
def test_bad_max_samples(name, params, value):
    X, y = data(name)
    with pytest.raises(ValueError, match="max_samples"):
        make(name, {**params, "max_samples": value}).fit(X, y)


def test_adaboost_bad_estimator():
    X, y = data("AdaBoostClassifier")
    with pytest.raises(ValueError, match="estimator"):
        make("AdaBoostClassifier", {"estimator": "stump"}).fit(X, y)
    with pytest.raises(ValueError, match="needs a classifier.*DecisionTreeRegressor is a regressor"):
        make("AdaBoostClassifier", {"estimator": algorithms.DecisionTreeRegressor()}).fit(X, y)
    Xr, yr = data("AdaBoostRegressor")
    with pytest.raises(ValueError, match="needs a regressor.*DecisionTreeClassifier is a classifier"):
        make("AdaBoostRegressor", {"estimator": algorithms.DecisionTreeClassifier()}).fit(Xr, yr)


@pytest.mark.parametrize("name", ["AdaBoostClassifier", "AdaBoostRegressor"])
def test_adaboost_huge_n_estimators_names_the_bound(name):
    X, y = data(name)
    with pytest.raises(ValueError, match=r"'n_estimators' parameter .* in the range \[1, 10000\]"):
        make(name, {"n_estimators": 10**9}).fit(X, y)


def _takes_sample_weight(name):
    return algorithms._base.has_fit_parameter(make(name, {}), "sample_weight")


def test_sample_weight_supported_where_promised():
    # the issue: sample_weight honoured by the trees (AdaBoost depends on it) and by AdaBoost
    for name in ("DecisionTreeClassifier", "DecisionTreeRegressor", "AdaBoostClassifier"):
        assert _takes_sample_weight(name), name


def test_negative_sample_weight(case):
    name, est = case
    if not _takes_sample_weight(name):
        pytest.skip(f"{name}.fit takes no sample_weight")
    X, y = data(name)
    w = np.ones(20)
    w[7] = -0.5
    with pytest.raises(ValueError, match="negative"):
        est.fit(X, y, sample_weight=w)


def test_all_zero_sample_weight(case):
    name, est = case
    if not _takes_sample_weight(name):
        pytest.skip(f"{name}.fit takes no sample_weight")
    X, y = data(name)
    with pytest.raises(ValueError, match="all zero"):
        est.fit(X, y, sample_weight=np.zeros(20))


def test_sample_weight_wrong_length(case):
    name, est = case
    if not _takes_sample_weight(name):
        pytest.skip(f"{name}.fit takes no sample_weight")
    X, y = data(name)
    with pytest.raises(ValueError, match="sample_weight"):
        est.fit(X, y, sample_weight=np.ones(19))


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_input_rejected(case, fmt):
    name, est = case
    X, y = data(name)
    Xs = sp.random(20, 5, density=0.5, format=fmt, random_state=0)
    with pytest.raises(ValueError, match="sparse input is not supported"):
        est.fit(Xs, y)
    est.fit(X, y)
    with pytest.raises(ValueError, match="sparse input is not supported"):
        est.predict(Xs)


def test_wrong_number_of_features_at_predict(case):
    name, est = case
    X, y = data(name)
    est.fit(X, y)
    msg = rf"X has 3 features, but {name} is expecting 5 features as input"
    with pytest.raises(ValueError, match=msg):
        est.predict(X[:, :3])
    for method in ("predict_proba", "decision_function", "apply"):
        if hasattr(est, method):
            with pytest.raises(ValueError, match=msg):
                getattr(est, method)(X[:, :3])
    for method in ("staged_predict", "staged_predict_proba", "staged_decision_function"):
        if hasattr(est, method):
            with pytest.raises(ValueError, match=msg):
                next(iter(getattr(est, method)(X[:, :3])))


def test_predict_before_fit(case):
    name, est = case
    X, _ = data(name)
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    for method in ("predict", "predict_proba", "decision_function", "apply", "score"):
        if not hasattr(type(est), method):
            continue
        args = (X, np.zeros(20)) if method == "score" else (X,)
        with pytest.raises(NotFittedError, match="not fitted"):
            getattr(est, method)(*args)
    for method in ("staged_predict", "staged_predict_proba", "staged_decision_function"):
        if hasattr(type(est), method):
            with pytest.raises(NotFittedError):
                next(iter(getattr(est, method)(X)))


def test_not_fitted_error_caught_as_both():
    est = make("DecisionTreeClassifier", {})
    X, _ = data("DecisionTreeClassifier")
    with pytest.raises(ValueError):
        est.predict(X)
    with pytest.raises(AttributeError):
        est.predict(X)


def test_errors_do_not_leave_a_half_fitted_model():
    """A failed fit on a fresh estimator leaves it unfitted (predict still says 'not fitted')."""
    est = make("DecisionTreeClassifier", {"max_depth": 0})
    X, y = data("DecisionTreeClassifier")
    with pytest.raises(ValueError):
        est.fit(X, y)
    with pytest.raises(NotFittedError):
        est.predict(X)


# ---- uploads and sizes over the hosted demo's caps (playground.limits) ---------------------------

def _csv(rows: int, cols: int = 3) -> bytes:
    head = ",".join(f"x{j}" for j in range(cols - 1)) + ",label\n"
    rng = np.random.default_rng(0)
    body = "".join(",".join(f"{v:.3f}" for v in rng.normal(size=cols - 1)) + f",{i % 2}\n"
                   for i in range(rows))
    return (head + body).encode()


def test_csv_with_too_many_rows_states_the_cap():
    from playground import limits, uploads
    X, y = uploads.load_csv(_csv(limits.MAX_CSV_ROWS), "label")  # the cap itself is allowed
    assert X.shape == (limits.MAX_CSV_ROWS, 2)
    with pytest.raises(ValueError) as err:
        uploads.load_csv(_csv(limits.MAX_CSV_ROWS + 1), "label")
    assert "too many rows" in str(err.value)
    assert f"{limits.MAX_CSV_ROWS:,}" in str(err.value) and f"{limits.MAX_CSV_ROWS + 1:,}" in \
        str(err.value)


def test_csv_with_too_many_columns_states_the_cap():
    from playground import limits, uploads
    with pytest.raises(ValueError) as err:
        uploads.load_csv(_csv(5, limits.MAX_CSV_COLUMNS + 1), "label")
    assert f"{limits.MAX_CSV_COLUMNS + 1} columns" in str(err.value)
    assert f"limit is {limits.MAX_CSV_COLUMNS}" in str(err.value)


@pytest.mark.parametrize("reader", ["load_csv", "csv_columns", "load_image"])
def test_upload_over_the_size_limit_states_the_limit(reader):
    from playground import limits, uploads
    raw = b"x,label\n" + b"1,0\n" * (limits.MAX_UPLOAD_BYTES // 4)
    assert len(raw) > limits.MAX_UPLOAD_BYTES
    call = {"load_csv": lambda: uploads.load_csv(raw, "label"),
            "csv_columns": lambda: uploads.csv_columns(raw),
            "load_image": lambda: uploads.load_image(raw, 100, 0)}[reader]
    with pytest.raises(ValueError) as err:
        call()
    assert f"{limits.MAX_UPLOAD_MB}" in str(err.value) and "limit" in str(err.value)


def test_datasets_limits_are_the_demos_caps():
    """The upload parser's own defaults are playground.limits' caps (one declaration)."""
    from playground import limits, uploads
    with pytest.raises(ValueError, match=f"limit is {limits.MAX_CSV_ROWS:,}"):
        uploads.parse_csv(_csv(limits.MAX_CSV_ROWS + 1))
    big = b"x,label\n" + b"1,0\n" * (limits.MAX_UPLOAD_BYTES // 4)
    with pytest.raises(ValueError, match="limit"):
        uploads.parse_csv(big)


def test_generated_data_never_exceed_the_point_cap():
    """Asking a generator for more points than the demo's cap is refused, naming the cap."""
    from playground import datasets, limits
    X, y = datasets.load("moons", n=limits.MAX_POINTS, noise=0.2, seed=0)  # the cap: allowed
    assert len(X) == len(y) == limits.MAX_POINTS
    for name in datasets.names("2d") + datasets.names("1d"):
        with pytest.raises(ValueError, match=f"n = {limits.MAX_POINTS * 50} is out of range "
                                             rf"\[10, {limits.MAX_POINTS}\]"):
            datasets.load(name, n=limits.MAX_POINTS * 50)
    # a picture's pixels have their own cap (the image experiment trains on nearly all of them)
    for name in datasets.names("image"):
        X, _ = datasets.load(name, n=limits.MAX_IMAGE_POINTS, resolution=160)
        assert len(X) == limits.MAX_IMAGE_POINTS == 160 * 160  # every pixel of a 160 x 160 one
        with pytest.raises(ValueError, match=f"n = {limits.MAX_IMAGE_POINTS + 1} is out of "
                                             rf"range \[10, {limits.MAX_IMAGE_POINTS}\]"):
            datasets.load(name, n=limits.MAX_IMAGE_POINTS + 1)
