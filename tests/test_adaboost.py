r"""AdaBoost exactly as docs/lecture.md §3, checked against hand-computed numbers and the lecture's algebra.

u_1 = 1;  eps_t = sum u_t [f_t != y] / Z_t;  d_t = sqrt((1 - eps_t) / eps_t);  alpha_t = ln d_t;
u_{t+1} = u_t exp(-y f_t alpha_t);  H = sign(g),  g = sum alpha_t f_t;
training error <= (1/N) sum exp(-y g) = Z_{T+1} / N = prod_t 2 sqrt(eps_t (1 - eps_t)).
"""

from __future__ import annotations

import csv
import json
import pathlib
from fractions import Fraction

import numpy as np
import pytest
from sklearn import datasets
from sklearn.ensemble import AdaBoostClassifier as SkAdaBoost
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier as SkTree

from algorithms import AdaBoostClassifier, BaseEstimator, ClassifierMixin, DecisionTreeClassifier

TOY = pathlib.Path(__file__).resolve().parents[1] / "assets" / "adaboost_toy.csv"


def load_toy():
    with open(TOY, newline="") as fh:
        rows = list(csv.DictReader(fh))
    X = np.array([[float(r["x1"]), float(r["x2"])] for r in rows])
    y = np.array([float(r["y"]) for r in rows]).astype(int)
    return X, y


def f_of(est, X, classes):
    """A learner's output as the lecture's f_t(x) in {-1, +1} (classes[1] is +1), whether the
    learner was trained on the original labels, on {-1, +1} or on class indices {0, 1}."""
    p = np.asarray(est.predict(X))
    vals = set(np.unique(p).tolist())
    if vals <= set(np.asarray(classes).tolist()):
        return np.where(p == classes[1], 1.0, -1.0)
    if vals <= {-1, 1}:
        return p.astype(float)
    assert vals <= {0, 1}, vals
    return np.where(p == 1, 1.0, -1.0)


def signed(y, classes):
    return np.where(np.asarray(y) == classes[1], 1.0, -1.0)


def binary_sets():
    rng = np.random.default_rng(0)
    X1, y1 = datasets.make_moons(300, noise=0.3, random_state=0)
    X2, y2 = datasets.make_classification(400, 6, n_informative=4, random_state=1)
    X3, y3 = datasets.load_breast_cancer(return_X_y=True)
    X4 = rng.normal(size=(300, 2))
    y4 = np.where(X4[:, 0] ** 2 + X4[:, 1] ** 2 > 1.2, "out", "in")  # string labels, a circle
    return {"moons": (X1, y1), "classification": (X2, y2), "breast_cancer": (X3, y3),
            "circle": (X4, y4)}


# ------------------------------------------------------------------------------------------------
# the lecture's toy example
# ------------------------------------------------------------------------------------------------
def test_lecture_toy_example():
    X, y = load_toy()
    assert X.shape == (10, 2)
    ada = AdaBoostClassifier(n_estimators=3).fit(X, y)
    assert len(ada.estimators_) == 3
    np.testing.assert_allclose(ada.estimator_errors_, [0.300, 0.214, 0.136], atol=1e-3)
    np.testing.assert_allclose(ada.estimator_weights_, [0.424, 0.650, 0.923], atol=1e-3)
    np.testing.assert_allclose(np.exp(ada.estimator_weights_), [1.528, 1.915, 2.517], atol=1e-3)
    # d_t = sqrt((1 - eps) / eps), alpha = ln d
    eps = np.asarray(ada.estimator_errors_)
    np.testing.assert_allclose(ada.estimator_weights_, np.log(np.sqrt((1 - eps) / eps)), rtol=1e-12)
    assert ada.score(X, y) == 1.0
    ys = signed(y, ada.classes_)
    wrong = [f_of(e, X, ada.classes_) != ys for e in ada.estimators_]
    assert [int(w.sum()) for w in wrong] == [3, 3, 3]
    # round 2 errs on three points round 1 got right; round 3 on three of the four both got right
    assert not np.any(wrong[1] & wrong[0])
    both_right = ~wrong[0] & ~wrong[1]
    assert both_right.sum() == 4
    assert np.all(both_right[wrong[2]])
    # each round is a stump (an axis-aligned line)
    for e in ada.estimators_:
        assert e.get_depth() == 1
    np.testing.assert_allclose(ada.sample_weights_[0], 1.0)


def test_toy_stumps_match_the_documented_rounds():
    """assets/adaboost_toy.json documents each round's stump. Round 1 has an exact Gini tie
    (x1 <= 2.5 vs x1 <= 8.5): the lower threshold must win, deterministically."""
    X, y = load_toy()
    rounds = json.loads(TOY.with_suffix(".json").read_text())["rounds"]
    ada = AdaBoostClassifier(n_estimators=3).fit(X, y)
    ys = signed(y, ada.classes_)
    for r, est in zip(rounds, ada.estimators_):
        t = est.tree_
        assert (int(t.feature[0]), float(t.threshold[0])) == (r["feature"], r["threshold"])
        miss = np.flatnonzero(f_of(est, X, ada.classes_) != ys)
        assert miss.tolist() == r["misclassified"]
        assert ada.estimator_errors_[r["t"] - 1] == pytest.approx(float(Fraction(r["epsilon_fraction"])),
                                                                   rel=1e-12)


def test_toy_bound_and_weights_by_hand():
    """The same ten points, recomputed by hand from the recorded stumps."""
    X, y = load_toy()
    ada = AdaBoostClassifier(n_estimators=3).fit(X, y)
    ys = signed(y, ada.classes_)
    u = np.ones(10)
    for t, est in enumerate(ada.estimators_):
        np.testing.assert_allclose(ada.sample_weights_[t], u, rtol=1e-12)
        miss = f_of(est, X, ada.classes_) != ys
        eps = u[miss].sum() / u.sum()
        d = np.sqrt((1 - eps) / eps)
        u = np.where(miss, u * d, u / d)
    # Z_4 / N = prod 2 sqrt(eps (1 - eps)) = (2 sqrt(.21))(2 sqrt(3/14 * 11/14))(2 sqrt(3/22 * 19/22))
    by_hand = (2 * np.sqrt(0.3 * 0.7)) * (2 * np.sqrt(3 / 14 * 11 / 14)) * (2 * np.sqrt(3 / 22 * 19 / 22))
    assert u.sum() / 10 == pytest.approx(by_hand, rel=1e-9)
    assert ada.error_bound_[-1] == pytest.approx(by_hand, rel=1e-9)


# ------------------------------------------------------------------------------------------------
# the lecture's algebra, on several data sets
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["moons", "classification", "breast_cancer", "circle"])
def test_reweighting_follows_the_lecture(name):
    X, y = binary_sets()[name]
    T = 25
    ada = AdaBoostClassifier(n_estimators=T, random_state=0).fit(X, y)
    assert ada.stop_reason_ is None and len(ada.estimators_) == T
    classes = ada.classes_
    assert len(classes) == 2
    ys = signed(y, classes)
    U = np.asarray(ada.sample_weights_)
    eps, alpha = np.asarray(ada.estimator_errors_), np.asarray(ada.estimator_weights_)
    assert U.shape == (T, len(y)) and eps.shape == alpha.shape == (T,)
    np.testing.assert_array_equal(U[0], 1.0)                       # u_1 = 1
    g = np.zeros(len(y))
    u = U[0]
    for t, est in enumerate(ada.estimators_):
        f = f_of(est, X, classes)
        miss = f != ys
        assert eps[t] == pytest.approx(u[miss].sum() / u.sum(), rel=1e-9, abs=1e-12)
        assert 0 < eps[t] < 0.5
        assert alpha[t] == pytest.approx(0.5 * np.log((1 - eps[t]) / eps[t]), rel=1e-9)
        u_next = u * np.exp(-ys * f * alpha[t])                    # u_{t+1} = u_t exp(-y f alpha)
        if t + 1 < T:
            np.testing.assert_allclose(U[t + 1], u_next, rtol=1e-9)
        # f_t is no better than chance on u_{t+1}
        assert u_next[miss].sum() / u_next.sum() == pytest.approx(0.5, abs=1e-9)
        u = u_next
        g += alpha[t] * f
    bound = np.cumprod(2 * np.sqrt(eps * (1 - eps)))
    np.testing.assert_allclose(ada.error_bound_, bound, rtol=1e-9)
    assert np.all(np.diff(ada.error_bound_) < 0)                    # each factor < 1
    # Z_{T+1} / N = (1/N) sum exp(-y g) = the bound
    assert u.sum() / len(y) == pytest.approx(bound[-1], rel=1e-9)
    np.testing.assert_allclose(ada.decision_function(X), g, rtol=1e-9, atol=1e-12)
    assert np.mean(np.exp(-ys * g)) == pytest.approx(bound[-1], rel=1e-9)
    # H = sign(g)
    np.testing.assert_array_equal(ada.predict(X), np.where(g > 0, classes[1], classes[0]))
    # the bound holds at every round
    for t, pred in enumerate(ada.staged_predict(X)):
        assert np.mean(pred != y) <= ada.error_bound_[t] + 1e-12


@pytest.mark.parametrize("name", ["moons", "circle"])
def test_staged_outputs_end_at_the_final_model(name):
    X, y = binary_sets()[name]
    ada = AdaBoostClassifier(n_estimators=12, random_state=0).fit(X, y)
    Xt = X[::3] + 0.05
    dec = list(ada.staged_decision_function(Xt))
    pred = list(ada.staged_predict(Xt))
    proba = list(ada.staged_predict_proba(Xt))
    assert len(dec) == len(pred) == len(proba) == 12
    np.testing.assert_allclose(dec[-1], ada.decision_function(Xt))
    np.testing.assert_array_equal(pred[-1], ada.predict(Xt))
    np.testing.assert_allclose(proba[-1], ada.predict_proba(Xt))
    # g_t = g_{t-1} + alpha_t f_t
    for t in range(1, 12):
        step = ada.estimator_weights_[t] * f_of(ada.estimators_[t], Xt, ada.classes_)
        np.testing.assert_allclose(dec[t] - dec[t - 1], step, atol=1e-10)
    P = ada.predict_proba(Xt)
    assert P.shape == (len(Xt), 2)
    np.testing.assert_allclose(P.sum(1), 1.0)
    assert np.all((P >= 0) & (P <= 1))
    np.testing.assert_array_equal(ada.classes_[P.argmax(1)], ada.predict(Xt))
    # a larger g means a larger probability of classes_[1]
    g = ada.decision_function(Xt)
    order = np.argsort(g)
    assert np.all(np.diff(P[order, 1]) >= -1e-12)


def test_training_error_goes_to_zero_on_learnable_data():
    """The guarantee: while eps_t < 0.5, the training error is driven to zero (bounded by a falling
    product)."""
    X, y = datasets.make_moons(200, noise=0.1, random_state=0)
    ada = AdaBoostClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=150,
                             random_state=0).fit(X, y)
    assert ada.error_bound_[-1] < 0.2
    errs = [np.mean(p != y) for p in ada.staged_predict(X)]
    assert errs[-1] == 0.0
    assert errs[-1] <= ada.error_bound_[-1]


# ------------------------------------------------------------------------------------------------
# early stopping
# ------------------------------------------------------------------------------------------------
def test_eps_zero_stops_early():
    """Separable data and an unlimited tree: f_1 is perfect, eps_1 = 0, alpha would be infinite;
    training stops after round 1 and says why."""
    X, y = datasets.make_blobs(100, centers=[[-3, 0], [3, 0]], cluster_std=0.5, random_state=0)
    ada = AdaBoostClassifier(DecisionTreeClassifier(), n_estimators=10).fit(X, y)
    assert len(ada.estimators_) == 1
    assert ada.estimator_errors_[0] == 0.0
    r = ada.stop_reason_
    assert r["code"] == r.code == "perfect_fit" and r["round"] == 1 and r["epsilon"] == 0.0
    assert dict(r) == {"code": "perfect_fit", "round": 1, "epsilon": 0.0, "floor": 1e-10}
    assert str(r).startswith("round 1: epsilon = 0")  # the English sentence, numbers filled in
    assert len(ada.estimator_weights_) == len(ada.sample_weights_) == len(ada.error_bound_) == 1
    assert ada.error_bound_[-1] == 0.0
    assert ada.score(X, y) == 1.0
    P = ada.predict_proba(X)
    assert np.all(np.isfinite(P))
    np.testing.assert_allclose(P.sum(1), 1.0)
    assert len(list(ada.staged_predict(X))) == 1


class _GoodThenBad(ClassifierMixin, BaseEstimator):
    """Test-local learner: a stump on uniform weights; on any other weights the constant class of
    smaller total weight, whose weighted error is >= 0.5."""

    def __init__(self, depth=1):
        self.depth = depth

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
        if np.allclose(w, w[0]):
            self.tree_model_ = DecisionTreeClassifier(max_depth=self.depth).fit(X, y)
            self.const_ = None
        else:
            totals = [w[y == c].sum() for c in self.classes_]
            self.const_ = self.classes_[int(np.argmin(totals))]
        return self

    def predict(self, X):
        if self.const_ is None:
            return self.tree_model_.predict(X)
        return np.full(len(X), self.const_)


def test_eps_at_least_half_stops_early():
    X, y = datasets.make_moons(200, noise=0.3, random_state=0)
    ada = AdaBoostClassifier(_GoodThenBad(), n_estimators=10).fit(X, y)
    r = ada.stop_reason_
    assert r["code"] == "no_better_than_chance" and r["round"] == 2 and r["chance"] == 0.5
    assert r["epsilon"] >= 0.5
    assert f"round 2: epsilon = {r['epsilon']:.4f} >= 0.50" in str(r)
    assert len(ada.estimators_) == 1  # the worse-than-chance learner is not kept
    assert (len(ada.estimator_errors_) == len(ada.estimator_weights_) == len(ada.sample_weights_)
            == len(ada.error_bound_) == 1)
    assert 0 < ada.estimator_errors_[0] < 0.5 and ada.estimator_weights_[0] > 0
    ref = DecisionTreeClassifier(max_depth=1).fit(X, y)
    np.testing.assert_array_equal(ada.predict(X), ref.predict(X))


def test_no_stop_reason_when_all_rounds_run():
    X, y = datasets.make_moons(200, noise=0.3, random_state=0)
    ada = AdaBoostClassifier(n_estimators=5).fit(X, y)
    assert ada.stop_reason_ is None and len(ada.estimators_) == 5


# ------------------------------------------------------------------------------------------------
# re-sampling for learners without sample_weight
# ------------------------------------------------------------------------------------------------
class _NoWeightStump(ClassifierMixin, BaseEstimator):
    """Test-local learner whose fit has no sample_weight: a stump, remembering the rows it saw."""

    def __init__(self, depth=1):
        self.depth = depth

    def fit(self, X, y):
        self.model_ = DecisionTreeClassifier(max_depth=self.depth).fit(X, y)
        self.classes_ = self.model_.classes_
        self.seen_ = np.asarray(X).copy()
        return self

    def predict(self, X):
        return self.model_.predict(X)


def test_resampling_path_for_learner_without_sample_weight():
    X, y = datasets.make_moons(300, noise=0.3, random_state=0)
    X = X + np.arange(300)[:, None] * 1e-9  # every row unique, so seen rows can be traced back
    ada = AdaBoostClassifier(_NoWeightStump(), n_estimators=8, random_state=0).fit(X, y)
    assert len(ada.estimators_) == 8
    classes = ada.classes_
    ys = signed(y, classes)
    key = {tuple(r): i for i, r in enumerate(X)}
    u = np.ones(len(y))
    for t, est in enumerate(ada.estimators_):
        np.testing.assert_allclose(ada.sample_weights_[t], u, rtol=1e-9)
        drawn = np.array([key[tuple(r)] for r in est.seen_])  # raises if a row is not from X
        assert len(drawn) == len(y) and len(np.unique(drawn)) < len(y)  # drawn with replacement
        if t == 1:
            # round 2 draws by u_2: f_1's mistakes hold half of the weight, far more than their share
            miss1 = f_of(ada.estimators_[0], X, classes) != ys
            assert miss1.mean() < 0.3
            assert miss1[drawn].mean() > 0.38
        f = f_of(est, X, classes)
        miss = f != ys
        # eps_t is measured on the whole training set under u_t, not on the drawn sample
        assert ada.estimator_errors_[t] == pytest.approx(u[miss].sum() / u.sum(), rel=1e-9)
        u = u * np.exp(-ys * f * ada.estimator_weights_[t])
    again = AdaBoostClassifier(_NoWeightStump(), n_estimators=8, random_state=0).fit(X, y)
    np.testing.assert_array_equal(again.estimators_[5].seen_, ada.estimators_[5].seen_)


# ------------------------------------------------------------------------------------------------
# K = 2 vs SAMME, and multiclass
# ------------------------------------------------------------------------------------------------
def _unique_stump_data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 40, (300, 3)).astype(float)
    y = ((X[:, 0] - 20) ** 2 + (X[:, 1] - 20) ** 2 + rng.normal(0, 80, 300) < 200).astype(int)
    return X, y


def test_binary_alpha_is_half_of_sklearn_samme_and_H_is_the_same():
    """scikit-learn's AdaBoostClassifier runs SAMME, whose alpha for K = 2 is ln((1-eps)/eps),
    twice the lecture's; H = sign(g) is the same. On this integer-valued data (<= 256 distinct
    values, exact thresholds) scikit-learn grows the same stumps whatever its seed (checked), so
    the two runs must pick the same stumps."""
    X, y = _unique_stump_data()
    T = 15
    sks = [SkAdaBoost(SkTree(max_depth=1), n_estimators=T, random_state=s).fit(X, y) for s in range(3)]
    for other in sks[1:]:
        np.testing.assert_array_equal(other.estimator_weights_, sks[0].estimator_weights_)
    sk = sks[0]
    ada = AdaBoostClassifier(n_estimators=T).fit(X, y)
    np.testing.assert_allclose(ada.estimator_errors_, sk.estimator_errors_, rtol=1e-9)
    np.testing.assert_allclose(2 * np.asarray(ada.estimator_weights_), sk.estimator_weights_,
                               rtol=1e-9)
    grid = np.stack(np.meshgrid(np.arange(-1, 41, 3.0), np.arange(-1, 41, 3.0), [0.0, 20.0, 39.0]),
                    -1).reshape(-1, 3)
    np.testing.assert_array_equal(ada.predict(grid), sk.predict(grid))
    np.testing.assert_array_equal(ada.predict(X), sk.predict(X))
    doc = (AdaBoostClassifier.__doc__ or "") + (__import__(AdaBoostClassifier.__module__,
                                                           fromlist=["x"]).__doc__ or "")
    assert "SAMME" in doc


def test_samme_multiclass_weights():
    r"""SAMME (K classes): alpha_t = ln((1 - eps_t)/eps_t) + ln(K - 1); the misclassified rows'
    weights grow by exp(alpha_t) relative to the correct ones."""
    X, y = datasets.load_iris(return_X_y=True)
    ada = AdaBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    K = 3
    eps, alpha = np.asarray(ada.estimator_errors_), np.asarray(ada.estimator_weights_)
    T = len(ada.estimators_)
    assert T >= 5
    np.testing.assert_allclose(alpha, np.log((1 - eps) / eps) + np.log(K - 1), rtol=1e-9)
    U = np.asarray(ada.sample_weights_)
    np.testing.assert_array_equal(U[0], 1.0)
    for t in range(T - 1):
        miss = ada.estimators_[t].predict(X) != y
        assert eps[t] == pytest.approx(U[t][miss].sum() / U[t].sum(), rel=1e-9)
        ratio = U[t + 1] / U[t]
        assert np.ptp(ratio[miss]) < 1e-9 * ratio[miss].max()
        assert np.ptp(ratio[~miss]) < 1e-9 * ratio[~miss].max()
        assert ratio[miss][0] / ratio[~miss][0] == pytest.approx(np.exp(alpha[t]), rel=1e-9)
    D = ada.decision_function(X)
    assert D.shape == (150, 3)
    np.testing.assert_array_equal(ada.predict(X), ada.classes_[D.argmax(1)])
    P = ada.predict_proba(X)
    np.testing.assert_allclose(P.sum(1), 1.0)
    np.testing.assert_array_equal(ada.classes_[P.argmax(1)], ada.predict(X))
    stages = list(ada.staged_predict(X))
    assert len(stages) == T
    np.testing.assert_array_equal(stages[-1], ada.predict(X))
    np.testing.assert_allclose(list(ada.staged_decision_function(X))[-1], D)
    np.testing.assert_allclose(list(ada.staged_predict_proba(X))[-1], P)


def test_samme_iris_accuracy_close_to_sklearn():
    X, y = datasets.load_iris(return_X_y=True)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))

    def cv(make):
        return np.mean([make().fit(X[a], y[a]).score(X[b], y[b]) for a, b in folds])

    ours = cv(lambda: AdaBoostClassifier(n_estimators=30, random_state=0))
    theirs = [cv(lambda: SkAdaBoost(SkTree(max_depth=1), n_estimators=30, random_state=s))
              for s in range(2)]
    assert min(theirs) - 0.02 <= ours <= max(theirs) + 0.02, (ours, theirs)
    assert ours > 0.9


@pytest.mark.parametrize("name", ["moons", "breast_cancer"])
def test_binary_accuracy_close_to_sklearn(name):
    X, y = binary_sets()[name]
    folds = list(StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))

    def cv(make):
        return np.mean([make().fit(X[a], y[a]).score(X[b], y[b]) for a, b in folds])

    ours = cv(lambda: AdaBoostClassifier(n_estimators=25, random_state=0))
    theirs = [cv(lambda: SkAdaBoost(SkTree(max_depth=1), n_estimators=25, random_state=s))
              for s in range(2)]
    assert min(theirs) - 0.02 <= ours <= max(theirs) + 0.02, (ours, theirs)


def test_reproducible_and_refit_clears():
    X, y = datasets.make_moons(200, noise=0.3, random_state=0)
    a = AdaBoostClassifier(n_estimators=6, random_state=1).fit(X, y)
    b = AdaBoostClassifier(n_estimators=6, random_state=1).fit(X, y)
    np.testing.assert_array_equal(a.estimator_weights_, b.estimator_weights_)
    np.testing.assert_array_equal(a.decision_function(X), b.decision_function(X))
    a.set_params(n_estimators=3).fit(X, y)
    assert len(a.estimators_) == 3 and len(a.estimator_weights_) == 3
    assert np.asarray(a.sample_weights_).shape == (3, 200)


def test_default_estimator_is_a_stump():
    X, y = datasets.make_moons(200, noise=0.3, random_state=0)
    ada = AdaBoostClassifier(n_estimators=4).fit(X, y)
    assert ada.get_params()["estimator"] is None
    for e in ada.estimators_:
        assert e.get_depth() == 1 and e.get_n_leaves() == 2
