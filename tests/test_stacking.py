"""StackingClassifier / StackingRegressor: no leakage, scikit-learn parity, layers, bad input."""

from __future__ import annotations


import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, make_classification, make_regression
from sklearn.ensemble import StackingClassifier as SkStackingClassifier
from sklearn.ensemble import StackingRegressor as SkStackingRegressor
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.linear_model import Ridge as SkRidge
from sklearn.model_selection import PredefinedSplit, train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB
from sklearn.neighbors import KNeighborsClassifier as SkKNN
from sklearn.neighbors import KNeighborsRegressor as SkKNNRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier as SkTree
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor
from sklearn.utils.estimator_checks import parametrize_with_checks

from algorithms import (DecisionTreeClassifier, DecisionTreeRegressor, StackingClassifier,
                        StackingRegressor)
from algorithms._base import BaseEstimator, ClassifierMixin
from algorithms.linear_model import LinearRegression, LinearSVC, LogisticRegression, Ridge
from algorithms.neighbors import KNeighborsClassifier, KNeighborsRegressor
from algorithms.stacking import holdout_split, stratified_folds
from tests.sklearn_adapter import adapted_instance


# ---------------------------------------------------------------------------------------------
# Spies: every row carries its id in column 0, so a learner can tell which rows it trained on.
# ---------------------------------------------------------------------------------------------
class LeakSpy(ClassifierMixin, BaseEstimator):
    """Binary classifier whose p(class 1) answers "was this row one of my training rows?".

    If the final estimator is ever trained on a base's prediction for a row that base was trained
    on, the final estimator's training features contain a 1.
    """

    def __init__(self, id_col=0):
        self.id_col = id_col

    def fit(self, X, y, sample_weight=None):
        self.seen_ = np.asarray(X)[:, self.id_col].copy()
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        flag = np.isin(np.asarray(X)[:, self.id_col], self.seen_).astype(float)
        return np.column_stack([1.0 - flag, flag])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] > 0.5).astype(int)


class IdEcho(ClassifierMixin, BaseEstimator):
    """Passes the row id through as its p(class 1), so the next layer can still recognise rows."""

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        ids = np.asarray(X, dtype=float)[:, 0]
        return np.column_stack([1.0 - ids, ids])

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


class RecordingLogistic(LogisticRegression):
    """Our logistic regression, remembering the features it was trained on."""

    def fit(self, X, y, sample_weight=None):
        self.train_X_ = np.array(X, copy=True)
        return super().fit(X, y, sample_weight=sample_weight)


def _id_data(n=240, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.arange(n) / n, rng.normal(size=(n, 3))])
    y = (X[:, 1] + 0.5 * rng.normal(size=n) > 0).astype(int)
    return X, y


@pytest.mark.parametrize("cv", [5, 3, "holdout"])
def test_final_estimator_never_sees_predictions_on_rows_its_bases_trained_on(cv):
    X, y = _id_data()
    stack = StackingClassifier([("spy", LeakSpy()), ("lr", LogisticRegression())],
                               final_estimator=RecordingLogistic(), cv=cv, random_state=0)
    stack.fit(X, y)
    seen_by_final = stack.final_estimator_.train_X_
    assert stack.final_feature_names_[0] == "spy:proba_1"
    assert seen_by_final[:, 0].max() == 0.0, "a base's in-sample prediction reached the final"
    # the spy can see a leak: the bases used at predict time did train on these rows
    train_rows = X[stack.train_indices_]
    assert stack.transform(train_rows)[:, 0].min() == 1.0


def test_holdout_is_the_lecture_split_and_bases_are_not_refit():
    X, y = _id_data(n=300)
    stack = StackingClassifier([("spy", LeakSpy()), ("lr", LogisticRegression())],
                               final_estimator=RecordingLogistic(), cv="holdout",
                               holdout_fraction=0.3, random_state=1).fit(X, y)
    part1, part2 = stack.train_indices_, stack.holdout_indices_
    assert np.intersect1d(part1, part2).size == 0
    np.testing.assert_array_equal(np.sort(np.concatenate([part1, part2])), np.arange(len(y)))
    # bases trained on part 1 only (and kept so: not refit on all data)
    np.testing.assert_array_equal(np.sort(stack.named_estimators_.spy.seen_), X[part1, 0])
    # the final estimator trained on the bases' outputs on part 2, row for row
    np.testing.assert_allclose(stack.final_estimator_.train_X_, stack.transform(X[part2]))
    np.testing.assert_array_equal(stack.layer_train_indices_[-1], part2)
    # stratified: each class keeps round(0.3 * count) rows in part 2
    for c in (0, 1):
        assert np.sum(y[part2] == c) == round(0.3 * np.sum(y == c))


def test_cv_refits_bases_on_all_rows_and_folds_are_stratified():
    X, y = _id_data(n=250)
    stack = StackingClassifier([("spy", LeakSpy()), ("lr", LogisticRegression())],
                               cv=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(np.sort(stack.named_estimators_.spy.seen_), X[:, 0])
    folds = stack.fold_of_row_
    sizes = np.bincount(folds)
    assert sizes.max() - sizes.min() <= 1
    for c in (0, 1):
        per_fold = np.bincount(folds[y == c], minlength=5)
        assert per_fold.max() - per_fold.min() <= 1


@pytest.mark.parametrize("cv", [3, "holdout"])
def test_no_leak_through_two_layers(cv):
    X, y = _id_data(n=400)
    layer1 = [("id", IdEcho()), ("spy1", LeakSpy(id_col=0))]
    layer2 = [("id2", IdEcho()), ("spy2", LeakSpy(id_col=0))]
    stack = StackingClassifier([layer1, layer2], final_estimator=RecordingLogistic(), cv=cv,
                               holdout_fraction=0.5, random_state=0).fit(X, y)
    # layer 2 trained on layer-1 outputs for rows layer 1 had not trained on ...
    spy2 = stack.named_estimators_.spy2
    ids_seen_by_layer2 = spy2.seen_
    z1 = stack.transform_layers(X)[0]
    assert stack.layer_feature_names_[0] == ["id:proba_1", "spy1:proba_1"]
    if cv == "holdout":
        layer1_rows = set(stack.layer_train_indices_[0].tolist())
        assert not layer1_rows & set(np.round(ids_seen_by_layer2 * len(y)).astype(int).tolist())
        np.testing.assert_array_equal(z1[stack.layer_train_indices_[1], 1], 0.0)
    # ... and the final estimator on layer-2 outputs for rows layer 2 had not trained on
    assert stack.final_estimator_.train_X_[:, 1].max() == 0.0
    assert stack.final_feature_names_ == ["id2:proba_1", "spy2:proba_1"]


# ---------------------------------------------------------------------------------------------
# Parity with scikit-learn
# ---------------------------------------------------------------------------------------------
def _datasets():
    Xb, yb = make_classification(n_samples=800, n_features=10, n_informative=5, flip_y=0.05,
                                 random_state=3)
    Xm, ym = make_classification(n_samples=800, n_features=10, n_informative=6, n_classes=3,
                                 n_clusters_per_class=1, random_state=4)
    Xc, yc = load_breast_cancer(return_X_y=True)
    return {"binary": (Xb, yb), "multiclass": (Xm, ym),
            "cancer": (StandardScaler().fit_transform(Xc), yc)}


DATASETS = _datasets()


def _sk_bases():
    return [("tree", SkTree(max_depth=4, random_state=0)), ("knn", SkKNN(9)),
            ("nb", SkGaussianNB())]


@pytest.mark.parametrize("name", list(DATASETS))
def test_same_folds_and_learners_reproduce_sklearn_exactly(name):
    """scikit-learn's StackingClassifier on our folds (PredefinedSplit) and the same learners."""
    X, y = DATASETS[name]
    Xtr, Xte, ytr, _ = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
    ours = StackingClassifier(_sk_bases(), final_estimator=SkLogisticRegression(), cv=4,
                              random_state=0).fit(Xtr, ytr)
    ref = SkStackingClassifier(_sk_bases(), final_estimator=SkLogisticRegression(),
                               cv=PredefinedSplit(ours.fold_of_row_)).fit(Xtr, ytr)
    np.testing.assert_allclose(ours.transform(Xte), ref.transform(Xte), atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-8)
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))


def _our_three_for_parity():
    return [("tree", DecisionTreeClassifier(max_depth=4, random_state=0)),
            ("knn", KNeighborsClassifier(9)), ("lr", LogisticRegression())]


def _sk_three_for_parity():
    return [("tree", SkTree(max_depth=4, random_state=0)), ("knn", SkKNN(9)),
            ("lr", SkLogisticRegression())]


@pytest.mark.parametrize("name", list(DATASETS))
def test_our_learners_match_sklearn_accuracy(name):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
    ours = StackingClassifier(_our_three_for_parity(), cv=5, random_state=0).fit(Xtr, ytr)
    ref = SkStackingClassifier(_sk_three_for_parity(), cv=5).fit(Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015


def _sklearn_blend(bases, Xtr, ytr, part1, part2, Xte):
    """The lecture's blending built by hand from scikit-learn pieces, on a given split."""
    fitted = [est.fit(Xtr[part1], ytr[part1]) for _, est in bases]

    def z(X):
        return np.column_stack([m.predict_proba(X)[:, 1:] if len(m.classes_) == 2
                                else m.predict_proba(X) for m in fitted])
    final = SkLogisticRegression().fit(z(Xtr[part2]), ytr[part2])
    return final.predict_proba(z(Xte)), final.classes_


@pytest.mark.parametrize("name", list(DATASETS))
def test_holdout_equals_hand_built_blending(name):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
    same = StackingClassifier(_sk_bases(), final_estimator=SkLogisticRegression(),
                              cv="holdout", random_state=0).fit(Xtr, ytr)
    proba, _ = _sklearn_blend(_sk_bases(), Xtr, ytr, same.train_indices_,
                              same.holdout_indices_, Xte)
    np.testing.assert_allclose(same.predict_proba(Xte), proba, atol=1e-8)
    # our learners on the same split: accuracy within 1.5 points of the scikit-learn blend
    ours = StackingClassifier(_our_three_for_parity(), cv="holdout",
                              random_state=0).fit(Xtr, ytr)
    proba, classes = _sklearn_blend(_sk_three_for_parity(), Xtr, ytr, ours.train_indices_,
                                    ours.holdout_indices_, Xte)
    ref_score = np.mean(classes[proba.argmax(axis=1)] == yte)
    assert abs(ours.score(Xte, yte) - ref_score) <= 0.015


@pytest.mark.parametrize("seed", [0, 1])
def test_regressor_parity(seed):
    X, y = make_regression(n_samples=600, n_features=8, n_informative=5, noise=15.0,
                           random_state=seed)
    y = y + 0.02 * X[:, 0] ** 3  # a little non-linearity so the tree and k-NN matter
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=seed)
    sk_bases = [("tree", SkTreeRegressor(max_depth=5, random_state=0)),
                ("knn", SkKNNRegressor(7)), ("ridge", SkRidge())]
    same = StackingRegressor(sk_bases, final_estimator=SkRidge(), cv=5,
                             random_state=seed).fit(Xtr, ytr)
    ref_same = SkStackingRegressor(sk_bases, final_estimator=SkRidge(),
                                   cv=PredefinedSplit(same.fold_of_row_)).fit(Xtr, ytr)
    np.testing.assert_allclose(same.predict(Xte), ref_same.predict(Xte), rtol=1e-9, atol=1e-8)
    ours = StackingRegressor([("tree", DecisionTreeRegressor(max_depth=5, random_state=0)),
                              ("knn", KNeighborsRegressor(7)), ("ridge", Ridge())],
                             cv=5, random_state=seed).fit(Xtr, ytr)
    ref = SkStackingRegressor(sk_bases, cv=5).fit(Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015
    # the final ridge's weights are the edges of the layer diagram: one per base
    assert ours.final_estimator_.coef_.shape == (3,)
    assert ours.final_feature_names_ == ["tree:predict", "knn:predict", "ridge:predict"]


# ---------------------------------------------------------------------------------------------
# Outputs, layers, stack_method, passthrough
# ---------------------------------------------------------------------------------------------
def _three():
    return [("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
            ("knn", KNeighborsClassifier(5)), ("lr", LogisticRegression())]


@pytest.mark.parametrize("name", ["binary", "multiclass"])
def test_predict_proba_rows_sum_to_one(name):
    X, y = DATASETS[name]
    for cv in (3, "holdout"):
        stack = StackingClassifier(_three(), cv=cv, random_state=0).fit(X, y)
        proba = stack.predict_proba(X)
        assert proba.shape == (len(y), len(np.unique(y)))
        np.testing.assert_allclose(proba.sum(axis=1), 1.0)
        np.testing.assert_array_equal(stack.predict(X), stack.classes_[proba.argmax(axis=1)])


def test_a_class_missing_from_a_training_fold_gets_zero_probability_columns():
    X, y = DATASETS["multiclass"]
    y = y.copy()
    y[0] = 3  # a class with a single row: the fold holding it trains without that class
    bases = [("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
             ("lr", LogisticRegression())]
    stack = StackingClassifier(bases, final_estimator=RecordingLogistic(), cv=4,
                               random_state=0).fit(X, y)
    Z = stack.final_estimator_.train_X_
    assert Z.shape == (len(y), 8)
    assert Z[0, 3] == 0.0 and Z[0, 7] == 0.0  # row 0's bases never saw class 3
    np.testing.assert_allclose(stack.predict_proba(X).sum(axis=1), 1.0)


def test_binary_probabilities_keep_only_class_one_and_names_follow_labels():
    X, y = DATASETS["binary"]
    labels = np.array(["no", "yes"])[y]
    stack = StackingClassifier(_three(), cv=3, random_state=0).fit(X, labels)
    Z = stack.transform(X[:20])
    assert Z.shape == (20, 3)
    np.testing.assert_allclose(Z[:, 0], stack.named_estimators_.tree.predict_proba(X[:20])[:, 1])
    assert stack.final_feature_names_ == ["tree:proba_yes", "knn:proba_yes", "lr:proba_yes"]
    assert set(stack.predict(X)) <= {"no", "yes"}
    assert stack.stack_method_ == ["predict_proba"] * 3


def test_stack_method_auto_falls_back_and_explicit_choices():
    X, y = DATASETS["multiclass"]
    bases = [("svm", LinearSVC()), ("tree", DecisionTreeClassifier(max_depth=3))]
    auto = StackingClassifier(bases, cv=3, random_state=0).fit(X, y)
    assert auto.stack_method_ == ["decision_function", "predict_proba"]
    assert auto.transform(X).shape == (len(y), 6)
    assert auto.final_feature_names_[:3] == ["svm:decision_0", "svm:decision_1",
                                             "svm:decision_2"]
    pred = StackingClassifier(bases, cv=3, stack_method="predict", random_state=0).fit(X, y)
    assert pred.final_feature_names_ == ["svm:predict", "tree:predict"]
    np.testing.assert_array_equal(pred.transform(X[:30])[:, 1],
                                  pred.named_estimators_.tree.predict(X[:30]))


def test_passthrough_appends_the_original_features():
    X, y = DATASETS["binary"]
    stack = StackingClassifier(_three(), cv=3, passthrough=True, random_state=0).fit(X, y)
    Z = stack.transform(X[:10])
    assert Z.shape == (10, 3 + X.shape[1])
    np.testing.assert_array_equal(Z[:, 3:], X[:10])
    assert stack.final_estimator_.coef_.shape[-1] == 3 + X.shape[1]
    assert stack.final_feature_names_[3:] == [f"x{j}" for j in range(X.shape[1])]


@pytest.mark.parametrize("cv", [3, "holdout"])
def test_list_of_layers(cv):
    X, y = DATASETS["multiclass"]
    layers = [_three(), [("lr2", LogisticRegression(C=0.5)),
                         ("tree2", DecisionTreeClassifier(max_depth=2, random_state=0))]]
    stack = StackingClassifier(layers, cv=cv, holdout_fraction=0.5, random_state=0).fit(X, y)
    outs = stack.transform_layers(X[:25])
    assert [o.shape for o in outs] == [(25, 9), (25, 6)]
    assert [len(n) for n in stack.layer_feature_names_] == [9, 6]
    assert stack.layer_feature_names_[1][0] == "lr2:proba_0"
    assert len(stack.estimators_) == 2 and len(stack.estimators_[0]) == 3
    assert stack.stack_method_ == [["predict_proba"] * 3, ["predict_proba"] * 2]
    # layer 2 really is fed by layer 1
    np.testing.assert_allclose(outs[1][:, :3], stack.named_estimators_.lr2.predict_proba(outs[0]))
    assert stack.final_estimator_.coef_.shape == (3, 6)
    assert stack.score(X, y) > 0.8
    if cv == "holdout":  # each layer splits what it was given: ~400 + 200 + 200 rows
        sizes = [len(r) for r in stack.layer_train_indices_]  # (per-class rounding: +-1 a class)
        assert sum(sizes) == 800 and abs(sizes[0] - 400) <= 3 and abs(sizes[1] - 200) <= 3
        all_rows = np.concatenate(stack.layer_train_indices_)
        assert np.unique(all_rows).size == len(y)


def test_stacking_as_final_estimator():
    X, y = DATASETS["binary"]
    inner = StackingClassifier([("lr2", LogisticRegression()),
                                ("tree2", DecisionTreeClassifier(max_depth=2))], cv=3)
    stack = StackingClassifier(_three(), final_estimator=inner, cv=3, random_state=0).fit(X, y)
    outs = stack.transform_layers(X[:7])
    assert [o.shape for o in outs] == [(7, 3), (7, 2)]
    assert len(stack.layer_feature_names_) == 2
    assert stack.final_estimator_.final_estimator_.coef_.shape == (1, 2)
    np.testing.assert_allclose(stack.predict_proba(X).sum(axis=1), 1.0)
    assert stack.score(X, y) > 0.8


def test_nested_params_reach_bases_in_every_layer():
    layers = [_three(), [("lr2", LogisticRegression()), ("tree2", DecisionTreeClassifier())]]
    stack = StackingClassifier(layers)
    params = stack.get_params()
    assert params["tree__max_depth"] == 3 and params["tree2__max_depth"] is None
    stack.set_params(tree2__max_depth=2, knn=KNeighborsClassifier(3))
    assert stack.estimators[1][1][1].max_depth == 2
    assert stack.estimators[0][1][0] == "knn" and stack.estimators[0][1][1].n_neighbors == 3


def test_sample_weight_reaches_bases_and_final():
    X, y = DATASETS["binary"]
    w = np.random.default_rng(0).uniform(0.0, 2.0, size=len(y))
    bases = [("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
             ("lr", LogisticRegression())]
    stack = StackingClassifier(bases, final_estimator=RecordingLogistic(), cv=3,
                               random_state=0).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(stack.named_estimators_.lr.coef_,
                               LogisticRegression().fit(X, y, sample_weight=w).coef_)
    alone = LogisticRegression().fit(stack.final_estimator_.train_X_, y, sample_weight=w)
    np.testing.assert_allclose(stack.final_estimator_.coef_, alone.coef_)


def test_helpers_split_as_documented():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], [50, 30, 7])
    folds = stratified_folds(y, 4, rng)
    for c in range(3):
        counts = np.bincount(folds[y == c], minlength=4)
        assert counts.max() - counts.min() <= 1
    part1, part2 = holdout_split(y, 0.25, rng, stratify=True)
    assert [np.sum(y[part2] == c) for c in range(3)] == [12, 8, 2]  # round(0.25 * count)
    assert np.intersect1d(part1, part2).size == 0 and len(part1) + len(part2) == len(y)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------
class NoPredict(BaseEstimator):
    def fit(self, X, y):
        return self


@pytest.mark.parametrize("kwargs, match", [
    (dict(estimators=[]), "at least one base estimator, got none"),
    (dict(estimators=[_three(), [("only", "drop")]]),
     "at least one base estimator in layer 2, got only dropped ones"),
    (dict(estimators=[_three(), [("a", "drop"), ("b", "not a model")]]),
     "'b' in layer 2 must be an estimator with fit and get_params, or 'drop'"),
    (dict(estimators=_three(), stack_method="vote"), "stack_method"),
    (dict(estimators=_three(), stack_method="decision_function"),
     "'tree'.*has no decision_function"),
    (dict(estimators=_three(), final_estimator=NoPredict()), "NoPredict needs fit and predict"),
    (dict(estimators=_three(), final_estimator=Ridge()), "regressor; it must be a classifier"),
    (dict(estimators=_three(), cv=1), "'cv'"),
    (dict(estimators=_three(), cv="kfold"), "'cv'"),
    (dict(estimators=_three(), cv=2.5), "'cv'"),
    (dict(estimators=_three(), cv="holdout", holdout_fraction=1.0), "holdout_fraction"),
    (dict(estimators=[("a", LogisticRegression()), ("a", LinearSVC())]), "unique"),
])
def test_bad_parameters_raise_value_error_naming_them(kwargs, match):
    X, y = DATASETS["binary"]
    with pytest.raises(ValueError, match=match):
        StackingClassifier(**kwargs).fit(X, y)


def test_bad_input_and_feature_count():
    X, y = DATASETS["binary"]
    stack = StackingClassifier(_three(), cv=3, random_state=0).fit(X, y)
    for method in ("predict", "predict_proba", "transform", "transform_layers"):
        with pytest.raises(ValueError, match="X has 4 features, but StackingClassifier is "
                                             "expecting 10 features"):
            getattr(stack, method)(X[:, :4])
    with pytest.raises(ValueError, match="'knn'.*cannot take it"):
        StackingClassifier(_three()).fit(X, y, sample_weight=np.ones(len(y)))
    with pytest.raises(ValueError, match="cv=5 folds need at least 5 samples, got 3"):
        StackingClassifier(_three()).fit(X[:3], [0, 1, 0])
    with pytest.raises(ValueError, match="empty part|single class"):
        StackingClassifier(_three(), cv="holdout", holdout_fraction=0.05).fit(X[:8], y[:8])
    with pytest.raises(ValueError, match="infinity"):
        StackingRegressor([("a", Ridge()), ("b", LinearRegression())]).fit(
            np.full((10, 2), np.inf), np.arange(10.0))
    with pytest.raises(ValueError, match="classifier; it must be a regressor"):
        StackingRegressor([("a", Ridge()), ("b", LinearRegression())],
                          final_estimator=LogisticRegression()).fit(X, y.astype(float))


# ---------------------------------------------------------------------------------------------
# scikit-learn's estimator checks
# ---------------------------------------------------------------------------------------------
# None: scikit-learn's sample-weight check hands its own folds as cv (a list of (train, test)
# pairs), which our stacking accepts, so weights equal repeated rows there too.
EXPECTED_FAILURES: dict[str, dict[str, str]] = {}


def _check_key(est):
    kinds = {type(e).__name__ for _, e in est.estimators}
    return f"{type(est).__name__}:{'tree' if any('Tree' in k for k in kinds) else 'linear'}"


def _check_instances():
    return [
        adapted_instance(StackingClassifier(
            [("est1", DecisionTreeClassifier(max_depth=3, random_state=0)),
             ("est2", DecisionTreeClassifier(max_depth=3, random_state=1))], cv=3)),
        adapted_instance(StackingClassifier(
            [("lr", LogisticRegression()), ("svm", LinearSVC())], cv="holdout")),
        adapted_instance(StackingRegressor(
            [("est1", DecisionTreeRegressor(max_depth=3, random_state=0)),
             ("est2", DecisionTreeRegressor(max_depth=3, random_state=1))], cv=3)),
    ]


@parametrize_with_checks(_check_instances(),
                         expected_failed_checks=lambda e: EXPECTED_FAILURES.get(_check_key(e), {}),
                         xfail_strict=True)
def test_sklearn_compatible(estimator, check):
    check(estimator)
