"""MLPs on the neural-network core: parity with scikit-learn's MLPs (step for step from the same
start, accuracy over seeds), sample weights, stopping rules, early stopping, partial_fit,
warm_start, learning-rate schedules, divergence, bounds and bad input. The core's gradients are
checked in test_nn_core."""

import warnings

import numpy as np
import pytest
from sklearn import neural_network as sk_nn
from sklearn.datasets import load_wine, make_classification, make_regression
from sklearn.preprocessing import StandardScaler

from algorithms import MLPClassifier, MLPRegressor
from algorithms._base import has_fit_parameter
from algorithms.linear_model import ConvergenceWarning
from algorithms.neural_network import MAX_HIDDEN_UNITS, MAX_ITER
from algorithms.nn import Network

pytestmark = pytest.mark.filterwarnings("ignore::algorithms.linear_model.ConvergenceWarning",
                                        "ignore::sklearn.exceptions.ConvergenceWarning")


_CLF = {
    "binary": make_classification(1500, 10, n_informative=5, random_state=0),
    "multiclass": make_classification(1500, 10, n_informative=6, n_classes=3, random_state=1),
    "wine": (StandardScaler().fit_transform(load_wine().data), load_wine().target),
}


def _mean_scores(Ours, Ref, X, y, seeds=(0, 1, 2), **kw):
    idx = np.random.default_rng(0).permutation(len(y))
    cut = int(0.4 * len(y))
    tr, te = idx[:cut], idx[cut:]
    ours = [Ours(random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te]) for s in seeds]
    ref = [Ref(random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te]) for s in seeds]
    return np.mean(ours), np.mean(ref)


@pytest.mark.parametrize("name, activation, solver", [
    ("binary", "logistic", "adam"), ("binary", "tanh", "adam"), ("binary", "relu", "sgd"),
    ("multiclass", "relu", "adam"), ("multiclass", "tanh", "sgd"), ("wine", "logistic", "adam"),
])
def test_classifier_accuracy_within_1_5_points_of_sklearn(name, activation, solver):
    # Different random initialisations, so compare the mean over three seeds; alpha = 1 makes the
    # optimum less dependent on the starting point.
    X, y = _CLF[name]
    ours, ref = _mean_scores(MLPClassifier, sk_nn.MLPClassifier, X, y, hidden_layer_sizes=(16,),
                             activation=activation, solver=solver, alpha=1.0, max_iter=150,
                             learning_rate_init=0.01)
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("hidden, activation", [((32,), "relu"), ((16, 8), "tanh")])
def test_regressor_r2_within_1_5_points_of_sklearn(hidden, activation):
    X, y = make_regression(1000, 8, noise=10.0, random_state=2)
    y = (y - y.mean()) / y.std()
    ours, ref = _mean_scores(MLPRegressor, sk_nn.MLPRegressor, X, y, hidden_layer_sizes=hidden,
                             activation=activation, max_iter=200, learning_rate_init=0.01)
    assert abs(ours - ref) <= 0.015, (ours, ref)


@pytest.mark.parametrize("Est", [MLPClassifier, MLPRegressor])
@pytest.mark.filterwarnings("ignore:batch_size=10000 is larger")
def test_integer_weights_equal_repeated_rows_in_full_batch_training(Est):
    # Full batch and no shuffling: each step's gradient is the weighted mean of the sample
    # gradients, the same number for weights and for repeated rows.
    X, y = _CLF["multiclass"]
    X, y = X[:200], y[:200]
    w = np.random.default_rng(0).integers(0, 4, len(y))
    kw = dict(hidden_layer_sizes=(6, 5), activation="tanh", batch_size=10_000, shuffle=False,
              max_iter=30, tol=0.0, n_iter_no_change=1000, random_state=3, solver="sgd",
              learning_rate_init=0.05)
    a = Est(**kw).fit(X, y, sample_weight=w)
    b = Est(**kw).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    for Wa, Wb in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
        np.testing.assert_allclose(Wa, Wb, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(a.loss_curve_, b.loss_curve_, rtol=1e-9)
    assert has_fit_parameter(Est(), "sample_weight")


def test_training_curve_and_stopping_rule():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=60, random_state=0).fit(X, y)
    assert len(m.loss_curve_) == m.n_iter_ <= 60
    assert m.loss_curve_[-1] < m.loss_curve_[0]
    # With a huge tol only the first epoch improves (on an infinite best loss); training stops
    # once n_iter_no_change + 1 epochs in a row have not improved - as scikit-learn's rule does.
    quick = MLPClassifier(hidden_layer_sizes=(8,), tol=10.0, n_iter_no_change=3,
                          random_state=0).fit(X, y)
    ref = sk_nn.MLPClassifier(hidden_layer_sizes=(8,), tol=10.0, n_iter_no_change=3,
                              random_state=0).fit(X, y)
    assert quick.n_iter_ == ref.n_iter_ == 1 + 3 + 1
    with pytest.warns(ConvergenceWarning, match="maximum iterations"):
        MLPClassifier(hidden_layer_sizes=(4,), max_iter=2, random_state=0).fit(X, y)


def test_random_state_reproducible_and_sigmoid_alias():
    X, y = _CLF["binary"]
    kw = dict(hidden_layer_sizes=(5, 4), max_iter=5)
    a = MLPClassifier(activation="sigmoid", random_state=11, **kw).fit(X, y)
    b = MLPClassifier(activation="logistic", random_state=11, **kw).fit(X, y)
    np.testing.assert_array_equal(a.predict_proba(X), b.predict_proba(X))
    c = MLPClassifier(activation="logistic", random_state=12, **kw).fit(X, y)
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])
    assert [W.shape for W in a.coefs_] == [(10, 5), (5, 4), (4, 1)]


def test_string_labels_proba_and_forward():
    X, y = _CLF["multiclass"]
    labels = np.array(["r", "g", "b"])[y]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=20, random_state=0).fit(X, labels)
    assert list(m.classes_) == ["b", "g", "r"]
    proba = m.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert set(m.predict(X)) <= {"r", "g", "b"}
    layers = m.forward(X[:5])
    assert [a.shape for a in layers] == [(5, 10), (5, 8), (5, 3)]
    np.testing.assert_allclose(layers[-1], proba[:5])
    r = MLPRegressor(hidden_layer_sizes=(4,), max_iter=5, random_state=0).fit(X, y.astype(float))
    assert r.predict(X).shape == (len(y),)


@pytest.mark.parametrize("params, name", [
    (dict(hidden_layer_sizes=(0,)), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=()), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=(3, "a")), "hidden_layer_sizes"),
    (dict(hidden_layer_sizes=-2), "hidden_layer_sizes"),
    (dict(activation="softplus"), "activation"), (dict(solver="lbfgs"), "solver"),
    (dict(learning_rate_init=0.0), "learning_rate_init"), (dict(alpha=-1.0), "alpha"),
    (dict(batch_size=0), "batch_size"), (dict(max_iter=0), "max_iter"),
    (dict(momentum=1.5), "momentum"), (dict(beta_2=1.0), "beta_2"),
])
def test_absurd_parameters_are_rejected_by_name(params, name):
    X, y = _CLF["binary"]
    with pytest.raises(ValueError, match=name):
        MLPClassifier(**params).fit(X, y)


def test_bad_data():
    X, y = _CLF["binary"]
    bad = X.copy()
    bad[1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        MLPClassifier().fit(bad, y)
    with pytest.raises(ValueError, match="1 class"):
        MLPClassifier().fit(X, np.zeros(len(y)))
    m = MLPRegressor(hidden_layer_sizes=(3,), max_iter=2).fit(X, y.astype(float))
    with pytest.raises(ValueError, match="4 features, but MLPRegressor is expecting 10"):
        m.predict(X[:, :4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="not fitted"):
            MLPClassifier().predict(X)


# ---------------------------------------------------------------------------------------------
# Step for step against scikit-learn: same starting weights (scikit-learn's Glorot draws put in
# through warm_start), no shuffling, so every update must be scikit-learn's.
# ---------------------------------------------------------------------------------------------

def _sklearn_start(seed, units, activation):
    rs = np.random.RandomState(seed)
    coefs, intercepts = [], []
    for a, b in zip(units[:-1], units[1:]):
        r = np.sqrt((2.0 if activation == "logistic" else 6.0) / (a + b))
        coefs.append(rs.uniform(-r, r, (a, b)))
        intercepts.append(rs.uniform(-r, r, b))
    return coefs, intercepts


def _ours_from_sklearn_start(Est, X, y, sample_weight=None, **kw):
    m = Est(warm_start=True, **{**kw, "max_iter": 1}).fit(X, y, sample_weight=sample_weight)
    units = [X.shape[1], *kw["hidden_layer_sizes"], m.n_outputs_]
    m.coefs_, m.intercepts_ = _sklearn_start(kw["random_state"], units, kw["activation"])
    m.loss_curve_, m.t_, m.best_loss_ = [], 0, np.inf   # as if this were the first fit
    return m.set_params(max_iter=kw["max_iter"]).fit(X, y, sample_weight=sample_weight)


@pytest.mark.parametrize("Est, data, activation, solver, extra", [
    ("clf", "binary", "relu", "adam", {}),
    ("clf", "multiclass", "tanh", "sgd", {}),
    ("clf", "multiclass", "logistic", "sgd", dict(learning_rate="invscaling", power_t=0.3,
                                                   learning_rate_init=0.5)),
    ("clf", "binary", "relu", "sgd", dict(learning_rate="adaptive", tol=1e-2, n_iter_no_change=2,
                                          nesterovs_momentum=False)),
    ("reg", "regression", "tanh", "adam", {}),
    ("reg", "regression", "identity", "sgd", dict(momentum=0.5)),
])
@pytest.mark.parametrize("weighted", [False, True])
def test_same_updates_as_sklearn_from_the_same_start(Est, data, activation, solver, extra,
                                                     weighted):
    if Est == "reg":
        X, y = make_regression(300, 6, noise=5.0, random_state=0)
        X, y = StandardScaler().fit_transform(X), (y - y.mean()) / y.std()
        ours_cls, ref_cls = MLPRegressor, sk_nn.MLPRegressor
    else:
        X, y = _CLF[data]
        X, y = X[:400], y[:400]
        ours_cls, ref_cls = MLPClassifier, sk_nn.MLPClassifier
    w = np.random.default_rng(1).uniform(0.2, 3.0, len(y)) if weighted else None
    kw = dict(hidden_layer_sizes=(7, 5), activation=activation, solver=solver, alpha=1e-3,
              learning_rate_init=0.01, shuffle=False, random_state=0, batch_size=64,
              max_iter=25, tol=0.0, n_iter_no_change=10**6)
    kw.update(extra)
    ours = _ours_from_sklearn_start(ours_cls, X, y, w, **kw)
    ref = ref_cls(**kw).fit(X, y, sample_weight=w)
    assert ours.n_iter_ == ref.n_iter_
    for a, b in zip(ours.coefs_ + ours.intercepts_, ref.coefs_ + ref.intercepts_):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-8)
    if Est == "clf":
        np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=1e-8,
                                   atol=1e-12)


# ---------------------------------------------------------------------------------------------
# issue 15: divergence, weights that leave one class, bounds, extreme values
# ---------------------------------------------------------------------------------------------

def test_diverging_training_raises_and_says_to_scale_the_inputs():
    X, y = make_regression(200, 5, noise=1, random_state=0)
    m = MLPRegressor(solver="sgd", learning_rate_init=0.01, max_iter=50, random_state=0)
    with pytest.raises(ValueError, match="training diverged") as info:
        m.fit(X * 100, y)
    assert "inputs need scaling" in str(info.value)
    assert "StandardScaler" in str(info.value)
    # the same data scaled trains without complaint
    MLPRegressor(solver="sgd", learning_rate_init=0.01, max_iter=50, random_state=0).fit(
        StandardScaler().fit_transform(X), (y - y.mean()) / y.std())


@pytest.mark.parametrize("X", [np.array([[1e308], [-1e308], [1e308], [0.0]]),
                               np.array([[1e200], [-1e200], [3e200], [0.0]])])
def test_inputs_near_the_float_limit_are_refused_by_name(X):
    with pytest.raises(ValueError, match="training diverged") as info:
        MLPClassifier(hidden_layer_sizes=(4,), max_iter=5, random_state=0).fit(X, [0, 1, 0, 1])
    assert f"X's largest absolute value is {np.abs(X).max():.3g}" in str(info.value)


def test_prediction_on_huge_inputs_computes_or_is_refused_by_name():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0).fit(X, y)
    huge = np.full((2, X.shape[1]), 1e308)
    huge[0, ::2] = -1e308
    proba = m.predict_proba(huge)            # saturated, but a probability
    assert np.isfinite(proba).all() and np.allclose(proba.sum(axis=1), 1.0)
    r = MLPRegressor(hidden_layer_sizes=(3,), activation="identity", max_iter=5,
                     random_state=0).fit(X, y.astype(float))
    r.coefs_ = [np.ones_like(c) for c in r.coefs_]   # z = 10 x 1e308 overflows to inf
    with pytest.raises(ValueError, match=r"largest absolute value 1e\+308\) overflow"):
        r.predict(huge)


@pytest.mark.parametrize("scale", [1e308, 5e-324])
def test_extreme_sample_weights_compute(scale):
    X, y = _CLF["binary"]
    kw = dict(hidden_layer_sizes=(8,), max_iter=20, random_state=0)
    a = MLPClassifier(**kw).fit(X, y, sample_weight=np.full(len(y), scale))
    b = MLPClassifier(**kw).fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), rtol=1e-9)


def test_weights_that_leave_one_class_are_refused():
    X = np.arange(6.0)[:, None]
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        MLPClassifier(max_iter=5).fit(X, [0, 0, 0, 1, 1, 1], sample_weight=[0, 0, 0, 1, 1, 1])


@pytest.mark.parametrize("params, bound", [
    (dict(hidden_layer_sizes=(10**9,)), f"{MAX_HIDDEN_UNITS}"),
    (dict(hidden_layer_sizes=10**9), f"{MAX_HIDDEN_UNITS}"),
    (dict(hidden_layer_sizes=(8, 10**9)), f"{MAX_HIDDEN_UNITS}"),
    (dict(max_iter=10**9), f"{MAX_ITER}"),
    (dict(hidden_layer_sizes=(10_000, 10_000)), "at most 10,000,000"),
])
def test_huge_sizes_are_refused_with_the_stated_bound(params, bound):
    X, y = _CLF["binary"]
    with pytest.raises(ValueError, match=bound):
        MLPClassifier(**params).fit(X, y)


# ---------------------------------------------------------------------------------------------
# early stopping, partial_fit, warm_start, verbose
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("Est", [MLPClassifier, MLPRegressor])
def test_early_stopping_keeps_the_best_validation_epoch(Est, monkeypatch):
    X, y = _CLF["multiclass"]
    if Est is MLPRegressor:
        y = X[:, 0] - 2 * X[:, 1] + np.sin(X[:, 2])
    seen = []
    original = Est._validation_score

    def spy(self, Xv, yv, uv):
        seen.append((Xv, yv))
        return original(self, Xv, yv, uv)

    monkeypatch.setattr(Est, "_validation_score", spy)
    m = Est(hidden_layer_sizes=(16,), early_stopping=True, validation_fraction=0.2,
            n_iter_no_change=4, max_iter=300, learning_rate_init=0.01, random_state=0).fit(X, y)
    assert m.best_loss_ is None and len(m.validation_scores_) == m.n_iter_ == len(m.loss_curve_)
    assert m.best_validation_score_ == max(m.validation_scores_)
    Xv, yv = seen[0]
    assert len(yv) == int(np.ceil(0.2 * len(y)))
    if Est is MLPClassifier:  # stratified: every class in proportion
        np.testing.assert_allclose(np.bincount(yv) / len(yv), np.bincount(y) / len(y), atol=0.01)
    # the returned model is the best epoch's
    assert m.score(Xv, yv) == pytest.approx(m.best_validation_score_)
    # scikit-learn's rule, replayed on the recorded scores: stop after n_iter_no_change + 1
    # epochs in a row that did not beat the best by tol
    best, count = -np.inf, 0
    for i, score in enumerate(m.validation_scores_):
        count = count + 1 if score < best + m.tol else 0
        best = max(best, score)
        if count > m.n_iter_no_change:
            assert i == m.n_iter_ - 1
            break
    else:
        assert m.n_iter_ == m.max_iter


@pytest.mark.parametrize("name", ["binary", "multiclass"])
def test_early_stopping_accuracy_within_1_5_points_of_sklearn(name):
    X, y = _CLF[name]
    ours, ref = _mean_scores(MLPClassifier, sk_nn.MLPClassifier, X, y, seeds=(0, 1, 2, 3, 4),
                             hidden_layer_sizes=(16,), early_stopping=True, max_iter=200,
                             learning_rate_init=0.01)
    assert abs(ours - ref) <= 0.015, (ours, ref)


def test_early_stopping_needs_a_validation_set():
    X, y = _CLF["binary"]
    with pytest.raises(ValueError, match="validation set is too small"):
        MLPClassifier(early_stopping=True, validation_fraction=0.0).fit(X, y)
    with pytest.raises(ValueError, match="partial_fit does not support early_stopping"):
        MLPClassifier(early_stopping=True).partial_fit(X, y, classes=[0, 1])


@pytest.mark.parametrize("Est", [MLPClassifier, MLPRegressor])
def test_partial_fit_is_one_epoch_of_fit(Est):
    X, y = _CLF["multiclass"]
    kw = dict(hidden_layer_sizes=(8,), random_state=3)
    extra = dict(classes=[0, 1, 2]) if Est is MLPClassifier else {}
    a = Est(**kw).partial_fit(X, y, **extra)
    b = Est(max_iter=1, **kw).fit(X, y)
    np.testing.assert_array_equal(a.network_.theta, b.network_.theta)
    assert a.n_iter_ == 1 and a.t_ == len(y)
    for _ in range(9):
        a.partial_fit(X, y)
    assert len(a.loss_curve_) == 10 and a.t_ == 10 * len(y) and a.n_iter_ == 1
    assert a.loss_curve_[-1] < a.loss_curve_[0]


def test_partial_fit_classes():
    X, y = _CLF["multiclass"]
    m = MLPClassifier(hidden_layer_sizes=(8,), random_state=0)
    with pytest.raises(ValueError, match="classes must be passed"):
        m.partial_fit(X, y)
    first = y < 2                                    # the first batch has classes 0 and 1 only
    m.partial_fit(X[first], y[first], classes=np.array([0, 1, 2]))
    assert list(m.classes_) == [0, 1, 2] and m.predict_proba(X).shape == (len(y), 3)
    m.partial_fit(X, y)
    with pytest.raises(ValueError, match="classes not in"):
        m.partial_fit(X, np.where(y == 2, 7, y))
    ref = sk_nn.MLPClassifier(hidden_layer_sizes=(8,), random_state=0)
    ref.partial_fit(X[first], y[first], classes=np.array([0, 1, 2]))
    assert ref.predict_proba(X).shape == m.predict_proba(X).shape


def test_warm_start_continues_from_the_last_fit():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, warm_start=True, random_state=0)
    m.fit(X, y)
    after_first = m.network_.get_theta()
    m.fit(X, y)
    assert len(m.loss_curve_) == 10 and m.n_iter_ == 5 and m.t_ == 10 * len(y)
    cold = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(cold.network_.theta, after_first)
    assert not np.array_equal(m.network_.theta, after_first)
    with pytest.raises(ValueError, match="same classes"):
        m.fit(X, np.where(y == 1, 5, y))


def test_verbose_prints_each_epoch(capsys):
    X, y = _CLF["binary"]
    MLPClassifier(hidden_layer_sizes=(4,), max_iter=3, verbose=True, random_state=0).fit(X, y)
    out = capsys.readouterr().out
    assert out.count("Iteration") == 3 and "Iteration 1, loss = " in out


def test_network_history_and_coefs_are_the_same_parameters():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(6, 5), max_iter=4, random_state=0).fit(X, y)
    assert isinstance(m.network_, Network)
    assert m.coefs_[0] is m.network_.layers[0].W or np.shares_memory(m.coefs_[0],
                                                                     m.network_.theta)
    m.coefs_[1][...] = 0.0                           # writes go into the network
    assert not m.network_.layers[1].W.any()
    new = [np.ones_like(c) for c in m.coefs_]
    m.coefs_ = new                                   # assignment copies values in
    np.testing.assert_array_equal(m.network_.layers[2].W, 1.0)
    # history: every step's loss and each layer's gradient norm
    steps = 4 * int(np.ceil(len(y) / 200))
    assert m.history_.step_loss.shape == (steps,) and m.history_.grad_norms.shape == (steps, 3)
    np.testing.assert_allclose(m.history_.epoch_loss, m.loss_curve_)
    fwd = m.network_.forward(X[:3])
    np.testing.assert_allclose(m.forward(X[:3])[-1], fwd.output)


def test_pickle_round_trip_keeps_the_network_bound():
    import pickle
    X, y = _CLF["multiclass"]
    m = MLPClassifier(hidden_layer_sizes=(8,), max_iter=3, random_state=0).fit(X, y)
    loaded = pickle.loads(pickle.dumps(m))
    np.testing.assert_array_equal(loaded.predict_proba(X), m.predict_proba(X))
    loaded.partial_fit(X, y)                         # keeps training its own copy
    assert not np.array_equal(loaded.coefs_[0], m.coefs_[0])
    assert np.shares_memory(loaded.coefs_[0], loaded.network_.theta)
    assert np.shares_memory(loaded._trainer.net.theta, loaded.network_.theta)


def test_n_iter_no_change_may_be_infinite():
    X, y = _CLF["binary"]
    m = MLPClassifier(hidden_layer_sizes=(4,), max_iter=7, tol=10.0, n_iter_no_change=np.inf,
                      random_state=0).fit(X, y)
    assert m.n_iter_ == 7
