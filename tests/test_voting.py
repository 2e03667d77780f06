"""VotingClassifier / VotingRegressor: hand-computed votes, scikit-learn parity, bad input."""

from __future__ import annotations


import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, make_classification, make_regression
from sklearn.ensemble import VotingClassifier as SkVotingClassifier
from sklearn.ensemble import VotingRegressor as SkVotingRegressor
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.linear_model import Ridge as SkRidge
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB
from sklearn.neighbors import KNeighborsClassifier as SkKNN
from sklearn.neighbors import KNeighborsRegressor as SkKNNRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier as SkTree
from sklearn.tree import DecisionTreeRegressor as SkTreeRegressor
from sklearn.utils.estimator_checks import parametrize_with_checks

from algorithms import (DecisionTreeClassifier, DecisionTreeRegressor, VotingClassifier,
                        VotingRegressor)
from algorithms._base import BaseEstimator, ClassifierMixin
from algorithms.linear_model import LinearRegression, LinearSVC, LogisticRegression, Ridge
from algorithms.neighbors import KNeighborsClassifier, KNeighborsRegressor
from tests.sklearn_adapter import adapted_instance


# ---------------------------------------------------------------------------------------------
# Stub voters whose answers are read off X, so a vote can be computed by hand.
# ---------------------------------------------------------------------------------------------
class ColumnVoter(ClassifierMixin, BaseEstimator):
    """Predicts the label index stored in column ``col`` of X."""

    def __init__(self, col=0):
        self.col = col

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.asarray(X)[:, self.col].astype(int)


class ProbaVoter(ClassifierMixin, BaseEstimator):
    """Binary: p(class 1) is column ``col`` of X."""

    def __init__(self, col=0):
        self.col = col

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        p1 = np.asarray(X, dtype=float)[:, self.col]
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] > 0.5).astype(int)


def _hand_votes():
    # three voters' label indices per row (classes 0, 1, 2)
    X = np.array([[0, 0, 1],
                  [0, 1, 2],
                  [2, 2, 0],
                  [1, 0, 1]], dtype=float)
    y = np.array([0, 1, 2, 0])
    return X, y


def test_hard_vote_by_hand_unweighted():
    X, y = _hand_votes()
    voters = [(f"v{j}", ColumnVoter(j)) for j in range(3)]
    pred = VotingClassifier(voters, voting="hard").fit(X, y).predict(X)
    # row 0: {0: 2, 1: 1} -> 0; row 1: one vote each, tie -> first class 0;
    # row 2: {2: 2, 0: 1} -> 2; row 3: {1: 2, 0: 1} -> 1
    np.testing.assert_array_equal(pred, [0, 0, 2, 1])


def test_hard_vote_by_hand_weighted():
    X, y = _hand_votes()
    voters = [(f"v{j}", ColumnVoter(j)) for j in range(3)]
    pred = VotingClassifier(voters, voting="hard", weights=[1, 1, 3]).fit(X, y).predict(X)
    # weights 1, 1, 3: row 0: 0 -> 2, 1 -> 3 => 1; row 1: 0 -> 1, 1 -> 1, 2 -> 3 => 2;
    # row 2: 2 -> 2, 0 -> 3 => 0; row 3: 1 -> 4, 0 -> 1 => 1
    np.testing.assert_array_equal(pred, [1, 2, 0, 1])


def test_hard_vote_matches_counter_reference_on_random_votes():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(300, 5)).astype(float)
    y = np.arange(300) % 4
    w = rng.uniform(0.1, 2.0, size=5)
    voters = [(f"v{j}", ColumnVoter(j)) for j in range(5)]
    ours = VotingClassifier(voters, weights=w).fit(X, y).predict(X)
    expected = []
    for row in X.astype(int):  # independent reference: accumulate each row's weighted votes
        tally = {}
        for label, wj in zip(row, w):
            tally[label] = tally.get(label, 0.0) + wj
        best = max(tally.values())
        expected.append(min(c for c, v in tally.items() if v == best))
    np.testing.assert_array_equal(ours, expected)


def test_soft_vote_by_hand():
    X = np.array([[0.9, 0.2], [0.4, 0.7]])
    y = np.array([0, 1])
    voters = [("a", ProbaVoter(0)), ("b", ProbaVoter(1))]
    soft = VotingClassifier(voters, voting="soft").fit(X, y)
    # row 0: p1 = (0.9 + 0.2) / 2 = 0.55 ; row 1: p1 = (0.4 + 0.7) / 2 = 0.55
    np.testing.assert_allclose(soft.predict_proba(X), [[0.45, 0.55], [0.45, 0.55]])
    weighted = VotingClassifier(voters, voting="soft", weights=[3, 1]).fit(X, y)
    # row 0: p1 = (3 * 0.9 + 0.2) / 4 = 0.725 ; row 1: (3 * 0.4 + 0.7) / 4 = 0.475
    np.testing.assert_allclose(weighted.predict_proba(X)[:, 1], [0.725, 0.475])
    np.testing.assert_array_equal(weighted.predict(X), [1, 0])


def test_labels_are_mapped_back_and_transform_gives_each_voter():
    X, y_idx = _hand_votes()
    labels = np.array(["cat", "dog", "emu"])
    voters = [(f"v{j}", ColumnVoter(j)) for j in range(3)]
    clf = VotingClassifier(voters).fit(X, labels[y_idx])
    np.testing.assert_array_equal(clf.predict(X), labels[[0, 0, 2, 1]])
    np.testing.assert_array_equal(clf.transform(X), X.astype(int))
    assert set(clf.named_estimators_) == {"v0", "v1", "v2"}
    assert clf.named_estimators_.v1 is clf.estimators_[1]


# ---------------------------------------------------------------------------------------------
# Parity with scikit-learn
# ---------------------------------------------------------------------------------------------
def _datasets():
    Xb, yb = make_classification(n_samples=600, n_features=8, n_informative=4, random_state=1)
    Xm, ym = make_classification(n_samples=600, n_features=10, n_informative=6, n_classes=3,
                                 n_clusters_per_class=1, random_state=2)
    Xc, yc = load_breast_cancer(return_X_y=True)
    Xc = StandardScaler().fit_transform(Xc)
    return {"binary": (Xb, yb), "multiclass": (Xm, ym), "cancer": (Xc, yc)}


DATASETS = _datasets()


def _sk_bases():
    return [("tree", SkTree(max_depth=4, random_state=0)), ("knn", SkKNN(7)),
            ("nb", SkGaussianNB()), ("lr", SkLogisticRegression(max_iter=500))]


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("voting", ["hard", "soft"])
def test_same_sklearn_bases_give_sklearn_predictions_exactly(name, voting):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, _ = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
    weights = [1.0, 2.0, 0.5, 1.5]
    ours = VotingClassifier(_sk_bases(), voting=voting, weights=weights).fit(Xtr, ytr)
    ref = SkVotingClassifier(_sk_bases(), voting=voting, weights=weights).fit(Xtr, ytr)
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
    if voting == "soft":
        np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-12)


@pytest.mark.parametrize("voting", ["hard", "soft"])
def test_drop_and_a_single_voter_as_sklearn(voting):
    """"drop" leaves a voter out (its weight too), one voter is enough, and named_estimators_ /
    get_feature_names_out / transform are scikit-learn's, on the same learners."""
    X, y = DATASETS["multiclass"]
    Xtr, Xte, ytr, _ = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
    weights = [1.0, 2.0, 0.5, 1.5]
    for drop in (["knn"], ["tree", "nb", "lr"]):
        bases = [(n, "drop" if n in drop else e) for n, e in _sk_bases()]
        ours = VotingClassifier(bases, voting=voting, weights=weights).fit(Xtr, ytr)
        ref = SkVotingClassifier(bases, voting=voting, weights=weights).fit(Xtr, ytr)
        np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
        np.testing.assert_allclose(ours.transform(Xte), ref.transform(Xte), atol=1e-12)
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
        assert list(ours.named_estimators_) == list(ref.named_estimators_)
        for n in drop:
            assert ours.named_estimators_[n] == "drop"
        assert len(ours.estimators_) == 4 - len(drop)
    one = VotingClassifier([("lr", LogisticRegression())], voting=voting).fit(Xtr, ytr)
    np.testing.assert_array_equal(one.predict(Xte), LogisticRegression().fit(Xtr, ytr).predict(Xte))
    # set_params(name="drop") after construction, as in scikit-learn
    clf = VotingClassifier(_two(), voting=voting).set_params(tree="drop").fit(Xtr, ytr)
    assert [n for n, _ in clf.estimators] == ["tree", "lr"] and len(clf.estimators_) == 1


def test_regressor_drop_and_feature_names_as_sklearn():
    X, y = make_regression(n_samples=300, n_features=5, noise=5.0, random_state=0)
    bases = [("ridge", SkRidge()), ("tree", "drop"), ("knn", SkKNNRegressor())]
    ours = VotingRegressor(bases, weights=[1, 5, 2]).fit(X, y)
    ref = SkVotingRegressor(bases, weights=[1, 5, 2]).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X))
    assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
    VotingRegressor(bases, n_jobs=2, verbose=True).fit(X, y)   # accepted (no effect here)


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("voting", ["hard", "soft"])
def test_our_bases_match_sklearn_accuracy(name, voting):
    X, y = DATASETS[name]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
    ours = VotingClassifier([("tree", DecisionTreeClassifier(max_depth=4, random_state=0)),
                             ("knn", KNeighborsClassifier(7)), ("lr", LogisticRegression())],
                            voting=voting).fit(Xtr, ytr)
    ref = SkVotingClassifier([("tree", SkTree(max_depth=4, random_state=0)), ("knn", SkKNN(7)),
                              ("lr", SkLogisticRegression())], voting=voting).fit(Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015


@pytest.mark.parametrize("seed", [0, 1])
def test_regressor_parity(seed):
    X, y = make_regression(n_samples=500, n_features=6, n_informative=4, noise=10.0,
                           random_state=seed)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.4, random_state=seed)
    w = [2.0, 1.0, 1.0]
    sk_bases = [("tree", SkTreeRegressor(max_depth=5, random_state=0)),
                ("knn", SkKNNRegressor(5)), ("ridge", SkRidge())]
    same = VotingRegressor(sk_bases, weights=w).fit(Xtr, ytr)
    ref = SkVotingRegressor(sk_bases, weights=w).fit(Xtr, ytr)
    np.testing.assert_allclose(same.predict(Xte), ref.predict(Xte), rtol=1e-12, atol=1e-9)
    ours = VotingRegressor([("tree", DecisionTreeRegressor(max_depth=5, random_state=0)),
                            ("knn", KNeighborsRegressor(5)), ("ridge", Ridge())],
                           weights=w).fit(Xtr, ytr)
    assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.015
    # the prediction is the weighted mean of each regressor's prediction (transform)
    np.testing.assert_allclose(ours.predict(Xte), ours.transform(Xte) @ np.array(w) / sum(w))


def test_soft_predict_proba_rows_sum_to_one_and_hard_has_none():
    X, y = DATASETS["multiclass"]
    bases = [("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
             ("lr", LogisticRegression())]
    soft = VotingClassifier(bases, voting="soft", weights=[1, 3]).fit(X, y)
    proba = soft.predict_proba(X)
    assert proba.shape == (X.shape[0], 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(soft.predict(X), soft.classes_[proba.argmax(axis=1)])
    assert soft.transform(X).shape == (X.shape[0], 6)
    assert VotingClassifier(bases, voting="soft", flatten_transform=False).fit(X, y) \
        .transform(X).shape == (2, X.shape[0], 3)
    hard = VotingClassifier(bases, voting="hard").fit(X, y)
    assert not hasattr(hard, "predict_proba")


def test_nested_params_reach_the_voters():
    X, y = DATASETS["binary"]
    clf = VotingClassifier([("tree", DecisionTreeClassifier(max_depth=5)),
                            ("lr", LogisticRegression())])
    assert clf.get_params()["tree__max_depth"] == 5
    clf.set_params(tree__max_depth=1).fit(X, y)
    assert clf.named_estimators_.tree.get_depth() == 1
    knn = KNeighborsClassifier(3)
    clf.set_params(lr=knn)
    assert clf.estimators[1] == ("lr", knn)


def test_sample_weight_reaches_every_voter():
    X, y = DATASETS["binary"]
    w = np.random.default_rng(0).uniform(0, 3, size=len(y))
    clf = VotingClassifier([("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
                            ("lr", LogisticRegression())], voting="soft").fit(X, y, w)
    alone = LogisticRegression().fit(X, y, sample_weight=w)
    np.testing.assert_allclose(clf.named_estimators_.lr.coef_, alone.coef_)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------
def _two():
    return [("tree", DecisionTreeClassifier(max_depth=2)), ("lr", LogisticRegression())]


@pytest.mark.parametrize("kwargs, match", [
    (dict(estimators=[]), "at least one base estimator, got none"),
    (dict(estimators=[("tree", "drop"), ("lr", "drop")]), "got only dropped ones"),
    (dict(estimators=_two(), weights=[0, 1]), None),
    (dict(estimators=[("tree", DecisionTreeClassifier()), ("lr", "drop")], weights=[0, 1]),
     "not dropped all have weight 0"),
    (dict(estimators=_two(), voting="average"), "voting"),
    (dict(estimators=_two(), weights=[1, 2, 3]), "3 value.*2 estimators"),
    (dict(estimators=_two(), weights=[1, -1]), "weights"),
    (dict(estimators=[("a", DecisionTreeClassifier()), ("a", LogisticRegression())]), "unique"),
    (dict(estimators=[("a__b", DecisionTreeClassifier()), ("c", LogisticRegression())]), "__"),
    (dict(estimators=[("tree", DecisionTreeClassifier()), ("lr", "not a model")]), "'lr'"),
    (dict(estimators=_two() + [("svm", LinearSVC())], voting="soft"), "'svm'.*predict_proba"),
])
def test_bad_parameters_raise_value_error_naming_them(kwargs, match):
    X, y = DATASETS["binary"]
    if match is None:   # accepted
        VotingClassifier(**kwargs).fit(X, y)
        return
    with pytest.raises(ValueError, match=match):
        VotingClassifier(**kwargs).fit(X, y)


def test_bad_input_and_feature_count():
    X, y = DATASETS["binary"]
    clf = VotingClassifier(_two()).fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features, but VotingClassifier is expecting 8"):
        clf.predict(X[:, :3])
    bad = X.copy()
    bad[3, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        VotingClassifier(_two()).fit(bad, y)
    with pytest.raises(ValueError, match="does not support sample_weight"):
        VotingClassifier([("knn", KNeighborsClassifier()), ("lr", LogisticRegression())]) \
            .fit(X, y, sample_weight=np.ones(len(y)))
    with pytest.raises(ValueError, match="continuous"):
        VotingClassifier(_two()).fit(X, y + 0.5)


# ---------------------------------------------------------------------------------------------
# scikit-learn's estimator checks
# ---------------------------------------------------------------------------------------------
# Every voting instance passes every check (no expected failures).
EXPECTED_FAILURES: dict[str, dict[str, str]] = {}


def checked_instance(estimator):
    """``adapted_instance(estimator)``; a hard-voting ``transform`` returns label indices (ints),
    so it does not preserve the float dtype scikit-learn's transformer checks assume."""
    adapted = type(adapted_instance(estimator))
    name = adapted.__name__ + "Checked"
    if name not in globals():
        def __sklearn_tags__(self):
            tags = adapted.__sklearn_tags__(self)
            if getattr(self, "voting", None) == "hard":
                tags.transformer_tags.preserves_dtype = []
            return tags
        cls = type(adapted.__name__, (adapted,), {"__sklearn_tags__": __sklearn_tags__,
                                                   "__module__": __name__})
        cls.__qualname__ = name
        cls.__init__ = adapted.__init__
        globals()[name] = cls  # picklable as <this module>.<Name>Checked
    return globals()[name](**estimator.get_params(deep=False))


def _check_instances():
    return [
        checked_instance(VotingClassifier(
            [("lr", LogisticRegression()), ("lr_strong", LogisticRegression(C=0.05)),
             ("svm", LinearSVC())], voting="hard")),
        checked_instance(VotingClassifier(
            [("t1", DecisionTreeClassifier(max_depth=3, random_state=0)),
             ("lr", LogisticRegression())], voting="soft", weights=[1, 2])),
        checked_instance(VotingRegressor([("ridge", Ridge()), ("ols", LinearRegression())],
                                         weights=[2, 1])),
    ]


@parametrize_with_checks(_check_instances(),
                         expected_failed_checks=lambda e: EXPECTED_FAILURES.get(
                             f"{type(e).__name__}:{getattr(e, 'voting', '')}", {}))
def test_sklearn_compatible(estimator, check):
    check(estimator)
