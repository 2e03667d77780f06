"""The base learners' parameters a scikit-learn user types, each against scikit-learn on the same
data: LogisticRegression's penalty / C=inf / class_weight / random_state, LinearSVC's class_weight,
Ridge's solver names, GaussianNB's partial_fit and constant features, float32 kept where
scikit-learn keeps it; and the refusals that name the problem (weights leaving one class, values
near the float limit, multi-output y, sparse X, bounds on max_iter)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk_lm
from sklearn import naive_bayes as sk_nb
from sklearn import svm as sk_svm
from sklearn.datasets import make_classification, make_regression

from algorithms import (GaussianNB, KNeighborsClassifier, KNeighborsRegressor, LinearRegression,
                        LinearSVC, LogisticRegression, Ridge)


def clf_data(K=2, n=300, seed=0, weights=None):
    return make_classification(n, 5, n_informative=3, n_classes=K, n_clusters_per_class=1,
                               flip_y=0.1, weights=weights, random_state=seed)


# ------------------------------------------------------------------------------------------------
# LogisticRegression
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("K", [2, 3])
def test_logistic_without_penalty_matches_sklearn(K):
    # no redundant features: without a penalty the optimum must be unique to compare weights
    X, y = make_classification(300, 5, n_informative=5, n_redundant=0, n_classes=K,
                               n_clusters_per_class=1, flip_y=0.1, random_state=0)
    ours = [LogisticRegression(penalty=None, tol=1e-8).fit(X, y),
            LogisticRegression(C=np.inf, tol=1e-8).fit(X, y)]
    ref = sk_lm.LogisticRegression(C=np.inf, max_iter=5000, tol=1e-10).fit(X, y)
    for m in ours:
        np.testing.assert_allclose(m.predict_proba(X), ref.predict_proba(X), atol=1e-5)
        np.testing.assert_allclose(m.coef_ - m.coef_.mean(0) * (K > 2),
                                   ref.coef_ - ref.coef_.mean(0) * (K > 2), rtol=1e-3, atol=1e-4)
    # the penalty matters: C = 0.01 shrinks the weights, C = inf does not
    small = LogisticRegression(C=0.01).fit(X, y)
    assert np.abs(small.coef_).sum() < 0.5 * np.abs(ours[0].coef_).sum()


@pytest.mark.parametrize("class_weight", ["balanced", {0: 1.0, 1: 5.0}, {1: 3.0}])
@pytest.mark.parametrize("K", [2, 3])
def test_logistic_class_weight_matches_sklearn(class_weight, K):
    X, y = clf_data(K, weights=[0.7] + [0.3 / (K - 1)] * (K - 1))
    w = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    ours = LogisticRegression(class_weight=class_weight, tol=1e-8, random_state=3).fit(
        X, y, sample_weight=w)
    ref = sk_lm.LogisticRegression(class_weight=class_weight, tol=1e-10, max_iter=1000).fit(
        X, y, sample_weight=w)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    # and class_weight is exactly a per-class factor on sample_weight
    cw = class_weight if isinstance(class_weight, dict) else None
    if cw is not None:
        factor = np.array([cw.get(c, 1.0) for c in y])
        same = LogisticRegression(tol=1e-8).fit(X, y, sample_weight=w * factor)
        np.testing.assert_allclose(ours.coef_, same.coef_, rtol=1e-8, atol=1e-10)


def test_class_weight_naming_an_unknown_label_is_refused():
    X, y = clf_data()
    with pytest.raises(ValueError, match="class_weight names label 7"):
        LogisticRegression(class_weight={7: 2.0}).fit(X, y)
    with pytest.raises(ValueError, match="'class_weight' parameter"):
        LogisticRegression(class_weight="even").fit(X, y)
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        LogisticRegression(class_weight={0: 0.0}).fit(X, y)


# ------------------------------------------------------------------------------------------------
# LinearSVC
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("class_weight", ["balanced", {0: 4.0}])
def test_linear_svc_class_weight_matches_sklearn(class_weight):
    X, y = clf_data(weights=[0.8, 0.2])
    ours = LinearSVC(class_weight=class_weight, tol=1e-8, random_state=0, verbose=0).fit(X, y)
    ref = sk_svm.LinearSVC(class_weight=class_weight, tol=1e-8, max_iter=100_000,
                           dual=False).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-3, atol=1e-4)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    plain = LinearSVC(tol=1e-8).fit(X, y)
    assert np.mean(ours.predict(X) == 1) != np.mean(plain.predict(X) == 1)


# ------------------------------------------------------------------------------------------------
# Ridge
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("solver", ["auto", "svd", "cholesky", "lsqr", "sparse_cg", "sag", "saga",
                                    "lbfgs"])
@pytest.mark.parametrize("shape", [(200, 6), (8, 20)])
def test_every_ridge_solver_reaches_sklearns_optimum(solver, shape):
    X, y = make_regression(*shape, noise=2.0, random_state=0)
    w = np.random.default_rng(1).uniform(0.5, 2.0, len(y))
    ours = Ridge(alpha=0.7, solver=solver, max_iter=50, tol=1e-3, random_state=0).fit(
        X, y, sample_weight=w)
    ref = sk_lm.Ridge(alpha=0.7, solver="svd").fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-9, atol=1e-9)
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-9, abs=1e-9)
    with pytest.raises(ValueError, match="'solver' parameter"):
        Ridge(solver="newton").fit(X, y)


# ------------------------------------------------------------------------------------------------
# GaussianNB
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("weighted", [False, True])
def test_gaussian_nb_partial_fit_matches_sklearn_and_one_fit(weighted):
    X, y = clf_data(3, n=600)
    w = np.random.default_rng(2).uniform(0.2, 3.0, len(y)) if weighted else None
    ours, ref = GaussianNB(), sk_nb.GaussianNB()
    for lo in range(0, 600, 150):
        part = slice(lo, lo + 150)
        sw = None if w is None else w[part]
        ours.partial_fit(X[part], y[part], classes=[0, 1, 2], sample_weight=sw)
        ref.partial_fit(X[part], y[part], classes=[0, 1, 2], sample_weight=sw)
    np.testing.assert_allclose(ours.theta_, ref.theta_, rtol=1e-10)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-6)     # epsilon: all rows vs last batch
    np.testing.assert_allclose(ours.class_count_, ref.class_count_, rtol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-8)
    whole = GaussianNB().fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.theta_, whole.theta_, rtol=1e-10)
    np.testing.assert_allclose(ours.var_, whole.var_, rtol=1e-10)
    assert ours.epsilon_ == pytest.approx(whole.epsilon_, rel=1e-10)


def test_gaussian_nb_partial_fit_bad_use():
    X, y = clf_data(3)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        GaussianNB().partial_fit(X, y)
    nb = GaussianNB().partial_fit(X[:50], y[:50], classes=[0, 1, 2])
    with pytest.raises(ValueError, match=r"label\(s\) \[5\] not among the classes"):
        nb.partial_fit(X[:3], [5, 0, 1])
    with pytest.raises(ValueError, match="X has 2 features, but GaussianNB is expecting 5"):
        nb.partial_fit(X[:3, :2], y[:3])
    nb.partial_fit(X[50:60][y[50:60] == 0], y[50:60][y[50:60] == 0])  # one class in a batch: fine


def test_gaussian_nb_constant_features_give_the_prior_not_nan():
    X = np.full((10, 3), 5.0)
    y = np.array([0] * 7 + [1] * 3)
    nb = GaussianNB().fit(X, y)
    P = nb.predict_proba(np.array([[5.0, 5.0, 5.0], [6.0, 4.0, 5.0]]))
    assert np.all(np.isfinite(P))
    np.testing.assert_allclose(P, [[0.7, 0.3], [0.7, 0.3]])
    assert nb.epsilon_ > 0 and np.all(nb.var_ > 0)
    zeros = GaussianNB().fit(np.zeros((6, 2)), [0, 0, 1, 1, 1, 1])
    np.testing.assert_allclose(zeros.predict_proba([[0.0, 0.0]]), [[1 / 3, 2 / 3]])
    # a feature constant within each class but not overall: scikit-learn's epsilon, unchanged
    Xc = np.c_[np.r_[np.zeros(5), np.ones(5)], np.arange(10.0)]
    yc = np.r_[np.zeros(5), np.ones(5)]
    ref = sk_nb.GaussianNB().fit(Xc, yc)
    np.testing.assert_allclose(GaussianNB().fit(Xc, yc).predict_proba(Xc), ref.predict_proba(Xc),
                               atol=1e-12)


# ------------------------------------------------------------------------------------------------
# float32 where scikit-learn keeps it
# ------------------------------------------------------------------------------------------------
def _dtypes(model, X, y):
    model.fit(X, y)
    out = {}
    for name in ("predict", "predict_proba", "decision_function"):
        if hasattr(model, name):
            out[name] = getattr(model, name)(X).dtype
    for name in ("coef_", "intercept_", "theta_", "var_"):
        if hasattr(model, name):
            out[name] = np.asarray(getattr(model, name)).dtype
    return out


@pytest.mark.parametrize("pair", [
    (LogisticRegression(), sk_lm.LogisticRegression(), "clf"),
    (LinearSVC(), sk_svm.LinearSVC(), "clf"),
    (GaussianNB(), sk_nb.GaussianNB(), "clf"),
    (KNeighborsClassifier(), None, "clf"),
    (LinearRegression(), sk_lm.LinearRegression(), "reg"),
    (Ridge(), sk_lm.Ridge(), "reg"),
    (KNeighborsRegressor(), None, "reg"),
], ids=lambda p: type(p[0]).__name__ if isinstance(p, tuple) else str(p))
def test_float32_kept_where_sklearn_keeps_it(pair):
    ours, ref, kind = pair
    if kind == "clf":
        X, y = clf_data()
    else:
        X, y = make_regression(200, 4, noise=1.0, random_state=0)
    X32 = X.astype(np.float32)
    if ref is None:
        from sklearn import neighbors as sk_neighbors
        ref = getattr(sk_neighbors, type(ours).__name__)()
    assert _dtypes(ours, X32, y) == _dtypes(ref, X32, y)
    # float64 input gives float64 as before
    assert all(dt in (np.float64, np.int64) for dt in _dtypes(ours, X, y).values())


# ------------------------------------------------------------------------------------------------
# refusals that name the problem
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("Est", [LogisticRegression, LinearSVC, GaussianNB])
def test_weights_leaving_one_class_are_refused(Est):
    X = np.arange(12.0).reshape(-1, 2)
    y = np.array([0, 0, 0, 1, 1, 1])
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        Est().fit(X, y, sample_weight=[0, 0, 0, 1, 1, 1])


@pytest.mark.parametrize("Est", [LogisticRegression, LinearSVC, LinearRegression, Ridge])
def test_values_near_the_float_limit_are_refused_by_name(Est):
    X = np.array([[1e308, 1.0], [-1e308, 2.0], [3.0, 1.0], [1e307, -1.0]])
    y = np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match=rf"{Est.__name__}: X holds values as large as 1e\+308 "
                                         r"\(first at row 0, column 0\).*Scale the features"):
        Est().fit(X, y)
    if Est in (LinearRegression, Ridge):
        with pytest.raises(ValueError, match="y holds values as large as"):
            Est().fit(X[:, 1:], [1e300, 0.0, 1.0, 2.0])
    Est().fit(X * 1e-306, y)    # up to 100: well within range, fitted as usual


def test_unsupported_input_says_so():
    from scipy import sparse
    X, y = clf_data()
    with pytest.raises(ValueError, match="sparse input is not supported"):
        LogisticRegression().fit(sparse.csr_matrix(X), y)
    Y = np.c_[y, y]
    for est in (LinearRegression(), Ridge(), KNeighborsRegressor()):
        with pytest.raises(ValueError, match=r"multi-output targets \(2 columns\) are not "
                                             "supported"):
            est.fit(X, Y)
    with pytest.raises(ValueError, match=r"'max_iter' parameter.*\[0, 100000\]"):
        LogisticRegression(max_iter=10**9).fit(X, y)
    with pytest.raises(ValueError, match=r"'max_iter' parameter.*\[1, 100000\]"):
        LinearSVC(max_iter=10**9).fit(X, y)


def test_n_jobs_and_verbose_are_accepted():
    X, y = clf_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = LogisticRegression(n_jobs=2, verbose=1, random_state=0).fit(X, y)
    b = LogisticRegression().fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)   # they change nothing
    KNeighborsClassifier(n_jobs=-1).fit(X, y).predict(X)
    LinearRegression(n_jobs=4).fit(X, y.astype(float))
    LinearSVC(verbose=True, random_state=1).fit(X, y)


def test_float32_kept_through_voting_and_stacking_as_sklearn():
    from sklearn import ensemble as sk_ens

    from algorithms import StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor
    X, y = clf_data()
    Xr, yr = make_regression(200, 4, noise=1.0, random_state=0)
    X32, Xr32 = X.astype(np.float32), Xr.astype(np.float32)
    pairs = [
        (VotingClassifier([("lr", LogisticRegression()), ("nb", GaussianNB())], voting="soft"),
         sk_ens.VotingClassifier([("lr", sk_lm.LogisticRegression()), ("nb", sk_nb.GaussianNB())],
                                 voting="soft"), X32, y),
        (StackingClassifier([("lr", LogisticRegression()), ("nb", GaussianNB())], cv=3),
         sk_ens.StackingClassifier([("lr", sk_lm.LogisticRegression()),
                                    ("nb", sk_nb.GaussianNB())], cv=3), X32, y),
        (VotingRegressor([("r", Ridge()), ("l", LinearRegression())]),
         sk_ens.VotingRegressor([("r", sk_lm.Ridge()), ("l", sk_lm.LinearRegression())]), Xr32, yr),
        (StackingRegressor([("r", Ridge()), ("l", LinearRegression())], cv=3),
         sk_ens.StackingRegressor([("r", sk_lm.Ridge()), ("l", sk_lm.LinearRegression())], cv=3),
         Xr32, yr),
    ]
    for ours, ref, Xa, ya in pairs:
        ours.fit(Xa, ya)
        ref.fit(Xa, ya)
        for name in ("predict", "predict_proba", "transform"):
            if hasattr(ref, name):
                assert getattr(ours, name)(Xa).dtype == getattr(ref, name)(Xa).dtype, (ours, name)


@pytest.mark.parametrize("factor", [1e-310, 1e300])
def test_denormal_and_huge_sample_weights_fit_as_ordinary_ones(factor):
    """check_sample_weight rescales weights whose sum leaves [1e-100, 1e100]. Models that do not
    care about a common factor on the weights give the ordinary fit; penalised ones fold the
    factor into C (alpha), so they equal the same model with C * factor (alpha / factor), as the
    objective says (and scikit-learn's)."""
    from algorithms import AdaBoostClassifier, StackingClassifier, VotingClassifier
    X, y = clf_data()
    w = np.random.default_rng(0).integers(1, 4, len(y)).astype(float)

    def out(m):
        return m.predict_proba(X) if hasattr(m, "predict_proba") else m.decision_function(X)

    invariant = [lambda: AdaBoostClassifier(n_estimators=10), GaussianNB,
                 lambda: VotingClassifier([("nb", GaussianNB()), ("ada", AdaBoostClassifier())],
                                          voting="soft"),
                 lambda: StackingClassifier([("nb", GaussianNB())],
                                            final_estimator=GaussianNB(), cv=3, random_state=0)]
    for make in invariant:
        np.testing.assert_allclose(out(make().fit(X, y, sample_weight=w)),
                                   out(make().fit(X, y, sample_weight=w * factor)),
                                   rtol=1e-6, atol=1e-9)
    Xu, yu = make_classification(300, 5, n_informative=5, n_redundant=0, flip_y=0.2,
                                 random_state=0)   # a unique unpenalised optimum
    a = LogisticRegression(C=1.0, tol=1e-8).fit(Xu, yu, sample_weight=w * factor)
    b = LogisticRegression(C=factor, tol=1e-8).fit(Xu, yu, sample_weight=w)
    np.testing.assert_allclose(a.predict_proba(Xu), b.predict_proba(Xu), rtol=1e-6, atol=1e-8)
    t = yu + Xu[:, 0]
    ridge = Ridge(alpha=1.0).fit(Xu, t, sample_weight=w * factor)
    if factor < 1:   # C * 1e-310, alpha / 1e-310: the penalty wins, the weights are 0
        assert np.abs(a.coef_).max() < 1e-100 and np.abs(ridge.coef_).max() < 1e-100
    else:            # the penalty vanishes: the unpenalised fits
        free = LogisticRegression(penalty=None, tol=1e-8).fit(Xu, yu, sample_weight=w)
        np.testing.assert_allclose(a.predict_proba(Xu), free.predict_proba(Xu), atol=1e-8)
        np.testing.assert_allclose(ridge.coef_, Ridge(alpha=1e-300).fit(
            Xu, t, sample_weight=w).coef_, rtol=1e-9)
    np.testing.assert_allclose(LinearRegression().fit(Xu, t, sample_weight=w * factor).coef_,
                               LinearRegression().fit(Xu, t, sample_weight=w).coef_, rtol=1e-9)
    with warnings.catch_warnings():   # C u = 1e100 is a hard margin: slow to converge
        warnings.simplefilter("ignore")
        svc = LinearSVC().fit(X, y, sample_weight=w * factor)
    assert np.all(np.isfinite(svc.coef_))
