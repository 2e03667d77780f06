"""Linear base learners against scikit-learn, hand-derivable optimality conditions and bad input."""

import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk_lm
from sklearn import svm as sk_svm
from sklearn.datasets import load_iris, load_wine, make_classification, make_regression
from sklearn.preprocessing import StandardScaler

from algorithms import LinearRegression, LinearSVC, LogisticRegression, Ridge
from algorithms._base import has_fit_parameter
from algorithms.linear_model import ConvergenceWarning


def _scaled(ds):
    return StandardScaler().fit_transform(ds.data), ds.target


DATASETS = {
    "binary": make_classification(400, 8, n_informative=4, random_state=0),
    "iris": _scaled(load_iris()),
    "wine": _scaled(load_wine()),
}


def _split(X, y, seed=0):
    idx = np.random.default_rng(seed).permutation(len(y))
    cut = int(0.7 * len(y))
    return X[idx[:cut]], X[idx[cut:]], y[idx[:cut]], y[idx[cut:]]


# ---------------------------------------------------------------------------------------------
# LogisticRegression
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("solver", ["newton", "lbfgs"])
@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_logistic_coefficients_match_sklearn(name, solver, C):
    X, y = DATASETS[name]
    ours = LogisticRegression(C=C, solver=solver, tol=1e-9, max_iter=2000).fit(X, y)
    ref = sk_lm.LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    scale = max(1.0, np.abs(ref.coef_).max())
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5 * scale)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-5 * scale)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X),
                               atol=1e-5 * scale)


@pytest.mark.parametrize("name", list(DATASETS))
def test_logistic_default_accuracy_within_1_5_points(name):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, yte = _split(X, y)
    ours = LogisticRegression().fit(Xtr, ytr).score(Xte, yte)
    ref = sk_lm.LogisticRegression().fit(Xtr, ytr).score(Xte, yte)
    assert abs(ours - ref) <= 0.015


def test_logistic_without_intercept_matches_sklearn():
    X, y = DATASETS["wine"]
    ours = LogisticRegression(fit_intercept=False, tol=1e-9).fit(X, y)
    ref = sk_lm.LogisticRegression(fit_intercept=False, tol=1e-12, max_iter=10000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5)
    np.testing.assert_array_equal(ours.intercept_, 0.0)


def test_logistic_stationarity_condition():
    # At the optimum of C * sum_n u_n l_n + |w|^2 / 2 the gradient vanishes:
    # C * X^T (u * (p - y)) + w = 0 and sum_n u_n (p_n - y_n) = 0 (unpenalised intercept).
    X, y = DATASETS["binary"]
    u = np.random.default_rng(1).uniform(0.2, 3.0, len(y))
    m = LogisticRegression(C=0.7, tol=1e-10).fit(X, y, sample_weight=u)
    r = u * (m.predict_proba(X)[:, 1] - y)
    np.testing.assert_allclose(0.7 * X.T @ r + m.coef_[0], 0.0, atol=1e-7)
    assert abs(r.sum()) < 1e-7


def test_logistic_softmax_coefficients_sum_to_zero():
    # The data term's gradient sums to zero over classes, so the penalty forces sum_k w_k = 0.
    X, y = DATASETS["iris"]
    m = LogisticRegression(tol=1e-10).fit(X, y)
    np.testing.assert_allclose(m.coef_.sum(axis=0), 0.0, atol=1e-8)
    np.testing.assert_allclose(m.intercept_.sum(), 0.0, atol=1e-10)


@pytest.mark.parametrize("name", list(DATASETS))
def test_logistic_integer_weights_equal_repeated_rows(name):
    X, y = DATASETS[name]
    w = np.random.default_rng(0).integers(0, 4, len(y))
    w[:3] = 1  # make sure no class loses all its rows
    a = LogisticRegression(tol=1e-10).fit(X, y, sample_weight=w)
    b = LogisticRegression(tol=1e-10).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-7)
    np.testing.assert_allclose(a.intercept_, b.intercept_, atol=1e-7)


def test_logistic_weighted_matches_sklearn():
    X, y = DATASETS["wine"]
    u = np.random.default_rng(3).uniform(0.1, 5.0, len(y))
    ours = LogisticRegression(C=2.0, tol=1e-10).fit(X, y, sample_weight=u)
    ref = sk_lm.LogisticRegression(C=2.0, tol=1e-12, max_iter=10000).fit(X, y, sample_weight=u)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5 * np.abs(ref.coef_).max())


def test_logistic_string_labels_and_shapes():
    X, y = DATASETS["binary"]
    labels = np.array(["no", "yes"])[y]
    m = LogisticRegression().fit(X, labels)
    assert list(m.classes_) == ["no", "yes"]
    assert m.decision_function(X).shape == (len(y),)
    assert m.coef_.shape == (1, X.shape[1]) and m.intercept_.shape == (1,)
    assert set(m.predict(X)) <= {"no", "yes"}
    proba = m.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(np.exp(m.predict_log_proba(X)), proba, atol=1e-12)
    Xi, yi = DATASETS["iris"]
    mi = LogisticRegression().fit(Xi, np.array(["a", "b", "c"])[yi])
    assert mi.decision_function(Xi).shape == (len(yi), 3)
    np.testing.assert_allclose(mi.predict_proba(Xi).sum(axis=1), 1.0)


def test_logistic_warns_when_not_converged():
    X, y = DATASETS["wine"]
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        LogisticRegression(max_iter=1).fit(X, y)


# ---------------------------------------------------------------------------------------------
# LinearRegression / Ridge
# ---------------------------------------------------------------------------------------------

REG = {
    "tall": make_regression(300, 6, noise=3.0, random_state=0),
    "wide": make_regression(20, 40, noise=1.0, random_state=1),
}


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_linear_regression_matches_sklearn(fit_intercept, weighted):
    X, y = REG["tall"]
    y = y + 7.0
    u = np.random.default_rng(0).uniform(0.1, 4, len(y)) if weighted else None
    ours = LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=u)
    ref = sk_lm.LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=u)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-9, atol=1e-9)
    assert ours.predict(X).shape == (len(y),)
    assert abs(ours.score(X, y) - ref.score(X, y)) < 1e-9


@pytest.mark.parametrize("name", list(REG))
@pytest.mark.parametrize("alpha", [0.01, 1.0, 100.0])
@pytest.mark.parametrize("weighted", [False, True])
def test_ridge_matches_sklearn(name, alpha, weighted):
    X, y = REG[name]
    u = np.random.default_rng(0).uniform(0.1, 4, len(y)) if weighted else None
    ours = Ridge(alpha=alpha).fit(X, y, sample_weight=u)
    ref = sk_lm.Ridge(alpha=alpha, solver="cholesky").fit(X, y, sample_weight=u)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-7, atol=1e-8)


def test_ridge_normal_equations_by_hand():
    # One feature, no intercept: w = sum x y / (sum x^2 + alpha) = (1*2 + 2*3) / (1 + 4 + 3) = 1.
    m = Ridge(alpha=3.0, fit_intercept=False).fit([[1.0], [2.0]], [2.0, 3.0])
    assert m.coef_[0] == pytest.approx(1.0)


@pytest.mark.parametrize("Est", [LinearRegression, Ridge])
def test_least_squares_integer_weights_equal_repeated_rows(Est):
    X, y = REG["tall"]
    w = np.random.default_rng(2).integers(0, 4, len(y))
    a = Est().fit(X, y, sample_weight=w)
    b = Est().fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(a.intercept_, b.intercept_, rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------------------------------------
# LinearSVC
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("C", [0.1, 1.0])
def test_linear_svc_squared_hinge_matches_liblinear(name, C):
    X, y = DATASETS[name]
    ours = LinearSVC(C=C, tol=1e-8).fit(X, y)
    ref = sk_svm.LinearSVC(C=C, tol=1e-10, max_iter=100000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-5)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    assert ours.decision_function(X).shape == ref.decision_function(X).shape


@pytest.mark.parametrize("name", list(DATASETS))
def test_linear_svc_hinge_close_to_liblinear(name):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, yte = _split(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = LinearSVC(loss="hinge", tol=1e-6, max_iter=20000).fit(Xtr, ytr)
        ref = sk_svm.LinearSVC(loss="hinge", tol=1e-8, max_iter=100000).fit(Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=5e-3 * max(1, np.abs(ref.coef_).max()))


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_linear_svc_reaches_liblinears_objective(loss):
    # The primal objective 1/2 |[w, b]|^2 + C sum_n l(y_n z_n) (intercept penalised, as liblinear)
    # at our solution is no worse than at liblinear's, run to a tight tolerance.
    X, y = DATASETS["binary"]
    s = np.where(y == 1, 1.0, -1.0)

    def objective(m):
        slack = np.maximum(0.0, 1.0 - s * m.decision_function(X))
        loss_terms = slack if loss == "hinge" else slack ** 2
        return 0.5 * (m.coef_ ** 2).sum() + 0.5 * (m.intercept_ ** 2).sum() + 0.5 * loss_terms.sum()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = LinearSVC(loss=loss, C=0.5, tol=1e-8, max_iter=50000).fit(X, y)
        ref = sk_svm.LinearSVC(loss=loss, C=0.5, tol=1e-10, max_iter=100000).fit(X, y)
    assert objective(ours) <= objective(ref) * (1 + 1e-6)


def test_linear_svc_integer_weights_equal_repeated_rows():
    X, y = DATASETS["iris"]
    w = np.random.default_rng(4).integers(0, 3, len(y))
    w[[0, 60, 120]] = 1
    a = LinearSVC(tol=1e-10).fit(X, y, sample_weight=w)
    b = LinearSVC(tol=1e-10).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-7)


# ---------------------------------------------------------------------------------------------
# The ensembles' view and bad input
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("Est", [LogisticRegression, LinearRegression, Ridge, LinearSVC])
def test_sample_weight_is_advertised(Est):
    assert has_fit_parameter(Est(), "sample_weight")


@pytest.mark.parametrize("Est", [LogisticRegression, LinearSVC, LinearRegression, Ridge])
def test_bad_input_raises_value_error_naming_the_problem(Est):
    X, y = DATASETS["binary"]
    bad = X.copy()
    bad[3, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        Est().fit(bad, y)
    m = Est().fit(X, y)
    with pytest.raises(ValueError, match="3 features, but .* expecting 8 features"):
        m.predict(X[:, :3])
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        Est().fit(X, y[:-1])
    with pytest.raises(ValueError, match="sample_weight"):
        Est().fit(X, y, sample_weight=-np.ones(len(y)))


@pytest.mark.parametrize("Est", [LogisticRegression, LinearSVC])
def test_classifier_bad_targets(Est):
    X, _ = DATASETS["binary"]
    with pytest.raises(ValueError, match="1 class"):
        Est().fit(X, np.zeros(len(X)))
    with pytest.raises(ValueError, match="continuous"):
        Est().fit(X, np.linspace(0, 1, len(X)))


@pytest.mark.parametrize("est, param", [
    (LogisticRegression(C=0), "C"), (LogisticRegression(C=-1.0), "C"),
    (LogisticRegression(solver="sag"), "solver"), (LogisticRegression(max_iter=-1), "max_iter"),
    (LogisticRegression(tol=-1e-3), "tol"), (Ridge(alpha=-1.0), "alpha"),
    (LinearSVC(loss="log"), "loss"), (LinearSVC(C=0.0), "C"),
    (LinearRegression(fit_intercept="yes"), "fit_intercept"),
])
def test_absurd_parameters_are_rejected_by_name(est, param):
    X, y = DATASETS["binary"]
    with pytest.raises(ValueError, match=f"'{param}' parameter"):
        est.fit(X, y)
