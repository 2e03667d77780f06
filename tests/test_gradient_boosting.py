"""Gradient boosting: parity with scikit-learn, the lecture's AdaBoost identity, invariants, errors."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn import ensemble as ske
from sklearn.datasets import (make_blobs, make_classification, make_friedman1, make_moons,
                              make_regression)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier as SkStump

import algorithms
from algorithms import (DecisionTreeRegressor, GradientBoostingClassifier,
                        GradientBoostingRegressor)
from algorithms.losses import QuantileLoss

N_STAGES = 60


# ------------------------------------------------------------------------------------- data sets
def _reg(name):
    if name == "friedman1":
        X, y = make_friedman1(n_samples=1600, noise=1.0, random_state=0)
    else:
        X, y = make_regression(n_samples=1600, n_features=8, n_informative=5, noise=15.0,
                               random_state=1)
    return train_test_split(X, y, test_size=0.5, random_state=0)


def _clf(name):
    if name == "binary":
        X, y = make_classification(n_samples=3000, n_features=10, n_informative=5, random_state=0)
    elif name == "moons":
        X, y = make_moons(n_samples=3000, noise=0.3, random_state=0)
    elif name == "multiclass":
        X, y = make_classification(n_samples=3000, n_features=10, n_informative=6, n_classes=3,
                                   random_state=0)
    else:  # overlapping blobs, 4 classes, string labels
        X, y = make_blobs(n_samples=3000, centers=4, cluster_std=2.5, random_state=0)
        y = np.array(["a", "b", "c", "d"])[y]
    return train_test_split(X, y, test_size=0.5, random_state=0)


def _curve_gap(ours, theirs):
    """Largest gap between two train_score_ curves, relative to the first stage's loss."""
    return float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs))) / theirs[0])


# ------------------------------------------------------------------------------- parity: sklearn
@pytest.mark.parametrize("data", ["friedman1", "linear"])
@pytest.mark.parametrize("loss", ["squared_error", "absolute_error", "huber"])
def test_regressor_matches_sklearn(data, loss):
    Xtr, Xte, ytr, yte = _reg(data)
    ours = GradientBoostingRegressor(loss=loss, n_estimators=N_STAGES, random_state=0).fit(Xtr, ytr)
    ref = ske.GradientBoostingRegressor(loss=loss, n_estimators=N_STAGES, random_state=0).fit(
        Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015
    assert _curve_gap(ours.train_score_, ref.train_score_) < 0.05
    assert ours.init_[0] == pytest.approx(ref._raw_predict_init(Xtr[:1])[0, 0], rel=1e-6)


@pytest.mark.parametrize("alpha", [0.2, 0.9])
def test_quantile_regressor_matches_sklearn(alpha):
    """R^2 says little about a quantile; compare the pinball loss and the coverage P(y <= g)."""
    Xtr, Xte, ytr, yte = _reg("friedman1")
    kw = dict(loss="quantile", alpha=alpha, n_estimators=N_STAGES, random_state=0)
    ours = GradientBoostingRegressor(**kw).fit(Xtr, ytr)
    ref = ske.GradientBoostingRegressor(**kw).fit(Xtr, ytr)
    pin = QuantileLoss(alpha=alpha)
    lo, lr = pin(yte, ours.predict(Xte)[:, None]), pin(yte, ref.predict(Xte)[:, None])
    assert lo <= 1.05 * lr
    assert abs(np.mean(yte <= ours.predict(Xte)) - np.mean(yte <= ref.predict(Xte))) <= 0.03
    assert _curve_gap(ours.train_score_, ref.train_score_) < 0.05


@pytest.mark.parametrize("data, loss", [("binary", "log_loss"), ("binary", "exponential"),
                                        ("moons", "log_loss"), ("moons", "exponential"),
                                        ("multiclass", "log_loss"), ("blobs4", "log_loss")])
def test_classifier_matches_sklearn(data, loss):
    Xtr, Xte, ytr, yte = _clf(data)
    # scikit-learn's algorithm (best-constant start, a step per leaf); for the exponential loss our
    # default is the lecture's form instead (see test_exponential_loss_defaults_to_the_lecture).
    ours = GradientBoostingClassifier(loss=loss, n_estimators=N_STAGES, random_state=0,
                                      init=None, line_search="per_leaf").fit(Xtr, ytr)
    ref = ske.GradientBoostingClassifier(loss=loss, n_estimators=N_STAGES, random_state=0).fit(
        Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015
    assert _curve_gap(ours.train_score_, ref.train_score_) < 0.05
    assert np.allclose(ours.init_, ref._raw_predict_init(Xtr[:1])[0], atol=1e-6)
    proba = ours.predict_proba(Xte)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert np.mean(np.abs(proba - ref.predict_proba(Xte))) < 0.05
    assert ours.estimators_.shape == ref.estimators_.shape


# ---------------------------------------------------------------- the lecture's AdaBoost identity
def _lecture_gb(T):
    # exactly the constructor: the exponential loss defaults to the lecture's form
    return GradientBoostingClassifier(loss="exponential", max_depth=1, learning_rate=1.0,
                                      n_estimators=T)


def test_exponential_loss_defaults_to_the_lecture():
    X, y = make_moons(n_samples=120, noise=0.3, random_state=0)
    lecture = _lecture_gb(5).fit(X, y)
    explicit = GradientBoostingClassifier(loss="exponential", max_depth=1, learning_rate=1.0,
                                          n_estimators=5, init="zero",
                                          line_search="per_stage").fit(X, y)
    assert (lecture.init_kind_, lecture.line_search_) == ("zero", "per_stage")
    assert np.array_equal(lecture.decision_function(X), explicit.decision_function(X))
    other = GradientBoostingClassifier(loss="log_loss", n_estimators=5).fit(X, y)
    assert (other.init_kind_, other.line_search_) == ("constant", "per_leaf")


def test_exponential_loss_with_stumps_is_adaboost_sklearn():
    """Same stumps as scikit-learn's AdaBoost (SAMME; for 2 classes its alpha is 2x the
    lecture's), alpha_t = ln sqrt((1 - eps_t) / eps_t), same sign of g_t at every stage."""
    X, y = make_moons(n_samples=200, noise=0.3, random_state=1)   # <= 256 values: exact bins
    T = 25
    gb = _lecture_gb(T).fit(X, y)
    ada = ske.AdaBoostClassifier(SkStump(max_depth=1), n_estimators=T, random_state=0).fit(X, y)
    assert gb.n_estimators_ == T
    assert np.allclose(gb.estimator_weights_, ada.estimator_weights_ / 2, rtol=1e-9)
    eps = np.asarray(ada.estimator_errors_)
    assert np.allclose(gb.estimator_weights_, np.log(np.sqrt((1 - eps) / eps)), rtol=1e-9)
    for ours, theirs in zip(gb.estimators_[:, 0], ada.estimators_):
        assert ours.tree_.feature[0] == theirs.tree_.feature[0]
        assert ours.tree_.threshold[0] == pytest.approx(theirs.tree_.threshold[0])
        assert set(np.unique(ours.tree_.predict(X))) <= {-1.0, 1.0}
    for g_ours, g_ada in zip(gb.staged_decision_function(X), ada.staged_decision_function(X)):
        assert np.array_equal(np.sign(g_ours), np.sign(g_ada))


def test_exponential_identity_weights_are_exp_minus_yg():
    """stage_view: |r| at g_{t-1} is u_t = exp(-y g_{t-1}); f_t agrees with sign(r) on the
    weighted majority, and its weighted error gives alpha_t."""
    X, y = make_moons(n_samples=150, noise=0.35, random_state=3)
    gb = _lecture_gb(8).fit(X, y)
    ys = 2.0 * y - 1.0
    for t in range(1, 9):
        v = gb.stage_view(X, y, t)
        u = np.exp(-ys * v["g_prev"])
        assert np.allclose(np.abs(v["residuals"]), u)
        assert np.allclose(v["residuals"], ys * u)
        eps = np.sum(u[v["f"] != ys]) / np.sum(u)
        assert v["alpha"] == pytest.approx(0.5 * np.log((1 - eps) / eps))
        assert np.allclose(v["g"], v["g_prev"] + v["alpha"] * v["f"])


@pytest.mark.skipif(not hasattr(algorithms, "AdaBoostClassifier"),
                    reason="algorithms.AdaBoostClassifier not written yet")
def test_exponential_loss_with_stumps_is_our_adaboost():
    X, y = make_moons(n_samples=200, noise=0.3, random_state=1)
    T = 20
    gb = _lecture_gb(T).fit(X, y)
    ada = algorithms.AdaBoostClassifier(n_estimators=T).fit(X, y)
    n = min(gb.n_estimators_, len(ada.estimator_weights_))
    assert n == T
    assert np.allclose(gb.estimator_weights_[:n], ada.estimator_weights_[:n], rtol=1e-9)
    for ours, theirs in zip(gb.estimators_[:n, 0], ada.estimators_[:n]):
        assert ours.tree_.feature[0] == theirs.tree_.feature[0]
        assert ours.tree_.threshold[0] == theirs.tree_.threshold[0]
    for g_ours, g_ada in zip(gb.staged_decision_function(X), ada.staged_decision_function(X)):
        assert np.array_equal(np.sign(g_ours), np.sign(g_ada))
    # AdaBoost's example weights u_t are the size of the pseudo-residuals exp(-y g_{t-1})
    for t in (1, 2, 7, T):
        u = np.abs(gb.stage_view(X, y, t)["residuals"])
        assert np.allclose(u, ada.sample_weights_[t - 1], rtol=1e-9)


def test_exponential_init_is_half_log_odds_on_request_and_zero_by_default():
    X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
    y[:60] = 1                                         # make the classes unequal
    p = y.mean()
    kw = dict(loss="exponential", n_estimators=3)
    assert GradientBoostingClassifier(init=None, **kw).fit(X, y).init_[0] == pytest.approx(
        0.5 * np.log(p / (1 - p)))
    assert GradientBoostingClassifier(**kw).fit(X, y).init_[0] == 0.0   # the lecture's g_0


# --------------------------------------------------------------------------------- invariants
def test_squared_error_training_loss_never_increases():
    Xtr, _, ytr, _ = _reg("friedman1")
    gb = GradientBoostingRegressor(n_estimators=80, learning_rate=0.3, random_state=0).fit(Xtr, ytr)
    assert np.all(np.diff(gb.train_score_) <= 1e-12 * gb.train_score_[0])
    # train_score_ is the MSE of the model's own predictions
    assert gb.train_score_[-1] == pytest.approx(np.mean((ytr - gb.predict(Xtr)) ** 2))


def test_last_stage_equals_predict():
    Xtr, Xte, ytr, _ = _clf("multiclass")
    clf = GradientBoostingClassifier(n_estimators=15, random_state=0).fit(Xtr, ytr)
    *_, last_g = clf.staged_decision_function(Xte)
    *_, last_p = clf.staged_predict_proba(Xte)
    *_, last_y = clf.staged_predict(Xte)
    assert np.allclose(last_g, clf.decision_function(Xte))
    assert np.allclose(last_p, clf.predict_proba(Xte))
    assert np.array_equal(last_y, clf.predict(Xte))
    assert len(list(clf.staged_predict(Xte))) == 15
    Xtr, Xte, ytr, _ = _reg("linear")
    reg = GradientBoostingRegressor(n_estimators=15, random_state=0).fit(Xtr, ytr)
    *_, last = reg.staged_predict(Xte)
    assert np.allclose(last, reg.predict(Xte))


def test_stage_view_is_consistent_with_staged_outputs():
    Xtr, _, ytr, _ = _reg("friedman1")
    gb = GradientBoostingRegressor(n_estimators=10, learning_rate=0.5, random_state=0).fit(Xtr, ytr)
    staged = list(gb.staged_predict(Xtr))
    v1 = gb.stage_view(Xtr, ytr, 1)
    assert np.allclose(v1["g_prev"], gb.init_[0])
    for t in (1, 4, 10):
        v = gb.stage_view(Xtr, ytr, t)
        assert np.allclose(v["g"], staged[t - 1])
        if t > 1:
            assert np.allclose(v["g_prev"], staged[t - 2])
        assert np.allclose(v["residuals"], ytr - v["g_prev"])     # squared error: y - g
        assert np.allclose(v["g"], v["g_prev"] + 0.5 * v["f"])
    with pytest.raises(ValueError, match="stage"):
        gb.stage_view(Xtr, ytr, 11)


def test_trees_are_drawable_decision_tree_regressors():
    Xtr, Xte, ytr, _ = _clf("multiclass")
    clf = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=0).fit(Xtr, ytr)
    assert clf.estimators_.shape == (5, 3)
    est = clf.estimators_[2, 1]
    assert isinstance(est, DecisionTreeRegressor)
    assert est.get_depth() <= 2
    # g = g_0 + eta * sum_t f_t, with f_t read off the drawable trees
    g = clf.init_ + 0.1 * sum(np.column_stack([e.predict(Xte) for e in row])
                              for row in clf.estimators_)
    assert np.allclose(g, clf.decision_function(Xte))


def test_per_stage_line_search_for_squared_error():
    """With one alpha per stage and eta = 1, alpha_t is the least-squares step along f_t."""
    Xtr, _, ytr, _ = _reg("linear")
    gb = GradientBoostingRegressor(n_estimators=5, learning_rate=1.0, line_search="per_stage",
                                   random_state=0).fit(Xtr, ytr)
    for t in range(1, 6):
        v = gb.stage_view(Xtr, ytr, t)
        r, f = v["residuals"], v["f"]
        assert v["alpha"] == pytest.approx(np.dot(r, f) / np.dot(f, f))


def test_subsample_gives_oob_curves():
    Xtr, _, ytr, _ = _clf("binary")
    kw = dict(n_estimators=40, subsample=0.5, learning_rate=0.1, random_state=3)
    gb = GradientBoostingClassifier(**kw).fit(Xtr, ytr)
    assert gb.oob_improvement_.shape == gb.oob_scores_.shape == (40,)
    assert gb.oob_score_ == gb.oob_scores_[-1]
    # early stages help on data they did not see; the OOB loss falls overall
    assert np.mean(gb.oob_improvement_[:10] > 0) >= 0.8
    assert gb.oob_scores_[-1] < gb.oob_scores_[0]
    again = GradientBoostingClassifier(**kw).fit(Xtr, ytr)
    assert np.array_equal(gb.decision_function(Xtr), again.decision_function(Xtr))
    other = GradientBoostingClassifier(**{**kw, "random_state": 4}).fit(Xtr, ytr)
    assert not np.array_equal(gb.decision_function(Xtr), other.decision_function(Xtr))
    full = GradientBoostingClassifier(n_estimators=5).fit(Xtr, ytr)
    assert not hasattr(full, "oob_improvement_")


def test_early_stopping_stops_on_an_easy_set():
    X, y = make_blobs(n_samples=600, centers=[[-4, 0], [4, 0]], cluster_std=1.0, random_state=0)
    gb = GradientBoostingClassifier(n_estimators=500, n_iter_no_change=5, validation_fraction=0.2,
                                    random_state=0).fit(X, y)
    assert gb.n_estimators_ < 500
    assert gb.estimators_.shape[0] == gb.train_score_.shape[0] == gb.n_estimators_
    assert gb.stop_reason_ is not None and "early stopping" in gb.stop_reason_
    ref = ske.GradientBoostingClassifier(n_estimators=500, n_iter_no_change=5,
                                         validation_fraction=0.2, random_state=0).fit(X, y)
    assert ref.n_estimators_ < 500          # scikit-learn stops on this set too
    no_stop = GradientBoostingClassifier(n_estimators=30).fit(X, y)
    assert no_stop.n_estimators_ == 30


def test_sample_weight_as_repeats():
    """Integer weights act like repeated rows (exact bins: few distinct values)."""
    rng = np.random.default_rng(0)
    X = rng.integers(0, 30, size=(120, 3)).astype(float)
    y = X[:, 0] - 2 * X[:, 1] + rng.normal(size=120)
    w = rng.integers(1, 4, 120)
    kw = dict(n_estimators=10, max_depth=2)
    a = GradientBoostingRegressor(**kw).fit(X, y, sample_weight=w)
    b = GradientBoostingRegressor(**kw).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    assert np.allclose(a.predict(X), b.predict(X))


# -------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("params, match", [
    ({"loss": "hinge"}, "loss"), ({"learning_rate": 0.0}, "learning_rate"),
    ({"learning_rate": -1.0}, "learning_rate"), ({"subsample": 0.0}, "subsample"),
    ({"subsample": 1.5}, "subsample"), ({"n_estimators": 0}, "n_estimators"),
    ({"line_search": "global"}, "line_search"), ({"init": "mean"}, "init")])
def test_bad_parameters_raise_value_error(params, match):
    X, y = make_moons(n_samples=40, random_state=0)
    with pytest.raises(ValueError, match=match):
        GradientBoostingClassifier(**params).fit(X, y)


def test_bad_data_raise_value_error():
    X, y = make_classification(n_samples=60, n_classes=3, n_informative=3, random_state=0)
    with pytest.raises(ValueError, match="exponential.*3 classes"):
        GradientBoostingClassifier(loss="exponential").fit(X, y)
    Xn = X.copy()
    Xn[3, 1] = np.inf          # NaN is a missing value now (tests/test_missing_values.py)
    with pytest.raises(ValueError, match="infinity"):
        GradientBoostingClassifier().fit(Xn, y)
    with pytest.raises(ValueError, match="NaN"):
        GradientBoostingRegressor().fit(X, np.where(np.arange(60) == 5, np.nan, 1.0))
    clf = GradientBoostingClassifier(n_estimators=3).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        clf.predict(X[:, :4])
    with pytest.raises(ValueError, match="continuous"):
        GradientBoostingClassifier().fit(X, np.linspace(0, 1, 60))
    with pytest.raises(ValueError, match="alpha"):
        GradientBoostingRegressor(loss="quantile", alpha=1.0).fit(X, y.astype(float))
    with pytest.raises(ValueError, match="not fitted"):
        GradientBoostingRegressor().predict(X)


# ------------------------------------------------------------------------- property-based tests
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(8, 60), lr=st.floats(0.05, 1.0))
def test_property_squared_error_loss_monotone_and_permutation_invariant(seed, n, lr):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 6, size=(n, 2)).astype(float)      # many ties on purpose
    y = rng.normal(size=n)
    kw = dict(n_estimators=8, max_depth=2, learning_rate=lr)
    gb = GradientBoostingRegressor(**kw).fit(X, y)
    assert np.all(np.diff(gb.train_score_) <= 1e-10 * max(gb.train_score_[0], 1e-12))
    perm = rng.permutation(n)
    gb2 = GradientBoostingRegressor(**kw).fit(X[perm], y[perm])
    assert np.allclose(gb.predict(X), gb2.predict(X), atol=1e-8)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 4))
def test_property_probabilities_are_distributions(seed, k):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 3))
    y = np.arange(40) % k
    clf = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=seed).fit(X, y)
    p = clf.predict_proba(X)
    assert p.shape == (40, k) and np.all(p >= 0) and np.allclose(p.sum(axis=1), 1.0)
    assert np.array_equal(clf.classes_[np.argmax(p, axis=1)], clf.predict(X))


# ------------------------------------------------------------------------------ painted surfaces
from algorithms.surface import staged_surfaces, tree_grid  # noqa: E402


def _grid(X, nx=37, ny=29):
    # include points exactly on a coordinate of the data, where "x <= threshold" ties matter
    xs = np.union1d(np.linspace(X[:, 0].min() - 0.3, X[:, 0].max() + 0.3, nx), X[:5, 0])
    ys = np.union1d(np.linspace(X[:, 1].min() - 0.3, X[:, 1].max() + 0.3, ny), X[:5, 1])
    pts = np.column_stack([np.tile(xs, len(ys)), np.repeat(ys, len(xs))])
    return xs, ys, pts


@pytest.mark.parametrize("kind, depth", [("binary", 3), ("binary", 8), ("multiclass", 2),
                                         ("regressor", 3)])
def test_painted_surfaces_equal_staged_predictions(kind, depth):
    X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
    if kind == "multiclass":
        y = y + (X[:, 0] > 1.0)
    if kind == "regressor":
        model = GradientBoostingRegressor(n_estimators=12, max_depth=depth).fit(X, X[:, 0] * y)
        staged = list(model.staged_predict(_grid(X)[2]))
    else:
        model = GradientBoostingClassifier(n_estimators=12, max_depth=depth).fit(X, y)
        staged = list(model.staged_decision_function(_grid(X)[2]))
    xs, ys, pts = _grid(X)
    G = staged_surfaces(model, xs, ys)  # painted leaf by leaf (the model's surface_terms)
    assert G.shape[:3] == (12, len(ys), len(xs))
    for t in range(12):
        assert np.allclose(G[t].reshape(len(pts), -1), np.reshape(staged[t], (len(pts), -1)))
    if kind != "regressor":
        P = model.proba_from_scores(G[-1].reshape(len(pts), -1))
        assert np.allclose(P, model.predict_proba(pts))


def test_tree_grid_equals_tree_predict_and_rejects_other_dimensions():
    X, y = make_moons(n_samples=200, noise=0.3, random_state=1)
    est = DecisionTreeRegressor(max_depth=6).fit(X, y)
    xs, ys, pts = _grid(X)
    assert np.allclose(tree_grid(est.tree_, xs, ys).reshape(len(pts)), est.predict(pts))
    X3 = np.column_stack([X, X[:, 0]])
    model = GradientBoostingClassifier(n_estimators=2).fit(X3, y)
    assert model.surface_terms() is None  # three features: nothing to paint on a plane


# ------------------------------------------------------------------- scikit-learn's estimator checks
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from tests.sklearn_adapter import adapted_instance  # noqa: E402

# No check is expected to fail; list any that does here with its reason.
EXPECTED_FAILURES: dict[str, dict[str, str]] = {}


@parametrize_with_checks(
    [adapted_instance(GradientBoostingClassifier(n_estimators=10)),
     adapted_instance(GradientBoostingRegressor(n_estimators=10))],
    expected_failed_checks=lambda e: EXPECTED_FAILURES.get(type(e).__name__, {}))
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.mark.parametrize("params, match", [
    ({"n_estimators": 10**9}, r"n_estimators.*\[1, 10000\]"),
    ({"max_features": 10**9}, "max_features = 1000000000 is larger than the number of features"),
])
def test_huge_parameters_name_their_bound(params, match):
    X, y = make_classification(80, 4, random_state=0)
    for cls in (GradientBoostingClassifier, GradientBoostingRegressor):
        with pytest.raises(ValueError, match=match):
            cls(**params).fit(X, y)
